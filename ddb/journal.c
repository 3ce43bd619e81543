/* journal.c - the append-only undo journal. */
#include "journal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "file.h"
#include "json.h"

void ddb_journal_entry_done(struct ddb_journal_entry *e)
{
	free(e->time);
	free(e->endpoint);
	free(e->region);
	free(e->table);
	free(e->op);
	cJSON_Delete(e->key);
	cJSON_Delete(e->before);
	cJSON_Delete(e->after);
	memset(e, 0, sizeof(*e));
}

char *ddb_journal_path(const char *(*getenv_fn)(const char *), struct ddb_error *err)
{
	const char *(*ge)(const char *) =
	    getenv_fn ? getenv_fn : (const char *(*)(const char *))getenv;
	const char *state = ge("XDG_STATE_HOME"), *home = ge("HOME");
	struct ddb_buf b = DDB_BUF_INIT;

	if (state && *state)
		ddb_buf_printf(&b, "%s/ddbtui/journal.jsonl", state);
	else if (home && *home)
		ddb_buf_printf(&b, "%s/.local/state/ddbtui/journal.jsonl", home);
	else {
		ddb_error_set(err, DDB_ERR_CONFIG,
		              "no HOME or XDG_STATE_HOME for the undo journal");
		return NULL;
	}
	return ddb_buf_steal(&b);
}

/* mkdir -p of the directory part of path, 0700. */
static int make_dirs(const char *path, struct ddb_error *err)
{
	char *d = strdup(path);
	char *p;

	if (!d)
		abort();
	for (p = d + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(d, 0700) != 0 && errno != EEXIST) {
			ddb_error_set(err, DDB_ERR_IO, "cannot create %s: %s", d, strerror(errno));
			free(d);
			return -1;
		}
		*p = '/';
	}
	free(d);
	return 0;
}

static char *now_iso(void)
{
	struct timespec ts;
	struct tm tm;
	char buf[64];

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	snprintf(buf, sizeof(buf), "%04d-%02d-%02dT%02d:%02d:%02d.%06ld+00:00", tm.tm_year + 1900,
	         tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, ts.tv_nsec / 1000);
	return strdup(buf);
}

/* Calls fn for every parsed line, oldest first. */
static int each_line(const char *path, int (*fn)(cJSON *line, void *ud), void *ud,
                     struct ddb_error *err)
{
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	if (!f) {
		if (errno == ENOENT)
			return 0;
		ddb_error_set(err, DDB_ERR_IO, "cannot read %s: %s", path, strerror(errno));
		return -1;
	}
	while ((n = getline(&line, &cap, f)) > 0) {
		cJSON *j = ddb_json_parse(line, (size_t)n, NULL);

		if (!j)
			continue; /* a torn write: skipped */
		if (fn(j, ud))
			break;
	}
	free(line);
	fclose(f);
	return 0;
}

struct max_id {
	long max;
};

static long num(const cJSON *o, const char *name)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);
	char buf[64];
	const char *t = ddb_json_number_text(v, buf);

	return t ? strtol(t, NULL, 10) : 0;
}

static int find_max(cJSON *line, void *ud)
{
	struct max_id *m = ud;
	long id = num(line, "id");

	if (id > m->max)
		m->max = id;
	cJSON_Delete(line);
	return 0;
}

static int append_line(const char *path, const char *text, struct ddb_error *err)
{
	int fd;
	size_t len = strlen(text);

	if (make_dirs(path, err) != 0)
		return -1;
	fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
	if (fd < 0) {
		ddb_error_set(err, DDB_ERR_IO, "cannot write %s: %s", path, strerror(errno));
		return -1;
	}
	fchmod(fd, 0600);
	if (ddb_write_all(fd, text, len) != 0) {
		ddb_error_set(err, DDB_ERR_IO, "cannot write %s: %s", path, strerror(errno));
		close(fd);
		return -1;
	}
	if (fsync(fd) != 0) {
		ddb_error_set(err, DDB_ERR_IO, "cannot sync %s: %s", path, strerror(errno));
		close(fd);
		return -1;
	}
	close(fd);
	return 0;
}

static cJSON *dup_or_null(const cJSON *v)
{
	return v ? cJSON_Duplicate(v, 1) : cJSON_CreateNull();
}

/* Appends an entry's line to b. */
static void entry_line(struct ddb_buf *b, long id, const char *time, const char *endpoint,
                       const char *region, const char *table, const char *op, const cJSON *key,
                       const cJSON *before, const cJSON *after)
{
	cJSON *o = cJSON_CreateObject();
	char *text;

	cJSON_AddNumberToObject(o, "id", (double)id);
	cJSON_AddStringToObject(o, "time", time ? time : "");
	cJSON_AddStringToObject(o, "endpoint", endpoint);
	cJSON_AddStringToObject(o, "region", region);
	cJSON_AddStringToObject(o, "table", table);
	cJSON_AddStringToObject(o, "op", op);
	cJSON_AddItemToObject(o, "key", dup_or_null(key));
	cJSON_AddItemToObject(o, "before", dup_or_null(before));
	cJSON_AddItemToObject(o, "after", dup_or_null(after));
	text = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	if (!text)
		abort();
	ddb_buf_puts(b, text);
	ddb_buf_putc(b, '\n');
	free(text);
}

long ddb_journal_record(const char *path, const char *endpoint, const char *region,
                        const char *table, const char *op, const cJSON *key, const cJSON *before,
                        const cJSON *after, struct ddb_error *err)
{
	struct max_id m = {0};
	char *t;
	struct ddb_buf b = DDB_BUF_INIT;
	int rc;

	if (each_line(path, find_max, &m, err) != 0)
		return -1;
	t = now_iso();
	entry_line(&b, m.max + 1, t, endpoint, region, table, op, key, before, after);
	free(t);
	rc = append_line(path, ddb_buf_str(&b), err);
	ddb_buf_done(&b);
	return rc == 0 ? m.max + 1 : -1;
}

static const cJSON *member_or_null(const cJSON *o, const char *name)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);

	return cJSON_IsObject(v) ? v : NULL;
}

long ddb_journal_record_many(const char *path, const char *endpoint, const char *region,
                             const char *table, const char *op, const cJSON *entries,
                             struct ddb_error *err)
{
	struct max_id m = {0};
	const cJSON *e;
	struct ddb_buf b = DDB_BUF_INIT;
	long id;
	char *t;
	int rc;

	if (each_line(path, find_max, &m, err) != 0)
		return -1;
	t = now_iso();
	id = m.max;
	cJSON_ArrayForEach(e, entries)
	{
		entry_line(&b, ++id, t, endpoint, region, table, op, member_or_null(e, "key"),
		           member_or_null(e, "before"), member_or_null(e, "after"));
	}
	free(t);
	rc = b.len ? append_line(path, ddb_buf_str(&b), err) : 0;
	ddb_buf_done(&b);
	return rc == 0 ? m.max + 1 : -1;
}

struct finder {
	const char *endpoint;
	const char *region;
	const char *table; /* NULL: any */
	cJSON *entries;    /* candidates, by id */
	long *undone;
	size_t nundone, capundone;
};

static int collect(cJSON *line, void *ud)
{
	struct finder *f = ud;
	long u = num(line, "undone");

	if (u > 0) {
		if (f->nundone == f->capundone) {
			f->capundone = f->capundone ? f->capundone * 2 : 16;
			f->undone = realloc(f->undone, f->capundone * sizeof(*f->undone));
			if (!f->undone)
				abort();
		}
		f->undone[f->nundone++] = u;
		cJSON_Delete(line);
		return 0;
	}
	{
		const cJSON *ep = cJSON_GetObjectItemCaseSensitive(line, "endpoint");
		const cJSON *rg = cJSON_GetObjectItemCaseSensitive(line, "region");
		const cJSON *tb = cJSON_GetObjectItemCaseSensitive(line, "table");

		if (cJSON_IsString(ep) && cJSON_IsString(rg) &&
		    strcmp(ep->valuestring, f->endpoint) == 0 &&
		    strcmp(rg->valuestring, f->region) == 0 && num(line, "id") > 0 &&
		    (!f->table || (cJSON_IsString(tb) && strcmp(tb->valuestring, f->table) == 0)))
			cJSON_AddItemToArray(f->entries, line);
		else
			cJSON_Delete(line);
	}
	return 0;
}

static char *str_dup_of(const cJSON *o, const char *name)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);

	return strdup(cJSON_IsString(v) ? v->valuestring : "");
}

static cJSON *item_of(const cJSON *o, const char *name)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);

	return v && cJSON_IsObject(v) ? cJSON_Duplicate(v, 1) : NULL;
}

int ddb_journal_last(const char *path, const char *endpoint, const char *region,
                     struct ddb_journal_entry *out, struct ddb_error *err)
{
	return ddb_journal_last_in(path, endpoint, region, NULL, out, err);
}

int ddb_journal_last_in(const char *path, const char *endpoint, const char *region,
                        const char *table, struct ddb_journal_entry *out, struct ddb_error *err)
{
	struct finder f;
	int i, found = 0;

	memset(&f, 0, sizeof(f));
	memset(out, 0, sizeof(*out));
	f.endpoint = endpoint;
	f.region = region;
	f.table = table;
	f.entries = cJSON_CreateArray();
	if (each_line(path, collect, &f, err) != 0) {
		cJSON_Delete(f.entries);
		free(f.undone);
		return -1;
	}
	for (i = cJSON_GetArraySize(f.entries) - 1; i >= 0 && !found; i--) {
		const cJSON *e = cJSON_GetArrayItem(f.entries, i);
		long id = num(e, "id");
		size_t k;
		int undone = 0;

		for (k = 0; k < f.nundone; k++)
			if (f.undone[k] == id)
				undone = 1;
		if (undone)
			continue;
		out->id = id;
		out->time = str_dup_of(e, "time");
		out->endpoint = str_dup_of(e, "endpoint");
		out->region = str_dup_of(e, "region");
		out->table = str_dup_of(e, "table");
		out->op = str_dup_of(e, "op");
		out->key = item_of(e, "key");
		out->before = item_of(e, "before");
		out->after = item_of(e, "after");
		found = 1;
	}
	cJSON_Delete(f.entries);
	free(f.undone);
	return found;
}

int ddb_journal_mark_undone(const char *path, long id, struct ddb_error *err)
{
	char line[160];
	char *t = now_iso();

	snprintf(line, sizeof(line), "{\"undone\":%ld,\"time\":\"%s\"}\n", id, t ? t : "");
	free(t);
	return append_line(path, line, err);
}

/* ---- item equality ---- */

static int value_equal(const cJSON *a, const cJSON *b);

static int members_equal_unordered(const cJSON *a, const cJSON *b)
{
	const cJSON *x, *y;

	if (cJSON_GetArraySize(a) != cJSON_GetArraySize(b))
		return 0;
	cJSON_ArrayForEach(x, a)
	{
		int found = 0;

		cJSON_ArrayForEach(y, b)
		{
			if (value_equal(x, y)) {
				found = 1;
				break;
			}
		}
		if (!found)
			return 0;
	}
	return 1;
}

static int value_equal(const cJSON *a, const cJSON *b)
{
	char ba[64], bb[64];
	const char *na, *nb;
	const cJSON *x;

	if (!a || !b)
		return a == b;
	na = ddb_json_number_text(a, ba);
	nb = ddb_json_number_text(b, bb);
	if (na || nb)
		return na && nb && strcmp(na, nb) == 0;
	if ((a->type & 0xFF) != (b->type & 0xFF))
		return 0;
	if (cJSON_IsString(a))
		return strcmp(a->valuestring, b->valuestring) == 0;
	if (cJSON_IsArray(a)) {
		const cJSON *y = b->child;

		cJSON_ArrayForEach(x, a)
		{
			if (!y || !value_equal(x, y))
				return 0;
			y = y->next;
		}
		return y == NULL;
	}
	if (cJSON_IsObject(a)) {
		if (cJSON_GetArraySize(a) != cJSON_GetArraySize(b))
			return 0;
		cJSON_ArrayForEach(x, a)
		{
			const cJSON *y = cJSON_GetObjectItemCaseSensitive(b, x->string);

			/* sets: member order does not matter */
			if (y && cJSON_IsArray(x) &&
			    (strcmp(x->string, "SS") == 0 || strcmp(x->string, "NS") == 0 ||
			     strcmp(x->string, "BS") == 0)) {
				if (!members_equal_unordered(x, y))
					return 0;
				continue;
			}
			if (!value_equal(x, y))
				return 0;
		}
		return 1;
	}
	return 1; /* true, false, null of the same type */
}

int ddb_item_equal(const cJSON *a, const cJSON *b)
{
	if (!a || !b)
		return a == b;
	return value_equal(a, b);
}
