/* tablespec.h - a table's schema as data: name, keys with types, GSIs and LSIs with projections,
 * billing mode and capacity. Built from flags (create-table, the create form) and turned into a
 * CreateTable request, or read back from a DescribeTable reply (the key names and types a query or
 * an import needs). Pure: no I/O.
 *
 * Flag syntax (names in it cannot contain ':'; the struct API takes any name):
 *   key    NAME:TYPE                                   TYPE is S, N or B
 *   GSI    NAME:PK:TYPE[:SK:TYPE][:PROJECTION]
 *   LSI    NAME:SK:TYPE[:PROJECTION]                   (the partition key is the table's)
 *   PROJECTION is ALL (the default), KEYS_ONLY or INCLUDE=a,b,c
 */
#ifndef DDB_TABLESPEC_H
#define DDB_TABLESPEC_H

#include <cjson/cJSON.h>

#include "attr.h"
#include "error.h"

#define DDB_MAX_GSI 20
#define DDB_MAX_LSI 5

enum ddb_projection { DDB_PROJ_ALL, DDB_PROJ_KEYS_ONLY, DDB_PROJ_INCLUDE };

/* A table's DynamoDB Stream: none, or on with what each record carries. */
enum ddb_stream_view {
	DDB_STREAM_OFF,
	DDB_STREAM_NEW_IMAGE,
	DDB_STREAM_OLD_IMAGE,
	DDB_STREAM_NEW_AND_OLD_IMAGES,
	DDB_STREAM_KEYS_ONLY,
};

/* One key attribute. name NULL: absent (no sort key). type: DDB_T_S, DDB_T_N or DDB_T_B. */
struct ddb_key_def {
	char *name;
	enum ddb_type type;
};

struct ddb_index_spec {
	char *name;
	int local;                /* 1: LSI, 0: GSI */
	struct ddb_key_def hash;  /* LSI: NULL name until read from DescribeTable (the table's) */
	struct ddb_key_def range; /* name NULL: none (GSI only; an LSI always has one) */
	enum ddb_projection projection;
	char **include; /* INCLUDE's non-key attributes */
	int ninclude;
	long rcu, wcu; /* GSI capacity read back from DescribeTable; 0 = the table's */
};

struct ddb_table_spec {
	char *name;
	struct ddb_key_def hash, range;
	struct ddb_index_spec *indexes;
	int nindexes;
	int provisioned;             /* 0: PAY_PER_REQUEST (on demand) */
	long rcu, wcu;               /* PROVISIONED capacity of the table and of each GSI */
	enum ddb_stream_view stream; /* DDB_STREAM_OFF: no stream */
};

void ddb_table_spec_init(struct ddb_table_spec *s);
void ddb_table_spec_done(struct ddb_table_spec *s);

/* Whether name is a valid table or index name: 3 to 255 of [A-Za-z0-9_.-]. */
int ddb_table_name_valid(const char *name);

/* "S"/"N"/"B" -> type; DDB_T_INVALID for anything else (lower case is accepted). */
enum ddb_type ddb_key_type_parse(const char *text);

/* Sets the table name (validated; copied). 0 or -1 with err (DDB_ERR_USAGE). */
int ddb_table_spec_set_name(struct ddb_table_spec *s, const char *name, struct ddb_error *err);
/* Parses "NAME:TYPE" into the partition (range = 0) or sort key (range = 1). */
int ddb_table_spec_set_key(struct ddb_table_spec *s, int range, const char *text,
                           struct ddb_error *err);
/* Parses the GSI / LSI flag syntax above and adds the index. */
int ddb_table_spec_add_gsi(struct ddb_table_spec *s, const char *text, struct ddb_error *err);
int ddb_table_spec_add_lsi(struct ddb_table_spec *s, const char *text, struct ddb_error *err);
/* Billing: mode "PAY_PER_REQUEST" or "PROVISIONED" (case-insensitive) or NULL; rcu/wcu texts or
 * NULL. Without a mode, capacity means PROVISIONED and none means PAY_PER_REQUEST; PROVISIONED
 * without capacity takes 5/5; capacity with PAY_PER_REQUEST is an error. */
int ddb_table_spec_set_billing(struct ddb_table_spec *s, const char *mode, const char *rcu,
                               const char *wcu, struct ddb_error *err);

/* "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES", "KEYS_ONLY" or "off" (case-insensitive) ->
 * *view. 0, or -1 with err (DDB_ERR_USAGE) listing the choices. */
int ddb_stream_view_parse(const char *text, enum ddb_stream_view *view, struct ddb_error *err);
/* The StreamViewType of a view ("NEW_IMAGE"), or "off". */
const char *ddb_stream_view_name(enum ddb_stream_view view);
/* A StreamSpecification object (new tree): {"StreamEnabled": true, "StreamViewType": ...}, or
 * {"StreamEnabled": false} for DDB_STREAM_OFF (UpdateTable's way to turn it off). */
cJSON *ddb_stream_spec_json(enum ddb_stream_view view);
/* The view of a DescribeTable reply's Table (or the reply): DDB_STREAM_OFF when its
 * StreamSpecification is absent or not enabled. */
enum ddb_stream_view ddb_stream_view_of(const cJSON *table);

/* The CreateTable request (new tree, caller frees), or NULL with err. Checks: a name and a
 * partition key; index names valid and distinct; at most 20 GSIs and 5 LSIs; LSIs need the table
 * to have a sort key; INCLUDE lists not empty. AttributeDefinitions lists each key attribute of
 * the table and its indexes once; one attribute given two types is an error naming both uses. */
cJSON *ddb_table_spec_to_create(const struct ddb_table_spec *s, struct ddb_error *err);

/* Reads a DescribeTable reply ({"Table": {...}}) or its Table object into s (initialized by the
 * caller; previous contents are freed). 0 or -1 with err (DDB_ERR_PARSE) when it lacks a key
 * schema. */
int ddb_table_spec_from_describe(struct ddb_table_spec *s, const cJSON *reply,
                                 struct ddb_error *err);

/* The index named name, or NULL. Borrowed. */
const struct ddb_index_spec *ddb_table_spec_index(const struct ddb_table_spec *s, const char *name);
/* The partition and sort key of the table (index NULL) or of an index (an LSI's partition key is
 * the table's). *range may get a def with a NULL name (no sort key). Borrowed. 0, or -1 with err
 * (DDB_ERR_USAGE) when the index does not exist: the message lists the indexes. */
int ddb_table_spec_keys(const struct ddb_table_spec *s, const char *index,
                        const struct ddb_key_def **hash, const struct ddb_key_def **range,
                        struct ddb_error *err);
/* The declared type of a key attribute of the table or any index, or DDB_T_INVALID. */
enum ddb_type ddb_table_spec_attr_type(const struct ddb_table_spec *s, const char *name);

#endif
