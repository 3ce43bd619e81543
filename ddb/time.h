/* time.h - one time format everywhere, UTC with microseconds and an explicit offset, as the
 * chat app writes its sort keys; and the same for people, in the local time zone. */
#ifndef DDB_TIME_H
#define DDB_TIME_H

#include <stddef.h>
#include <stdint.h>

#define DDB_TIME_LEN 33 /* "2026-11-24T18:26:55.123456+00:00" and NUL */

int64_t ddb_time_now_us(void);
void ddb_time_format(int64_t unix_us, char out[DDB_TIME_LEN]);
/* Parses ISO-8601 "YYYY-MM-DDTHH:MM:SS[.ffffff](Z|+HH:MM|-HH:MM)" (a space for T is fine; no
 * offset means UTC). 0 or -1. */
int ddb_time_parse(const char *s, int64_t *unix_us);

/* "2026-11-24 19:26" in the local time zone, for people; from a time, or from an sk (shown
 * as is if it is not a time). */
void ddb_time_local(int64_t unix_us, char *out, size_t n);
void ddb_time_local_sk(const char *sk, char *out, size_t n);

#endif
