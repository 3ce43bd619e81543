/* keyseq.h - the escape sequences a terminal sends for keys, decoded whole: CSI (ESC [ params
 * intermediates final) and SS3 (ESC O final). curses decodes the ones terminfo names; a terminal
 * multiplexer (tmux, screen) or a terminal that differs from its terminfo sends others (End as
 * ESC [ 4 ~, Ctrl-Up as ESC [ 1;5A), which curses passes on byte by byte. This maps the common
 * ones to keymaps/ codes (modifiers dropped: Ctrl-Up is Up) and says when one is complete but
 * unknown, so that the reader drops it whole instead of reading Esc, then '[', '4', '~'. No
 * curses. */
#ifndef TUI_KEYSEQ_H
#define TUI_KEYSEQ_H

#define KEYSEQ_MORE (-2) /* not complete yet: read another byte */
#define KEYSEQ_DROP (-3) /* complete (or broken) and not a key: drop all of it */
#define KEYSEQ_MAX  32   /* longer is broken: dropped */

/* seq: the n bytes after ESC so far; seq[0] is '[' (CSI) or 'O' (SS3). A keymaps/ code once the
 * sequence is complete and known, else KEYSEQ_MORE or KEYSEQ_DROP. */
int keyseq_decode(const int *seq, int n);

#endif
