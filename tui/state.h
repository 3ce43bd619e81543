/* state.h - the UI's small remembered settings (the tables pane's width) in the state directory
 * ($XDG_STATE_HOME/ddbtui, the journal's): one "KEY VALUE" a line in ui-state, written to a temp
 * file and renamed over it, re-read just before so what another ddbtui wrote meanwhile stays. */
#ifndef TUI_STATE_H
#define TUI_STATE_H

#include <stddef.h>

#include "ddb/error.h"

/* The state directory, made 0700 if missing. Heap, or NULL with err. */
char *tui_state_dir(struct ddb_error *err);
/* The path of the file NAME in the state directory (made if missing). Heap, or NULL with err. */
char *tui_state_file(const char *name, struct ddb_error *err);
/* Writes a file of the state directory whole: a temp file beside it (0600), renamed over it. */
int tui_state_write(const char *path, const char *text, size_t len, struct ddb_error *err);
/* KEY's value as an int; dflt if the file or the key is missing or not a number. */
int tui_state_get_int(const char *key, int dflt);
/* Sets KEY to value (no spaces, no newline) keeping the other keys; 0, or -1 with err. */
int tui_state_set(const char *key, const char *value, struct ddb_error *err);

#endif
