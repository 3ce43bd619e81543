/* cmd_scan.c - the scan subcommand: every item of a table as one JSON line, page by page. */
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ddb/attr.h"
#include "ddb/ops.h"

#define SCAN_LIMIT_MAX 2147483647L /* DynamoDB's Limit is a 32-bit integer */
#define SCAN_BAD_KEPT  100         /* items whose conversion failed, kept to report their keys */

static int opt_raw;
static const char *opt_limit;

const struct cli_opt scan_opts[] = {
    {"--raw", NULL, "print DynamoDB JSON ({\"S\": \"x\"}) instead of plain JSON", NULL, &opt_raw},
    {"--limit", "N", "stop after N items (and ask DynamoDB for no more)", &opt_limit, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

struct scan_state {
	int raw;
	long limit; /* 0: every item */
	long seen;  /* items received and handled (printed or failed) */
	long printed;
	long failed;     /* items the plain form could not express */
	cJSON *bad;      /* array of {"item": raw item, "why": message}, the first SCAN_BAD_KEPT */
	int write_errno; /* set when stdout failed: the scan stops */
	struct ddb_error err;
};

/* Keeps a failed item to report once the scan is over (its key needs the key schema). */
static void keep_bad(struct scan_state *st, const cJSON *item, const struct ddb_error *err)
{
	cJSON *b;

	st->failed++;
	if (cJSON_GetArraySize(st->bad) >= SCAN_BAD_KEPT)
		return;
	b = cJSON_CreateObject();
	cJSON_AddItemToObject(b, "item", cJSON_Duplicate(item, 1));
	cJSON_AddStringToObject(b, "why", err->message);
	cJSON_AddItemToArray(st->bad, b);
}

/* Prints one item as a line; 0, or -1 when the plain form cannot express it. */
static int print_item(struct scan_state *st, const cJSON *item)
{
	struct ddb_error err;
	cJSON *plain = NULL;
	char *s;

	ddb_error_clear(&err);
	if (!st->raw) {
		plain = ddb_item_to_plain(item, &err);
		if (!plain) {
			keep_bad(st, item, &err);
			return -1;
		}
	}
	s = cJSON_PrintUnformatted(plain ? plain : item);
	cJSON_Delete(plain);
	if (!s)
		abort();
	fputs(s, stdout);
	putchar('\n');
	free(s);
	st->printed++;
	return 0;
}

static int scan_page(struct ddb_client *c, struct ddb_reply *reply, void *ud)
{
	struct scan_state *st = ud;
	const cJSON *items = cJSON_GetObjectItemCaseSensitive(reply->json, "Items");
	const cJSON *item;

	(void)c;
	cJSON_ArrayForEach(item, items)
	{
		if (st->limit && st->seen >= st->limit)
			break;
		st->seen++;
		print_item(st, item);
	}
	/* Each page shows as soon as it arrives, even through a pipe. */
	if (fflush(stdout) != 0 || ferror(stdout)) {
		st->write_errno = errno ? errno : EIO;
		return 1;
	}
	return st->limit && st->seen >= st->limit;
}

static void scan_done(struct ddb_client *c, const struct ddb_error *err, void *ud)
{
	struct scan_state *st = ud;

	(void)c;
	st->err = *err;
}

/* The names of the table's key attributes (array of strings, caller frees), or NULL. */
static cJSON *key_names(struct app *app)
{
	struct ddb_error err;
	cJSON *body = cJSON_CreateObject(), *reply, *names = NULL;
	const cJSON *k, *schema;

	cJSON_AddStringToObject(body, "TableName", app->table);
	reply = app_call(app, "DescribeTable", body, &err);
	if (!reply)
		return NULL;
	schema = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(reply, "Table"),
	                                          "KeySchema");
	cJSON_ArrayForEach(k, schema)
	{
		const cJSON *n = cJSON_GetObjectItemCaseSensitive(k, "AttributeName");

		if (!cJSON_IsString(n))
			continue;
		if (!names)
			names = cJSON_CreateArray();
		cJSON_AddItemToArray(names, cJSON_CreateString(n->valuestring));
	}
	cJSON_Delete(reply);
	return names;
}

/* One stderr line per item that could not be shown, naming it by its key (in DynamoDB JSON, which
 * always expresses it); the whole item if the key schema cannot be read. */
static void report_bad(struct app *app, const struct scan_state *st)
{
	cJSON *names = key_names(app);
	const cJSON *b, *n;

	cJSON_ArrayForEach(b, st->bad)
	{
		const cJSON *item = cJSON_GetObjectItemCaseSensitive(b, "item");
		const cJSON *why = cJSON_GetObjectItemCaseSensitive(b, "why");
		cJSON *key = cJSON_CreateObject();
		char *s;

		cJSON_ArrayForEach(n, names)
		{
			const cJSON *v = cJSON_GetObjectItemCaseSensitive(item, n->valuestring);

			if (v)
				cJSON_AddItemToObject(key, n->valuestring, cJSON_Duplicate(v, 1));
		}
		s = cJSON_PrintUnformatted(key->child ? key : item);
		fprintf(stderr, "ddbtui: item %s%s: %s\n", key->child ? "with key " : "",
		        s ? s : "?", cJSON_IsString(why) ? why->valuestring : "?");
		free(s);
		cJSON_Delete(key);
	}
	if (st->failed > cJSON_GetArraySize(st->bad))
		fprintf(stderr, "ddbtui: ... and %ld more\n",
		        st->failed - (long)cJSON_GetArraySize(st->bad));
	fprintf(stderr,
	        "ddbtui: %ld item%s could not be shown as plain JSON; 'ddbtui scan --raw' shows "
	        "every item as DynamoDB returns it\n",
	        st->failed, st->failed == 1 ? "" : "s");
	cJSON_Delete(names);
}

static int parse_limit(const char *s, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < 1 || v > SCAN_LIMIT_MAX)
		return app_usage_error("scan",
		                       "--limit must be a whole number from 1 to %ld, not '%s'",
		                       SCAN_LIMIT_MAX, s);
	*out = v;
	return EXIT_OK;
}

int cmd_scan(struct app *app, int argc, char **argv)
{
	struct scan_state st;
	cJSON *req;
	int rc;

	memset(&st, 0, sizeof(st));
	if (argc > 1)
		return app_usage_error("scan", "too many arguments for scan");
	if (opt_limit && parse_limit(opt_limit, &st.limit) != EXIT_OK)
		return EXIT_USAGE;
	if (argc == 1)
		app->table = argv[0];
	if ((rc = app_connect(app)) != EXIT_OK)
		return rc;

	st.raw = opt_raw;
	st.bad = cJSON_CreateArray();
	ddb_error_clear(&st.err);
	req = cJSON_CreateObject();
	cJSON_AddStringToObject(req, "TableName", app->table);
	/* with --limit, each request asks for what is still needed, no more */
	if (st.limit)
		cJSON_AddNumberToObject(req, "Limit", (double)st.limit);
	ddb_scan_pages_max(app->client, "Scan", req, st.limit, scan_page, scan_done, &st, NULL);
	ddb_client_run(app->client);

	rc = EXIT_OK;
	if (st.write_errno) {
		if (st.write_errno != EPIPE)
			fprintf(stderr, "ddbtui: cannot write the items: %s\n",
			        strerror(st.write_errno));
		rc = EXIT_FAIL;
	} else if (st.err.kind != DDB_ERR_NONE) {
		if (st.seen)
			fprintf(stderr, "ddbtui: scan of %s stopped after %ld items\n", app->table,
			        st.seen);
		rc = app_fail(app, &st.err);
	}
	if (st.failed) {
		report_bad(app, &st);
		rc = EXIT_FAIL;
	}
	cJSON_Delete(st.bad);
	return rc;
}
