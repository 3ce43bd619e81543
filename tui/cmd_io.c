/* cmd_io.c - export and import: a table to ddb/json/csv lines, page by page with constant memory
 * (one segment or several at once: --segments),
 * and lines (or an `aws dynamodb scan` document) back into a table with BatchWriteItem, each
 * rejected line reported by number. The formats are ddb/transfer.h's. */
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ddb/attr.h"
#include "ddb/buf.h"
#include "ddb/json.h"
#include "ddb/ops.h"
#include "ddb/tablespec.h"
#include "ddb/transfer.h"

#define EXPORT_LIMIT_MAX 2147483647L
#define IMPORT_CHUNK     400                /* items sent together: 16 requests of 25 */
#define IMPORT_LINE_MAX  (8L * 1024 * 1024) /* an item is at most 400 KB; its JSON, say, 8 MB */
#define REPORT_MAX_LEN   300                /* of a rejection's message */

static const char *opt_format;
static const char *opt_columns;
static const char *opt_limit;

const struct cli_opt export_opts[] = {
    {"--format", "ddb|json|csv",
     "ddb: {\"Item\": ...} lines (default, lossless); json: plain "
     "JSON lines; csv",
     &opt_format, NULL},
    {"--columns", "a,b,c", "CSV columns (default: the keys, then the first page's attributes)",
     &opt_columns, NULL},
    {"--limit", "N", "stop after N items", &opt_limit, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

const struct cli_opt import_opts[] = {
    {"--format", "auto|ddb|json|scan", "what FILE holds (default auto: the first line tells)",
     &opt_format, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static double mono_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* DescribeTable -> spec. EXIT_OK or the error's exit code (printed). */
static int describe(struct app *app, const char *table, struct ddb_table_spec *spec)
{
	struct ddb_error err;
	cJSON *body = cJSON_CreateObject(), *reply;
	int rc = EXIT_OK;

	cJSON_AddStringToObject(body, "TableName", table);
	reply = app_call(app, "DescribeTable", body, &err);
	if (!reply)
		return app_fail(app, &err);
	if (ddb_table_spec_from_describe(spec, reply, &err) != 0)
		rc = app_fail(app, &err);
	cJSON_Delete(reply);
	return rc;
}

/* The key of an item for messages, in DynamoDB JSON (malloc'd). */
static char *key_text(const cJSON *item, const struct ddb_table_spec *spec)
{
	cJSON *key = ddb_item_key(item, spec);
	char *s = cJSON_PrintUnformatted(key);

	cJSON_Delete(key);
	if (!s)
		abort();
	return s;
}

/* ---- export ---- */

struct export_state {
	struct app *app;
	const struct ddb_table_spec *spec;
	enum ddb_xfmt fmt;
	char **columns; /* csv */
	int ncolumns;
	int header_done;
	long limit;
	long seen;
	long written;
	long failed; /* items the format could not express */
	long typed;  /* json: items with binary or sets (read back as strings and lists) */
	int write_errno;
	struct ddb_buf out;
	struct ddb_error err;
	struct cli_rate rate;
};

static void add_column(struct export_state *st, const char *name)
{
	int i;

	for (i = 0; i < st->ncolumns; i++)
		if (strcmp(st->columns[i], name) == 0)
			return;
	st->columns = realloc(st->columns, sizeof(char *) * (size_t)(st->ncolumns + 1));
	if (!st->columns)
		abort();
	st->columns[st->ncolumns] = strdup(name);
	if (!st->columns[st->ncolumns])
		abort();
	st->ncolumns++;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* CSV columns when none were given: the table's keys, then the first page's other attributes in
 * name order. */
static void default_columns(struct export_state *st, const cJSON *items)
{
	const cJSON *item, *a;
	int first;

	if (st->spec->hash.name)
		add_column(st, st->spec->hash.name);
	if (st->spec->range.name)
		add_column(st, st->spec->range.name);
	first = st->ncolumns;
	cJSON_ArrayForEach(item, items)
	{
		cJSON_ArrayForEach(a, item)
		{
			add_column(st, a->string);
		}
	}
	qsort(st->columns + first, (size_t)(st->ncolumns - first), sizeof(char *), cmp_str);
}

static int export_page(struct ddb_client *c, struct ddb_reply *reply, void *ud)
{
	struct export_state *st = ud;
	const cJSON *items = cJSON_GetObjectItemCaseSensitive(reply->json, "Items");
	const cJSON *item;
	long before = st->seen;

	(void)c;
	ddb_buf_reset(&st->out);
	if (st->fmt == DDB_XFMT_CSV && !st->header_done) {
		if (!st->columns)
			default_columns(st, items);
		ddb_csv_header(&st->out, (const char *const *)st->columns, st->ncolumns);
		st->header_done = 1;
	}
	cJSON_ArrayForEach(item, items)
	{
		struct ddb_error err;
		int rc;

		if (st->limit && st->seen >= st->limit)
			break;
		st->seen++;
		ddb_error_clear(&err);
		if (st->fmt == DDB_XFMT_CSV) {
			rc = ddb_csv_row(&st->out, item, (const char *const *)st->columns,
			                 st->ncolumns, &err);
		} else {
			rc = ddb_export_line(&st->out, item, st->fmt, &err);
			if (rc == 0)
				ddb_buf_putc(&st->out, '\n');
		}
		if (rc != 0) {
			char *k = key_text(item, st->spec);

			fprintf(stderr, "ddbtui: item with key %s: %s (not exported)\n", k,
			        err.message);
			free(k);
			st->failed++;
			continue;
		}
		if (st->fmt == DDB_XFMT_JSON && ddb_item_has_typed(item))
			st->typed++;
		st->written++;
	}
	/* one write a page; the page's items are freed when this returns */
	if ((st->out.len && fwrite(st->out.data, 1, st->out.len, stdout) != st->out.len) ||
	    fflush(stdout) != 0 || ferror(stdout)) {
		st->write_errno = errno ? errno : EIO;
		return 1;
	}
	cli_rate_add(&st->rate, st->seen - before);
	return st->limit && st->seen >= st->limit;
}

static void export_done(struct ddb_client *c, const struct ddb_error *err, void *ud)
{
	struct export_state *st = ud;

	(void)c;
	st->err = *err;
}

/* "a, b,c" -> columns. EXIT_OK or EXIT_USAGE. */
static int parse_columns(struct export_state *st, const char *text)
{
	const char *p = text, *e;

	for (;;) {
		const char *a, *b;
		char *name;

		e = strchr(p, ',');
		if (!e)
			e = p + strlen(p);
		for (a = p; a < e && (*a == ' ' || *a == '\t'); a++)
			;
		for (b = e; b > a && (b[-1] == ' ' || b[-1] == '\t'); b--)
			;
		if (a == b)
			return app_usage_error("export", "--columns '%s': an empty column name",
			                       text);
		name = strndup(a, (size_t)(b - a));
		if (!name)
			abort();
		add_column(st, name);
		free(name);
		if (!*e)
			return EXIT_OK;
		p = e + 1;
	}
}

int cmd_export(struct app *app, int argc, char **argv)
{
	struct ddb_table_spec spec;
	struct export_state st;
	cJSON *req;
	int rc, i;

	memset(&st, 0, sizeof(st));
	st.fmt = DDB_XFMT_DDB;
	if (argc > 1)
		return app_usage_error("export", "too many arguments for export");
	if (opt_format && (ddb_xfmt_parse(opt_format, &st.fmt) != 0 || st.fmt == DDB_XFMT_AUTO ||
	                   st.fmt == DDB_XFMT_SCAN))
		return app_usage_error("export", "--format is ddb, json or csv, not '%s'",
		                       opt_format);
	if (opt_columns && st.fmt != DDB_XFMT_CSV)
		return app_usage_error("export", "--columns is for --format csv");
	if (opt_limit && cli_parse_long("export", "--limit", opt_limit, 1, EXPORT_LIMIT_MAX, &st.limit) != EXIT_OK)
		return EXIT_USAGE;
	if (argc == 1)
		app->table = argv[0];
	if (opt_columns && parse_columns(&st, opt_columns) != EXIT_OK) {
		rc = EXIT_USAGE;
		goto out_cols;
	}
	if ((rc = app_connect(app)) != EXIT_OK)
		goto out_cols;
	ddb_table_spec_init(&spec);
	if ((rc = describe(app, app->table, &spec)) != EXIT_OK)
		goto out;

	st.app = app;
	st.spec = &spec;
	ddb_buf_init(&st.out);
	ddb_error_clear(&st.err);
	req = cJSON_CreateObject();
	cJSON_AddStringToObject(req, "TableName", app->table);
	if (st.limit)
		cJSON_AddNumberToObject(req, "Limit", (double)st.limit);
	cli_stream_malloc();
	cli_rate_start(&st.rate, "export");
	ddb_scan_parallel(app->client, req, app->segments, st.limit, export_page, export_done, &st,
	                  NULL);
	ddb_client_run(app->client);
	cli_rate_end(&st.rate);
	/* an empty table still gets its CSV header */
	if (st.fmt == DDB_XFMT_CSV && !st.header_done && st.err.kind == DDB_ERR_NONE &&
	    !st.write_errno) {
		ddb_buf_reset(&st.out);
		if (!st.columns)
			default_columns(&st, NULL);
		ddb_csv_header(&st.out, (const char *const *)st.columns, st.ncolumns);
		fwrite(st.out.data, 1, st.out.len, stdout);
		if (fflush(stdout) != 0)
			st.write_errno = errno ? errno : EIO;
	}
	ddb_buf_done(&st.out);

	rc = EXIT_OK;
	if (st.write_errno) {
		if (st.write_errno != EPIPE)
			fprintf(stderr, "ddbtui: cannot write the export: %s\n",
			        strerror(st.write_errno));
		rc = EXIT_FAIL;
	} else if (st.err.kind != DDB_ERR_NONE) {
		fprintf(stderr, "ddbtui: export of %s stopped after %ld items\n", app->table,
		        st.written);
		rc = app_fail(app, &st.err);
	} else {
		fprintf(stderr, "ddbtui: exported %ld item%s of %s as %s\n", st.written,
		        st.written == 1 ? "" : "s", app->table, ddb_xfmt_name(st.fmt));
	}
	if (st.typed)
		fprintf(
		    stderr,
		    "ddbtui: note: %ld item%s hold binary or set values, which plain JSON shows "
		    "as strings and lists (an import makes them S and L); --format ddb keeps "
		    "them\n",
		    st.typed, st.typed == 1 ? "" : "s");
	if (st.failed) {
		fprintf(stderr, "ddbtui: %ld item%s could not be exported as %s\n", st.failed,
		        st.failed == 1 ? "" : "s", ddb_xfmt_name(st.fmt));
		rc = EXIT_FAIL;
	}
out:
	ddb_table_spec_done(&spec);
out_cols:
	for (i = 0; i < st.ncolumns; i++)
		free(st.columns[i]);
	free(st.columns);
	return rc;
}

/* ---- import ---- */

struct import_state {
	struct app *app;
	const char *table;
	const char *unit; /* "line" or "item" (of an aws scan document) */
	struct ddb_table_spec spec;
	cJSON *items; /* pending items (not yet sent) */
	long *where;  /* their line (or item) numbers */
	char **keys;  /* their keys' text, to send a repeated key in a later batch */
	int npending;
	long imported;
	long rejected;
	long chunk_written; /* of the chunk being sent */
	int tty;
	double last_print;
	int fatal; /* a failure that is not one item's: the import stops */
	struct ddb_error err;
};

static void import_progress_line(struct import_state *st, long position, int force)
{
	double now;

	if (!st->tty)
		return;
	now = mono_s();
	if (!force && now - st->last_print < 0.1)
		return;
	st->last_print = now;
	fprintf(stderr, "\r\033[Kimport: %s %ld, %ld imported, %ld rejected", st->unit, position,
	        st->imported + st->chunk_written, st->rejected);
	fflush(stderr);
}

static void clear_progress(struct import_state *st)
{
	if (st->tty) {
		fprintf(stderr, "\r\033[K");
		fflush(stderr);
	}
}

static void reject(struct import_state *st, long where, const char *why)
{
	clear_progress(st);
	fprintf(stderr, "%s %ld: %.*s (skipped)\n", st->unit, where, REPORT_MAX_LEN, why);
	st->rejected++;
}

static void batch_progress(struct ddb_client *c, const struct ddb_batch_progress *p, void *ud)
{
	struct import_state *st = ud;

	(void)c;
	st->chunk_written = p->written;
	import_progress_line(st, st->npending ? st->where[st->npending - 1] : 0, 0);
}

static void batch_done(struct ddb_client *c, const struct ddb_error *err, void *ud)
{
	struct import_state *st = ud;

	(void)c;
	st->err = *err;
}

/* Whether an error rejects the request's items (so each is tried alone) rather than stopping
 * the import. */
static int item_level(const struct ddb_error *err)
{
	return err->kind == DDB_ERR_SERVICE &&
	       (strcmp(err->type, "ValidationException") == 0 ||
	        strcmp(err->type, "ItemCollectionSizeLimitExceededException") == 0);
}

struct put_one {
	struct import_state *st;
	long where;
};

static void put_done(struct ddb_client *c, struct ddb_reply *reply, void *ud)
{
	struct put_one *p = ud;
	struct import_state *st = p->st;

	(void)c;
	if (reply->err.kind == DDB_ERR_NONE) {
		st->imported++;
	} else if (item_level(&reply->err)) {
		char msg[sizeof(reply->err.message) + 100];

		snprintf(msg, sizeof(msg), "%s: %s", reply->err.type, reply->err.message);
		reject(st, p->where, msg);
	} else if (!st->fatal) {
		st->fatal = 1;
		st->err = reply->err;
	}
	free(p);
}

static void pending_clear(struct import_state *st)
{
	int i;

	for (i = 0; i < st->npending; i++)
		free(st->keys[i]);
	cJSON_Delete(st->items);
	st->items = cJSON_CreateArray();
	st->npending = 0;
}

/* Sends the pending items: one BatchWriteItem run; if DynamoDB rejects a request for an item's
 * sake, each item of the chunk alone with PutItem, to name the rejected ones. */
static void flush(struct import_state *st)
{
	cJSON *writes, *item;
	int i = 0;

	if (!st->npending || st->fatal)
		return;
	writes = cJSON_CreateArray();
	cJSON_ArrayForEach(item, st->items)
	{
		cJSON *w = cJSON_CreateObject();

		cJSON_AddItemToObject(cJSON_AddObjectToObject(w, "PutRequest"), "Item",
		                      cJSON_Duplicate(item, 1));
		cJSON_AddItemToArray(writes, w);
	}
	ddb_error_clear(&st->err);
	st->chunk_written = 0;
	ddb_batch_write(st->app->client, st->table, writes, 0, batch_progress, batch_done, st,
	                NULL);
	ddb_client_run(st->app->client);
	st->chunk_written = 0;
	if (st->err.kind == DDB_ERR_NONE) {
		st->imported += st->npending;
	} else if (item_level(&st->err)) {
		/* PutItem is idempotent: items the batch wrote are written again, no harm */
		ddb_error_clear(&st->err);
		cJSON_ArrayForEach(item, st->items)
		{
			struct put_one *p = calloc(1, sizeof(*p));

			if (!p)
				abort();
			p->st = st;
			p->where = st->where[i++];
			ddb_put_item(st->app->client, st->table, cJSON_Duplicate(item, 1), NULL,
			             NULL, NULL, put_done, p, NULL);
		}
		ddb_client_run(st->app->client);
	} else {
		st->fatal = 1;
	}
	pending_clear(st);
}

/* Takes one item (owned) found at line/item `where`: checks it, queues it, sends a full chunk. */
static void take_item(struct import_state *st, cJSON *item, long where)
{
	struct ddb_error err;
	char *key;
	int i;

	ddb_error_clear(&err);
	if (ddb_item_check_for_table(item, &st->spec, &err) != 0) {
		reject(st, where, err.message);
		cJSON_Delete(item);
		return;
	}
	key = key_text(item, &st->spec);
	/* one request may not hold a key twice: a repeated key goes after what came before it */
	for (i = 0; i < st->npending; i++)
		if (strcmp(st->keys[i], key) == 0) {
			flush(st);
			break;
		}
	if (st->fatal) {
		free(key);
		cJSON_Delete(item);
		return;
	}
	cJSON_AddItemToArray(st->items, item);
	st->where[st->npending] = where;
	st->keys[st->npending] = key;
	st->npending++;
	if (st->npending == IMPORT_CHUNK)
		flush(st);
	import_progress_line(st, where, 0);
}

/* Reads one line into b without its end (LF or CRLF). 1: a line, 0: end of file, -1: read error.
 * A line longer than IMPORT_LINE_MAX is read to its end but not kept: *too_long. */
static int read_line(FILE *f, struct ddb_buf *b, int *too_long)
{
	char chunk[65536];
	int got = 0;

	ddb_buf_reset(b);
	*too_long = 0;
	while (fgets(chunk, sizeof(chunk), f)) {
		size_t n = strlen(chunk);
		int nl = n && chunk[n - 1] == '\n';

		got = 1;
		if (nl)
			n--;
		if (!*too_long) {
			if (b->len + n > (size_t)IMPORT_LINE_MAX) {
				*too_long = 1;
				ddb_buf_reset(b);
			} else {
				ddb_buf_append(b, chunk, n);
			}
		}
		if (nl)
			break;
	}
	if (!got)
		return ferror(f) ? -1 : 0;
	if (b->len && b->data[b->len - 1] == '\r')
		b->data[--b->len] = '\0';
	return 1;
}

static int blank(const struct ddb_buf *b)
{
	size_t i;

	for (i = 0; i < b->len; i++)
		if (b->data[i] != ' ' && b->data[i] != '\t')
			return 0;
	return 1;
}

/* The rest of an `aws dynamodb scan` document (its first line already in first). */
static int import_scan_document(struct import_state *st, FILE *f, const char *path,
                                struct ddb_buf *first)
{
	struct ddb_buf all = DDB_BUF_INIT;
	struct ddb_error err;
	char chunk[65536];
	size_t n;
	cJSON *doc, *items, *item;
	long i = 0;

	ddb_buf_append(&all, first->data ? first->data : "", first->len);
	ddb_buf_putc(&all, '\n');
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		ddb_buf_append(&all, chunk, n);
	if (ferror(f)) {
		fprintf(stderr, "ddbtui: cannot read %s: %s\n", path, strerror(errno));
		ddb_buf_done(&all);
		return EXIT_FAIL;
	}
	ddb_error_clear(&err);
	doc = ddb_json_parse(all.data, all.len, &err);
	ddb_buf_done(&all);
	if (!doc) {
		fprintf(stderr, "ddbtui: %s is not an aws dynamodb scan document: %s\n", path,
		        err.message);
		return EXIT_FAIL;
	}
	items = cJSON_GetObjectItemCaseSensitive(doc, "Items");
	if (!cJSON_IsArray(items)) {
		fprintf(stderr,
		        "ddbtui: %s is not an aws dynamodb scan document: no \"Items\" array\n",
		        path);
		cJSON_Delete(doc);
		return EXIT_FAIL;
	}
	st->unit = "item";
	while (!st->fatal && (item = cJSON_DetachItemFromArray(items, 0))) {
		i++;
		take_item(st, item, i);
	}
	cJSON_Delete(doc);
	return EXIT_OK;
}

int cmd_import(struct app *app, int argc, char **argv)
{
	struct import_state st;
	struct ddb_buf line = DDB_BUF_INIT;
	enum ddb_xfmt fmt = DDB_XFMT_AUTO;
	const char *path;
	FILE *f = NULL;
	long lineno = 0;
	int rc, r = 0, too_long, first = 1;

	memset(&st, 0, sizeof(st));
	if (argc != 2)
		return app_usage_error("import",
		                       "import needs the table and the file: ddbtui import "
		                       "TABLE FILE (- for standard input)");
	if (opt_format && (ddb_xfmt_parse(opt_format, &fmt) != 0 || fmt == DDB_XFMT_CSV))
		return app_usage_error("import", "--format is auto, ddb, json or scan, not '%s'",
		                       opt_format);
	app->table = st.table = argv[0];
	path = argv[1];
	if ((rc = app_connect(app)) != EXIT_OK)
		return rc;
	if (app->read_only) {
		fprintf(stderr, "ddbtui: read-only mode: import refused; nothing written\n");
		return EXIT_FAIL;
	}
	f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "ddbtui: cannot open %s: %s\n", path, strerror(errno));
		return EXIT_FAIL;
	}
	ddb_table_spec_init(&st.spec);
	if ((rc = describe(app, st.table, &st.spec)) != EXIT_OK)
		goto out;
	st.app = app;
	st.unit = "line";
	st.tty = isatty(STDERR_FILENO);
	st.items = cJSON_CreateArray();
	st.where = calloc(IMPORT_CHUNK, sizeof(*st.where));
	st.keys = calloc(IMPORT_CHUNK, sizeof(*st.keys));
	if (!st.where || !st.keys)
		abort();

	rc = EXIT_OK;
	while (!st.fatal && (r = read_line(f, &line, &too_long)) > 0) {
		struct ddb_error err;
		cJSON *item;

		lineno++;
		if (too_long) {
			reject(&st, lineno, "longer than 8 MiB");
			continue;
		}
		if (blank(&line))
			continue;
		if (first) {
			first = 0;
			if (fmt == DDB_XFMT_SCAN ||
			    (fmt == DDB_XFMT_AUTO &&
			     ddb_import_looks_like_scan(line.data, line.len))) {
				rc = import_scan_document(&st, f, path, &line);
				break;
			}
		}
		ddb_error_clear(&err);
		item = ddb_import_line(line.data, line.len, &fmt, &err);
		if (!item) {
			reject(&st, lineno, err.message);
			continue;
		}
		take_item(&st, item, lineno);
	}
	if (r < 0 && !st.fatal) {
		fprintf(stderr, "ddbtui: cannot read %s: %s\n", path, strerror(errno));
		rc = EXIT_FAIL;
	}
	flush(&st);
	clear_progress(&st);
	if (st.fatal) {
		fprintf(stderr, "ddbtui: import into %s stopped\n", st.table);
		app_fail(app, &st.err);
		rc = EXIT_FAIL;
	}
	fprintf(stderr, "imported %ld item%s into %s, rejected %ld\n", st.imported,
	        st.imported == 1 ? "" : "s", st.table, st.rejected);
	if (st.rejected)
		rc = EXIT_FAIL;
out:
	if (f && f != stdin)
		fclose(f);
	ddb_buf_done(&line);
	pending_clear(&st);
	cJSON_Delete(st.items);
	free(st.where);
	free(st.keys);
	ddb_table_spec_done(&st.spec);
	return rc;
}
