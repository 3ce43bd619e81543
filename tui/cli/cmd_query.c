/* cmd_query.c - the query subcommand: a Query built by ddb/query.h (or a Scan when no partition
 * key value is given, which it says), every page printed as it arrives. */
#include "tui/cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ddb/ops.h"
#include "ddb/query.h"
#include "ddb/tablespec.h"

#define QUERY_LIMIT_MAX 2147483647L /* DynamoDB's Limit is a 32-bit integer */

static const char *opt_index;
static const char *opt_pk;
static const char *opt_sk;
static const char *opt_filters[CLI_REPEAT_MAX];
static int opt_nfilters;
static const char *opt_project;
static const char *opt_limit;
static int opt_desc;
static int opt_consistent;
static int opt_count;
static int opt_raw;
static int opt_show;

const struct cli_opt query_opts[] = {
    {"--index", "NAME", "query a global or local secondary index", &opt_index, NULL},
    {"--pk", "VALUE", "partition key value, typed as the key (none: scan)", &opt_pk, NULL},
    {"--sk", "'OP V [V]'", "sort key: = < <= > >= between begins_with", &opt_sk, NULL},
    {"--filter", "'PATH OP [V [V]]'", "filter, repeatable (all must hold); see above", opt_filters,
     &opt_nfilters},
    {"--project", "a,b.c", "only these attributes (paths)", &opt_project, NULL},
    {"--desc", NULL, "descending sort key order", NULL, &opt_desc},
    {"--consistent", NULL, "strongly consistent read (not on a GSI)", NULL, &opt_consistent},
    {"--count", NULL, "print only the number of matching items", NULL, &opt_count},
    {"--limit", "N", "stop after N items", &opt_limit, NULL},
    {"--raw", NULL, "print DynamoDB JSON ({\"S\": \"x\"}) instead of plain JSON", NULL, &opt_raw},
    {"--show-expression", NULL, "print the expressions, names and values on stderr", NULL,
     &opt_show},
    {NULL, NULL, NULL, NULL, NULL},
};

struct query_state {
	const struct ddb_table_spec *spec;
	struct cli_lines lines;
	int count_only;
	long count;
	struct ddb_error err;
};

/* Names an item the plain form cannot show by its key, in DynamoDB JSON. */
static void report_unshowable(void *ud, const cJSON *item, const struct ddb_error *why)
{
	const struct query_state *st = ud;
	cJSON *key = cJSON_CreateObject();
	const char *names[2] = {st->spec->hash.name, st->spec->range.name};
	const cJSON *v;
	char *s;
	int i;

	for (i = 0; i < 2; i++)
		if (names[i] && (v = cJSON_GetObjectItemCaseSensitive(item, names[i])))
			cJSON_AddItemToObject(key, names[i], cJSON_Duplicate(v, 1));
	s = cJSON_PrintUnformatted(key);
	fprintf(stderr, "ddbtui: item with key %s: %s\n", s ? s : "?", why->message);
	free(s);
	cJSON_Delete(key);
}

static int query_page(struct ddb_client *c, struct ddb_reply *reply, void *ud)
{
	struct query_state *st = ud;
	const cJSON *cnt = cJSON_GetObjectItemCaseSensitive(reply->json, "Count");
	long limit = st->lines.limit;

	(void)c;
	if (st->count_only) {
		long n = cJSON_IsNumber(cnt) ? (long)cnt->valuedouble : 0;

		if (limit && st->count + n > limit)
			n = limit - st->count;
		st->count += n;
		st->lines.seen += n;
		return limit && st->lines.seen >= limit;
	}
	return cli_lines_page(&st->lines, cJSON_GetObjectItemCaseSensitive(reply->json, "Items"));
}

static void query_done(struct ddb_client *c, const struct ddb_error *err, void *ud)
{
	struct query_state *st = ud;

	(void)c;
	st->err = *err;
}

/* The flags -> q. EXIT_OK or EXIT_USAGE (printed). */
static int build_query(struct app *app, const struct ddb_table_spec *spec, struct ddb_query *q)
{
	struct ddb_error err;
	int i;

	ddb_error_clear(&err);
	if (ddb_query_set_target(q, spec, app->s.table, opt_index, &err) != 0 ||
	    ddb_query_set_pk_text(q, opt_pk, &err) != 0 ||
	    ddb_query_set_sk_text(q, opt_sk, &err) != 0)
		return app_usage_error("query", "%s", err.message);
	if (opt_pk && !q->pk_value)
		return app_usage_error("query", "--pk needs a value");
	for (i = 0; i < opt_nfilters; i++)
		if (ddb_query_add_filter_text(q, opt_filters[i], spec, &err) != 0)
			return app_usage_error("query", "--filter %s", err.message);
	if (opt_project && ddb_query_set_projection_text(q, opt_project, &err) != 0)
		return app_usage_error("query", "--project: %s", err.message);
	q->descending = opt_desc;
	q->consistent = opt_consistent;
	q->count_only = opt_count;
	return EXIT_OK;
}

int cmd_query(struct app *app, int argc, char **argv)
{
	struct ddb_table_spec spec;
	struct ddb_query q;
	struct ddb_query_built b;
	struct query_state st;
	struct ddb_error err;
	int rc;

	memset(&st, 0, sizeof(st));
	if (cli_table_arg(app, "query", argc, argv) != EXIT_OK)
		return EXIT_USAGE;
	if (opt_limit && cli_parse_long("query", "--limit", opt_limit, 1, QUERY_LIMIT_MAX,
	                                &st.lines.limit) != EXIT_OK)
		return EXIT_USAGE;
	if ((rc = app_connect(app)) != EXIT_OK)
		return rc;

	ddb_table_spec_init(&spec);
	ddb_query_init(&q);
	memset(&b, 0, sizeof(b));
	if ((rc = app_describe(app, app->s.table, &spec)) != EXIT_OK)
		goto out;
	if ((rc = build_query(app, &spec, &q)) != EXIT_OK)
		goto out;
	q.limit = st.lines.limit;
	ddb_error_clear(&err);
	if (ddb_query_build(&q, &b, &err) != 0) {
		rc = app_usage_error("query", "%s", err.message);
		goto out;
	}
	if (b.scan_fallback) {
		if (opt_index)
			fprintf(stderr, "ddbtui: no partition key: scanning the index %s of %s%s\n",
			        opt_index, app->s.table,
			        q.sk_cond ? " (the sort key condition filters it)" : "");
		else
			fprintf(stderr, "ddbtui: no partition key: scanning the table %s%s\n",
			        app->s.table,
			        q.sk_cond ? " (the sort key condition filters it)" : "");
	}
	if (opt_show) {
		char *d = ddb_query_built_describe(&b);

		fputs(d, stderr);
		free(d);
	}

	st.spec = &spec;
	st.lines.raw = opt_raw;
	st.lines.unshowable = report_unshowable;
	st.lines.ud = &st;
	st.count_only = opt_count;
	ddb_error_clear(&st.err);
	ddb_scan_pages_max(app->s.client, b.op, b.request, st.lines.limit, query_page, query_done,
	                   &st, NULL);
	b.request = NULL;
	ddb_client_run(app->s.client);

	rc = cli_lines_end(app, &st.lines, b.op, &st.err);
	if (opt_count && !st.lines.write_errno && st.err.kind == DDB_ERR_NONE)
		printf("%ld\n", st.count);
	if (st.lines.failed) {
		fprintf(stderr,
		        "ddbtui: %ld item%s could not be shown as plain JSON; --raw shows every "
		        "item as DynamoDB returns it\n",
		        st.lines.failed, st.lines.failed == 1 ? "" : "s");
		rc = EXIT_FAIL;
	}
out:
	ddb_query_built_done(&b);
	ddb_query_done(&q);
	ddb_table_spec_done(&spec);
	return rc;
}
