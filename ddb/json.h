/* json.h - JSON parsing that keeps numbers exact. cJSON turns numbers into doubles; DynamoDB
 * numbers have 38 digits, so this parser builds a cJSON tree in which every number is a
 * cJSON_Raw item whose valuestring is the number's text exactly as written. cJSON_Print* writes
 * raw items verbatim, so text -> tree -> text keeps every digit. Also the one JSON skipper (the
 * pager's look for the next page's key in a reply, the scan view's rows kept as text). */
#ifndef DDB_JSON_H
#define DDB_JSON_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "error.h"

/* Parses one JSON value (RFC 8259) from text[0..len). Trailing whitespace is allowed, anything
 * else after the value is an error. On error returns NULL and err gets a message with the line
 * and column (1-based), e.g. "line 3, column 7: expected ',' or '}'". Caller frees with
 * cJSON_Delete. Nesting deeper than 512 levels is an error (no stack overflow on hostile input).
 * Strings must be valid UTF-8 and may not hold raw control characters; \uXXXX escapes decode to
 * UTF-8, surrogate pairs included, an unpaired surrogate is an error. \u0000 is an error too:
 * cJSON strings end at a NUL, so keeping it would silently cut the string. Duplicate object keys:
 * the last value wins, at the first key's position (as in JavaScript's JSON.parse). A leading
 * UTF-8 byte order mark is skipped. Errors are DDB_ERR_PARSE (DDB_ERR_NOMEM if out of memory).
 * The tree keeps cJSON's list conventions, so cJSON's add/detach/replace functions work on it. */
cJSON *ddb_json_parse(const char *text, size_t len, struct ddb_error *err);

/* Skipping without parsing, for finding one member of text that is JSON (a reply, a row the
 * program printed) and leaving the rest unparsed. Neither allocates nor recurses; the text need
 * not be NUL-terminated (a NUL is a byte like any other); nothing outside [s, end) is read.
 *
 * ddb_json_skip_ws: the first byte at or after s that is not JSON white space (space, tab, CR,
 * LF), or end. */
const char *ddb_json_skip_ws(const char *s, const char *end);

/* ddb_json_skip: the first byte after the one JSON value that begins at s, or NULL if no whole
 * value begins there. s must be at the value's first byte (ddb_json_skip_ws first). A string
 * ends at the first '"' after it that an even run of backslashes (none included) precedes; an
 * object or array at the bracket that closes it, brackets inside strings not counted, to any
 * depth and with any white space inside; a number, true, false or null at the first white space,
 * ',', ']' or '}' after it, or at end. NULL: s is end or at white space, ',', ':', ']' or '}'; or
 * the text ends inside a string, object or array (truncated). Nothing else is checked: given text
 * that is not JSON it returns some pointer in (s, end] or NULL, and '[' may close with '}'. */
const char *ddb_json_skip(const char *s, const char *end);

/* Whether s is well-formed UTF-8 (RFC 3629, as the parser requires of strings): text that is not
 * cannot go into a JSON string, since JSON is UTF-8. */
int ddb_json_utf8_valid(const char *s);

/* Whether the JSON text [s, s+len) holds a \u0000 escape in a string (a NUL character), which
 * cJSON cannot keep: its strings end at the first NUL, so the string would be cut short. An
 * escaped backslash followed by "u0000" is not one. One memchr pass over the backslashes. */
int ddb_json_has_nul_escape(const char *s, size_t len);

/* Whether s is a valid JSON number token (as written in text). */
int ddb_json_is_number(const char *s);

/* A number item of the tree: raw (from ddb_json_parse) or a plain cJSON number. Returns its text
 * (borrowed for raw items; for doubles formatted into buf, which must hold 64 bytes), or NULL if
 * item is not a number. */
const char *ddb_json_number_text(const cJSON *item, char buf[64]);

/* Appends item to parent's children in O(1) (cJSON_AddItemToObject walks the list), the key (if
 * any) already in item->string. Keeps cJSON's convention that the first child's prev is the last
 * child at every step, so a tree is valid even when freed half-built. */
void ddb_json_append(cJSON *parent, cJSON *item);

#endif
