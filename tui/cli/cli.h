/* cli.h - the command line: global flags, the one table of subcommands, their parsing, help,
 * man page and completion words, and what the subcommands share (one file per command family,
 * cmd_*.c). It includes ddb/ and keymaps/ only: never curses, never a view. main() (tui/main.c)
 * calls cli_start, then runs the subcommand or the UI with the session it filled. */
#ifndef TUI_CLI_CLI_H
#define TUI_CLI_CLI_H

#include <stdio.h>

#include <cjson/cJSON.h>

#include "ddb/buf.h"
#include "ddb/config.h"
#include "ddb/error.h"
#include "ddb/ops.h"
#include "ddb/queue.h"
#include "ddb/session.h"

#define DEFAULT_TABLE "cruddur-messages"

struct ddb_table_spec;

/* An option of the command line: "--name" with or without a value. */
struct cli_opt {
	const char *name;
	const char *arg; /* NULL for a switch; else the value's name in help ("TABLE") */
	const char *help;
	const char **value; /* for options with a value */
	int *flag;          /* for switches; with a value: repeatable, value is an array of
	                     * CLI_REPEAT_MAX and *flag counts the values given */
};
#define CLI_REPEAT_MAX 32

/* The global flags, and the session made from them (app_connect). */
struct app {
	const char *endpoint_url;
	const char *region;
	const char *profile;
	const char *table_flag;
	const char *max_attempts;
	const char *max_concurrency;
	const char *segments_opt;  /* --segments N */
	const char *max_rows_opt;  /* --max-rows N */
	const char *page_size_opt; /* --page-size N */
	const char *users_file;
	int prod;
	int read_only_flag; /* --read-only, given to the client: ask ddb_client_read_only */
	int verbose;
	int no_proxy; /* --no-proxy */
	int help;
	int version;
	const char *script; /* --script FILE: the headless UI */
	const char *size;   /* --size WxH for the headless UI */
	int interactive;    /* the UI runs: no notes on stderr */

	struct ddb_session s; /* config, client, table, segments, row cap */
};

struct cmd {
	const char *name;
	const char *usage; /* arguments after the name, "[TABLE]" */
	const char *summary;
	int (*run)(struct app *app, int argc, char **argv);
	const struct cli_opt *opts; /* the subcommand's own options, NULL-terminated, or NULL */
	const char *help;           /* a paragraph for --help */
};

extern const struct cli_opt cli_global_opts[];
/* The credential chain in order, {step, what it reads}, NULL-terminated: --help and the man
 * page's CREDENTIALS section are printed from it (ddb/creds.c is the code). */
extern const char *const cli_creds_chain[][2];
extern const struct cmd cli_cmds[];

/* What the command line asks this run to do (cli_start). */
struct cli_run {
	struct app *app;
	const struct cmd *cmd; /* the subcommand, or NULL for the UI */
	int argc;              /* the subcommand's arguments (its options taken out) */
	char **argv;
	const char *script; /* the UI: --script FILE (headless), or NULL */
	int ui_w, ui_h;     /* the UI: the headless frame (--size) */
};
#define CLI_GO (-1)
/* Parses argv: the global flags, the subcommand and its options. Answers --help, --version
 * (ui_version: a line naming the UI's library, or NULL), --print-man and --complete-words
 * itself. Returns CLI_GO when run says what to do next (for the UI, the session is connected
 * already), else the exit code (errors printed). Call cli_end either way. */
int cli_start(int argc, char **argv, const char *ui_version, struct cli_run *run);
/* Frees what cli_start made, the session's client and configuration included. */
void cli_end(struct cli_run *run);

/* Parses the subcommand's own options out of argv (globals were taken already); positional
 * arguments are left in argv[0..*argc). Prints the error and returns -1 on an unknown option. */
int cli_parse(const struct cmd *cmd, int *argc, char **argv, int *help);
void cli_print_help(const struct cmd *cmd);
/* The man page ddbtui(1) in roff, from these tables and the default keys (manpage.c). Returns
 * 0, or -1 on a write error. */
int manpage_print(FILE *out);
/* Prints completion words, one a line with tab-separated details: "commands" (name, usage,
 * summary), "global" or a command's name (its options: name, value name, help), "keys" (the
 * default bindings: context, key, action). Returns the exit code. */
int manpage_complete_words(FILE *out, const char *what);

/* Loads the configuration and creates the client (once). Prints the error, returns exit code
 * (EXIT_OK on success). */
int app_connect(struct app *app);
/* Runs one request to completion. Returns the reply JSON (caller frees) or NULL with err. */
cJSON *app_call(struct app *app, const char *op, cJSON *body, struct ddb_error *err);
/* The same on another service of the client (ddb_client_add_service's index). */
cJSON *app_call_to(struct app *app, int svc, const char *op, cJSON *body, struct ddb_error *err);
/* Prints "ddbtui: error: ..." for err (with a hint for well-known cases), returns exit code. */
int app_fail(struct app *app, const struct ddb_error *err);
/* DescribeTable -> spec. EXIT_OK or the error's exit code (printed). */
int app_describe(struct app *app, const char *table, struct ddb_table_spec *spec);
/* Waits until the table is ACTIVE or GONE, printing each status on stderr. EXIT_OK or the
 * error's exit code (printed). */
int app_wait_table(struct app *app, const char *table, enum ddb_wait_for what);
/* Parses a whole number of a flag within [min, max]; a usage error (printed, EXIT_USAGE) for
 * anything else: "--limit must be a number from 1 to 1000, not 'x'". */
int cli_parse_long(const char *cmd, const char *flag, const char *s, long min, long max, long *out);
/* The Limit of a Scan request: --page-size, or --limit (limit, 0: none) when smaller; none
 * when neither (DynamoDB's 1 MB pages). The pager lowers it to what --limit still needs. */
void cli_page_limit(struct app *app, cJSON *req, long limit);
/* The one optional TABLE argument of a subcommand (scan, query, export, describe-table): sets
 * app->table from it. A usage error (printed, EXIT_USAGE) for more than one. */
int cli_table_arg(struct app *app, const char *cmd, int argc, char **argv);
/* Ctrl-C (SIGINT) and SIGTERM caught while a subcommand drives the queue itself: the handler
 * records the signal and wakes c's poll (ddb_client_wakeup), so the loop can cancel and end
 * cleanly. cli_signalled is the signal caught since cli_catch_signals (0: none);
 * cli_release_signals puts the previous handlers back. */
void cli_catch_signals(struct ddb_client *c);
int cli_signalled(void);
void cli_release_signals(void);
/* Prints a usage error, returns EXIT_USAGE. */
int app_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Asks for a destructive action on a table to be confirmed as the rules say: --confirm NAME,
 * --yes (loopback only), or the name typed on a terminal. Returns EXIT_OK to go on. */
int app_confirm_table(struct app *app, const char *cmd, const char *table, int yes,
                      const char *confirm, const char *what);

/* Table subcommands (cmd_table.c). */
int cmd_list_tables(struct app *app, int argc, char **argv);
int cmd_describe_table(struct app *app, int argc, char **argv);
int cmd_schema_load(struct app *app, int argc, char **argv);
int cmd_drop(struct app *app, int argc, char **argv);
int cmd_recreate(struct app *app, int argc, char **argv);

/* Table settings: TTL and tags (cmd_settings.c). */
int cmd_ttl(struct app *app, int argc, char **argv);
int cmd_tag(struct app *app, int argc, char **argv);
int cmd_untag(struct app *app, int argc, char **argv);
extern const struct cli_opt ttl_opts[];
int cmd_update_table(struct app *app, int argc, char **argv);
extern const struct cli_opt update_table_opts[];
/* describe-table's lines after the table's own: TTL (attribute and status) and tags, each read
 * from the server; "unknown (why)" where the endpoint cannot say. */
typedef void describe_line_fn(const char *label, const char *value);
void cli_describe_settings(struct app *app, const cJSON *table, describe_line_fn *line);

/* DynamoDB Streams: a table's stream as JSON lines (cmd_stream.c). */
int cmd_stream(struct app *app, int argc, char **argv);
extern const struct cli_opt stream_opts[];

/* PartiQL (cmd_partiql.c). */
int cmd_partiql(struct app *app, int argc, char **argv);
extern const struct cli_opt partiql_opts[];

/* Users directory and Cognito (cmd_users.c). */
int cmd_users(struct app *app, int argc, char **argv);
int cmd_update_cognito_ids(struct app *app, int argc, char **argv);
extern const struct cli_opt users_opts[];
extern const struct cli_opt update_cognito_ids_opts[];

/* Items/s of a scan or export on stderr, when stderr is a terminal and stdout is not (cmd_scan.c).
 * At most five updates a second; cli_rate_end clears the line. */
struct cli_rate {
	int on;
	const char *what;
	double t0, last;
	long items;
};
void cli_rate_start(struct cli_rate *r, const char *what);
void cli_rate_add(struct cli_rate *r, long n);
void cli_rate_end(struct cli_rate *r);
/* Tunes malloc for streaming pages through (scan, export): see cmd_scan.c. */
void cli_stream_malloc(void);

/* Pages of items printed as JSON lines (scan, query; cmd_scan.c): each item as plain JSON, or as
 * DynamoDB JSON with raw, on a line of its own; a page's lines written to stdout at once. */
typedef void cli_unshowable_fn(void *ud, const cJSON *item, const struct ddb_error *why);
struct cli_lines {
	int raw;
	long limit; /* 0: every item */
	long seen;  /* items handled (printed or failed) */
	long printed;
	long failed;     /* items the plain form could not express */
	int write_errno; /* set when stdout failed: the pages stop */
	struct ddb_buf out;
	cli_unshowable_fn *unshowable; /* told of each failed item (may be NULL), with ud */
	void *ud;
};
/* Prints the items of a page, up to the limit. 1 when no more pages are wanted: the limit is
 * reached or stdout failed. */
int cli_lines_page(struct cli_lines *l, const cJSON *items);
/* After the pages: a write error or err (what stopped: "scan", "Query") on stderr. EXIT_OK or
 * the exit code. Frees the buffer. */
int cli_lines_end(struct app *app, struct cli_lines *l, const char *what,
                  const struct ddb_error *err);

/* Items (cmd_scan.c). */
int cmd_scan(struct app *app, int argc, char **argv);
extern const struct cli_opt scan_opts[];

/* Query builder, create-table, export and import (cmd_query.c, cmd_create.c, cmd_io.c). */
int cmd_query(struct app *app, int argc, char **argv);
int cmd_create_table(struct app *app, int argc, char **argv);
int cmd_export(struct app *app, int argc, char **argv);
int cmd_import(struct app *app, int argc, char **argv);
extern const struct cli_opt query_opts[];
extern const struct cli_opt create_table_opts[];
extern const struct cli_opt export_opts[];
extern const struct cli_opt import_opts[];

/* The conversation model (cmd_model.c). */
int cmd_seed(struct app *app, int argc, char **argv);
int cmd_get_conversation(struct app *app, int argc, char **argv);
int cmd_list_conversations(struct app *app, int argc, char **argv);
int cmd_send(struct app *app, int argc, char **argv);
extern const struct cli_opt seed_opts[];
extern const struct cli_opt get_conversation_opts[];
extern const struct cli_opt list_conversations_opts[];
extern const struct cli_opt send_opts[];

extern const struct cli_opt list_tables_opts[];
extern const struct cli_opt describe_table_opts[];
extern const struct cli_opt schema_load_opts[];
extern const struct cli_opt drop_opts[];
extern const struct cli_opt recreate_opts[];

#endif
