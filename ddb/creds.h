/* creds.h - the AWS credential chain, in botocore's order (see ddb_creds_resolve).
 *
 * Each provider yields a struct ddb_creds or says "not mine" (0) or fails (-1, err). The network
 * calls (STS, the SSO portal, container credentials, IMDSv2) are blocking libcurl easy calls with
 * short timeouts, made once at start, before any UI. */
#ifndef DDB_CREDS_H
#define DDB_CREDS_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

struct ddb_creds {
	char *access_key;
	char *secret_key;
	char *session_token; /* NULL if none */
	int64_t expiry;      /* Unix seconds; 0 when they do not expire */
	const char *source;  /* "environment", "assume-role", "web-identity", "sso", "credentials
	                        file", "process", "config file", "container", "imds" (static) */
};

/* What the chain reads: the environment and the profiles of the two AWS files. */
struct ddb_creds_src {
	const char *(*env)(const char *name); /* NULL or "" both mean unset */
	/* A profile's setting, credentials file over config file; NULL when missing or empty. */
	const char *(*get)(void *ctx, const char *profile, const char *key);
	/* The setting as it stands in one file: 1 credentials file, 2 config file. */
	const char *(*get_in)(void *ctx, int file, const char *profile, const char *key);
	int (*exists)(void *ctx, const char *profile);
	/* The endpoint_url of service ("sts", "sso") in the [services NAME] section the profile's
	 * services setting names, or NULL. */
	const char *(*services_endpoint)(void *ctx, const char *profile, const char *service);
	/* A setting of [sso-session NAME] in the config file, or NULL. */
	const char *(*sso_session)(void *ctx, const char *name, const char *key);
	void *ctx;
	const char *profile;  /* the profile in use */
	int explicit_profile; /* named by --profile: the environment's keys are skipped */
	const char *region;   /* for the STS endpoint; NULL for the global one */
	int skip_imds;        /* the endpoint is loopback: do not ask 169.254.169.254 */
	const char *ca_bundle;
	int no_prompt; /* a refresh on the queue's worker thread: never ask for an MFA code */
};

/* Runs the chain. 1 with *out filled, 0 when no provider had credentials, -1 with err
 * (DDB_ERR_CONFIG for configuration, DDB_ERR_SERVICE/NETWORK/TIMEOUT when a service failed). */
int ddb_creds_resolve(const struct ddb_creds_src *src, struct ddb_creds *out,
                      struct ddb_error *err);
void ddb_creds_done(struct ddb_creds *c);

/* Splits a command line as Python's shlex.split does (POSIX mode, no comments): white space
 * separates words, '...' is literal, in "..." only \\ and \" are escapes, a backslash outside
 * quotes escapes the next byte. NULL-terminated heap array (ddb_argv_free), or NULL with
 * err for an unbalanced quote or trailing backslash. */
char **ddb_shell_split(const char *line, struct ddb_error *err);
void ddb_argv_free(char **argv);

/* The credentials of an STS reply (AssumeRole, AssumeRoleWithWebIdentity): 0, or -1 with err
 * (the service's Code and Message for an error reply). */
int ddb_sts_parse(const char *xml, size_t len, struct ddb_creds *out, struct ddb_error *err);

/* The URL of a service's endpoint for the credential calls: AWS_ENDPOINT_URL_<ENV_ID>, the
 * profile's services section, AWS_ENDPOINT_URL, the profile's endpoint_url, unless
 * AWS_IGNORE_CONFIGURED_ENDPOINT_URLS is true; else dflt. Heap-owned. *from names the source. */
char *ddb_service_endpoint(const struct ddb_creds_src *src, const char *env_id, const char *dflt,
                           const char **from);

/* Whether the environment value is "true" (any case). */
int ddb_env_true(const char *v);

#endif
