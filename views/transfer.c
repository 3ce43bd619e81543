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

#include "ddb/buf.h"
#include "ddb/ops.h"
#include "ddb/tablespec.h"
#include "ddb/transfer.h"
#include "tui/form.h"
#include "tui/widgets.h"
#include "views/views.h"

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
	struct ddb_table_spec spec;
	double started, ended;
	double item_count; /* DescribeTable's estimate, -1 unknown */
	char result[400];
	int result_style;

	/* export */
	struct ddb_export ex;
	char *tmp;
	FILE *out;
	long pages;
	int write_errno;

	/* import */
	FILE *in;
	long size;
	struct ddb_import_reader rd; /* reads in */
	int fatal;
	long turn_lines;               /* read since the loop last had its turn */
	int yield;                     /* stopped reading to let the loop run */
	struct ddb_import_chunk chunk; /* the chunk being written */
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

/* Ends a request: the view its reply is for, or NULL when that view was closed or reloaded
 * since (the reply is dropped). Frees r. */
static struct transfer_view *req_end(struct xv_req *r)
{
	struct transfer_view *xv = r->xv;
	int stale = view_stale(&xv->base, r->gen);

	free(r);
	return stale ? NULL : xv;
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
		tui_info(t, "exporting %s: %ld items, page %ld (C-c stops)", xv->table,
		         xv->ex.written, xv->pages);
	else
		tui_info(t, "importing into %s: %s %ld, %ld imported, %ld rejected (C-c stops)",
		         xv->table, xv->rd.unit, ddb_import_position(&xv->rd),
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

/* ---- export ---- */

static int export_page(struct ddb_client *c, struct ddb_reply *reply, void *ud)
{
	struct xv_req *r = ud;
	struct transfer_view *xv = r->xv;
	const cJSON *items = cJSON_GetObjectItemCaseSensitive(reply->json, "Items");
	const struct ddb_buf *out = &xv->ex.out;

	(void)c;
	if (view_stale(&xv->base, r->gen))
		return 1;
	ddb_export_page(&xv->ex, items);
	xv->pages++;
	if (out->len && fwrite(out->data, 1, out->len, xv->out) != out->len) {
		xv->write_errno = errno ? errno : EIO;
		return 1;
	}
	progress_message(xv);
	return 0;
}

static void export_done(struct ddb_client *c, const struct ddb_error *err, void *ud)
{
	struct transfer_view *xv = req_end(ud);
	FILE *out;

	(void)c;
	if (!xv)
		return; /* the view's free removes the temporary file */
	out = xv->out;
	if (err->kind == DDB_ERR_NONE && !xv->write_errno) {
		const struct ddb_buf *b = &xv->ex.out;

		ddb_export_end(&xv->ex); /* an empty table still gets its CSV header */
		if (b->len && fwrite(b->data, 1, b->len, out) != b->len)
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
			       "export cancelled after %ld items; %s not written", xv->ex.written,
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
	if (xv->ex.failed)
		finish(xv, XS_DONE, ST_WARN,
		       "exported %ld items of %s to %s; %ld could not be written as %s",
		       xv->ex.written, xv->table, xv->path, xv->ex.failed,
		       ddb_xfmt_name(xv->ex.fmt));
	else
		finish(xv, XS_DONE, ST_OK, "exported %ld item%s of %s to %s (%s)", xv->ex.written,
		       xv->ex.written == 1 ? "" : "s", xv->table, xv->path,
		       ddb_xfmt_name(xv->ex.fmt));
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
	ddb_buf_printf(&b, "%s %ld: %.300s", xv->rd.unit, where, why);
	xv->rejects[xv->nrejects++] = ddb_buf_steal(&b);
}

/* The next item of the file (owned) and where it is; NULL at the end or on a fatal error
 * (xv->fatal). Lines that are no item are rejected on the way. */
static cJSON *next_item(struct transfer_view *xv, long *where)
{
	struct ddb_error err;
	cJSON *item;

	for (;;) {
		if (xv->turn_lines >= LINES_PER_TURN) {
			xv->yield = 1;
			return NULL;
		}
		xv->turn_lines++;
		ddb_error_clear(&err);
		switch (ddb_import_next(&xv->rd, &item, where, &err)) {
		case DDB_IMPORT_ITEM:
			return item;
		case DDB_IMPORT_REJECT:
			reject(xv, *where, err.message);
			continue;
		case DDB_IMPORT_SKIP:
			continue;
		case DDB_IMPORT_END:
			return NULL;
		case DDB_IMPORT_FAIL:
		default:
			break;
		}
		xv->fatal = 1;
		if (err.kind == DDB_ERR_IO)
			finish(xv, XS_FAILED, ST_ERROR, "import: cannot read %s: %s", xv->path,
			       err.message);
		else
			finish(xv, XS_FAILED, ST_ERROR,
			       "import: %s is not an aws dynamodb scan document: %s", xv->path,
			       err.message);
		return NULL;
	}
}

static void pending_clear(struct transfer_view *xv)
{
	ddb_import_chunk_clear(&xv->chunk);
	xv->chunk_written = 0;
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

static void stopped(struct transfer_view *xv, const struct ddb_error *err)
{
	xv->fatal = 1;
	if (err->kind == DDB_ERR_CANCELLED) {
		finish(xv, XS_CANCELLED, ST_WARN,
		       "import cancelled at %s %ld: %ld imported, %ld rejected", xv->rd.unit,
		       ddb_import_position(&xv->rd), xv->imported, xv->rejected);
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
	} else if (ddb_import_item_level(&reply->err)) {
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
	struct transfer_view *xv = req_end(ud);
	cJSON *item;
	int i = 0;

	if (!xv)
		return;
	if (err->kind == DDB_ERR_NONE) {
		xv->imported += xv->chunk.n;
		chunk_written(xv);
		return;
	}
	if (!ddb_import_item_level(err)) {
		stopped(xv, err);
		return;
	}
	/* PutItem is idempotent: items the batch wrote are written again, no harm */
	xv->puts_left = xv->chunk.n;
	xv->chunk_written = 0;
	cJSON_ArrayForEach(item, xv->chunk.items)
	{
		ddb_put_item(c, xv->table, cJSON_Duplicate(item, 1), NULL, NULL, NULL, put_done,
		             req_new(xv, xv->chunk.where[i++]), xv);
	}
}

/* Reads the next chunk and sends it; at the end of the file, the result. */
static void resume(struct ddb_client *c, void *ud, int cancelled)
{
	struct transfer_view *xv = req_end(ud);
	struct ddb_error e;

	(void)c;
	if (!xv)
		return;
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
	cJSON *item;
	long where;

	xv->turn_lines = 0;
	xv->yield = 0;
	while (!xv->fatal && xv->chunk.n < DDB_IMPORT_CHUNK) {
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
		if (ddb_import_chunk_add(&xv->chunk, item, where, &xv->spec)) {
			/* one request may not hold a key twice: it goes after what came before */
			xv->carry = item;
			xv->carry_where = where;
			break;
		}
	}
	if (xv->fatal)
		return;
	if (xv->yield && !xv->chunk.n) {
		/* a long run of lines that are no items: read on in the next turn */
		ddb_timer_add(xv->base.tui->client, 0, resume, req_new(xv, 0), xv);
		return;
	}
	if (!xv->chunk.n) {
		if (xv->rejected)
			finish(xv, XS_DONE, ST_WARN, "imported %ld item%s into %s, rejected %ld",
			       xv->imported, xv->imported == 1 ? "" : "s", xv->table, xv->rejected);
		else
			finish(xv, XS_DONE, ST_OK, "imported %ld item%s into %s, rejected 0",
			       xv->imported, xv->imported == 1 ? "" : "s", xv->table);
		return;
	}
	ddb_batch_write(xv->base.tui->client, xv->table, ddb_import_chunk_writes(&xv->chunk), 0,
	                batch_progress, batch_done, req_new(xv, 0), xv);
}

static void import_start(struct transfer_view *xv)
{
	xv->state = XS_RUNNING;
	xv->started = tui_now();
	ddb_import_chunk_init(&xv->chunk);
	progress_message(xv);
	import_chunk(xv);
}

/* ---- both ---- */

static void described(struct ddb_client *c, struct ddb_reply *reply, void *ud)
{
	struct transfer_view *xv = req_end(ud);
	const cJSON *n;
	struct ddb_error e;

	(void)c;
	if (!xv)
		return;
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
	switch (xv->kind == X_EXPORT ? xv->ex.fmt : xv->rd.fmt) {
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
			form_bar(&b, 20, xv->ex.written, (long)xv->item_count);
			ddb_buf_puts(&b, "  ");
		}
		ddb_buf_printf(&b, "%ld item%s written, %ld page%s", xv->ex.written,
		               xv->ex.written == 1 ? "" : "s", xv->pages,
		               xv->pages == 1 ? "" : "s");
		if (xv->item_count > 0 && xv->state == XS_RUNNING)
			ddb_buf_printf(&b, " (the table holds about %.0f)", xv->item_count);
	} else {
		long pos = xv->in ? ftell(xv->in) : 0;

		if (xv->size > 0 && pos >= 0) {
			form_bar(&b, 20, xv->state == XS_DONE ? xv->size : pos, xv->size);
			ddb_buf_puts(&b, "  ");
		}
		ddb_buf_printf(&b, "%s %ld: %ld imported, %ld rejected", xv->rd.unit,
		               ddb_import_position(&xv->rd), xv->imported + xv->chunk_written,
		               xv->rejected);
	}
	field(cv, x, y++, w, "Progress", ddb_buf_str(&b), ST_NORMAL);
	ddb_buf_done(&b);
	if (xv->result[0] && y < bottom)
		y += form_draw_wrapped(cv, x, y + 1, w, bottom - y - 1, 2, xv->result,
		                       xv->result_style) +
		     1;
	if (xv->kind == X_EXPORT && xv->ex.typed && y < bottom)
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

static enum keymap_action transfer_handle(struct view *v, enum keymap_action act, int key)
{
	struct transfer_view *xv = xv_of(v);

	(void)key;
	if (act == ACT_BACK && (xv->state == XS_RUNNING || xv->state == XS_DESCRIBING)) {
		tui_info(v->tui, "the %s is running: C-c stops it, then Esc closes this", verb(xv));
		return ACT_NONE;
	}
	return act;
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
	ddb_export_done(&xv->ex);
	ddb_import_reader_done(&xv->rd);
	ddb_import_chunk_done(&xv->chunk);
	cJSON_Delete(xv->carry);
	for (i = 0; i < xv->nrejects; i++)
		free(xv->rejects[i]);
	ddb_table_spec_done(&xv->spec);
	free(xv->table);
	free(xv->path);
	free(xv);
}

static const char *transfer_writing(struct view *v)
{
	struct transfer_view *xv = xv_of(v);

	if (xv->state != XS_RUNNING && xv->state != XS_DESCRIBING)
		return NULL;
	return xv->kind == X_EXPORT ? "the export" : "the import";
}

static const struct view_ops transfer_ops = {
    .name = "transfer",
    .ctx = CTX_LOG,
    .title = transfer_title,
    .draw = transfer_draw,
    .handle = transfer_handle,
    .copy_text = transfer_copy,
    .free = transfer_free,
    .writing = transfer_writing,
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
	ddb_export_init(&xv->ex, fmt);
	xv->ex.spec = &xv->spec;
	start(xv);
	return &xv->base;
}

struct view *view_import_new(struct tui *t, const char *table, const char *file)
{
	struct transfer_view *xv;
	struct stat st;
	char *path;
	FILE *in;

	if (ddb_client_read_only(t->client)) {
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
	ddb_import_reader_init(&xv->rd, in, DDB_XFMT_AUTO);
	if (fstat(fileno(in), &st) == 0 && S_ISREG(st.st_mode))
		xv->size = (long)st.st_size;
	start(xv);
	return &xv->base;
}
