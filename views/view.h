/* view.h - the one interface every view implements (one file per view in views/). A view
 * draws itself into a rectangle of the frame and handles the actions of its keymap context;
 * what it does not handle goes back to the generic handler (tui/loop.c).
 *
 * Requests: a view submits with itself as the tag, and remembers its generation (a view_req as
 * the callback's ud). A reply for a view that was closed or reloaded since is dropped: check
 * view_stale(v, gen) first thing in every callback. Closed views are freed only once none of
 * their requests is pending, so a callback may always look at its view. */
#ifndef VIEWS_VIEW_H
#define VIEWS_VIEW_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "keymaps/keymap.h"
#include "tui/canvas.h"

struct tui;
struct view;

struct view_ops {
	const char *name;    /* "scan" */
	enum keymap_ctx ctx; /* its key bindings */
	/* The pane title, e.g. "Scan cruddur-messages (120 rows, more)". */
	void (*title)(struct view *v, char *buf, size_t size);
	void (*draw)(struct view *v, struct canvas *cv, struct rect r, int focused);
	/* An action from the keymap (ACT_NONE if the key is unbound) with the raw key. Returns 1
	 * if handled. Views that edit text take raw keys here before the keymap's meaning. */
	int (*handle)(struct view *v, enum keymap_action act, int key);
	/* Reload (r); NULL if the view has nothing to reload. */
	void (*refresh)(struct view *v);
	/* Text for y (copy); heap string or NULL. */
	char *(*copy_text)(struct view *v);
	void (*free)(struct view *v);
	/* An item of table was written (views/edit.c tells every open view): the item that had
	 * old_key (NULL: none, a new item) is now item (NULL: deleted). NULL if the view shows no
	 * items. */
	void (*item_written)(struct view *v, const char *table, const cJSON *old_key,
	                     const cJSON *item);
};

struct view {
	const struct view_ops *ops;
	struct tui *tui;
	unsigned gen; /* bumped by view_reload: older replies are dropped */
	int closed;
	int page_rows; /* rows of its last draw, for PgUp/PgDn */
	struct view *next_dead;
};

/* Embeds base in a view struct: call first in a constructor. */
void view_init(struct view *v, const struct view_ops *ops, struct tui *t);
/* Whether a reply made at generation gen is for a view that is gone or reloaded. */
int view_stale(const struct view *v, unsigned gen);
/* Cancels the view's requests and bumps its generation (before reloading). */
void view_reload(struct view *v);

/* What a request's callback gets back: the view and its generation when the request was made,
 * and what the view wants to know again (a row, a flag; 0 if nothing). */
struct view_req {
	struct view *view;
	unsigned gen;
	int arg;
};
/* A new one (freed by the callback, or view_req_take) for v as it is now. */
struct view_req *view_req_new(struct view *v, int arg);
/* Whether the view is gone or reloaded since r was made. */
int view_req_stale(const struct view_req *r);
/* Frees r; returns its view, or NULL if that is gone or reloaded since. */
struct view *view_req_take(struct view_req *r);

/* The views. table and items are borrowed (copied as needed). */
struct view *view_tables_new(struct tui *t);
const char *view_tables_selected(struct view *v); /* NULL if none */
/* Asks for the typed name, then drops the table and waits until it is gone. */
void view_tables_drop(struct view *v, const char *table);
struct view *view_scan_new(struct tui *t, const char *table);
struct view *view_describe_new(struct tui *t, const char *table);
/* An item of table (raw DynamoDB JSON); key_names (array of strings, may be NULL) lists its key
 * attributes for the title. */
struct view *view_item_new(struct tui *t, const char *table, const cJSON *item,
                           const cJSON *key_names);
/* JSON pretty-printed with 2-space indents, as styled text (tui/widgets.h markers, ST_JSON_*
 * styles) and as the same text unstyled; either buffer may be NULL. dynamodb: json is an item in
 * DynamoDB JSON (type tags in ST_JSON_TYPE, scalar values on one line). cJSON_Raw numbers print
 * verbatim. In views/item.c. */
struct ddb_buf;
void view_json_format(struct ddb_buf *styled, struct ddb_buf *plain, const cJSON *json,
                      int dynamodb);
struct view *view_help_new(struct tui *t);
struct view *view_log_new(struct tui *t);
struct view *view_conversations_new(struct tui *t, const char *handle);
struct view *view_messages_new(struct tui *t, const char *group_uuid, const char *my_handle,
                               const char *other_handle);
struct view *view_seed_new(struct tui *t);

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
/* u: undoes the newest journal entry of this endpoint and region. */
void edit_undo(struct tui *t);
/* 1 (and the message shown) in read-only mode: "read-only mode: WHAT is unavailable". */
int edit_refused(struct tui *t, const char *what);
struct ddb_error;
/* Records writes of table in the journal before they are sent: op "put" or "delete"; entries as
 * for ddb_journal_record_many. Returns the first id or -1 with err. */
long edit_journal_many(struct tui *t, const char *table, const char *op, const cJSON *entries,
                       struct ddb_error *err);
/* Calls every open view's item_written. */
void edit_broadcast(struct tui *t, const char *table, const cJSON *old_key, const cJSON *item);

/* ---- querying, creating tables, export and import ---- */
/* The grid of a prepared request (views/scan.c): op "Query" or "Scan" with request (copied; a
 * page's ExclusiveStartKey and a Limit are added), what starts the title ("Query"), header (may
 * be NULL) is a line above the grid, e.g. the expression. */
struct view *view_scan_new_request(struct tui *t, const char *table, const char *op,
                                   const cJSON *request, const char *what, const char *header);
/* The table a scan view shows; NULL if v is not a scan view. */
const char *view_scan_table(struct view *v);
/* The query builder for table (views/query.c). */
struct view *view_query_new(struct tui *t, const char *table);
/* The table of a query builder; NULL if v is not one. */
const char *view_query_table(struct view *v);
/* The create-table form (views/create.c), filled in with the model's table (name NULL: the
 * --table one): Enter on Create creates it. */
struct view *view_create_new(struct tui *t, const char *name);
/* Export a table to a file (format "ddb", "json" or "csv"; NULL: csv for *.csv, else ddb), and
 * import a file into a table (views/transfer.c): page by page through the queue, progress in the
 * view and the message line. NULL (the error shown) if the arguments are wrong. */
struct view *view_export_new(struct tui *t, const char *table, const char *file,
                             const char *format);
struct view *view_import_new(struct tui *t, const char *table, const char *file);

#endif
