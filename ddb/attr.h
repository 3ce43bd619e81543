/* attr.h - DynamoDB attribute values, in DynamoDB's own JSON form ({"S": "x"}, {"N": "1"}, ...)
 * held as cJSON trees, and their conversion to and from plain JSON.
 *
 * Types: S N B SS NS BS M L NULL BOOL. Numbers stay decimal strings (never a double). Binary is
 * base64 text, as on the wire.
 *
 * Plain JSON <-> DynamoDB JSON (documented in docs/plain-json.md, linked from the README):
 *   S <-> string, N <-> number (digits kept exactly), BOOL <-> true/false, NULL <-> null,
 *   M <-> object, L <-> array.
 *   B  -> string (its base64 text); SS -> array of strings; NS -> array of numbers;
 *   BS -> array of base64 strings.
 *   Back from plain, strings/arrays become S/L unless a type hint (the item the plain JSON was
 *   made from) says the attribute at the same path was B, SS, NS or BS; then the hinted type is
 *   kept if the value fits it (set members must be distinct, base64 must be valid). An empty
 *   array where the hint says a set is an error ("empty set": DynamoDB has no empty sets), as is
 *   a set whose members do not fit. So raw -> plain -> raw with the original as hint is lossless.
 *   In detail: a string hinted B that is not valid base64 becomes S; a value of another kind than
 *   the hint's (a string where a set was, an object where a list was) gets its default type; an
 *   array hinted SS/BS needs strings, hinted NS numbers (numeric strings are accepted too), and
 *   is otherwise an error. Hints reach into M by member name and into L by index.
 *
 * Errors are DDB_ERR_PARSE with the path of the offending value first, e.g.
 * `item.a.b[2]: NS member "x" is not a number` (b is an NS, its member at index 2); names that
 * are not [A-Za-z0-9_-]+ appear as ["a.b"]. Running out of memory aborts, as in ddb_buf.
 */
#ifndef DDB_ATTR_H
#define DDB_ATTR_H

#include <cjson/cJSON.h>

/* B values are base64.h's text and N values number.h's: included for the callers that read
 * them (ddb_base64_decode, ddb_number_valid). */
#include "base64.h"
#include "error.h"
#include "number.h"

enum ddb_type {
	DDB_T_INVALID = 0,
	DDB_T_S,
	DDB_T_N,
	DDB_T_B,
	DDB_T_SS,
	DDB_T_NS,
	DDB_T_BS,
	DDB_T_M,
	DDB_T_L,
	DDB_T_NULL,
	DDB_T_BOOL,
};

/* "S", "N", ... for a type; "?" for invalid. */
const char *ddb_type_name(enum ddb_type t);
/* The type of one attribute value ({"S": "x"}); DDB_T_INVALID if it is not well-formed at the
 * top level (exactly one member with a known type name). */
enum ddb_type ddb_attr_type(const cJSON *av);

/* Checks an attribute value deeply: well-formed types, N a valid DynamoDB number (up to 38
 * significant digits, exponent in range), B/BS valid base64, sets non-empty with distinct
 * members, NULL is true. path names where the error is, e.g. "item.a.b[2]". 0 or -1. */
int ddb_attr_validate(const cJSON *av, const char *path, struct ddb_error *err);
/* The same for an item (a JSON object of name -> attribute value). */
int ddb_item_validate(const cJSON *item, struct ddb_error *err);

/* DynamoDB JSON value -> plain JSON value. New tree (caller frees), NULL with err on error.
 * Checks what the plain form needs (shapes, N texts, base64), not set emptiness or distinctness
 * (ddb_attr_validate does). Numbers become raw items with the N text verbatim; an N that
 * DynamoDB accepts but JSON does not (".5", "007") comes out as the same value in JSON form. */
cJSON *ddb_attr_to_plain(const cJSON *av, struct ddb_error *err);
/* Item (object of attribute values) -> plain JSON object. */
cJSON *ddb_item_to_plain(const cJSON *item, struct ddb_error *err);

/* Plain JSON value -> DynamoDB attribute value. hint may be NULL (see above). Numbers may be
 * cJSON_Raw items (from ddb_json_parse) or cJSON numbers. */
cJSON *ddb_attr_from_plain(const cJSON *plain, const cJSON *hint, const char *path,
                           struct ddb_error *err);
/* Plain JSON object -> item. hint: the original item, or NULL. */
cJSON *ddb_item_from_plain(const cJSON *plain, const cJSON *hint, struct ddb_error *err);

/* Builders (the results are new cJSON items; never NULL, abort on out-of-memory). */
cJSON *ddb_attr_s(const char *s);
cJSON *ddb_attr_n(const char *decimal_text);
/* Lookup in an item: the string of an S attribute named name, or NULL. Borrowed. */
const char *ddb_item_get_s(const cJSON *item, const char *name);

#endif
