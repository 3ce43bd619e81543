/* undo.c - u: the newest journal entry not undone for this endpoint, region and the table the
 * user is looking at (else the newest for any table, which says it is another table). It says
 * what it will change (table, key, "restore the deleted item", "put back the old version") and
 * asks. Then the item is read back; if it is still what that write left, the previous image is
 * restored (a put, or a delete if there was none); if it changed since, it asks again. The
 * restoring write is journaled too, then both it and the entry it reverts are marked undone. */
#include "views/view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ddb/edit.h"
#include "ddb/journal.h"
#include "ddb/ops.h"
#include "ddb/write.h"
#include "views/edit.h"
#include "views/edit_priv.h"

/* ---- undo ---- */

struct undo_op {
	struct tui *t;
	struct ddb_journal_entry e;
	cJSON *current; /* the item now, NULL if absent */
};

static void undo_free(void *ud)
{
	struct undo_op *u = ud;

	ddb_journal_entry_done(&u->e);
	cJSON_Delete(u->current);
	free(u);
}

static void undo_done(struct tui *t, const struct ddb_write_result *res, void *ud)
{
	struct undo_op *u = ud;
	char *key = edit_key_text(u->e.key), line[400];

	if (res->outcome == DDB_WRITE_DONE) {
		edit_journal_mark(t, u->e.id);
		edit_journal_mark(t, res->jid);
		edit_broadcast(t, u->e.table, u->current ? u->e.key : NULL, res->item);
		if (u->e.before)
			tui_info(t, "undone #%ld (%s): %s in %s is as it was before %s", u->e.id,
			         u->e.op, key, u->e.table, u->e.time);
		else
			tui_info(t,
			         "undone #%ld (%s): deleted %s from %s (it did not exist before)",
			         u->e.id, u->e.op, key, u->e.table);
	} else if (res->outcome == DDB_WRITE_CHANGED) {
		tui_error(t,
		          "undo #%ld: %s in %s changed again meanwhile; nothing written (u tries "
		          "again)",
		          u->e.id, key, u->e.table);
	} else {
		ddb_error_line(line, sizeof(line), res->err);
		tui_error(t, "undo #%ld: %s", u->e.id, line);
	}
	free(key);
	undo_free(u);
}

/* Writes the entry's previous image back, if the item is still as it was read. */
static void undo_restore(struct tui *t, void *ud)
{
	struct undo_op *u = ud;
	char *key;

	if (!u->e.before && !u->current) {
		edit_journal_mark(t, u->e.id);
		key = edit_key_text(u->e.key);
		tui_info(t, "undo #%ld: %s is not in %s, as before that write; marked undone",
		         u->e.id, key, u->e.table);
		free(key);
		undo_free(u);
		return;
	}
	edit_guarded_write(t, u->e.table, cJSON_Duplicate(u->e.key, 1), u->current, u->e.before,
	                   undo_done, u, NULL);
}

static const struct question undo_question = {
    {"yes", NULL},
    "not undone",
    undo_restore,
    undo_free,
};

static void undo_answered(struct tui *t, const char *text, void *ud)
{
	edit_answer(t, text, &undo_question, ud);
}

static void undo_got(struct ddb_client *c, struct ddb_reply *reply, void *ud)
{
	struct undo_op *u = ud;
	struct tui *t = u->t;
	char *key, line[400], label[600];
	const cJSON *item;

	(void)c;
	if (reply->err.kind != DDB_ERR_NONE) {
		ddb_error_line(line, sizeof(line), &reply->err);
		tui_error(t, "undo #%ld: cannot read the item: %s", u->e.id, line);
		undo_free(u);
		return;
	}
	item = ddb_reply_item(reply);
	u->current = item ? cJSON_Duplicate(item, 1) : NULL;
	if (ddb_item_same(u->current, u->e.after)) {
		undo_restore(t, u);
		return;
	}
	key = edit_key_text(u->e.key);
	if (ddb_item_same(u->current, u->e.before)) {
		edit_journal_mark(t, u->e.id);
		tui_info(t,
		         "undo #%ld: %s in %s is already as it was before that write; marked "
		         "undone (u again for the write before)",
		         u->e.id, key, u->e.table);
		free(key);
		undo_free(u);
		return;
	}
	snprintf(label, sizeof(label),
	         "%s in %s changed since that write (#%ld, %s): overwrite it with the older "
	         "version? (type yes)",
	         key, u->e.table, u->e.id, u->e.time);
	free(key);
	tui_prompt(t, label, "", 0, undo_answered, u);
}

/* What undoing e does, for the question: "restore the deleted item pk=a" and so on. */
static void undo_action(const struct ddb_journal_entry *e, const char *key, char *buf, size_t size)
{
	if (!e->before)
		snprintf(buf, size, "delete %s (it did not exist before)", key);
	else if (!e->after)
		snprintf(buf, size, "restore the deleted item %s", key);
	else
		snprintf(buf, size, "put back the old version of %s", key);
}

/* Asked yes: read the item as it is now, then restore (or ask again if it changed since). */
static void undo_confirmed(struct tui *t, void *ud)
{
	struct undo_op *u = ud;

	ddb_get_item(t->client, u->e.table, cJSON_Duplicate(u->e.key, 1), 1, undo_got, u, NULL);
}

static const struct question undo_ask = {
    {"y", "yes"},
    "not undone",
    undo_confirmed,
    undo_free,
};

static void undo_ask_answered(struct tui *t, const char *text, void *ud)
{
	edit_answer(t, text, &undo_ask, ud);
}

void edit_undo(struct tui *t, const char *table)
{
	struct ddb_error err;
	struct undo_op *u;
	char *path, *key, action[400], label[700];
	int rc = 0, other;

	if (edit_refused(t, "undo"))
		return;
	ddb_error_clear(&err);
	path = ddb_journal_path(NULL, &err);
	if (!path) {
		tui_error(t, "undo: %s", err.message);
		return;
	}
	u = calloc(1, sizeof(*u));
	if (!u)
		abort();
	u->t = t;
	if (table)
		rc = ddb_journal_last_in(path, t->session->cfg.endpoint, t->session->cfg.region,
		                         table, &u->e, &err);
	if (rc == 0)
		rc = ddb_journal_last_in(path, t->session->cfg.endpoint, t->session->cfg.region,
		                         NULL, &u->e, &err);
	if (rc <= 0) {
		if (rc < 0)
			tui_error(t, "undo: %s", err.message);
		else
			tui_info(t, "nothing to undo (no write to %s left in %s)",
			         t->session->cfg.endpoint, path);
		free(path);
		undo_free(u);
		return;
	}
	free(path);
	if (!u->e.key || !u->e.key->child || !u->e.table[0]) {
		tui_error(t, "undo: journal entry #%ld has no table or key; marked undone",
		          u->e.id);
		edit_journal_mark(t, u->e.id);
		undo_free(u);
		return;
	}
	key = edit_key_text(u->e.key);
	undo_action(&u->e, key, action, sizeof(action));
	free(key);
	other = table && strcmp(table, u->e.table) != 0;
	if (other)
		snprintf(label, sizeof(label),
		         "nothing to undo in %s; the newest write is in another table, %s: %s "
		         "there (#%ld %s, %s)? (y/n)",
		         table, u->e.table, action, u->e.id, u->e.op, u->e.time);
	else
		snprintf(label, sizeof(label), "undo in %s: %s (#%ld %s, %s)? (y/n)", u->e.table,
		         action, u->e.id, u->e.op, u->e.time);
	tui_prompt(t, label, "", 0, undo_ask_answered, u);
}
