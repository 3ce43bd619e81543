/* editor.c - the user's editor on a 0600 file, run without a shell. */
#include "tui/editor.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ddb/buf.h"
#include "ddb/file.h"
#include "tui/state.h"
#include "tui/term.h"
#include "tui/ui.h"

extern char **environ;

char *editor_file_new(const char *text, struct ddb_error *err)
{
	char *dir = tui_state_dir(err), *path;
	struct ddb_buf b = DDB_BUF_INIT;
	int fd;

	if (!dir)
		return NULL;
	ddb_buf_printf(&b, "%s/edit-XXXXXX.json", dir);
	free(dir);
	path = ddb_buf_steal(&b);
	fd = mkstemps(path, 5); /* 0600 */
	if (fd < 0) {
		ddb_error_set(err, DDB_ERR_IO, "cannot create %s: %s", path, strerror(errno));
		free(path);
		return NULL;
	}
	fchmod(fd, 0600);
	if (ddb_write_all(fd, text, strlen(text)) != 0 || fsync(fd) != 0 || close(fd) != 0) {
		ddb_error_set(err, DDB_ERR_IO, "cannot write %s: %s", path, strerror(errno));
		unlink(path);
		free(path);
		return NULL;
	}
	return path;
}

/* Atomically: the user's text is in the file before or after, never half of it. */
int editor_file_write(const char *path, const char *text, struct ddb_error *err)
{
	return ddb_replace_file(path, text, strlen(text), 0, NULL, err) == 0 ? 0 : -1;
}

char *editor_file_read(const char *path, struct ddb_error *err)
{
	return ddb_read_file(path, NULL, err);
}

const char *editor_command(void)
{
	const char *v = getenv("VISUAL");

	if (v && *v)
		return v;
	v = getenv("EDITOR");
	if (v && *v)
		return v;
	return "vi";
}

char **editor_argv(const char *cmd, const char *path)
{
	size_t words = 0, len = strlen(cmd), i, j;
	char **argv, *store;
	const char *p;
	int in = 0;

	for (p = cmd; *p; p++) {
		if (*p != ' ' && !in)
			words++;
		in = *p != ' ';
	}
	if (!words)
		return NULL;
	/* the pointers, then the words' text, then the path: one block */
	argv = malloc((words + 2) * sizeof(*argv) + len + 1 + strlen(path) + 1);
	if (!argv)
		abort();
	store = (char *)(argv + words + 2);
	memcpy(store, cmd, len + 1);
	for (i = 0, j = 0, in = 0; j < len; j++) {
		if (cmd[j] == ' ') {
			store[j] = '\0';
			in = 0;
		} else if (!in) {
			argv[i++] = store + j;
			in = 1;
		}
	}
	strcpy(store + len + 1, path);
	argv[i++] = store + len + 1;
	argv[i] = NULL;
	return argv;
}

int editor_run(struct tui *t, const char *path, struct ddb_error *err)
{
	const char *cmd = editor_command();
	char **argv = editor_argv(cmd, path);
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	struct sigaction ign, old_int, old_quit;
	sigset_t deflt, mask;
	pid_t pid = 0;
	int rc, status = 0;

	if (!argv) {
		ddb_error_set(err, DDB_ERR_CONFIG,
		              "the editor command is empty (set VISUAL or "
		              "EDITOR)");
		return -1;
	}
	posix_spawn_file_actions_init(&fa);
	if (t->headless) {
		posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
		posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
	}
	/* the editor gets the default dispositions of the keyboard signals (we ignore them while
	 * it runs, as system() does) and of SIGPIPE (ignored by the UI) */
	posix_spawnattr_init(&attr);
	sigemptyset(&deflt);
	sigaddset(&deflt, SIGINT);
	sigaddset(&deflt, SIGQUIT);
	sigaddset(&deflt, SIGPIPE);
	sigemptyset(&mask);
	posix_spawnattr_setsigdefault(&attr, &deflt);
	posix_spawnattr_setsigmask(&attr, &mask);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGINT, &ign, &old_int);
	sigaction(SIGQUIT, &ign, &old_quit);

	if (!t->headless)
		term_suspend();
	rc = posix_spawnp(&pid, argv[0], &fa, &attr, argv, environ);
	if (rc == 0) {
		while (waitpid(pid, &status, 0) < 0) {
			if (errno != EINTR) {
				rc = errno;
				break;
			}
		}
	}
	if (!t->headless)
		term_resume();

	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	posix_spawnattr_destroy(&attr);
	posix_spawn_file_actions_destroy(&fa);
	if (rc != 0) {
		ddb_error_set(err, DDB_ERR_IO,
		              "cannot run the editor '%s': %s (set VISUAL or "
		              "EDITOR; it is run without a shell)",
		              argv[0], strerror(rc));
		free(argv);
		return -1;
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127) {
		/* POSIX lets posix_spawn report a failed exec this way too, from the child (glibc
		 * does under valgrind, which runs the spawn as a fork) */
		ddb_error_set(
		    err, DDB_ERR_IO,
		    "cannot run the editor '%s': it exited with status 127, not found? (set "
		    "VISUAL or EDITOR; it is run without a shell)",
		    argv[0]);
		free(argv);
		return -1;
	}
	free(argv);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	if (WIFEXITED(status))
		ddb_error_set(err, DDB_ERR_IO, "the editor exited with status %d",
		              WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		ddb_error_set(err, DDB_ERR_IO, "the editor was killed by signal %d",
		              WTERMSIG(status));
	else
		ddb_error_set(err, DDB_ERR_IO, "the editor failed");
	return -1;
}

int editor_pause(struct tui *t, const char *why)
{
	double until;

	if (t->headless)
		return 0;
	tui_error(t, "not saved: %s; opening the editor again (a key stops)", why);
	tui_render(t);
	term_draw(&t->cv);
	for (until = tui_now() + 0.4; tui_now() < until;) {
		int key = term_read_key();

		if (key >= 0 && key != KEY_CODE_RESIZE)
			return 1;
		if (key < 0)
			usleep(20000);
	}
	return 0;
}

/* Whether the line at s starts with optional spaces then "//". */
static int comment_line(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s[0] == '/' && s[1] == '/';
}

const char *editor_strip_header(const char *text)
{
	while (comment_line(text)) {
		const char *nl = strchr(text, '\n');

		if (!nl)
			return text + strlen(text);
		text = nl + 1;
	}
	return text;
}

int editor_header_lines(const char *text)
{
	const char *body = editor_strip_header(text), *p;
	int n = 0;

	for (p = text; p < body; p++)
		if (*p == '\n')
			n++;
	return n;
}

char *editor_with_header(const char *message, const char *body)
{
	struct ddb_buf b = DDB_BUF_INIT;
	const char *p = message;

	ddb_buf_puts(&b, "// ddbtui: not saved: ");
	for (; *p; p++) {
		ddb_buf_putc(&b, *p);
		if (*p == '\n')
			ddb_buf_puts(&b, "// ");
	}
	ddb_buf_puts(&b, "\n// Fix the text below and save; these // lines are ignored. An empty "
	                 "file cancels.\n");
	ddb_buf_puts(&b, body);
	return ddb_buf_steal(&b);
}
