/* cmdline.c - completion and history of the : command line (cmdline.h). */
#include "tui/cmdline.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "ddb/buf.h"
#include "keymaps/keymap.h"
#include "tui/state.h"

#define HISTORY_FILE "history"

struct cands {
	char **c;
	int n, cap;
};

static void cand_add(struct cands *cs, const char *s, size_t len)
{
	if (cs->n == cs->cap) {
		cs->cap = cs->cap ? cs->cap * 2 : 16;
		cs->c = realloc(cs->c, (size_t)cs->cap * sizeof(*cs->c));
		if (!cs->c)
			abort();
	}
	cs->c[cs->n++] = ddb_strndup(s, len);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted, each once. */
static void cands_finish(struct cands *cs)
{
	int i, o = 0;

	if (!cs->n)
		return;
	qsort(cs->c, (size_t)cs->n, sizeof(*cs->c), cmp_str);
	for (i = 0; i < cs->n; i++) {
		if (o && strcmp(cs->c[o - 1], cs->c[i]) == 0)
			free(cs->c[i]);
		else
			cs->c[o++] = cs->c[i];
	}
	cs->n = o;
}

/* Paths that begin with word: the entries of its folder (a folder with a '/' after it). */
static void add_paths(struct cands *cs, const char *word)
{
	const char *slash = strrchr(word, '/');
	size_t dlen = slash ? (size_t)(slash - word) + 1 : 0;
	char *dir = dlen ? ddb_strndup(word, dlen) : ddb_strdup(".");
	const char *base = word + dlen;
	DIR *d = opendir(dir);
	struct dirent *e;

	while (d && (e = readdir(d))) {
		struct ddb_buf b = DDB_BUF_INIT;
		DIR *sub;

		if (strncmp(e->d_name, base, strlen(base)) != 0 || strcmp(e->d_name, ".") == 0 ||
		    strcmp(e->d_name, "..") == 0 || (e->d_name[0] == '.' && base[0] != '.'))
			continue;
		ddb_buf_printf(&b, "%.*s%s", (int)dlen, word, e->d_name);
		sub = opendir(ddb_buf_str(&b));
		if (sub) {
			closedir(sub);
			ddb_buf_putc(&b, '/');
		}
		cand_add(cs, ddb_buf_str(&b), b.len);
		ddb_buf_done(&b);
	}
	if (d)
		closedir(d);
	free(dir);
}

int cmdline_candidates(const char *line, const char *const *tables, int ntables, char ***out,
                       size_t *word_at)
{
	struct cands cs = {NULL, 0, 0};
	const char *last = strrchr(line, ' '), *word = last ? last + 1 : line;
	size_t wlen = strlen(word);
	int i;

	*word_at = (size_t)(word - line);
	if (!last) { /* the command's name */
		const struct keymap_command *c;

		for (c = keymap_commands; c->name; c++)
			if (strncmp(c->name, word, wlen) == 0)
				cand_add(&cs, c->name, strlen(c->name));
	} else {
		/* the argument: what the command's first word of args names */
		size_t nlen = strcspn(line, " ");
		char *name = ddb_strndup(line, nlen);
		const struct keymap_command *c = keymap_command_find(name);
		const char *p = line + nlen;
		int argi = 0;

		free(name);
		while (*p == ' ')
			p++;
		for (; p < word; p++) /* the words before this one */
			if (*p == ' ' && p[1] != ' ')
				argi++;
		if (c && argi == 0 && strstr(c->args, "TABLE"))
			for (i = 0; i < ntables; i++)
				if (strncmp(tables[i], word, wlen) == 0)
					cand_add(&cs, tables[i], strlen(tables[i]));
		if (c && argi == 0 && strstr(c->args, "FILE"))
			add_paths(&cs, word);
	}
	cands_finish(&cs);
	*out = cs.c;
	return cs.n;
}

void cmdline_free(char **c, int n)
{
	int i;

	for (i = 0; i < n; i++)
		free(c[i]);
	free(c);
}

char *cmdline_common(char *const *c, int n)
{
	size_t len = n ? strlen(c[0]) : 0;
	int i;

	for (i = 1; i < n; i++) {
		size_t k = 0;

		while (k < len && c[i][k] == c[0][k])
			k++;
		len = k;
	}
	while (len && ((unsigned char)c[0][len] & 0xC0) == 0x80) /* a whole character */
		len--;
	return ddb_strndup(n ? c[0] : "", len);
}

/* ---- history ---- */

static char *history_path(struct ddb_error *err)
{
	char *dir = tui_state_dir(err);
	struct ddb_buf b = DDB_BUF_INIT;

	if (!dir)
		return NULL;
	ddb_buf_printf(&b, "%s/%s", dir, HISTORY_FILE);
	free(dir);
	return ddb_buf_steal(&b);
}

static void history_clear(struct cmdline_history *h)
{
	cmdline_free(h->lines, h->n);
	h->lines = NULL;
	h->n = 0;
}

static void history_push(struct cmdline_history *h, const char *s, size_t len)
{
	h->lines = realloc(h->lines, (size_t)(h->n + 1) * sizeof(*h->lines));
	if (!h->lines)
		abort();
	h->lines[h->n++] = ddb_strndup(s, len);
}

/* Keeps the newest CMDLINE_HISTORY_MAX lines. */
static void history_trim(struct cmdline_history *h)
{
	int drop = h->n - CMDLINE_HISTORY_MAX, i;

	if (drop <= 0)
		return;
	for (i = 0; i < drop; i++)
		free(h->lines[i]);
	memmove(h->lines, h->lines + drop, (size_t)CMDLINE_HISTORY_MAX * sizeof(*h->lines));
	h->n = CMDLINE_HISTORY_MAX;
}

/* The file's lines into h (replacing what it held); the last CMDLINE_HISTORY_MAX. */
static void history_read(struct cmdline_history *h, const char *path)
{
	struct ddb_error err;
	char *text = ddb_read_file(path, NULL, &err);
	const char *p = text;

	history_clear(h);
	while (p && *p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);

		if (len)
			history_push(h, p, len);
		p = nl ? nl + 1 : p + len;
	}
	free(text);
	history_trim(h);
}

void cmdline_history_load(struct cmdline_history *h)
{
	struct ddb_error err;
	char *path = history_path(&err);

	h->lines = NULL;
	h->n = 0;
	if (path)
		history_read(h, path);
	free(path);
}

int cmdline_history_add(struct cmdline_history *h, const char *line, struct ddb_error *err)
{
	char *path;
	struct ddb_buf b = DDB_BUF_INIT;
	int i, rc;

	if (!line[strspn(line, " ")] || strchr(line, '\n'))
		return 0;
	path = history_path(err);
	if (!path)
		return -1;
	history_read(h, path); /* what another ddbtui added meanwhile stays */
	if (!h->n || strcmp(h->lines[h->n - 1], line) != 0)
		history_push(h, line, strlen(line));
	history_trim(h);
	for (i = 0; i < h->n; i++)
		ddb_buf_printf(&b, "%s\n", h->lines[i]);
	rc = tui_state_write(path, ddb_buf_str(&b), b.len, err);
	free(path);
	ddb_buf_done(&b);
	return rc;
}

void cmdline_history_done(struct cmdline_history *h)
{
	history_clear(h);
}
