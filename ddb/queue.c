/* queue.c - the shared asynchronous request queue: one CURLM, a cap on transfers in flight,
 * SigV4 on every attempt, retries with full-jitter backoff, timers, cancellation, a log hook. */
#include "queue.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <pthread.h>

#include <curl/curl.h>

#include "buf.h"
#include "json.h"
#include "sigv4.h"

#define TARGET_PREFIX "DynamoDB_20120810."

enum req_state {
	R_QUEUED,  /* not yet sent */
	R_ACTIVE,  /* an attempt is in the multi handle */
	R_WAITING, /* backing off before the next attempt */
	R_DONE,    /* finished; callback not yet run */
};

struct req {
	uint64_t id;
	int svc;
	const void *tag;
	char op[48];
	char *table;
	char *body;
	size_t body_len;
	ddb_reply_cb *cb;
	void *ud;

	enum req_state state;
	CURL *easy;
	struct curl_slist *headers;
	char curl_err[CURL_ERROR_SIZE];
	struct ddb_buf resp;
	int attempts;
	time_t server_date;  /* the last reply's Date header, 0 if none */
	int skew_retried;    /* sent again once after a clock-skew error */
	int token_retried;   /* sent again once after an ExpiredToken answer */
	unsigned signed_gen; /* the credentials generation its last attempt was signed with */
	unsigned need_gen;   /* held until the credentials generation reaches this (0: not held) */
	int retry_cost;      /* what its last retry took from the retry quota */
	double submit_ms;    /* when it was submitted */
	double first_ms;     /* when the first attempt started */
	double due_ms;       /* R_WAITING: when to try again */

	long status;
	cJSON *json;
	struct ddb_error err;
	double latency_ms;

	ddb_body_cb *body_cb; /* ddb_on_body */
	void *body_ud;

	struct req *prev, *next;
};

struct timer {
	uint64_t id;
	const void *tag;
	double due_ms;
	ddb_timer_cb *fn;
	void *ud;
	int cancelled;
	int write; /* ddb_timer_add_write: a write waits on it */
	struct timer *next;
};

#define MAX_SERVICES 4

/* The credential refresher and its worker thread (see queue.h). */
struct refresher {
	ddb_refresh_fn *fn;
	void *ud;
	long advisory_s, mandatory_s;
	long long expiry;   /* of the credentials in use; 0 = never */
	const char *source; /* of the credentials in use */
	unsigned gen;       /* bumped each time fresh credentials land */
	int forced;         /* an ExpiredToken answer asks for a refresh */
	double last_try_ms; /* monotonic start of the last try, -1 for none */
	int last_failed;    /* the last try failed (last_err) */
	struct ddb_error last_err;
	int hold_all; /* mandatory window: new requests wait for the running refresh */

	pthread_t th;
	int running; /* a worker was started and not joined yet */
	pthread_mutex_t mu;
	/* under mu: */
	int landed;
	int rc;
	struct ddb_fresh_creds got;
	struct ddb_error err;
};

/* Where and how requests of one service go; service 0 is DynamoDB. */
struct service {
	char *endpoint;      /* as configured, for messages */
	char *url;           /* endpoint + "/" */
	char *host_hdr;      /* host[:port] as in the Host header */
	char *signing_name;  /* "dynamodb" */
	char *target_prefix; /* "DynamoDB_20120810." */
	char *content_type;  /* "application/x-amz-json-1.0" */
};

struct ddb_client {
	struct service svcs[MAX_SERVICES];
	int nsvcs;
	struct ddb_config_copy {
		char *region;
		char *access_key;
		char *secret_key;
		char *session_token;
		char *ca_bundle;
		char *proxy, *no_proxy;
	} cfg;
	const struct ddb_config *config; /* borrowed, for ddb_client_config */
	struct ddb_client_opts opts;
	CURLM *multi;
	struct req *head, *tail; /* every unfinished request, in submission order */
	struct timer *timers;
	uint64_t next_id;
	int in_flight;
	long clock_skew; /* seconds the service's clock is ahead of ours (from a skew error) */
	uint64_t rng;
	ddb_log_cb *log_fn;
	void *log_ud;
	int delivering;
	/* easy handles of finished attempts, reset, for the next ones: a fresh handle is a large
	 * calloc on the path from one page's arrival to the next page's request */
	CURL *spare[16];
	int nspare;
	struct refresher rf;
	int quota_on; /* standard/adaptive retry mode */
	int quota;    /* retry tokens left */
};

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

/* xorshift64*: jitter only, not security. */
static double rand01(struct ddb_client *c)
{
	c->rng ^= c->rng >> 12;
	c->rng ^= c->rng << 25;
	c->rng ^= c->rng >> 27;
	return (double)((c->rng * 2685821657736338717ULL) >> 11) / 9007199254740992.0;
}

int ddb_op_is_write(const char *op)
{
	static const char *const writes[] = {
	    "PutItem",
	    "UpdateItem",
	    "DeleteItem",
	    "BatchWriteItem",
	    "CreateTable",
	    "DeleteTable",
	    "UpdateTable",
	    "TransactWriteItems",
	    "UpdateTimeToLive",
	    "TagResource",
	    "UntagResource",
	    "CreateBackup",
	    "DeleteBackup",
	    "RestoreTableFromBackup",
	    "UpdateContinuousBackups",
	    "CreateGlobalTable",
	    "UpdateGlobalTable",
	    "ExecuteStatement",
	    "BatchExecuteStatement",
	    "ExecuteTransaction",
	    "ImportTable",
	    "UpdateKinesisStreamingDestination",
	    "EnableKinesisStreamingDestination",
	    "DisableKinesisStreamingDestination",
	    "PutResourcePolicy",
	    "DeleteResourcePolicy",
	    "RestoreTableToPointInTime",
	};
	size_t i;

	for (i = 0; i < sizeof(writes) / sizeof(writes[0]); i++)
		if (strcmp(op, writes[i]) == 0)
			return 1;
	return 0;
}

static void add_service(struct ddb_client *c, const char *endpoint, const char *scheme,
                        const char *host, int port, const char *signing_name, const char *prefix,
                        const char *content_type)
{
	struct service *s = &c->svcs[c->nsvcs++];
	struct ddb_buf b = DDB_BUF_INIT;
	int default_port = strcmp(scheme, "https") == 0 ? 443 : 80;

	s->endpoint = ddb_strdup_or_null(endpoint);
	ddb_buf_printf(&b, "%s/", endpoint);
	s->url = ddb_buf_steal(&b);
	if (strchr(host, ':'))
		ddb_buf_printf(&b, "[%s]", host);
	else
		ddb_buf_puts(&b, host);
	if (port != default_port)
		ddb_buf_printf(&b, ":%d", port);
	s->host_hdr = ddb_buf_steal(&b);
	s->signing_name = ddb_strdup_or_null(signing_name);
	s->target_prefix = ddb_strdup_or_null(prefix);
	s->content_type = ddb_strdup_or_null(content_type);
}

int ddb_client_add_service(struct ddb_client *c, const char *endpoint, const char *signing_name,
                           const char *target_prefix, const char *content_type,
                           struct ddb_error *err)
{
	char *scheme = NULL, *host = NULL;
	int port = 0, i;

	for (i = 0; i < c->nsvcs; i++)
		if (strcmp(c->svcs[i].signing_name, signing_name) == 0 &&
		    strcmp(c->svcs[i].endpoint, endpoint) == 0 &&
		    strcmp(c->svcs[i].target_prefix, target_prefix) == 0)
			return i;
	if (c->nsvcs >= MAX_SERVICES) {
		ddb_error_set(err, DDB_ERR_USAGE, "too many services on one client");
		return -1;
	}
	if (ddb_endpoint_parse(endpoint, &scheme, &host, &port, err) != 0)
		return -1;
	add_service(c, endpoint, scheme, host, port, signing_name, target_prefix, content_type);
	free(scheme);
	free(host);
	return c->nsvcs - 1;
}

/* DDBTUI_TEST_CREDS_WINDOWS="ADVISORY,MANDATORY": for the tests only (queue.h). */
static void test_windows(struct refresher *rf)
{
	const char *v = getenv("DDBTUI_TEST_CREDS_WINDOWS");
	long a, m;

	if (v && sscanf(v, "%ld,%ld", &a, &m) == 2 && a >= m && m >= 0) {
		rf->advisory_s = a;
		rf->mandatory_s = m;
	}
}

int ddb_retry_quota_acquire(int *tokens, int timeout_or_connection)
{
	int cost = timeout_or_connection ? DDB_RETRY_COST_TIMEOUT : DDB_RETRY_COST;

	if (*tokens < cost)
		return 0;
	*tokens -= cost;
	return cost;
}

void ddb_retry_quota_release(int *tokens, int last_cost)
{
	*tokens += last_cost > 0 ? last_cost : 1;
	if (*tokens > DDB_RETRY_QUOTA_MAX)
		*tokens = DDB_RETRY_QUOTA_MAX;
}

int ddb_client_retry_quota(const struct ddb_client *c)
{
	return c->quota_on ? c->quota : DDB_RETRY_QUOTA_MAX;
}

enum ddb_refresh_need ddb_refresh_need(long long expiry, long long now, long advisory_s,
                                       long mandatory_s)
{
	long long left = expiry - now;

	if (expiry <= 0)
		return DDB_REFRESH_NONE;
	if (left <= 0)
		return DDB_REFRESH_EXPIRED;
	if (left < mandatory_s)
		return DDB_REFRESH_MANDATORY;
	if (left < advisory_s)
		return DDB_REFRESH_ADVISORY;
	return DDB_REFRESH_NONE;
}

int ddb_refresh_may_try(enum ddb_refresh_need need, int forced, double last_try_ms, double now)
{
	double gap;

	if (need == DDB_REFRESH_NONE && !forced)
		return 0;
	if (last_try_ms < 0)
		return 1;
	gap = need == DDB_REFRESH_ADVISORY && !forced ? 30000 : 5000;
	if (need == DDB_REFRESH_NONE)
		gap = 5000;
	return now - last_try_ms >= gap;
}

struct ddb_client *ddb_client_new(const struct ddb_config *cfg, const struct ddb_client_opts *opts,
                                  struct ddb_error *err)
{
	static int global_done;
	struct ddb_client *c;

	if (!global_done) {
		if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
			ddb_error_set(err, DDB_ERR_NETWORK, "libcurl could not be initialised");
			return NULL;
		}
		global_done = 1;
	}
	c = ddb_calloc(1, sizeof(*c));
	pthread_mutex_init(&c->rf.mu, NULL);
	c->config = cfg;
	if (opts)
		c->opts = *opts;
	if (c->opts.max_concurrency <= 0)
		c->opts.max_concurrency = DDB_DEFAULT_CONCURRENCY;
	if (c->opts.max_attempts <= 0)
		c->opts.max_attempts = cfg->max_attempts > 0 ? cfg->max_attempts : 3;
	if (c->opts.connect_timeout_ms <= 0)
		c->opts.connect_timeout_ms = 3000;
	if (c->opts.timeout_ms <= 0)
		c->opts.timeout_ms = 30000;
	if (c->opts.retry_base_ms <= 0)
		c->opts.retry_base_ms = 50;
	if (c->opts.retry_cap_ms <= 0)
		c->opts.retry_cap_ms = 20000;

	add_service(c, cfg->endpoint, cfg->scheme, cfg->host, cfg->port, "dynamodb", TARGET_PREFIX,
	            "application/x-amz-json-1.0");
	c->cfg.region = ddb_strdup_or_null(cfg->region);
	c->cfg.access_key = ddb_strdup_or_null(cfg->access_key);
	c->cfg.secret_key = ddb_strdup_or_null(cfg->secret_key);
	c->cfg.session_token = ddb_strdup_or_null(cfg->session_token);
	c->cfg.ca_bundle = ddb_strdup_or_null(cfg->ca_bundle);
	c->cfg.proxy = ddb_strdup_or_null(cfg->proxy);
	c->cfg.no_proxy = ddb_strdup_or_null(cfg->no_proxy);

	c->multi = curl_multi_init();
	if (!c->multi) {
		ddb_error_set(err, DDB_ERR_NOMEM, "libcurl multi handle could not be created");
		ddb_client_free(c);
		return NULL;
	}
	curl_multi_setopt(c->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, (long)c->opts.max_concurrency);
	c->next_id = 1;
	c->quota_on = !cfg->retry_mode || strcmp(cfg->retry_mode, "legacy") != 0;
	c->quota = DDB_RETRY_QUOTA_MAX;
	c->rf.expiry = cfg->creds_expiry;
	c->rf.source = cfg->creds_source ? cfg->creds_source : "credentials";
	c->rf.last_try_ms = -1;
	c->rf.advisory_s = 900;
	c->rf.mandatory_s = 600;
	test_windows(&c->rf);
	c->rng = (uint64_t)time(NULL) * 6364136223846793005ULL ^ (uint64_t)getpid() ^
	         0x9E3779B97F4A7C15ULL;
	return c;
}

void ddb_client_set_log(struct ddb_client *c, ddb_log_cb *fn, void *ud)
{
	c->log_fn = fn;
	c->log_ud = ud;
}

const struct ddb_config *ddb_client_config(const struct ddb_client *c)
{
	return c->config;
}

int ddb_client_max_concurrency(const struct ddb_client *c)
{
	return c->opts.max_concurrency;
}

int ddb_client_read_only(const struct ddb_client *c)
{
	return c->opts.read_only;
}

static void list_append(struct ddb_client *c, struct req *r)
{
	r->prev = c->tail;
	r->next = NULL;
	if (c->tail)
		c->tail->next = r;
	else
		c->head = r;
	c->tail = r;
}

static void list_remove(struct ddb_client *c, struct req *r)
{
	if (r->prev)
		r->prev->next = r->next;
	else
		c->head = r->next;
	if (r->next)
		r->next->prev = r->prev;
	else
		c->tail = r->prev;
	r->prev = r->next = NULL;
}

static void release_easy(struct ddb_client *c, struct req *r)
{
	if (r->easy) {
		curl_multi_remove_handle(c->multi, r->easy);
		if (c->nspare < (int)(sizeof(c->spare) / sizeof(c->spare[0]))) {
			curl_easy_reset(r->easy);
			c->spare[c->nspare++] = r->easy;
		} else {
			curl_easy_cleanup(r->easy);
		}
		r->easy = NULL;
		c->in_flight--;
	}
	curl_slist_free_all(r->headers);
	r->headers = NULL;
}

static void req_free(struct req *r)
{
	free(r->table);
	free(r->body);
	ddb_buf_done(&r->resp);
	cJSON_Delete(r->json);
	free(r);
}

uint64_t ddb_submit(struct ddb_client *c, const char *op, cJSON *body, ddb_reply_cb *cb, void *ud,
                    const void *tag)
{
	return ddb_submit_to(c, 0, op, body, cb, ud, tag);
}

uint64_t ddb_submit_to(struct ddb_client *c, int svc, const char *op, cJSON *body, ddb_reply_cb *cb,
                       void *ud, const void *tag)
{
	struct req *r = ddb_calloc(1, sizeof(*r));
	const cJSON *tn;

	r->id = c->next_id++;
	r->submit_ms = now_ms();
	r->svc = svc >= 0 && svc < c->nsvcs ? svc : 0;
	r->tag = tag;
	snprintf(r->op, sizeof(r->op), "%s", op);
	r->cb = cb;
	r->ud = ud;
	if (!body)
		body = cJSON_CreateObject();
	tn = cJSON_GetObjectItemCaseSensitive(body, "TableName");
	if (cJSON_IsString(tn))
		r->table = ddb_strdup_or_null(tn->valuestring);
	r->body = cJSON_PrintUnformatted(body);
	cJSON_Delete(body);
	if (!r->body)
		abort();
	r->body_len = strlen(r->body);
	r->state = R_QUEUED;
	if (c->opts.read_only && ddb_op_is_write(op)) {
		r->state = R_DONE;
		ddb_error_set(&r->err, DDB_ERR_READ_ONLY,
		              "read-only mode: %s refused (start without --read-only to write)",
		              op);
	}
	list_append(c, r);
	return r->id;
}

static void cancel_req(struct ddb_client *c, struct req *r)
{
	release_easy(c, r);
	r->state = R_DONE;
	r->status = 0;
	cJSON_Delete(r->json);
	r->json = NULL;
	ddb_error_clear(&r->err);
	ddb_error_set(&r->err, DDB_ERR_CANCELLED, "%s cancelled", r->op);
}

int ddb_on_body(struct ddb_client *c, uint64_t id, ddb_body_cb *fn, void *ud)
{
	struct req *r;

	for (r = c->tail; r; r = r->prev) {
		if (r->id == id && r->state != R_DONE) {
			r->body_cb = fn;
			r->body_ud = ud;
			return 0;
		}
	}
	return -1;
}

int ddb_cancel(struct ddb_client *c, uint64_t id)
{
	struct req *r;

	for (r = c->head; r; r = r->next) {
		if (r->id == id && r->state != R_DONE) {
			cancel_req(c, r);
			return 0;
		}
	}
	return -1;
}

int ddb_cancel_tag(struct ddb_client *c, const void *tag)
{
	struct req *r;
	struct timer *t;
	int n = 0;

	for (r = c->head; r; r = r->next) {
		if (r->tag == tag && r->state != R_DONE) {
			cancel_req(c, r);
			n++;
		}
	}
	for (t = c->timers; t; t = t->next) {
		if (t->tag == tag && !t->cancelled) {
			t->cancelled = 1;
			t->due_ms = 0;
			n++;
		}
	}
	return n;
}

uint64_t ddb_timer_add(struct ddb_client *c, long delay_ms, ddb_timer_cb *fn, void *ud,
                       const void *tag)
{
	struct timer *t = ddb_calloc(1, sizeof(*t));

	t->id = c->next_id++;
	t->tag = tag;
	t->due_ms = now_ms() + (double)(delay_ms > 0 ? delay_ms : 0);
	t->fn = fn;
	t->ud = ud;
	t->next = c->timers;
	c->timers = t;
	return t->id;
}

uint64_t ddb_timer_add_write(struct ddb_client *c, long delay_ms, ddb_timer_cb *fn, void *ud,
                             const void *tag)
{
	uint64_t id = ddb_timer_add(c, delay_ms, fn, ud, tag);

	c->timers->write = 1;
	return id;
}

int ddb_client_pending(const struct ddb_client *c)
{
	const struct req *r;
	const struct timer *t;
	int n = 0;

	for (r = c->head; r; r = r->next)
		n++;
	for (t = c->timers; t; t = t->next)
		n++;
	return n;
}

int ddb_client_pending_tag(const struct ddb_client *c, const void *tag)
{
	const struct req *r;
	const struct timer *t;
	int n = 0;

	for (r = c->head; r; r = r->next)
		n += r->tag == tag;
	for (t = c->timers; t; t = t->next)
		n += t->tag == tag;
	return n;
}

int ddb_client_pending_writes(const struct ddb_client *c, char *op, size_t op_size)
{
	const struct req *r;
	int n = 0;

	const struct timer *t;

	if (op && op_size)
		op[0] = '\0';
	for (r = c->head; r; r = r->next)
		if (ddb_op_is_write(r->op) && n++ == 0 && op && op_size)
			snprintf(op, op_size, "%s%s%s", r->op, r->table ? " in " : "",
			         r->table ? r->table : "");
	for (t = c->timers; t; t = t->next)
		n += t->write && !t->cancelled;
	return n;
}

int ddb_client_in_flight(const struct ddb_client *c)
{
	return c->in_flight;
}

static size_t on_data(char *ptr, size_t size, size_t nmemb, void *ud)
{
	struct req *r = ud;

	ddb_buf_append(&r->resp, ptr, size * nmemb);
	return size * nmemb;
}

/* Keeps the Date header of the reply: the service's clock, for a clock-skew error. */
static size_t on_header(char *ptr, size_t size, size_t nmemb, void *ud)
{
	struct req *r = ud;
	size_t n = size * nmemb;

	if (n > 5 && n < 200 && strncasecmp(ptr, "Date:", 5) == 0) {
		char line[200];
		time_t t;

		memcpy(line, ptr + 5, n - 5);
		line[n - 5] = '\0';
		t = curl_getdate(line, NULL);
		if (t > 0)
			r->server_date = t;
	}
	return n;
}

/* ---- credential refresh ---- */

void ddb_client_set_refresher(struct ddb_client *c, ddb_refresh_fn *fn, void *ud)
{
	c->rf.fn = fn;
	c->rf.ud = ud;
}

const char *ddb_client_creds_source(const struct ddb_client *c, long long *expiry)
{
	if (expiry)
		*expiry = c->rf.expiry;
	return c->rf.source;
}

static void fresh_creds_done(struct ddb_fresh_creds *f)
{
	free(f->access_key);
	ddb_free_secret(f->secret_key);
	ddb_free_secret(f->session_token);
	memset(f, 0, sizeof(*f));
}

static void *refresh_main(void *arg)
{
	struct ddb_client *c = arg;
	struct ddb_fresh_creds got;
	struct ddb_error err;
	int rc;

	memset(&got, 0, sizeof(got));
	ddb_error_clear(&err);
	rc = c->rf.fn(c->rf.ud, &got, &err);
	pthread_mutex_lock(&c->rf.mu);
	c->rf.landed = 1;
	c->rf.rc = rc;
	c->rf.got = got;
	c->rf.err = err;
	pthread_mutex_unlock(&c->rf.mu);
	curl_multi_wakeup(c->multi);
	return NULL;
}

/* "imds, expires 2026-12-04T12:00:00Z": the request log's table column of a refresh. */
static void creds_label(const struct refresher *rf, char *out, size_t n)
{
	char when[32] = "never";

	if (rf->expiry > 0) {
		time_t t = (time_t)rf->expiry;
		struct tm tm;

		gmtime_r(&t, &tm);
		strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	}
	snprintf(out, n, "%s, expires %s", rf->source, when);
}

static void log_refresh(struct ddb_client *c, double ms, const struct ddb_error *err)
{
	static const struct ddb_error none;
	char label[96];
	struct ddb_log_entry e;

	if (!c->log_fn)
		return;
	creds_label(&c->rf, label, sizeof(label));
	memset(&e, 0, sizeof(e));
	e.op = "RefreshCredentials";
	e.table = label;
	e.latency_ms = ms;
	e.items = -1;
	e.attempts = 1;
	e.capacity = -1;
	e.err = err ? err : &none;
	c->log_fn(&e, c->log_ud);
}

/* A request that waits for credentials that could not be refreshed fails (not a hang). */
static void fail_for_creds(struct ddb_client *c, struct req *r)
{
	const struct refresher *rf = &c->rf;
	char label[96];

	creds_label(rf, label, sizeof(label));
	release_easy(c, r);
	r->state = R_DONE;
	cJSON_Delete(r->json);
	r->json = NULL;
	if (r->need_gen > rf->gen) {
		/* refused with ExpiredToken, and no fresh key came */
		size_t n = strlen(r->err.message);

		snprintf(r->err.message + n, sizeof(r->err.message) - n,
		         " (the credentials from %s could not be refreshed: %s)", label,
		         rf->last_err.message);
		return;
	}
	r->status = 0;
	ddb_error_clear(&r->err);
	ddb_error_set(&r->err,
	              rf->last_err.kind != DDB_ERR_NONE ? rf->last_err.kind : DDB_ERR_CONFIG,
	              "%s not sent: the credentials from %s have expired and could not be "
	              "refreshed: %s",
	              r->op, label, rf->last_err.message);
}

static int req_held(const struct ddb_client *c, const struct req *r)
{
	return (r->state == R_QUEUED || r->state == R_WAITING) &&
	       (c->rf.hold_all || r->need_gen > c->rf.gen);
}

/* Takes what the worker brought back, if it has. */
static void refresh_landed(struct ddb_client *c)
{
	struct refresher *rf = &c->rf;
	struct ddb_fresh_creds got;
	struct ddb_error err;
	int landed, rc;
	struct req *r;

	if (!rf->running)
		return;
	pthread_mutex_lock(&rf->mu);
	landed = rf->landed;
	rc = rf->rc;
	got = rf->got;
	err = rf->err;
	rf->landed = 0;
	memset(&rf->got, 0, sizeof(rf->got));
	pthread_mutex_unlock(&rf->mu);
	if (!landed)
		return;
	pthread_join(rf->th, NULL);
	rf->running = 0;
	if (rc == 0 && got.access_key && got.secret_key) {
		free(c->cfg.access_key);
		ddb_free_secret(c->cfg.secret_key);
		ddb_free_secret(c->cfg.session_token);
		c->cfg.access_key = got.access_key;
		c->cfg.secret_key = got.secret_key;
		c->cfg.session_token = got.session_token;
		rf->expiry = got.expiry;
		if (got.source)
			rf->source = got.source;
		rf->gen++;
		rf->last_failed = 0;
		ddb_error_clear(&rf->last_err);
		log_refresh(c, now_ms() - rf->last_try_ms, NULL);
		return;
	}
	fresh_creds_done(&got);
	if (err.kind == DDB_ERR_NONE)
		ddb_error_set(&err, DDB_ERR_CONFIG, "the refresher gave no credentials");
	rf->last_failed = 1;
	rf->last_err = err;
	log_refresh(c, now_ms() - rf->last_try_ms, &err);
	for (r = c->head; r; r = r->next) {
		if (r->state == R_DONE)
			continue;
		if (r->need_gen > rf->gen ||
		    (r->state == R_QUEUED &&
		     ddb_refresh_need(rf->expiry, time(NULL), rf->advisory_s, rf->mandatory_s) ==
		         DDB_REFRESH_EXPIRED))
			fail_for_creds(c, r);
	}
}

static void start_refresh(struct ddb_client *c)
{
	struct refresher *rf = &c->rf;

	rf->last_try_ms = now_ms();
	rf->forced = 0;
	rf->landed = 0;
	if (pthread_create(&rf->th, NULL, refresh_main, c) != 0) {
		ddb_error_set(&rf->last_err, DDB_ERR_NOMEM, "no thread for the credential refresh");
		rf->last_failed = 1;
		return;
	}
	rf->running = 1;
}

/* Before requests start: takes a landed refresh, starts one when the windows say so, and
 * decides whether new requests are held. */
static void creds_tick(struct ddb_client *c)
{
	struct refresher *rf = &c->rf;
	enum ddb_refresh_need need;
	struct req *r;

	if (!rf->fn)
		return;
	refresh_landed(c);
	need = ddb_refresh_need(rf->expiry, time(NULL), rf->advisory_s, rf->mandatory_s);
	if (!rf->running && c->head &&
	    ddb_refresh_may_try(need, rf->forced, rf->last_try_ms, now_ms()))
		start_refresh(c);
	rf->hold_all = need >= DDB_REFRESH_MANDATORY && rf->running;
	if (need == DDB_REFRESH_EXPIRED && !rf->running && rf->last_failed)
		for (r = c->head; r; r = r->next)
			if (r->state == R_QUEUED || r->need_gen > rf->gen)
				fail_for_creds(c, r);
}

/* Signs and hands one attempt to the multi handle. On a local failure the request is done. */
static void start_attempt(struct ddb_client *c, struct req *r)
{
	struct sigv4_header hdrs[3];
	struct sigv4_request sr;
	struct sigv4_result res;
	struct ddb_buf line = DDB_BUF_INIT;
	const struct service *svc = &c->svcs[r->svc];
	char target[128];
	size_t i;

	snprintf(target, sizeof(target), "%s%s", svc->target_prefix, r->op);
	hdrs[0].name = "Host";
	hdrs[0].value = svc->host_hdr;
	hdrs[1].name = "Content-Type";
	hdrs[1].value = svc->content_type;
	hdrs[2].name = "X-Amz-Target";
	hdrs[2].value = target;

	memset(&sr, 0, sizeof(sr));
	sr.method = "POST";
	sr.path = "/";
	sr.headers = hdrs;
	sr.nheaders = 3;
	sr.body = r->body;
	sr.body_len = r->body_len;
	sr.region = c->cfg.region;
	sr.service = svc->signing_name;
	sr.access_key = c->cfg.access_key;
	sr.secret_key = c->cfg.secret_key;
	sr.session_token = c->cfg.session_token;
	sr.now = time(NULL) + c->clock_skew;
	r->signed_gen = c->rf.gen;
	sr.normalize_path = 1;
	memset(&res, 0, sizeof(res));
	if (sigv4_sign(&sr, &res, &r->err) != 0) {
		sigv4_result_done(&res);
		r->state = R_DONE;
		return;
	}

	curl_slist_free_all(r->headers);
	r->headers = NULL;
	for (i = 0; i < 3; i++) {
		ddb_buf_reset(&line);
		ddb_buf_printf(&line, "%s: %s", hdrs[i].name, hdrs[i].value);
		r->headers = curl_slist_append(r->headers, ddb_buf_str(&line));
	}
	for (i = 0; res.add_headers && res.add_headers[i]; i++)
		r->headers = curl_slist_append(r->headers, res.add_headers[i]);
	r->headers = curl_slist_append(r->headers, "Expect:");
	r->headers = curl_slist_append(r->headers, "Accept:");
	ddb_buf_done(&line);
	sigv4_result_done(&res);
	if (!r->headers)
		abort();

	r->easy = c->nspare ? c->spare[--c->nspare] : curl_easy_init();
	if (!r->easy)
		abort();
	ddb_buf_reset(&r->resp);
	r->curl_err[0] = '\0';
	curl_easy_setopt(r->easy, CURLOPT_URL, svc->url);
	curl_easy_setopt(r->easy, CURLOPT_POST, 1L);
	curl_easy_setopt(r->easy, CURLOPT_POSTFIELDS, r->body);
	curl_easy_setopt(r->easy, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)r->body_len);
	curl_easy_setopt(r->easy, CURLOPT_HTTPHEADER, r->headers);
	curl_easy_setopt(r->easy, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(r->easy, CURLOPT_WRITEDATA, r);
	curl_easy_setopt(r->easy, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(r->easy, CURLOPT_HEADERDATA, r);
	r->server_date = 0;
	curl_easy_setopt(r->easy, CURLOPT_PRIVATE, r);
	curl_easy_setopt(r->easy, CURLOPT_ERRORBUFFER, r->curl_err);
	curl_easy_setopt(r->easy, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(r->easy, CURLOPT_CONNECTTIMEOUT_MS, c->opts.connect_timeout_ms);
	curl_easy_setopt(r->easy, CURLOPT_TIMEOUT_MS, c->opts.timeout_ms);
	curl_easy_setopt(r->easy, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(r->easy, CURLOPT_SSL_VERIFYHOST, 2L);
	curl_easy_setopt(r->easy, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(r->easy, CURLOPT_TCP_KEEPALIVE, 1L);
	/* the proxy config.c chose as the AWS CLI does ("" = none): libcurl's own reading of the
	 * environment differs (it ignores HTTP_PROXY) */
	curl_easy_setopt(r->easy, CURLOPT_PROXY, c->cfg.proxy ? c->cfg.proxy : "");
	if (c->cfg.no_proxy)
		curl_easy_setopt(r->easy, CURLOPT_NOPROXY, c->cfg.no_proxy);
	if (c->cfg.ca_bundle)
		curl_easy_setopt(r->easy, CURLOPT_CAINFO, c->cfg.ca_bundle);
	if (r->attempts == 0)
		r->first_ms = now_ms();
	r->attempts++;
	r->state = R_ACTIVE;
	c->in_flight++;
	if (curl_multi_add_handle(c->multi, r->easy) != CURLM_OK) {
		release_easy(c, r);
		ddb_error_set(&r->err, DDB_ERR_NETWORK, "libcurl refused the transfer");
		r->state = R_DONE;
	}
}

static int is_transient_type(const char *type)
{
	return strcmp(type, "InternalServerError") == 0 || strcmp(type, "InternalFailure") == 0 ||
	       strcmp(type, "ServiceUnavailable") == 0 || strcmp(type, "RequestTimeout") == 0 ||
	       strcmp(type, "RequestTimeoutException") == 0;
}

/* Fills err from an error body {"__type": "ns#Type", "message": "..."} (json may be NULL). */
static void service_error(const char *op, long status, const cJSON *json, struct ddb_error *err)
{
	const cJSON *type = NULL, *msg = NULL;
	const char *t = "";
	const char *hash;

	if (json) {
		type = cJSON_GetObjectItemCaseSensitive(json, "__type");
		msg = cJSON_GetObjectItemCaseSensitive(json, "message");
		if (!cJSON_IsString(msg))
			msg = cJSON_GetObjectItemCaseSensitive(json, "Message");
	}
	if (cJSON_IsString(type)) {
		t = type->valuestring;
		hash = strrchr(t, '#');
		if (hash)
			t = hash + 1;
	}
	err->http_status = status;
	snprintf(err->type, sizeof(err->type), "%s", *t ? t : "HTTPError");
	if (cJSON_IsString(msg) && msg->valuestring[0])
		ddb_error_set(err, DDB_ERR_SERVICE, "%s", msg->valuestring);
	else
		ddb_error_set(err, DDB_ERR_SERVICE, "HTTP %ld from %s", status, op);
}

/* The operations whose reply has nothing in it (no output members in the API). */
static int op_has_no_output(const char *op)
{
	return strcmp(op, "TagResource") == 0 || strcmp(op, "UntagResource") == 0;
}

int ddb_reply_classify(const char *op, long status, const char *body, size_t len, cJSON **json,
                       struct ddb_error *err)
{
	ddb_error_clear(err);
	*json = NULL;
	if (status == 200 && ddb_json_has_nul_escape(body, len)) {
		/* cJSON would cut the string at the NUL: items, keys and the next page's start key
		 * would be wrong without a word. Nothing of the reply is used; trying again would
		 * get the same. */
		err->http_status = status;
		ddb_error_set(err, DDB_ERR_PARSE,
		              "%s: a string in the reply holds U+0000 (NUL), which ddbtui cannot "
		              "keep intact: the reply was not used",
		              op);
		return 0;
	}
	*json = cJSON_ParseWithLength(body, len);
	if (status == 200) {
		if (*json && cJSON_IsObject(*json))
			return 0;
		if (op_has_no_output(op)) {
			/* nothing to read from it: AWS sends no body, dynalite "" */
			cJSON_Delete(*json);
			*json = cJSON_CreateObject();
			return 0;
		}
		err->http_status = status;
		ddb_error_set(err, DDB_ERR_PARSE, "%s: the reply is not valid JSON (%zu bytes)", op,
		              len);
		return 1; /* a damaged reply to an idempotent-by-design request: try again */
	}
	service_error(op, status, *json, err);
	if (status >= 500 || ddb_error_type_is_throttle(err->type) || is_transient_type(err->type))
		return 1;
	return 0;
}

/* An answer that says our clock is off (the request was refused unseen, so sending it again,
 * a write included, cannot double it). */
static int is_skew_error(const struct ddb_error *err)
{
	return strcmp(err->type, "RequestTimeTooSkewed") == 0 ||
	       strcmp(err->type, "RequestExpired") == 0 ||
	       strcmp(err->type, "RequestInTheFuture") == 0 ||
	       (strcmp(err->type, "InvalidSignatureException") == 0 &&
	        (strstr(err->message, "Signature expired") ||
	         strstr(err->message, "Signature not yet current")));
}

static int classify_attempt(struct ddb_client *c, struct req *r, CURLcode rc);

/* The codes botocore takes for "the session token has expired" (RequestExpired is skew). */
static int is_expired_token(const struct ddb_error *err)
{
	return err->kind == DDB_ERR_SERVICE && (strcmp(err->type, "ExpiredTokenException") == 0 ||
	                                        strcmp(err->type, "ExpiredToken") == 0);
}

/* Decides what a finished attempt means. Returns 1 if it should be retried. A clock-skew error
 * sets the signing clock from the reply's Date header, as the AWS SDKs do, and is retried once
 * (at once: no backoff is needed for a clock). */
static int classify(struct ddb_client *c, struct req *r, CURLcode rc)
{
	int retry = classify_attempt(c, r, rc);

	if (!retry && !r->skew_retried && r->server_date > 0 && is_skew_error(&r->err)) {
		c->clock_skew = (long)(r->server_date - time(NULL));
		r->skew_retried = 1;
		return 1;
	}
	return retry;
}

static int classify_attempt(struct ddb_client *c, struct req *r, CURLcode rc)
{
	cJSON_Delete(r->json);
	r->json = NULL;
	r->status = 0;
	ddb_error_clear(&r->err);
	if (rc != CURLE_OK) {
		const char *detail = r->curl_err[0] ? r->curl_err : curl_easy_strerror(rc);

		if (rc == CURLE_OPERATION_TIMEDOUT)
			ddb_error_set(&r->err, DDB_ERR_TIMEOUT, "%s to %s timed out: %s", r->op,
			              c->svcs[r->svc].endpoint, detail);
		else
			ddb_error_set(&r->err, DDB_ERR_NETWORK, "cannot reach %s: %s",
			              c->svcs[r->svc].endpoint, detail);
		switch (rc) {
		case CURLE_COULDNT_CONNECT:
		case CURLE_COULDNT_RESOLVE_HOST:
		case CURLE_SEND_ERROR:
		case CURLE_RECV_ERROR:
		case CURLE_GOT_NOTHING:
		case CURLE_PARTIAL_FILE:
		case CURLE_OPERATION_TIMEDOUT:
		case CURLE_HTTP2:
		case CURLE_HTTP2_STREAM:
			return 1;
		default:
			return 0; /* TLS verification, bad URL: retrying cannot help */
		}
	}
	curl_easy_getinfo(r->easy, CURLINFO_RESPONSE_CODE, &r->status);
	if (r->body_cb && r->status == 200) {
		int retry;

		r->body_cb(c, r->id, ddb_buf_str(&r->resp), r->resp.len, r->body_ud);
		retry = ddb_reply_classify(r->op, r->status, ddb_buf_str(&r->resp), r->resp.len,
		                           &r->json, &r->err);
		if (r->err.kind != DDB_ERR_NONE)
			r->body_cb(c, r->id, NULL, 0, r->body_ud); /* that body was not a reply */
		return retry;
	}
	return ddb_reply_classify(r->op, r->status, ddb_buf_str(&r->resp), r->resp.len, &r->json,
	                          &r->err);
}

static double backoff_ms(struct ddb_client *c, int attempts)
{
	double ceiling = (double)c->opts.retry_base_ms;
	int i;

	for (i = 1; i < attempts && ceiling < (double)c->opts.retry_cap_ms; i++)
		ceiling *= 2;
	if (ceiling > (double)c->opts.retry_cap_ms)
		ceiling = (double)c->opts.retry_cap_ms;
	return rand01(c) * ceiling;
}

static void read_completions(struct ddb_client *c)
{
	CURLMsg *msg;
	int left;

	while ((msg = curl_multi_info_read(c->multi, &left))) {
		struct req *r = NULL;
		size_t n;
		int retry;

		if (msg->msg != CURLMSG_DONE)
			continue;
		curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&r);
		if (!r)
			continue;
		retry = classify(c, r, msg->data.result);
		if (!retry && c->rf.fn && !r->token_retried && is_expired_token(&r->err)) {
			/* refused unseen: sign again with fresh credentials, once */
			release_easy(c, r);
			r->token_retried = 1;
			r->state = R_QUEUED;
			if (r->signed_gen == c->rf.gen) {
				r->need_gen = c->rf.gen + 1;
				c->rf.forced = 1;
			}
			continue;
		}
		if (retry && r->attempts < c->opts.max_attempts) {
			int cost = 0;

			if (c->quota_on)
				cost = ddb_retry_quota_acquire(&c->quota,
				                               r->err.kind == DDB_ERR_TIMEOUT ||
				                                   r->err.kind == DDB_ERR_NETWORK);
			if (!c->quota_on || cost) {
				release_easy(c, r);
				r->retry_cost = cost;
				r->state = R_WAITING;
				r->due_ms = now_ms() + backoff_ms(c, r->attempts);
				continue;
			}
			n = strlen(r->err.message);
			snprintf(r->err.message + n, sizeof(r->err.message) - n,
			         " (retry quota exhausted: not retried)");
		}
		release_easy(c, r);
		r->state = R_DONE;
		if (c->quota_on && r->err.kind == DDB_ERR_NONE)
			ddb_retry_quota_release(&c->quota, r->retry_cost);
	}
}

static void start_ready(struct ddb_client *c)
{
	struct req *r;
	double now;

	creds_tick(c);
	now = now_ms();
	for (r = c->head; r && c->in_flight < c->opts.max_concurrency; r = r->next) {
		if (req_held(c, r))
			continue;
		if (r->state == R_QUEUED || (r->state == R_WAITING && r->due_ms <= now))
			start_attempt(c, r);
	}
}

/* The items a reply carried (Count of Scan/Query, Items of PartiQL), -1 when it has none. */
static long reply_items(const cJSON *json)
{
	const cJSON *n = cJSON_GetObjectItemCaseSensitive(json, "Count");
	const cJSON *items;

	if (cJSON_IsNumber(n))
		return (long)n->valuedouble;
	items = cJSON_GetObjectItemCaseSensitive(json, "Items");
	return cJSON_IsArray(items) ? cJSON_GetArraySize(items) : -1;
}

static double sum_capacity(const cJSON *json)
{
	const cJSON *cc, *e, *u;
	double total = 0;
	int found = 0;

	cc = cJSON_GetObjectItemCaseSensitive(json, "ConsumedCapacity");
	if (!cc)
		return -1;
	if (cJSON_IsObject(cc)) {
		u = cJSON_GetObjectItemCaseSensitive(cc, "CapacityUnits");
		return cJSON_IsNumber(u) ? u->valuedouble : -1;
	}
	cJSON_ArrayForEach(e, cc)
	{
		u = cJSON_GetObjectItemCaseSensitive(e, "CapacityUnits");
		if (cJSON_IsNumber(u)) {
			total += u->valuedouble;
			found = 1;
		}
	}
	return found ? total : -1;
}

/* Runs the callbacks of finished requests. Callbacks may submit or cancel. */
static void deliver(struct ddb_client *c)
{
	struct req *r, *next;
	struct req *done = NULL, **tailp = &done;

	for (r = c->head; r; r = next) {
		next = r->next;
		if (r->state != R_DONE)
			continue;
		list_remove(c, r);
		*tailp = r;
		tailp = &r->next;
	}
	while (done) {
		struct ddb_reply reply;
		cJSON *given;

		r = done;
		done = r->next;
		r->latency_ms = r->attempts ? now_ms() - r->first_ms : 0;
		if (c->log_fn) {
			struct ddb_log_entry e = {
			    .op = r->op,
			    .table = r->table,
			    .status = r->status,
			    .latency_ms = r->latency_ms,
			    .attempts = r->attempts,
			    .capacity = r->json ? sum_capacity(r->json) : -1,
			    .queued_ms = r->attempts ? r->first_ms - r->submit_ms : 0,
			    .items = reply_items(r->json),
			    .err = &r->err,
			    .request_bytes = r->body_len,
			    .response_bytes = r->resp.len,
			};
			c->log_fn(&e, c->log_ud);
		}
		memset(&reply, 0, sizeof(reply));
		reply.op = r->op;
		reply.id = r->id;
		reply.status = r->status;
		given =
		    r->err.kind == DDB_ERR_NONE || r->err.kind == DDB_ERR_SERVICE ? r->json : NULL;
		reply.json = given;
		reply.err = r->err;
		reply.attempts = r->attempts;
		reply.latency_ms = r->latency_ms;
		if (r->cb)
			r->cb(c, &reply, r->ud);
		if (given && !reply.json)
			r->json = NULL; /* the callback took it */
		req_free(r);
	}
}

static void fire_timers(struct ddb_client *c)
{
	double now = now_ms();
	struct timer **pp = &c->timers, *t;
	struct timer *due = NULL;

	while ((t = *pp)) {
		if (t->cancelled || t->due_ms <= now) {
			*pp = t->next;
			t->next = due;
			due = t;
		} else {
			pp = &t->next;
		}
	}
	while (due) {
		t = due;
		due = t->next;
		t->fn(c, t->ud, t->cancelled);
		free(t);
	}
}

void ddb_client_perform(struct ddb_client *c)
{
	int running, round;

	if (c->delivering)
		return; /* a callback called us: the outer loop goes on */
	c->delivering = 1;
	for (round = 0; round < 4; round++) {
		start_ready(c);
		curl_multi_perform(c->multi, &running);
		read_completions(c);
		fire_timers(c);
		deliver(c);
		/* a callback may have queued work that can start at once */
		if (!c->head || c->in_flight >= c->opts.max_concurrency)
			break;
	}
	start_ready(c);
	curl_multi_perform(c->multi, &running);
	/* what that last call finished must not wait for the next poll: with no socket left to
	 * watch, the poll would sleep its whole timeout (a second for ddb_client_run) */
	read_completions(c);
	c->delivering = 0;
}

void ddb_client_kick(struct ddb_client *c)
{
	int running;

	start_ready(c);
	curl_multi_perform(c->multi, &running);
}

/* Milliseconds until something is due without network activity; -1 for nothing. */
static long next_deadline(struct ddb_client *c)
{
	double now = now_ms(), best = -1;
	struct req *r;
	struct timer *t;
	int held = 0;

	for (r = c->head; r; r = r->next) {
		double due;

		if (r->state == R_DONE)
			return 0;
		if (req_held(c, r)) {
			held = 1;
			continue;
		}
		if (r->state == R_QUEUED && c->in_flight < c->opts.max_concurrency)
			return 0;
		if (r->state != R_WAITING)
			continue;
		due = r->due_ms - now;
		if (best < 0 || due < best)
			best = due;
	}
	for (t = c->timers; t; t = t->next) {
		double due = t->cancelled ? 0 : t->due_ms - now;

		if (best < 0 || due < best)
			best = due;
	}
	if (held && !c->rf.running) {
		/* the next try of a failed refresh (the worker's own result wakes the poll) */
		double due = c->rf.last_try_ms + 5000 - now;

		if (best < 0 || due < best)
			best = due;
	}
	if (best < 0)
		return -1;
	return best <= 0 ? 0 : (long)best + 1;
}

int ddb_client_poll(struct ddb_client *c, struct ddb_waitfd *extra, unsigned nextra, int timeout_ms,
                    struct ddb_error *err)
{
	struct curl_waitfd fds[8];
	long due = next_deadline(c);
	long wait = timeout_ms;
	unsigned i, n = nextra < 8 ? nextra : 8;
	int numfds = 0;
	CURLMcode mc;

	if (due >= 0 && (wait < 0 || due < wait))
		wait = due;
	if (wait < 0)
		wait = 1000; /* curl_multi_poll needs a limit; nothing is lost by waking up */
	for (i = 0; i < n; i++) {
		fds[i].fd = extra[i].fd;
		fds[i].events = extra[i].events;
		fds[i].revents = 0;
	}
	mc = curl_multi_poll(c->multi, n ? fds : NULL, n, (int)wait, &numfds);
	if (mc != CURLM_OK) {
		ddb_error_set(err, DDB_ERR_NETWORK, "curl_multi_poll: %s", curl_multi_strerror(mc));
		return -1;
	}
	for (i = 0; i < n; i++)
		extra[i].revents = fds[i].revents;
	return 0;
}

void ddb_client_run(struct ddb_client *c)
{
	ddb_client_perform(c);
	while (c->head || c->timers) {
		if (ddb_client_poll(c, NULL, 0, -1, NULL) != 0)
			break;
		ddb_client_perform(c);
	}
}

void ddb_client_wakeup(struct ddb_client *c)
{
	curl_multi_wakeup(c->multi);
}

void ddb_client_free(struct ddb_client *c)
{
	struct req *r;
	struct timer *t;
	int i;

	if (!c)
		return;
	for (r = c->head; r; r = r->next)
		if (r->state != R_DONE)
			cancel_req(c, r);
	for (t = c->timers; t; t = t->next)
		t->cancelled = 1;
	c->delivering = 0;
	fire_timers(c);
	deliver(c);
	if (c->rf.running) {
		pthread_join(c->rf.th, NULL);
		fresh_creds_done(&c->rf.got);
	}
	pthread_mutex_destroy(&c->rf.mu);
	if (c->multi)
		curl_multi_cleanup(c->multi);
	while (c->nspare)
		curl_easy_cleanup(c->spare[--c->nspare]);
	for (i = 0; i < c->nsvcs; i++) {
		free(c->svcs[i].endpoint);
		free(c->svcs[i].url);
		free(c->svcs[i].host_hdr);
		free(c->svcs[i].signing_name);
		free(c->svcs[i].target_prefix);
		free(c->svcs[i].content_type);
	}
	free(c->cfg.region);
	if (c->cfg.secret_key)
		memset(c->cfg.secret_key, 0, strlen(c->cfg.secret_key));
	free(c->cfg.access_key);
	free(c->cfg.secret_key);
	free(c->cfg.session_token);
	free(c->cfg.ca_bundle);
	free(c->cfg.proxy);
	free(c->cfg.no_proxy);
	free(c);
}
