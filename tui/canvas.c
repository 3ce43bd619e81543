/* canvas.c - the cell grid a frame is built in: UTF-8 text laid out by wcwidth, clipped to the
 * grid, wide characters kept whole or replaced by a space. No curses here. */
#include "tui/canvas.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

/* Length passed to the layout loop for NUL-terminated text. */
#define LEN_NUL SIZE_MAX

uint32_t utf8_decode(const char *s, size_t n, int *len)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t cp, min;
	size_t need, i;

	*len = 1;
	if (n == 0)
		return 0xFFFD;
	if (u[0] < 0x80)
		return u[0];
	if (u[0] >= 0xC2 && u[0] <= 0xDF) {
		need = 1;
		cp = u[0] & 0x1F;
		min = 0x80;
	} else if (u[0] >= 0xE0 && u[0] <= 0xEF) {
		need = 2;
		cp = u[0] & 0x0F;
		min = 0x800;
	} else if (u[0] >= 0xF0 && u[0] <= 0xF4) {
		need = 3;
		cp = u[0] & 0x07;
		min = 0x10000;
	} else {
		return 0xFFFD; /* a continuation byte, C0/C1 (overlong) or F5..FF */
	}
	/* Byte by byte: the end of the buffer or a NUL (not a continuation byte) stops it. */
	for (i = 1; i <= need; i++) {
		if (i >= n || (u[i] & 0xC0) != 0x80)
			return 0xFFFD;
		cp = (cp << 6) | (u[i] & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0xFFFD;
	*len = (int)need + 1;
	return cp;
}

int utf8_encode(uint32_t cp, char out[4])
{
	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = 0xFFFD;
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* The width of a code point as the canvas shows it (0, 1 or 2) and what it shows: control
 * characters, unprintable ones and U+FFFD (which also stands for invalid bytes) as '?', tab as
 * a space. */
static int cp_width(uint32_t cp, uint32_t *shown)
{
	int w;

	if (cp >= 0x20 && cp < 0x7F) {
		*shown = cp;
		return 1;
	}
	if (cp == '\t') {
		*shown = ' ';
		return 1;
	}
	if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || cp == 0xFFFD) {
		*shown = '?';
		return 1;
	}
	w = wcwidth((wchar_t)cp);
	if (w < 0) {
		*shown = '?';
		return 1;
	}
	*shown = cp;
	return w > 2 ? 2 : w;
}

/* Decodes the character at s[*i] (of len bytes, or up to the NUL if len is LEN_NUL), advances
 * *i and returns its width (0-2); -1 at the end. */
static int next_char(const char *s, size_t len, size_t *i, uint32_t *shown)
{
	unsigned char c;
	uint32_t cp;
	int n;

	if (*i >= len)
		return -1;
	c = (unsigned char)s[*i];
	if (len == LEN_NUL && c == 0)
		return -1;
	if (c >= 0x20 && c < 0x7F) { /* the common case, without wcwidth */
		*shown = c;
		(*i)++;
		return 1;
	}
	cp = utf8_decode(s + *i, len - *i, &n);
	*i += (size_t)n;
	return cp_width(cp, shown);
}

void canvas_init(struct canvas *cv, int w, int h)
{
	cv->w = 0;
	cv->h = 0;
	cv->cells = NULL;
	cv->cursor_x = -1;
	cv->cursor_y = -1;
	canvas_resize(cv, w, h);
}

void canvas_resize(struct canvas *cv, int w, int h)
{
	free(cv->cells);
	cv->cells = NULL;
	cv->w = 0;
	cv->h = 0;
	if (w > 0 && h > 0 && (size_t)w <= SIZE_MAX / sizeof(struct cell) / (size_t)h) {
		cv->cells = malloc((size_t)w * (size_t)h * sizeof(struct cell));
		if (cv->cells) { /* else an empty canvas: every write is clipped away */
			cv->w = w;
			cv->h = h;
		}
	}
	canvas_clear(cv);
}

void canvas_done(struct canvas *cv)
{
	free(cv->cells);
	cv->cells = NULL;
	cv->w = 0;
	cv->h = 0;
}

void canvas_clear(struct canvas *cv)
{
	size_t i, n = (size_t)cv->w * (size_t)cv->h;

	for (i = 0; i < n; i++) {
		cv->cells[i].ch = ' ';
		cv->cells[i].style = ST_NORMAL;
	}
	cv->cursor_x = -1;
	cv->cursor_y = -1;
}

/* Writes a one-column character at row[x], turning the other half of a wide character it
 * overwrites into a space. */
static void put1(struct cell *row, int w, int x, uint32_t ch, int style)
{
	if (row[x].ch == 0 && x > 0)
		row[x - 1].ch = ' ';
	else if (x + 1 < w && row[x + 1].ch == 0)
		row[x + 1].ch = ' ';
	row[x].ch = ch;
	row[x].style = (uint8_t)style;
}

/* Writes a wide character at row[x] and row[x + 1] (x + 1 < w). */
static void put2(struct cell *row, int w, int x, uint32_t ch, int style)
{
	if (row[x].ch == 0 && x > 0)
		row[x - 1].ch = ' ';
	if (x + 2 < w && row[x + 2].ch == 0)
		row[x + 2].ch = ' ';
	row[x].ch = ch;
	row[x].style = (uint8_t)style;
	row[x + 1].ch = 0;
	row[x + 1].style = (uint8_t)style;
}

/* Lays out text from column x, skipping its first skip columns, in at most maxw columns; writes
 * it when row is not NULL. Returns the columns taken from x, not counting beyond the right edge.
 */
static int layout(struct canvas *cv, int x, int y, int maxw, const char *s, size_t len, int skip,
                  int style)
{
	struct cell *row = NULL;
	long long pos, limit, ax;
	size_t i = 0;
	uint32_t ch;
	int cw;

	if (!s || maxw <= 0)
		return 0;
	if (y >= 0 && y < cv->h && cv->cells)
		row = cv->cells + (size_t)y * (size_t)cv->w;
	/* Nothing is laid out beyond maxw or the canvas's right edge. */
	limit = (long long)cv->w - x;
	if (limit > maxw)
		limit = maxw;
	if (limit <= 0)
		return 0;
	pos = skip > 0 ? -(long long)skip : 0;
	while (pos < limit && (cw = next_char(s, len, &i, &ch)) >= 0) {
		if (cw == 0 || pos + cw <= 0) {
			pos += cw; /* zero-width, or scrolled out */
			continue;
		}
		if (pos < 0 || pos + cw > limit) {
			/* A wide character cut by the skip or by the right limit: a space
			 * instead of the half that is left. */
			ch = ' ';
			if (pos < 0)
				pos = 0;
			cw = 1;
		}
		ax = x + pos;
		if (ax >= 0 && row) {
			if (cw == 2)
				put2(row, cv->w, (int)ax, ch, style);
			else
				put1(row, cv->w, (int)ax, ch, style);
		} else if (ax == -1 && cw == 2 && row) {
			put1(row, cv->w, 0, ' ', style); /* its right half on the left edge */
		}
		pos += cw;
	}
	if (pos < 0)
		pos = 0;
	return (int)(pos < limit ? pos : limit);
}

int canvas_text(struct canvas *cv, int x, int y, int maxw, const char *utf8, int style)
{
	return layout(cv, x, y, maxw, utf8, LEN_NUL, 0, style);
}

int canvas_textn(struct canvas *cv, int x, int y, int maxw, const char *utf8, size_t len, int style)
{
	/* LEN_NUL is taken by NUL-terminated text; no buffer is that long anyway. */
	return layout(cv, x, y, maxw, utf8, len == LEN_NUL ? len - 1 : len, 0, style);
}

int canvas_text_from(struct canvas *cv, int x, int y, int maxw, const char *utf8, int skip,
                     int style)
{
	return layout(cv, x, y, maxw, utf8, LEN_NUL, skip, style);
}

/* Clips r to the canvas: [*x0, *x1) x [*y0, *y1); 0 if nothing is left. */
static int clip_rect(const struct canvas *cv, struct rect r, int *x0, int *y0, int *x1, int *y1)
{
	long long ax = r.x, ay = r.y, bx = (long long)r.x + r.w, by = (long long)r.y + r.h;

	if (r.w <= 0 || r.h <= 0 || !cv->cells)
		return 0;
	if (ax < 0)
		ax = 0;
	if (ay < 0)
		ay = 0;
	if (bx > cv->w)
		bx = cv->w;
	if (by > cv->h)
		by = cv->h;
	if (ax >= bx || ay >= by)
		return 0;
	*x0 = (int)ax;
	*y0 = (int)ay;
	*x1 = (int)bx;
	*y1 = (int)by;
	return 1;
}

void canvas_fill(struct canvas *cv, struct rect r, uint32_t ch, int style)
{
	int x0, y0, x1, y1, x, y, cw;
	uint32_t shown;
	struct cell *row;

	if (!clip_rect(cv, r, &x0, &y0, &x1, &y1))
		return;
	cw = cp_width(ch, &shown);
	if (cw == 0)
		shown = ' ';
	for (y = y0; y < y1; y++) {
		row = cv->cells + (size_t)y * (size_t)cv->w;
		for (x = x0; x < x1; x++) {
			if (cw == 2 && x + 1 < x1) {
				put2(row, cv->w, x, shown, style);
				x++;
			} else {
				put1(row, cv->w, x, cw == 2 ? ' ' : shown, style);
			}
		}
	}
}

void canvas_style(struct canvas *cv, struct rect r, int style)
{
	int x0, y0, x1, y1, x, y;

	if (!clip_rect(cv, r, &x0, &y0, &x1, &y1))
		return;
	for (y = y0; y < y1; y++)
		for (x = x0; x < x1; x++)
			cv->cells[(size_t)y * (size_t)cv->w + (size_t)x].style = (uint8_t)style;
}

void canvas_dump(const struct canvas *cv, FILE *out)
{
	const struct cell *row;
	char buf[4];
	int x, y, end, n;

	for (y = 0; y < cv->h; y++) {
		row = cv->cells + (size_t)y * (size_t)cv->w;
		end = cv->w;
		while (end > 0 && (row[end - 1].ch == ' ' || row[end - 1].ch == 0))
			end--;
		for (x = 0; x < end; x++) {
			if (row[x].ch == 0)
				continue;
			n = utf8_encode(row[x].ch, buf);
			fwrite(buf, 1, (size_t)n, out);
		}
		fputc('\n', out);
	}
}

int text_widthn(const char *utf8, size_t len)
{
	size_t i = 0;
	uint32_t ch;
	long long total = 0;
	int cw;

	if (!utf8)
		return 0;
	while ((cw = next_char(utf8, len, &i, &ch)) >= 0)
		total += cw;
	return total > INT_MAX ? INT_MAX : (int)total;
}

int text_width(const char *utf8)
{
	return text_widthn(utf8, LEN_NUL);
}

size_t text_fit(const char *utf8, int cols)
{
	size_t i = 0, fit = 0;
	uint32_t ch;
	long long used = 0;
	int cw;

	if (!utf8)
		return 0;
	while ((cw = next_char(utf8, LEN_NUL, &i, &ch)) >= 0) {
		if (used + cw > cols)
			break;
		used += cw;
		fit = i;
	}
	return fit;
}
