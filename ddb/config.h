/* config.h - credentials, region and endpoint, resolved as the AWS CLI does.
 *
 * Credentials: the chain of ddb/creds.h in botocore's order, for the profile of --profile,
 * AWS_DEFAULT_PROFILE, AWS_PROFILE or "default" (the environment's keys are skipped with
 * --profile). Files: AWS_SHARED_CREDENTIALS_FILE (~/.aws/credentials) with sections [name];
 * AWS_CONFIG_FILE (~/.aws/config) with [default], [profile name] and [sso-session name].
 * Region: --region > AWS_REGION > AWS_DEFAULT_REGION > the profile's region in the config file.
 * Endpoint: --endpoint-url > --prod (https://dynamodb.REGION.amazonaws.com) >
 * AWS_ENDPOINT_URL_DYNAMODB > AWS_ENDPOINT_URL > the profile's endpoint_url (the last three
 * skipped when AWS_IGNORE_CONFIGURED_ENDPOINT_URLS or ignore_configured_endpoint_urls is true)
 * > http://localhost:8000.
 * A named profile that yields no credentials is an error, on loopback too. A loopback endpoint
 * with no credentials anywhere (the instance metadata service is not asked for one unless
 * AWS_EC2_METADATA_SERVICE_ENDPOINT is set) gets placeholder credentials
 * (placeholder_creds = 1; the caller says so once). */
#ifndef DDB_CONFIG_H
#define DDB_CONFIG_H

#include "error.h"

/* What the command line gave; NULL or 0 for "not given". */
struct ddb_config_opts {
	const char *profile;
	const char *region;
	const char *endpoint_url;
	int prod;
	int no_proxy_env; /* --no-proxy: ignore HTTPS_PROXY, HTTP_PROXY and NO_PROXY */
	int no_prompt;    /* never ask for an MFA code (a refresh from the queue's worker) */
	/* Environment lookup; NULL means getenv. Tests pass their own. */
	const char *(*getenv_fn)(const char *name);
};

struct ddb_config {
	char *profile; /* the profile in use ("default" when none was named) */
	char *region;  /* never NULL after a successful load: "us-east-1" for a local endpoint
	                  without a configured region */
	char *access_key;
	char *secret_key;
	char *session_token;      /* NULL if none */
	long long creds_expiry;   /* Unix seconds the credentials expire; 0 for never */
	const char *creds_source; /* "environment", "assume-role", "web-identity", "sso",
	                             "credentials file", "process", "config file", "container",
	                             "imds", "placeholder" (static strings) */
	int placeholder_creds;

	char *endpoint;              /* normalised URL without trailing slash */
	const char *endpoint_source; /* "--endpoint-url", "--prod", "AWS_ENDPOINT_URL_DYNAMODB",
	                                "AWS_ENDPOINT_URL", "default" */
	char *scheme;                /* "http" or "https" */
	char *host;                  /* host name or address, without brackets */
	int port;                    /* explicit or 80/443 */
	int loopback;                /* localhost, 127.0.0.0/8, ::1 */

	char *ca_bundle;        /* AWS_CA_BUNDLE or ca_bundle in the profile, or NULL */
	char *proxy;            /* for the endpoint's scheme: https_proxy/HTTPS_PROXY or
	                           http_proxy/HTTP_PROXY (lower case first, as Python's urllib), or NULL */
	char *no_proxy;         /* no_proxy/NO_PROXY (hosts that bypass it), or NULL */
	int max_attempts;       /* AWS_MAX_ATTEMPTS or max_attempts in the profile; 0 = unset (10 in
	                           the legacy retry mode: botocore's default for DynamoDB there) */
	const char *retry_mode; /* AWS_RETRY_MODE or retry_mode: "standard" (default), "legacy"
	                           or "adaptive" (retried as standard, without its client-side
	                           rate limiter) */
};

/* Resolves everything. 0, or -1 with err (kind DDB_ERR_CONFIG or DDB_ERR_USAGE) for: unknown
 * profile ("The config profile (x) could not be found"), malformed endpoint URL, --prod without
 * a region, credentials missing for a non-loopback endpoint, unreadable file. */
int ddb_config_load(struct ddb_config *cfg, const struct ddb_config_opts *opts,
                    struct ddb_error *err);
void ddb_config_done(struct ddb_config *cfg);

/* The queue's refresher (ddb_refresh_fn of queue.h) for credentials loaded with opts: ud is
 * that struct ddb_config_opts, kept alive by the caller while the client lives. It resolves
 * the chain again (the files reread, a process run again, STS or SSO asked again), with
 * no_prompt set: a role with mfa_serial fails with a clear message instead of prompting. */
struct ddb_fresh_creds;
int ddb_config_refresher(void *ud, struct ddb_fresh_creds *out, struct ddb_error *err);

/* Parses an endpoint URL "scheme://host[:port][/]". 0 or -1 with err. Out strings heap-owned. */
int ddb_endpoint_parse(const char *url, char **scheme, char **host, int *port,
                       struct ddb_error *err);
/* Whether host is a loopback name or address. */
int ddb_host_is_loopback(const char *host);

/* A minimal INI reader for AWS files: the value of key in section, or NULL (heap-owned).
 * Returns -1 with err if the file exists but cannot be read; 0 otherwise (*out NULL if not
 * found, *section_found tells whether the section exists). */
int ddb_ini_get(const char *path, const char *section, const char *key, char **out,
                int *section_found, struct ddb_error *err);

#endif
