/* filter.h - the scan grid's filter: a case-insensitive substring of any cell's text (as values),
 * with a quick test on a row's JSON text when the filter allows it. No curses: the scan view's
 * model (views/scan/). */
#ifndef VIEWS_SCAN_FILTER_H
#define VIEWS_SCAN_FILTER_H

#include "ddb/buf.h"
#include "ddb/json.h"
#include "views/scan/rows.h"

/* Whether a row whose JSON text lacks the filter can be passed over without parsing it: true
 * when the filter has none of the characters that JSON text writes differently from a cell
 * (quotes, backslashes, brackets, braces, commas, colons) and no space or control character (a
 * cell shows a control character as a space). Then a cell text that holds the filter holds it
 * in a run of characters that the item's JSON text has as they are. */
int scan_filter_quick_ok(const char *filter);
/* Whether a cell of the item holds filter (lowercase); b is scratch. */
int scan_item_matches(const char *filter, const cJSON *item, struct ddb_buf *b);
/* The same for a row; quick: scan_filter_quick_ok(filter). */
int scan_row_matches(const char *filter, int quick, const struct scan_row *row, struct ddb_buf *b);

#endif
