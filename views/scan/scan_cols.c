/* scan_cols.c - the scan view (views/scan/scan.c): the column chooser (f), a popup over the grid
 * listing every attribute seen, in the grid's order: Space shows or hides one, J and K move it,
 * p pins it on the left (frozen while scrolling sideways), r resets to the automatic columns.
 * The choice is remembered per table in the state directory (columns, a JSON object of table
 * name to choice, replaced atomically; a damaged file is ignored with a warning and rewritten
 * on the next choice). = fits the column widths to the rows on screen. */
#include "views/scan/scan_priv.h"

#include "ddb/file.h"
#include "tui/state.h"

#define COLS_FILE "columns"

static char *cols_path(struct ddb_error *err)
{
	return tui_state_file(COLS_FILE, err);
}

/* The file as a JSON object; NULL if missing (*bad 0) or damaged (*bad 1). */
static cJSON *cols_read(const char *path, int *bad)
{
	struct ddb_error err;
	char *text;
	cJSON *j;

	*bad = 0;
	ddb_error_clear(&err);
	text = ddb_read_file(path, NULL, &err);
	if (!text)
		return NULL;
	j = cJSON_Parse(text);
	free(text);
	if (!cJSON_IsObject(j)) {
		cJSON_Delete(j);
		*bad = 1;
		return NULL;
	}
	return j;
}

void sv_prefs_load(struct scan_view *sv)
{
	struct ddb_error err;
	char *path;
	cJSON *j;
	int bad;

	ddb_error_clear(&err);
	path = cols_path(&err);
	if (!path)
		return;
	j = cols_read(path, &bad);
	if (!bad && j && cJSON_HasObjectItem(j, sv->table) &&
	    scan_prefs_from_json(cJSON_GetObjectItemCaseSensitive(j, sv->table), &sv->prefs) != 0)
		bad = 1;
	if (bad) {
		sv->chooser_bad_file = 1;
		tui_error(sv->base.tui,
		          "%s is damaged: the remembered columns are ignored (it is rewritten when "
		          "columns are next chosen with f)",
		          path);
	}
	cJSON_Delete(j);
	free(path);
}

static void prefs_save(struct scan_view *sv)
{
	struct ddb_error err;
	char *path, *text;
	cJSON *j;
	int bad;

	ddb_error_clear(&err);
	path = cols_path(&err);
	if (!path) {
		tui_error_from(sv->base.tui, "cannot remember the columns", &err);
		return;
	}
	j = cols_read(path, &bad); /* re-read now: another ddbtui may have written since */
	if (!j)
		j = cJSON_CreateObject();
	cJSON_DeleteItemFromObjectCaseSensitive(j, sv->table);
	if (sv->prefs.n)
		cJSON_AddItemToObject(j, sv->table, scan_prefs_to_json(&sv->prefs));
	text = cJSON_Print(j);
	if (ddb_replace_file(path, text, strlen(text), 0, "remembered columns", &err) != 0)
		tui_error_from(sv->base.tui, "cannot remember the columns", &err);
	else
		sv->chooser_bad_file = 0;
	free(text);
	cJSON_Delete(j);
	free(path);
}

/* The chooser's list again from the choice and the grid, the entry named keep selected. */
static void chooser_rebuild(struct scan_view *sv, const char *keep)
{
	char *name = keep ? ddb_strdup(keep) : NULL;
	int i;

	scan_prefs_list(&sv->prefs, &sv->st, sv->cols, sv->ncols, sv->nkeycols, &sv->chooser);
	sv->chooser_pos.count = sv->chooser.n;
	for (i = 0; name && i < sv->chooser.n; i++)
		if (strcmp(sv->chooser.v[i].name, name) == 0)
			sv->chooser_pos.sel = i;
	if (sv->chooser_pos.sel >= sv->chooser.n)
		sv->chooser_pos.sel = sv->chooser.n ? sv->chooser.n - 1 : 0;
	free(name);
}

void sv_chooser_refresh(struct scan_view *sv)
{
	chooser_rebuild(sv, sv->chooser.n ? sv->chooser.v[sv->chooser_pos.sel].name : NULL);
}

void sv_chooser_open(struct scan_view *sv)
{
	memset(&sv->chooser_pos, 0, sizeof(sv->chooser_pos));
	chooser_rebuild(sv, sv->ncols ? sv->st.stats[sv->cols[sv->selcol]].name : NULL);
	if (!sv->chooser.n) {
		scan_prefs_clear(&sv->chooser);
		tui_info(sv->base.tui, "no columns yet: f again once rows are in");
		return;
	}
	sv->chooser_open = 1;
}

/* Pinned entries first, in their order (pinned columns are the grid's first). */
static void pinned_first(struct col_prefs *p)
{
	int i, j;

	for (i = 1; i < p->n; i++)
		for (j = i;
		     j > 0 && (p->v[j].flags & COLF_PINNED) && !(p->v[j - 1].flags & COLF_PINNED);
		     j--)
			scan_prefs_swap(p, j, j - 1);
}

/* The list becomes the choice: the grid follows it now. */
static void chooser_apply(struct scan_view *sv)
{
	const char *sel = sv->chooser.v[sv->chooser_pos.sel].name;
	char *keep = ddb_strdup(sel);

	pinned_first(&sv->chooser);
	scan_prefs_copy(&sv->prefs, &sv->chooser);
	sv_columns_compute(sv);
	sv->hskip = 0;
	chooser_rebuild(sv, keep);
	free(keep);
	prefs_save(sv);
}

enum keymap_action sv_chooser_key(struct scan_view *sv, enum keymap_action act, int key)
{
	struct col_pref *e;
	int i = sv->chooser_pos.sel;

	if (act == ACT_QUIT || act == ACT_HELP || act == ACT_CANCEL)
		return act;
	if (key == KEY_CODE_ESC || key == KEY_CODE_ENTER || act == ACT_BACK) {
		sv->chooser_open = 0;
		scan_prefs_clear(&sv->chooser);
		return ACT_NONE;
	}
	if (!sv->chooser.n)
		return ACT_NONE;
	e = &sv->chooser.v[i];
	switch (key) {
	case ' ':
		e->flags ^= COLF_HIDDEN;
		tui_info(sv->base.tui, "%s %s", e->name,
		         e->flags & COLF_HIDDEN ? "hidden" : "shown");
		chooser_apply(sv);
		return ACT_NONE;
	case 'p':
		e->flags ^= COLF_PINNED;
		if (e->flags & COLF_PINNED) {
			/* to the end of the pinned ones */
			for (; i > 0 && !(sv->chooser.v[i - 1].flags & COLF_PINNED); i--)
				scan_prefs_swap(&sv->chooser, i, i - 1);
		} else {
			for (; i + 1 < sv->chooser.n && (sv->chooser.v[i + 1].flags & COLF_PINNED);
			     i++)
				scan_prefs_swap(&sv->chooser, i, i + 1);
		}
		sv->chooser_pos.sel = i;
		tui_info(sv->base.tui, "%s %s", sv->chooser.v[i].name,
		         sv->chooser.v[i].flags & COLF_PINNED
		             ? "pinned: it stays on the left when scrolling sideways"
		             : "unpinned");
		chooser_apply(sv);
		return ACT_NONE;
	case 'J':
	case 'K': {
		int j = key == 'J' ? i + 1 : i - 1;

		if (j < 0 || j >= sv->chooser.n)
			return ACT_NONE;
		if ((sv->chooser.v[j].flags ^ e->flags) & COLF_PINNED) {
			tui_info(sv->base.tui, "pinned columns stay left of the others (p pins or "
			                       "unpins)");
			return ACT_NONE;
		}
		scan_prefs_swap(&sv->chooser, i, j);
		sv->chooser_pos.sel = j;
		chooser_apply(sv);
		return ACT_NONE;
	}
	case 'r':
		scan_prefs_clear(&sv->prefs);
		sv_columns_compute(sv);
		sv->hskip = 0;
		chooser_rebuild(sv, e->name);
		prefs_save(sv);
		tui_info(sv->base.tui,
		         "columns reset: the keys, then the most frequent attributes");
		return ACT_NONE;
	default:
		break;
	}
	sv->chooser_pos.count = sv->chooser.n;
	listpos_action(&sv->chooser_pos, act, sv->chooser_rows > 0 ? sv->chooser_rows : 1);
	return ACT_NONE;
}

static void box(struct canvas *cv, struct rect r)
{
	int x, y;

	canvas_fill(cv, r, ' ', ST_NORMAL);
	for (x = r.x + 1; x < r.x + r.w - 1; x++) {
		canvas_text(cv, x, r.y, 1, "\xe2\x94\x80", ST_BORDER);
		canvas_text(cv, x, r.y + r.h - 1, 1, "\xe2\x94\x80", ST_BORDER);
	}
	for (y = r.y + 1; y < r.y + r.h - 1; y++) {
		canvas_text(cv, r.x, y, 1, "\xe2\x94\x82", ST_BORDER);
		canvas_text(cv, r.x + r.w - 1, y, 1, "\xe2\x94\x82", ST_BORDER);
	}
	canvas_text(cv, r.x, r.y, 1, "\xe2\x94\x8c", ST_BORDER);
	canvas_text(cv, r.x + r.w - 1, r.y, 1, "\xe2\x94\x90", ST_BORDER);
	canvas_text(cv, r.x, r.y + r.h - 1, 1, "\xe2\x94\x94", ST_BORDER);
	canvas_text(cv, r.x + r.w - 1, r.y + r.h - 1, 1, "\xe2\x94\x98", ST_BORDER);
}

void sv_chooser_draw(struct scan_view *sv, struct canvas *cv, struct rect r)
{
	static const char hint[] = "Space show/hide  J/K move  p pin  r reset  Esc close";
	struct ddb_buf b = DDB_BUF_INIT;
	struct rect bx;
	int i, namew = 10, w, h;

	for (i = 0; i < sv->chooser.n; i++) {
		int nw = text_width(sv->chooser.v[i].name);

		if (nw > namew)
			namew = nw;
	}
	w = namew + 22;
	if (w < (int)sizeof(hint) + 3)
		w = (int)sizeof(hint) + 3;
	if (w > r.w - 2)
		w = r.w - 2;
	h = sv->chooser.n + 4;
	if (h > r.h)
		h = r.h;
	if (w < 12 || h < 5)
		return;
	bx = (struct rect){r.x + (r.w - w) / 2, r.y + (r.h - h) / 2, w, h};
	box(cv, bx);
	ddb_buf_printf(&b, " Columns of %s ", sv->table);
	canvas_text(cv, bx.x + 2, bx.y, w - 4, ddb_buf_str(&b), ST_TITLE_FOCUS);
	sv->chooser_rows = h - 4;
	sv->chooser_pos.count = sv->chooser.n;
	listpos_clamp(&sv->chooser_pos, sv->chooser_rows);
	for (i = 0; i < sv->chooser_rows && sv->chooser_pos.top + i < sv->chooser.n; i++) {
		int k = sv->chooser_pos.top + i, sel = k == sv->chooser_pos.sel;
		const struct col_pref *e = &sv->chooser.v[k];
		int style = sel ? ST_SELECTED : ST_NORMAL, y = bx.y + 1 + i;

		ddb_buf_reset(&b);
		ddb_buf_printf(&b, "[%s] %s", e->flags & COLF_HIDDEN ? " " : "x", e->name);
		if (sel)
			canvas_fill(cv, (struct rect){bx.x + 1, y, w - 2, 1}, ' ', style);
		canvas_text(cv, bx.x + 2, y, w - 4, ddb_buf_str(&b), style);
		ddb_buf_reset(&b);
		ddb_buf_printf(&b, "%s%s%s", sv_is_key(sv, e->name) ? "key" : "",
		               sv_is_key(sv, e->name) && (e->flags & COLF_PINNED) ? " " : "",
		               e->flags & COLF_PINNED ? "pinned" : "");
		if (b.len && w - 4 > namew + 6 + (int)b.len)
			canvas_text(cv, bx.x + w - 2 - (int)b.len, y, (int)b.len, ddb_buf_str(&b),
			            sel ? style : ST_DIM);
	}
	canvas_text(cv, bx.x + 2, bx.y + h - 2, w - 4,
	            w - 4 >= (int)sizeof(hint) - 1 ? hint
	                                           : "Space show/hide J/K move p pin r reset",
	            ST_DIM);
	ddb_buf_done(&b);
}

void sv_fit_widths(struct scan_view *sv)
{
	struct ddb_buf b = DDB_BUF_INIT;
	int c, i, shown = 0;

	for (c = 0; c < sv->ncols; c++)
		sv->st.stats[sv->cols[c]].fitw = 1;
	for (i = 0; i < sv->grid_rows && sv->pos.top + i < sv->nvis; i++) {
		cJSON *item = row_parse(&sv->rows[sv->vis[sv->pos.top + i]]);

		shown++;
		for (c = 0; c < sv->ncols; c++) {
			struct attr_stat *st = &sv->st.stats[sv->cols[c]];
			const cJSON *av = cJSON_GetObjectItemCaseSensitive(item, st->name);
			int tw;

			if (!av)
				continue;
			cell_text(&b, av, sv->mode, CELL_BYTES);
			tw = scan_capped_width(ddb_buf_str(&b));
			if (tw > st->fitw)
				st->fitw = tw;
		}
		cJSON_Delete(item);
	}
	ddb_buf_done(&b);
	tui_info(sv->base.tui, "column widths fit to the %d row%s on screen (= again refits)",
	         shown, shown == 1 ? "" : "s");
}
