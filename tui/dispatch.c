/* dispatch.c - the one dispatcher above the views (dispatch.h): a key goes to the focused view
 * first, then to the generic actions here; a :command is parsed and run here. The only file
 * of tui/ besides main.c that knows the views by name. */
#include "tui/dispatch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/term.h"
#include "tui/ui.h"
#include "views/edit.h"
#include "views/views.h"

void dispatch_start(struct tui *t)
{
	t->tables = view_tables_new(t);
	t->focus_tables = 1;
}

static void save_screen(struct tui *t, const char *file)
{
	FILE *f = fopen(file, "w");

	if (!f) {
		tui_error(t, "cannot write %s", file);
		return;
	}
	canvas_dump(&t->cv, f);
	fclose(f);
}

static const char *selected_table(struct tui *t)
{
	const char *tbl = view_tables_selected(t->tables);

	return tbl ? tbl : t->session->table;
}

/* The table the user is looking at: the scanned one when a scan grid has the focus, else the
 * one selected in the tables pane. */
static const char *current_table(struct tui *t)
{
	const char *tbl = !t->focus_tables ? view_scan_table(tui_top(t)) : NULL;

	return tbl ? tbl : selected_table(t);
}

/* The table whose history u undoes: the one the focused view shows (a scan or query, or the
 * model's table in the conversation views), looking down the stack past views of no table (the
 * inspector over its grid), else the one selected in the tables pane. */
static const char *undo_table(struct tui *t)
{
	const char *tbl;
	int i;

	for (i = t->depth - 1; i >= 0 && !t->focus_tables; i--) {
		const char *name = t->stack[i]->ops->name;

		tbl = view_scan_table(t->stack[i]);
		if (!tbl)
			tbl = view_query_table(t->stack[i]);
		if (!tbl && (strcmp(name, "messages") == 0 || strcmp(name, "conversations") == 0 ||
		             strcmp(name, "seed") == 0))
			tbl = t->session->table;
		if (tbl)
			return tbl;
	}
	return selected_table(t);
}

/* The prompt / opens in a view that has no filter: what was typed is dropped, never run as keys. */
static void no_filter_done(struct tui *t, const char *text, void *ud)
{
	(void)text;
	tui_info(t,
	         "not filtered: the %s view has no filter (/ filters the rows of a scan or query)",
	         (const char *)ud);
}

/* The query builder for table: the one already open for it (the views above it closed, so Q
 * from its results goes back to the form as it was), else a new one. */
static void open_query(struct tui *t, const char *table)
{
	char *tbl = strdup(table);
	int i;

	if (!tbl)
		abort();
	for (i = t->depth - 1; i >= 0; i--) {
		const char *qt = view_query_table(t->stack[i]);

		if (qt && strcmp(qt, tbl) == 0) {
			while (t->depth > i + 1)
				tui_close(t);
			t->focus_tables = 0;
			free(tbl);
			return;
		}
	}
	tui_close_kind(t, "query");
	tui_open(t, view_query_new(t, tbl));
	free(tbl);
}

/* :export FILE [FORMAT]: a last word that names a format is the format. */
static void export_command(struct tui *t, const char *line)
{
	char arg[512];
	char *sp;
	const char *fmt = NULL;

	snprintf(arg, sizeof(arg), "%s", line);
	sp = strrchr(arg, ' ');
	if (sp && (strcmp(sp + 1, "ddb") == 0 || strcmp(sp + 1, "json") == 0 ||
	           strcmp(sp + 1, "csv") == 0)) {
		fmt = sp + 1;
		*sp = '\0';
	}
	tui_open(t, view_export_new(t, current_table(t), arg, fmt));
}

/* Runs a table action (drop, recreate, schema-load) through the tables view. */
static void tables_action(struct tui *t, enum keymap_action act)
{
	t->focus_tables = 1;
	t->tables->ops->handle(t->tables, act, 0);
}

int dispatch_cancel_all(struct tui *t)
{
	int i, n = ddb_cancel_tag(t->client, t->tables);

	for (i = 0; i < t->depth; i++)
		n += ddb_cancel_tag(t->client, t->stack[i]);
	n += ddb_cancel_tag(t->client, NULL);
	return n;
}

/* What quitting now would cut short: writes running and views in a job of many writes (the
 * seed wizard between two batches). *what gets the first view's job or request ("the seed",
 * "BatchWriteItem in T"). Returns how many requests and jobs. */
static int quit_would_cut(struct tui *t, char *what, size_t size)
{
	int i, n = ddb_client_pending_writes(t->client, what, size);

	for (i = t->depth - 1; i >= 0; i--) {
		struct view *v = t->stack[i];
		const char *job = v->ops->writing ? v->ops->writing(v) : NULL;

		if (job) {
			snprintf(what, size, "%s", job);
			n++;
		}
	}
	return n;
}

int dispatch_quit_pending(struct tui *t, char *what, size_t size)
{
	char none[8];

	return what ? quit_would_cut(t, what, size) : quit_would_cut(t, none, sizeof(none));
}

static void quit_answered(struct tui *t, const char *text, void *ud)
{
	char what[160];
	int n = quit_would_cut(t, what, sizeof(what));

	(void)ud;
	if (!text || (text[0] != 'w' && text[0] != 'c')) {
		tui_info(t, "not quitting");
		return;
	}
	if (n == 0) { /* done while the question was open */
		t->quit = 1;
		return;
	}
	if (text[0] == 'w') {
		t->quit_when_done = 1;
		tui_info(t, "quitting when %s finishes (C-c cancels it)",
		         what[0] ? what : "the batch writer's retry");
		return;
	}
	dispatch_cancel_all(t);
	snprintf(t->exit_note, sizeof(t->exit_note),
	         "ddbtui: cancelled %s on quitting: a write in flight may or may not have reached "
	         "the table; edits and deletes are in the undo journal (u)",
	         what[0] ? what : "a batch writer's retry");
	t->quit = 1;
}

void dispatch_quit(struct tui *t)
{
	char what[160], label[320];

	if (quit_would_cut(t, what, sizeof(what)) == 0) {
		t->quit = 1;
		return;
	}
	snprintf(label, sizeof(label),
	         "Still writing (%s). w: wait, then quit; c: cancel and quit; Enter: keep "
	         "working: ",
	         what[0] ? what : "a batch writer waiting to retry");
	tui_prompt(t, label, "", 1, quit_answered, NULL);
}

static void command_done(struct tui *t, const char *text, void *ud)
{
	(void)ud;
	if (text)
		dispatch_command(t, text);
}

/* The view of that kind nearest the top, moved to the top with the focus; NULL if none. */
static struct view *raise_kind(struct tui *t, const char *name)
{
	int i;

	for (i = t->depth - 1; i >= 0; i--) {
		struct view *v = t->stack[i];

		if (strcmp(v->ops->name, name) == 0) {
			memmove(t->stack + i, t->stack + i + 1,
			        sizeof(t->stack[0]) * (size_t)(t->depth - i - 1));
			t->stack[t->depth - 1] = v;
			t->focus_tables = 0;
			return v;
		}
	}
	return NULL;
}

void dispatch(struct tui *t, enum keymap_action act, const char *arg)
{
	struct view *v = tui_focused(t);
	const struct keymap_command *cmd = keymap_command_of(act);
	char *text;

	if (arg && !arg[0])
		arg = NULL;
	/* a key bound to an action that needs an argument asks for it on the command line */
	if (!arg && cmd && keymap_command_needs_arg(cmd)) {
		char line[64];

		snprintf(line, sizeof(line), "%s ", cmd->name);
		tui_prompt(t, ":", line, 0, command_done, NULL);
		tui_prompt_cmdline(t);
		return;
	}
	switch (act) {
	case ACT_QUIT:
		dispatch_quit(t);
		break;
	case ACT_QUIT_NOW:
		quit_answered(t, "c", NULL);
		break;
	case ACT_SUSPEND:
		if (term_job_stop() != 0)
			tui_info(t, "no terminal to suspend (headless)");
		break;
	case ACT_BACK:
		if (!t->focus_tables && t->depth)
			tui_close(t);
		else
			t->message[0] = '\0';
		break;
	case ACT_CANCEL: {
		int n = dispatch_cancel_all(t);

		if (n) {
			tui_info(t, "cancelled %d request%s (C-c again with nothing running quits)",
			         n, n == 1 ? "" : "s");
			t->cancel_armed = 0;
		} else if (t->cancel_armed) {
			t->quit = 1;
		} else {
			t->cancel_armed = 1;
			tui_info(t, "nothing to cancel; C-c again to quit");
		}
		return;
	}
	case ACT_HELP:
		tui_close_kind(t, "help");
		tui_open(t, view_help_new(t));
		break;
	case ACT_REQUEST_LOG:
		tui_close_kind(t, "log");
		tui_open(t, view_log_new(t));
		break;
	case ACT_COMMAND:
		tui_prompt(t, ":", "", 0, command_done, NULL);
		tui_prompt_cmdline(t);
		break;
	case ACT_FOCUS_NEXT:
	case ACT_FOCUS_PREV:
		if (t->depth)
			t->focus_tables = !t->focus_tables;
		break;
	case ACT_FOCUS_TABLES:
		t->focus_tables = 1;
		break;
	case ACT_FOCUS_MAIN:
		if (t->depth)
			t->focus_tables = 0;
		break;
	case ACT_FOCUS_ITEM:
		if (!raise_kind(t, "item"))
			tui_info(t, "no item open: select a row in a scan and press Enter");
		break;
	case ACT_FOCUS_CONVERSATIONS:
	case ACT_CONVERSATIONS: {
		int i;

		if (arg) { /* :conversations HANDLE: that user's inbox */
			tui_close_kind(t, "conversations");
			tui_open(t, view_conversations_new(t, arg));
			break;
		}
		for (i = t->depth - 1; i >= 0; i--) {
			if (strcmp(t->stack[i]->ops->name, "conversations") == 0) {
				while (t->depth > i + 1 &&
				       strcmp(tui_top(t)->ops->name, "messages") != 0)
					tui_close(t);
				t->focus_tables = 0;
				return;
			}
		}
		tui_open(t, view_conversations_new(t, NULL));
		break;
	}
	case ACT_NEW_MESSAGE: {
		struct view *m = raise_kind(t, "messages");

		if (m) {
			m->ops->handle(m, ACT_NEW_MESSAGE, 0);
			return;
		}
		dispatch(t, ACT_CONVERSATIONS, NULL);
		tui_info(
		    t, "open a conversation (Enter), then n writes a message; N starts a new one");
		break;
	}
	case ACT_SEED_WIZARD:
		tui_close_kind(t, "seed");
		tui_open(t, view_seed_new(t));
		break;
	case ACT_SCAN:
		tui_close_kind(t, "scan");
		tui_open(t, view_scan_new(t, arg ? arg : selected_table(t)));
		break;
	case ACT_DESCRIBE:
		tui_open(t, view_describe_new(t, arg ? arg : selected_table(t)));
		break;
	case ACT_QUERY:
		open_query(t, arg ? arg : current_table(t));
		break;
	case ACT_CREATE_TABLE:
		tui_close_kind(t, "create");
		tui_open(t, view_create_new(t, arg));
		break;
	case ACT_DROP_TABLE:
		if (arg) {
			view_tables_drop(t->tables, arg);
			break;
		}
		tables_action(t, act);
		break;
	case ACT_RECREATE:
	case ACT_SCHEMA_LOAD:
		tables_action(t, act);
		break;
	case ACT_EXPORT:
		export_command(t, arg);
		break;
	case ACT_IMPORT:
		tui_open(t, view_import_new(t, selected_table(t), arg));
		break;
	case ACT_SAVE_SCREEN:
		save_screen(t, arg);
		break;
	case ACT_REFRESH:
		if (v->ops->refresh)
			v->ops->refresh(v);
		break;
	case ACT_FILTER: {
		char label[160];

		/* the focused view did not take /: say so, and swallow what is typed after it */
		snprintf(label, sizeof(label),
		         "/ (the %s view has no filter; this text is dropped)", v->ops->name);
		tui_prompt(t, label, "", 0, no_filter_done, (void *)v->ops->name);
		break;
	}
	case ACT_UNDO:
		edit_undo(t, undo_table(t));
		break;
	case ACT_COPY:
		text = v->ops->copy_text ? v->ops->copy_text(v) : NULL;
		if (!text) {
			tui_info(t, "nothing to copy here");
			break;
		}
		if (!t->headless)
			term_copy(text);
		tui_info(t, "copied %zu bytes to the clipboard (OSC 52)", strlen(text));
		free(text);
		break;
	default:
		break;
	}
}

void dispatch_command(struct tui *t, const char *line)
{
	char name[64] = "", arg[512] = "";
	const char *p = line;
	const struct keymap_command *cmd;
	size_t n = 0;

	while (*p == ' ' || *p == ':')
		p++;
	while (*p && *p != ' ' && n < sizeof(name) - 1)
		name[n++] = *p++;
	name[n] = '\0';
	while (*p == ' ')
		p++;
	snprintf(arg, sizeof(arg), "%s", p);
	n = strlen(arg);
	while (n && arg[n - 1] == ' ')
		arg[--n] = '\0';

	if (!name[0])
		return;
	cmd = keymap_command_find(name);
	if (!cmd) {
		tui_error(t,
		          "unknown command :%s (try :scan TABLE, :query, :create-table, :export "
		          "FILE, :import FILE, :drop TABLE, :seed, :help, :q)",
		          name);
		return;
	}
	if (!arg[0] && keymap_command_needs_arg(cmd)) {
		/* the words it needs, not the optional ones after them: ":export needs FILE" */
		size_t need = strcspn(cmd->args, "[");

		while (need && cmd->args[need - 1] == ' ')
			need--;
		tui_error(t, ":%s needs %.*s (%s)", cmd->name, (int)need, cmd->args, cmd->help);
		return;
	}
	dispatch(t, cmd->action, arg);
}

void dispatch_key(struct tui *t, int key)
{
	struct view *v;
	enum keymap_action act;

	if (t->prompt.active) {
		tui_prompt_key(t, key);
		return;
	}
	v = tui_focused(t);
	act = keymap_lookup(t->km, v->ops->ctx, key);
	if (act != ACT_CANCEL)
		t->cancel_armed = 0;
	if (v->ops->handle)
		act = v->ops->handle(v, act, key);
	if (act != ACT_NONE)
		dispatch(t, act, NULL);
}
