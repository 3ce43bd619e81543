/* journal.h - the undo journal: before a write is sent, the item's previous image (or its
 * absence) and the image being written go to $XDG_STATE_HOME/ddbtui/journal.jsonl (0600), one
 * JSON object a line, appended and fsynced. Undo takes the newest entry not yet undone (of the
 * same endpoint and region), checks that the item is still what that write left, and restores
 * the previous image; an undo is itself recorded (so it can be undone too) and marks the entry.
 *
 * Line format:
 *   {"id": 12, "time": "2026-...+00:00", "endpoint": "http://...", "region": "us-east-1",
 *    "table": "t", "op": "put"|"delete", "key": {raw key}, "before": {raw item}|null,
 *    "after": {raw item}|null}
 *   {"undone": 12, "time": ...}          (marks entry 12 as undone)
 * A line that does not parse (a torn last write) is skipped, never rewritten. */
#ifndef DDB_JOURNAL_H
#define DDB_JOURNAL_H

#include <cjson/cJSON.h>

#include "error.h"

struct ddb_journal_entry {
	long id;
	char *time;
	char *endpoint;
	char *region;
	char *table;
	char *op;
	cJSON *key;    /* raw key */
	cJSON *before; /* raw item or NULL (absent) */
	cJSON *after;  /* raw item or NULL (deleted) */
};

void ddb_journal_entry_done(struct ddb_journal_entry *e);

/* The path: $XDG_STATE_HOME/ddbtui/journal.jsonl, else ~/.local/state/ddbtui/journal.jsonl.
 * Heap string or NULL with err. getenv_fn NULL: getenv. */
char *ddb_journal_path(const char *(*getenv_fn)(const char *), struct ddb_error *err);

/* Appends an entry (directories made 0700, the file 0600), fsynced before returning; returns its
 * id (> 0) or -1 with err. key, before and after are borrowed. */
long ddb_journal_record(const char *path, const char *endpoint, const char *region,
                        const char *table, const char *op, const cJSON *key, const cJSON *before,
                        const cJSON *after, struct ddb_error *err);

/* Appends one entry per element of entries (an array of {"key", "before", "after"} objects, each
 * member optional: absent means null; borrowed), ids consecutive, in one write and one fsync (a
 * batch delete of thousands of items). Returns the first id, or -1 with err. */
long ddb_journal_record_many(const char *path, const char *endpoint, const char *region,
                             const char *table, const char *op, const cJSON *entries,
                             struct ddb_error *err);

/* The newest entry for endpoint and region that is not undone: 1 and *out filled, 0 if there
 * is none, -1 with err. */
int ddb_journal_last(const char *path, const char *endpoint, const char *region,
                     struct ddb_journal_entry *out, struct ddb_error *err);
/* The same for one table's writes only (table NULL: any table's). */
int ddb_journal_last_in(const char *path, const char *endpoint, const char *region,
                        const char *table, struct ddb_journal_entry *out, struct ddb_error *err);

/* Marks an entry undone. */
int ddb_journal_mark_undone(const char *path, long id, struct ddb_error *err);

/* Whether two raw items are the same (both NULL counts as the same); attribute order and set
 * member order do not matter, numbers compare as written. */
int ddb_item_equal(const cJSON *a, const cJSON *b);

#endif
