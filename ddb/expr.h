/* expr.h - the placeholders of an expression: every attribute name goes in as a #name and every
 * value as a :value, bound once each, for each expression ddbtui writes (the query builder's
 * key conditions and filters, the conditions and updates of a write). A placeholder is a prefix
 * and a number ("#n0", ":v3"); callers pick a prefix per kind so that placeholders of different
 * origin can share the maps. Numbers go up from 0 per prefix, in the order of binding. */
#ifndef DDB_EXPR_H
#define DDB_EXPR_H

#include <cjson/cJSON.h>

/* The placeholder of name in names (an ExpressionAttributeNames object): the one it has already,
 * whatever its prefix, else a new one, prefix and the number of names with that prefix. Returns
 * it (a string owned by names). */
const char *ddb_expr_name(cJSON *names, const char *prefix, const char *name);
/* A new placeholder for value (taken: an attribute value) in values (an
 * ExpressionAttributeValues object): prefix and the number of values with that prefix. Returns
 * it (owned by values). */
const char *ddb_expr_value(cJSON *values, const char *prefix, cJSON *value);

#endif
