/* streams.h - DynamoDB Streams on the shared queue: the service's endpoint, and a tail that reads
 * every shard of a stream in order (DescribeStream with paging over shards, GetShardIterator,
 * GetRecords), a parent shard before its children, handing over each batch of records.
 *
 * The Streams API is its own service (target DynamoDBStreams_20120810, signed as "dynamodb",
 * endpoint streams.dynamodb.REGION.amazonaws.com; a local engine serves it on its one endpoint).
 * With follow, an open shard that has nothing new is read again after idle_ms (1 s, as the Lambda
 * poller does), and a shard that closes makes the tail look for its children. An iterator that
 * expired is replaced by one AFTER_SEQUENCE_NUMBER of the last record handed over, so nothing is
 * read twice or skipped. */
#ifndef DDB_STREAMS_H
#define DDB_STREAMS_H

#include <stdint.h>

#include <cjson/cJSON.h>

#include "config.h"
#include "error.h"
#include "queue.h"

#define DDB_STREAMS_TARGET "DynamoDBStreams_20120810."

/* The Streams endpoint for cfg (new string): the DynamoDB endpoint itself when it was given
 * (--endpoint-url) or is not an AWS one (a local engine); else AWS_ENDPOINT_URL_DYNAMODB_STREAMS
 * (unless configured endpoints are ignored), else https://streams.dynamodb.REGION.amazonaws.com.
 * getenv_fn NULL: getenv. */
char *ddb_streams_endpoint(const struct ddb_config *cfg, const char *(*getenv_fn)(const char *));
/* Registers the Streams service on c; its index for ddb_submit_to, or -1 with err. */
int ddb_streams_service(struct ddb_client *c, const char *endpoint, struct ddb_error *err);

enum ddb_stream_start { DDB_STREAM_FROM_TRIM_HORIZON, DDB_STREAM_FROM_LATEST };

struct ddb_stream_tail_opts {
	int svc;                /* ddb_streams_service's index */
	const char *stream_arn; /* the table's LatestStreamArn */
	enum ddb_stream_start start;
	int follow;   /* 0: read what is there (each shard to its end or to an empty read), then end
	               */
	long idle_ms; /* follow: wait after an empty read; 0 = 1000 */
	/* optional: the sequence number of the last record of shard_id handled in an earlier run
	 * (a checkpoint), or NULL; the shard is then read AFTER_SEQUENCE_NUMBER of it */
	const char *(*resume)(void *ud, const char *shard_id);
};

/* A batch of records (a JSON array, borrowed) of one shard, in order. Return 0 to go on, else
 * the tail stops (as ddb_stream_tail_stop). */
typedef int ddb_stream_records_cb(struct ddb_client *c, const char *shard_id, const cJSON *records,
                                  void *ud);
/* The tail ended: err cleared when it read everything (no follow) or was stopped, else what
 * failed (the request's error). The tail is freed after this returns. */
typedef void ddb_stream_done_cb(struct ddb_client *c, const struct ddb_error *err, void *ud);

struct ddb_stream_tail;

/* Starts reading; every request and timer is tagged with the tail. Never NULL. */
struct ddb_stream_tail *ddb_stream_tail_start(struct ddb_client *c,
                                              const struct ddb_stream_tail_opts *opts,
                                              ddb_stream_records_cb *on_records,
                                              ddb_stream_done_cb *on_done, void *ud);
/* Cancels what is in flight; done runs (err cleared) once the cancelled callbacks have run. */
void ddb_stream_tail_stop(struct ddb_stream_tail *t);

/* Compares two sequence numbers (decimal strings of up to 40 digits): <0, 0, >0. */
int ddb_stream_seq_cmp(const char *a, const char *b);
/* A record's dynamodb.ApproximateCreationDateTime (epoch seconds, a number, or an ISO-8601
 * string) in microseconds since the epoch; 0 and -1 when it has none. */
int ddb_stream_record_time(const cJSON *record, int64_t *unix_us);

#endif
