/* term.h - the real terminal through ncursesw: start and restore (also on fatal signals and
 * around child processes), read keys as keymaps/ codes, write a canvas as one update. */
#ifndef TUI_TERM_H
#define TUI_TERM_H

#include "tui/canvas.h"

/* 0, or -1 if stdin/stdout is not a terminal curses can use (message printed). */
int term_start(void);
void term_stop(void);
/* Current size. */
void term_size(int *w, int *h);
/* Reads one key without waiting: a keymaps/ code, KEY_CODE_RESIZE, or -1 if none. */
int term_read_key(void);
/* Writes the canvas (curses diffs it against the screen) and places the cursor. */
void term_draw(const struct canvas *cv);
/* Leaves curses mode for a child process, and comes back. */
void term_suspend(void);
void term_resume(void);
/* C-z: the terminal restored, the process stopped (SIGTSTP) until the shell continues it,
 * then the screen drawn again in full. -1 when there is no terminal (headless). */
int term_job_stop(void);
/* OSC 52: puts text on the terminal's clipboard. */
void term_copy(const char *text);

#endif
