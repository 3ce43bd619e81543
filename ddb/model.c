/* model.c - the Cruddur messaging model: times, validation, patterns A-E, the seed. */
#include "model.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "attr.h"
#include "buf.h"
#include "uuid.h"

/* ---- time ---- */

int64_t ddb_time_now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

void ddb_time_format(int64_t unix_us, char out[DDB_TIME_LEN])
{
	time_t secs = (time_t)(unix_us / 1000000);
	long micros = (long)(unix_us % 1000000);
	struct tm tm;
	char buf[96];
	size_t n;

	if (micros < 0) {
		micros += 1000000;
		secs -= 1;
	}
	gmtime_r(&secs, &tm);
	snprintf(buf, sizeof(buf), "%04d-%02d-%02dT%02d:%02d:%02d.%06ld+00:00", tm.tm_year + 1900,
	         tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, micros);
	n = strlen(buf);
	if (n > DDB_TIME_LEN - 1)
		n = DDB_TIME_LEN - 1; /* only for years past 9999 */
	memcpy(out, buf, n);
	out[n] = '\0';
}

static int digits(const char *s, int n, int *out)
{
	int i, v = 0;

	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

int ddb_time_parse(const char *s, int64_t *unix_us)
{
	int y, mo, d, h, mi, sec, oh = 0, om = 0, sign = 1;
	long micros = 0;
	struct tm tm;
	const char *p;
	time_t t;

	if (strlen(s) < 19 || digits(s, 4, &y) || s[4] != '-' || digits(s + 5, 2, &mo) ||
	    s[7] != '-' || digits(s + 8, 2, &d) || (s[10] != 'T' && s[10] != ' ') ||
	    digits(s + 11, 2, &h) || s[13] != ':' || digits(s + 14, 2, &mi) || s[16] != ':' ||
	    digits(s + 17, 2, &sec))
		return -1;
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60)
		return -1;
	p = s + 19;
	if (*p == '.') {
		int n = 0;

		p++;
		while (isdigit((unsigned char)*p)) {
			if (n < 6) {
				micros = micros * 10 + (*p - '0');
				n++;
			}
			p++;
		}
		if (n == 0)
			return -1;
		while (n++ < 6)
			micros *= 10;
	}
	if (*p == 'Z') {
		p++;
	} else if (*p == '+' || *p == '-') {
		sign = *p == '-' ? -1 : 1;
		if (digits(p + 1, 2, &oh) || p[3] != ':' || digits(p + 4, 2, &om))
			return -1;
		p += 6;
	}
	if (*p)
		return -1;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	t = timegm(&tm);
	t -= sign * (oh * 3600 + om * 60);
	*unix_us = (int64_t)t * 1000000 + micros;
	return 0;
}

void ddb_time_local(int64_t unix_us, char *out, size_t n)
{
	time_t t = (time_t)(unix_us / 1000000);
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(out, n, "%Y-%m-%d %H:%M", &tm);
}

void ddb_time_local_sk(const char *sk, char *out, size_t n)
{
	int64_t us;

	if (!sk || ddb_time_parse(sk, &us) != 0)
		snprintf(out, n, "%s", sk ? sk : "");
	else
		ddb_time_local(us, out, n);
}

/* ---- validation ---- */

size_t ddb_utf8_chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

int ddb_message_validate(const char *text, struct ddb_error *err)
{
	const char *p;
	size_t n;

	for (p = text; *p && isspace((unsigned char)*p); p++)
		;
	if (!*p) {
		ddb_error_set(err, DDB_ERR_USAGE, "message_blank: the message is blank");
		if (err)
			snprintf(err->type, sizeof(err->type), "message_blank");
		return -1;
	}
	n = ddb_utf8_chars(text);
	if (n > DDB_MESSAGE_MAX_CHARS) {
		ddb_error_set(err, DDB_ERR_USAGE,
		              "message_exceed_max_chars: the message has %zu characters, at most "
		              "%d are allowed",
		              n, DDB_MESSAGE_MAX_CHARS);
		if (err)
			snprintf(err->type, sizeof(err->type), "message_exceed_max_chars");
		return -1;
	}
	return 0;
}

/* ---- rows and shapes ---- */

static void put_s(cJSON *item, const char *name, const char *value)
{
	cJSON_AddItemToObject(item, name, ddb_attr_s(value ? value : ""));
}

cJSON *ddb_model_message_row(const char *group_uuid, const char *message_uuid, const char *sk,
                             const char *text, const struct ddb_user *sender)
{
	cJSON *it = cJSON_CreateObject();
	struct ddb_buf pk = DDB_BUF_INIT;

	ddb_buf_printf(&pk, "MSG#%s", group_uuid);
	put_s(it, "pk", ddb_buf_str(&pk));
	put_s(it, "sk", sk);
	put_s(it, "message_uuid", message_uuid);
	put_s(it, "message", text);
	put_s(it, "user_uuid", sender->uuid);
	put_s(it, "user_display_name", sender->display_name);
	put_s(it, "user_handle", sender->handle);
	ddb_buf_done(&pk);
	return it;
}

cJSON *ddb_model_group_row(const char *group_uuid, const char *owner_uuid, const char *sk,
                           const char *text, const struct ddb_user *other)
{
	cJSON *it = cJSON_CreateObject();
	struct ddb_buf pk = DDB_BUF_INIT;

	ddb_buf_printf(&pk, "GRP#%s", owner_uuid);
	put_s(it, "pk", ddb_buf_str(&pk));
	put_s(it, "sk", sk);
	put_s(it, "message_group_uuid", group_uuid);
	put_s(it, "message", text);
	put_s(it, "user_uuid", other->uuid);
	put_s(it, "user_display_name", other->display_name);
	put_s(it, "user_handle", other->handle);
	ddb_buf_done(&pk);
	return it;
}

static cJSON *shape(const cJSON *row, const char *uuid_field)
{
	const char *uuid = ddb_item_get_s(row, uuid_field);
	const char *dn = ddb_item_get_s(row, "user_display_name");
	const char *h = ddb_item_get_s(row, "user_handle");
	const char *m = ddb_item_get_s(row, "message");
	const char *sk = ddb_item_get_s(row, "sk");
	cJSON *o;

	if (!uuid || !sk)
		return NULL;
	o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "uuid", uuid);
	cJSON_AddStringToObject(o, "display_name", dn ? dn : "");
	cJSON_AddStringToObject(o, "handle", h ? h : "");
	cJSON_AddStringToObject(o, "message", m ? m : "");
	cJSON_AddStringToObject(o, "created_at", sk);
	return o;
}

cJSON *ddb_model_message_shape(const cJSON *row)
{
	return shape(row, "message_uuid");
}

cJSON *ddb_model_conversation_shape(const cJSON *row)
{
	return shape(row, "message_group_uuid");
}

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
