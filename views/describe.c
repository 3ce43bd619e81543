/* describe.c - DescribeTable, readable (as `ddbtui describe-table` prints it: keys, billing,
 * capacity, items, size, stream, creation, ARN, each index), then the Table JSON itself. */
#include "views/view.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ddb/buf.h"
#include "ddb/describe.h"
#include "ddb/ops.h"
#include "tui/widgets.h"
#include "views/views.h"

struct describe_view {
	struct view base;
	char *table;
	int loading;
	char error[300];
	cJSON *desc; /* the Table object */
	char *json;  /* its text, for y */
	struct textview text;
	int width;
};

static struct describe_view *dv_of(struct view *v)
{
	return (struct describe_view *)v;
}

/* A line "Label       value": the label in the key style, padded to 12 columns; index
 * headings in the header style. */
static void add_line(enum ddb_describe_line kind, int indent, const char *label, const char *value,
                     void *ud)
{
	struct describe_view *dv = ud;
	struct ddb_buf b = DDB_BUF_INIT;

	if (kind == DDB_DESC_BLANK) {
		textview_add(&dv->text, "");
		return;
	}
	ddb_buf_printf(&b, "%*s", indent * 2, "");
	styled_switch(&b, kind == DDB_DESC_SECTION ? ST_HEADER : ST_JSON_KEY);
	ddb_buf_printf(&b, kind == DDB_DESC_SECTION ? "%s" : "%-12s", label);
	styled_switch(&b, ST_NORMAL);
	ddb_buf_puts(&b, value);
	textview_add(&dv->text, ddb_buf_str(&b));
	ddb_buf_done(&b);
}

static void build(struct describe_view *dv)
{
	const cJSON *t = dv->desc;
	struct ddb_buf styled = DDB_BUF_INIT, plain = DDB_BUF_INIT;
	const char *s;

	textview_clear(&dv->text);
	ddb_describe_lines(t, add_line, dv);
	textview_add(&dv->text, "");
	styled_switch(&styled, ST_HEADER);
	ddb_buf_puts(&styled, "DescribeTable JSON (y copies it)");
	textview_add(&dv->text, ddb_buf_str(&styled));
	ddb_buf_reset(&styled);
	view_json_format(&styled, &plain, t, 0);
	s = ddb_buf_str(&styled);
	for (;;) {
		const char *nl = strchr(s, '\n');
		struct ddb_buf l = DDB_BUF_INIT;

		ddb_buf_append(&l, s, nl ? (size_t)(nl - s) : strlen(s));
		textview_add(&dv->text, ddb_buf_str(&l));
		ddb_buf_done(&l);
		if (!nl)
			break;
		s = nl + 1;
	}
	free(dv->json);
	dv->json = ddb_buf_steal(&plain);
	ddb_buf_done(&styled);
}

static void described(struct ddb_client *c, struct ddb_reply *reply, void *ud)
{
	struct view_req *r = ud;
	struct describe_view *dv = dv_of(r->view);
	unsigned gen = r->gen;
	char what[160];
	cJSON *t;

	(void)c;
	free(r);
	if (view_stale(&dv->base, gen))
		return;
	dv->loading = 0;
	if (reply->err.kind != DDB_ERR_NONE) {
		snprintf(what, sizeof(what), "describe %s", dv->table);
		tui_error_from(dv->base.tui, what, &reply->err);
		if (reply->err.kind == DDB_ERR_SERVICE &&
		    strcmp(reply->err.type, "ResourceNotFoundException") == 0)
			snprintf(dv->error, sizeof(dv->error), "Table %s not found", dv->table);
		else
			snprintf(dv->error, sizeof(dv->error), "%s", dv->base.tui->message);
		return;
	}
	t = cJSON_DetachItemFromObjectCaseSensitive(reply->json, "Table");
	if (!cJSON_IsObject(t)) {
		cJSON_Delete(t);
		snprintf(dv->error, sizeof(dv->error), "DescribeTable answered without a Table");
		tui_error(dv->base.tui, "describe %s: %s", dv->table, dv->error);
		return;
	}
	cJSON_Delete(dv->desc);
	dv->desc = t;
	dv->error[0] = '\0';
	build(dv);
}

static void load(struct describe_view *dv)
{
	dv->loading = 1;
	ddb_describe_table(dv->base.tui->client, dv->table, described, view_req_new(&dv->base, 0),
	                   dv);
}

static void describe_refresh(struct view *v)
{
	view_reload(v);
	load(dv_of(v));
}

static void describe_title(struct view *v, char *buf, size_t size)
{
	struct describe_view *dv = dv_of(v);

	snprintf(buf, size, "Describe %s%s", dv->table, dv->loading ? " (loading)" : "");
}

static void describe_draw(struct view *v, struct canvas *cv, struct rect r, int focused)
{
	struct describe_view *dv = dv_of(v);

	(void)focused;
	dv->width = r.w - 1;
	if (dv->error[0] && !dv->desc)
		draw_center(cv, r, dv->error, ST_ERROR);
	else if (!dv->desc)
		draw_center(cv, r, "Loading...", ST_DIM);
	else
		textview_draw(&dv->text, cv, r);
}

static enum keymap_action describe_handle(struct view *v, enum keymap_action act, int key)
{
	struct describe_view *dv = dv_of(v);

	(void)key;
	return textview_action(&dv->text, act, v->page_rows, dv->width > 0 ? dv->width : 80)
	           ? ACT_NONE
	           : act;
}

static char *describe_copy(struct view *v)
{
	struct describe_view *dv = dv_of(v);

	return dv->json ? strdup(dv->json) : NULL;
}

static void describe_free(struct view *v)
{
	struct describe_view *dv = dv_of(v);

	textview_done(&dv->text);
	cJSON_Delete(dv->desc);
	free(dv->json);
	free(dv->table);
	free(dv);
}

static const struct view_ops describe_ops = {
    .name = "describe",
    .ctx = CTX_DESCRIBE,
    .title = describe_title,
    .draw = describe_draw,
    .handle = describe_handle,
    .refresh = describe_refresh,
    .copy_text = describe_copy,
    .free = describe_free,
};

struct view *view_describe_new(struct tui *t, const char *table)
{
	struct describe_view *dv = calloc(1, sizeof(*dv));

	if (!dv)
		abort();
	view_init(&dv->base, &describe_ops, t);
	textview_init(&dv->text);
	dv->table = strdup(table ? table : "");
	if (!dv->table)
		abort();
	load(dv);
	return &dv->base;
}
