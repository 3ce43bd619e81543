/* transfer.c - export lines (ddb, json, csv) and import lines, one item at a time. */
#include "transfer.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "attr.h"
#include "json.h"

static const char *const fmt_names[] = {"auto", "ddb", "json", "csv", "scan"};

int ddb_xfmt_parse(const char *name, enum ddb_xfmt *fmt)
{
	size_t i;

	for (i = 0; i < sizeof(fmt_names) / sizeof(fmt_names[0]); i++)
		if (name && strcasecmp(name, fmt_names[i]) == 0) {
			*fmt = (enum ddb_xfmt)i;
			return 0;
		}
	return -1;
}

const char *ddb_xfmt_name(enum ddb_xfmt fmt)
{
	return (size_t)fmt < sizeof(fmt_names) / sizeof(fmt_names[0]) ? fmt_names[fmt] : "?";
}

static void put_json(struct ddb_buf *out, const cJSON *v)
{
	char *s = cJSON_PrintUnformatted(v);

	if (!s)
		abort();
	ddb_buf_puts(out, s);
	free(s);
}

int ddb_export_line(struct ddb_buf *out, const cJSON *item, enum ddb_xfmt fmt,
                    struct ddb_error *err)
{
	cJSON *plain;

	if (fmt == DDB_XFMT_DDB) {
		ddb_buf_puts(out, "{\"Item\":");
		put_json(out, item);
		ddb_buf_putc(out, '}');
		return 0;
	}
	if (fmt != DDB_XFMT_JSON) {
		ddb_error_set(err, DDB_ERR_USAGE, "%s is not a line format", ddb_xfmt_name(fmt));
		return -1;
	}
	plain = ddb_item_to_plain(item, err);
	if (!plain)
		return -1;
	put_json(out, plain);
	cJSON_Delete(plain);
	return 0;
}

/* ---- CSV ---- */

void ddb_csv_field(struct ddb_buf *out, const char *text)
{
	const char *p;

	if (!strpbrk(text, ",\"\r\n")) {
		ddb_buf_puts(out, text);
		return;
	}
	ddb_buf_putc(out, '"');
	for (p = text; *p; p++) {
		if (*p == '"')
			ddb_buf_putc(out, '"');
		ddb_buf_putc(out, *p);
	}
	ddb_buf_putc(out, '"');
}

void ddb_csv_header(struct ddb_buf *out, const char *const *columns, int ncolumns)
{
	int i;

	for (i = 0; i < ncolumns; i++) {
		if (i)
			ddb_buf_putc(out, ',');
		ddb_csv_field(out, columns[i]);
	}
	ddb_buf_puts(out, "\r\n");
}

char *ddb_csv_cell(const cJSON *av, struct ddb_error *err)
{
	enum ddb_type t = ddb_attr_type(av);
	cJSON *plain;
	char *s;

	switch (t) {
	case DDB_T_S:
	case DDB_T_N:
	case DDB_T_B:
		if (t == DDB_T_N && !ddb_number_valid(av->child->valuestring)) {
			ddb_error_set(err, DDB_ERR_PARSE, "number \"%.60s\" is not valid",
			              av->child->valuestring);
			return NULL;
		}
		s = strdup(av->child->valuestring);
		if (!s)
			abort();
		return s;
	case DDB_T_BOOL:
		s = strdup(cJSON_IsTrue(av->child) ? "true" : "false");
		if (!s)
			abort();
		return s;
	case DDB_T_NULL:
		s = strdup("null");
		if (!s)
			abort();
		return s;
	case DDB_T_INVALID:
		ddb_error_set(err, DDB_ERR_PARSE, "a malformed attribute value");
		return NULL;
	default:
		plain = ddb_attr_to_plain(av, err);
		if (!plain)
			return NULL;
		s = cJSON_PrintUnformatted(plain);
		cJSON_Delete(plain);
		if (!s)
			abort();
		return s;
	}
}

int ddb_csv_row(struct ddb_buf *out, const cJSON *item, const char *const *columns, int ncolumns,
                struct ddb_error *err)
{
	size_t mark = out->len;
	int i;

	for (i = 0; i < ncolumns; i++) {
		const cJSON *av = cJSON_GetObjectItemCaseSensitive(item, columns[i]);
		char *cell;

		if (i)
			ddb_buf_putc(out, ',');
		if (!av)
			continue;
		cell = ddb_csv_cell(av, err);
		if (!cell) {
			char msg[sizeof(err->message)];

			snprintf(msg, sizeof(msg), "%s", err->message);
			ddb_error_set(err, DDB_ERR_PARSE, "column %s: %s", columns[i], msg);
			out->len = mark;
			if (out->data)
				out->data[mark] = '\0';
			return -1;
		}
		ddb_csv_field(out, cell);
		free(cell);
	}
	ddb_buf_puts(out, "\r\n");
	return 0;
}

static int av_has_typed(const cJSON *av)
{
	enum ddb_type t = ddb_attr_type(av);
	const cJSON *c;

	if (t == DDB_T_B || t == DDB_T_SS || t == DDB_T_NS || t == DDB_T_BS)
		return 1;
	if (t == DDB_T_M || t == DDB_T_L)
		cJSON_ArrayForEach(c, av->child)
		{
			if (av_has_typed(c))
				return 1;
		}
	return 0;
}

int ddb_item_has_typed(const cJSON *item)
{
	const cJSON *c;

	cJSON_ArrayForEach(c, item)
	{
		if (av_has_typed(c))
			return 1;
	}
	return 0;
}

/* ---- import ---- */

cJSON *ddb_import_line(const char *line, size_t len, enum ddb_xfmt *fmt, struct ddb_error *err)
{
	struct ddb_error e;
	cJSON *j, *item = NULL, *inner;

	ddb_error_clear(&e);
	j = ddb_json_parse(line, len, &e);
	if (!j) {
		/* one line: "line 1, column 7: ..." says no more than "column 7: ..." */
		const char *m = strncmp(e.message, "line 1, ", 8) == 0 ? e.message + 8 : e.message;

		ddb_error_set(err, DDB_ERR_PARSE, "not JSON: %s", m);
		return NULL;
	}
	if (!cJSON_IsObject(j)) {
		ddb_error_set(err, DDB_ERR_PARSE, "expected a JSON object (an item)");
		goto out;
	}
	inner = cJSON_GetObjectItemCaseSensitive(j, "Item");
	if (*fmt == DDB_XFMT_AUTO)
		*fmt = cJSON_IsObject(inner) && !j->child->next ? DDB_XFMT_DDB : DDB_XFMT_JSON;
	switch (*fmt) {
	case DDB_XFMT_DDB:
		if (!cJSON_IsObject(inner)) {
			ddb_error_set(err, DDB_ERR_PARSE,
			              "expected {\"Item\": {...}} (DynamoDB's export line)");
			goto out;
		}
		item = cJSON_DetachItemViaPointer(j, inner);
		break;
	case DDB_XFMT_JSON:
		item = ddb_item_from_plain(j, NULL, err);
		break;
	default:
		ddb_error_set(err, DDB_ERR_USAGE, "%s is not a line format", ddb_xfmt_name(*fmt));
		break;
	}
out:
	cJSON_Delete(j);
	return item;
}

int ddb_import_looks_like_scan(const char *first_line, size_t len)
{
	size_t i = 0;

	while (i < len && isspace((unsigned char)first_line[i]))
		i++;
	if (i == len || first_line[i] != '{')
		return 0;
	for (i++; i < len && isspace((unsigned char)first_line[i]); i++)
		;
	if (i == len)
		return 1;
	return len - i >= 7 && memcmp(first_line + i, "\"Items\"", 7) == 0;
}

/* Checks one key attribute of the item if present (or, required, that it is). */
static int check_key(const cJSON *item, const struct ddb_key_def *k, const char *role, int required,
                     struct ddb_error *err)
{
	const cJSON *av;
	enum ddb_type t;

	if (!k->name)
		return 0;
	av = cJSON_GetObjectItemCaseSensitive(item, k->name);
	if (!av) {
		if (required) {
			ddb_error_set(err, DDB_ERR_PARSE, "the %s %s is missing", role, k->name);
			return -1;
		}
		return 0;
	}
	t = ddb_attr_type(av);
	if (k->type && t != k->type) {
		ddb_error_set(err, DDB_ERR_PARSE, "%s is the %s and must be %s, not %s", k->name,
		              role, ddb_type_name(k->type), ddb_type_name(t));
		return -1;
	}
	if ((t == DDB_T_S || t == DDB_T_B) && !av->child->valuestring[0]) {
		ddb_error_set(err, DDB_ERR_PARSE, "%s is the %s and may not be empty", k->name,
		              role);
		return -1;
	}
	return 0;
}

int ddb_item_check_for_table(const cJSON *item, const struct ddb_table_spec *spec,
                             struct ddb_error *err)
{
	char role[300];
	int i;

	if (!cJSON_IsObject(item)) {
		ddb_error_set(err, DDB_ERR_PARSE, "an item is a JSON object");
		return -1;
	}
	if (ddb_item_validate(item, err) != 0)
		return -1;
	if (check_key(item, &spec->hash, "partition key", 1, err) != 0 ||
	    check_key(item, &spec->range, "sort key", 1, err) != 0)
		return -1;
	for (i = 0; i < spec->nindexes; i++) {
		const struct ddb_index_spec *ix = &spec->indexes[i];

		snprintf(role, sizeof(role), "partition key of index %.200s", ix->name);
		if (check_key(item, &ix->hash, role, 0, err) != 0)
			return -1;
		snprintf(role, sizeof(role), "sort key of index %.200s", ix->name);
		if (check_key(item, &ix->range, role, 0, err) != 0)
			return -1;
	}
	return 0;
}

cJSON *ddb_item_key(const cJSON *item, const struct ddb_table_spec *spec)
{
	cJSON *key = cJSON_CreateObject();
	const cJSON *v;

	if (!key)
		abort();
	if (spec->hash.name && (v = cJSON_GetObjectItemCaseSensitive(item, spec->hash.name)))
		cJSON_AddItemToObject(key, spec->hash.name, cJSON_Duplicate(v, 1));
	if (spec->range.name && (v = cJSON_GetObjectItemCaseSensitive(item, spec->range.name)))
		cJSON_AddItemToObject(key, spec->range.name, cJSON_Duplicate(v, 1));
	return key;
}
