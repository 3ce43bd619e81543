/* ui.h - the interactive UI's services, below every view: the UI's state (struct tui), the view
 * base every view embeds, the view stack and focus, status messages, the prompt, the frame,
 * the request log, the users directory. It knows no view by name: the views (views/) are
 * above it, and only the dispatcher (tui/dispatch.c) and main() above them. One thread; curses
 * is touched only by term.c and canvas.c, from the event loop (loop.c). */
#ifndef TUI_UI_H
#define TUI_UI_H

#include <stdio.h>

#include <cjson/cJSON.h>

#include "ddb/error.h"
#include "ddb/queue.h"
#include "ddb/session.h"
#include "ddb/model/users.h"
#include "keymaps/keymap.h"
#include "tui/canvas.h"
#include "tui/cmdline.h"
#include "tui/lineedit.h"

#define TUI_STACK_MAX    16
#define TUI_LOG_MAX      1000
#define TUI_MIN_W        30
#define TUI_MIN_H        8
#define TUI_LAST_ERROR_S 60
#define TUI_MESSAGES_MAX 8

struct tui_log_entry {
	double at; /* seconds since start */
	char op[32];
	char table[96];
	long status;
	double latency_ms; /* first send to completion */
	double queued_ms;  /* submitted to first send */
	long items;        /* -1: none */
	int attempts;
	double capacity; /* -1: none */
	char error[160];
};

struct tui;

/* Called with the text, or NULL if the prompt was cancelled (Esc). */
typedef void tui_prompt_cb(struct tui *t, const char *text, void *ud);

struct view;

struct tui {
	struct ddb_session *session; /* borrowed: the table, the scan settings, the config */
	struct ddb_client *client;   /* session->client */
	struct keymap *km;
	struct canvas cv;
	int headless;
	int quit;

	struct view *tables; /* the left pane */
	struct view *stack[TUI_STACK_MAX];
	int depth;
	int focus_tables; /* 1: the tables pane has the focus */
	int tables_w; /* its width asked for (< and >, remembered); 0: a share of the terminal */
	struct view *dead; /* closed, waiting for their requests */

	char message[512]; /* the bottom line: info or error */
	int message_error;
	double message_at;
	char last_error[256];
	/* the last messages, whole (the request log's view shows them): a ring, newest at
	 * (messages_head - 1) */
	struct {
		char text[512];
		int error;
		double at;
	} messages[TUI_MESSAGES_MAX];
	int messages_head, messages_n;
	double last_error_at;   /* shown in the status line for TUI_LAST_ERROR_S */
	char last_error_op[32]; /* the request that failed last: its next success clears it */
	int cancel_armed;       /* a C-c with nothing to cancel arms quitting */
	int quit_when_done;     /* q with writes running, then "wait": quit once they are done */
	char exit_note[512];    /* printed on stderr once the terminal is restored */

	struct {
		int active;
		char label[512];
		struct lineedit le;
		tui_prompt_cb *done;
		tui_prompt_cb *changed; /* tui_prompt_live: each edit, with the text so far */
		void *ud;
		/* tui_prompt_cmdline: Tab completes, Up/Down walk the history */
		int cmdline;
		char hint[512]; /* the candidates, shown above the prompt */
		char **cands;   /* a repeated Tab cycles through these */
		int ncands, cand_i;
		size_t cand_at;
		int hist_i;  /* the history line shown; -1: the line being typed */
		char *typed; /* the line being typed, while the history is walked */
	} prompt;
	struct cmdline_history history;
	int history_loaded;
	/* the tables the tables pane lists, for completion (borrowed from it; it updates them) */
	const char *const *known_tables;
	int nknown_tables;

	struct tui_log_entry log[TUI_LOG_MAX];
	int log_head, log_n;
	unsigned long requests_done;
	double started;

	struct ddb_users users;
	int users_loaded;

	unsigned spinner;
	FILE *trace;
	/* tui_trace_mark: events whose time to the frame that shows them goes in the trace */
	struct {
		const char *event;
		double since;
	} trace_marks[4];
	int trace_nmarks;
};

/* ---- the view base ----
 * Every view (views/) embeds struct view first and implements view_ops. A view draws itself
 * into a rectangle of the frame and handles the actions of its keymap context; what it does not
 * handle goes back to the dispatcher (tui/dispatch.c).
 *
 * Requests: a view submits with itself as the tag, and remembers its generation (a view_req as
 * the callback's ud). A reply for a view that was closed or reloaded since is dropped: check
 * view_stale(v, gen) first thing in every callback. Closed views are freed only once none of
 * their requests is pending, so a callback may always look at its view. */
struct view_ops {
	const char *name;    /* "scan" */
	enum keymap_ctx ctx; /* its key bindings */
	/* The pane title, e.g. "Scan cruddur-messages (120 rows, more)". */
	void (*title)(struct view *v, char *buf, size_t size);
	void (*draw)(struct view *v, struct canvas *cv, struct rect r, int focused);
	/* An action from the keymap (ACT_NONE if the key is unbound) with the raw key. Returns
	 * ACT_NONE if the view handled it, else the action for the dispatcher to do: act itself
	 * when the view has no use for it, or another it asks for instead (as tig's requests).
	 * Views that edit text take raw keys here before the keymap's meaning. */
	enum keymap_action (*handle)(struct view *v, enum keymap_action act, int key);
	/* Reload (r); NULL if the view has nothing to reload. */
	void (*refresh)(struct view *v);
	/* Text for y (copy); heap string or NULL. */
	char *(*copy_text)(struct view *v);
	void (*free)(struct view *v);
	/* An item of table was written (views/edit.c tells every open view): the item that had
	 * old_key (NULL: none, a new item) is now item (NULL: deleted). NULL if the view shows no
	 * items. */
	void (*item_written)(struct view *v, const char *table, const cJSON *old_key,
	                     const cJSON *item);
	/* What the view is writing while a job of many steps runs ("the seed", "the import into
	 * T"), so q asks before quitting even between its requests; NULL when idle. NULL op: the
	 * view runs no such job. */
	const char *(*writing)(struct view *v);
};

struct view {
	const struct view_ops *ops;
	struct tui *tui;
	unsigned gen; /* bumped by view_reload: older replies are dropped */
	int closed;
	int page_rows; /* rows of its last draw, for PgUp/PgDn */
	struct view *next_dead;
};

/* Embeds base in a view struct: call first in a constructor. */
void view_init(struct view *v, const struct view_ops *ops, struct tui *t);
/* Whether a reply made at generation gen is for a view that is gone or reloaded. */
int view_stale(const struct view *v, unsigned gen);
/* Cancels the view's requests and bumps its generation (before reloading). */
void view_reload(struct view *v);

/* What a request's callback gets back: the view and its generation when the request was made,
 * and what the view wants to know again (a row, a flag; 0 if nothing). */
struct view_req {
	struct view *view;
	unsigned gen;
	int arg;
};
/* A new one (freed by the callback, or view_req_take) for v as it is now. */
struct view_req *view_req_new(struct view *v, int arg);
/* Whether the view is gone or reloaded since r was made. */
int view_req_stale(const struct view_req *r);
/* Frees r; returns its view, or NULL if that is gone or reloaded since. */
struct view *view_req_take(struct view_req *r);

/* ---- the stack and the frame ----
 * Views. tui_open pushes a view on the main pane and focuses it; tui_close closes the top. */
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
/* Calls changed after each key that edits the open prompt's text (an incremental filter); the
 * next tui_prompt resets it. */
void tui_prompt_live(struct tui *t, tui_prompt_cb *changed);
/* Makes the open prompt the : command line: Tab completes the command and its argument (a
 * repeated Tab cycles when there are several), Up and Down walk the history of earlier runs,
 * and Enter adds the line to it (tui/cmdline.h). */
void tui_prompt_cmdline(struct tui *t);
/* Frees the command line's history and candidates (at the end). */
void tui_prompt_free(struct tui *t);
/* A key for the open prompt (when t->prompt.active). */
void tui_prompt_key(struct tui *t, int key);

/* The users directory, loaded on first use; NULL (and the error shown) if it cannot be. */
struct ddb_users *tui_users(struct tui *t);

/* Seconds since start (monotonic). */
double tui_now(void);
/* The median round trip of the last TUI_P50_OF requests answered at the first attempt (ms),
 * -1 when there is none: the link's latency, on the status line. */
#define TUI_P50_OF 20
double tui_latency_p50(const struct tui *t);

/* The tables pane's width, border included, for the terminal's width now. */
int tui_tables_width(const struct tui *t);
/* The view with the focus: the tables pane, or the top of the stack. */
struct view *tui_focused(struct tui *t);
/* Draws the whole frame into t->cv. */
void tui_render(struct tui *t);
/* With DDBTUI_TRACE: the next frame writes "# EVENT MS", MS from since (tui_now()) to that
 * frame: "first-rows", a scan's start to the first frame with its rows; "all-rows", to the
 * frame with the last of them when every page was asked for (M). event is static. */
void tui_trace_mark(struct tui *t, const char *event, double since);
/* The client's log hook: one finished request into the request log (views/log.c shows it). */
void tui_log_request(const struct ddb_log_entry *e, void *ud);

#endif
