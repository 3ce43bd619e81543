/* test_base64.c - base64 both ways: the RFC 4648 vectors, every length of 0 to 256 bytes, the
 * shortest inputs byte by byte, and what is not base64. */
#include "ddb/base64.h"

#include <stdlib.h>
#include <string.h>

#include "unit.h"

static void test_base64(void)
{
	static const char *const plain[] = {"", "f", "fo", "foo", "foob", "fooba", "foobar"};
	static const char *const enc[] = {"",         "Zg==",     "Zm8=",    "Zm9v",
	                                  "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy"};
	static const char *const bad[] = {
	    "Zg=",    "Zg",    "Z===", "Zm9v!", "Zm 9v",    "=Zm9", "Zg==Zg==",
	    "Zm9v\n", "Zm9v=", "Zm=v", "====",  "Zm9vYg=a", "Zm9-", "Zm9_",
	};
	unsigned char all[256], *d;
	size_t i, n;
	char *e;

	for (i = 0; i < 7; i++) {
		e = ddb_base64_encode(plain[i], strlen(plain[i]));
		CHECK_STR(e, enc[i]);
		free(e);
		d = ddb_base64_decode(enc[i], &n);
		CHECK(d != NULL && n == strlen(plain[i]) && memcmp(d, plain[i], n) == 0);
		free(d);
	}
	for (i = 0; i < 256; i++)
		all[i] = (unsigned char)(255 - i);
	for (n = 0; n <= 256; n += 1) {
		size_t m;

		e = ddb_base64_encode(all, n);
		d = ddb_base64_decode(e, &m);
		if (!d || m != n || memcmp(d, all, n) != 0) {
			printf("  round trip of %zu bytes failed\n", n);
			unit_case_failed = 1;
		}
		free(d);
		free(e);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		d = ddb_base64_decode(bad[i], &n);
		if (d) {
			printf("  accepted %s\n", bad[i]);
			unit_case_failed = 1;
			free(d);
		}
	}
	CHECK(ddb_base64_decode(NULL, &n) == NULL);
	d = ddb_base64_decode("AAE=", NULL);
	CHECK(d && d[0] == 0 && d[1] == 1);
	free(d);
}

/* Empty, one, two and three bytes: the padding of each length, zero and all-ones bits. */
static void test_short(void)
{
	static const struct {
		const char *bytes;
		size_t len;
		const char *text;
	} cases[] = {
	    {"", 0, ""},
	    {"\x00", 1, "AA=="},
	    {"\xff", 1, "/w=="},
	    {"\x00\x00", 2, "AAA="},
	    {"\xff\xff", 2, "//8="},
	    {"\x00\x00\x00", 3, "AAAA"},
	    {"\xff\xff\xff", 3, "////"},
	    {"\xfb\xff", 2, "+/8="},
	    {"a\0b", 3, "YQBi"}, /* a NUL inside is a byte like any other */
	};
	size_t i, n;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *e = ddb_base64_encode(cases[i].bytes, cases[i].len);
		unsigned char *d;

		CHECK_STR(e, cases[i].text);
		free(e);
		n = 99;
		d = ddb_base64_decode(cases[i].text, &n);
		CHECK(d != NULL && n == cases[i].len && memcmp(d, cases[i].bytes, n) == 0);
		CHECK(d != NULL && d[n] == '\0'); /* readable as a string */
		CHECK(ddb_base64_valid(cases[i].text));
		free(d);
	}
	/* no bytes at all: data may be NULL */
	{
		char *e = ddb_base64_encode(NULL, 0);

		CHECK_STR(e, "");
		free(e);
	}
}

/* What is not base64 is refused by both the decoder and the check, which always agree; the
 * bits a pad leaves unused are not checked ("Zh==" is "f", as "Zg==" is). */
static void test_invalid(void)
{
	static const char *const bad[] = {
	    "A",        "AA",   "AAA",   "AAAAA", "=",    "==",
	    "===",      "A===", "AA=A",  "A=AA",  "=AAA", "AAAA=",
	    " AAA",     "AAA ", "AA\tA", "AA-_",  "AA.A", "\x80\x81\x82\x83",
	    "AA==AA==",
	};
	static const char *const good[] = {"", "AA==", "AAA=", "AAAA", "Zh==", "Zm9=", "AAAAAA=="};
	unsigned char *d;
	size_t i, n;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		n = 99;
		d = ddb_base64_decode(bad[i], &n);
		if (d || ddb_base64_valid(bad[i])) {
			printf("  accepted [%s]\n", bad[i]);
			unit_case_failed = 1;
		}
		CHECK(n == 99); /* nothing set on failure */
		free(d);
	}
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		d = ddb_base64_decode(good[i], &n);
		if (!d || !ddb_base64_valid(good[i])) {
			printf("  refused [%s]\n", good[i]);
			unit_case_failed = 1;
		}
		free(d);
	}
	d = ddb_base64_decode("Zh==", &n);
	CHECK(d != NULL && n == 1 && d[0] == 'f');
	free(d);
}

int main(void)
{
	RUN(test_base64);
	RUN(test_short);
	RUN(test_invalid);
	UNIT_EXIT();
}
