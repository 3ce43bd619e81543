/* attr.c - DynamoDB attribute values: checks, and conversion to and from plain JSON. Like
 * ddb_buf, running out of memory aborts: every caller would only turn it into a crash anyway. */
#include "attr.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base64.h"
#include "buf.h"
#include "json.h"
#include "number.h"

static const char *const type_names[] = {
    [DDB_T_INVALID] = "?", [DDB_T_S] = "S",       [DDB_T_N] = "N",       [DDB_T_B] = "B",
    [DDB_T_SS] = "SS",     [DDB_T_NS] = "NS",     [DDB_T_BS] = "BS",     [DDB_T_M] = "M",
    [DDB_T_L] = "L",       [DDB_T_NULL] = "NULL", [DDB_T_BOOL] = "BOOL",
};

#define N_TYPES ((int)(sizeof(type_names) / sizeof(type_names[0])))

/* A set member reduced to what makes it distinct, for the duplicate check: its bytes (SS, BS)
 * or its number (NS). */
struct set_key {
	const char *p;
	size_t len;
	const struct ddb_number *num;
	size_t idx;
	unsigned char *owned;
};

const char *ddb_type_name(enum ddb_type t)
{
	if ((int)t > 0 && (int)t < N_TYPES)
		return type_names[t];
	return "?";
}

static enum ddb_type type_from_name(const char *name)
{
	int t;

	if (!name)
		return DDB_T_INVALID;
	for (t = 1; t < N_TYPES; t++)
		if (strcmp(name, type_names[t]) == 0)
			return (enum ddb_type)t;
	return DDB_T_INVALID;
}

/* Whether v has the JSON kind an attribute of type t holds. */
static int kind_fits(enum ddb_type t, const cJSON *v)
{
	switch (t) {
	case DDB_T_S:
	case DDB_T_N:
	case DDB_T_B:
		return cJSON_IsString(v);
	case DDB_T_SS:
	case DDB_T_NS:
	case DDB_T_BS:
	case DDB_T_L:
		return cJSON_IsArray(v);
	case DDB_T_M:
		return cJSON_IsObject(v);
	case DDB_T_NULL:
	case DDB_T_BOOL:
		return cJSON_IsBool(v);
	default:
		return 0;
	}
}

enum ddb_type ddb_attr_type(const cJSON *av)
{
	enum ddb_type t;

	if (!cJSON_IsObject(av) || !av->child || av->child->next)
		return DDB_T_INVALID;
	t = type_from_name(av->child->string);
	return kind_fits(t, av->child) ? t : DDB_T_INVALID;
}

/* Numbers ------------------------------------------------------------------------------------ */

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* n as a JSON number, for N texts that are DynamoDB numbers but not JSON ones (".5", "007").
 * Plain positional notation for everyday magnitudes, scientific otherwise. out: 128 bytes. */
static void number_json(const struct ddb_number *n, char *out)
{
	char *o = out;
	int i, nd = (int)n->ndigits; /* a valid number: 38 at most */

	if (!n->sign) {
		strcpy(out, "0");
		return;
	}
	if (n->sign < 0)
		*o++ = '-';
	if (n->exp >= 0 && n->exp < 40) {
		for (i = 0; i <= n->exp; i++)
			*o++ = i < nd ? n->digits[i] : '0';
		if (nd > n->exp + 1) {
			*o++ = '.';
			for (i = (int)n->exp + 1; i < nd; i++)
				*o++ = n->digits[i];
		}
		*o = '\0';
	} else if (n->exp < 0 && n->exp >= -7) {
		*o++ = '0';
		*o++ = '.';
		for (i = 0; i < -n->exp - 1; i++)
			*o++ = '0';
		memcpy(o, n->digits, (size_t)nd + 1);
	} else {
		*o++ = n->digits[0];
		if (nd > 1) {
			*o++ = '.';
			for (i = 1; i < nd; i++)
				*o++ = n->digits[i];
		}
		sprintf(o, "E%lld", n->exp);
	}
}

/* Paths and messages ------------------------------------------------------------------------- */

static int is_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) || c == '_' ||
	       c == '-';
}

/* Appends ".name", or ["name"] when the name has characters that would make the path
 * ambiguous. Returns the old length for path_pop. */
static size_t path_key(struct ddb_buf *path, const char *name)
{
	size_t old = path->len;
	const char *s;
	int plain = name[0] != '\0';

	for (s = name; *s && plain; s++)
		plain = is_name_char(*s);
	if (plain) {
		ddb_buf_putc(path, '.');
		ddb_buf_puts(path, name);
		return old;
	}
	ddb_buf_puts(path, "[\"");
	for (s = name; *s; s++) {
		if (*s == '"' || *s == '\\')
			ddb_buf_putc(path, '\\');
		if ((unsigned char)*s < 0x20)
			ddb_buf_printf(path, "\\u%04x", (unsigned char)*s);
		else
			ddb_buf_putc(path, *s);
	}
	ddb_buf_puts(path, "\"]");
	return old;
}

static size_t path_index(struct ddb_buf *path, size_t i)
{
	size_t old = path->len;

	ddb_buf_printf(path, "[%zu]", i);
	return old;
}

static void path_pop(struct ddb_buf *path, size_t len)
{
	path->len = len;
	if (path->data)
		path->data[len] = '\0';
}

static void path_start(struct ddb_buf *path, const char *root)
{
	ddb_buf_init(path);
	ddb_buf_puts(path, root && *root ? root : "value");
}

static int path_fail(struct ddb_error *err, const struct ddb_buf *path, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int path_fail(struct ddb_error *err, const struct ddb_buf *path, const char *fmt, ...)
{
	char msg[640];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	ddb_error_set(err, DDB_ERR_PARSE, "%s: %s", ddb_buf_str(path), msg);
	return -1;
}

/* s in double quotes for a message, cut at a character boundary if long. out: 96 bytes. */
static const char *quote(const char *s, char *out)
{
	char *o = out;
	size_t n = 0;

	*o++ = '"';
	for (; *s && n < 80; s++, n++) {
		if (n >= 72 && ((unsigned char)*s & 0xc0) != 0x80)
			break;
		if (*s == '"' || *s == '\\') {
			*o++ = '\\';
			n++;
		}
		*o++ = (unsigned char)*s < 0x20 ? '?' : *s;
	}
	if (*s) {
		memcpy(o, "...", 3);
		o += 3;
	}
	*o++ = '"';
	*o = '\0';
	return out;
}

static const char *kind_name(const cJSON *v)
{
	switch (v ? v->type & 0xff : cJSON_Invalid) {
	case cJSON_NULL:
		return "null";
	case cJSON_False:
	case cJSON_True:
		return "a boolean";
	case cJSON_Number:
		return "a number";
	case cJSON_Raw:
		return ddb_json_is_number(v->valuestring) ? "a number" : "raw JSON";
	case cJSON_String:
		return "a string";
	case cJSON_Array:
		return "an array";
	case cJSON_Object:
		return "an object";
	default:
		return "nothing";
	}
}

static const char *kind_wanted(enum ddb_type t)
{
	switch (t) {
	case DDB_T_S:
	case DDB_T_N:
	case DDB_T_B:
		return "a string";
	case DDB_T_M:
		return "an object";
	case DDB_T_NULL:
		return "true";
	case DDB_T_BOOL:
		return "true or false";
	default:
		return "an array";
	}
}

/* Says what is wrong with av, which ddb_attr_type found malformed. Returns -1. */
static int bad_shape(const cJSON *av, const struct ddb_buf *path, struct ddb_error *err)
{
	enum ddb_type t;
	const cJSON *c;
	int n = 0;
	char q[96];

	if (!cJSON_IsObject(av))
		return path_fail(err, path,
		                 "expected an attribute value like {\"S\": \"text\"}, got %s",
		                 kind_name(av));
	for (c = av->child; c; c = c->next)
		n++;
	if (n != 1)
		return path_fail(err, path,
		                 "an attribute value has exactly one type key, this one has %d", n);
	t = type_from_name(av->child->string);
	if (!t)
		return path_fail(err, path, "unknown type %s",
		                 quote(av->child->string ? av->child->string : "", q));
	return path_fail(err, path, "%s value must be %s, got %s", type_names[t], kind_wanted(t),
	                 kind_name(av->child));
}

/* Sets --------------------------------------------------------------------------------------- */

/* Members with the same key are next to each other after sorting, in set order. */
static int key_cmp(const void *a, const void *b)
{
	const struct set_key *x = a, *y = b;
	int c;

	if (x->num)
		c = ddb_number_cmp(x->num, y->num);
	else if (x->len != y->len)
		c = x->len < y->len ? -1 : 1;
	else
		c = memcmp(x->p, y->p, x->len);
	if (c)
		return c;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

static int key_same(const struct set_key *x, const struct set_key *y)
{
	if (x->num)
		return ddb_number_cmp(x->num, y->num) == 0;
	return x->len == y->len && memcmp(x->p, y->p, x->len) == 0;
}

static const cJSON *nth(const cJSON *arr, size_t i)
{
	const cJSON *c = arr->child;

	while (c && i--)
		c = c->next;
	return c;
}

/* Checks the members of a set value (the array of an SS, NS or BS): at least one, each a string
 * of the right form, no two equal. Numbers are equal by value ("1" and "1.0"), binaries by their
 * bytes. Sorting keeps this O(n log n) for sets of thousands. 0 or -1. */
static int check_set(const cJSON *arr, enum ddb_type t, struct ddb_buf *path, struct ddb_error *err)
{
	const char *name = type_names[t], *why;
	struct set_key *keys;
	struct ddb_number *nums = NULL; /* NS members; apart from keys, which qsort moves */
	const cJSON *c;
	size_t n = 0, i, dup, mark, blen;
	int rc = -1;
	char q[96];

	for (c = arr->child; c; c = c->next)
		n++;
	if (!n)
		return path_fail(err, path, "empty %s (DynamoDB has no empty sets)", name);
	keys = ddb_must(calloc(n, sizeof(*keys)));
	if (t == DDB_T_NS)
		nums = ddb_must(calloc(n, sizeof(*nums)));
	for (c = arr->child, i = 0; c; c = c->next, i++) {
		struct set_key *k = &keys[i];

		mark = path_index(path, i);
		k->idx = i;
		if (!cJSON_IsString(c)) {
			path_fail(err, path, "%s member must be a string, got %s", name,
			          kind_name(c));
			goto out;
		}
		if (t == DDB_T_SS) {
			k->p = c->valuestring;
			k->len = strlen(c->valuestring);
		} else if (t == DDB_T_NS) {
			why = ddb_number_parse(c->valuestring, &nums[i]);
			if (why) {
				path_fail(err, path, "NS member %s %s", quote(c->valuestring, q),
				          why);
				goto out;
			}
			k->num = &nums[i];
		} else {
			k->owned = ddb_base64_decode(c->valuestring, &blen);
			if (!k->owned) {
				path_fail(err, path, "BS member %s is not valid base64",
				          quote(c->valuestring, q));
				goto out;
			}
			k->p = (const char *)k->owned;
			k->len = blen;
		}
		path_pop(path, mark);
	}
	qsort(keys, n, sizeof(*keys), key_cmp);
	/* Report the earliest member that repeats one before it. */
	dup = n;
	for (i = 1; i < n; i++)
		if (key_same(&keys[i], &keys[i - 1]) && keys[i].idx < dup)
			dup = keys[i].idx;
	if (dup < n) {
		path_index(path, dup);
		path_fail(err, path, "duplicate %s member %s", name,
		          quote(nth(arr, dup)->valuestring, q));
		goto out;
	}
	rc = 0;
out:
	for (i = 0; i < n; i++)
		free(keys[i].owned);
	free(keys);
	free(nums);
	return rc;
}

/* Validation --------------------------------------------------------------------------------- */

static int check_av(const cJSON *av, struct ddb_buf *path, struct ddb_error *err)
{
	enum ddb_type t = ddb_attr_type(av);
	const cJSON *v, *c;
	const char *why;
	struct ddb_number num;
	size_t i, mark;
	char q[96];

	if (!t)
		return bad_shape(av, path, err);
	v = av->child;
	switch (t) {
	case DDB_T_N:
		why = ddb_number_parse(v->valuestring, &num);
		if (why)
			return path_fail(err, path, "N %s %s", quote(v->valuestring, q), why);
		return 0;
	case DDB_T_B:
		if (!ddb_base64_valid(v->valuestring))
			return path_fail(err, path, "B %s is not valid base64",
			                 quote(v->valuestring, q));
		return 0;
	case DDB_T_NULL:
		if (!cJSON_IsTrue(v))
			return path_fail(err, path, "NULL value must be true");
		return 0;
	case DDB_T_SS:
	case DDB_T_NS:
	case DDB_T_BS:
		return check_set(v, t, path, err);
	case DDB_T_M:
		for (c = v->child; c; c = c->next) {
			mark = path_key(path, c->string ? c->string : "");
			if (check_av(c, path, err) < 0)
				return -1;
			path_pop(path, mark);
		}
		return 0;
	case DDB_T_L:
		for (c = v->child, i = 0; c; c = c->next, i++) {
			mark = path_index(path, i);
			if (check_av(c, path, err) < 0)
				return -1;
			path_pop(path, mark);
		}
		return 0;
	default: /* S, BOOL: the kind check was all */
		return 0;
	}
}

int ddb_attr_validate(const cJSON *av, const char *path, struct ddb_error *err)
{
	struct ddb_buf p;
	int rc;

	path_start(&p, path);
	rc = check_av(av, &p, err);
	ddb_buf_done(&p);
	return rc;
}

int ddb_item_validate(const cJSON *item, struct ddb_error *err)
{
	struct ddb_buf path;
	const cJSON *c;
	size_t mark;
	int rc = 0;

	path_start(&path, "item");
	if (!cJSON_IsObject(item)) {
		rc = path_fail(err, &path, "expected an object of attributes, got %s",
		               kind_name(item));
		goto out;
	}
	for (c = item->child; c && rc == 0; c = c->next) {
		if (!c->string || !*c->string) {
			rc = path_fail(err, &path, "empty attribute name");
			break;
		}
		mark = path_key(&path, c->string);
		rc = check_av(c, &path, err);
		path_pop(&path, mark);
	}
out:
	ddb_buf_done(&path);
	return rc;
}

/* Tree building ------------------------------------------------------------------------------ */

/* Appends item to parent in O(1) (ddb_json_append). key: the member name for objects, or
 * NULL. */
static void append(cJSON *parent, cJSON *item, const char *key)
{
	if (key) {
		size_t n = strlen(key) + 1;

		item->string = ddb_must(cJSON_malloc(n));
		memcpy(item->string, key, n);
	}
	ddb_json_append(parent, item);
}

/* {"<type>": value} */
static cJSON *wrap(enum ddb_type t, cJSON *value)
{
	cJSON *av = ddb_must(cJSON_CreateObject());

	append(av, ddb_must(value), type_names[t]);
	return av;
}

cJSON *ddb_attr_s(const char *s)
{
	return wrap(DDB_T_S, cJSON_CreateString(s ? s : ""));
}

cJSON *ddb_attr_n(const char *decimal_text)
{
	return wrap(DDB_T_N, cJSON_CreateString(decimal_text ? decimal_text : "0"));
}

const char *ddb_item_get_s(const cJSON *item, const char *name)
{
	const cJSON *av;

	if (!cJSON_IsObject(item) || !name)
		return NULL;
	av = cJSON_GetObjectItemCaseSensitive(item, name);
	return ddb_attr_type(av) == DDB_T_S ? av->child->valuestring : NULL;
}

/* To plain ----------------------------------------------------------------------------------- */

/* The plain number for the N text s: s itself when it is already JSON, else the same value
 * written as JSON. NULL with err if s is not a DynamoDB number. */
static cJSON *plain_number(const char *s, const char *what, struct ddb_buf *path,
                           struct ddb_error *err)
{
	struct ddb_number num;
	const char *why = ddb_number_parse(s, &num);
	char q[96], text[128];

	if (why) {
		path_fail(err, path, "%s %s %s", what, quote(s, q), why);
		return NULL;
	}
	if (ddb_json_is_number(s))
		return ddb_must(cJSON_CreateRaw(s));
	number_json(&num, text);
	return ddb_must(cJSON_CreateRaw(text));
}

static cJSON *to_plain(const cJSON *av, struct ddb_buf *path, struct ddb_error *err)
{
	enum ddb_type t = ddb_attr_type(av);
	const cJSON *v, *c;
	cJSON *out, *x;
	size_t i, mark;
	char q[96];

	if (!t) {
		bad_shape(av, path, err);
		return NULL;
	}
	v = av->child;
	switch (t) {
	case DDB_T_S:
		return ddb_must(cJSON_CreateString(v->valuestring));
	case DDB_T_N:
		return plain_number(v->valuestring, "N", path, err);
	case DDB_T_B:
		if (!ddb_base64_valid(v->valuestring)) {
			path_fail(err, path, "B %s is not valid base64", quote(v->valuestring, q));
			return NULL;
		}
		return ddb_must(cJSON_CreateString(v->valuestring));
	case DDB_T_NULL:
		if (!cJSON_IsTrue(v)) {
			path_fail(err, path, "NULL value must be true");
			return NULL;
		}
		return ddb_must(cJSON_CreateNull());
	case DDB_T_BOOL:
		return ddb_must(cJSON_CreateBool(cJSON_IsTrue(v)));
	case DDB_T_SS:
	case DDB_T_NS:
	case DDB_T_BS:
		/* Only what the plain form needs is checked: empty or repeating sets still show. */
		out = ddb_must(cJSON_CreateArray());
		for (c = v->child, i = 0; c; c = c->next, i++) {
			mark = path_index(path, i);
			if (!cJSON_IsString(c)) {
				path_fail(err, path, "%s member must be a string, got %s",
				          type_names[t], kind_name(c));
				goto bad;
			}
			if (t == DDB_T_NS) {
				x = plain_number(c->valuestring, "NS member", path, err);
				if (!x)
					goto bad;
			} else if (t == DDB_T_BS && !ddb_base64_valid(c->valuestring)) {
				path_fail(err, path, "BS member %s is not valid base64",
				          quote(c->valuestring, q));
				goto bad;
			} else {
				x = ddb_must(cJSON_CreateString(c->valuestring));
			}
			append(out, x, NULL);
			path_pop(path, mark);
		}
		return out;
	case DDB_T_M:
		out = ddb_must(cJSON_CreateObject());
		for (c = v->child; c; c = c->next) {
			mark = path_key(path, c->string ? c->string : "");
			x = to_plain(c, path, err);
			if (!x)
				goto bad;
			append(out, x, c->string ? c->string : "");
			path_pop(path, mark);
		}
		return out;
	case DDB_T_L:
		out = ddb_must(cJSON_CreateArray());
		for (c = v->child, i = 0; c; c = c->next, i++) {
			mark = path_index(path, i);
			x = to_plain(c, path, err);
			if (!x)
				goto bad;
			append(out, x, NULL);
			path_pop(path, mark);
		}
		return out;
	default:
		bad_shape(av, path, err);
		return NULL;
	}
bad:
	cJSON_Delete(out);
	return NULL;
}

cJSON *ddb_attr_to_plain(const cJSON *av, struct ddb_error *err)
{
	struct ddb_buf path;
	cJSON *out;

	path_start(&path, "value");
	out = to_plain(av, &path, err);
	ddb_buf_done(&path);
	return out;
}

cJSON *ddb_item_to_plain(const cJSON *item, struct ddb_error *err)
{
	struct ddb_buf path;
	const cJSON *c;
	cJSON *out = NULL, *x;
	size_t mark;

	path_start(&path, "item");
	if (!cJSON_IsObject(item)) {
		path_fail(err, &path, "expected an object of attributes, got %s", kind_name(item));
		goto out;
	}
	out = ddb_must(cJSON_CreateObject());
	for (c = item->child; c; c = c->next) {
		mark = path_key(&path, c->string ? c->string : "");
		x = to_plain(c, &path, err);
		if (!x) {
			cJSON_Delete(out);
			out = NULL;
			break;
		}
		append(out, x, c->string ? c->string : "");
		path_pop(&path, mark);
	}
out:
	ddb_buf_done(&path);
	return out;
}

/* From plain --------------------------------------------------------------------------------- */

/* The member of hint object obj named name. Tries the one after the last match first: plain
 * JSON made from an item keeps its order, so lookups are O(1) and not O(members). */
static const cJSON *hint_member(const cJSON *obj, const char *name, const cJSON **cursor)
{
	const cJSON *c = *cursor;

	if (!obj || !name)
		return NULL;
	if (!c || !c->string || strcmp(c->string, name) != 0)
		for (c = obj->child; c && (!c->string || strcmp(c->string, name) != 0); c = c->next)
			;
	if (c)
		*cursor = c->next;
	return c;
}

static cJSON *from_plain(const cJSON *pl, const cJSON *hint, struct ddb_buf *path,
                         struct ddb_error *err);

/* A plain array whose hint is a set: the set, or an error (an array where a set was is the set,
 * edited; turning it into a list silently would change the attribute's type). */
static cJSON *set_from_plain(const cJSON *pl, enum ddb_type t, struct ddb_buf *path,
                             struct ddb_error *err)
{
	cJSON *arr = ddb_must(cJSON_CreateArray());
	const cJSON *c;
	const char *text;
	size_t i, mark;
	char buf[64];

	if (!pl->child) {
		path_fail(err, path, "empty %s (DynamoDB has no empty sets)", type_names[t]);
		goto bad;
	}
	for (c = pl->child, i = 0; c; c = c->next, i++) {
		mark = path_index(path, i);
		if (t == DDB_T_NS) {
			/* A numeric string is accepted too: it is unambiguous. */
			text = cJSON_IsString(c) ? c->valuestring : ddb_json_number_text(c, buf);
			if (!text) {
				path_fail(err, path, "NS member must be a number, got %s",
				          kind_name(c));
				goto bad;
			}
		} else {
			if (!cJSON_IsString(c)) {
				path_fail(err, path, "%s member must be a string, got %s",
				          type_names[t], kind_name(c));
				goto bad;
			}
			text = c->valuestring;
		}
		append(arr, ddb_must(cJSON_CreateString(text)), NULL);
		path_pop(path, mark);
	}
	if (check_set(arr, t, path, err) < 0)
		goto bad;
	return wrap(t, arr);
bad:
	cJSON_Delete(arr);
	return NULL;
}

static cJSON *from_plain(const cJSON *pl, const cJSON *hint, struct ddb_buf *path,
                         struct ddb_error *err)
{
	enum ddb_type ht = hint ? ddb_attr_type(hint) : DDB_T_INVALID;
	const cJSON *hv = ht ? hint->child : NULL, *c, *hc, *cursor;
	cJSON *out, *x;
	const char *text, *why;
	struct ddb_number num;
	size_t i, mark;
	char buf[64], q[96];

	switch (pl ? pl->type & 0xff : cJSON_Invalid) {
	case cJSON_NULL:
		return wrap(DDB_T_NULL, cJSON_CreateTrue());
	case cJSON_False:
	case cJSON_True:
		return wrap(DDB_T_BOOL, cJSON_CreateBool(cJSON_IsTrue(pl)));
	case cJSON_Number:
	case cJSON_Raw:
		text = ddb_json_number_text(pl, buf);
		if (!text) {
			path_fail(err, path, "expected a JSON value, got %s", kind_name(pl));
			return NULL;
		}
		why = ddb_number_parse(text, &num);
		if (why) {
			path_fail(err, path, "number %s %s", quote(text, q), why);
			return NULL;
		}
		return wrap(DDB_T_N, cJSON_CreateString(text));
	case cJSON_String:
		if (ht == DDB_T_B && ddb_base64_valid(pl->valuestring))
			return wrap(DDB_T_B, cJSON_CreateString(pl->valuestring));
		return wrap(DDB_T_S, cJSON_CreateString(pl->valuestring));
	case cJSON_Array:
		if (ht == DDB_T_SS || ht == DDB_T_NS || ht == DDB_T_BS)
			return set_from_plain(pl, ht, path, err);
		out = ddb_must(cJSON_CreateArray());
		hc = ht == DDB_T_L ? hv->child : NULL;
		for (c = pl->child, i = 0; c; c = c->next, i++) {
			mark = path_index(path, i);
			x = from_plain(c, hc, path, err);
			if (!x)
				goto bad;
			append(out, x, NULL);
			path_pop(path, mark);
			hc = hc ? hc->next : NULL;
		}
		return wrap(DDB_T_L, out);
	case cJSON_Object:
		out = ddb_must(cJSON_CreateObject());
		cursor = ht == DDB_T_M ? hv->child : NULL;
		for (c = pl->child; c; c = c->next) {
			const char *key = c->string ? c->string : "";

			mark = path_key(path, key);
			hc = ht == DDB_T_M ? hint_member(hv, key, &cursor) : NULL;
			x = from_plain(c, hc, path, err);
			if (!x)
				goto bad;
			append(out, x, key);
			path_pop(path, mark);
		}
		return wrap(DDB_T_M, out);
	default:
		path_fail(err, path, "expected a JSON value, got %s", kind_name(pl));
		return NULL;
	}
bad:
	cJSON_Delete(out);
	return NULL;
}

cJSON *ddb_attr_from_plain(const cJSON *plain, const cJSON *hint, const char *path,
                           struct ddb_error *err)
{
	struct ddb_buf p;
	cJSON *out;

	path_start(&p, path);
	out = from_plain(plain, hint, &p, err);
	ddb_buf_done(&p);
	return out;
}

cJSON *ddb_item_from_plain(const cJSON *plain, const cJSON *hint, struct ddb_error *err)
{
	struct ddb_buf path;
	const cJSON *c, *cursor;
	cJSON *out = NULL, *x;
	size_t mark;

	path_start(&path, "item");
	if (!cJSON_IsObject(plain)) {
		path_fail(err, &path, "expected a JSON object, got %s", kind_name(plain));
		goto out;
	}
	if (!cJSON_IsObject(hint))
		hint = NULL;
	cursor = hint ? hint->child : NULL;
	out = ddb_must(cJSON_CreateObject());
	for (c = plain->child; c; c = c->next) {
		const char *key = c->string ? c->string : "";

		mark = path_key(&path, key);
		x = from_plain(c, hint_member(hint, key, &cursor), &path, err);
		if (!x) {
			cJSON_Delete(out);
			out = NULL;
			break;
		}
		append(out, x, key);
		path_pop(&path, mark);
	}
out:
	ddb_buf_done(&path);
	return out;
}
