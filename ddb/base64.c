/* base64.c - base64 with the standard alphabet and padding, both ways. */
#include "base64.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"

static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static int value_of(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

/* Decodes text[0..len) into out (NULL to only check). 0 with *out_len, or -1 if not base64:
 * the length must be a multiple of 4 and '=' may only pad the last group. */
static int decode(const char *text, size_t len, unsigned char *out, size_t *out_len)
{
	size_t i, n = 0;
	int v[4], k, pad;

	if (len % 4)
		return -1;
	for (i = 0; i < len; i += 4) {
		pad = 0;
		if (i + 4 == len && text[i + 3] == '=')
			pad = text[i + 2] == '=' ? 2 : 1;
		for (k = 0; k < 4; k++) {
			v[k] = k < 4 - pad ? value_of((unsigned char)text[i + k]) : 0;
			if (v[k] < 0)
				return -1;
		}
		if (out) {
			out[n] = (unsigned char)(v[0] << 2 | v[1] >> 4);
			if (pad < 2)
				out[n + 1] = (unsigned char)((v[1] & 15) << 4 | v[2] >> 2);
			if (pad < 1)
				out[n + 2] = (unsigned char)((v[2] & 3) << 6 | v[3]);
		}
		n += (size_t)(3 - pad);
	}
	if (out_len)
		*out_len = n;
	return 0;
}

int ddb_base64_valid(const char *text)
{
	return decode(text, strlen(text), NULL, NULL) == 0;
}

char *ddb_base64_encode(const void *data, size_t len)
{
	const unsigned char *s = data;
	char *out = ddb_must(malloc((len + 2) / 3 * 4 + 1)), *o = out;
	size_t i;
	unsigned long v;

	for (i = 0; i + 2 < len; i += 3) {
		v = (unsigned long)s[i] << 16 | (unsigned long)s[i + 1] << 8 | s[i + 2];
		*o++ = alphabet[v >> 18];
		*o++ = alphabet[(v >> 12) & 63];
		*o++ = alphabet[(v >> 6) & 63];
		*o++ = alphabet[v & 63];
	}
	if (i < len) {
		v = (unsigned long)s[i] << 16;
		if (i + 1 < len)
			v |= (unsigned long)s[i + 1] << 8;
		*o++ = alphabet[v >> 18];
		*o++ = alphabet[(v >> 12) & 63];
		*o++ = i + 1 < len ? alphabet[(v >> 6) & 63] : '=';
		*o++ = '=';
	}
	*o = '\0';
	return out;
}

unsigned char *ddb_base64_decode(const char *text, size_t *out_len)
{
	size_t len, n;
	unsigned char *out;

	if (!text)
		return NULL;
	len = strlen(text);
	if (decode(text, len, NULL, NULL) < 0)
		return NULL;
	out = ddb_must(malloc(len / 4 * 3 + 1));
	decode(text, len, out, &n);
	out[n] = '\0';
	if (out_len)
		*out_len = n;
	return out;
}
