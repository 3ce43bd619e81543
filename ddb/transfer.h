/* transfer.h - export and import formats, one item at a time (so callers stream with constant
 * memory): items -> lines (DynamoDB's export lines, plain JSON lines, CSV), lines -> items, and the
 * checks an item passes before it is written to a table; the loops the export and import
 * subcommands and the TUI's transfer view share (an export's pages to lines, an import's file to
 * chunks of items). No I/O but the import reader's, from a FILE the caller opened.
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
#include <stdio.h>

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
/* The same as text (DynamoDB JSON, malloc'd): for messages, and to tell keys apart. */
char *ddb_item_key_text(const cJSON *item, const struct ddb_table_spec *spec);

/* ---- an export: pages of items -> lines ---- */

/* Told of an item the format cannot express (it is counted in failed and left out). */
typedef void ddb_export_fail_fn(void *ud, const cJSON *item, const struct ddb_error *err);

struct ddb_export {
	enum ddb_xfmt fmt;                 /* DDB, JSON or CSV */
	const struct ddb_table_spec *spec; /* borrowed; set before the first page: CSV's first
	                                    * columns are its keys */
	char **columns; /* CSV: ddb_export_add_column's, or (none given) the keys, then the first
	                 * page's other attributes in name order */
	int ncolumns;
	int header_done;
	long limit;         /* 0: every item */
	long seen;          /* items handled, written or failed */
	long written;       /* lines */
	long failed;        /* items the format could not express */
	long typed;         /* json: items with binary or sets (read back as strings and lists) */
	struct ddb_buf out; /* the last page's lines, for the caller to write */
	ddb_export_fail_fn *fail; /* may be NULL */
	void *fail_ud;
};

void ddb_export_init(struct ddb_export *x, enum ddb_xfmt fmt);
void ddb_export_done(struct ddb_export *x);
/* A CSV column (a name given twice is kept once). */
void ddb_export_add_column(struct ddb_export *x, const char *name);
/* out = the lines of a page's items (after the CSV header, on the first page), up to the limit.
 * 1 when the limit is reached, else 0. */
int ddb_export_page(struct ddb_export *x, const cJSON *items);
/* After the last page: out = the CSV header if no page brought one (an empty table still gets
 * its header), else nothing. */
void ddb_export_end(struct ddb_export *x);

/* ---- an import: a file -> items -> chunks ---- */

/* Items written together: 16 requests of 25. */
#define DDB_IMPORT_CHUNK 400
/* The longest line read: an item is at most 400 KB; its JSON, say, 8 MB. */
#define DDB_IMPORT_LINE_MAX (8L * 1024 * 1024)

/* The items of a file of lines (ddb or json), or of an `aws dynamodb scan` document. */
struct ddb_import_reader {
	FILE *in;          /* borrowed */
	enum ddb_xfmt fmt; /* AUTO: the first line tells (and fmt says what it told); SCAN */
	const char *unit;  /* "line", or "item" of a scan document: what lineno or doc_i counts */
	long lineno;       /* lines read; 0 in a scan document */
	long doc_i;        /* items taken from a scan document */
	int first_seen;
	cJSON *doc_items; /* a scan document's Items, taken one by one */
	struct ddb_buf line;
};

enum ddb_import_step {
	DDB_IMPORT_ITEM,   /* *item is the next item (the caller's), *where its line or item */
	DDB_IMPORT_REJECT, /* line *where is no item: err says why */
	DDB_IMPORT_SKIP,   /* a blank line, or a scan document was read: call again */
	DDB_IMPORT_END,
	DDB_IMPORT_FAIL, /* err: DDB_ERR_IO, a read error (strerror's text), or DDB_ERR_PARSE,
	                  * the file is not a scan document (what is wrong) */
};

void ddb_import_reader_init(struct ddb_import_reader *r, FILE *in, enum ddb_xfmt fmt);
void ddb_import_reader_done(struct ddb_import_reader *r);
/* One step through the file; a line longer than DDB_IMPORT_LINE_MAX is rejected. */
enum ddb_import_step ddb_import_next(struct ddb_import_reader *r, cJSON **item, long *where,
                                     struct ddb_error *err);
/* Where the reader is: the line, or the item of a scan document. */
long ddb_import_position(const struct ddb_import_reader *r);

/* The items written together, with their lines and keys: one BatchWriteItem run may not hold a
 * key twice. */
struct ddb_import_chunk {
	cJSON *items; /* array */
	long where[DDB_IMPORT_CHUNK];
	char *keys[DDB_IMPORT_CHUNK];
	int n;
};

void ddb_import_chunk_init(struct ddb_import_chunk *c);
/* Frees the items (a zeroed chunk too). */
void ddb_import_chunk_done(struct ddb_import_chunk *c);
/* Empties the chunk. */
void ddb_import_chunk_clear(struct ddb_import_chunk *c);
/* Adds a checked item (the chunk's from then on) found at where: 0. 1, the item left to the
 * caller, when its key is in the chunk already. The caller keeps n below DDB_IMPORT_CHUNK. */
int ddb_import_chunk_add(struct ddb_import_chunk *c, cJSON *item, long where,
                         const struct ddb_table_spec *spec);
/* The chunk as BatchWriteItem's requests: [{"PutRequest": {"Item": ...}}, ...] (new). */
cJSON *ddb_import_chunk_writes(const struct ddb_import_chunk *c);
/* Whether an error rejects a request for its items' sake (so each is tried alone, with PutItem,
 * to name the rejected ones) rather than stopping the import. */
int ddb_import_item_level(const struct ddb_error *err);

#endif
