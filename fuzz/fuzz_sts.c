/* fuzz_sts.c - ddb_sts_parse (the STS reply: AssumeRole, AssumeRoleWithWebIdentity) and
 * ddb_xml_text on arbitrary bytes. Input: the reply body, handed over NUL-terminated. Asserted:
 * - 0: the four fields are there, access key, secret and token non-NULL; -1: an error kind and a
 *   non-empty message, and no field is left set;
 * - a parsed reply, written back as a plain Credentials document with every value escaped,
 *   parses to the same values (the escaping of the parser's own output round-trips);
 * - ddb_xml_text never returns a value for a malformed text it calls 0 or -1. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ddb/buf.h"
#include "ddb/creds.h"
#include "ddb/xml.h"
#include "fuzz/fuzz.h"

static void put_escaped(struct ddb_buf *b, const char *s)
{
	for (; *s; s++) {
		if (*s == '<')
			ddb_buf_puts(b, "&lt;");
		else if (*s == '&')
			ddb_buf_puts(b, "&amp;");
		else if (*s == '>')
			ddb_buf_puts(b, "&gt;");
		else
			ddb_buf_putc(b, *s);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	struct ddb_creds c, again;
	struct ddb_error err;
	char *v = NULL;
	int r;

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	r = ddb_xml_text(text, size, "AccessKeyId", &v, &err);
	FUZZ_CHECK(r > 0 || !v);
	FUZZ_CHECK(r >= 0 || (err.message[0] && err.kind == DDB_ERR_PARSE));
	free(v);
	if (ddb_sts_parse(text, size, &c, &err) == 0) {
		struct ddb_buf b = DDB_BUF_INIT;

		FUZZ_CHECK(c.access_key && c.secret_key && c.session_token);
		ddb_buf_puts(&b, "<R><Credentials><AccessKeyId>");
		put_escaped(&b, c.access_key);
		ddb_buf_puts(&b, "</AccessKeyId><SecretAccessKey>");
		put_escaped(&b, c.secret_key);
		ddb_buf_puts(&b, "</SecretAccessKey><SessionToken>");
		put_escaped(&b, c.session_token);
		ddb_buf_puts(&b, "</SessionToken><Expiration>2030-01-01T00:00:00Z</Expiration>"
		                 "</Credentials></R>");
		FUZZ_CHECK(ddb_sts_parse(b.data, b.len, &again, &err) == 0);
		FUZZ_CHECK(strcmp(again.access_key, c.access_key) == 0);
		FUZZ_CHECK(strcmp(again.secret_key, c.secret_key) == 0);
		FUZZ_CHECK(strcmp(again.session_token, c.session_token) == 0);
		ddb_creds_done(&again);
		ddb_creds_done(&c);
		ddb_buf_done(&b);
	} else {
		FUZZ_CHECK(!c.access_key && !c.secret_key && !c.session_token);
		FUZZ_CHECK(err.message[0] && err.kind != DDB_ERR_NONE);
	}
	free(text);
	return 0;
}
