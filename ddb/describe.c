/* describe.c - DescribeTable as readable lines. */
#include "describe.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "buf.h"

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

struct out {
	ddb_describe_emit *emit;
	void *ud;
	struct ddb_buf b;
};

static void field(struct out *o, int indent, const char *label, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void field(struct out *o, int indent, const char *label, const char *fmt, ...)
{
	char value[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(value, sizeof(value), fmt, ap);
	va_end(ap);
	o->emit(DDB_DESC_FIELD, indent, label, value, o->ud);
}

/* "pk (S, HASH), sk (S, RANGE)" */
static void keys(struct out *o, int indent, const cJSON *table, const cJSON *schema)
{
	const cJSON *k, *defs = cJSON_GetObjectItemCaseSensitive(table, "AttributeDefinitions");

	ddb_buf_reset(&o->b);
	cJSON_ArrayForEach(k, schema)
	{
		const char *name = str_of(k, "AttributeName"), *type = "?",
		           *kt = str_of(k, "KeyType");
		const cJSON *d;

		cJSON_ArrayForEach(d, defs)
		{
			const char *dn = str_of(d, "AttributeName");

			if (dn && name && strcmp(dn, name) == 0 && str_of(d, "AttributeType"))
				type = str_of(d, "AttributeType");
		}
		ddb_buf_printf(&o->b, "%s%s (%s, %s)", o->b.len ? ", " : "", name ? name : "?",
		               type, kt ? kt : "?");
	}
	field(o, indent, "Keys", "%s", ddb_buf_str(&o->b));
}

static void throughput(struct out *o, int indent, const cJSON *obj, int on_demand)
{
	const cJSON *pt = cJSON_GetObjectItemCaseSensitive(obj, "ProvisionedThroughput");

	if (on_demand || !pt)
		return;
	field(o, indent, "Capacity", "%.0f RCU / %.0f WCU", num_of(pt, "ReadCapacityUnits", 0),
	      num_of(pt, "WriteCapacityUnits", 0));
}

static void projection(struct out *o, int indent, const cJSON *idx)
{
	const cJSON *p = cJSON_GetObjectItemCaseSensitive(idx, "Projection");
	const cJSON *na = cJSON_GetObjectItemCaseSensitive(p, "NonKeyAttributes"), *a;
	const char *t = str_of(p, "ProjectionType");
	int first = 1;

	ddb_buf_reset(&o->b);
	ddb_buf_puts(&o->b, t ? t : "?");
	if (cJSON_GetArraySize(na) > 0) {
		ddb_buf_puts(&o->b, " (");
		cJSON_ArrayForEach(a, na)
		{
			ddb_buf_printf(&o->b, "%s%s", first ? "" : ", ",
			               cJSON_IsString(a) ? a->valuestring : "?");
			first = 0;
		}
		ddb_buf_puts(&o->b, ")");
	}
	field(o, indent, "Projection", "%s", ddb_buf_str(&o->b));
}

static void indexes(struct out *o, const cJSON *table, const char *member, const char *label,
                    int on_demand)
{
	const cJSON *idx;
	char heading[300];

	cJSON_ArrayForEach(idx, cJSON_GetObjectItemCaseSensitive(table, member))
	{
		const char *st = str_of(idx, "IndexStatus");

		snprintf(heading, sizeof(heading), "%s %s", label,
		         str_of(idx, "IndexName") ? str_of(idx, "IndexName") : "?");
		o->emit(DDB_DESC_BLANK, 0, "", "", o->ud);
		o->emit(DDB_DESC_SECTION, 0, heading, "", o->ud);
		keys(o, 1, table, cJSON_GetObjectItemCaseSensitive(idx, "KeySchema"));
		projection(o, 1, idx);
		throughput(o, 1, idx, on_demand);
		if (st)
			field(o, 1, "Status", "%s", st);
		field(o, 1, "Items", "~%.0f", num_of(idx, "ItemCount", 0));
	}
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

void ddb_describe_lines(const cJSON *t, ddb_describe_emit *emit, void *ud)
{
	const cJSON *bms = cJSON_GetObjectItemCaseSensitive(t, "BillingModeSummary");
	const cJSON *stream = cJSON_GetObjectItemCaseSensitive(t, "StreamSpecification");
	const char *billing = str_of(bms, "BillingMode"), *s;
	double created = num_of(t, "CreationDateTime", -1);
	struct out o = {emit, ud, DDB_BUF_INIT};
	char size[64];
	int on_demand;

	if (!billing)
		billing = "PROVISIONED";
	on_demand = strcmp(billing, "PAY_PER_REQUEST") == 0;
	field(&o, 0, "Table", "%s", str_of(t, "TableName") ? str_of(t, "TableName") : "?");
	field(&o, 0, "Status", "%s", str_of(t, "TableStatus") ? str_of(t, "TableStatus") : "?");
	keys(&o, 0, t, cJSON_GetObjectItemCaseSensitive(t, "KeySchema"));
	field(&o, 0, "Billing", "%s", on_demand ? "PAY_PER_REQUEST (on demand)" : billing);
	throughput(&o, 0, t, on_demand);
	/* DynamoDB refreshes ItemCount and TableSizeBytes about every six hours */
	field(&o, 0, "Items", "~%.0f (DynamoDB's estimate, refreshed about every 6 hours)",
	      num_of(t, "ItemCount", 0));
	human_size(num_of(t, "TableSizeBytes", 0), size, sizeof(size));
	field(&o, 0, "Size", "~%s", size);
	if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(stream, "StreamEnabled")))
		field(&o, 0, "Stream", "%s (%s)",
		      str_of(stream, "StreamViewType") ? str_of(stream, "StreamViewType")
		                                       : "enabled",
		      str_of(t, "LatestStreamArn") ? str_of(t, "LatestStreamArn") : "");
	else
		field(&o, 0, "Stream", "off");
	if (created >= 0) {
		time_t secs = (time_t)created;
		struct tm tm;
		char when[40];

		gmtime_r(&secs, &tm);
		strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
		field(&o, 0, "Created", "%s", when);
	}
	if ((s = str_of(t, "TableArn")))
		field(&o, 0, "ARN", "%s", s);
	indexes(&o, t, "GlobalSecondaryIndexes", "GSI", on_demand);
	indexes(&o, t, "LocalSecondaryIndexes", "LSI", 1);
	ddb_buf_done(&o.b);
}
