/* term.c - ncursesw: the only file that touches curses. */
#include "tui/term.h"

#include <curses.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ddb/attr.h"
#include "keymaps/keymap.h"
#include "tui/keyseq.h"

static int started;
static int colors;
static attr_t style_attr[ST__COUNT];
static short style_pair[ST__COUNT];

static void fatal_signal(int sig)
{
	/* restore the terminal, then die of the same signal */
	if (started)
		endwin();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void set_style(int st, short fg, short bg, attr_t extra)
{
	style_attr[st] = extra;
	style_pair[st] = 0;
	if (colors && (fg != -1 || bg != -1)) {
		init_pair((short)(st + 1), fg, bg);
		style_pair[st] = (short)(st + 1);
	}
}

static void init_styles(void)
{
	const char *nc = getenv("NO_COLOR");

	colors = !(nc && *nc) && has_colors();
	if (colors) {
		start_color();
		use_default_colors();
	}
	set_style(ST_NORMAL, -1, -1, A_NORMAL);
	set_style(ST_DIM, -1, -1, A_DIM);
	set_style(ST_BOLD, -1, -1, A_BOLD);
	set_style(ST_TITLE, -1, -1, colors ? A_BOLD : A_UNDERLINE);
	set_style(ST_TITLE_FOCUS, COLOR_CYAN, -1, A_BOLD | (colors ? 0 : A_REVERSE));
	set_style(ST_HEADER, COLOR_YELLOW, -1, A_BOLD);
	set_style(ST_SELECTED, COLOR_BLACK, COLOR_CYAN, colors ? 0 : A_REVERSE);
	set_style(ST_SELECTED_DIM, -1, -1, A_REVERSE | A_DIM);
	set_style(ST_MARK, COLOR_MAGENTA, -1, A_BOLD);
	set_style(ST_STATUS, COLOR_WHITE, COLOR_BLUE, colors ? 0 : A_REVERSE);
	set_style(ST_STATUS_BADGE, COLOR_WHITE, COLOR_RED, A_BOLD | (colors ? 0 : A_REVERSE));
	set_style(ST_ERROR, COLOR_RED, -1, A_BOLD);
	set_style(ST_OK, COLOR_GREEN, -1, A_NORMAL);
	set_style(ST_WARN, COLOR_YELLOW, -1, A_NORMAL);
	set_style(ST_PROMPT, -1, -1, A_BOLD);
	set_style(ST_BORDER, -1, -1, A_DIM);
	set_style(ST_JSON_KEY, COLOR_BLUE, -1, A_BOLD);
	set_style(ST_JSON_STRING, COLOR_GREEN, -1, A_NORMAL);
	set_style(ST_JSON_NUMBER, COLOR_CYAN, -1, A_NORMAL);
	set_style(ST_JSON_BOOL, COLOR_MAGENTA, -1, A_NORMAL);
	set_style(ST_JSON_NULL, COLOR_MAGENTA, -1, A_DIM);
	set_style(ST_JSON_TYPE, COLOR_YELLOW, -1, A_NORMAL);
	set_style(ST_JSON_PUNCT, -1, -1, A_DIM);
	set_style(ST_ME, COLOR_CYAN, -1, A_BOLD);
	set_style(ST_OTHER, COLOR_GREEN, -1, A_BOLD);
}

int term_start(void)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "ddbtui: the interactive UI needs a terminal (use a subcommand, "
		                "or --script FILE for the headless mode)\n");
		return -1;
	}
	if (!newterm(NULL, stdout, stdin)) {
		fprintf(stderr, "ddbtui: cannot use the terminal (TERM=%s)\n",
		        getenv("TERM") ? getenv("TERM") : "");
		return -1;
	}
	started = 1;
	signal(SIGSEGV, fatal_signal);
	signal(SIGABRT, fatal_signal);
	signal(SIGBUS, fatal_signal);
	signal(SIGFPE, fatal_signal);
	signal(SIGTERM, fatal_signal);
	signal(SIGHUP, fatal_signal);
	signal(SIGPIPE, SIG_IGN);
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	set_escdelay(25);
	init_styles();
	return 0;
}

void term_stop(void)
{
	if (!started)
		return;
	endwin();
	started = 0;
}

void term_size(int *w, int *h)
{
	*w = COLS;
	*h = LINES;
}

static int translate(int ch)
{
	switch (ch) {
	case KEY_UP:
		return KEY_CODE_UP;
	case KEY_DOWN:
		return KEY_CODE_DOWN;
	case KEY_LEFT:
		return KEY_CODE_LEFT;
	case KEY_RIGHT:
		return KEY_CODE_RIGHT;
	case KEY_PPAGE:
		return KEY_CODE_PGUP;
	case KEY_NPAGE:
		return KEY_CODE_PGDN;
	case KEY_HOME:
		return KEY_CODE_HOME;
	case KEY_END:
		return KEY_CODE_END;
	case KEY_IC:
		return KEY_CODE_INSERT;
	case KEY_DC:
		return KEY_CODE_DELETE;
	case KEY_BTAB:
		return KEY_CODE_BTAB;
	case KEY_BACKSPACE:
		return KEY_CODE_BACKSPACE;
	case KEY_ENTER:
		return KEY_CODE_ENTER;
	case KEY_RESIZE:
		return KEY_CODE_RESIZE;
	default:
		break;
	}
	if (ch >= KEY_F(1) && ch <= KEY_F(12))
		return KEY_CODE_F1 + (ch - KEY_F(1));
	return -1;
}

/* The next byte of an escape sequence: curses waited ESCDELAY for the first; the rest of a
 * sequence comes in the same write, but give a slow link a little more. -1 if none came. */
static int seq_byte(void)
{
	int i;

	for (i = 0; i < 5; i++) {
		wint_t wc;
		int r = wget_wch(stdscr, &wc);

		if (r == OK)
			return (int)wc;
		if (r == KEY_CODE_YES) {
			ungetch((int)wc); /* a key curses decoded: the sequence ended before it */
			return -1;
		}
		napms(5);
	}
	return -1;
}

/* After an ESC curses did not decode: a CSI or SS3 sequence read whole (tui/keyseq.h), a known one
 * as its key and any other dropped; else Esc (and the byte after it, if any, comes next, as
 * Alt-x did before). KEYSEQ_DROP when dropped. */
static int read_escape(void)
{
	int seq[KEYSEQ_MAX], n = 0, c = seq_byte(), key;

	if (c < 0)
		return KEY_CODE_ESC;
	if (c != '[' && c != 'O') {
		unget_wch((wchar_t)c);
		return KEY_CODE_ESC;
	}
	seq[n++] = c;
	while ((key = keyseq_decode(seq, n)) == KEYSEQ_MORE) {
		if ((c = seq_byte()) < 0) {
			if (n > 1)
				return KEYSEQ_DROP; /* cut short */
			unget_wch((wchar_t)seq[0]); /* Alt-[ or Alt-O: Esc, then the key */
			return KEY_CODE_ESC;
		}
		seq[n++] = c;
	}
	return key;
}

int term_read_key(void)
{
	wint_t wc;
	int r;

again:
	r = wget_wch(stdscr, &wc);
	if (r == ERR)
		return -1;
	if (r == KEY_CODE_YES)
		return translate((int)wc);
	if (wc == KEY_CODE_ESC) {
		int key = read_escape();

		if (key == KEYSEQ_DROP)
			goto again;
		return key;
	}
	if (wc == '\n')
		return KEY_CODE_ENTER;
	if (wc == 8)
		return KEY_CODE_BACKSPACE;
	return (int)wc;
}

void term_draw(const struct canvas *cv)
{
	int x, y;

	for (y = 0; y < cv->h && y < LINES; y++) {
		for (x = 0; x < cv->w && x < COLS; x++) {
			const struct cell *c = &cv->cells[y * cv->w + x];
			wchar_t wch[2];
			cchar_t cc;

			if (c->ch == 0)
				continue; /* the right half of a wide character */
			wch[0] = (wchar_t)c->ch;
			wch[1] = 0;
			setcchar(&cc, wch, style_attr[c->style], style_pair[c->style], NULL);
			mvadd_wch(y, x, &cc);
		}
	}
	if (cv->cursor_x >= 0 && cv->cursor_y >= 0) {
		move(cv->cursor_y, cv->cursor_x);
		curs_set(1);
	} else {
		curs_set(0);
	}
	wnoutrefresh(stdscr);
	doupdate();
}

void term_suspend(void)
{
	def_prog_mode();
	endwin();
}

void term_resume(void)
{
	reset_prog_mode();
	clearok(stdscr, TRUE);
	refresh();
}

int term_job_stop(void)
{
	struct sigaction dfl, old;

	if (!started)
		return -1;
	term_suspend();
	/* stop as the shell expects (ncurses' own SIGTSTP handler, if any, is put back after) */
	memset(&dfl, 0, sizeof(dfl));
	dfl.sa_handler = SIG_DFL;
	sigemptyset(&dfl.sa_mask);
	sigaction(SIGTSTP, &dfl, &old);
	raise(SIGTSTP);
	/* here after SIGCONT (fg) */
	sigaction(SIGTSTP, &old, NULL);
	term_resume();
	return 0;
}

void term_copy(const char *text)
{
	char *b64 = ddb_base64_encode(text, strlen(text));

	if (!b64)
		return;
	/* straight to the terminal: curses would escape it */
	printf("\033]52;c;%s\a", b64);
	fflush(stdout);
	free(b64);
}
