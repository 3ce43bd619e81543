/* ops.c - DynamoDB operations over the queue: bodies, pagination, batches, waiters. */
#include "ops.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "config.h"
#include "json.h"

#define BATCH_WRITE_MAX    25
#define BATCH_GET_MAX      100
#define BATCH_WINDOW_START 8  /* BatchWriteItem requests in flight at first (adaptive) */
#define BATCH_MAX_STREAK   12 /* rounds of unprocessed items without progress before giving up */

static unsigned long jitter_state;

/* Full jitter: uniform in [0, min(cap, base * 2^streak)). */
static long jitter_ms(int streak)
{
	double ceiling = 50;
	int i;

	if (!jitter_state)
		jitter_state = (unsigned long)time(NULL) | 1;
	for (i = 0; i < streak && ceiling < 5000; i++)
		ceiling *= 2;
	if (ceiling > 5000)
		ceiling = 5000;
	jitter_state = jitter_state * 6364136223846793005UL + 1442695040888963407UL;
	return (long)((double)(jitter_state >> 11) / 9007199254740992.0 * ceiling);
}

/* ---- pagination ---- */

struct pgroup;

/* One paginated operation. It always has one request on its way until it ends (inflight): the
 * page it waits for. Without a cap on the items, the next page is asked for as soon as this
 * page's raw body shows its LastEvaluatedKey (early), so the endpoint works on it while this
 * page is parsed and handed over. It is freed once it ended and no request of its is pending
 * (a page asked for early and then dropped still has its callback to come). */
struct pager {
	char op[32];
	char in_key[40];
	char out_key[40];
	cJSON *req;
	long max_items; /* 0: no cap; else stop after this many items (Count of each page) */
	long seen;
	ddb_page_cb *page;
	ddb_done_cb *done;
	void *ud;
	const void *tag;
	uint64_t inflight;    /* the page waited for, 0: none */
	uint64_t early;       /* the page after it, asked for already, 0: none */
	int pending;          /* requests whose callback has not run */
	int stopping;         /* told to stop: what is on its way is dropped, whatever it brings */
	int ended;            /* done (or the group) was told */
	struct pgroup *group; /* the parallel scan this segment belongs to, or NULL */
};

/* A parallel scan: one pager per segment, one done for all. */
struct pgroup {
	struct pager **segs;
	int nsegs;
	int running;    /* pagers not ended */
	long max_items; /* 0: no cap */
	long seen;
	int stopping;
	struct ddb_error err; /* the first error */
	ddb_page_cb *page;
	ddb_done_cb *done;
	void *ud;
};

static void pager_reply(struct ddb_client *c, struct ddb_reply *reply, void *ud);
static void pager_body(struct ddb_client *c, uint64_t id, const char *body, size_t len, void *ud);

static int pager_capped(const struct pager *p)
{
	return p->max_items > 0 || (p->group && p->group->max_items > 0);
}

static uint64_t pager_submit(struct ddb_client *c, struct pager *p)
{
	uint64_t id = ddb_submit(c, p->op, cJSON_Duplicate(p->req, 1), pager_reply, p, p->tag);

	p->pending++;
	/* with a cap, the next request's Limit needs this page's Count: no early request */
	if (!pager_capped(p))
		ddb_on_body(c, id, pager_body, p);
	return id;
}

static void pager_send(struct ddb_client *c, struct pager *p)
{
	p->inflight = pager_submit(c, p);
}

/* Tells the pager to stop: what it has on its way is cancelled (or dropped when it comes). */
static void pager_stop(struct ddb_client *c, struct pager *p)
{
	p->stopping = 1;
	if (p->inflight)
		ddb_cancel(c, p->inflight);
	if (p->early)
		ddb_cancel(c, p->early);
}

/* Stops every segment of the group. */
static void group_stop(struct ddb_client *c, struct pgroup *g)
{
	int i;

	if (g->stopping)
		return;
	g->stopping = 1;
	for (i = 0; i < g->nsegs; i++)
		if (g->segs[i])
			pager_stop(c, g->segs[i]);
}

static void pager_free_if_idle(struct pager *p)
{
	if (!p->ended || p->pending)
		return;
	cJSON_Delete(p->req);
	free(p);
}

/* The pager's work is over: done (or its group) is told, once. */
static void pager_end(struct ddb_client *c, struct pager *p, const struct ddb_error *err)
{
	struct pgroup *g = p->group;
	struct ddb_error ok;

	if (!err) {
		ddb_error_clear(&ok);
		err = &ok;
	}
	if (p->early) {
		ddb_cancel(c, p->early);
		p->early = 0;
	}
	p->ended = 1;
	p->group = NULL;
	if (g) {
		int i;

		for (i = 0; i < g->nsegs; i++)
			if (g->segs[i] == p)
				g->segs[i] = NULL;
		if (err->kind != DDB_ERR_NONE && g->err.kind == DDB_ERR_NONE)
			g->err = *err;
		if (err->kind != DDB_ERR_NONE)
			group_stop(c, g);
		if (--g->running == 0) {
			if (g->done)
				g->done(c, &g->err, g->ud);
			free(g->segs);
			free(g);
		}
	} else if (p->done) {
		p->done(c, err, p->ud);
	}
	pager_free_if_idle(p);
}

/* The value of member name of the top-level object in body[0..len), parsed, found without
 * parsing the rest; NULL if absent or malformed. */
static cJSON *json_top_member(const char *body, size_t len, const char *name)
{
	const char *s = body, *end = body + len, *k, *kend, *v;
	size_t nlen = strlen(name);

	s = ddb_json_skip_ws(s, end);
	if (s >= end || *s != '{')
		return NULL;
	for (s++;;) {
		s = ddb_json_skip_ws(s, end);
		if (s >= end || *s != '"')
			return NULL;
		k = s + 1;
		s = kend = ddb_json_skip(s, end);
		if (!s)
			return NULL;
		s = ddb_json_skip_ws(s, end);
		if (s >= end || *s != ':')
			return NULL;
		v = ddb_json_skip_ws(s + 1, end);
		s = ddb_json_skip(v, end);
		if (!s)
			return NULL;
		if ((size_t)(kend - 1 - k) == nlen && memcmp(k, name, nlen) == 0)
			return cJSON_ParseWithLength(v, (size_t)(s - v));
		s = ddb_json_skip_ws(s, end);
		if (s >= end || *s != ',')
			return NULL;
		s++;
	}
}

/* A 200 body of the page waited for: if it names the next page, that is asked for now. body
 * NULL: the body was not a reply after all (its attempt is retried or fails): the early
 * request is dropped. */
static void pager_body(struct ddb_client *c, uint64_t id, const char *body, size_t len, void *ud)
{
	struct pager *p = ud;
	cJSON *next;

	if (id != p->inflight || p->stopping || p->ended)
		return;
	if (!body) {
		if (p->early)
			ddb_cancel(c, p->early);
		p->early = 0;
		return;
	}
	if (p->early || !(next = json_top_member(body, len, p->out_key)))
		return;
	if (!cJSON_IsObject(next) && !cJSON_IsString(next)) {
		cJSON_Delete(next);
		return;
	}
	cJSON_DeleteItemFromObjectCaseSensitive(p->req, p->in_key);
	cJSON_AddItemToObject(p->req, p->in_key, next);
	p->early = pager_submit(c, p);
	ddb_client_kick(c);
}

/* A page: the next one is asked for before this one is handed over (if the body did not name it
 * already), so the endpoint works on it while the caller reads this one. If the callback says
 * stop, that request is cancelled, or dropped if it finished already. */
static void pager_reply(struct ddb_client *c, struct ddb_reply *reply, void *ud)
{
	struct pager *p = ud;
	struct pgroup *g = p->group;
	const cJSON *cnt;
	cJSON *next;
	long count;
	int stop;

	p->pending--;
	if (p->ended || reply->id != p->inflight) {
		/* a page asked for early and then dropped */
		pager_free_if_idle(p);
		return;
	}
	p->inflight = 0;
	if (p->stopping) {
		pager_end(c, p, NULL);
		return;
	}
	if (reply->err.kind != DDB_ERR_NONE) {
		pager_end(c, p, &reply->err);
		return;
	}
	next = cJSON_DetachItemFromObjectCaseSensitive(reply->json, p->out_key);
	if (next && cJSON_IsNull(next)) {
		cJSON_Delete(next);
		next = NULL;
	}
	cnt = cJSON_GetObjectItemCaseSensitive(reply->json, "Count");
	count = cJSON_IsNumber(cnt) ? (long)cnt->valuedouble : 0;
	p->seen += count;
	if (g)
		g->seen += count;
	if (p->early) {
		/* the next page is on its way already */
		cJSON_Delete(next);
		next = NULL;
		p->inflight = p->early;
		p->early = 0;
	} else if (next && pager_capped(p)) {
		/* each request asks for no more than is still needed */
		long left = g ? g->max_items - g->seen : p->max_items - p->seen;
		const cJSON *lim = cJSON_GetObjectItemCaseSensitive(p->req, "Limit");

		if (left <= 0) {
			cJSON_Delete(next);
			next = NULL;
		} else if (!cJSON_IsNumber(lim)) {
			cJSON_AddNumberToObject(p->req, "Limit", (double)left);
		} else if (lim->valuedouble > (double)left) {
			cJSON_ReplaceItemInObjectCaseSensitive(p->req, "Limit",
			                                       cJSON_CreateNumber((double)left));
		}
	}
	if (next) {
		cJSON_DeleteItemFromObjectCaseSensitive(p->req, p->in_key);
		cJSON_AddItemToObject(p->req, p->in_key, next);
		pager_send(c, p);
		ddb_client_kick(c);
	}
	stop = p->page ? p->page(c, reply, p->ud) : 0;
	if (g && (stop || (g->max_items > 0 && g->seen >= g->max_items)))
		group_stop(c, g); /* stops p too */
	else if (stop)
		pager_stop(c, p);
	if (!p->inflight)
		pager_end(c, p, NULL);
}

static struct pager *pager_new(const char *op, cJSON *request, const char *in_key,
                               const char *out_key, ddb_page_cb *page, ddb_done_cb *done, void *ud,
                               const void *tag)
{
	struct pager *p = ddb_calloc(1, sizeof(*p));

	snprintf(p->op, sizeof(p->op), "%s", op);
	snprintf(p->in_key, sizeof(p->in_key), "%s", in_key);
	snprintf(p->out_key, sizeof(p->out_key), "%s", out_key);
	p->req = request ? request : cJSON_CreateObject();
	p->page = page;
	p->done = done;
	p->ud = ud;
	p->tag = tag;
	return p;
}

void ddb_paginate(struct ddb_client *c, const char *op, cJSON *request, const char *in_key,
                  const char *out_key, ddb_page_cb *page, ddb_done_cb *done, void *ud,
                  const void *tag)
{
	pager_send(c, pager_new(op, request, in_key, out_key, page, done, ud, tag));
}

void ddb_scan_pages(struct ddb_client *c, const char *op, cJSON *request, ddb_page_cb *page,
                    ddb_done_cb *done, void *ud, const void *tag)
{
	ddb_paginate(c, op, request, "ExclusiveStartKey", "LastEvaluatedKey", page, done, ud, tag);
}

void ddb_scan_pages_max(struct ddb_client *c, const char *op, cJSON *request, long max_items,
                        ddb_page_cb *page, ddb_done_cb *done, void *ud, const void *tag)
{
	struct pager *p =
	    pager_new(op, request, "ExclusiveStartKey", "LastEvaluatedKey", page, done, ud, tag);

	p->max_items = max_items;
	pager_send(c, p);
}

void ddb_scan_parallel(struct ddb_client *c, cJSON *request, int segments, long max_items,
                       ddb_page_cb *page, ddb_done_cb *done, void *ud, const void *tag)
{
	struct pgroup *g;
	int i;

	if (segments <= 1) {
		ddb_scan_pages_max(c, "Scan", request, max_items, page, done, ud, tag);
		return;
	}
	if (!request)
		request = cJSON_CreateObject();
	g = ddb_calloc(1, sizeof(*g));
	g->segs = ddb_calloc((size_t)segments, sizeof(*g->segs));
	g->nsegs = g->running = segments;
	g->max_items = max_items > 0 ? max_items : 0;
	g->page = page;
	g->done = done;
	g->ud = ud;
	ddb_error_clear(&g->err);
	/* every pager first (a reply cannot come before ddb_client_perform, but a stop must find
	 * them all), then every first page */
	for (i = 0; i < segments; i++) {
		cJSON *req = cJSON_Duplicate(request, 1);

		cJSON_DeleteItemFromObjectCaseSensitive(req, "Segment");
		cJSON_DeleteItemFromObjectCaseSensitive(req, "TotalSegments");
		cJSON_AddNumberToObject(req, "Segment", i);
		cJSON_AddNumberToObject(req, "TotalSegments", segments);
		g->segs[i] = pager_new("Scan", req, "ExclusiveStartKey", "LastEvaluatedKey", page,
		                       NULL, ud, tag);
		g->segs[i]->group = g;
	}
	cJSON_Delete(request);
	for (i = 0; i < segments; i++)
		pager_send(c, g->segs[i]);
}

/* ---- ListTables ---- */

struct lister {
	cJSON *names;
	ddb_names_cb *cb;
	void *ud;
};

static int lister_page(struct ddb_client *c, struct ddb_reply *reply, void *ud)
{
	struct lister *l = ud;
	cJSON *names = cJSON_GetObjectItemCaseSensitive(reply->json, "TableNames");
	cJSON *n;

	cJSON_ArrayForEach(n, names)
	{
		if (cJSON_IsString(n))
			cJSON_AddItemToArray(l->names, cJSON_CreateString(n->valuestring));
	}
	return 0;
}

static void lister_done(struct ddb_client *c, const struct ddb_error *err, void *ud)
{
	struct lister *l = ud;

	l->cb(c, err, err->kind == DDB_ERR_NONE ? l->names : NULL, l->ud);
	cJSON_Delete(l->names);
	free(l);
}

void ddb_list_tables(struct ddb_client *c, ddb_names_cb *cb, void *ud, const void *tag)
{
	struct lister *l = ddb_calloc(1, sizeof(*l));
	cJSON *req = cJSON_CreateObject();

	l->names = cJSON_CreateArray();
	l->cb = cb;
	l->ud = ud;
	cJSON_AddNumberToObject(req, "Limit", 100);
	ddb_paginate(c, "ListTables", req, "ExclusiveStartTableName", "LastEvaluatedTableName",
	             lister_page, lister_done, l, tag);
}

/* ---- single requests ---- */

static cJSON *table_body(const char *table)
{
	cJSON *b = cJSON_CreateObject();

	cJSON_AddStringToObject(b, "TableName", table);
	return b;
}

static void add_expr(cJSON *b, const char *field, const char *expr, cJSON *names, cJSON *values)
{
	if (expr)
		cJSON_AddStringToObject(b, field, expr);
	if (names)
		cJSON_AddItemToObject(b, "ExpressionAttributeNames", names);
	if (values)
		cJSON_AddItemToObject(b, "ExpressionAttributeValues", values);
}

uint64_t ddb_describe_table(struct ddb_client *c, const char *table, ddb_reply_cb *cb, void *ud,
                            const void *tag)
{
	return ddb_submit(c, "DescribeTable", table_body(table), cb, ud, tag);
}

uint64_t ddb_delete_table(struct ddb_client *c, const char *table, ddb_reply_cb *cb, void *ud,
                          const void *tag)
{
	return ddb_submit(c, "DeleteTable", table_body(table), cb, ud, tag);
}

uint64_t ddb_get_item(struct ddb_client *c, const char *table, cJSON *key, int consistent,
                      ddb_reply_cb *cb, void *ud, const void *tag)
{
	cJSON *b = table_body(table);

	cJSON_AddItemToObject(b, "Key", key);
	if (consistent)
		cJSON_AddTrueToObject(b, "ConsistentRead");
	cJSON_AddStringToObject(b, "ReturnConsumedCapacity", "TOTAL");
	return ddb_submit(c, "GetItem", b, cb, ud, tag);
}

uint64_t ddb_put_item(struct ddb_client *c, const char *table, cJSON *item, const char *condition,
                      cJSON *names, cJSON *values, ddb_reply_cb *cb, void *ud, const void *tag)
{
	cJSON *b = table_body(table);

	cJSON_AddItemToObject(b, "Item", item);
	add_expr(b, "ConditionExpression", condition, names, values);
	cJSON_AddStringToObject(b, "ReturnConsumedCapacity", "TOTAL");
	return ddb_submit(c, "PutItem", b, cb, ud, tag);
}

uint64_t ddb_delete_item(struct ddb_client *c, const char *table, cJSON *key, const char *condition,
                         cJSON *names, cJSON *values, ddb_reply_cb *cb, void *ud, const void *tag)
{
	cJSON *b = table_body(table);

	cJSON_AddItemToObject(b, "Key", key);
	add_expr(b, "ConditionExpression", condition, names, values);
	cJSON_AddStringToObject(b, "ReturnConsumedCapacity", "TOTAL");
	return ddb_submit(c, "DeleteItem", b, cb, ud, tag);
}

uint64_t ddb_update_item(struct ddb_client *c, const char *table, cJSON *key, const char *update,
                         const char *condition, cJSON *names, cJSON *values, ddb_reply_cb *cb,
                         void *ud, const void *tag)
{
	cJSON *b = table_body(table);

	cJSON_AddItemToObject(b, "Key", key);
	cJSON_AddStringToObject(b, "UpdateExpression", update);
	add_expr(b, "ConditionExpression", condition, names, values);
	cJSON_AddStringToObject(b, "ReturnValues", "ALL_NEW");
	cJSON_AddStringToObject(b, "ReturnConsumedCapacity", "TOTAL");
	return ddb_submit(c, "UpdateItem", b, cb, ud, tag);
}

/* ---- BatchWriteItem ---- */

struct batch_writer {
	char *table;
	cJSON *writes; /* not yet sent */
	cJSON *retry;  /* unprocessed, waiting to be sent again */
	int retry_ready;
	int timer_pending;
	int streak;
	int inflight;
	int parallel; /* requests in flight at most: the window, or the caller's fixed number */
	/* parallel 0: an adaptive window (AIMD, as TCP's congestion window): it doubles each window
	 * of clean replies up to ssthresh, then grows by one a window, up to cap; a throttle (a
	 * retried request or unprocessed items) halves it. A reply much slower than the fastest
	 * seen (the link's queue filling) does not grow it. */
	int adaptive;
	int cap;
	int ssthresh;
	int clean;      /* clean replies in this window */
	double base_ms; /* the fastest reply seen */
	struct ddb_batch_progress prog;
	struct ddb_error err; /* first error */
	ddb_progress_cb *progress;
	ddb_done_cb *done;
	void *ud;
	const void *tag;
};

struct batch_chunk {
	struct batch_writer *bw;
	int count;
	cJSON *items; /* a copy of what was sent: sent again if the request is throttled */
};

static void bw_pump(struct ddb_client *c, struct batch_writer *bw);

/* The adaptive window after one reply. */
static void bw_window(struct batch_writer *bw, int throttled, double latency_ms)
{
	if (!bw->adaptive)
		return;
	if (throttled) {
		bw->ssthresh = bw->parallel / 2 > 1 ? bw->parallel / 2 : 1;
		bw->parallel = bw->ssthresh;
		bw->clean = 0;
		bw->prog.window = bw->parallel;
		return;
	}
	if (bw->base_ms <= 0 || latency_ms < bw->base_ms)
		bw->base_ms = latency_ms;
	if (latency_ms > 2 * bw->base_ms + 20) /* slower, not throttled: hold */
		return;
	if (++bw->clean < bw->parallel)
		return;
	bw->clean = 0;
	bw->parallel = bw->parallel < bw->ssthresh ? 2 * bw->parallel : bw->parallel + 1;
	if (bw->parallel > bw->cap)
		bw->parallel = bw->cap;
	if (bw->prog.window_max < bw->parallel)
		bw->prog.window_max = bw->parallel;
	bw->prog.window = bw->parallel;
}

static void bw_finish_if_idle(struct ddb_client *c, struct batch_writer *bw)
{
	/* ->child, not cJSON_GetArraySize: that walks the whole list, on every reply */
	int more = bw->writes->child != NULL || bw->retry->child != NULL;

	if (bw->inflight || bw->timer_pending)
		return;
	if (more && bw->err.kind == DDB_ERR_NONE)
		return;
	bw->done(c, &bw->err, bw->ud);
	cJSON_Delete(bw->writes);
	cJSON_Delete(bw->retry);
	free(bw->table);
	free(bw);
}

static void bw_timer(struct ddb_client *c, void *ud, int cancelled)
{
	struct batch_writer *bw = ud;

	bw->timer_pending = 0;
	bw->retry_ready = 1;
	if (cancelled && bw->err.kind == DDB_ERR_NONE)
		ddb_error_set(&bw->err, DDB_ERR_CANCELLED, "BatchWriteItem cancelled");
	bw_pump(c, bw);
	bw_finish_if_idle(c, bw);
}

/* Items wait in bw->retry: they go again after a full-jitter backoff, or the write gives up
 * after BATCH_MAX_STREAK rounds without progress. */
static void bw_backoff(struct ddb_client *c, struct batch_writer *bw)
{
	if (++bw->streak > BATCH_MAX_STREAK) {
		ddb_error_set(&bw->err, DDB_ERR_SERVICE,
		              "BatchWriteItem: %d items still unprocessed after %d "
		              "retries (throughput exceeded)",
		              cJSON_GetArraySize(bw->retry), BATCH_MAX_STREAK);
	} else if (!bw->timer_pending) {
		bw->retry_ready = 0;
		bw->timer_pending = 1;
		ddb_timer_add_write(c, jitter_ms(bw->streak), bw_timer, bw, bw->tag);
	}
}

static void bw_reply(struct ddb_client *c, struct ddb_reply *reply, void *ud)
{
	struct batch_chunk *ch = ud;
	struct batch_writer *bw = ch->bw;
	int unprocessed = 0;

	bw->inflight--;
	if (reply->err.kind == DDB_ERR_SERVICE && ddb_error_type_is_throttle(reply->err.type)) {
		/* throttled past the queue's own retries: the whole request goes back, as
		 * unprocessed items do (puts and deletes are idempotent), and the window halves */
		cJSON *w;

		bw_window(bw, 1, reply->latency_ms);
		while ((w = cJSON_DetachItemFromArray(ch->items, 0)))
			cJSON_AddItemToArray(bw->retry, w);
		bw->prog.retried_items += ch->count;
		bw_backoff(c, bw);
	} else if (reply->err.kind != DDB_ERR_NONE) {
		if (bw->err.kind == DDB_ERR_NONE)
			bw->err = reply->err;
	} else {
		cJSON *un = cJSON_GetObjectItemCaseSensitive(reply->json, "UnprocessedItems");
		cJSON *list = un ? cJSON_GetObjectItemCaseSensitive(un, bw->table) : NULL;
		cJSON *w;

		while (list && (w = cJSON_DetachItemFromArray(list, 0))) {
			cJSON_AddItemToArray(bw->retry, w);
			unprocessed++;
		}
		/* a retry by the queue, or items left over: the endpoint asked to slow down */
		bw_window(bw, reply->attempts > 1 || unprocessed > 0, reply->latency_ms);
		bw->prog.written += ch->count - unprocessed;
		if (unprocessed) {
			bw->prog.retried_items += unprocessed;
			bw_backoff(c, bw);
		} else {
			bw->streak = 0;
		}
		if (bw->progress)
			bw->progress(c, &bw->prog, bw->ud);
	}
	cJSON_Delete(ch->items);
	free(ch);
	bw_pump(c, bw);
	bw_finish_if_idle(c, bw);
}

static void bw_pump(struct ddb_client *c, struct batch_writer *bw)
{
	while (bw->err.kind == DDB_ERR_NONE && bw->inflight < bw->parallel) {
		cJSON *items = cJSON_CreateArray();
		cJSON *body, *req_items, *w;
		struct batch_chunk *ch;
		int n = 0;

		while (n < BATCH_WRITE_MAX && bw->retry_ready &&
		       (w = cJSON_DetachItemFromArray(bw->retry, 0))) {
			cJSON_AddItemToArray(items, w);
			n++;
		}
		while (n < BATCH_WRITE_MAX && (w = cJSON_DetachItemFromArray(bw->writes, 0))) {
			cJSON_AddItemToArray(items, w);
			n++;
		}
		if (n == 0) {
			cJSON_Delete(items);
			return;
		}
		body = cJSON_CreateObject();
		req_items = cJSON_AddObjectToObject(body, "RequestItems");
		cJSON_AddItemToObject(req_items, bw->table, items);
		cJSON_AddStringToObject(body, "ReturnConsumedCapacity", "TOTAL");
		ch = ddb_calloc(1, sizeof(*ch));
		ch->bw = bw;
		ch->count = n;
		ch->items = cJSON_Duplicate(items, 1);
		bw->inflight++;
		bw->prog.requests++;
		ddb_submit(c, "BatchWriteItem", body, bw_reply, ch, bw->tag);
	}
}

void ddb_batch_write(struct ddb_client *c, const char *table, cJSON *writes, int parallel,
                     ddb_progress_cb *progress, ddb_done_cb *done, void *ud, const void *tag)
{
	struct batch_writer *bw = ddb_calloc(1, sizeof(*bw));

	bw->table = ddb_strdup(table);
	bw->writes = writes ? writes : cJSON_CreateArray();
	bw->retry = cJSON_CreateArray();
	bw->retry_ready = 1;
	bw->adaptive = parallel <= 0;
	/* one slot of the queue stays free for what the user asks meanwhile */
	bw->cap = ddb_client_max_concurrency(c) > 2 ? ddb_client_max_concurrency(c) - 1 : 1;
	bw->ssthresh = bw->cap;
	bw->parallel =
	    parallel > 0 ? parallel : (BATCH_WINDOW_START < bw->cap ? BATCH_WINDOW_START : bw->cap);
	bw->prog.window = bw->prog.window_max = bw->parallel;
	bw->prog.total = cJSON_GetArraySize(bw->writes);
	bw->progress = progress;
	bw->done = done;
	bw->ud = ud;
	bw->tag = tag;
	ddb_error_clear(&bw->err);
	bw_pump(c, bw);
	bw_finish_if_idle(c, bw);
}

/* ---- BatchGetItem ---- */

struct batch_getter {
	char *table;
	cJSON *keys;
	cJSON *items;
	int inflight;
	int timer_pending;
	int streak;
	struct ddb_error err;
	ddb_items_cb *cb;
	void *ud;
	const void *tag;
};

static void bg_pump(struct ddb_client *c, struct batch_getter *bg);

static void bg_finish_if_idle(struct ddb_client *c, struct batch_getter *bg)
{
	if (bg->inflight || bg->timer_pending)
		return;
	if (bg->keys->child && bg->err.kind == DDB_ERR_NONE)
		return;
	bg->cb(c, &bg->err, bg->err.kind == DDB_ERR_NONE ? bg->items : NULL, bg->ud);
	cJSON_Delete(bg->keys);
	cJSON_Delete(bg->items);
	free(bg->table);
	free(bg);
}

static void bg_timer(struct ddb_client *c, void *ud, int cancelled)
{
	struct batch_getter *bg = ud;

	bg->timer_pending = 0;
	if (cancelled && bg->err.kind == DDB_ERR_NONE)
		ddb_error_set(&bg->err, DDB_ERR_CANCELLED, "BatchGetItem cancelled");
	bg_pump(c, bg);
	bg_finish_if_idle(c, bg);
}

static void bg_reply(struct ddb_client *c, struct ddb_reply *reply, void *ud)
{
	struct batch_getter *bg = ud;

	bg->inflight--;
	if (reply->err.kind != DDB_ERR_NONE) {
		if (bg->err.kind == DDB_ERR_NONE)
			bg->err = reply->err;
	} else {
		cJSON *resp = cJSON_GetObjectItemCaseSensitive(reply->json, "Responses");
		cJSON *got = resp ? cJSON_GetObjectItemCaseSensitive(resp, bg->table) : NULL;
		cJSON *un = cJSON_GetObjectItemCaseSensitive(reply->json, "UnprocessedKeys");
		cJSON *ut = un ? cJSON_GetObjectItemCaseSensitive(un, bg->table) : NULL;
		cJSON *uk = ut ? cJSON_GetObjectItemCaseSensitive(ut, "Keys") : NULL;
		cJSON *it;
		int n = 0;

		while (got && (it = cJSON_DetachItemFromArray(got, 0)))
			cJSON_AddItemToArray(bg->items, it);
		while (uk && (it = cJSON_DetachItemFromArray(uk, 0))) {
			cJSON_AddItemToArray(bg->keys, it);
			n++;
		}
		if (n) {
			if (++bg->streak > BATCH_MAX_STREAK) {
				ddb_error_set(&bg->err, DDB_ERR_SERVICE,
				              "BatchGetItem: %d keys still unprocessed after %d "
				              "retries",
				              n, BATCH_MAX_STREAK);
			} else if (!bg->timer_pending) {
				bg->timer_pending = 1;
				ddb_timer_add(c, jitter_ms(bg->streak), bg_timer, bg, bg->tag);
			}
		} else {
			bg->streak = 0;
		}
	}
	if (!bg->timer_pending)
		bg_pump(c, bg);
	bg_finish_if_idle(c, bg);
}

static void bg_pump(struct ddb_client *c, struct batch_getter *bg)
{
	while (bg->err.kind == DDB_ERR_NONE && bg->inflight < 4 && bg->keys->child) {
		cJSON *body = cJSON_CreateObject();
		cJSON *ri = cJSON_AddObjectToObject(body, "RequestItems");
		cJSON *tbl = cJSON_AddObjectToObject(ri, bg->table);
		cJSON *keys = cJSON_AddArrayToObject(tbl, "Keys");
		cJSON *k;
		int n = 0;

		while (n < BATCH_GET_MAX && (k = cJSON_DetachItemFromArray(bg->keys, 0))) {
			cJSON_AddItemToArray(keys, k);
			n++;
		}
		bg->inflight++;
		ddb_submit(c, "BatchGetItem", body, bg_reply, bg, bg->tag);
	}
}

void ddb_batch_get(struct ddb_client *c, const char *table, cJSON *keys, ddb_items_cb *cb, void *ud,
                   const void *tag)
{
	struct batch_getter *bg = ddb_calloc(1, sizeof(*bg));

	bg->table = ddb_strdup(table);
	bg->keys = keys ? keys : cJSON_CreateArray();
	bg->items = cJSON_CreateArray();
	bg->cb = cb;
	bg->ud = ud;
	bg->tag = tag;
	ddb_error_clear(&bg->err);
	bg_pump(c, bg);
	bg_finish_if_idle(c, bg);
}

/* ---- waiters ---- */

struct waiter {
	char *table;
	enum ddb_wait_for what;
	double deadline;
	long interval_ms;
	char last[24];
	ddb_step_cb *step;
	ddb_done_cb *done;
	void *ud;
	const void *tag;
};

static double wall_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static void waiter_finish(struct ddb_client *c, struct waiter *w, const struct ddb_error *err)
{
	w->done(c, err, w->ud);
	free(w->table);
	free(w);
}

static void waiter_step(struct ddb_client *c, struct waiter *w, const char *status)
{
	if (strcmp(w->last, status) != 0) {
		snprintf(w->last, sizeof(w->last), "%s", status);
		if (w->step)
			w->step(c, status, w->ud);
	}
}

static void waiter_timer(struct ddb_client *c, void *ud, int cancelled);

static void waiter_reply(struct ddb_client *c, struct ddb_reply *reply, void *ud)
{
	struct waiter *w = ud;
	struct ddb_error err;
	const cJSON *t, *st, *gsis, *g, *gs;
	int all_active;

	ddb_error_clear(&err);
	if (reply->err.kind == DDB_ERR_SERVICE &&
	    strcmp(reply->err.type, "ResourceNotFoundException") == 0) {
		if (w->what == DDB_WAIT_GONE) {
			waiter_step(c, w, "GONE");
			waiter_finish(c, w, &err);
			return;
		}
	} else if (reply->err.kind != DDB_ERR_NONE) {
		waiter_finish(c, w, &reply->err);
		return;
	} else {
		t = cJSON_GetObjectItemCaseSensitive(reply->json, "Table");
		st = cJSON_GetObjectItemCaseSensitive(t, "TableStatus");
		if (cJSON_IsString(st)) {
			waiter_step(c, w, st->valuestring);
			all_active = strcmp(st->valuestring, "ACTIVE") == 0;
			gsis = cJSON_GetObjectItemCaseSensitive(t, "GlobalSecondaryIndexes");
			cJSON_ArrayForEach(g, gsis)
			{
				gs = cJSON_GetObjectItemCaseSensitive(g, "IndexStatus");
				if (cJSON_IsString(gs) && strcmp(gs->valuestring, "ACTIVE") != 0)
					all_active = 0;
			}
			if (w->what == DDB_WAIT_ACTIVE && all_active) {
				waiter_finish(c, w, &err);
				return;
			}
		}
	}
	if (wall_ms() > w->deadline) {
		ddb_error_set(&err, DDB_ERR_TIMEOUT, "table %s: still %s, gave up waiting for %s",
		              w->table, w->last[0] ? w->last : "absent",
		              w->what == DDB_WAIT_ACTIVE ? "ACTIVE" : "it to be gone");
		waiter_finish(c, w, &err);
		return;
	}
	ddb_timer_add(c, w->interval_ms, waiter_timer, w, w->tag);
}

static void waiter_timer(struct ddb_client *c, void *ud, int cancelled)
{
	struct waiter *w = ud;
	struct ddb_error err;

	if (cancelled) {
		ddb_error_clear(&err);
		ddb_error_set(&err, DDB_ERR_CANCELLED, "waiting for table %s cancelled", w->table);
		waiter_finish(c, w, &err);
		return;
	}
	ddb_describe_table(c, w->table, waiter_reply, w, w->tag);
}

void ddb_wait_table(struct ddb_client *c, const char *table, enum ddb_wait_for what,
                    long timeout_ms, ddb_step_cb *step, ddb_done_cb *done, void *ud,
                    const void *tag)
{
	struct waiter *w = ddb_calloc(1, sizeof(*w));
	const struct ddb_config *cfg = ddb_client_config(c);

	w->table = ddb_strdup(table);
	w->what = what;
	w->deadline = wall_ms() + (double)(timeout_ms > 0 ? timeout_ms : 600000);
	/* DynamoDB Local is quick; AWS takes seconds and charges nothing for Describe, but the
	 * SDK waiters poll every 20 s; 2 s is a fair compromise for a person watching. */
	w->interval_ms = cfg && cfg->loopback ? 100 : 2000;
	w->step = step;
	w->done = done;
	w->ud = ud;
	w->tag = tag;
	ddb_describe_table(c, table, waiter_reply, w, tag);
}
