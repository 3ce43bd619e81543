/* test_keymap.c - action and key names, the binding table, the key-file parser and the
 * compiled-in defaults (keymaps/keymap.h). */
#include "keymaps/keymap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "unit.h"

static char tmp_dir[] = "/tmp/ddbtui-test-keymap.XXXXXX";

static int key(const char *name)
{
	return keymap_key_parse(name);
}

static struct keymap *defaults(void)
{
	struct keymap *km = keymap_new();
	char err[256];

	CHECK(km != NULL);
	CHECK(keymap_load_defaults(km, err, sizeof(err)) == 0);
	CHECK_STR(err, "");
	return km;
}

/* Parses text into a fresh keymap; returns its rc, the error in err. */
static int parse(struct keymap *km, const char *text, char *err, size_t errlen)
{
	return keymap_parse(km, text, strlen(text), "keys", err, errlen);
}

static void test_defaults_load(void)
{
	struct keymap *km = defaults();
	const char *text = keymap_default_text();

	CHECK(text != NULL && text[0] == '#');
	CHECK(strstr(text, "bind generic q") != NULL);
	keymap_free(km);
}

static void test_names(void)
{
	int a, b, c;

	CHECK_STR(keymap_action_name(ACT_QUIT), "quit");
	CHECK_STR(keymap_action_name(ACT_FOCUS_CONVERSATIONS), "focus-conversations");
	CHECK_STR(keymap_action_help(ACT_QUIT), "Quit ddbtui (asks if writing)");
	CHECK(keymap_action_from_name("move-down") == ACT_MOVE_DOWN);
	CHECK(keymap_action_from_name("move_down") == ACT_MOVE_DOWN);
	CHECK(keymap_action_from_name("Move-Down") == ACT_MOVE_DOWN);
	CHECK(keymap_action_from_name("frobnicate") == ACT_NONE);
	CHECK(keymap_action_from_name("") == ACT_NONE);
	CHECK(keymap_action_from_name(NULL) == ACT_NONE);
	CHECK_STR(keymap_ctx_name(CTX_CONVERSATIONS), "conversations");
	CHECK(keymap_ctx_from_name("scan") == CTX_SCAN);
	CHECK(keymap_ctx_from_name("generic") == CTX_GENERIC);
	CHECK(keymap_ctx_from_name("nowhere") == -1);

	/* Every action: a name that maps back to it, a help text, no two alike. */
	for (a = 1; a < ACT__COUNT; a++) {
		CHECK((int)keymap_action_from_name(keymap_action_name(a)) == a);
		CHECK(keymap_action_help(a)[0] != '\0');
		for (b = a + 1; b < ACT__COUNT; b++)
			CHECK(strcmp(keymap_action_name(a), keymap_action_name(b)) != 0);
	}
	for (c = 0; c < CTX__COUNT; c++)
		CHECK(keymap_ctx_from_name(keymap_ctx_name(c)) == c);
}

static void mark_bound(enum keymap_ctx ctx, int k, enum keymap_action a, void *ud)
{
	((int *)ud)[a] = 1;
}

static void test_defaults_cover_actions(void)
{
	/* Actions allowed to have no default key (reached through menus or commands): schema-load
	 * is :schema-load since C opens the create-table form; export, import and save-screen take
	 * a file name, so they are :commands first (bound to a key, they ask for it). */
	static const enum keymap_action unbound_ok[] = {ACT_NONE, ACT_SCHEMA_LOAD, ACT_EXPORT,
	                                                ACT_IMPORT, ACT_SAVE_SCREEN};
	struct keymap *km = defaults();
	int bound[ACT__COUNT] = {0};
	int a, c;
	size_t i;

	for (c = 0; c < CTX__COUNT; c++)
		keymap_each(km, c, mark_bound, bound);
	for (i = 0; i < sizeof(unbound_ok) / sizeof(unbound_ok[0]); i++)
		bound[unbound_ok[i]] = 1;
	for (a = 1; a < ACT__COUNT; a++)
		if (!bound[a]) {
			printf("  no default key for '%s'\n", keymap_action_name(a));
			unit_case_failed = 1;
		}
	keymap_free(km);
}

/* The defaults the issue asks for, looked up as the views will. */
static void test_defaults_required(void)
{
	static const struct {
		enum keymap_ctx ctx;
		const char *key;
		enum keymap_action action;
	} want[] = {
	    {CTX_GENERIC, "?", ACT_HELP},
	    {CTX_GENERIC, "q", ACT_QUIT},
	    {CTX_GENERIC, "Esc", ACT_BACK},
	    {CTX_GENERIC, "Tab", ACT_FOCUS_NEXT},
	    {CTX_GENERIC, "S-Tab", ACT_FOCUS_PREV},
	    {CTX_GENERIC, "1", ACT_FOCUS_TABLES},
	    {CTX_GENERIC, "2", ACT_FOCUS_MAIN},
	    {CTX_GENERIC, "3", ACT_FOCUS_ITEM},
	    {CTX_GENERIC, "4", ACT_FOCUS_CONVERSATIONS},
	    {CTX_GENERIC, "j", ACT_MOVE_DOWN},
	    {CTX_GENERIC, "Down", ACT_MOVE_DOWN},
	    {CTX_GENERIC, "k", ACT_MOVE_UP},
	    {CTX_GENERIC, "Up", ACT_MOVE_UP},
	    {CTX_GENERIC, "PgDn", ACT_PAGE_DOWN},
	    {CTX_GENERIC, "PgUp", ACT_PAGE_UP},
	    {CTX_GENERIC, "g", ACT_MOVE_FIRST},
	    {CTX_GENERIC, "Home", ACT_MOVE_FIRST},
	    {CTX_GENERIC, "G", ACT_MOVE_LAST},
	    {CTX_GENERIC, "End", ACT_MOVE_LAST},
	    {CTX_GENERIC, "Enter", ACT_OPEN},
	    {CTX_GENERIC, "/", ACT_FILTER},
	    {CTX_GENERIC, ":", ACT_COMMAND},
	    {CTX_GENERIC, "r", ACT_REFRESH},
	    {CTX_GENERIC, "v", ACT_TOGGLE_RAW},
	    {CTX_GENERIC, "y", ACT_COPY},
	    {CTX_GENERIC, "c", ACT_CONVERSATIONS},
	    {CTX_GENERIC, "w", ACT_SEED_WIZARD},
	    {CTX_GENERIC, "C-c", ACT_CANCEL},
	    {CTX_GENERIC, "L", ACT_REQUEST_LOG},
	    {CTX_GENERIC, "h", ACT_SCROLL_LEFT},
	    {CTX_GENERIC, "Right", ACT_SCROLL_RIGHT},
	    {CTX_TABLES, "s", ACT_SCAN},
	    {CTX_TABLES, "i", ACT_DESCRIBE},
	    {CTX_TABLES, "D", ACT_DROP_TABLE},
	    {CTX_TABLES, "X", ACT_RECREATE},
	    {CTX_TABLES, "C", ACT_CREATE_TABLE},
	    {CTX_GENERIC, "Q", ACT_QUERY},
	    {CTX_QUERY, "R", ACT_RUN},
	    {CTX_CREATE, "R", ACT_RUN},
	    {CTX_SCAN, "m", ACT_LOAD_MORE},
	    {CTX_SCAN, "M", ACT_LOAD_ALL},
	    {CTX_SCAN, "o", ACT_SORT},
	    {CTX_SCAN, "<", ACT_COLUMN_PREV},
	    {CTX_SCAN, ">", ACT_COLUMN_NEXT},
	    {CTX_SCAN, "j", ACT_MOVE_DOWN}, /* through generic */
	    {CTX_ITEM, "Space", ACT_PAGE_DOWN},
	    {CTX_HELP, "Space", ACT_PAGE_DOWN},
	    {CTX_CONVERSATIONS, "N", ACT_NEW_CONVERSATION},
	    {CTX_CONVERSATIONS, "u", ACT_CHOOSE_USER},
	    {CTX_MESSAGES, "n", ACT_NEW_MESSAGE},
	    {CTX_MESSAGES, "N", ACT_NEW_CONVERSATION},
	    {CTX_MESSAGES, "q", ACT_QUIT},
	};
	struct keymap *km = defaults();
	size_t i;

	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		enum keymap_action got = keymap_lookup(km, want[i].ctx, key(want[i].key));

		if (got != want[i].action) {
			printf("  %s %s: got '%s', expected '%s'\n", keymap_ctx_name(want[i].ctx),
			       want[i].key, keymap_action_name(got),
			       keymap_action_name(want[i].action));
			unit_case_failed = 1;
		}
	}
	/* Scan-only keys stay out of the tables pane. */
	CHECK(keymap_lookup(km, CTX_TABLES, 'm') == ACT_NONE);
	CHECK(keymap_lookup(km, CTX_GENERIC, 's') == ACT_NONE);
	keymap_free(km);
}

static void test_lookup_fallback(void)
{
	struct keymap *km = keymap_new();

	keymap_bind(km, CTX_GENERIC, 'q', ACT_QUIT);
	CHECK(keymap_lookup(km, CTX_GENERIC, 'q') == ACT_QUIT);
	CHECK(keymap_lookup(km, CTX_SCAN, 'q') == ACT_QUIT);
	CHECK(keymap_lookup(km, CTX_LOG, 'q') == ACT_QUIT);
	CHECK(keymap_lookup(km, CTX_SCAN, 'x') == ACT_NONE);
	CHECK(keymap_lookup(km, CTX_GENERIC, KEY_CODE_F12) == ACT_NONE);
	keymap_bind(km, CTX_SCAN, 'm', ACT_LOAD_MORE);
	CHECK(keymap_lookup(km, CTX_SCAN, 'm') == ACT_LOAD_MORE);
	CHECK(keymap_lookup(km, CTX_GENERIC, 'm') == ACT_NONE); /* no fallback upwards */
	CHECK(keymap_lookup(km, CTX_TABLES, 'm') == ACT_NONE);
	keymap_free(km);
}

static void test_context_override(void)
{
	struct keymap *km = keymap_new();

	keymap_bind(km, CTX_GENERIC, 'q', ACT_QUIT);
	keymap_bind(km, CTX_HELP, 'q', ACT_BACK);
	CHECK(keymap_lookup(km, CTX_HELP, 'q') == ACT_BACK);
	CHECK(keymap_lookup(km, CTX_SCAN, 'q') == ACT_QUIT);
	CHECK(keymap_lookup(km, CTX_GENERIC, 'q') == ACT_QUIT);
	/* Binding again replaces. */
	keymap_bind(km, CTX_GENERIC, 'q', ACT_HELP);
	CHECK(keymap_lookup(km, CTX_SCAN, 'q') == ACT_HELP);
	keymap_free(km);
}

static void count_visit(enum keymap_ctx ctx, int k, enum keymap_action a, void *ud)
{
	(*(int *)ud)++;
}

static void test_unbind(void)
{
	struct keymap *km = keymap_new();
	int n = 0;

	keymap_bind(km, CTX_GENERIC, 'q', ACT_QUIT);
	keymap_bind(km, CTX_SCAN, 'q', ACT_BACK);
	keymap_unbind(km, CTX_SCAN, 'q');
	CHECK(keymap_lookup(km, CTX_SCAN, 'q') == ACT_QUIT); /* generic shows through */
	keymap_unbind(km, CTX_SCAN, 'q');                    /* not bound: nothing happens */
	keymap_unbind(km, CTX_GENERIC, 'q');
	CHECK(keymap_lookup(km, CTX_SCAN, 'q') == ACT_NONE);
	CHECK(keymap_lookup(km, CTX_GENERIC, 'q') == ACT_NONE);

	/* "none" hides the generic binding in one context only, and is not listed. */
	keymap_bind(km, CTX_GENERIC, 'q', ACT_QUIT);
	keymap_bind(km, CTX_SCAN, 'q', ACT_NONE);
	CHECK(keymap_lookup(km, CTX_SCAN, 'q') == ACT_NONE);
	CHECK(keymap_lookup(km, CTX_TABLES, 'q') == ACT_QUIT);
	keymap_each(km, CTX_SCAN, count_visit, &n);
	CHECK(n == 0);

	/* Unbinding from the middle keeps the others and their order. */
	keymap_bind(km, CTX_LOG, 'a', ACT_HELP);
	keymap_bind(km, CTX_LOG, 'b', ACT_BACK);
	keymap_bind(km, CTX_LOG, 'c', ACT_QUIT);
	keymap_unbind(km, CTX_LOG, 'b');
	CHECK(keymap_lookup(km, CTX_LOG, 'a') == ACT_HELP);
	CHECK(keymap_lookup(km, CTX_LOG, 'c') == ACT_QUIT);
	CHECK(keymap_lookup(km, CTX_LOG, 'b') == ACT_NONE);
	keymap_free(km);
}

static void check_name(int k, const char *name)
{
	char buf[16];

	CHECK_STR(keymap_key_name(k, buf, sizeof(buf)), name);
	if (keymap_key_parse(name) != k) {
		printf("  parse '%s': got %d, expected %d\n", name, keymap_key_parse(name), k);
		unit_case_failed = 1;
	}
}

static void test_key_names(void)
{
	char buf[16], name[16];
	int i;

	check_name(KEY_CODE_ENTER, "Enter");
	check_name(KEY_CODE_ESC, "Esc");
	check_name(KEY_CODE_TAB, "Tab");
	check_name(KEY_CODE_BTAB, "S-Tab");
	check_name(KEY_CODE_BACKSPACE, "Backspace");
	check_name(' ', "Space");
	check_name(KEY_CODE_UP, "Up");
	check_name(KEY_CODE_DOWN, "Down");
	check_name(KEY_CODE_LEFT, "Left");
	check_name(KEY_CODE_RIGHT, "Right");
	check_name(KEY_CODE_PGUP, "PgUp");
	check_name(KEY_CODE_PGDN, "PgDn");
	check_name(KEY_CODE_HOME, "Home");
	check_name(KEY_CODE_END, "End");
	check_name(KEY_CODE_INSERT, "Insert");
	check_name(KEY_CODE_DELETE, "Delete");
	for (i = 1; i <= 12; i++) {
		snprintf(name, sizeof(name), "F%d", i);
		check_name(KEY_CODE_F1 + i - 1, name);
	}
	/* Ctrl with a letter, but 9 and 13 are Tab and Enter; 8 stays C-h. */
	for (i = 'a'; i <= 'z'; i++) {
		snprintf(name, sizeof(name), "C-%c", i);
		CHECK(key(name) == i - 'a' + 1);
		if (i != 'i' && i != 'm')
			check_name(i - 'a' + 1, name);
	}
	check_name(3, "C-c");
	check_name(8, "C-h");
	CHECK(key("C-i") == KEY_CODE_TAB);
	CHECK(key("C-m") == KEY_CODE_ENTER);
	CHECK(key("C-C") == 3);
	/* Characters as themselves, in UTF-8. */
	check_name('q', "q");
	check_name('Q', "Q");
	check_name('?', "?");
	check_name('<', "<");
	check_name('>', ">");
	check_name('#', "#");
	check_name('~', "~");
	check_name(0xe9, "\xc3\xa9");            /* é */
	check_name(0x65e5, "\xe6\x97\xa5");      /* 日 */
	check_name(0x1f600, "\xf0\x9f\x98\x80"); /* an emoji, 4 bytes */
	/* Aliases and case. */
	CHECK(key("Return") == KEY_CODE_ENTER);
	CHECK(key("Escape") == KEY_CODE_ESC);
	CHECK(key("PageUp") == KEY_CODE_PGUP);
	CHECK(key("PageDown") == KEY_CODE_PGDN);
	CHECK(key("enter") == KEY_CODE_ENTER);
	CHECK(key("PGDN") == KEY_CODE_PGDN);
	CHECK(key("f5") == KEY_CODE_F1 + 4);
	CHECK(key("Hash") == '#');
	/* Not keys. */
	CHECK(key("") == -1);
	CHECK(key(" ") == -1);
	CHECK(key("\t") == -1);
	CHECK(key("qq") == -1);
	CHECK(key("F0") == -1);
	CHECK(key("F13") == -1);
	CHECK(key("F1x") == -1);
	CHECK(key("C-") == -1);
	CHECK(key("C-1") == -1);
	CHECK(key("C-ab") == -1);
	CHECK(key("Frob") == -1);
	CHECK(key("\xc3") == -1);         /* cut UTF-8 */
	CHECK(key("\xc0\xaf") == -1);     /* overlong */
	CHECK(key("\xed\xa0\x80") == -1); /* a surrogate */
	CHECK(key("U+D800") == -1);
	CHECK(key(NULL) == -1);
	/* Anything else still gets a name. */
	CHECK_STR(keymap_key_name(0x85, buf, sizeof(buf)), "U+0085");
	CHECK(key("U+0085") == 0x85);
	CHECK_STR(keymap_key_name(0, buf, sizeof(buf)), "C-Space");
	CHECK_STR(keymap_key_name(-5, buf, sizeof(buf)), "<unknown>");
	CHECK_STR(keymap_key_name(KEY_CODE_F12 + 1, buf, sizeof(buf)), "<unknown>");
	CHECK_STR(keymap_key_name(KEY_CODE_BACKSPACE, buf, 5), "Back"); /* truncated, terminated */
}

static void test_parse(void)
{
	struct keymap *km = keymap_new();
	char err[256];
	static const char text[] = "# a comment\n"
	                           "\n"
	                           "   # an indented comment\n"
	                           "\t\n"
	                           "bind generic q quit\n"
	                           "  bind\tscan   m   load-more   # a trailing comment\n"
	                           "bind generic # help\n"
	                           "bind generic \xc3\xa9 refresh\n"
	                           "unbind generic q\n"
	                           "bind generic C-l refresh"; /* no final newline */

	CHECK(parse(km, text, err, sizeof(err)) == 0);
	CHECK_STR(err, "");
	CHECK(keymap_lookup(km, CTX_GENERIC, 'q') == ACT_NONE);
	CHECK(keymap_lookup(km, CTX_SCAN, 'm') == ACT_LOAD_MORE);
	CHECK(keymap_lookup(km, CTX_GENERIC, '#') == ACT_HELP);
	CHECK(keymap_lookup(km, CTX_GENERIC, 0xe9) == ACT_REFRESH);
	CHECK(keymap_lookup(km, CTX_GENERIC, 12) == ACT_REFRESH);
	keymap_free(km);

	/* CRLF line ends, a BOM, and "none". */
	km = keymap_new();
	CHECK(
	    parse(km,
	          "\xef\xbb\xbf# keys\r\nbind generic q quit\r\n\r\nbind scan q none\r\n  # x\r\n",
	          err, sizeof(err)) == 0);
	CHECK_STR(err, "");
	CHECK(keymap_lookup(km, CTX_TABLES, 'q') == ACT_QUIT);
	CHECK(keymap_lookup(km, CTX_SCAN, 'q') == ACT_NONE);
	keymap_free(km);

	/* Only len bytes are read. */
	km = keymap_new();
	CHECK(keymap_parse(km, "bind generic q quit\nbind generic x frob", 20, "keys", err,
	                   sizeof(err)) == 0);
	CHECK(keymap_lookup(km, CTX_GENERIC, 'q') == ACT_QUIT);
	CHECK(keymap_parse(km, "", 0, "keys", err, sizeof(err)) == 0);
	keymap_free(km);
}

static void check_error(const char *text, const char *expected)
{
	struct keymap *km = keymap_new();
	char err[256];

	CHECK(parse(km, text, err, sizeof(err)) == -1);
	CHECK_STR(err, expected);
	keymap_free(km);
}

static void test_parse_errors(void)
{
	struct keymap *km;
	char err[256], small[12];

	check_error("# keys\n\nbind generic q quit\n  # x\nbind generic x frobnicate\n",
	            "keys:5: unknown action 'frobnicate'");
	check_error("bind nowhere q quit", "keys:1: unknown context 'nowhere'");
	check_error("\n\nbind generic Frob quit\n", "keys:3: unknown key 'Frob'");
	check_error("bind generic q\n", "keys:1: expected 'bind CONTEXT KEY ACTION'");
	check_error("bind generic q quit extra\n", "keys:1: expected 'bind CONTEXT KEY ACTION'");
	check_error("bind\n", "keys:1: expected 'bind CONTEXT KEY ACTION'");
	check_error("bind generic q #\n", "keys:1: unknown action '#'");
	check_error("bind generic q # quit\n", "keys:1: expected 'bind CONTEXT KEY ACTION'");
	check_error("unbind generic\n", "keys:1: expected 'unbind CONTEXT KEY'");
	check_error("unbind generic q quit\n", "keys:1: expected 'unbind CONTEXT KEY'");
	check_error("unbind generic Frob\n", "keys:1: unknown key 'Frob'");
	check_error("set foo bar\n",
	            "keys:1: unknown statement 'set' (expected 'bind CONTEXT KEY ACTION' or "
	            "'unbind CONTEXT KEY')");
	check_error("Bind generic q quit\n",
	            "keys:1: unknown statement 'Bind' (expected 'bind CONTEXT KEY ACTION' or "
	            "'unbind CONTEXT KEY')");
	/* CRLF does not shift the line count; controls are not echoed; long words are cut. */
	check_error("# x\r\n\r\nbind generic q quit\r\nbind generic \x1b[A quit\r\n",
	            "keys:4: unknown key '?[A'");
	check_error(
	    "bind generic q "
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n",
	    "keys:1: unknown action 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...'");

	/* The lines before the bad one stay bound, those after are not read. */
	km = keymap_new();
	CHECK(parse(km, "bind generic q quit\nbind generic x nope\nbind generic y help\n", err,
	            sizeof(err)) == -1);
	CHECK_STR(err, "keys:2: unknown action 'nope'");
	CHECK(keymap_lookup(km, CTX_GENERIC, 'q') == ACT_QUIT);
	CHECK(keymap_lookup(km, CTX_GENERIC, 'y') == ACT_NONE);
	/* A NUL byte, a small or missing error buffer, no source name. */
	CHECK(keymap_parse(km, "bind generic q\0 quit\n", 21, "keys", err, sizeof(err)) == -1);
	CHECK_STR(err, "keys:1: NUL byte in the line");
	CHECK(parse(km, "bind generic x nope\n", small, sizeof(small)) == -1);
	CHECK_STR(small, "keys:1: unk");
	CHECK(parse(km, "bind generic x nope\n", NULL, 0) == -1);
	CHECK(keymap_parse(km, "bind x", 6, NULL, err, sizeof(err)) == -1);
	CHECK_STR(err, "keys:1: expected 'bind CONTEXT KEY ACTION'");
	keymap_free(km);
}

static const char *write_file(const char *name, const char *text)
{
	static char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", tmp_dir, name);
	f = fopen(path, "w");
	CHECK(f != NULL);
	if (f) {
		fputs(text, f);
		fclose(f);
	}
	return path;
}

static void test_user_file(void)
{
	struct keymap *km = defaults();
	const char *path;
	char err[512], want[600];

	path = write_file("keys", "# mine\n"
	                          "bind generic q back\n"
	                          "unbind generic j\n"
	                          "bind scan j move-up\n"
	                          "bind generic x quit\n");
	CHECK(keymap_load_file(km, path, err, sizeof(err)) == 0);
	CHECK_STR(err, "");
	CHECK(keymap_lookup(km, CTX_TABLES, 'q') == ACT_BACK);
	CHECK(keymap_lookup(km, CTX_TABLES, 'j') == ACT_NONE);
	CHECK(keymap_lookup(km, CTX_TABLES, KEY_CODE_DOWN) == ACT_MOVE_DOWN);
	CHECK(keymap_lookup(km, CTX_SCAN, 'j') == ACT_MOVE_UP);
	CHECK(keymap_lookup(km, CTX_GENERIC, 'x') == ACT_QUIT);
	CHECK(keymap_lookup(km, CTX_SCAN, 'm') == ACT_LOAD_MORE); /* defaults untouched */

	/* Errors name the file. */
	path = write_file("bad", "bind generic q quit\n\nbind generic Frob quit\n");
	CHECK(keymap_load_file(km, path, err, sizeof(err)) == -1);
	snprintf(want, sizeof(want), "%s:3: unknown key 'Frob'", path);
	CHECK_STR(err, want);
	keymap_free(km);
}

static void test_missing_file(void)
{
	struct keymap *km = keymap_new();
	char err[512] = "stale", path[512];

	CHECK(keymap_load_file(km, "/nonexistent/ddbtui/keys", err, sizeof(err)) == 0);
	CHECK_STR(err, "");
	snprintf(path, sizeof(path), "%s/none", tmp_dir);
	CHECK(keymap_load_file(km, path, err, sizeof(err)) == 0);
	/* Through a regular file as if it were a directory: still "no such file". */
	snprintf(path, sizeof(path), "%s/keys/sub", tmp_dir);
	CHECK(keymap_load_file(km, path, err, sizeof(err)) == 0);
	/* Unreadable (a directory): an error that names it. */
	CHECK(keymap_load_file(km, tmp_dir, err, sizeof(err)) == -1);
	CHECK(strncmp(err, tmp_dir, strlen(tmp_dir)) == 0 && err[strlen(tmp_dir)] == ':');
	keymap_free(km);
}

struct each_log {
	char text[256];
	enum keymap_ctx ctx;
};

static void log_visit(enum keymap_ctx ctx, int k, enum keymap_action a, void *ud)
{
	struct each_log *log = ud;
	char name[16];
	size_t used = strlen(log->text);

	CHECK(ctx == log->ctx);
	snprintf(log->text + used, sizeof(log->text) - used, "%s%s=%s", used ? " " : "",
	         keymap_key_name(k, name, sizeof(name)), keymap_action_name(a));
}

static void test_each_order(void)
{
	struct keymap *km = keymap_new();
	struct each_log log = {"", CTX_SCAN};

	keymap_bind(km, CTX_GENERIC, 'q', ACT_QUIT);
	keymap_bind(km, CTX_SCAN, 'z', ACT_SORT);
	keymap_bind(km, CTX_SCAN, 'a', ACT_LOAD_MORE);
	keymap_bind(km, CTX_SCAN, KEY_CODE_F1 + 4, ACT_REFRESH);
	keymap_bind(km, CTX_SCAN, 'm', ACT_LOAD_ALL);
	keymap_bind(km, CTX_SCAN, 'a', ACT_COLUMN_NEXT); /* rebinding keeps the place */
	keymap_each(km, CTX_SCAN, log_visit, &log);
	CHECK_STR(log.text, "z=sort a=column-next F5=refresh m=load-all");

	/* The defaults, in file order. */
	keymap_free(km);
	km = defaults();
	log.text[0] = '\0';
	log.ctx = CTX_SCAN;
	keymap_each(km, CTX_SCAN, log_visit, &log);
	CHECK_STR(log.text,
	          "m=load-more M=load-all o=sort <=column-prev >=column-next f=columns "
	          "==fit-columns e=edit-item a=new-item p=duplicate-item x=delete-item Space=mark "
	          "V=mark-range *=mark-all");
	keymap_free(km);
}

static void test_keys_for(void)
{
	struct keymap *km = defaults();
	char buf[64], small[6];

	keymap_keys_for(km, CTX_GENERIC, ACT_MOVE_DOWN, buf, sizeof(buf));
	CHECK_STR(buf, "j, Down");
	keymap_keys_for(km, CTX_GENERIC, ACT_PAGE_DOWN, buf, sizeof(buf));
	CHECK_STR(buf, "PgDn, C-f");
	keymap_keys_for(km, CTX_GENERIC, ACT_HELP, buf, sizeof(buf));
	CHECK_STR(buf, "?, F1");
	keymap_keys_for(km, CTX_SCAN, ACT_LOAD_MORE, buf, sizeof(buf));
	CHECK_STR(buf, "m");
	keymap_keys_for(km, CTX_SCAN, ACT_MOVE_DOWN, buf, sizeof(buf)); /* only its own */
	CHECK_STR(buf, "");
	keymap_keys_for(km, CTX_GENERIC, ACT_SORT, buf, sizeof(buf));
	CHECK_STR(buf, "");
	/* Whole names only. */
	keymap_keys_for(km, CTX_GENERIC, ACT_MOVE_DOWN, small, sizeof(small));
	CHECK_STR(small, "j");
	keymap_keys_for(km, CTX_GENERIC, ACT_MOVE_DOWN, small, 1);
	CHECK_STR(small, "");
	keymap_free(km);
}

/* The :commands: each is an action, found by every name, with its argument's kind. */
static void test_commands(void)
{
	const struct keymap_command *c, *d;
	int n = 0;

	for (c = keymap_commands; c->name; c++, n++) {
		CHECK(c->action > ACT_NONE && c->action < ACT__COUNT);
		CHECK(c->args != NULL && c->help != NULL && c->help[0]);
		CHECK(keymap_command_find(c->name) == c); /* no name twice */
		for (d = keymap_commands; d < c; d++)
			CHECK(strcmp(d->name, c->name) != 0);
	}
	CHECK(n >= 15);
	CHECK(keymap_command_find("scan")->action == ACT_SCAN);
	CHECK(keymap_command_find("q!")->action == ACT_QUIT_NOW);
	CHECK(keymap_command_find("quit")->action == ACT_QUIT);
	CHECK(keymap_command_find("seed")->action == ACT_SEED_WIZARD);
	CHECK(keymap_command_find("log")->action == ACT_REQUEST_LOG);
	CHECK(keymap_command_find("frobnicate") == NULL);
	CHECK(keymap_command_find("") == NULL);
	CHECK(keymap_command_find(NULL) == NULL);
	CHECK(keymap_command_of(ACT_QUIT) == keymap_command_find("q"));
	CHECK(keymap_command_of(ACT_MOVE_DOWN) == NULL);
	/* required and optional arguments */
	CHECK(keymap_command_needs_arg(keymap_command_find("export")));
	CHECK(keymap_command_needs_arg(keymap_command_find("import")));
	CHECK(keymap_command_needs_arg(keymap_command_find("save-screen")));
	CHECK(!keymap_command_needs_arg(keymap_command_find("scan")));
	CHECK(!keymap_command_needs_arg(keymap_command_find("drop"))); /* the selected table */
	CHECK(!keymap_command_needs_arg(keymap_command_find("seed")));
	/* q and quit are one entry of the help, q! (quit at once) one of its own, as scan */
	CHECK(keymap_command_group_end(keymap_command_find("q")) ==
	      keymap_command_find("quit") + 1);
	CHECK(keymap_command_group_end(keymap_command_find("scan")) ==
	      keymap_command_find("scan") + 1);
	/* an action of a command is a bindable action like any other */
	CHECK(keymap_action_from_name("export") == ACT_EXPORT);
	CHECK(keymap_action_from_name("save-screen") == ACT_SAVE_SCREEN);
}

int main(void)
{
	char path[512];

	if (!mkdtemp(tmp_dir)) {
		perror("mkdtemp");
		return 1;
	}
	RUN(test_defaults_load);
	RUN(test_names);
	RUN(test_defaults_cover_actions);
	RUN(test_defaults_required);
	RUN(test_lookup_fallback);
	RUN(test_context_override);
	RUN(test_unbind);
	RUN(test_key_names);
	RUN(test_parse);
	RUN(test_parse_errors);
	RUN(test_user_file);
	RUN(test_missing_file);
	RUN(test_each_order);
	RUN(test_keys_for);
	RUN(test_commands);
	snprintf(path, sizeof(path), "%s/keys", tmp_dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/bad", tmp_dir);
	unlink(path);
	rmdir(tmp_dir);
	UNIT_EXIT();
}
