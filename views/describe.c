/* describe.c - DescribeTable, readable (as `ddbtui describe-table` prints it: keys, billing,
 * capacity, items, size, stream, creation, ARN, each index), then the Table JSON itself. */
#include "views/view.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ddb/buf.h"
#include "ddb/ops.h"
#include "tui/tui.h"
#include "tui/widgets.h"

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

static const char *str_of(const cJSON *obj, const char *name)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, name);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static double num_of(const cJSON *obj, const char *name, double dflt)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, name);

	return cJSON_IsNumber(v) ? v->valuedouble : dflt;
}

/* A line "Label       value": the label in the key style, padded to 12 columns. */
static void line(struct describe_view *dv, const char *indent, const char *label, const char *fmt,
                 ...) __attribute__((format(printf, 4, 5)));

static void line(struct describe_view *dv, const char *indent, const char *label, const char *fmt,
                 ...)
{
	struct ddb_buf b = DDB_BUF_INIT;
	char value[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(value, sizeof(value), fmt, ap);
	va_end(ap);
	ddb_buf_puts(&b, indent);
	styled_switch(&b, ST_JSON_KEY);
	ddb_buf_printf(&b, "%-12s", label);
	styled_switch(&b, ST_NORMAL);
	ddb_buf_puts(&b, value);
	textview_add(&dv->text, ddb_buf_str(&b));
	ddb_buf_done(&b);
}

/* "pk (S, HASH), sk (S, RANGE)" */
static void keys_text(const cJSON *table, const cJSON *schema, struct ddb_buf *out)
{
	const cJSON *k, *defs = cJSON_GetObjectItemCaseSensitive(table, "AttributeDefinitions");

	cJSON_ArrayForEach(k, schema)
	{
		const char *name = str_of(k, "AttributeName"), *type = "?", *kt;
		const cJSON *d;

		cJSON_ArrayForEach(d, defs)
		{
			const char *dn = str_of(d, "AttributeName");

			if (dn && name && strcmp(dn, name) == 0 && str_of(d, "AttributeType"))
				type = str_of(d, "AttributeType");
		}
		kt = str_of(k, "KeyType");
		ddb_buf_printf(out, "%s%s (%s, %s)", out->len ? ", " : "", name ? name : "?", type,
		               kt ? kt : "?");
	}
}

static void keys_line(struct describe_view *dv, const char *indent, const cJSON *table,
                      const cJSON *schema)
{
	struct ddb_buf b = DDB_BUF_INIT;

	keys_text(table, schema, &b);
	line(dv, indent, "Keys", "%s", ddb_buf_str(&b));
	ddb_buf_done(&b);
}

static void throughput_line(struct describe_view *dv, const char *indent, const cJSON *obj,
                            int on_demand)
{
	const cJSON *pt = cJSON_GetObjectItemCaseSensitive(obj, "ProvisionedThroughput");

	if (on_demand || !pt)
		return;
	line(dv, indent, "Capacity", "%.0f RCU / %.0f WCU", num_of(pt, "ReadCapacityUnits", 0),
	     num_of(pt, "WriteCapacityUnits", 0));
}

static void projection_line(struct describe_view *dv, const char *indent, const cJSON *idx)
{
	const cJSON *p = cJSON_GetObjectItemCaseSensitive(idx, "Projection");
	const cJSON *na = cJSON_GetObjectItemCaseSensitive(p, "NonKeyAttributes"), *a;
	const char *t = str_of(p, "ProjectionType");
	struct ddb_buf b = DDB_BUF_INIT;

	ddb_buf_puts(&b, t ? t : "?");
	if (cJSON_GetArraySize(na) > 0) {
		int first = 1;

		ddb_buf_puts(&b, " (");
		cJSON_ArrayForEach(a, na)
		{
			ddb_buf_printf(&b, "%s%s", first ? "" : ", ",
			               cJSON_IsString(a) ? a->valuestring : "?");
			first = 0;
		}
		ddb_buf_puts(&b, ")");
	}
	line(dv, indent, "Projection", "%s", ddb_buf_str(&b));
	ddb_buf_done(&b);
}

static void indexes(struct describe_view *dv, const cJSON *table, const char *field,
                    const char *label, int on_demand)
{
	const cJSON *idx;
	struct ddb_buf b = DDB_BUF_INIT;

	cJSON_ArrayForEach(idx, cJSON_GetObjectItemCaseSensitive(table, field))
	{
		const char *st = str_of(idx, "IndexStatus");

		ddb_buf_reset(&b);
		styled_switch(&b, ST_HEADER);
		ddb_buf_printf(&b, "%s %s", label,
		               str_of(idx, "IndexName") ? str_of(idx, "IndexName") : "?");
		textview_add(&dv->text, "");
		textview_add(&dv->text, ddb_buf_str(&b));
		keys_line(dv, "  ", table, cJSON_GetObjectItemCaseSensitive(idx, "KeySchema"));
		projection_line(dv, "  ", idx);
		throughput_line(dv, "  ", idx, on_demand);
		if (st)
			line(dv, "  ", "Status", "%s", st);
		line(dv, "  ", "Items", "%.0f", num_of(idx, "ItemCount", 0));
	}
	ddb_buf_done(&b);
}

static void human_size(double bytes, char *out, size_t n)
{
	if (bytes < 1024)
		snprintf(out, n, "%.0f bytes", bytes);
	else if (bytes < 1024 * 1024)
		snprintf(out, n, "%.1f KiB (%.0f bytes)", bytes / 1024, bytes);
	else
		snprintf(out, n, "%.1f MiB (%.0f bytes)", bytes / (1024 * 1024), bytes);
}

static void build(struct describe_view *dv)
{
	const cJSON *t = dv->desc;
	const cJSON *bms = cJSON_GetObjectItemCaseSensitive(t, "BillingModeSummary");
	const cJSON *stream = cJSON_GetObjectItemCaseSensitive(t, "StreamSpecification");
	const char *billing = str_of(bms, "BillingMode");
	double created = num_of(t, "CreationDateTime", -1);
	struct ddb_buf styled = DDB_BUF_INIT, plain = DDB_BUF_INIT;
	char size[64];
	int on_demand;
	const char *s;

	textview_clear(&dv->text);
	if (!billing)
		billing = "PROVISIONED";
	on_demand = strcmp(billing, "PAY_PER_REQUEST") == 0;
	line(dv, "", "Table", "%s", str_of(t, "TableName") ? str_of(t, "TableName") : "?");
	line(dv, "", "Status", "%s", str_of(t, "TableStatus") ? str_of(t, "TableStatus") : "?");
	keys_line(dv, "", t, cJSON_GetObjectItemCaseSensitive(t, "KeySchema"));
	line(dv, "", "Billing", "%s", on_demand ? "PAY_PER_REQUEST (on demand)" : billing);
	throughput_line(dv, "", t, on_demand);
	line(dv, "", "Items", "%.0f", num_of(t, "ItemCount", 0));
	human_size(num_of(t, "TableSizeBytes", 0), size, sizeof(size));
	line(dv, "", "Size", "%s", size);
	if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(stream, "StreamEnabled")))
		line(dv, "", "Stream", "%s (%s)",
		     str_of(stream, "StreamViewType") ? str_of(stream, "StreamViewType")
		                                      : "enabled",
		     str_of(t, "LatestStreamArn") ? str_of(t, "LatestStreamArn") : "");
	else
		line(dv, "", "Stream", "off");
	if (created >= 0) {
		time_t secs = (time_t)created;
		struct tm tm;
		char when[40];

		gmtime_r(&secs, &tm);
		strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
		line(dv, "", "Created", "%s", when);
	}
	if ((s = str_of(t, "TableArn")))
		line(dv, "", "ARN", "%s", s);
	indexes(dv, t, "GlobalSecondaryIndexes", "GSI", on_demand);
	indexes(dv, t, "LocalSecondaryIndexes", "LSI", 1);

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

struct dv_req {
	struct describe_view *dv;
	unsigned gen;
};

static void described(struct ddb_client *c, struct ddb_reply *reply, void *ud)
{
	struct dv_req *r = ud;
	struct describe_view *dv = r->dv;
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
	struct dv_req *r = calloc(1, sizeof(*r));

	if (!r)
		abort();
	r->dv = dv;
	r->gen = dv->base.gen;
	dv->loading = 1;
	ddb_describe_table(dv->base.tui->client, dv->table, described, r, dv);
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

static int describe_handle(struct view *v, enum keymap_action act, int key)
{
	struct describe_view *dv = dv_of(v);

	(void)key;
	return textview_action(&dv->text, act, v->page_rows, dv->width > 0 ? dv->width : 80);
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
