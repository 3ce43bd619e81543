/* conversations.c - placeholder until the view is written. */
#include "views/view.h"

#include <stdio.h>
#include <stdlib.h>

#include "tui/tui.h"
#include "tui/widgets.h"

static void ph_title(struct view *v, char *buf, size_t size)
{
	(void)v;
	snprintf(buf, size, "conversations");
}

static void ph_draw(struct view *v, struct canvas *cv, struct rect r, int focused)
{
	(void)v;
	(void)focused;
	draw_center(cv, r, "not yet", ST_DIM);
}

static int ph_handle(struct view *v, enum keymap_action act, int key)
{
	(void)v;
	(void)act;
	(void)key;
	return 0;
}

static void ph_free(struct view *v)
{
	free(v);
}

static const struct view_ops ph_ops = {
	.name = "conversations",
	.ctx = CTX_CONVERSATIONS,
	.title = ph_title,
	.draw = ph_draw,
	.handle = ph_handle,
	.free = ph_free,
};

struct view *view_conversations_new(struct tui *t, const char *handle)
{
	struct view *v = calloc(1, sizeof(*v));

	if (!v)
		abort();
	view_init(v, &ph_ops, t);
	return v;
}
