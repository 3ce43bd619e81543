/* edit.c - writing items: the editor round trip (e, a, p) with a review of the changes before
 * anything is written, conditional writes, deletes (x), undo (u), and the journal behind them.
 *
 * The round trip: the item goes to a 0600 file in the state directory as plain JSON or DynamoDB
 * JSON (as it is shown), the user's editor runs on it (tui/editor.h), the text is parsed and
 * checked (JSON, types, key attributes, 400 KB). Invalid text reopens the editor with the error
 * as "// " lines at the top and the text intact below; the file is the recovery file and stays
 * until the item is written (or the user empties it, or discards the review with n). Valid text
 * opens the review view: the attributes added, removed and changed, then the item; y writes it.
 *
 * Writes: a changed item is written with the condition that it is unchanged since it was loaded
 * (ddb/edit.h; an attribute someone else added is not detected); a new item or a copy with the
 * condition that no item has its key. A failed condition fetches the current version and shows
 * it next to the user's (nothing is overwritten; e edits the user's text again on top of the
 * current version). A changed key is a copy to the new key, then a delete of the old item, after
 * a typed confirmation.
 *
 * Journal: every write is recorded (previous image, new image) before it is sent; a write that
 * DynamoDB refused is marked undone at once (it never happened). u takes the newest entry not
 * undone for this endpoint and region, reads the item, and if it is still what that write left,
 * restores the previous image (a put, or a delete if there was none); if it changed since, it
 * asks first. The restoring write is journaled too (its previous image kept, like any write),
 * then both it and the entry it reverts are marked undone: u walks back through the history one
 * write at a time (a batch delete is one entry per item), also after a restart. There is no
 * redo. */
#include "views/view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ddb/attr.h"
#include "ddb/buf.h"
#include "ddb/edit.h"
#include "ddb/journal.h"
#include "ddb/json.h"
#include "ddb/ops.h"
#include "tui/editor.h"
#include "tui/tui.h"
#include "tui/widgets.h"

#define VALUE_W   60 /* columns of a value in the list of changes */
#define KEY_VAL_W 40 /* columns of a key value in messages */

/* Text without control characters, cut to w columns with an ellipsis. */
static void put_cut(struct ddb_buf *b, const char *s, int w)
{
	char *c = ddb_strdup(s), *p;

	for (p = c; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = ' ';
	if (text_width(c) > w) {
		c[text_fit(c, w - 1)] = '\0';
		ddb_buf_printf(b, "%s\xe2\x80\xa6", c);
	} else {
		ddb_buf_puts(b, c);
	}
	free(c);
}

/* "pk=alpha, sk=1" (heap). */
static char *key_text(const cJSON *key)
{
	struct ddb_buf b = DDB_BUF_INIT;
	const cJSON *a;

	ddb_buf_puts(&b, "");
	cJSON_ArrayForEach(a, key)
	{
		enum ddb_type t = ddb_attr_type(a);
		char *val;

		if ((t == DDB_T_S || t == DDB_T_N || t == DDB_T_B) && cJSON_IsString(a->child))
			val = ddb_strdup(a->child->valuestring);
		else
			val = cJSON_PrintUnformatted(a);
		ddb_buf_printf(&b, "%s%s=", b.len ? ", " : "", a->string ? a->string : "");
		put_cut(&b, val ? val : "", KEY_VAL_W);
		free(val);
	}
	return ddb_buf_steal(&b);
}

/* The error of a reply as one line. */
static void err_line(char *buf, size_t size, const struct ddb_error *err)
{
	if (err->kind == DDB_ERR_SERVICE && err->type[0])
		snprintf(buf, size, "%s: %s", err->type, err->message);
	else
		snprintf(buf, size, "%s", err->message);
}

static int conditional_failed(const struct ddb_error *err)
{
	return err->kind == DDB_ERR_SERVICE &&
	       strcmp(err->type, "ConditionalCheckFailedException") == 0;
}

int edit_refused(struct tui *t, const char *what)
{
	if (!t->app->read_only)
		return 0;
	tui_error(t, "read-only mode: %s is unavailable (start without --read-only to write)",
	          what);
	return 1;
}

/* ---- the journal ---- */

static long journal(struct tui *t, const char *table, const char *op, const cJSON *key,
                    const cJSON *before, const cJSON *after, struct ddb_error *err)
{
	char *path = ddb_journal_path(NULL, err);
	long id;

	if (!path)
		return -1;
	id = ddb_journal_record(path, t->app->cfg.endpoint, t->app->cfg.region, table, op, key,
	                        before, after, err);
	free(path);
	return id;
}

long edit_journal_many(struct tui *t, const char *table, const char *op, const cJSON *entries,
                       struct ddb_error *err)
{
	char *path = ddb_journal_path(NULL, err);
	long id;

	if (!path)
		return -1;
	id = ddb_journal_record_many(path, t->app->cfg.endpoint, t->app->cfg.region, table, op,
	                             entries, err);
	free(path);
	return id;
}

/* Marks an entry undone; a failure is only reported (the write itself is done). */
static void journal_mark(struct tui *t, long id)
{
	struct ddb_error err;
	char *path;

	if (id <= 0)
		return;
	ddb_error_clear(&err);
	path = ddb_journal_path(NULL, &err);
	if (!path || ddb_journal_mark_undone(path, id, &err) != 0)
		tui_error(t, "undo journal: %s", err.message);
	free(path);
}

/* A write DynamoDB refused never happened: its entry is not one to undo. */
static void journal_refused(struct tui *t, long id, const struct ddb_error *err)
{
	if (err->kind == DDB_ERR_SERVICE || err->kind == DDB_ERR_READ_ONLY)
		journal_mark(t, id);
}

void edit_broadcast(struct tui *t, const char *table, const cJSON *old_key, const cJSON *item)
{
	int i;

	for (i = 0; i < t->depth; i++) {
		struct view *v = t->stack[i];

		if (!v->closed && v->ops->item_written)
			v->ops->item_written(v, table, old_key, item);
	}
}

/* ---- a session: one item through the editor ---- */

enum edit_kind {
	EK_CHANGE, /* e: an existing item */
	EK_NEW,    /* a, p: no item with its key may exist */
	EK_DELETE, /* x: only for showing a conflict */
};

struct edit_session {
	struct tui *t;
	enum edit_kind kind;
	char *table;
	cJSON *key_names;  /* array of names */
	cJSON *key_types;  /* object name -> "S" | "N" | "B" (may lack some) */
	int raw;           /* edited as DynamoDB JSON */
	cJSON *loaded;     /* EK_CHANGE, EK_DELETE: the item as loaded */
	cJSON *hint;       /* the type hint for plain JSON, or NULL */
	cJSON *source_key; /* p: the original's key, which the copy must not keep */
	char *path;        /* the recovery file; NULL once removed */
	cJSON *edited;     /* the checked item from the editor */
	cJSON *current;    /* after a failed condition: the item now (NULL: absent) */
	long jid;          /* the journal entry of the write in flight */
	int step;          /* a key change: 1 the copy, 2 the delete of the old item */
	int copied;        /* a key change whose copy is written */
};

static struct edit_session *session_new(struct tui *t, const struct edit_target *tg,
                                        enum edit_kind kind)
{
	struct edit_session *s = calloc(1, sizeof(*s));
	const cJSON *k;

	if (!s)
		abort();
	s->t = t;
	s->kind = kind;
	s->table = ddb_strdup(tg->table);
	s->key_names = cJSON_Duplicate(tg->key_names, 1);
	s->raw = tg->raw;
	s->key_types = cJSON_CreateObject();
	/* the table's key types: from the key schema, else from the item's key attributes */
	cJSON_ArrayForEach(k, s->key_names)
	{
		const cJSON *ty = cJSON_GetObjectItemCaseSensitive(tg->key_types, k->valuestring);
		const cJSON *av = cJSON_GetObjectItemCaseSensitive(tg->item, k->valuestring);

		if (cJSON_IsString(ty))
			cJSON_AddStringToObject(s->key_types, k->valuestring, ty->valuestring);
		else if (av && ddb_attr_type(av) != DDB_T_INVALID)
			cJSON_AddStringToObject(s->key_types, k->valuestring,
			                        ddb_type_name(ddb_attr_type(av)));
	}
	return s;
}

static void session_forget_file(struct edit_session *s)
{
	if (s->path)
		unlink(s->path);
	free(s->path);
	s->path = NULL;
}

static void session_free(struct edit_session *s)
{
	if (!s)
		return;
	free(s->table);
	cJSON_Delete(s->key_names);
	cJSON_Delete(s->key_types);
	cJSON_Delete(s->loaded);
	cJSON_Delete(s->hint);
	cJSON_Delete(s->source_key);
	free(s->path);
	cJSON_Delete(s->edited);
	cJSON_Delete(s->current);
	free(s);
}

static const char *key_type(const struct edit_session *s, const char *name)
{
	const cJSON *ty = cJSON_GetObjectItemCaseSensitive(s->key_types, name);

	return cJSON_IsString(ty) ? ty->valuestring : NULL;
}

/* A copy of item with the key attributes first (easier to find in the editor). */
static cJSON *keys_first(const cJSON *item, const cJSON *key_names)
{
	cJSON *out = cJSON_CreateObject();
	const cJSON *k, *a;

	cJSON_ArrayForEach(k, key_names)
	{
		a = cJSON_GetObjectItemCaseSensitive(item, k->valuestring);
		if (a)
			cJSON_AddItemToObject(out, k->valuestring, cJSON_Duplicate(a, 1));
	}
	cJSON_ArrayForEach(a, item)
	{
		if (a->string && !cJSON_GetObjectItemCaseSensitive(out, a->string))
			cJSON_AddItemToObject(out, a->string, cJSON_Duplicate(a, 1));
	}
	return out;
}

/* The item as the editor shows it: plain JSON, or DynamoDB JSON when asked or when plain JSON
 * cannot hold it (s->raw is then set). Heap. */
static char *item_text(struct edit_session *s, const cJSON *item)
{
	struct ddb_buf out = DDB_BUF_INIT;
	struct ddb_error err;
	cJSON *ordered = keys_first(item, s->key_names), *pj = NULL;

	ddb_error_clear(&err);
	if (!s->raw) {
		pj = ddb_item_to_plain(ordered, &err);
		if (!pj)
			s->raw = 1;
	}
	view_json_format(NULL, &out, pj ? pj : ordered, pj == NULL);
	ddb_buf_putc(&out, '\n');
	cJSON_Delete(pj);
	cJSON_Delete(ordered);
	return ddb_buf_steal(&out);
}

/* The text of the editor's file checked and turned into an item; NULL with *msg (heap). */
static cJSON *parse_item(struct edit_session *s, const char *body, char **msg)
{
	struct ddb_error err;
	struct ddb_buf m = DDB_BUF_INIT;
	cJSON *json, *item;
	const cJSON *k;
	size_t size;

	ddb_error_clear(&err);
	json = ddb_json_parse(body, strlen(body), &err);
	if (!json) {
		*msg = ddb_strdup(err.message);
		return NULL;
	}
	if (!cJSON_IsObject(json)) {
		cJSON_Delete(json);
		*msg = ddb_strdup("the item must be a JSON object: {\"name\": value, ...}");
		return NULL;
	}
	if (s->raw) {
		item = json;
	} else {
		item = ddb_item_from_plain(json, s->hint, &err);
		cJSON_Delete(json);
		if (!item) {
			*msg = ddb_strdup(err.message);
			return NULL;
		}
	}
	if (ddb_item_validate(item, &err) != 0) {
		*msg = ddb_strdup(err.message);
		cJSON_Delete(item);
		return NULL;
	}
	cJSON_ArrayForEach(k, s->key_names)
	{
		const cJSON *av = cJSON_GetObjectItemCaseSensitive(item, k->valuestring);
		const char *want = key_type(s, k->valuestring);
		enum ddb_type t;

		if (!av) {
			ddb_buf_printf(&m, "the key attribute \"%s\" is missing", k->valuestring);
			break;
		}
		t = ddb_attr_type(av);
		if (t != DDB_T_S && t != DDB_T_N && t != DDB_T_B) {
			ddb_buf_printf(&m,
			               "the key attribute \"%s\" must be a string, number or "
			               "binary, not %s",
			               k->valuestring, ddb_type_name(t));
			break;
		}
		if (want && strcmp(want, ddb_type_name(t)) != 0) {
			ddb_buf_printf(&m,
			               "the key attribute \"%s\" must be of type %s (the "
			               "table's key schema), not %s",
			               k->valuestring, want, ddb_type_name(t));
			break;
		}
		if (t != DDB_T_N && !av->child->valuestring[0]) {
			ddb_buf_printf(&m,
			               "the key attribute \"%s\" is empty: DynamoDB keys cannot "
			               "be empty",
			               k->valuestring);
			break;
		}
	}
	if (!m.len && (size = ddb_item_size(item)) > DDB_ITEM_MAX_BYTES)
		ddb_buf_printf(&m, "the item is %zu bytes: DynamoDB's limit is 400 KB (%d bytes)",
		               size, DDB_ITEM_MAX_BYTES);
	if (!m.len && s->source_key) {
		cJSON *key = ddb_item_key_of(item, s->key_names);

		if (ddb_item_same(key, s->source_key))
			ddb_buf_puts(&m, "the copy still has the original's key: change a key "
			                 "attribute");
		cJSON_Delete(key);
	}
	if (m.len) {
		*msg = ddb_buf_steal(&m);
		cJSON_Delete(item);
		return NULL;
	}
	ddb_buf_done(&m);
	return item;
}

/* A JSON error's "line L, column C" counted in the file as it is reopened, below the header. */
static char *header_message(const char *msg)
{
	struct ddb_buf b = DDB_BUF_INIT;
	int line, col, n = 0, header = 2;
	const char *p;

	for (p = msg; *p; p++)
		if (*p == '\n')
			header++;
	if (sscanf(msg, "line %d, column %d%n", &line, &col, &n) == 2 && n > 0) {
		ddb_buf_printf(&b, "line %d, column %d%s", line + header, col, msg + n);
		return ddb_buf_steal(&b);
	}
	return ddb_strdup(msg);
}

static int blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return 0;
	return 1;
}

/* Runs the editor until the text is valid (1, s->edited set), there is nothing to write (0, the
 * file removed, the reason shown), or it cannot go on (-1, the file kept, the error shown).
 * reopened: the file already holds an error header. */
static int edit_loop(struct edit_session *s, int reopened)
{
	struct tui *t = s->t;
	struct ddb_error err;

	ddb_error_clear(&err);
	for (;;) {
		char *before, *text, *msg = NULL, *hm, *full;
		const char *body;
		cJSON *item;
		int unchanged;

		before = editor_file_read(s->path, &err);
		if (!before || editor_run(t, s->path, &err) != 0 ||
		    !(text = editor_file_read(s->path, &err))) {
			free(before);
			tui_error(t, "%s; nothing written (your text is in %s)", err.message,
			          s->path);
			return -1;
		}
		unchanged = strcmp(before, text) == 0;
		free(before);
		body = editor_strip_header(text);
		if (blank(body)) {
			free(text);
			session_forget_file(s);
			tui_info(t, "the file was emptied: nothing written");
			return 0;
		}
		if (unchanged && reopened) {
			free(text);
			tui_error(t,
			          "not saved: the text did not change after the error (your text "
			          "is in %s)",
			          s->path);
			return -1;
		}
		if (unchanged && s->kind == EK_NEW && !s->source_key) {
			free(text);
			session_forget_file(s);
			tui_info(t, "the template was left as it was: nothing written");
			return 0;
		}
		item = parse_item(s, body, &msg);
		if (item) {
			cJSON_Delete(s->edited);
			s->edited = item;
			/* an old error header goes: e from the review shows the text alone */
			if (body != text && editor_file_write(s->path, body, &err) != 0)
				tui_error(t, "%s", err.message);
			free(text);
			return 1;
		}
		hm = header_message(msg);
		full = editor_with_header(hm, body);
		free(hm);
		free(msg);
		free(text);
		if (editor_file_write(s->path, full, &err) != 0) {
			free(full);
			tui_error(t, "%s", err.message);
			return -1;
		}
		free(full);
		reopened = 1;
	}
}

/* ---- the review view: the changes before they are written, then a conflict ---- */

enum review_state {
	RS_REVIEW,   /* y writes, e edits again, n discards */
	RS_SAVING,   /* a write is on its way */
	RS_CONFLICT, /* not written: the current version next to the user's */
};

struct review_view {
	struct view base;
	struct edit_session *s;
	enum review_state state;
	char headline[400];
	struct textview text;
	int width;
};

static const struct view_ops review_ops;

static struct review_view *rv_of(struct view *v)
{
	return (struct review_view *)v;
}

struct review_req {
	struct review_view *rv;
	unsigned gen;
};

static struct review_req *rreq(struct review_view *rv)
{
	struct review_req *r = calloc(1, sizeof(*r));

	if (!r)
		abort();
	r->rv = rv;
	r->gen = rv->base.gen;
	return r;
}

/* Adds styled JSON text, a line at each newline. */
static void add_json(struct textview *tv, const cJSON *json, int dynamodb)
{
	struct ddb_buf styled = DDB_BUF_INIT, line = DDB_BUF_INIT;
	const char *s;

	view_json_format(&styled, NULL, json, dynamodb);
	s = ddb_buf_str(&styled);
	for (;;) {
		const char *nl = strchr(s, '\n');
		size_t len = nl ? (size_t)(nl - s) : strlen(s);

		ddb_buf_reset(&line);
		ddb_buf_puts(&line, "  ");
		ddb_buf_append(&line, s, len);
		textview_add(tv, ddb_buf_str(&line));
		if (!nl)
			break;
		s = nl + 1;
	}
	ddb_buf_done(&line);
	ddb_buf_done(&styled);
}

/* An item in the form the user edits. */
static void add_item(struct textview *tv, const cJSON *item, const struct edit_session *s)
{
	struct ddb_error err;
	cJSON *ordered, *pj = NULL;

	if (!item) {
		textview_add_text(tv, "  (no item)", ST_DIM);
		return;
	}
	ordered = keys_first(item, s->key_names);
	ddb_error_clear(&err);
	if (!s->raw)
		pj = ddb_item_to_plain(ordered, &err);
	add_json(tv, pj ? pj : ordered, pj == NULL);
	cJSON_Delete(pj);
	cJSON_Delete(ordered);
}

/* A value as one short line. */
static void put_value(struct ddb_buf *b, const cJSON *av, int raw)
{
	struct ddb_error err;
	cJSON *pj = NULL;
	char *s;

	ddb_error_clear(&err);
	if (!raw)
		pj = ddb_attr_to_plain(av, &err);
	s = cJSON_PrintUnformatted(pj ? pj : av);
	put_cut(b, s ? s : "", VALUE_W);
	free(s);
	cJSON_Delete(pj);
}

/* The differences from before to after, a line each; returns how many. */
static int add_diff(struct textview *tv, const cJSON *before, const cJSON *after, int raw)
{
	struct ddb_item_diff d;
	struct ddb_buf b = DDB_BUF_INIT;
	const cJSON *n;
	int count = 0;

	ddb_item_diff(before, after, &d);
	cJSON_ArrayForEach(n, d.changed)
	{
		ddb_buf_reset(&b);
		styled_switch(&b, ST_WARN);
		ddb_buf_puts(&b, "  ~ ");
		put_cut(&b, n->valuestring, 30);
		styled_switch(&b, ST_NORMAL);
		ddb_buf_puts(&b, "  ");
		put_value(&b, cJSON_GetObjectItemCaseSensitive(before, n->valuestring), raw);
		ddb_buf_puts(&b, " \xe2\x86\x92 ");
		put_value(&b, cJSON_GetObjectItemCaseSensitive(after, n->valuestring), raw);
		textview_add(tv, ddb_buf_str(&b));
		count++;
	}
	cJSON_ArrayForEach(n, d.added)
	{
		ddb_buf_reset(&b);
		styled_switch(&b, ST_OK);
		ddb_buf_puts(&b, "  + ");
		put_cut(&b, n->valuestring, 30);
		styled_switch(&b, ST_NORMAL);
		ddb_buf_puts(&b, "  ");
		put_value(&b, cJSON_GetObjectItemCaseSensitive(after, n->valuestring), raw);
		textview_add(tv, ddb_buf_str(&b));
		count++;
	}
	cJSON_ArrayForEach(n, d.removed)
	{
		ddb_buf_reset(&b);
		styled_switch(&b, ST_ERROR);
		ddb_buf_puts(&b, "  - ");
		put_cut(&b, n->valuestring, 30);
		styled_switch(&b, ST_NORMAL);
		ddb_buf_puts(&b, "  ");
		put_value(&b, cJSON_GetObjectItemCaseSensitive(before, n->valuestring), raw);
		textview_add(tv, ddb_buf_str(&b));
		count++;
	}
	if (!count)
		textview_add_text(tv, "  (none)", ST_DIM);
	ddb_buf_done(&b);
	ddb_item_diff_done(&d);
	return count;
}

/* The key the write is about: the edited item's, else the loaded one's. Heap text. */
static char *session_key_text(const struct edit_session *s, const cJSON *item)
{
	cJSON *key = ddb_item_key_of(item, s->key_names);
	char *text = key ? key_text(key) : ddb_strdup("?");

	cJSON_Delete(key);
	return text;
}

static int key_changed(const struct edit_session *s)
{
	cJSON *a, *b;
	int changed;

	if (s->kind != EK_CHANGE || !s->loaded || !s->edited)
		return 0;
	a = ddb_item_key_of(s->loaded, s->key_names);
	b = ddb_item_key_of(s->edited, s->key_names);
	changed = !ddb_item_same(a, b);
	cJSON_Delete(a);
	cJSON_Delete(b);
	return changed;
}

static void review_build(struct review_view *rv)
{
	struct edit_session *s = rv->s;
	struct textview *tv = &rv->text;
	struct ddb_buf b = DDB_BUF_INIT;
	char *key = session_key_text(s, s->edited ? s->edited : s->loaded);
	const char *form = s->raw ? "DynamoDB JSON" : "plain JSON";

	textview_clear(tv);
	tv->top = 0;
	switch (rv->state) {
	case RS_REVIEW:
	case RS_SAVING:
		if (s->kind == EK_NEW)
			ddb_buf_printf(&b, "Write the new item %s to %s?", key, s->table);
		else
			ddb_buf_printf(&b, "Save these changes to %s in %s?", key, s->table);
		textview_add_text(tv, ddb_buf_str(&b), ST_BOLD);
		if (rv->state == RS_SAVING)
			textview_add_text(tv, "Saving...", ST_DIM);
		else
			textview_add_text(tv,
			                  "y saves   e edits again   n discards   Esc closes "
			                  "(the text is kept)",
			                  ST_DIM);
		if (key_changed(s)) {
			char *old = session_key_text(s, s->loaded);

			ddb_buf_reset(&b);
			ddb_buf_printf(&b,
			               "The key changed (%s \xe2\x86\x92 %s): saving copies the "
			               "item to the new key, then deletes the old one (asks "
			               "first).",
			               old, key);
			textview_add_text(tv, ddb_buf_str(&b), ST_WARN);
			free(old);
		}
		textview_add(tv, "");
		textview_add_text(tv, s->kind == EK_NEW ? "Attributes:" : "Changes:", ST_BOLD);
		add_diff(tv, s->kind == EK_NEW ? NULL : s->loaded, s->edited, s->raw);
		textview_add(tv, "");
		ddb_buf_reset(&b);
		ddb_buf_printf(&b, "The item as it will be written (%s):", form);
		textview_add_text(tv, ddb_buf_str(&b), ST_BOLD);
		add_item(tv, s->edited, s);
		break;
	case RS_CONFLICT:
		textview_add_text(tv, rv->headline, ST_ERROR);
		if (s->kind == EK_DELETE) {
			textview_add_text(tv, "Esc closes; r in the scan reloads it", ST_DIM);
			textview_add(tv, "");
			textview_add_text(tv, "Changes since it was loaded:", ST_BOLD);
			add_diff(tv, s->loaded, s->current, s->raw);
			textview_add(tv, "");
			textview_add_text(tv, "The current version:", ST_BOLD);
			add_item(tv, s->current, s);
			textview_add(tv, "");
			textview_add_text(tv, "As it was loaded:", ST_BOLD);
			add_item(tv, s->loaded, s);
			break;
		}
		if (s->path) {
			textview_add_text(tv,
			                  "e edits your text again on top of the current "
			                  "version   Esc closes",
			                  ST_DIM);
			ddb_buf_reset(&b);
			ddb_buf_printf(&b, "Your text stays in %s", s->path);
			textview_add_text(tv, ddb_buf_str(&b), ST_DIM);
		} else {
			textview_add_text(tv, "Esc closes", ST_DIM);
		}
		textview_add(tv, "");
		textview_add_text(tv, "From the current version to yours:", ST_BOLD);
		add_diff(tv, s->current, s->edited, s->raw);
		textview_add(tv, "");
		textview_add_text(tv, "The current version:", ST_BOLD);
		add_item(tv, s->current, s);
		textview_add(tv, "");
		ddb_buf_reset(&b);
		ddb_buf_printf(&b, "Your version (%s):", form);
		textview_add_text(tv, ddb_buf_str(&b), ST_BOLD);
		add_item(tv, s->edited, s);
		break;
	}
	ddb_buf_done(&b);
	free(key);
}

static void review_title(struct view *v, char *buf, size_t size)
{
	struct review_view *rv = rv_of(v);
	char *key = session_key_text(rv->s, rv->s->edited ? rv->s->edited : rv->s->loaded);
	const char *what = rv->state == RS_CONFLICT ? "Conflict"
	                   : rv->state == RS_SAVING ? "Saving"
	                                            : "Review";

	snprintf(buf, size, "%s: %s in %s", what, key, rv->s->table);
	free(key);
}

static void review_draw(struct view *v, struct canvas *cv, struct rect r, int focused)
{
	struct review_view *rv = rv_of(v);

	(void)focused;
	rv->width = r.w - 1;
	textview_draw(&rv->text, cv, r);
}

static void review_close(struct review_view *rv)
{
	tui_close_view(rv->base.tui, &rv->base);
}

/* The headline on the message line: its lines joined. */
static void headline_message(struct review_view *rv)
{
	char line[sizeof(rv->headline)], *p;

	snprintf(line, sizeof(line), "%s", rv->headline);
	for (p = line; *p; p++)
		if (*p == '\n')
			*p = ' ';
	tui_error(rv->base.tui, "%s", line);
}

/* ---- writing ---- */

static void written(struct ddb_client *c, struct ddb_reply *reply, void *ud);
static void old_deleted(struct ddb_client *c, struct ddb_reply *reply, void *ud);

/* The item as it is now, after a failed condition: the conflict view. */
static void conflict_got(struct ddb_client *c, struct ddb_reply *reply, void *ud)
{
	struct review_req *r = ud;
	struct review_view *rv = r->rv;
	struct edit_session *s = rv->s;
	cJSON *item;
	char line[400];

	(void)c;
	if (view_stale(&rv->base, r->gen)) {
		free(r);
		return;
	}
	free(r);
	if (reply->err.kind != DDB_ERR_NONE) {
		err_line(line, sizeof(line), &reply->err);
		rv->state = RS_REVIEW;
		review_build(rv);
		tui_error(s->t,
		          "not saved: the item changed since it was loaded, and reading it "
		          "failed: %s",
		          line);
		return;
	}
	item = cJSON_DetachItemFromObjectCaseSensitive(reply->json, "Item");
	cJSON_Delete(s->current);
	s->current = cJSON_IsObject(item) ? item : NULL;
	if (!s->current)
		cJSON_Delete(item);
	rv->state = RS_CONFLICT;
	review_build(rv);
	headline_message(rv);
}

/* Reads the item of key (taken) to show it next to the user's version. */
static void fetch_conflict(struct review_view *rv, cJSON *key, const char *headline)
{
	snprintf(rv->headline, sizeof(rv->headline), "%s", headline);
	ddb_get_item(rv->base.tui->client, rv->s->table, key, 1, conflict_got, rreq(rv), rv);
}

/* Puts s->edited: conditional on s->loaded being unchanged, or (absent) on no item having the
 * key. */
static void write_put(struct review_view *rv, int absent)
{
	struct edit_session *s = rv->s;
	struct tui *t = s->t;
	struct ddb_error err;
	cJSON *key = ddb_item_key_of(s->edited, s->key_names), *names = NULL, *values = NULL;
	char *cond;

	ddb_error_clear(&err);
	s->jid = journal(t, s->table, "put", key, absent ? NULL : s->loaded, s->edited, &err);
	cJSON_Delete(key);
	if (s->jid < 0) {
		tui_error(t, "not written: the undo journal: %s", err.message);
		return;
	}
	if (absent)
		cond = ddb_cond_absent(cJSON_GetArrayItem(s->key_names, 0)->valuestring, &names);
	else
		cond = ddb_cond_unchanged(s->loaded, s->key_names, &names, &values, NULL);
	rv->state = RS_SAVING;
	review_build(rv);
	ddb_put_item(t->client, s->table, cJSON_Duplicate(s->edited, 1), cond, names, values,
	             written, rreq(rv), rv);
	free(cond);
}

/* Step 2 of a key change: the old item goes, if it is unchanged. */
static void delete_old(struct review_view *rv)
{
	struct edit_session *s = rv->s;
	struct tui *t = s->t;
	struct ddb_error err;
	cJSON *key = ddb_item_key_of(s->loaded, s->key_names), *names = NULL, *values = NULL;
	char *cond;

	ddb_error_clear(&err);
	s->step = 2;
	s->jid = journal(t, s->table, "delete", key, s->loaded, NULL, &err);
	if (s->jid < 0) {
		cJSON_Delete(key);
		rv->state = RS_REVIEW;
		tui_error(t,
		          "copied to the new key, but the old item was not deleted: the undo "
		          "journal: %s",
		          err.message);
		return;
	}
	cond = ddb_cond_unchanged(s->loaded, s->key_names, &names, &values, NULL);
	ddb_delete_item(t->client, s->table, key, cond, names, values, old_deleted, rreq(rv), rv);
	free(cond);
}

static void written(struct ddb_client *c, struct ddb_reply *reply, void *ud)
{
	struct review_req *r = ud;
	struct review_view *rv = r->rv;
	struct edit_session *s = rv->s;
	struct tui *t = s->t;
	char line[400], *key;

	(void)c;
	if (view_stale(&rv->base, r->gen)) {
		free(r);
		return;
	}
	free(r);
	key = session_key_text(s, s->edited);
	if (reply->err.kind == DDB_ERR_NONE) {
		if (s->step == 1) {
			s->copied = 1;
			/* the text is written: no need to recover it any more */
			session_forget_file(s);
			delete_old(rv);
		} else {
			cJSON *old =
			    s->kind == EK_CHANGE ? ddb_item_key_of(s->loaded, s->key_names) : NULL;

			session_forget_file(s);
			edit_broadcast(t, s->table, old, s->edited);
			cJSON_Delete(old);
			tui_info(t, "saved %s in %s (u undoes it)", key, s->table);
			review_close(rv);
		}
		free(key);
		return;
	}
	journal_refused(t, s->jid, &reply->err);
	if (conditional_failed(&reply->err)) {
		char head[400];

		if (s->kind == EK_NEW || s->step == 1)
			snprintf(head, sizeof(head),
			         "Not saved: an item with the key %s exists in %s "
			         "already.\nNothing was overwritten.",
			         key, s->table);
		else
			snprintf(head, sizeof(head),
			         "Not saved: %s changed in %s since it was "
			         "loaded.\nNothing was overwritten.",
			         key, s->table);
		s->step = 0;
		fetch_conflict(rv, ddb_item_key_of(s->edited, s->key_names), head);
		free(key);
		return;
	}
	s->step = 0;
	rv->state = RS_REVIEW;
	review_build(rv);
	if (reply->err.kind == DDB_ERR_CANCELLED)
		tui_error(t, "cancelled: %s may or may not be written (your text is in %s)", key,
		          s->path ? s->path : "?");
	else {
		err_line(line, sizeof(line), &reply->err);
		tui_error(t, "not saved: %s (your text is in %s; y tries again)", line,
		          s->path ? s->path : "?");
	}
	free(key);
}

static void old_deleted(struct ddb_client *c, struct ddb_reply *reply, void *ud)
{
	struct review_req *r = ud;
	struct review_view *rv = r->rv;
	struct edit_session *s = rv->s;
	struct tui *t = s->t;
	char line[400], head[600], *newk, *oldk;
	cJSON *old;

	(void)c;
	if (view_stale(&rv->base, r->gen)) {
		free(r);
		return;
	}
	free(r);
	newk = session_key_text(s, s->edited);
	oldk = session_key_text(s, s->loaded);
	old = ddb_item_key_of(s->loaded, s->key_names);
	s->step = 0;
	if (reply->err.kind == DDB_ERR_NONE) {
		edit_broadcast(t, s->table, old, s->edited);
		tui_info(t, "moved %s to %s in %s (u undoes one step at a time)", oldk, newk,
		         s->table);
		review_close(rv);
	} else {
		journal_refused(t, s->jid, &reply->err);
		edit_broadcast(t, s->table, NULL, s->edited);
		if (conditional_failed(&reply->err)) {
			/* show the old item as it is now, next to what was loaded */
			s->kind = EK_DELETE;
			cJSON_Delete(s->edited);
			s->edited = NULL;
			snprintf(head, sizeof(head),
			         "Copied to %s, but %s changed in %s since it "
			         "was loaded:\nit was not deleted.",
			         newk, oldk, s->table);
			fetch_conflict(rv, cJSON_Duplicate(old, 1), head);
		} else {
			err_line(line, sizeof(line), &reply->err);
			tui_error(t, "copied to %s, but %s was not deleted: %s", newk, oldk, line);
			review_close(rv);
		}
	}
	cJSON_Delete(old);
	free(newk);
	free(oldk);
}

static void key_change_confirmed(struct tui *t, const char *text, void *ud)
{
	struct review_view *rv = ud;

	if (rv->base.closed || rv->state != RS_REVIEW)
		return;
	if (!text || strcmp(text, "yes") != 0) {
		tui_info(t, "not saved: the key change was not confirmed (y asks again)");
		return;
	}
	rv->s->step = 1;
	write_put(rv, 1);
}

static void review_save(struct review_view *rv)
{
	struct edit_session *s = rv->s;

	if (edit_refused(s->t, "writing"))
		return;
	if (key_changed(s)) {
		char *oldk = session_key_text(s, s->loaded), *newk = session_key_text(s, s->edited);
		char label[400];

		snprintf(label, sizeof(label),
		         "The key changed: copy the item to %s, then delete "
		         "%s? (type yes)",
		         newk, oldk);
		tui_prompt(s->t, label, "", 0, key_change_confirmed, rv);
		free(oldk);
		free(newk);
		return;
	}
	s->step = 0;
	write_put(rv, s->kind == EK_NEW);
}

/* After the editor: the review, or nothing to do. rv: the review view this came from (NULL on
 * the first round). Takes s. */
static void after_edit(struct edit_session *s, struct review_view *rv, int rc)
{
	struct tui *t = s->t;

	if (rc > 0 && s->kind == EK_CHANGE && ddb_item_same(s->loaded, s->edited)) {
		session_forget_file(s);
		tui_info(t, "no changes: nothing written");
		rc = 0;
	}
	if (rv) {
		if (rc == 0) {
			review_close(rv);
		} else {
			/* after a failed editor too: the last valid text, against what is loaded
			 * now (after a conflict, the current version) */
			rv->state = RS_REVIEW;
			review_build(rv);
		}
		return;
	}
	if (rc <= 0) {
		session_free(s);
		return;
	}
	rv = calloc(1, sizeof(*rv));
	if (!rv)
		abort();
	view_init(&rv->base, &review_ops, t);
	textview_init(&rv->text);
	rv->s = s;
	rv->state = RS_REVIEW;
	review_build(rv);
	tui_open(t, &rv->base);
}

static int review_handle(struct view *v, enum keymap_action act, int key)
{
	struct review_view *rv = rv_of(v);
	struct edit_session *s = rv->s;

	if (rv->state == RS_SAVING) {
		if (act == ACT_BACK) {
			tui_info(v->tui, "still saving (C-c cancels)");
			return 1;
		}
	} else if (rv->state == RS_REVIEW) {
		if (key == 'y') {
			review_save(rv);
			return 1;
		}
		if (key == 'e' && s->path) {
			after_edit(s, rv, edit_loop(s, 0));
			return 1;
		}
		if (key == 'n') {
			session_forget_file(s);
			tui_info(v->tui, "discarded: nothing written");
			review_close(rv);
			return 1;
		}
		if (act == ACT_BACK) {
			if (s->path)
				tui_info(v->tui, "not saved: your text is in %s", s->path);
			review_close(rv);
			return 1;
		}
	} else if (rv->state == RS_CONFLICT) {
		if (key == 'e' && s->path && s->kind != EK_DELETE) {
			/* the user's text again, now against the current version */
			cJSON_Delete(s->loaded);
			s->loaded = s->current;
			s->current = NULL;
			s->kind = s->loaded ? EK_CHANGE : EK_NEW;
			cJSON_Delete(s->source_key);
			s->source_key = NULL;
			if (s->loaded) {
				cJSON_Delete(s->hint);
				s->hint = cJSON_Duplicate(s->loaded, 1);
			}
			after_edit(s, rv, edit_loop(s, 0));
			return 1;
		}
		if (act == ACT_BACK) {
			if (s->path)
				tui_info(v->tui, "not saved: your text is in %s", s->path);
			review_close(rv);
			return 1;
		}
	}
	return textview_action(&rv->text, act, v->page_rows, rv->width > 0 ? rv->width : 80);
}

static char *review_copy(struct view *v)
{
	return textview_plain(&rv_of(v)->text);
}

static void review_free(struct view *v)
{
	struct review_view *rv = rv_of(v);

	textview_done(&rv->text);
	session_free(rv->s);
	free(rv);
}

static const struct view_ops review_ops = {
    .name = "review",
    .ctx = CTX_ITEM,
    .title = review_title,
    .draw = review_draw,
    .handle = review_handle,
    .copy_text = review_copy,
    .free = review_free,
};

/* ---- entry points ---- */

static int target_ok(struct tui *t, const struct edit_target *tg, int need_item)
{
	if (!tg->key_names || !cJSON_GetArraySize(tg->key_names)) {
		tui_error(t, "the key schema of %s is not known yet", tg->table);
		return 0;
	}
	if (need_item && !tg->item) {
		tui_info(t, "no item selected");
		return 0;
	}
	return 1;
}

/* Writes the first text to the recovery file and runs the editor; takes s. */
static void start(struct edit_session *s, const cJSON *item)
{
	struct ddb_error err;
	char *text = item_text(s, item);

	ddb_error_clear(&err);
	s->path = editor_file_new(text, &err);
	free(text);
	if (!s->path) {
		tui_error(s->t, "cannot edit: %s", err.message);
		session_free(s);
		return;
	}
	after_edit(s, NULL, edit_loop(s, 0));
}

void edit_item(struct tui *t, const struct edit_target *tg)
{
	struct edit_session *s;

	if (edit_refused(t, "editing") || !target_ok(t, tg, 1))
		return;
	s = session_new(t, tg, EK_CHANGE);
	s->loaded = cJSON_Duplicate(tg->item, 1);
	s->hint = cJSON_Duplicate(tg->item, 1);
	start(s, tg->item);
}

void edit_new_item(struct tui *t, const struct edit_target *tg)
{
	struct edit_session *s;
	cJSON *tmpl;
	const cJSON *k;

	if (edit_refused(t, "writing new items") || !target_ok(t, tg, 0))
		return;
	s = session_new(t, tg, EK_NEW);
	tmpl = cJSON_CreateObject();
	cJSON_ArrayForEach(k, s->key_names)
	{
		const char *ty = key_type(s, k->valuestring);

		cJSON *av;

		if (ty && strcmp(ty, "N") == 0) {
			av = ddb_attr_n("0");
		} else if (ty && strcmp(ty, "B") == 0) {
			/* {"B": ""}: as a hint it keeps base64 text a binary */
			av = cJSON_CreateObject();
			cJSON_AddStringToObject(av, "B", "");
		} else {
			av = ddb_attr_s("");
		}
		cJSON_AddItemToObject(tmpl, k->valuestring, av);
	}
	s->hint = cJSON_Duplicate(tmpl, 1);
	start(s, tmpl);
	cJSON_Delete(tmpl);
}

void edit_duplicate(struct tui *t, const struct edit_target *tg)
{
	struct edit_session *s;

	if (edit_refused(t, "duplicating") || !target_ok(t, tg, 1))
		return;
	s = session_new(t, tg, EK_NEW);
	s->hint = cJSON_Duplicate(tg->item, 1);
	s->source_key = ddb_item_key_of(tg->item, s->key_names);
	start(s, tg->item);
}

/* ---- rows that may be partial (an index, a projection): the whole item first ---- */

struct fetch_op {
	struct tui *t;
	char *table;
	cJSON *key_names;
	cJSON *key_types;
	cJSON *key;
	int raw;
	enum keymap_action act;
};

static void fetch_free(struct fetch_op *f)
{
	free(f->table);
	cJSON_Delete(f->key_names);
	cJSON_Delete(f->key_types);
	cJSON_Delete(f->key);
	free(f);
}

static void fetched(struct ddb_client *c, struct ddb_reply *reply, void *ud)
{
	struct fetch_op *f = ud;
	struct edit_target tg = {f->table, f->key_names, f->key_types, NULL, f->raw};
	char line[400], *key = key_text(f->key);
	const cJSON *item;

	(void)c;
	if (reply->err.kind != DDB_ERR_NONE) {
		err_line(line, sizeof(line), &reply->err);
		tui_error(f->t, "cannot read %s: %s", key, line);
	} else if (!cJSON_IsObject(item = cJSON_GetObjectItemCaseSensitive(reply->json, "Item"))) {
		tui_error(f->t, "%s is no longer in %s (r reloads)", key, f->table);
	} else if (!f->t->quit) {
		tg.item = item;
		if (f->act == ACT_EDIT_ITEM)
			edit_item(f->t, &tg);
		else if (f->act == ACT_DUPLICATE_ITEM)
			edit_duplicate(f->t, &tg);
		else if (f->act == ACT_DELETE_ITEM)
			edit_delete(f->t, &tg);
	}
	free(key);
	fetch_free(f);
}

void edit_whole_item(struct tui *t, const struct edit_target *tg, enum keymap_action act)
{
	struct fetch_op *f;
	const char *what = act == ACT_EDIT_ITEM        ? "editing"
	                   : act == ACT_DUPLICATE_ITEM ? "duplicating"
	                                               : "deleting";

	if (edit_refused(t, what) || !target_ok(t, tg, 1))
		return;
	f = calloc(1, sizeof(*f));
	if (!f)
		abort();
	f->t = t;
	f->table = ddb_strdup(tg->table);
	f->key_names = cJSON_Duplicate(tg->key_names, 1);
	f->key_types = tg->key_types ? cJSON_Duplicate(tg->key_types, 1) : NULL;
	f->key = ddb_item_key_of(tg->item, tg->key_names);
	f->raw = tg->raw;
	f->act = act;
	if (!f->key) {
		tui_error(t, "the row lacks its key attributes");
		fetch_free(f);
		return;
	}
	ddb_get_item(t->client, f->table, cJSON_Duplicate(f->key, 1), 1, fetched, f, NULL);
}

/* ---- delete one item ---- */

struct del_op {
	struct tui *t;
	char *table;
	cJSON *key_names;
	cJSON *key;
	cJSON *loaded;
	int raw;
	long jid;
};

static void del_op_free(struct del_op *d)
{
	free(d->table);
	cJSON_Delete(d->key_names);
	cJSON_Delete(d->key);
	cJSON_Delete(d->loaded);
	free(d);
}

/* The item as it is now, next to the one loaded, in a review view. */
static void del_conflict_got(struct ddb_client *c, struct ddb_reply *reply, void *ud)
{
	struct del_op *d = ud;
	struct tui *t = d->t;
	struct edit_target tg = {d->table, d->key_names, NULL, d->loaded, d->raw};
	struct edit_session *s;
	struct review_view *rv;
	char *key = key_text(d->key);
	cJSON *item;

	(void)c;
	if (reply->err.kind != DDB_ERR_NONE || t->quit) {
		tui_error(t, "not deleted: %s changed in %s since it was loaded", key, d->table);
		free(key);
		del_op_free(d);
		return;
	}
	s = session_new(t, &tg, EK_DELETE);
	s->loaded = d->loaded;
	d->loaded = NULL;
	item = cJSON_DetachItemFromObjectCaseSensitive(reply->json, "Item");
	s->current = cJSON_IsObject(item) ? item : NULL;
	if (!s->current)
		cJSON_Delete(item);
	rv = calloc(1, sizeof(*rv));
	if (!rv)
		abort();
	view_init(&rv->base, &review_ops, t);
	textview_init(&rv->text);
	rv->s = s;
	rv->state = RS_CONFLICT;
	snprintf(rv->headline, sizeof(rv->headline),
	         "Not deleted: %s %s in %s since it was loaded.", key,
	         s->current ? "changed" : "was deleted", d->table);
	review_build(rv);
	tui_open(t, &rv->base);
	headline_message(rv);
	free(key);
	del_op_free(d);
}

static void deleted(struct ddb_client *c, struct ddb_reply *reply, void *ud)
{
	struct del_op *d = ud;
	struct tui *t = d->t;
	char *key = key_text(d->key), line[400];

	if (reply->err.kind == DDB_ERR_NONE) {
		edit_broadcast(t, d->table, d->key, NULL);
		tui_info(t, "deleted %s from %s (u undoes it)", key, d->table);
		del_op_free(d);
	} else if (conditional_failed(&reply->err)) {
		journal_mark(t, d->jid);
		ddb_get_item(c, d->table, cJSON_Duplicate(d->key, 1), 1, del_conflict_got, d, NULL);
	} else {
		journal_refused(t, d->jid, &reply->err);
		err_line(line, sizeof(line), &reply->err);
		if (reply->err.kind == DDB_ERR_CANCELLED)
			tui_error(t, "cancelled: %s may or may not be deleted", key);
		else
			tui_error(t, "not deleted: %s", line);
		del_op_free(d);
	}
	free(key);
}

static void delete_confirmed(struct tui *t, const char *text, void *ud)
{
	struct del_op *d = ud;
	struct ddb_error err;
	cJSON *names = NULL, *values = NULL;
	char *cond;

	if (!text || (strcmp(text, "y") != 0 && strcmp(text, "yes") != 0)) {
		tui_info(t, "not deleted");
		del_op_free(d);
		return;
	}
	ddb_error_clear(&err);
	d->jid = journal(t, d->table, "delete", d->key, d->loaded, NULL, &err);
	if (d->jid < 0) {
		tui_error(t, "not deleted: the undo journal: %s", err.message);
		del_op_free(d);
		return;
	}
	cond = ddb_cond_unchanged(d->loaded, d->key_names, &names, &values, NULL);
	ddb_delete_item(t->client, d->table, cJSON_Duplicate(d->key, 1), cond, names, values,
	                deleted, d, NULL);
	free(cond);
}

void edit_delete(struct tui *t, const struct edit_target *tg)
{
	struct del_op *d;
	char label[400], *key;

	if (edit_refused(t, "deleting") || !target_ok(t, tg, 1))
		return;
	d = calloc(1, sizeof(*d));
	if (!d)
		abort();
	d->t = t;
	d->table = ddb_strdup(tg->table);
	d->key_names = cJSON_Duplicate(tg->key_names, 1);
	d->key = ddb_item_key_of(tg->item, tg->key_names);
	d->loaded = cJSON_Duplicate(tg->item, 1);
	d->raw = tg->raw;
	if (!d->key) {
		tui_error(t, "the item lacks its key attributes");
		del_op_free(d);
		return;
	}
	key = key_text(d->key);
	snprintf(label, sizeof(label), "Delete %s from %s? (y/n)", key, d->table);
	free(key);
	tui_prompt(t, label, "", 0, delete_confirmed, d);
}

/* ---- undo ---- */

struct undo_op {
	struct tui *t;
	struct ddb_journal_entry e;
	cJSON *current; /* the item now, NULL if absent */
	long jid;       /* the restoring write's own entry */
};

static void undo_free(struct undo_op *u)
{
	ddb_journal_entry_done(&u->e);
	cJSON_Delete(u->current);
	free(u);
}

static void undo_done(struct ddb_client *c, struct ddb_reply *reply, void *ud)
{
	struct undo_op *u = ud;
	struct tui *t = u->t;
	char *key = key_text(u->e.key), line[400];

	(void)c;
	if (reply->err.kind == DDB_ERR_NONE) {
		journal_mark(t, u->e.id);
		journal_mark(t, u->jid);
		edit_broadcast(t, u->e.table, u->current ? u->e.key : NULL, u->e.before);
		if (u->e.before)
			tui_info(t, "undone #%ld (%s): %s in %s is as it was before %s", u->e.id,
			         u->e.op, key, u->e.table, u->e.time);
		else
			tui_info(t,
			         "undone #%ld (%s): deleted %s from %s (it did not exist before)",
			         u->e.id, u->e.op, key, u->e.table);
	} else if (conditional_failed(&reply->err)) {
		journal_mark(t, u->jid);
		tui_error(t,
		          "undo #%ld: %s in %s changed again meanwhile; nothing written (u tries "
		          "again)",
		          u->e.id, key, u->e.table);
	} else {
		journal_refused(t, u->jid, &reply->err);
		err_line(line, sizeof(line), &reply->err);
		tui_error(t, "undo #%ld: %s", u->e.id, line);
	}
	free(key);
	undo_free(u);
}

/* Writes the entry's previous image back, conditional on the item being as it was read. */
static void undo_restore(struct undo_op *u)
{
	struct tui *t = u->t;
	struct ddb_error err;
	const cJSON *target = u->e.before;
	cJSON *names = NULL, *values = NULL;
	char *cond, *key;

	if (!target && !u->current) {
		journal_mark(t, u->e.id);
		key = key_text(u->e.key);
		tui_info(t, "undo #%ld: %s is not in %s, as before that write; marked undone",
		         u->e.id, key, u->e.table);
		free(key);
		undo_free(u);
		return;
	}
	ddb_error_clear(&err);
	u->jid =
	    journal(t, u->e.table, target ? "put" : "delete", u->e.key, u->current, target, &err);
	if (u->jid < 0) {
		tui_error(t, "not undone: the undo journal: %s", err.message);
		undo_free(u);
		return;
	}
	if (u->current)
		cond = ddb_cond_unchanged(u->current, NULL, &names, &values, NULL);
	else
		cond = ddb_cond_absent(u->e.key->child->string, &names);
	if (target)
		ddb_put_item(t->client, u->e.table, cJSON_Duplicate(target, 1), cond, names, values,
		             undo_done, u, NULL);
	else
		ddb_delete_item(t->client, u->e.table, cJSON_Duplicate(u->e.key, 1), cond, names,
		                values, undo_done, u, NULL);
	free(cond);
}

static void undo_confirmed(struct tui *t, const char *text, void *ud)
{
	struct undo_op *u = ud;

	if (!text || strcmp(text, "yes") != 0) {
		tui_info(t, "not undone");
		undo_free(u);
		return;
	}
	undo_restore(u);
}

static void undo_got(struct ddb_client *c, struct ddb_reply *reply, void *ud)
{
	struct undo_op *u = ud;
	struct tui *t = u->t;
	char *key, line[400], label[600];
	cJSON *item;

	(void)c;
	if (reply->err.kind != DDB_ERR_NONE) {
		err_line(line, sizeof(line), &reply->err);
		tui_error(t, "undo #%ld: cannot read the item: %s", u->e.id, line);
		undo_free(u);
		return;
	}
	item = cJSON_DetachItemFromObjectCaseSensitive(reply->json, "Item");
	u->current = cJSON_IsObject(item) ? item : NULL;
	if (!u->current)
		cJSON_Delete(item);
	if (ddb_item_same(u->current, u->e.after)) {
		undo_restore(u);
		return;
	}
	key = key_text(u->e.key);
	if (ddb_item_same(u->current, u->e.before)) {
		journal_mark(t, u->e.id);
		tui_info(t,
		         "undo #%ld: %s in %s is already as it was before that write; marked "
		         "undone (u again for the write before)",
		         u->e.id, key, u->e.table);
		free(key);
		undo_free(u);
		return;
	}
	snprintf(label, sizeof(label),
	         "%s in %s changed since that write (#%ld, %s): overwrite "
	         "it with the older version? (type yes)",
	         key, u->e.table, u->e.id, u->e.time);
	free(key);
	tui_prompt(t, label, "", 0, undo_confirmed, u);
}

void edit_undo(struct tui *t)
{
	struct ddb_error err;
	struct undo_op *u;
	char *path;
	int rc;

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
	rc = ddb_journal_last(path, t->app->cfg.endpoint, t->app->cfg.region, &u->e, &err);
	if (rc <= 0) {
		if (rc < 0)
			tui_error(t, "undo: %s", err.message);
		else
			tui_info(t, "nothing to undo (no write to %s left in %s)",
			         t->app->cfg.endpoint, path);
		free(path);
		undo_free(u);
		return;
	}
	free(path);
	if (!u->e.key || !u->e.key->child || !u->e.table[0]) {
		tui_error(t, "undo: journal entry #%ld has no table or key; marked undone",
		          u->e.id);
		journal_mark(t, u->e.id);
		undo_free(u);
		return;
	}
	ddb_get_item(t->client, u->e.table, cJSON_Duplicate(u->e.key, 1), 1, undo_got, u, NULL);
}
