/* loop.c - the event loop: each turn polls the queue with stdin as an extra descriptor, makes
 * progress on requests, drains the keys, then draws one frame. The headless mode runs the same
 * dispatch and drawing with keys from a script and a fixed frame. */
#include "tui/loop.h"

#include <errno.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tui/dispatch.h"
#include "tui/term.h"
#include "tui/ui.h"

/* Frees closed views once none of their requests is pending. */
static void reap(struct tui *t)
{
	struct view **pp = &t->dead, *v;

	while ((v = *pp)) {
		if (ddb_client_pending_tag(t->client, v) == 0) {
			*pp = v->next_dead;
			/* a prompt the view opened must not call back into freed memory */
			if (t->prompt.active && t->prompt.ud == v) {
				t->prompt.active = 0;
				t->prompt.done = NULL;
				lineedit_done(&t->prompt.le);
			}
			v->ops->free(v);
		} else {
			pp = &v->next_dead;
		}
	}
	/* q, then "wait": the last write is done */
	if (t->quit_when_done && dispatch_quit_pending(t, NULL, 0) == 0)
		t->quit = 1;
}

static void tui_free(struct tui *t)
{
	while (t->depth)
		tui_close(t);
	if (t->tables) {
		t->tables->closed = 1;
		ddb_cancel_tag(t->client, t->tables);
	}
	/* run the cancellations' callbacks, then free everything */
	ddb_client_perform(t->client);
	while (t->dead) {
		struct view *v = t->dead;

		t->dead = v->next_dead;
		v->ops->free(v);
	}
	if (t->tables)
		t->tables->ops->free(t->tables);
	tui_prompt_free(t);
	if (t->users_loaded)
		ddb_users_done(&t->users);
	keymap_free(t->km);
	canvas_done(&t->cv);
	if (t->trace)
		fclose(t->trace);
}

static int tui_setup(struct tui *t, struct ddb_session *s, int w, int h)
{
	char err[512], path[1024];
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	const char *trace = getenv("DDBTUI_TRACE");

	memset(t, 0, sizeof(*t));
	t->session = s;
	t->client = s->client;
	t->started = tui_now();
	t->km = keymap_new();
	if (keymap_load_defaults(t->km, err, sizeof(err)) != 0) {
		fprintf(stderr, "ddbtui: built-in keys: %s\n", err);
		return -1;
	}
	if (xdg && *xdg)
		snprintf(path, sizeof(path), "%s/ddbtui/keys", xdg);
	else
		snprintf(path, sizeof(path), "%s/.config/ddbtui/keys", home ? home : ".");
	if (keymap_load_file(t->km, path, err, sizeof(err)) != 0)
		tui_error(t, "%s (the other keys are in effect)", err);
	canvas_init(&t->cv, w, h);
	ddb_client_set_log(t->client, tui_log_request, t);
	if (trace && *trace) {
		t->trace = fopen(trace, "w");
		if (t->trace)
			fprintf(t->trace, "# key frame_ms\n");
	}
	dispatch_start(t);
	return 0;
}

/* Milliseconds from process start to now: from DDBTUI_TRACE_T0 (CLOCK_MONOTONIC nanoseconds
 * taken by a launcher just before exec, as bench/bench.py does) if set, else from the start time
 * in /proc/self/stat (clock ticks since boot, so 10 ms steps), else -1. */
static double since_process_start_ms(void)
{
	const char *t0 = getenv("DDBTUI_TRACE_T0");
	struct timespec ts;
	char buf[1024], *p;
	unsigned long long start = 0;
	FILE *f;
	int i;

	if (t0 && *t0) {
		clock_gettime(CLOCK_MONOTONIC, &ts);
		return ((double)ts.tv_sec * 1e9 + (double)ts.tv_nsec - strtod(t0, NULL)) / 1e6;
	}
	f = fopen("/proc/self/stat", "r");
	if (!f)
		return -1;
	p = fgets(buf, sizeof(buf), f);
	fclose(f);
	if (!p || !(p = strrchr(buf, ')')))
		return -1;
	/* field 22 (starttime); the fields after the command name start at 3 */
	for (i = 3; i <= 22 && p; i++)
		p = strchr(p + 1, ' ');
	if (!p)
		return -1;
	start = strtoull(p + 1, NULL, 10);
	clock_gettime(CLOCK_BOOTTIME, &ts);
	return ((double)ts.tv_sec + (double)ts.tv_nsec / 1e9 -
	        (double)start / (double)sysconf(_SC_CLK_TCK)) *
	       1000.0;
}

/* Writes "# start MS" once, when the first complete frame (nothing left to load) is drawn: a
 * comment to readers that only want keys. */
static void trace_start(struct tui *t)
{
	static int done;

	if (!t->trace || done)
		return;
	done = 1;
	fprintf(t->trace, "# start %.3f\n", since_process_start_ms());
	fflush(t->trace);
}

/* Writes one key->frame latency to the trace. */
static void trace_key(struct tui *t, int key, double since)
{
	char name[32];

	if (!t->trace)
		return;
	fprintf(t->trace, "%s %.3f\n", keymap_key_name(key, name, sizeof(name)),
	        (tui_now() - since) * 1000.0);
}

/* ---- interactive ---- */

static volatile sig_atomic_t got_winch;
static void (*curses_winch)(int);
static struct ddb_client *winch_client;

/* ncurses turns SIGWINCH into KEY_RESIZE with its own handler: chain to it, and wake the poll
 * so the new size is drawn at once. */
static void on_winch(int sig)
{
	got_winch = 1;
	if (curses_winch && curses_winch != SIG_DFL && curses_winch != SIG_IGN &&
	    curses_winch != on_winch)
		curses_winch(sig);
	if (winch_client)
		ddb_client_wakeup(winch_client);
}

/* SIGTERM and SIGHUP (the terminal closed): leave the loop, restore the terminal, let running
 * writes finish for a while, then exit. */
static volatile sig_atomic_t got_quit_signal;

static void on_quit_signal(int sig)
{
	got_quit_signal = sig;
	if (winch_client)
		ddb_client_wakeup(winch_client);
}

#define QUIT_SIGNAL_GRACE_S 10.0

/* After SIGTERM or SIGHUP, with the terminal restored: running writes get QUIT_SIGNAL_GRACE_S
 * to finish (reads are cancelled at once), what is left is cancelled; stderr says which. */
static int finish_after_signal(struct tui *t, int sig)
{
	const char *name = sig == SIGHUP ? "SIGHUP" : "SIGTERM";
	double until = tui_now() + QUIT_SIGNAL_GRACE_S;
	char what[160];
	int n = dispatch_quit_pending(t, what, sizeof(what)), left = n;

	t->quit_when_done = 0;
	while (left > 0 && tui_now() < until) {
		ddb_client_poll(t->client, NULL, 0, 100, NULL);
		ddb_client_perform(t->client);
		reap(t);
		left = dispatch_quit_pending(t, what, sizeof(what));
	}
	dispatch_cancel_all(t);
	ddb_client_perform(t->client); /* the cancelled callbacks */
	reap(t);
	if (left > 0)
		fprintf(
		    stderr,
		    "ddbtui: %s: %s was still writing after %.0f s and was cancelled: a write in "
		    "flight may or may not have reached the table; edits and deletes are in the "
		    "undo journal (u)\n",
		    name, what[0] ? what : "a batch writer's retry", QUIT_SIGNAL_GRACE_S);
	else if (n > 0)
		fprintf(stderr,
		        "ddbtui: %s: waited for the running writes to finish before exiting\n",
		        name);
	return 128 + sig;
}

static int run_terminal(struct tui *t)
{
	struct sigaction sa;
	struct ddb_waitfd fd = {STDIN_FILENO, POLLIN, 0};
	struct ddb_error err;
	int w, h, dirty = 1;
	double key_at = 0;
	int last_key = -1;

	if (term_start() != 0)
		return EXIT_FAIL;
	winch_client = t->client;
	curses_winch = signal(SIGWINCH, on_winch);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_quit_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	term_size(&w, &h);
	canvas_resize(&t->cv, w, h);
	while (!t->quit && !got_quit_signal) {
		int key, pending;

		if (dirty) {
			tui_render(t);
			term_draw(&t->cv);
			if (last_key >= 0)
				trace_key(t, last_key, key_at);
			last_key = -1;
			dirty = 0;
			if (!ddb_client_pending(t->client))
				trace_start(t);
		}
		pending = ddb_client_pending(t->client);
		if (ddb_client_poll(t->client, &fd, 1, pending ? 100 : 1000, &err) != 0 &&
		    errno != EINTR)
			break;
		ddb_client_perform(t->client);
		if (pending || ddb_client_pending(t->client)) {
			t->spinner++;
			dirty = 1;
		}
		while ((key = term_read_key()) >= 0) {
			if (key == KEY_CODE_RESIZE) {
				term_size(&w, &h);
				canvas_resize(&t->cv, w, h);
			} else {
				if (last_key < 0) {
					key_at = tui_now();
					last_key = key;
				}
				dispatch_key(t, key);
			}
			dirty = 1;
			if (t->quit)
				break;
		}
		if (got_winch) {
			got_winch = 0;
			dirty = 1;
		}
		reap(t);
		/* messages fade after a while so the hints come back */
		if (t->message[0] && !t->message_error && tui_now() - t->message_at > 8) {
			t->message[0] = '\0';
			dirty = 1;
		}
	}
	term_stop();
	if (got_quit_signal)
		return finish_after_signal(t, got_quit_signal);
	return EXIT_OK;
}

/* ---- headless ---- */

/* "pace MS": keys (and :commands) do not wait for the queue to be idle but come MS apart while it
 * runs, as typed on a terminal during a long load. 0: each waits until every request is over. */
static double script_pace_ms;

/* Runs the queue until idle, then draws. */
static void settle(struct tui *t)
{
	ddb_client_run(t->client);
	reap(t);
	tui_render(t);
}

/* Runs the queue for ms milliseconds as the terminal loop does (a frame after each turn with
 * requests pending). */
static void run_for(struct tui *t, double ms)
{
	double until = tui_now() + ms / 1000.0, now;

	ddb_client_perform(t->client);
	while ((now = tui_now()) < until) {
		int pending = ddb_client_pending(t->client);

		ddb_client_poll(t->client, NULL, 0, (int)((until - now) * 1000.0) + 1, NULL);
		ddb_client_perform(t->client);
		reap(t);
		if (pending)
			tui_render(t);
	}
}

/* Whether the frame shows text. */
static int frame_has(struct tui *t, const char *text)
{
	char *dump = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&dump, &len);
	int found;

	if (!f)
		return 0;
	canvas_dump(&t->cv, f);
	fclose(f);
	found = dump && strstr(dump, text) != NULL;
	free(dump);
	return found;
}

static void feed_key(struct tui *t, int key)
{
	double at;

	if (script_pace_ms > 0)
		run_for(t, script_pace_ms);
	else
		settle(t);
	at = tui_now(); /* the key's time to its frame, not the queue's */
	dispatch_key(t, key);
	tui_render(t);
	trace_key(t, key, at);
}

/* One script line: "keys j j Enter", "type text", ":command", "resize W H", "wait MS",
 * "pace MS", "until TEXT". */
static int script_line(struct tui *t, char *line, const char *file, int lineno)
{
	char *p = line, *tok;
	size_t n = strlen(line);

	while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = '\0';
	while (*p == ' ' || *p == '\t')
		p++;
	if (!*p || *p == '#')
		return 0;
	if (*p == ':') {
		if (script_pace_ms > 0)
			run_for(t, script_pace_ms);
		else
			settle(t);
		dispatch_command(t, p + 1);
		tui_render(t);
		return 0;
	}
	tok = strtok(p, " \t");
	if (strcmp(tok, "keys") == 0 || strcmp(tok, "key") == 0) {
		while ((tok = strtok(NULL, " \t"))) {
			int key = keymap_key_parse(tok);

			if (key < 0) {
				fprintf(stderr, "%s:%d: unknown key '%s'\n", file, lineno, tok);
				return -1;
			}
			feed_key(t, key);
			if (t->quit)
				return 0;
		}
		return 0;
	}
	if (strcmp(tok, "type") == 0) {
		const char *s = p + 5 <= line + n ? p + 5 : "";

		while (*s) {
			int len;
			uint32_t cp = utf8_decode(s, strlen(s), &len);

			feed_key(t, (int)cp);
			s += len;
		}
		return 0;
	}
	if (strcmp(tok, "resize") == 0) {
		char *ws = strtok(NULL, " \t"), *hs = strtok(NULL, " \t");
		int w = ws ? atoi(ws) : 0, h = hs ? atoi(hs) : 0;

		if (w < 1 || h < 1) {
			fprintf(stderr, "%s:%d: resize W H\n", file, lineno);
			return -1;
		}
		settle(t);
		canvas_resize(&t->cv, w, h);
		tui_render(t);
		return 0;
	}
	if (strcmp(tok, "pace") == 0) {
		char *ms = strtok(NULL, " \t");

		script_pace_ms = ms ? atof(ms) : 0;
		return 0;
	}
	if (strcmp(tok, "until") == 0) {
		/* "until TEXT": runs the queue (not waiting for idle) until the frame shows TEXT */
		const char *text = p + 6 <= line + n ? p + 6 : "";
		double give_up = tui_now() + 600;

		/* one turn of the queue at a time: a page at most between two looks */
		ddb_client_perform(t->client);
		tui_render(t);
		while (!frame_has(t, text)) {
			if (tui_now() > give_up) {
				fprintf(stderr, "%s:%d: '%s' not on the screen after 600 s\n", file,
				        lineno, text);
				return -1;
			}
			ddb_client_poll(t->client, NULL, 0, 20, NULL);
			ddb_client_perform(t->client);
			reap(t);
			tui_render(t);
		}
		return 0;
	}
	if (strcmp(tok, "wait") == 0) {
		char *ms = strtok(NULL, " \t");
		double until = tui_now() + (ms ? atof(ms) : 100) / 1000.0;

		while (tui_now() < until) {
			ddb_client_poll(t->client, NULL, 0, 10, NULL);
			ddb_client_perform(t->client);
		}
		tui_render(t);
		return 0;
	}
	fprintf(stderr, "%s:%d: expected keys, type, resize, wait, pace, until or :command\n", file,
	        lineno);
	return -1;
}

static int run_script(struct tui *t, const char *script)
{
	FILE *f = fopen(script, "r");
	char line[8192];
	int lineno = 0, rc = EXIT_OK;

	if (!f) {
		fprintf(stderr, "ddbtui: cannot read the script %s: %s\n", script, strerror(errno));
		return EXIT_USAGE;
	}
	settle(t);
	trace_start(t);
	while (!t->quit && fgets(line, sizeof(line), f)) {
		if (script_line(t, line, script, ++lineno) != 0) {
			rc = EXIT_USAGE;
			break;
		}
	}
	fclose(f);
	settle(t);
	return rc;
}

int tui_main(struct ddb_session *s, const char *script, int w, int h)
{
	static struct tui t; /* large (the request log): not on the stack */
	int rc;

	if (!setlocale(LC_ALL, "") || !strstr(setlocale(LC_CTYPE, NULL), "UTF-8"))
		if (!setlocale(LC_CTYPE, "C.UTF-8"))
			setlocale(LC_CTYPE, "C.utf8");
	if (tui_setup(&t, s, w, h) != 0)
		return EXIT_FAIL;
	t.headless = script != NULL;
	rc = script ? run_script(&t, script) : run_terminal(&t);
	if (t.exit_note[0])
		fprintf(stderr, "%s\n", t.exit_note);
	tui_free(&t);
	return rc;
}
