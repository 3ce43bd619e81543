/* review.c - the review view of an edit: the attributes added, removed and changed, then the
 * item; y writes it (through the guarded write), e edits again, n discards. A write that finds
 * the item changed, or its key taken, turns it into the conflict view: the current version next
 * to the user's, e to edit against it, m to merge. A changed key is a copy, then a delete of the
 * old item, after a typed confirmation. The editor round trip is in edit.c. */
#include "views/view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ddb/attr.h"
#include "ddb/buf.h"
#include "ddb/edit.h"
#include "ddb/write.h"
#include "tui/editor.h"
#include "tui/widgets.h"
#include "views/edit_priv.h"

/* ---- the review view: the changes before they are written, then a conflict ---- */

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
	ordered = edit_keys_first(item, s->key_names);
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
	edit_put_cut(b, s ? s : "", VALUE_W);
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
		edit_put_cut(&b, n->valuestring, 30);
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
	char *text = key ? edit_key_text(key) : ddb_strdup("?");

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
struct view *edit_review_base(struct review_view *rv)
{
	return &rv->base;
}

struct review_view *edit_review_open(struct edit_session *s, enum review_state state)
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
void edit_review_conflict(struct review_view *rv, const cJSON *current, const char *headline)
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
	edit_guarded_write(s->t, s->table, ddb_item_key_of(of, s->key_names), expect,
	                   s->step == 2 ? NULL : s->edited, review_written,
	                   view_req_new(&rv->base, 0), rv);
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
		edit_review_conflict(rv, res->current, head);
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
		edit_session_forget_file(s);
		s->step = 2;
		review_write(rv);
	} else if (res->outcome == DDB_WRITE_DONE) {
		cJSON *old = s->kind == EK_CHANGE ? ddb_item_key_of(s->loaded, s->key_names) : NULL;

		edit_session_forget_file(s);
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
		edit_review_conflict(rv, res->current, head);
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
	edit_answer(t, text, &key_change_question, ud);
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
void edit_after_edit(struct edit_session *s, struct review_view *rv, int rc)
{
	struct tui *t = s->t;

	if (rc > 0 && s->kind == EK_CHANGE && ddb_item_same(s->loaded, s->edited)) {
		edit_session_forget_file(s);
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
		edit_session_free(s);
		return;
	}
	rv = edit_review_open(s, RS_REVIEW);
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
	edit_after_edit(s, rv, edit_loop(s, 1));
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
	text = edit_item_text(s, item);
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
	edit_after_edit(s, rv, edit_loop(s, 0));
}

/* Esc: closes the view, saying where the text is. */
static void review_leave(struct review_view *rv)
{
	if (rv->s->path)
		tui_info(rv->base.tui, "not saved: your text is in %s", rv->s->path);
	review_close(rv);
}

/* The review context's keys (keymaps/default.keys): save (y), edit-item (e), discard (n) and merge
 * (m), rebindable; the rest as in any text view. */
static enum keymap_action review_handle(struct view *v, enum keymap_action act, int key)
{
	struct review_view *rv = rv_of(v);
	struct edit_session *s = rv->s;

	(void)key;
	if (rv->state == RS_SAVING) {
		if (act == ACT_BACK) {
			tui_info(v->tui, "still saving (C-c cancels)");
			return ACT_NONE;
		}
	} else if (rv->state == RS_REVIEW) {
		if (act == ACT_SAVE) {
			review_save(rv);
			return ACT_NONE;
		}
		if (act == ACT_EDIT_ITEM && s->path) {
			edit_after_edit(s, rv, edit_loop(s, 0));
			return ACT_NONE;
		}
		if (act == ACT_DISCARD) {
			edit_session_forget_file(s);
			tui_info(v->tui, "discarded: nothing written");
			review_close(rv);
			return ACT_NONE;
		}
		if (act == ACT_BACK) {
			review_leave(rv);
			return ACT_NONE;
		}
	} else if (rv->state == RS_CONFLICT) {
		if (act == ACT_EDIT_ITEM && s->path && rv->taken) {
			reopen_taken(rv);
			return ACT_NONE;
		}
		if (act == ACT_MERGE && can_merge(rv)) {
			reopen_merged(rv);
			return ACT_NONE;
		}
		if (act == ACT_EDIT_ITEM && s->path && s->kind != EK_DELETE) {
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
			edit_after_edit(s, rv, edit_loop(s, 0));
			return ACT_NONE;
		}
		if (act == ACT_BACK) {
			review_leave(rv);
			return ACT_NONE;
		}
	}
	/* with nothing to say yes to, y copies the text, as in any view */
	if (act == ACT_SAVE)
		return ACT_COPY;
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
	edit_session_free(rv->s);
	free(rv);
}

static const struct view_ops review_ops = {
    .name = "review",
    .ctx = CTX_REVIEW,
    .title = review_title,
    .draw = review_draw,
    .handle = review_handle,
    .copy_text = review_copy,
    .free = review_free,
};
