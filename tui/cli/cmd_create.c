/* cmd_create.c - the create-table subcommand: flags -> ddb/tablespec.h -> CreateTable, then wait
 * until the table is ACTIVE. */
#include "tui/cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ddb/ops.h"
#include "ddb/tablespec.h"

static const char *opt_pk;
static const char *opt_sk;
static const char *opt_gsis[CLI_REPEAT_MAX];
static int opt_ngsi;
static const char *opt_lsis[CLI_REPEAT_MAX];
static int opt_nlsi;
static const char *opt_billing;
static const char *opt_rcu;
static const char *opt_wcu;
static const char *opt_stream;
static int opt_no_wait;
static int opt_dry_run;

const struct cli_opt create_table_opts[] = {
    {"--pk", "NAME:TYPE", "partition key, TYPE S, N or B (required)", &opt_pk, NULL},
    {"--sk", "NAME:TYPE", "sort key", &opt_sk, NULL},
    {"--gsi", "SPEC", "global secondary index NAME:PK:TYPE[:SK:TYPE][:PROJECTION] (repeatable)",
     opt_gsis, &opt_ngsi},
    {"--lsi", "SPEC", "local secondary index NAME:SK:TYPE[:PROJECTION] (repeatable)", opt_lsis,
     &opt_nlsi},
    {"--billing", "MODE", "PAY_PER_REQUEST (default) or PROVISIONED", &opt_billing, NULL},
    {"--rcu", "N", "read capacity of the table and each GSI (PROVISIONED; default 5)", &opt_rcu,
     NULL},
    {"--wcu", "N", "write capacity of the table and each GSI (PROVISIONED; default 5)", &opt_wcu,
     NULL},
    {"--stream", "VIEW",
     "a DynamoDB Stream: NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES, KEYS_ONLY or off (default)",
     &opt_stream, NULL},
    {"--no-wait", NULL, "return once DynamoDB accepted the request", NULL, &opt_no_wait},
    {"--dry-run", NULL, "print the CreateTable request and send nothing", NULL, &opt_dry_run},
    {NULL, NULL, NULL, NULL, NULL},
};

/* The flags -> spec. EXIT_OK or EXIT_USAGE (printed). */
static int spec_from_flags(const char *name, struct ddb_table_spec *spec)
{
	struct ddb_error err;
	int i;

	ddb_error_clear(&err);
	if (!opt_pk)
		return app_usage_error("create-table", "create-table needs --pk NAME:TYPE");
	if (ddb_table_spec_set_name(spec, name, &err) != 0 ||
	    ddb_table_spec_set_key(spec, 0, opt_pk, &err) != 0 ||
	    (opt_sk && ddb_table_spec_set_key(spec, 1, opt_sk, &err) != 0))
		return app_usage_error("create-table", "%s", err.message);
	for (i = 0; i < opt_ngsi; i++)
		if (ddb_table_spec_add_gsi(spec, opt_gsis[i], &err) != 0)
			return app_usage_error("create-table", "--gsi: %s", err.message);
	for (i = 0; i < opt_nlsi; i++)
		if (ddb_table_spec_add_lsi(spec, opt_lsis[i], &err) != 0)
			return app_usage_error("create-table", "--lsi: %s", err.message);
	if (ddb_table_spec_set_billing(spec, opt_billing, opt_rcu, opt_wcu, &err) != 0)
		return app_usage_error("create-table", "%s", err.message);
	if (opt_stream && ddb_stream_view_parse(opt_stream, &spec->stream, &err) != 0)
		return app_usage_error("create-table", "--stream: %s", err.message);
	return EXIT_OK;
}

int cmd_create_table(struct app *app, int argc, char **argv)
{
	struct ddb_table_spec spec;
	struct ddb_error err;
	cJSON *req = NULL, *reply;
	int rc;

	if (argc == 0)
		return app_usage_error(
		    "create-table", "create-table needs the table name: ddbtui create-table NAME "
		                    "--pk NAME:TYPE");
	if (argc > 1)
		return app_usage_error("create-table", "too many arguments for create-table");
	ddb_table_spec_init(&spec);
	if ((rc = spec_from_flags(argv[0], &spec)) != EXIT_OK)
		goto out;
	ddb_error_clear(&err);
	req = ddb_table_spec_to_create(&spec, &err);
	if (!req) {
		rc = app_usage_error("create-table", "%s", err.message);
		goto out;
	}
	if (opt_dry_run) {
		char *s = cJSON_Print(req);

		printf("%s\n", s ? s : "");
		free(s);
		rc = EXIT_OK;
		goto out;
	}
	app->s.table = argv[0];
	if ((rc = app_connect(app)) != EXIT_OK)
		goto out;
	if (ddb_client_read_only(app->s.client)) {
		fprintf(stderr, "ddbtui: read-only mode: create-table refused; nothing changed\n");
		rc = EXIT_FAIL;
		goto out;
	}
	fprintf(stderr, "creating table %s\n", spec.name);
	reply = app_call(app, "CreateTable", req, &err);
	req = NULL;
	if (!reply) {
		if (err.kind == DDB_ERR_SERVICE &&
		    strcmp(err.type, "ResourceInUseException") == 0) {
			fprintf(stderr, "ddbtui: table %s already exists; nothing changed\n",
			        spec.name);
			rc = EXIT_FAIL;
		} else {
			rc = app_fail(app, &err);
		}
		goto out;
	}
	cJSON_Delete(reply);
	if (!opt_no_wait && (rc = app_wait_table(app, spec.name, DDB_WAIT_ACTIVE)) != EXIT_OK)
		goto out;
	printf("%s\n", spec.name);
	fprintf(stderr, "table %s is %s\n", spec.name, opt_no_wait ? "being created" : "ACTIVE");
	rc = EXIT_OK;
out:
	cJSON_Delete(req);
	ddb_table_spec_done(&spec);
	return rc;
}
