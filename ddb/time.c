/* time.c - times in one format (time.h). */
#include "time.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int64_t ddb_time_now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

void ddb_time_format(int64_t unix_us, char out[DDB_TIME_LEN])
{
	time_t secs = (time_t)(unix_us / 1000000);
	long micros = (long)(unix_us % 1000000);
	struct tm tm;
	char buf[96];
	size_t n;

	if (micros < 0) {
		micros += 1000000;
		secs -= 1;
	}
	gmtime_r(&secs, &tm);
	snprintf(buf, sizeof(buf), "%04d-%02d-%02dT%02d:%02d:%02d.%06ld+00:00", tm.tm_year + 1900,
	         tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, micros);
	n = strlen(buf);
	if (n > DDB_TIME_LEN - 1)
		n = DDB_TIME_LEN - 1; /* only for years past 9999 */
	memcpy(out, buf, n);
	out[n] = '\0';
}

static int digits(const char *s, int n, int *out)
{
	int i, v = 0;

	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

int ddb_time_parse(const char *s, int64_t *unix_us)
{
	int y, mo, d, h, mi, sec, oh = 0, om = 0, sign = 1;
	long micros = 0;
	struct tm tm;
	const char *p;
	time_t t;

	if (strlen(s) < 19 || digits(s, 4, &y) || s[4] != '-' || digits(s + 5, 2, &mo) ||
	    s[7] != '-' || digits(s + 8, 2, &d) || (s[10] != 'T' && s[10] != ' ') ||
	    digits(s + 11, 2, &h) || s[13] != ':' || digits(s + 14, 2, &mi) || s[16] != ':' ||
	    digits(s + 17, 2, &sec))
		return -1;
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60)
		return -1;
	p = s + 19;
	if (*p == '.') {
		int n = 0;

		p++;
		while (isdigit((unsigned char)*p)) {
			if (n < 6) {
				micros = micros * 10 + (*p - '0');
				n++;
			}
			p++;
		}
		if (n == 0)
			return -1;
		while (n++ < 6)
			micros *= 10;
	}
	if (*p == 'Z') {
		p++;
	} else if (*p == '+' || *p == '-') {
		sign = *p == '-' ? -1 : 1;
		if (digits(p + 1, 2, &oh) || p[3] != ':' || digits(p + 4, 2, &om))
			return -1;
		p += 6;
	}
	if (*p)
		return -1;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	t = timegm(&tm);
	t -= sign * (oh * 3600 + om * 60);
	*unix_us = (int64_t)t * 1000000 + micros;
	return 0;
}

void ddb_time_local(int64_t unix_us, char *out, size_t n)
{
	time_t t = (time_t)(unix_us / 1000000);
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(out, n, "%Y-%m-%d %H:%M", &tm);
}

void ddb_time_local_sk(const char *sk, char *out, size_t n)
{
	int64_t us;

	if (!sk || ddb_time_parse(sk, &us) != 0)
		snprintf(out, n, "%s", sk ? sk : "");
	else
		ddb_time_local(us, out, n);
}
