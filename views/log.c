/* log.c - the request log: every request of this session, newest last (never a secret). */
#include "views/view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/widgets.h"
#include "views/views.h"

struct log_view {
	struct view base;
	int top; /* first entry shown, from the oldest kept; -1: follow the newest */
};

static void log_title(struct view *v, char *buf, size_t size)
{
	struct tui *t = v->tui;

	snprintf(buf, size, "Request log (%lu requests, last %d kept)", t->requests_done, t->log_n);
}

/* The last messages of the bottom line, whole and wrapped, newest last, at the foot of r (at most
 * half of it, the newest first to get room). Returns the rows used. */
static int draw_messages(struct tui *t, struct canvas *cv, struct rect r)
{
	int room = r.h / 2 - 1, used = 0, n, i, y;
	int w = r.w - 3;

	if (!t->messages_n || room < 1)
		return 0;
	/* how many of the newest fit */
	for (n = 0; n < t->messages_n; n++) {
		int idx = (t->messages_head - 1 - n + 2 * TUI_MESSAGES_MAX) % TUI_MESSAGES_MAX;
		int h = draw_wrapped(NULL, 0, 0, w, room, t->messages[idx].text, 0);

		if (used + h > room && n)
			break;
		used += h > room ? room : h;
	}
	y = r.y + r.h - used - 1;
	canvas_text(cv, r.x + 1, y, r.w - 1, "Last messages (newest last), whole:", ST_HEADER);
	for (i = n - 1, y++; i >= 0; i--) {
		int idx = (t->messages_head - 1 - i + 2 * TUI_MESSAGES_MAX) % TUI_MESSAGES_MAX;

		y += draw_wrapped(cv, r.x + 2, y, w, r.y + r.h - y, t->messages[idx].text,
		                  t->messages[idx].error ? ST_ERROR : ST_NORMAL);
	}
	return used + 1;
}

static void log_draw(struct view *v, struct canvas *cv, struct rect r, int focused)
{
	struct log_view *lv = (struct log_view *)v;
	struct tui *t = v->tui;
	int rows, first, i;
	char line[512], cap[32], items[16];

	(void)focused;
	r.h -= draw_messages(t, cv, r);
	rows = r.h - 1;
	canvas_text(cv, r.x + 1, r.y, r.w - 1,
	            "    time  operation       table                 status  latency  tries  "
	            "items  queued  capacity  error",
	            ST_HEADER);
	if (!t->log_n) {
		draw_center(cv, (struct rect){r.x, r.y + 1, r.w, rows}, "No requests yet", ST_DIM);
		return;
	}
	first = lv->top < 0 ? t->log_n - rows : lv->top;
	if (first > t->log_n - rows)
		first = t->log_n - rows;
	if (first < 0)
		first = 0;
	if (lv->top >= 0)
		lv->top = first;
	for (i = 0; i < rows && first + i < t->log_n; i++) {
		int idx = (t->log_head - t->log_n + first + i + TUI_LOG_MAX) % TUI_LOG_MAX;
		const struct tui_log_entry *e = &t->log[idx];

		if (e->capacity >= 0)
			snprintf(cap, sizeof(cap), "%.1f", e->capacity);
		else
			snprintf(cap, sizeof(cap), "-");
		if (e->items >= 0)
			snprintf(items, sizeof(items), "%ld", e->items);
		else
			snprintf(items, sizeof(items), "-");
		snprintf(line, sizeof(line),
		         "%8.2f  %-14.14s  %-20.20s  %6ld  %7.1f  %5d  %5s  %6.1f  %8s  %s", e->at,
		         e->op, e->table, e->status, e->latency_ms, e->attempts, items,
		         e->queued_ms, cap, e->error);
		canvas_text(cv, r.x + 1, r.y + 1 + i, r.w - 1, line,
		            e->error[0] ? ST_ERROR : ST_NORMAL);
	}
}

static enum keymap_action log_handle(struct view *v, enum keymap_action act, int key)
{
	struct log_view *lv = (struct log_view *)v;
	int n = v->tui->log_n, page = v->page_rows - 1;

	(void)key;
	if (lv->top < 0)
		lv->top = n - page > 0 ? n - page : 0;
	switch (act) {
	case ACT_MOVE_DOWN:
		lv->top++;
		break;
	case ACT_MOVE_UP:
		lv->top--;
		break;
	case ACT_PAGE_DOWN:
		lv->top += page;
		break;
	case ACT_PAGE_UP:
		lv->top -= page;
		break;
	case ACT_MOVE_FIRST:
		lv->top = 0;
		break;
	case ACT_MOVE_LAST:
		lv->top = -1;
		return ACT_NONE;
	default:
		return act;
	}
	if (lv->top < 0)
		lv->top = 0;
	if (lv->top >= n - page)
		lv->top = -1; /* at the end: follow new requests */
	return ACT_NONE;
}

static void log_free(struct view *v)
{
	free(v);
}

static const struct view_ops log_ops = {
    .name = "log",
    .ctx = CTX_LOG,
    .title = log_title,
    .draw = log_draw,
    .handle = log_handle,
    .free = log_free,
};

struct view *view_log_new(struct tui *t)
{
	struct log_view *lv = calloc(1, sizeof(*lv));

	if (!lv)
		abort();
	view_init(&lv->base, &log_ops, t);
	lv->top = -1;
	return &lv->base;
}
