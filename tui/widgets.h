/* widgets.h - small pieces views share: a list cursor with scrolling, and text helpers. */
#ifndef TUI_WIDGETS_H
#define TUI_WIDGETS_H

#include "keymaps/keymap.h"
#include "tui/canvas.h"

/* A cursor over count rows shown rows at a time: sel is the selected row, top the first shown. */
struct listpos {
	int sel;
	int top;
	int count;
};

/* Moves for an action (move-up/down, page-up/down, move-first/last); page is the visible
 * rows. Returns 1 if the action was a move. */
int listpos_action(struct listpos *l, enum keymap_action act, int page);
/* Keeps sel within [0, count) and visible in rows. */
void listpos_clamp(struct listpos *l, int rows);

/* Draws a row of text: selected rows in the selection style (dimmer when not focused). */
void draw_row(struct canvas *cv, struct rect r, int y, const char *text, int selected, int focused,
              int style);
/* A message in the middle of a rectangle (empty states: "No tables", "Loading...", an error),
 * word-wrapped to its width less a column each side. */
void draw_center(struct canvas *cv, struct rect r, const char *text, int style);
/* Text wrapped at spaces in w columns (a word wider than w is cut) from (x, y) on, at most
 * maxrows rows; returns the rows used. cv NULL: only counts them. */
int draw_wrapped(struct canvas *cv, int x, int y, int w, int maxrows, const char *text, int style);

/* Styled text: ESC followed by 'A' + style switches the style within a line (JSON text never
 * holds a raw ESC: it is escaped as \u001b). */
#define STYLE_MARK '\x1b'
struct ddb_buf;
void styled_switch(struct ddb_buf *b, int style);
/* Draws styled text from column skip, at most maxw columns; returns the columns written. */
int draw_styled(struct canvas *cv, int x, int y, int maxw, int skip, const char *s, int style);
/* Display width of styled text (markers excluded). */
int styled_width(const char *s);

/* A scrollable text: lines (styled), a first line shown, a horizontal offset. */
struct textview {
	char **lines;
	int n, cap;
	int top;
	int hscroll;
	int widest;
	int wrap; /* 1: long lines wrap at the width (wrap-lines toggles), else h/l scroll them */
};

void textview_init(struct textview *tv);
void textview_clear(struct textview *tv);
void textview_done(struct textview *tv);
void textview_add(struct textview *tv, const char *styled_line);
/* Splits text at newlines and adds each line in one style. */
void textview_add_text(struct textview *tv, const char *text, int style);
/* Scrolls for move/page/first/last/scroll-left/right, toggles wrap for wrap-lines; returns 1 if
 * it was one of those. */
int textview_action(struct textview *tv, enum keymap_action act, int page, int width);
void textview_draw(struct textview *tv, struct canvas *cv, struct rect r);
/* All lines without style markers, joined with newlines (heap). */
char *textview_plain(const struct textview *tv);
#endif
