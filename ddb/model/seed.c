/* seed.c - the seed: a conversation planned from a dialogue (no I/O), then written over the
 * rows of an earlier seed (seed.h). */
#include "ddb/model/seed.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ddb/attr.h"
#include "ddb/buf.h"
#include "ddb/time.h"
#include "ddb/uuid.h"

/* ---- seed ---- */

/* One parsed line of the dialogue. */
struct line {
	int person; /* 1 or 2 */
	char *text;
};

static int parse_dialogue(const struct ddb_seed_opts *o, struct line **out, size_t *nout,
                          struct ddb_error *err)
{
	const char *p = o->dialogue, *end = o->dialogue + o->dialogue_len;
	const char *name = o->dialogue_name ? o->dialogue_name : "dialogue";
	struct line *lines = NULL;
	size_t n = 0, cap = 0;
	long lineno = 0;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *e = nl ? nl : end;
		size_t len;
		int person;
		char *text;
		struct ddb_error verr;

		lineno++;
		len = (size_t)(e - p);
		if (len && p[len - 1] == '\r')
			len--;
		if (len >= 9 && memcmp(p, "Person ", 7) == 0 && (p[7] == '1' || p[7] == '2') &&
		    p[8] == ':') {
			person = p[7] - '0';
			p += 9;
			len -= 9;
			if (len && *p == ' ') {
				p++;
				len--;
			}
		} else {
			ddb_error_set(err, DDB_ERR_USAGE,
			              "%s: line %ld: expected 'Person 1: <text>' or 'Person 2: "
			              "<text>'",
			              name, lineno);
			goto fail;
		}
		text = malloc(len + 1);
		if (!text)
			abort();
		memcpy(text, p, len);
		text[len] = '\0';
		if (memchr(p, '\0', len) || ddb_message_validate(text, &verr) != 0) {
			if (memchr(p, '\0', len))
				ddb_error_set(&verr, DDB_ERR_USAGE, "a NUL byte in the message");
			ddb_error_set(err, DDB_ERR_USAGE, "%s: line %ld: %s", name, lineno,
			              verr.message);
			free(text);
			goto fail;
		}
		if (n == cap) {
			cap = cap ? cap * 2 : 128;
			lines = realloc(lines, cap * sizeof(*lines));
			if (!lines)
				abort();
		}
		lines[n].person = person;
		lines[n].text = text;
		n++;
		p = nl ? nl + 1 : end;
	}
	if (n == 0) {
		ddb_error_set(err, DDB_ERR_USAGE, "%s: no messages", name);
		goto fail;
	}
	*out = lines;
	*nout = n;
	return 0;
fail:
	while (n)
		free(lines[--n].text);
	free(lines);
	return -1;
}

int ddb_seed_plan(const struct ddb_seed_opts *o, struct ddb_seed_plan *plan, struct ddb_error *err)
{
	struct line *lines = NULL;
	size_t nlines = 0, k;
	int64_t start = o->start_us > 0 ? o->start_us : ddb_time_now_us() - 86400LL * 1000000;
	const char *group = o->group_uuid ? o->group_uuid : DDB_MODEL_SEED_GROUP;
	long i, count;
	const char *last_text = NULL;

	memset(plan, 0, sizeof(*plan));
	if (!ddb_uuid_valid(group)) {
		ddb_error_set(err, DDB_ERR_USAGE, "--group '%s' is not a uuid", group);
		return -1;
	}
	if (strcmp(o->me->uuid, o->other->uuid) == 0) {
		ddb_error_set(err, DDB_ERR_USAGE, "the two seed users must differ (both are %s)",
		              o->me->handle);
		return -1;
	}
	if (parse_dialogue(o, &lines, &nlines, err) != 0)
		return -1;
	count = o->count > 0 ? o->count : (long)nlines;
	plan->table = ddb_strdup(o->table);
	snprintf(plan->group_uuid, sizeof(plan->group_uuid), "%s", group);
	for (k = 0; plan->group_uuid[k]; k++)
		plan->group_uuid[k] = (char)tolower((unsigned char)plan->group_uuid[k]);
	plan->items = cJSON_CreateArray();
	plan->messages = count;
	for (i = 0; i < count; i++) {
		const struct line *l = &lines[(size_t)i % nlines];
		const struct ddb_user *from = l->person == 1 ? o->me : o->other;
		char sk[DDB_TIME_LEN], muuid[37], name[32];

		ddb_time_format(start + (int64_t)i * 60 * 1000000, sk);
		snprintf(name, sizeof(name), "message-%ld", i);
		ddb_uuid_v5(plan->group_uuid, name, muuid);
		cJSON_AddItemToArray(
		    plan->items, ddb_model_message_row(plan->group_uuid, muuid, sk, l->text, from));
		if (i == 0)
			memcpy(plan->first_sk, sk, sizeof(sk));
		memcpy(plan->last_sk, sk, sizeof(sk));
		last_text = l->text;
	}
	cJSON_AddItemToArray(plan->items, ddb_model_group_row(plan->group_uuid, o->me->uuid,
	                                                      plan->last_sk, last_text, o->other));
	cJSON_AddItemToArray(plan->items, ddb_model_group_row(plan->group_uuid, o->other->uuid,
	                                                      plan->last_sk, last_text, o->me));
	for (k = 0; k < nlines; k++)
		free(lines[k].text);
	free(lines);
	return 0;
}

void ddb_seed_plan_done(struct ddb_seed_plan *plan)
{
	cJSON_Delete(plan->items);
	free(plan->table);
	memset(plan, 0, sizeof(*plan));
}

struct seed_ctx {
	const struct ddb_seed_plan *plan;
	const cJSON **rows; /* the plan's rows by index: message rows first, in sk order */
	int nrows;
	cJSON *stale; /* keys of earlier rows to delete */
	int pending_reads;
	int parallel;
	struct ddb_error err;
	struct ddb_seed_progress prog;
	ddb_seed_progress_cb *progress;
	ddb_done_cb *done;
	void *ud;
	const void *tag;
};

/* Whether the plan writes a row with this key (then the put replaces it). Message rows are in
 * increasing sk order: a binary search over the row index built once in ddb_seed_run (walking
 * the cJSON list for each probe would make a reseed quadratic). */
static int plan_has_key(const struct seed_ctx *s, const char *pk, const char *sk)
{
	long lo = 0, hi = s->plan->messages - 1;
	char msg_pk[48];
	int g;

	snprintf(msg_pk, sizeof(msg_pk), "MSG#%s", s->plan->group_uuid);
	if (strcmp(pk, msg_pk) == 0) {
		while (lo <= hi) {
			long mid = lo + (hi - lo) / 2;
			int cmp = strcmp(sk, ddb_item_get_s(s->rows[mid], "sk"));

			if (cmp == 0)
				return 1;
			if (cmp < 0)
				hi = mid - 1;
			else
				lo = mid + 1;
		}
		return 0;
	}
	for (g = s->nrows - 2; g >= 0 && g < s->nrows; g++)
		if (strcmp(pk, ddb_item_get_s(s->rows[g], "pk")) == 0 &&
		    strcmp(sk, ddb_item_get_s(s->rows[g], "sk")) == 0)
			return 1;
	return 0;
}

static int seed_old_page(struct ddb_client *c, struct ddb_reply *reply, void *ud)
{
	struct seed_ctx *s = ud;
	cJSON *row;

	cJSON_ArrayForEach(row, cJSON_GetObjectItemCaseSensitive(reply->json, "Items"))
	{
		const char *pk = ddb_item_get_s(row, "pk");
		const char *sk = ddb_item_get_s(row, "sk");
		cJSON *key;

		if (!pk || !sk || plan_has_key(s, pk, sk))
			continue;
		key = cJSON_CreateObject();
		cJSON_AddItemToObject(key, "pk", ddb_attr_s(pk));
		cJSON_AddItemToObject(key, "sk", ddb_attr_s(sk));
		cJSON_AddItemToArray(s->stale, key);
		s->prog.stale++;
	}
	if (s->progress)
		s->progress(c, &s->prog, s->ud);
	return 0;
}

static void seed_free(struct seed_ctx *s)
{
	free(s->rows);
	cJSON_Delete(s->stale);
	free(s);
}

static void seed_batch_progress(struct ddb_client *c, const struct ddb_batch_progress *p, void *ud)
{
	struct seed_ctx *s = ud;

	s->prog.batch = *p;
	if (s->progress)
		s->progress(c, &s->prog, s->ud);
}

static void seed_written(struct ddb_client *c, const struct ddb_error *err, void *ud)
{
	struct seed_ctx *s = ud;

	s->done(c, err, s->ud);
	seed_free(s);
}

static void seed_old_done(struct ddb_client *c, const struct ddb_error *err, void *ud)
{
	struct seed_ctx *s = ud;
	cJSON *writes, *it, *w, *key;

	if (err->kind != DDB_ERR_NONE && s->err.kind == DDB_ERR_NONE)
		s->err = *err;
	if (--s->pending_reads > 0)
		return;
	if (s->err.kind != DDB_ERR_NONE) {
		s->done(c, &s->err, s->ud);
		seed_free(s);
		return;
	}
	writes = cJSON_CreateArray();
	cJSON_ArrayForEach(it, s->plan->items)
	{
		w = cJSON_CreateObject();
		cJSON_AddItemToObject(cJSON_AddObjectToObject(w, "PutRequest"), "Item",
		                      cJSON_Duplicate(it, 1));
		cJSON_AddItemToArray(writes, w);
	}
	while ((key = cJSON_DetachItemFromArray(s->stale, 0))) {
		w = cJSON_CreateObject();
		cJSON_AddItemToObject(cJSON_AddObjectToObject(w, "DeleteRequest"), "Key", key);
		cJSON_AddItemToArray(writes, w);
	}
	s->prog.phase = "writing";
	ddb_batch_write(c, s->plan->table, writes, s->parallel, seed_batch_progress, seed_written,
	                s, s->tag);
}

void ddb_seed_run(struct ddb_client *c, const struct ddb_seed_plan *plan, int parallel,
                  ddb_seed_progress_cb *progress, ddb_done_cb *done, void *ud, const void *tag)
{
	struct seed_ctx *s = ddb_calloc(1, sizeof(*s));
	const cJSON *row;
	cJSON *q, *vals;
	char pk[48];

	s->plan = plan;
	s->nrows = cJSON_GetArraySize(plan->items);
	s->rows = ddb_calloc((size_t)s->nrows + 1, sizeof(*s->rows));
	s->nrows = 0;
	cJSON_ArrayForEach(row, plan->items) s->rows[s->nrows++] = row;
	s->stale = cJSON_CreateArray();
	s->parallel = parallel;
	s->progress = progress;
	s->done = done;
	s->ud = ud;
	s->tag = tag;
	s->prog.phase = "reading";
	s->pending_reads = 2;

	/* the conversation's message rows from an earlier seed */
	snprintf(pk, sizeof(pk), "MSG#%s", plan->group_uuid);
	q = cJSON_CreateObject();
	cJSON_AddStringToObject(q, "TableName", plan->table);
	cJSON_AddStringToObject(q, "KeyConditionExpression", "pk = :pk");
	cJSON_AddStringToObject(q, "ProjectionExpression", "pk, sk");
	vals = cJSON_AddObjectToObject(q, "ExpressionAttributeValues");
	cJSON_AddItemToObject(vals, ":pk", ddb_attr_s(pk));
	ddb_scan_pages(c, "Query", q, seed_old_page, seed_old_done, s, tag);

	/* its group rows, whatever their owners */
	q = cJSON_CreateObject();
	cJSON_AddStringToObject(q, "TableName", plan->table);
	cJSON_AddStringToObject(q, "IndexName", DDB_MODEL_GSI);
	cJSON_AddStringToObject(q, "KeyConditionExpression", "message_group_uuid = :g");
	vals = cJSON_AddObjectToObject(q, "ExpressionAttributeValues");
	cJSON_AddItemToObject(vals, ":g", ddb_attr_s(plan->group_uuid));
	ddb_scan_pages(c, "Query", q, seed_old_page, seed_old_done, s, tag);
}
