/* edit.h - the editing service of the views (views/edit.c): edit, add, copy and delete an
 * item, undo, and what every write goes through. */
#ifndef VIEWS_EDIT_H
#define VIEWS_EDIT_H

#include <cjson/cJSON.h>

#include "keymaps/keymap.h"

struct tui;
struct ddb_error;

/* ---- editing and moving data (views/edit.c) ----
 * Every write is recorded in the undo journal (ddb/journal.h) before it is sent, and reported
 * to the open views through their item_written op. In read-only mode each entry point shows
 * "read-only mode: ... is unavailable" and does nothing. */
struct edit_target {
	const char *table;
	const cJSON *key_names; /* array of the key attribute names, hash first */
	const cJSON *key_types; /* object name -> "S" | "N" | "B", or NULL (taken from item) */
	const cJSON *item;      /* the item as loaded (raw); NULL for a new item */
	int raw;                /* edit as DynamoDB JSON (else plain JSON) */
};
/* e: the item in the editor, then a review of the changes, then a write conditional on the item
 * being unchanged since it was loaded (a changed key: copy, then delete, after a confirmation).
 * The table is described first: its indexes' keys are checked in the editor with the rest. */
void edit_item(struct tui *t, const struct edit_target *tg);
/* a: a new item from a template of the key attributes (tg->item NULL or a model for the types);
 * p: a copy of tg->item under a new key. Both write only if no item has that key. */
void edit_new_item(struct tui *t, const struct edit_target *tg);
void edit_duplicate(struct tui *t, const struct edit_target *tg);
/* x: deletes tg->item after a confirmation, if it is unchanged since it was loaded. */
void edit_delete(struct tui *t, const struct edit_target *tg);
/* e, p or x (act) on a row that may lack attributes (from an index or a projection): reads the
 * whole item first (a consistent GetItem), then goes on as above. */
void edit_whole_item(struct tui *t, const struct edit_target *tg, enum keymap_action act);
/* u: undoes the newest journal entry of this endpoint, region and table (NULL: any table; if
 * table has none, the newest of another table, named as such), after saying what it changes and
 * asking. */
void edit_undo(struct tui *t, const char *table);
/* 1 (and the message shown) in read-only mode: "read-only mode: WHAT is unavailable". */
int edit_refused(struct tui *t, const char *what);
/* Records writes of table in the journal before they are sent: op "put" or "delete"; entries as
 * for ddb_journal_record_many. Returns the first id or -1 with err. */
long edit_journal_many(struct tui *t, const char *table, const char *op, const cJSON *entries,
                       struct ddb_error *err);
/* Calls every open view's item_written. */
void edit_broadcast(struct tui *t, const char *table, const cJSON *old_key, const cJSON *item);

#endif
