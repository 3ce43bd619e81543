/* columns.h - what the loaded rows hold under each attribute name (how many rows have it, its
 * widest cell per cell mode), in a hash of names updated as rows arrive and leave, and the
 * columns chosen from it: the keys, then the most frequent other attributes. No curses: the scan
 * view's model (views/scan/). */
#ifndef VIEWS_SCAN_COLUMNS_H
#define VIEWS_SCAN_COLUMNS_H

#include "ddb/buf.h"
#include "ddb/json.h"

#define COL_MAX 30 /* columns shown, keys included */

/* What the loaded rows hold under one attribute name. */
struct attr_stat {
	char *name;
	int namew;
	long count;  /* rows that have it */
	int maxw[2]; /* widest cell (capped at CELL_WIDE_W) per cell_mode */
	int fitw;    /* = fitted the column to the rows on screen: that width, else 0 */
};

struct scan_stats {
	struct attr_stat *stats; /* in order of first appearance */
	int nstats, capstats;
	int *slots; /* hash of names: stat index + 1, 0 for empty */
	int nslots;
};

/* The index of name's stat, or -1. */
int scan_stats_find(const struct scan_stats *s, const char *name);
/* The index of name's stat, added (count 0) if new; may move s->stats. */
int scan_stats_get(struct scan_stats *s, const char *name);
/* Counts the attributes of an item that arrives (dir 1) or leaves (-1); an arriving item's
 * cells also widen their columns, in both modes (a column at CELL_MAX_W is not measured again;
 * b is scratch, unused when dir is -1). */
void scan_stats_count(struct scan_stats *s, const cJSON *item, int dir, struct ddb_buf *b);
/* Forgets every name (the memory is kept). */
void scan_stats_clear(struct scan_stats *s);
/* Frees everything. */
void scan_stats_free(struct scan_stats *s);

/* The columns (stat indices, at most COL_MAX) into cols: the keys (added to the stats if new),
 * then the other attributes by how many rows have them, first seen first on ties. *ncols and
 * *nkeycols are set; *selcol, an index into cols before, follows its column if it stays, else
 * is 0. */
void scan_columns_compute(struct scan_stats *s, char *const *keys, int nkeys, int *cols, int *ncols,
                          int *nkeycols, int *selcol);

/* The column chooser's choice (f in the grid), per table: attribute names in the order chosen,
 * each shown or hidden, pinned or not. Empty (n 0): the automatic columns above. Names not in
 * it (attributes first seen after the choice) follow the chosen ones, as automatic. */
#define COLF_HIDDEN 1
#define COLF_PINNED 2

struct col_pref {
	char *name;
	int flags;
};

struct col_prefs {
	struct col_pref *v;
	int n, cap;
};

void scan_prefs_add(struct col_prefs *p, const char *name, int flags);
int scan_prefs_find(const struct col_prefs *p, const char *name);
void scan_prefs_clear(struct col_prefs *p);
/* Swaps entries i and j (both in range). */
void scan_prefs_swap(struct col_prefs *p, int i, int j);
/* dst becomes a copy of src. */
void scan_prefs_copy(struct col_prefs *dst, const struct col_prefs *src);

/* Applies the choice to the automatic columns (cols, *ncols from scan_columns_compute): the
 * pinned shown names first, then the other shown ones, in the choice's order, then the
 * automatic columns the choice does not name; a name no loaded row has (and no key) is left
 * out. *npinned is set to how many stay on the left; *selcol follows its column. */
void scan_prefs_apply(const struct col_prefs *p, struct scan_stats *s, char *const *keys, int nkeys,
                      int *cols, int *ncols, int *npinned, int *selcol);

/* The chooser's list: every name of the choice, then the columns shown that it does not name
 * (the first npinned pinned), then every other attribute a loaded row has, hidden. */
void scan_prefs_list(const struct col_prefs *p, const struct scan_stats *s, const int *cols,
                     int ncols, int npinned, struct col_prefs *out);

/* The choice as JSON, [{"name":..,"hidden":true,"pinned":true}, ...]; and back: 0, or -1 if j
 * is not such an array (out is left empty). */
cJSON *scan_prefs_to_json(const struct col_prefs *p);
int scan_prefs_from_json(const cJSON *j, struct col_prefs *out);

#endif
