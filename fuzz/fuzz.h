/* fuzz.h - helpers shared by the libFuzzer targets in fuzz/ (see fuzz/README.md): a check that
 * aborts with a message (so libFuzzer keeps the input as a crash), an independent UTF-8 check,
 * a structural check of cJSON trees, strict tree equality, and a line splitter for inputs made of
 * lines. Header-only: every target is one .c file. */
#ifndef FUZZ_FUZZ_H
#define FUZZ_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_CHECK(cond)                                                                           \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);  \
			abort();                                                                   \
		}                                                                                  \
	} while (0)

/* A NUL-terminated heap copy of the input (the input itself is not terminated). */
static inline char *fuzz_strndup(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (!s)
		abort();
	if (size)
		memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/* The next line of [*p, end) as a heap string (a NUL byte ends it early); NULL at the end. For
 * targets whose input is a few lines, one a field. */
static inline char *fuzz_next_line(const char **p, const char *end)
{
	const char *s = *p, *nl;
	char *line;

	if (s >= end)
		return NULL;
	nl = memchr(s, '\n', (size_t)(end - s));
	if (!nl)
		nl = end;
	line = fuzz_strndup((const uint8_t *)s, (size_t)(nl - s));
	*p = nl < end ? nl + 1 : end;
	return line;
}

/* Whether s is well-formed UTF-8 (RFC 3629: no overlongs, no surrogates, <= U+10FFFF). Written
 * apart from ddb/json.c on purpose: the fuzzer checks the parser against it. */
static inline int fuzz_utf8_valid(const char *str)
{
	const unsigned char *s = (const unsigned char *)str;

	while (*s) {
		unsigned long cp;
		int n, i;

		if (s[0] < 0x80) {
			s++;
			continue;
		}
		if ((s[0] & 0xe0) == 0xc0) {
			n = 1;
			cp = s[0] & 0x1f;
		} else if ((s[0] & 0xf0) == 0xe0) {
			n = 2;
			cp = s[0] & 0x0f;
		} else if ((s[0] & 0xf8) == 0xf0) {
			n = 3;
			cp = s[0] & 0x07;
		} else {
			return 0;
		}
		for (i = 1; i <= n; i++) {
			if ((s[i] & 0xc0) != 0x80)
				return 0;
			cp = cp << 6 | (s[i] & 0x3f);
		}
		if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
		    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return 0;
		s += n + 1;
	}
	return 1;
}

/* cJSON's list conventions hold everywhere in the tree (the first child's prev is the last
 * child, next/prev agree, the last next is NULL), members of objects have keys, no two members
 * of an object share a key, and (if check_text) every string and key is valid UTF-8 and every
 * raw item is a JSON number as ddb_json_is_number says. */
static inline void fuzz_check_tree(const cJSON *item, int check_text,
				   int (*is_number)(const char *))
{
	const cJSON *c, *d, *last = NULL;
	int type = item->type & 0xff;

	if (check_text && (type == cJSON_String || type == cJSON_Raw)) {
		const unsigned char *s = (const unsigned char *)item->valuestring;

		FUZZ_CHECK(s != NULL);
		if (type == cJSON_Raw) {
			FUZZ_CHECK(is_number(item->valuestring));
		} else {
			FUZZ_CHECK(fuzz_utf8_valid(item->valuestring));
		}
	}
	if (type != cJSON_Array && type != cJSON_Object) {
		FUZZ_CHECK(item->child == NULL);
		return;
	}
	for (c = item->child; c; c = c->next) {
		if (c == item->child)
			FUZZ_CHECK(c->prev != NULL);
		else
			FUZZ_CHECK(c->prev && c->prev->next == c);
		if (type == cJSON_Object) {
			FUZZ_CHECK(c->string != NULL);
			if (check_text)
				FUZZ_CHECK(fuzz_utf8_valid(c->string));
			/* quadratic, but inputs are small */
			for (d = item->child; d != c; d = d->next)
				FUZZ_CHECK(strcmp(d->string, c->string) != 0);
		} else {
			FUZZ_CHECK(c->string == NULL);
		}
		fuzz_check_tree(c, check_text, is_number);
		last = c;
	}
	if (item->child)
		FUZZ_CHECK(item->child->prev == last);
}

/* Same type, same text, same keys and children in the same order. */
static inline int fuzz_tree_equal(const cJSON *a, const cJSON *b)
{
	const cJSON *x, *y;
	int type;

	if (!a || !b)
		return a == b;
	type = a->type & 0xff;
	if (type != (b->type & 0xff))
		return 0;
	if ((a->string == NULL) != (b->string == NULL) ||
	    (a->string && strcmp(a->string, b->string) != 0))
		return 0;
	switch (type) {
	case cJSON_String:
	case cJSON_Raw:
		return a->valuestring && b->valuestring && strcmp(a->valuestring, b->valuestring) == 0;
	case cJSON_Number:
		return a->valuedouble == b->valuedouble;
	case cJSON_Array:
	case cJSON_Object:
		for (x = a->child, y = b->child; x && y; x = x->next, y = y->next)
			if (!fuzz_tree_equal(x, y))
				return 0;
		return x == NULL && y == NULL;
	default:
		return 1;
	}
}

/* A decimal number taken apart, independently of ddb/number.c: value = [-]0.DIGITS x 10^exp with
 * no leading or trailing zero digit; zero is {0, "", 0}. Returns 0, or -1 if s is not
 * [-]digits[.digits][(e|E)[+|-]digits] with at least one mantissa digit (a leading '.' or a
 * trailing '.' is allowed, as DynamoDB allows them). At most 63 significant digits (more: -1,
 * never reached for valid DynamoDB numbers, which have at most 38). */
struct fuzz_number {
	int neg;
	char digits[64];
	long long exp;
};

static inline int fuzz_number_parse(const char *s, struct fuzz_number *n)
{
	long long point = -1, count = 0, lead = 0, zeros = 0, e = 0;
	int seen_nonzero = 0, esign = 1, nd = 0;

	memset(n, 0, sizeof(*n));
	if (*s == '-') {
		n->neg = 1;
		s++;
	}
	for (;; s++) {
		if (*s >= '0' && *s <= '9') {
			if (*s != '0')
				seen_nonzero = 1;
			if (!seen_nonzero) {
				lead++;
			} else if (*s == '0') {
				zeros++; /* kept only if a non-zero digit follows */
			} else {
				if (nd + zeros >= 63)
					return -1;
				for (; zeros; zeros--)
					n->digits[nd++] = '0';
				n->digits[nd++] = *s;
			}
			count++;
		} else if (*s == '.' && point < 0) {
			point = count;
		} else {
			break;
		}
	}
	if (count == 0)
		return -1;
	if (point < 0)
		point = count;
	if (*s == 'e' || *s == 'E') {
		s++;
		if (*s == '+' || *s == '-')
			esign = *s++ == '-' ? -1 : 1;
		if (!(*s >= '0' && *s <= '9'))
			return -1;
		for (; *s >= '0' && *s <= '9'; s++)
			if (e < 100000000000LL)
				e = e * 10 + (*s - '0');
	}
	if (*s)
		return -1;
	if (!nd) {
		n->neg = 0;
		n->exp = 0;
		return 0;
	}
	/* 0.DIGITS x 10^exp: the first significant digit sits at position lead (0-based) among
	 * the mantissa digits, the point after `point` of them. */
	n->exp = point - lead + esign * e;
	return 0;
}

/* Whether two number texts are the same value (both must parse). */
static inline int fuzz_number_equal(const char *a, const char *b)
{
	struct fuzz_number x, y;

	if (fuzz_number_parse(a, &x) < 0 || fuzz_number_parse(b, &y) < 0)
		return 0;
	return x.neg == y.neg && x.exp == y.exp && strcmp(x.digits, y.digits) == 0;
}

#endif
