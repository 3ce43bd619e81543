/* columns.c - the attribute statistics and the columns chosen from them (columns.h). */
#include "views/scan/columns.h"

#include <stdlib.h>
#include <string.h>

#include "views/scan/cell.h"
#include "tui/canvas.h"
#include "views/scan/rows.h"

static unsigned long name_hash(const char *s)
{
	unsigned long h = 2166136261UL;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 16777619UL;
	return h;
}

static void slots_put(struct scan_stats *s, int idx)
{
	unsigned long i = name_hash(s->stats[idx].name) & (unsigned long)(s->nslots - 1);

	while (s->slots[i])
		i = (i + 1) & (unsigned long)(s->nslots - 1);
	s->slots[i] = idx + 1;
}

int scan_stats_find(const struct scan_stats *s, const char *name)
{
	unsigned long i;

	if (!s->nslots)
		return -1;
	i = name_hash(name) & (unsigned long)(s->nslots - 1);
	while (s->slots[i]) {
		if (strcmp(s->stats[s->slots[i] - 1].name, name) == 0)
			return s->slots[i] - 1;
		i = (i + 1) & (unsigned long)(s->nslots - 1);
	}
	return -1;
}

int scan_stats_get(struct scan_stats *s, const char *name)
{
	int idx = scan_stats_find(s, name), i;
	struct attr_stat *st;

	if (idx >= 0)
		return idx;
	if (2 * (s->nstats + 1) > s->nslots) {
		s->nslots = s->nslots ? s->nslots * 2 : 64;
		free(s->slots);
		s->slots = calloc((size_t)s->nslots, sizeof(*s->slots));
		if (!s->slots)
			abort();
		for (i = 0; i < s->nstats; i++)
			slots_put(s, i);
	}
	if (s->nstats == s->capstats) {
		s->capstats = s->capstats ? s->capstats * 2 : 32;
		s->stats = scan_xrealloc(s->stats, (size_t)s->capstats * sizeof(*s->stats));
	}
	idx = s->nstats++;
	st = &s->stats[idx];
	memset(st, 0, sizeof(*st));
	st->name = ddb_strdup(name);
	st->namew = text_width(name);
	slots_put(s, idx);
	return idx;
}

void scan_stats_count(struct scan_stats *s, const cJSON *item, int dir, struct ddb_buf *b)
{
	const cJSON *a;
	int mode;

	for (a = item->child; a; a = a->next) {
		int idx = dir > 0
		              ? scan_stats_get(s, a->string ? a->string : "") /* may move stats */
		              : scan_stats_find(s, a->string ? a->string : "");
		struct attr_stat *st;

		if (idx < 0)
			continue;
		st = &s->stats[idx];
		st->count += dir;
		for (mode = 0; dir > 0 && mode < 2; mode++) {
			int w;

			if (st->maxw[mode] >= CELL_WIDE_W)
				continue;
			scan_cell_text(b, a, (enum cell_mode)mode, CELL_BYTES);
			w = scan_capped_width(ddb_buf_str(b));
			if (w > st->maxw[mode])
				st->maxw[mode] = w;
		}
	}
}

void scan_stats_clear(struct scan_stats *s)
{
	int i;

	for (i = 0; i < s->nstats; i++)
		free(s->stats[i].name);
	s->nstats = 0;
	if (s->slots)
		memset(s->slots, 0, (size_t)s->nslots * sizeof(*s->slots));
}

void scan_stats_free(struct scan_stats *s)
{
	scan_stats_clear(s);
	free(s->stats);
	free(s->slots);
	memset(s, 0, sizeof(*s));
}

static int is_key(char *const *keys, int nkeys, const char *name)
{
	int k;

	for (k = 0; k < nkeys; k++)
		if (strcmp(keys[k], name) == 0)
			return 1;
	return 0;
}

void scan_columns_compute(struct scan_stats *s, char *const *keys, int nkeys, int *cols, int *ncols,
                          int *nkeycols, int *selcol)
{
	int sel = *ncols ? cols[*selcol] : -1;
	int i, k, taken, n = 0;
	char *used;

	for (k = 0; k < nkeys; k++)
		cols[n++] = scan_stats_get(s, keys[k]);
	used = calloc((size_t)s->nstats + 1, 1);
	if (!used)
		abort();
	for (k = 0; k < n; k++)
		used[cols[k]] = 1;
	*nkeycols = n;
	for (taken = n; taken < COL_MAX; taken++) {
		int best = -1;

		for (i = 0; i < s->nstats; i++) {
			if (used[i] || s->stats[i].count == 0 ||
			    is_key(keys, nkeys, s->stats[i].name))
				continue;
			if (best < 0 || s->stats[i].count > s->stats[best].count)
				best = i;
		}
		if (best < 0)
			break;
		used[best] = 1;
		cols[n++] = best;
	}
	free(used);
	*ncols = n;
	*selcol = 0;
	for (i = 0; i < n; i++)
		if (cols[i] == sel)
			*selcol = i;
}

/* ---- the column chooser's choice ---- */

void scan_prefs_add(struct col_prefs *p, const char *name, int flags)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 16;
		p->v = scan_xrealloc(p->v, (size_t)p->cap * sizeof(*p->v));
	}
	p->v[p->n].name = ddb_strdup(name);
	p->v[p->n].flags = flags;
	p->n++;
}

int scan_prefs_find(const struct col_prefs *p, const char *name)
{
	int i;

	for (i = 0; i < p->n; i++)
		if (strcmp(p->v[i].name, name) == 0)
			return i;
	return -1;
}

void scan_prefs_clear(struct col_prefs *p)
{
	int i;

	for (i = 0; i < p->n; i++)
		free(p->v[i].name);
	free(p->v);
	memset(p, 0, sizeof(*p));
}

void scan_prefs_swap(struct col_prefs *p, int i, int j)
{
	struct col_pref t = p->v[i];

	p->v[i] = p->v[j];
	p->v[j] = t;
}

void scan_prefs_copy(struct col_prefs *dst, const struct col_prefs *src)
{
	int i;

	scan_prefs_clear(dst);
	for (i = 0; i < src->n; i++)
		scan_prefs_add(dst, src->v[i].name, src->v[i].flags);
}

void scan_prefs_apply(const struct col_prefs *p, struct scan_stats *s, char *const *keys, int nkeys,
                      int *cols, int *ncols, int *npinned, int *selcol)
{
	int out[COL_MAX], n = 0, pass, i, sel = *ncols ? cols[*selcol] : -1;

	if (!p->n)
		return;
	*npinned = 0;
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < p->n && n < COL_MAX; i++) {
			const struct col_pref *e = &p->v[i];
			int idx;

			if ((e->flags & COLF_HIDDEN) || (!(e->flags & COLF_PINNED)) != pass)
				continue;
			idx = scan_stats_find(s, e->name);
			if (idx < 0 || (s->stats[idx].count == 0 && !is_key(keys, nkeys, e->name)))
				continue;
			out[n++] = idx;
			if (!pass)
				(*npinned)++;
		}
	for (i = 0; i < *ncols && n < COL_MAX; i++)
		if (scan_prefs_find(p, s->stats[cols[i]].name) < 0)
			out[n++] = cols[i];
	memcpy(cols, out, (size_t)n * sizeof(*cols));
	*ncols = n;
	*selcol = 0;
	for (i = 0; i < n; i++)
		if (cols[i] == sel)
			*selcol = i;
}

void scan_prefs_list(const struct col_prefs *p, const struct scan_stats *s, const int *cols,
                     int ncols, int npinned, struct col_prefs *out)
{
	int i;

	scan_prefs_copy(out, p);
	for (i = 0; i < ncols; i++)
		if (scan_prefs_find(out, s->stats[cols[i]].name) < 0)
			scan_prefs_add(out, s->stats[cols[i]].name, i < npinned ? COLF_PINNED : 0);
	for (i = 0; i < s->nstats; i++)
		if (s->stats[i].count > 0 && scan_prefs_find(out, s->stats[i].name) < 0)
			scan_prefs_add(out, s->stats[i].name, COLF_HIDDEN);
}

cJSON *scan_prefs_to_json(const struct col_prefs *p)
{
	cJSON *a = cJSON_CreateArray();
	int i;

	for (i = 0; i < p->n; i++) {
		cJSON *o = cJSON_CreateObject();

		cJSON_AddStringToObject(o, "name", p->v[i].name);
		if (p->v[i].flags & COLF_HIDDEN)
			cJSON_AddTrueToObject(o, "hidden");
		if (p->v[i].flags & COLF_PINNED)
			cJSON_AddTrueToObject(o, "pinned");
		cJSON_AddItemToArray(a, o);
	}
	return a;
}

int scan_prefs_from_json(const cJSON *j, struct col_prefs *out)
{
	const cJSON *e;

	scan_prefs_clear(out);
	if (!cJSON_IsArray(j))
		return -1;
	cJSON_ArrayForEach(e, j)
	{
		const char *name =
		    cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, "name"));

		if (!cJSON_IsObject(e) || !name || scan_prefs_find(out, name) >= 0) {
			scan_prefs_clear(out);
			return -1;
		}
		scan_prefs_add(
		    out, name,
		    (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(e, "hidden")) ? COLF_HIDDEN
		                                                                 : 0) |
		        (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(e, "pinned")) ? COLF_PINNED
		                                                                     : 0));
	}
	return 0;
}
