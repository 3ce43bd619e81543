/* view.h - the one interface every view implements (one file per view in views/). A view
 * draws itself into a rectangle of the frame and handles the actions of its keymap context;
 * what it does not handle goes back to the generic handler (tui/loop.c).
 *
 * Requests: a view submits with itself as the tag, and remembers its generation. A reply for a
 * view that was closed or reloaded since is dropped: check view_stale(v, gen) first thing in
 * every callback. Closed views are freed only once none of their requests is pending, so a
 * callback may always look at its view. */
#ifndef VIEWS_VIEW_H
#define VIEWS_VIEW_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "keymaps/keymap.h"
#include "tui/canvas.h"

struct tui;
struct view;

struct view_ops {
	const char *name;     /* "scan" */
	enum keymap_ctx ctx;  /* its key bindings */
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
};

struct view {
	const struct view_ops *ops;
	struct tui *tui;
	unsigned gen;     /* bumped by view_reload: older replies are dropped */
	int closed;
	int page_rows;    /* rows of its last draw, for PgUp/PgDn */
	struct view *next_dead;
};

/* Embeds base in a view struct: call first in a constructor. */
void view_init(struct view *v, const struct view_ops *ops, struct tui *t);
/* Whether a reply made at generation gen is for a view that is gone or reloaded. */
int view_stale(const struct view *v, unsigned gen);
/* Cancels the view's requests and bumps its generation (before reloading). */
void view_reload(struct view *v);

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

#endif
