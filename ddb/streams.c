/* streams.c - DynamoDB Streams: the endpoint and the tail over a stream's shards (streams.h). */
#include "ddb/streams.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ddb/buf.h"
#include "ddb/time.h"

static const char *sys_getenv(const char *name)
{
	return getenv(name);
}

/* Whether host is an AWS one (dynamodb.us-east-1.amazonaws.com, ...amazonaws.com.cn). */
static int aws_host(const char *host)
{
	static const char *const tails[] = {".amazonaws.com", ".amazonaws.com.cn"};
	size_t i, n = host ? strlen(host) : 0;

	for (i = 0; i < sizeof(tails) / sizeof(tails[0]); i++) {
		size_t k = strlen(tails[i]);

		if (n > k && strcmp(host + n - k, tails[i]) == 0)
			return 1;
	}
	return 0;
}

char *ddb_streams_endpoint(const struct ddb_config *cfg, const char *(*getenv_fn)(const char *))
{
	struct ddb_buf b = DDB_BUF_INIT;
	const char *v, *src = cfg->endpoint_source ? cfg->endpoint_source : "";

	if (!getenv_fn)
		getenv_fn = sys_getenv;
	if (!aws_host(cfg->host))
		return ddb_strdup(cfg->endpoint); /* a local engine serves both APIs */
	v = getenv_fn("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS");
	if (strcmp(src, "--endpoint-url") != 0 && !(v && strcasecmp(v, "true") == 0) &&
	    (v = getenv_fn("AWS_ENDPOINT_URL_DYNAMODB_STREAMS")) && *v)
		ddb_buf_puts(&b, v);
	else
		ddb_buf_printf(&b, "https://streams.dynamodb.%s.amazonaws.com%s",
		               cfg->region && *cfg->region ? cfg->region : "us-east-1",
		               cfg->host && strstr(cfg->host, ".amazonaws.com.cn") ? ".cn" : "");
	while (b.len > 0 && b.data[b.len - 1] == '/')
		b.data[--b.len] = '\0';
	return ddb_buf_steal(&b);
}

int ddb_streams_service(struct ddb_client *c, const char *endpoint, struct ddb_error *err)
{
	return ddb_client_add_service(c, endpoint, "dynamodb", DDB_STREAMS_TARGET,
	                              "application/x-amz-json-1.0", err);
}

int ddb_stream_seq_cmp(const char *a, const char *b)
{
	size_t la, lb;

	while (*a == '0' && a[1])
		a++;
	while (*b == '0' && b[1])
		b++;
	la = strlen(a);
	lb = strlen(b);
	if (la != lb)
		return la < lb ? -1 : 1;
	return strcmp(a, b);
}

int ddb_stream_record_time(const cJSON *record, int64_t *unix_us)
{
	const cJSON *d = cJSON_GetObjectItemCaseSensitive(record, "dynamodb");
	const cJSON *t = cJSON_GetObjectItemCaseSensitive(d, "ApproximateCreationDateTime");

	if (cJSON_IsNumber(t)) {
		*unix_us = (int64_t)(t->valuedouble * 1e6 + (t->valuedouble >= 0 ? 0.5 : -0.5));
		return 0;
	}
	if (cJSON_IsString(t) && ddb_time_parse(t->valuestring, unix_us) == 0)
		return 0;
	return -1;
}

/* ---- the tail ---- */

enum shard_state {
	SH_WAIT, /* not started: its parent is being read, or the shard list is being read */
	SH_ITER, /* GetShardIterator in flight */
	SH_READ, /* GetRecords in flight */
	SH_IDLE, /* follow: waiting after an empty read */
	SH_DONE, /* read to its end (closed), caught up (no follow), skipped or gone */
};

struct shard {
	struct ddb_stream_tail *t;
	char *id, *parent;
	int closed;       /* has an EndingSequenceNumber */
	int initial;      /* in the shard list as the tail started */
	int trim;         /* the next iterator is TRIM_HORIZON whatever else is known */
	int empty_closed; /* empty reads in a row of a closed shard */
	char *iter;       /* the next GetRecords' iterator */
	char *last_seq;   /* the last record handed over, or a checkpoint */
	enum shard_state st;
};

struct ddb_stream_tail {
	struct ddb_client *c;
	struct ddb_stream_tail_opts o;
	char *arn;
	ddb_stream_records_cb *on_records;
	ddb_stream_done_cb *on_done;
	void *ud;
	struct shard **sh;
	size_t n, cap;
	int pending;    /* requests and timers whose callbacks have not run */
	int describing; /* DescribeStream (or its timer) in flight */
	int listed;     /* the shard list was read once */
	int stopping;   /* stop, or a failure: callbacks only drain */
	int failed;
	struct ddb_error err;
};

static void tail_free(struct ddb_stream_tail *t)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		free(t->sh[i]->id);
		free(t->sh[i]->parent);
		free(t->sh[i]->iter);
		free(t->sh[i]->last_seq);
		free(t->sh[i]);
	}
	free(t->sh);
	free(t->arn);
	free(t);
}

/* Called at the end of every callback: once nothing is pending, the tail ends. */
static void check_end(struct ddb_stream_tail *t)
{
	struct ddb_error ok;

	if (t->pending > 0)
		return;
	ddb_error_clear(&ok);
	t->on_done(t->c, t->failed ? &t->err : &ok, t->ud);
	tail_free(t);
}

static void fail(struct ddb_stream_tail *t, const struct ddb_error *err)
{
	if (!t->failed) {
		t->failed = 1;
		t->err = *err;
	}
	if (!t->stopping) {
		t->stopping = 1;
		ddb_cancel_tag(t->c, t);
	}
}

void ddb_stream_tail_stop(struct ddb_stream_tail *t)
{
	if (!t->stopping) {
		t->stopping = 1;
		ddb_cancel_tag(t->c, t);
	}
}

static struct shard *find_shard(struct ddb_stream_tail *t, const char *id)
{
	size_t i;

	for (i = 0; id && i < t->n; i++)
		if (strcmp(t->sh[i]->id, id) == 0)
			return t->sh[i];
	return NULL;
}

static const char *str_of(const cJSON *o, const char *name)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);

	return cJSON_IsString(v) && v->valuestring[0] ? v->valuestring : NULL;
}

static int is_type(const struct ddb_reply *r, const char *type)
{
	return r->err.kind == DDB_ERR_SERVICE && strcmp(r->err.type, type) == 0;
}

static void submit(struct ddb_stream_tail *t, const char *op, cJSON *body, ddb_reply_cb *cb,
                   void *ud)
{
	t->pending++;
	ddb_submit_to(t->c, t->o.svc, op, body, cb, ud, t);
}

static void describe(struct ddb_stream_tail *t, const char *start_id);
static void schedule(struct ddb_stream_tail *t);
static void get_iter(struct shard *s);
static void get_records(struct shard *s);

static void on_describe_timer(struct ddb_client *c, void *ud, int cancelled)
{
	struct ddb_stream_tail *t = ud;

	(void)c;
	t->pending--;
	t->describing = 0;
	if (!cancelled && !t->stopping)
		describe(t, NULL);
	check_end(t);
}

static void on_describe(struct ddb_client *c, struct ddb_reply *r, void *ud)
{
	struct ddb_stream_tail *t = ud;
	const cJSON *d, *shards, *x;
	const char *next;

	(void)c;
	t->pending--;
	t->describing = 0;
	if (t->stopping) {
		check_end(t);
		return;
	}
	if (r->err.kind != DDB_ERR_NONE) {
		fail(t, &r->err);
		check_end(t);
		return;
	}
	d = cJSON_GetObjectItemCaseSensitive(r->json, "StreamDescription");
	shards = cJSON_GetObjectItemCaseSensitive(d, "Shards");
	cJSON_ArrayForEach(x, shards)
	{
		const char *id = str_of(x, "ShardId");
		const cJSON *range = cJSON_GetObjectItemCaseSensitive(x, "SequenceNumberRange");
		struct shard *s;

		if (!id)
			continue;
		if (!(s = find_shard(t, id))) {
			if (t->n == t->cap) {
				t->cap = t->cap ? t->cap * 2 : 8;
				t->sh = ddb_must(realloc(t->sh, t->cap * sizeof(*t->sh)));
			}
			s = ddb_calloc(1, sizeof(*s));
			s->t = t;
			s->id = ddb_strdup(id);
			s->parent = ddb_strdup_or_null(str_of(x, "ParentShardId"));
			s->initial = !t->listed;
			s->st = SH_WAIT;
			t->sh[t->n++] = s;
		}
		if (str_of(range, "EndingSequenceNumber"))
			s->closed = 1;
	}
	if ((next = str_of(d, "LastEvaluatedShardId"))) {
		describe(t, next);
		check_end(t);
		return;
	}
	t->listed = 1;
	schedule(t);
	check_end(t);
}

static void describe(struct ddb_stream_tail *t, const char *start_id)
{
	cJSON *body = cJSON_CreateObject();

	cJSON_AddStringToObject(body, "StreamArn", t->arn);
	if (start_id)
		cJSON_AddStringToObject(body, "ExclusiveStartShardId", start_id);
	t->describing = 1;
	submit(t, "DescribeStream", body, on_describe, t);
}

/* Starts each shard whose parent is read (or unknown: trimmed away), skips the closed history
 * when reading from LATEST; with follow and nothing left to read, looks for new shards after
 * idle_ms. */
static void schedule(struct ddb_stream_tail *t)
{
	size_t i;
	int changed = 1, active = 0;

	while (changed) {
		changed = 0;
		for (i = 0; i < t->n; i++) {
			struct shard *s = t->sh[i], *p;

			if (s->st != SH_WAIT)
				continue;
			p = find_shard(t, s->parent);
			if (t->o.start == DDB_STREAM_FROM_LATEST && s->initial && s->closed &&
			    !(t->o.resume && t->o.resume(t->ud, s->id))) {
				s->st = SH_DONE; /* history: LATEST reads what comes from now on */
				changed = 1;
				continue;
			}
			if (p && p->st != SH_DONE)
				continue;
			get_iter(s);
			changed = 1;
		}
	}
	for (i = 0; i < t->n; i++)
		if (t->sh[i]->st != SH_DONE && t->sh[i]->st != SH_WAIT)
			active = 1;
	if (!active && t->o.follow && !t->describing && !t->stopping) {
		t->describing = 1;
		t->pending++;
		ddb_timer_add(t->c, t->o.idle_ms, on_describe_timer, t, t);
	}
}

static void on_iter(struct ddb_client *c, struct ddb_reply *r, void *ud)
{
	struct shard *s = ud;
	struct ddb_stream_tail *t = s->t;
	const char *it;

	(void)c;
	t->pending--;
	if (t->stopping) {
		check_end(t);
		return;
	}
	if (is_type(r, "TrimmedDataAccessException") && !s->trim) {
		/* the checkpoint is older than the stream keeps: from the oldest it has */
		s->trim = 1;
		get_iter(s);
	} else if (is_type(r, "ResourceNotFoundException") && s->closed) {
		s->st = SH_DONE; /* a closed shard trimmed away since it was listed */
		schedule(t);
	} else if (r->err.kind != DDB_ERR_NONE) {
		fail(t, &r->err);
	} else if (!(it = str_of(r->json, "ShardIterator"))) {
		s->st = SH_DONE;
		schedule(t);
	} else {
		free(s->iter);
		s->iter = ddb_strdup(it);
		get_records(s);
	}
	check_end(t);
}

static void get_iter(struct shard *s)
{
	struct ddb_stream_tail *t = s->t;
	cJSON *body = cJSON_CreateObject();
	const char *seq = NULL;

	if (!s->last_seq && !s->trim && t->o.resume && (seq = t->o.resume(t->ud, s->id)))
		s->last_seq = ddb_strdup(seq);
	cJSON_AddStringToObject(body, "StreamArn", t->arn);
	cJSON_AddStringToObject(body, "ShardId", s->id);
	if (s->trim) {
		cJSON_AddStringToObject(body, "ShardIteratorType", "TRIM_HORIZON");
	} else if (s->last_seq) {
		cJSON_AddStringToObject(body, "ShardIteratorType", "AFTER_SEQUENCE_NUMBER");
		cJSON_AddStringToObject(body, "SequenceNumber", s->last_seq);
	} else {
		cJSON_AddStringToObject(
		    body, "ShardIteratorType",
		    t->o.start == DDB_STREAM_FROM_LATEST && s->initial ? "LATEST" : "TRIM_HORIZON");
	}
	s->st = SH_ITER;
	submit(t, "GetShardIterator", body, on_iter, s);
}

static void on_idle(struct ddb_client *c, void *ud, int cancelled)
{
	struct shard *s = ud;
	struct ddb_stream_tail *t = s->t;

	(void)c;
	t->pending--;
	if (!cancelled && !t->stopping)
		get_records(s);
	check_end(t);
}

static void on_records(struct ddb_client *c, struct ddb_reply *r, void *ud)
{
	struct shard *s = ud;
	struct ddb_stream_tail *t = s->t;
	const cJSON *recs, *last;
	const char *next, *seq;
	int n;

	t->pending--;
	if (t->stopping) {
		check_end(t);
		return;
	}
	if (is_type(r, "ExpiredIteratorException") ||
	    (is_type(r, "TrimmedDataAccessException") && !s->trim)) {
		/* a new iterator: after the last record handed over (or where the shard was
		 * started); from the oldest record kept if that one is trimmed away */
		if (is_type(r, "TrimmedDataAccessException"))
			s->trim = 1;
		get_iter(s);
		check_end(t);
		return;
	}
	if (r->err.kind != DDB_ERR_NONE) {
		fail(t, &r->err);
		check_end(t);
		return;
	}
	s->trim = 0;
	recs = cJSON_GetObjectItemCaseSensitive(r->json, "Records");
	n = cJSON_IsArray(recs) ? cJSON_GetArraySize(recs) : 0;
	if (n > 0) {
		last = cJSON_GetArrayItem(recs, n - 1);
		seq = str_of(cJSON_GetObjectItemCaseSensitive(last, "dynamodb"), "SequenceNumber");
		if (seq && (!s->last_seq || ddb_stream_seq_cmp(seq, s->last_seq) > 0)) {
			free(s->last_seq);
			s->last_seq = ddb_strdup(seq);
		}
		if (t->on_records(c, s->id, recs, t->ud) != 0) {
			ddb_stream_tail_stop(t);
			check_end(t);
			return;
		}
	}
	free(s->iter);
	s->iter = NULL;
	next = str_of(r->json, "NextShardIterator");
	if (!next) {
		/* closed and read to its end: its children come next */
		s->closed = 1;
		s->st = SH_DONE;
		if (t->o.follow && !t->describing)
			describe(t, NULL);
		else
			schedule(t);
	} else {
		s->iter = ddb_strdup(next);
		s->empty_closed = n > 0 || !s->closed ? 0 : s->empty_closed + 1;
		if (n > 0 || (s->closed && s->empty_closed < 5 && !t->o.follow)) {
			get_records(s);
		} else if (t->o.follow) {
			s->st = SH_IDLE;
			t->pending++;
			ddb_timer_add(c, t->o.idle_ms, on_idle, s, t);
		} else {
			s->st = SH_DONE; /* caught up: what was there is read */
			schedule(t);
		}
	}
	check_end(t);
}

static void get_records(struct shard *s)
{
	cJSON *body = cJSON_CreateObject();

	cJSON_AddStringToObject(body, "ShardIterator", s->iter);
	cJSON_AddNumberToObject(body, "Limit", 1000);
	s->st = SH_READ;
	submit(s->t, "GetRecords", body, on_records, s);
}

struct ddb_stream_tail *ddb_stream_tail_start(struct ddb_client *c,
                                              const struct ddb_stream_tail_opts *opts,
                                              ddb_stream_records_cb *records_cb,
                                              ddb_stream_done_cb *done_cb, void *ud)
{
	struct ddb_stream_tail *t = ddb_calloc(1, sizeof(*t));

	t->c = c;
	t->o = *opts;
	if (t->o.idle_ms <= 0)
		t->o.idle_ms = 1000;
	t->arn = ddb_strdup(opts->stream_arn);
	t->o.stream_arn = t->arn;
	t->on_records = records_cb;
	t->on_done = done_cb;
	t->ud = ud;
	describe(t, NULL);
	return t;
}
