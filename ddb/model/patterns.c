/* patterns.c - the access patterns A to E of the Cruddur messaging model (model.h), all
 * asynchronous on the shared queue. */
#include "ddb/model/model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ddb/attr.h"
#include "ddb/buf.h"
#include "ddb/time.h"
#include "ddb/uuid.h"

/* ---- A and B ---- */

struct pager_ctx {
	cJSON *(*to_shape)(const cJSON *row);
	ddb_model_page_cb *cb;
	void *ud;
};

static void page_reply(struct ddb_client *c, struct ddb_reply *reply, void *ud)
{
	struct pager_ctx *p = ud;
	cJSON *items, *row, *s;

	if (reply->err.kind != DDB_ERR_NONE) {
		p->cb(c, &reply->err, NULL, NULL, p->ud);
		free(p);
		return;
	}
	items = cJSON_CreateArray();
	cJSON_ArrayForEach(row, cJSON_GetObjectItemCaseSensitive(reply->json, "Items"))
	{
		s = p->to_shape(row);
		if (s)
			cJSON_AddItemToArray(items, s);
	}
	p->cb(c, &reply->err, items,
	      cJSON_GetObjectItemCaseSensitive(reply->json, "LastEvaluatedKey"), p->ud);
	cJSON_Delete(items);
	free(p);
}

/* A Query on pk = prefix+id, newest first. */
static cJSON *inbox_query(const char *table, const char *pk, const char *year, int limit,
                          cJSON *start_key)
{
	cJSON *q = cJSON_CreateObject();
	cJSON *vals;

	cJSON_AddStringToObject(q, "TableName", table);
	cJSON_AddStringToObject(q, "KeyConditionExpression",
	                        year ? "pk = :pk AND begins_with(sk, :year)" : "pk = :pk");
	vals = cJSON_AddObjectToObject(q, "ExpressionAttributeValues");
	cJSON_AddItemToObject(vals, ":pk", ddb_attr_s(pk));
	if (year)
		cJSON_AddItemToObject(vals, ":year", ddb_attr_s(year));
	cJSON_AddFalseToObject(q, "ScanIndexForward");
	cJSON_AddNumberToObject(q, "Limit", limit > 0 ? limit : 20);
	cJSON_AddStringToObject(q, "ReturnConsumedCapacity", "TOTAL");
	if (start_key)
		cJSON_AddItemToObject(q, "ExclusiveStartKey", start_key);
	return q;
}

static void page_query(struct ddb_client *c, const char *table, const char *prefix, const char *id,
                       const char *year, int limit, cJSON *start_key,
                       cJSON *(*to_shape)(const cJSON *), ddb_model_page_cb *cb, void *ud,
                       const void *tag)
{
	struct pager_ctx *p = ddb_calloc(1, sizeof(*p));
	struct ddb_buf pk = DDB_BUF_INIT;

	p->to_shape = to_shape;
	p->cb = cb;
	p->ud = ud;
	ddb_buf_printf(&pk, "%s%s", prefix, id);
	ddb_submit(c, "Query", inbox_query(table, ddb_buf_str(&pk), year, limit, start_key),
	           page_reply, p, tag);
	ddb_buf_done(&pk);
}

void ddb_model_messages(struct ddb_client *c, const char *table, const char *group_uuid,
                        const char *year, int limit, cJSON *start_key, ddb_model_page_cb *cb,
                        void *ud, const void *tag)
{
	page_query(c, table, "MSG#", group_uuid, year, limit, start_key, ddb_model_message_shape,
	           cb, ud, tag);
}

void ddb_model_conversations(struct ddb_client *c, const char *table, const char *user_uuid,
                             const char *year, int limit, cJSON *start_key, ddb_model_page_cb *cb,
                             void *ud, const void *tag)
{
	page_query(c, table, "GRP#", user_uuid, year, limit, start_key,
	           ddb_model_conversation_shape, cb, ud, tag);
}

/* ---- E ---- */

struct refresh_ctx {
	char *table;
	char *sk;
	char *text;
	cJSON *writes;
	ddb_done_cb *done;
	void *ud;
	const void *tag;
};

static void refresh_free(struct refresh_ctx *r)
{
	cJSON_Delete(r->writes);
	free(r->table);
	free(r->sk);
	free(r->text);
	free(r);
}

static void refresh_written(struct ddb_client *c, const struct ddb_error *err, void *ud)
{
	struct refresh_ctx *r = ud;

	r->done(c, err, r->ud);
	refresh_free(r);
}

static int refresh_page(struct ddb_client *c, struct ddb_reply *reply, void *ud)
{
	struct refresh_ctx *r = ud;
	cJSON *row;

	(void)c;
	cJSON_ArrayForEach(row, cJSON_GetObjectItemCaseSensitive(reply->json, "Items"))
	{
		const char *old_sk = ddb_item_get_s(row, "sk");
		const char *pk = ddb_item_get_s(row, "pk");
		cJSON *fresh, *w, *key;

		if (!old_sk || !pk)
			continue;
		/* an older row only: a newer message may have refreshed it already */
		if (strcmp(old_sk, r->sk) > 0)
			continue;
		fresh = cJSON_Duplicate(row, 1);
		cJSON_ReplaceItemInObjectCaseSensitive(fresh, "sk", ddb_attr_s(r->sk));
		cJSON_DeleteItemFromObjectCaseSensitive(fresh, "message");
		cJSON_AddItemToObject(fresh, "message", ddb_attr_s(r->text));
		w = cJSON_CreateObject();
		cJSON_AddItemToObject(cJSON_AddObjectToObject(w, "PutRequest"), "Item", fresh);
		cJSON_AddItemToArray(r->writes, w);
		if (strcmp(old_sk, r->sk) != 0) {
			w = cJSON_CreateObject();
			key = cJSON_AddObjectToObject(cJSON_AddObjectToObject(w, "DeleteRequest"),
			                              "Key");
			cJSON_AddItemToObject(key, "pk", ddb_attr_s(pk));
			cJSON_AddItemToObject(key, "sk", ddb_attr_s(old_sk));
			cJSON_AddItemToArray(r->writes, w);
		}
	}
	return 0;
}

static void refresh_listed(struct ddb_client *c, const struct ddb_error *err, void *ud)
{
	struct refresh_ctx *r = ud;
	cJSON *writes;

	if (err->kind != DDB_ERR_NONE) {
		r->done(c, err, r->ud);
		refresh_free(r);
		return;
	}
	writes = r->writes;
	r->writes = NULL;
	ddb_batch_write(c, r->table, writes, 0, NULL, refresh_written, r, r->tag);
}

void ddb_model_refresh_groups(struct ddb_client *c, const char *table, const char *group_uuid,
                              const char *sk, const char *text, ddb_done_cb *done, void *ud,
                              const void *tag)
{
	struct refresh_ctx *r = ddb_calloc(1, sizeof(*r));
	cJSON *q = cJSON_CreateObject(), *vals;

	r->table = ddb_strdup(table);
	r->sk = ddb_strdup(sk);
	r->text = ddb_strdup(text);
	r->writes = cJSON_CreateArray();
	r->done = done;
	r->ud = ud;
	r->tag = tag;
	cJSON_AddStringToObject(q, "TableName", table);
	cJSON_AddStringToObject(q, "IndexName", DDB_MODEL_GSI);
	cJSON_AddStringToObject(q, "KeyConditionExpression", "message_group_uuid = :g");
	vals = cJSON_AddObjectToObject(q, "ExpressionAttributeValues");
	cJSON_AddItemToObject(vals, ":g", ddb_attr_s(group_uuid));
	ddb_scan_pages(c, "Query", q, refresh_page, refresh_listed, r, tag);
}

/* ---- C and D ---- */

struct send_ctx {
	char *table;
	char group[37];
	char sk[DDB_TIME_LEN];
	char *text;
	struct ddb_user sender;
	struct ddb_user recipient;
	cJSON *shape;
	int no_refresh;
	int created;
	struct ddb_error err; /* an error found before anything was sent */
	ddb_model_sent_cb *cb;
	void *ud;
	const void *tag;
};

static void user_copy(struct ddb_user *dst, const struct ddb_user *src)
{
	dst->uuid = ddb_strdup(src->uuid);
	dst->display_name = ddb_strdup(src->display_name);
	dst->handle = ddb_strdup(src->handle);
	dst->email = ddb_strdup(src->email);
	dst->cognito_user_id = ddb_strdup(src->cognito_user_id);
}

static void user_free(struct ddb_user *u)
{
	free(u->uuid);
	free(u->display_name);
	free(u->handle);
	free(u->email);
	free(u->cognito_user_id);
}

static void send_finish(struct ddb_client *c, struct send_ctx *s, const struct ddb_error *err)
{
	s->cb(c, err, err->kind == DDB_ERR_NONE ? s->shape : NULL, s->group, s->created, s->ud);
	cJSON_Delete(s->shape);
	user_free(&s->sender);
	if (s->recipient.uuid)
		user_free(&s->recipient);
	free(s->table);
	free(s->text);
	free(s);
}

static void send_refreshed(struct ddb_client *c, const struct ddb_error *err, void *ud)
{
	send_finish(c, ud, err);
}

static void send_put(struct ddb_client *c, struct ddb_reply *reply, void *ud)
{
	struct send_ctx *s = ud;

	if (reply->err.kind != DDB_ERR_NONE || s->no_refresh) {
		send_finish(c, s, &reply->err);
		return;
	}
	ddb_model_refresh_groups(c, s->table, s->group, s->sk, s->text, send_refreshed, s, s->tag);
}

/* Reports an error found before sending, from the queue (never inside the caller's call). */
static void send_early_error(struct ddb_client *c, void *ud, int cancelled)
{
	struct send_ctx *s = ud;

	if (cancelled)
		ddb_error_set(&s->err, DDB_ERR_CANCELLED, "send cancelled");
	send_finish(c, s, &s->err);
}

static struct send_ctx *send_new(const char *table, const struct ddb_user *sender, const char *text,
                                 int64_t now_us, int no_refresh, ddb_model_sent_cb *cb, void *ud,
                                 const void *tag)
{
	struct send_ctx *s = ddb_calloc(1, sizeof(*s));
	char muuid[37];

	s->table = ddb_strdup(table);
	s->text = ddb_strdup(text);
	user_copy(&s->sender, sender);
	s->no_refresh = no_refresh;
	s->cb = cb;
	s->ud = ud;
	s->tag = tag;
	ddb_time_format(now_us > 0 ? now_us : ddb_time_now_us(), s->sk);
	ddb_uuid_v4(muuid);
	s->shape = cJSON_CreateObject();
	cJSON_AddStringToObject(s->shape, "uuid", muuid);
	cJSON_AddStringToObject(s->shape, "display_name", sender->display_name);
	cJSON_AddStringToObject(s->shape, "handle", sender->handle);
	cJSON_AddStringToObject(s->shape, "message", text);
	cJSON_AddStringToObject(s->shape, "created_at", s->sk);
	ddb_message_validate(text, &s->err);
	return s;
}

/* C proper, once the group is known. */
static void send_into_group(struct ddb_client *c, struct send_ctx *s)
{
	const char *muuid = cJSON_GetObjectItemCaseSensitive(s->shape, "uuid")->valuestring;
	cJSON *row = ddb_model_message_row(s->group, muuid, s->sk, s->text, &s->sender);

	ddb_put_item(c, s->table, row, "attribute_not_exists(pk)", NULL, NULL, send_put, s, s->tag);
}

/* C checks first that the conversation exists and that the sender takes part in it: its group
 * rows (on the index) include one in the sender's inbox. */
static void send_checked(struct ddb_client *c, struct ddb_reply *reply, void *ud)
{
	struct send_ctx *s = ud;
	const cJSON *row;
	char pk[48];
	int rows = 0, member = 0;

	if (reply->err.kind != DDB_ERR_NONE) {
		send_finish(c, s, &reply->err);
		return;
	}
	snprintf(pk, sizeof(pk), "GRP#%s", s->sender.uuid);
	cJSON_ArrayForEach(row, cJSON_GetObjectItemCaseSensitive(reply->json, "Items"))
	{
		const char *rpk = ddb_item_get_s(row, "pk");

		rows++;
		if (rpk && strcmp(rpk, pk) == 0)
			member = 1;
	}
	if (!rows)
		ddb_error_set(&s->err, DDB_ERR_USAGE, "no conversation %s in %s", s->group,
		              s->table);
	else if (!member)
		ddb_error_set(&s->err, DDB_ERR_USAGE, "%s is not in conversation %s",
		              s->sender.handle, s->group);
	if (s->err.kind != DDB_ERR_NONE) {
		send_finish(c, s, &s->err);
		return;
	}
	send_into_group(c, s);
}

void ddb_model_send(struct ddb_client *c, const char *table, const char *group_uuid,
                    const struct ddb_user *sender, const char *text, int64_t now_us, int no_refresh,
                    ddb_model_sent_cb *cb, void *ud, const void *tag)
{
	struct send_ctx *s = send_new(table, sender, text, now_us, no_refresh, cb, ud, tag);
	cJSON *q, *vals;

	snprintf(s->group, sizeof(s->group), "%s", group_uuid);
	if (s->err.kind == DDB_ERR_NONE && !ddb_uuid_valid(group_uuid))
		ddb_error_set(&s->err, DDB_ERR_USAGE, "'%s' is not a conversation uuid",
		              group_uuid);
	if (s->err.kind != DDB_ERR_NONE) {
		ddb_timer_add(c, 0, send_early_error, s, tag);
		return;
	}
	q = cJSON_CreateObject();
	cJSON_AddStringToObject(q, "TableName", table);
	cJSON_AddStringToObject(q, "IndexName", DDB_MODEL_GSI);
	cJSON_AddStringToObject(q, "KeyConditionExpression", "message_group_uuid = :g");
	cJSON_AddStringToObject(q, "ProjectionExpression", "pk");
	vals = cJSON_AddObjectToObject(q, "ExpressionAttributeValues");
	cJSON_AddItemToObject(vals, ":g", ddb_attr_s(s->group));
	ddb_submit(c, "Query", q, send_checked, s, tag);
}

static int find_page(struct ddb_client *c, struct ddb_reply *reply, void *ud)
{
	struct send_ctx *s = ud;
	cJSON *row;

	(void)c;
	cJSON_ArrayForEach(row, cJSON_GetObjectItemCaseSensitive(reply->json, "Items"))
	{
		const char *other = ddb_item_get_s(row, "user_uuid");
		const char *g = ddb_item_get_s(row, "message_group_uuid");

		if (other && g && strcmp(other, s->recipient.uuid) == 0) {
			snprintf(s->group, sizeof(s->group), "%s", g);
			return 1;
		}
	}
	return 0;
}

static void created_written(struct ddb_client *c, const struct ddb_error *err, void *ud)
{
	send_finish(c, ud, err);
}

static void find_done(struct ddb_client *c, const struct ddb_error *err, void *ud)
{
	struct send_ctx *s = ud;
	cJSON *writes, *w;
	const char *muuid;

	if (err->kind != DDB_ERR_NONE) {
		send_finish(c, s, err);
		return;
	}
	if (s->group[0]) {
		send_into_group(c, s);
		return;
	}
	/* D: a new conversation, both inbox rows and the first message in one batch */
	ddb_uuid_v4(s->group);
	s->created = 1;
	muuid = cJSON_GetObjectItemCaseSensitive(s->shape, "uuid")->valuestring;
	writes = cJSON_CreateArray();
	w = cJSON_CreateObject();
	cJSON_AddItemToObject(
	    cJSON_AddObjectToObject(w, "PutRequest"), "Item",
	    ddb_model_group_row(s->group, s->sender.uuid, s->sk, s->text, &s->recipient));
	cJSON_AddItemToArray(writes, w);
	w = cJSON_CreateObject();
	cJSON_AddItemToObject(
	    cJSON_AddObjectToObject(w, "PutRequest"), "Item",
	    ddb_model_group_row(s->group, s->recipient.uuid, s->sk, s->text, &s->sender));
	cJSON_AddItemToArray(writes, w);
	w = cJSON_CreateObject();
	cJSON_AddItemToObject(cJSON_AddObjectToObject(w, "PutRequest"), "Item",
	                      ddb_model_message_row(s->group, muuid, s->sk, s->text, &s->sender));
	cJSON_AddItemToArray(writes, w);
	ddb_batch_write(c, s->table, writes, 1, NULL, created_written, s, s->tag);
}

void ddb_model_send_to(struct ddb_client *c, const char *table, const struct ddb_user *sender,
                       const struct ddb_user *recipient, const char *text, int64_t now_us,
                       int no_refresh, ddb_model_sent_cb *cb, void *ud, const void *tag)
{
	struct send_ctx *s = send_new(table, sender, text, now_us, no_refresh, cb, ud, tag);
	struct ddb_buf pk = DDB_BUF_INIT;
	cJSON *q, *vals;

	user_copy(&s->recipient, recipient);
	if (s->err.kind == DDB_ERR_NONE && strcmp(sender->uuid, recipient->uuid) == 0)
		ddb_error_set(&s->err, DDB_ERR_USAGE,
		              "%s cannot start a conversation with "
		              "themselves",
		              sender->handle);
	if (s->err.kind != DDB_ERR_NONE) {
		ddb_timer_add(c, 0, send_early_error, s, tag);
		return;
	}
	ddb_buf_printf(&pk, "GRP#%s", sender->uuid);
	q = cJSON_CreateObject();
	cJSON_AddStringToObject(q, "TableName", table);
	cJSON_AddStringToObject(q, "KeyConditionExpression", "pk = :pk");
	vals = cJSON_AddObjectToObject(q, "ExpressionAttributeValues");
	cJSON_AddItemToObject(vals, ":pk", ddb_attr_s(ddb_buf_str(&pk)));
	cJSON_AddFalseToObject(q, "ScanIndexForward");
	ddb_buf_done(&pk);
	ddb_scan_pages(c, "Query", q, find_page, find_done, s, tag);
}
