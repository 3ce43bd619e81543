/* tui.h - the interactive UI's state and the services views use: the view stack and focus,
 * status messages, the prompt, the request log, the users directory. One thread; curses is
 * touched only by term.c, from the event loop (loop.c). */
#ifndef TUI_TUI_H
#define TUI_TUI_H

#include <stdio.h>

#include "ddb/error.h"
#include "ddb/queue.h"
#include "ddb/users.h"
#include "keymaps/keymap.h"
#include "tui/canvas.h"
#include "tui/cli.h"
#include "tui/lineedit.h"
#include "views/view.h"

#define TUI_STACK_MAX 16
#define TUI_LOG_MAX   1000
#define TUI_MIN_W     30
#define TUI_MIN_H     8

struct tui_log_entry {
	double at; /* seconds since start */
	char op[32];
	char table[96];
	long status;
	double latency_ms;
	int attempts;
	double capacity; /* -1: none */
	char error[160];
};

/* Called with the text, or NULL if the prompt was cancelled (Esc). */
typedef void tui_prompt_cb(struct tui *t, const char *text, void *ud);

struct tui {
	struct app *app;
	struct ddb_client *client;
	struct keymap *km;
	struct canvas cv;
	int headless;
	int quit;

	struct view *tables; /* the left pane */
	struct view *stack[TUI_STACK_MAX];
	int depth;
	int focus_tables;  /* 1: the tables pane has the focus */
	struct view *dead; /* closed, waiting for their requests */

	char message[512]; /* the bottom line: info or error */
	int message_error;
	double message_at;
	char last_error[256];
	int cancel_armed; /* a C-c with nothing to cancel arms quitting */

	struct {
		int active;
		char label[160];
		struct lineedit le;
		tui_prompt_cb *done;
		void *ud;
	} prompt;

	struct tui_log_entry log[TUI_LOG_MAX];
	int log_head, log_n;
	unsigned long requests_done;
	double started;

	struct ddb_users users;
	int users_loaded;

	unsigned spinner;
	FILE *trace;
};

/* Views. tui_open pushes a view on the main pane and focuses it; tui_close closes the top. */
void tui_open(struct tui *t, struct view *v);
void tui_close(struct tui *t);
struct view *tui_top(struct tui *t);
/* Closes views above and including the first of this kind ("scan"), if any. */
void tui_close_kind(struct tui *t, const char *name);
/* Closes one view wherever it is in the stack (the views above it stay). */
void tui_close_view(struct tui *t, struct view *v);

void tui_info(struct tui *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void tui_error(struct tui *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* An error from the client, with a hint for the well-known ones. */
void tui_error_from(struct tui *t, const char *what, const struct ddb_error *err);

/* Asks for a line of text on the bottom line. max_chars 0: no limit. */
void tui_prompt(struct tui *t, const char *label, const char *initial, size_t max_chars,
                tui_prompt_cb *done, void *ud);
/* Runs a command line (":scan TABLE" without the colon). */
void tui_command(struct tui *t, const char *line);

/* The users directory, loaded on first use; NULL (and the error shown) if it cannot be. */
struct ddb_users *tui_users(struct tui *t);

/* Seconds since start (monotonic). */
double tui_now(void);

/* The interactive UI: runs until quit. script: headless mode with keys from the file, frame of
 * w x h. Returns an exit code. */
int tui_main(struct app *app, const char *script, int w, int h);

#endif
