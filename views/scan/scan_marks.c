/* scan_marks.c - the scan view (views/scan/scan.c): editing and marks: rows written, replaced,
 * removed; Space, V, *; the batch delete. */
#include "views/scan/scan_priv.h"

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
	sv_columns_compute(sv);
	/* sv_vis_rebuild keeps the row at vis[pos.sel] selected */
	sv->pos.sel = 0;
	sv->nvis = keep >= 0;
	if (keep >= 0)
		sv->vis[0] = keep;
	sv_vis_rebuild(sv);
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
	sv_columns_compute(sv);
	if (sv->sort_name)
		sv_sort_all(sv);
	else
		sv_vis_rebuild(sv);
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

void scan_item_written(struct view *v, const char *table, const cJSON *old_key, const cJSON *item)
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
		sv_rows_add(sv, page);
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

void sv_mark_toggle(struct scan_view *sv)
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
void sv_mark_range(struct scan_view *sv)
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
void sv_mark_all(struct scan_view *sv)
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

void sv_delete_marked_confirmed(struct tui *t, const char *text, void *ud)
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
