/* sigv4.h - AWS Signature Version 4 for header-signed requests. A pure function: the clock and
 * the credentials are arguments, nothing is read from the environment. */
#ifndef DDB_SIGV4_H
#define DDB_SIGV4_H

#include <stddef.h>
#include <time.h>

#include "error.h"

struct sigv4_header {
	const char *name;  /* as sent, an HTTP token (else an error); case is folded for signing */
	const char *value; /* as sent; trimmed and inner whitespace runs folded for signing */
};

struct sigv4_request {
	const char *method;                 /* "POST" */
	const char *path;                   /* as on the request line, percent-encoded, e.g. "/" */
	const char *query;                  /* after '?', without it; NULL or "" for none */
	const struct sigv4_header *headers; /* must include Host */
	size_t nheaders;
	const void *body;
	size_t body_len;
	const char *region;  /* "us-east-1" */
	const char *service; /* "dynamodb" */
	const char *access_key;
	const char *secret_key;
	const char *session_token; /* NULL or "" for none */
	time_t now;                /* signing time, UTC seconds */
	int normalize_path;        /* remove dot segments and duplicate slashes (not for S3) */
	int sign_body;             /* add and sign x-amz-content-sha256 */
	int omit_session_token; /* sign without the token, then add it (a few services want this) */
};

/* What signing produced. Every string is heap-owned by this struct (sigv4_result_done frees). */
struct sigv4_result {
	char *canonical_request;
	char *string_to_sign;
	char *signature;      /* 64 hex digits */
	char *authorization;  /* value of the Authorization header */
	char amz_date[17];    /* "20150830T123600Z", value of X-Amz-Date */
	char *content_sha256; /* hex SHA-256 of the body, value of x-amz-content-sha256 if sign_body
	                       */
	/* Headers the caller must add to the request, "Name: value" lines (X-Amz-Date,
	 * X-Amz-Security-Token, x-amz-content-sha256, Authorization), NULL-terminated. */
	char **add_headers;
};

/* 0 on success; -1 with err filled (e.g. missing Host header). */
int sigv4_sign(const struct sigv4_request *req, struct sigv4_result *out, struct ddb_error *err);
void sigv4_result_done(struct sigv4_result *out);

/* Helpers, exposed for tests and other callers. out must hold 65 bytes. */
void sigv4_sha256_hex(const void *data, size_t len, char out[65]);

#endif
