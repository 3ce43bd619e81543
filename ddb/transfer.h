/* transfer.h - export and import formats, one item at a time (so callers stream with constant
 * memory): items -> lines (DynamoDB's export lines, plain JSON lines, CSV), lines -> items, and the
 * checks an item passes before it is written to a table. Pure: no I/O.
 *
 * Formats:
 *   ddb   one {"Item": {DynamoDB JSON}} a line, as DynamoDB's export to S3 writes (lossless)
 *   json  one plain JSON item a line (docs/plain-json.md): binary reads back as a string and sets
 *         as lists, everything else (numbers with every digit) exactly
 *   csv   a header line, then one row an item (RFC 4180: fields with , " CR or LF quoted, quotes
 *         doubled, CRLF line ends); cells are the plain JSON scalar (strings unquoted, numbers
 *         with every digit, true/false/null, binary as base64) or compact plain JSON for maps,
 *         lists and sets; an absent attribute is an empty cell. Export only.
 *   scan  the document `aws dynamodb scan` writes ({"Items": [...], "Count": ...}). Import only.
 */
#ifndef DDB_TRANSFER_H
#define DDB_TRANSFER_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "buf.h"
#include "error.h"
#include "tablespec.h"

enum ddb_xfmt { DDB_XFMT_AUTO, DDB_XFMT_DDB, DDB_XFMT_JSON, DDB_XFMT_CSV, DDB_XFMT_SCAN };

/* "auto", "ddb", "json", "csv", "scan" -> format. 0 or -1. */
int ddb_xfmt_parse(const char *name, enum ddb_xfmt *fmt);
const char *ddb_xfmt_name(enum ddb_xfmt fmt);

/* Appends one item (DynamoDB JSON) as a ddb or json line, without the newline. -1 with err when
 * plain JSON cannot express it (json). */
int ddb_export_line(struct ddb_buf *out, const cJSON *item, enum ddb_xfmt fmt,
                    struct ddb_error *err);

/* CSV. A field, quoted when it must be. */
void ddb_csv_field(struct ddb_buf *out, const char *text);
/* The header (columns) or one row of item, each ending with CRLF. */
void ddb_csv_header(struct ddb_buf *out, const char *const *columns, int ncolumns);
int ddb_csv_row(struct ddb_buf *out, const cJSON *item, const char *const *columns, int ncolumns,
                struct ddb_error *err);
/* The cell text of one attribute value (malloc'd), or NULL with err. */
char *ddb_csv_cell(const cJSON *av, struct ddb_error *err);

/* Whether the item holds binary or a set anywhere (which the json format does not keep). */
int ddb_item_has_typed(const cJSON *item);

/* One import line -> item (new tree, caller frees). *fmt may be DDB_XFMT_AUTO: the line decides
 * (an object whose only member "Item" is an object is a ddb line, any other object a json line)
 * and *fmt is set to it, so the first line decides for the rest. Blank lines are not items: the
 * caller skips them. NULL with err (DDB_ERR_PARSE, "column 7: ..." for JSON errors). */
cJSON *ddb_import_line(const char *line, size_t len, enum ddb_xfmt *fmt, struct ddb_error *err);

/* Whether the first line of a file starts an `aws dynamodb scan` document rather than a line of
 * items: "{" alone (the CLI's pretty print) or an object whose first member is "Items". */
int ddb_import_looks_like_scan(const char *first_line, size_t len);

/* Checks an item before it is written to the table of spec: a valid item (ddb_item_validate),
 * the table's key attributes present, every key attribute of the table and its indexes that is
 * present of its declared type, and key strings and binaries not empty. 0 or -1 with err. */
int ddb_item_check_for_table(const cJSON *item, const struct ddb_table_spec *spec,
                             struct ddb_error *err);
/* The item's primary key (new object with the table's key attributes). */
cJSON *ddb_item_key(const cJSON *item, const struct ddb_table_spec *spec);

#endif
