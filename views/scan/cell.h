/* cell.h - the text of a grid cell: an attribute value as a value (S as is, N its digits, ...)
 * or as DynamoDB JSON, a line break as "↵", a tab as "→", other control characters as spaces; its
 * width, capped; the filter's substring test. No curses: the scan view's model (views/scan/). */
#ifndef VIEWS_SCAN_CELL_H
#define VIEWS_SCAN_CELL_H

#include <stddef.h>

#include "ddb/buf.h"
#include "ddb/json.h"

#define CELL_MAX_W  40  /* widest column on a terminal of up to about 150 columns */
#define CELL_WIDE_W 160 /* widest column measured: on a wider terminal, a third of the grid */
#define CELL_BYTES  768 /* text rendered for a visible cell: more than CELL_WIDE_W columns */

enum cell_mode { MODE_PLAIN, MODE_RAW };

/* Appends text with control characters (C0, DEL, C1) as spaces, stopping before max bytes (0:
 * no limit) at a character boundary. */
void scan_put_clean(struct ddb_buf *out, const char *s, size_t max);
/* The cell text of an attribute value into out (reset first; a string even when empty): S as
 * is, N its digits, BOOL true/false, NULL null, B its base64, M/L/sets compact plain JSON; in raw
 * mode its DynamoDB JSON. At most max bytes (0: no limit). */
void scan_cell_text(struct ddb_buf *out, const cJSON *av, enum cell_mode mode, size_t max);
/* scan_cell_text as the grid shows it: a line break in a string as "↵", a tab as "→" (a mark
 * whole within max bytes, or left out), so that "a\nb" is not taken for "a b". */
void scan_cell_shown(struct ddb_buf *out, const cJSON *av, enum cell_mode mode, size_t max);
/* Display columns of s, at most CELL_WIDE_W. */
int scan_capped_width(const char *s);
/* ASCII case-insensitive substring search; needle is lowercase. */
int scan_contains_ci(const char *hay, const char *needle);

#endif
