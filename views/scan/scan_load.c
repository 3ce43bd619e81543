/* scan_load.c - the scan view (views/scan/scan.c): loading: the row cap, DescribeTable, Scan or
 * Query pages (parallel too), reloading. */
#include "views/scan/scan_priv.h"

/* ---- the row cap (--max-rows) ---- */

/* The most rows the view keeps. */
int sv_row_cap(const struct scan_view *sv)
{
	long cap = sv->base.tui->session ? sv->base.tui->session->max_rows : 0;

	return cap > 0 && cap < 2000000000L ? (int)cap : 2000000000;
}

/* The first page: twice the screen's height, so that the grid is full at once and a scroll
 * of a screen still finds rows. */
static int first_page_rows(const struct scan_view *sv)
{
	int n = 2 * sv->base.tui->cv.h;

	if (n < SCAN_FIRST_PAGE_MIN)
		n = SCAN_FIRST_PAGE_MIN;
	return n > SCAN_FIRST_PAGE_MAX ? SCAN_FIRST_PAGE_MAX : n;
}

/* Items to ask for: --page-size, or a small first page then as many as DynamoDB gives (its
 * 1 MB), but never more than one past what the cap leaves room for (an item past the cap says
 * that the table has more) once the coming rows of a page in hand are in. */
static int page_limit(const struct scan_view *sv, int coming)
{
	long want = sv->base.tui->session ? sv->base.tui->session->page_size : 0;
	long room = (long)sv_row_cap(sv) - sv->nrows - coming + 1;

	if (room < 1) /* rows added by edits past the cap */
		room = 1;
	if (want <= 0 && sv->pages == 0)
		want = first_page_rows(sv);
	return (int)(want > 0 && want < room ? want : room);
}

/* Drops the items of a page that the cap leaves no room for, noting that there were some. */
static void trim_to_cap(struct scan_view *sv, cJSON *items)
{
	int room = sv_row_cap(sv) - sv->nrows;
	cJSON *it = items ? items->child : NULL, *next;

	for (; it; it = next) {
		next = it->next;
		if (room-- > 0)
			continue;
		cJSON_Delete(cJSON_DetachItemViaPointer(items, it));
		sv->over_cap = 1;
	}
}

/* ---- requests ---- */

/* The selected row's item (caller frees), or NULL. */
cJSON *sv_selected_item(struct scan_view *sv)
{
	if (sv->pos.sel < 0 || sv->pos.sel >= sv->nvis)
		return NULL;
	return row_parse(&sv->rows[sv->vis[sv->pos.sel]]);
}

void sv_open_selected(struct scan_view *sv)
{
	cJSON *item = sv_selected_item(sv);

	if (item)
		tui_open(sv->base.tui, view_item_new(sv->base.tui, sv->table, item, sv->key_names));
	cJSON_Delete(item);
}

static void scanned(struct ddb_client *c, struct ddb_reply *reply, void *ud);

/* Stops loading at the row cap, and says so. */
static void cap_reached(struct scan_view *sv)
{
	sv->state = SS_MORE;
	sv->capped = 1;
	sv->load_all = 0;
	tui_info(sv->base.tui, "row cap %d reached (--max-rows)", sv_row_cap(sv));
}

/* ---- a parallel scan (--segments N): every page of N segments at once, up to the row cap;
 * rows come by segment as pages arrive, interleaved ---- */

static int parallel_page(struct ddb_client *c, struct ddb_reply *reply, void *ud)
{
	struct view_req *r = ud;
	struct scan_view *sv = sv_of(r->view);
	cJSON *items = cJSON_GetObjectItemCaseSensitive(reply->json, "Items");

	(void)c;
	if (view_req_stale(r))
		return 1;
	sv->pages++;
	trim_to_cap(sv, items);
	sv_rows_add(sv, items);
	if (sv->open_pending && sv->nvis && tui_top(sv->base.tui) == &sv->base) {
		sv->open_pending = 0;
		sv_open_selected(sv);
	}
	return sv->over_cap;
}

static void parallel_done(struct ddb_client *c, const struct ddb_error *err, void *ud)
{
	struct view_req *r = ud;
	struct scan_view *sv = sv_of(r->view);
	unsigned gen = r->gen;
	char what[160];

	(void)c;
	free(r);
	if (view_stale(&sv->base, gen))
		return;
	sv->load_all = 0;
	sv->open_pending = 0;
	if (err->kind == DDB_ERR_CANCELLED) {
		sv->state = SS_MORE;
		sv->cancelled = 1;
		tui_info(sv->base.tui, "cancelled, %d row%s loaded (r scans again)", sv->nrows,
		         sv->nrows == 1 ? "" : "s");
	} else if (err->kind != DDB_ERR_NONE) {
		sv->state = SS_FAILED;
		snprintf(what, sizeof(what), "scan %s", sv->table);
		tui_error_from(sv->base.tui, what, err);
		snprintf(sv->error, sizeof(sv->error), "%s", sv->base.tui->message);
	} else if (sv->over_cap) {
		cap_reached(sv);
	} else {
		sv->state = SS_DONE;
	}
}

static void parallel_start(struct scan_view *sv)
{
	cJSON *req = cJSON_CreateObject();

	cJSON_AddStringToObject(req, "TableName", sv->table);
	cJSON_AddNumberToObject(req, "Limit", page_limit(sv, 0));
	sv->parallel = 1;
	sv->state = SS_LOADING;
	sv->load_all = 1;
	sv->cancelled = 0;
	sv->load_t0 = tui_now();
	sv->load_rows0 = sv->nrows;
	ddb_scan_parallel(sv->base.tui->client, req, sv->base.tui->session->segments,
	                  sv_row_cap(sv) - sv->nrows + 1, parallel_page, parallel_done,
	                  view_req_new(&sv->base, 0), sv);
}

/* The next page. Pages are requested one by one (not with ddb_scan_pages) because pausing
 * needs LastEvaluatedKey, which the pager keeps to itself; sv_prefetch asks for the next one
 * before the user reaches the end, and load-all asks for it before this page's rows are added. */
static void request_page_after(struct scan_view *sv, int coming)
{
	cJSON *req = sv->request ? cJSON_Duplicate(sv->request, 1) : cJSON_CreateObject();

	if (!sv->request)
		cJSON_AddStringToObject(req, "TableName", sv->table);
	if (!cJSON_HasObjectItem(req, "Limit"))
		cJSON_AddNumberToObject(req, "Limit", page_limit(sv, coming));
	else if (cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(req, "Limit")) >
	         page_limit(sv, coming))
		cJSON_ReplaceItemInObjectCaseSensitive(req, "Limit",
		                                       cJSON_CreateNumber(page_limit(sv, coming)));
	if (sv->lek)
		cJSON_AddItemToObject(req, "ExclusiveStartKey", cJSON_Duplicate(sv->lek, 1));
	if (sv->described) /* else the first page, beside DescribeTable: still describing */
		sv->state = SS_LOADING;
	sv->cancelled = 0;
	ddb_submit(sv->base.tui->client, sv->op ? sv->op : "Scan", req, scanned,
	           view_req_new(&sv->base, 0), sv);
}

static void request_page(struct scan_view *sv)
{
	request_page_after(sv, 0);
}

static void page_arrived(struct scan_view *sv, cJSON *json, const struct ddb_error *err);

static void scanned(struct ddb_client *c, struct ddb_reply *reply, void *ud)
{
	struct view_req *r = ud;
	struct scan_view *sv = sv_of(r->view);
	unsigned gen = r->gen;

	(void)c;
	free(r);
	if (view_stale(&sv->base, gen) || sv->state == SS_NO_TABLE)
		return;
	if (!sv->described) {
		/* the first page beat DescribeTable: its rows wait for the key schema */
		sv->early = 1;
		sv->early_json = reply->json;
		reply->json = NULL;
		sv->early_err = reply->err;
		return;
	}
	page_arrived(sv, reply->json, &reply->err);
}

/* A page's reply (json borrowed, may be NULL on error). */
static void page_arrived(struct scan_view *sv, cJSON *json, const struct ddb_error *err)
{
	char what[160];
	cJSON *lek, *items;

	snprintf(what, sizeof(what), "scan %s", sv->table);
	if (err->kind == DDB_ERR_CANCELLED) {
		/* the rows stay, and so does the sv_start of the next page: m goes on */
		sv->state = SS_MORE;
		sv->cancelled = 1;
		sv->load_all = 0;
		sv->open_pending = 0;
		tui_info(sv->base.tui, "cancelled, %d row%s loaded", sv->nrows,
		         sv->nrows == 1 ? "" : "s");
		return;
	}
	if (err->kind != DDB_ERR_NONE) {
		sv->state = SS_FAILED;
		sv->load_all = 0;
		sv->open_pending = 0;
		tui_error_from(sv->base.tui, what, err);
		snprintf(sv->error, sizeof(sv->error), "%s", sv->base.tui->message);
		return;
	}
	sv->pages++;
	items = cJSON_GetObjectItemCaseSensitive(json, "Items");
	trim_to_cap(sv, items);
	lek = cJSON_DetachItemFromObjectCaseSensitive(json, "LastEvaluatedKey");
	cJSON_Delete(sv->lek);
	sv->lek = NULL;
	if (cJSON_IsObject(lek))
		sv->lek = lek;
	else
		cJSON_Delete(lek);
	if (sv->over_cap) {
		cap_reached(sv);
	} else if (!sv->lek) {
		sv->state = SS_DONE;
		if (sv->load_all)
			tui_trace_mark(sv->base.tui, "all-rows", sv->started);
		sv->load_all = 0;
	} else if (sv->load_all) {
		/* the endpoint reads the next page while this one's rows are added: on the wire
		 * now, not when this callback returns */
		request_page_after(sv, cJSON_GetArraySize(items));
		ddb_client_kick(sv->base.tui->client);
	} else {
		sv->state = SS_MORE;
	}
	if (sv->pages == 1 && cJSON_GetArraySize(items) > 0)
		tui_trace_mark(sv->base.tui, "first-rows", sv->started);
	sv_rows_add(sv, items);
	if (sv->open_pending && sv->nvis && tui_top(sv->base.tui) == &sv->base) {
		sv->open_pending = 0;
		sv_open_selected(sv);
	} else if (sv->state != SS_LOADING || tui_top(sv->base.tui) != &sv->base) {
		sv->open_pending = 0;
	}
	sv_prefetch(sv);
}

void sv_prefetch(struct scan_view *sv)
{
	int screen = sv->grid_rows > 0 ? sv->grid_rows : sv->base.tui->cv.h;

	/* not after a cancel (m asks again), nor with a filter: the rows that pass could be few,
	 * and loading every page to find more is M's to ask for */
	if (sv->state != SS_MORE || sv->cancelled || sv->capped || sv->parallel || !sv->lek ||
	    sv->filter)
		return;
	if (sv->nvis - sv->pos.sel > SCAN_PREFETCH_SCREENS * screen)
		return;
	request_page(sv);
}

static int parallel_wanted(const struct scan_view *sv)
{
	return !sv->request && sv->base.tui->session && sv->base.tui->session->segments > 1;
}

static void sv_drop_early(struct scan_view *sv)
{
	cJSON_Delete(sv->early_json);
	sv->early_json = NULL;
	sv->early = 0;
}

/* In a query on an index, its keys are pinned too, after the table's (hash, then range). */
static void pin_index_keys(struct scan_view *sv, const cJSON *table)
{
	static const char *const kinds[] = {"GlobalSecondaryIndexes", "LocalSecondaryIndexes"};
	const char *index =
	    sv->request
	        ? cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(sv->request, "IndexName"))
	        : NULL;
	const cJSON *ix, *k;
	size_t i;

	for (i = 0; index && i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		cJSON_ArrayForEach(ix, cJSON_GetObjectItemCaseSensitive(table, kinds[i]))
		{
			const char *name =
			    cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(ix, "IndexName"));

			if (!name || strcmp(name, index) != 0)
				continue;
			for (int pass = 0; pass < 2; pass++) {
				cJSON_ArrayForEach(
				    k, cJSON_GetObjectItemCaseSensitive(ix, "KeySchema"))
				{
					const char *n = cJSON_GetStringValue(
					    cJSON_GetObjectItemCaseSensitive(k, "AttributeName"));
					const char *t = cJSON_GetStringValue(
					    cJSON_GetObjectItemCaseSensitive(k, "KeyType"));
					int hash = t && strcmp(t, "HASH") == 0;

					if (!n || hash != (pass == 0) || sv_is_key(sv, n) ||
					    sv->npins == 4)
						continue;
					sv->pins[sv->npins++] = ddb_strdup(n);
					stat_get(sv, n);
				}
			}
		}
	}
}
static void described(struct ddb_client *c, struct ddb_reply *reply, void *ud)
{
	struct view_req *r = ud;
	struct scan_view *sv = sv_of(r->view);
	unsigned gen = r->gen;
	const cJSON *k, *schema;
	char what[160];

	(void)c;
	free(r);
	if (view_stale(&sv->base, gen))
		return;
	if (reply->err.kind != DDB_ERR_NONE) {
		sv_drop_early(sv); /* and a first page still on its way is dropped (SS_NO_TABLE) */
		snprintf(what, sizeof(what), "scan %s", sv->table);
		tui_error_from(sv->base.tui, what, &reply->err);
		sv->state = SS_NO_TABLE;
		sv->open_pending = 0;
		if (reply->err.kind == DDB_ERR_SERVICE &&
		    strcmp(reply->err.type, "ResourceNotFoundException") == 0)
			snprintf(sv->error, sizeof(sv->error), "Table %s not found", sv->table);
		else if (reply->err.kind == DDB_ERR_CANCELLED)
			snprintf(sv->error, sizeof(sv->error), "Cancelled (r reloads)");
		else
			snprintf(sv->error, sizeof(sv->error), "%s", sv->base.tui->message);
		return;
	}
	schema = cJSON_GetObjectItemCaseSensitive(
	    cJSON_GetObjectItemCaseSensitive(reply->json, "Table"), "KeySchema");
	/* the hash key first, then the range key, whatever order they came in */
	for (int pass = 0; pass < 2; pass++) {
		cJSON_ArrayForEach(k, schema)
		{
			const cJSON *n = cJSON_GetObjectItemCaseSensitive(k, "AttributeName");
			const cJSON *t = cJSON_GetObjectItemCaseSensitive(k, "KeyType");
			int hash = cJSON_IsString(t) && strcmp(t->valuestring, "HASH") == 0;

			if (!cJSON_IsString(n) || sv->nkeys == 2 || hash != (pass == 0))
				continue;
			sv->keys[sv->nkeys++] = ddb_strdup(n->valuestring);
			sv->pins[sv->npins++] = ddb_strdup(n->valuestring);
			cJSON_AddItemToArray(sv->key_names, cJSON_CreateString(n->valuestring));
			stat_get(sv, n->valuestring);
		}
	}
	pin_index_keys(sv, cJSON_GetObjectItemCaseSensitive(reply->json, "Table"));
	cJSON_ArrayForEach(
	    k, cJSON_GetObjectItemCaseSensitive(
	           cJSON_GetObjectItemCaseSensitive(reply->json, "Table"), "AttributeDefinitions"))
	{
		const cJSON *n = cJSON_GetObjectItemCaseSensitive(k, "AttributeName");
		const cJSON *t = cJSON_GetObjectItemCaseSensitive(k, "AttributeType");

		if (cJSON_IsString(n) && cJSON_IsString(t) && sv_is_key(sv, n->valuestring))
			cJSON_AddStringToObject(sv->key_types, n->valuestring, t->valuestring);
	}
	sv_columns_compute(sv);
	sv->described = 1;
	if (parallel_wanted(sv)) {
		parallel_start(sv);
	} else if (sv->early) {
		cJSON *json = sv->early_json;
		struct ddb_error early_err = sv->early_err;

		sv->early = 0;
		sv->early_json = NULL;
		sv->state = SS_LOADING;
		page_arrived(sv, json, &early_err);
		cJSON_Delete(json);
	} else {
		sv->state = SS_LOADING; /* the first page is on its way */
	}
}

void sv_clear_data(struct scan_view *sv)
{
	int i;

	sv_skeys_free(sv);
	for (i = 0; i < sv->nrows; i++)
		free(sv->rows[i].json);
	sv->nrows = sv->nvis = 0;
	if (sv->sort_name)
		sv->skeys = ddb_calloc((size_t)(sv->caprows ? sv->caprows : 1), sizeof(*sv->skeys));
	sv->filter_at = 0;
	sv->filter_timer = 0; /* a slice on its way finds the view reloaded */
	memset(&sv->pos, 0, sizeof(sv->pos));
	scan_stats_clear(&sv->st);
	sv->ncols = sv->nkeycols = sv->selcol = 0;
	sv->hskip = 0;
	for (i = 0; i < sv->nkeys; i++)
		free(sv->keys[i]);
	sv->nkeys = 0;
	for (i = 0; i < sv->npins; i++)
		free(sv->pins[i]);
	sv->npins = 0;
	cJSON_Delete(sv->key_names);
	sv->key_names = cJSON_CreateArray();
	cJSON_Delete(sv->key_types);
	sv->key_types = cJSON_CreateObject();
	sv->nmarked = 0;
	sv->mark_anchor = -1;
	sv->deleting = sv->del_checking = 0;
	cJSON_Delete(sv->lek);
	sv->lek = NULL;
	sv->pages = 0;
	sv->error[0] = '\0';
	sv->cancelled = 0;
	sv->open_pending = 0;
	sv->capped = sv->over_cap = 0;
	sv->parallel = 0;
	sv->described = 0;
	sv_drop_early(sv);
}

/* DescribeTable, and beside it the first page (rows need no key schema to be read, only to be
 * shown), so the first rows come in one round trip. */
void sv_start(struct scan_view *sv)
{
	sv->state = SS_DESCRIBING;
	sv->described = 0;
	sv->started = tui_now();
	ddb_describe_table(sv->base.tui->client, sv->table, described, view_req_new(&sv->base, 0),
	                   sv);
	if (!parallel_wanted(sv))
		request_page(sv);
}

void scan_refresh(struct view *v)
{
	struct scan_view *sv = sv_of(v);

	view_reload(v);
	sv_clear_data(sv);
	sv->load_all = 0;
	sv_start(sv);
}

void sv_load_more(struct scan_view *sv, int all)
{
	if (sv->capped) {
		tui_info(sv->base.tui, "row cap %d reached (--max-rows)", sv_row_cap(sv));
		return;
	}
	if (sv->parallel) {
		if (sv->state == SS_LOADING)
			tui_info(sv->base.tui, "a parallel scan is loading every page");
		else if (sv->state == SS_DONE)
			tui_info(sv->base.tui, "all %d rows are loaded", sv->nrows);
		else
			tui_info(sv->base.tui, "r scans again");
		return;
	}
	if (all && !(sv->state == SS_LOADING && sv->load_all)) {
		sv->load_t0 = tui_now();
		sv->load_rows0 = sv->nrows;
	}
	switch (sv->state) {
	case SS_MORE:
	case SS_FAILED:
		sv->load_all = all;
		request_page(sv);
		break;
	case SS_LOADING:
		if (all)
			sv->load_all = 1;
		else
			tui_info(sv->base.tui, "a page is on its way");
		break;
	case SS_DONE:
		tui_info(sv->base.tui, "all %d rows are loaded", sv->nrows);
		break;
	default:
		break;
	}
}
