/* sigv4.c - AWS Signature Version 4 header signing: canonical request, string to sign, signing
 * key and Authorization header. No clock, no environment and no state between calls. */
#include "sigv4.h"

#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "buf.h"

#define SIGV4_ALGORITHM "AWS4-HMAC-SHA256"
#define SHA256_LEN      32
#define SHA256_BLOCK    64

/* One request header, or one the signer adds, while sorting them into canonical order. */
struct canon_header {
	const char *name;
	const char *value;
	size_t order; /* duplicates are joined in the order they were given */
};

/* One query parameter, URI-encoded, sorted by key and then by value. */
struct query_param {
	char *key;
	char *value;
};

/* Never signed: proxies and HTTP clients add or rewrite them (botocore skips the same ones). */
static const char *const unsigned_headers[] = {"expect", "user-agent", "x-amzn-trace-id"};

/* The signer adds these itself; given by the caller they would be sent twice, so they are
 * refused (x-amz-content-sha256 too: UNSIGNED-PAYLOAD is for S3, which we do not sign for). */
static const char *const reserved_headers[] = {"authorization", "x-amz-date",
                                               "x-amz-security-token", "x-amz-content-sha256"};

static const char hex_lower[] = "0123456789abcdef";
static const char hex_upper[] = "0123456789ABCDEF";

/* ASCII only: the locale (the TUI sets one for ncursesw) must not change header order. */
static int ascii_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static int ascii_casecmp(const char *a, const char *b)
{
	int ca, cb;

	do {
		ca = ascii_lower((unsigned char)*a++);
		cb = ascii_lower((unsigned char)*b++);
	} while (ca && ca == cb);
	return ca - cb;
}

static int in_list(const char *name, const char *const *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (ascii_casecmp(name, list[i]) == 0)
			return 1;
	return 0;
}

/* Whitespace folded in canonical header values; CR and LF cover obs-fold continuation lines. */
static int is_fold_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

static int is_unreserved(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '_' || c == '.' || c == '~';
}

/* A value that goes into a header line must not be able to end it. */
static int has_control(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 1;
	return 0;
}

/* An HTTP field name (RFC 9110 token). Anything else cannot be sent as a header, and a ';' or
 * ',' would make SignedHeaders ambiguous: the server would split it differently and never
 * verify the signature. */
static int is_token(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || strchr("!#$%&'*+-.^_`|~", *s)))
			return 0;
	return 1;
}

static int is_blank(const char *s)
{
	for (; *s; s++)
		if (!is_fold_space((unsigned char)*s))
			return 0;
	return 1;
}

static void hex_encode(const unsigned char *in, size_t len, char *out)
{
	size_t i;

	for (i = 0; i < len; i++) {
		out[2 * i] = hex_lower[in[i] >> 4];
		out[2 * i + 1] = hex_lower[in[i] & 15];
	}
	out[2 * len] = '\0';
}

/* One SHA-256 fetched per signature and one context reused for every digest: OpenSSL 3's
 * one-shot HMAC() fetches and allocates on each call, which made signing four times slower. */
struct sha {
	EVP_MD *md;
	EVP_MD_CTX *ctx;
};

static int sha_init(struct sha *s)
{
	s->md = EVP_MD_fetch(NULL, "SHA256", NULL);
	s->ctx = EVP_MD_CTX_new();
	return s->md && s->ctx ? 0 : -1;
}

static void sha_done(struct sha *s)
{
	EVP_MD_CTX_free(s->ctx);
	EVP_MD_free(s->md);
}

/* SHA-256 of a followed by b (b may be empty). */
static int sha_digest(struct sha *s, const void *a, size_t a_len, const void *b, size_t b_len,
                      unsigned char out[SHA256_LEN])
{
	unsigned int n = 0;

	if (EVP_DigestInit_ex(s->ctx, s->md, NULL) != 1 ||
	    EVP_DigestUpdate(s->ctx, a, a_len) != 1 ||
	    (b_len && EVP_DigestUpdate(s->ctx, b, b_len) != 1) ||
	    EVP_DigestFinal_ex(s->ctx, out, &n) != 1 || n != SHA256_LEN)
		return -1;
	return 0;
}

/* HMAC-SHA256 as RFC 2104 has it; out may alias key. */
static int hmac_sha256(struct sha *s, const void *key, size_t key_len, const void *msg,
                       size_t msg_len, unsigned char out[SHA256_LEN])
{
	unsigned char k[SHA256_BLOCK], pad[SHA256_BLOCK], inner[SHA256_LEN];
	size_t i;
	int rc = 0;

	memset(k, 0, sizeof(k));
	if (key_len > SHA256_BLOCK)
		rc = sha_digest(s, key, key_len, NULL, 0, k);
	else
		memcpy(k, key, key_len);
	for (i = 0; i < SHA256_BLOCK; i++)
		pad[i] = k[i] ^ 0x36;
	if (!rc)
		rc = sha_digest(s, pad, sizeof(pad), msg, msg_len, inner);
	for (i = 0; i < SHA256_BLOCK; i++)
		pad[i] = k[i] ^ 0x5c;
	if (!rc)
		rc = sha_digest(s, pad, sizeof(pad), inner, sizeof(inner), out);
	OPENSSL_cleanse(k, sizeof(k));
	OPENSSL_cleanse(pad, sizeof(pad));
	OPENSSL_cleanse(inner, sizeof(inner));
	return rc;
}

static int sha_hex(struct sha *s, const void *data, size_t len, char out[65])
{
	unsigned char md[SHA256_LEN];

	if (sha_digest(s, data, len, NULL, 0, md) < 0)
		return -1;
	hex_encode(md, SHA256_LEN, out);
	return 0;
}

/* The contract has no error path, so a failed digest (OpenSSL out of memory) yields "". */
void sigv4_sha256_hex(const void *data, size_t len, char out[65])
{
	unsigned char md[SHA256_LEN];
	unsigned int n = 0;

	if (EVP_Digest(data, len, md, &n, EVP_sha256(), NULL) != 1 || n != SHA256_LEN) {
		out[0] = '\0';
		return;
	}
	hex_encode(md, SHA256_LEN, out);
}

static void put_escaped(struct ddb_buf *b, unsigned char c)
{
	char esc[3] = {'%', hex_upper[c >> 4], hex_upper[c & 15]};

	ddb_buf_append(b, esc, 3);
}

/* Appends s[0..len) with every byte outside the unreserved set (and '/' if keep_slash) as %XX.
 * A '%' is encoded too: AWS signs the already-encoded path encoded once more (except for S3). */
static void put_uri_encoded(struct ddb_buf *b, const char *s, size_t len, int keep_slash)
{
	size_t i = 0, start;

	while (i < len) {
		start = i;
		while (i < len &&
		       (is_unreserved((unsigned char)s[i]) || (keep_slash && s[i] == '/')))
			i++;
		ddb_buf_append(b, s + start, i - start);
		if (i == len)
			break;
		put_escaped(b, (unsigned char)s[i]);
		i++;
	}
}

/* Dot segments and empty segments removed as botocore does: a trailing slash is kept unless
 * nothing is left, "/a/b/.." becomes "/a". Each segment is encoded as it is appended. */
static void put_normalized_path(struct ddb_buf *b, const char *path)
{
	size_t root = b->len, len = strlen(path), i = 0, seg, n;

	while (i < len) {
		seg = i;
		while (i < len && path[i] != '/')
			i++;
		n = i - seg;
		if (i < len)
			i++;
		if (n == 0 || (n == 1 && path[seg] == '.'))
			continue;
		if (n == 2 && path[seg] == '.' && path[seg + 1] == '.') {
			/* an encoded segment holds no '/': drop back to the last one */
			while (b->len > root && b->data[b->len - 1] != '/')
				b->len--;
			if (b->len > root)
				b->len--;
			if (b->data)
				b->data[b->len] = '\0';
			continue;
		}
		ddb_buf_putc(b, '/');
		put_uri_encoded(b, path + seg, n, 0);
	}
	if (b->len == root)
		ddb_buf_putc(b, '/');
	else if (path[len - 1] == '/')
		ddb_buf_putc(b, '/');
}

static void put_canonical_uri(struct ddb_buf *b, const char *path, int normalize)
{
	if (!path || !*path) {
		ddb_buf_putc(b, '/');
		return;
	}
	if (normalize) {
		put_normalized_path(b, path);
		return;
	}
	if (path[0] != '/')
		ddb_buf_putc(b, '/');
	put_uri_encoded(b, path, strlen(path), 1);
}

/* Decodes %XX escapes and encodes again, so "%e1" and a raw byte 0xE1 both sign as "%E1". A '+'
 * stays a literal plus ("%2B"), as RFC 3986 has it; a stray '%' is kept as a literal. */
static char *query_component(const char *s, size_t len)
{
	struct ddb_buf b = DDB_BUF_INIT;
	size_t i;
	int hi, lo;
	unsigned char c;

	/* append, not reserve: ddb_buf_reserve alone leaves a fresh buffer unterminated */
	ddb_buf_append(&b, "", 0);
	ddb_buf_reserve(&b, len);
	for (i = 0; i < len; i++) {
		c = (unsigned char)s[i];
		if (c == '%' && i + 2 < len) {
			hi = ddb_hex_value((unsigned char)s[i + 1]);
			lo = ddb_hex_value((unsigned char)s[i + 2]);
			if (hi >= 0 && lo >= 0) {
				c = (unsigned char)(hi << 4 | lo);
				i += 2;
			}
		}
		if (is_unreserved(c))
			ddb_buf_putc(&b, (char)c);
		else
			put_escaped(&b, c);
	}
	return ddb_buf_steal(&b);
}

static int query_param_cmp(const void *a, const void *b)
{
	const struct query_param *pa = a, *pb = b;
	int d = strcmp(pa->key, pb->key);

	return d ? d : strcmp(pa->value, pb->value);
}

static void put_canonical_query(struct ddb_buf *b, const char *query)
{
	struct query_param *params;
	const char *p, *end, *eq;
	size_t n = 1, i;

	if (!query || !*query)
		return;
	for (p = query; *p; p++)
		n += *p == '&';
	params = calloc(n, sizeof(*params));
	if (!params)
		abort(); /* as ddb_buf does: out of memory is not recoverable here */
	n = 0;
	for (p = query; *p; p = *end ? end + 1 : end) {
		end = strchr(p, '&');
		if (!end)
			end = p + strlen(p);
		if (end == p)
			continue; /* "a=1&&b=2": an empty pair is no parameter */
		eq = memchr(p, '=', (size_t)(end - p));
		if (!eq)
			eq = end;
		params[n].key = query_component(p, (size_t)(eq - p));
		params[n].value =
		    query_component(eq < end ? eq + 1 : end, eq < end ? (size_t)(end - eq - 1) : 0);
		n++;
	}
	qsort(params, n, sizeof(*params), query_param_cmp);
	for (i = 0; i < n; i++) {
		if (i)
			ddb_buf_putc(b, '&');
		ddb_buf_puts(b, params[i].key);
		ddb_buf_putc(b, '=');
		ddb_buf_puts(b, params[i].value);
		free(params[i].key);
		free(params[i].value);
	}
	free(params);
}

static int canon_header_cmp(const void *a, const void *b)
{
	const struct canon_header *ha = a, *hb = b;
	int d = ascii_casecmp(ha->name, hb->name);

	if (d)
		return d;
	return ha->order < hb->order ? -1 : ha->order > hb->order;
}

static void put_lower(struct ddb_buf *b, const char *s)
{
	size_t start = b->len, i;

	ddb_buf_puts(b, s);
	for (i = start; i < b->len; i++)
		b->data[i] = (char)ascii_lower((unsigned char)b->data[i]);
}

/* Trims the value and folds each inner whitespace run (line breaks included) into one space. */
static void put_folded(struct ddb_buf *b, const char *v)
{
	const char *start;
	int first = 1;

	for (;;) {
		while (*v && is_fold_space((unsigned char)*v))
			v++;
		if (!*v)
			break;
		start = v;
		while (*v && !is_fold_space((unsigned char)*v))
			v++;
		if (!first)
			ddb_buf_putc(b, ' ');
		ddb_buf_append(b, start, (size_t)(v - start));
		first = 0;
	}
}

/* Fills the sorted header table from the request plus the signer's own headers. */
static int collect_headers(const struct sigv4_request *req, const struct sigv4_result *out,
                           int with_token, struct canon_header *tab, size_t *count,
                           struct ddb_error *err)
{
	size_t i, n = 0, hosts = 0;
	const struct sigv4_header *h;

	for (i = 0; i < req->nheaders; i++) {
		h = &req->headers[i];
		if (!h->name || !is_token(h->name) || !h->value) {
			ddb_error_set(err, DDB_ERR_USAGE, "sigv4: bad header name or value (#%zu)",
			              i);
			return -1;
		}
		if (in_list(h->name, reserved_headers,
		            sizeof(reserved_headers) / sizeof(reserved_headers[0]))) {
			ddb_error_set(err, DDB_ERR_USAGE, "sigv4: the signer adds %s itself",
			              h->name);
			return -1;
		}
		if (in_list(h->name, unsigned_headers,
		            sizeof(unsigned_headers) / sizeof(unsigned_headers[0])))
			continue;
		if (ascii_casecmp(h->name, "host") == 0) {
			if (is_blank(h->value)) {
				ddb_error_set(err, DDB_ERR_USAGE, "sigv4: empty Host header");
				return -1;
			}
			hosts++;
		}
		tab[n].name = h->name;
		tab[n].value = h->value;
		tab[n].order = n;
		n++;
	}
	if (hosts != 1) {
		ddb_error_set(err, DDB_ERR_USAGE, "sigv4: %s Host header",
		              hosts ? "more than one" : "missing");
		return -1;
	}
	tab[n].name = "x-amz-date";
	tab[n].value = out->amz_date;
	tab[n].order = n;
	n++;
	if (with_token) {
		tab[n].name = "x-amz-security-token";
		tab[n].value = req->session_token;
		tab[n].order = n;
		n++;
	}
	if (req->sign_body) {
		tab[n].name = "x-amz-content-sha256";
		tab[n].value = out->content_sha256;
		tab[n].order = n;
		n++;
	}
	qsort(tab, n, sizeof(*tab), canon_header_cmp);
	*count = n;
	return 0;
}

/* Canonical headers (each "name:v1,v2\n") into b, the signed header list into signed_names. */
static void put_canonical_headers(struct ddb_buf *b, struct ddb_buf *signed_names,
                                  const struct canon_header *tab, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i && ascii_casecmp(tab[i - 1].name, tab[i].name) == 0) {
			ddb_buf_putc(b, ',');
		} else {
			if (i) {
				ddb_buf_putc(b, '\n');
				ddb_buf_putc(signed_names, ';');
			}
			put_lower(b, tab[i].name);
			ddb_buf_putc(b, ':');
			put_lower(signed_names, tab[i].name);
		}
		put_folded(b, tab[i].value);
	}
	ddb_buf_putc(b, '\n');
}

static int check_request(const struct sigv4_request *req, struct ddb_error *err)
{
	if (!req->method || !*req->method || has_control(req->method) ||
	    strpbrk(req->method, " ")) {
		ddb_error_set(err, DDB_ERR_USAGE, "sigv4: bad HTTP method");
		return -1;
	}
	if (req->nheaders && !req->headers) {
		ddb_error_set(err, DDB_ERR_USAGE, "sigv4: headers missing");
		return -1;
	}
	if (req->body_len && !req->body) {
		ddb_error_set(err, DDB_ERR_USAGE, "sigv4: body missing");
		return -1;
	}
	if (!req->region || !*req->region || has_control(req->region) || !req->service ||
	    !*req->service || has_control(req->service)) {
		ddb_error_set(err, DDB_ERR_CONFIG, "sigv4: no region or service to sign for");
		return -1;
	}
	if (!req->access_key || !*req->access_key || has_control(req->access_key) ||
	    !req->secret_key || !*req->secret_key) {
		ddb_error_set(err, DDB_ERR_CONFIG, "sigv4: access key or secret key missing");
		return -1;
	}
	if (req->session_token && has_control(req->session_token)) {
		ddb_error_set(err, DDB_ERR_CONFIG, "sigv4: session token holds control characters");
		return -1;
	}
	return 0;
}

static int format_amz_date(time_t now, char out[17], struct ddb_error *err)
{
	struct tm tm;

	if (now < 0 || !gmtime_r(&now, &tm) || strftime(out, 17, "%Y%m%dT%H%M%SZ", &tm) != 16) {
		ddb_error_set(err, DDB_ERR_USAGE, "sigv4: signing time out of range");
		return -1;
	}
	return 0;
}

/* kDate = HMAC("AWS4" secret, date), then region, service, "aws4_request"; then the signature.
 * Key material is wiped from the stack and the heap before returning. */
static int compute_signature(struct sha *s, const struct sigv4_request *req, const char *date8,
                             const struct ddb_buf *string_to_sign, char sig_hex[65])
{
	struct ddb_buf secret = DDB_BUF_INIT;
	unsigned char k[SHA256_LEN], sig[SHA256_LEN];
	int rc;

	/* reserved up front so that no realloc leaves a copy of the secret behind */
	ddb_buf_reserve(&secret, 4 + strlen(req->secret_key));
	ddb_buf_puts(&secret, "AWS4");
	ddb_buf_puts(&secret, req->secret_key);
	rc = hmac_sha256(s, secret.data, secret.len, date8, 8, k);
	OPENSSL_cleanse(secret.data, secret.len);
	ddb_buf_done(&secret);
	if (!rc)
		rc = hmac_sha256(s, k, sizeof(k), req->region, strlen(req->region), k);
	if (!rc)
		rc = hmac_sha256(s, k, sizeof(k), req->service, strlen(req->service), k);
	if (!rc)
		rc = hmac_sha256(s, k, sizeof(k), "aws4_request", 12, k);
	if (!rc)
		rc = hmac_sha256(s, k, sizeof(k), string_to_sign->data, string_to_sign->len, sig);
	OPENSSL_cleanse(k, sizeof(k));
	if (rc)
		return -1;
	hex_encode(sig, SHA256_LEN, sig_hex);
	return 0;
}

static char *header_line(const char *name, const char *value)
{
	struct ddb_buf b = DDB_BUF_INIT;

	ddb_buf_reserve(&b, strlen(name) + 2 + strlen(value));
	ddb_buf_puts(&b, name);
	ddb_buf_puts(&b, ": ");
	ddb_buf_puts(&b, value);
	return ddb_buf_steal(&b);
}

static void build_canonical_request(struct ddb_buf *creq, struct ddb_buf *signed_names,
                                    const struct sigv4_request *req, const struct canon_header *tab,
                                    size_t n, const char *body_hash)
{
	ddb_buf_reserve(creq, 512);
	ddb_buf_puts(creq, req->method);
	ddb_buf_putc(creq, '\n');
	put_canonical_uri(creq, req->path, req->normalize_path);
	ddb_buf_putc(creq, '\n');
	put_canonical_query(creq, req->query);
	ddb_buf_putc(creq, '\n');
	put_canonical_headers(creq, signed_names, tab, n);
	ddb_buf_putc(creq, '\n');
	ddb_buf_append(creq, signed_names->data, signed_names->len);
	ddb_buf_putc(creq, '\n');
	ddb_buf_puts(creq, body_hash);
}

/* The credential scope, "20150830/us-east-1/dynamodb/aws4_request". */
static void put_scope(struct ddb_buf *b, const char *date8, const struct sigv4_request *req)
{
	ddb_buf_append(b, date8, 8);
	ddb_buf_putc(b, '/');
	ddb_buf_puts(b, req->region);
	ddb_buf_putc(b, '/');
	ddb_buf_puts(b, req->service);
	ddb_buf_puts(b, "/aws4_request");
}

int sigv4_sign(const struct sigv4_request *req, struct sigv4_result *out, struct ddb_error *err)
{
	struct ddb_buf creq = DDB_BUF_INIT, signed_names = DDB_BUF_INIT, sts = DDB_BUF_INIT;
	struct ddb_buf auth = DDB_BUF_INIT;
	struct canon_header *tab;
	struct sha sha;
	char hash[65], sig[65], date8[9];
	size_t n = 0, k = 0;
	int with_token;

	memset(out, 0, sizeof(*out));
	if (check_request(req, err) < 0 || format_amz_date(req->now, out->amz_date, err) < 0)
		return -1;
	with_token = req->session_token && *req->session_token;
	memcpy(date8, out->amz_date, 8);
	date8[8] = '\0';

	tab = malloc((req->nheaders + 3) * sizeof(*tab));
	out->content_sha256 = malloc(65);
	if (!tab || !out->content_sha256)
		abort(); /* as ddb_buf does: out of memory is not recoverable here */
	out->content_sha256[0] = '\0';
	if (collect_headers(req, out, with_token && !req->omit_session_token, tab, &n, err) < 0) {
		free(tab);
		sigv4_result_done(out);
		return -1;
	}
	if (sha_init(&sha) < 0 ||
	    sha_hex(&sha, req->body ? req->body : "", req->body_len, out->content_sha256) < 0)
		goto crypto_failed;
	build_canonical_request(&creq, &signed_names, req, tab, n, out->content_sha256);
	if (sha_hex(&sha, creq.data, creq.len, hash) < 0)
		goto crypto_failed;

	ddb_buf_reserve(&sts, 128);
	ddb_buf_puts(&sts, SIGV4_ALGORITHM "\n");
	ddb_buf_puts(&sts, out->amz_date);
	ddb_buf_putc(&sts, '\n');
	put_scope(&sts, date8, req);
	ddb_buf_putc(&sts, '\n');
	ddb_buf_puts(&sts, hash);
	if (compute_signature(&sha, req, date8, &sts, sig) < 0)
		goto crypto_failed;
	sha_done(&sha);
	free(tab);

	ddb_buf_reserve(&auth, 256);
	ddb_buf_puts(&auth, SIGV4_ALGORITHM " Credential=");
	ddb_buf_puts(&auth, req->access_key);
	ddb_buf_putc(&auth, '/');
	put_scope(&auth, date8, req);
	ddb_buf_puts(&auth, ", SignedHeaders=");
	ddb_buf_append(&auth, signed_names.data, signed_names.len);
	ddb_buf_puts(&auth, ", Signature=");
	ddb_buf_puts(&auth, sig);
	ddb_buf_done(&signed_names);

	out->canonical_request = ddb_buf_steal(&creq);
	out->string_to_sign = ddb_buf_steal(&sts);
	out->signature = strdup(sig);
	out->authorization = ddb_buf_steal(&auth);
	out->add_headers = calloc(5, sizeof(*out->add_headers));
	if (!out->signature || !out->add_headers)
		abort();
	out->add_headers[k++] = header_line("X-Amz-Date", out->amz_date);
	if (with_token)
		out->add_headers[k++] = header_line("X-Amz-Security-Token", req->session_token);
	if (req->sign_body)
		out->add_headers[k++] = header_line("x-amz-content-sha256", out->content_sha256);
	out->add_headers[k] = header_line("Authorization", out->authorization);
	return 0;

crypto_failed:
	sha_done(&sha);
	free(tab);
	ddb_buf_done(&creq);
	ddb_buf_done(&signed_names);
	ddb_buf_done(&sts);
	sigv4_result_done(out);
	ddb_error_set(err, DDB_ERR_NOMEM, "sigv4: OpenSSL SHA-256 failed");
	return -1;
}

void sigv4_result_done(struct sigv4_result *out)
{
	size_t i;

	free(out->canonical_request);
	free(out->string_to_sign);
	free(out->signature);
	free(out->authorization);
	free(out->content_sha256);
	if (out->add_headers) {
		for (i = 0; out->add_headers[i]; i++)
			free(out->add_headers[i]);
		free(out->add_headers);
	}
	memset(out, 0, sizeof(*out));
}
