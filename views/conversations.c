/* conversations.c - a user's inbox (pattern B): their conversations newest first, 20 a page,
 * older pages when the cursor goes past the end (or m). Enter opens one (views/messages.c), N
 * starts one with another user (pattern D), u switches to another user of the directory. */
#include "views/view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ddb/buf.h"
#include "ddb/model/model.h"
#include "tui/form.h"
#include "tui/widgets.h"
#include "views/views.h"

#define PAGE_SIZE      20
#define DEFAULT_HANDLE "andrewbrown"
#define TIME_W         16 /* "2026-11-24 19:26" */

struct conv {
	char *group;
	char *display_name; /* the other participant */
	char *handle;
	char *message; /* the last message, on one line */
	char when[24]; /* its local time */
};

struct conv_view {
	struct view base;
	char *handle; /* whose inbox; NULL: nobody (empty directory) */
	char *display_name;
	char *user_uuid;
	struct conv *rows;
	int nrows, cap;
	struct listpos pos;
	cJSON *next_key; /* the token of the older page; NULL at the end */
	int loading;
	int loaded;      /* the first page came */
	int advance;     /* move down once the page is in (the cursor went past the end) */
	char *select;    /* select this group once the first page is in */
	char error[256]; /* the last load failed */
	/* N: the handle being written to, the first message while it is sent */
	char *to_handle;
	char *draft;
	int sending;
	int rows_shown; /* list rows of the last draw */
};

static struct conv_view *cv_of(struct view *v)
{
	return (struct conv_view *)v;
}

static void set_str(char **dst, const char *s)
{
	free(*dst);
	*dst = s ? ddb_strdup(s) : NULL;
}

/* A copy of text on one line: newlines and tabs become spaces. */
static char *one_line(const char *text)
{
	char *s = ddb_strdup(text), *p;

	for (p = s; *p; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
	return s;
}

/* "andrewbrown, bayko, londo" (cut when long). */
static void known_handles(const struct ddb_users *u, char *buf, size_t size)
{
	struct ddb_buf b = DDB_BUF_INIT;
	size_t i;

	for (i = 0; u && i < u->n; i++)
		ddb_buf_printf(&b, "%s%s", i ? ", " : "", u->v[i].handle);
	if (b.len >= size && size > 4)
		snprintf(buf, size, "%.*s...", (int)(size - 4), ddb_buf_str(&b));
	else
		snprintf(buf, size, "%s", b.len ? ddb_buf_str(&b) : "none");
	ddb_buf_done(&b);
}

static void clear_rows(struct conv_view *cv)
{
	int i;

	for (i = 0; i < cv->nrows; i++) {
		free(cv->rows[i].group);
		free(cv->rows[i].display_name);
		free(cv->rows[i].handle);
		free(cv->rows[i].message);
	}
	cv->nrows = 0;
}

static const char *item_s(const cJSON *o, const char *name)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);

	return cJSON_IsString(v) ? v->valuestring : "";
}

static void add_row(struct conv_view *cv, const cJSON *it)
{
	struct conv *c;

	if (cv->nrows == cv->cap) {
		cv->cap = cv->cap ? cv->cap * 2 : 32;
		cv->rows = realloc(cv->rows, (size_t)cv->cap * sizeof(*cv->rows));
		if (!cv->rows)
			abort();
	}
	c = &cv->rows[cv->nrows++];
	c->group = ddb_strdup(item_s(it, "uuid"));
	c->display_name = ddb_strdup(item_s(it, "display_name"));
	c->handle = ddb_strdup(item_s(it, "handle"));
	c->message = one_line(item_s(it, "message"));
	ddb_time_local_sk(item_s(it, "created_at"), c->when, sizeof(c->when));
}

/* ---- loading ---- */

static void got_page(struct ddb_client *c, const struct ddb_error *err, const cJSON *items,
                     const cJSON *next_key, void *ud)
{
	struct view_req *r = ud;
	struct conv_view *cv = cv_of(r->view);
	int replace = r->arg, i;
	const cJSON *it;

	(void)c;
	if (view_req_stale(r)) {
		free(r);
		return;
	}
	free(r);
	cv->loading = 0;
	if (err->kind != DDB_ERR_NONE) {
		cv->advance = 0;
		if (err->kind == DDB_ERR_CANCELLED)
			snprintf(cv->error, sizeof(cv->error), "Loading cancelled: r reloads");
		else
			snprintf(cv->error, sizeof(cv->error),
			         "Could not load the conversations: %s", err->message);
		tui_error_from(cv->base.tui, "loading conversations", err);
		return;
	}
	cv->error[0] = '\0';
	cv->loaded = 1;
	if (replace) {
		clear_rows(cv);
		cv->pos.sel = cv->pos.top = 0;
	}
	cJSON_Delete(cv->next_key);
	cv->next_key = next_key ? cJSON_Duplicate(next_key, 1) : NULL;
	cJSON_ArrayForEach(it, items) add_row(cv, it);
	if (replace && cv->select) {
		for (i = 0; i < cv->nrows; i++)
			if (strcmp(cv->rows[i].group, cv->select) == 0)
				cv->pos.sel = i;
		set_str(&cv->select, NULL);
	}
	if (cv->advance && cv->pos.sel + 1 < cv->nrows)
		cv->pos.sel++;
	cv->advance = 0;
	cv->pos.count = cv->nrows;
	listpos_clamp(&cv->pos, cv->rows_shown > 0 ? cv->rows_shown : 10);
}

/* The first page again; the selected conversation stays selected if it is still there. */
static void load_first(struct conv_view *cv)
{
	struct tui *t = cv->base.tui;

	if (!cv->user_uuid)
		return;
	if (!cv->select && cv->pos.sel < cv->nrows)
		set_str(&cv->select, cv->rows[cv->pos.sel].group);
	view_reload(&cv->base);
	cv->loading = 1;
	cv->advance = 0;
	ddb_model_conversations(t->client, t->session->table, cv->user_uuid, NULL, PAGE_SIZE, NULL,
	                        got_page, view_req_new(&cv->base, 1), cv);
}

/* The next older page, if there is one. */
static void load_more(struct conv_view *cv, int advance)
{
	struct tui *t = cv->base.tui;

	if (cv->loading || !cv->next_key)
		return;
	cv->loading = 1;
	cv->advance = advance;
	ddb_model_conversations(t->client, t->session->table, cv->user_uuid, NULL, PAGE_SIZE,
	                        cJSON_Duplicate(cv->next_key, 1), got_page,
	                        view_req_new(&cv->base, 0), cv);
}

/* Shows user's inbox (borrowed), from the first page. */
static void set_user(struct conv_view *cv, const struct ddb_user *u)
{
	set_str(&cv->handle, u->handle);
	set_str(&cv->display_name, u->display_name);
	set_str(&cv->user_uuid, u->uuid);
	set_str(&cv->select, NULL);
	cv->pos.sel = cv->pos.top = 0;
	clear_rows(cv);
	cJSON_Delete(cv->next_key);
	cv->next_key = NULL;
	cv->loaded = 0;
	cv->error[0] = '\0';
	load_first(cv);
}

/* The user of handle, or NULL with an error listing the known handles. */
static const struct ddb_user *find_user(struct tui *t, const char *handle)
{
	struct ddb_users *users = tui_users(t);
	const struct ddb_user *u;
	char known[256];

	if (!users)
		return NULL;
	if (*handle == '@')
		handle++;
	u = ddb_users_find(users, handle);
	if (!u) {
		known_handles(users, known, sizeof(known));
		tui_error(t, "unknown handle '%s' (known: %s; the seed wizard, w, adds users)",
		          handle, known);
	}
	return u;
}

/* A prompt's text without surrounding blanks (in place). */
static char *trim(char *s)
{
	size_t n;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
	return s;
}

/* Detaches the prompt from a view that goes away (a headless :command can close it). */
static void drop_prompt(struct view *v)
{
	struct tui *t = v->tui;

	if (t->prompt.active && t->prompt.ud == v) {
		t->prompt.done = NULL;
		t->prompt.ud = NULL;
	}
}

/* ---- u: another user ---- */

static void user_chosen(struct tui *t, const char *text, void *ud)
{
	struct conv_view *cv = ud;
	const struct ddb_user *u;
	char *buf, *h;

	if (!text || cv->base.closed)
		return;
	buf = ddb_strdup(text);
	h = trim(buf);
	if (*h) {
		u = find_user(t, h);
		if (u)
			set_user(cv, u);
	}
	free(buf);
}

/* ---- N: a new conversation (pattern D) ---- */

static void open_conversation(struct conv_view *cv, const char *group, const char *other,
                              int compose)
{
	struct tui *t = cv->base.tui;
	struct view *m = view_messages_new(t, group, cv->handle, other);

	tui_open(t, m);
	if (m && compose && m->ops->handle)
		m->ops->handle(m, ACT_NEW_MESSAGE, 'n');
}

static void ask_first_message(struct conv_view *cv, const char *why, const char *text);

static void sent_to(struct ddb_client *c, const struct ddb_error *err, const cJSON *message,
                    const char *group_uuid, int created, void *ud)
{
	struct view_req *r = ud;
	struct conv_view *cv = cv_of(r->view);
	struct tui *t = cv->base.tui;
	char *draft;

	(void)c;
	(void)message;
	if (view_req_stale(r)) {
		free(r);
		return;
	}
	free(r);
	cv->sending = 0;
	draft = cv->draft;
	cv->draft = NULL;
	if (err->kind == DDB_ERR_USAGE) {
		/* refused before anything was written: ask again with the text */
		ask_first_message(cv, err->message, draft);
		free(draft);
		return;
	}
	if (err->kind != DDB_ERR_NONE) {
		tui_error_from(t, "sending", err);
		free(draft);
		return;
	}
	free(draft);
	tui_info(t,
	         created ? "started a conversation with @%s" : "sent to @%s (in your conversation)",
	         cv->to_handle);
	set_str(&cv->select, group_uuid);
	load_first(cv);
	open_conversation(cv, group_uuid, cv->to_handle, 0);
}

static void first_message_done(struct tui *t, const char *text, void *ud)
{
	struct conv_view *cv = ud;
	struct ddb_users *users;
	const struct ddb_user *me, *to;

	if (!text || cv->base.closed) {
		tui_info(t, "not sent");
		return;
	}
	users = tui_users(t);
	me = users ? ddb_users_find(users, cv->handle) : NULL;
	to = users && cv->to_handle ? ddb_users_find(users, cv->to_handle) : NULL;
	if (!me || !to) {
		tui_error(t, "@%s is no longer in the users directory",
		          me ? cv->to_handle : cv->handle);
		return;
	}
	set_str(&cv->draft, text);
	cv->sending = 1;
	tui_info(t, "sending to @%s...", to->handle);
	ddb_model_send_to(t->client, t->session->table, me, to, text, 0, 0, sent_to,
	                  view_req_new(&cv->base, 0), cv);
}

/* why: the reason the last text was refused, or NULL. */
static void ask_first_message(struct conv_view *cv, const char *why, const char *text)
{
	char label[160];

	snprintf(label, sizeof(label), "%s%sFirst message to @%s (max %d) >", why ? why : "",
	         why ? ". " : "", cv->to_handle, DDB_MESSAGE_MAX_CHARS);
	tui_prompt(cv->base.tui, label, text, DDB_MESSAGE_MAX_CHARS, first_message_done, cv);
}

static void to_handle_done(struct tui *t, const char *text, void *ud)
{
	struct conv_view *cv = ud;
	const struct ddb_user *u;
	char *h;

	if (!text || cv->base.closed)
		return;
	h = ddb_strdup(text);
	if (!*trim(h)) {
		free(h);
		return;
	}
	u = find_user(t, trim(h));
	if (u && strcmp(u->handle, cv->handle) == 0) {
		tui_error(t, "that is @%s: start a conversation with someone else", cv->handle);
		u = NULL;
	}
	if (u) {
		set_str(&cv->to_handle, u->handle);
		ask_first_message(cv, NULL, "");
	}
	free(h);
}

static void new_conversation(struct conv_view *cv)
{
	struct tui *t = cv->base.tui;

	if (!cv->handle)
		return;
	if (ddb_client_read_only(t->client)) {
		tui_error(t, "read-only mode: sending is unavailable (start without --read-only)");
		return;
	}
	if (cv->sending) {
		tui_info(t, "still sending the last message");
		return;
	}
	tui_prompt(t, "Start a conversation with (handle)?", "", 64, to_handle_done, cv);
}

/* ---- the pane ---- */

static void conv_title(struct view *v, char *buf, size_t size)
{
	struct conv_view *cv = cv_of(v);

	if (!cv->handle) {
		snprintf(buf, size, "Conversations");
		return;
	}
	if (cv->next_key)
		snprintf(buf, size, "Conversations of %s (@%s) \xe2\x80\x94 %d loaded (more)",
		         cv->display_name, cv->handle, cv->nrows);
	else if (cv->loading && !cv->loaded)
		snprintf(buf, size, "Conversations of %s (@%s) (loading)", cv->display_name,
		         cv->handle);
	else
		snprintf(buf, size, "Conversations of %s (@%s)", cv->display_name, cv->handle);
}

static void draw_conv(struct conv_view *cv, struct canvas *c, struct rect r, int y, int i,
                      int namew, int timew, int msgw, int focused)
{
	const struct conv *row = &cv->rows[i];
	int sel = i == cv->pos.sel;
	int st = sel ? (focused ? ST_SELECTED : ST_SELECTED_DIM) : ST_NORMAL;
	int dim = sel ? st : ST_DIM;
	int x = r.x + 1, dw = text_width(row->display_name), n;
	char handle[80];

	draw_row(c, r, y, "", sel, focused, ST_NORMAL);
	snprintf(handle, sizeof(handle), "@%s", row->handle);
	if (dw + 1 < namew) {
		n = canvas_text(c, x, y, namew, row->display_name, st);
		form_draw_fit(c, x + n + 1, y, namew - n - 1, handle, dim);
	} else {
		form_draw_fit(c, x, y, namew, row->display_name, st);
	}
	x += namew + 2;
	if (timew) {
		canvas_text(c, x, y, timew, row->when, dim);
		x += timew + 2;
	}
	form_draw_fit(c, x, y, msgw, row->message, st);
}

static void conv_draw(struct view *v, struct canvas *c, struct rect r, int focused)
{
	struct conv_view *cv = cv_of(v);
	int hint = r.h >= 8, rows = r.h - hint, i, namew = 0, timew = TIME_W, msgw, w = r.w - 2;

	if (hint)
		canvas_text(c, r.x + 1, r.y + r.h - 1, r.w - 1,
		            "Enter open  n write  N new conversation  u user  m older  r reload",
		            ST_DIM);
	cv->rows_shown = rows;
	if (!cv->handle) {
		draw_center(c, (struct rect){r.x, r.y, r.w, rows},
		            "No users in the users directory: the seed wizard (w) adds some",
		            ST_DIM);
		return;
	}
	if (!cv->nrows) {
		const char *msg = cv->loading ? "Loading..." : "No conversations yet: N starts one";

		if (cv->error[0] && !cv->loading)
			draw_center(c, (struct rect){r.x, r.y, r.w, rows}, cv->error, ST_ERROR);
		else
			draw_center(c, (struct rect){r.x, r.y, r.w, rows}, msg, ST_DIM);
		return;
	}
	for (i = 0; i < cv->nrows; i++) {
		int nw = text_width(cv->rows[i].display_name) + 2 + text_width(cv->rows[i].handle);

		if (nw > namew)
			namew = nw;
	}
	if (namew > w * 2 / 5)
		namew = w * 2 / 5;
	if (namew < 8)
		namew = 8;
	msgw = w - namew - 2 - timew - 2;
	if (msgw < 12) { /* narrow: the time goes first */
		timew = 0;
		msgw = w - namew - 2;
	}
	cv->pos.count = cv->nrows;
	listpos_clamp(&cv->pos, rows);
	for (i = 0; i < rows && cv->pos.top + i < cv->nrows; i++)
		draw_conv(cv, c, r, r.y + i, cv->pos.top + i, namew, timew, msgw, focused);
	if (i < rows && cv->next_key)
		canvas_text(c, r.x + 1, r.y + i, r.w - 1,
		            cv->loading
		                ? "loading older conversations..."
		                : "older conversations: m (or move past the end) loads them",
		            ST_DIM);
}

static enum keymap_action conv_handle(struct view *v, enum keymap_action act, int key)
{
	struct conv_view *cv = cv_of(v);
	struct tui *t = v->tui;
	int page = cv->rows_shown > 0 ? cv->rows_shown : v->page_rows;

	(void)key;
	switch (act) {
	case ACT_MOVE_DOWN:
	case ACT_PAGE_DOWN:
		if (cv->nrows && cv->pos.sel >= cv->nrows - 1 && cv->next_key) {
			load_more(cv, act == ACT_MOVE_DOWN);
			return ACT_NONE;
		}
		break;
	case ACT_LOAD_MORE:
		if (cv->next_key)
			load_more(cv, 0);
		else if (cv->loaded)
			tui_info(t, "all of @%s's conversations are loaded", cv->handle);
		return ACT_NONE;
	case ACT_OPEN:
	case ACT_NEW_MESSAGE:
		if (cv->pos.sel < cv->nrows) {
			const struct conv *row = &cv->rows[cv->pos.sel];

			open_conversation(cv, row->group, row->handle, act == ACT_NEW_MESSAGE);
		} else if (act == ACT_NEW_MESSAGE) {
			new_conversation(cv);
		}
		return ACT_NONE;
	case ACT_NEW_CONVERSATION:
		new_conversation(cv);
		return ACT_NONE;
	case ACT_BACK:
		/* closing now would cancel the send between the message and its inbox rows */
		if (!cv->sending)
			break;
		tui_info(t, "still sending to @%s: Esc once it is sent", cv->to_handle);
		return ACT_NONE;
	case ACT_CHOOSE_USER:
		if (cv->sending) {
			tui_info(t, "still sending the last message");
			return ACT_NONE;
		}
		tui_prompt(t, "Whose conversations (handle)?", cv->handle ? cv->handle : "", 64,
		           user_chosen, cv);
		return ACT_NONE;
	default:
		break;
	}
	cv->pos.count = cv->nrows;
	return listpos_action(&cv->pos, act, page) ? ACT_NONE : act;
}

static void conv_refresh(struct view *v)
{
	struct conv_view *cv = cv_of(v);

	if (cv->sending) {
		tui_info(v->tui, "still sending: reload once it is sent");
		return;
	}
	load_first(cv);
}

static char *conv_copy(struct view *v)
{
	struct conv_view *cv = cv_of(v);

	return cv->pos.sel < cv->nrows ? ddb_strdup(cv->rows[cv->pos.sel].group) : NULL;
}

static void conv_free(struct view *v)
{
	struct conv_view *cv = cv_of(v);

	drop_prompt(v);
	clear_rows(cv);
	free(cv->rows);
	cJSON_Delete(cv->next_key);
	free(cv->handle);
	free(cv->display_name);
	free(cv->user_uuid);
	free(cv->select);
	free(cv->to_handle);
	free(cv->draft);
	free(cv);
}

static const struct view_ops conv_ops = {
    .name = "conversations",
    .ctx = CTX_CONVERSATIONS,
    .title = conv_title,
    .draw = conv_draw,
    .handle = conv_handle,
    .refresh = conv_refresh,
    .copy_text = conv_copy,
    .free = conv_free,
};

struct view *view_conversations_new(struct tui *t, const char *handle)
{
	struct conv_view *cv = calloc(1, sizeof(*cv));
	struct ddb_users *users;
	const struct ddb_user *u = NULL;

	if (!cv)
		abort();
	view_init(&cv->base, &conv_ops, t);
	users = tui_users(t);
	if (users && handle && *handle)
		u = find_user(t, handle); /* unknown: the error, then the default user */
	if (users && !u)
		u = ddb_users_find(users, DEFAULT_HANDLE);
	if (users && !u && users->n)
		u = &users->v[0];
	if (u)
		set_user(cv, u);
	return &cv->base;
}
