/* cmd_io.c - export and import: a table to ddb/json/csv lines, page by page with constant memory
 * (one segment or several at once: --segments),
 * and lines (or an `aws dynamodb scan` document) back into a table with BatchWriteItem, each
 * rejected line reported by number. The formats, and the loops shared with the TUI, are
 * ddb/transfer.h's. */
#include "tui/cli/cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ddb/buf.h"
#include "ddb/ops.h"
#include "ddb/tablespec.h"
#include "ddb/transfer.h"

#define EXPORT_LIMIT_MAX 2147483647L
#define REPORT_MAX_LEN   300 /* of a rejection's message */

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

/* ---- export ---- */

struct export_state {
	struct app *app;
	struct ddb_export ex;
	int write_errno;
	struct ddb_error err;
	struct cli_rate rate;
};

/* Names an item the format cannot express by its key. */
static void unexportable(void *ud, const cJSON *item, const struct ddb_error *err)
{
	char *k = ddb_item_key_text(item, ud);

	fprintf(stderr, "ddbtui: item with key %s: %s (not exported)\n", k, err->message);
	free(k);
}

static int export_page(struct ddb_client *c, struct ddb_reply *reply, void *ud)
{
	struct export_state *st = ud;
	struct ddb_buf *out = &st->ex.out;
	long before = st->ex.seen;
	int stop;

	(void)c;
	stop = ddb_export_page(&st->ex, cJSON_GetObjectItemCaseSensitive(reply->json, "Items"));
	/* one write a page; the page's items are freed when this returns */
	if ((out->len && fwrite(out->data, 1, out->len, stdout) != out->len) ||
	    fflush(stdout) != 0 || ferror(stdout)) {
		st->write_errno = errno ? errno : EIO;
		return 1;
	}
	cli_rate_add(&st->rate, st->ex.seen - before);
	return stop;
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
		name = ddb_strndup(a, (size_t)(b - a));
		ddb_export_add_column(&st->ex, name);
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
	enum ddb_xfmt fmt = DDB_XFMT_DDB;
	struct ddb_export *ex = &st.ex;
	cJSON *req;
	int rc;

	memset(&st, 0, sizeof(st));
	if (cli_table_arg(app, "export", argc, argv) != EXIT_OK)
		return EXIT_USAGE;
	if (opt_format &&
	    (ddb_xfmt_parse(opt_format, &fmt) != 0 || fmt == DDB_XFMT_AUTO || fmt == DDB_XFMT_SCAN))
		return app_usage_error("export", "--format is ddb, json or csv, not '%s'",
		                       opt_format);
	if (opt_columns && fmt != DDB_XFMT_CSV)
		return app_usage_error("export", "--columns is for --format csv");
	ddb_export_init(ex, fmt);
	if (opt_limit && cli_parse_long("export", "--limit", opt_limit, 1, EXPORT_LIMIT_MAX,
	                                &ex->limit) != EXIT_OK)
		return EXIT_USAGE;
	if (opt_columns && parse_columns(&st, opt_columns) != EXIT_OK) {
		rc = EXIT_USAGE;
		goto out_cols;
	}
	if ((rc = app_connect(app)) != EXIT_OK)
		goto out_cols;
	ddb_table_spec_init(&spec);
	if ((rc = app_describe(app, app->s.table, &spec)) != EXIT_OK)
		goto out;

	st.app = app;
	ex->spec = &spec;
	ex->fail = unexportable;
	ex->fail_ud = &spec;
	ddb_error_clear(&st.err);
	req = cJSON_CreateObject();
	cJSON_AddStringToObject(req, "TableName", app->s.table);
	cli_page_limit(app, req, ex->limit);
	cli_stream_malloc();
	cli_rate_start(&st.rate, "export");
	ddb_scan_parallel(app->s.client, req, app->s.segments, ex->limit, export_page, export_done,
	                  &st, NULL);
	ddb_client_run(app->s.client);
	cli_rate_end(&st.rate);
	if (st.err.kind == DDB_ERR_NONE && !st.write_errno) {
		ddb_export_end(ex); /* an empty table still gets its CSV header */
		if (ex->out.len) {
			fwrite(ex->out.data, 1, ex->out.len, stdout);
			if (fflush(stdout) != 0)
				st.write_errno = errno ? errno : EIO;
		}
	}

	rc = EXIT_OK;
	if (st.write_errno) {
		if (st.write_errno != EPIPE)
			fprintf(stderr, "ddbtui: cannot write the export: %s\n",
			        strerror(st.write_errno));
		rc = EXIT_FAIL;
	} else if (st.err.kind != DDB_ERR_NONE) {
		fprintf(stderr, "ddbtui: export of %s stopped after %ld items\n", app->s.table,
		        ex->written);
		rc = app_fail(app, &st.err);
	} else {
		fprintf(stderr, "ddbtui: exported %ld item%s of %s as %s\n", ex->written,
		        ex->written == 1 ? "" : "s", app->s.table, ddb_xfmt_name(fmt));
	}
	if (ex->typed)
		fprintf(
		    stderr,
		    "ddbtui: note: %ld item%s hold binary or set values, which plain JSON shows "
		    "as strings and lists (an import makes them S and L); --format ddb keeps "
		    "them\n",
		    ex->typed, ex->typed == 1 ? "" : "s");
	if (ex->failed) {
		fprintf(stderr, "ddbtui: %ld item%s could not be exported as %s\n", ex->failed,
		        ex->failed == 1 ? "" : "s", ddb_xfmt_name(fmt));
		rc = EXIT_FAIL;
	}
out:
	ddb_table_spec_done(&spec);
out_cols:
	ddb_export_done(ex);
	return rc;
}

/* ---- import ---- */

struct import_state {
	struct app *app;
	const char *table;
	struct ddb_import_reader rd;
	struct ddb_table_spec spec;
	struct ddb_import_chunk chunk; /* pending items (not yet sent) */
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
	fprintf(stderr, "\r\033[Kimport: %s %ld, %ld imported, %ld rejected", st->rd.unit, position,
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
	fprintf(stderr, "%s %ld: %.*s (skipped)\n", st->rd.unit, where, REPORT_MAX_LEN, why);
	st->rejected++;
}

static void batch_progress(struct ddb_client *c, const struct ddb_batch_progress *p, void *ud)
{
	struct import_state *st = ud;

	(void)c;
	st->chunk_written = p->written;
	import_progress_line(st, st->chunk.n ? st->chunk.where[st->chunk.n - 1] : 0, 0);
}

static void batch_done(struct ddb_client *c, const struct ddb_error *err, void *ud)
{
	struct import_state *st = ud;

	(void)c;
	st->err = *err;
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
	} else if (ddb_import_item_level(&reply->err)) {
		char msg[sizeof(reply->err.message) + 100];

		snprintf(msg, sizeof(msg), "%s: %s", reply->err.type, reply->err.message);
		reject(st, p->where, msg);
	} else if (!st->fatal) {
		st->fatal = 1;
		st->err = reply->err;
	}
	free(p);
}

/* Sends the pending items: one BatchWriteItem run; if DynamoDB rejects a request for an item's
 * sake, each item of the chunk alone with PutItem, to name the rejected ones. */
static void flush(struct import_state *st)
{
	cJSON *item;
	int i = 0;

	if (!st->chunk.n || st->fatal)
		return;
	ddb_error_clear(&st->err);
	st->chunk_written = 0;
	ddb_batch_write(st->app->s.client, st->table, ddb_import_chunk_writes(&st->chunk), 0,
	                batch_progress, batch_done, st, NULL);
	ddb_client_run(st->app->s.client);
	st->chunk_written = 0;
	if (st->err.kind == DDB_ERR_NONE) {
		st->imported += st->chunk.n;
	} else if (ddb_import_item_level(&st->err)) {
		/* PutItem is idempotent: items the batch wrote are written again, no harm */
		ddb_error_clear(&st->err);
		cJSON_ArrayForEach(item, st->chunk.items)
		{
			struct put_one *p = ddb_calloc(1, sizeof(*p));

			p->st = st;
			p->where = st->chunk.where[i++];
			ddb_put_item(st->app->s.client, st->table, cJSON_Duplicate(item, 1), NULL,
			             NULL, NULL, put_done, p, NULL);
		}
		ddb_client_run(st->app->s.client);
	} else {
		st->fatal = 1;
	}
	ddb_import_chunk_clear(&st->chunk);
}

/* Takes one item (owned) found at line/item `where`: checks it, queues it, sends a full chunk. */
static void take_item(struct import_state *st, cJSON *item, long where)
{
	struct ddb_error err;

	ddb_error_clear(&err);
	if (ddb_item_check_for_table(item, &st->spec, &err) != 0) {
		reject(st, where, err.message);
		cJSON_Delete(item);
		return;
	}
	/* one request may not hold a key twice: a repeated key goes after what came before it */
	if (ddb_import_chunk_add(&st->chunk, item, where, &st->spec)) {
		flush(st);
		if (st->fatal || ddb_import_chunk_add(&st->chunk, item, where, &st->spec)) {
			cJSON_Delete(item);
			return;
		}
	}
	if (st->chunk.n == DDB_IMPORT_CHUNK)
		flush(st);
	import_progress_line(st, where, 0);
}

int cmd_import(struct app *app, int argc, char **argv)
{
	struct import_state st;
	enum ddb_xfmt fmt = DDB_XFMT_AUTO;
	enum ddb_import_step step = DDB_IMPORT_SKIP;
	const char *path;
	FILE *f = NULL;
	int rc;

	memset(&st, 0, sizeof(st));
	if (argc != 2)
		return app_usage_error("import",
		                       "import needs the table and the file: ddbtui import "
		                       "TABLE FILE (- for standard input)");
	if (opt_format && (ddb_xfmt_parse(opt_format, &fmt) != 0 || fmt == DDB_XFMT_CSV))
		return app_usage_error("import", "--format is auto, ddb, json or scan, not '%s'",
		                       opt_format);
	app->s.table = st.table = argv[0];
	path = argv[1];
	if ((rc = app_connect(app)) != EXIT_OK)
		return rc;
	if (ddb_client_read_only(app->s.client)) {
		fprintf(stderr, "ddbtui: read-only mode: import refused; nothing written\n");
		return EXIT_FAIL;
	}
	f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "ddbtui: cannot open %s: %s\n", path, strerror(errno));
		return EXIT_FAIL;
	}
	ddb_import_reader_init(&st.rd, f, fmt);
	ddb_import_chunk_init(&st.chunk);
	ddb_table_spec_init(&st.spec);
	if ((rc = app_describe(app, st.table, &st.spec)) != EXIT_OK)
		goto out;
	st.app = app;
	st.tty = isatty(STDERR_FILENO);

	rc = EXIT_OK;
	while (!st.fatal && step != DDB_IMPORT_END && step != DDB_IMPORT_FAIL) {
		struct ddb_error err;
		cJSON *item;
		long where = 0;

		ddb_error_clear(&err);
		step = ddb_import_next(&st.rd, &item, &where, &err);
		if (step == DDB_IMPORT_ITEM) {
			take_item(&st, item, where);
		} else if (step == DDB_IMPORT_REJECT) {
			reject(&st, where, err.message);
		} else if (step == DDB_IMPORT_FAIL) {
			if (err.kind == DDB_ERR_IO)
				fprintf(stderr, "ddbtui: cannot read %s: %s\n", path, err.message);
			else
				fprintf(stderr,
				        "ddbtui: %s is not an aws dynamodb scan document: %s\n",
				        path, err.message);
			rc = EXIT_FAIL;
		}
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
	if (f != stdin)
		fclose(f);
	ddb_import_reader_done(&st.rd);
	ddb_import_chunk_done(&st.chunk);
	ddb_table_spec_done(&st.spec);
	return rc;
}
