/* test_sigv4.c - SigV4 signing: direct cases, the AWS test suite vectors (every case folder under
 * SIGV4_TESTDATA), and two helper modes: --bench N and --sign-json FILE (used by the botocore
 * cross-check in tests/integ/sigv4_botocore.py). */
#include "ddb/sigv4.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "ddb/buf.h"
#include "ddb/error.h"
#include "unit.h"

#define DEFAULT_TESTDATA   "../shared/testdata/sigv4"
#define MAX_VECTOR_HEADERS 64

#define T_2015_08_30_12_36_00 1440938160 /* the vectors' timestamp, 2015-08-30T12:36:00Z */
#define EXAMPLE_AK            "AKIDEXAMPLE"
#define EXAMPLE_SK            "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"

static int vectors_passed;
static int vectors_skipped;

/* ---- small helpers ---- */

/* The whole file, NUL-terminated (the length excludes the NUL); NULL if it cannot be read. */
static char *slurp(const char *path, size_t *len_out)
{
	struct ddb_error err;

	return ddb_read_file(path, len_out, &err);
}

static char *path_join(const char *dir, const char *name)
{
	struct ddb_buf b = DDB_BUF_INIT;

	ddb_buf_printf(&b, "%s/%s", dir, name);
	return ddb_buf_steal(&b);
}

static char *xstrndup(const char *s, size_t n)
{
	char *p = malloc(n + 1);

	if (!p)
		abort();
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

static void chomp(char *s)
{
	size_t n = strlen(s);

	while (n && (s[n - 1] == '\n' || s[n - 1] == '\r'))
		s[--n] = '\0';
}

/* The add_headers line "Name: value" for name (case-insensitive), or NULL. */
static const char *added_value(const struct sigv4_result *r, const char *name)
{
	size_t n = strlen(name), i;

	for (i = 0; r->add_headers && r->add_headers[i]; i++)
		if (strncasecmp(r->add_headers[i], name, n) == 0 && r->add_headers[i][n] == ':')
			return r->add_headers[i] + n + 2;
	return NULL;
}

static size_t added_count(const struct sigv4_result *r)
{
	size_t i = 0;

	while (r->add_headers && r->add_headers[i])
		i++;
	return i;
}

/* ---- direct cases ---- */

static const char putitem_body[] = "{\"TableName\":\"cruddur\",\"Item\":{\"pk\":{\"S\":\"MSG#1\"},"
                                   "\"msg\":{\"S\":\"héllo 世界 🎉\"}}}";

static const struct sigv4_header putitem_headers[] = {
    {"Host", "dynamodb.us-west-2.amazonaws.com"},
    {"Content-Type", "application/x-amz-json-1.0"},
    {"X-Amz-Target", "DynamoDB_20120810.PutItem"},
};

static struct sigv4_request putitem_request(void)
{
	struct sigv4_request req = {
	    .method = "POST",
	    .path = "/",
	    .headers = putitem_headers,
	    .nheaders = sizeof(putitem_headers) / sizeof(putitem_headers[0]),
	    .body = putitem_body,
	    .body_len = sizeof(putitem_body) - 1,
	    .region = "us-west-2",
	    .service = "dynamodb",
	    .access_key = EXAMPLE_AK,
	    .secret_key = EXAMPLE_SK,
	    .now = T_2015_08_30_12_36_00,
	    .normalize_path = 1,
	};
	return req;
}

static void test_sha256_hex(void)
{
	char hex[65];

	sigv4_sha256_hex("", 0, hex);
	CHECK_STR(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	sigv4_sha256_hex("abc", 3, hex);
	CHECK_STR(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

/* Expected values computed with botocore 1.29 SigV4Auth at the same time and credentials. */
static void test_dynamodb_putitem_golden(void)
{
	struct sigv4_request req = putitem_request();
	struct sigv4_result r;
	struct ddb_error err;

	ddb_error_clear(&err);
	CHECK(sigv4_sign(&req, &r, &err) == 0);
	CHECK_STR(r.amz_date, "20150830T123600Z");
	CHECK_STR(r.authorization,
	          "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-west-2/dynamodb/"
	          "aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, "
	          "Signature=c8162ad043820debb1f6448a7fce4fc3341b09eb617f897d1410d49135fa48b5");
	CHECK(added_count(&r) == 2);
	CHECK_STR(r.add_headers[0], "X-Amz-Date: 20150830T123600Z");
	CHECK(strncmp(r.add_headers[1], "Authorization: AWS4-HMAC-SHA256 ", 32) == 0);
	CHECK(r.add_headers[2] == NULL);
	sigv4_result_done(&r);
	CHECK(r.authorization == NULL && r.add_headers == NULL);
}

static void test_missing_host(void)
{
	static const struct sigv4_header headers[] = {{"Content-Type", "x"}};
	struct sigv4_request req = putitem_request();
	struct sigv4_result r;
	struct ddb_error err;

	req.headers = headers;
	req.nheaders = 1;
	ddb_error_clear(&err);
	CHECK(sigv4_sign(&req, &r, &err) == -1);
	CHECK(err.kind == DDB_ERR_USAGE);
	CHECK(strstr(err.message, "Host") != NULL);
	CHECK(r.authorization == NULL && r.canonical_request == NULL && r.add_headers == NULL);
	sigv4_result_done(&r); /* harmless after a failure */

	req.headers = NULL;
	req.nheaders = 0;
	CHECK(sigv4_sign(&req, &r, &err) == -1);
	CHECK(err.kind == DDB_ERR_USAGE);
}

static void test_reserved_header_refused(void)
{
	static const struct sigv4_header headers[] = {{"Host", "h"}, {"x-amz-date", "x"}};
	struct sigv4_request req = putitem_request();
	struct sigv4_result r;
	struct ddb_error err;

	req.headers = headers;
	req.nheaders = 2;
	CHECK(sigv4_sign(&req, &r, &err) == -1);
	CHECK(err.kind == DDB_ERR_USAGE);
	CHECK(strstr(err.message, "x-amz-date") != NULL);
}

/* Found by fuzz/fuzz_sigv4.c: a header name with ';' (or ',', a control character, a non-ASCII
 * byte) was signed, giving a SignedHeaders list no server splits the same way. Only HTTP tokens
 * are header names. */
static void test_header_name_not_token(void)
{
	static const char *const bad[] = {"\x95;",       "a;b",  "a,b", "X-\x01",
	                                  "Caf\xc3\xa9", "a\"b", "(x)", "a/b",
	                                  "\x7f",        "a\vb", ""};
	static const char *const good[] = {"X-Custom_1", "a!#$%&'*+-.^_`|~z"};
	struct sigv4_header headers[2] = {{"Host", "h"}, {NULL, "v"}};
	struct sigv4_request req = putitem_request();
	struct sigv4_result r;
	struct ddb_error err;
	size_t i;

	req.headers = headers;
	req.nheaders = 2;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		headers[1].name = bad[i];
		ddb_error_clear(&err);
		CHECK(sigv4_sign(&req, &r, &err) == -1);
		CHECK(err.kind == DDB_ERR_USAGE && strstr(err.message, "bad header name") != NULL);
		CHECK(r.canonical_request == NULL);
	}
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		headers[1].name = good[i];
		CHECK(sigv4_sign(&req, &r, &err) == 0);
		sigv4_result_done(&r);
	}
}

static void test_missing_credentials(void)
{
	struct sigv4_request req = putitem_request();
	struct sigv4_result r;
	struct ddb_error err;

	req.secret_key = "";
	CHECK(sigv4_sign(&req, &r, &err) == -1);
	CHECK(err.kind == DDB_ERR_CONFIG);
	req = putitem_request();
	req.access_key = NULL;
	CHECK(sigv4_sign(&req, &r, &err) == -1);
	CHECK(err.kind == DDB_ERR_CONFIG);
	req = putitem_request();
	req.session_token = "abc\r\nX-Evil: 1";
	CHECK(sigv4_sign(&req, &r, &err) == -1);
	CHECK(err.kind == DDB_ERR_CONFIG);
}

static void test_session_token(void)
{
	struct sigv4_request req = putitem_request();
	struct sigv4_result r;
	struct ddb_error err;

	req.session_token = "FQoGZXIvYXdzEXAMPLETOKEN/+==";
	CHECK(sigv4_sign(&req, &r, &err) == 0);
	CHECK(strstr(r.canonical_request, "\nx-amz-security-token:FQoGZXIvYXdzEXAMPLETOKEN/+==\n"));
	/* botocore 1.29 gives this signature for the same request */
	CHECK_STR(r.authorization,
	          "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-west-2/"
	          "dynamodb/aws4_request, SignedHeaders=content-type;host;"
	          "x-amz-date;x-amz-security-token;x-amz-target, Signature="
	          "b6e2eb00373be0518fa1c874e3722111a5363d8107c9385d0856379b21114e37");
	CHECK(added_count(&r) == 3);
	CHECK_STR(r.add_headers[1], "X-Amz-Security-Token: FQoGZXIvYXdzEXAMPLETOKEN/+==");
	sigv4_result_done(&r);

	/* omitted from signing, still added to the request */
	req.omit_session_token = 1;
	CHECK(sigv4_sign(&req, &r, &err) == 0);
	CHECK(strstr(r.canonical_request, "x-amz-security-token") == NULL);
	CHECK(strstr(r.authorization, "x-amz-security-token") == NULL);
	CHECK_STR(added_value(&r, "X-Amz-Security-Token"), "FQoGZXIvYXdzEXAMPLETOKEN/+==");
	sigv4_result_done(&r);

	/* "" means none */
	req.omit_session_token = 0;
	req.session_token = "";
	CHECK(sigv4_sign(&req, &r, &err) == 0);
	CHECK(added_value(&r, "X-Amz-Security-Token") == NULL);
	CHECK(added_count(&r) == 2);
	sigv4_result_done(&r);
}

static void test_sign_body(void)
{
	struct sigv4_request req = putitem_request();
	struct sigv4_result r;
	struct ddb_error err;
	char hex[65];

	sigv4_sha256_hex(putitem_body, sizeof(putitem_body) - 1, hex);
	req.sign_body = 1;
	CHECK(sigv4_sign(&req, &r, &err) == 0);
	CHECK_STR(r.content_sha256, hex);
	CHECK_STR(added_value(&r, "x-amz-content-sha256"), hex);
	CHECK(strstr(r.authorization, "SignedHeaders=content-type;host;x-amz-content-sha256;"
	                              "x-amz-date;x-amz-target,") != NULL);
	CHECK(added_count(&r) == 3);
	CHECK(strncmp(r.add_headers[1], "x-amz-content-sha256: ", 22) == 0);
	/* the canonical request ends with the same hash */
	CHECK(strlen(r.canonical_request) > 64);
	CHECK_STR(r.canonical_request + strlen(r.canonical_request) - 64, hex);
	sigv4_result_done(&r);
}

static void test_unsigned_headers_skipped(void)
{
	static const struct sigv4_header headers[] = {
	    {"Host", "localhost:8000"},
	    {"User-Agent", "ddbtui/0.1"},
	    {"Expect", "100-continue"},
	    {"Content-Type", "  application/x-amz-json-1.0\t "},
	};
	struct sigv4_request req = putitem_request();
	struct sigv4_result r;
	struct ddb_error err;

	req.headers = headers;
	req.nheaders = 4;
	CHECK(sigv4_sign(&req, &r, &err) == 0);
	CHECK(strstr(r.authorization, "SignedHeaders=content-type;host;x-amz-date,") != NULL);
	CHECK(strstr(r.canonical_request, "\ncontent-type:application/x-amz-json-1.0\n"));
	sigv4_result_done(&r);
}

/* The canonical URI and query lines of a GET signed with only Host. */
static void canonical_uri_query(const char *path, const char *query, int normalize, char *uri_out,
                                char *query_out, size_t cap)
{
	static const struct sigv4_header headers[] = {{"host", "example.amazonaws.com"}};
	struct sigv4_request req = putitem_request();
	struct sigv4_result r;
	struct ddb_error err;
	const char *p, *nl;

	req.method = "GET";
	req.path = path;
	req.query = query;
	req.headers = headers;
	req.nheaders = 1;
	req.normalize_path = normalize;
	uri_out[0] = query_out[0] = '\0';
	if (sigv4_sign(&req, &r, &err) < 0)
		return;
	p = strchr(r.canonical_request, '\n') + 1;
	nl = strchr(p, '\n');
	snprintf(uri_out, cap, "%.*s", (int)(nl - p), p);
	p = nl + 1;
	nl = strchr(p, '\n');
	snprintf(query_out, cap, "%.*s", (int)(nl - p), p);
	sigv4_result_done(&r);
}

static void test_path_and_query(void)
{
	char uri[256], query[256];

	canonical_uri_query("/a/b/../c/./d//", NULL, 1, uri, query, sizeof(uri));
	CHECK_STR(uri, "/a/c/d/");
	CHECK_STR(query, "");
	canonical_uri_query("/a/b/..", "", 1, uri, query, sizeof(uri));
	CHECK_STR(uri, "/a");
	canonical_uri_query("/../..", NULL, 1, uri, query, sizeof(uri));
	CHECK_STR(uri, "/");
	canonical_uri_query("", NULL, 1, uri, query, sizeof(uri));
	CHECK_STR(uri, "/");
	/* an encoded path is encoded once more, as AWS (and botocore) sign non-S3 paths */
	canonical_uri_query("/my%20table/x+y", NULL, 1, uri, query, sizeof(uri));
	CHECK_STR(uri, "/my%2520table/x%2By");
	canonical_uri_query("//a/./b", NULL, 0, uri, query, sizeof(uri));
	CHECK_STR(uri, "//a/./b");

	canonical_uri_query("/", "b=2&a=1&a=0&c&&d=", 1, uri, query, sizeof(uri));
	CHECK_STR(query, "a=0&a=1&b=2&c=&d=");
	canonical_uri_query("/", "k=%e1%88%b4&q=a b+c&z=%zz&w=%4", 1, uri, query, sizeof(uri));
	CHECK_STR(query, "k=%E1%88%B4&q=a%20b%2Bc&w=%254&z=%25zz");
	/* key order, not "key=value" order: "a" sorts before "a-" */
	canonical_uri_query("/", "a-=1&a=2", 1, uri, query, sizeof(uri));
	CHECK_STR(query, "a=2&a-=1");
}

static void test_bad_time(void)
{
	struct sigv4_request req = putitem_request();
	struct sigv4_result r;
	struct ddb_error err;

	req.now = -1;
	CHECK(sigv4_sign(&req, &r, &err) == -1);
	CHECK(err.kind == DDB_ERR_USAGE);
	req.now = 0;
	CHECK(sigv4_sign(&req, &r, &err) == 0);
	CHECK_STR(r.amz_date, "19700101T000000Z");
	sigv4_result_done(&r);
}

/* ---- the AWS test suite vectors ---- */

struct vector {
	char *request_text; /* request.txt; body points into it */
	char *method, *path, *query;
	struct sigv4_header headers[MAX_VECTOR_HEADERS];
	char *names[MAX_VECTOR_HEADERS], *values[MAX_VECTOR_HEADERS];
	size_t nheaders;
	const char *body;
	size_t body_len;
	cJSON *context;
	struct sigv4_request req;
	char *creq, *sts, *sig, *signed_req; /* expected */
};

static void vector_free(struct vector *v)
{
	size_t i;

	free(v->request_text);
	free(v->method);
	free(v->path);
	free(v->query);
	for (i = 0; i < v->nheaders; i++) {
		free(v->names[i]);
		free(v->values[i]);
	}
	cJSON_Delete(v->context);
	free(v->creq);
	free(v->sts);
	free(v->sig);
	free(v->signed_req);
}

/* request.txt: "METHOD TARGET HTTP/1.1", "Name:value" lines (a line starting with whitespace
 * continues the previous value, kept with its line break for the signer to fold), a blank
 * line, the body. The target may hold spaces (get-space-*), so the version is the last word. */
static int parse_request(struct vector *v, char *why, size_t cap)
{
	char *text = v->request_text, *eol, *sp, *last, *q, *colon, *joined;
	size_t n;
	struct ddb_buf b;

	eol = strchr(text, '\n');
	if (!eol) {
		snprintf(why, cap, "request.txt has no request line");
		return -1;
	}
	n = (size_t)(eol - text);
	if (n && text[n - 1] == '\r')
		n--;
	sp = memchr(text, ' ', n);
	for (last = text + n; last > text && last[-1] != ' ';)
		last--;
	last--; /* the space before "HTTP/1.1" */
	if (!sp || last <= sp) {
		snprintf(why, cap, "bad request line");
		return -1;
	}
	v->method = xstrndup(text, (size_t)(sp - text));
	q = memchr(sp + 1, '?', (size_t)(last - sp - 1));
	v->path = xstrndup(sp + 1, (size_t)((q ? q : last) - sp - 1));
	v->query = q ? xstrndup(q + 1, (size_t)(last - q - 1)) : NULL;

	for (text = eol + 1; *text;) {
		eol = strchr(text, '\n');
		n = eol ? (size_t)(eol - text) : strlen(text);
		if (n && text[n - 1] == '\r')
			n--;
		if (n == 0) {
			text = eol ? eol + 1 : text + strlen(text);
			v->body = text;
			v->body_len = strlen(text);
			return 0;
		}
		if (text[0] == ' ' || text[0] == '\t') {
			if (!v->nheaders) {
				snprintf(why, cap, "continuation line before any header");
				return -1;
			}
			ddb_buf_init(&b);
			ddb_buf_printf(&b, "%s\n%.*s", v->values[v->nheaders - 1], (int)n, text);
			joined = ddb_buf_steal(&b);
			free(v->values[v->nheaders - 1]);
			v->values[v->nheaders - 1] = joined;
		} else {
			colon = memchr(text, ':', n);
			if (!colon || v->nheaders == MAX_VECTOR_HEADERS) {
				snprintf(why, cap, "bad header line or too many headers");
				return -1;
			}
			v->names[v->nheaders] = xstrndup(text, (size_t)(colon - text));
			v->values[v->nheaders] =
			    xstrndup(colon + 1, n - (size_t)(colon + 1 - text));
			v->nheaders++;
		}
		text = eol ? eol + 1 : text + strlen(text);
	}
	v->body = "";
	v->body_len = 0;
	return 0;
}

static const char *json_str(const cJSON *obj, const char *key)
{
	const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, key);

	return cJSON_IsString(item) ? item->valuestring : NULL;
}

static int json_flag(const cJSON *obj, const char *key, int dflt)
{
	const cJSON *item = cJSON_GetObjectItemCaseSensitive(obj, key);

	return item ? cJSON_IsTrue(item) : dflt;
}

/* context.json into v->req. 1 with why set for a case we cannot run, -1 on a broken file. */
static int parse_context(struct vector *v, char *why, size_t cap)
{
	static const char *const known[] = {
	    "credentials", "expiration_in_seconds", "normalize", "region", "service",
	    "sign_body",   "omit_session_token",    "timestamp",
	};
	const cJSON *creds, *item;
	const char *ts;
	struct tm tm;
	size_t i;
	int known_key;

	creds = cJSON_GetObjectItemCaseSensitive(v->context, "credentials");
	ts = json_str(v->context, "timestamp");
	memset(&tm, 0, sizeof(tm));
	if (!cJSON_IsObject(creds) || !ts ||
	    sscanf(ts, "%d-%d-%dT%d:%d:%dZ", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
	           &tm.tm_min, &tm.tm_sec) != 6) {
		snprintf(why, cap, "context.json lacks credentials or timestamp");
		return -1;
	}
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	/* a flag we do not know may change the expected output: skip rather than guess */
	for (item = v->context->child; item; item = item->next) {
		known_key = 0;
		for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
			known_key |= strcmp(item->string, known[i]) == 0;
		if (!known_key && !cJSON_IsFalse(item) && !cJSON_IsNull(item)) {
			snprintf(why, cap, "unsupported context flag \"%s\"", item->string);
			return 1;
		}
	}
	v->req.region = json_str(v->context, "region");
	v->req.service = json_str(v->context, "service");
	v->req.access_key = json_str(creds, "access_key_id");
	v->req.secret_key = json_str(creds, "secret_access_key");
	v->req.session_token = json_str(creds, "token");
	v->req.now = timegm(&tm);
	v->req.normalize_path = json_flag(v->context, "normalize", 1);
	v->req.sign_body = json_flag(v->context, "sign_body", 0);
	v->req.omit_session_token = json_flag(v->context, "omit_session_token", 0);
	return 0;
}

/* Loads a case. 0 ready, 1 skip (why says so), -1 broken (why says so). */
static int vector_load(struct vector *v, const char *dir, char *why, size_t cap)
{
	static const char *const files[] = {"header-canonical-request.txt",
	                                    "header-string-to-sign.txt", "header-signature.txt",
	                                    "header-signed-request.txt"};
	char **expected[] = {&v->creq, &v->sts, &v->sig, &v->signed_req};
	char *path, *text;
	size_t i, len;
	int rc;

	for (i = 0; i < 4; i++) {
		path = path_join(dir, files[i]);
		*expected[i] = slurp(path, NULL);
		free(path);
		if (!*expected[i]) {
			snprintf(why, cap, "no %s (not a header-signing case)", files[i]);
			return 1;
		}
	}
	chomp(v->creq);
	chomp(v->sts);
	chomp(v->sig);

	path = path_join(dir, "context.json");
	text = slurp(path, NULL);
	free(path);
	v->context = text ? cJSON_Parse(text) : NULL;
	free(text);
	if (!v->context) {
		snprintf(why, cap, "context.json missing or not JSON");
		return -1;
	}
	rc = parse_context(v, why, cap);
	if (rc)
		return rc;

	path = path_join(dir, "request.txt");
	v->request_text = slurp(path, &len);
	free(path);
	if (!v->request_text) {
		snprintf(why, cap, "cannot read request.txt");
		return -1;
	}
	if (parse_request(v, why, cap) < 0)
		return -1;
	for (i = 0; i < v->nheaders; i++) {
		v->headers[i].name = v->names[i];
		v->headers[i].value = v->values[i];
	}
	v->req.method = v->method;
	v->req.path = v->path;
	v->req.query = v->query;
	v->req.headers = v->headers;
	v->req.nheaders = v->nheaders;
	v->req.body = v->body;
	v->req.body_len = v->body_len;
	return 0;
}

/* Every header the signer adds appears in header-signed-request.txt with the same value, and
 * no other signer header does. */
static void check_added_headers(const struct vector *v, const struct sigv4_result *r)
{
	static const char *const ours[] = {"X-Amz-Date", "X-Amz-Security-Token",
	                                   "x-amz-content-sha256", "Authorization"};
	char *copy = strdup(v->signed_req), *line, *save = NULL, *colon, *val;
	size_t seen = 0, i;

	if (!copy)
		abort();
	for (line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		chomp(line);
		if (!*line)
			break; /* the body follows */
		colon = strchr(line, ':');
		if (!colon || line[0] == ' ' || line[0] == '\t')
			continue;
		*colon = '\0';
		val = colon + 1;
		while (*val == ' ')
			val++;
		for (i = 0; i < sizeof(ours) / sizeof(ours[0]); i++) {
			if (strcasecmp(line, ours[i]) != 0)
				continue;
			seen++;
			if (!added_value(r, ours[i]) || strcmp(added_value(r, ours[i]), val) != 0) {
				printf("  header %s: got [%s], expected [%s]\n", ours[i],
				       added_value(r, ours[i]) ? added_value(r, ours[i]) : "(none)",
				       val);
				unit_case_failed = 1;
			}
		}
	}
	CHECK(seen == added_count(r));
	free(copy);
}

static void vector_check(struct vector *v, int load_rc, const char *why)
{
	struct sigv4_result r;
	struct ddb_error err;
	const char *auth;

	if (load_rc < 0) {
		printf("  %s\n", why);
		unit_case_failed = 1;
		return;
	}
	ddb_error_clear(&err);
	if (sigv4_sign(&v->req, &r, &err) < 0) {
		printf("  sigv4_sign: %s\n", err.message);
		unit_case_failed = 1;
		return;
	}
	CHECK_STR(r.canonical_request, v->creq);
	CHECK_STR(r.string_to_sign, v->sts);
	CHECK_STR(r.signature, v->sig);
	auth = strstr(v->signed_req, "\nAuthorization:");
	CHECK(auth != NULL);
	if (auth) {
		auth += strlen("\nAuthorization:");
		while (*auth == ' ')
			auth++;
		CHECK(strncmp(r.authorization, auth, strlen(r.authorization)) == 0 &&
		      (auth[strlen(r.authorization)] == '\n' ||
		       auth[strlen(r.authorization)] == '\r'));
		if (unit_case_failed)
			printf("    got:      [%s]\n    expected: [%.*s]\n", r.authorization,
			       (int)strcspn(auth, "\r\n"), auth);
	}
	check_added_headers(v, &r);
	if (!unit_case_failed)
		vectors_passed++;
	sigv4_result_done(&r);
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void run_vectors(void)
{
	const char *root = getenv("SIGV4_TESTDATA");
	char **names = NULL, *dir, label[300], why[300];
	size_t n = 0, cap = 0, i;
	struct dirent *de;
	struct vector v;
	char *probe;
	DIR *d;
	int rc;

	if (!root || !*root)
		root = DEFAULT_TESTDATA;
	d = opendir(root);
	if (!d) {
		printf("FAIL sigv4_vectors: cannot open test vectors at %s: %s "
		       "(set SIGV4_TESTDATA)\n",
		       root, strerror(errno));
		unit_failed_cases++;
		return;
	}
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		dir = path_join(root, de->d_name);
		probe = path_join(dir, "request.txt");
		free(dir);
		if (access(probe, R_OK) == 0) {
			if (n == cap) {
				cap = cap ? cap * 2 : 64;
				names = realloc(names, cap * sizeof(*names));
				if (!names)
					abort();
			}
			names[n++] = strdup(de->d_name);
		}
		free(probe);
	}
	closedir(d);
	if (n == 0) {
		printf("FAIL sigv4_vectors: no case folders (with request.txt) under %s\n", root);
		unit_failed_cases++;
		return;
	}
	qsort(names, n, sizeof(*names), name_cmp);
	for (i = 0; i < n; i++) {
		memset(&v, 0, sizeof(v));
		why[0] = '\0';
		dir = path_join(root, names[i]);
		rc = vector_load(&v, dir, why, sizeof(why));
		free(dir);
		snprintf(label, sizeof(label), "sigv4_vector_%s", names[i]);
		if (rc > 0) {
			printf("SKIP %s: %s\n", label, why);
			vectors_skipped++;
		} else {
			RUN_NAMED(label, vector_check(&v, rc, why));
		}
		vector_free(&v);
		free(names[i]);
	}
	free(names);
	printf("  sigv4 vectors: %zu cases, %d passed, %d skipped\n", n, vectors_passed,
	       vectors_skipped);
}

/* ---- --sign-json FILE ---- */

static cJSON *sign_one(const cJSON *in, int *failed)
{
	struct sigv4_header headers[MAX_VECTOR_HEADERS];
	const cJSON *hdrs = cJSON_GetObjectItemCaseSensitive(in, "headers");
	const cJSON *t = cJSON_GetObjectItemCaseSensitive(in, "time");
	const cJSON *h, *ntoken;
	struct sigv4_request req;
	struct sigv4_result r;
	struct ddb_error err;
	cJSON *o = cJSON_CreateObject(), *added;
	const char *body = json_str(in, "body");
	size_t i, n = 0;

	memset(&req, 0, sizeof(req));
	ddb_error_clear(&err);
	for (h = cJSON_IsArray(hdrs) ? hdrs->child : NULL; h; h = h->next) {
		if (n == MAX_VECTOR_HEADERS || cJSON_GetArraySize(h) != 2 ||
		    !cJSON_IsString(cJSON_GetArrayItem(h, 0)) ||
		    !cJSON_IsString(cJSON_GetArrayItem(h, 1))) {
			cJSON_AddStringToObject(o, "error", "headers must be [[name, value], ...]");
			*failed = 1;
			return o;
		}
		headers[n].name = cJSON_GetArrayItem(h, 0)->valuestring;
		headers[n].value = cJSON_GetArrayItem(h, 1)->valuestring;
		n++;
	}
	ntoken = cJSON_GetObjectItemCaseSensitive(in, "session_token");
	req.method = json_str(in, "method");
	req.path = json_str(in, "path");
	req.query = json_str(in, "query");
	req.headers = headers;
	req.nheaders = n;
	req.body = body ? body : "";
	req.body_len = body ? strlen(body) : 0;
	req.region = json_str(in, "region");
	req.service = json_str(in, "service");
	req.access_key = json_str(in, "access_key");
	req.secret_key = json_str(in, "secret_key");
	req.session_token = cJSON_IsString(ntoken) ? ntoken->valuestring : NULL;
	req.now = cJSON_IsNumber(t) ? (time_t)t->valuedouble : -1;
	req.normalize_path = json_flag(in, "normalize_path", 1);
	req.sign_body = json_flag(in, "sign_body", 0);
	req.omit_session_token = json_flag(in, "omit_session_token", 0);
	if (sigv4_sign(&req, &r, &err) < 0) {
		cJSON_AddStringToObject(o, "error", err.message);
		*failed = 1;
		return o;
	}
	cJSON_AddStringToObject(o, "authorization", r.authorization);
	cJSON_AddStringToObject(o, "amz_date", r.amz_date);
	cJSON_AddStringToObject(o, "canonical_request", r.canonical_request);
	cJSON_AddStringToObject(o, "string_to_sign", r.string_to_sign);
	added = cJSON_AddArrayToObject(o, "add_headers");
	for (i = 0; r.add_headers[i]; i++)
		cJSON_AddItemToArray(added, cJSON_CreateString(r.add_headers[i]));
	sigv4_result_done(&r);
	return o;
}

static int sign_json(const char *file)
{
	char *text = slurp(file, NULL), *printed;
	cJSON *in, *out;
	const cJSON *item;
	int failed = 0;

	if (!text) {
		fprintf(stderr, "test_sigv4: cannot read %s: %s\n", file, strerror(errno));
		return 2;
	}
	in = cJSON_Parse(text);
	free(text);
	if (!cJSON_IsArray(in)) {
		fprintf(stderr, "test_sigv4: %s: expected a JSON array of requests\n", file);
		cJSON_Delete(in);
		return 2;
	}
	out = cJSON_CreateArray();
	for (item = in->child; item; item = item->next)
		cJSON_AddItemToArray(out, sign_one(item, &failed));
	printed = cJSON_Print(out);
	if (!printed)
		abort();
	puts(printed);
	free(printed);
	cJSON_Delete(out);
	cJSON_Delete(in);
	return failed;
}

/* ---- --bench N ---- */

static int bench(const char *arg)
{
	static const char body[] =
	    "{\"TableName\":\"cruddur-messages\",\"Item\":{\"pk\":{\"S\":\"MSGGRP#5ae290ed-55d1-"
	    "47a0-bc6d-fe2bc2700399\"},\"sk\":{\"S\":\"2024-05-01T12:36:00.123456+00:00\"},"
	    "\"message_uuid\":{\"S\":\"0c6a4fd1-8e1f-4b4c-8d55-8c1a2f0f6f1e\"},\"message\":"
	    "{\"S\":\"Hello, are we still on for the deploy at noon?\"},\"user_handle\":{\"S\":"
	    "\"andrewbrown\"}}}";
	char content_length[32];
	struct sigv4_header headers[] = {
	    {"Host", "dynamodb.us-east-1.amazonaws.com"},
	    {"Content-Type", "application/x-amz-json-1.0"},
	    {"X-Amz-Target", "DynamoDB_20120810.PutItem"},
	    {"Content-Length", content_length},
	};
	struct sigv4_request req = putitem_request();
	struct sigv4_result r;
	struct ddb_error err;
	struct timespec t0, t1;
	char *end;
	long n = strtol(arg, &end, 10), i;
	double secs;

	if (*end || n <= 0) {
		fprintf(stderr, "test_sigv4: --bench wants a positive count\n");
		return 2;
	}
	snprintf(content_length, sizeof(content_length), "%zu", sizeof(body) - 1);
	req.headers = headers;
	req.nheaders = sizeof(headers) / sizeof(headers[0]);
	req.body = body;
	req.body_len = sizeof(body) - 1;
	req.region = "us-east-1";
	req.session_token = "FQoGZXIvYXdzEXAMPLETOKEN";
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < n; i++) {
		req.now = T_2015_08_30_12_36_00 + i;
		if (sigv4_sign(&req, &r, &err) < 0) {
			fprintf(stderr, "test_sigv4: %s\n", err.message);
			return 1;
		}
		sigv4_result_done(&r);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	printf("body bytes: %zu, signatures: %ld, seconds: %.3f\n", sizeof(body) - 1, n, secs);
	printf("signatures/s: %.0f\n", secs > 0 ? (double)n / secs : 0.0);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "--bench") == 0)
		return bench(argv[2]);
	if (argc == 3 && strcmp(argv[1], "--sign-json") == 0)
		return sign_json(argv[2]);
	if (argc != 1) {
		fprintf(stderr, "usage: test_sigv4 [--bench N | --sign-json FILE]\n");
		return 2;
	}
	RUN(test_sha256_hex);
	RUN(test_dynamodb_putitem_golden);
	RUN(test_missing_host);
	RUN(test_reserved_header_refused);
	RUN(test_header_name_not_token);
	RUN(test_missing_credentials);
	RUN(test_session_token);
	RUN(test_sign_body);
	RUN(test_unsigned_headers_skipped);
	RUN(test_path_and_query);
	RUN(test_bad_time);
	run_vectors();
	UNIT_EXIT();
}
