/* dispatch.h - where keys and :commands go (dispatch.c), for the event loop (loop.c). */
#ifndef TUI_DISPATCH_H
#define TUI_DISPATCH_H

#include <stddef.h>

#include "keymaps/keymap.h"

struct tui;

/* Opens the tables pane, with the focus: once, when the UI starts. */
void dispatch_start(struct tui *t);
/* Does what an action asks, with arg (NULL or "": none) for the actions of a :command
 * (keymap_commands): a key and a command take the same path. An action that needs an argument
 * and has none asks for it on the command line. */
void dispatch(struct tui *t, enum keymap_action act, const char *arg);
/* A key: to the prompt if one is open, else to the focused view, then to the generic
 * actions (quit, back, focus, help, the views opened by key, undo, copy). */
void dispatch_key(struct tui *t, int key);
/* Cancels every request of every view; returns how many. */
int dispatch_cancel_all(struct tui *t);
/* q: quits, unless writes are still running: then asks whether to wait for them, cancel them,
 * or keep working. */
void dispatch_quit(struct tui *t);
/* How many writes and write jobs quitting now would cut short (0: none); what (if not NULL)
 * names one ("the seed", "BatchWriteItem in T"). */
int dispatch_quit_pending(struct tui *t, char *what, size_t size);
/* A command line (":scan TABLE", with or without the colon). */
void dispatch_command(struct tui *t, const char *line);

#endif
