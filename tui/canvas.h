/* canvas.h - the frame a turn of the event loop builds before it is written once: a grid of
 * cells (a character and a style), wide characters taking two cells. The terminal copies it to
 * curses; the headless mode dumps it as text. Needs an UTF-8 LC_CTYPE for wcwidth. */
#ifndef TUI_CANVAS_H
#define TUI_CANVAS_H

#include <stdint.h>
#include <stdio.h>

/* Styles, mapped to colours and attributes by the terminal (plain with NO_COLOR). */
enum style {
	ST_NORMAL = 0,
	ST_DIM,
	ST_BOLD,
	ST_TITLE,        /* pane titles */
	ST_TITLE_FOCUS,  /* the focused pane's title */
	ST_HEADER,       /* grid headers */
	ST_SELECTED,     /* the cursor row in a focused list */
	ST_SELECTED_DIM, /* the cursor row in an unfocused list */
	ST_MARK,
	ST_STATUS,       /* the status line */
	ST_STATUS_BADGE, /* [RO] */
	ST_ERROR,
	ST_OK,
	ST_WARN,
	ST_PROMPT,
	ST_BORDER,
	ST_JSON_KEY,
	ST_JSON_STRING,
	ST_JSON_NUMBER,
	ST_JSON_BOOL,
	ST_JSON_NULL,
	ST_JSON_TYPE, /* "S", "N", ... in DynamoDB JSON */
	ST_JSON_PUNCT,
	ST_ME,    /* my messages in the chat */
	ST_OTHER, /* the other participant's */
	ST__COUNT
};

struct cell {
	uint32_t ch; /* code point; 0 marks the right half of a wide character */
	uint8_t style;
};

struct canvas {
	int w, h;
	struct cell *cells;
	int cursor_x, cursor_y; /* where the terminal cursor goes; -1 hides it */
};

struct rect {
	int x, y, w, h;
};

void canvas_init(struct canvas *cv, int w, int h);
void canvas_resize(struct canvas *cv, int w, int h); /* contents cleared */
void canvas_done(struct canvas *cv);
void canvas_clear(struct canvas *cv);

/* Writes UTF-8 text at (x, y), at most maxw columns (clipped to the canvas too). Control
 * characters show as U+FFFD-free '?' replacements ('\t' as one space); invalid UTF-8 bytes as
 * '?'; zero-width characters are skipped; a wide character that does not fit whole is replaced
 * by a space. Returns the columns written, counted from x (so x + result is where the text
 * ends, columns left of the canvas included) and not beyond maxw or the canvas's right edge. */
int canvas_text(struct canvas *cv, int x, int y, int maxw, const char *utf8, int style);
/* The same for the first len bytes. */
int canvas_textn(struct canvas *cv, int x, int y, int maxw, const char *utf8, size_t len,
                 int style);
/* Writes text skipping its first skip columns (horizontal scrolling); a wide character cut by
 * the skip shows as a space. */
int canvas_text_from(struct canvas *cv, int x, int y, int maxw, const char *utf8, int skip,
                     int style);
/* Fills a rectangle with a character (usually ' ') in a style. */
void canvas_fill(struct canvas *cv, struct rect r, uint32_t ch, int style);
/* Sets the style of cells without changing their characters. */
void canvas_style(struct canvas *cv, struct rect r, int style);

/* Writes the canvas as text: one line a row, trailing spaces removed, wide characters once. */
void canvas_dump(const struct canvas *cv, FILE *out);

/* Display columns of UTF-8 text (wcwidth; control characters count 1, like canvas_text). */
int text_width(const char *utf8);
int text_widthn(const char *utf8, size_t len);
/* Bytes of the longest prefix of utf8 that fits in cols columns. */
size_t text_fit(const char *utf8, int cols);
/* Decodes one UTF-8 character at s (at most n bytes): its code point (0xFFFD for an invalid
 * byte) and its length in bytes (>= 1). */
uint32_t utf8_decode(const char *s, size_t n, int *len);
/* Encodes a code point; returns the bytes written (1-4) into out[4]. */
int utf8_encode(uint32_t cp, char out[4]);

#endif
