/* rows.c - the scan grid's rows as compact JSON text (rows.h). */
#include "views/scan/rows.h"

#include <stdlib.h>
#include <string.h>

void *scan_xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		abort();
	return p;
}

cJSON *scan_row_parse(const struct scan_row *row)
{
	struct ddb_error err;

	return ddb_json_parse(row->json, row->len, &err);
}

/* The text is compact, as cJSON_PrintUnformatted wrote it. */
cJSON *scan_row_attr(const struct scan_row *row, const char *name)
{
	const char *p = row->json, *end = row->json + row->len;
	size_t n = strlen(name);

	if (p >= end || *p != '{')
		return NULL;
	for (p++; p < end && *p == '"';) {
		const char *k = p + 1, *v = ddb_json_skip(p, end);

		if (!v || v >= end || *v != ':')
			return NULL;
		if (memchr(k, '\\', (size_t)(v - 1 - k))) {
			/* an escaped name: compare it decoded */
			cJSON *item = scan_row_parse(row), *av;

			av = cJSON_DetachItemFromObjectCaseSensitive(item, name);
			cJSON_Delete(item);
			return av;
		}
		p = ddb_json_skip(v + 1, end);
		if (!p)
			return NULL;
		if ((size_t)(v - 1 - k) == n && memcmp(k, name, n) == 0) {
			struct ddb_error err;

			return ddb_json_parse(v + 1, (size_t)(p - v - 1), &err);
		}
		if (p < end && *p == ',')
			p++;
	}
	return NULL;
}

void scan_row_set(struct scan_row *row, const cJSON *item)
{
	char *s = cJSON_PrintUnformatted(item);
	size_t n;

	if (!s)
		abort();
	n = strlen(s);
	row->json = scan_xrealloc(s, n + 1); /* the printer's buffer may be larger */
	row->len = (unsigned)n;
}

size_t scan_row_bytes(const struct scan_row *row)
{
	return row->json ? (size_t)row->len + 1 : 0;
}
