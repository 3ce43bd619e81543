/* manpage.c - the man page ddbtui(1) and the words of shell completion, generated from the
 * tables --help prints (cli_global_opts, cli_cmds) and the bindings the help overlay lists (the
 * compiled-in default keys), so the page and the program cannot disagree. */
#include "tui/cli/cli.h"

#include <stdio.h>
#include <string.h>

#include "keymaps/keymap.h"

/* ---- roff ---- */

/* Writes text for a roff text line (or a tbl cell): backslashes as \e, hyphen-minus as \- (so
 * flags render as typed and never break), non-ASCII as \[uXXXX], and \& before a leading '.' or
 * '\'' (which would make the line a request). */
static void roff_text(FILE *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	int line_start = 1;

	while (*p) {
		unsigned cp = *p;
		int extra = 0;

		if (line_start && (cp == '.' || cp == '\''))
			fputs("\\&", out);
		line_start = 0;
		if (cp < 0x80) {
			if (cp == '\\')
				fputs("\\e", out);
			else if (cp == '-')
				fputs("\\-", out);
			else
				fputc((int)cp, out);
			if (cp == '\n')
				line_start = 1;
			p++;
			continue;
		}
		/* UTF-8: a lead byte and its continuation bytes; a broken sequence prints U+FFFD.
		 */
		if ((cp & 0xE0) == 0xC0) {
			cp &= 0x1F;
			extra = 1;
		} else if ((cp & 0xF0) == 0xE0) {
			cp &= 0x0F;
			extra = 2;
		} else if ((cp & 0xF8) == 0xF0) {
			cp &= 0x07;
			extra = 3;
		} else {
			cp = 0xFFFD;
		}
		p++;
		while (extra > 0 && (*p & 0xC0) == 0x80) {
			cp = (cp << 6) | (*p & 0x3F);
			p++;
			extra--;
		}
		if (extra > 0)
			cp = 0xFFFD;
		fprintf(out, "\\[u%04X]", cp);
	}
}

/* \fBtext\fR (bold), escaped. */
static void roff_bold(FILE *out, const char *s)
{
	fputs("\\fB", out);
	roff_text(out, s);
	fputs("\\fR", out);
}

static void roff_italic(FILE *out, const char *s)
{
	fputs("\\fI", out);
	roff_text(out, s);
	fputs("\\fR", out);
}

/* A paragraph of plain text on its own line. */
static void roff_line(FILE *out, const char *s)
{
	roff_text(out, s);
	fputc('\n', out);
}

/* One .TP entry an option: the flag in bold, its value's name in italics, then the help. */
static void print_opt_list(FILE *out, const struct cli_opt *opts)
{
	const struct cli_opt *o;

	for (o = opts; o && o->name; o++) {
		fputs(".TP\n", out);
		roff_bold(out, o->name);
		if (o->arg) {
			fputc(' ', out);
			roff_italic(out, o->arg);
		}
		fputc('\n', out);
		roff_line(out, o->help);
	}
}

/* ---- the key bindings, as the help overlay lists them ---- */

struct key_visit {
	FILE *out;
	const struct keymap *km;
	int seen[ACT__COUNT];
};

/* One table row an action: all its keys, the action's name (for the key file), its help. */
static void print_binding(enum keymap_ctx ctx, int key, enum keymap_action a, void *ud)
{
	struct key_visit *kv = ud;
	char keys[256];

	(void)key;
	if ((unsigned)a >= ACT__COUNT || kv->seen[a])
		return;
	kv->seen[a] = 1;
	keymap_keys_for(kv->km, ctx, a, keys, sizeof(keys));
	/* \& keeps a cell like "_" or "=" from being read as a rule by tbl */
	fputs("\\&", kv->out);
	roff_bold(kv->out, keys);
	fputs("\t\\&", kv->out);
	roff_text(kv->out, keymap_action_name(a));
	fputs("\tT{\n", kv->out);
	roff_line(kv->out, keymap_action_help(a));
	fputs("T}\n", kv->out);
}

static void count_binding(enum keymap_ctx ctx, int key, enum keymap_action a, void *ud)
{
	(void)ctx;
	(void)key;
	(void)a;
	++*(int *)ud;
}

static int print_keys(FILE *out)
{
	struct keymap *km = keymap_new();
	char err[512];
	int c;

	if (!km)
		return -1;
	if (keymap_load_defaults(km, err, sizeof(err)) != 0) {
		fprintf(stderr, "ddbtui: built-in keys: %s\n", err);
		keymap_free(km);
		return -1;
	}
	fputs(
	    ".SH \"KEY BINDINGS\"\n"
	    "Without a command,\n.B ddbtui\n"
	    "opens the interactive UI: a tables pane on the left, the open views on the right, a "
	    "status line at the bottom.\n"
	    "These are the default bindings; press \\fB?\\fR in the UI for the bindings in "
	    "effect.\n"
	    "A view first looks a key up in its own context, then in \\fBgeneric\\fR.\n"
	    ".PP\n"
	    "Rebind keys in \\fI~/.config/ddbtui/keys\\fR, read after the defaults, one statement "
	    "a line (\\fB#\\fR starts a comment):\n"
	    ".PP\n.RS\n.nf\n"
	    "\\fBbind\\fR \\fICONTEXT KEY ACTION\\fR\n"
	    "\\fBunbind\\fR \\fICONTEXT KEY\\fR\n"
	    "\\fBbind\\fR \\fICONTEXT KEY\\fR \\fBnone\\fR\n"
	    ".fi\n.RE\n"
	    ".PP\n"
	    "A later \\fBbind\\fR of the same context and key replaces the earlier one; "
	    "\\fBunbind\\fR removes a context's own binding, so the generic one shows through "
	    "again; the action \\fBnone\\fR hides a generic binding in one context.\n"
	    "Keys are a character (\\fBq\\fR, \\fB?\\fR, \\fB\\[u00E9]\\fR) or a name: "
	    "\\fBEnter Esc Tab S\\-Tab Backspace Space Up Down Left Right PgUp PgDn Home End "
	    "Insert Delete F1\\fR..\\fBF12\\fR, \\fBC\\-a\\fR..\\fBC\\-z\\fR for Ctrl with a "
	    "letter, \\fBU+XXXX\\fR for any code point.\n"
	    "The contexts are\n",
	    out);
	for (c = 0; c < CTX__COUNT; c++) {
		fputs(c == 0 ? "" : c == CTX__COUNT - 1 ? " and\n" : ",\n", out);
		roff_bold(out, keymap_ctx_name((enum keymap_ctx)c));
	}
	fputs(".\n", out);
	for (c = 0; c < CTX__COUNT; c++) {
		struct key_visit kv;
		int n = 0;

		fputs(".SS\n", out);
		roff_text(out, keymap_ctx_name((enum keymap_ctx)c));
		fputs(c == CTX_GENERIC ? " (everywhere, unless a view binds the key)\n" : "\n",
		      out);
		keymap_each(km, (enum keymap_ctx)c, count_binding, &n);
		if (n == 0) {
			fputs("No bindings of its own: the generic ones apply.\n", out);
			continue;
		}
		memset(&kv, 0, sizeof(kv));
		kv.out = out;
		kv.km = km;
		fputs(".TS\nl l lx.\n", out);
		keymap_each(km, (enum keymap_ctx)c, print_binding, &kv);
		fputs(".TE\n", out);
	}
	keymap_free(km);
	return 0;
}

/* The UI's :commands, from their table (keymaps/keymap.h), the names of one action together. */
static void print_ui_commands(FILE *out)
{
	const struct keymap_command *c, *d, *end;

	fputs(".SS \"Commands of the UI\"\n"
	      "Press \\fB:\\fR, type a command, then \\fBEnter\\fR. "
	      "A command does what a key bound to its action does, with an "
	      "argument; an action whose argument is required asks for it when run from a "
	      "key.\n",
	      out);
	for (c = keymap_commands; c->name; c = end) {
		end = keymap_command_group_end(c);
		fputs(".TP\n", out);
		for (d = c; d < end; d++) {
			if (d != c)
				fputs(", ", out);
			fputs("\\fB:", out);
			roff_text(out, d->name);
			fputs("\\fR", out);
		}
		if (c->args[0]) {
			fputs(" \\fI", out);
			roff_text(out, c->args);
			fputs("\\fR", out);
		}
		fputs("\n", out);
		roff_text(out, c->help);
		fputs(". Action: \\fB", out);
		roff_text(out, keymap_action_name(c->action));
		fputs("\\fR.\n", out);
	}
}

/* ---- the page ---- */

static void print_commands(FILE *out)
{
	const struct cmd *c;

	fputs(".SH COMMANDS\n"
	      "Every command takes\n.B \\-\\-help\n(or\n.BR \\-h )\n"
	      "and the global options, before or after it.\n"
	      "Data goes to standard output, messages to standard error.\n",
	      out);
	for (c = cli_cmds; c->name; c++) {
		fputs(".SS\n", out);
		roff_line(out, c->name);
		fputs(".PP\n", out);
		roff_bold(out, "ddbtui ");
		roff_bold(out, c->name);
		if (c->usage && c->usage[0]) {
			fputc(' ', out);
			roff_italic(out, c->usage);
		}
		if (c->opts && c->opts->name)
			fputs(" [\\fIOPTIONS\\fR]", out);
		fputs("\n.PP\n", out);
		roff_line(out, c->help ? c->help : c->summary);
		print_opt_list(out, c->opts);
	}
}

static const char *const environment[][2] = {
    {"AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN",
     "Credentials, unless --profile is given (see CREDENTIALS for the whole chain)."},
    {"AWS_DEFAULT_PROFILE, AWS_PROFILE",
     "The profile when --profile is not given, in this order (default: default)."},
    {"AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL_SSO",
     "The endpoints of STS and the SSO portal, before AWS_ENDPOINT_URL and the profile's "
     "endpoint_url; AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true ignores all of these."},
    {"AWS_REGION, AWS_DEFAULT_REGION",
     "The region when --region is not given, in this order, before the profile's region."},
    {"AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL",
     "The endpoint when neither --endpoint-url nor --prod is given, in this order; the "
     "default is http://localhost:8000."},
    {"AWS_SHARED_CREDENTIALS_FILE, AWS_CONFIG_FILE",
     "The shared credentials and config files (default ~/.aws/credentials and ~/.aws/config)."},
    {"AWS_CA_BUNDLE", "A file of CA certificates to verify TLS with (a private CA)."},
    {"AWS_MAX_ATTEMPTS", "Attempts per request when --max-attempts is not given (default 3)."},
    {"AWS_RETRY_MODE",
     "standard (the default), legacy (10 attempts unless max_attempts says otherwise) or "
     "adaptive (retried as standard); also retry_mode in the profile. The standard and "
     "adaptive modes share a retry quota (500 tokens, 5 a retry, 10 after a timeout or "
     "connection error, given back on success): once spent, a request fails with its last "
     "error and \"retry quota exhausted\"."},
    {"HTTPS_PROXY, HTTP_PROXY, NO_PROXY",
     "The proxy for the endpoint's scheme and the hosts that bypass it, lower-case names first, "
     "as the AWS CLI reads them; --no-proxy ignores them."},
    {"AWS_COGNITO_USER_POOL_ID", "The user pool of update-cognito-ids (--user-pool-id)."},
    {"AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER",
     "The Cognito endpoint of update-cognito-ids (--cognito-endpoint)."},
    {"DDBTUI_USERS", "The users directory when --users is not given."},
    {"DDBTUI_TIMEOUT_MS",
     "The time limit of one attempt of a request, in milliseconds (default 30000); for tests."},
    {"XDG_CONFIG_HOME", "Where the key file and the users directory are (default ~/.config): "
                        "$XDG_CONFIG_HOME/ddbtui/keys and $XDG_CONFIG_HOME/ddbtui/users.json."},
    {"XDG_STATE_HOME", "Where the undo journal is kept (default ~/.local/state): "
                       "$XDG_STATE_HOME/ddbtui/journal.jsonl."},
    {"VISUAL, EDITOR",
     "The editor that opens an item as JSON from the UI: $VISUAL, else $EDITOR, else vi."},
    {"NO_COLOR", "Set and not empty: the UI uses no colours (bold and reverse only)."},
    {"DDBTUI_TRACE",
     "A file the UI writes each key's latency to, one \"KEY MILLISECONDS\" line a key (the "
     "time from reading the key to the frame that shows its effect), and one \"# start "
     "MILLISECONDS\" line: process start to the first complete frame (nothing left to load), "
     "counted from DDBTUI_TRACE_T0 (CLOCK_MONOTONIC nanoseconds taken just before exec) if set, "
     "else from the process start time of /proc (10 ms steps)."},
    {"HOME", "Where ~ is, for the defaults above."},
};

static const char *const files[][2] = {
    {"~/.config/ddbtui/keys",
     "Your key bindings, read after the defaults (see KEY BINDINGS). Under $XDG_CONFIG_HOME "
     "if set."},
    {"~/.config/ddbtui/users.json",
     "The users directory (handle, display name, email, uuid, Cognito id), created on first "
     "use with andrewbrown, bayko and londo; --users FILE or $DDBTUI_USERS name another."},
    {"~/.local/state/ddbtui/journal.jsonl",
     "The undo journal of the UI's writes, one JSON object a line; under $XDG_STATE_HOME if "
     "set."},
    {"~/.local/state/ddbtui/ui-state",
     "What the UI remembers between runs (the tables pane's width, < and >), one \"KEY VALUE\" "
     "a line; under $XDG_STATE_HOME if set."},
    {"~/.local/state/ddbtui/history",
     "The : command line's history, oldest first, the last 500 lines (0600); under "
     "$XDG_STATE_HOME if set."},
    {"~/.aws/credentials, ~/.aws/config",
     "Credentials, region and endpoint of the profiles, read as the AWS CLI does."},
    {"PREFIX/share/ddbtui/default.keys",
     "A copy of the default key bindings, which are compiled in; a starting point for your "
     "own file (PREFIX is /usr/local unless installed elsewhere)."},
    {"PREFIX/share/ddbtui/dialogue.txt",
     "A copy of the built-in dialogue of seed, also compiled in; the format of --conversation "
     "FILE."},
};

static void print_pairs(FILE *out, const char *const (*rows)[2], size_t n, int italic)
{
	size_t i;

	for (i = 0; i < n; i++) {
		fputs(".TP\n", out);
		if (italic)
			roff_italic(out, rows[i][0]);
		else
			roff_bold(out, rows[i][0]);
		fputc('\n', out);
		roff_line(out, rows[i][1]);
	}
}

int manpage_print(FILE *out)
{
	const struct cmd *c;

	/* the first line asks man(1) to run tbl for the key tables */
	fputs("'\\\" t\n"
	      ".\\\" ddbtui(1), written by `ddbtui --print-man` from the tables of --help and the\n"
	      ".\\\" default key bindings. Do not edit: change the program and regenerate.\n"
	      ".TH DDBTUI 1 \"\" \"ddbtui\" \"User Commands\"\n"
	      ".nh\n"
	      ".ad l\n"
	      ".SH NAME\n"
	      "ddbtui \\- a terminal UI and command line for DynamoDB tables\n"
	      ".SH SYNOPSIS\n"
	      ".B ddbtui\n[\\fIGLOBAL OPTIONS\\fR]\n.br\n"
	      ".B ddbtui\n[\\fIGLOBAL OPTIONS\\fR] \\fICOMMAND\\fR [\\fIARGS\\fR] "
	      "[\\fIOPTIONS\\fR]\n.br\n"
	      ".B ddbtui\n\\fICOMMAND\\fR \\fB\\-\\-help\\fR\n"
	      ".SH DESCRIPTION\n"
	      ".B ddbtui\n"
	      "is a keyboard\\-driven terminal tool for exploring and editing DynamoDB tables, on "
	      "DynamoDB Local (or dynalite) or on AWS, through one asynchronous, signed, retrying "
	      "request queue.\n"
	      "It knows the single\\-table chat model of \\fBcruddur\\-messages\\fR (seed, "
	      "conversations, access patterns A to E) and works as a general tool on any other "
	      "table.\n"
	      ".PP\n"
	      "Without a command it opens the interactive UI (see\n.BR \"KEY BINDINGS\" ).\n"
	      "With one, it runs that command and exits.\n"
	      ".PP\n"
	      "It is local unless asked otherwise: without \\fB\\-\\-endpoint\\-url\\fR, "
	      "\\fB\\-\\-prod\\fR or an endpoint in the environment it talks to "
	      "http://localhost:8000.\n"
	      "Credentials, region and endpoint are resolved as the AWS CLI does (see\n"
	      ".BR ENVIRONMENT ).\n"
	      "Retries follow the AWS SDKs' standard mode; validation errors are never retried.\n"
	      "TLS certificates are always verified, and secrets are never printed or logged.\n"
	      ".SH \"GLOBAL OPTIONS\"\n"
	      "Global options go before or after the command.\n"
	      "\\fB\\-h\\fR is short for \\fB\\-\\-help\\fR, and a value may also follow an "
	      "\\fB=\\fR, as in \\fB\\-\\-region=eu\\-west\\-1\\fR.\n",
	      out);
	print_opt_list(out, cli_global_opts);
	print_commands(out);
	if (print_keys(out) != 0)
		return -1;
	print_ui_commands(out);
	fputs(".SH CREDENTIALS\n"
	      "The first of these steps that has credentials gives them, in botocore's order:\n",
	      out);
	for (size_t i = 0; cli_creds_chain[i][0]; i++) {
		fprintf(out, ".TP\n.B %zu. ", i + 1);
		roff_line(out, cli_creds_chain[i][0]);
		roff_line(out, cli_creds_chain[i][1]);
	}
	fputs(".PP\nA named profile that gives no credentials is an error, on loopback too.\n"
	      "\\fB\\-\\-verbose\\fR names the step used, never a secret.\n"
	      ".PP\nTemporary credentials are refreshed in the background as botocore does: with "
	      "less than 15 minutes left (requests go on with the old key), and with less than 10 "
	      "minutes left new requests wait for the refresh; once expired with no refresh, they "
	      "fail naming the source. Each refresh is a RefreshCredentials entry of the request "
	      "log. A request refused with ExpiredTokenException is re-signed and sent once more. "
	      "A role with mfa_serial cannot be refreshed without a new code (restart ddbtui).\n",
	      out);
	fputs(".SH ENVIRONMENT\n", out);
	print_pairs(out, environment, sizeof(environment) / sizeof(environment[0]), 0);
	fputs(".SH FILES\n", out);
	print_pairs(out, files, sizeof(files) / sizeof(files[0]), 1);
	fprintf(
	    out,
	    ".SH \"EXIT STATUS\"\n"
	    ".TP\n.B %d\nSuccess.\n"
	    ".TP\n.B %d\nA service or network error, or the operation was refused (not confirmed, "
	    "read\\-only, an item plain JSON cannot show).\n"
	    ".TP\n.B %d\nA usage or configuration error: an unknown command or option, a bad "
	    "value, a configuration that cannot be used.\n",
	    EXIT_OK, EXIT_FAIL, EXIT_USAGE);
	fputs(".SH EXAMPLES\n"
	      "Create the model's table on DynamoDB Local, seed it, and browse it:\n"
	      ".PP\n.RS\n.nf\n"
	      "ddbtui schema\\-load\n"
	      "ddbtui seed \\-\\-count 100\n"
	      "ddbtui list\\-conversations andrewbrown\n"
	      "ddbtui\n"
	      ".fi\n.RE\n"
	      ".PP\n"
	      "Look at a table on AWS without any risk of writing:\n"
	      ".PP\n.RS\n.nf\n"
	      "ddbtui \\-\\-prod \\-\\-profile readonly \\-\\-region eu\\-west\\-1 "
	      "\\-\\-read\\-only\n"
	      "ddbtui \\-\\-prod \\-\\-region eu\\-west\\-1 scan \\-\\-limit 10 orders\n"
	      ".fi\n.RE\n"
	      ".PP\n"
	      "Drop a table on a remote endpoint, confirming by name:\n"
	      ".PP\n.RS\n.nf\n"
	      "ddbtui \\-\\-prod drop old\\-table \\-\\-confirm old\\-table\n"
	      ".fi\n.RE\n"
	      ".SH \"SEE ALSO\"\n"
	      ".BR aws (1),\n"
	      ".BR curl (1)\n"
	      ".PP\n"
	      "The commands of this page:\n",
	      out);
	for (c = cli_cmds; c->name; c++) {
		roff_bold(out, c->name);
		fputs(c[1].name ? ",\n" : ".\n", out);
	}
	return ferror(out) ? -1 : 0;
}

/* ---- completion words ---- */

/* Options as NAME<TAB>ARG<TAB>HELP lines; after_cmd leaves out the two that only work before a
 * command (these). */
static void print_words(FILE *out, const struct cli_opt *opts, int after_cmd)
{
	const struct cli_opt *o;

	for (o = opts; o && o->name; o++) {
		if (after_cmd && (strcmp(o->name, "--print-man") == 0 ||
		                  strcmp(o->name, "--complete-words") == 0))
			continue;
		fprintf(out, "%s\t%s\t%s\n", o->name, o->arg ? o->arg : "", o->help);
	}
}

static void print_key_word(enum keymap_ctx ctx, int key, enum keymap_action a, void *ud)
{
	char name[32];

	fprintf(ud, "%s\t%s\t%s\n", keymap_ctx_name(ctx), keymap_key_name(key, name, sizeof(name)),
	        keymap_action_name(a));
}

int manpage_complete_words(FILE *out, const char *what)
{
	const struct cmd *c;

	if (strcmp(what, "commands") == 0) {
		for (c = cli_cmds; c->name; c++)
			fprintf(out, "%s\t%s\t%s\n", c->name, c->usage ? c->usage : "", c->summary);
		return EXIT_OK;
	}
	if (strcmp(what, "ui-commands") == 0) {
		const struct keymap_command *k;

		for (k = keymap_commands; k->name; k++)
			fprintf(out, "%s\t%s\t%s\n", k->name, k->args, k->help);
		return EXIT_OK;
	}
	if (strcmp(what, "global") == 0) {
		print_words(out, cli_global_opts, 0);
		return EXIT_OK;
	}
	if (strcmp(what, "keys") == 0) {
		struct keymap *km = keymap_new();
		char err[512];
		int ctx;

		if (!km || keymap_load_defaults(km, err, sizeof(err)) != 0) {
			fprintf(stderr, "ddbtui: built-in keys: %s\n", km ? err : "out of memory");
			keymap_free(km);
			return EXIT_FAIL;
		}
		for (ctx = 0; ctx < CTX__COUNT; ctx++)
			keymap_each(km, (enum keymap_ctx)ctx, print_key_word, out);
		keymap_free(km);
		return EXIT_OK;
	}
	for (c = cli_cmds; c->name; c++) {
		if (strcmp(what, c->name) == 0) {
			print_words(out, c->opts, 1);
			print_words(out, cli_global_opts, 1);
			return EXIT_OK;
		}
	}
	return app_usage_error(NULL,
	                       "--complete-words takes commands, global, keys, ui-commands or a "
	                       "command, not '%s'",
	                       what);
}
