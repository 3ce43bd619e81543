/* base64.h - base64 (RFC 4648, section 4: the standard alphabet, '=' padding, no line breaks),
 * the form DynamoDB gives binary (B, BS) values on the wire. The only base64 of the program:
 * attribute checks, binary sizes and comparison, query values, the OSC 52 copy. */
#ifndef DDB_BASE64_H
#define DDB_BASE64_H

#include <stddef.h>

/* data[0..len) as base64 text: malloc'd, NUL-terminated, 4 * ceil(len / 3) characters ("" for
 * len 0; data may then be NULL). Never NULL: running out of memory aborts, as in ddb_buf. */
char *ddb_base64_encode(const void *data, size_t len);

/* The bytes of base64 text: a malloc'd buffer (with a NUL after the last byte, so text can be
 * read as a string) and its length in *out_len (unless out_len is NULL); NULL if text is NULL or
 * not valid base64. Valid: a multiple of 4 characters of the standard alphabet, '=' only as one
 * or two pad characters at the very end; no white space, no URL-safe '-' or '_', no missing
 * padding. "" is valid (no bytes). Running out of memory aborts. */
unsigned char *ddb_base64_decode(const char *text, size_t *out_len);

/* Whether text (not NULL) is valid base64 as ddb_base64_decode takes it; allocates nothing. */
int ddb_base64_valid(const char *text);

#endif
