/* fuzz_keymap.c - keymap_parse on arbitrary text after a few bindings (after the compiled-in
 * defaults on the first input: parsing them every time would take most of the time), as the TUI
 * reads a user's file after the defaults. Asserted:
 * - an error names the source and a line ("fuzz.keys:N: ...");
 * - every binding keymap_each reports is what keymap_lookup answers in its context;
 * - key names round-trip: keymap_key_parse(keymap_key_name(k)) == k for every bound key, for
 *   every key a token of the input parses to, and for key codes taken from the input bytes;
 * - writing the bindings back out as "bind CONTEXT KEY ACTION" lines and parsing that gives the
 *   same bindings in the same order. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz/fuzz.h"
#include "keymaps/keymap.h"

struct collect {
	const struct keymap *km;
	char *text; /* "bind ..." lines */
	size_t len, cap;
	int keys[4096];
	int acts[4096];
	size_t n;
};

static void append(struct collect *c, const char *s)
{
	size_t n = strlen(s);

	if (c->len + n + 1 > c->cap) {
		c->cap = (c->len + n + 1) * 2;
		c->text = realloc(c->text, c->cap);
		FUZZ_CHECK(c->text != NULL);
	}
	memcpy(c->text + c->len, s, n + 1);
	c->len += n;
}

static void check_key(int key)
{
	char name[32];
	int back;

	keymap_key_name(key, name, sizeof(name));
	back = keymap_key_parse(name);
	if (back != key)
		fprintf(stderr, "key %d: name '%s' parses as %d\n", key, name, back);
	FUZZ_CHECK(back == key);
}

static void visit(enum keymap_ctx ctx, int key, enum keymap_action a, void *ud)
{
	struct collect *c = ud;
	char name[32], line[128];

	FUZZ_CHECK(a != ACT_NONE && (unsigned)a < ACT__COUNT);
	FUZZ_CHECK(keymap_lookup(c->km, ctx, key) == a);
	check_key(key);
	keymap_key_name(key, name, sizeof(name));
	snprintf(line, sizeof(line), "bind %s %s %s\n", keymap_ctx_name(ctx), name,
		 keymap_action_name(a));
	append(c, line);
	if (c->n < 4096) {
		c->keys[c->n] = key;
		c->acts[c->n] = (int)a;
		c->n++;
	}
}

static void visit_again(enum keymap_ctx ctx, int key, enum keymap_action a, void *ud)
{
	struct collect *c = ud;

	(void)ctx;
	if (c->n < 4096) {
		c->keys[c->n] = key;
		c->acts[c->n] = (int)a;
		c->n++;
	}
}

/* Every whitespace-separated token of the text that names a key round-trips (the first 32
 * tokens: bound keys are checked anyway, and looking up every token of a long input would
 * take most of the time). */
static void check_tokens(const char *s, size_t len)
{
	char tok[64];
	size_t i = 0, start, n, count = 0;
	int key;

	while (i < len && count++ < 32) {
		while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
			i++;
		start = i;
		while (i < len && !(s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
			i++;
		n = i - start;
		if (!n || n >= sizeof(tok) || memchr(s + start, '\0', n))
			continue;
		memcpy(tok, s + start, n);
		tok[n] = '\0';
		key = keymap_key_parse(tok);
		if (key >= 0)
			check_key(key);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct collect s1, s2; /* static: 32 KB each, not worth allocating every time */
	struct keymap *km = keymap_new(), *km2;
	struct collect *c1 = &s1, *c2 = &s2;
	char err[256], keys[64];
	static int first = 1;
	size_t i;
	int ctx, rc;

	FUZZ_CHECK(km != NULL);
	c1->len = c1->n = c2->len = c2->n = 0;
	if (c1->text)
		c1->text[0] = '\0';
	if (first) {
		FUZZ_CHECK(keymap_load_defaults(km, err, sizeof(err)) == 0);
		first = 0;
	} else {
		keymap_bind(km, CTX_GENERIC, 'q', ACT_QUIT);
		keymap_bind(km, CTX_GENERIC, 'j', ACT_MOVE_DOWN);
		keymap_bind(km, CTX_GENERIC, KEY_CODE_DOWN, ACT_MOVE_DOWN);
		keymap_bind(km, CTX_SCAN, KEY_CODE_ENTER, ACT_OPEN);
		keymap_bind(km, CTX_HELP, 'q', ACT_BACK);
	}
	rc = keymap_parse(km, (const char *)data, size, "fuzz.keys", err, sizeof(err));
	if (rc != 0)
		FUZZ_CHECK(strncmp(err, "fuzz.keys:", 10) == 0);
	else
		FUZZ_CHECK(err[0] == '\0');

	c1->km = km;
	for (ctx = 0; ctx < CTX__COUNT; ctx++) {
		size_t from = c1->n;

		keymap_each(km, (enum keymap_ctx)ctx, visit, c1);
		for (i = from; i < c1->n; i++) /* the keys of the actions bound here */
			keymap_keys_for(km, (enum keymap_ctx)ctx, (enum keymap_action)c1->acts[i],
					keys, sizeof(keys));
	}

	/* the bindings written out and read back */
	km2 = keymap_new();
	FUZZ_CHECK(km2 != NULL);
	if (c1->len) {
		rc = keymap_parse(km2, c1->text, c1->len, "out", err, sizeof(err));
		if (rc != 0)
			fprintf(stderr, "%s\n%s", err, c1->text);
		FUZZ_CHECK(rc == 0);
	}
	c2->km = km2;
	for (ctx = 0; ctx < CTX__COUNT; ctx++)
		keymap_each(km2, (enum keymap_ctx)ctx, visit_again, c2);
	FUZZ_CHECK(c1->n == c2->n);
	FUZZ_CHECK(memcmp(c1->keys, c2->keys, c1->n * sizeof(int)) == 0);
	FUZZ_CHECK(memcmp(c1->acts, c2->acts, c1->n * sizeof(int)) == 0);

	check_tokens((const char *)data, size);
	/* key codes from the bytes: every character and special key round-trips */
	for (i = 0; i + 4 <= size && i < 64; i += 4) {
		unsigned v = (unsigned)data[i] | (unsigned)data[i + 1] << 8 |
			     (unsigned)data[i + 2] << 16 | (unsigned)data[i + 3] << 24;
		int key = (int)(v % (KEY_CODE_F12 + 1));

		if (key >= 0xd800 && key < 0xe000)
			continue; /* surrogates are no keys (parse never gives one) */
		check_key(key);
	}

	keymap_free(km2);
	keymap_free(km);
	return 0;
}
