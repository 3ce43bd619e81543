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
 * Writes (every one, ddb_guarded_write in ddb/write.h): the item is read first (consistently) and
 * compared whole with the version the user saw, so a change by someone else, an added attribute
 * too, is caught; then the write goes with the condition that it is still unchanged (ddb/edit.h), a
 * changed item as an update of the attributes that differ so that an attribute added in the
 * moment between is kept; a new item or a copy with the condition that no item has its key. A
 * change found either way is shown next to the user's version (nothing is overwritten; e edits
 * the user's text again, now against the current version). A changed key is a copy to the new
 * key, then a delete of the old item, after a typed confirmation.
 *
 * Journal: every write is recorded (previous image, new image) after that read and before it is
 * sent; a write that DynamoDB refused is marked undone at once (it never happened). u takes the
 * newest entry not undone for this endpoint and region, reads the item, and if it is still what
 * that write left, restores the previous image (a put, or a delete if there was none); if it
 * changed since, it asks first. The restoring write is journaled too (its previous image kept, like
 * any write), then both it and the entry it reverts are marked undone: u walks back through the
 * history one write at a time (a batch delete is one entry per item), also after a restart. There
 * is no redo. */
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
#include "ddb/tablespec.h"
#include "ddb/write.h"
#include "tui/editor.h"
#include "tui/widgets.h"
#include "views/edit.h"

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

int edit_refused(struct tui *t, const char *what)
{
	if (!ddb_client_read_only(t->client))
		return 0;
	tui_error(t, "read-only mode: %s is unavailable (start without --read-only to write)",
	          what);
	return 1;
}

/* ---- the journal ---- */

long edit_journal_many(struct tui *t, const char *table, const char *op, const cJSON *entries,
                       struct ddb_error *err)
{
	char *path = ddb_journal_path(NULL, err);
	long id;

	if (!path)
		return -1;
	id = ddb_journal_record_many(path, t->session->cfg.endpoint, t->session->cfg.region, table,
	                             op, entries, err);
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

void edit_broadcast(struct tui *t, const char *table, const cJSON *old_key, const cJSON *item)
{
	int i;

	for (i = 0; i < t->depth; i++) {
		struct view *v = t->stack[i];

		if (!v->closed && v->ops->item_written)
			v->ops->item_written(v, table, old_key, item);
	}
}

/* ---- guarded writes (ddb/write.h): the one way every write here goes ---- */

typedef void write_cb(struct tui *t, const struct ddb_write_result *res, void *ud);

struct write_call {
	struct tui *t;
	write_cb *cb;
	void *ud;
};

static void write_done(struct ddb_client *c, const struct ddb_write_result *res, void *ud)
{
	struct write_call *w = ud;

	(void)c;
	if (res->journal_err)
		tui_error(w->t, "undo journal: %s", res->journal_err->message);
	w->cb(w->t, res, w->ud);
	free(w);
}

/* ddb_guarded_write with the UI's journal, cb called with the UI. */
static void guarded_write(struct tui *t, const char *table, cJSON *key, const cJSON *expect,
                          const cJSON *item, write_cb *cb, void *ud, const void *tag)
{
	struct write_call *w = calloc(1, sizeof(*w));

	if (!w)
		abort();
	w->t = t;
	w->cb = cb;
	w->ud = ud;
	ddb_guarded_write(t->client, NULL, table, key, expect, item, write_done, w, tag);
}

/* ---- confirmations ---- */

/* A question typed on the prompt line. The prompt's ud is the object asked about itself (a view
 * closed meanwhile takes its prompt with it: tui/loop.c), so each question has its own small
 * callback that hands the answer to answer(). */
struct question {
	const char *answers[2]; /* the second may be NULL */
	const char *declined;   /* shown for any other answer */
	void (*go)(struct tui *t, void *ud);
	void (*drop)(void *ud); /* frees ud when declined; may be NULL */
};

static void answer(struct tui *t, const char *text, const struct question *q, void *ud)
{
	int i;

	for (i = 0; i < 2 && text; i++) {
		if (q->answers[i] && strcmp(text, q->answers[i]) == 0) {
			q->go(t, ud);
			return;
		}
	}
	tui_info(t, "%s", q->declined);
	if (q->drop)
		q->drop(ud);
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
	/* the table as DescribeTable had it when the editor started, for its indexes' keys (no
	 * indexes if that failed: DynamoDB still checks them, but then only after "y") */
	struct ddb_table_spec spec;
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
	ddb_table_spec_init(&s->spec);
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
	ddb_table_spec_done(&s->spec);
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

static int is_table_key(const struct edit_session *s, const char *name)
{
	const cJSON *k;

	cJSON_ArrayForEach(k, s->key_names)
	{
		if (strcmp(k->valuestring, name) == 0)
			return 1;
	}
	return 0;
}

/* The keys of the table's indexes, which DynamoDB refuses (the whole write) if one has another
 * type than declared or is an empty string or binary. An absent one is fine: the item is then
 * just not in that index. Appends the first problem to m. */
static void check_index_keys(const struct edit_session *s, const cJSON *item, struct ddb_buf *m)
{
	int i, k;

	for (i = 0; i < s->spec.nindexes && !m->len; i++) {
		const struct ddb_index_spec *ix = &s->spec.indexes[i];
		const struct ddb_key_def *defs[2] = {&ix->hash, &ix->range};

		for (k = 0; k < 2 && !m->len; k++) {
			const struct ddb_key_def *d = defs[k];
			const cJSON *av;
			enum ddb_type t;

			if (!d->name || d->type == DDB_T_INVALID || is_table_key(s, d->name) ||
			    !(av = cJSON_GetObjectItemCaseSensitive(item, d->name)))
				continue;
			t = ddb_attr_type(av);
			if (t != d->type)
				ddb_buf_printf(
				    m,
				    "the attribute \"%s\" must be of type %s (a key of the "
				    "index %s), not %s; or leave it out to keep the item out "
				    "of the index",
				    d->name, ddb_type_name(d->type), ix->name, ddb_type_name(t));
			else if (t != DDB_T_N && !av->child->valuestring[0])
				ddb_buf_printf(
				    m,
				    "the attribute \"%s\" is empty: it is a key of the index "
				    "%s, and DynamoDB index keys cannot be empty",
				    d->name, ix->name);
		}
	}
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
	if (!m.len)
		check_index_keys(s, item, &m);
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
	int taken; /* RS_CONFLICT: another item has the key the write was for */
	char headline[400];
	struct textview text;
	int width;
};

static const struct view_ops review_ops;

static struct review_view *rv_of(struct view *v)
{
	return (struct review_view *)v;
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

/* A bold title, then an item in the form the user edits. */
static void add_item(struct textview *tv, const char *title, const cJSON *item,
                     const struct edit_session *s)
{
	struct ddb_error err;
	cJSON *ordered, *pj = NULL;

	textview_add(tv, "");
	textview_add_text(tv, title, ST_BOLD);
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

/* One line of a diff for each name in names: "  ~ name  old → new" (old or new may be NULL). */
static int diff_lines(struct textview *tv, const cJSON *names, int style, const char *mark,
                      const cJSON *before, const cJSON *after, int raw)
{
	struct ddb_buf b = DDB_BUF_INIT;
	const cJSON *n;
	int count = 0;

	cJSON_ArrayForEach(n, names)
	{
		const cJSON *x = cJSON_GetObjectItemCaseSensitive(before, n->valuestring);
		const cJSON *y = cJSON_GetObjectItemCaseSensitive(after, n->valuestring);

		ddb_buf_reset(&b);
		styled_switch(&b, style);
		ddb_buf_printf(&b, "  %s ", mark);
		put_cut(&b, n->valuestring, 30);
		styled_switch(&b, ST_NORMAL);
		ddb_buf_puts(&b, "  ");
		if (x)
			put_value(&b, x, raw);
		if (x && y)
			ddb_buf_puts(&b, " \xe2\x86\x92 ");
		if (y)
			put_value(&b, y, raw);
		textview_add(tv, ddb_buf_str(&b));
		count++;
	}
	ddb_buf_done(&b);
	return count;
}

/* A bold title, then the differences from before to after, a line each. */
static void add_diff(struct textview *tv, const char *title, const cJSON *before,
                     const cJSON *after, int raw)
{
	struct ddb_item_diff d;
	int count;

	textview_add(tv, "");
	textview_add_text(tv, title, ST_BOLD);
	ddb_item_diff(before, after, &d);
	count = diff_lines(tv, d.changed, ST_WARN, "~", before, after, raw);
	count += diff_lines(tv, d.added, ST_OK, "+", NULL, after, raw);
	count += diff_lines(tv, d.removed, ST_ERROR, "-", before, NULL, raw);
	if (!count)
		textview_add_text(tv, "  (none)", ST_DIM);
	ddb_item_diff_done(&d);
}

/* The names of list that are also in set, as a new array. */
static cJSON *names_in(const cJSON *list, const cJSON *set)
{
	cJSON *out = cJSON_CreateArray();
	const cJSON *n, *m;

	if (!out)
		abort();
	cJSON_ArrayForEach(n, list)
	{
		cJSON_ArrayForEach(m, set)
		{
			if (strcmp(n->valuestring, m->valuestring) == 0) {
				cJSON_AddItemToArray(out, cJSON_CreateString(n->valuestring));
				break;
			}
		}
	}
	return out;
}

/* After a conflict: what saving the user's text as it is would also do to the current version,
 * beyond the user's own changes (undo someone else's): the attributes where the user's text
 * still has the loaded value and the current version has another. */
static void add_reverts(struct textview *tv, const struct edit_session *s)
{
	struct ddb_item_diff theirs, save;
	cJSON *names = cJSON_CreateArray(), *lists[3];
	const cJSON *n;
	int i;

	if (!names)
		abort();
	ddb_item_diff(s->loaded, s->current, &theirs);
	for (i = 0; i < 3; i++) {
		cJSON *list = i == 0 ? theirs.changed : i == 1 ? theirs.added : theirs.removed;

		cJSON_ArrayForEach(n, list)
		{
			const char *name = n->valuestring;

			if (ddb_attr_same(cJSON_GetObjectItemCaseSensitive(s->loaded, name),
			                  cJSON_GetObjectItemCaseSensitive(s->edited, name)))
				cJSON_AddItemToArray(names, cJSON_CreateString(name));
		}
	}
	if (cJSON_GetArraySize(names)) {
		ddb_item_diff(s->current, s->edited, &save);
		lists[0] = names_in(save.changed, names);
		lists[1] = names_in(save.added, names);
		lists[2] = names_in(save.removed, names);
		textview_add(tv, "");
		textview_add_text(
		    tv, "Saving your text as it is would also undo their change:", ST_BOLD);
		diff_lines(tv, lists[0], ST_WARN, "~", s->current, s->edited, s->raw);
		diff_lines(tv, lists[1], ST_OK, "+", NULL, s->edited, s->raw);
		diff_lines(tv, lists[2], ST_ERROR, "-", s->current, NULL, s->raw);
		for (i = 0; i < 3; i++)
			cJSON_Delete(lists[i]);
		ddb_item_diff_done(&save);
	}
	cJSON_Delete(names);
	ddb_item_diff_done(&theirs);
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

/* Whether m (merge) is offered: a change of an item someone else changed meanwhile. */
static int can_merge(const struct review_view *rv)
{
	const struct edit_session *s = rv->s;

	return s->path && s->kind == EK_CHANGE && !rv->taken && s->loaded && s->current &&
	       s->edited;
}

/* The conflict: the headline, what to do, then the versions. */
static void review_build_conflict(struct review_view *rv, struct ddb_buf *b, const char *form)
{
	struct edit_session *s = rv->s;
	struct textview *tv = &rv->text;

	textview_add_text(tv, rv->headline, ST_ERROR);
	if (s->kind == EK_DELETE) {
		textview_add_text(tv, "Esc closes; r in the scan reloads it", ST_DIM);
		add_diff(tv, "Changes since it was loaded:", s->loaded, s->current, s->raw);
		add_item(tv, "The current version:", s->current, s);
		add_item(tv, "As it was loaded:", s->loaded, s);
		return;
	}
	if (s->path) {
		if (rv->taken)
			textview_add_text(
			    tv, "e edits your text again, to give it another key   Esc closes",
			    ST_DIM);
		else if (can_merge(rv))
			textview_add_text(
			    tv,
			    "m merges your changes into the current version\n"
			    "e edits your text as it is, against the current version   "
			    "Esc closes",
			    ST_DIM);
		else
			textview_add_text(
			    tv,
			    "e edits your text again, now against the current version   "
			    "Esc closes",
			    ST_DIM);
		ddb_buf_reset(b);
		ddb_buf_printf(b, "Your text stays in %s", s->path);
		textview_add_text(tv, ddb_buf_str(b), ST_DIM);
	} else {
		textview_add_text(tv, "Esc closes", ST_DIM);
	}
	if (rv->taken || !s->loaded) {
		add_diff(tv, "From the item there now to yours:", s->current, s->edited, s->raw);
	} else {
		add_diff(tv, "Changed since you loaded it:", s->loaded, s->current, s->raw);
		add_diff(tv, "Your changes:", s->loaded, s->edited, s->raw);
		if (s->current)
			add_reverts(tv, s);
	}
	add_item(tv, "The current version:", s->current, s);
	ddb_buf_reset(b);
	ddb_buf_printf(b, "Your version (%s):", form);
	add_item(tv, ddb_buf_str(b), s->edited, s);
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
	if (rv->state == RS_CONFLICT) {
		review_build_conflict(rv, &b, form);
		ddb_buf_done(&b);
		free(key);
		return;
	}
	if (s->kind == EK_NEW)
		ddb_buf_printf(&b, "Write the new item %s to %s?", key, s->table);
	else
		ddb_buf_printf(&b, "Save these changes to %s in %s?", key, s->table);
	textview_add_text(tv, ddb_buf_str(&b), ST_BOLD);
	if (rv->state == RS_SAVING)
		textview_add_text(tv, "Saving...", ST_DIM);
	else
		textview_add_text(tv,
		                  "y saves   e edits again   n discards   Esc closes (the text is "
		                  "kept)",
		                  ST_DIM);
	if (key_changed(s)) {
		char *old = session_key_text(s, s->loaded);

		ddb_buf_reset(&b);
		ddb_buf_printf(&b,
		               "The key changed (%s \xe2\x86\x92 %s): saving copies the item to "
		               "the new key, then deletes the old one (asks first).",
		               old, key);
		textview_add_text(tv, ddb_buf_str(&b), ST_WARN);
		free(old);
	}
	add_diff(tv, s->kind == EK_NEW ? "Attributes:" : "Changes:",
	         s->kind == EK_NEW ? NULL : s->loaded, s->edited, s->raw);
	ddb_buf_reset(&b);
	ddb_buf_printf(&b, "The item as it will be written (%s):", form);
	add_item(tv, ddb_buf_str(&b), s->edited, s);
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

/* Opens a review view on s (taken) in state. */
static struct review_view *review_open(struct edit_session *s, enum review_state state)
{
	struct review_view *rv = calloc(1, sizeof(*rv));

	if (!rv)
		abort();
	view_init(&rv->base, &review_ops, s->t);
	textview_init(&rv->text);
	rv->s = s;
	rv->state = state;
	return rv;
}

static void review_close(struct review_view *rv)
{
	tui_close_view(rv->base.tui, &rv->base);
}

/* Shows the conflict: the item is now current (borrowed; NULL: absent); headline's lines also go
 * to the message line, joined. */
static void review_conflict(struct review_view *rv, const cJSON *current, const char *headline)
{
	struct edit_session *s = rv->s;
	char line[sizeof(rv->headline)], *p;

	cJSON_Delete(s->current);
	s->current = current ? cJSON_Duplicate(current, 1) : NULL;
	snprintf(rv->headline, sizeof(rv->headline), "%s", headline);
	rv->state = RS_CONFLICT;
	review_build(rv);
	snprintf(line, sizeof(line), "%s", rv->headline);
	for (p = line; *p; p++)
		if (*p == '\n')
			*p = ' ';
	tui_error(rv->base.tui, "%s", line);
}

/* ---- writing ---- */

static void review_written(struct tui *t, const struct ddb_write_result *res, void *ud);

/* Writes s->edited (step 0 or 1), or deletes the old item of a key change (step 2). */
static void review_write(struct review_view *rv)
{
	struct edit_session *s = rv->s;
	const cJSON *of = s->step == 2 ? s->loaded : s->edited;
	const cJSON *expect =
	    s->step == 2 || (s->kind == EK_CHANGE && s->step == 0) ? s->loaded : NULL;

	rv->state = RS_SAVING;
	review_build(rv);
	guarded_write(s->t, s->table, ddb_item_key_of(of, s->key_names), expect,
	              s->step == 2 ? NULL : s->edited, review_written, view_req_new(&rv->base, 0),
	              rv);
}

/* The outcome of step 2 of a key change: the copy is written, the old item maybe not. */
static void old_deleted(struct review_view *rv, const struct ddb_write_result *res)
{
	struct edit_session *s = rv->s;
	struct tui *t = s->t;
	char line[400], head[600], *newk = session_key_text(s, s->edited),
	                           *oldk = session_key_text(s, s->loaded);
	cJSON *old = ddb_item_key_of(s->loaded, s->key_names);

	s->step = 0;
	if (res->outcome == DDB_WRITE_DONE) {
		edit_broadcast(t, s->table, old, s->edited);
		tui_info(t, "moved %s to %s in %s (u undoes one step at a time)", oldk, newk,
		         s->table);
		review_close(rv);
	} else if (res->outcome == DDB_WRITE_CHANGED) {
		/* the old item as it is now, next to what was loaded */
		edit_broadcast(t, s->table, NULL, s->edited);
		s->kind = EK_DELETE;
		cJSON_Delete(s->edited);
		s->edited = NULL;
		snprintf(head, sizeof(head),
		         "Copied to %s, but %s %s in %s since it was loaded:\nit was not deleted.",
		         newk, oldk, res->current ? "changed" : "was deleted", s->table);
		review_conflict(rv, res->current, head);
	} else {
		edit_broadcast(t, s->table, NULL, s->edited);
		ddb_error_line(line, sizeof(line), res->err);
		tui_error(t, "copied to %s, but %s was not deleted: %s", newk, oldk, line);
		review_close(rv);
	}
	cJSON_Delete(old);
	free(newk);
	free(oldk);
}

static void review_written(struct tui *t, const struct ddb_write_result *res, void *ud)
{
	struct view *v = view_req_take(ud);
	struct review_view *rv;
	struct edit_session *s;
	char line[400], head[400], *key;

	if (!v)
		return;
	rv = rv_of(v);
	s = rv->s;
	if (s->step == 2) {
		old_deleted(rv, res);
		return;
	}
	key = session_key_text(s, s->edited);
	if (res->outcome == DDB_WRITE_DONE && s->step == 1) {
		/* the copy is written: its text needs no recovery any more; now the old item */
		s->copied = 1;
		session_forget_file(s);
		s->step = 2;
		review_write(rv);
	} else if (res->outcome == DDB_WRITE_DONE) {
		cJSON *old = s->kind == EK_CHANGE ? ddb_item_key_of(s->loaded, s->key_names) : NULL;

		session_forget_file(s);
		edit_broadcast(t, s->table, old, res->item);
		cJSON_Delete(old);
		if (ddb_item_same(res->item, s->edited))
			tui_info(t, "saved %s in %s (u undoes it)", key, s->table);
		else
			tui_info(t,
			         "saved %s in %s, with attributes someone else added meanwhile "
			         "kept (u undoes it)",
			         key, s->table);
		review_close(rv);
	} else if (res->outcome == DDB_WRITE_CHANGED) {
		rv->taken = s->kind == EK_NEW || s->step == 1;
		if (rv->taken)
			snprintf(
			    head, sizeof(head),
			    "Not saved: an item with the key %s exists in %s already.\nNothing "
			    "was overwritten.",
			    key, s->table);
		else
			snprintf(head, sizeof(head),
			         "Not saved: %s %s in %s since it was loaded.\nNothing was "
			         "overwritten.",
			         key, res->current ? "changed" : "was deleted", s->table);
		s->step = 0;
		review_conflict(rv, res->current, head);
	} else {
		s->step = 0;
		rv->state = RS_REVIEW;
		review_build(rv);
		if (res->err->kind == DDB_ERR_CANCELLED && !res->jid)
			tui_error(t,
			          "cancelled: nothing written (your text is in %s; y tries again)",
			          s->path ? s->path : "?");
		else if (res->err->kind == DDB_ERR_CANCELLED)
			tui_error(t, "cancelled: %s may or may not be written (your text is in %s)",
			          key, s->path ? s->path : "?");
		else {
			ddb_error_line(line, sizeof(line), res->err);
			tui_error(t, "not saved: %s (your text is in %s; y tries again)", line,
			          s->path ? s->path : "?");
		}
	}
	free(key);
}

static void key_change_confirmed(struct tui *t, void *ud)
{
	struct review_view *rv = ud;

	(void)t;
	if (rv->base.closed || rv->state != RS_REVIEW)
		return;
	rv->s->step = 1;
	review_write(rv);
}

static const struct question key_change_question = {
    {"yes", NULL},
    "not saved: the key change was not confirmed (y asks again)",
    key_change_confirmed,
    NULL,
};

static void key_change_answered(struct tui *t, const char *text, void *ud)
{
	answer(t, text, &key_change_question, ud);
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
		         "The key changed: copy the item to %s, then delete %s? (type yes)", newk,
		         oldk);
		tui_prompt(s->t, label, "", 0, key_change_answered, rv);
		free(oldk);
		free(newk);
		return;
	}
	s->step = 0;
	review_write(rv);
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
	rv = review_open(s, RS_REVIEW);
	review_build(rv);
	tui_open(t, &rv->base);
}

/* e after "an item with the key ... exists already" (a new item, a copy, or the copy step of a
 * key change): the user's text again, with that on top. It stays what it was (a new item, a copy,
 * a key change from the item loaded): the item someone has under that key is not what the user
 * loaded, so the text is never saved over it, nor is it deleted as the "old" item of a move. */
static void reopen_taken(struct review_view *rv)
{
	struct edit_session *s = rv->s;
	struct ddb_buf m = DDB_BUF_INIT;
	struct ddb_error err;
	char *key = session_key_text(s, s->edited), *text, *full = NULL;

	ddb_error_clear(&err);
	text = editor_file_read(s->path, &err);
	if (text) {
		ddb_buf_printf(&m,
		               "an item with the key %s exists in %s already: change the key (to "
		               "replace that item, delete it first)",
		               key, s->table);
		full = editor_with_header(ddb_buf_str(&m), editor_strip_header(text));
	}
	free(key);
	free(text);
	ddb_buf_done(&m);
	if (!full || editor_file_write(s->path, full, &err) != 0) {
		free(full);
		tui_error(rv->base.tui, "%s (your text is in %s)", err.message, s->path);
		return;
	}
	free(full);
	cJSON_Delete(s->current);
	s->current = NULL;
	rv->taken = 0;
	after_edit(s, rv, edit_loop(s, 1));
}

/* m after "changed since it was loaded": the editor again, with the user's changes (what they
 * did to the item loaded) done to the current version instead of their whole text, so that
 * saving keeps the other change. Attributes both changed keep the user's value, and are named
 * on top. The text is then a change of the current version. */
static void reopen_merged(struct review_view *rv)
{
	struct edit_session *s = rv->s;
	struct ddb_buf m = DDB_BUF_INIT;
	struct ddb_error err;
	cJSON *both = cJSON_CreateArray(), *item;
	const cJSON *n;
	char *text, *full;

	if (!both)
		abort();
	item = ddb_item_merge(s->loaded, s->current, s->edited, both);
	ddb_buf_puts(&m, "your changes, done to the current version (theirs kept); save to go on");
	if (cJSON_GetArraySize(both)) {
		ddb_buf_puts(&m, "\nchanged by both, yours kept (check them):");
		cJSON_ArrayForEach(n, both)
		{
			ddb_buf_printf(&m, " %s%s", n->valuestring, n->next ? "," : "");
		}
	}
	text = item_text(s, item);
	full = editor_with_header(ddb_buf_str(&m), text);
	ddb_buf_done(&m);
	free(text);
	cJSON_Delete(item);
	cJSON_Delete(both);
	ddb_error_clear(&err);
	if (editor_file_write(s->path, full, &err) != 0) {
		free(full);
		tui_error(rv->base.tui, "%s (your text is in %s)", err.message, s->path);
		return;
	}
	free(full);
	cJSON_Delete(s->loaded);
	s->loaded = s->current;
	s->current = NULL;
	cJSON_Delete(s->hint);
	s->hint = cJSON_Duplicate(s->loaded, 1);
	after_edit(s, rv, edit_loop(s, 0));
}

/* Esc: closes the view, saying where the text is. */
static void review_leave(struct review_view *rv)
{
	if (rv->s->path)
		tui_info(rv->base.tui, "not saved: your text is in %s", rv->s->path);
	review_close(rv);
}

static enum keymap_action review_handle(struct view *v, enum keymap_action act, int key)
{
	struct review_view *rv = rv_of(v);
	struct edit_session *s = rv->s;

	if (rv->state == RS_SAVING) {
		if (act == ACT_BACK) {
			tui_info(v->tui, "still saving (C-c cancels)");
			return ACT_NONE;
		}
	} else if (rv->state == RS_REVIEW) {
		if (key == 'y') {
			review_save(rv);
			return ACT_NONE;
		}
		if (key == 'e' && s->path) {
			after_edit(s, rv, edit_loop(s, 0));
			return ACT_NONE;
		}
		if (key == 'n') {
			session_forget_file(s);
			tui_info(v->tui, "discarded: nothing written");
			review_close(rv);
			return ACT_NONE;
		}
		if (act == ACT_BACK) {
			review_leave(rv);
			return ACT_NONE;
		}
	} else if (rv->state == RS_CONFLICT) {
		if (key == 'e' && s->path && rv->taken) {
			reopen_taken(rv);
			return ACT_NONE;
		}
		if (key == 'm' && can_merge(rv)) {
			reopen_merged(rv);
			return ACT_NONE;
		}
		if (key == 'e' && s->path && s->kind != EK_DELETE) {
			/* the user's text again, now against the current version */
			cJSON_Delete(s->loaded);
			s->loaded = s->current;
			s->current = NULL;
			s->kind = s->loaded ? EK_CHANGE : EK_NEW;
			rv->taken = 0;
			cJSON_Delete(s->source_key);
			s->source_key = NULL;
			if (s->loaded) {
				cJSON_Delete(s->hint);
				s->hint = cJSON_Duplicate(s->loaded, 1);
			}
			after_edit(s, rv, edit_loop(s, 0));
			return ACT_NONE;
		}
		if (act == ACT_BACK) {
			review_leave(rv);
			return ACT_NONE;
		}
	}
	return textview_action(&rv->text, act, v->page_rows, rv->width > 0 ? rv->width : 80)
	           ? ACT_NONE
	           : act;
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

static void described(struct ddb_client *c, struct ddb_reply *reply, void *ud)
{
	struct edit_session *s = ud;
	struct ddb_error err;

	(void)c;
	ddb_error_clear(&err);
	if (reply->err.kind != DDB_ERR_NONE ||
	    ddb_table_spec_from_describe(&s->spec, reply->json, &err) != 0) {
		ddb_table_spec_done(&s->spec);
		ddb_table_spec_init(&s->spec);
	}
	if (s->t->quit) {
		/* nothing typed yet: the file holds the item as loaded */
		session_forget_file(s);
		session_free(s);
		return;
	}
	after_edit(s, NULL, edit_loop(s, 0));
}

/* Writes the first text to the recovery file, reads the table's indexes (their keys are checked
 * with the rest), then runs the editor; takes s. */
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
	ddb_describe_table(s->t->client, s->table, described, s, NULL);
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
		ddb_error_line(line, sizeof(line), &reply->err);
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
};

static void del_op_free(void *ud)
{
	struct del_op *d = ud;

	free(d->table);
	cJSON_Delete(d->key_names);
	cJSON_Delete(d->key);
	cJSON_Delete(d->loaded);
	free(d);
}

static void deleted(struct tui *t, const struct ddb_write_result *res, void *ud)
{
	struct del_op *d = ud;
	char *key = key_text(d->key), line[400], head[400];

	if (res->outcome == DDB_WRITE_DONE) {
		edit_broadcast(t, d->table, d->key, NULL);
		tui_info(t, "deleted %s from %s (u undoes it)", key, d->table);
	} else if (res->outcome == DDB_WRITE_CHANGED && !t->quit) {
		/* the item as it is now, next to the one loaded, in a review view */
		struct edit_target tg = {d->table, d->key_names, NULL, d->loaded, d->raw};
		struct edit_session *s = session_new(t, &tg, EK_DELETE);
		struct review_view *rv;

		s->loaded = d->loaded;
		d->loaded = NULL;
		rv = review_open(s, RS_CONFLICT);
		tui_open(t, &rv->base);
		snprintf(head, sizeof(head), "Not deleted: %s %s in %s since it was loaded.", key,
		         res->current ? "changed" : "was deleted", d->table);
		review_conflict(rv, res->current, head);
	} else if (res->outcome == DDB_WRITE_CHANGED) {
		tui_error(t, "not deleted: %s changed in %s since it was loaded", key, d->table);
	} else if (res->err->kind == DDB_ERR_CANCELLED) {
		tui_error(t, "cancelled: %s %s", key,
		          res->jid ? "may or may not be deleted" : "was not deleted");
	} else {
		ddb_error_line(line, sizeof(line), res->err);
		tui_error(t, "not deleted: %s", line);
	}
	free(key);
	del_op_free(d);
}

static void delete_confirmed(struct tui *t, void *ud)
{
	struct del_op *d = ud;

	guarded_write(t, d->table, cJSON_Duplicate(d->key, 1), d->loaded, NULL, deleted, d, NULL);
}

static const struct question delete_question = {
    {"y", "yes"},
    "not deleted",
    delete_confirmed,
    del_op_free,
};

static void delete_answered(struct tui *t, const char *text, void *ud)
{
	answer(t, text, &delete_question, ud);
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
	tui_prompt(t, label, "", 0, delete_answered, d);
}

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
	char *key = key_text(u->e.key), line[400];

	if (res->outcome == DDB_WRITE_DONE) {
		journal_mark(t, u->e.id);
		journal_mark(t, res->jid);
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
		journal_mark(t, u->e.id);
		key = key_text(u->e.key);
		tui_info(t, "undo #%ld: %s is not in %s, as before that write; marked undone",
		         u->e.id, key, u->e.table);
		free(key);
		undo_free(u);
		return;
	}
	guarded_write(t, u->e.table, cJSON_Duplicate(u->e.key, 1), u->current, u->e.before,
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
	answer(t, text, &undo_question, ud);
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
	         "%s in %s changed since that write (#%ld, %s): overwrite it with the older "
	         "version? (type yes)",
	         key, u->e.table, u->e.id, u->e.time);
	free(key);
	tui_prompt(t, label, "", 0, undo_answered, u);
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
	rc = ddb_journal_last(path, t->session->cfg.endpoint, t->session->cfg.region, &u->e, &err);
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
		journal_mark(t, u->e.id);
		undo_free(u);
		return;
	}
	ddb_get_item(t->client, u->e.table, cJSON_Duplicate(u->e.key, 1), 1, undo_got, u, NULL);
}
