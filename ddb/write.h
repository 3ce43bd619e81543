/* write.h - the guarded write: the one way ddbtui changes an item it has shown (an edit, a copy,
 * a new item, a delete, an undo), from the UI or a subcommand.
 *
 * A write assumes the item is as the user saw it (expect; NULL: no item has the key). No
 * condition can say "and no other attributes", so the item is read first (consistently) and
 * compared whole: a change, an attribute someone added included, is reported and nothing is
 * written. Then the undo journal entry (ddb/journal.h), then the write with the condition that
 * the attributes are still as expected, for the moment between the read and the write. A changed
 * item goes as an update of the attributes that differ (and the condition that those added are
 * still absent), so an attribute someone adds in that moment is kept too; a new one, or an
 * update too long for one expression, as a put; no item (NULL) as a delete. A write DynamoDB
 * refuses never happened: its journal entry is marked undone at once. */
#ifndef DDB_WRITE_H
#define DDB_WRITE_H

#include <cjson/cJSON.h>

#include "error.h"
#include "queue.h"

enum ddb_write_outcome {
	DDB_WRITE_DONE,    /* written: item is the item now (NULL after a delete) */
	DDB_WRITE_CHANGED, /* not written: the item is not as expected; current is it now (NULL:
	                    * absent) */
	DDB_WRITE_FAILED,  /* not written, or not known (cancelled): err */
};

/* What the callback gets, borrowed for the call. */
struct ddb_write_result {
	enum ddb_write_outcome outcome;
	const cJSON *item;
	const cJSON *current;
	const struct ddb_error *err;
	long jid; /* the write's journal entry; 0 if none was made */
	/* Set when the entry of a refused write could not be marked undone (the write failed
	 * anyway; undo may then offer it): for the caller to report. NULL otherwise. */
	const struct ddb_error *journal_err;
};

typedef void ddb_write_cb(struct ddb_client *c, const struct ddb_write_result *res, void *ud);

/* Writes item (NULL: deletes) at key (taken; its members are the key attributes, hash first) in
 * table if the item there is expect (NULL: none); item and expect are copied. journal is the
 * journal's path (NULL: ddb_journal_path's default); entries carry the client's endpoint and
 * region. The requests go with tag (ddb_cancel_tag). cb runs once, whatever happens. */
void ddb_guarded_write(struct ddb_client *c, const char *journal, const char *table, cJSON *key,
                       const cJSON *expect, const cJSON *item, ddb_write_cb *cb, void *ud,
                       const void *tag);

/* The error of a reply as one line: "Type: message" for a service error, else the message. */
void ddb_error_line(char *buf, size_t size, const struct ddb_error *err);
/* Whether err is DynamoDB's ConditionalCheckFailedException. */
int ddb_error_conditional(const struct ddb_error *err);
/* The item of a GetItem reply, or NULL when there is none. */
const cJSON *ddb_reply_item(const struct ddb_reply *reply);

#endif
