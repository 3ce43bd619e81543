/* scan_draw.c - the scan view (views/scan/scan.c): the pane: title, footer, columns laid out, the
 * grid drawn. */
#include "views/scan/scan_priv.h"

/* ---- the pane ---- */

void scan_title(struct view *v, char *buf, size_t size)
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
		         sv_row_cap(sv));
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
		w += sv_col_width(sv, c) + COL_GAP;
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
		avail -= sv_col_width(sv, c) + COL_GAP;
	/* the last first column that still fills the width: no scrolling into emptiness */
	last = sv->ncols - 1;
	for (w = 0, c = sv->ncols - 1; c >= frozen; c--) {
		w += sv_col_width(sv, c) + (c < sv->ncols - 1 ? COL_GAP : 0);
		if (w > avail)
			break;
		last = c;
	}
	if (sv->show_selcol && sv->selcol >= frozen) {
		if (sv->selcol < firstcol)
			firstcol = sv->selcol;
		for (;;) {
			for (w = 0, c = firstcol; c <= sv->selcol; c++)
				w += sv_col_width(sv, c) + (c > firstcol ? COL_GAP : 0);
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
		out[n].w = sv_col_width(sv, c);
		x += out[n].w + COL_GAP;
		n++;
	}
	return n;
}

static void draw_grid(struct scan_view *sv, struct canvas *cv, struct rect r, int focused)
{
	struct col_pos cols[COL_MAX];
	struct ddb_buf b = DDB_BUF_INIT;
	char foot[200];
	const char *ft;
	int ncols, i, rows;

	/* the widest a column gets follows the grid's width: 40 up to about 150 columns of
	 * terminal, then a third of the grid */
	sv->cell_cap = (r.w - 1) / 3 > CELL_MAX_W ? (r.w - 1) / 3 : CELL_MAX_W;
	if (sv->cell_cap > CELL_WIDE_W)
		sv->cell_cap = CELL_WIDE_W;
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

void scan_draw(struct view *v, struct canvas *cv, struct rect r, int focused)
{
	struct scan_view *sv = sv_of(v);

	draw_grid(sv, cv, r, focused);
	if (sv->chooser_open)
		sv_chooser_draw(sv, cv, r);
}
