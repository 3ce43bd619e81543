/* transfer.c - export and import from the TUI (:export FILE [ddb|json|csv], :import FILE): the
 * formats of ddb/transfer.h, streamed through the queue without blocking the loop. An export
 * writes each Scan page as it arrives into a temporary file (0600) next to FILE, renamed over FILE
 * once every page is in, so FILE is never half written. An import reads the file a chunk at a
 * time (a line per item, or an `aws dynamodb scan` document), checks each item against the
 * table's keys, writes with BatchWriteItem and, when DynamoDB rejects a batch for an item's sake,
 * each item alone to name it; rejected lines are counted and the first ones shown. The view shows
 * the progress (so does the message line); C-c stops. */
#include "views/view.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ddb/attr.h"
#include "ddb/buf.h"
#include "ddb/json.h"
#include "ddb/ops.h"
#include "ddb/tablespec.h"
#include "ddb/transfer.h"
#include "tui/form.h"
#include "tui/tui.h"
#include "tui/widgets.h"

#define IMPORT_CHUNK   400                /* items sent together: 16 requests of 25 */
#define LINE_MAX_BYTES (8L * 1024 * 1024) /* an item is at most 400 KB; its JSON, say, 8 MB */
#define REJECTS_KEPT   8
#define LINES_PER_TURN 2000 /* read in one go; then the event loop gets its turn */
#define LABEL_W        10

enum xkind { X_EXPORT, X_IMPORT };
enum xstate { XS_DESCRIBING, XS_RUNNING, XS_DONE, XS_FAILED, XS_CANCELLED };

struct transfer_view {
	struct view base;
	enum xkind kind;
	enum xstate state;
	char *table;
	char *path;
	enum ddb_xfmt fmt;
	struct ddb_table_spec spec;
	double started, ended;
	double item_count; /* DescribeTable's estimate, -1 unknown */
	char result[400];
	int result_style;

	/* export */
	char *tmp;
	FILE *out;
	char **columns;
	int ncolumns;
	int header_done;
	long pages, written, failed, typed;
	int write_errno;
	struct ddb_buf buf;

	/* import */
	FILE *in;
	long size, lineno;
	const char *unit; /* "line", or "item" of a scan document */
	int first_line_seen, eof, fatal;
	long turn_lines;  /* read since the loop last had its turn */
	int yield;        /* stopped reading to let the loop run */
	cJSON *doc_items; /* a scan document's Items, taken one by one */
	long doc_i;
	struct ddb_buf line;
	cJSON *items; /* the chunk being written */
	long where[IMPORT_CHUNK];
	char *keys[IMPORT_CHUNK];
	int npending;
	cJSON *carry; /* an item whose key is already in the chunk: the next chunk's first */
	long carry_where;
	long imported, rejected, chunk_written;
	int puts_left;
	char *rejects[REJECTS_KEPT];
	int nrejects;
};

struct xv_req {
	struct transfer_view *xv;
	unsigned gen;
	long where; /* PutItem: the item's line */
};

static struct transfer_view *xv_of(struct view *v)
{
	return (struct transfer_view *)v;
}

static struct xv_req *req_new(struct transfer_view *xv, long where)
{
	struct xv_req *r = calloc(1, sizeof(*r));

	if (!r)
		abort();
	r->xv = xv;
	r->gen = xv->base.gen;
	r->where = where;
	return r;
}

/* "~/x" -> "$HOME/x" (heap). */
static char *expand_path(const char *p)
{
	const char *home = getenv("HOME");
	struct ddb_buf b = DDB_BUF_INIT;

	if (p[0] == '~' && p[1] == '/' && home) {
		ddb_buf_printf(&b, "%s%s", home, p + 1);
		return ddb_buf_steal(&b);
	}
	return ddb_strdup(p);
}

static const char *verb(const struct transfer_view *xv)
{
	return xv->kind == X_EXPORT ? "export" : "import";
}

static void progress_message(struct transfer_view *xv)
{
	struct tui *t = xv->base.tui;

	if (xv->kind == X_EXPORT)
		tui_info(t, "exporting %s: %ld items, page %ld (C-c stops)", xv->table, xv->written,
		         xv->pages);
	else
		tui_info(t, "importing into %s: %s %ld, %ld imported, %ld rejected (C-c stops)",
		         xv->table, xv->unit, xv->lineno ? xv->lineno : xv->doc_i,
		         xv->imported + xv->chunk_written, xv->rejected);
}

/* Ends the transfer with a result, in the view and on the message line. */
static void finish(struct transfer_view *xv, enum xstate st, int style, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void finish(struct transfer_view *xv, enum xstate st, int style, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(xv->result, sizeof(xv->result), fmt, ap);
	va_end(ap);
	xv->state = st;
	xv->result_style = style;
	xv->ended = tui_now();
	if (style == ST_ERROR)
		tui_error(xv->base.tui, "%s", xv->result);
	else
		tui_info(xv->base.tui, "%s", xv->result);
}

/* The key of an item as text (DynamoDB JSON, heap). */
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

static void add_column(struct transfer_view *xv, const char *name)
{
	int i;

	for (i = 0; i < xv->ncolumns; i++)
		if (strcmp(xv->columns[i], name) == 0)
			return;
	xv->columns = realloc(xv->columns, sizeof(char *) * (size_t)(xv->ncolumns + 1));
	if (!xv->columns)
		abort();
	xv->columns[xv->ncolumns++] = ddb_strdup(name);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* CSV columns: the table's keys, then the first page's other attributes in name order (as the
 * export subcommand). */
static void default_columns(struct transfer_view *xv, const cJSON *items)
{
	const cJSON *item, *a;
	int first;

	if (xv->spec.hash.name)
		add_column(xv, xv->spec.hash.name);
	if (xv->spec.range.name)
		add_column(xv, xv->spec.range.name);
	first = xv->ncolumns;
	cJSON_ArrayForEach(item, items)
	{
		cJSON_ArrayForEach(a, item)
		{
			add_column(xv, a->string);
		}
	}
	qsort(xv->columns + first, (size_t)(xv->ncolumns - first), sizeof(char *), cmp_str);
}

static void csv_header(struct transfer_view *xv, const cJSON *items)
{
	if (xv->header_done)
		return;
	default_columns(xv, items);
	ddb_csv_header(&xv->buf, (const char *const *)xv->columns, xv->ncolumns);
	xv->header_done = 1;
}

static int export_page(struct ddb_client *c, struct ddb_reply *reply, void *ud)
{
	struct xv_req *r = ud;
	struct transfer_view *xv = r->xv;
	const cJSON *items = cJSON_GetObjectItemCaseSensitive(reply->json, "Items");
	const cJSON *item;

	(void)c;
	if (view_stale(&xv->base, r->gen))
		return 1;
	ddb_buf_reset(&xv->buf);
	if (xv->fmt == DDB_XFMT_CSV)
		csv_header(xv, items);
	cJSON_ArrayForEach(item, items)
	{
		struct ddb_error err;
		int rc;

		ddb_error_clear(&err);
		if (xv->fmt == DDB_XFMT_CSV) {
			rc = ddb_csv_row(&xv->buf, item, (const char *const *)xv->columns,
			                 xv->ncolumns, &err);
		} else {
			rc = ddb_export_line(&xv->buf, item, xv->fmt, &err);
			if (rc == 0)
				ddb_buf_putc(&xv->buf, '\n');
		}
		if (rc != 0) {
			xv->failed++;
			continue;
		}
		if (xv->fmt == DDB_XFMT_JSON && ddb_item_has_typed(item))
			xv->typed++;
		xv->written++;
	}
	xv->pages++;
	if (xv->buf.len && fwrite(xv->buf.data, 1, xv->buf.len, xv->out) != xv->buf.len) {
		xv->write_errno = errno ? errno : EIO;
		return 1;
	}
	progress_message(xv);
	return 0;
}

static void export_done(struct ddb_client *c, const struct ddb_error *err, void *ud)
{
	struct xv_req *r = ud;
	struct transfer_view *xv = r->xv;
	int stale = view_stale(&xv->base, r->gen);
	FILE *out = xv->out;

	(void)c;
	free(r);
	if (stale)
		return; /* the view's free removes the temporary file */
	if (err->kind == DDB_ERR_NONE && !xv->write_errno && xv->fmt == DDB_XFMT_CSV &&
	    !xv->header_done) {
		ddb_buf_reset(&xv->buf); /* an empty table still gets its header */
		csv_header(xv, NULL);
		if (fwrite(xv->buf.data, 1, xv->buf.len, out) != xv->buf.len)
			xv->write_errno = errno ? errno : EIO;
	}
	xv->out = NULL;
	if (err->kind == DDB_ERR_NONE && !xv->write_errno &&
	    (fflush(out) != 0 || fsync(fileno(out)) != 0))
		xv->write_errno = errno ? errno : EIO;
	if (fclose(out) != 0 && !xv->write_errno && err->kind == DDB_ERR_NONE)
		xv->write_errno = errno ? errno : EIO;
	if (err->kind == DDB_ERR_NONE && !xv->write_errno && rename(xv->tmp, xv->path) != 0)
		xv->write_errno = errno ? errno : EIO;
	if (err->kind != DDB_ERR_NONE || xv->write_errno) {
		unlink(xv->tmp);
		if (xv->write_errno)
			finish(xv, XS_FAILED, ST_ERROR,
			       "export: cannot write %s: %s; nothing written", xv->path,
			       strerror(xv->write_errno));
		else if (err->kind == DDB_ERR_CANCELLED)
			finish(xv, XS_CANCELLED, ST_WARN,
			       "export cancelled after %ld items; %s not written", xv->written,
			       xv->path);
		else {
			tui_error_from(xv->base.tui, "export", err);
			finish(xv, XS_FAILED, ST_ERROR, "%s; %s not written", xv->base.tui->message,
			       xv->path);
		}
		return;
	}
	free(xv->tmp);
	xv->tmp = NULL;
	if (xv->failed)
		finish(xv, XS_DONE, ST_WARN,
		       "exported %ld items of %s to %s; %ld could not be written as %s",
		       xv->written, xv->table, xv->path, xv->failed, ddb_xfmt_name(xv->fmt));
	else
		finish(xv, XS_DONE, ST_OK, "exported %ld item%s of %s to %s (%s)", xv->written,
		       xv->written == 1 ? "" : "s", xv->table, xv->path, ddb_xfmt_name(xv->fmt));
}

static void export_start(struct transfer_view *xv)
{
	struct ddb_buf b = DDB_BUF_INIT;
	const char *slash = strrchr(xv->path, '/');
	cJSON *req;
	int fd;

	/* the temporary file next to the target, so the rename stays on one file system */
	if (slash)
		ddb_buf_printf(&b, "%.*s/.%s.XXXXXX", (int)(slash - xv->path), xv->path, slash + 1);
	else
		ddb_buf_printf(&b, ".%s.XXXXXX", xv->path);
	xv->tmp = ddb_buf_steal(&b);
	fd = mkstemp(xv->tmp);
	if (fd < 0 || fchmod(fd, 0600) != 0 || !(xv->out = fdopen(fd, "w"))) {
		int e = errno;

		if (fd >= 0) {
			close(fd);
			unlink(xv->tmp);
		}
		free(xv->tmp);
		xv->tmp = NULL;
		finish(xv, XS_FAILED, ST_ERROR, "export: cannot write next to %s: %s", xv->path,
		       strerror(e));
		return;
	}
	xv->state = XS_RUNNING;
	xv->started = tui_now();
	req = cJSON_CreateObject();
	cJSON_AddStringToObject(req, "TableName", xv->table);
	progress_message(xv);
	ddb_scan_pages(xv->base.tui->client, "Scan", req, export_page, export_done, req_new(xv, 0),
	               xv);
}

/* ---- import ---- */

static void reject(struct transfer_view *xv, long where, const char *why)
{
	struct ddb_buf b = DDB_BUF_INIT;

	xv->rejected++;
	if (xv->nrejects == REJECTS_KEPT)
		return;
	ddb_buf_printf(&b, "%s %ld: %.300s", xv->unit, where, why);
	xv->rejects[xv->nrejects++] = ddb_buf_steal(&b);
}

/* One line into xv->line without its end. 1: a line, 0: the end, -1: a read error. A line longer
 * than LINE_MAX_BYTES is read to its end but not kept: *too_long. */
static int read_line(struct transfer_view *xv, int *too_long)
{
	char chunk[65536];
	int got = 0;

	ddb_buf_reset(&xv->line);
	*too_long = 0;
	while (fgets(chunk, sizeof(chunk), xv->in)) {
		size_t n = strlen(chunk);
		int nl = n && chunk[n - 1] == '\n';

		got = 1;
		if (nl)
			n--;
		if (!*too_long) {
			if (xv->line.len + n > (size_t)LINE_MAX_BYTES) {
				*too_long = 1;
				ddb_buf_reset(&xv->line);
			} else {
				ddb_buf_append(&xv->line, chunk, n);
			}
		}
		if (nl)
			break;
	}
	if (!got)
		return ferror(xv->in) ? -1 : 0;
	if (xv->line.len && xv->line.data[xv->line.len - 1] == '\r')
		xv->line.data[--xv->line.len] = '\0';
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

/* The rest of an `aws dynamodb scan` document, whose first line is in xv->line. 0 or -1. */
static int read_scan_document(struct transfer_view *xv)
{
	struct ddb_buf all = DDB_BUF_INIT;
	struct ddb_error err;
	char chunk[65536];
	size_t n;
	cJSON *doc, *items;

	ddb_buf_append(&all, ddb_buf_str(&xv->line), xv->line.len);
	ddb_buf_putc(&all, '\n');
	while ((n = fread(chunk, 1, sizeof(chunk), xv->in)) > 0)
		ddb_buf_append(&all, chunk, n);
	if (ferror(xv->in)) {
		ddb_buf_done(&all);
		finish(xv, XS_FAILED, ST_ERROR, "import: cannot read %s: %s", xv->path,
		       strerror(errno));
		return -1;
	}
	ddb_error_clear(&err);
	doc = ddb_json_parse(all.data, all.len, &err);
	ddb_buf_done(&all);
	items = doc ? cJSON_DetachItemFromObjectCaseSensitive(doc, "Items") : NULL;
	cJSON_Delete(doc);
	if (!cJSON_IsArray(items)) {
		cJSON_Delete(items);
		finish(xv, XS_FAILED, ST_ERROR,
		       "import: %s is not an aws dynamodb scan document: %s", xv->path,
		       doc ? "no \"Items\" array" : err.message);
		return -1;
	}
	xv->doc_items = items;
	xv->unit = "item";
	xv->lineno = 0;
	return 0;
}

/* The next item of the file (owned) and where it is; NULL at the end or on a fatal error
 * (xv->fatal). Lines that are no item are rejected on the way. */
static cJSON *next_item(struct transfer_view *xv, long *where)
{
	struct ddb_error err;
	cJSON *item;
	int too_long, r;

	for (;;) {
		if (xv->turn_lines >= LINES_PER_TURN) {
			xv->yield = 1;
			return NULL;
		}
		xv->turn_lines++;
		if (xv->doc_items) {
			item = cJSON_DetachItemFromArray(xv->doc_items, 0);
			if (!item)
				return NULL;
			*where = ++xv->doc_i;
			return item;
		}
		r = read_line(xv, &too_long);
		if (r == 0)
			return NULL;
		if (r < 0) {
			xv->fatal = 1;
			finish(xv, XS_FAILED, ST_ERROR, "import: cannot read %s: %s", xv->path,
			       strerror(errno));
			return NULL;
		}
		xv->lineno++;
		if (too_long) {
			reject(xv, xv->lineno, "longer than 8 MiB");
			continue;
		}
		if (blank(&xv->line))
			continue;
		if (!xv->first_line_seen) {
			xv->first_line_seen = 1;
			if (ddb_import_looks_like_scan(xv->line.data, xv->line.len)) {
				if (read_scan_document(xv) != 0) {
					xv->fatal = 1;
					return NULL;
				}
				continue;
			}
		}
		ddb_error_clear(&err);
		item = ddb_import_line(xv->line.data, xv->line.len, &xv->fmt, &err);
		if (!item) {
			reject(xv, xv->lineno, err.message);
			continue;
		}
		*where = xv->lineno;
		return item;
	}
}

static void pending_clear(struct transfer_view *xv)
{
	int i;

	for (i = 0; i < xv->npending; i++) {
		free(xv->keys[i]);
		xv->keys[i] = NULL;
	}
	cJSON_Delete(xv->items);
	xv->items = cJSON_CreateArray();
	xv->npending = 0;
	xv->chunk_written = 0;
}

/* Adds a checked item to the chunk; 0, or 1 if its key is already there (the item is left). */
static int pend(struct transfer_view *xv, cJSON *item, long where)
{
	char *key = key_text(item, &xv->spec);
	int i;

	for (i = 0; i < xv->npending; i++)
		if (strcmp(xv->keys[i], key) == 0) {
			free(key);
			return 1;
		}
	cJSON_AddItemToArray(xv->items, item);
	xv->where[xv->npending] = where;
	xv->keys[xv->npending] = key;
	xv->npending++;
	return 0;
}

static void import_chunk(struct transfer_view *xv);

static void chunk_written(struct transfer_view *xv)
{
	pending_clear(xv);
	progress_message(xv);
	import_chunk(xv);
}

static void batch_progress(struct ddb_client *c, const struct ddb_batch_progress *p, void *ud)
{
	struct xv_req *r = ud;

	(void)c;
	if (!view_stale(&r->xv->base, r->gen))
		r->xv->chunk_written = p->written;
}

/* Whether an error rejects a request for its items' sake (so each is tried alone) rather than
 * stopping the import. */
static int item_level(const struct ddb_error *err)
{
	return err->kind == DDB_ERR_SERVICE &&
	       (strcmp(err->type, "ValidationException") == 0 ||
	        strcmp(err->type, "ItemCollectionSizeLimitExceededException") == 0);
}

static void stopped(struct transfer_view *xv, const struct ddb_error *err)
{
	xv->fatal = 1;
	if (err->kind == DDB_ERR_CANCELLED) {
		finish(xv, XS_CANCELLED, ST_WARN,
		       "import cancelled at %s %ld: %ld imported, %ld rejected", xv->unit,
		       xv->lineno ? xv->lineno : xv->doc_i, xv->imported, xv->rejected);
		return;
	}
	tui_error_from(xv->base.tui, "import", err);
	finish(xv, XS_FAILED, ST_ERROR, "%s (%ld imported, %ld rejected)", xv->base.tui->message,
	       xv->imported, xv->rejected);
}

static void put_done(struct ddb_client *c, struct ddb_reply *reply, void *ud)
{
	struct xv_req *r = ud;
	struct transfer_view *xv = r->xv;

	(void)c;
	if (view_stale(&xv->base, r->gen)) {
		free(r);
		return;
	}
	if (reply->err.kind == DDB_ERR_NONE) {
		xv->imported++;
	} else if (item_level(&reply->err)) {
		char msg[sizeof(reply->err.message) + 100];

		snprintf(msg, sizeof(msg), "%s: %s", reply->err.type, reply->err.message);
		reject(xv, r->where, msg);
	} else if (!xv->fatal) {
		stopped(xv, &reply->err);
	}
	free(r);
	if (--xv->puts_left == 0 && !xv->fatal)
		chunk_written(xv);
}

static void batch_done(struct ddb_client *c, const struct ddb_error *err, void *ud)
{
	struct xv_req *r = ud;
	struct transfer_view *xv = r->xv;
	cJSON *item;
	int i = 0;

	if (view_stale(&xv->base, r->gen)) {
		free(r);
		return;
	}
	free(r);
	if (err->kind == DDB_ERR_NONE) {
		xv->imported += xv->npending;
		chunk_written(xv);
		return;
	}
	if (!item_level(err)) {
		stopped(xv, err);
		return;
	}
	/* PutItem is idempotent: items the batch wrote are written again, no harm */
	xv->puts_left = xv->npending;
	xv->chunk_written = 0;
	cJSON_ArrayForEach(item, xv->items)
	{
		ddb_put_item(c, xv->table, cJSON_Duplicate(item, 1), NULL, NULL, NULL, put_done,
		             req_new(xv, xv->where[i++]), xv);
	}
}

/* Reads the next chunk and sends it; at the end of the file, the result. */
static void resume(struct ddb_client *c, void *ud, int cancelled)
{
	struct xv_req *r = ud;
	struct transfer_view *xv = r->xv;
	struct ddb_error e;

	(void)c;
	if (view_stale(&xv->base, r->gen)) {
		free(r);
		return;
	}
	free(r);
	if (cancelled) {
		ddb_error_set(&e, DDB_ERR_CANCELLED, "cancelled");
		stopped(xv, &e);
		return;
	}
	progress_message(xv);
	import_chunk(xv);
}

static void import_chunk(struct transfer_view *xv)
{
	cJSON *writes, *item;
	long where;

	xv->turn_lines = 0;
	xv->yield = 0;
	while (!xv->fatal && xv->npending < IMPORT_CHUNK) {
		struct ddb_error err;

		if (xv->carry) {
			item = xv->carry;
			where = xv->carry_where;
			xv->carry = NULL;
		} else if (!(item = next_item(xv, &where))) {
			break;
		} else {
			ddb_error_clear(&err);
			if (ddb_item_check_for_table(item, &xv->spec, &err) != 0) {
				reject(xv, where, err.message);
				cJSON_Delete(item);
				continue;
			}
		}
		if (pend(xv, item, where)) {
			/* one request may not hold a key twice: it goes after what came before */
			xv->carry = item;
			xv->carry_where = where;
			break;
		}
	}
	if (xv->fatal)
		return;
	if (xv->yield && !xv->npending) {
		/* a long run of lines that are no items: read on in the next turn */
		ddb_timer_add(xv->base.tui->client, 0, resume, req_new(xv, 0), xv);
		return;
	}
	if (!xv->npending) {
		if (xv->rejected)
			finish(xv, XS_DONE, ST_WARN, "imported %ld item%s into %s, rejected %ld",
			       xv->imported, xv->imported == 1 ? "" : "s", xv->table, xv->rejected);
		else
			finish(xv, XS_DONE, ST_OK, "imported %ld item%s into %s, rejected 0",
			       xv->imported, xv->imported == 1 ? "" : "s", xv->table);
		return;
	}
	writes = cJSON_CreateArray();
	cJSON_ArrayForEach(item, xv->items)
	{
		cJSON *w = cJSON_CreateObject();

		cJSON_AddItemToObject(cJSON_AddObjectToObject(w, "PutRequest"), "Item",
		                      cJSON_Duplicate(item, 1));
		cJSON_AddItemToArray(writes, w);
	}
	ddb_batch_write(xv->base.tui->client, xv->table, writes, 0, batch_progress, batch_done,
	                req_new(xv, 0), xv);
}

static void import_start(struct transfer_view *xv)
{
	xv->state = XS_RUNNING;
	xv->started = tui_now();
	xv->items = cJSON_CreateArray();
	progress_message(xv);
	import_chunk(xv);
}

/* ---- both ---- */

static void described(struct ddb_client *c, struct ddb_reply *reply, void *ud)
{
	struct xv_req *r = ud;
	struct transfer_view *xv = r->xv;
	const cJSON *n;
	struct ddb_error e;

	(void)c;
	if (view_stale(&xv->base, r->gen)) {
		free(r);
		return;
	}
	free(r);
	ddb_error_clear(&e);
	if (reply->err.kind != DDB_ERR_NONE ||
	    ddb_table_spec_from_describe(&xv->spec, reply->json, &e) != 0) {
		char what[300];

		snprintf(what, sizeof(what), "%s %s", verb(xv), xv->table);
		if (reply->err.kind != DDB_ERR_NONE)
			tui_error_from(xv->base.tui, what, &reply->err);
		else
			tui_error(xv->base.tui, "%s: %s", what, e.message);
		finish(xv, reply->err.kind == DDB_ERR_CANCELLED ? XS_CANCELLED : XS_FAILED,
		       ST_ERROR, "%s; nothing %s", xv->base.tui->message,
		       xv->kind == X_EXPORT ? "written" : "imported");
		return;
	}
	n = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(reply->json, "Table"),
	                                     "ItemCount");
	xv->item_count = cJSON_IsNumber(n) ? n->valuedouble : -1;
	if (xv->kind == X_EXPORT)
		export_start(xv);
	else
		import_start(xv);
}

static void transfer_title(struct view *v, char *buf, size_t size)
{
	struct transfer_view *xv = xv_of(v);

	if (xv->kind == X_EXPORT)
		snprintf(buf, size, "Export %s to %s", xv->table, xv->path);
	else
		snprintf(buf, size, "Import %s into %s", xv->path, xv->table);
}

static void field(struct canvas *cv, int x, int y, int w, const char *label, const char *value,
                  int style)
{
	canvas_text(cv, x, y, LABEL_W, label, ST_BOLD);
	form_draw_fit(cv, x + LABEL_W, y, w - LABEL_W, value, style);
}

static const char *format_note(const struct transfer_view *xv)
{
	switch (xv->fmt) {
	case DDB_XFMT_DDB:
		return "ddb: one {\"Item\": {DynamoDB JSON}} a line (lossless)";
	case DDB_XFMT_JSON:
		return "json: one plain JSON item a line";
	case DDB_XFMT_CSV:
		return "csv: a header, then a row an item";
	case DDB_XFMT_SCAN:
		return "an aws dynamodb scan document";
	default:
		return "auto: the first line tells (ddb or json lines, or an aws scan document)";
	}
}

static void transfer_draw(struct view *v, struct canvas *cv, struct rect r, int focused)
{
	struct transfer_view *xv = xv_of(v);
	int x = r.x + 2, w = r.w - 3, y = r.y + 1, bottom = r.y + r.h - 1, i;
	struct ddb_buf b = DDB_BUF_INIT;
	const char *state;

	(void)focused;
	field(cv, x, y++, w, "Table", xv->table, ST_NORMAL);
	field(cv, x, y++, w, "File", xv->path, ST_NORMAL);
	field(cv, x, y++, w, "Format", format_note(xv), ST_NORMAL);
	y++;
	switch (xv->state) {
	case XS_DESCRIBING:
		state = "reading the table's key schema";
		break;
	case XS_RUNNING:
		state = "running (C-c stops)";
		break;
	case XS_DONE:
		state = "done";
		break;
	case XS_CANCELLED:
		state = "cancelled";
		break;
	default:
		state = "failed";
		break;
	}
	field(cv, x, y++, w, "State", state, xv->state == XS_RUNNING ? ST_WARN : ST_NORMAL);
	if (xv->kind == X_EXPORT) {
		if (xv->item_count > 0) {
			form_bar(&b, 20, xv->written, (long)xv->item_count);
			ddb_buf_puts(&b, "  ");
		}
		ddb_buf_printf(&b, "%ld item%s written, %ld page%s", xv->written,
		               xv->written == 1 ? "" : "s", xv->pages, xv->pages == 1 ? "" : "s");
		if (xv->item_count > 0 && xv->state == XS_RUNNING)
			ddb_buf_printf(&b, " (the table holds about %.0f)", xv->item_count);
	} else {
		long pos = xv->in ? ftell(xv->in) : 0;

		if (xv->size > 0 && pos >= 0) {
			form_bar(&b, 20, xv->state == XS_DONE ? xv->size : pos, xv->size);
			ddb_buf_puts(&b, "  ");
		}
		ddb_buf_printf(&b, "%s %ld: %ld imported, %ld rejected", xv->unit,
		               xv->lineno ? xv->lineno : xv->doc_i,
		               xv->imported + xv->chunk_written, xv->rejected);
	}
	field(cv, x, y++, w, "Progress", ddb_buf_str(&b), ST_NORMAL);
	ddb_buf_done(&b);
	if (xv->result[0] && y < bottom)
		y += form_draw_wrapped(cv, x, y + 1, w, bottom - y - 1, 2, xv->result,
		                       xv->result_style) +
		     1;
	if (xv->kind == X_EXPORT && xv->typed && y < bottom)
		y += form_draw_wrapped(
		    cv, x, y, w, bottom - y, 2,
		    "note: binary and set values are strings and lists in plain "
		    "JSON (an import makes them S and L); the ddb format keeps them",
		    ST_DIM);
	if (xv->rejected && y + 1 < bottom) {
		char head[96];

		y++;
		snprintf(head, sizeof(head),
		         "Rejected (%s%d of %ld):", xv->rejected > xv->nrejects ? "the first " : "",
		         xv->nrejects, xv->rejected);
		canvas_text(cv, x, y++, w, head, ST_BOLD);
		for (i = 0; i < xv->nrejects && y < bottom; i++)
			form_draw_fit(cv, x + 2, y++, w - 2, xv->rejects[i], ST_ERROR);
	}
	if (r.h >= 3)
		canvas_text(cv, r.x + 1, bottom, r.w - 1,
		            xv->state == XS_RUNNING ? "C-c stops  Tab other panes" : "Esc back",
		            ST_DIM);
}

static int transfer_handle(struct view *v, enum keymap_action act, int key)
{
	struct transfer_view *xv = xv_of(v);

	(void)key;
	if (act == ACT_BACK && (xv->state == XS_RUNNING || xv->state == XS_DESCRIBING)) {
		tui_info(v->tui, "the %s is running: C-c stops it, then Esc closes this", verb(xv));
		return 1;
	}
	return 0;
}

static char *transfer_copy(struct view *v)
{
	struct transfer_view *xv = xv_of(v);
	struct ddb_buf b = DDB_BUF_INIT;
	int i;

	ddb_buf_printf(&b, "%s\n", xv->result);
	for (i = 0; i < xv->nrejects; i++)
		ddb_buf_printf(&b, "%s\n", xv->rejects[i]);
	return ddb_buf_steal(&b);
}

static void transfer_free(struct view *v)
{
	struct transfer_view *xv = xv_of(v);
	int i;

	if (xv->out) {
		fclose(xv->out);
		if (xv->tmp)
			unlink(xv->tmp);
	}
	if (xv->in)
		fclose(xv->in);
	free(xv->tmp);
	for (i = 0; i < xv->ncolumns; i++)
		free(xv->columns[i]);
	free(xv->columns);
	ddb_buf_done(&xv->buf);
	ddb_buf_done(&xv->line);
	for (i = 0; i < xv->npending; i++)
		free(xv->keys[i]);
	cJSON_Delete(xv->items);
	cJSON_Delete(xv->carry);
	cJSON_Delete(xv->doc_items);
	for (i = 0; i < xv->nrejects; i++)
		free(xv->rejects[i]);
	ddb_table_spec_done(&xv->spec);
	free(xv->table);
	free(xv->path);
	free(xv);
}

static const struct view_ops transfer_ops = {
    .name = "transfer",
    .ctx = CTX_LOG,
    .title = transfer_title,
    .draw = transfer_draw,
    .handle = transfer_handle,
    .copy_text = transfer_copy,
    .free = transfer_free,
};

static struct transfer_view *transfer_new(struct tui *t, enum xkind kind, const char *table,
                                          const char *file)
{
	struct transfer_view *xv = calloc(1, sizeof(*xv));

	if (!xv)
		abort();
	view_init(&xv->base, &transfer_ops, t);
	xv->kind = kind;
	xv->table = ddb_strdup(table);
	xv->path = expand_path(file);
	xv->unit = "line";
	xv->item_count = -1;
	ddb_table_spec_init(&xv->spec);
	return xv;
}

static void start(struct transfer_view *xv)
{
	xv->state = XS_DESCRIBING;
	ddb_describe_table(xv->base.tui->client, xv->table, described, req_new(xv, 0), xv);
}

struct view *view_export_new(struct tui *t, const char *table, const char *file, const char *format)
{
	struct transfer_view *xv;
	enum ddb_xfmt fmt = DDB_XFMT_DDB;
	size_t n = strlen(file);

	if (format &&
	    (ddb_xfmt_parse(format, &fmt) != 0 || fmt == DDB_XFMT_AUTO || fmt == DDB_XFMT_SCAN)) {
		tui_error(t, ":export: the format is ddb, json or csv, not '%s'", format);
		return NULL;
	}
	if (!format && n > 4 && strcmp(file + n - 4, ".csv") == 0)
		fmt = DDB_XFMT_CSV;
	xv = transfer_new(t, X_EXPORT, table, file);
	xv->fmt = fmt;
	start(xv);
	return &xv->base;
}

struct view *view_import_new(struct tui *t, const char *table, const char *file)
{
	struct transfer_view *xv;
	struct stat st;
	char *path;
	FILE *in;

	if (t->app->read_only) {
		tui_error(t, "read-only mode: import is unavailable (start ddbtui without "
		             "--read-only)");
		return NULL;
	}
	path = expand_path(file);
	in = fopen(path, "rb");
	if (!in) {
		tui_error(t, ":import: cannot open %s: %s", path, strerror(errno));
		free(path);
		return NULL;
	}
	free(path);
	xv = transfer_new(t, X_IMPORT, table, file);
	xv->in = in;
	xv->fmt = DDB_XFMT_AUTO;
	if (fstat(fileno(in), &st) == 0 && S_ISREG(st.st_mode))
		xv->size = (long)st.st_size;
	start(xv);
	return &xv->base;
}
