/* ops.h - DynamoDB operations on the shared queue: request bodies, pagination, batches with
 * retries of unprocessed items, waiters. All asynchronous: results come through callbacks on the
 * caller's thread. A tag (an opaque owner such as a view) lets ddb_cancel_tag stop a whole
 * operation, pages and retries included; the done callback then runs with DDB_ERR_CANCELLED. */
#ifndef DDB_OPS_H
#define DDB_OPS_H

#include <stdint.h>

#include <cjson/cJSON.h>

#include "error.h"
#include "queue.h"

/* Completion of a multi-request operation: err->kind == DDB_ERR_NONE on success. */
typedef void ddb_done_cb(struct ddb_client *c, const struct ddb_error *err, void *ud);

/* One page of a paginated operation (reply->json is the page; take it by setting it to NULL).
 * Return 0 for the next page, 1 to stop (done then runs with success). */
typedef int ddb_page_cb(struct ddb_client *c, struct ddb_reply *reply, void *ud);

/* Runs op with request (taken) page after page: the reply's out_key (e.g. "LastEvaluatedKey")
 * goes into the next request's in_key ("ExclusiveStartKey") until it is absent. The next page is
 * requested before page runs for this one (so the endpoint works while the caller does); when
 * page says stop, that request is cancelled and done runs once it is over. */
void ddb_paginate(struct ddb_client *c, const char *op, cJSON *request, const char *in_key,
                  const char *out_key, ddb_page_cb *page, ddb_done_cb *done, void *ud,
                  const void *tag);

/* Scan or Query (op "Scan"/"Query") with request (taken), every page. */
void ddb_scan_pages(struct ddb_client *c, const char *op, cJSON *request, ddb_page_cb *page,
                    ddb_done_cb *done, void *ud, const void *tag);

/* The same, stopping after max_items items in all (each request's Limit lowered to what is
 * still needed, so no page is read beyond it). */
void ddb_scan_pages_max(struct ddb_client *c, const char *op, cJSON *request, long max_items,
                        ddb_page_cb *page, ddb_done_cb *done, void *ud, const void *tag);

/* A parallel Scan (TotalSegments = segments), every page: one pager per segment, all on the same
 * queue, so at most its max concurrency are in flight and each segment holds at most one page
 * (the next, sent ahead) besides the one being handed over. page runs for every page of every
 * segment as it arrives: pages of one segment in order, segments interleaved in no set order.
 * max_items > 0 stops every segment once that many items came in all (each request asks for no
 * more than is still needed, so the segments in flight together may bring a little more: the
 * caller drops what it does not want). done runs once, when every segment is over, with the
 * first error. segments <= 1 is ddb_scan_pages_max. request (taken) is the Scan body. */
void ddb_scan_parallel(struct ddb_client *c, cJSON *request, int segments, long max_items,
                       ddb_page_cb *page, ddb_done_cb *done, void *ud, const void *tag);

/* ListTables, all pages: names_cb gets the array of names (borrowed) or an error. */
typedef void ddb_names_cb(struct ddb_client *c, const struct ddb_error *err, const cJSON *names,
                          void *ud);
void ddb_list_tables(struct ddb_client *c, ddb_names_cb *cb, void *ud, const void *tag);

/* Single-item operations and table operations: thin body builders over ddb_submit. key and
 * item are taken. */
uint64_t ddb_describe_table(struct ddb_client *c, const char *table, ddb_reply_cb *cb, void *ud,
                            const void *tag);
uint64_t ddb_delete_table(struct ddb_client *c, const char *table, ddb_reply_cb *cb, void *ud,
                          const void *tag);
uint64_t ddb_get_item(struct ddb_client *c, const char *table, cJSON *key, int consistent,
                      ddb_reply_cb *cb, void *ud, const void *tag);
/* condition may be NULL; names/values (taken, may be NULL) bind its placeholders. */
uint64_t ddb_put_item(struct ddb_client *c, const char *table, cJSON *item, const char *condition,
                      cJSON *names, cJSON *values, ddb_reply_cb *cb, void *ud, const void *tag);
uint64_t ddb_delete_item(struct ddb_client *c, const char *table, cJSON *key, const char *condition,
                         cJSON *names, cJSON *values, ddb_reply_cb *cb, void *ud, const void *tag);
uint64_t ddb_update_item(struct ddb_client *c, const char *table, cJSON *key, const char *update,
                         const char *condition, cJSON *names, cJSON *values, ddb_reply_cb *cb,
                         void *ud, const void *tag);

/* BatchWriteItem: writes (taken) is an array of {"PutRequest": {...}} / {"DeleteRequest": {...}}
 * for one table; sent 25 a request, up to `parallel` requests at once, or with parallel 0 an
 * adaptive number: 8 at first, doubling while replies are clean and their latency flat, halved
 * on throttling (a request the queue retried, or unprocessed items), up to one less than the
 * queue's cap (--max-concurrency), as TCP's congestion window does. UnprocessedItems are
 * retried with full-jitter backoff until done (or max_rounds rounds without progress).
 * progress may be NULL. */
struct ddb_batch_progress {
	long total;
	long written;
	long retried_items; /* unprocessed items sent again */
	long requests;
	int window;     /* requests in flight at most, now */
	int window_max; /* the largest it was */
};
typedef void ddb_progress_cb(struct ddb_client *c, const struct ddb_batch_progress *p, void *ud);
void ddb_batch_write(struct ddb_client *c, const char *table, cJSON *writes, int parallel,
                     ddb_progress_cb *progress, ddb_done_cb *done, void *ud, const void *tag);

/* BatchGetItem: keys (taken) is an array of keys of one table; 100 a request; UnprocessedKeys
 * retried. items_cb gets every item found (array, borrowed) once all are in, or an error. */
typedef void ddb_items_cb(struct ddb_client *c, const struct ddb_error *err, const cJSON *items,
                          void *ud);
void ddb_batch_get(struct ddb_client *c, const char *table, cJSON *keys, ddb_items_cb *cb, void *ud,
                   const void *tag);

/* Waits until the table is ACTIVE (and its indexes too) or gone, polling DescribeTable; step
 * (may be NULL) is told each status seen ("CREATING", "ACTIVE", "DELETING", "GONE").
 * timeout_ms <= 0: 10 minutes. */
enum ddb_wait_for { DDB_WAIT_ACTIVE, DDB_WAIT_GONE };
typedef void ddb_step_cb(struct ddb_client *c, const char *status, void *ud);
void ddb_wait_table(struct ddb_client *c, const char *table, enum ddb_wait_for what,
                    long timeout_ms, ddb_step_cb *step, ddb_done_cb *done, void *ud,
                    const void *tag);

#endif
