/* sort.c - sort keys, the comparator and the merge sort of the scan grid (sort.h). */
#include "views/scan/sort.h"

#include <stdlib.h>
#include <string.h>

#include "ddb/attr.h"
#include "views/scan/cell.h"

int scan_rank_of(const cJSON *av)
{
	if (!av)
		return RANK_MISSING;
	switch (ddb_attr_type(av)) {
	case DDB_T_N:
		return cJSON_IsString(av->child) ? RANK_N : RANK_OTHER;
	case DDB_T_S:
	case DDB_T_B:
		return cJSON_IsString(av->child) ? RANK_TEXT : RANK_OTHER;
	case DDB_T_BOOL:
		return RANK_BOOL;
	case DDB_T_NULL:
		return RANK_NULL;
	default:
		return RANK_OTHER;
	}
}

void scan_sort_key_set(struct sort_key *k, const cJSON *av, struct ddb_buf *b)
{
	free(k->text);
	memset(k, 0, sizeof(*k));
	k->rank = scan_rank_of(av);
	if (k->rank == RANK_N) {
		ddb_number_parse(av->child->valuestring, &k->num);
	} else if (k->rank == RANK_TEXT) {
		k->text = ddb_strdup(av->child->valuestring);
	} else if (k->rank == RANK_BOOL) {
		k->truth = cJSON_IsTrue(av->child);
	} else if (k->rank == RANK_OTHER) {
		scan_cell_text(b, av, MODE_PLAIN, 0);
		k->text = ddb_buf_steal(b);
	}
}

int scan_sort_cmp(const struct scan_sort *s, int a, int b)
{
	const struct sort_key *x = &s->keys[a], *y = &s->keys[b];
	int rx = x->rank, ry = y->rank, c = 0;

	if (rx == RANK_MISSING || ry == RANK_MISSING) {
		if (rx != ry)
			return rx == RANK_MISSING ? 1 : -1;
	} else if (rx != ry) {
		c = rx < ry ? -1 : 1;
	} else if (rx == RANK_N) {
		c = ddb_number_cmp(&x->num, &y->num);
	} else if (rx == RANK_TEXT || rx == RANK_OTHER) {
		c = strcmp(x->text ? x->text : "", y->text ? y->text : "");
	} else if (rx == RANK_BOOL) {
		c = x->truth - y->truth;
	}
	if (s->desc)
		c = -c;
	if (!c) /* stable: load order */
		c = a < b ? -1 : a > b;
	return c;
}

void scan_merge_sort(const struct scan_sort *s, int *a, int *tmp, int n)
{
	int mid = n / 2, i = 0, j = mid, k = 0;

	if (n < 2)
		return;
	scan_merge_sort(s, a, tmp, mid);
	scan_merge_sort(s, a + mid, tmp, n - mid);
	while (i < mid && j < n)
		tmp[k++] = scan_sort_cmp(s, a[j], a[i]) < 0 ? a[j++] : a[i++];
	while (i < mid)
		tmp[k++] = a[i++];
	while (j < n)
		tmp[k++] = a[j++];
	memcpy(a, tmp, (size_t)n * sizeof(*a));
}

void scan_sort_merge_new(const struct scan_sort *s, int *order, int first, int n, int *tmp)
{
	int *a = order, *nw = order + first, *out = tmp;
	int x = 0, y = 0, k = 0;

	if (n <= 0)
		return;
	scan_merge_sort(s, nw, tmp, n);
	while (x < first && y < n)
		out[k++] = scan_sort_cmp(s, nw[y], a[x]) < 0 ? nw[y++] : a[x++];
	while (x < first)
		out[k++] = a[x++];
	while (y < n)
		out[k++] = nw[y++];
	memcpy(order, out, (size_t)(first + n) * sizeof(*out));
}
