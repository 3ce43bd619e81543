/* cmdline.h - the : command line's Tab completion and history. Completion: the first word among
 * the command names (keymaps/ keymap_commands), then a command's argument by what its table
 * says it takes: TABLE among the tables the UI knows, FILE among the paths on disk. History:
 * the lines run, oldest first, kept in the state directory (history, 0600, the last
 * CMDLINE_HISTORY_MAX), re-read and merged before each write so two ddbtuis lose nothing. No
 * curses: the prompt (tui/ui.c) calls it. */
#ifndef TUI_CMDLINE_H
#define TUI_CMDLINE_H

#include <stddef.h>

#include "ddb/error.h"

#define CMDLINE_HISTORY_MAX 500

/* The candidates for the last word of line (after its last space): sorted, without duplicates,
 * into *out (heap, each heap; free with cmdline_free). *word_at is where that word begins.
 * tables: the names to offer for TABLE (borrowed). Returns how many. */
int cmdline_candidates(const char *line, const char *const *tables, int ntables, char ***out,
                       size_t *word_at);
void cmdline_free(char **c, int n);
/* The longest start that every candidate shares (heap). */
char *cmdline_common(char *const *c, int n);

struct cmdline_history {
	char **lines; /* oldest first */
	int n;
};
/* Reads the state directory's history (none yet: empty). */
void cmdline_history_load(struct cmdline_history *h);
/* Adds line (not blank, not the same as the newest) and writes the file again: what is on disk
 * now, merged, then this line, the last CMDLINE_HISTORY_MAX kept. 0, or -1 with err. */
int cmdline_history_add(struct cmdline_history *h, const char *line, struct ddb_error *err);
void cmdline_history_done(struct cmdline_history *h);

#endif
