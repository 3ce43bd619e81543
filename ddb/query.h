/* query.h - the query builder: a described query (table or index, partition key value, sort key
 * condition, filters on any path, projection, order, consistency, count) -> a Query request, or a
 * Scan when no partition key value is given. Every name the user gives goes into
 * ExpressionAttributeNames as #n0, #n1, ... and every value into ExpressionAttributeValues as
 * :v0, :v1, ...: user text is never spliced into an expression, so `a = :x OR b` is just an odd
 * attribute name. Pure: no I/O; the caller supplies the key names and types (ddb/tablespec.h, from
 * DescribeTable).
 *
 * Text must be UTF-8 (the request is JSON): a value or path that is not is a usage error.
 *
 * Paths: names separated by '.', list indexes in brackets: a.b[2].c -> #n0.#n1[2].#n2. A name
 * holding '.', '[', ']' or '"' is written in double quotes ("first.name", with \" and \\ inside).
 * Unquoted names may hold anything else, spaces, '#' and ':' included.
 *
 * Values (ddb_query_value): "TYPE:text" with TYPE S, N, B, SS, NS or BS gives that type (a JSON
 * string after S:/N:/B: stands for its content; sets take a JSON array); else, when the attribute's
 * type is known (a key), the text is read as that type (42 for an N key is the number, for an S key
 * the string "42"; a JSON string stands for its content); else plain JSON (docs/plain-json.md):
 * 42 a number, "42" a string, true, null, [..], {..}; text that is not JSON is a string.
 *
 * Condition text (the command line and the query form): the sort key's is "OP [VALUE [VALUE]]",
 * a filter's "PATH OP [VALUE [VALUE]]" or "size(PATH) OP VALUE [VALUE]". PATH ends at the first
 * blank outside quotes. OP is one of = <> (or !=) < <= > >= between begins_with contains
 * attribute_exists attribute_not_exists attribute_type (case-insensitive). One value takes the
 * rest of the text; between takes two ("between 1 5" or "between 1 and 5"), the first of which
 * ends at a blank unless quoted ("a b") or bracketed ([1, 2]).
 */
#ifndef DDB_QUERY_H
#define DDB_QUERY_H

#include <cjson/cJSON.h>

#include "attr.h"
#include "buf.h"
#include "error.h"
#include "tablespec.h"

enum ddb_qop {
	DDB_QOP_EQ,
	DDB_QOP_NE,
	DDB_QOP_LT,
	DDB_QOP_LE,
	DDB_QOP_GT,
	DDB_QOP_GE,
	DDB_QOP_BETWEEN,
	DDB_QOP_BEGINS_WITH,
	DDB_QOP_CONTAINS,
	DDB_QOP_EXISTS,     /* attribute_exists(path) */
	DDB_QOP_NOT_EXISTS, /* attribute_not_exists(path) */
	DDB_QOP_TYPE,       /* attribute_type(path, :t), the value an S naming a type */
	DDB_QOP_COUNT_
};

/* The operator as written in the condition syntax ("=", "<>", "between", "attribute_exists"). */
const char *ddb_qop_name(enum ddb_qop op);
/* Parses an operator word (case-insensitive; "!=" is "<>"). 0 or -1. */
int ddb_qop_parse(const char *word, enum ddb_qop *op);
/* How many values the operator takes: 0, 1 or 2. */
int ddb_qop_arity(enum ddb_qop op);

/* One condition: path OP values, or size(path) OP values. Owns path and values. */
struct ddb_qcond {
	char *path;
	int size; /* compare size(path) (only = <> < <= > >= between, with numbers) */
	enum ddb_qop op;
	cJSON *v[2]; /* attribute values ({"S": "x"}); NULL beyond the arity */
};

struct ddb_query {
	char *table;
	char *index;               /* NULL: the table itself */
	int index_global;          /* set by ddb_query_set_target: a GSI (no consistent reads) */
	struct ddb_key_def pk, sk; /* key names and types of the table or index (copies) */
	cJSON *pk_value;           /* attribute value, or NULL: scan */
	struct ddb_qcond *sk_cond; /* NULL: no sort key condition (its path is unused) */
	struct ddb_qcond *filters;
	int nfilters;
	char **projection; /* paths */
	int nprojection;
	int descending;
	int consistent;
	int count_only;
	long limit; /* 0: no limit (Limit is also put in the request) */
};

void ddb_query_init(struct ddb_query *q);
void ddb_query_done(struct ddb_query *q);

/* Sets table and index (NULL: the table) and copies their key names and types from spec.
 * -1 with err (DDB_ERR_USAGE) if the index does not exist or a key name is empty. */
int ddb_query_set_target(struct ddb_query *q, const struct ddb_table_spec *spec, const char *table,
                         const char *index, struct ddb_error *err);
/* Sets the partition key value from text (typed by the key's type); NULL or "" clears it. */
int ddb_query_set_pk_text(struct ddb_query *q, const char *text, struct ddb_error *err);
/* Sets the sort key condition from "OP VALUE [VALUE]" (typed by the key's type); NULL or ""
 * clears it. -1 if the key has no sort key or the condition is malformed. */
int ddb_query_set_sk_text(struct ddb_query *q, const char *text, struct ddb_error *err);
/* Adds a filter from "PATH OP [VALUE [VALUE]]" / "size(PATH) OP ..."; a value compared with a
 * top-level key attribute of spec (may be NULL) is typed as that key. */
int ddb_query_add_filter_text(struct ddb_query *q, const char *text,
                              const struct ddb_table_spec *spec, struct ddb_error *err);
/* Adds a filter from its parts; v0 and v1 (attribute values, taken, may be NULL) are checked
 * against the operator's arity. */
int ddb_query_add_filter(struct ddb_query *q, const char *path, int size, enum ddb_qop op,
                         cJSON *v0, cJSON *v1, struct ddb_error *err);
/* Sets the projection from "a, b.c, "x,y"" (comma-separated paths; "" clears it). */
int ddb_query_set_projection_text(struct ddb_query *q, const char *text, struct ddb_error *err);

/* A value from text (see the top of this file). want: the attribute's type if known (S, N or B),
 * else DDB_T_INVALID. what names it in errors ("partition key pk"). New attribute value, or NULL
 * with err (DDB_ERR_USAGE). */
cJSON *ddb_query_value(const char *text, enum ddb_type want, const char *what,
                       struct ddb_error *err);

/* A path's compiled form: every name a placeholder, e.g. for a.b[2]: #n0.#n1[2] with names
 * ["a", "b"]. Used by the builder; exposed for the item editor and tests. names gets the
 * placeholders (object "#nK" -> name; names already in it are reused, new ones numbered from its
 * size). out gets the expression text, readable (may be NULL) the path for display. */
int ddb_query_path(const char *path, cJSON *names, struct ddb_buf *out, struct ddb_buf *readable,
                   struct ddb_error *err);

/* What the builder produced. request: the body of op, with ExpressionAttributeNames and
 * ExpressionAttributeValues. Texts are NULL when absent. */
struct ddb_query_built {
	const char *op;    /* "Query" or "Scan" */
	int scan_fallback; /* no partition key value: a Scan (any sort key condition became a
	                    * filter) */
	cJSON *request;    /* owned; take it by setting it to NULL */
	char *key_expr;    /* KeyConditionExpression as sent */
	char *filter_expr; /* FilterExpression as sent */
	char *projection_expr;
	char *key_readable; /* the same with names and values written in: pk = "x" */
	char *filter_readable;
	char *projection_readable;
};

/* Builds the request. Checks the operators' arity and value types (between two, exists none;
 * size and sort-key comparisons numbers or the key's type; begins_with a string or binary;
 * attribute_type a type name), consistent reads (not on a GSI), --count with a projection,
 * descending order without a partition key. 0, or -1 with err (DDB_ERR_USAGE). */
int ddb_query_build(const struct ddb_query *q, struct ddb_query_built *out, struct ddb_error *err);
void ddb_query_built_done(struct ddb_query_built *b);
/* Several lines for display: the operation and target, each expression as sent and as it reads,
 * the names and values. Caller frees. */
char *ddb_query_built_describe(const struct ddb_query_built *b);

#endif
