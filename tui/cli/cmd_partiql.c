/* cmd_partiql.c - partiql STATEMENT: one PartiQL statement (ExecuteStatement), its items as JSON
 * lines, page after page with --all. */
#include "tui/cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ddb/partiql.h"

static const char *opt_params[CLI_REPEAT_MAX];
static int opt_nparams;
static int opt_raw;
static const char *opt_limit;
static int opt_all;
static int opt_consistent;

const struct cli_opt partiql_opts[] = {
    {"--param", "VALUE",
     "the next ? of the statement, in DynamoDB JSON ({\"S\": \"x\"}); "
     "repeatable",
     opt_params, &opt_nparams},
    {"--raw", NULL, "print DynamoDB JSON ({\"S\": \"x\"}) instead of plain JSON", NULL, &opt_raw},
    {"--limit", "N", "stop after N items", &opt_limit, NULL},
    {"--all", NULL, "follow NextToken: every page, not only the first", NULL, &opt_all},
    {"--consistent", NULL, "strongly consistent read", NULL, &opt_consistent},
    {NULL, NULL, NULL, NULL, NULL},
};

int cmd_partiql(struct app *app, int argc, char **argv)
{
	struct ddb_error err;
	struct cli_lines lines;
	cJSON *body, *reply = NULL, *next;
	char *token = NULL;
	int rc, done = 0, failed = 0;

	if (argc == 0)
		return app_usage_error("partiql", "partiql needs a statement: ddbtui partiql "
		                                  "'SELECT * FROM \"t\" WHERE pk = ?' --param "
		                                  "'{\"S\": \"a\"}'");
	if (argc > 1)
		return app_usage_error("partiql",
		                       "partiql takes one statement (quote it), not %d "
		                       "words",
		                       argc);
	memset(&lines, 0, sizeof(lines));
	if (opt_limit && cli_parse_long("partiql", "--limit", opt_limit, 1, 1000000000L,
	                                &lines.limit) != EXIT_OK)
		return EXIT_USAGE;
	ddb_error_clear(&err);
	/* checked before connecting: a bad parameter sends nothing */
	body = ddb_partiql_body(argv[0], opt_nparams, opt_params, opt_consistent, &err);
	if (!body)
		return app_usage_error("partiql", "%s", err.message);
	cJSON_Delete(body);
	if ((rc = app_connect(app)) != EXIT_OK)
		return rc;
	lines.raw = opt_raw;
	while (!done) {
		body = ddb_partiql_body(argv[0], opt_nparams, opt_params, opt_consistent, &err);
		if (token)
			cJSON_AddStringToObject(body, "NextToken", token);
		free(token);
		token = NULL;
		reply = app_call(app, "ExecuteStatement", body, &err);
		if (!reply) {
			failed = 1;
			break;
		}
		done = cli_lines_page(&lines, cJSON_GetObjectItemCaseSensitive(reply, "Items"));
		next = cJSON_GetObjectItemCaseSensitive(reply, "NextToken");
		if (cJSON_IsString(next) && next->valuestring[0]) {
			if (!opt_all && !done) {
				fprintf(stderr,
				        "ddbtui: more items follow; --all reads every page\n");
				done = 1;
			} else {
				token = strdup(next->valuestring);
			}
		} else {
			done = 1;
		}
		cJSON_Delete(reply);
	}
	free(token);
	if (failed && err.kind == DDB_ERR_SERVICE && err.http_status == 400 &&
	    strcmp(err.type, "ValidationException") == 0) {
		/* a syntax error or a parameter count that does not match: the server's words */
		fprintf(stderr, "ddbtui: the statement was refused: %s\n", err.message);
		ddb_buf_done(&lines.out);
		return EXIT_FAIL;
	}
	if (!failed)
		ddb_error_clear(&err);
	return cli_lines_end(app, &lines, "ExecuteStatement", &err);
}
