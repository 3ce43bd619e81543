/* queue.h - the one way anything talks to DynamoDB: a client holding the configuration and one
 * libcurl multi handle, with a capped queue of signed JSON requests, retries in the AWS SDKs'
 * standard mode, timers, cancellation, and a log hook. Single-threaded: the caller drives it
 * (ddb_client_poll + ddb_client_perform from an event loop, or ddb_client_run until idle) and
 * callbacks run on the caller's thread, inside ddb_client_perform/ddb_client_run.
 *
 * Every submitted request gets exactly one callback: success, error, or cancellation. */
#ifndef DDB_QUEUE_H
#define DDB_QUEUE_H

#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>

#include "config.h"
#include "error.h"

struct ddb_client;

/* Requests in flight at once unless --max-concurrency says otherwise: enough for batch writes
 * to fill a link of 80 ms (ddb_batch_write's adaptive window grows up to it). */
#define DDB_DEFAULT_CONCURRENCY 32

struct ddb_client_opts {
	int max_concurrency;     /* transfers in flight; 0 = DDB_DEFAULT_CONCURRENCY */
	int max_attempts;        /* including the first; 0 = config's, else 3 (standard mode) */
	int read_only;           /* refuse every write operation before it is sent */
	long connect_timeout_ms; /* 0 = 3000 */
	long timeout_ms;         /* whole attempt; 0 = 30000 */
	long retry_base_ms;      /* full-jitter backoff base; 0 = 50 (DynamoDB's SDK base) */
	long retry_cap_ms;       /* 0 = 20000 */
};

/* What a finished request hands its callback. Borrowed: valid during the callback only, except
 * that the callback may take ownership of json by setting reply->json to NULL. */
struct ddb_reply {
	const char *op; /* "Scan" */
	uint64_t id;
	long status;          /* HTTP status; 0 if none */
	cJSON *json;          /* parsed body on success (and on service errors), else NULL */
	struct ddb_error err; /* kind DDB_ERR_NONE on success */
	int attempts;
	double latency_ms; /* first send to completion, retries and backoff included */
};

typedef void ddb_reply_cb(struct ddb_client *c, struct ddb_reply *reply, void *ud);

/* One finished request, for the log hook (never contains a secret). */
struct ddb_log_entry {
	const char *op;
	const char *table; /* "TableName" of the request, or NULL */
	long status;
	double latency_ms; /* first send to completion (retries and their backoff included) */
	double queued_ms;  /* submitted to first send: waiting for a free slot of the cap */
	long items;        /* items the reply carried (Scan/Query Count), or -1 */
	int attempts;
	double capacity; /* consumed capacity units if the reply carried them, else -1 */
	const struct ddb_error *err;
	size_t request_bytes, response_bytes;
};
typedef void ddb_log_cb(const struct ddb_log_entry *entry, void *ud);

/* ---- Credential refresh (botocore's RefreshableCredentials) ----
 * Temporary credentials (cfg->creds_expiry) are refreshed before they expire: an advisory
 * refresh when less than 15 min is left (requests go on with the old key meanwhile; at most one
 * try every 30 s; a failure keeps the old key and is logged), a mandatory one at 10 min (new
 * requests are held, R_QUEUED, until it lands; one try every 5 s). Once the key has expired and
 * the refresh failed, the held requests fail with an error naming the source. A request refused
 * with ExpiredTokenException / ExpiredToken is re-signed with fresh credentials and sent once
 * more (the service refused it unseen: a write is not doubled).
 * The refresher runs on a worker thread of the queue, never on the caller's, so it may block
 * (a credential_process, STS, the SSO portal); the result comes back under a mutex and wakes
 * ddb_client_poll. Each refresh is logged as its own entry: op "RefreshCredentials", table
 * "SOURCE, expires T" (never a secret).
 * DDBTUI_TEST_CREDS_WINDOWS="ADVISORY,MANDATORY" (seconds) replaces 900,600: for the tests
 * only, so that short-lived stub credentials cross both windows in seconds. */
struct ddb_fresh_creds {
	char *access_key; /* heap strings: the queue takes them */
	char *secret_key;
	char *session_token; /* NULL if none */
	long long expiry;    /* Unix seconds; 0 = never */
	const char *source;  /* static string, as ddb_config's creds_source */
};
/* 0 with *out filled, or -1 with err. Runs on the worker thread: must not prompt. */
typedef int ddb_refresh_fn(void *ud, struct ddb_fresh_creds *out, struct ddb_error *err);
/* Sets the refresher (before the first request). Without one, credentials never change. */
void ddb_client_set_refresher(struct ddb_client *c, ddb_refresh_fn *fn, void *ud);
/* The credentials' current source and expiry (0 = never), for a status line. */
const char *ddb_client_creds_source(const struct ddb_client *c, long long *expiry);

enum ddb_refresh_need {
	DDB_REFRESH_NONE,      /* more than the advisory window left, or no expiry */
	DDB_REFRESH_ADVISORY,  /* refresh, keep sending with the old key */
	DDB_REFRESH_MANDATORY, /* hold new requests until the refresh lands */
	DDB_REFRESH_EXPIRED,
};
/* The window decision (exposed for tests): expiry and now in Unix seconds. */
enum ddb_refresh_need ddb_refresh_need(long long expiry, long long now, long advisory_s,
                                       long mandatory_s);
/* Whether a refresh may start now: never while one runs; else the first try at once, then one
 * per 30 s (advisory) or 5 s (mandatory, expired, or forced by an ExpiredToken answer). Times
 * in milliseconds, last_try_ms < 0 for "never tried". */
int ddb_refresh_may_try(enum ddb_refresh_need need, int forced, double last_try_ms, double now_ms);

/* ---- Retry quota of the standard retry mode (botocore's RetryQuota) ----
 * One bucket for the whole queue: 500 tokens; a retry costs 5, or 10 after a timeout or a
 * connection error; a success gives back the cost of the retry that led to it, or 1 when the
 * request needed none, up to 500. A retry the bucket cannot pay is not made: the request fails
 * with its last error ("retry quota exhausted"). Not used in the legacy retry mode. */
#define DDB_RETRY_QUOTA_MAX    500
#define DDB_RETRY_COST         5
#define DDB_RETRY_COST_TIMEOUT 10
/* The cost taken from *tokens, or 0 (nothing taken) when it cannot pay. */
int ddb_retry_quota_acquire(int *tokens, int timeout_or_connection);
/* After a success: last_cost is what the request's last retry cost (0 if none). */
void ddb_retry_quota_release(int *tokens, int last_cost);
/* The tokens left (DDB_RETRY_QUOTA_MAX in legacy mode). */
int ddb_client_retry_quota(const struct ddb_client *c);

/* Takes nothing from cfg: copies what it needs. NULL with err on failure. */
struct ddb_client *ddb_client_new(const struct ddb_config *cfg, const struct ddb_client_opts *opts,
                                  struct ddb_error *err);
/* Cancels everything still pending (their callbacks run with DDB_ERR_CANCELLED), then frees. */
void ddb_client_free(struct ddb_client *c);

void ddb_client_set_log(struct ddb_client *c, ddb_log_cb *fn, void *ud);
const struct ddb_config *ddb_client_config(const struct ddb_client *c);
int ddb_client_read_only(const struct ddb_client *c);

/* Queues a request for operation op ("PutItem") with body (taken; NULL means {}). tag is an
 * opaque owner (a view), for ddb_cancel_tag. Returns the request id (never 0). */
uint64_t ddb_submit(struct ddb_client *c, const char *op, cJSON *body, ddb_reply_cb *cb, void *ud,
                    const void *tag);
/* Another AWS JSON service on the same queue and credentials (e.g. Cognito: "cognito-idp",
 * "AWSCognitoIdentityProviderService.", "application/x-amz-json-1.1"). Returns its index for
 * ddb_submit_to (0 is DynamoDB), or -1 with err for a malformed endpoint. */
int ddb_client_add_service(struct ddb_client *c, const char *endpoint, const char *signing_name,
                           const char *target_prefix, const char *content_type,
                           struct ddb_error *err);
uint64_t ddb_submit_to(struct ddb_client *c, int svc, const char *op, cJSON *body, ddb_reply_cb *cb,
                       void *ud, const void *tag);

/* A look at a reply's raw body before it is parsed: fn runs with each HTTP 200 body of request
 * id (each attempt's), before the parse and so before the request's callback, and may submit
 * requests (and ddb_client_kick). If that body then proves not to be a reply (not a JSON
 * object: the attempt will be retried or fail), fn runs again with body NULL, to undo what it
 * did. A pager uses it to ask for the next page as soon as LastEvaluatedKey is seen, instead of
 * after the whole page is parsed. 0, or -1 if id is unknown or finished. */
typedef void ddb_body_cb(struct ddb_client *c, uint64_t id, const char *body, size_t len, void *ud);
int ddb_on_body(struct ddb_client *c, uint64_t id, ddb_body_cb *fn, void *ud);

/* Cancels one request; its callback runs (DDB_ERR_CANCELLED) during the next perform. 0 if it
 * was pending, -1 if unknown or already finished. */
int ddb_cancel(struct ddb_client *c, uint64_t id);
/* Cancels every pending request and timer with this tag; returns how many. */
int ddb_cancel_tag(struct ddb_client *c, const void *tag);

/* Timers on the same loop: fn runs once, after delay_ms, inside perform. Returns an id. A
 * cancelled timer's fn runs with cancelled = 1 (so the owner can free ud). */
typedef void ddb_timer_cb(struct ddb_client *c, void *ud, int cancelled);
uint64_t ddb_timer_add(struct ddb_client *c, long delay_ms, ddb_timer_cb *fn, void *ud,
                       const void *tag);

/* The same, for a timer a write waits on (a batch writer's backoff): it counts as a pending write
 * (ddb_client_pending_writes), so quitting during the backoff asks first. */
uint64_t ddb_timer_add_write(struct ddb_client *c, long delay_ms, ddb_timer_cb *fn, void *ud,
                             const void *tag);

/* What an HTTP answer to operation op means (the queue's own decision, exposed for tests and
 * fuzzing): *json gets the body parsed (cJSON, or NULL if it is not JSON; caller frees), err is
 * cleared on success (200 with a JSON object; for TagResource and UntagResource, which have no
 * output, any 200, *json then an empty object), else DDB_ERR_PARSE (200 without one) or
 * DDB_ERR_SERVICE with http_status, the short AWS type ("HTTPError" if none) and the message.
 * A 200 whose body holds a \u0000 escape is DDB_ERR_PARSE with *json NULL and no retry: cJSON
 * cannot keep a NUL in a string, and a string cut short is worse than no answer.
 * body must be NUL-terminated at body[len] (as a ddb_buf is). Returns 1 if a retry may help
 * (5xx, throttling, transient types, a damaged 200), else 0. */
int ddb_reply_classify(const char *op, long status, const char *body, size_t len, cJSON **json,
                       struct ddb_error *err);

/* Whether the operation writes (refused in read-only mode). */
int ddb_op_is_write(const char *op);

/* Requests (and timers) not yet finished. */
int ddb_client_pending(const struct ddb_client *c);
int ddb_client_in_flight(const struct ddb_client *c);
/* Write requests not finished (queued, in flight or waiting to retry) and timers a write waits
 * on; op (if not NULL) gets the first request's operation and table ("BatchWriteItem in
 * cruddur-messages"), or "" if only timers are pending. */
int ddb_client_pending_writes(const struct ddb_client *c, char *op, size_t op_size);
/* The cap of requests in flight (max_concurrency). */
int ddb_client_max_concurrency(const struct ddb_client *c);
/* Requests and timers with this tag whose callbacks have not run yet (cancelled ones too). */
int ddb_client_pending_tag(const struct ddb_client *c, const void *tag);

/* Extra descriptor to wait on (the TUI's stdin). */
struct ddb_waitfd {
	int fd;
	short events;  /* POLLIN ... */
	short revents; /* filled by ddb_client_poll */
};
/* Waits until network activity, an extra fd is ready, a timer or retry is due, or timeout_ms
 * (-1: no limit other than the queue's own deadlines). Returns -1 with err only on a failure of
 * the multi handle. */
int ddb_client_poll(struct ddb_client *c, struct ddb_waitfd *extra, unsigned nextra, int timeout_ms,
                    struct ddb_error *err);
/* Makes progress without waiting: transfers, retries, timers, callbacks. */
void ddb_client_perform(struct ddb_client *c);
/* Starts queued requests (up to the concurrency cap) and sends what can be sent now, delivering
 * nothing; callable from a callback (which ddb_client_perform is not): a pager puts its next
 * request on the wire before it hands over the page it got. */
void ddb_client_kick(struct ddb_client *c);
/* Blocks until nothing is pending (for subcommands). */
void ddb_client_run(struct ddb_client *c);

/* Wakes a ddb_client_poll in progress (safe from a signal handler: one write to a pipe). */
void ddb_client_wakeup(struct ddb_client *c);

#endif
