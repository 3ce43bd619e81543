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
 * keys, comparator, merge sort), filter.c (matching).
 *
 * The view is in files by idea, sharing scan_priv.h: scan_rows.c (columns, sort order,
 * filtered rows, a page added), scan_load.c (the row cap, the requests, reloading),
 * scan_draw.c (the pane), scan_marks.c (rows written, marks, the batch delete) and this file
 * (actions, constructors), scan_cols.c (the column chooser, =). */
#include "views/scan/scan_priv.h"

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
	sv_vis_rebuild(sv);
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
		sv_vis_rebuild(sv);
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
	sv_sort_all(sv);
	tui_info(sv->base.tui, "sorted by %s, %s (o again reverses)", name,
	         sv->sort_desc ? "descending" : "ascending");
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
	cJSON *item = sv_selected_item(sv);

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
		tui_prompt(t, label, "", 0, sv_delete_marked_confirmed, sv);
		break;
	default:
		break;
	}
}

static enum keymap_action scan_handle(struct view *v, enum keymap_action act, int key)
{
	struct scan_view *sv = sv_of(v);
	int i;

	if (sv->chooser_open)
		return sv_chooser_key(sv, act, key);
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
	if (listpos_action(&sv->pos, act, sv->grid_rows)) {
		sv_prefetch(sv);
		return ACT_NONE;
	}
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
	case ACT_COLUMNS:
		sv_chooser_open(sv);
		return ACT_NONE;
	case ACT_FIT_COLUMNS:
		sv_fit_widths(sv);
		return ACT_NONE;
	case ACT_FILTER:
		tui_prompt(v->tui, "Filter rows (empty clears)",
		           sv->filter_text ? sv->filter_text : "", 0, filter_done, sv);
		return ACT_NONE;
	case ACT_TOGGLE_RAW:
		sv->mode = sv->mode == MODE_PLAIN ? MODE_RAW : MODE_PLAIN;
		for (i = 0; i < sv->st.nstats; i++)
			sv->st.stats[i].fitw = 0; /* = fitted the other mode's cells */
		tui_info(v->tui, "cells as %s", sv->mode == MODE_RAW ? "DynamoDB JSON" : "values");
		return ACT_NONE;
	case ACT_LOAD_MORE:
		sv_load_more(sv, 0);
		return ACT_NONE;
	case ACT_LOAD_ALL:
		sv_load_more(sv, 1);
		return ACT_NONE;
	case ACT_OPEN:
		sv_open_selected(sv);
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
			sv_mark_toggle(sv);
		else if (act == ACT_MARK_RANGE)
			sv_mark_range(sv);
		else
			sv_mark_all(sv);
		return ACT_NONE;
	default:
		return act;
	}
}

static char *scan_copy(struct view *v)
{
	cJSON *item = sv_selected_item(sv_of(v));
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

	sv_clear_data(sv);
	sv_skeys_free(sv);
	cJSON_Delete(sv->key_names);
	free(sv->rows);
	free(sv->order);
	free(sv->vis);
	free(sv->tmp);
	scan_stats_free(&sv->st);
	scan_prefs_clear(&sv->prefs);
	scan_prefs_clear(&sv->chooser);
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
	sv_prefs_load(sv);
	sv_start(sv);
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
	sv_prefs_load(sv);
	sv_start(sv);
	return &sv->base;
}

const char *view_scan_table(struct view *v)
{
	return v && v->ops == &scan_ops ? sv_of(v)->table : NULL;
}
