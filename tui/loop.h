/* loop.h - the interactive UI's entry point (loop.c): the event loop on a terminal, or the
 * headless one that reads keys and :commands from a script. */
#ifndef TUI_LOOP_H
#define TUI_LOOP_H

struct ddb_session;

/* Runs the UI on the session (connected, borrowed) until quit. script: headless mode with keys
 * from the file, a frame of w x h. Returns an exit code (ddb/session.h). */
int tui_main(struct ddb_session *s, const char *script, int w, int h);

#endif
