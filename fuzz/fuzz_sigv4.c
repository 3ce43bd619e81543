/* fuzz_sigv4.c - sigv4_sign on arbitrary requests. The input is text, one field a line:
 *
 *   FLAGS [SECONDS]   n: normalize_path, b: sign_body, t: a session token, o: omit_session_token,
 *                     H: no Host header of our own; SECONDS: signing time (default 2015-08-30)
 *   METHOD
 *   PATH
 *   QUERY
 *   Name: value       headers, one a line, until an empty line; "\n" and "\r" (backslash, letter)
 *   ...               in a value stand for LF and CR, to reach the folding of line breaks
 *   (empty line)
 *   BODY              the rest, any bytes
 *
 * Signing may fail (bad method, no Host...), never crash. When it succeeds the canonical request
 * must be exactly: method, canonical URI (only unreserved characters, '/' and %XX), canonical
 * query (unreserved, '=', '&', %XX), one line per signed header "name:value" (names lower case,
 * sorted, distinct, equal to SignedHeaders; values without raw line breaks or tabs, trimmed,
 * inner whitespace folded), an empty line, SignedHeaders, the body's SHA-256. The string to sign
 * ends with the canonical request's SHA-256, the signature is 64 hex digits, the headers to add
 * are single lines, and signing again with the headers in another order (same-name headers
 * kept in their order) gives the same signature. */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ddb/sigv4.h"
#include "fuzz/fuzz.h"

#define MAX_HEADERS 64

static void unescape(char *s)
{
	char *o = s;

	for (; *s; s++) {
		if (s[0] == '\\' && (s[1] == 'n' || s[1] == 'r')) {
			*o++ = s[1] == 'n' ? '\n' : '\r';
			s++;
		} else {
			*o++ = *s;
		}
	}
	*o = '\0';
}

static int is_unreserved(char c)
{
	return isalnum((unsigned char)c) || c == '-' || c == '_' || c == '.' || c == '~';
}

static int is_upper_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F');
}

/* s[0..len) holds only unreserved characters, characters of extra, and %XX (upper hex). */
static int encoded_ok(const char *s, size_t len, const char *extra)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (s[i] == '%') {
			if (i + 2 >= len)
				return 0;
			if (!is_upper_hex(s[i + 1]) || !is_upper_hex(s[i + 2]))
				return 0;
			i += 2;
		} else if (!is_unreserved(s[i]) && !strchr(extra, s[i])) {
			return 0;
		}
	}
	return 1;
}

static void check_header_line(const char *s, size_t len, const char *name, size_t name_len)
{
	const char *v;
	size_t vlen, i;

	FUZZ_CHECK(len > name_len && memcmp(s, name, name_len) == 0 && s[name_len] == ':');
	v = s + name_len + 1;
	vlen = len - name_len - 1;
	for (i = 0; i < vlen; i++) {
		FUZZ_CHECK(v[i] != '\r' && v[i] != '\t' && v[i] != '\v' && v[i] != '\f');
		FUZZ_CHECK(!(v[i] == ' ' && i + 1 < vlen && v[i + 1] == ' '));
	}
	FUZZ_CHECK(vlen == 0 || (v[0] != ' ' && v[vlen - 1] != ' '));
}

static void check_result(const struct sigv4_request *req, const struct sigv4_result *r)
{
	const char *cr = r->canonical_request, *line[8 + MAX_HEADERS + 8], *p, *signed_list;
	size_t len[8 + MAX_HEADERS + 8], nlines = 0, k = 0, i;
	char body_hash[65], creq_hash[65];
	const char *names[MAX_HEADERS + 8];
	size_t nlen[MAX_HEADERS + 8];
	const char *sig;

	/* split the canonical request into lines */
	for (p = cr;; p++) {
		const char *nl = strchr(p, '\n');

		FUZZ_CHECK(nlines < sizeof(line) / sizeof(line[0]));
		line[nlines] = p;
		len[nlines] = nl ? (size_t)(nl - p) : strlen(p);
		nlines++;
		if (!nl)
			break;
		p = nl;
	}
	FUZZ_CHECK(nlines >= 6);
	FUZZ_CHECK(len[0] == strlen(req->method) && memcmp(line[0], req->method, len[0]) == 0);
	FUZZ_CHECK(len[1] >= 1 && line[1][0] == '/' && encoded_ok(line[1], len[1], "/"));
	FUZZ_CHECK(encoded_ok(line[2], len[2], "=&"));

	/* SignedHeaders, from the Authorization header, splits into the header lines' names */
	signed_list = strstr(r->authorization, ", SignedHeaders=");
	FUZZ_CHECK(signed_list != NULL);
	signed_list += 16;
	for (p = signed_list; *p && *p != ','; k++) {
		size_t n = strcspn(p, ";,");

		FUZZ_CHECK(k < sizeof(names) / sizeof(names[0]) && n > 0);
		names[k] = p;
		nlen[k] = n;
		for (i = 0; i < n; i++)
			FUZZ_CHECK(!(p[i] >= 'A' && p[i] <= 'Z'));
		if (k) {
			/* strictly increasing, as strcmp orders them */
			size_t m = nlen[k - 1] < n ? nlen[k - 1] : n;
			int d = memcmp(names[k - 1], p, m);

			FUZZ_CHECK(d < 0 || (d == 0 && nlen[k - 1] < n));
		}
		p += n;
		if (*p == ';')
			p++;
	}
	FUZZ_CHECK(nlines == 6 + k);
	for (i = 0; i < k; i++)
		check_header_line(line[3 + i], len[3 + i], names[i], nlen[i]);
	FUZZ_CHECK(len[3 + k] == 0);
	FUZZ_CHECK(len[4 + k] == (size_t)(p - signed_list) &&
		   memcmp(line[4 + k], signed_list, len[4 + k]) == 0);
	sigv4_sha256_hex(req->body ? req->body : "", req->body_len, body_hash);
	FUZZ_CHECK(len[5 + k] == 64 && memcmp(line[5 + k], body_hash, 64) == 0);
	FUZZ_CHECK(strcmp(r->content_sha256, body_hash) == 0);

	/* string to sign, signature, headers to add */
	sigv4_sha256_hex(cr, strlen(cr), creq_hash);
	p = strrchr(r->string_to_sign, '\n');
	FUZZ_CHECK(p && strcmp(p + 1, creq_hash) == 0);
	FUZZ_CHECK(strlen(r->signature) == 64 && strspn(r->signature, "0123456789abcdef") == 64);
	sig = strstr(r->authorization, "Signature=");
	FUZZ_CHECK(sig && strcmp(sig + 10, r->signature) == 0);
	for (i = 0; r->add_headers[i]; i++) {
		FUZZ_CHECK(i < 4);
		FUZZ_CHECK(strpbrk(r->add_headers[i], "\r\n") == NULL);
		FUZZ_CHECK(strstr(r->add_headers[i], ": ") != NULL);
	}
	FUZZ_CHECK(i >= 2);
	FUZZ_CHECK(strpbrk(r->authorization, "\r\n") == NULL);
}

static int lower_cmp(const char *a, const char *b)
{
	for (;; a++, b++) {
		int x = tolower((unsigned char)*a), y = tolower((unsigned char)*b);

		if (x != y || !x)
			return x - y;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data, *end = p + size;
	char *flags = fuzz_next_line(&p, end), *method = fuzz_next_line(&p, end);
	char *path = fuzz_next_line(&p, end), *query = fuzz_next_line(&p, end);
	char *hlines[MAX_HEADERS];
	struct sigv4_header headers[MAX_HEADERS + 1], shuffled[MAX_HEADERS + 1];
	struct sigv4_request req;
	struct sigv4_result r, r2;
	struct ddb_error err;
	size_t nh = 0, nl = 0, i, j;
	char *digits;
	int rc;

	memset(&req, 0, sizeof(req));
	req.now = 1440938160; /* 2015-08-30T12:36:00Z */
	if (flags) {
		req.normalize_path = strchr(flags, 'n') != NULL;
		req.sign_body = strchr(flags, 'b') != NULL;
		req.omit_session_token = strchr(flags, 'o') != NULL;
		if (strchr(flags, 't'))
			req.session_token = "AQoDYXdzEJr//session+token=";
		digits = strpbrk(flags, "0123456789");
		if (digits)
			req.now = (time_t)strtoll(digits, NULL, 10);
	}
	if (!flags || !strchr(flags, 'H')) {
		headers[nh].name = "Host";
		headers[nh].value = "dynamodb.us-east-1.amazonaws.com";
		nh++;
	}
	while (nl < MAX_HEADERS) {
		char *h = fuzz_next_line(&p, end), *colon;

		if (!h)
			break;
		if (!*h) {
			free(h);
			break;
		}
		hlines[nl++] = h;
		colon = strchr(h, ':');
		if (colon)
			*colon = '\0';
		unescape(colon ? colon + 1 : h + strlen(h));
		headers[nh].name = h;
		headers[nh].value = colon ? colon + 1 : "";
		nh++;
	}
	req.method = method ? method : "POST";
	req.path = path;
	req.query = query;
	req.headers = headers;
	req.nheaders = nh;
	req.body = p < end ? p : NULL;
	req.body_len = (size_t)(end - p);
	req.region = "us-east-1";
	req.service = "dynamodb";
	req.access_key = "AKIDEXAMPLE";
	req.secret_key = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

	ddb_error_clear(&err);
	rc = sigv4_sign(&req, &r, &err);
	if (rc != 0) {
		FUZZ_CHECK(err.kind != DDB_ERR_NONE && strncmp(err.message, "sigv4: ", 7) == 0);
		FUZZ_CHECK(r.canonical_request == NULL && r.add_headers == NULL);
	} else {
		check_result(&req, &r);
		/* the same headers sorted by name (stable: same-name ones keep their order) */
		memcpy(shuffled, headers, nh * sizeof(headers[0]));
		for (i = 1; i < nh; i++)
			for (j = i; j > 0 && lower_cmp(shuffled[j - 1].name, shuffled[j].name) > 0;
			     j--) {
				struct sigv4_header t = shuffled[j];

				shuffled[j] = shuffled[j - 1];
				shuffled[j - 1] = t;
			}
		req.headers = shuffled;
		FUZZ_CHECK(sigv4_sign(&req, &r2, &err) == 0);
		FUZZ_CHECK(strcmp(r.canonical_request, r2.canonical_request) == 0);
		FUZZ_CHECK(strcmp(r.signature, r2.signature) == 0);
		sigv4_result_done(&r2);
		sigv4_result_done(&r);
	}
	for (i = 0; i < nl; i++)
		free(hlines[i]);
	free(flags);
	free(method);
	free(path);
	free(query);
	return 0;
}
