/* scan.c - a table's items as a grid. DescribeTable first (the key attributes are the first
 * columns), then Scan 200 items a page, pausing after each page unless every page was asked for.
 * Columns: the keys, then the most frequent other attributes. Sort by a column, filter the loaded
 * rows, open a row in the item view.
 *
 * Built for 100,000 rows: per attribute name the view keeps how often it occurs and its widest
 * cell, updated as rows arrive, so a frame only renders the visible cells. Sorting and filtering
 * are done once when asked (and for each arriving page), never per frame. At most --max-rows
 * rows are kept (default 100,000): loading stops there and says so. With --segments N, a plain
 * scan loads every page of N segments at once (a parallel Scan), rows by segment as pages
 * arrive, interleaved.
 *
 * Editing (views/edit.c): e, a, p and x act on the selected row; rows are marked with Space, V
 * (a range) and * (every row shown), and x with marks deletes them through BatchWriteItem after
 * a typed count, with a progress bar in the footer. Writes come back through item_written, which
 * replaces, removes or adds the row.
 *
 * The model beside this file (no curses, no struct tui; tests/unit/test_scan_model.c): cell.c
 * (cell text), columns.c (attribute stats, columns), rows.c (rows as JSON text), sort.c (sort
 * keys, comparator, merge sort), filter.c (matching). */
#include "views/view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ddb/attr.h"
#include "ddb/buf.h"
#include "ddb/edit.h"
#include "ddb/json.h"
#include "ddb/number.h"
#include "ddb/ops.h"
#include "tui/form.h"
#include "tui/widgets.h"
#include "views/scan/cell.h"
#include "views/scan/columns.h"
#include "views/scan/filter.h"
#include "views/scan/rows.h"
#include "views/scan/sort.h"
#include "views/edit.h"
#include "views/views.h"

#define SCAN_PAGE_LIMIT 200
#define COL_GAP         2

enum scan_state {
	SS_DESCRIBING, /* DescribeTable for the key schema */
	SS_LOADING,    /* a Scan page is on its way */
	SS_MORE,       /* paused: m loads the next page */
	SS_DONE,       /* every page is in */
	SS_FAILED,     /* a page failed (rows kept); m tries again */
	SS_NO_TABLE,   /* DescribeTable failed: nothing to show but the error */
};

struct scan_view {
	struct view base;
	char *table;
	/* view_scan_new_request: the request run page after page instead of a plain Scan */
	char *op;       /* "Query" or "Scan" */
	cJSON *request; /* NULL: a Scan of the table */
	char *what;     /* the title's first word(s), "Query" */
	char *header;   /* a line above the grid (the expression), or NULL */
	char *keys[2];  /* hash, range */
	int nkeys;
	cJSON *key_names; /* the same as a JSON array, for the item view */

	enum scan_state state;
	int load_all;
	int cancelled;  /* the last page request was cancelled */
	int capped;     /* the row cap (--max-rows) is reached: loading stopped there */
	int over_cap;   /* a page brought more rows than the cap (the extra ones dropped) */
	int parallel;   /* a parallel scan (--segments) loads every page; r starts it over */
	double load_t0; /* when loading every page began, for rows/s */
	int load_rows0;
	int open_pending; /* Enter came before the first rows: open one when they come */
	cJSON *lek;       /* where the next page starts (NULL: at the beginning) */
	int pages;
	char error[300];

	struct scan_row *rows;
	int nrows, caprows;
	struct sort_key *skeys; /* per row while sorted (sort_name), else NULL */
	int *order;             /* every row, in display order (load order or sorted) */
	int *vis;               /* the rows that pass the filter, in display order */
	int *tmp;               /* merge sort scratch */
	int nvis;
	struct listpos pos;
	int grid_rows; /* data rows of the last draw */
	int grid_w;

	struct scan_stats st; /* per attribute name: how often, how wide */

	int cols[COL_MAX]; /* stat indices */
	int ncols;
	int nkeycols;
	int selcol; /* selected column (index in cols) */
	int hskip;  /* columns scrolled out, after the frozen ones */
	int show_selcol;
	enum cell_mode mode;

	char *sort_name; /* NULL: load order */
	int sort_desc;
	char *filter;      /* lowercase; NULL: none */
	char *filter_text; /* as typed */
	int filter_quick;  /* a row whose text lacks the filter cannot match (filter_quick_ok) */
	int filter_at;     /* rows before it are checked (match >= 0); the rest in slices */
	int filter_timer;  /* a slice is scheduled */

	cJSON *key_types; /* key attribute name -> "S" | "N" | "B", from DescribeTable */
	int nmarked;
	int mark_anchor;  /* row of the last Space, for V; -1 if none */
	int deleting;     /* a batch delete of the marked rows is on its way */
	int del_checking; /* ... reading them again first */
	long del_total, del_done;
};

static struct scan_view *sv_of(struct view *v)
{
	return (struct scan_view *)v;
}

static void *xrealloc(void *p, size_t n)
{
	return scan_xrealloc(p, n);
}

/* ---- the model (views/scan/: cell text, stats, rows, sort, filter) on the view's fields ---- */

static void cell_text(struct ddb_buf *out, const cJSON *av, enum cell_mode mode, size_t max)
{
	scan_cell_text(out, av, mode, max);
}

static int stat_get(struct scan_view *sv, const char *name)
{
	return scan_stats_get(&sv->st, name);
}

static void count_item(struct scan_view *sv, const cJSON *item, int dir, struct ddb_buf *b)
{
	scan_stats_count(&sv->st, item, dir, b);
}

static cJSON *row_parse(const struct scan_row *row)
{
	return scan_row_parse(row);
}

static cJSON *row_attr(const struct scan_row *row, const char *name)
{
	return scan_row_attr(row, name);
}

static void row_set(struct scan_row *row, const cJSON *item)
{
	scan_row_set(row, item);
}

static int is_key(const struct scan_view *sv, const char *name)
{
	int k;

	for (k = 0; k < sv->nkeys; k++)
		if (strcmp(sv->keys[k], name) == 0)
			return 1;
	return 0;
}

/* The keys, then the other attributes by how many rows have them. Keeps the selected column if
 * it stays. */
static void columns_compute(struct scan_view *sv)
{
	scan_columns_compute(&sv->st, sv->keys, sv->nkeys, sv->cols, &sv->ncols, &sv->nkeycols,
	                     &sv->selcol);
}

static int col_width(const struct scan_view *sv, int c)
{
	const struct attr_stat *st = &sv->st.stats[sv->cols[c]];
	int w = st->maxw[sv->mode], min = st->namew;

	if (sv->sort_name && strcmp(sv->sort_name, st->name) == 0)
		min += 2; /* room for the arrow */
	return w > min ? w : min;
}

/* ---- sorting (views/scan/sort.c) ---- */

static struct scan_sort sort_of(const struct scan_view *sv)
{
	struct scan_sort s = {sv->skeys, sv->sort_desc};

	return s;
}

static void merge_sort(struct scan_view *sv, int *a, int *tmp, int n)
{
	struct scan_sort s = sort_of(sv);

	scan_merge_sort(&s, a, tmp, n);
}

/* Sets a row's sort key for the current sort column, from its item if the caller has it parsed
 * (else from its text). */
static void row_sort_value(struct scan_view *sv, int idx, const cJSON *item, struct ddb_buf *b)
{
	cJSON *own = NULL;
	const cJSON *av;

	if (item)
		av = cJSON_GetObjectItemCaseSensitive(item, sv->sort_name);
	else
		av = own = row_attr(&sv->rows[idx], sv->sort_name);
	scan_sort_key_set(&sv->skeys[idx], av, b);
	cJSON_Delete(own);
}

static void skeys_free(struct scan_view *sv)
{
	int i;

	for (i = 0; sv->skeys && i < sv->nrows; i++)
		free(sv->skeys[i].text);
	free(sv->skeys);
	sv->skeys = NULL;
}

/* Rebuilds vis from order and the match flags, keeping the selected row selected if it is still
 * shown. */
static void vis_rebuild(struct scan_view *sv)
{
	int keep = sv->pos.sel < sv->nvis ? sv->vis[sv->pos.sel] : -1;
	int i;

	sv->nvis = 0;
	sv->pos.sel = 0;
	for (i = 0; i < sv->nrows; i++) {
		int r = sv->order[i];

		if (sv->filter && sv->rows[r].match != 1)
			continue;
		if (r == keep)
			sv->pos.sel = sv->nvis;
		sv->vis[sv->nvis++] = r;
	}
	sv->pos.count = sv->nvis;
	listpos_clamp(&sv->pos, sv->grid_rows > 0 ? sv->grid_rows : 10);
}

static void sort_all(struct scan_view *sv)
{
	struct ddb_buf b = DDB_BUF_INIT;
	int i;

	skeys_free(sv);
	if (sv->sort_name)
		sv->skeys = ddb_calloc((size_t)(sv->caprows ? sv->caprows : 1), sizeof(*sv->skeys));
	for (i = 0; i < sv->nrows; i++) {
		if (sv->sort_name)
			row_sort_value(sv, i, NULL, &b);
		sv->order[i] = i;
	}
	ddb_buf_done(&b);
	if (sv->sort_name)
		merge_sort(sv, sv->order, sv->tmp, sv->nrows);
	vis_rebuild(sv);
}

/* ---- the filter (views/scan/filter.c) ---- */

static int item_matches(struct scan_view *sv, const cJSON *item, struct ddb_buf *b)
{
	return scan_item_matches(sv->filter, item, b);
}

static int row_matches(struct scan_view *sv, const struct scan_row *row, struct ddb_buf *b)
{
	return scan_row_matches(sv->filter, sv->filter_quick, row, b);
}

/* ---- rows arriving ---- */

static void rows_reserve(struct scan_view *sv, int more)
{
	size_t n;

	if (sv->nrows + more <= sv->caprows)
		return;
	while (sv->nrows + more > sv->caprows)
		sv->caprows = sv->caprows ? sv->caprows * 2 : 256;
	n = (size_t)sv->caprows;
	sv->rows = xrealloc(sv->rows, n * sizeof(*sv->rows));
	sv->order = xrealloc(sv->order, n * sizeof(*sv->order));
	sv->vis = xrealloc(sv->vis, n * sizeof(*sv->vis));
	sv->tmp = xrealloc(sv->tmp, n * sizeof(*sv->tmp));
	if (sv->skeys)
		sv->skeys = xrealloc(sv->skeys, n * sizeof(*sv->skeys));
}

/* Adds the items of a page (an array, left as it is): each is counted and measured, filtered
 * and given its sort key while it is parsed, then kept as text. */
static void rows_add(struct scan_view *sv, const cJSON *items)
{
	struct ddb_buf b = DDB_BUF_INIT;
	const cJSON *it;
	int first = sv->nrows, n;

	rows_reserve(sv, cJSON_GetArraySize(items));
	cJSON_ArrayForEach(it, items)
	{
		struct scan_row *row = &sv->rows[sv->nrows];

		if (!cJSON_IsObject(it))
			continue;
		memset(row, 0, sizeof(*row));
		count_item(sv, it, 1, &b);
		row->match = sv->filter ? (signed char)item_matches(sv, it, &b) : -1;
		if (sv->skeys) {
			memset(&sv->skeys[sv->nrows], 0, sizeof(*sv->skeys));
			row_sort_value(sv, sv->nrows, it, &b);
		}
		row_set(row, it);
		sv->order[sv->nrows] = sv->nrows;
		sv->nrows++;
	}
	ddb_buf_done(&b);
	if (sv->filter_at >= first) /* every row before the page was checked: so is the page */
		sv->filter_at = sv->nrows;
	n = sv->nrows - first;
	if (sv->skeys && n) {
		/* sort the page, then merge it into the sorted rows: linear, not a full sort */
		struct scan_sort s = sort_of(sv);

		scan_sort_merge_new(&s, sv->order, first, n, sv->tmp);
	}
	columns_compute(sv);
	vis_rebuild(sv);
}

/* ---- the row cap (--max-rows) ---- */

/* The most rows the view keeps. */
static int row_cap(const struct scan_view *sv)
{
	long cap = sv->base.tui->session ? sv->base.tui->session->max_rows : 0;

	return cap > 0 && cap < 2000000000L ? (int)cap : 2000000000;
}

/* Items to ask for: a page, or one more than the cap leaves room for (an item past the cap says
 * that the table has more). */
static int page_limit(const struct scan_view *sv)
{
	int room = row_cap(sv) - sv->nrows + 1;

	if (room < 1) /* rows added by edits past the cap */
		room = 1;
	return room < SCAN_PAGE_LIMIT ? room : SCAN_PAGE_LIMIT;
}

/* Drops the items of a page that the cap leaves no room for, noting that there were some. */
static void trim_to_cap(struct scan_view *sv, cJSON *items)
{
	int room = row_cap(sv) - sv->nrows;
	cJSON *it = items ? items->child : NULL, *next;

	for (; it; it = next) {
		next = it->next;
		if (room-- > 0)
			continue;
		cJSON_Delete(cJSON_DetachItemViaPointer(items, it));
		sv->over_cap = 1;
	}
}

/* ---- requests ---- */

/* The selected row's item (caller frees), or NULL. */
static cJSON *selected_item(struct scan_view *sv)
{
	if (sv->pos.sel < 0 || sv->pos.sel >= sv->nvis)
		return NULL;
	return row_parse(&sv->rows[sv->vis[sv->pos.sel]]);
}

static void open_selected(struct scan_view *sv)
{
	cJSON *item = selected_item(sv);

	if (item)
		tui_open(sv->base.tui, view_item_new(sv->base.tui, sv->table, item, sv->key_names));
	cJSON_Delete(item);
}

static void scanned(struct ddb_client *c, struct ddb_reply *reply, void *ud);

/* Stops loading at the row cap, and says so. */
static void cap_reached(struct scan_view *sv)
{
	sv->state = SS_MORE;
	sv->capped = 1;
	sv->load_all = 0;
	tui_info(sv->base.tui, "row cap %d reached (--max-rows)", row_cap(sv));
}

/* ---- a parallel scan (--segments N): every page of N segments at once, up to the row cap;
 * rows come by segment as pages arrive, interleaved ---- */

static int parallel_page(struct ddb_client *c, struct ddb_reply *reply, void *ud)
{
	struct view_req *r = ud;
	struct scan_view *sv = sv_of(r->view);
	cJSON *items = cJSON_GetObjectItemCaseSensitive(reply->json, "Items");

	(void)c;
	if (view_req_stale(r))
		return 1;
	sv->pages++;
	trim_to_cap(sv, items);
	rows_add(sv, items);
	if (sv->open_pending && sv->nvis && tui_top(sv->base.tui) == &sv->base) {
		sv->open_pending = 0;
		open_selected(sv);
	}
	return sv->over_cap;
}

static void parallel_done(struct ddb_client *c, const struct ddb_error *err, void *ud)
{
	struct view_req *r = ud;
	struct scan_view *sv = sv_of(r->view);
	unsigned gen = r->gen;
	char what[160];

	(void)c;
	free(r);
	if (view_stale(&sv->base, gen))
		return;
	sv->load_all = 0;
	sv->open_pending = 0;
	if (err->kind == DDB_ERR_CANCELLED) {
		sv->state = SS_MORE;
		sv->cancelled = 1;
		tui_info(sv->base.tui, "cancelled, %d row%s loaded (r scans again)", sv->nrows,
		         sv->nrows == 1 ? "" : "s");
	} else if (err->kind != DDB_ERR_NONE) {
		sv->state = SS_FAILED;
		snprintf(what, sizeof(what), "scan %s", sv->table);
		tui_error_from(sv->base.tui, what, err);
		snprintf(sv->error, sizeof(sv->error), "%s", sv->base.tui->message);
	} else if (sv->over_cap) {
		cap_reached(sv);
	} else {
		sv->state = SS_DONE;
	}
}

static void parallel_start(struct scan_view *sv)
{
	cJSON *req = cJSON_CreateObject();

	cJSON_AddStringToObject(req, "TableName", sv->table);
	cJSON_AddNumberToObject(req, "Limit", page_limit(sv));
	sv->parallel = 1;
	sv->state = SS_LOADING;
	sv->load_all = 1;
	sv->cancelled = 0;
	sv->load_t0 = tui_now();
	sv->load_rows0 = sv->nrows;
	ddb_scan_parallel(sv->base.tui->client, req, sv->base.tui->session->segments,
	                  row_cap(sv) - sv->nrows + 1, parallel_page, parallel_done,
	                  view_req_new(&sv->base, 0), sv);
}

/* The next page. Pages are requested one by one (not with ddb_scan_pages) because pausing
 * needs LastEvaluatedKey, which the pager keeps to itself. */
static void request_page(struct scan_view *sv)
{
	cJSON *req = sv->request ? cJSON_Duplicate(sv->request, 1) : cJSON_CreateObject();

	if (!sv->request)
		cJSON_AddStringToObject(req, "TableName", sv->table);
	if (!cJSON_HasObjectItem(req, "Limit"))
		cJSON_AddNumberToObject(req, "Limit", page_limit(sv));
	else if (cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(req, "Limit")) >
	         page_limit(sv))
		cJSON_ReplaceItemInObjectCaseSensitive(req, "Limit",
		                                       cJSON_CreateNumber(page_limit(sv)));
	if (sv->lek)
		cJSON_AddItemToObject(req, "ExclusiveStartKey", cJSON_Duplicate(sv->lek, 1));
	sv->state = SS_LOADING;
	sv->cancelled = 0;
	ddb_submit(sv->base.tui->client, sv->op ? sv->op : "Scan", req, scanned,
	           view_req_new(&sv->base, 0), sv);
}

static void scanned(struct ddb_client *c, struct ddb_reply *reply, void *ud)
{
	struct view_req *r = ud;
	struct scan_view *sv = sv_of(r->view);
	unsigned gen = r->gen;
	char what[160];
	cJSON *lek;

	(void)c;
	free(r);
	if (view_stale(&sv->base, gen))
		return;
	snprintf(what, sizeof(what), "scan %s", sv->table);
	if (reply->err.kind == DDB_ERR_CANCELLED) {
		/* the rows stay, and so does the start of the next page: m goes on */
		sv->state = SS_MORE;
		sv->cancelled = 1;
		sv->load_all = 0;
		sv->open_pending = 0;
		tui_info(sv->base.tui, "cancelled, %d row%s loaded", sv->nrows,
		         sv->nrows == 1 ? "" : "s");
		return;
	}
	if (reply->err.kind != DDB_ERR_NONE) {
		sv->state = SS_FAILED;
		sv->load_all = 0;
		sv->open_pending = 0;
		tui_error_from(sv->base.tui, what, &reply->err);
		snprintf(sv->error, sizeof(sv->error), "%s", sv->base.tui->message);
		return;
	}
	sv->pages++;
	trim_to_cap(sv, cJSON_GetObjectItemCaseSensitive(reply->json, "Items"));
	rows_add(sv, cJSON_GetObjectItemCaseSensitive(reply->json, "Items"));
	lek = cJSON_DetachItemFromObjectCaseSensitive(reply->json, "LastEvaluatedKey");
	cJSON_Delete(sv->lek);
	sv->lek = NULL;
	if (cJSON_IsObject(lek))
		sv->lek = lek;
	else
		cJSON_Delete(lek);
	if (sv->over_cap) {
		cap_reached(sv);
	} else if (!sv->lek) {
		sv->state = SS_DONE;
		sv->load_all = 0;
	} else if (sv->load_all) {
		request_page(sv);
	} else {
		sv->state = SS_MORE;
	}
	if (sv->open_pending && sv->nvis && tui_top(sv->base.tui) == &sv->base) {
		sv->open_pending = 0;
		open_selected(sv);
	} else if (sv->state != SS_LOADING || tui_top(sv->base.tui) != &sv->base) {
		sv->open_pending = 0;
	}
}

static void described(struct ddb_client *c, struct ddb_reply *reply, void *ud)
{
	struct view_req *r = ud;
	struct scan_view *sv = sv_of(r->view);
	unsigned gen = r->gen;
	const cJSON *k, *schema;
	char what[160];

	(void)c;
	free(r);
	if (view_stale(&sv->base, gen))
		return;
	if (reply->err.kind != DDB_ERR_NONE) {
		snprintf(what, sizeof(what), "scan %s", sv->table);
		tui_error_from(sv->base.tui, what, &reply->err);
		sv->state = SS_NO_TABLE;
		sv->open_pending = 0;
		if (reply->err.kind == DDB_ERR_SERVICE &&
		    strcmp(reply->err.type, "ResourceNotFoundException") == 0)
			snprintf(sv->error, sizeof(sv->error), "Table %s not found", sv->table);
		else if (reply->err.kind == DDB_ERR_CANCELLED)
			snprintf(sv->error, sizeof(sv->error), "Cancelled (r reloads)");
		else
			snprintf(sv->error, sizeof(sv->error), "%s", sv->base.tui->message);
		return;
	}
	schema = cJSON_GetObjectItemCaseSensitive(
	    cJSON_GetObjectItemCaseSensitive(reply->json, "Table"), "KeySchema");
	/* the hash key first, then the range key, whatever order they came in */
	for (int pass = 0; pass < 2; pass++) {
		cJSON_ArrayForEach(k, schema)
		{
			const cJSON *n = cJSON_GetObjectItemCaseSensitive(k, "AttributeName");
			const cJSON *t = cJSON_GetObjectItemCaseSensitive(k, "KeyType");
			int hash = cJSON_IsString(t) && strcmp(t->valuestring, "HASH") == 0;

			if (!cJSON_IsString(n) || sv->nkeys == 2 || hash != (pass == 0))
				continue;
			sv->keys[sv->nkeys++] = ddb_strdup(n->valuestring);
			cJSON_AddItemToArray(sv->key_names, cJSON_CreateString(n->valuestring));
			stat_get(sv, n->valuestring);
		}
	}
	cJSON_ArrayForEach(
	    k, cJSON_GetObjectItemCaseSensitive(
	           cJSON_GetObjectItemCaseSensitive(reply->json, "Table"), "AttributeDefinitions"))
	{
		const cJSON *n = cJSON_GetObjectItemCaseSensitive(k, "AttributeName");
		const cJSON *t = cJSON_GetObjectItemCaseSensitive(k, "AttributeType");

		if (cJSON_IsString(n) && cJSON_IsString(t) && is_key(sv, n->valuestring))
			cJSON_AddStringToObject(sv->key_types, n->valuestring, t->valuestring);
	}
	columns_compute(sv);
	if (!sv->request && sv->base.tui->session && sv->base.tui->session->segments > 1)
		parallel_start(sv);
	else
		request_page(sv);
}

static void clear_data(struct scan_view *sv)
{
	int i;

	skeys_free(sv);
	for (i = 0; i < sv->nrows; i++)
		free(sv->rows[i].json);
	sv->nrows = sv->nvis = 0;
	if (sv->sort_name)
		sv->skeys = ddb_calloc((size_t)(sv->caprows ? sv->caprows : 1), sizeof(*sv->skeys));
	sv->filter_at = 0;
	sv->filter_timer = 0; /* a slice on its way finds the view reloaded */
	memset(&sv->pos, 0, sizeof(sv->pos));
	scan_stats_clear(&sv->st);
	sv->ncols = sv->nkeycols = sv->selcol = 0;
	sv->hskip = 0;
	for (i = 0; i < sv->nkeys; i++)
		free(sv->keys[i]);
	sv->nkeys = 0;
	cJSON_Delete(sv->key_names);
	sv->key_names = cJSON_CreateArray();
	cJSON_Delete(sv->key_types);
	sv->key_types = cJSON_CreateObject();
	sv->nmarked = 0;
	sv->mark_anchor = -1;
	sv->deleting = sv->del_checking = 0;
	cJSON_Delete(sv->lek);
	sv->lek = NULL;
	sv->pages = 0;
	sv->error[0] = '\0';
	sv->cancelled = 0;
	sv->open_pending = 0;
	sv->capped = sv->over_cap = 0;
	sv->parallel = 0;
}

static void start(struct scan_view *sv)
{
	sv->state = SS_DESCRIBING;
	ddb_describe_table(sv->base.tui->client, sv->table, described, view_req_new(&sv->base, 0),
	                   sv);
}

static void scan_refresh(struct view *v)
{
	struct scan_view *sv = sv_of(v);

	view_reload(v);
	clear_data(sv);
	sv->load_all = 0;
	start(sv);
}

/* ---- the pane ---- */

static void scan_title(struct view *v, char *buf, size_t size)
{
	struct scan_view *sv = sv_of(v);
	const char *what;
	char count[64];
	int n;

	if (sv->state == SS_DESCRIBING || sv->state == SS_NO_TABLE) {
		snprintf(buf, size, "%s %s%s", sv->what ? sv->what : "Scan", sv->table,
		         sv->state == SS_DESCRIBING ? " (loading)" : "");
		return;
	}
	switch (sv->state) {
	case SS_LOADING:
		what = sv->load_all ? "loading all" : "loading";
		break;
	case SS_DONE:
		what = "all";
		break;
	case SS_FAILED:
		what = "stopped";
		break;
	default:
		what = sv->capped ? "row cap" : "more";
		break;
	}
	if (sv->filter)
		snprintf(count, sizeof(count), "%d of %d rows", sv->nvis, sv->nrows);
	else
		snprintf(count, sizeof(count), "%d row%s", sv->nrows, sv->nrows == 1 ? "" : "s");
	n = snprintf(buf, size, "%s %s \xe2\x80\x94 %s (%s)", sv->what ? sv->what : "Scan",
	             sv->table, count, what);
	if (sv->filter && n > 0 && (size_t)n < size)
		n += snprintf(buf + n, size - (size_t)n, " filter: %s", sv->filter_text);
	if (sv->filter && sv->filter_at < sv->nrows && n > 0 && (size_t)n < size)
		n += snprintf(buf + n, size - (size_t)n, " (filtering, %d%%)",
		              (int)((long long)sv->filter_at * 100 / sv->nrows));
	if (sv->nmarked && n > 0 && (size_t)n < size)
		snprintf(buf + n, size - (size_t)n, " [%d marked]", sv->nmarked);
}

/* The line under the grid, or NULL. */
static const char *footer(struct scan_view *sv, char *buf, size_t size)
{
	if (sv->del_checking) {
		snprintf(buf, size,
		         "reading the %ld marked items again before deleting them (C-c stops)",
		         sv->del_total);
		return buf;
	}
	if (sv->deleting) {
		char bar[24];
		int i, fill = sv->del_total ? (int)(sv->del_done * 20 / sv->del_total) : 0;

		for (i = 0; i < 20; i++)
			bar[i] = i < fill ? '#' : '.';
		bar[20] = '\0';
		snprintf(buf, size, "deleting %ld of %ld [%s] (C-c stops)", sv->del_done,
		         sv->del_total, bar);
		return buf;
	}
	if (sv->capped) {
		snprintf(buf, size, "row cap %d reached (--max-rows): the table has more",
		         row_cap(sv));
		return buf;
	}
	switch (sv->state) {
	case SS_MORE:
		if (sv->cancelled && sv->parallel)
			snprintf(buf, size, "cancelled, %d rows loaded; r scans again", sv->nrows);
		else if (sv->cancelled)
			snprintf(buf, size,
			         "cancelled, %d rows loaded; m loads the next page, M "
			         "loads all",
			         sv->nrows);
		else
			snprintf(buf, size, "more: m loads the next page, M loads all");
		return buf;
	case SS_LOADING:
		if (sv->load_all) {
			double secs = tui_now() - sv->load_t0;

			snprintf(buf, size,
			         "loading every page%s: page %d, %d rows so far, %.0f rows/s (C-c "
			         "stops)",
			         sv->parallel ? " in parallel" : "", sv->pages + 1, sv->nrows,
			         secs > 0 ? (sv->nrows - sv->load_rows0) / secs : 0.0);
		} else
			snprintf(buf, size, "loading page %d...", sv->pages + 1);
		return buf;
	case SS_FAILED:
		snprintf(buf, size, "stopped after %d rows: %s", sv->nrows,
		         sv->parallel ? "r scans again" : "m tries the next page again");
		return buf;
	default:
		return NULL;
	}
}

/* How many columns stay on the left when scrolling: the keys, as many as fit in half the
 * width. */
static int frozen_cols(struct scan_view *sv, int width)
{
	int c, w = 0;

	for (c = 0; c < sv->nkeycols; c++) {
		w += col_width(sv, c) + COL_GAP;
		if (w > width / 2)
			break;
	}
	return c;
}

/* Keeps the scrolling in range and, if asked, the selected column in view. The scroll counts
 * columns after the frozen ones, so it holds when widths change how many are frozen. */
static void fix_scroll(struct scan_view *sv, int width)
{
	int frozen = frozen_cols(sv, width), avail = width, c, w, last;
	int firstcol = frozen + sv->hskip;

	for (c = 0; c < frozen; c++)
		avail -= col_width(sv, c) + COL_GAP;
	/* the last first column that still fills the width: no scrolling into emptiness */
	last = sv->ncols - 1;
	for (w = 0, c = sv->ncols - 1; c >= frozen; c--) {
		w += col_width(sv, c) + (c < sv->ncols - 1 ? COL_GAP : 0);
		if (w > avail)
			break;
		last = c;
	}
	if (sv->show_selcol && sv->selcol >= frozen) {
		if (sv->selcol < firstcol)
			firstcol = sv->selcol;
		for (;;) {
			for (w = 0, c = firstcol; c <= sv->selcol; c++)
				w += col_width(sv, c) + (c > firstcol ? COL_GAP : 0);
			if (w <= avail || firstcol >= sv->selcol)
				break;
			firstcol++;
		}
	}
	sv->show_selcol = 0;
	if (firstcol > last)
		firstcol = last;
	if (firstcol < frozen)
		firstcol = frozen;
	sv->hskip = firstcol - frozen;
}

/* Draws a cell at x in w columns: numbers to the right, too long text cut with an ellipsis. */
static void draw_cell(struct canvas *cv, int x, int y, int w, const char *text, int right,
                      int style)
{
	int tw = text_width(text);

	if (tw > w) {
		size_t fit = text_fit(text, w - 1);
		int out = canvas_textn(cv, x, y, w - 1, text, fit, style);

		canvas_text(cv, x + out, y, 1, "\xe2\x80\xa6", style);
		return;
	}
	canvas_text(cv, right ? x + w - tw : x, y, w, text, style);
}

/* The shown columns with their x and width, up to the right edge. */
struct col_pos {
	int c, x, w;
};

static int layout(struct scan_view *sv, struct rect r, struct col_pos *out)
{
	int frozen = frozen_cols(sv, r.w - 1), x = r.x + 1, n = 0, c;

	for (c = 0; c < sv->ncols && x < r.x + r.w; c++) {
		if (c >= frozen && c < frozen + sv->hskip)
			continue;
		out[n].c = c;
		out[n].x = x;
		out[n].w = col_width(sv, c);
		x += out[n].w + COL_GAP;
		n++;
	}
	return n;
}

static void scan_draw(struct view *v, struct canvas *cv, struct rect r, int focused)
{
	struct scan_view *sv = sv_of(v);
	struct col_pos cols[COL_MAX];
	struct ddb_buf b = DDB_BUF_INIT;
	char foot[200];
	const char *ft;
	int ncols, i, rows;

	if (sv->header && r.h > 4) {
		int hr = form_draw_wrapped(cv, r.x + 1, r.y, r.w - 1, 2, 2, sv->header, ST_DIM);

		r.y += hr;
		r.h -= hr;
	}
	if (sv->state == SS_DESCRIBING) {
		draw_center(cv, r, "Loading...", ST_DIM);
		return;
	}
	if (sv->state == SS_NO_TABLE) {
		draw_center(cv, r, sv->error, ST_ERROR);
		return;
	}
	ft = footer(sv, foot, sizeof(foot));
	rows = r.h - 1 - (ft ? 1 : 0);
	sv->grid_rows = rows > 0 ? rows : 1;
	sv->grid_w = r.w - 1;
	if (ft && r.h >= 3)
		canvas_text(cv, r.x + 1, r.y + r.h - 1, r.w - 1, ft,
		            sv->state == SS_FAILED ? ST_WARN : ST_DIM);
	if (rows < 1)
		return;
	fix_scroll(sv, r.w - 1);
	ncols = layout(sv, r, cols);

	/* the header */
	canvas_fill(cv, (struct rect){r.x, r.y, r.w, 1}, ' ', ST_HEADER);
	for (i = 0; i < ncols; i++) {
		const struct attr_stat *st = &sv->st.stats[sv->cols[cols[i].c]];
		int style = cols[i].c == sv->selcol ? ST_MARK : ST_HEADER;
		int maxw = r.x + r.w - cols[i].x;
		int w = canvas_text(cv, cols[i].x, r.y, maxw < cols[i].w ? maxw : cols[i].w,
		                    st->name, style);

		if (sv->sort_name && strcmp(sv->sort_name, st->name) == 0 && w + 2 <= maxw)
			canvas_text(cv, cols[i].x + w + 1, r.y, 1,
			            sv->sort_desc ? "\xe2\x96\xbc" : "\xe2\x96\xb2", style);
	}

	if (!sv->nvis) {
		struct rect rest = {r.x, r.y + 1, r.w, rows};

		if (sv->state == SS_LOADING)
			draw_center(cv, rest, "Loading...", ST_DIM);
		else if (sv->state == SS_FAILED && !sv->nrows)
			draw_center(cv, rest, sv->error, ST_ERROR);
		else if (sv->nrows)
			draw_center(cv, rest, "No rows match (/ edits the filter, empty shows all)",
			            ST_DIM);
		else
			draw_center(cv, rest, sv->state == SS_DONE ? "No items" : "No items yet",
			            ST_DIM);
		return;
	}
	sv->pos.count = sv->nvis;
	listpos_clamp(&sv->pos, rows);
	for (i = 0; i < rows && sv->pos.top + i < sv->nvis; i++) {
		const struct scan_row *row = &sv->rows[sv->vis[sv->pos.top + i]];
		cJSON *item = row_parse(row);
		int sel = sv->pos.top + i == sv->pos.sel;
		int y = r.y + 1 + i,
		    style = sel ? (focused ? ST_SELECTED : ST_SELECTED_DIM) : ST_NORMAL;
		int k;

		if (sel)
			canvas_fill(cv, (struct rect){r.x, y, r.w, 1}, ' ', style);
		if (row->marked)
			canvas_text(cv, r.x, y, 1, "*", sel ? style : ST_MARK);
		for (k = 0; k < ncols; k++) {
			const char *name = sv->st.stats[sv->cols[cols[k].c]].name;
			const cJSON *av = cJSON_GetObjectItemCaseSensitive(item, name);
			int maxw = r.x + r.w - cols[k].x;

			if (!av)
				continue;
			cell_text(&b, av, sv->mode, CELL_BYTES);
			draw_cell(cv, cols[k].x, y, maxw < cols[k].w ? maxw : cols[k].w,
			          ddb_buf_str(&b),
			          sv->mode == MODE_PLAIN && ddb_attr_type(av) == DDB_T_N &&
			              maxw >= cols[k].w,
			          style);
		}
		cJSON_Delete(item);
	}
	ddb_buf_done(&b);
}

/* ---- actions ---- */

/* The filter checks rows in slices of about this long, a frame between two, so keys are
 * answered while it goes through 100,000 rows. The slice run at once, before the frame of the
 * key that set the filter, is shorter: a small table is filtered in it. */
#define FILTER_SLICE_S       0.004
#define FILTER_FIRST_SLICE_S 0.002

static void filter_run(struct scan_view *sv, double slice);

static void filter_slice(struct ddb_client *c, void *ud, int cancelled)
{
	struct view_req *r = ud;
	struct scan_view *sv = sv_of(r->view);
	unsigned gen = r->gen;

	(void)c;
	(void)cancelled; /* C-c stops requests; the filter is local work, it goes on */
	free(r);
	if (view_stale(&sv->base, gen))
		return;
	sv->filter_timer = 0;
	if (sv->filter)
		filter_run(sv, FILTER_SLICE_S);
}

/* Checks the rows not checked yet for a slice of time; then schedules the next slice, or says
 * how many rows match. The rows found so far are shown meanwhile. */
static void filter_run(struct scan_view *sv, double slice)
{
	struct ddb_buf b = DDB_BUF_INIT;
	const char *env = getenv("DDBTUI_FILTER_SLICE_ROWS"); /* tests: rows per slice at most */
	long most = env ? atol(env) : 0, done = 0;
	double t0 = tui_now();
	int i;

	for (i = sv->filter_at; i < sv->nrows;) {
		struct scan_row *row = &sv->rows[i++];

		if (row->match < 0)
			row->match = (signed char)row_matches(sv, row, &b);
		if (++done == most || ((i & 127) == 0 && tui_now() - t0 >= slice))
			break;
	}
	sv->filter_at = i;
	ddb_buf_done(&b);
	vis_rebuild(sv);
	if (sv->filter_at < sv->nrows) {
		if (!sv->filter_timer) {
			sv->filter_timer = 1;
			ddb_timer_add(sv->base.tui->client, 0, filter_slice,
			              view_req_new(&sv->base, 0), sv);
		}
		return;
	}
	tui_info(sv->base.tui, "%d of %d rows match \"%s\"", sv->nvis, sv->nrows, sv->filter_text);
}

static void filter_done(struct tui *t, const char *text, void *ud)
{
	struct scan_view *sv = ud;
	int i;

	if (!text || sv->base.closed)
		return;
	free(sv->filter);
	free(sv->filter_text);
	sv->filter = sv->filter_text = NULL;
	if (!text[0]) {
		vis_rebuild(sv);
		tui_info(t, "filter cleared");
		return;
	}
	sv->filter = ddb_strdup(text);
	sv->filter_text = ddb_strdup(text);
	for (i = 0; sv->filter[i]; i++)
		if (sv->filter[i] >= 'A' && sv->filter[i] <= 'Z')
			sv->filter[i] = (char)(sv->filter[i] - 'A' + 'a');
	sv->filter_quick = scan_filter_quick_ok(sv->filter);
	for (i = 0; i < sv->nrows; i++)
		sv->rows[i].match = -1;
	sv->filter_at = 0;
	filter_run(sv, FILTER_FIRST_SLICE_S);
}

static void sort_by_selected(struct scan_view *sv)
{
	const char *name;

	if (!sv->ncols)
		return;
	name = sv->st.stats[sv->cols[sv->selcol]].name;
	if (sv->sort_name && strcmp(sv->sort_name, name) == 0) {
		sv->sort_desc = !sv->sort_desc;
	} else {
		free(sv->sort_name);
		sv->sort_name = ddb_strdup(name);
		sv->sort_desc = 0;
	}
	sort_all(sv);
	tui_info(sv->base.tui, "sorted by %s, %s (o again reverses)", name,
	         sv->sort_desc ? "descending" : "ascending");
}

static void load_more(struct scan_view *sv, int all)
{
	if (sv->capped) {
		tui_info(sv->base.tui, "row cap %d reached (--max-rows)", row_cap(sv));
		return;
	}
	if (sv->parallel) {
		if (sv->state == SS_LOADING)
			tui_info(sv->base.tui, "a parallel scan is loading every page");
		else if (sv->state == SS_DONE)
			tui_info(sv->base.tui, "all %d rows are loaded", sv->nrows);
		else
			tui_info(sv->base.tui, "r scans again");
		return;
	}
	if (all && !(sv->state == SS_LOADING && sv->load_all)) {
		sv->load_t0 = tui_now();
		sv->load_rows0 = sv->nrows;
	}
	switch (sv->state) {
	case SS_MORE:
	case SS_FAILED:
		sv->load_all = all;
		request_page(sv);
		break;
	case SS_LOADING:
		if (all)
			sv->load_all = 1;
		else
			tui_info(sv->base.tui, "a page is on its way");
		break;
	case SS_DONE:
		tui_info(sv->base.tui, "all %d rows are loaded", sv->nrows);
		break;
	default:
		break;
	}
}

/* ---- editing, marks, batch delete ---- */

/* Removes the rows flagged doomed, keeping the display order and the cursor's place. */
static void rows_remove_doomed(struct scan_view *sv)
{
	int *map, i, n = 0, k = 0, old_sel = sv->pos.sel, keep = -1, filter_at = 0;

	if (!sv->nrows)
		return;
	map = xrealloc(NULL, (size_t)sv->nrows * sizeof(*map));
	for (i = 0; i < sv->nrows; i++) {
		struct scan_row *row = &sv->rows[i];

		if (row->doomed) {
			cJSON *item = row_parse(row);

			if (item)
				count_item(sv, item, -1, NULL);
			cJSON_Delete(item);
			free(row->json);
			if (sv->skeys)
				free(sv->skeys[i].text);
			map[i] = -1;
			continue;
		}
		if (i < sv->filter_at)
			filter_at++;
		map[i] = n;
		if (sv->skeys)
			sv->skeys[n] = sv->skeys[i];
		sv->rows[n++] = *row;
	}
	sv->filter_at = filter_at;
	for (i = 0; i < sv->nrows; i++) {
		int r = map[sv->order[i]];

		if (r >= 0)
			sv->order[k++] = r;
	}
	if (old_sel >= 0 && old_sel < sv->nvis)
		keep = map[sv->vis[old_sel]];
	sv->mark_anchor =
	    sv->mark_anchor >= 0 && sv->mark_anchor < sv->nrows ? map[sv->mark_anchor] : -1;
	sv->nrows = n;
	free(map);
	sv->nmarked = 0;
	for (i = 0; i < sv->nrows; i++)
		sv->nmarked += sv->rows[i].marked;
	columns_compute(sv);
	/* vis_rebuild keeps the row at vis[pos.sel] selected */
	sv->pos.sel = 0;
	sv->nvis = keep >= 0;
	if (keep >= 0)
		sv->vis[0] = keep;
	vis_rebuild(sv);
	if (keep < 0) {
		sv->pos.sel = old_sel < sv->nvis ? old_sel : sv->nvis - 1;
		listpos_clamp(&sv->pos, sv->grid_rows > 0 ? sv->grid_rows : 10);
	}
}

static void row_replace(struct scan_view *sv, int idx, const cJSON *item)
{
	struct scan_row *row = &sv->rows[idx];
	struct ddb_buf b = DDB_BUF_INIT;
	cJSON *old = row_parse(row);

	if (old)
		count_item(sv, old, -1, NULL);
	cJSON_Delete(old);
	free(row->json);
	row_set(row, item);
	count_item(sv, item, 1, &b);
	if (sv->filter)
		row->match = (signed char)item_matches(sv, item, &b);
	ddb_buf_done(&b);
	columns_compute(sv);
	if (sv->sort_name)
		sort_all(sv);
	else
		vis_rebuild(sv);
}

/* Whether hay[0..n) holds needle[0..m), m > 0. */
static int has_bytes(const char *hay, size_t n, const char *needle, size_t m)
{
	const char *p;
	size_t i;

	for (i = 0; i + m <= n; i = (size_t)(p - hay) + 1) {
		p = memchr(hay + i, needle[0], n - m - i + 1);
		if (!p)
			return 0;
		if (memcmp(p, needle, m) == 0)
			return 1;
	}
	return 0;
}

/* The row whose key attributes are those of key, or -1. A string or binary key value is
 * looked for in the rows' text first: the rows and key were printed by the same printer. */
static int find_row(const struct scan_view *sv, const cJSON *key)
{
	struct ddb_buf probe = DDB_BUF_INIT;
	const cJSON *m;
	int i, found = -1;

	if (!key || !key->child)
		return -1;
	for (m = key->child; m; m = m->next) {
		enum ddb_type t = ddb_attr_type(m);

		if (t == DDB_T_S || t == DDB_T_B) {
			char *v = cJSON_PrintUnformatted(m);

			if (!v)
				abort();
			ddb_buf_reset(&probe);
			ddb_buf_puts(&probe,
			             v); /* {"S":"..."}: the name may be escaped, the value not */
			free(v);
			break;
		}
	}
	for (i = 0; i < sv->nrows && found < 0; i++) {
		int same = 1;

		if (probe.len &&
		    !has_bytes(sv->rows[i].json, sv->rows[i].len, probe.data, probe.len))
			continue;
		for (m = key->child; m && same; m = m->next) {
			cJSON *av = row_attr(&sv->rows[i], m->string);

			same = ddb_attr_same(av, m);
			cJSON_Delete(av);
		}
		if (same)
			found = i;
	}
	ddb_buf_done(&probe);
	return found;
}

static void scan_item_written(struct view *v, const char *table, const cJSON *old_key,
                              const cJSON *item)
{
	struct scan_view *sv = sv_of(v);
	int idx, i;

	if (strcmp(table, sv->table) != 0 || sv->state == SS_DESCRIBING || sv->state == SS_NO_TABLE)
		return;
	idx = find_row(sv, old_key);
	if (idx < 0 && item) {
		cJSON *key = ddb_item_key_of(item, sv->key_names);

		idx = find_row(sv, key);
		cJSON_Delete(key);
	}
	if (idx >= 0 && sv->rows[idx].doomed)
		return; /* a batch delete has it */
	if (idx >= 0 && item) {
		row_replace(sv, idx, item);
	} else if (idx >= 0) {
		sv->rows[idx].doomed = 1;
		rows_remove_doomed(sv);
	} else if (item && !sv->request) {
		/* a new item (a query's results get it only if r shows it matches) */
		cJSON *page = cJSON_CreateArray();

		cJSON_AddItemToArray(page, cJSON_Duplicate(item, 1));
		rows_add(sv, page);
		cJSON_Delete(page);
		for (i = 0; i < sv->nvis; i++)
			if (sv->vis[i] == sv->nrows - 1)
				sv->pos.sel = i;
		listpos_clamp(&sv->pos, sv->grid_rows > 0 ? sv->grid_rows : 10);
	}
}

static void count_marks(struct scan_view *sv)
{
	int i;

	sv->nmarked = 0;
	for (i = 0; i < sv->nrows; i++)
		sv->nmarked += sv->rows[i].marked;
}

static void mark_toggle(struct scan_view *sv)
{
	struct scan_row *row;

	if (sv->pos.sel < 0 || sv->pos.sel >= sv->nvis)
		return;
	row = &sv->rows[sv->vis[sv->pos.sel]];
	row->marked = !row->marked;
	sv->nmarked += row->marked ? 1 : -1;
	if (row->marked)
		sv->mark_anchor = sv->vis[sv->pos.sel];
	if (sv->pos.sel < sv->nvis - 1)
		sv->pos.sel++;
	listpos_clamp(&sv->pos, sv->grid_rows > 0 ? sv->grid_rows : 10);
}

/* Marks the rows shown from the last marked one to the cursor. */
static void mark_range(struct scan_view *sv)
{
	int from = sv->pos.sel, i;

	if (sv->pos.sel < 0 || sv->pos.sel >= sv->nvis)
		return;
	for (i = 0; i < sv->nvis; i++)
		if (sv->vis[i] == sv->mark_anchor)
			from = i;
	if (sv->mark_anchor < 0 || from == sv->pos.sel)
		tui_info(sv->base.tui, "V marks from the last row marked with Space to the cursor");
	for (i = from < sv->pos.sel ? from : sv->pos.sel;
	     i <= (from < sv->pos.sel ? sv->pos.sel : from); i++)
		sv->rows[sv->vis[i]].marked = 1;
	sv->mark_anchor = sv->vis[sv->pos.sel];
	count_marks(sv);
}

/* Marks every row shown; if they all are, unmarks them. */
static void mark_all(struct scan_view *sv)
{
	int i, all = sv->nvis > 0;

	for (i = 0; i < sv->nvis && all; i++)
		all = sv->rows[sv->vis[i]].marked;
	for (i = 0; i < sv->nvis; i++)
		sv->rows[sv->vis[i]].marked = !all;
	count_marks(sv);
	tui_info(sv->base.tui, "%s %d row%s (%d marked)", all ? "unmarked" : "marked", sv->nvis,
	         sv->nvis == 1 ? "" : "s", sv->nmarked);
}

static void batch_progress(struct ddb_client *c, const struct ddb_batch_progress *p, void *ud)
{
	struct view_req *r = ud;

	(void)c;
	if (view_req_stale(r))
		return;
	sv_of(r->view)->del_done = p->written;
}

static void batch_done(struct ddb_client *c, const struct ddb_error *err, void *ud)
{
	struct view_req *r = ud;
	struct scan_view *sv = sv_of(r->view);
	unsigned gen = r->gen;
	long total = sv->del_total, done = sv->del_done;
	int i;

	(void)c;
	free(r);
	if (view_stale(&sv->base, gen))
		return;
	sv->deleting = 0;
	if (err->kind == DDB_ERR_NONE) {
		rows_remove_doomed(sv);
		tui_info(sv->base.tui, "deleted %ld item%s from %s (u undoes them one at a time)",
		         total, total == 1 ? "" : "s", sv->table);
		return;
	}
	for (i = 0; i < sv->nrows; i++)
		sv->rows[i].doomed = 0;
	tui_error(sv->base.tui,
	          "deleted %ld of %ld items, then: %s%s%s (r reloads to see what is left)", done,
	          total, err->type, err->type[0] ? ": " : "", err->message);
}

/* A batch delete of the marked rows reads them again first (BatchWriteItem takes no
 * condition): if one changed since it was loaded, nothing is deleted. */
struct del_check {
	struct scan_view *sv;
	unsigned gen;
	cJSON *loaded; /* the marked rows' items, as loaded */
};

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The key of an item as text (the key attributes in key_names order), for lookups. */
static char *key_text(const struct scan_view *sv, const cJSON *item)
{
	cJSON *key = ddb_item_key_of(item, sv->key_names);
	char *s = key ? cJSON_PrintUnformatted(key) : NULL;

	cJSON_Delete(key);
	return s;
}

static void marked_checked(struct ddb_client *c, const struct ddb_error *err, const cJSON *items,
                           void *ud)
{
	struct del_check *dc = ud;
	struct scan_view *sv = dc->sv;
	struct tui *t = sv->base.tui;
	struct ddb_error jerr;
	cJSON *entries = NULL, *writes = NULL, *cur;
	const cJSON *it;
	char **idx = NULL;
	int n = 0, changed = 0, gone = 0, i;

	(void)c;
	if (view_stale(&sv->base, dc->gen))
		goto out;
	sv->deleting = sv->del_checking = 0;
	if (err->kind != DDB_ERR_NONE) {
		tui_error(t, "not deleted: reading the marked items again: %s%s%s", err->type,
		          err->type[0] ? ": " : "", err->message);
		goto out;
	}
	/* the items read, by key text: "key\n" then the item's text, sorted */
	idx = ddb_calloc((size_t)cJSON_GetArraySize(items) + 1, sizeof(*idx));
	cJSON_ArrayForEach(it, items)
	{
		char *k = key_text(sv, it), *v = cJSON_PrintUnformatted(it);
		struct ddb_buf b = DDB_BUF_INIT;

		if (k && v) {
			ddb_buf_puts(&b, k);
			ddb_buf_putc(&b, '\n');
			ddb_buf_puts(&b, v);
			idx[n++] = ddb_buf_steal(&b);
		}
		free(k);
		free(v);
		ddb_buf_done(&b);
	}
	qsort(idx, (size_t)n, sizeof(*idx), cmp_str);
	entries = cJSON_CreateArray();
	writes = cJSON_CreateArray();
	cJSON_ArrayForEach(it, dc->loaded)
	{
		char *k = key_text(sv, it), *hit = NULL;
		cJSON *e, *w;
		int lo = 0, hi = n;
		size_t kl = k ? strlen(k) : 0;

		while (k && lo < hi) { /* the first entry not below "k\n" */
			int mid = (lo + hi) / 2, c2 = strncmp(idx[mid], k, kl);

			if (c2 < 0 || (c2 == 0 && idx[mid][kl] < '\n'))
				lo = mid + 1;
			else
				hi = mid;
		}
		if (k && lo < n && strncmp(idx[lo], k, kl) == 0 && idx[lo][kl] == '\n')
			hit = idx[lo] + kl + 1;
		free(k);
		if (!hit) {
			gone++;
			continue;
		}
		cur = ddb_json_parse(hit, strlen(hit), &jerr);
		if (!ddb_item_same(cur, it)) {
			changed++;
			cJSON_Delete(cur);
			continue;
		}
		e = cJSON_CreateObject();
		cJSON_AddItemToObject(e, "key", ddb_item_key_of(cur, sv->key_names));
		cJSON_AddItemToObject(e, "before", cur);
		cJSON_AddItemToArray(entries, e);
		w = cJSON_CreateObject();
		cJSON_AddItemToObject(cJSON_AddObjectToObject(w, "DeleteRequest"), "Key",
		                      ddb_item_key_of(cur, sv->key_names));
		cJSON_AddItemToArray(writes, w);
	}
	if (changed) {
		tui_error(t,
		          "not deleted: %d of the %d marked items changed since they were loaded "
		          "(r reloads them)",
		          changed, cJSON_GetArraySize(dc->loaded));
		goto out;
	}
	ddb_error_clear(&jerr);
	if (cJSON_GetArraySize(entries) &&
	    edit_journal_many(t, sv->table, "delete", entries, &jerr) < 0) {
		tui_error(t, "not deleted: the undo journal: %s", jerr.message);
		goto out;
	}
	for (i = 0; i < sv->nrows; i++)
		sv->rows[i].doomed = sv->rows[i].marked;
	if (!cJSON_GetArraySize(writes)) {
		rows_remove_doomed(sv);
		tui_info(t, "the %d marked items were deleted meanwhile", gone);
		goto out;
	}
	sv->deleting = 1;
	sv->del_total = cJSON_GetArraySize(writes);
	sv->del_done = 0;
	ddb_batch_write(t->client, sv->table, writes, 0, batch_progress, batch_done,
	                view_req_new(&sv->base, 0), sv);
	writes = NULL;
out:
	for (i = 0; i < n; i++)
		free(idx[i]);
	free(idx);
	cJSON_Delete(entries);
	cJSON_Delete(writes);
	cJSON_Delete(dc->loaded);
	free(dc);
}

static void delete_marked_confirmed(struct tui *t, const char *text, void *ud)
{
	struct scan_view *sv = ud;
	struct del_check *dc;
	cJSON *keys;
	char want[32];
	int i;

	if (!text || sv->base.closed)
		return;
	snprintf(want, sizeof(want), "%d", sv->nmarked);
	if (strcmp(text, want) != 0) {
		tui_info(t, "not deleted (the count typed was not %s)", want);
		return;
	}
	dc = ddb_calloc(1, sizeof(*dc));
	dc->sv = sv;
	dc->gen = sv->base.gen;
	dc->loaded = cJSON_CreateArray();
	keys = cJSON_CreateArray();
	for (i = 0; i < sv->nrows; i++) {
		cJSON *item, *key;

		if (!sv->rows[i].marked)
			continue;
		item = row_parse(&sv->rows[i]);
		key = item ? ddb_item_key_of(item, sv->key_names) : NULL;
		if (!key) {
			cJSON_Delete(item);
			continue;
		}
		cJSON_AddItemToArray(dc->loaded, item);
		cJSON_AddItemToArray(keys, key);
	}
	sv->deleting = sv->del_checking = 1;
	sv->del_total = cJSON_GetArraySize(keys);
	sv->del_done = 0;
	ddb_batch_get(t->client, sv->table, keys, marked_checked, dc, sv);
}

/* Whether the rows may be partial items: from an index or with a projection. */
static int partial_rows(const struct scan_view *sv)
{
	const char *sel;

	if (!sv->request)
		return 0;
	sel = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(sv->request, "Select"));
	return cJSON_HasObjectItem(sv->request, "IndexName") ||
	       cJSON_HasObjectItem(sv->request, "ProjectionExpression") ||
	       cJSON_HasObjectItem(sv->request, "AttributesToGet") ||
	       (sel && strcmp(sel, "ALL_ATTRIBUTES") != 0);
}

static void edit_target_action(struct scan_view *sv, enum keymap_action act, const cJSON *item);

/* e, a, p, x on the selected row (or the marked ones). */
static void edit_action(struct scan_view *sv, enum keymap_action act)
{
	cJSON *item = selected_item(sv);

	edit_target_action(sv, act, item);
	cJSON_Delete(item);
}

static void edit_target_action(struct scan_view *sv, enum keymap_action act, const cJSON *item)
{
	struct tui *t = sv->base.tui;
	struct edit_target tg = {sv->table, sv->key_names, sv->key_types, item,
	                         sv->mode == MODE_RAW};
	char label[200];

	if (sv->deleting) {
		tui_info(t, "a delete of %ld items is on its way (C-c stops it)", sv->del_total);
		return;
	}
	if (partial_rows(sv) && tg.item &&
	    (act == ACT_EDIT_ITEM || act == ACT_DUPLICATE_ITEM ||
	     (act == ACT_DELETE_ITEM && !sv->nmarked))) {
		edit_whole_item(t, &tg, act);
		return;
	}
	switch (act) {
	case ACT_EDIT_ITEM:
		edit_item(t, &tg);
		break;
	case ACT_NEW_ITEM:
		tg.item = NULL; /* the template needs only the key types */
		edit_new_item(t, &tg);
		break;
	case ACT_DUPLICATE_ITEM:
		edit_duplicate(t, &tg);
		break;
	case ACT_DELETE_ITEM:
		if (!sv->nmarked) {
			edit_delete(t, &tg);
			break;
		}
		if (edit_refused(t, "deleting the marked rows"))
			break;
		if (partial_rows(sv)) {
			/* the journal needs whole previous images to undo */
			tui_error(t, "%s",
			          "rows of an index or a projection: delete the marked items "
			          "from a scan of the table, or unmark them and use x on each");
			break;
		}
		snprintf(label, sizeof(label), "Delete %d marked item%s from %s? (type %d)",
		         sv->nmarked, sv->nmarked == 1 ? "" : "s", sv->table, sv->nmarked);
		tui_prompt(t, label, "", 0, delete_marked_confirmed, sv);
		break;
	default:
		break;
	}
}

static enum keymap_action scan_handle(struct view *v, enum keymap_action act, int key)
{
	struct scan_view *sv = sv_of(v);

	(void)key;
	if (act == ACT_BACK && sv->deleting) {
		/* closing would cancel the batch delete halfway */
		tui_info(v->tui,
		         "a delete of %ld items is on its way: C-c stops it, then Esc closes this",
		         sv->del_total);
		return ACT_NONE;
	}
	if (act == ACT_OPEN && !sv->nvis &&
	    (sv->state == SS_DESCRIBING || sv->state == SS_LOADING)) {
		/* typed ahead (s then Enter): keep it for the first row */
		sv->open_pending = 1;
		return ACT_NONE;
	}
	if (sv->state == SS_DESCRIBING && act == ACT_LOAD_ALL) {
		/* typed ahead: every page, once the key schema is in */
		sv->load_all = 1;
		sv->load_t0 = tui_now();
		sv->load_rows0 = 0;
		return ACT_NONE;
	}
	/* / typed ahead too: the rows are filtered as they arrive */
	if ((sv->state == SS_DESCRIBING && act != ACT_FILTER) || sv->state == SS_NO_TABLE)
		return act;
	sv->pos.count = sv->nvis;
	if (listpos_action(&sv->pos, act, sv->grid_rows))
		return ACT_NONE;
	switch (act) {
	case ACT_SCROLL_LEFT:
		if (sv->hskip > 0)
			sv->hskip--;
		return ACT_NONE;
	case ACT_SCROLL_RIGHT:
		sv->hskip++;
		return ACT_NONE;
	case ACT_COLUMN_PREV:
		if (sv->selcol > 0)
			sv->selcol--;
		sv->show_selcol = 1;
		return ACT_NONE;
	case ACT_COLUMN_NEXT:
		if (sv->selcol < sv->ncols - 1)
			sv->selcol++;
		sv->show_selcol = 1;
		return ACT_NONE;
	case ACT_SORT:
		sort_by_selected(sv);
		return ACT_NONE;
	case ACT_FILTER:
		tui_prompt(v->tui, "Filter rows (empty clears)",
		           sv->filter_text ? sv->filter_text : "", 0, filter_done, sv);
		return ACT_NONE;
	case ACT_TOGGLE_RAW:
		sv->mode = sv->mode == MODE_PLAIN ? MODE_RAW : MODE_PLAIN;
		tui_info(v->tui, "cells as %s", sv->mode == MODE_RAW ? "DynamoDB JSON" : "values");
		return ACT_NONE;
	case ACT_LOAD_MORE:
		load_more(sv, 0);
		return ACT_NONE;
	case ACT_LOAD_ALL:
		load_more(sv, 1);
		return ACT_NONE;
	case ACT_OPEN:
		open_selected(sv);
		return ACT_NONE;
	case ACT_EDIT_ITEM:
	case ACT_NEW_ITEM:
	case ACT_DUPLICATE_ITEM:
	case ACT_DELETE_ITEM:
		edit_action(sv, act);
		return ACT_NONE;
	case ACT_MARK:
	case ACT_MARK_RANGE:
	case ACT_MARK_ALL:
		if (sv->deleting) {
			tui_info(v->tui, "the marked rows are being deleted (C-c stops it)");
			return ACT_NONE;
		}
		if (act == ACT_MARK)
			mark_toggle(sv);
		else if (act == ACT_MARK_RANGE)
			mark_range(sv);
		else
			mark_all(sv);
		return ACT_NONE;
	default:
		return act;
	}
}

static char *scan_copy(struct view *v)
{
	cJSON *item = selected_item(sv_of(v));
	struct ddb_error err;
	cJSON *plain;
	char *s;

	if (!item)
		return NULL;
	ddb_error_clear(&err);
	plain = ddb_item_to_plain(item, &err);
	s = cJSON_PrintUnformatted(plain ? plain : item);
	cJSON_Delete(plain);
	cJSON_Delete(item);
	return s;
}

static void scan_free(struct view *v)
{
	struct scan_view *sv = sv_of(v);

	clear_data(sv);
	skeys_free(sv);
	cJSON_Delete(sv->key_names);
	free(sv->rows);
	free(sv->order);
	free(sv->vis);
	free(sv->tmp);
	scan_stats_free(&sv->st);
	free(sv->sort_name);
	free(sv->filter);
	free(sv->filter_text);
	cJSON_Delete(sv->key_types);
	free(sv->table);
	free(sv->op);
	cJSON_Delete(sv->request);
	free(sv->what);
	free(sv->header);
	free(sv);
}

static const struct view_ops scan_ops = {
    .name = "scan",
    .ctx = CTX_SCAN,
    .title = scan_title,
    .draw = scan_draw,
    .handle = scan_handle,
    .refresh = scan_refresh,
    .copy_text = scan_copy,
    .free = scan_free,
    .item_written = scan_item_written,
};

struct view *view_scan_new(struct tui *t, const char *table)
{
	struct scan_view *sv = calloc(1, sizeof(*sv));

	if (!sv)
		abort();
	view_init(&sv->base, &scan_ops, t);
	sv->table = ddb_strdup(table);
	sv->key_names = cJSON_CreateArray();
	sv->key_types = cJSON_CreateObject();
	sv->mark_anchor = -1;
	start(sv);
	return &sv->base;
}

struct view *view_scan_new_request(struct tui *t, const char *table, const char *op,
                                   const cJSON *request, const char *what, const char *header)
{
	struct scan_view *sv = calloc(1, sizeof(*sv));

	if (!sv)
		abort();
	view_init(&sv->base, &scan_ops, t);
	sv->table = ddb_strdup(table);
	sv->op = ddb_strdup(op);
	sv->request = cJSON_Duplicate(request, 1);
	sv->what = ddb_strdup(what);
	sv->header = header ? ddb_strdup(header) : NULL;
	sv->key_names = cJSON_CreateArray();
	sv->key_types = cJSON_CreateObject();
	sv->mark_anchor = -1;
	start(sv);
	return &sv->base;
}

const char *view_scan_table(struct view *v)
{
	return v && v->ops == &scan_ops ? sv_of(v)->table : NULL;
}
