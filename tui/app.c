/* app.c - the interactive UI's services: view stack and focus, messages, prompt, commands,
 * the generic key handler, and the frame layout (tables pane, main pane, status, bottom line). */
#include "tui/tui.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ddb/buf.h"
#include "ddb/ops.h"
#include "tui/term.h"

#define TABLES_W    26 /* the tables pane, border included */
#define SPLIT_MIN_W 70 /* narrower: one pane at a time */

double tui_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- views ---- */

void view_init(struct view *v, const struct view_ops *ops, struct tui *t)
{
	memset(v, 0, sizeof(*v));
	v->ops = ops;
	v->tui = t;
	v->gen = 1;
}

int view_stale(const struct view *v, unsigned gen)
{
	return v->closed || v->gen != gen;
}

void view_reload(struct view *v)
{
	ddb_cancel_tag(v->tui->client, v);
	v->gen++;
}

struct view_req *view_req_new(struct view *v, int arg)
{
	struct view_req *r = ddb_calloc(1, sizeof(*r));

	r->view = v;
	r->gen = v->gen;
	r->arg = arg;
	return r;
}

int view_req_stale(const struct view_req *r)
{
	return view_stale(r->view, r->gen);
}

struct view *view_req_take(struct view_req *r)
{
	struct view *v = r->view;
	int stale = view_req_stale(r);

	free(r);
	return stale ? NULL : v;
}

struct view *tui_top(struct tui *t)
{
	return t->depth ? t->stack[t->depth - 1] : NULL;
}

void tui_open(struct tui *t, struct view *v)
{
	if (!v)
		return;
	if (t->depth == TUI_STACK_MAX) {
		/* drop the oldest: a deep stack is a user walking in circles */
		struct view *old = t->stack[0];

		memmove(t->stack, t->stack + 1, sizeof(t->stack[0]) * (TUI_STACK_MAX - 1));
		t->depth--;
		old->closed = 1;
		ddb_cancel_tag(t->client, old);
		old->next_dead = t->dead;
		t->dead = old;
	}
	t->stack[t->depth++] = v;
	t->focus_tables = 0;
}

void tui_close(struct tui *t)
{
	struct view *v;

	if (!t->depth)
		return;
	v = t->stack[--t->depth];
	v->closed = 1;
	ddb_cancel_tag(t->client, v);
	v->next_dead = t->dead;
	t->dead = v;
	if (!t->depth)
		t->focus_tables = 1;
}

void tui_close_view(struct tui *t, struct view *v)
{
	int i;

	for (i = 0; i < t->depth; i++) {
		if (t->stack[i] != v)
			continue;
		memmove(t->stack + i, t->stack + i + 1,
		        sizeof(t->stack[0]) * (size_t)(t->depth - i - 1));
		t->depth--;
		v->closed = 1;
		ddb_cancel_tag(t->client, v);
		v->next_dead = t->dead;
		t->dead = v;
		if (!t->depth)
			t->focus_tables = 1;
		return;
	}
}

void tui_close_kind(struct tui *t, const char *name)
{
	int i;

	for (i = 0; i < t->depth; i++) {
		if (strcmp(t->stack[i]->ops->name, name) == 0) {
			while (t->depth > i)
				tui_close(t);
			return;
		}
	}
}

/* ---- messages ---- */

static void vmessage(struct tui *t, int error, const char *fmt, va_list ap)
{
	vsnprintf(t->message, sizeof(t->message), fmt, ap);
	t->message_error = error;
	t->message_at = tui_now();
	if (error)
		snprintf(t->last_error, sizeof(t->last_error), "%s", t->message);
}

void tui_info(struct tui *t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage(t, 0, fmt, ap);
	va_end(ap);
}

void tui_error(struct tui *t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage(t, 1, fmt, ap);
	va_end(ap);
}

void tui_error_from(struct tui *t, const char *what, const struct ddb_error *err)
{
	if (err->kind == DDB_ERR_CANCELLED) {
		tui_info(t, "%s: cancelled", what);
		return;
	}
	if (err->kind == DDB_ERR_SERVICE && strcmp(err->type, "ResourceNotFoundException") == 0) {
		tui_error(t,
		          "%s: table not found (create it with :schema-load or C in the tables "
		          "pane)",
		          what);
		return;
	}
	if (err->kind == DDB_ERR_SERVICE)
		tui_error(t, "%s: %s: %s", what, err->type, err->message);
	else
		tui_error(t, "%s: %s", what, err->message);
}

/* ---- prompt ---- */

void tui_prompt(struct tui *t, const char *label, const char *initial, size_t max_chars,
                tui_prompt_cb *done, void *ud)
{
	if (t->prompt.active) {
		tui_prompt_cb *old = t->prompt.done;
		void *old_ud = t->prompt.ud;

		t->prompt.active = 0;
		lineedit_done(&t->prompt.le);
		if (old)
			old(t, NULL, old_ud);
	}
	snprintf(t->prompt.label, sizeof(t->prompt.label), "%s", label);
	lineedit_init(&t->prompt.le, initial ? initial : "");
	t->prompt.le.max_chars = max_chars;
	t->prompt.done = done;
	t->prompt.ud = ud;
	t->prompt.active = 1;
}

/* Keys while the prompt is open. */
static void prompt_key(struct tui *t, int key)
{
	tui_prompt_cb *done = t->prompt.done;
	void *ud = t->prompt.ud;
	char *text;

	if (key == KEY_CODE_ENTER || key == KEY_CODE_ESC || key == 3 /* C-c */) {
		text = key == KEY_CODE_ENTER ? strdup(t->prompt.le.text) : NULL;
		t->prompt.active = 0;
		lineedit_done(&t->prompt.le);
		if (done)
			done(t, text, ud);
		free(text);
		return;
	}
	lineedit_key(&t->prompt.le, key);
}

/* ---- users ---- */

struct ddb_users *tui_users(struct tui *t)
{
	struct ddb_error err;
	char *path;

	if (t->users_loaded)
		return &t->users;
	ddb_error_clear(&err);
	path = ddb_users_path(t->app->users_file, NULL, &err);
	if (!path) {
		tui_error(t, "%s", err.message);
		return NULL;
	}
	if (ddb_users_load(&t->users, path, &err) != 0) {
		tui_error(t, "%s", err.message);
		free(path);
		return NULL;
	}
	free(path);
	t->users_loaded = 1;
	return &t->users;
}

/* ---- commands ---- */

static void cmd_save_screen(struct tui *t, const char *file)
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

	return tbl ? tbl : t->app->table;
}

/* The table the user is looking at: the scanned one when a scan grid has the focus, else the
 * one selected in the tables pane. */
static const char *current_table(struct tui *t)
{
	const char *tbl = !t->focus_tables ? view_scan_table(tui_top(t)) : NULL;

	return tbl ? tbl : selected_table(t);
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
static void export_command(struct tui *t, char *arg)
{
	char *sp = strrchr(arg, ' ');
	const char *fmt = NULL;

	if (sp && (strcmp(sp + 1, "ddb") == 0 || strcmp(sp + 1, "json") == 0 ||
	           strcmp(sp + 1, "csv") == 0)) {
		fmt = sp + 1;
		*sp = '\0';
	}
	if (!arg[0]) {
		tui_error(t, ":export needs a file name: :export FILE [ddb|json|csv]");
		return;
	}
	tui_open(t, view_export_new(t, current_table(t), arg, fmt));
}

/* Runs a table action (drop, recreate, schema-load) through the tables view. */
static void tables_action(struct tui *t, enum keymap_action act)
{
	t->focus_tables = 1;
	t->tables->ops->handle(t->tables, act, 0);
}

void tui_command(struct tui *t, const char *line)
{
	char cmd[64] = "", arg[512] = "";
	const char *p = line;
	size_t n = 0;

	while (*p == ' ' || *p == ':')
		p++;
	while (*p && *p != ' ' && n < sizeof(cmd) - 1)
		cmd[n++] = *p++;
	cmd[n] = '\0';
	while (*p == ' ')
		p++;
	snprintf(arg, sizeof(arg), "%s", p);
	n = strlen(arg);
	while (n && arg[n - 1] == ' ')
		arg[--n] = '\0';

	if (!cmd[0])
		return;
	if (strcmp(cmd, "q") == 0 || strcmp(cmd, "quit") == 0 || strcmp(cmd, "q!") == 0) {
		t->quit = 1;
	} else if (strcmp(cmd, "scan") == 0) {
		tui_close_kind(t, "scan");
		tui_open(t, view_scan_new(t, arg[0] ? arg : selected_table(t)));
	} else if (strcmp(cmd, "describe") == 0) {
		tui_open(t, view_describe_new(t, arg[0] ? arg : selected_table(t)));
	} else if (strcmp(cmd, "drop") == 0) {
		if (!arg[0]) {
			tui_error(t, ":drop needs a table name");
			return;
		}
		view_tables_drop(t->tables, arg);
	} else if (strcmp(cmd, "recreate") == 0) {
		tables_action(t, ACT_RECREATE);
	} else if (strcmp(cmd, "schema-load") == 0) {
		tables_action(t, ACT_SCHEMA_LOAD);
	} else if (strcmp(cmd, "query") == 0) {
		open_query(t, arg[0] ? arg : current_table(t));
	} else if (strcmp(cmd, "create-table") == 0) {
		tui_close_kind(t, "create");
		tui_open(t, view_create_new(t, arg[0] ? arg : NULL));
	} else if (strcmp(cmd, "export") == 0) {
		export_command(t, arg);
	} else if (strcmp(cmd, "import") == 0) {
		if (!arg[0])
			tui_error(t, ":import needs a file name: :import FILE (into the selected "
			             "table)");
		else
			tui_open(t, view_import_new(t, selected_table(t), arg));
	} else if (strcmp(cmd, "seed") == 0) {
		tui_close_kind(t, "seed");
		tui_open(t, view_seed_new(t));
	} else if (strcmp(cmd, "conversations") == 0) {
		tui_close_kind(t, "conversations");
		tui_open(t, view_conversations_new(t, arg[0] ? arg : NULL));
	} else if (strcmp(cmd, "help") == 0) {
		tui_open(t, view_help_new(t));
	} else if (strcmp(cmd, "log") == 0) {
		tui_open(t, view_log_new(t));
	} else if (strcmp(cmd, "save-screen") == 0) {
		if (!arg[0])
			tui_error(t, ":save-screen needs a file name");
		else
			cmd_save_screen(t, arg);
	} else {
		tui_error(t,
		          "unknown command :%s (try :scan TABLE, :query, :create-table, :export "
		          "FILE, :import FILE, :drop TABLE, :seed, :help, :q)",
		          cmd);
	}
}

static void command_done(struct tui *t, const char *text, void *ud)
{
	(void)ud;
	if (text)
		tui_command(t, text);
}

/* ---- keys ---- */

static struct view *focused(struct tui *t)
{
	if (t->focus_tables || !t->depth)
		return t->tables;
	return tui_top(t);
}

static int cancel_all(struct tui *t)
{
	int i, n = ddb_cancel_tag(t->client, t->tables);

	for (i = 0; i < t->depth; i++)
		n += ddb_cancel_tag(t->client, t->stack[i]);
	n += ddb_cancel_tag(t->client, NULL);
	return n;
}

static void generic(struct tui *t, enum keymap_action act)
{
	struct view *v = focused(t);
	char *text;

	switch (act) {
	case ACT_QUIT:
		t->quit = 1;
		break;
	case ACT_BACK:
		if (!t->focus_tables && t->depth)
			tui_close(t);
		else
			t->message[0] = '\0';
		break;
	case ACT_CANCEL: {
		int n = cancel_all(t);

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
	case ACT_FOCUS_ITEM: {
		int i;

		for (i = t->depth - 1; i >= 0; i--) {
			if (strcmp(t->stack[i]->ops->name, "item") == 0) {
				struct view *it = t->stack[i];

				memmove(t->stack + i, t->stack + i + 1,
				        sizeof(t->stack[0]) * (size_t)(t->depth - i - 1));
				t->stack[t->depth - 1] = it;
				t->focus_tables = 0;
				return;
			}
		}
		tui_info(t, "no item open: select a row in a scan and press Enter");
		break;
	}
	case ACT_FOCUS_CONVERSATIONS:
	case ACT_CONVERSATIONS: {
		int i;

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
		int i;

		for (i = t->depth - 1; i >= 0; i--) {
			struct view *m = t->stack[i];

			if (strcmp(m->ops->name, "messages") == 0) {
				memmove(t->stack + i, t->stack + i + 1,
				        sizeof(t->stack[0]) * (size_t)(t->depth - i - 1));
				t->stack[t->depth - 1] = m;
				t->focus_tables = 0;
				m->ops->handle(m, ACT_NEW_MESSAGE, 0);
				return;
			}
		}
		generic(t, ACT_CONVERSATIONS);
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
		tui_open(t, view_scan_new(t, selected_table(t)));
		break;
	case ACT_DESCRIBE:
		tui_open(t, view_describe_new(t, selected_table(t)));
		break;
	case ACT_QUERY:
		open_query(t, current_table(t));
		break;
	case ACT_CREATE_TABLE:
		tui_close_kind(t, "create");
		tui_open(t, view_create_new(t, NULL));
		break;
	case ACT_DROP_TABLE:
	case ACT_RECREATE:
	case ACT_SCHEMA_LOAD:
		tables_action(t, act);
		break;
	case ACT_REFRESH:
		if (v->ops->refresh)
			v->ops->refresh(v);
		break;
	case ACT_UNDO:
		edit_undo(t);
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

void tui_key(struct tui *t, int key);

void tui_key(struct tui *t, int key)
{
	struct view *v;
	enum keymap_action act;

	if (t->prompt.active) {
		prompt_key(t, key);
		return;
	}
	v = focused(t);
	act = keymap_lookup(t->km, v->ops->ctx, key);
	if (act != ACT_CANCEL)
		t->cancel_armed = 0;
	if (v->ops->handle && v->ops->handle(v, act, key))
		return;
	if (act != ACT_NONE)
		generic(t, act);
}

/* ---- the frame ---- */

static const char spinner_frames[][4] = {"|", "/", "-", "\\"};

static void draw_status(struct tui *t, struct canvas *cv, int y)
{
	const struct ddb_config *cfg = &t->app->cfg;
	char buf[640], last[200] = "";
	int x = 0, pending = ddb_client_pending(t->client);
	const struct tui_log_entry *e = NULL;

	canvas_fill(cv, (struct rect){0, y, cv->w, 1}, ' ', ST_STATUS);
	if (t->app->read_only)
		x += canvas_text(cv, x, y, cv->w - x, "[RO]", ST_STATUS_BADGE) + 1;
	if (t->log_n)
		e = &t->log[(t->log_head + TUI_LOG_MAX - 1) % TUI_LOG_MAX];
	if (e) {
		int n = snprintf(last, sizeof(last), " | %s %.0f ms", e->op, e->latency_ms);

		if (e->capacity >= 0 && n > 0 && (size_t)n < sizeof(last))
			n += snprintf(last + n, sizeof(last) - (size_t)n, " %.1f CU", e->capacity);
		if (n > 0 && (size_t)n < sizeof(last))
			snprintf(last + n, sizeof(last) - (size_t)n, " %d retr%s", e->attempts - 1,
			         e->attempts == 2 ? "y" : "ies");
	}
	snprintf(buf, sizeof(buf), "%s %s %s%s%s | %s%d in flight%s%s%s", cfg->endpoint,
	         cfg->region, cfg->access_key, cfg->placeholder_creds ? " (placeholder)" : "", "",
	         pending ? spinner_frames[t->spinner % 4] : "", pending, pending ? "" : "", last,
	         t->last_error[0] ? " | last error: " : "");
	x += canvas_text(cv, x, y, cv->w - x, buf, ST_STATUS);
	if (t->last_error[0])
		canvas_text(cv, x, y, cv->w - x, t->last_error, ST_STATUS);
}

static void draw_bottom(struct tui *t, struct canvas *cv, int y)
{
	int x;

	canvas_fill(cv, (struct rect){0, y, cv->w, 1}, ' ', ST_NORMAL);
	if (t->prompt.active) {
		x = canvas_text(cv, 0, y, cv->w, t->prompt.label, ST_PROMPT);
		if (x < cv->w && strcmp(t->prompt.label, ":") != 0)
			x += canvas_text(cv, x, y, cv->w - x, " ", ST_PROMPT);
		lineedit_draw(&t->prompt.le, cv, x, y, cv->w - x, ST_NORMAL, 1);
		return;
	}
	if (t->message[0]) {
		canvas_text(cv, 0, y, cv->w, t->message, t->message_error ? ST_ERROR : ST_NORMAL);
		return;
	}
	canvas_text(cv, 0, y, cv->w,
	            "? help  : command  Tab focus  s scan  c conversations  "
	            "w seed  q quit",
	            ST_DIM);
}

static void draw_title(struct canvas *cv, struct rect r, const char *title, int focused)
{
	canvas_fill(cv, (struct rect){r.x, r.y, r.w, 1}, ' ', focused ? ST_TITLE_FOCUS : ST_TITLE);
	canvas_text(cv, r.x + 1, r.y, r.w - 1, title, focused ? ST_TITLE_FOCUS : ST_TITLE);
}

static void draw_pane(struct view *v, struct canvas *cv, struct rect r, int focused)
{
	char title[256] = "";

	if (r.w <= 0 || r.h <= 0)
		return;
	v->ops->title(v, title, sizeof(title));
	draw_title(cv, r, title, focused);
	r.y++;
	r.h--;
	v->page_rows = r.h;
	if (r.h > 0)
		v->ops->draw(v, cv, r, focused);
}

/* Draws text wrapped at spaces to w columns from (x, y); returns the rows used. */
static int draw_wrapped(struct canvas *cv, int x, int y, int w, int maxrows, const char *text,
                        int style)
{
	int rows = 0;

	while (*text && rows < maxrows && w > 0) {
		size_t fit = text_fit(text, w), cut = fit;

		if (text[fit]) {
			while (cut > 0 && text[cut] != ' ')
				cut--;
			if (cut == 0)
				cut = fit ? fit : 1;
		}
		canvas_textn(cv, x, y + rows, w, text, cut, style);
		text += cut;
		while (*text == ' ')
			text++;
		rows++;
	}
	return rows;
}

static void draw_welcome(struct tui *t, struct canvas *cv, struct rect r)
{
	static const char *const paras[] = {
	    "Select a table on the left and press Enter (or s) to scan it, i to describe it.",
	    "c opens the conversation browser, w the seed wizard. Q builds a query. C opens the "
	    "create-table form (Enter creates the cruddur-messages table), X drops and "
	    "recreates it, D drops the selected table.",
	    ": opens the command line (:scan TABLE, :describe TABLE, :q), ? lists every key, "
	    "L shows the request log.",
	};
	size_t i;
	int y = r.y + 2;

	(void)t;
	draw_title(cv, r, "Welcome", 0);
	canvas_text(cv, r.x + 2, y, r.w - 3, "ddbtui", ST_BOLD);
	y += 2;
	for (i = 0; i < sizeof(paras) / sizeof(paras[0]) && y < r.y + r.h; i++)
		y += draw_wrapped(cv, r.x + 2, y, r.w - 4, r.y + r.h - y, paras[i], ST_NORMAL) + 1;
}

static void draw_too_small(struct canvas *cv)
{
	char msg[96];
	int len, y = cv->h / 2;

	snprintf(msg, sizeof(msg), "Terminal too small (%dx%d): ddbtui needs %dx%d", cv->w, cv->h,
	         TUI_MIN_W, TUI_MIN_H);
	len = text_width(msg);
	if (len > cv->w) {
		/* two short lines, or as much of one as fits */
		canvas_text(cv, 0, y > 0 ? y - 1 : 0, cv->w, "Too small", ST_ERROR);
		snprintf(msg, sizeof(msg), "need %dx%d", TUI_MIN_W, TUI_MIN_H);
		if (cv->h > 1)
			canvas_text(cv, 0, y, cv->w, msg, ST_NORMAL);
		return;
	}
	canvas_text(cv, (cv->w - len) / 2, y, cv->w, msg, ST_ERROR);
}

void tui_render(struct tui *t);

void tui_render(struct tui *t)
{
	struct canvas *cv = &t->cv;
	struct view *top = tui_top(t);
	int body_h, split;

	canvas_clear(cv);
	cv->cursor_x = cv->cursor_y = -1;
	if (cv->w < TUI_MIN_W || cv->h < TUI_MIN_H) {
		draw_too_small(cv);
		return;
	}
	body_h = cv->h - 2;
	split = cv->w >= SPLIT_MIN_W;
	if (split) {
		struct rect left = {0, 0, TABLES_W - 1, body_h};
		struct rect right = {TABLES_W, 0, cv->w - TABLES_W, body_h};
		int y;

		draw_pane(t->tables, cv, left, t->focus_tables || !top);
		for (y = 0; y < body_h; y++)
			canvas_text(cv, TABLES_W - 1, y, 1, "\xe2\x94\x82", ST_BORDER);
		if (top)
			draw_pane(top, cv, right, !t->focus_tables);
		else
			draw_welcome(t, cv, right);
	} else {
		struct rect all = {0, 0, cv->w, body_h};

		if (top && !t->focus_tables)
			draw_pane(top, cv, all, 1);
		else
			draw_pane(t->tables, cv, all, 1);
	}
	draw_status(t, cv, cv->h - 2);
	draw_bottom(t, cv, cv->h - 1);
}

/* ---- request log ---- */

void tui_log_request(const struct ddb_log_entry *e, void *ud);

void tui_log_request(const struct ddb_log_entry *e, void *ud)
{
	struct tui *t = ud;
	struct tui_log_entry *l = &t->log[t->log_head];

	memset(l, 0, sizeof(*l));
	l->at = tui_now() - t->started;
	snprintf(l->op, sizeof(l->op), "%s", e->op);
	snprintf(l->table, sizeof(l->table), "%s", e->table ? e->table : "");
	l->status = e->status;
	l->latency_ms = e->latency_ms;
	l->attempts = e->attempts;
	l->capacity = e->capacity;
	if (e->err && e->err->kind != DDB_ERR_NONE)
		snprintf(l->error, sizeof(l->error), "%s%s%s", e->err->type,
		         e->err->type[0] ? ": " : "", e->err->message);
	t->log_head = (t->log_head + 1) % TUI_LOG_MAX;
	if (t->log_n < TUI_LOG_MAX)
		t->log_n++;
	t->requests_done++;
}
