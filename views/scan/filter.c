/* filter.c - the scan grid's filter matching (filter.h). */
#include "views/scan/filter.h"

#include <string.h>

#include "views/scan/cell.h"

int scan_filter_quick_ok(const char *f)
{
	for (; *f; f++)
		if ((unsigned char)*f <= ' ' || *f == 0x7f || strchr("\"\\{}[],:", *f))
			return 0;
	return 1;
}

int scan_item_matches(const char *filter, const cJSON *item, struct ddb_buf *b)
{
	const cJSON *a;

	for (a = item->child; a; a = a->next) {
		scan_cell_text(b, a, MODE_PLAIN, 0);
		if (scan_contains_ci(ddb_buf_str(b), filter))
			return 1;
	}
	return 0;
}

int scan_row_matches(const char *filter, int quick, const struct scan_row *row, struct ddb_buf *b)
{
	cJSON *item;
	int m;

	if (quick && !scan_contains_ci(row->json, filter))
		return 0;
	item = scan_row_parse(row);
	m = item && scan_item_matches(filter, item, b);
	cJSON_Delete(item);
	return m;
}
