/* json.c - a single-pass JSON parser that builds a cJSON tree with numbers kept as raw text, and
 * a skipper that finds where a value ends without parsing it. */
#include "json.h"

#include <locale.h>
#include <stdarg.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

#define MAX_DEPTH 512
/* Objects with more members than this get a hash table for the duplicate-key check; smaller ones
 * (nearly all of them) are searched linearly, which is cheaper than building a table. */
#define LINEAR_KEYS 16

struct parser {
	const char *start;
	const char *p;
	const char *end;
	int depth;
	struct ddb_error *err;
};

/* Keys of one object being parsed, for the duplicate check: open addressing over the member
 * nodes, so a replaced member only needs its slot updated. */
struct key_table {
	cJSON **slots;
	size_t cap; /* a power of two, or 0 while the object is small */
	size_t count;
};

/* What is at `at`, for error messages. */
static void describe(const struct parser *ps, const char *at, char *buf, size_t size)
{
	unsigned char c;

	if (at >= ps->end) {
		snprintf(buf, size, "end of input");
		return;
	}
	c = (unsigned char)*at;
	if (c > 0x20 && c < 0x7f)
		snprintf(buf, size, "'%c'", c);
	else
		snprintf(buf, size, "byte 0x%02x", c);
}

/* Sets the error with the 1-based line and column of `at`. Columns count characters (UTF-8
 * sequences), not bytes, so they match what an editor shows. Computed only on error, so the
 * parser itself never tracks lines. Returns NULL for the caller's convenience. */
static cJSON *fail(struct parser *ps, const char *at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static cJSON *fail(struct parser *ps, const char *at, const char *fmt, ...)
{
	const char *s;
	unsigned long line = 1, col = 1;
	char msg[512];
	va_list ap;

	if (at > ps->end)
		at = ps->end;
	for (s = ps->start; s < at; s++) {
		if (*s == '\n') {
			line++;
			col = 1;
		} else if (((unsigned char)*s & 0xc0) != 0x80) {
			col++;
		}
	}
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	ddb_error_set(ps->err, DDB_ERR_PARSE, "line %lu, column %lu: %s", line, col, msg);
	return NULL;
}

static cJSON *fail_nomem(struct parser *ps)
{
	ddb_error_set(ps->err, DDB_ERR_NOMEM, "out of memory parsing JSON");
	return NULL;
}

static cJSON *fail_expected(struct parser *ps, const char *what)
{
	char got[32];

	describe(ps, ps->p, got, sizeof(got));
	return fail(ps, ps->p, "expected %s, got %s", what, got);
}

static int is_ws(char c)
{
	return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

const char *ddb_json_skip_ws(const char *s, const char *end)
{
	while (s < end && is_ws(*s))
		s++;
	return s;
}

static void skip_ws(struct parser *ps)
{
	ps->p = ddb_json_skip_ws(ps->p, ps->end);
}

/* s just after a string's opening quote: just after its closing quote, or NULL. memchr finds
 * each '"'; an odd run of backslashes before one escapes it (bounded by s: the byte before s is
 * a quote, never a backslash). */
static const char *skip_string_rest(const char *s, const char *end)
{
	const char *q, *b;

	while (s < end && (q = memchr(s, '"', (size_t)(end - s))) != NULL) {
		for (b = q; b > s && b[-1] == '\\'; b--)
			;
		if ((q - b) % 2 == 0)
			return q + 1;
		s = q + 1;
	}
	return NULL;
}

const char *ddb_json_skip(const char *s, const char *end)
{
	size_t depth = 0;

	if (s >= end || is_ws(*s) || *s == ',' || *s == ':' || *s == ']' || *s == '}')
		return NULL;
	if (*s == '"')
		return skip_string_rest(s + 1, end);
	if (*s != '{' && *s != '[') {
		/* a number, true, false or null */
		while (s < end && !is_ws(*s) && *s != ',' && *s != ']' && *s != '}')
			s++;
		return s;
	}
	for (; s < end; s++) {
		switch (*s) {
		case '"':
			s = skip_string_rest(s + 1, end);
			if (!s)
				return NULL;
			s--; /* the loop steps past the closing quote */
			break;
		case '{':
		case '[':
			depth++;
			break;
		case '}':
		case ']':
			if (--depth == 0)
				return s + 1;
			break;
		default:
			break;
		}
	}
	return NULL;
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Scans a number token at s (RFC 8259 grammar). Returns its end, or NULL with *why set. */
static const char *scan_number(const char *s, const char *end, const char **why, const char **at)
{
	if (s < end && *s == '-')
		s++;
	if (s >= end || !is_digit(*s)) {
		*why = "expected a digit";
		*at = s;
		return NULL;
	}
	if (*s == '0') {
		s++;
		if (s < end && is_digit(*s)) {
			*why = "leading zeros are not allowed";
			*at = s;
			return NULL;
		}
	} else {
		while (s < end && is_digit(*s))
			s++;
	}
	if (s < end && *s == '.') {
		s++;
		if (s >= end || !is_digit(*s)) {
			*why = "expected a digit after '.'";
			*at = s;
			return NULL;
		}
		while (s < end && is_digit(*s))
			s++;
	}
	if (s < end && (*s == 'e' || *s == 'E')) {
		s++;
		if (s < end && (*s == '+' || *s == '-'))
			s++;
		if (s >= end || !is_digit(*s)) {
			*why = "expected a digit in the exponent";
			*at = s;
			return NULL;
		}
		while (s < end && is_digit(*s))
			s++;
	}
	return s;
}

int ddb_json_has_nul_escape(const char *s, size_t len)
{
	const char *p = s, *end = s + len;

	while (end - p >= 6 && (p = memchr(p, '\\', (size_t)(end - p - 5))) != NULL) {
		const char *q = p;

		while (q < end && *q == '\\')
			q++;
		/* a run of backslashes: pairs are escaped backslashes, an odd one escapes what
		 * follows */
		if ((q - p) % 2 == 1 && end - q >= 5 && memcmp(q, "u0000", 5) == 0)
			return 1;
		p = q;
	}
	return 0;
}

int ddb_json_is_number(const char *s)
{
	const char *why, *at, *end;

	if (!s)
		return 0;
	end = s + strlen(s);
	return scan_number(s, end, &why, &at) == end;
}

/* A new item of the given type with a cJSON-allocated string of n bytes copied from s. */
static cJSON *new_text_item(int type, const char *s, size_t n)
{
	cJSON *item = cJSON_CreateNull();
	char *copy;

	if (!item)
		return NULL;
	copy = cJSON_malloc(n + 1);
	if (!copy) {
		cJSON_Delete(item);
		return NULL;
	}
	memcpy(copy, s, n);
	copy[n] = '\0';
	item->type = type;
	item->valuestring = copy;
	return item;
}

static cJSON *parse_number(struct parser *ps)
{
	const char *why, *at, *e;
	cJSON *item;

	e = scan_number(ps->p, ps->end, &why, &at);
	if (!e) {
		char got[32];

		describe(ps, at, got, sizeof(got));
		return fail(ps, at, "invalid number: %s, got %s", why, got);
	}
	item = new_text_item(cJSON_Raw, ps->p, (size_t)(e - ps->p));
	if (!item)
		return fail_nomem(ps);
	ps->p = e;
	return item;
}

/* Length of the well-formed UTF-8 sequence at s (RFC 3629: no overlongs, no surrogates, nothing
 * above U+10FFFF), or 0. */
static size_t utf8_seq(const unsigned char *s, const unsigned char *end)
{
	unsigned char c = s[0], lo = 0x80, hi = 0xbf;
	size_t n, i;

	if (c < 0x80)
		return 1;
	if (c < 0xc2)
		return 0;
	if (c < 0xe0) {
		n = 2;
	} else if (c < 0xf0) {
		n = 3;
		if (c == 0xe0)
			lo = 0xa0;
		else if (c == 0xed)
			hi = 0x9f;
	} else if (c < 0xf5) {
		n = 4;
		if (c == 0xf0)
			lo = 0x90;
		else if (c == 0xf4)
			hi = 0x8f;
	} else {
		return 0;
	}
	if ((size_t)(end - s) < n || s[1] < lo || s[1] > hi)
		return 0;
	for (i = 2; i < n; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	return n;
}

int ddb_json_utf8_valid(const char *s)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + strlen(s);
	size_t n;

	for (; p < end; p += n)
		if ((n = utf8_seq(p, end)) == 0)
			return 0;
	return 1;
}

/* Four hex digits at s (which has at least `avail` bytes), or -1. */
static long hex4(const char *s, size_t avail)
{
	long v = 0;
	int i, h;

	if (avail < 4)
		return -1;
	for (i = 0; i < 4; i++) {
		h = ddb_hex_value(s[i]);
		if (h < 0)
			return -1;
		v = v * 16 + h;
	}
	return v;
}

static char *put_utf8(char *o, unsigned long cp)
{
	if (cp < 0x80) {
		*o++ = (char)cp;
	} else if (cp < 0x800) {
		*o++ = (char)(0xc0 | (cp >> 6));
		*o++ = (char)(0x80 | (cp & 0x3f));
	} else if (cp < 0x10000) {
		*o++ = (char)(0xe0 | (cp >> 12));
		*o++ = (char)(0x80 | ((cp >> 6) & 0x3f));
		*o++ = (char)(0x80 | (cp & 0x3f));
	} else {
		*o++ = (char)(0xf0 | (cp >> 18));
		*o++ = (char)(0x80 | ((cp >> 12) & 0x3f));
		*o++ = (char)(0x80 | ((cp >> 6) & 0x3f));
		*o++ = (char)(0x80 | (cp & 0x3f));
	}
	return o;
}

/* Decodes the escape at s (a backslash; the string's closing quote is at q) into *o. Returns the
 * position after the escape, or NULL after setting the error. */
static const char *decode_escape(struct parser *ps, const char *s, const char *q, char **o)
{
	long cp, lo;

	switch (s[1]) {
	case '"':
	case '\\':
	case '/':
		*(*o)++ = s[1];
		return s + 2;
	case 'b':
		*(*o)++ = '\b';
		return s + 2;
	case 'f':
		*(*o)++ = '\f';
		return s + 2;
	case 'n':
		*(*o)++ = '\n';
		return s + 2;
	case 'r':
		*(*o)++ = '\r';
		return s + 2;
	case 't':
		*(*o)++ = '\t';
		return s + 2;
	case 'u':
		break;
	default:
		fail(ps, s, "invalid escape in string");
		return NULL;
	}
	cp = hex4(s + 2, (size_t)(q - (s + 2)));
	if (cp < 0) {
		fail(ps, s, "invalid \\u escape: expected four hex digits");
		return NULL;
	}
	if (cp == 0) {
		/* cJSON strings are NUL-terminated: a NUL would silently cut the string short, and
		 * writing that back would corrupt the data. Refuse instead. */
		fail(ps, s, "\\u0000 in a string is not supported");
		return NULL;
	}
	if (cp >= 0xdc00 && cp <= 0xdfff) {
		fail(ps, s, "invalid \\u escape: unpaired low surrogate");
		return NULL;
	}
	if (cp >= 0xd800 && cp <= 0xdbff) {
		if (q - (s + 6) < 2 || s[6] != '\\' || s[7] != 'u' ||
		    (lo = hex4(s + 8, (size_t)(q - (s + 8)))) < 0xdc00 || lo > 0xdfff) {
			fail(ps, s, "invalid \\u escape: unpaired high surrogate");
			return NULL;
		}
		cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
		*o = put_utf8(*o, (unsigned long)cp);
		return s + 12;
	}
	*o = put_utf8(*o, (unsigned long)cp);
	return s + 6;
}

/* Parses the string at ps->p (a '"') into a new cJSON-allocated C string. Two passes: find the
 * closing quote (escapes only shrink, so its distance bounds the decoded size), then decode and
 * check UTF-8 straight into the final allocation. */
static char *parse_string_text(struct parser *ps)
{
	const char *open = ps->p, *s = open + 1, *q = s, *end = ps->end;
	char *out, *o;

	for (;;) {
		/* The common case: plain printable ASCII. */
		while (q < end && (unsigned char)*q >= 0x20 && *q != '"' && *q != '\\')
			q++;
		if (q >= end) {
			fail(ps, open, "unterminated string");
			return NULL;
		}
		if (*q == '"')
			break;
		if (*q == '\\') {
			if (end - q < 2) {
				fail(ps, open, "unterminated string");
				return NULL;
			}
			q += 2;
			continue;
		}
		fail(ps, q, "control character in string (write it as an escape such as \\n)");
		return NULL;
	}
	out = cJSON_malloc((size_t)(q - s) + 1);
	if (!out) {
		fail_nomem(ps);
		return NULL;
	}
	o = out;
	while (s < q) {
		unsigned char c = (unsigned char)*s;
		size_t n;

		if (c == '\\') {
			s = decode_escape(ps, s, q, &o);
			if (!s)
				goto bad;
			continue;
		}
		if (c < 0x80) {
			*o++ = (char)c;
			s++;
			continue;
		}
		n = utf8_seq((const unsigned char *)s, (const unsigned char *)q);
		if (!n) {
			fail(ps, s, "invalid UTF-8 in string");
			goto bad;
		}
		memcpy(o, s, n);
		o += n;
		s += n;
	}
	*o = '\0';
	ps->p = q + 1;
	return out;
bad:
	cJSON_free(out);
	return NULL;
}

static cJSON *parse_value(struct parser *ps);

void ddb_json_append(cJSON *parent, cJSON *item)
{
	cJSON *first = parent->child;

	item->next = NULL;
	if (!first) {
		parent->child = item;
		item->prev = item;
	} else {
		first->prev->next = item;
		item->prev = first->prev;
		first->prev = item;
	}
}

/* Puts repl where old is in parent's children and frees old. */
static void replace(cJSON *parent, cJSON *old, cJSON *repl)
{
	cJSON *first = parent->child;

	repl->next = old->next;
	repl->prev = old->prev == old ? repl : old->prev;
	if (old == first)
		parent->child = repl;
	else
		old->prev->next = repl;
	if (repl->next)
		repl->next->prev = repl;
	else
		parent->child->prev = repl; /* old was the last */
	old->next = NULL;
	old->prev = NULL;
	cJSON_Delete(old);
}

static uint64_t hash_key(const char *s)
{
	uint64_t h = 1469598103934665603ull; /* FNV-1a */

	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ull;
	}
	return h;
}

/* The slot for key: the member with that key, or the empty slot where it belongs. */
static cJSON **key_slot(struct key_table *kt, const char *key)
{
	size_t i = (size_t)hash_key(key) & (kt->cap - 1);

	while (kt->slots[i] && strcmp(kt->slots[i]->string, key) != 0)
		i = (i + 1) & (kt->cap - 1);
	return &kt->slots[i];
}

/* Rebuilds the table with room for twice the members. 0 or -1 (out of memory). */
static int key_table_grow(struct key_table *kt, const cJSON *obj)
{
	size_t cap = kt->cap ? kt->cap * 2 : 4 * LINEAR_KEYS;
	cJSON **slots = calloc(cap, sizeof(*slots));
	const cJSON *c;

	if (!slots)
		return -1;
	free(kt->slots);
	kt->slots = slots;
	kt->cap = cap;
	for (c = obj->child; c; c = c->next)
		*key_slot(kt, c->string) = (cJSON *)c;
	return 0;
}

/* Adds member to obj, or replaces an earlier member with the same key (the last one wins, at
 * the first one's place). 0 or -1 (out of memory; member is then not linked). */
static int add_member(cJSON *obj, struct key_table *kt, cJSON *member)
{
	cJSON *c, **slot;

	if (!kt->cap) {
		for (c = obj->child; c; c = c->next) {
			if (c->string[0] == member->string[0] &&
			    strcmp(c->string, member->string) == 0) {
				replace(obj, c, member);
				return 0;
			}
		}
		ddb_json_append(obj, member);
		if (++kt->count > LINEAR_KEYS)
			return key_table_grow(kt, obj);
		return 0;
	}
	slot = key_slot(kt, member->string);
	if (*slot) {
		replace(obj, *slot, member);
		*slot = member;
		return 0;
	}
	*slot = member;
	ddb_json_append(obj, member);
	if (++kt->count * 2 > kt->cap)
		return key_table_grow(kt, obj);
	return 0;
}

static cJSON *parse_object(struct parser *ps)
{
	struct key_table kt = {NULL, 0, 0};
	cJSON *obj, *value;
	char *key;

	obj = cJSON_CreateObject();
	if (!obj)
		return fail_nomem(ps);
	ps->p++;
	skip_ws(ps);
	if (ps->p < ps->end && *ps->p == '}') {
		ps->p++;
		return obj;
	}
	for (;;) {
		if (ps->p >= ps->end || *ps->p != '"') {
			fail_expected(ps, obj->child ? "a string key" : "a string key or '}'");
			goto bad;
		}
		key = parse_string_text(ps);
		if (!key)
			goto bad;
		skip_ws(ps);
		if (ps->p >= ps->end || *ps->p != ':') {
			cJSON_free(key);
			fail_expected(ps, "':'");
			goto bad;
		}
		ps->p++;
		skip_ws(ps);
		value = parse_value(ps);
		if (!value) {
			cJSON_free(key);
			goto bad;
		}
		value->string = key;
		if (add_member(obj, &kt, value) < 0) {
			/* The member is linked; only the table failed. */
			fail_nomem(ps);
			goto bad;
		}
		skip_ws(ps);
		if (ps->p < ps->end && *ps->p == ',') {
			ps->p++;
			skip_ws(ps);
			continue;
		}
		if (ps->p < ps->end && *ps->p == '}') {
			ps->p++;
			break;
		}
		fail_expected(ps, "',' or '}'");
		goto bad;
	}
	free(kt.slots);
	return obj;
bad:
	free(kt.slots);
	cJSON_Delete(obj);
	return NULL;
}

static cJSON *parse_array(struct parser *ps)
{
	cJSON *arr, *value;

	arr = cJSON_CreateArray();
	if (!arr)
		return fail_nomem(ps);
	ps->p++;
	skip_ws(ps);
	if (ps->p < ps->end && *ps->p == ']') {
		ps->p++;
		return arr;
	}
	for (;;) {
		value = parse_value(ps);
		if (!value)
			goto bad;
		ddb_json_append(arr, value);
		skip_ws(ps);
		if (ps->p < ps->end && *ps->p == ',') {
			ps->p++;
			skip_ws(ps);
			continue;
		}
		if (ps->p < ps->end && *ps->p == ']') {
			ps->p++;
			break;
		}
		fail_expected(ps, "',' or ']'");
		goto bad;
	}
	return arr;
bad:
	cJSON_Delete(arr);
	return NULL;
}

static cJSON *parse_literal(struct parser *ps, const char *word, cJSON *(*create)(void))
{
	size_t n = strlen(word);
	cJSON *item;

	if ((size_t)(ps->end - ps->p) < n || memcmp(ps->p, word, n) != 0)
		return fail_expected(ps, "a value");
	item = create();
	if (!item)
		return fail_nomem(ps);
	ps->p += n;
	return item;
}

static cJSON *parse_value(struct parser *ps)
{
	cJSON *item;
	char *s;

	if (ps->p >= ps->end)
		return fail_expected(ps, "a value");
	switch (*ps->p) {
	case '{':
	case '[':
		if (ps->depth >= MAX_DEPTH)
			return fail(ps, ps->p, "nesting deeper than %d levels", MAX_DEPTH);
		ps->depth++;
		item = *ps->p == '{' ? parse_object(ps) : parse_array(ps);
		ps->depth--;
		return item;
	case '"':
		s = parse_string_text(ps);
		if (!s)
			return NULL;
		item = cJSON_CreateNull();
		if (!item) {
			cJSON_free(s);
			return fail_nomem(ps);
		}
		item->type = cJSON_String;
		item->valuestring = s;
		return item;
	case 't':
		return parse_literal(ps, "true", cJSON_CreateTrue);
	case 'f':
		return parse_literal(ps, "false", cJSON_CreateFalse);
	case 'n':
		return parse_literal(ps, "null", cJSON_CreateNull);
	default:
		if (*ps->p == '-' || is_digit(*ps->p))
			return parse_number(ps);
		return fail_expected(ps, "a value");
	}
}

cJSON *ddb_json_parse(const char *text, size_t len, struct ddb_error *err)
{
	struct parser ps = {text, text, NULL, 0, err};
	cJSON *root;

	if (!text) {
		ps.start = ps.p = "";
		len = 0;
	}
	ps.end = ps.start + len;
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) {
		/* RFC 8259 lets parsers ignore a byte order mark; some editors write one. */
		ps.p += 3;
	}
	skip_ws(&ps);
	root = parse_value(&ps);
	if (!root)
		return NULL;
	skip_ws(&ps);
	if (ps.p < ps.end) {
		char got[32];

		describe(&ps, ps.p, got, sizeof(got));
		fail(&ps, ps.p, "unexpected %s after the JSON value", got);
		cJSON_Delete(root);
		return NULL;
	}
	return root;
}

/* snprintf with a '.' decimal point whatever LC_NUMERIC says (curses programs set the locale). */
static void format_double(char *buf, size_t size, int prec, double v)
{
	const char *dp = localeconv()->decimal_point;
	size_t dlen;
	char *hit;

	snprintf(buf, size, "%.*g", prec, v);
	if (!dp || strcmp(dp, ".") == 0 || !*dp)
		return;
	hit = strstr(buf, dp);
	if (!hit)
		return;
	dlen = strlen(dp);
	*hit = '.';
	memmove(hit + 1, hit + dlen, strlen(hit + dlen) + 1);
}

const char *ddb_json_number_text(const cJSON *item, char buf[64])
{
	double v, back;
	int prec;

	if (!item)
		return NULL;
	if (cJSON_IsRaw(item))
		return ddb_json_is_number(item->valuestring) ? item->valuestring : NULL;
	if (!cJSON_IsNumber(item))
		return NULL;
	v = item->valuedouble;
	if (!isfinite(v))
		return NULL;
	/* The shortest text that reads back as the same double. strtod runs in the same locale
	 * as the formatting, so compare before the decimal point is normalised. */
	for (prec = 15; prec <= 17; prec++) {
		snprintf(buf, 64, "%.*g", prec, v);
		back = strtod(buf, NULL);
		if (back == v)
			break;
	}
	if (prec > 17)
		prec = 17;
	format_double(buf, 64, prec, v);
	return buf;
}
