/* messages.c - one conversation (pattern A) as a chat: oldest at the top, newest at the bottom,
 * opened scrolled to the bottom; going up past the oldest loaded message (or m) loads the older
 * page and keeps the position. n opens a composer in the pane's footer (a line editor with an
 * n/1024 counter) and sends with pattern C then E; the sent message is appended from the
 * model's answer.
 *
 * The composer does not stop typing at 1024 characters: a pasted text is not cut silently.
 * The counter turns red past the limit, and the model refuses the message with its own error
 * (message_exceed_max_chars), nothing written and the text kept for editing. */
#include "views/view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ddb/buf.h"
#include "ddb/model/model.h"
#include "tui/widgets.h"
#include "views/views.h"

#define PAGE_SIZE      20
#define DEFAULT_HANDLE "andrewbrown"
#define COMPOSE_CAP    8192 /* characters the composer takes at all (a runaway paste) */
#define INDENT         3    /* the text under its header */

/* A wrapped line of a message's text: bytes [off, off + len). */
struct span {
	int off, len;
};

struct msg {
	char *handle;
	char *display_name;
	char *text;
	char when[24]; /* local time */
	int mine;
	/* layout at msg_view.layout_w */
	struct span *spans;
	int nspans;
	int start; /* its header's line */
};

struct msg_view {
	struct view base;
	char *group;
	char *me;         /* my handle */
	char *other;      /* the other's handle; may be NULL until a message shows it */
	struct msg *msgs; /* oldest first */
	int n, cap;
	cJSON *next_key; /* the token of the older page; NULL at the end */
	int loading, loaded;
	char error[256];

	/* scrolling, in lines of the layout */
	int layout_w; /* 0: to be laid out */
	int total;    /* lines */
	int top;
	int at_bottom; /* follow the newest message */
	int rows;      /* message rows of the last draw */

	struct lineedit le; /* the composer; the draft stays between openings */
	int composing;
	int sending;
	int leave_when_sent; /* Esc while sending: back to the inbox once it is sent */
};

static struct msg_view *mv_of(struct view *v)
{
	return (struct msg_view *)v;
}

static const char *item_s(const cJSON *o, const char *name)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);

	return cJSON_IsString(v) ? v->valuestring : "";
}

static void msg_free(struct msg *m)
{
	free(m->handle);
	free(m->display_name);
	free(m->text);
	free(m->spans);
}

static void msg_set(struct msg_view *mv, struct msg *m, const cJSON *it)
{
	memset(m, 0, sizeof(*m));
	m->handle = ddb_strdup(item_s(it, "handle"));
	m->display_name = ddb_strdup(item_s(it, "display_name"));
	m->text = ddb_strdup(item_s(it, "message"));
	ddb_time_local_sk(item_s(it, "created_at"), m->when, sizeof(m->when));
	m->mine = strcmp(m->handle, mv->me) == 0;
	if (!m->mine && !mv->other)
		mv->other = ddb_strdup(m->handle);
}

/* Makes room for k more messages. */
static void reserve(struct msg_view *mv, int k)
{
	if (mv->n + k <= mv->cap)
		return;
	while (mv->n + k > mv->cap)
		mv->cap = mv->cap ? mv->cap * 2 : 64;
	mv->msgs = realloc(mv->msgs, (size_t)mv->cap * sizeof(*mv->msgs));
	if (!mv->msgs)
		abort();
}

static void clear_msgs(struct msg_view *mv)
{
	int i;

	for (i = 0; i < mv->n; i++)
		msg_free(&mv->msgs[i]);
	mv->n = 0;
	mv->total = 0;
}

/* ---- layout ---- */

/* Wraps text into lines of at most w display columns: after the last space that fits, else
 * between two characters (never inside one); a newline always ends a line. */
static int wrap(const char *s, int w, struct span **out)
{
	struct span *sp = NULL;
	int n = 0, cap = 0, len = (int)strlen(s), pos = 0;

	if (w < 1)
		w = 1;
	do {
		int start = pos, i = pos, col = 0, last_space = -1, next, end, clen = 1;

		while (i < len && s[i] != '\n') {
			int cw;

			utf8_decode(s + i, (size_t)(len - i), &clen);
			cw = text_widthn(s + i, (size_t)clen);
			if (col + cw > w)
				break;
			if (s[i] == ' ')
				last_space = i;
			col += cw;
			i += clen;
		}
		if (i >= len || s[i] == '\n') {
			end = i;
			next = i < len ? i + 1 : len;
		} else if (s[i] == ' ') {
			end = i;
			next = i + 1;
		} else if (last_space > start) {
			end = last_space;
			next = last_space + 1;
		} else if (i == start) { /* one character wider than the line */
			end = i + clen;
			next = end;
		} else {
			end = i;
			next = i;
		}
		if (n == cap) {
			cap = cap ? cap * 2 : 4;
			sp = realloc(sp, (size_t)cap * sizeof(*sp));
			if (!sp)
				abort();
		}
		sp[n].off = start;
		sp[n].len = end - start;
		n++;
		pos = next;
	} while (pos < len);
	*out = sp;
	return n;
}

/* Lays the messages out for text width w: a header line, the text, a blank line between. */
static void layout(struct msg_view *mv, int w)
{
	int i, line = 0;

	for (i = 0; i < mv->n; i++) {
		struct msg *m = &mv->msgs[i];

		if (mv->layout_w != w || !m->spans) {
			free(m->spans);
			m->nspans = wrap(m->text, w, &m->spans);
		}
		m->start = line;
		line += 1 + m->nspans + 1;
	}
	mv->total = line ? line - 1 : 0;
	mv->layout_w = w;
}

/* The message shown on line (binary search on the starts). */
static int msg_at(const struct msg_view *mv, int line)
{
	int lo = 0, hi = mv->n - 1;

	while (lo < hi) {
		int mid = lo + (hi - lo + 1) / 2;

		if (mv->msgs[mid].start <= line)
			lo = mid;
		else
			hi = mid - 1;
	}
	return lo;
}

static int max_top(const struct msg_view *mv)
{
	int rows = mv->rows > 0 ? mv->rows : 1;

	return mv->total > rows ? mv->total - rows : 0;
}

static void clamp(struct msg_view *mv)
{
	if (mv->at_bottom || mv->top > max_top(mv))
		mv->top = max_top(mv);
	if (mv->top < 0)
		mv->top = 0;
	mv->at_bottom = mv->top >= max_top(mv);
}

/* Lays out again for width w, keeping the first shown line's message in place. */
static void relayout(struct msg_view *mv, int w)
{
	int anchor = -1, off = 0;

	if (mv->layout_w == w)
		return;
	if (mv->layout_w && mv->n && !mv->at_bottom) {
		anchor = msg_at(mv, mv->top);
		off = mv->top - mv->msgs[anchor].start;
	}
	layout(mv, w);
	if (anchor >= 0) {
		int len = 1 + mv->msgs[anchor].nspans;

		mv->top = mv->msgs[anchor].start + (off < len ? off : len - 1);
	}
}

static int text_w(int pane_w)
{
	return pane_w - INDENT - 1;
}

/* ---- loading ---- */

static void load_older(struct msg_view *mv);

static void got_page(struct ddb_client *c, const struct ddb_error *err, const cJSON *items,
                     const cJSON *next_key, void *ud)
{
	struct view_req *r = ud;
	struct msg_view *mv = mv_of(r->view);
	int k, i, old_first_start = 0, had = 0;

	(void)c;
	if (view_req_stale(r)) {
		free(r);
		return;
	}
	free(r);
	mv->loading = 0;
	if (err->kind != DDB_ERR_NONE) {
		if (err->kind == DDB_ERR_CANCELLED)
			snprintf(mv->error, sizeof(mv->error), "Loading cancelled: r reloads");
		else
			snprintf(mv->error, sizeof(mv->error), "Could not load the messages: %s",
			         err->message);
		tui_error_from(mv->base.tui, "loading messages", err);
		return;
	}
	mv->error[0] = '\0';
	mv->loaded = 1;
	cJSON_Delete(mv->next_key);
	mv->next_key = next_key ? cJSON_Duplicate(next_key, 1) : NULL;
	k = cJSON_GetArraySize(items);
	if (!k)
		return;
	had = mv->n;
	if (mv->layout_w && mv->n)
		old_first_start = mv->msgs[0].start;
	/* items are newest first: the oldest goes to the top */
	reserve(mv, k);
	memmove(mv->msgs + k, mv->msgs, (size_t)mv->n * sizeof(*mv->msgs));
	for (i = 0; i < k; i++)
		msg_set(mv, &mv->msgs[k - 1 - i], cJSON_GetArrayItem(items, i));
	mv->n += k;
	if (mv->layout_w) {
		layout(mv, mv->layout_w);
		/* the lines above grew: what was shown stays shown */
		if (had && !mv->at_bottom)
			mv->top += mv->msgs[k].start - old_first_start;
		clamp(mv);
		/* a short page in a tall pane: fetch more until the pane is full */
		if (mv->next_key && mv->total < mv->rows)
			load_older(mv);
	}
}

static void load_older(struct msg_view *mv)
{
	struct tui *t = mv->base.tui;

	if (mv->loading || !mv->next_key)
		return;
	mv->loading = 1;
	ddb_model_messages(t->client, t->session->table, mv->group, NULL, PAGE_SIZE,
	                   cJSON_Duplicate(mv->next_key, 1), got_page, view_req_new(&mv->base, 0),
	                   mv);
}

static void load_first(struct msg_view *mv)
{
	struct tui *t = mv->base.tui;

	view_reload(&mv->base);
	clear_msgs(mv);
	cJSON_Delete(mv->next_key);
	mv->next_key = NULL;
	mv->loaded = 0;
	mv->loading = 1;
	mv->at_bottom = 1;
	mv->top = 0;
	mv->total = 0;
	mv->error[0] = '\0';
	ddb_model_messages(t->client, t->session->table, mv->group, NULL, PAGE_SIZE, NULL, got_page,
	                   view_req_new(&mv->base, 0), mv);
}

/* ---- sending ---- */

/* Reloads the conversation browsers below: the inbox order changed. */
static void refresh_inboxes(struct tui *t)
{
	int i;

	for (i = 0; i < t->depth; i++) {
		struct view *v = t->stack[i];

		if (strcmp(v->ops->name, "conversations") == 0 && v->ops->refresh)
			v->ops->refresh(v);
	}
}

static void sent(struct ddb_client *c, const struct ddb_error *err, const cJSON *message,
                 const char *group_uuid, int created, void *ud)
{
	struct view_req *r = ud;
	struct msg_view *mv = mv_of(r->view);
	struct tui *t = mv->base.tui;

	(void)c;
	(void)group_uuid;
	(void)created;
	if (view_req_stale(r)) {
		free(r);
		return;
	}
	free(r);
	mv->sending = 0;
	if (err->kind != DDB_ERR_NONE) {
		mv->leave_when_sent = 0; /* the text stays here, with the error */
		/* nothing was written (or it is unknown, then r shows it): the text stays */
		if (err->kind == DDB_ERR_USAGE)
			tui_error(t, "%s; nothing written", err->message);
		else
			tui_error_from(t, "sending", err);
		mv->composing = 1;
		return;
	}
	lineedit_set(&mv->le, "");
	reserve(mv, 1);
	msg_set(mv, &mv->msgs[mv->n++], message);
	if (mv->layout_w)
		layout(mv, mv->layout_w);
	mv->at_bottom = 1;
	clamp(mv);
	tui_info(t, "sent");
	refresh_inboxes(t);
	if (mv->leave_when_sent)
		tui_close_view(t, &mv->base);
}

static void send_draft(struct msg_view *mv)
{
	struct tui *t = mv->base.tui;
	struct ddb_users *users = tui_users(t);
	const struct ddb_user *me = users ? ddb_users_find(users, mv->me) : NULL;

	if (!me) {
		tui_error(t, "@%s is not in the users directory: cannot send as them", mv->me);
		return;
	}
	mv->composing = 0;
	mv->sending = 1;
	ddb_model_send(t->client, t->session->table, mv->group, me, mv->le.text, 0, 0, sent,
	               view_req_new(&mv->base, 0), mv);
}

static void compose(struct msg_view *mv)
{
	struct tui *t = mv->base.tui;

	if (ddb_client_read_only(t->client)) {
		tui_error(t, "read-only mode: sending is unavailable (start without --read-only)");
		return;
	}
	if (mv->sending) {
		tui_info(t, "still sending the last message");
		return;
	}
	mv->composing = 1;
	mv->le.max_chars = COMPOSE_CAP;
}

/* Keys while composing: the editor's, Enter sends, Esc closes (the draft stays). */
static int compose_key(struct msg_view *mv, int key)
{
	switch (key) {
	case KEY_CODE_ENTER:
		send_draft(mv);
		return 1;
	case KEY_CODE_ESC:
	case 3: /* C-c */
		mv->composing = 0;
		return 1;
	case KEY_CODE_PGUP:
	case KEY_CODE_PGDN:
		return 0; /* the history scrolls under the composer */
	default:
		lineedit_key(&mv->le, key);
		return 1;
	}
}

/* ---- the pane ---- */

static const char *other_name(struct msg_view *mv)
{
	struct ddb_users *users = mv->other ? tui_users(mv->base.tui) : NULL;
	const struct ddb_user *u = users ? ddb_users_find(users, mv->other) : NULL;
	int i;

	if (u)
		return u->display_name;
	for (i = 0; i < mv->n; i++)
		if (!mv->msgs[i].mine)
			return mv->msgs[i].display_name;
	return mv->other;
}

static void msg_title(struct view *v, char *buf, size_t size)
{
	struct msg_view *mv = mv_of(v);
	const char *name = other_name(mv);
	char who[200];

	if (mv->other)
		snprintf(who, sizeof(who), "Conversation with %s (@%s)", name ? name : mv->other,
		         mv->other);
	else
		snprintf(who, sizeof(who), "Conversation %s", mv->group);
	if (!mv->loaded)
		snprintf(buf, size, "%s (loading)", who);
	else
		snprintf(buf, size, "%s \xe2\x80\x94 %d message%s%s%s", who, mv->n,
		         mv->n == 1 ? "" : "s", mv->next_key ? " loaded" : "",
		         mv->next_key ? " (more)" : "");
}

static void draw_line(struct msg_view *mv, struct canvas *c, struct rect r, int y, int line)
{
	int i = msg_at(mv, line);
	const struct msg *m = &mv->msgs[i];
	int k = line - m->start;
	char head[160];

	if (k == 0) {
		snprintf(head, sizeof(head), "%s \xc2\xb7 %s", m->handle, m->when);
		canvas_text(c, r.x + 1, y, r.w - 1, head, m->mine ? ST_ME : ST_OTHER);
	} else if (k <= m->nspans) {
		const struct span *s = &m->spans[k - 1];

		canvas_textn(c, r.x + INDENT, y, text_w(r.w), m->text + s->off, (size_t)s->len,
		             ST_NORMAL);
	}
}

static void draw_footer(struct msg_view *mv, struct canvas *c, struct rect r, int focused)
{
	int y = r.y + r.h - 1;

	if (mv->composing) {
		char count[48];
		size_t n = lineedit_chars(&mv->le);
		int cw, x;

		snprintf(count, sizeof(count), " %zu/%d ", n, DDB_MESSAGE_MAX_CHARS);
		cw = text_width(count);
		for (x = r.x; x < r.x + r.w; x++)
			canvas_text(c, x, y - 1, 1, "\xe2\x94\x80", ST_BORDER);
		canvas_text(c, r.x + 1, y - 1, r.w - 1,
		            " Enter sends, Esc closes (the draft stays) ", ST_DIM);
		if (r.w - cw - 2 > r.x)
			canvas_text(c, r.x + r.w - cw - 2, y - 1, cw, count,
			            n > DDB_MESSAGE_MAX_CHARS ? ST_ERROR : ST_DIM);
		x = r.x + canvas_text(c, r.x, y, r.w, "> ", ST_PROMPT);
		lineedit_draw(&mv->le, c, x, y, r.x + r.w - x, ST_NORMAL, focused);
		return;
	}
	canvas_text(c, r.x + 1, y, r.w - 1,
	            mv->sending ? "sending..."
	                        : "n write  m older  g/G oldest/newest loaded  r reload  Esc back",
	            ST_DIM);
}

static void msg_draw(struct view *v, struct canvas *c, struct rect r, int focused)
{
	struct msg_view *mv = mv_of(v);
	int foot = mv->composing ? 2 : 1, rows, y;

	if (r.h < foot + 1)
		foot = 0;
	rows = r.h - foot;
	mv->rows = rows;
	if (foot)
		draw_footer(mv, c, r, focused);
	relayout(mv, text_w(r.w));
	if (!mv->n) {
		struct rect area = {r.x, r.y, r.w, rows};

		if (mv->error[0] && !mv->loading)
			draw_center(c, area, mv->error, ST_ERROR);
		else
			draw_center(c, area,
			            mv->loading || !mv->loaded ? "Loading..."
			                                       : "No messages yet: n writes one",
			            ST_DIM);
		return;
	}
	clamp(mv);
	for (y = 0; y < rows && mv->top + y < mv->total; y++)
		draw_line(mv, c, r, r.y + y, mv->top + y);
	if (mv->top == 0 && mv->loading && rows > 1)
		canvas_text(c, r.x + 1, r.y, r.w - 1, "loading older messages...", ST_DIM);
}

static void scroll_up(struct msg_view *mv, int lines)
{
	if (mv->top == 0) {
		if (mv->next_key)
			load_older(mv);
		else if (mv->loaded)
			tui_info(mv->base.tui, "this is the start of the conversation");
		return;
	}
	mv->top -= lines;
	mv->at_bottom = 0;
	clamp(mv);
}

static enum keymap_action msg_handle(struct view *v, enum keymap_action act, int key)
{
	struct msg_view *mv = mv_of(v);
	int page = mv->rows > 2 ? mv->rows - 1 : 1;

	if (mv->composing && compose_key(mv, key))
		return ACT_NONE;
	switch (act) {
	case ACT_BACK:
		/* closing now would cancel the send between the message and its inbox rows */
		if (!mv->sending)
			return act;
		mv->leave_when_sent = 1;
		tui_info(v->tui, "sending: back to the conversations once it is sent");
		return ACT_NONE;
	case ACT_MOVE_UP:
		scroll_up(mv, 1);
		return ACT_NONE;
	case ACT_PAGE_UP:
		scroll_up(mv, page);
		return ACT_NONE;
	case ACT_MOVE_DOWN:
	case ACT_PAGE_DOWN:
		mv->top += act == ACT_MOVE_DOWN ? 1 : page;
		mv->at_bottom = 0;
		clamp(mv);
		return ACT_NONE;
	case ACT_MOVE_FIRST:
		mv->top = 0;
		mv->at_bottom = 0;
		clamp(mv);
		return ACT_NONE;
	case ACT_MOVE_LAST:
		mv->at_bottom = 1;
		clamp(mv);
		return ACT_NONE;
	case ACT_LOAD_MORE:
		if (mv->next_key)
			load_older(mv);
		else if (mv->loaded)
			tui_info(v->tui, "all messages are loaded");
		return ACT_NONE;
	case ACT_NEW_MESSAGE:
	case ACT_OPEN:
		compose(mv);
		return ACT_NONE;
	case ACT_SCROLL_LEFT:
	case ACT_SCROLL_RIGHT:
		return ACT_NONE; /* the text is wrapped: nothing to the side */
	case ACT_NEW_CONVERSATION: {
		/* my inbox does it: reopened, as this view closes */
		struct tui *t = v->tui;
		char *me = ddb_strdup(mv->me);
		struct view *inbox;

		tui_close_kind(t, "conversations");
		tui_close_kind(t, "messages"); /* opened without an inbox below */
		inbox = view_conversations_new(t, me);
		free(me);
		tui_open(t, inbox);
		if (inbox && inbox->ops->handle)
			inbox->ops->handle(inbox, ACT_NEW_CONVERSATION, 'N');
		return ACT_NONE;
	}
	default:
		return act;
	}
}

static void msg_refresh(struct view *v)
{
	struct msg_view *mv = mv_of(v);

	if (mv->sending) {
		tui_info(v->tui, "still sending: reload once it is sent");
		return;
	}
	load_first(mv);
}

static char *msg_copy(struct view *v)
{
	return ddb_strdup(mv_of(v)->group);
}

static void msg_free_view(struct view *v)
{
	struct msg_view *mv = mv_of(v);

	clear_msgs(mv);
	free(mv->msgs);
	cJSON_Delete(mv->next_key);
	lineedit_done(&mv->le);
	free(mv->group);
	free(mv->me);
	free(mv->other);
	free(mv);
}

static const struct view_ops msg_ops = {
    .name = "messages",
    .ctx = CTX_MESSAGES,
    .title = msg_title,
    .draw = msg_draw,
    .handle = msg_handle,
    .refresh = msg_refresh,
    .copy_text = msg_copy,
    .free = msg_free_view,
};

struct view *view_messages_new(struct tui *t, const char *group_uuid, const char *my_handle,
                               const char *other_handle)
{
	struct msg_view *mv = calloc(1, sizeof(*mv));

	if (!mv)
		abort();
	view_init(&mv->base, &msg_ops, t);
	mv->group = ddb_strdup(group_uuid);
	mv->me = ddb_strdup(my_handle && *my_handle ? my_handle : DEFAULT_HANDLE);
	mv->other = other_handle && *other_handle ? ddb_strdup(other_handle) : NULL;
	lineedit_init(&mv->le, "");
	mv->le.max_chars = COMPOSE_CAP;
	mv->at_bottom = 1;
	load_first(mv);
	return &mv->base;
}
