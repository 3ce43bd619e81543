/* scan_rows.c - the scan view (views/scan/scan.c): the view's rows: columns, sort order, what the
 * filter shows, a page added. */
#include "views/scan/scan_priv.h"

int sv_is_key(const struct scan_view *sv, const char *name)
{
	int k;

	for (k = 0; k < sv->nkeys; k++)
		if (strcmp(sv->keys[k], name) == 0)
			return 1;
	return 0;
}

/* The keys (and an index's, sv->pins), then the other attributes by how many rows have them. Keeps
 * the selected column if it stays. */
void sv_columns_compute(struct scan_view *sv)
{
	scan_columns_compute(&sv->st, sv->pins, sv->npins, sv->cols, &sv->ncols, &sv->nkeycols,
	                     &sv->selcol);
	scan_prefs_apply(&sv->prefs, &sv->st, sv->keys, sv->nkeys, sv->cols, &sv->ncols,
	                 &sv->nkeycols, &sv->selcol);
}

int sv_col_width(const struct scan_view *sv, int c)
{
	const struct attr_stat *st = &sv->st.stats[sv->cols[c]];
	int w = st->fitw ? st->fitw : st->maxw[sv->mode], min = st->namew,
	    cap = sv->cell_cap ? sv->cell_cap : CELL_MAX_W;

	if (w > cap)
		w = cap;

	if (sv->sort_name && strcmp(sv->sort_name, st->name) == 0)
		min += 2; /* room for the arrow */
	return w > min ? w : min;
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

void sv_skeys_free(struct scan_view *sv)
{
	int i;

	for (i = 0; sv->skeys && i < sv->nrows; i++)
		free(sv->skeys[i].text);
	free(sv->skeys);
	sv->skeys = NULL;
}

/* Rebuilds vis from order and the match flags, keeping the selected row selected if it is still
 * shown. */
void sv_vis_rebuild(struct scan_view *sv)
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

void sv_sort_all(struct scan_view *sv)
{
	struct ddb_buf b = DDB_BUF_INIT;
	int i;

	sv_skeys_free(sv);
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
	sv_vis_rebuild(sv);
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
void sv_rows_add(struct scan_view *sv, const cJSON *items)
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
	sv_columns_compute(sv);
	sv_vis_rebuild(sv);
	if (sv->chooser_open)
		sv_chooser_refresh(sv); /* the page's new attributes join the list */
}
