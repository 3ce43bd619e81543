/* cmd_stream.c - stream [TABLE]: the table's DynamoDB Stream as JSON lines, one a record (what is
 * there, or live with --follow), through ddb/streams.h on the shared queue. Ctrl-C ends it
 * cleanly: what was read is printed, exit 0. */
#include "tui/cli/cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ddb/attr.h"
#include "ddb/streams.h"
#include "ddb/tablespec.h"
#include "ddb/time.h"

static int opt_follow;
static int opt_raw;
static const char *opt_from;

const struct cli_opt stream_opts[] = {
    {"--follow", NULL, "keep reading: new records as they come, until Ctrl-C", NULL, &opt_follow},
    {"--from", "WHERE",
     "trim-horizon (the oldest record kept, the default), latest (only records from now on) or "
     "a time (2026-12-04T12:00:00Z: records created at or after it)",
     &opt_from, NULL},
    {"--raw", NULL, "keys and images in DynamoDB JSON ({\"S\": \"x\"}) instead of plain JSON", NULL,
     &opt_raw},
    {NULL, NULL, NULL, NULL, NULL},
};

struct tail_state {
	int raw;
	int has_from;
	int64_t from_us;
	long printed, failed;
	int write_errno;
	int done;
	struct ddb_error err;
	struct ddb_buf out;
};

/* The record's keys or image as plain JSON (or as it is with raw); NULL with why. */
static cJSON *image(const struct tail_state *st, const cJSON *av, struct ddb_error *why)
{
	return st->raw ? cJSON_Duplicate(av, 1) : ddb_item_to_plain(av, why);
}

/* One record -> one line in st->out; 0, or -1 (told on stderr) when an image cannot be plain. */
static int record_line(struct tail_state *st, const cJSON *rec)
{
	static const char *const parts[][2] = {
	    {"Keys", "keys"}, {"NewImage", "new"}, {"OldImage", "old"}};
	const cJSON *d = cJSON_GetObjectItemCaseSensitive(rec, "dynamodb");
	const cJSON *seq = cJSON_GetObjectItemCaseSensitive(d, "SequenceNumber");
	const cJSON *ev = cJSON_GetObjectItemCaseSensitive(rec, "eventName");
	cJSON *line = cJSON_CreateObject();
	char when[DDB_TIME_LEN], *s;
	int64_t us;
	size_t i;

	cJSON_AddStringToObject(line, "eventName", cJSON_IsString(ev) ? ev->valuestring : "");
	cJSON_AddStringToObject(line, "seq", cJSON_IsString(seq) ? seq->valuestring : "");
	if (ddb_stream_record_time(rec, &us) == 0) {
		ddb_time_format(us, when);
		cJSON_AddStringToObject(line, "time", when);
	} else {
		cJSON_AddNullToObject(line, "time");
	}
	for (i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
		const cJSON *av = cJSON_GetObjectItemCaseSensitive(d, parts[i][0]);
		struct ddb_error why;
		cJSON *v;

		if (!av)
			continue;
		ddb_error_clear(&why);
		if (!(v = image(st, av, &why))) {
			fprintf(
			    stderr,
			    "ddbtui: record %s: its %s cannot be shown as plain JSON (%s); --raw "
			    "shows it\n",
			    cJSON_IsString(seq) ? seq->valuestring : "?", parts[i][0], why.message);
			cJSON_Delete(line);
			return -1;
		}
		cJSON_AddItemToObject(line, parts[i][1], v);
	}
	s = cJSON_PrintUnformatted(line);
	cJSON_Delete(line);
	ddb_buf_puts(&st->out, s ? s : "{}");
	ddb_buf_putc(&st->out, '\n');
	free(s);
	return 0;
}

static int on_records(struct ddb_client *c, const char *shard_id, const cJSON *records, void *ud)
{
	struct tail_state *st = ud;
	const cJSON *rec;

	(void)c;
	(void)shard_id;
	cJSON_ArrayForEach(rec, records)
	{
		int64_t us;

		if (st->has_from && ddb_stream_record_time(rec, &us) == 0 && us < st->from_us)
			continue;
		if (record_line(st, rec) == 0)
			st->printed++;
		else
			st->failed++;
	}
	if (st->out.len > 0) {
		if (fwrite(st->out.data, 1, st->out.len, stdout) != st->out.len ||
		    fflush(stdout) != 0) {
			st->write_errno = errno ? errno : EIO;
			return -1;
		}
		st->out.len = 0;
		st->out.data[0] = '\0';
	}
	return 0;
}

static void on_done(struct ddb_client *c, const struct ddb_error *err, void *ud)
{
	struct tail_state *st = ud;

	(void)c;
	st->err = *err;
	st->done = 1;
}

/* Whether err says the endpoint has no Streams API (dynalite: an unknown operation, or an
 * answer that is not the service's). */
static int no_streams_api(const struct ddb_error *err)
{
	return err->kind == DDB_ERR_SERVICE &&
	       (strcmp(err->type, "UnknownOperationException") == 0 ||
	        strcmp(err->type, "HTTPError") == 0 || err->http_status == 404);
}

static int unsupported(struct app *app, const char *endpoint)
{
	fprintf(stderr,
	        "ddbtui: this endpoint (%s) does not support DynamoDB Streams; moto or DynamoDB "
	        "itself does\n",
	        endpoint);
	(void)app;
	return EXIT_FAIL;
}

/* The table has no stream: is it the endpoint (no Streams API at all) or the table? */
static int no_stream(struct app *app, int svc, const char *endpoint)
{
	struct ddb_error err;
	cJSON *body = cJSON_CreateObject();

	cJSON_AddStringToObject(body, "TableName", app->s.table);
	cJSON_AddNumberToObject(body, "Limit", 1);
	cJSON_Delete(app_call_to(app, svc, "ListStreams", body, &err));
	if (no_streams_api(&err))
		return unsupported(app, endpoint);
	fprintf(stderr, "ddbtui: table %s has no stream (update-table %s --stream NEW_IMAGE)\n",
	        app->s.table, app->s.table);
	return EXIT_FAIL;
}

/* The table's stream ARN (caller frees), or NULL with *rc set and the error printed. */
static char *stream_arn(struct app *app, int svc, const char *endpoint, int *rc)
{
	struct ddb_error err;
	cJSON *body = cJSON_CreateObject(), *reply;
	const char *arn;
	char *out = NULL;

	cJSON_AddStringToObject(body, "TableName", app->s.table);
	reply = app_call(app, "DescribeTable", body, &err);
	if (!reply) {
		*rc = app_fail(app, &err);
		return NULL;
	}
	arn = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(
	    cJSON_GetObjectItemCaseSensitive(reply, "Table"), "LatestStreamArn"));
	if (ddb_stream_view_of(reply) != DDB_STREAM_OFF && arn && *arn)
		out = strdup(arn);
	cJSON_Delete(reply);
	if (!out)
		*rc = no_stream(app, svc, endpoint);
	return out;
}

int cmd_stream(struct app *app, int argc, char **argv)
{
	struct ddb_stream_tail_opts o;
	struct ddb_stream_tail *t;
	struct tail_state st;
	struct ddb_error err;
	char *endpoint = NULL, *arn = NULL;
	int rc, svc, stopped = 0;

	memset(&st, 0, sizeof(st));
	memset(&o, 0, sizeof(o));
	o.start = DDB_STREAM_FROM_TRIM_HORIZON;
	if (opt_from && strcmp(opt_from, "latest") == 0) {
		o.start = DDB_STREAM_FROM_LATEST;
	} else if (opt_from && strcmp(opt_from, "trim-horizon") != 0) {
		/* the Streams API has no AT_TIMESTAMP: from the oldest record, filtered here */
		if (ddb_time_parse(opt_from, &st.from_us) != 0)
			return app_usage_error("stream",
			                       "--from is trim-horizon, latest or a time like "
			                       "2026-12-04T12:00:00Z, not '%s'",
			                       opt_from);
		st.has_from = 1;
	}
	if ((rc = cli_table_arg(app, "stream", argc, argv)) != EXIT_OK)
		return rc;
	if ((rc = app_connect(app)) != EXIT_OK)
		return rc;
	ddb_error_clear(&err);
	endpoint = ddb_streams_endpoint(&app->s.cfg, NULL);
	if ((svc = ddb_streams_service(app->s.client, endpoint, &err)) < 0) {
		fprintf(stderr, "ddbtui: the Streams endpoint %s: %s\n", endpoint, err.message);
		free(endpoint);
		return EXIT_USAGE;
	}
	if (app->verbose)
		fprintf(stderr, "ddbtui: Streams endpoint %s\n", endpoint);
	if (!(arn = stream_arn(app, svc, endpoint, &rc))) {
		free(endpoint);
		return rc;
	}
	o.svc = svc;
	o.stream_arn = arn;
	o.follow = opt_follow;
	st.raw = opt_raw;

	cli_catch_signals(app->s.client);

	t = ddb_stream_tail_start(app->s.client, &o, on_records, on_done, &st);

	ddb_client_perform(app->s.client);
	while (!st.done) {
		if (cli_signalled() && !stopped) {
			ddb_stream_tail_stop(t);
			stopped = 1;
			ddb_client_perform(app->s.client); /* delivers the cancellations */
			continue;
		}
		if (ddb_client_poll(app->s.client, NULL, 0, -1, NULL) != 0)
			break;
		ddb_client_perform(app->s.client);
	}
	ddb_client_run(app->s.client);
	cli_release_signals();
	fflush(stdout);
	ddb_buf_done(&st.out);
	free(arn);
	rc = EXIT_OK;
	if (st.write_errno) {
		fprintf(stderr, "ddbtui: stream: writing the output failed: %s\n",
		        strerror(st.write_errno));
		rc = EXIT_FAIL;
	} else if (st.err.kind != DDB_ERR_NONE) {
		if (no_streams_api(&st.err))
			rc = unsupported(app, endpoint);
		else
			rc = app_fail(app, &st.err);
	} else if (st.failed > 0) {
		rc = EXIT_FAIL;
	}
	if (app->verbose)
		fprintf(stderr, "ddbtui: %ld record%s printed\n", st.printed,
		        st.printed == 1 ? "" : "s");
	free(endpoint);
	return rc;
}
