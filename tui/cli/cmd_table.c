/* cmd_table.c - the table subcommands: list-tables, describe-table, schema-load, drop, recreate. */
#include "tui/cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ddb/describe.h"
#include "ddb/model/model.h"
#include "ddb/ops.h"
#include "ddb/tablespec.h"

static int opt_json;
static int opt_yes;
static const char *opt_confirm;
static const char *opt_rcu;
static const char *opt_wcu;
static const char *opt_stream;

const struct cli_opt list_tables_opts[] = {
    {"--json", NULL, "print a JSON array", NULL, &opt_json},
    {NULL, NULL, NULL, NULL, NULL},
};

const struct cli_opt describe_table_opts[] = {
    {"--json", NULL, "print the Table object as DynamoDB returned it", NULL, &opt_json},
    {NULL, NULL, NULL, NULL, NULL},
};

const struct cli_opt schema_load_opts[] = {
    {"--rcu", "N", "read capacity units of table and index (default 5)", &opt_rcu, NULL},
    {"--wcu", "N", "write capacity units of table and index (default 5)", &opt_wcu, NULL},
    {"--stream", "VIEW",
     "a DynamoDB Stream: NEW_IMAGE (the app's prod shape), OLD_IMAGE, NEW_AND_OLD_IMAGES, "
     "KEYS_ONLY or off (the default)",
     &opt_stream, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

const struct cli_opt drop_opts[] = {
    {"--yes", NULL, "do not ask (loopback endpoints only)", NULL, &opt_yes},
    {"--confirm", "TABLE", "confirm by naming the table (any endpoint)", &opt_confirm, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

const struct cli_opt recreate_opts[] = {
    {"--yes", NULL, "do not ask (loopback endpoints only)", NULL, &opt_yes},
    {"--confirm", "TABLE", "confirm by naming the table (any endpoint)", &opt_confirm, NULL},
    {"--rcu", "N", "read capacity units of table and index (default 5)", &opt_rcu, NULL},
    {"--wcu", "N", "write capacity units of table and index (default 5)", &opt_wcu, NULL},
    {"--stream", "VIEW", "as schema-load --stream", &opt_stream, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static int too_many(const char *cmd, int argc, int max)
{
	if (argc > max)
		return app_usage_error(cmd, "too many arguments for %s", cmd);
	return EXIT_OK;
}

/* ---- list-tables ---- */

struct names_result {
	cJSON *names;
	struct ddb_error err;
};

static void names_done(struct ddb_client *c, const struct ddb_error *err, const cJSON *names,
                       void *ud)
{
	struct names_result *r = ud;

	(void)c;
	r->err = *err;
	if (names)
		r->names = cJSON_Duplicate(names, 1);
}

/* All table names, or NULL with err. */
static cJSON *all_tables(struct app *app, struct ddb_error *err)
{
	struct names_result r;

	memset(&r, 0, sizeof(r));
	ddb_list_tables(app->s.client, names_done, &r, NULL);
	ddb_client_run(app->s.client);
	*err = r.err;
	return r.names;
}

int cmd_list_tables(struct app *app, int argc, char **argv)
{
	struct ddb_error err;
	cJSON *names, *n;
	int rc;

	(void)argv;
	if ((rc = too_many("list-tables", argc, 0)) != EXIT_OK)
		return rc;
	if ((rc = app_connect(app)) != EXIT_OK)
		return rc;
	names = all_tables(app, &err);
	if (!names)
		return app_fail(app, &err);
	if (opt_json) {
		char *s = cJSON_PrintUnformatted(names);

		printf("%s\n", s);
		free(s);
	} else {
		cJSON_ArrayForEach(n, names) printf("%s\n", n->valuestring);
	}
	cJSON_Delete(names);
	return EXIT_OK;
}

/* ---- describe-table ---- */

static void print_line(enum ddb_describe_line kind, int indent, const char *label,
                       const char *value, void *ud)
{
	(void)ud;
	if (kind == DDB_DESC_SECTION)
		printf("%s\n", label);
	else if (kind == DDB_DESC_FIELD)
		printf("%*s%-12s%s\n", indent * 2, "", label, value);
}

static void print_setting(const char *label, const char *value)
{
	printf("%-12s%s\n", label, value);
}

int cmd_describe_table(struct app *app, int argc, char **argv)
{
	struct ddb_error err;
	cJSON *body, *reply, *table;
	int rc;

	if ((rc = cli_table_arg(app, "describe-table", argc, argv)) != EXIT_OK)
		return rc;
	if ((rc = app_connect(app)) != EXIT_OK)
		return rc;
	body = cJSON_CreateObject();
	cJSON_AddStringToObject(body, "TableName", app->s.table);
	reply = app_call(app, "DescribeTable", body, &err);
	if (!reply)
		return app_fail(app, &err);
	table = cJSON_GetObjectItemCaseSensitive(reply, "Table");
	if (opt_json) {
		char *s = cJSON_Print(table);

		printf("%s\n", s);
		free(s);
	} else {
		ddb_describe_lines(table, print_line, NULL);
		cli_describe_settings(app, table, print_setting);
	}
	cJSON_Delete(reply);
	return EXIT_OK;
}

/* ---- schema-load, drop, recreate ---- */

/* --rcu/--wcu: 5 unless given. */
static int capacity(const char *flag, const char *value, long *out)
{
	*out = 5;
	return value ? cli_parse_long(NULL, flag, value, 1, 40000, out) : EXIT_OK;
}

/* --stream: off unless given. EXIT_OK or EXIT_USAGE (printed). */
static int stream_flag(const char *cmd, enum ddb_stream_view *view)
{
	struct ddb_error err;

	*view = DDB_STREAM_OFF;
	if (opt_stream && ddb_stream_view_parse(opt_stream, view, &err) != 0)
		return app_usage_error(cmd, "--stream: %s", err.message);
	return EXIT_OK;
}

/* Creates the model's table (with a stream unless view is DDB_STREAM_OFF) and waits until
 * ACTIVE. */
static int create_schema(struct app *app, long rcu, long wcu, enum ddb_stream_view view)
{
	struct ddb_error err;
	cJSON *reply, *req;

	ddb_error_clear(&err);
	req = ddb_cruddur_schema(app->s.table, rcu, wcu, &err);
	if (!req)
		return app_fail(app, &err);
	if (view != DDB_STREAM_OFF)
		cJSON_AddItemToObject(req, "StreamSpecification", ddb_stream_spec_json(view));
	fprintf(stderr, "creating table %s%s%s\n", app->s.table,
	        view != DDB_STREAM_OFF ? " with a stream of " : "",
	        view != DDB_STREAM_OFF ? ddb_stream_view_name(view) : "");
	reply = app_call(app, "CreateTable", req, &err);
	if (!reply) {
		if (err.kind == DDB_ERR_SERVICE &&
		    strcmp(err.type, "ResourceInUseException") == 0) {
			fprintf(stderr, "ddbtui: table %s already exists; nothing changed\n",
			        app->s.table);
			return EXIT_FAIL;
		}
		return app_fail(app, &err);
	}
	cJSON_Delete(reply);
	if (app_wait_table(app, app->s.table, DDB_WAIT_ACTIVE) != EXIT_OK)
		return EXIT_FAIL;
	printf("%s\n", app->s.table);
	fprintf(stderr, "table %s is ACTIVE\n", app->s.table);
	return EXIT_OK;
}

int cmd_schema_load(struct app *app, int argc, char **argv)
{
	enum ddb_stream_view view;
	long rcu, wcu;
	int rc;

	(void)argv;
	if ((rc = too_many("schema-load", argc, 0)) != EXIT_OK)
		return rc;
	if (capacity("--rcu", opt_rcu, &rcu) || capacity("--wcu", opt_wcu, &wcu))
		return EXIT_USAGE;
	if ((rc = stream_flag("schema-load", &view)) != EXIT_OK)
		return rc;
	if ((rc = app_connect(app)) != EXIT_OK)
		return rc;
	return create_schema(app, rcu, wcu, view);
}

/* Deletes the table and waits until it is gone. missing_ok: a missing table is fine. */
static int delete_table(struct app *app, const char *table, int missing_ok)
{
	struct ddb_error err;
	cJSON *body = cJSON_CreateObject(), *reply;

	cJSON_AddStringToObject(body, "TableName", table);
	fprintf(stderr, "deleting table %s\n", table);
	reply = app_call(app, "DeleteTable", body, &err);
	if (!reply) {
		if (err.kind == DDB_ERR_SERVICE &&
		    strcmp(err.type, "ResourceNotFoundException") == 0) {
			if (missing_ok) {
				fprintf(stderr, "  %s: not present\n", table);
				return EXIT_OK;
			}
			fprintf(stderr, "ddbtui: table %s does not exist at %s (region %s)\n",
			        table, app->s.cfg.endpoint, app->s.cfg.region);
			return EXIT_FAIL;
		}
		return app_fail(app, &err);
	}
	cJSON_Delete(reply);
	return app_wait_table(app, table, DDB_WAIT_GONE);
}

int cmd_drop(struct app *app, int argc, char **argv)
{
	int rc;

	if (argc == 0)
		return app_usage_error("drop", "drop needs the table name: ddbtui drop TABLE");
	if ((rc = too_many("drop", argc, 1)) != EXIT_OK)
		return rc;
	app->s.table = argv[0];
	if ((rc = app_connect(app)) != EXIT_OK)
		return rc;
	if (ddb_client_read_only(app->s.client)) {
		fprintf(stderr, "ddbtui: read-only mode: drop refused\n");
		return EXIT_FAIL;
	}
	if ((rc = app_confirm_table(app, "drop", app->s.table, opt_yes, opt_confirm,
	                            "delete the table and all its items")) != EXIT_OK)
		return rc;
	if ((rc = delete_table(app, app->s.table, 0)) != EXIT_OK)
		return rc;
	fprintf(stderr, "table %s deleted\n", app->s.table);
	return EXIT_OK;
}

int cmd_recreate(struct app *app, int argc, char **argv)
{
	enum ddb_stream_view view;
	long rcu, wcu;
	int rc;

	(void)argv;
	if ((rc = too_many("recreate", argc, 0)) != EXIT_OK)
		return rc;
	if (capacity("--rcu", opt_rcu, &rcu) || capacity("--wcu", opt_wcu, &wcu))
		return EXIT_USAGE;
	if ((rc = stream_flag("recreate", &view)) != EXIT_OK)
		return rc;
	if ((rc = app_connect(app)) != EXIT_OK)
		return rc;
	if (ddb_client_read_only(app->s.client)) {
		fprintf(stderr, "ddbtui: read-only mode: recreate refused\n");
		return EXIT_FAIL;
	}
	if ((rc = app_confirm_table(app, "recreate", app->s.table, opt_yes, opt_confirm,
	                            "delete the table with all its items and create it again")) !=
	    EXIT_OK)
		return rc;
	if ((rc = delete_table(app, app->s.table, 1)) != EXIT_OK)
		return rc;
	return create_schema(app, rcu, wcu, view);
}
