/* editor.h - text edited in the user's editor: $VISUAL, else $EDITOR, else vi. The command is
 * split at spaces into words and run directly (posix_spawnp: no shell, so nothing in it or in
 * the file name is interpreted), with the file name as the last argument. The terminal is handed
 * over for the time it runs; in the headless mode it runs without one (stdin and stdout on
 * /dev/null), which is how the tests drive it with a scripted editor.
 *
 * Files live in the state directory ($XDG_STATE_HOME/ddbtui, else ~/.local/state/ddbtui, made
 * 0700), named edit-XXXXXX.json, mode 0600. They double as recovery files: the caller removes
 * one only once its text was written (or deliberately thrown away). */
#ifndef TUI_EDITOR_H
#define TUI_EDITOR_H

#include <stddef.h>

#include "ddb/error.h"

struct tui;

/* A new file holding text. Heap path, or NULL with err. */
char *editor_file_new(const char *text, struct ddb_error *err);
/* Replaces the file's contents (it stays 0600). 0 or -1 with err. */
int editor_file_write(const char *path, const char *text, struct ddb_error *err);
/* The file's contents (heap, NUL-terminated), or NULL with err. */
char *editor_file_read(const char *path, struct ddb_error *err);

/* The editor's command: $VISUAL, else $EDITOR (empty counts as unset), else "vi". Borrowed. */
const char *editor_command(void);
/* argv for cmd and path: cmd's words (split at runs of spaces), then path; NULL-terminated, in
 * one heap block (free() it once). NULL if cmd has no word. */
char **editor_argv(const char *cmd, const char *path);

/* Runs the editor on path and waits for it. 0 if it exited with status 0; else -1 with err
 * ("cannot run the editor 'x': No such file or directory", "the editor exited with status 1"). */
int editor_run(struct tui *t, const char *path, struct ddb_error *err);

/* How many times in a row an editing loop opens the editor on text it refused, before it gives
 * up (the text stays in its file). */
#define EDITOR_MAX_TRIES 5
/* Between two runs of the editor on refused text: the frame drawn again with why (the terminal
 * is the UI's again), and a short wait for a key. 1 if a key was pressed (the caller stops); 0
 * headless or when no key came. */
int editor_pause(struct tui *t, const char *why);

/* Comment lines at the top: the text without its leading lines that start with "//" (after
 * optional spaces). Borrowed pointer into text. */
const char *editor_strip_header(const char *text);
/* The number of lines editor_strip_header skips. */
int editor_header_lines(const char *text);
/* A header of error lines ("// " before each line of message), a blank comment line, then
 * body. Heap. */
char *editor_with_header(const char *message, const char *body);

#endif
