/* lineedit.h - a one-line UTF-8 text editor for the prompt, the filter and form fields: cursor
 * movement by character and word, insertion, deletion, history-free. Draws itself into a canvas
 * with horizontal scrolling so the cursor stays visible. */
#ifndef TUI_LINEEDIT_H
#define TUI_LINEEDIT_H

#include <stddef.h>

#include "tui/canvas.h"

struct lineedit {
	char *text; /* NUL-terminated UTF-8, heap-owned */
	size_t len;
	size_t cap;
	size_t cursor;    /* byte offset, always on a character boundary */
	int scroll;       /* first column shown */
	size_t max_chars; /* 0: no limit; else insertions beyond it are refused */
};

void lineedit_init(struct lineedit *le, const char *initial);
void lineedit_done(struct lineedit *le);
void lineedit_set(struct lineedit *le, const char *text); /* cursor to the end */
/* Handles a key code (keymaps/keymap.h codes: printable code points insert; Backspace, Delete,
 * Left, Right, Home, End, C-a, C-e, C-b, C-f, C-d, C-h, C-k, C-u, C-w edit). Returns 1 if the
 * key was used, 0 if not (Enter, Esc, Tab, Up, Down, ... are the caller's). */
int lineedit_key(struct lineedit *le, int key);
/* Code points in the text. */
size_t lineedit_chars(const struct lineedit *le);
/* Draws at (x, y) in w columns and sets the canvas cursor when focused. */
void lineedit_draw(struct lineedit *le, struct canvas *cv, int x, int y, int w, int style,
                   int focused);

#endif
