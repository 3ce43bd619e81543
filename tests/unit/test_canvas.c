/* test_canvas.c - the cell grid (wide characters, clipping, invalid UTF-8, golden dumps) and the
 * one-line editor (moves by character, kills, limits, scrolling). No curses. */
#include <limits.h>
#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "keymaps/keymap.h"
#include "tui/canvas.h"
#include "tui/lineedit.h"
#include "unit.h"

#define CTRL(c) ((c)&0x1F)

/* The canvas dumped as text, in a static buffer (checks use it inline). */
static const char *dump(const struct canvas *cv)
{
	static char out[8192];
	FILE *f = tmpfile();
	size_t n;

	if (!f)
		return "(tmpfile failed)";
	canvas_dump(cv, f);
	rewind(f);
	n = fread(out, 1, sizeof(out) - 1, f);
	out[n] = '\0';
	fclose(f);
	return out;
}

/* The structural rules of the grid: a 0 cell only right of a wide head, every wide head followed
 * by a 0 cell, nothing that is not shown as is (controls, U+FFFD, zero-width). */
static int valid(const struct canvas *cv)
{
	int x, y, wd;

	for (y = 0; y < cv->h; y++) {
		const struct cell *row = cv->cells + (size_t)y * (size_t)cv->w;
		for (x = 0; x < cv->w; x++) {
			if (row[x].ch == 0) {
				if (x == 0 || row[x - 1].ch == 0 ||
				    wcwidth((wchar_t)row[x - 1].ch) != 2)
					return 0;
				continue;
			}
			wd = wcwidth((wchar_t)row[x].ch);
			if (wd < 1 || row[x].ch == 0xFFFD)
				return 0;
			if (wd == 2 && (x + 1 >= cv->w || row[x + 1].ch != 0))
				return 0;
		}
	}
	return 1;
}

static void fill_dots(struct canvas *cv)
{
	canvas_fill(cv, (struct rect){0, 0, cv->w, cv->h}, '.', ST_NORMAL);
}

static void test_ascii(void)
{
	struct canvas cv;

	canvas_init(&cv, 10, 3);
	CHECK(canvas_text(&cv, 1, 0, 20, "hello", ST_BOLD) == 5);
	CHECK(canvas_text(&cv, 0, 2, 3, "world", ST_NORMAL) == 3);
	CHECK_STR(dump(&cv), " hello\n\nwor\n");
	CHECK(cv.cells[1].ch == 'h' && cv.cells[1].style == ST_BOLD);
	CHECK(cv.cells[0].style == ST_NORMAL);
	CHECK(cv.cursor_x == -1 && cv.cursor_y == -1);
	CHECK(canvas_text(&cv, 0, 1, 10, "", ST_NORMAL) == 0);
	CHECK(canvas_text(&cv, 0, 1, 10, NULL, ST_NORMAL) == 0);
	CHECK(canvas_textn(&cv, 0, 1, 10, "abcdef", 3, ST_NORMAL) == 3);
	CHECK_STR(dump(&cv), " hello\nabc\nwor\n");
	canvas_clear(&cv);
	CHECK_STR(dump(&cv), "\n\n\n");
	canvas_done(&cv);
}

static void test_unicode(void)
{
	struct canvas cv;

	canvas_init(&cv, 12, 5);
	CHECK(canvas_text(&cv, 0, 0, 12, "caf\xc3\xa9!", ST_NORMAL) == 5);  /* é precomposed */
	CHECK(canvas_text(&cv, 0, 1, 12, "cafe\xcc\x81!", ST_NORMAL) == 5); /* e + U+0301 */
	CHECK(canvas_text(&cv, 0, 2, 12, "日本語", ST_NORMAL) == 6);
	CHECK(canvas_text(&cv, 1, 3, 12, "\xf0\x9f\x98\x80", ST_NORMAL) == 2); /* 😀 */
	CHECK(canvas_text(&cv, 0, 4, 12, "a日b😀cé", ST_NORMAL) == 8);
	CHECK_STR(dump(&cv), "café!\ncafe!\n日本語\n 😀\na日b😀cé\n");
	CHECK(cv.cells[2 * 12 + 0].ch == 0x65E5 && cv.cells[2 * 12 + 1].ch == 0);
	CHECK(cv.cells[3 * 12 + 1].ch == 0x1F600 && cv.cells[3 * 12 + 2].ch == 0);
	CHECK(valid(&cv));
	canvas_done(&cv);
}

static void test_clip_right(void)
{
	struct canvas cv;

	canvas_init(&cv, 5, 3);
	fill_dots(&cv);
	/* The canvas edge cuts 日: a space, not half of it. */
	CHECK(canvas_text(&cv, 0, 0, 100, "abcd日", ST_NORMAL) == 5);
	CHECK(cv.cells[4].ch == ' ');
	/* maxw cuts 本. */
	CHECK(canvas_text(&cv, 0, 1, 3, "日本語", ST_NORMAL) == 3);
	/* Starting at the last column. */
	CHECK(canvas_text(&cv, 4, 2, 10, "日x", ST_NORMAL) == 1);
	CHECK_STR(dump(&cv), "abcd\n日 ..\n....\n");
	CHECK(cv.cells[2 * 5 + 4].ch == ' ');
	CHECK(canvas_text(&cv, 5, 0, 10, "zz", ST_NORMAL) == 0);
	CHECK(canvas_text(&cv, 0, 0, 0, "zz", ST_NORMAL) == 0);
	CHECK(canvas_text(&cv, 0, 0, -5, "zz", ST_NORMAL) == 0);
	CHECK(valid(&cv));
	canvas_done(&cv);
}

static void test_overwrite_half(void)
{
	struct canvas cv;

	canvas_init(&cv, 8, 4);
	canvas_text(&cv, 0, 0, 8, "日本", ST_NORMAL);
	canvas_text(&cv, 1, 0, 8, "x", ST_NORMAL); /* the right half of 日 */
	CHECK_STR(dump(&cv), " x本\n\n\n\n");
	canvas_text(&cv, 2, 0, 8, "y", ST_NORMAL); /* the left half of 本 */
	CHECK_STR(dump(&cv), " xy\n\n\n\n");
	CHECK(cv.cells[3].ch == ' ');

	canvas_text(&cv, 0, 1, 8, "日本", ST_NORMAL);
	canvas_text(&cv, 1, 1, 8, "語", ST_NORMAL); /* straddles both */
	canvas_text(&cv, 0, 2, 8, "日本", ST_NORMAL);
	canvas_fill(&cv, (struct rect){1, 2, 1, 1}, '.', ST_NORMAL);
	canvas_text(&cv, 0, 3, 8, "ab日", ST_NORMAL);
	canvas_text(&cv, 1, 3, 8, "😀", ST_NORMAL); /* over b and the left half of 日 */
	CHECK_STR(dump(&cv), " xy\n 語\n .本\na😀\n");
	CHECK(valid(&cv));
	canvas_done(&cv);
}

static void test_negative(void)
{
	struct canvas cv;

	canvas_init(&cv, 6, 3);
	CHECK(canvas_text(&cv, -1, 0, 10, "abc", ST_NORMAL) == 3);
	CHECK(canvas_text(&cv, -1, 1, 10, "日b", ST_NORMAL) == 3); /* half of 日 on the edge */
	CHECK(canvas_text(&cv, -2, 2, 10, "日b", ST_NORMAL) == 3);
	CHECK_STR(dump(&cv), "bc\n b\nb\n");
	CHECK(canvas_text(&cv, 0, -1, 10, "zz", ST_NORMAL) == 2);
	CHECK(canvas_text(&cv, 0, 3, 10, "zz", ST_NORMAL) == 2);
	CHECK(canvas_text(&cv, INT_MIN, 0, INT_MAX, "zz", ST_NORMAL) == 2);
	CHECK(canvas_text(&cv, INT_MAX, 0, INT_MAX, "zz", ST_NORMAL) == 0);
	CHECK(canvas_text(&cv, 0, INT_MIN, INT_MAX, "zz", ST_NORMAL) == 2);
	CHECK(canvas_text_from(&cv, INT_MIN, INT_MAX, INT_MAX, "zz", INT_MAX, ST_NORMAL) == 0);
	CHECK(canvas_text_from(&cv, 0, 0, 10, "zz", INT_MIN, ST_NORMAL) == 2);
	canvas_fill(&cv, (struct rect){INT_MIN, INT_MIN, INT_MAX, INT_MAX}, 'q', ST_NORMAL);
	canvas_fill(&cv, (struct rect){INT_MAX, INT_MAX, INT_MAX, INT_MAX}, 'q', ST_NORMAL);
	canvas_fill(&cv, (struct rect){-3, -3, -1, 5}, 'q', ST_NORMAL);
	canvas_style(&cv, (struct rect){INT_MIN, INT_MIN, INT_MAX, INT_MAX}, ST_BOLD);
	canvas_style(&cv, (struct rect){INT_MAX - 1, 0, INT_MAX, 1}, ST_BOLD);
	CHECK_STR(dump(&cv), "zz\n b\nb\n");
	/* A rectangle larger than the canvas on every side. */
	canvas_fill(&cv, (struct rect){-4, -4, 8, 8}, '#', ST_DIM);
	CHECK_STR(dump(&cv), "####\n####\n####\n");
	canvas_done(&cv);
}

static void test_tiny(void)
{
	struct canvas cv;

	canvas_init(&cv, 1, 1);
	CHECK(canvas_text(&cv, 0, 0, 5, "日", ST_NORMAL) == 1);
	CHECK(cv.cells[0].ch == ' ');
	CHECK(canvas_text(&cv, 0, 0, 5, "ab", ST_NORMAL) == 1);
	CHECK_STR(dump(&cv), "a\n");
	CHECK(canvas_text_from(&cv, 0, 0, 5, "日本", 1, ST_NORMAL) == 1);
	CHECK(cv.cells[0].ch == ' ');
	CHECK(canvas_text(&cv, -1, 0, 5, "😀", ST_NORMAL) == 2); /* its right half: a space */
	CHECK(cv.cells[0].ch == ' ');
	canvas_fill(&cv, (struct rect){0, 0, 5, 5}, 0x65E5, ST_NORMAL); /* wide fill: no room */
	CHECK(cv.cells[0].ch == ' ');
	canvas_fill(&cv, (struct rect){0, 0, 5, 5}, 'x', ST_NORMAL);
	CHECK_STR(dump(&cv), "x\n");
	CHECK(valid(&cv));
	canvas_resize(&cv, 0, 0);
	CHECK(canvas_text(&cv, 0, 0, 5, "ab", ST_NORMAL) == 0);
	canvas_fill(&cv, (struct rect){0, 0, 5, 5}, 'x', ST_NORMAL);
	CHECK_STR(dump(&cv), "");
	canvas_resize(&cv, -3, 7);
	CHECK(cv.w == 0 && cv.h == 0);
	canvas_resize(&cv, 3, 2);
	canvas_fill(&cv, (struct rect){0, 0, 3, 2}, 0x65E5, ST_NORMAL);
	CHECK_STR(dump(&cv), "日\n日\n");
	CHECK(valid(&cv));
	canvas_done(&cv);
	canvas_done(&cv); /* twice is harmless */
}

static void test_huge(void)
{
	struct canvas cv;
	size_t n = 1 << 20, i;
	char *big = malloc(n * 3 + 1);

	if (!big) {
		CHECK(big != NULL);
		return;
	}
	for (i = 0; i < n; i++)
		memcpy(big + i * 3, "日", 3);
	big[n * 3] = '\0';
	canvas_init(&cv, 7, 2);
	CHECK(canvas_text(&cv, 0, 0, INT_MAX, big, ST_NORMAL) == 7);
	CHECK(canvas_text_from(&cv, 0, 1, INT_MAX, big, 1, ST_NORMAL) == 7);
	CHECK_STR(dump(&cv), "日日日\n 日日日\n");
	CHECK(text_width(big) == (int)(2 * n));
	CHECK(text_fit(big, 5) == 6);
	CHECK(text_fit(big, INT_MAX) == n * 3);
	memset(big, 'x', n * 3);
	CHECK(canvas_text(&cv, -1000000, 0, INT_MAX, big, ST_NORMAL) == 1000007);
	CHECK_STR(dump(&cv), "xxxxxxx\n 日日日\n");
	CHECK(valid(&cv));
	canvas_done(&cv);
	free(big);
}

static void test_invalid_utf8(void)
{
	struct canvas cv;
	const char *bad = "a\xff"
	                  "b\xc3(c\xc0\xaf|\xed\xa0\x80|\xef\xbf\xbd|\xf4\x90\x80\x80|\xe6\x97";

	canvas_init(&cv, 30, 2);
	CHECK(canvas_text(&cv, 0, 0, 30, bad, ST_NORMAL) == text_width(bad));
	CHECK_STR(dump(&cv), "a?b?(c??|???|?|????|??\n\n");
	CHECK(text_width(bad) == 22);
	/* A truncated sequence at the end of a counted buffer. */
	CHECK(canvas_textn(&cv, 0, 1, 30, "日本", 4, ST_NORMAL) == 3);
	CHECK_STR(dump(&cv), "a?b?(c??|???|?|????|??\n日?\n");
	CHECK(valid(&cv));
	canvas_done(&cv);
}

static void test_control(void)
{
	struct canvas cv;
	const char *s = "a\tb\x01"
	                "c\x7f\xc2\x85"
	                "d\x1b[0m\n";

	canvas_init(&cv, 20, 1);
	CHECK(canvas_text(&cv, 0, 0, 20, s, ST_NORMAL) == 13);
	CHECK_STR(dump(&cv), "a b?c??d?[0m?\n");
	CHECK(text_width(s) == 13);
	/* An embedded NUL in a counted buffer is a control character too. */
	CHECK(canvas_textn(&cv, 0, 0, 20, "x\0y", 3, ST_NORMAL) == 3);
	CHECK_STR(dump(&cv), "x?y?c??d?[0m?\n");
	/* Zero-width characters are skipped: ZWSP, ZWJ, a variation selector. */
	canvas_clear(&cv);
	CHECK(canvas_text(&cv, 0, 0, 20,
	                  "a\xe2\x80\x8b"
	                  "b\xe2\x80\x8d"
	                  "c\xef\xb8\x8f",
	                  ST_NORMAL) == 3);
	CHECK_STR(dump(&cv), "abc\n");
	CHECK(valid(&cv));
	canvas_done(&cv);
}

static void test_text_from(void)
{
	struct canvas cv;

	canvas_init(&cv, 8, 7);
	CHECK(canvas_text_from(&cv, 0, 0, 8, "日本語", 0, ST_NORMAL) == 6);
	CHECK(canvas_text_from(&cv, 0, 1, 8, "日本語", 1, ST_NORMAL) == 5);
	CHECK(canvas_text_from(&cv, 0, 2, 8, "日本語", 2, ST_NORMAL) == 4);
	CHECK(canvas_text_from(&cv, 0, 3, 8, "日本語", 3, ST_NORMAL) == 3);
	CHECK(canvas_text_from(&cv, 0, 4, 8, "日本語", 6, ST_NORMAL) == 0);
	CHECK(canvas_text_from(&cv, 0, 5, 3, "日本語", 1, ST_NORMAL) == 3);
	CHECK(canvas_text_from(&cv, 2, 6, 8, "ab日cd", 3, ST_NORMAL) == 3);
	CHECK_STR(dump(&cv), "日本語\n 本語\n本語\n 語\n\n 本\n   cd\n");
	CHECK(valid(&cv));
	canvas_done(&cv);
}

static void test_fill_style(void)
{
	struct canvas cv;

	canvas_init(&cv, 6, 2);
	canvas_text(&cv, 0, 0, 6, "abcdef", ST_NORMAL);
	canvas_style(&cv, (struct rect){1, 0, 2, 5}, ST_SELECTED);
	CHECK(cv.cells[0].style == ST_NORMAL && cv.cells[1].style == ST_SELECTED &&
	      cv.cells[2].style == ST_SELECTED && cv.cells[3].style == ST_NORMAL);
	CHECK(cv.cells[7].style == ST_SELECTED);
	CHECK_STR(dump(&cv), "abcdef\n\n");
	canvas_fill(&cv, (struct rect){4, 0, 10, 10}, '-', ST_BORDER);
	canvas_fill(&cv, (struct rect){0, 1, 5, 1}, 0x65E5, ST_NORMAL); /* 日日 and a space */
	canvas_fill(&cv, (struct rect){0, 0, 1, 1}, '\t', ST_NORMAL);   /* a space */
	canvas_fill(&cv, (struct rect){1, 0, 1, 1}, 0x301, ST_NORMAL);  /* zero-width: a space */
	CHECK_STR(dump(&cv), "  cd--\n日日 -\n");
	CHECK(cv.cells[4].style == ST_BORDER);
	CHECK(valid(&cv));
	canvas_done(&cv);
}

/* Random writes never break the grid's rules nor write outside it (ASan/valgrind watch). */
static void test_random(void)
{
	static const char *pieces[] = {"a", "日", "😀", "é", "e\xcc\x81", "\xff", "\t", "\x01", " "};
	struct canvas cv;
	unsigned seed = 12345;
	char s[64];
	int i, j, ok = 1;

	canvas_init(&cv, 9, 4);
	for (i = 0; i < 20000 && ok; i++) {
		int k = (int)((seed = seed * 1103515245u + 12345u) >> 16) % 6;
		int x = (int)((seed = seed * 1103515245u + 12345u) >> 16) % 15 - 3;
		int y = (int)((seed = seed * 1103515245u + 12345u) >> 16) % 7 - 1;
		int mw = (int)((seed = seed * 1103515245u + 12345u) >> 16) % 12 - 1;

		s[0] = '\0';
		for (j = 0; j < k; j++)
			strcat(s, pieces[((seed = seed * 1103515245u + 12345u) >> 16) % 9]);
		if (i % 7 == 0)
			canvas_fill(&cv, (struct rect){x, y, mw, 2}, i % 2 ? 0x65E5 : '.', ST_DIM);
		else if (i % 3 == 0)
			canvas_text_from(&cv, x, y, mw, s, mw / 3, ST_NORMAL);
		else if (canvas_text(&cv, x, y, mw, s, ST_NORMAL) > (mw < 0 ? 0 : mw))
			ok = 0;
		ok = ok && valid(&cv);
	}
	CHECK(ok);
	canvas_done(&cv);
}

static void test_width_fit(void)
{
	static const char *samples[] = {"",       "abc", "café",         "cafe\xcc\x81",
	                                "日本語", "a😀b", "a\tb\x01\xff", "ab日cd😀é\xe6\x97"};
	struct canvas cv;
	size_t i;
	int c;

	CHECK(text_width("") == 0);
	CHECK(text_width(NULL) == 0);
	CHECK(text_width("abc") == 3);
	CHECK(text_width("日本語") == 6);
	CHECK(text_width("😀") == 2);
	CHECK(text_width("cafe\xcc\x81") == 4);
	CHECK(text_widthn("日本語", 3) == 2);
	CHECK(text_widthn("日本語", 4) == 3); /* a truncated character counts as '?' */
	CHECK(text_fit("a日本", 0) == 0);
	CHECK(text_fit("a日本", 1) == 1);
	CHECK(text_fit("a日本", 2) == 1);
	CHECK(text_fit("a日本", 3) == 4);
	CHECK(text_fit("a日本", 100) == 7);
	CHECK(text_fit("e\xcc\x81x", 1) == 3); /* the combining accent stays with its letter */
	CHECK(text_fit("abc", -1) == 0);
	CHECK(text_fit(NULL, 3) == 0);
	/* canvas_text writes what text_fit keeps, in text_width columns. */
	canvas_init(&cv, 40, 1);
	for (i = 0; i < sizeof(samples) / sizeof(samples[0]); i++) {
		CHECK(canvas_text(&cv, 0, 0, 40, samples[i], ST_NORMAL) == text_width(samples[i]));
		for (c = 0; c <= text_width(samples[i]); c++) {
			size_t fit = text_fit(samples[i], c);
			int fw = text_widthn(samples[i], fit);

			CHECK(fw <= c);
			CHECK(fw >= c - 1);
			CHECK(canvas_text(&cv, 0, 0, c, samples[i], ST_NORMAL) == c);
			CHECK(canvas_textn(&cv, 0, 0, 40, samples[i], fit, ST_NORMAL) == fw);
		}
	}
	canvas_done(&cv);
}

static void test_utf8_round_trip(void)
{
	static const uint32_t cps[] = {
	    0,      1,      0x7F,   0x80,    0x7FF,   0x800,   0xFFF,   0x1000,   0xD7FF,  0xE000,
	    0xFFFD, 0xFFFE, 0xFFFF, 0x10000, 0x3FFFF, 0x40000, 0xFFFFF, 0x100000, 0x10FFFF};
	static const int lens[] = {1, 1, 1, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3, 4, 4, 4, 4, 4, 4};
	char buf[4];
	size_t i;
	int n, len;

	for (i = 0; i < sizeof(cps) / sizeof(cps[0]); i++) {
		n = utf8_encode(cps[i], buf);
		CHECK(n == lens[i]);
		CHECK(utf8_decode(buf, (size_t)n, &len) == cps[i]);
		CHECK(len == n);
		/* One byte short is invalid. */
		if (n > 1) {
			CHECK(utf8_decode(buf, (size_t)n - 1, &len) == 0xFFFD);
			CHECK(len == 1);
		}
	}
	/* Not encodable: U+FFFD. */
	CHECK(utf8_encode(0xD800, buf) == 3 && memcmp(buf, "\xef\xbf\xbd", 3) == 0);
	CHECK(utf8_encode(0xDFFF, buf) == 3 && memcmp(buf, "\xef\xbf\xbd", 3) == 0);
	CHECK(utf8_encode(0x110000, buf) == 3 && memcmp(buf, "\xef\xbf\xbd", 3) == 0);
	/* Invalid sequences: one byte each. */
	CHECK(utf8_decode("\xc0\x80", 2, &len) == 0xFFFD && len == 1);         /* overlong */
	CHECK(utf8_decode("\xe0\x9f\xbf", 3, &len) == 0xFFFD && len == 1);     /* overlong */
	CHECK(utf8_decode("\xf0\x8f\xbf\xbf", 4, &len) == 0xFFFD && len == 1); /* overlong */
	CHECK(utf8_decode("\xed\xa0\x80", 3, &len) == 0xFFFD && len == 1);     /* surrogate */
	CHECK(utf8_decode("\xf4\x90\x80\x80", 4, &len) == 0xFFFD && len == 1); /* > U+10FFFF */
	CHECK(utf8_decode("\x80", 1, &len) == 0xFFFD && len == 1);
	CHECK(utf8_decode("\xff", 1, &len) == 0xFFFD && len == 1);
	CHECK(utf8_decode("\xe6\x00\xa5", 3, &len) == 0xFFFD && len == 1);
	CHECK(utf8_decode("x", 0, &len) == 0xFFFD && len == 1);
}

/* lineedit */

static void keys(struct lineedit *le, const int *k)
{
	for (; *k; k++)
		lineedit_key(le, *k);
}

static void test_le_insert(void)
{
	struct lineedit le;
	static const int k[] = {'a', 'b', 0xE9, 0x65E5, 0x1F600, ' ', 'z', 0};

	lineedit_init(&le, NULL);
	CHECK_STR(le.text, "");
	CHECK(le.cursor == 0 && lineedit_chars(&le) == 0);
	keys(&le, k);
	CHECK_STR(le.text, "abé日😀 z");
	CHECK(le.cursor == le.len && le.len == strlen("abé日😀 z"));
	CHECK(lineedit_chars(&le) == 7);
	/* Keys that are the caller's. */
	CHECK(lineedit_key(&le, KEY_CODE_ENTER) == 0);
	CHECK(lineedit_key(&le, KEY_CODE_ESC) == 0);
	CHECK(lineedit_key(&le, KEY_CODE_TAB) == 0);
	CHECK(lineedit_key(&le, KEY_CODE_UP) == 0);
	CHECK(lineedit_key(&le, KEY_CODE_DOWN) == 0);
	CHECK(lineedit_key(&le, KEY_CODE_F1) == 0);
	CHECK(lineedit_key(&le, CTRL('c')) == 0);
	CHECK(lineedit_key(&le, 0xD800) == 0);
	CHECK(lineedit_key(&le, -1) == 0);
	CHECK_STR(le.text, "abé日😀 z");
	/* Insertion in the middle. */
	lineedit_key(&le, KEY_CODE_HOME);
	lineedit_key(&le, KEY_CODE_RIGHT);
	lineedit_key(&le, 0x8A9E);
	CHECK_STR(le.text, "a語bé日😀 z");
	CHECK(le.cursor == 4);
	lineedit_set(&le, "new");
	CHECK_STR(le.text, "new");
	CHECK(le.cursor == 3);
	lineedit_set(&le, le.text);
	CHECK_STR(le.text, "new");
	lineedit_done(&le);
	lineedit_init(&le, "init");
	CHECK_STR(le.text, "init");
	CHECK(le.cursor == 4);
	lineedit_done(&le);
}

static void test_le_moves(void)
{
	static const size_t stops[] = {0, 1, 4, 8, 10, 11, 13, 14};
	struct lineedit le;
	size_t i;

	/* a 日 😀 é e+U+0301 and an invalid byte: moves stop only at character starts. */
	lineedit_init(&le, "a日😀é"
	                   "e\xcc\x81\xff");
	CHECK(le.len == 14);
	lineedit_key(&le, CTRL('a'));
	CHECK(le.cursor == 0);
	for (i = 1; i < sizeof(stops) / sizeof(stops[0]); i++) {
		CHECK(lineedit_key(&le, i % 2 ? KEY_CODE_RIGHT : CTRL('f')) == 1);
		CHECK(le.cursor == stops[i]);
	}
	lineedit_key(&le, KEY_CODE_RIGHT);
	CHECK(le.cursor == 14);
	for (i = sizeof(stops) / sizeof(stops[0]) - 1; i-- > 0;) {
		lineedit_key(&le, i % 2 ? KEY_CODE_LEFT : CTRL('b'));
		CHECK(le.cursor == stops[i]);
	}
	lineedit_key(&le, KEY_CODE_LEFT);
	CHECK(le.cursor == 0);
	lineedit_key(&le, KEY_CODE_END);
	CHECK(le.cursor == 14);
	lineedit_key(&le, KEY_CODE_HOME);
	lineedit_key(&le, CTRL('e'));
	CHECK(le.cursor == 14);
	CHECK(lineedit_chars(&le) == 7);
	/* Stray continuation bytes and a truncated sequence: one byte each. */
	lineedit_set(&le, "\xe6\x97x\x80\x80");
	lineedit_key(&le, KEY_CODE_LEFT);
	CHECK(le.cursor == 4);
	lineedit_key(&le, KEY_CODE_LEFT);
	CHECK(le.cursor == 3);
	lineedit_key(&le, KEY_CODE_LEFT);
	CHECK(le.cursor == 2);
	lineedit_key(&le, KEY_CODE_LEFT);
	CHECK(le.cursor == 1);
	lineedit_key(&le, KEY_CODE_LEFT);
	CHECK(le.cursor == 0);
	CHECK(lineedit_chars(&le) == 5);
	lineedit_done(&le);
}

static void test_le_delete(void)
{
	struct lineedit le;

	lineedit_init(&le, "a日😀");
	lineedit_key(&le, KEY_CODE_BACKSPACE);
	CHECK_STR(le.text, "a日");
	lineedit_key(&le, CTRL('h'));
	CHECK_STR(le.text, "a");
	lineedit_key(&le, KEY_CODE_BACKSPACE);
	lineedit_key(&le, KEY_CODE_BACKSPACE); /* at the start: nothing */
	CHECK_STR(le.text, "");
	CHECK(le.cursor == 0);
	lineedit_set(&le, "日本語");
	lineedit_key(&le, KEY_CODE_HOME);
	lineedit_key(&le, KEY_CODE_DELETE);
	CHECK_STR(le.text, "本語");
	lineedit_key(&le, KEY_CODE_RIGHT);
	lineedit_key(&le, CTRL('d'));
	CHECK_STR(le.text, "本");
	CHECK(le.cursor == 3);
	CHECK(lineedit_key(&le, CTRL('d')) == 1); /* at the end: nothing */
	CHECK_STR(le.text, "本");
	lineedit_done(&le);
}

static void test_le_kill(void)
{
	struct lineedit le;

	lineedit_init(&le, "hello big  world");
	lineedit_key(&le, CTRL('w'));
	CHECK_STR(le.text, "hello big  ");
	lineedit_key(&le, CTRL('w'));
	CHECK_STR(le.text, "hello ");
	lineedit_key(&le, CTRL('w'));
	CHECK_STR(le.text, "");
	lineedit_key(&le, CTRL('w'));
	CHECK_STR(le.text, "");
	lineedit_set(&le, "日本 語😀 x");
	lineedit_key(&le, KEY_CODE_LEFT);
	lineedit_key(&le, KEY_CODE_LEFT);
	lineedit_key(&le, CTRL('w'));
	CHECK_STR(le.text, "日本  x");
	CHECK(le.cursor == strlen("日本 "));

	lineedit_set(&le, "abc日本def");
	lineedit_key(&le, KEY_CODE_HOME);
	lineedit_key(&le, KEY_CODE_RIGHT);
	lineedit_key(&le, KEY_CODE_RIGHT);
	lineedit_key(&le, KEY_CODE_RIGHT);
	lineedit_key(&le, KEY_CODE_RIGHT);
	lineedit_key(&le, CTRL('k'));
	CHECK_STR(le.text, "abc日");
	CHECK(le.cursor == le.len);
	lineedit_key(&le, KEY_CODE_LEFT);
	lineedit_key(&le, CTRL('u'));
	CHECK_STR(le.text, "日");
	CHECK(le.cursor == 0);
	lineedit_key(&le, CTRL('u'));
	CHECK_STR(le.text, "日");
	lineedit_done(&le);
}

static void test_le_max_chars(void)
{
	struct lineedit le;
	int i;

	lineedit_init(&le, "");
	le.max_chars = 1024;
	for (i = 0; i < 1024; i++)
		lineedit_key(&le, i % 2 ? 0x65E5 : 0x1F600);
	CHECK(lineedit_chars(&le) == 1024);
	CHECK(le.len == 512 * 3 + 512 * 4);
	CHECK(lineedit_key(&le, 'x') == 1); /* used, yet refused: 'x' is no command here */
	CHECK(lineedit_chars(&le) == 1024);
	lineedit_key(&le, KEY_CODE_HOME);
	lineedit_key(&le, 'y');
	CHECK(lineedit_chars(&le) == 1024);
	CHECK(le.text[0] != 'y');
	lineedit_key(&le, KEY_CODE_BACKSPACE);
	lineedit_key(&le, KEY_CODE_DELETE);
	lineedit_key(&le, 'y');
	CHECK(le.text[0] == 'y');
	CHECK(lineedit_chars(&le) == 1024);
	lineedit_done(&le);
}

static void test_le_draw(void)
{
	struct canvas cv;
	struct lineedit le;
	int i;

	canvas_init(&cv, 12, 3);
	lineedit_init(&le, "abcdefghij");
	lineedit_draw(&le, &cv, 2, 0, 5, ST_PROMPT, 1);
	CHECK(le.scroll == 6);
	CHECK_STR(dump(&cv), "  ghij\n\n\n");
	CHECK(cv.cursor_x == 6 && cv.cursor_y == 0);
	CHECK(cv.cells[2].style == ST_PROMPT && cv.cells[6].style == ST_PROMPT);
	lineedit_key(&le, KEY_CODE_HOME);
	lineedit_draw(&le, &cv, 2, 0, 5, ST_PROMPT, 1);
	CHECK_STR(dump(&cv), "  abcde\n\n\n");
	CHECK(cv.cursor_x == 2);
	for (i = 0; i < 6; i++)
		lineedit_key(&le, KEY_CODE_RIGHT);
	lineedit_draw(&le, &cv, 2, 0, 5, ST_PROMPT, 1);
	CHECK_STR(dump(&cv), "  cdefg\n\n\n");
	CHECK(cv.cursor_x == 6);
	lineedit_key(&le, CTRL('k'));
	lineedit_draw(&le, &cv, 2, 0, 5, ST_PROMPT, 1);
	CHECK_STR(dump(&cv), "  cdef\n\n\n"); /* the cursor's cell is the fifth */
	/* Deleting shrinks the scroll back: no empty room while text hides on the left. */
	lineedit_key(&le, KEY_CODE_BACKSPACE);
	lineedit_key(&le, KEY_CODE_BACKSPACE);
	lineedit_draw(&le, &cv, 2, 0, 5, ST_PROMPT, 1);
	CHECK_STR(dump(&cv), "  abcd\n\n\n");
	CHECK(le.scroll == 0 && cv.cursor_x == 6);
	lineedit_key(&le, CTRL('u'));
	lineedit_draw(&le, &cv, 2, 0, 5, ST_PROMPT, 1);
	CHECK_STR(dump(&cv), "\n\n\n");
	CHECK(le.scroll == 0 && cv.cursor_x == 2);

	/* Wide characters: the cursor column counts them as 2. */
	lineedit_set(&le, "日本語日本");
	lineedit_draw(&le, &cv, 0, 1, 5, ST_NORMAL, 1);
	CHECK_STR(dump(&cv), "\n日本\n\n");
	CHECK(cv.cursor_x == 4 && cv.cursor_y == 1);
	lineedit_key(&le, KEY_CODE_LEFT);
	lineedit_key(&le, KEY_CODE_LEFT);
	lineedit_draw(&le, &cv, 0, 1, 5, ST_NORMAL, 1);
	CHECK_STR(dump(&cv), "\n日本\n\n");
	CHECK(cv.cursor_x == 0);
	lineedit_key(&le, KEY_CODE_LEFT);
	lineedit_draw(&le, &cv, 0, 1, 5, ST_NORMAL, 1);
	CHECK_STR(dump(&cv), "\n語日\n\n"); /* 本 cut on the right: a space */
	CHECK(cv.cursor_x == 0);
	CHECK(le.scroll == 4);
	lineedit_key(&le, KEY_CODE_END);
	lineedit_key(&le, KEY_CODE_LEFT);
	lineedit_draw(&le, &cv, 0, 1, 5, ST_NORMAL, 1);
	CHECK(le.scroll == 5); /* 本 whole at columns 8-9; 語 cut on the left */
	CHECK_STR(dump(&cv), "\n 日本\n\n");
	CHECK(cv.cursor_x == 3);
	/* Unfocused: the canvas cursor is left alone. */
	cv.cursor_x = cv.cursor_y = -1;
	lineedit_draw(&le, &cv, 0, 1, 5, ST_NORMAL, 0);
	CHECK(cv.cursor_x == -1 && cv.cursor_y == -1);
	/* Out of the canvas, or no room: no crash, no cursor. */
	lineedit_draw(&le, &cv, 0, 5, 5, ST_NORMAL, 1);
	CHECK(cv.cursor_x == -1);
	lineedit_draw(&le, &cv, 0, 2, 0, ST_NORMAL, 1);
	lineedit_draw(&le, &cv, -10, 2, 1, ST_NORMAL, 1);
	lineedit_draw(&le, &cv, 11, 2, 1, ST_NORMAL, 1); /* a wide char in one column */
	CHECK(cv.cursor_x == 11 && cv.cursor_y == 2);
	CHECK(valid(&cv));
	lineedit_done(&le);
	canvas_done(&cv);
}

/* A 1024-character message typed into a 40-column prompt: the cursor stays in view. */
static void test_le_long_message(void)
{
	struct canvas cv;
	struct lineedit le;
	int i, ok = 1;

	canvas_init(&cv, 50, 1);
	lineedit_init(&le, NULL);
	le.max_chars = 1024;
	for (i = 0; i < 1100; i++) {
		lineedit_key(&le, i % 3 ? 'a' + i % 26 : 0x3042);
		lineedit_draw(&le, &cv, 5, 0, 40, ST_NORMAL, 1);
		ok = ok && cv.cursor_x >= 5 && cv.cursor_x < 45 && valid(&cv);
	}
	CHECK(ok);
	CHECK(lineedit_chars(&le) == 1024);
	for (i = 0; i < 1100; i++) {
		lineedit_key(&le, KEY_CODE_LEFT);
		lineedit_draw(&le, &cv, 5, 0, 40, ST_NORMAL, 1);
		ok = ok && cv.cursor_x >= 5 && cv.cursor_x < 45;
	}
	CHECK(ok);
	CHECK(le.cursor == 0 && le.scroll == 0 && cv.cursor_x == 5);
	lineedit_done(&le);
	canvas_done(&cv);
}

int main(void)
{
	if (!setlocale(LC_CTYPE, "C.UTF-8")) {
		printf("SKIP canvas: no C.UTF-8 locale\n");
		return 0;
	}
	RUN(test_ascii);
	RUN(test_unicode);
	RUN(test_clip_right);
	RUN(test_overwrite_half);
	RUN(test_negative);
	RUN(test_tiny);
	RUN(test_huge);
	RUN(test_invalid_utf8);
	RUN(test_control);
	RUN(test_text_from);
	RUN(test_fill_style);
	RUN(test_random);
	RUN(test_width_fit);
	RUN(test_utf8_round_trip);
	RUN(test_le_insert);
	RUN(test_le_moves);
	RUN(test_le_delete);
	RUN(test_le_kill);
	RUN(test_le_max_chars);
	RUN(test_le_draw);
	RUN(test_le_long_message);
	UNIT_EXIT();
}
