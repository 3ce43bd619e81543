/* transfer.c - export lines (ddb, json, csv) and import lines, one item at a time; the export
 * and import loops of the CLI and the TUI. */
#include "transfer.h"

#include <ctype.h>
#include <errno.h>
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

char *ddb_item_key_text(const cJSON *item, const struct ddb_table_spec *spec)
{
	cJSON *key = ddb_item_key(item, spec);
	char *s = cJSON_PrintUnformatted(key);

	cJSON_Delete(key);
	if (!s)
		abort();
	return s;
}

/* ---- an export ---- */

void ddb_export_init(struct ddb_export *x, enum ddb_xfmt fmt)
{
	memset(x, 0, sizeof(*x));
	x->fmt = fmt;
	ddb_buf_init(&x->out);
}

void ddb_export_done(struct ddb_export *x)
{
	int i;

	for (i = 0; i < x->ncolumns; i++)
		free(x->columns[i]);
	free(x->columns);
	x->columns = NULL;
	x->ncolumns = 0;
	ddb_buf_done(&x->out);
}

void ddb_export_add_column(struct ddb_export *x, const char *name)
{
	int i;

	for (i = 0; i < x->ncolumns; i++)
		if (strcmp(x->columns[i], name) == 0)
			return;
	x->columns = ddb_must(realloc(x->columns, sizeof(char *) * (size_t)(x->ncolumns + 1)));
	x->columns[x->ncolumns++] = ddb_strdup(name);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* CSV columns when none were given: the table's keys, then the first page's other attributes in
 * name order. */
static void default_columns(struct ddb_export *x, const cJSON *items)
{
	const cJSON *item, *a;
	int first;

	if (x->spec && x->spec->hash.name)
		ddb_export_add_column(x, x->spec->hash.name);
	if (x->spec && x->spec->range.name)
		ddb_export_add_column(x, x->spec->range.name);
	first = x->ncolumns;
	cJSON_ArrayForEach(item, items)
	{
		cJSON_ArrayForEach(a, item)
		{
			ddb_export_add_column(x, a->string);
		}
	}
	qsort(x->columns + first, (size_t)(x->ncolumns - first), sizeof(char *), cmp_str);
}

static void csv_header(struct ddb_export *x, const cJSON *items)
{
	if (!x->columns)
		default_columns(x, items);
	ddb_csv_header(&x->out, (const char *const *)x->columns, x->ncolumns);
	x->header_done = 1;
}

int ddb_export_page(struct ddb_export *x, const cJSON *items)
{
	const cJSON *item;

	ddb_buf_reset(&x->out);
	if (x->fmt == DDB_XFMT_CSV && !x->header_done)
		csv_header(x, items);
	cJSON_ArrayForEach(item, items)
	{
		struct ddb_error err;
		int rc;

		if (x->limit && x->seen >= x->limit)
			break;
		x->seen++;
		ddb_error_clear(&err);
		if (x->fmt == DDB_XFMT_CSV) {
			rc = ddb_csv_row(&x->out, item, (const char *const *)x->columns,
			                 x->ncolumns, &err);
		} else {
			rc = ddb_export_line(&x->out, item, x->fmt, &err);
			if (rc == 0)
				ddb_buf_putc(&x->out, '\n');
		}
		if (rc != 0) {
			if (x->fail)
				x->fail(x->fail_ud, item, &err);
			x->failed++;
			continue;
		}
		if (x->fmt == DDB_XFMT_JSON && ddb_item_has_typed(item))
			x->typed++;
		x->written++;
	}
	return x->limit && x->seen >= x->limit;
}

void ddb_export_end(struct ddb_export *x)
{
	ddb_buf_reset(&x->out);
	if (x->fmt == DDB_XFMT_CSV && !x->header_done)
		csv_header(x, NULL);
}

/* ---- an import's reader ---- */

void ddb_import_reader_init(struct ddb_import_reader *r, FILE *in, enum ddb_xfmt fmt)
{
	memset(r, 0, sizeof(*r));
	r->in = in;
	r->fmt = fmt;
	r->unit = "line";
	ddb_buf_init(&r->line);
}

void ddb_import_reader_done(struct ddb_import_reader *r)
{
	cJSON_Delete(r->doc_items);
	r->doc_items = NULL;
	ddb_buf_done(&r->line);
}

long ddb_import_position(const struct ddb_import_reader *r)
{
	return r->lineno ? r->lineno : r->doc_i;
}

/* One line into r->line without its end (LF or CRLF). 1: a line, 0: the end, -1: a read error.
 * A line longer than DDB_IMPORT_LINE_MAX is read to its end but not kept: *too_long. */
static int read_line(struct ddb_import_reader *r, int *too_long)
{
	struct ddb_buf *b = &r->line;
	char chunk[65536];
	int got = 0;

	ddb_buf_reset(b);
	*too_long = 0;
	while (fgets(chunk, sizeof(chunk), r->in)) {
		size_t n = strlen(chunk);
		int nl = n && chunk[n - 1] == '\n';

		got = 1;
		if (nl)
			n--;
		if (!*too_long) {
			if (b->len + n > (size_t)DDB_IMPORT_LINE_MAX) {
				*too_long = 1;
				ddb_buf_reset(b);
			} else {
				ddb_buf_append(b, chunk, n);
			}
		}
		if (nl)
			break;
	}
	if (!got)
		return ferror(r->in) ? -1 : 0;
	if (b->len && b->data[b->len - 1] == '\r')
		b->data[--b->len] = '\0';
	return 1;
}

static int blank(const struct ddb_buf *b)
{
	size_t i;

	for (i = 0; i < b->len; i++)
		if (b->data[i] != ' ' && b->data[i] != '\t')
			return 0;
	return 1;
}

/* The rest of an `aws dynamodb scan` document, whose first line is in r->line. 0 or -1. */
static int read_scan_document(struct ddb_import_reader *r, struct ddb_error *err)
{
	struct ddb_buf all = DDB_BUF_INIT;
	struct ddb_error e;
	char chunk[65536];
	size_t n;
	cJSON *doc, *items;

	ddb_buf_append(&all, ddb_buf_str(&r->line), r->line.len);
	ddb_buf_putc(&all, '\n');
	while ((n = fread(chunk, 1, sizeof(chunk), r->in)) > 0)
		ddb_buf_append(&all, chunk, n);
	if (ferror(r->in)) {
		ddb_error_set(err, DDB_ERR_IO, "%s", strerror(errno));
		ddb_buf_done(&all);
		return -1;
	}
	ddb_error_clear(&e);
	doc = ddb_json_parse(all.data, all.len, &e);
	ddb_buf_done(&all);
	if (!doc) {
		ddb_error_set(err, DDB_ERR_PARSE, "%s", e.message);
		return -1;
	}
	items = cJSON_DetachItemFromObjectCaseSensitive(doc, "Items");
	cJSON_Delete(doc);
	if (!cJSON_IsArray(items)) {
		cJSON_Delete(items);
		ddb_error_set(err, DDB_ERR_PARSE, "no \"Items\" array");
		return -1;
	}
	r->doc_items = items;
	r->unit = "item";
	r->lineno = 0;
	return 0;
}

enum ddb_import_step ddb_import_next(struct ddb_import_reader *r, cJSON **item, long *where,
                                     struct ddb_error *err)
{
	int too_long, rc;

	*item = NULL;
	if (r->doc_items) {
		*item = cJSON_DetachItemFromArray(r->doc_items, 0);
		if (!*item)
			return DDB_IMPORT_END;
		*where = ++r->doc_i;
		return DDB_IMPORT_ITEM;
	}
	rc = read_line(r, &too_long);
	if (rc == 0)
		return DDB_IMPORT_END;
	if (rc < 0) {
		ddb_error_set(err, DDB_ERR_IO, "%s", strerror(errno));
		return DDB_IMPORT_FAIL;
	}
	*where = ++r->lineno;
	if (too_long) {
		ddb_error_set(err, DDB_ERR_PARSE, "longer than 8 MiB");
		return DDB_IMPORT_REJECT;
	}
	if (blank(&r->line))
		return DDB_IMPORT_SKIP;
	if (!r->first_seen) {
		r->first_seen = 1;
		if (r->fmt == DDB_XFMT_SCAN ||
		    (r->fmt == DDB_XFMT_AUTO &&
		     ddb_import_looks_like_scan(r->line.data, r->line.len)))
			return read_scan_document(r, err) == 0 ? DDB_IMPORT_SKIP : DDB_IMPORT_FAIL;
	}
	*item = ddb_import_line(r->line.data, r->line.len, &r->fmt, err);
	return *item ? DDB_IMPORT_ITEM : DDB_IMPORT_REJECT;
}

/* ---- an import's chunk ---- */

void ddb_import_chunk_init(struct ddb_import_chunk *c)
{
	memset(c, 0, sizeof(*c));
	c->items = ddb_must(cJSON_CreateArray());
}

void ddb_import_chunk_done(struct ddb_import_chunk *c)
{
	int i;

	for (i = 0; i < c->n; i++)
		free(c->keys[i]);
	cJSON_Delete(c->items);
	memset(c, 0, sizeof(*c));
}

void ddb_import_chunk_clear(struct ddb_import_chunk *c)
{
	ddb_import_chunk_done(c);
	ddb_import_chunk_init(c);
}

int ddb_import_chunk_add(struct ddb_import_chunk *c, cJSON *item, long where,
                         const struct ddb_table_spec *spec)
{
	char *key = ddb_item_key_text(item, spec);
	int i;

	for (i = 0; i < c->n; i++)
		if (strcmp(c->keys[i], key) == 0) {
			free(key);
			return 1;
		}
	cJSON_AddItemToArray(c->items, item);
	c->where[c->n] = where;
	c->keys[c->n] = key;
	c->n++;
	return 0;
}

cJSON *ddb_import_chunk_writes(const struct ddb_import_chunk *c)
{
	cJSON *writes = ddb_must(cJSON_CreateArray());
	const cJSON *item;

	cJSON_ArrayForEach(item, c->items)
	{
		cJSON *w = ddb_must(cJSON_CreateObject());

		cJSON_AddItemToObject(cJSON_AddObjectToObject(w, "PutRequest"), "Item",
		                      cJSON_Duplicate(item, 1));
		cJSON_AddItemToArray(writes, w);
	}
	return writes;
}

int ddb_import_item_level(const struct ddb_error *err)
{
	return err->kind == DDB_ERR_SERVICE &&
	       (strcmp(err->type, "ValidationException") == 0 ||
	        strcmp(err->type, "ItemCollectionSizeLimitExceededException") == 0);
}
