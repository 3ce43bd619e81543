/* ui.c - the interactive UI's services (ui.h): the view base, the view stack and focus,
 * messages, the prompt, the users directory, and the frame layout (tables pane, main pane,
 * status, bottom line). */
#include "tui/ui.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ddb/buf.h"
#include "ddb/ops.h"
#include "tui/term.h"
#include "tui/widgets.h"

#define TABLES_W     26 /* the tables pane's least default width, border included */
#define TABLES_W_MIN 12 /* narrowed by hand */
#define TABLES_W_MAX 80
#define MAIN_W_MIN   40 /* what the main pane keeps, however wide the tables pane is asked to be */
#define SPLIT_MIN_W  70 /* narrower: one pane at a time */

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

struct view *tui_focused(struct tui *t)
{
	if (t->focus_tables || !t->depth)
		return t->tables;
	return tui_top(t);
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
	{
		int last = (t->messages_head + TUI_MESSAGES_MAX - 1) % TUI_MESSAGES_MAX;

		/* kept whole for the request log's view; the same one again is one entry */
		if (!t->messages_n || strcmp(t->messages[last].text, t->message) != 0) {
			snprintf(t->messages[t->messages_head].text, sizeof(t->messages[0].text),
			         "%s", t->message);
			t->messages[t->messages_head].error = error;
			t->messages[t->messages_head].at = t->message_at - t->started;
			t->messages_head = (t->messages_head + 1) % TUI_MESSAGES_MAX;
			if (t->messages_n < TUI_MESSAGES_MAX)
				t->messages_n++;
		}
	}
	if (error) {
		snprintf(t->last_error, sizeof(t->last_error), "%s", t->message);
		t->last_error_at = t->message_at;
	}
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

static void cands_drop(struct tui *t)
{
	cmdline_free(t->prompt.cands, t->prompt.ncands);
	t->prompt.cands = NULL;
	t->prompt.ncands = 0;
}

static void prompt_close(struct tui *t)
{
	t->prompt.active = 0;
	lineedit_done(&t->prompt.le);
	cands_drop(t);
	free(t->prompt.typed);
	t->prompt.typed = NULL;
	t->prompt.hint[0] = '\0';
	t->prompt.cmdline = 0;
}

void tui_prompt(struct tui *t, const char *label, const char *initial, size_t max_chars,
                tui_prompt_cb *done, void *ud)
{
	if (t->prompt.active) {
		tui_prompt_cb *old = t->prompt.done;
		void *old_ud = t->prompt.ud;

		prompt_close(t);
		if (old)
			old(t, NULL, old_ud);
	}
	snprintf(t->prompt.label, sizeof(t->prompt.label), "%s", label);
	lineedit_init(&t->prompt.le, initial ? initial : "");
	t->prompt.le.max_chars = max_chars;
	t->prompt.done = done;
	t->prompt.ud = ud;
	t->prompt.changed = NULL;
	t->prompt.active = 1;
}

void tui_prompt_live(struct tui *t, tui_prompt_cb *changed)
{
	if (t->prompt.active)
		t->prompt.changed = changed;
}

void tui_prompt_cmdline(struct tui *t)
{
	if (!t->prompt.active)
		return;
	t->prompt.cmdline = 1;
	t->prompt.hist_i = -1;
	if (!t->history_loaded) {
		cmdline_history_load(&t->history);
		t->history_loaded = 1;
	}
}

void tui_prompt_free(struct tui *t)
{
	if (t->prompt.active)
		prompt_close(t);
	if (t->history_loaded)
		cmdline_history_done(&t->history);
	t->history_loaded = 0;
}

/* The line with its word at `at` replaced by word (and a space after a whole word). */
static void put_word(struct tui *t, size_t at, const char *word, int whole)
{
	struct ddb_buf b = DDB_BUF_INIT;
	size_t n = strlen(word);

	ddb_buf_printf(&b, "%.*s%s%s", (int)at, t->prompt.le.text, word,
	               whole && n && word[n - 1] != '/' ? " " : "");
	lineedit_set(&t->prompt.le, ddb_buf_str(&b));
	ddb_buf_done(&b);
}

/* Tab: one candidate is put in whole; several, their common start, then each Tab the next. */
static void cmdline_tab(struct tui *t)
{
	struct ddb_buf b = DDB_BUF_INIT;
	size_t at;
	char *common;
	int i;

	if (t->prompt.ncands > 1) {
		t->prompt.cand_i = (t->prompt.cand_i + 1) % t->prompt.ncands;
		put_word(t, t->prompt.cand_at, t->prompt.cands[t->prompt.cand_i], 0);
		return;
	}
	cands_drop(t);
	t->prompt.ncands = cmdline_candidates(t->prompt.le.text, t->known_tables, t->nknown_tables,
	                                      &t->prompt.cands, &at);
	t->prompt.cand_at = at;
	if (!t->prompt.ncands) {
		snprintf(t->prompt.hint, sizeof(t->prompt.hint), "nothing completes \"%s\"",
		         t->prompt.le.text + at);
		return;
	}
	if (t->prompt.ncands == 1) {
		put_word(t, at, t->prompt.cands[0], 1);
		t->prompt.hint[0] = '\0';
		cands_drop(t);
		return;
	}
	common = cmdline_common(t->prompt.cands, t->prompt.ncands);
	if (strlen(common) > strlen(t->prompt.le.text + at)) {
		put_word(t, at, common, 0);
		t->prompt.cand_i = -1; /* the next Tab puts in the first */
	} else {
		t->prompt.cand_i = 0;
		put_word(t, at, t->prompt.cands[0], 0);
	}
	free(common);
	ddb_buf_printf(&b, "%d:", t->prompt.ncands);
	for (i = 0; i < t->prompt.ncands && b.len < sizeof(t->prompt.hint); i++)
		ddb_buf_printf(&b, " %s", t->prompt.cands[i]);
	snprintf(t->prompt.hint, sizeof(t->prompt.hint), "%s", ddb_buf_str(&b));
	ddb_buf_done(&b);
}

/* Up (dir -1) and Down (+1) through the history; below the newest, the line being typed. */
static void cmdline_history_walk(struct tui *t, int dir)
{
	struct cmdline_history *h = &t->history;
	int i = t->prompt.hist_i < 0 ? h->n : t->prompt.hist_i;

	i += dir;
	if (i < 0 || (t->prompt.hist_i < 0 && dir > 0))
		return;
	if (t->prompt.hist_i < 0) {
		free(t->prompt.typed);
		t->prompt.typed = ddb_strdup(t->prompt.le.text);
	}
	if (i >= h->n) {
		lineedit_set(&t->prompt.le, t->prompt.typed ? t->prompt.typed : "");
		t->prompt.hist_i = -1;
		return;
	}
	t->prompt.hist_i = i;
	lineedit_set(&t->prompt.le, h->lines[i]);
}

/* Keys while the prompt is open. */
void tui_prompt_key(struct tui *t, int key)
{
	tui_prompt_cb *done = t->prompt.done;
	void *ud = t->prompt.ud;
	char *text;

	if (key == KEY_CODE_ENTER || key == KEY_CODE_ESC || key == 3 /* C-c */) {
		text = key == KEY_CODE_ENTER ? strdup(t->prompt.le.text) : NULL;
		if (text && t->prompt.cmdline) {
			struct ddb_error err;

			ddb_error_clear(&err);
			if (cmdline_history_add(&t->history, text, &err) != 0)
				tui_error(t, "the command history is not kept: %s", err.message);
		}
		prompt_close(t);
		if (done)
			done(t, text, ud);
		free(text);
		return;
	}
	if (t->prompt.cmdline) {
		if (key == KEY_CODE_TAB) {
			cmdline_tab(t);
			return;
		}
		cands_drop(t);
		t->prompt.hint[0] = '\0';
		if (key == KEY_CODE_UP || key == KEY_CODE_DOWN) {
			cmdline_history_walk(t, key == KEY_CODE_UP ? -1 : 1);
			return;
		}
	}
	if (lineedit_key(&t->prompt.le, key) && t->prompt.changed)
		t->prompt.changed(t, t->prompt.le.text, ud);
}

/* ---- users ---- */

struct ddb_users *tui_users(struct tui *t)
{
	struct ddb_error err;
	char *path;

	if (t->users_loaded)
		return &t->users;
	ddb_error_clear(&err);
	path = ddb_users_path(t->session->users_file, NULL, &err);
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

/* ---- the frame ---- */

static const char spinner_frames[][4] = {"|", "/", "-", "\\"};

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

double tui_latency_p50(const struct tui *t)
{
	double v[TUI_P50_OF];
	int n = 0, i;

	for (i = 0; i < t->log_n && n < TUI_P50_OF; i++) {
		const struct tui_log_entry *e =
		    &t->log[(t->log_head + TUI_LOG_MAX - 1 - i) % TUI_LOG_MAX];

		if (e->status && e->attempts == 1) /* a round trip: no retry's backoff in it */
			v[n++] = e->latency_ms;
	}
	if (!n)
		return -1;
	qsort(v, (size_t)n, sizeof(v[0]), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void draw_status(struct tui *t, struct canvas *cv, int y)
{
	const struct ddb_config *cfg = &t->session->cfg;
	char buf[640], last[200] = "";
	int x = 0, pending = ddb_client_pending(t->client);
	const struct tui_log_entry *e = NULL;

	if (t->last_error[0] && tui_now() - t->last_error_at > TUI_LAST_ERROR_S)
		t->last_error[0] = '\0'; /* aged out */
	canvas_fill(cv, (struct rect){0, y, cv->w, 1}, ' ', ST_STATUS);
	if (ddb_client_read_only(t->client))
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
	if (e) {
		double p50 = tui_latency_p50(t);
		size_t n = strlen(last);

		if (p50 >= 0 && n < sizeof(last))
			snprintf(last + n, sizeof(last) - n, " | p50 %.0f ms", p50);
	}
	snprintf(buf, sizeof(buf), "%s %s %s%s%s | %s%d in flight%s%s%s", cfg->endpoint,
	         cfg->region, cfg->access_key, cfg->placeholder_creds ? " (placeholder)" : "", "",
	         pending ? spinner_frames[t->spinner % 4] : "", pending, pending ? "" : "", last,
	         t->last_error[0] ? " | last error: " : "");
	x += canvas_text(cv, x, y, cv->w - x, buf, ST_STATUS);
	if (t->last_error[0])
		canvas_text(cv, x, y, cv->w - x, t->last_error, ST_STATUS);
}

/* The message area: a message wider than the terminal wraps onto up to MESSAGE_ROWS_MAX rows
 * (the panes give them up), fewer on a short terminal; one longer still ends in MORE_SUFFIX,
 * and L shows it whole. */
#define MESSAGE_ROWS_MAX 3
#define MORE_SUFFIX      "\xe2\x80\xa6 (L shows all)"

static int message_rows_max(const struct canvas *cv)
{
	int n = cv->h - 6; /* the panes keep four rows and their titles */

	return n < 1 ? 1 : n > MESSAGE_ROWS_MAX ? MESSAGE_ROWS_MAX : n;
}

/* The text the message area shows (the message, or as much of it as fits before MORE_SUFFIX),
 * into out; returns its rows. */
static int message_fit(const struct tui *t, const struct canvas *cv, char *out, size_t size)
{
	int max = message_rows_max(cv), rows, pass;
	const char *m = t->message;
	size_t cut;

	if (t->prompt.active) { /* the candidates of a Tab above the prompt */
		snprintf(out, size, "%s", t->prompt.hint);
		rows = t->prompt.hint[0] && max > 1
		           ? draw_wrapped(NULL, 0, 0, cv->w, max - 1, out, ST_NORMAL)
		           : 0;
		return rows + 1;
	}
	snprintf(out, size, "%s", m);
	if (!m[0])
		return 1;
	rows = draw_wrapped(NULL, 0, 0, cv->w, 1000, m, ST_NORMAL);
	if (rows <= max)
		return rows;
	/* the longest start (at a character's first byte) that fits with the suffix */
	for (pass = 0; pass < 2; pass++) { /* at a space if one does, else anywhere */
		for (cut = strlen(m); cut > 0; cut--) {
			if (((unsigned char)m[cut] & 0xC0) == 0x80 || (!pass && m[cut] != ' '))
				continue;
			snprintf(out, size, "%.*s %s", (int)cut, m, MORE_SUFFIX);
			if (draw_wrapped(NULL, 0, 0, cv->w, 1000, out, ST_NORMAL) <= max)
				return max;
		}
	}
	snprintf(out, size, "%s", MORE_SUFFIX);
	return max;
}

static void draw_bottom(struct tui *t, struct canvas *cv, int y, int rows, const char *text)
{
	int x;

	canvas_fill(cv, (struct rect){0, y, cv->w, rows}, ' ', ST_NORMAL);
	if (t->prompt.active) {
		if (rows > 1)
			draw_wrapped(cv, 0, y, cv->w, rows - 1, text, ST_DIM);
		y += rows - 1;
		x = canvas_text(cv, 0, y, cv->w, t->prompt.label, ST_PROMPT);
		if (x < cv->w && strcmp(t->prompt.label, ":") != 0)
			x += canvas_text(cv, x, y, cv->w - x, " ", ST_PROMPT);
		lineedit_draw(&t->prompt.le, cv, x, y, cv->w - x, ST_NORMAL, 1);
		return;
	}
	if (text[0]) {
		draw_wrapped(cv, 0, y, cv->w, rows, text, t->message_error ? ST_ERROR : ST_NORMAL);
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

void tui_trace_mark(struct tui *t, const char *event, double since)
{
	int n = t->trace_nmarks;

	if (!t->trace || n == (int)(sizeof(t->trace_marks) / sizeof(t->trace_marks[0])))
		return;
	t->trace_marks[n].event = event;
	t->trace_marks[n].since = since;
	t->trace_nmarks++;
}

static void trace_marks_framed(struct tui *t)
{
	int i;

	for (i = 0; i < t->trace_nmarks; i++)
		fprintf(t->trace, "# %s %.3f\n", t->trace_marks[i].event,
		        (tui_now() - t->trace_marks[i].since) * 1000.0);
	if (t->trace_nmarks)
		fflush(t->trace);
	t->trace_nmarks = 0;
}

int tui_tables_width(const struct tui *t)
{
	int w = t->tables_w, max = t->cv.w - MAIN_W_MIN;

	if (w <= 0) { /* by default a share of a wide terminal: 26 up to 173 columns, 37 on 250 */
		w = t->cv.w * 15 / 100;
		if (w < TABLES_W)
			w = TABLES_W;
		if (w > 60)
			w = 60;
	}
	if (w > TABLES_W_MAX)
		w = TABLES_W_MAX;
	if (w > max)
		w = max;
	if (w < TABLES_W_MIN)
		w = TABLES_W_MIN;
	return w;
}

void tui_render(struct tui *t)
{
	struct canvas *cv = &t->cv;
	struct view *top = tui_top(t);
	char msg[sizeof(t->message) + 32];
	int body_h, split, msg_rows;

	canvas_clear(cv);
	cv->cursor_x = cv->cursor_y = -1;
	if (cv->w < TUI_MIN_W || cv->h < TUI_MIN_H) {
		draw_too_small(cv);
		return;
	}
	msg_rows = message_fit(t, cv, msg, sizeof(msg));
	body_h = cv->h - 1 - msg_rows;
	split = cv->w >= SPLIT_MIN_W;
	if (split) {
		int tw = tui_tables_width(t), y;
		struct rect left = {0, 0, tw - 1, body_h};
		struct rect right = {tw, 0, cv->w - tw, body_h};

		draw_pane(t->tables, cv, left, t->focus_tables || !top);
		for (y = 0; y < body_h; y++)
			canvas_text(cv, tw - 1, y, 1, "\xe2\x94\x82", ST_BORDER);
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
	draw_status(t, cv, body_h);
	draw_bottom(t, cv, body_h + 1, msg_rows, msg);
	trace_marks_framed(t);
}

/* ---- request log ---- */

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
	l->queued_ms = e->queued_ms;
	l->items = e->items;
	l->attempts = e->attempts;
	l->capacity = e->capacity;
	if (e->err && e->err->kind != DDB_ERR_NONE) {
		snprintf(l->error, sizeof(l->error), "%s%s%s", e->err->type,
		         e->err->type[0] ? ": " : "", e->err->message);
		if (e->err->kind != DDB_ERR_CANCELLED)
			snprintf(t->last_error_op, sizeof(t->last_error_op), "%s", e->op);
	} else if (t->last_error_op[0] && strcmp(t->last_error_op, e->op) == 0) {
		/* the operation that failed works again: its error is old news */
		t->last_error[0] = '\0';
		t->last_error_op[0] = '\0';
	}
	t->log_head = (t->log_head + 1) % TUI_LOG_MAX;
	if (t->log_n < TUI_LOG_MAX)
		t->log_n++;
	t->requests_done++;
}
