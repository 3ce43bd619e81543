/* describe.h - a DescribeTable reply's Table object as readable lines (keys, billing, capacity,
 * items, size, stream, creation, ARN, then each GSI and LSI), for `describe-table` and the
 * describe view alike: the caller decides how a line looks. */
#ifndef DDB_DESCRIBE_H
#define DDB_DESCRIBE_H

#include <cjson/cJSON.h>

enum ddb_describe_line {
	DDB_DESC_FIELD,   /* label and value, indented by indent levels */
	DDB_DESC_SECTION, /* an index heading: label "GSI name" */
	DDB_DESC_BLANK,   /* a separator before a section (for roomier layouts) */
};

typedef void ddb_describe_emit(enum ddb_describe_line kind, int indent, const char *label,
                               const char *value, void *ud);

/* Emits the lines of table (the "Table" object) in order. */
void ddb_describe_lines(const cJSON *table, ddb_describe_emit *emit, void *ud);

#endif
