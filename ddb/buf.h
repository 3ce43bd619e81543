/* buf.h - a growable byte buffer, always NUL-terminated. Aborts on out-of-memory. */
#ifndef DDB_BUF_H
#define DDB_BUF_H

#include <stddef.h>

#include "error.h"

struct ddb_buf {
	char *data; /* NUL-terminated; NULL until the first append */
	size_t len;
	size_t cap;
};

#define DDB_BUF_INIT                                                                               \
	{                                                                                          \
		NULL, 0, 0                                                                         \
	}

void ddb_buf_init(struct ddb_buf *b);
void ddb_buf_done(struct ddb_buf *b);
void ddb_buf_reset(struct ddb_buf *b); /* len = 0, keeps the memory */
void ddb_buf_reserve(struct ddb_buf *b, size_t extra);
void ddb_buf_append(struct ddb_buf *b, const void *data, size_t len);
void ddb_buf_puts(struct ddb_buf *b, const char *s);
void ddb_buf_putc(struct ddb_buf *b, char c);
void ddb_buf_printf(struct ddb_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Hands the string to the caller (free() it); the buffer is empty afterwards. Never NULL. */
char *ddb_buf_steal(struct ddb_buf *b);
/* The contents as a C string ("" when empty); borrowed. */
const char *ddb_buf_str(const struct ddb_buf *b);

/* Allocation that aborts on out-of-memory (as the buffer does): a copy of s (NULL copies as
 * ""), a copy that keeps NULL as NULL, the first n bytes of s (NUL-terminated), and zeroed
 * memory. ddb_must(p) is p, or abort() when p is NULL (for malloc, realloc, cJSON_Create*). */
char *ddb_strdup(const char *s);
/* Secrets pass through memory: clear it before it goes back to malloc (volatile stores, so a
 * clear of memory about to be freed is not dropped). s may be NULL. */
void ddb_wipe(void *mem, size_t n);
void ddb_wipe_str(char *s);
/* ddb_wipe_str, then free. */
void ddb_free_secret(char *s);
char *ddb_strdup_or_null(const char *s);
/* Unicode code points in UTF-8 text (invalid bytes count one each). */
size_t ddb_utf8_chars(const char *s);
char *ddb_strndup(const char *s, size_t n);
void *ddb_calloc(size_t n, size_t size);
void *ddb_must(void *p);

/* The value of a hex digit (0-9, a-f, A-F), or -1. */
int ddb_hex_value(int c);

/* The whole file (malloc'd, NUL-terminated; its length in *len unless len is NULL), or NULL with
 * err (DDB_ERR_IO: "cannot read PATH: why"). */
char *ddb_read_file(const char *path, size_t *len, struct ddb_error *err);

#endif
