/* state.c - the UI's remembered settings in the state directory (state.h). */
#include "tui/state.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ddb/buf.h"
#include "ddb/file.h"
#include "ddb/journal.h"

#define STATE_FILE  "ui-state"
#define STATE_LINES 64 /* keys kept: a bound, so a damaged file cannot grow without end */

char *tui_state_dir(struct ddb_error *err)
{
	char *path = ddb_journal_path(NULL, err), *slash, *p;

	if (!path)
		return NULL;
	slash = strrchr(path, '/');
	if (slash)
		*slash = '\0';
	for (p = path + 1;; p++) {
		if (*p != '/' && *p)
			continue;
		{
			char c = *p;

			*p = '\0';
			if (mkdir(path, 0700) != 0 && errno != EEXIST) {
				ddb_error_set(err, DDB_ERR_IO, "cannot create %s: %s", path,
				              strerror(errno));
				free(path);
				return NULL;
			}
			*p = c;
			if (!c)
				break;
		}
	}
	return path;
}

char *tui_state_file(const char *name, struct ddb_error *err)
{
	char *dir = tui_state_dir(err);

	if (!dir)
		return NULL;
	struct ddb_buf b = DDB_BUF_INIT;

	ddb_buf_printf(&b, "%s/%s", dir, name);
	free(dir);
	return ddb_buf_steal(&b);
}

static char *state_path(struct ddb_error *err)
{
	return tui_state_file(STATE_FILE, err);
}

/* The file's text; NULL if it cannot be read (missing: nothing remembered yet). */
static char *state_read(const char *path)
{
	struct ddb_error err;

	return ddb_read_file(path, NULL, &err);
}

/* The line of KEY in text ("KEY VALUE\n"), or NULL. */
static const char *find_key(const char *text, const char *key)
{
	size_t klen = strlen(key);
	const char *line = text;

	while (line && *line) {
		if (strncmp(line, key, klen) == 0 && line[klen] == ' ')
			return line;
		line = strchr(line, '\n');
		if (line)
			line++;
	}
	return NULL;
}

int tui_state_get_int(const char *key, int dflt)
{
	struct ddb_error err;
	char *path = state_path(&err), *text, *end;
	const char *line;
	long v = dflt;

	if (!path)
		return dflt;
	text = state_read(path);
	free(path);
	line = text ? find_key(text, key) : NULL;
	if (line) {
		const char *s = line + strlen(key) + 1;

		errno = 0;
		v = strtol(s, &end, 10);
		if (errno || end == s || (*end && *end != '\n') || v < -100000 || v > 100000)
			v = dflt;
	}
	free(text);
	return (int)v;
}

int tui_state_write(const char *path, const char *text, size_t len, struct ddb_error *err)
{
	return ddb_replace_file(path, text, len, 0, NULL, err) == 0 ? 0 : -1;
}

int tui_state_set(const char *key, const char *value, struct ddb_error *err)
{
	char *path = state_path(err), *old;
	const char *line;
	struct ddb_buf b;
	int kept = 0, rc;

	if (!path)
		return -1;
	old = state_read(path); /* re-read now: another ddbtui may have written since */
	ddb_buf_init(&b);
	ddb_buf_printf(&b, "%s %s\n", key, value);
	for (line = old; line && *line && kept < STATE_LINES; kept++) {
		const char *nl = strchr(line, '\n');
		size_t len = nl ? (size_t)(nl - line) : strlen(line);

		if (len && !(strncmp(line, key, strlen(key)) == 0 && line[strlen(key)] == ' ')) {
			ddb_buf_append(&b, line, len);
			ddb_buf_append(&b, "\n", 1);
		}
		line = nl ? nl + 1 : NULL;
	}
	free(old);
	rc = tui_state_write(path, ddb_buf_str(&b), b.len, err);
	free(path);
	ddb_buf_done(&b);
	return rc;
}
