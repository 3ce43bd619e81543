/* write.c - the guarded write (write.h): read, compare, journal, conditional write. */
#include "write.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "edit.h"
#include "journal.h"
#include "ops.h"

void ddb_error_line(char *buf, size_t size, const struct ddb_error *err)
{
	if (err->kind == DDB_ERR_SERVICE && err->type[0])
		snprintf(buf, size, "%s: %s", err->type, err->message);
	else
		snprintf(buf, size, "%s", err->message);
}

int ddb_error_conditional(const struct ddb_error *err)
{
	return err->kind == DDB_ERR_SERVICE &&
	       strcmp(err->type, "ConditionalCheckFailedException") == 0;
}

const cJSON *ddb_reply_item(const struct ddb_reply *reply)
{
	const cJSON *item = cJSON_GetObjectItemCaseSensitive(reply->json, "Item");

	return cJSON_IsObject(item) ? item : NULL;
}

struct guarded {
	struct ddb_client *c;
	char *journal; /* NULL: the default path */
	char *table;
	cJSON *key;    /* its members are the key attributes, hash first */
	cJSON *expect; /* NULL: no item has the key */
	cJSON *item;   /* NULL: a delete */
	const void *tag;
	long jid;
	int update; /* sent as UpdateItem (the reply has the item as written) */
	int journal_failed;
	struct ddb_error journal_err;
	ddb_write_cb *cb;
	void *ud;
};

/* The journal's path: the one asked for, else the default. NULL with err. */
static char *journal_path(const struct guarded *g, struct ddb_error *err)
{
	return g->journal ? ddb_strdup(g->journal) : ddb_journal_path(NULL, err);
}

/* The entry of this write, before it is sent: its id, or -1 with err. */
static long journal_record(struct guarded *g, struct ddb_error *err)
{
	const struct ddb_config *cfg = ddb_client_config(g->c);
	char *path = journal_path(g, err);
	long id;

	if (!path)
		return -1;
	id = ddb_journal_record(path, cfg->endpoint, cfg->region, g->table,
	                        g->item ? "put" : "delete", g->key, g->expect, g->item, err);
	free(path);
	return id;
}

/* A write DynamoDB refused never happened: its entry is not one to undo. A failure to say so
 * goes to the caller with the result (the write itself failed anyway). */
static void journal_refused(struct guarded *g, const struct ddb_error *err)
{
	char *path;

	if (g->jid <= 0 || (err->kind != DDB_ERR_SERVICE && err->kind != DDB_ERR_READ_ONLY))
		return;
	ddb_error_clear(&g->journal_err);
	path = journal_path(g, &g->journal_err);
	if (!path || ddb_journal_mark_undone(path, g->jid, &g->journal_err) != 0)
		g->journal_failed = 1;
	free(path);
}

static void guarded_finish(struct guarded *g, enum ddb_write_outcome o, const cJSON *item,
                           const cJSON *current, const struct ddb_error *err)
{
	struct ddb_write_result res = {o, item, current, err, g->jid > 0 ? g->jid : 0, NULL};

	if (g->journal_failed)
		res.journal_err = &g->journal_err;
	g->cb(g->c, &res, g->ud);
	free(g->journal);
	free(g->table);
	cJSON_Delete(g->key);
	cJSON_Delete(g->expect);
	cJSON_Delete(g->item);
	free(g);
}

/* After a failed condition: the item as it is now. */
static void guarded_refetched(struct ddb_client *c, struct ddb_reply *reply, void *ud)
{
	struct guarded *g = ud;
	struct ddb_error err;
	char line[400];

	(void)c;
	if (reply->err.kind == DDB_ERR_NONE) {
		guarded_finish(g, DDB_WRITE_CHANGED, NULL, ddb_reply_item(reply), NULL);
		return;
	}
	ddb_error_line(line, sizeof(line), &reply->err);
	ddb_error_clear(&err);
	ddb_error_set(&err, reply->err.kind,
	              "the item changed since it was loaded, and reading it failed: %s", line);
	guarded_finish(g, DDB_WRITE_FAILED, NULL, NULL, &err);
}

static void guarded_written(struct ddb_client *c, struct ddb_reply *reply, void *ud)
{
	struct guarded *g = ud;

	if (reply->err.kind == DDB_ERR_NONE) {
		const cJSON *now = g->item;

		if (g->update) {
			now = cJSON_GetObjectItemCaseSensitive(reply->json, "Attributes");
			if (!cJSON_IsObject(now))
				now = g->item;
		}
		guarded_finish(g, DDB_WRITE_DONE, now, NULL, NULL);
		return;
	}
	journal_refused(g, &reply->err);
	if (ddb_error_conditional(&reply->err)) {
		ddb_get_item(c, g->table, cJSON_Duplicate(g->key, 1), 1, guarded_refetched, g,
		             g->tag);
		return;
	}
	guarded_finish(g, DDB_WRITE_FAILED, NULL, NULL, &reply->err);
}

/* A changed item as an update of the attributes that differ (see above): 0 if it is sent (names
 * and values taken), -1 if it cannot be one (nothing to update, or too long for one expression;
 * names and values untouched: DynamoDB refuses placeholders an expression does not use). */
static int guarded_update(struct guarded *g, const cJSON *key_names, const char *cond,
                          cJSON **names, cJSON **values)
{
	struct ddb_buf b = DDB_BUF_INIT;
	cJSON *nn = *names ? cJSON_Duplicate(*names, 1) : cJSON_CreateObject();
	cJSON *vv = *values ? cJSON_Duplicate(*values, 1) : cJSON_CreateObject();
	char *update = NULL, *absent = NULL;
	int rc = -1;

	if (!nn || !vv)
		abort();
	if (ddb_update_between(g->expect, g->item, key_names, &update, &absent, nn, vv) == 0) {
		ddb_buf_printf(&b, "%s%s%s", cond ? cond : "", cond && absent ? " AND " : "",
		               absent ? absent : "");
		if (b.len <= DDB_EXPR_MAX_BYTES) {
			g->update = 1;
			ddb_update_item(g->c, g->table, cJSON_Duplicate(g->key, 1), update,
			                b.len ? ddb_buf_str(&b) : NULL, nn, vv, guarded_written, g,
			                g->tag);
			nn = vv = NULL;
			cJSON_Delete(*names);
			cJSON_Delete(*values);
			*names = *values = NULL;
			rc = 0;
		}
	}
	free(update);
	free(absent);
	ddb_buf_done(&b);
	cJSON_Delete(nn);
	cJSON_Delete(vv);
	return rc;
}

/* Sends the write itself (the item was just read and is as expected). */
static void guarded_send(struct guarded *g)
{
	struct ddb_client *c = g->c;
	cJSON *key_names = cJSON_CreateArray(), *names = NULL, *values = NULL;
	const cJSON *k;
	char *cond;

	if (!key_names)
		abort();
	cJSON_ArrayForEach(k, g->key)
	    cJSON_AddItemToArray(key_names, cJSON_CreateString(k->string));
	if (!g->expect)
		cond = ddb_cond_absent(g->key->child->string, &names);
	else
		cond = ddb_cond_unchanged(g->expect, key_names, &names, &values, NULL);
	if (g->expect && g->item && guarded_update(g, key_names, cond, &names, &values) == 0)
		; /* sent as an update */
	else if (g->item)
		ddb_put_item(c, g->table, cJSON_Duplicate(g->item, 1), cond, names, values,
		             guarded_written, g, g->tag);
	else
		ddb_delete_item(c, g->table, cJSON_Duplicate(g->key, 1), cond, names, values,
		                guarded_written, g, g->tag);
	free(cond);
	cJSON_Delete(key_names);
}

/* The item as it is before the write: compared whole with what the write assumes. */
static void guarded_checked(struct ddb_client *c, struct ddb_reply *reply, void *ud)
{
	struct guarded *g = ud;
	struct ddb_error err;
	const cJSON *now;

	(void)c;
	if (reply->err.kind != DDB_ERR_NONE) {
		guarded_finish(g, DDB_WRITE_FAILED, NULL, NULL, &reply->err);
		return;
	}
	now = ddb_reply_item(reply);
	if (!ddb_item_same(now, g->expect)) {
		guarded_finish(g, DDB_WRITE_CHANGED, NULL, now, NULL);
		return;
	}
	ddb_error_clear(&err);
	g->jid = journal_record(g, &err);
	if (g->jid < 0) {
		char msg[sizeof(err.message)];

		snprintf(msg, sizeof(msg), "%s", err.message);
		ddb_error_set(&err, err.kind, "the undo journal: %s", msg);
		guarded_finish(g, DDB_WRITE_FAILED, NULL, NULL, &err);
		return;
	}
	guarded_send(g);
}

void ddb_guarded_write(struct ddb_client *c, const char *journal, const char *table, cJSON *key,
                       const cJSON *expect, const cJSON *item, ddb_write_cb *cb, void *ud,
                       const void *tag)
{
	struct guarded *g = calloc(1, sizeof(*g));

	if (!g)
		abort();
	g->c = c;
	g->journal = journal ? ddb_strdup(journal) : NULL;
	g->table = ddb_strdup(table);
	g->key = key;
	g->expect = expect ? cJSON_Duplicate(expect, 1) : NULL;
	g->item = item ? cJSON_Duplicate(item, 1) : NULL;
	g->tag = tag;
	g->cb = cb;
	g->ud = ud;
	ddb_get_item(c, table, cJSON_Duplicate(key, 1), 1, guarded_checked, g, tag);
}
