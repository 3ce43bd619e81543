/* buf.c - growable byte buffer. */
#include "buf.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void ddb_buf_init(struct ddb_buf *b)
{
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
}

void ddb_buf_done(struct ddb_buf *b)
{
	free(b->data);
	ddb_buf_init(b);
}

void ddb_buf_reset(struct ddb_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

void ddb_buf_reserve(struct ddb_buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;
	size_t cap;
	char *p;

	if (need <= b->cap)
		return;
	cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap *= 2;
	p = realloc(b->data, cap);
	if (!p)
		abort();
	b->data = p;
	b->cap = cap;
	b->data[b->len] = '\0';
}

void ddb_buf_append(struct ddb_buf *b, const void *data, size_t len)
{
	ddb_buf_reserve(b, len);
	if (len)
		memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
}

void ddb_buf_puts(struct ddb_buf *b, const char *s)
{
	ddb_buf_append(b, s, strlen(s));
}

void ddb_buf_putc(struct ddb_buf *b, char c)
{
	ddb_buf_append(b, &c, 1);
}

void ddb_buf_printf(struct ddb_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	ddb_buf_reserve(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

char *ddb_buf_steal(struct ddb_buf *b)
{
	char *s = b->data;

	if (!s) {
		s = calloc(1, 1);
		if (!s)
			abort();
	}
	ddb_buf_init(b);
	return s;
}

const char *ddb_buf_str(const struct ddb_buf *b)
{
	return b->data ? b->data : "";
}

char *ddb_strdup(const char *s)
{
	char *d = strdup(s ? s : "");

	if (!d)
		abort();
	return d;
}

char *ddb_strdup_or_null(const char *s)
{
	return s ? ddb_strdup(s) : NULL;
}

char *ddb_strndup(const char *s, size_t n)
{
	return ddb_must(strndup(s, n));
}

void *ddb_calloc(size_t n, size_t size)
{
	return ddb_must(calloc(n ? n : 1, size ? size : 1));
}

void *ddb_must(void *p)
{
	if (!p)
		abort();
	return p;
}

int ddb_hex_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

char *ddb_read_file(const char *path, size_t *len, struct ddb_error *err)
{
	FILE *f = fopen(path, "rb");
	struct ddb_buf b = DDB_BUF_INIT;
	char chunk[65536];
	size_t n;

	if (!f) {
		ddb_error_set(err, DDB_ERR_IO, "cannot read %s: %s", path, strerror(errno));
		return NULL;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		ddb_buf_append(&b, chunk, n);
	if (ferror(f)) {
		ddb_error_set(err, DDB_ERR_IO, "cannot read %s: %s", path, strerror(errno));
		fclose(f);
		ddb_buf_done(&b);
		return NULL;
	}
	fclose(f);
	if (len)
		*len = b.len;
	return ddb_buf_steal(&b);
}

size_t ddb_utf8_chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

void ddb_wipe(void *mem, size_t n)
{
	volatile char *p = mem;

	while (p && n--)
		*p++ = '\0';
}

void ddb_wipe_str(char *s)
{
	if (s)
		ddb_wipe(s, strlen(s));
}

void ddb_free_secret(char *s)
{
	ddb_wipe_str(s);
	free(s);
}
