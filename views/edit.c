/* edit.c - writing items: the editor round trip (e, a, p), deletes (x), the journal and the
 * guarded write as the views use them. The review of the changes before anything is written,
 * and the conflict view, are in review.c; undo (u) in undo.c; what they share in edit_priv.h.
 *
 * The round trip: the item goes to a 0600 file in the state directory as plain JSON or DynamoDB
 * JSON (as it is shown), the user's editor runs on it (tui/editor.h), the text is parsed and
 * checked (JSON, types, key attributes, 400 KB). Invalid text reopens the editor with the error
 * as "// " lines at the top and the text intact below; the file is the recovery file and stays
 * until the item is written (or the user empties it, or discards the review with n). Valid text
 * opens the review view.
 *
 * Writes (every one, ddb_guarded_write in ddb/write.h): the item is read first (consistently)
 * and compared whole with the version the user saw, so a change by someone else, an added
 * attribute too, is caught; then the write goes with the condition that it is still unchanged,
 * a changed item as an update of the attributes that differ. A change found either way is shown
 * next to the user's version (nothing is overwritten).
 *
 * Journal: every write is recorded (previous image, new image) after that read and before it is
 * sent; a write that DynamoDB refused is marked undone at once (it never happened). */
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
#include "views/edit_priv.h"

/* Text without control characters, cut to w columns with an ellipsis. */
void edit_put_cut(struct ddb_buf *b, const char *s, int w)
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
char *edit_key_text(const cJSON *key)
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
		edit_put_cut(&b, val ? val : "", KEY_VAL_W);
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
void edit_journal_mark(struct tui *t, long id)
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
void edit_guarded_write(struct tui *t, const char *table, cJSON *key, const cJSON *expect,
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

void edit_answer(struct tui *t, const char *text, const struct question *q, void *ud)
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

struct edit_session *edit_session_new(struct tui *t, const struct edit_target *tg,
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

void edit_session_forget_file(struct edit_session *s)
{
	if (s->path)
		unlink(s->path);
	free(s->path);
	s->path = NULL;
}

void edit_session_free(struct edit_session *s)
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
cJSON *edit_keys_first(const cJSON *item, const cJSON *key_names)
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
char *edit_item_text(struct edit_session *s, const cJSON *item)
{
	struct ddb_buf out = DDB_BUF_INIT;
	struct ddb_error err;
	cJSON *ordered = edit_keys_first(item, s->key_names), *pj = NULL;

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
int edit_loop(struct edit_session *s, int reopened)
{
	struct tui *t = s->t;
	struct ddb_error err;
	int tries = 0;

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
		/* ddbtui's own // lines on top do not count: an editor that drops them and
		 * saves the same text changed nothing */
		unchanged = strcmp(editor_strip_header(before), editor_strip_header(text)) == 0;
		free(before);
		body = editor_strip_header(text);
		if (blank(body)) {
			free(text);
			edit_session_forget_file(s);
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
			edit_session_forget_file(s);
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
		free(text);
		if (editor_file_write(s->path, full, &err) != 0) {
			free(full);
			free(msg);
			tui_error(t, "%s", err.message);
			return -1;
		}
		free(full);
		reopened = 1;
		/* never without end: a bounded number of tries, and a key between two stops */
		if (++tries >= EDITOR_MAX_TRIES || editor_pause(t, msg)) {
			tui_error(t, "not saved: %s (%s; your text is in %s)", msg,
			          tries >= EDITOR_MAX_TRIES ? "the editor was opened too many times"
			                                    : "stopped by a key",
			          s->path);
			free(msg);
			return -1;
		}
		free(msg);
	}
}

/* ---- entry points ---- */

static int edit_target_ok(struct tui *t, const struct edit_target *tg, int need_item)
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
		edit_session_forget_file(s);
		edit_session_free(s);
		return;
	}
	edit_after_edit(s, NULL, edit_loop(s, 0));
}

/* Writes the first text to the recovery file, reads the table's indexes (their keys are checked
 * with the rest), then runs the editor; takes s. */
static void start(struct edit_session *s, const cJSON *item)
{
	struct ddb_error err;
	char *text = edit_item_text(s, item);

	ddb_error_clear(&err);
	s->path = editor_file_new(text, &err);
	free(text);
	if (!s->path) {
		tui_error(s->t, "cannot edit: %s", err.message);
		edit_session_free(s);
		return;
	}
	ddb_describe_table(s->t->client, s->table, described, s, NULL);
}

void edit_item(struct tui *t, const struct edit_target *tg)
{
	struct edit_session *s;

	if (edit_refused(t, "editing") || !edit_target_ok(t, tg, 1))
		return;
	s = edit_session_new(t, tg, EK_CHANGE);
	s->loaded = cJSON_Duplicate(tg->item, 1);
	s->hint = cJSON_Duplicate(tg->item, 1);
	start(s, tg->item);
}

void edit_new_item(struct tui *t, const struct edit_target *tg)
{
	struct edit_session *s;
	cJSON *tmpl;
	const cJSON *k;

	if (edit_refused(t, "writing new items") || !edit_target_ok(t, tg, 0))
		return;
	s = edit_session_new(t, tg, EK_NEW);
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

	if (edit_refused(t, "duplicating") || !edit_target_ok(t, tg, 1))
		return;
	s = edit_session_new(t, tg, EK_NEW);
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
	char line[400], *key = edit_key_text(f->key);
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

	if (edit_refused(t, what) || !edit_target_ok(t, tg, 1))
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
	char *key = edit_key_text(d->key), line[400], head[400];

	if (res->outcome == DDB_WRITE_DONE) {
		edit_broadcast(t, d->table, d->key, NULL);
		tui_info(t, "deleted %s from %s (u undoes it)", key, d->table);
	} else if (res->outcome == DDB_WRITE_CHANGED && !t->quit) {
		/* the item as it is now, next to the one loaded, in a review view */
		struct edit_target tg = {d->table, d->key_names, NULL, d->loaded, d->raw};
		struct edit_session *s = edit_session_new(t, &tg, EK_DELETE);
		struct review_view *rv;

		s->loaded = d->loaded;
		d->loaded = NULL;
		rv = edit_review_open(s, RS_CONFLICT);
		tui_open(t, edit_review_base(rv));
		snprintf(head, sizeof(head), "Not deleted: %s %s in %s since it was loaded.", key,
		         res->current ? "changed" : "was deleted", d->table);
		edit_review_conflict(rv, res->current, head);
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

	edit_guarded_write(t, d->table, cJSON_Duplicate(d->key, 1), d->loaded, NULL, deleted, d,
	                   NULL);
}

static const struct question delete_question = {
    {"y", "yes"},
    "not deleted",
    delete_confirmed,
    del_op_free,
};

static void delete_answered(struct tui *t, const char *text, void *ud)
{
	edit_answer(t, text, &delete_question, ud);
}

void edit_delete(struct tui *t, const struct edit_target *tg)
{
	struct del_op *d;
	char label[400], *key;

	if (edit_refused(t, "deleting") || !edit_target_ok(t, tg, 1))
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
	key = edit_key_text(d->key);
	snprintf(label, sizeof(label), "Delete %s from %s? (y/n)", key, d->table);
	free(key);
	tui_prompt(t, label, "", 0, delete_answered, d);
}
