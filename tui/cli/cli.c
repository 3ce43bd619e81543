/* cli.c - the command line: the global flags, the one table of subcommands, parsing, help,
 * and the helpers the subcommands share (connect, call, fail, describe, wait, confirm). */
#include "tui/cli/cli.h"

#include <errno.h>
#include <stdarg.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>
#include <openssl/crypto.h>

#include "ddb/ops.h"
#include "ddb/tablespec.h"

#ifndef DDBTUI_VERSION
#define DDBTUI_VERSION "0.1.0"
#endif

static struct app the_app;
static int opt_print_man;              /* --print-man */
static const char *opt_complete_words; /* --complete-words WHAT */

const struct cli_opt cli_global_opts[] = {
    {"--endpoint-url", "URL", "DynamoDB endpoint (default: local, http://localhost:8000)",
     &the_app.endpoint_url, NULL},
    {"--prod", NULL, "use the regional AWS endpoint over HTTPS", NULL, &the_app.prod},
    {"--region", "REGION", "AWS region", &the_app.region, NULL},
    {"--profile", "NAME", "profile from ~/.aws/credentials and ~/.aws/config", &the_app.profile,
     NULL},
    {"--table", "TABLE", "table name (default " DEFAULT_TABLE ")", &the_app.table_flag, NULL},
    {"--users", "FILE", "users directory (default ~/.config/ddbtui/users.json)",
     &the_app.users_file, NULL},
    {"--no-proxy", NULL, "ignore HTTPS_PROXY, HTTP_PROXY and NO_PROXY (used as the AWS CLI does)",
     NULL, &the_app.no_proxy},
    {"--read-only", NULL, "refuse every write before it is sent", NULL, &the_app.read_only_flag},
    {"--max-attempts", "N", "attempts per request, retries included (default 3)",
     &the_app.max_attempts, NULL},
    {"--max-concurrency", "N",
     "requests in flight at once (default 32); batch writes grow to it while the endpoint keeps up",
     &the_app.max_concurrency, NULL},
    {"--segments", "N",
     "parallel Scan: N segments at once for scan, export and the UI's scans (default 1); "
     "lines come by segment as pages arrive, interleaved",
     &the_app.segments_opt, NULL},
    {"--max-rows", "N", "rows a scan keeps in the UI (default 100000); it stops loading there",
     &the_app.max_rows_opt, NULL},
    {"--page-size", "N",
     "items a Scan or Query page asks for (scan, export and the UI); default: as many as "
     "DynamoDB gives (1 MB), the UI's first page what fills the screen",
     &the_app.page_size_opt, NULL},
    {"--verbose", NULL, "log every request on stderr (never a secret)", NULL, &the_app.verbose},
    {"--script", "FILE", "run the UI headless, keys and :commands from FILE", &the_app.script,
     NULL},
    {"--size", "WxH", "frame size of the headless UI (default 100x30)", &the_app.size, NULL},
    {"--print-man", NULL, "print the man page (roff) and exit", NULL, &opt_print_man},
    {"--complete-words", "WHAT",
     "print words for shell completion and exit: commands, global, keys, or a command's "
     "options",
     &opt_complete_words, NULL},
    {"--version", NULL, "print versions and exit", NULL, &the_app.version},
    {"--help", NULL, "show help", NULL, &the_app.help},
    {NULL, NULL, NULL, NULL, NULL},
};

const struct cmd cli_cmds[] = {
    {"list-tables", "", "list tables, one name a line", cmd_list_tables, list_tables_opts,
     "Lists every table of the endpoint and region (all pages), one name a line, or a JSON "
     "array with --json."},
    {"describe-table", "[TABLE]", "keys, indexes, capacity, status, size", cmd_describe_table,
     describe_table_opts,
     "Shows the table's keys, global and local secondary indexes with their key schemas and "
     "projections, billing mode and capacity, status, item count and size (DynamoDB's estimates, "
     "marked ~), and stream. With --json, "
     "the Table object as DynamoDB returned it."},
    {"schema-load", "", "create the cruddur-messages table and its index", cmd_schema_load,
     schema_load_opts,
     "Creates the table of the chat model (pk/sk, the GSI message-group-sk-index) and waits "
     "until it is ACTIVE. Fails, changing nothing, if the table exists. No stream unless "
     "--stream NEW_IMAGE (the app's prod shape, which its Lambda reads) or another view."},
    {"drop", "TABLE", "delete a table and wait until it is gone", cmd_drop, drop_opts,
     "Deletes TABLE and waits until it is gone. On a terminal you type the table name to "
     "confirm; without one, --yes is needed. On an endpoint that is not loopback, --yes is not "
     "enough: type the name or pass --confirm TABLE."},
    {"recreate", "", "drop the table (if present) and schema-load it again", cmd_recreate,
     recreate_opts,
     "Drops the table (--table, default " DEFAULT_TABLE ") if it exists, then creates it as "
     "schema-load does, with one confirmation, showing each step."},
    {"partiql", "STATEMENT", "run one PartiQL statement, items as JSON lines", cmd_partiql,
     partiql_opts,
     "Runs STATEMENT (ExecuteStatement): SELECT, INSERT, UPDATE or DELETE. Each ? takes the "
     "next --param VALUE, a DynamoDB JSON value ({\"S\": \"x\"}, {\"N\": \"42\"}), checked "
     "before anything is sent. The items of a SELECT print as JSON lines (plain, or --raw), the "
     "first page unless --all follows every NextToken; --limit N stops after N items, "
     "--consistent reads strongly consistent. A statement DynamoDB refuses (a syntax error, a "
     "parameter count that does not match) is shown with its message, exit 1; an endpoint "
     "without PartiQL (dynalite) says so."},
    {"stream", "[TABLE]", "the table's DynamoDB Stream, one JSON line a record", cmd_stream,
     stream_opts,
     "Reads the stream of TABLE (default --table) shard by shard, a parent before its "
     "children, and prints one JSON line a record: eventName (INSERT, MODIFY, REMOVE), seq, "
     "time (the approximate creation time, UTC), keys, and new / old (the images the stream's "
     "view carries) in plain JSON, or DynamoDB JSON with --raw. Without --follow it reads "
     "what is there and exits; with it, it keeps reading (an empty read waits 1 s, a closed "
     "shard is followed by its children) until Ctrl-C, which ends it cleanly with exit 0. "
     "--from latest reads only what comes from now on; --from TIME prints the records created "
     "at or after TIME (the Streams API has no timestamp iterator: it reads from the oldest "
     "record kept and filters). An expired iterator is renewed after the last record read. "
     "A table without a stream is exit 1 (turn one on with update-table TABLE --stream "
     "NEW_IMAGE); an endpoint without the Streams API (dynalite) says so, exit 1."},
    {"ttl", "TABLE", "show, enable or disable the table's Time to Live", cmd_ttl, ttl_opts,
     "Without an option, prints the table's TTL status and attribute (ENABLED on expires_at, "
     "DISABLED). --enable ATTR makes DynamoDB delete items whose ATTR (a number of epoch "
     "seconds) is past; --disable stops it. An endpoint without UpdateTimeToLive (dynalite) "
     "says so and changes nothing."},
    {"update-table", "TABLE", "change a table's settings: its stream", cmd_update_table,
     update_table_opts,
     "--stream NEW_IMAGE|OLD_IMAGE|NEW_AND_OLD_IMAGES|KEYS_ONLY turns the table's DynamoDB "
     "Stream on with that view, --stream off turns it off; each step waits until the table is "
     "ACTIVE again. A stream with another view is turned off first (DynamoDB keeps one enabled "
     "stream a table). Prints the view the table has at the end."},
    {"tag", "TABLE KEY=VALUE...", "set tags on a table", cmd_tag, NULL,
     "Sets each KEY=VALUE tag on TABLE (TagResource on its ARN), replacing the value of a key "
     "it has. describe-table shows the tags."},
    {"untag", "TABLE KEY...", "remove tags from a table", cmd_untag, NULL,
     "Removes the tags with each KEY from TABLE (UntagResource); a key it does not have is no "
     "error."},
    {"users", "list|add|remove ...", "the users directory (replaces the Postgres users table)",
     cmd_users, users_opts,
     "users list [--json] shows the users directory (handle, display name, email, uuid, "
     "Cognito id); users add HANDLE \"DISPLAY NAME\" EMAIL adds a user with a fresh uuid and "
     "Cognito id MOCK; users remove HANDLE removes one. The file is --users FILE, else "
     "$DDBTUI_USERS, else ~/.config/ddbtui/users.json, created on first use with andrewbrown, "
     "bayko and londo. Writes are atomic; a malformed file is reported with its line and "
     "column and never rewritten."},
    {"update-cognito-ids", "", "set users' Cognito ids from a user pool", cmd_update_cognito_ids,
     update_cognito_ids_opts,
     "Lists every user of the Cognito user pool (all pages) and sets cognito_user_id to the "
     "Cognito sub of each directory user whose handle equals a preferred_username; others are "
     "untouched. Prints one line per change; saves the file atomically only if something "
     "changed. Ctrl-C leaves the file as it was."},
    {"scan", "[TABLE]", "every item, one JSON line each", cmd_scan, scan_opts,
     "Prints every item of TABLE (default --table) as one JSON line, all pages, each page as it "
     "arrives: plain JSON (numbers with every digit, sets as arrays, binary as base64), or "
     "DynamoDB JSON with --raw. An item plain JSON cannot show is named by its key on stderr "
     "and the exit status is 1. Memory stays at a few pages whatever the table's size. "
     "--segments N scans N segments at once (a parallel Scan, N requests in flight up to "
     "--max-concurrency): lines then come by segment as pages arrive, interleaved, not in the "
     "order of a plain scan. With stderr on a terminal, items/s show there while it runs."},
    {"query", "[TABLE]", "query a table or index (scan when no key is given)", cmd_query,
     query_opts,
     "Queries TABLE (default --table) or one of its indexes (--index) by partition key value "
     "(--pk, typed as the key: 42 is a number for an N key, a string for an S key), with an "
     "optional sort key condition (--sk 'OP VALUE [VALUE]', OP = < <= > >= between "
     "begins_with) and filters on any attribute path (--filter 'PATH OP [VALUE [VALUE]]', "
     "repeatable, all must hold; OP = <> < <= > >= between begins_with contains "
     "attribute_exists attribute_not_exists attribute_type, or 'size(PATH) OP N'). Paths are "
     "a.b[2].c; quote a name holding . [ ] or \" as \"first.name\". Filter values are plain "
     "JSON (42 a number, '\"42\"' a string, true, null; other text a string) or typed: "
     "S:text N:42 B:base64 SS:[..] NS:[..] BS:[..]. Every name and value is bound as #nK and "
     ":vK, never written into the expression. Without --pk the table (or index) is scanned, "
     "and ddbtui says so. Items print as JSON lines as pages arrive (plain, or --raw); --count "
     "prints their number; --show-expression prints the expressions on stderr."},
    {"create-table", "NAME", "create a table with keys, GSIs, LSIs and billing", cmd_create_table,
     create_table_opts,
     "Creates table NAME with partition key --pk NAME:TYPE (TYPE S, N or B) and optional sort "
     "key --sk NAME:TYPE, global secondary indexes --gsi "
     "'NAME:PK:TYPE[:SK:TYPE][:ALL|KEYS_ONLY|INCLUDE=a,b]' and local ones --lsi "
     "'NAME:SK:TYPE[:PROJECTION]' (both repeatable), billed PAY_PER_REQUEST (default) or "
     "PROVISIONED (--billing, --rcu N --wcu N for the table and each GSI), then waits until "
     "it is ACTIVE (unless --no-wait). Each key attribute is defined once; one attribute with "
     "two types is an error. --dry-run prints the request instead."},
    {"export", "[TABLE]", "every item as ddb, json or csv lines, streamed", cmd_export, export_opts,
     "Writes every item of TABLE (default --table) to standard output, page by page in "
     "constant memory: --format ddb (default) is DynamoDB's export line {\"Item\": {...}}, "
     "lossless; json is one plain JSON item a line (binary and sets come back as strings and "
     "lists); csv has a header line, then the plain value of each column (maps, lists and "
     "sets as compact JSON), quoted as RFC 4180 says. CSV columns are --columns a,b,c or the "
     "keys and then the attributes of the first page. --segments N scans N segments at once, "
     "lines by segment as pages arrive, interleaved (CSV header first); items/s show on "
     "stderr when it is a terminal."},
    {"import", "TABLE FILE", "write ddb/json lines or an aws scan document into a table",
     cmd_import, import_opts,
     "Writes the items of FILE (- for standard input) into TABLE with BatchWriteItem, 25 a "
     "request: export's ddb or json lines, or the document 'aws dynamodb scan' writes "
     "(--format auto decides from the first line). Lines are read one at a time; each item is "
     "checked (valid values, the table's key attributes present with their types) and each "
     "rejected line is reported by number and skipped. Progress shows on a terminal; the "
     "summary says how many were imported and rejected; the exit status is 1 if any was "
     "rejected."},
    {"seed", "", "write a conversation between two users (no Postgres needed)", cmd_seed, seed_opts,
     "Writes one conversation between two users of the users directory: a message row per "
     "line of the dialogue (the built-in one, or --conversation FILE), one minute apart, and "
     "the two group rows carrying the last message. 25 items a request, several requests in "
     "flight, unprocessed items retried. A rerun for the same group replaces that "
     "conversation, so the table ends with the same items."},
    {"get-conversation", "[GROUP_UUID]", "messages of a conversation, oldest first (pattern A)",
     cmd_get_conversation, get_conversation_opts,
     "Shows the most recent messages of a conversation (default: the seed's), oldest first: "
     "sender, local date and time, message. --all follows every page."},
    {"list-conversations", "[HANDLE]", "a user's conversations, newest first (pattern B)",
     cmd_list_conversations, list_conversations_opts,
     "Shows the conversations in a user's inbox (default andrewbrown), newest first: the "
     "other participant, the time of the last message, the last message."},
    {"send", "MESSAGE", "send a message (patterns C, D and E)", cmd_send, send_opts,
     "Sends MESSAGE as --as HANDLE into a conversation (--group UUID, pattern C) or to a user "
     "(--to HANDLE: into the conversation you already have with them, else a new one, pattern "
     "D), then brings both group rows up to date (pattern E) unless --no-group-refresh. A "
     "blank message or one over 1024 characters is refused and nothing is written."},
    {NULL, NULL, NULL, NULL, NULL, NULL},
};

static void print_opts(const struct cli_opt *opts)
{
	const struct cli_opt *o;
	char left[64];

	for (o = opts; o && o->name; o++) {
		snprintf(left, sizeof(left), "%s%s%s", o->name, o->arg ? " " : "",
		         o->arg ? o->arg : "");
		printf("  %-26s %s\n", left, o->help);
	}
}

/* Prints text indented by indent, broken at spaces before width columns. */
static void print_wrapped(const char *text, int indent, int width)
{
	const char *p = text;

	while (*p) {
		int room = width - indent, n = (int)strlen(p);

		if (n > room) {
			n = room;
			while (n > 0 && p[n] != ' ')
				n--;
			if (n == 0)
				n = (int)strcspn(p, " ");
		}
		printf("%*s%.*s\n", indent, "", n, p);
		p += n;
		while (*p == ' ')
			p++;
	}
}

const char *const cli_creds_chain[][2] = {
    {"environment", "AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN (or "
                    "AWS_SECURITY_TOKEN), AWS_CREDENTIAL_EXPIRATION; skipped with --profile"},
    {"assume-role", "role_arn with source_profile (chains of any depth) or credential_source "
                    "(Environment, Ec2InstanceMetadata, EcsContainer); external_id, "
                    "role_session_name, duration_seconds, mfa_serial (the code is asked on the "
                    "terminal, never echoed)"},
    {"web-identity", "AWS_WEB_IDENTITY_TOKEN_FILE + AWS_ROLE_ARN [+ AWS_ROLE_SESSION_NAME], or "
                     "web_identity_token_file + role_arn in the profile (STS, unsigned)"},
    {"sso", "sso_session ([sso-session NAME]) or sso_start_url + sso_region, with "
            "sso_account_id and sso_role_name; the token of `aws sso login` in "
            "~/.aws/sso/cache"},
    {"credentials file", "aws_access_key_id, aws_secret_access_key, aws_session_token (or "
                         "aws_security_token) of the profile"},
    {"process", "credential_process: run (quoted as a shell would, no shell), Version 1 JSON "
                "on its stdout"},
    {"config file", "the profile's keys in the config file"},
    {"container", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI, or _FULL_URI (https, or http to "
                  "loopback) with AWS_CONTAINER_AUTHORIZATION_TOKEN(_FILE)"},
    {"imds", "EC2 instance metadata, IMDSv2, 1 s timeouts; AWS_EC2_METADATA_DISABLED=true skips "
             "it, and it is not asked for a loopback endpoint unless "
             "AWS_EC2_METADATA_SERVICE_ENDPOINT is set"},
    {"placeholder", "a loopback endpoint when nothing above gave credentials and no profile "
                    "was named"},
    {NULL, NULL},
};

static void print_main_help(void)
{
	size_t i;

	const struct cmd *c;

	printf("ddbtui - a terminal UI and command line for DynamoDB tables\n\n"
	       "Usage: ddbtui [GLOBAL OPTIONS] [COMMAND [ARGS]]\n\n"
	       "Without a command, opens the interactive UI.\n\n"
	       "Commands:\n");
	for (c = cli_cmds; c->name; c++)
		printf("  %-26s %s\n", c->name, c->summary);
	printf("\nGlobal options (before or after the command):\n");
	print_opts(cli_global_opts);
	printf("\nCredentials, the first of these that has them (as botocore):\n");
	for (i = 0; cli_creds_chain[i][0]; i++) {
		printf("  %2zu. %s\n", i + 1, cli_creds_chain[i][0]);
		print_wrapped(cli_creds_chain[i][1], 8, 96);
	}
	printf("STS and the SSO portal: AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL_SSO, the profile's "
	       "services\n  section, AWS_ENDPOINT_URL, the profile's endpoint_url "
	       "(AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true\n  ignores them all).\n");
	printf("Temporary credentials are refreshed in the background (15 min before they expire; "
	       "at 10 min\n  requests wait for it); an ExpiredTokenException is re-signed and sent "
	       "once more.\n");
	printf("\nExit status: 0 ok, 1 service or network error, 2 usage or configuration error.\n"
	       "Environment: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, "
	       "AWS_PROFILE,\n  AWS_DEFAULT_PROFILE, AWS_REGION, AWS_DEFAULT_REGION, "
	       "AWS_ENDPOINT_URL_DYNAMODB, "
	       "AWS_ENDPOINT_URL,\n  AWS_SHARED_CREDENTIALS_FILE, AWS_CONFIG_FILE, AWS_CA_BUNDLE, "
	       "AWS_MAX_ATTEMPTS,\n"
	       "  DDBTUI_TIMEOUT_MS (the limit of one attempt, default 30000; for tests).\n"
	       "Run 'ddbtui COMMAND --help' for a command's options.\n");
}

void cli_print_help(const struct cmd *cmd)
{
	printf("Usage: ddbtui %s%s%s [OPTIONS]\n\n%s\n", cmd->name, cmd->usage[0] ? " " : "",
	       cmd->usage, cmd->help);
	if (cmd->opts && cmd->opts->name) {
		printf("\nOptions:\n");
		print_opts(cmd->opts);
	}
	printf("\nGlobal options:\n");
	print_opts(cli_global_opts);
}

static void print_version(const char *ui_version)
{
	curl_version_info_data *cv = curl_version_info(CURLVERSION_NOW);

	/* the libraries this run uses, which may be newer than the headers it was built with */
	printf("ddbtui %s\n", DDBTUI_VERSION);
	if (ui_version)
		printf("%s\n", ui_version);
	printf("libcurl %s (%s)\n", cv->version, cv->ssl_version ? cv->ssl_version : "no TLS");
	printf("%s\n", OpenSSL_version(OPENSSL_VERSION));
	printf("cJSON %s\n", cJSON_Version());
}

int app_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "ddbtui: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nRun 'ddbtui %s%s--help' for usage.\n", cmd ? cmd : "", cmd ? " " : "");
	return EXIT_USAGE;
}

/* Finds an option by name in a NULL-terminated table. */
static const struct cli_opt *find_opt(const struct cli_opt *opts, const char *name, size_t len)
{
	const struct cli_opt *o;

	for (o = opts; o && o->name; o++)
		if (strlen(o->name) == len && strncmp(o->name, name, len) == 0)
			return o;
	return NULL;
}

/* Takes one option at argv[*i] if it is in opts. Returns 1 if taken, 0 if not ours, -1 on a
 * missing value. */
static int take_opt(const struct cli_opt *opts, int argc, char **argv, int *i, const char *cmd)
{
	const char *a = argv[*i];
	const char *eq = strchr(a, '=');
	size_t len = eq ? (size_t)(eq - a) : strlen(a);
	const struct cli_opt *o = find_opt(opts, a, len);
	const char *v;

	if (!o)
		return 0;
	if (!o->arg) {
		if (eq) {
			app_usage_error(cmd, "option %.*s takes no value", (int)len, a);
			return -1;
		}
		*o->flag = 1;
		return 1;
	}
	if (eq) {
		v = eq + 1;
	} else {
		if (*i + 1 >= argc) {
			app_usage_error(cmd, "option %s needs a value (%s)", o->name, o->arg);
			return -1;
		}
		v = argv[++*i];
	}
	if (!o->flag) {
		*o->value = v;
	} else if (*o->flag < CLI_REPEAT_MAX) { /* repeatable: every value kept */
		o->value[(*o->flag)++] = v;
	} else {
		app_usage_error(cmd, "option %s is given more than %d times", o->name,
		                CLI_REPEAT_MAX);
		return -1;
	}
	return 1;
}

int cli_parse(const struct cmd *cmd, int *argc, char **argv, int *help)
{
	int i, n = 0, rest = 0;

	for (i = 0; i < *argc; i++) {
		const char *a = argv[i];
		int t;

		if (rest || a[0] != '-' || strcmp(a, "-") == 0) {
			argv[n++] = argv[i];
			continue;
		}
		if (strcmp(a, "--") == 0) {
			rest = 1;
			continue;
		}
		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			*help = 1;
			continue;
		}
		t = take_opt(cmd->opts, *argc, argv, &i, cmd->name);
		if (t == 0)
			t = take_opt(cli_global_opts, *argc, argv, &i, cmd->name);
		if (t < 0)
			return -1;
		if (t == 0) {
			app_usage_error(cmd->name, "unknown option '%s' for %s", a, cmd->name);
			return -1;
		}
	}
	*argc = n;
	return 0;
}

static void log_request(const struct ddb_log_entry *e, void *ud)
{
	char cap[32] = "", items[32] = "";

	(void)ud;
	if (e->capacity >= 0)
		snprintf(cap, sizeof(cap), " capacity=%.1f", e->capacity);
	if (e->items >= 0)
		snprintf(items, sizeof(items), ", %ld item%s", e->items, e->items == 1 ? "" : "s");
	fprintf(stderr,
	        "ddbtui: %s%s%s -> %ld in %.1f ms, %d attempt%s, queued %.1f ms%s, %zu/%zu "
	        "bytes%s%s%s\n",
	        e->op, e->table ? " " : "", e->table ? e->table : "", e->status, e->latency_ms,
	        e->attempts, e->attempts == 1 ? "" : "s", e->queued_ms, cap, e->request_bytes,
	        e->response_bytes, items, e->err->kind ? ": " : "",
	        e->err->kind ? e->err->message : "");
}

int cli_parse_long(const char *cmd, const char *flag, const char *s, long min, long max, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || end == s || v < min || v > max)
		return app_usage_error(cmd, "%s must be a number from %ld to %ld, not '%s'", flag,
		                       min, max, s);
	*out = v;
	return EXIT_OK;
}

void cli_page_limit(struct app *app, cJSON *req, long limit)
{
	long page = app->s.page_size;

	if (limit > 0 && (page <= 0 || limit < page))
		page = limit;
	if (page > 0)
		cJSON_AddNumberToObject(req, "Limit", (double)page);
}

int cli_table_arg(struct app *app, const char *cmd, int argc, char **argv)
{
	if (argc > 1)
		return app_usage_error(cmd, "too many arguments for %s", cmd);
	if (argc == 1)
		app->s.table = argv[0];
	return EXIT_OK;
}

int app_connect(struct app *app)
{
	long n;
	struct ddb_config_opts co = {0};
	struct ddb_client_opts qo = {0};
	struct ddb_error err;

	if (app->s.client)
		return EXIT_OK;
	ddb_error_clear(&err);
	if (app->max_attempts) {
		if (cli_parse_long(NULL, "--max-attempts", app->max_attempts, 1, 1000, &n))
			return EXIT_USAGE;
		qo.max_attempts = (int)n;
	}
	if (app->max_concurrency) {
		if (cli_parse_long(NULL, "--max-concurrency", app->max_concurrency, 1, 1000, &n))
			return EXIT_USAGE;
		qo.max_concurrency = (int)n;
	}
	app->s.segments = 1;
	if (app->segments_opt) {
		if (cli_parse_long(NULL, "--segments", app->segments_opt, 1, 1000, &n))
			return EXIT_USAGE;
		app->s.segments = (int)n;
	}
	app->s.max_rows = 100000;
	if (app->max_rows_opt &&
	    cli_parse_long(NULL, "--max-rows", app->max_rows_opt, 1, 100000000, &app->s.max_rows))
		return EXIT_USAGE;
	app->s.page_size = 0;
	if (app->page_size_opt &&
	    cli_parse_long(NULL, "--page-size", app->page_size_opt, 1, 1000000, &app->s.page_size))
		return EXIT_USAGE;
	co.profile = app->profile;
	co.region = app->region;
	co.endpoint_url = app->endpoint_url;
	co.prod = app->prod;
	co.no_proxy_env = app->no_proxy;
	app->s.cfg_opts = co;
	if (ddb_config_load(&app->s.cfg, &co, &err) != 0) {
		fprintf(stderr, "ddbtui: %s\n", err.message);
		/* a credential service (STS, SSO, metadata) that failed is a service error */
		return err.kind == DDB_ERR_SERVICE || err.kind == DDB_ERR_NETWORK ||
		               err.kind == DDB_ERR_TIMEOUT || err.kind == DDB_ERR_PARSE
		           ? EXIT_FAIL
		           : EXIT_USAGE;
	}
	app->s.cfg_loaded = 1;
	if (app->s.cfg.placeholder_creds && !app->interactive)
		fprintf(stderr,
		        "ddbtui: note: no AWS credentials configured; using placeholder "
		        "credentials for the local endpoint %s\n",
		        app->s.cfg.endpoint);
	qo.read_only = app->read_only_flag;
	if (getenv("DDBTUI_TIMEOUT_MS") && *getenv("DDBTUI_TIMEOUT_MS")) {
		const char *s = getenv("DDBTUI_TIMEOUT_MS");
		char *end;

		errno = 0;
		qo.timeout_ms = strtol(s, &end, 10);
		if (errno || *end || qo.timeout_ms < 1 || qo.timeout_ms > 600000)
			return app_usage_error(NULL,
			                       "DDBTUI_TIMEOUT_MS must be a number of "
			                       "milliseconds from 1 to 600000, not '%s'",
			                       s);
	}
	app->s.client = ddb_client_new(&app->s.cfg, &qo, &err);
	if (!app->s.client) {
		fprintf(stderr, "ddbtui: %s\n", err.message);
		return EXIT_FAIL;
	}
	if (app->s.cfg.creds_expiry)
		ddb_client_set_refresher(app->s.client, ddb_config_refresher, &app->s.cfg_opts);
	if (app->verbose && !app->interactive) {
		ddb_client_set_log(app->s.client, log_request, NULL);
		char until[40] = "";

		if (app->s.cfg.creds_expiry) {
			time_t t = (time_t)app->s.cfg.creds_expiry;
			struct tm tm;

			gmtime_r(&t, &tm);
			strftime(until, sizeof(until), " (expire %Y-%m-%dT%H:%M:%SZ)", &tm);
		}
		fprintf(stderr, "ddbtui: endpoint %s (%s), region %s, credentials from %s%s%s\n",
		        app->s.cfg.endpoint, app->s.cfg.endpoint_source, app->s.cfg.region,
		        app->s.cfg.creds_source, until, app->read_only_flag ? ", read-only" : "");
	}
	return EXIT_OK;
}

struct call_state {
	cJSON *json;
	struct ddb_error err;
};

static void call_done(struct ddb_client *c, struct ddb_reply *reply, void *ud)
{
	struct call_state *st = ud;

	(void)c;
	st->err = reply->err;
	if (reply->err.kind == DDB_ERR_NONE) {
		st->json = reply->json;
		reply->json = NULL;
	}
}

static volatile sig_atomic_t got_signal;
static struct ddb_client *signal_client;
static struct sigaction old_int, old_term;

static void on_signal(int sig)
{
	got_signal = sig;
	if (signal_client)
		ddb_client_wakeup(signal_client);
}

void cli_catch_signals(struct ddb_client *c)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	got_signal = 0;
	signal_client = c;
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGTERM, &sa, &old_term);
}

int cli_signalled(void)
{
	return got_signal;
}

void cli_release_signals(void)
{
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	signal_client = NULL;
}

cJSON *app_call_to(struct app *app, int svc, const char *op, cJSON *body, struct ddb_error *err)
{
	struct call_state st;

	memset(&st, 0, sizeof(st));
	ddb_submit_to(app->s.client, svc, op, body, call_done, &st, NULL);
	ddb_client_run(app->s.client);
	*err = st.err;
	return st.json;
}

cJSON *app_call(struct app *app, const char *op, cJSON *body, struct ddb_error *err)
{
	struct call_state st;

	memset(&st, 0, sizeof(st));
	ddb_submit(app->s.client, op, body, call_done, &st, NULL);
	ddb_client_run(app->s.client);
	*err = st.err;
	if (!st.json && err->kind == DDB_ERR_SERVICE &&
	    strcmp(err->type, "UnknownOperationException") == 0)
		snprintf(err->message, sizeof(err->message),
		         "this endpoint (%s) does not support %s", app->s.cfg.endpoint, op);
	return st.json;
}

int app_fail(struct app *app, const struct ddb_error *err)
{
	const char *table = app->s.table ? app->s.table : DEFAULT_TABLE;

	if (err->kind == DDB_ERR_SERVICE) {
		if (strcmp(err->type, "ResourceNotFoundException") == 0) {
			fprintf(stderr,
			        "ddbtui: table %s not found at %s (region %s); create it with "
			        "'ddbtui schema-load'\n",
			        table, app->s.cfg.endpoint, app->s.cfg.region);
			return EXIT_FAIL;
		}
		if (strcmp(err->type, "UnknownOperationException") == 0) {
			fprintf(stderr, "ddbtui: %s\n", err->message);
			return EXIT_FAIL;
		}
		fprintf(stderr, "ddbtui: %s (HTTP %ld): %s\n", err->type, err->http_status,
		        err->message);
		return EXIT_FAIL;
	}
	if (err->kind == DDB_ERR_USAGE || err->kind == DDB_ERR_CONFIG) {
		fprintf(stderr, "ddbtui: %s\n", err->message);
		return EXIT_USAGE;
	}
	fprintf(stderr, "ddbtui: error: %s\n", err->message);
	return EXIT_FAIL;
}

int app_describe(struct app *app, const char *table, struct ddb_table_spec *spec)
{
	struct ddb_error err;
	cJSON *body = cJSON_CreateObject(), *reply;
	int rc = EXIT_OK;

	cJSON_AddStringToObject(body, "TableName", table);
	reply = app_call(app, "DescribeTable", body, &err);
	if (!reply)
		return app_fail(app, &err);
	if (ddb_table_spec_from_describe(spec, reply, &err) != 0)
		rc = app_fail(app, &err);
	cJSON_Delete(reply);
	return rc;
}

struct wait_result {
	const char *table;
	struct ddb_error err;
};

static void wait_step(struct ddb_client *c, const char *status, void *ud)
{
	struct wait_result *w = ud;

	(void)c;
	fprintf(stderr, "  %s: %s\n", w->table, status);
}

static void wait_done(struct ddb_client *c, const struct ddb_error *err, void *ud)
{
	struct wait_result *w = ud;

	(void)c;
	w->err = *err;
}

int app_wait_table(struct app *app, const char *table, enum ddb_wait_for what)
{
	struct wait_result w;

	memset(&w, 0, sizeof(w));
	w.table = table;
	ddb_wait_table(app->s.client, table, what, 0, wait_step, wait_done, &w, NULL);
	ddb_client_run(app->s.client);
	if (w.err.kind != DDB_ERR_NONE)
		return app_fail(app, &w.err);
	return EXIT_OK;
}

int app_confirm_table(struct app *app, const char *cmd, const char *table, int yes,
                      const char *confirm, const char *what)
{
	char line[512];
	size_t n;

	if (confirm) {
		if (strcmp(confirm, table) != 0)
			return app_usage_error(cmd, "--confirm %s does not match the table %s",
			                       confirm, table);
		return EXIT_OK;
	}
	if (yes && app->s.cfg.loopback)
		return EXIT_OK;
	if (!isatty(STDIN_FILENO)) {
		if (yes)
			return app_usage_error(
			    cmd,
			    "%s is not a loopback endpoint: --yes is not enough to "
			    "%s; pass --confirm %s",
			    app->s.cfg.endpoint, what, table);
		return app_usage_error(cmd,
		                       "%s %s needs confirmation: run it on a terminal, or pass "
		                       "--yes (local endpoints) or --confirm %s",
		                       cmd, table, table);
	}
	fprintf(stderr, "This will %s on %s (region %s).\nType the table name to confirm: ", what,
	        app->s.cfg.endpoint, app->s.cfg.region);
	fflush(stderr);
	if (!fgets(line, sizeof(line), stdin)) {
		fprintf(stderr, "\nddbtui: not confirmed; nothing changed\n");
		return EXIT_FAIL;
	}
	n = strlen(line);
	while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = '\0';
	if (strcmp(line, table) != 0) {
		fprintf(stderr, "ddbtui: '%s' is not '%s'; nothing changed\n", line, table);
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

int cli_start(int argc, char **argv, const char *ui_version, struct cli_run *run)
{
	struct app *app = &the_app;
	const struct cmd *cmd = NULL;
	char **rest;
	int nrest = 0, i, rc, help = 0;

	memset(run, 0, sizeof(*run));
	run->app = app;
	/* Global options before the command; the command's own argv keeps the rest (globals may
	 * come after the command too, cli_parse takes them). */
	rest = calloc((size_t)argc + 1, sizeof(*rest));
	if (!rest)
		return EXIT_FAIL;
	run->argv = rest;
	for (i = 1; i < argc; i++) {
		if (!cmd && argv[i][0] == '-' && strcmp(argv[i], "--") != 0) {
			int t;

			if (strcmp(argv[i], "-h") == 0) {
				app->help = 1;
				continue;
			}
			t = take_opt(cli_global_opts, argc, argv, &i, NULL);
			if (t < 0)
				return EXIT_USAGE;
			if (t == 0)
				return app_usage_error(NULL, "unknown option '%s'", argv[i]);
			continue;
		}
		if (!cmd) {
			const struct cmd *c;

			for (c = cli_cmds; c->name; c++)
				if (strcmp(c->name, argv[i]) == 0)
					cmd = c;
			if (!cmd)
				return app_usage_error(NULL, "unknown command '%s'", argv[i]);
			continue;
		}
		rest[nrest++] = argv[i];
	}
	if (opt_print_man || opt_complete_words) {
		if (opt_complete_words)
			return manpage_complete_words(stdout, opt_complete_words);
		return manpage_print(stdout) == 0 ? EXIT_OK : EXIT_FAIL;
	}
	if (!cmd && (app->version || app->help)) {
		if (app->version)
			print_version(ui_version);
		else
			print_main_help();
		return EXIT_OK;
	}
	if (cmd) {
		if (cli_parse(cmd, &nrest, rest, &help) != 0)
			return EXIT_USAGE;
		if (help || app->help) {
			cli_print_help(cmd);
			return EXIT_OK;
		}
		if (app->version) {
			print_version(ui_version);
			return EXIT_OK;
		}
		if (opt_print_man || opt_complete_words)
			return app_usage_error(cmd->name, "--print-man and --complete-words come "
			                                  "before the command");
	}
	app->s.table = app->table_flag ? app->table_flag : DEFAULT_TABLE;
	app->s.users_file = app->users_file;
	run->cmd = cmd;
	run->argc = nrest;
	if (!cmd) {
		run->ui_w = 100;
		run->ui_h = 30;
		/* without a command every argument was a global option */
		if (app->size &&
		    (sscanf(app->size, "%dx%d", &run->ui_w, &run->ui_h) != 2 || run->ui_w < 1 ||
		     run->ui_h < 1 || run->ui_w > 1000 || run->ui_h > 1000))
			return app_usage_error(NULL, "--size must be WxH, like 100x30");
		app->interactive = 1;
		run->script = app->script;
		rc = app_connect(app);
		return rc == EXIT_OK ? CLI_GO : rc;
	}
	return CLI_GO;
}

void cli_end(struct cli_run *run)
{
	if (run->app)
		ddb_session_done(&run->app->s);
	free(run->argv);
	run->argv = NULL;
}
