/* scan_priv.h - what the files of the scan view (views/scan/scan*.c) share: the view's struct,
 * thin helpers on the model (cell.h, columns.h, rows.h, sort.h, filter.h) and the functions one
 * file calls in another. Not for use outside views/scan/. */
#ifndef VIEWS_SCAN_SCAN_PRIV_H
#define VIEWS_SCAN_SCAN_PRIV_H

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

/* Pages (issue: the TUI over a real network): the first page asks for what fills the screen,
 * so the first rows come within one round trip; later pages ask for as much as DynamoDB gives
 * (1 MB), unless --page-size sets every page or the row cap is near. The next page is asked for
 * once the selection is within SCAN_PREFETCH_SCREENS screens of the last row. */
#define SCAN_FIRST_PAGE_MIN   40
#define SCAN_FIRST_PAGE_MAX   200
#define SCAN_PREFETCH_SCREENS 3
#define COL_GAP               2

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
	/* the columns pinned on the left when scrolling sideways: the keys, then in a query on an
	 * index the index's keys */
	char *pins[4];
	int npins;
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
	int described;    /* the key schema is in (the first page is asked for beside it) */
	double started;   /* when sv_start asked (DDBTUI_TRACE's first-rows) */
	int early;        /* the first page came before the key schema: kept in early_* */
	cJSON *early_json;
	struct ddb_error early_err;
	cJSON *lek; /* where the next page starts (NULL: at the beginning) */
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

	struct col_prefs prefs;   /* the column chooser's choice (remembered per table) */
	struct col_prefs chooser; /* f: the chooser's list while it is open */
	int chooser_open;
	struct listpos chooser_pos;
	int chooser_rows;     /* list rows of the last draw */
	int chooser_bad_file; /* the remembered choices could not be read: rewritten on save */

	int cols[COL_MAX]; /* stat indices */
	int ncols;
	int nkeycols;
	/* a column's widest: CELL_MAX_W, or a third of a wide grid (scan_draw) */
	int cell_cap;
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

static inline struct scan_view *sv_of(struct view *v)
{
	return (struct scan_view *)v;
}

static inline void *xrealloc(void *p, size_t n)
{
	return scan_xrealloc(p, n);
}

/* ---- the model (views/scan/: cell text, stats, rows, sort, filter) on the view's fields ---- */

static inline void cell_text(struct ddb_buf *out, const cJSON *av, enum cell_mode mode, size_t max)
{
	scan_cell_shown(out, av, mode, max);
}

static inline int stat_get(struct scan_view *sv, const char *name)
{
	return scan_stats_get(&sv->st, name);
}

static inline void count_item(struct scan_view *sv, const cJSON *item, int dir, struct ddb_buf *b)
{
	scan_stats_count(&sv->st, item, dir, b);
}

static inline cJSON *row_parse(const struct scan_row *row)
{
	return scan_row_parse(row);
}

static inline cJSON *row_attr(const struct scan_row *row, const char *name)
{
	return scan_row_attr(row, name);
}

static inline void row_set(struct scan_row *row, const cJSON *item)
{
	scan_row_set(row, item);
}

static inline struct scan_sort sort_of(const struct scan_view *sv)
{
	struct scan_sort s = {sv->skeys, sv->sort_desc};

	return s;
}

static inline void merge_sort(struct scan_view *sv, int *a, int *tmp, int n)
{
	struct scan_sort s = sort_of(sv);

	scan_merge_sort(&s, a, tmp, n);
}

static inline int item_matches(struct scan_view *sv, const cJSON *item, struct ddb_buf *b)
{
	return scan_item_matches(sv->filter, item, b);
}

static inline int row_matches(struct scan_view *sv, const struct scan_row *row, struct ddb_buf *b)
{
	return scan_row_matches(sv->filter, sv->filter_quick, row, b);
}

/* scan_rows.c: the view's rows: columns, sort order, what the filter shows, a page added */
int sv_is_key(const struct scan_view *sv, const char *name);
void sv_columns_compute(struct scan_view *sv);
int sv_col_width(const struct scan_view *sv, int c);
void sv_skeys_free(struct scan_view *sv);
void sv_vis_rebuild(struct scan_view *sv);
void sv_sort_all(struct scan_view *sv);
void sv_rows_add(struct scan_view *sv, const cJSON *items);

/* scan_load.c: the row cap, DescribeTable, Scan or Query pages (parallel too), reloading */
int sv_row_cap(const struct scan_view *sv);
cJSON *sv_selected_item(struct scan_view *sv);
void sv_open_selected(struct scan_view *sv);
void sv_clear_data(struct scan_view *sv);
void sv_start(struct scan_view *sv);
void scan_refresh(struct view *v);
void sv_load_more(struct scan_view *sv, int all);
/* Asks for the next page when the selection nears the last loaded row (after a key, a page). */
void sv_prefetch(struct scan_view *sv);

/* scan_cols.c: the column chooser (f), its choice remembered per table, = (fit the widths) */
void sv_prefs_load(struct scan_view *sv);
void sv_chooser_open(struct scan_view *sv);
/* The open chooser's list again (a page brought new attributes), the same entry selected. */
void sv_chooser_refresh(struct scan_view *sv);
/* A key while the chooser is open: taken, except quit, help and cancel (returned). */
enum keymap_action sv_chooser_key(struct scan_view *sv, enum keymap_action act, int key);
void sv_chooser_draw(struct scan_view *sv, struct canvas *cv, struct rect r);
void sv_fit_widths(struct scan_view *sv);

/* scan_draw.c: the pane: title, footer, columns laid out, the grid drawn */
void scan_title(struct view *v, char *buf, size_t size);
void scan_draw(struct view *v, struct canvas *cv, struct rect r, int focused);

/* scan_marks.c: rows written, replaced, removed; marks (Space, V, *); the batch delete */
void scan_item_written(struct view *v, const char *table, const cJSON *old_key, const cJSON *item);
void sv_mark_toggle(struct scan_view *sv);
void sv_mark_range(struct scan_view *sv);
void sv_mark_all(struct scan_view *sv);
void sv_delete_marked_confirmed(struct tui *t, const char *text, void *ud);

#endif
