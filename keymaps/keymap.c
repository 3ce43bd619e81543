/* keymap.c - action and context names, key names, the binding table and the key-file parser
 * (the compiled-in defaults and the user's file go through the same keymap_parse). */
#include "keymaps/keymap.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* keymaps/default.keys, embedded by scripts/embed.sh into $(BUILD)/gen/default_keys.c. */
extern const unsigned char keymap_default_keys[];
extern const unsigned long keymap_default_keys_len;

#if defined(__GNUC__)
#define KEYMAP_PRINTF_(f, a) __attribute__((format(printf, f, a)))
#else
#define KEYMAP_PRINTF_(f, a)
#endif

/* A user's key file larger than this is surely not one. */
#define KEYMAP_FILE_MAX (1024 * 1024)
/* Longest context, action or key name looked up; longer tokens are unknown. */
#define NAME_MAX_ 64

/* clang-format off */
static const struct {
	const char *name;
	const char *help;
} actions[ACT__COUNT] = {
	[ACT_NONE] = {"none", ""},
#define KEYMAP_ACTION_ROW_(e, n, h) [ACT_##e] = {n, h},
	KEYMAP_ACTIONS(KEYMAP_ACTION_ROW_)
#undef KEYMAP_ACTION_ROW_
};

static const char *const contexts[CTX__COUNT] = {
#define KEYMAP_CTX_ROW_(e, n) [CTX_##e] = n,
	KEYMAP_CONTEXTS(KEYMAP_CTX_ROW_)
#undef KEYMAP_CTX_ROW_
};

/* Names key_name prints; parsing accepts these and the aliases below, in any case. */
static const struct key_row {
	int key;
	const char *name;
} key_names[] = {
	{KEY_CODE_ENTER, "Enter"}, {KEY_CODE_ESC, "Esc"}, {KEY_CODE_TAB, "Tab"},
	{KEY_CODE_BTAB, "S-Tab"}, {KEY_CODE_BACKSPACE, "Backspace"}, {' ', "Space"},
	{KEY_CODE_UP, "Up"}, {KEY_CODE_DOWN, "Down"}, {KEY_CODE_LEFT, "Left"},
	{KEY_CODE_RIGHT, "Right"}, {KEY_CODE_PGUP, "PgUp"}, {KEY_CODE_PGDN, "PgDn"},
	{KEY_CODE_HOME, "Home"}, {KEY_CODE_END, "End"}, {KEY_CODE_INSERT, "Insert"},
	{KEY_CODE_DELETE, "Delete"}, {KEY_CODE_RESIZE, "Resize"},
};

static const struct key_row key_aliases[] = {
	{KEY_CODE_ENTER, "Return"}, {KEY_CODE_ESC, "Escape"},
	{KEY_CODE_PGUP, "PageUp"}, {KEY_CODE_PGDN, "PageDown"},
	{KEY_CODE_BTAB, "BackTab"}, {KEY_CODE_INSERT, "Ins"}, {KEY_CODE_DELETE, "Del"},
	{KEY_CODE_BACKSPACE, "BS"}, {'#', "Hash"}, {0, "C-Space"},
};
/* clang-format on */

#define COUNT_(a) (sizeof(a) / sizeof((a)[0]))

struct binding {
	int key;
	enum keymap_action action; /* ACT_NONE: hides the generic binding in this context */
};

struct keymap {
	struct {
		struct binding *v; /* in the order bound */
		size_t n, cap;
	} ctx[CTX__COUNT];
};

/* --- Names ---------------------------------------------------------------------------------- */

static int ascii_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* Names of contexts and actions: ASCII case and '-' vs '_' do not matter. */
static int name_eq(const char *a, const char *b)
{
	for (;; a++, b++) {
		int x = ascii_lower((unsigned char)*a), y = ascii_lower((unsigned char)*b);

		if (x == '_')
			x = '-';
		if (y == '_')
			y = '-';
		if (x != y)
			return 0;
		if (!x)
			return 1;
	}
}

const struct keymap_command keymap_commands[] = {
    {"scan", ACT_SCAN, "[TABLE]", "Scan TABLE (default: the selected table)"},
    {"query", ACT_QUERY, "[TABLE]", "Open the query builder for TABLE (default: the current one)"},
    {"describe", ACT_DESCRIBE, "[TABLE]", "Describe TABLE (default: the selected table)"},
    {"create-table", ACT_CREATE_TABLE, "[NAME]", "Open the create-table form, named NAME"},
    {"drop", ACT_DROP_TABLE, "[TABLE]",
     "Drop TABLE (default: the selected one) once its name is typed"},
    {"recreate", ACT_RECREATE, "", "Drop and recreate the model's table"},
    {"schema-load", ACT_SCHEMA_LOAD, "", "Create the model's table"},
    {"export", ACT_EXPORT, "FILE [ddb|json|csv]",
     "Export the current table to FILE (the format from a last word, else from the name)"},
    {"import", ACT_IMPORT, "FILE", "Import FILE into the selected table"},
    {"seed", ACT_SEED_WIZARD, "", "Open the seed wizard"},
    {"conversations", ACT_CONVERSATIONS, "[HANDLE]",
     "Open the conversation browser (HANDLE's conversations)"},
    {"log", ACT_REQUEST_LOG, "", "Show the request log"},
    {"help", ACT_HELP, "", "Show the key bindings and the commands"},
    {"save-screen", ACT_SAVE_SCREEN, "FILE", "Write the screen as text to FILE"},
    {"q", ACT_QUIT, "", "Quit ddbtui"},
    {"quit", ACT_QUIT, "", "Quit ddbtui"},
    {"q!", ACT_QUIT_NOW, "", "Quit at once, cancelling writes"},
    {NULL, ACT_NONE, NULL, NULL},
};

const struct keymap_command *keymap_command_find(const char *name)
{
	const struct keymap_command *c;

	for (c = keymap_commands; name && c->name; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

const struct keymap_command *keymap_command_of(enum keymap_action a)
{
	const struct keymap_command *c;

	for (c = keymap_commands; c->name; c++)
		if (c->action == a)
			return c;
	return NULL;
}

const struct keymap_command *keymap_command_group_end(const struct keymap_command *c)
{
	const struct keymap_command *d = c;

	while (d->name && d->action == c->action && strcmp(d->args, c->args) == 0)
		d++;
	return d;
}

int keymap_command_needs_arg(const struct keymap_command *c)
{
	return c->args[0] && c->args[0] != '[';
}

const char *keymap_action_name(enum keymap_action a)
{
	return (unsigned)a < ACT__COUNT ? actions[a].name : "?";
}

const char *keymap_action_help(enum keymap_action a)
{
	return (unsigned)a < ACT__COUNT ? actions[a].help : "";
}

enum keymap_action keymap_action_from_name(const char *name)
{
	int a;

	if (!name)
		return ACT_NONE;
	for (a = 1; a < ACT__COUNT; a++)
		if (name_eq(name, actions[a].name))
			return (enum keymap_action)a;
	return ACT_NONE;
}

const char *keymap_ctx_name(enum keymap_ctx c)
{
	return (unsigned)c < CTX__COUNT ? contexts[c] : "?";
}

int keymap_ctx_from_name(const char *name)
{
	int c;

	if (!name)
		return -1;
	for (c = 0; c < CTX__COUNT; c++)
		if (name_eq(name, contexts[c]))
			return c;
	return -1;
}

/* --- Keys ----------------------------------------------------------------------------------- */

/* A code point shown as itself: not a control character (C0, DEL, C1), not a surrogate. */
static int key_is_char(int key)
{
	return key > ' ' && key < KEY_CODE_SPECIAL && key != 127 && !(key >= 0x80 && key < 0xa0) &&
	       !(key >= 0xd800 && key < 0xe000);
}

static size_t utf8_encode(int c, char out[4])
{
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xc0 | (c >> 6));
		out[1] = (char)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c < 0x10000) {
		out[0] = (char)(0xe0 | (c >> 12));
		out[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		out[2] = (char)(0x80 | (c & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (c >> 18));
	out[1] = (char)(0x80 | ((c >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((c >> 6) & 0x3f));
	out[3] = (char)(0x80 | (c & 0x3f));
	return 4;
}

/* Decodes exactly one well-formed UTF-8 character filling s; -1 otherwise. */
static int utf8_decode_one(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	int c, n, i, min;

	if (p[0] < 0x80) {
		c = p[0];
		n = 0;
		min = 0;
	} else if ((p[0] & 0xe0) == 0xc0) {
		c = p[0] & 0x1f;
		n = 1;
		min = 0x80;
	} else if ((p[0] & 0xf0) == 0xe0) {
		c = p[0] & 0x0f;
		n = 2;
		min = 0x800;
	} else if ((p[0] & 0xf8) == 0xf0) {
		c = p[0] & 0x07;
		n = 3;
		min = 0x10000;
	} else {
		return -1;
	}
	for (i = 1; i <= n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return -1;
		c = (c << 6) | (p[i] & 0x3f);
	}
	if (p[n + 1] != '\0' || c < min || c >= KEY_CODE_SPECIAL || (c >= 0xd800 && c < 0xe000))
		return -1;
	return c;
}

/* The control code Ctrl+c gives: a letter (either case) or one of @[\]^_ and Space; -1 if none. */
static int ctrl_of(int c)
{
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 1;
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 1;
	if (c == '@' || c == ' ')
		return 0;
	if (c == '[' || c == '\\' || c == ']' || c == '^' || c == '_')
		return c & 0x1f;
	return -1;
}

char *keymap_key_name(int key, char *buf, size_t size)
{
	static const char *const ctrl_punct[] = {"C-\\", "C-]", "C-^", "C-_"}; /* 28..31 */
	char u[5];
	size_t i;

	if (!buf || !size)
		return buf;
	for (i = 0; i < COUNT_(key_names); i++)
		if (key_names[i].key == key) {
			snprintf(buf, size, "%s", key_names[i].name);
			return buf;
		}
	if (key == 0)
		snprintf(buf, size, "C-Space");
	else if (key > 0 && key < 27)
		snprintf(buf, size, "C-%c", 'a' + key - 1); /* Tab and Enter matched above */
	else if (key >= 28 && key < 32)
		snprintf(buf, size, "%s", ctrl_punct[key - 28]);
	else if (key_is_char(key)) {
		u[utf8_encode(key, u)] = '\0';
		snprintf(buf, size, "%s", u);
	} else if (key >= 0 && key < KEY_CODE_SPECIAL)
		snprintf(buf, size, "U+%04X", (unsigned)key);
	else if (key >= KEY_CODE_F1 && key <= KEY_CODE_F12)
		snprintf(buf, size, "F%d", key - KEY_CODE_F1 + 1);
	else
		snprintf(buf, size, "<unknown>");
	return buf;
}

static int parse_hex(const char *s, int max)
{
	long v = 0;
	int digits = 0;

	for (; *s; s++, digits++) {
		int c = ascii_lower((unsigned char)*s);

		if (digits == 6)
			return -1;
		if (c >= '0' && c <= '9')
			v = v * 16 + (c - '0');
		else if (c >= 'a' && c <= 'f')
			v = v * 16 + (c - 'a' + 10);
		else
			return -1;
	}
	return digits && v <= max ? (int)v : -1;
}

int keymap_key_parse(const char *name)
{
	size_t i, len;
	int c;

	if (!name || !*name)
		return -1;
	len = strlen(name);
	c = utf8_decode_one(name);
	if (c >= 0) /* one character: itself, unless it is a control (Space has its name) */
		return key_is_char(c) ? c : -1;
	for (i = 0; i < COUNT_(key_names); i++)
		if (name_eq(name, key_names[i].name))
			return key_names[i].key;
	for (i = 0; i < COUNT_(key_aliases); i++)
		if (name_eq(name, key_aliases[i].name))
			return key_aliases[i].key;
	if ((name[0] == 'C' || name[0] == 'c') && name[1] == '-' && len == 3)
		return ctrl_of((unsigned char)name[2]);
	if (name[0] == '^' && len == 2)
		return ctrl_of((unsigned char)name[1]);
	if ((name[0] == 'F' || name[0] == 'f') && len <= 3 && name[1] >= '1' && name[1] <= '9') {
		int n = name[1] - '0';

		if (len == 3) {
			if (name[2] < '0' || name[2] > '9')
				return -1;
			n = n * 10 + (name[2] - '0');
		}
		return n <= 12 ? KEY_CODE_F1 + n - 1 : -1;
	}
	if ((name[0] == 'U' || name[0] == 'u') && name[1] == '+') {
		c = parse_hex(name + 2, KEY_CODE_SPECIAL - 1);
		return c >= 0 && !(c >= 0xd800 && c < 0xe000) ? c : -1;
	}
	return -1;
}

/* --- Bindings ------------------------------------------------------------------------------- */

struct keymap *keymap_new(void)
{
	return calloc(1, sizeof(struct keymap));
}

void keymap_free(struct keymap *km)
{
	int c;

	if (!km)
		return;
	for (c = 0; c < CTX__COUNT; c++)
		free(km->ctx[c].v);
	free(km);
}

static struct binding *find(const struct keymap *km, enum keymap_ctx ctx, int key)
{
	size_t i;

	for (i = 0; i < km->ctx[ctx].n; i++)
		if (km->ctx[ctx].v[i].key == key)
			return &km->ctx[ctx].v[i];
	return NULL;
}

/* Rebinding a key keeps its place (so the help screen keeps its order); -1 only when out of
 * memory. */
static int bind_key(struct keymap *km, enum keymap_ctx ctx, int key, enum keymap_action a)
{
	struct binding *b = find(km, ctx, key);

	if (b) {
		b->action = a;
		return 0;
	}
	if (km->ctx[ctx].n == km->ctx[ctx].cap) {
		size_t cap = km->ctx[ctx].cap ? km->ctx[ctx].cap * 2 : 16;
		struct binding *v = realloc(km->ctx[ctx].v, cap * sizeof(*v));

		if (!v)
			return -1;
		km->ctx[ctx].v = v;
		km->ctx[ctx].cap = cap;
	}
	km->ctx[ctx].v[km->ctx[ctx].n].key = key;
	km->ctx[ctx].v[km->ctx[ctx].n].action = a;
	km->ctx[ctx].n++;
	return 0;
}

void keymap_bind(struct keymap *km, enum keymap_ctx ctx, int key, enum keymap_action a)
{
	if (km && (unsigned)ctx < CTX__COUNT && key >= 0 && (unsigned)a < ACT__COUNT)
		bind_key(km, ctx, key, a);
}

void keymap_unbind(struct keymap *km, enum keymap_ctx ctx, int key)
{
	struct binding *b;
	size_t i;

	if (!km || (unsigned)ctx >= CTX__COUNT || !(b = find(km, ctx, key)))
		return;
	i = (size_t)(b - km->ctx[ctx].v);
	memmove(b, b + 1, (km->ctx[ctx].n - i - 1) * sizeof(*b));
	km->ctx[ctx].n--;
}

enum keymap_action keymap_lookup(const struct keymap *km, enum keymap_ctx ctx, int key)
{
	const struct binding *b;

	if (!km || (unsigned)ctx >= CTX__COUNT)
		return ACT_NONE;
	b = find(km, ctx, key);
	if (!b && ctx != CTX_GENERIC)
		b = find(km, CTX_GENERIC, key);
	return b ? b->action : ACT_NONE;
}

void keymap_each(const struct keymap *km, enum keymap_ctx ctx, keymap_visit_fn *fn, void *ud)
{
	size_t i;

	if (!km || (unsigned)ctx >= CTX__COUNT || !fn)
		return;
	for (i = 0; i < km->ctx[ctx].n; i++)
		if (km->ctx[ctx].v[i].action != ACT_NONE)
			fn(ctx, km->ctx[ctx].v[i].key, km->ctx[ctx].v[i].action, ud);
}

void keymap_keys_for(const struct keymap *km, enum keymap_ctx ctx, enum keymap_action a, char *buf,
                     size_t size)
{
	size_t i, used = 0;
	char name[32];

	if (!buf || !size)
		return;
	buf[0] = '\0';
	if (!km || (unsigned)ctx >= CTX__COUNT || a == ACT_NONE)
		return;
	for (i = 0; i < km->ctx[ctx].n; i++) {
		const char *sep = used ? ", " : "";
		size_t need;

		if (km->ctx[ctx].v[i].action != a)
			continue;
		keymap_key_name(km->ctx[ctx].v[i].key, name, sizeof(name));
		need = strlen(sep) + strlen(name);
		if (used + need >= size) /* only whole names */
			break;
		memcpy(buf + used, sep, strlen(sep));
		memcpy(buf + used + strlen(sep), name, strlen(name) + 1);
		used += need;
	}
}

/* --- The key-file parser -------------------------------------------------------------------- */

KEYMAP_PRINTF_(3, 4)
static void set_err(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (!err || !errlen)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

struct token {
	const char *s;
	size_t len;
};

/* A token for an error message: controls as '?', long ones cut at a character boundary. */
static void quote_token(const struct token *t, char *out, size_t size)
{
	size_t n = t->len, i;

	if (n > size - 4) {
		n = size - 4;
		while (n > 0 && ((unsigned char)t->s[n] & 0xc0) == 0x80)
			n--;
	}
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)t->s[i];

		out[i] = c < 0x20 || c == 0x7f ? '?' : (char)c;
	}
	strcpy(out + n, n < t->len ? "..." : "");
}

/* A token as a C string for the name lookups; "" if too long to be any name. */
static const char *token_str(const struct token *t, char *buf)
{
	if (t->len >= NAME_MAX_)
		return "";
	memcpy(buf, t->s, t->len);
	buf[t->len] = '\0';
	return buf;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/* One line (without its '\n'). Returns 0, or -1 with err set. */
static int parse_line(struct keymap *km, const char *s, size_t len, const char *source,
                      unsigned long line, char *err, size_t errlen)
{
	static const char bind_usage[] = "expected 'bind CONTEXT KEY ACTION'";
	static const char unbind_usage[] = "expected 'unbind CONTEXT KEY'";
	struct token tok[4];
	size_t ntok = 0, i = 0, want = 0;
	const char *usage = bind_usage;
	char name[NAME_MAX_], quoted[48];
	int is_bind = 0, ctx, key;
	enum keymap_action act = ACT_NONE;

	if (memchr(s, '\0', len)) {
		set_err(err, errlen, "%s:%lu: NUL byte in the line", source, line);
		return -1;
	}
	for (;;) {
		struct token t;

		while (i < len && is_space(s[i]))
			i++;
		if (i == len)
			break;
		t.s = s + i;
		while (i < len && !is_space(s[i]))
			i++;
		t.len = (size_t)(s + i - t.s);
		/* '#' starts a comment where a word begins, except in the KEY position: "bind
		 * generic # help" binds '#'. */
		if (t.s[0] == '#' && (ntok == 0 || ntok >= want))
			break;
		if (ntok == 0) {
			if (t.len == 4 && memcmp(t.s, "bind", 4) == 0) {
				is_bind = 1;
				want = 4;
			} else if (t.len == 6 && memcmp(t.s, "unbind", 6) == 0) {
				usage = unbind_usage;
				want = 3;
			} else {
				quote_token(&t, quoted, sizeof(quoted));
				set_err(
				    err, errlen,
				    "%s:%lu: unknown statement '%s' (expected 'bind CONTEXT KEY "
				    "ACTION' or 'unbind CONTEXT KEY')",
				    source, line, quoted);
				return -1;
			}
		}
		if (ntok == want) {
			set_err(err, errlen, "%s:%lu: %s", source, line, usage);
			return -1;
		}
		tok[ntok++] = t;
	}
	if (ntok == 0)
		return 0; /* blank or comment */
	if (ntok != want) {
		set_err(err, errlen, "%s:%lu: %s", source, line, usage);
		return -1;
	}

	ctx = keymap_ctx_from_name(token_str(&tok[1], name));
	if (ctx < 0) {
		quote_token(&tok[1], quoted, sizeof(quoted));
		set_err(err, errlen, "%s:%lu: unknown context '%s'", source, line, quoted);
		return -1;
	}
	key = keymap_key_parse(token_str(&tok[2], name));
	if (key < 0) {
		quote_token(&tok[2], quoted, sizeof(quoted));
		set_err(err, errlen, "%s:%lu: unknown key '%s'", source, line, quoted);
		return -1;
	}
	if (!is_bind) {
		keymap_unbind(km, (enum keymap_ctx)ctx, key);
		return 0;
	}
	token_str(&tok[3], name);
	act = keymap_action_from_name(name);
	if (act == ACT_NONE && !name_eq(name, "none")) {
		quote_token(&tok[3], quoted, sizeof(quoted));
		set_err(err, errlen, "%s:%lu: unknown action '%s'", source, line, quoted);
		return -1;
	}
	if (bind_key(km, (enum keymap_ctx)ctx, key, act) < 0) {
		set_err(err, errlen, "%s:%lu: out of memory", source, line);
		return -1;
	}
	return 0;
}

int keymap_parse(struct keymap *km, const char *text, size_t len, const char *source, char *err,
                 size_t errlen)
{
	unsigned long line = 0;
	size_t pos = 0;

	if (err && errlen)
		err[0] = '\0';
	if (!source)
		source = "keys";
	if (!km || (!text && len)) {
		set_err(err, errlen, "%s: no keymap or text", source);
		return -1;
	}
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) /* a BOM some editors write */
		pos = 3;
	while (pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - text) : len;

		if (parse_line(km, text + pos, end - pos, source, ++line, err, errlen) < 0)
			return -1;
		pos = end + 1;
	}
	return 0;
}

const char *keymap_default_text(void)
{
	return (const char *)keymap_default_keys;
}

int keymap_load_defaults(struct keymap *km, char *err, size_t errlen)
{
	return keymap_parse(km, (const char *)keymap_default_keys, (size_t)keymap_default_keys_len,
	                    "default.keys", err, errlen);
}

int keymap_load_file(struct keymap *km, const char *path, char *err, size_t errlen)
{
	FILE *f;
	char *text = NULL;
	size_t len = 0, cap = 0;
	int rc, e;

	if (err && errlen)
		err[0] = '\0';
	if (!path)
		return 0;
	f = fopen(path, "rb");
	if (!f) {
		if (errno == ENOENT || errno == ENOTDIR)
			return 0;
		set_err(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	for (;;) {
		size_t got;

		if (len == cap) {
			char *t;

			if (cap >= KEYMAP_FILE_MAX) {
				set_err(err, errlen, "%s: larger than %d bytes", path,
				        KEYMAP_FILE_MAX);
				goto fail;
			}
			cap = cap ? cap * 2 : 4096;
			t = realloc(text, cap);
			if (!t) {
				set_err(err, errlen, "%s: out of memory", path);
				goto fail;
			}
			text = t;
		}
		got = fread(text + len, 1, cap - len, f);
		len += got;
		if (got == 0) {
			if (ferror(f)) {
				e = errno;
				set_err(err, errlen, "%s: %s", path, strerror(e ? e : EIO));
				goto fail;
			}
			break;
		}
	}
	fclose(f);
	rc = keymap_parse(km, text, len, path, err, errlen);
	free(text);
	return rc;
fail:
	fclose(f);
	free(text);
	return -1;
}
