/* cmd_settings.c - a table's settings beyond its keys: ttl, tag, untag, update-table --stream, and
 * the TTL and tag lines describe-table adds to the table's own. */
#include "tui/cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ddb/settings.h"
#include "ddb/tablespec.h"

static const char *opt_enable;
static int opt_disable;

const struct cli_opt ttl_opts[] = {
    {"--enable", "ATTR", "expire items by the epoch seconds in ATTR", &opt_enable, NULL},
    {"--disable", NULL, "stop expiring items", NULL, &opt_disable},
    {NULL, NULL, NULL, NULL, NULL},
};

/* The table's TimeToLiveDescription (caller frees the reply it hangs off), or NULL with err. */
static cJSON *ttl_describe(struct app *app, const char *table, cJSON **reply, struct ddb_error *err)
{
	cJSON *body = cJSON_CreateObject();

	cJSON_AddStringToObject(body, "TableName", table);
	*reply = app_call(app, "DescribeTimeToLive", body, err);
	return *reply ? cJSON_GetObjectItemCaseSensitive(*reply, "TimeToLiveDescription") : NULL;
}

static const char *str_of(const cJSON *o, const char *name)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* "ENABLED on expires_at", "DISABLED". */
static void ttl_text(const cJSON *d, char *out, size_t n)
{
	const char *st = str_of(d, "TimeToLiveStatus"), *attr = str_of(d, "AttributeName");

	snprintf(out, n, "%s%s%s", st ? st : "DISABLED", attr ? " on " : "", attr ? attr : "");
}

int cmd_ttl(struct app *app, int argc, char **argv)
{
	struct ddb_error err;
	cJSON *reply = NULL, *d, *body;
	const char *attr, *st;
	char line[300];
	int rc;

	if (argc == 0)
		return app_usage_error("ttl", "ttl needs the table name: ddbtui ttl TABLE "
		                              "[--enable ATTR | --disable]");
	if (argc > 1)
		return app_usage_error("ttl", "too many arguments for ttl");
	if (opt_enable && opt_disable)
		return app_usage_error("ttl", "--enable and --disable exclude each other");
	app->s.table = argv[0];
	if ((rc = app_connect(app)) != EXIT_OK)
		return rc;
	ddb_error_clear(&err);
	d = ttl_describe(app, app->s.table, &reply, &err);
	if (!reply)
		return app_fail(app, &err);
	if (!opt_enable && !opt_disable) {
		ttl_text(d, line, sizeof(line));
		printf("%s\n", line);
		cJSON_Delete(reply);
		return EXIT_OK;
	}
	/* DynamoDB wants the attribute named to disable too: the one it has */
	attr = opt_enable ? opt_enable : str_of(d, "AttributeName");
	st = str_of(d, "TimeToLiveStatus");
	if (opt_disable && (!attr || !st || (strcmp(st, "ENABLED") && strcmp(st, "ENABLING")))) {
		fprintf(stderr, "ddbtui: TTL of %s is not enabled; nothing changed\n",
		        app->s.table);
		cJSON_Delete(reply);
		return EXIT_OK;
	}
	body = ddb_ttl_body(app->s.table, opt_enable != NULL, attr, &err);
	cJSON_Delete(reply);
	if (!body)
		return app_fail(app, &err);
	fprintf(stderr, "%s TTL of %s\n", opt_enable ? "enabling" : "disabling", app->s.table);
	reply = app_call(app, "UpdateTimeToLive", body, &err);
	if (!reply)
		return app_fail(app, &err);
	cJSON_Delete(reply);
	reply = NULL;
	d = ttl_describe(app, app->s.table, &reply, &err);
	if (!reply)
		return app_fail(app, &err);
	ttl_text(d, line, sizeof(line));
	printf("%s\n", line);
	cJSON_Delete(reply);
	return EXIT_OK;
}

/* The table's ARN (caller frees), or NULL with the error printed and *rc set. */
static char *table_arn(struct app *app, const char *table, int *rc)
{
	struct ddb_error err;
	cJSON *body = cJSON_CreateObject(), *reply;
	const char *arn;
	char *out = NULL;

	cJSON_AddStringToObject(body, "TableName", table);
	reply = app_call(app, "DescribeTable", body, &err);
	if (!reply) {
		*rc = app_fail(app, &err);
		return NULL;
	}
	arn = str_of(cJSON_GetObjectItemCaseSensitive(reply, "Table"), "TableArn");
	if (arn)
		out = strdup(arn);
	else
		*rc = (fprintf(stderr, "ddbtui: DescribeTable of %s gave no TableArn\n", table),
		       EXIT_FAIL);
	cJSON_Delete(reply);
	return out;
}

static int tag_common(struct app *app, const char *cmd, int argc, char **argv, int untag)
{
	struct ddb_error err;
	cJSON *body, *reply;
	char *arn;
	int rc = EXIT_OK;

	if (argc < 2)
		return app_usage_error(cmd,
		                       untag ? "untag needs a table and keys: ddbtui untag TABLE "
		                               "KEY..."
		                             : "tag needs a table and tags: ddbtui tag TABLE "
		                               "KEY=VALUE...");
	app->s.table = argv[0];
	ddb_error_clear(&err);
	/* checked before anything is sent */
	body = untag ? ddb_untag_body("", argc - 1, argv + 1, &err)
	             : ddb_tag_body("", argc - 1, argv + 1, &err);
	if (!body)
		return app_usage_error(cmd, "%s", err.message);
	cJSON_Delete(body);
	if ((rc = app_connect(app)) != EXIT_OK)
		return rc;
	if (!(arn = table_arn(app, app->s.table, &rc)))
		return rc;
	body = untag ? ddb_untag_body(arn, argc - 1, argv + 1, &err)
	             : ddb_tag_body(arn, argc - 1, argv + 1, &err);
	free(arn);
	reply = app_call(app, untag ? "UntagResource" : "TagResource", body, &err);
	if (!reply)
		return app_fail(app, &err);
	cJSON_Delete(reply);
	fprintf(stderr, "%s %d tag%s %s %s\n", untag ? "removed" : "set", argc - 1,
	        argc == 2 ? "" : "s", untag ? "from" : "on", app->s.table);
	return EXIT_OK;
}

int cmd_tag(struct app *app, int argc, char **argv)
{
	return tag_common(app, "tag", argc, argv, 0);
}

int cmd_untag(struct app *app, int argc, char **argv)
{
	return tag_common(app, "untag", argc, argv, 1);
}

void cli_describe_settings(struct app *app, const cJSON *table, describe_line_fn *line)
{
	struct ddb_error err;
	cJSON *reply = NULL, *d, *body, *tags, *t;
	const char *arn = str_of(table, "TableArn");
	char text[400];
	size_t used;

	d = ttl_describe(app, app->s.table, &reply, &err);
	if (reply)
		ttl_text(d, text, sizeof(text));
	else
		snprintf(text, sizeof(text), "unknown (%s)", err.message);
	line("TTL", text);
	cJSON_Delete(reply);
	if (!arn)
		return;
	body = cJSON_CreateObject();
	cJSON_AddStringToObject(body, "ResourceArn", arn);
	reply = app_call(app, "ListTagsOfResource", body, &err);
	if (!reply) {
		snprintf(text, sizeof(text), "unknown (%s)", err.message);
		line("Tags", text);
		return;
	}
	tags = cJSON_GetObjectItemCaseSensitive(reply, "Tags");
	used = 0;
	text[0] = '\0';
	cJSON_ArrayForEach(t, tags)
	{
		const char *k = str_of(t, "Key"), *v = str_of(t, "Value");

		if (k && used < sizeof(text))
			used += (size_t)snprintf(text + used, sizeof(text) - used, "%s%s=%s",
			                         used ? ", " : "", k, v ? v : "");
	}
	line("Tags", used ? text : "none");
	cJSON_Delete(reply);
}

/* ---- update-table ---- */

static const char *opt_stream;

const struct cli_opt update_table_opts[] = {
    {"--stream", "VIEW",
     "turn the table's DynamoDB Stream on (NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES, "
     "KEYS_ONLY) or off",
     &opt_stream, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

/* The table's stream view and its LatestStreamArn (caller frees; NULL if none), or -1 with the
 * error printed and *rc set. */
static int stream_now(struct app *app, enum ddb_stream_view *view, char **arn, int *rc)
{
	struct ddb_error err;
	cJSON *body = cJSON_CreateObject(), *reply;
	const char *a;

	cJSON_AddStringToObject(body, "TableName", app->s.table);
	reply = app_call(app, "DescribeTable", body, &err);
	if (!reply) {
		*rc = app_fail(app, &err);
		return -1;
	}
	*view = ddb_stream_view_of(reply);
	a = str_of(cJSON_GetObjectItemCaseSensitive(reply, "Table"), "LatestStreamArn");
	*arn = *view != DDB_STREAM_OFF && a ? strdup(a) : NULL;
	cJSON_Delete(reply);
	return 0;
}

/* One UpdateTable of the stream setting, then the wait until ACTIVE. */
static int stream_step(struct app *app, enum ddb_stream_view view)
{
	struct ddb_error err;
	cJSON *body = cJSON_CreateObject(), *reply;

	cJSON_AddStringToObject(body, "TableName", app->s.table);
	cJSON_AddItemToObject(body, "StreamSpecification", ddb_stream_spec_json(view));
	if (view == DDB_STREAM_OFF)
		fprintf(stderr, "turning the stream of %s off\n", app->s.table);
	else
		fprintf(stderr, "turning a stream of %s on for %s\n", ddb_stream_view_name(view),
		        app->s.table);
	reply = app_call(app, "UpdateTable", body, &err);
	if (!reply)
		return app_fail(app, &err);
	cJSON_Delete(reply);
	return app_wait_table(app, app->s.table, DDB_WAIT_ACTIVE);
}

int cmd_update_table(struct app *app, int argc, char **argv)
{
	struct ddb_error err;
	enum ddb_stream_view want, have;
	char *arn = NULL;
	int rc = EXIT_OK;

	if (argc == 0)
		return app_usage_error("update-table", "update-table needs the table name: ddbtui "
		                                       "update-table TABLE --stream VIEW|off");
	if (argc > 1)
		return app_usage_error("update-table", "too many arguments for update-table");
	if (!opt_stream)
		return app_usage_error("update-table", "update-table needs a setting to change: "
		                                       "--stream VIEW|off");
	if (ddb_stream_view_parse(opt_stream, &want, &err) != 0)
		return app_usage_error("update-table", "--stream: %s", err.message);
	app->s.table = argv[0];
	if ((rc = app_connect(app)) != EXIT_OK)
		return rc;
	if (stream_now(app, &have, &arn, &rc) != 0)
		return rc;
	free(arn);
	arn = NULL;
	if (have == want) {
		fprintf(stderr, "ddbtui: the stream of %s is %s already; nothing changed\n",
		        app->s.table, ddb_stream_view_name(have));
		printf("%s\n", ddb_stream_view_name(have));
		return EXIT_OK;
	}
	/* DynamoDB changes a view only through off: a table has one enabled stream at a time */
	if (have != DDB_STREAM_OFF && want != DDB_STREAM_OFF &&
	    (rc = stream_step(app, DDB_STREAM_OFF)) != EXIT_OK)
		return rc;
	if ((rc = stream_step(app, want)) != EXIT_OK)
		return rc;
	if (stream_now(app, &have, &arn, &rc) != 0)
		return rc;
	printf("%s\n", ddb_stream_view_name(have));
	if (arn)
		fprintf(stderr, "stream of %s: %s\n", app->s.table, arn);
	free(arn);
	if (have != want) {
		fprintf(stderr,
		        "ddbtui: the endpoint accepted the change but the stream of %s is %s\n",
		        app->s.table, ddb_stream_view_name(have));
		return EXIT_FAIL;
	}
	return EXIT_OK;
}
