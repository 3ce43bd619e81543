/* sort.h - the order of the scan grid's rows by one attribute: a sort key per row (its value's
 * kind and value; numbers by value with ddb_number_cmp, no doubles), a comparator that is stable
 * (ties in load order) and puts rows without the attribute last either way, and a merge sort of
 * row indices. No curses: the scan view's model (views/scan/). */
#ifndef VIEWS_SCAN_SORT_H
#define VIEWS_SCAN_SORT_H

#include "ddb/buf.h"
#include "ddb/json.h"
#include "ddb/number.h"

/* Kinds of values in sort order; rows without the attribute come last either way. */
enum { RANK_N, RANK_TEXT, RANK_BOOL, RANK_NULL, RANK_OTHER, RANK_MISSING };

/* A row's value in the sort column. */
struct sort_key {
	char *text; /* an S or B string, or the plain text of an M, L or set; else NULL */
	struct ddb_number num; /* an N */
	int rank;              /* its kind, in sort order (RANK_*) */
	int truth;             /* a BOOL */
};

/* An order: keys[row] for every row index sorted, descending or not. */
struct scan_sort {
	const struct sort_key *keys;
	int desc;
};

/* The rank of an attribute value (NULL: RANK_MISSING). */
int scan_rank_of(const cJSON *av);
/* Sets a key from an attribute value (NULL: missing), freeing its old text; b is scratch. */
void scan_sort_key_set(struct sort_key *k, const cJSON *av, struct ddb_buf *b);
/* Compares rows a and b: <0, 0 (only when a == b) or >0. */
int scan_sort_cmp(const struct scan_sort *s, int a, int b);
/* Sorts n row indices; tmp has room for n. */
void scan_merge_sort(const struct scan_sort *s, int *a, int *tmp, int n);
/* order[0..first) is sorted and order[first..first+n) are new rows: sorts the new ones and
 * merges them in (linear, not a full sort); tmp has room for first + n. */
void scan_sort_merge_new(const struct scan_sort *s, int *order, int first, int n, int *tmp);

#endif
