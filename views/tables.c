/* tables.c - the tables pane: every table (all pages) with status and item count; create the
 * model's table, drop with the typed name, drop-and-recreate showing each step. */
#include "views/view.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ddb/model/model.h"
#include "ddb/ops.h"
#include "tui/form.h"
#include "tui/state.h"
#include "tui/widgets.h"
#include "views/views.h"

struct table_row {
	char *name;
	char status[24];
	double items; /* -1: unknown yet */
};

struct tables_view {
	struct view base;
	struct table_row *rows;
	int nrows;
	/* the rows shown: those whose name holds the filter (/, as it is typed), by index into
	 * rows; pos is over these */
	int *vis;
	int nvis;
	char filter[128];
	int jump_from;      /* the row selected before ' (Esc goes back to it) */
	const char **names; /* every name, for the command line's completion (tui->known_tables) */
	struct listpos pos;
	int loading;
	char op[160]; /* a running drop/create/recreate, shown under the list */
	int op_error;
	char *op_table;
	int op_recreate; /* after the drop, create the model's table */
	/* the endpoint did not answer the listing: said in the pane (never "No tables"), and
	 * listed again quietly after retry_ms, doubling up to TABLES_RETRY_MAX_MS; r at once */
	char unreachable[320];
	long retry_ms;
};

#define TABLES_RETRY_FIRST_MS 1000
#define TABLES_RETRY_MAX_MS   30000
#define TABLES_W_STEP         4 /* columns a < or > changes the pane's width by */
#define STATE_TABLES_W        "tables-width"

static struct tables_view *tv_of(struct view *v)
{
	return (struct tables_view *)v;
}

static void clear_rows(struct tables_view *tv)
{
	int i;

	for (i = 0; i < tv->nrows; i++)
		free(tv->rows[i].name);
	free(tv->rows);
	free(tv->vis);
	free(tv->names);
	tv->names = NULL;
	tv->base.tui->known_tables = NULL;
	tv->base.tui->nknown_tables = 0;
	tv->rows = NULL;
	tv->vis = NULL;
	tv->nrows = tv->nvis = 0;
}

/* Whether name holds needle, in any case (ASCII: table names are [A-Za-z0-9_.-]). */
static int holds(const char *name, const char *needle)
{
	size_t n = strlen(needle), i;

	for (; *name; name++) {
		for (i = 0; i < n && name[i] &&
		            tolower((unsigned char)name[i]) == tolower((unsigned char)needle[i]);
		     i++)
			;
		if (i == n)
			return 1;
	}
	return !n;
}

/* The row shown at the cursor, by index into rows; -1 if none. */
static int sel_row(const struct tables_view *tv)
{
	if (tv->pos.sel < 0 || tv->pos.sel >= tv->nvis)
		return -1;
	return tv->vis[tv->pos.sel];
}

/* Shows the rows whose name holds the filter, the cursor on row keep (an index into rows) if it
 * is shown, else on the first. */
static void apply_filter(struct tables_view *tv, int keep)
{
	int i;

	free(tv->vis);
	tv->vis = calloc((size_t)tv->nrows + 1, sizeof(*tv->vis));
	if (!tv->vis)
		abort();
	tv->nvis = 0;
	tv->pos.sel = 0;
	for (i = 0; i < tv->nrows; i++) {
		if (!holds(tv->rows[i].name, tv->filter))
			continue;
		if (i == keep)
			tv->pos.sel = tv->nvis;
		tv->vis[tv->nvis++] = i;
	}
	tv->pos.count = tv->nvis;
	listpos_clamp(&tv->pos, tv->base.page_rows > 0 ? tv->base.page_rows : 10);
}

static void described(struct ddb_client *c, struct ddb_reply *reply, void *ud)
{
	struct view_req *r = ud;
	struct tables_view *tv = tv_of(r->view);
	const cJSON *t, *st, *n;

	(void)c;
	if (!view_req_stale(r) && r->arg < tv->nrows) {
		struct table_row *row = &tv->rows[r->arg];

		if (reply->err.kind == DDB_ERR_NONE) {
			t = cJSON_GetObjectItemCaseSensitive(reply->json, "Table");
			st = cJSON_GetObjectItemCaseSensitive(t, "TableStatus");
			n = cJSON_GetObjectItemCaseSensitive(t, "ItemCount");
			snprintf(row->status, sizeof(row->status), "%s",
			         cJSON_IsString(st) ? st->valuestring : "?");
			row->items = cJSON_IsNumber(n) ? n->valuedouble : -1;
		} else if (reply->err.kind != DDB_ERR_CANCELLED) {
			snprintf(row->status, sizeof(row->status), "%s",
			         strcmp(reply->err.type, "ResourceNotFoundException") == 0
			             ? "GONE"
			             : "ERROR");
		}
	}
	free(r);
}

static void load(struct tables_view *tv);

static void retry_due(struct ddb_client *c, void *ud, int cancelled)
{
	struct view_req *r = ud;
	struct view *v = view_req_take(r);

	(void)c;
	if (v && !cancelled)
		load(tv_of(v));
}

/* The listing found nobody at the endpoint: the pane says so and which, the first time on the
 * bottom line too; a quiet retry after a wait that doubles (not in the headless mode, whose
 * script waits for the queue to be idle: r retries there). */
static void unreachable(struct tables_view *tv, const struct ddb_error *err)
{
	struct tui *t = tv->base.tui;
	long wait = tv->retry_ms ? tv->retry_ms * 2 : TABLES_RETRY_FIRST_MS;

	if (wait > TABLES_RETRY_MAX_MS)
		wait = TABLES_RETRY_MAX_MS;
	if (!tv->unreachable[0])
		tui_error_from(t, "listing tables", err);
	tv->retry_ms = wait;
	snprintf(tv->unreachable, sizeof(tv->unreachable), "Cannot reach %s. r retries%s.",
	         t->session->cfg.endpoint, t->headless ? "" : " (it also retries by itself)");
	if (!t->headless)
		ddb_timer_add(t->client, wait, retry_due, view_req_new(&tv->base, 0), tv);
}

static void listed(struct ddb_client *c, const struct ddb_error *err, const cJSON *names, void *ud)
{
	struct view_req *r = ud;
	struct tables_view *tv = tv_of(r->view);
	char keep[256] = "";
	const cJSON *n;
	int i;

	if (view_req_stale(r)) {
		free(r);
		return;
	}
	tv->loading = 0;
	if (err->kind == DDB_ERR_NETWORK || err->kind == DDB_ERR_TIMEOUT) {
		unreachable(tv, err);
		free(r);
		return;
	}
	if (err->kind != DDB_ERR_NONE) {
		tui_error_from(tv->base.tui, "listing tables", err);
		free(r);
		return;
	}
	tv->unreachable[0] = '\0';
	tv->retry_ms = 0;
	if (sel_row(tv) >= 0)
		snprintf(keep, sizeof(keep), "%s", tv->rows[sel_row(tv)].name);
	clear_rows(tv);
	tv->nrows = cJSON_GetArraySize(names);
	tv->rows = calloc((size_t)tv->nrows + 1, sizeof(*tv->rows));
	if (!tv->rows)
		abort();
	i = 0;
	cJSON_ArrayForEach(n, names)
	{
		tv->rows[i].name = strdup(n->valuestring);
		tv->rows[i].items = -1;
		snprintf(tv->rows[i].status, sizeof(tv->rows[i].status), "...");
		ddb_describe_table(c, n->valuestring, described, view_req_new(&tv->base, i), tv);
		i++;
	}
	tv->names = calloc((size_t)tv->nrows + 1, sizeof(*tv->names));
	if (!tv->names)
		abort();
	for (i = 0; i < tv->nrows; i++)
		tv->names[i] = tv->rows[i].name;
	tv->base.tui->known_tables = tv->names;
	tv->base.tui->nknown_tables = tv->nrows;
	for (i = 0; i < tv->nrows; i++) /* the cursor stays on the table it was on */
		if (keep[0] && strcmp(keep, tv->rows[i].name) == 0)
			break;
	apply_filter(tv, i < tv->nrows ? i : -1);
	free(r);
}

static void load(struct tables_view *tv)
{
	/* a new generation drops older listings; a running drop or create goes on */
	tv->base.gen++;
	tv->loading = 1;
	ddb_list_tables(tv->base.tui->client, listed, view_req_new(&tv->base, 0), tv);
}

static void tables_refresh(struct view *v)
{
	load(tv_of(v));
}

/* ---- drop, create, recreate ---- */

static void op_set(struct tables_view *tv, int error, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void op_set(struct tables_view *tv, int error, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(tv->op, sizeof(tv->op), fmt, ap);
	va_end(ap);
	tv->op_error = error;
	if (error)
		tui_error(tv->base.tui, "%s", tv->op);
	else
		tui_info(tv->base.tui, "%s", tv->op);
}

static void op_done(struct tables_view *tv)
{
	free(tv->op_table);
	tv->op_table = NULL;
	tv->op_recreate = 0;
	load(tv);
}

static void op_step(struct ddb_client *c, const char *status, void *ud)
{
	struct view_req *r = ud;
	struct tables_view *tv = tv_of(r->view);

	(void)c;
	if (!view_req_stale(r) || tv->op_table)
		op_set(tv, 0, "%s: %s", tv->op_table, status);
}

static void create_table(struct tables_view *tv);

static void created_active(struct ddb_client *c, const struct ddb_error *err, void *ud)
{
	struct view_req *r = ud;
	struct tables_view *tv = tv_of(r->view);

	(void)c;
	free(r);
	if (tv->base.closed)
		return;
	if (err->kind != DDB_ERR_NONE)
		op_set(tv, 1, "%s: %s", tv->op_table, err->message);
	else
		op_set(tv, 0, "%s: ACTIVE, ready%s", tv->op_table, "");
	op_done(tv);
}

static void create_sent(struct ddb_client *c, struct ddb_reply *reply, void *ud)
{
	struct view_req *r = ud;
	struct tables_view *tv = tv_of(r->view);

	if (tv->base.closed) {
		free(r);
		return;
	}
	if (reply->err.kind != DDB_ERR_NONE) {
		if (strcmp(reply->err.type, "ResourceInUseException") == 0)
			op_set(tv, 1, "%s already exists; nothing changed%s", tv->op_table, "");
		else
			op_set(tv, 1, "creating %s: %s", tv->op_table, reply->err.message);
		free(r);
		op_done(tv);
		return;
	}
	op_set(tv, 0, "%s: CREATING%s", tv->op_table, "");
	ddb_wait_table(c, tv->op_table, DDB_WAIT_ACTIVE, 0, op_step, created_active, r, tv);
}

static void create_table(struct tables_view *tv)
{
	struct ddb_error err;
	cJSON *req;

	ddb_error_clear(&err);
	req = ddb_cruddur_schema(tv->op_table, 5, 5, &err);
	if (!req) { /* a name DynamoDB would refuse: said before anything is sent */
		op_set(tv, 1, "creating %s: %s", tv->op_table, err.message);
		op_done(tv);
		return;
	}
	op_set(tv, 0, "creating %s%s", tv->op_table, "");
	ddb_submit(tv->base.tui->client, "CreateTable", req, create_sent,
	           view_req_new(&tv->base, 0), tv);
}

static void dropped_gone(struct ddb_client *c, const struct ddb_error *err, void *ud)
{
	struct view_req *r = ud;
	struct tables_view *tv = tv_of(r->view);

	(void)c;
	free(r);
	if (tv->base.closed)
		return;
	if (err->kind != DDB_ERR_NONE) {
		op_set(tv, 1, "%s: %s", tv->op_table, err->message);
		op_done(tv);
		return;
	}
	if (tv->op_recreate) {
		create_table(tv);
		return;
	}
	op_set(tv, 0, "%s: GONE, dropped%s", tv->op_table, "");
	op_done(tv);
}

static void drop_sent(struct ddb_client *c, struct ddb_reply *reply, void *ud)
{
	struct view_req *r = ud;
	struct tables_view *tv = tv_of(r->view);

	if (tv->base.closed) {
		free(r);
		return;
	}
	if (reply->err.kind != DDB_ERR_NONE) {
		if (tv->op_recreate && strcmp(reply->err.type, "ResourceNotFoundException") == 0) {
			free(r);
			op_set(tv, 0, "%s: not present, creating it%s", tv->op_table, "");
			create_table(tv);
			return;
		}
		op_set(tv, 1, "dropping %s: %s", tv->op_table, reply->err.message);
		free(r);
		op_done(tv);
		return;
	}
	op_set(tv, 0, "%s: DELETING%s", tv->op_table, "");
	ddb_wait_table(c, tv->op_table, DDB_WAIT_GONE, 0, op_step, dropped_gone, r, tv);
}

static void start_drop(struct tables_view *tv)
{
	op_set(tv, 0, "deleting %s%s", tv->op_table, "");
	ddb_delete_table(tv->base.tui->client, tv->op_table, drop_sent, view_req_new(&tv->base, 0),
	                 tv);
}

static void confirm_done(struct tui *t, const char *text, void *ud)
{
	struct tables_view *tv = ud;

	(void)t;
	if (!text || strcmp(text, tv->op_table) != 0) {
		op_set(tv, 0, "%s: not confirmed, nothing changed%s", tv->op_table, "");
		free(tv->op_table);
		tv->op_table = NULL;
		return;
	}
	start_drop(tv);
}

static int writes_refused(struct tables_view *tv, const char *what)
{
	if (!ddb_client_read_only(tv->base.tui->client))
		return 0;
	tui_error(tv->base.tui, "read-only mode: %s is unavailable", what);
	return 1;
}

static int busy(struct tables_view *tv)
{
	if (!tv->op_table)
		return 0;
	tui_error(tv->base.tui, "%s is still in progress", tv->op);
	return 1;
}

void view_tables_drop(struct view *v, const char *table)
{
	struct tables_view *tv = tv_of(v);
	char label[320];

	if (writes_refused(tv, "drop") || busy(tv))
		return;
	tv->op_table = strdup(table);
	tv->op_recreate = 0;
	snprintf(label, sizeof(label),
	         "Drop %s and all its items? Type its name to confirm:", table);
	tui_prompt(v->tui, label, "", 0, confirm_done, tv);
}

static void recreate(struct tables_view *tv)
{
	char label[320];

	if (writes_refused(tv, "recreate") || busy(tv))
		return;
	tv->op_table = strdup(tv->base.tui->session->table);
	tv->op_recreate = 1;
	snprintf(label, sizeof(label),
	         "Drop %s with all its items and create it again? Type its name to confirm:",
	         tv->op_table);
	tui_prompt(tv->base.tui, label, "", 0, confirm_done, tv);
}

static void schema_load(struct tables_view *tv)
{
	if (writes_refused(tv, "create table") || busy(tv))
		return;
	tv->op_table = strdup(tv->base.tui->session->table);
	tv->op_recreate = 0;
	create_table(tv);
}

/* ---- the pane ---- */

static void tables_title(struct view *v, char *buf, size_t size)
{
	struct tables_view *tv = tv_of(v);

	if (tv->unreachable[0] && !tv->nrows)
		snprintf(buf, size, "Tables (unreachable)");
	else if (tv->loading && !tv->nrows)
		snprintf(buf, size, "Tables (loading)");
	else if (tv->filter[0])
		snprintf(buf, size, "Tables (%d of %d) /%s", tv->nvis, tv->nrows, tv->filter);
	else
		snprintf(buf, size, "Tables (%d)", tv->nrows);
}

static void tables_draw(struct view *v, struct canvas *cv, struct rect r, int focused)
{
	struct tables_view *tv = tv_of(v);
	int rows = r.h - (tv->op[0] ? 2 : 0), i;
	char count[32];

	if (!tv->nrows && tv->unreachable[0]) {
		draw_center(cv, r, tv->unreachable, ST_ERROR);
	} else if (!tv->nrows) {
		/* worded to wrap in the 25 columns of the pane without a word left alone */
		draw_center(cv, r, tv->loading ? "Loading..." : "No tables. Press C to create one.",
		            ST_DIM);
	} else if (!tv->nvis) {
		draw_center(cv, r, "No table name holds the filter. Esc clears it.", ST_DIM);
	} else {
		tv->pos.count = tv->nvis;
		listpos_clamp(&tv->pos, rows);
		for (i = 0; i < rows && tv->pos.top + i < tv->nvis; i++) {
			struct table_row *row = &tv->rows[tv->vis[tv->pos.top + i]];
			int sel = tv->pos.top + i == tv->pos.sel;
			int st = sel ? (focused ? ST_SELECTED : ST_SELECTED_DIM) : ST_NORMAL;
			int cw, namew;

			/* the item count (DynamoDB's, refreshed about every six hours: "~"), or
			 * the status while the table is not ACTIVE */
			if (strcmp(row->status, "ACTIVE") != 0)
				snprintf(count, sizeof(count), "%s", row->status);
			else if (row->items >= 0)
				snprintf(count, sizeof(count), "~%.0f", row->items);
			else
				count[0] = '\0';
			cw = text_width(count);
			namew = r.w - 2 - (cw ? cw + 1 : 0);
			draw_row(cv, r, r.y + i, "", sel, focused, ST_NORMAL);
			/* a long name ends in an ellipsis, not cut as if it were whole */
			form_draw_fit(cv, r.x + 1, r.y + i, namew > 1 ? namew : 1, row->name, st);
			if (cw)
				canvas_text(cv, r.x + r.w - 1 - cw, r.y + i, cw, count,
				            sel ? st : ST_DIM);
		}
	}
	if (tv->op[0] && r.h >= 3)
		canvas_text(cv, r.x + 1, r.y + r.h - 1, r.w - 1, tv->op,
		            tv->op_error ? ST_ERROR : ST_WARN);
}

/* ---- filter, jump, width ---- */

static void filter_typed(struct tui *t, const char *text, void *ud)
{
	struct tables_view *tv = ud;

	(void)t;
	snprintf(tv->filter, sizeof(tv->filter), "%s", text ? text : "");
	apply_filter(tv, sel_row(tv));
}

static void filter_done(struct tui *t, const char *text, void *ud)
{
	struct tables_view *tv = ud;

	filter_typed(t, text, ud); /* Enter keeps the filter, Esc (NULL) clears it */
	if (tv->filter[0])
		tui_info(t, "%d of %d tables hold \"%s\" (Esc clears)", tv->nvis, tv->nrows,
		         tv->filter);
}

/* The first shown table whose name starts with text, else the first that holds it; -1. */
static int jump_target(const struct tables_view *tv, const char *text)
{
	size_t n = strlen(text);
	int i, held = -1;

	for (i = 0; i < tv->nvis && n; i++) {
		const char *name = tv->rows[tv->vis[i]].name;

		if (strncasecmp(name, text, n) == 0)
			return i;
		if (held < 0 && holds(name, text))
			held = i;
	}
	return held;
}

static void jump_typed(struct tui *t, const char *text, void *ud)
{
	struct tables_view *tv = ud;
	int i = jump_target(tv, text ? text : "");

	(void)t;
	if (i >= 0) {
		tv->pos.sel = i;
		listpos_clamp(&tv->pos, tv->base.page_rows > 0 ? tv->base.page_rows : 10);
	}
}

static void jump_done(struct tui *t, const char *text, void *ud)
{
	struct tables_view *tv = ud;

	if (!text) { /* Esc: back where it was */
		apply_filter(tv, tv->jump_from);
		return;
	}
	if (text[0] && jump_target(tv, text) < 0)
		tui_error(t, "no table%s holds \"%s\"", tv->filter[0] ? " shown" : "", text);
}

/* < and >: the pane's width by step columns, written to the state directory for the next run. */
static void pane_width(struct tables_view *tv, int step)
{
	struct tui *t = tv->base.tui;
	struct ddb_error err;
	int before = tui_tables_width(t);
	char value[16];

	t->tables_w = before + step;
	t->tables_w = tui_tables_width(t); /* within its bounds */
	if (t->tables_w == before) {
		tui_info(t, "the tables pane is as %s as it gets here (%d columns)",
		         step > 0 ? "wide" : "narrow", before);
		return;
	}
	snprintf(value, sizeof(value), "%d", t->tables_w);
	ddb_error_clear(&err);
	if (tui_state_set(STATE_TABLES_W, value, &err) != 0)
		tui_error(t, "tables pane %d columns wide, not remembered: %s", t->tables_w,
		          err.message);
	else
		tui_info(t, "tables pane %d columns wide (remembered)", t->tables_w);
}

static enum keymap_action tables_handle(struct view *v, enum keymap_action act, int key)
{
	struct tables_view *tv = tv_of(v);
	const char *sel = view_tables_selected(v);

	(void)key;
	if (listpos_action(&tv->pos, act, v->page_rows - (tv->op[0] ? 2 : 0)))
		return ACT_NONE;
	switch (act) {
	case ACT_OPEN:
		if (!sel)
			return ACT_NONE;
		tui_close_kind(v->tui, "scan");
		tui_open(v->tui, view_scan_new(v->tui, sel));
		return ACT_NONE;
	case ACT_DROP_TABLE:
		if (!sel) {
			tui_error(v->tui, "no table selected");
			return ACT_NONE;
		}
		view_tables_drop(v, sel);
		return ACT_NONE;
	case ACT_RECREATE:
		recreate(tv);
		return ACT_NONE;
	case ACT_SCHEMA_LOAD:
		schema_load(tv);
		return ACT_NONE;
	case ACT_FILTER:
		tui_prompt(v->tui, "Filter tables (Esc clears)", tv->filter, sizeof(tv->filter) - 1,
		           filter_done, tv);
		tui_prompt_live(v->tui, filter_typed);
		return ACT_NONE;
	case ACT_BACK:
		if (!tv->filter[0])
			return act;
		filter_done(v->tui, NULL, tv);
		return ACT_NONE;
	case ACT_JUMP:
		tv->jump_from = sel_row(tv);
		tui_prompt(v->tui, "Jump to table", "", sizeof(tv->filter) - 1, jump_done, tv);
		tui_prompt_live(v->tui, jump_typed);
		return ACT_NONE;
	case ACT_PANE_NARROWER:
	case ACT_PANE_WIDER:
		pane_width(tv, act == ACT_PANE_WIDER ? TABLES_W_STEP : -TABLES_W_STEP);
		return ACT_NONE;
	default:
		return act;
	}
}

const char *view_tables_selected(struct view *v)
{
	struct tables_view *tv = tv_of(v);

	int i = sel_row(tv);

	return i < 0 ? NULL : tv->rows[i].name;
}

static char *tables_copy(struct view *v)
{
	const char *sel = view_tables_selected(v);

	return sel ? strdup(sel) : NULL;
}

static void tables_free(struct view *v)
{
	struct tables_view *tv = tv_of(v);

	clear_rows(tv);
	free(tv->op_table);
	free(tv);
}

static const struct view_ops tables_ops = {
    .name = "tables",
    .ctx = CTX_TABLES,
    .title = tables_title,
    .draw = tables_draw,
    .handle = tables_handle,
    .refresh = tables_refresh,
    .copy_text = tables_copy,
    .free = tables_free,
};

struct view *view_tables_new(struct tui *t)
{
	struct tables_view *tv = calloc(1, sizeof(*tv));

	if (!tv)
		abort();
	view_init(&tv->base, &tables_ops, t);
	t->tables_w = tui_state_get_int(STATE_TABLES_W, 0);
	load(tv);
	return &tv->base;
}
