/* lineedit.c - a one-line UTF-8 editor: the cursor moves by code point (an invalid byte counts
 * as one), so the text is never split inside a character. */
#include "tui/lineedit.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "keymaps/keymap.h"

/* The text when it owns no buffer (cap 0): empty, never written to. */
static char empty_text[1];

#define CTRL(c) ((c)&0x1F)

/* Makes room for len + extra bytes and the NUL; -1 if memory is short. */
static int reserve(struct lineedit *le, size_t extra)
{
	size_t need, cap;
	char *p;

	if (extra > SIZE_MAX - le->len - 1)
		return -1;
	need = le->len + extra + 1;
	if (need <= le->cap)
		return 0;
	cap = le->cap ? le->cap : 32;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	p = realloc(le->cap ? le->text : NULL, cap);
	if (!p)
		return -1;
	if (!le->cap)
		memcpy(p, le->text, le->len + 1);
	le->text = p;
	le->cap = cap;
	return 0;
}

void lineedit_init(struct lineedit *le, const char *initial)
{
	le->text = empty_text;
	le->len = 0;
	le->cap = 0;
	le->cursor = 0;
	le->scroll = 0;
	le->max_chars = 0;
	lineedit_set(le, initial);
}

void lineedit_done(struct lineedit *le)
{
	if (le->cap)
		free(le->text);
	le->text = empty_text;
	le->len = 0;
	le->cap = 0;
	le->cursor = 0;
}

void lineedit_set(struct lineedit *le, const char *text)
{
	size_t n = text ? strlen(text) : 0;

	if (text == le->text) { /* already the text */
		le->cursor = le->len;
		le->scroll = 0;
		return;
	}
	le->len = 0;
	le->text[0] = '\0'; /* empty_text is already "" */
	if (n && reserve(le, n) == 0) {
		memmove(le->text, text, n); /* text may be a part of le->text */
		le->text[n] = '\0';
		le->len = n;
	}
	le->cursor = le->len;
	le->scroll = 0;
}

static size_t next_boundary(const struct lineedit *le, size_t at)
{
	int n;

	if (at >= le->len)
		return le->len;
	utf8_decode(le->text + at, le->len - at, &n);
	return at + (size_t)n;
}

/* The start of the character before at: back over up to 3 continuation bytes, if they decode as
 * one character ending at at; else the byte before was an invalid byte on its own. */
static size_t prev_boundary(const struct lineedit *le, size_t at)
{
	size_t p;
	int n;

	if (at == 0)
		return 0;
	p = at - 1;
	while (p > 0 && at - p < 4 && ((unsigned char)le->text[p] & 0xC0) == 0x80)
		p--;
	utf8_decode(le->text + p, at - p, &n);
	return p + (size_t)n == at ? p : at - 1;
}

static size_t count_chars(const char *s, size_t len)
{
	size_t i = 0, chars = 0;
	int n;

	while (i < len) {
		utf8_decode(s + i, len - i, &n);
		i += (size_t)n;
		chars++;
	}
	return chars;
}

size_t lineedit_chars(const struct lineedit *le)
{
	return count_chars(le->text, le->len);
}

/* Removes the bytes [from, to) and puts the cursor at from. */
static void cut(struct lineedit *le, size_t from, size_t to)
{
	if (to > le->len)
		to = le->len;
	if (from >= to)
		return;
	memmove(le->text + from, le->text + to, le->len - to + 1);
	le->len -= to - from;
	le->cursor = from;
}

static void insert(struct lineedit *le, uint32_t cp)
{
	char buf[4];
	int n;

	if (le->max_chars && lineedit_chars(le) >= le->max_chars)
		return;
	n = utf8_encode(cp, buf);
	if (reserve(le, (size_t)n) < 0)
		return;
	memmove(le->text + le->cursor + n, le->text + le->cursor, le->len - le->cursor + 1);
	memcpy(le->text + le->cursor, buf, (size_t)n);
	le->len += (size_t)n;
	le->cursor += (size_t)n;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t';
}

/* C-w: back over spaces, then over the word before them. */
static void delete_word(struct lineedit *le)
{
	size_t p = le->cursor;

	while (p > 0 && is_space(le->text[p - 1]))
		p--;
	while (p > 0 && !is_space(le->text[p - 1]))
		p--;
	/* Spaces are ASCII, so p is on a character boundary. */
	cut(le, p, le->cursor);
}

int lineedit_key(struct lineedit *le, int key)
{
	switch (key) {
	case KEY_CODE_BACKSPACE:
	case CTRL('h'):
		cut(le, prev_boundary(le, le->cursor), le->cursor);
		return 1;
	case KEY_CODE_DELETE:
	case CTRL('d'):
		cut(le, le->cursor, next_boundary(le, le->cursor));
		return 1;
	case KEY_CODE_LEFT:
	case CTRL('b'):
		le->cursor = prev_boundary(le, le->cursor);
		return 1;
	case KEY_CODE_RIGHT:
	case CTRL('f'):
		le->cursor = next_boundary(le, le->cursor);
		return 1;
	case KEY_CODE_HOME:
	case CTRL('a'):
		le->cursor = 0;
		return 1;
	case KEY_CODE_END:
	case CTRL('e'):
		le->cursor = le->len;
		return 1;
	case CTRL('k'):
		cut(le, le->cursor, le->len);
		return 1;
	case CTRL('u'):
		cut(le, 0, le->cursor);
		return 1;
	case CTRL('w'):
		delete_word(le);
		return 1;
	default:
		break;
	}
	if (key < 32 || key == 127 || key >= KEY_CODE_SPECIAL || (key >= 0xD800 && key <= 0xDFFF))
		return 0;
	/* Refused at max_chars, yet used: a printable key is never a command here. */
	insert(le, (uint32_t)key);
	return 1;
}

void lineedit_draw(struct lineedit *le, struct canvas *cv, int x, int y, int w, int style,
                   int focused)
{
	long long col, cw, total, scroll;
	size_t next;

	if (w <= 0)
		return;
	col = text_widthn(le->text, le->cursor);
	next = next_boundary(le, le->cursor);
	cw = next > le->cursor ? text_widthn(le->text + le->cursor, next - le->cursor) : 1;
	if (cw < 1)
		cw = 1;
	total = text_width(le->text);
	/* Minimal scrolling: the cursor (its whole character) in view, and no empty room on the
	 * right while text is hidden on the left. */
	scroll = le->scroll;
	if (scroll > total + 1 - w)
		scroll = total + 1 - w;
	if (scroll < 0)
		scroll = 0;
	if (col < scroll)
		scroll = col;
	if (col + cw > scroll + w)
		scroll = cw > w ? col : col + cw - w;
	le->scroll = scroll > INT_MAX ? INT_MAX : (int)scroll;
	canvas_fill(cv, (struct rect){x, y, w, 1}, ' ', style);
	canvas_text_from(cv, x, y, w, le->text, le->scroll, style);
	if (focused) {
		long long cx = x + col - le->scroll;

		if (cx >= 0 && cx < cv->w && y >= 0 && y < cv->h) {
			cv->cursor_x = (int)cx;
			cv->cursor_y = y;
		} else {
			cv->cursor_x = -1;
			cv->cursor_y = -1;
		}
	}
}
