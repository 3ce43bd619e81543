/* help.c - the key bindings, generated from the keymap (defaults and the user's file), and the
 * :commands, generated from their table (keymap_commands). */
#include "views/view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ddb/buf.h"
#include "tui/widgets.h"
#include "views/views.h"

struct help_view {
	struct view base;
	struct textview text;
};

struct visit {
	struct help_view *hv;
	struct keymap *km;
	enum keymap_ctx ctx;
	int seen[ACT__COUNT];
	int *bound; /* [ACT__COUNT]: bound in some context */
};

static void add_binding(enum keymap_ctx ctx, int key, enum keymap_action a, void *ud)
{
	struct visit *vs = ud;
	struct ddb_buf b = DDB_BUF_INIT;
	char keys[128];

	(void)key;
	vs->bound[a] = 1;
	if (vs->seen[a])
		return; /* one line an action: all its keys together */
	vs->seen[a] = 1;
	keymap_keys_for(vs->km, ctx, a, keys, sizeof(keys));
	styled_switch(&b, ST_JSON_KEY);
	ddb_buf_printf(&b, "  %-16s ", keys);
	styled_switch(&b, ST_NORMAL);
	ddb_buf_printf(&b, "%-22s ", keymap_action_name(a));
	styled_switch(&b, ST_DIM);
	ddb_buf_puts(&b, keymap_action_help(a));
	textview_add(&vs->hv->text, ddb_buf_str(&b));
	ddb_buf_done(&b);
}

/* The :commands, one line each: the names of one action together ("q, quit, q!"). */
static void add_commands(struct help_view *hv)
{
	const struct keymap_command *c, *d, *end;
	struct ddb_buf b = DDB_BUF_INIT;

	textview_add(&hv->text, "");
	ddb_buf_reset(&b);
	styled_switch(&b, ST_HEADER);
	ddb_buf_puts(&b, "commands (: then the command, Enter)");
	textview_add(&hv->text, ddb_buf_str(&b));
	for (c = keymap_commands; c->name; c = end) {
		struct ddb_buf names = DDB_BUF_INIT;

		end = keymap_command_group_end(c);
		for (d = c; d < end; d++)
			ddb_buf_printf(&names, "%s:%s", d == c ? "" : ", ", d->name);
		ddb_buf_reset(&b);
		styled_switch(&b, ST_JSON_KEY);
		ddb_buf_printf(&b, "  %-16s ", ddb_buf_str(&names));
		styled_switch(&b, ST_NORMAL);
		ddb_buf_printf(&b, "%-22s ", c->args);
		styled_switch(&b, ST_DIM);
		ddb_buf_puts(&b, c->help);
		textview_add(&hv->text, ddb_buf_str(&b));
		ddb_buf_done(&names);
	}
	ddb_buf_done(&b);
}

static void build(struct help_view *hv)
{
	struct tui *t = hv->base.tui;
	struct ddb_buf b = DDB_BUF_INIT;
	int bound[ACT__COUNT] = {0}, c, a, n = 0;

	textview_clear(&hv->text);
	textview_add_text(&hv->text,
	                  "Keys (rebind them in ~/.config/ddbtui/keys: "
	                  "bind CONTEXT KEY ACTION)",
	                  ST_BOLD);
	for (c = 0; c < CTX__COUNT; c++) {
		struct visit vs;

		memset(&vs, 0, sizeof(vs));
		vs.hv = hv;
		vs.km = t->km;
		vs.ctx = (enum keymap_ctx)c;
		vs.bound = bound;
		textview_add(&hv->text, "");
		ddb_buf_reset(&b);
		styled_switch(&b, ST_HEADER);
		ddb_buf_printf(&b, "%s%s", keymap_ctx_name((enum keymap_ctx)c),
		               c == CTX_GENERIC ? " (everywhere, unless a view binds the key)"
		                                : "");
		textview_add(&hv->text, ddb_buf_str(&b));
		keymap_each(t->km, (enum keymap_ctx)c, add_binding, &vs);
	}
	/* actions without a key: bind them in your file */
	for (a = 1; a < ACT__COUNT; a++) {
		if (bound[a] || a == ACT_NONE)
			continue;
		if (!n++) {
			textview_add(&hv->text, "");
			ddb_buf_reset(&b);
			styled_switch(&b, ST_HEADER);
			ddb_buf_puts(&b, "not bound (bind CONTEXT KEY ACTION)");
			textview_add(&hv->text, ddb_buf_str(&b));
		}
		ddb_buf_reset(&b);
		ddb_buf_printf(&b, "  %-16s %-22s ", "", keymap_action_name((enum keymap_action)a));
		styled_switch(&b, ST_DIM);
		ddb_buf_puts(&b, keymap_action_help((enum keymap_action)a));
		textview_add(&hv->text, ddb_buf_str(&b));
	}
	add_commands(hv);
	ddb_buf_done(&b);
}

static void help_title(struct view *v, char *buf, size_t size)
{
	(void)v;
	snprintf(buf, size, "Help");
}

static void help_draw(struct view *v, struct canvas *cv, struct rect r, int focused)
{
	(void)focused;
	textview_draw(&((struct help_view *)v)->text, cv, r);
}

static enum keymap_action help_handle(struct view *v, enum keymap_action act, int key)
{
	(void)key;
	return textview_action(&((struct help_view *)v)->text, act, v->page_rows, 80) ? ACT_NONE
	                                                                              : act;
}

static char *help_copy(struct view *v)
{
	return textview_plain(&((struct help_view *)v)->text);
}

static void help_free(struct view *v)
{
	textview_done(&((struct help_view *)v)->text);
	free(v);
}

static const struct view_ops help_ops = {
    .name = "help",
    .ctx = CTX_HELP,
    .title = help_title,
    .draw = help_draw,
    .handle = help_handle,
    .copy_text = help_copy,
    .free = help_free,
};

struct view *view_help_new(struct tui *t)
{
	struct help_view *hv = calloc(1, sizeof(*hv));

	if (!hv)
		abort();
	view_init(&hv->base, &help_ops, t);
	textview_init(&hv->text);
	build(hv);
	return &hv->base;
}
