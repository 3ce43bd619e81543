/* rows.h - the scan grid's rows. A row is kept as the item's compact DynamoDB JSON text (about
 * the size it had in the reply) and parsed again when it is needed: for the visible rows of a
 * frame, the selected row, a sort value, a filter check. A cJSON tree per row cost about six
 * times the text. No curses: the scan view's model (views/scan/). */
#ifndef VIEWS_SCAN_ROWS_H
#define VIEWS_SCAN_ROWS_H

#include <stddef.h>

#include "ddb/json.h"

struct scan_row {
	char *json;           /* cJSON_PrintUnformatted of the item, owned */
	unsigned len;         /* strlen(json) */
	signed char match;    /* passes the filter: 1, 0, or -1 not checked yet */
	unsigned char marked; /* Space, V, * */
	unsigned char doomed; /* in a batch delete on its way, or about to be removed */
};

/* realloc that aborts when out of memory (n 0 allocates 1 byte). */
void *scan_xrealloc(void *p, size_t n);

/* Takes an item: its row's text becomes its compact text (the old text is not freed). */
void scan_row_set(struct scan_row *row, const cJSON *item);
/* The row's item, parsed (caller frees), or NULL if the text does not parse (it always does:
 * scan_row_set printed it). */
cJSON *scan_row_parse(const struct scan_row *row);
/* The value of the row's top-level attribute name, parsed (caller frees), or NULL if the row
 * has none. Walks the text with ddb_json_skip, without building the rest of the tree. */
cJSON *scan_row_attr(const struct scan_row *row, const char *name);
/* Heap bytes the row holds: its text. */
size_t scan_row_bytes(const struct scan_row *row);

#endif
