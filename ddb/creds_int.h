/* creds_int.h - what creds.c and creds_fetch.c share; not for callers outside ddb/creds*. */
#ifndef DDB_CREDS_INT_H
#define DDB_CREDS_INT_H

#include <curl/curl.h>

#include "buf.h"
#include "creds.h"

struct creds_http {
	const char *method; /* "GET", "PUT", "POST" */
	const char *url;
	struct curl_slist *headers;
	const char *body; /* NULL for none */
	long timeout_ms;
	const char *ca_bundle;
	long status;          /* out: HTTP status, 0 if none */
	struct ddb_buf reply; /* out: the body (creds_http_done wipes it) */
};

/* One blocking request. 0 with status and reply set (any status), or -1 with err for a
 * network failure (DDB_ERR_NETWORK or DDB_ERR_TIMEOUT); what names the call in messages. */
int creds_http(struct creds_http *h, const char *what, struct ddb_error *err);
void creds_http_done(struct creds_http *h);
/* src->env with "" as unset. */
const char *creds_env(const struct ddb_creds_src *src, const char *name);

/* Providers in creds_fetch.c; each 1 found, 0 not configured, -1 error. */
int creds_process(const struct ddb_creds_src *src, const char *profile, struct ddb_creds *out,
                  struct ddb_error *err);
int creds_container(const struct ddb_creds_src *src, struct ddb_creds *out, struct ddb_error *err);
int creds_imds(const struct ddb_creds_src *src, struct ddb_creds *out, struct ddb_error *err);
/* The four fields of a JSON credentials document (container, IMDS, credential_process):
 * AccessKeyId, SecretAccessKey, token_key, Expiration (ISO 8601, optional). */
int creds_from_json(const char *text, size_t len, const char *token_key, const char *what,
                    struct ddb_creds *out, struct ddb_error *err);

#endif
