/* cmd_scan.c - the scan subcommand: every item of a table as one JSON line, page by page, one
 * segment or several at once (--segments); and the items/s line scan and export show on a
 * terminal. */
#include "tui/cli/cli.h"

#include <errno.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ddb/attr.h"
#include "ddb/buf.h"
#include "ddb/json.h"
#include "ddb/ops.h"

#define SCAN_LIMIT_MAX 2147483647L /* DynamoDB's Limit is a 32-bit integer */
#define SCAN_BAD_KEPT  100         /* items whose conversion failed, kept to report their keys */

static int opt_raw;
static const char *opt_limit;

const struct cli_opt scan_opts[] = {
    {"--raw", NULL, "print DynamoDB JSON ({\"S\": \"x\"}) instead of plain JSON", NULL, &opt_raw},
    {"--limit", "N", "stop after N items (and ask DynamoDB for no more)", &opt_limit, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

/* ---- items/s on stderr ---- */

static double rate_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void cli_rate_start(struct cli_rate *r, const char *what)
{
	memset(r, 0, sizeof(*r));
	r->what = what;
	r->on = isatty(STDERR_FILENO) && !isatty(STDOUT_FILENO);
	r->t0 = r->last = rate_now();
}

void cli_rate_add(struct cli_rate *r, long n)
{
	double now, secs;

	r->items += n;
	if (!r->on)
		return;
	now = rate_now();
	if (now - r->last < 0.2)
		return;
	r->last = now;
	secs = now - r->t0;
	fprintf(stderr, "\r\033[K%s: %ld items, %.0f items/s", r->what, r->items,
	        secs > 0 ? (double)r->items / secs : 0.0);
	fflush(stderr);
}

void cli_rate_end(struct cli_rate *r)
{
	if (r->on && r->last > r->t0) {
		fprintf(stderr, "\r\033[K");
		fflush(stderr);
	}
}

/* Streaming pages: each page's tree (tens of thousands of small blocks) is freed once handed
 * over. glibc keeps such blocks in its "fast bins" and merges them all at the next large
 * allocation, which is the buffer of the next page's reply, as it arrives: a third of the
 * client's time in the profile of a 50,000-item scan (malloc_consolidate). Without fast bins
 * they are merged as they are freed, after the next page was requested, while the endpoint
 * works. */
void cli_stream_malloc(void)
{
#ifdef M_MXFAST
	mallopt(M_MXFAST, 0);
#endif
}

/* ---- scan ---- */

struct scan_state {
	struct cli_lines lines;
	cJSON *bad; /* array of {"item": raw item, "why": message}, the first SCAN_BAD_KEPT */
	struct ddb_error err;
	struct cli_rate rate;
};

/* Keeps a failed item to report once the scan is over (its key needs the key schema). */
static void keep_bad(void *ud, const cJSON *item, const struct ddb_error *err)
{
	struct scan_state *st = ud;
	cJSON *b;

	if (cJSON_GetArraySize(st->bad) >= SCAN_BAD_KEPT)
		return;
	b = cJSON_CreateObject();
	cJSON_AddItemToObject(b, "item", cJSON_Duplicate(item, 1));
	cJSON_AddStringToObject(b, "why", err->message);
	cJSON_AddItemToArray(st->bad, b);
}

/* Appends s as a JSON string, escaped as cJSON prints it. */
static void put_json_string(struct ddb_buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s, *run = p;

	ddb_buf_putc(b, '"');
	for (;; p++) {
		const char *esc = NULL;
		char u[8];

		if (*p >= 32 && *p != '"' && *p != '\\')
			continue;
		if (!*p)
			break;
		ddb_buf_append(b, (const char *)run, (size_t)(p - run));
		run = p + 1;
		switch (*p) {
		case '"':
			esc = "\\\"";
			break;
		case '\\':
			esc = "\\\\";
			break;
		case '\b':
			esc = "\\b";
			break;
		case '\f':
			esc = "\\f";
			break;
		case '\n':
			esc = "\\n";
			break;
		case '\r':
			esc = "\\r";
			break;
		case '\t':
			esc = "\\t";
			break;
		default:
			snprintf(u, sizeof(u), "\\u%04x", *p);
			esc = u;
		}
		ddb_buf_puts(b, esc);
	}
	ddb_buf_append(b, (const char *)run, (size_t)(p - run));
	ddb_buf_putc(b, '"');
}

/* The plain JSON line of an item whose values are all S, N, BOOL or NULL (what most items are),
 * written straight from the DynamoDB JSON: the same text as cJSON_PrintUnformatted of
 * ddb_item_to_plain, without building that tree. 0, or -1 (nothing appended) for any other
 * item: the general path takes it, and its errors. */
static int put_plain_simple(struct ddb_buf *b, const cJSON *item)
{
	size_t start = b->len;
	const cJSON *a;

	if (!cJSON_IsObject(item))
		return -1;
	ddb_buf_putc(b, '{');
	for (a = item->child; a; a = a->next) {
		const cJSON *v = a->child;

		if (a != item->child)
			ddb_buf_putc(b, ',');
		put_json_string(b, a->string ? a->string : "");
		ddb_buf_putc(b, ':');
		switch (ddb_attr_type(a)) {
		case DDB_T_S:
			put_json_string(b, v->valuestring);
			break;
		case DDB_T_N:
			/* as plain_number: verbatim when it is valid JSON as it stands */
			if (!ddb_number_valid(v->valuestring) ||
			    !ddb_json_is_number(v->valuestring))
				goto general;
			ddb_buf_puts(b, v->valuestring);
			break;
		case DDB_T_BOOL:
			ddb_buf_puts(b, cJSON_IsTrue(v) ? "true" : "false");
			break;
		case DDB_T_NULL:
			if (!cJSON_IsTrue(v))
				goto general;
			ddb_buf_puts(b, "null");
			break;
		default:
			goto general;
		}
	}
	ddb_buf_putc(b, '}');
	return 0;
general:
	b->len = start;
	if (b->data)
		b->data[start] = '\0';
	return -1;
}

/* Appends one item as a line; 0, or -1 when the plain form cannot express it. */
static int print_item(struct cli_lines *l, const cJSON *item)
{
	struct ddb_error err;
	cJSON *plain = NULL;
	char *s;

	if (!l->raw && put_plain_simple(&l->out, item) == 0) {
		ddb_buf_putc(&l->out, '\n');
		l->printed++;
		return 0;
	}
	ddb_error_clear(&err);
	if (!l->raw) {
		plain = ddb_item_to_plain(item, &err);
		if (!plain) {
			l->failed++;
			if (l->unshowable)
				l->unshowable(l->ud, item, &err);
			return -1;
		}
	}
	s = cJSON_PrintUnformatted(plain ? plain : item);
	cJSON_Delete(plain);
	if (!s)
		abort();
	ddb_buf_puts(&l->out, s);
	ddb_buf_putc(&l->out, '\n');
	free(s);
	l->printed++;
	return 0;
}

int cli_lines_page(struct cli_lines *l, const cJSON *items)
{
	const cJSON *item;

	ddb_buf_reset(&l->out);
	cJSON_ArrayForEach(item, items)
	{
		if (l->limit && l->seen >= l->limit)
			break;
		l->seen++;
		print_item(l, item);
	}
	/* Each page shows as soon as it arrives, even through a pipe: one write a page. */
	if ((l->out.len && fwrite(l->out.data, 1, l->out.len, stdout) != l->out.len) ||
	    fflush(stdout) != 0 || ferror(stdout)) {
		l->write_errno = errno ? errno : EIO;
		return 1;
	}
	return l->limit && l->seen >= l->limit;
}

int cli_lines_end(struct app *app, struct cli_lines *l, const char *what,
                  const struct ddb_error *err)
{
	int rc = EXIT_OK;

	ddb_buf_done(&l->out);
	if (l->write_errno) {
		if (l->write_errno != EPIPE)
			fprintf(stderr, "ddbtui: cannot write the items: %s\n",
			        strerror(l->write_errno));
		rc = EXIT_FAIL;
	} else if (err->kind != DDB_ERR_NONE) {
		if (l->seen)
			fprintf(stderr, "ddbtui: %s of %s stopped after %ld items\n", what,
			        app->s.table, l->seen);
		rc = app_fail(app, err);
	}
	return rc;
}

static int scan_page(struct ddb_client *c, struct ddb_reply *reply, void *ud)
{
	struct scan_state *st = ud;
	long before = st->lines.seen;
	int stop;

	(void)c;
	stop = cli_lines_page(&st->lines, cJSON_GetObjectItemCaseSensitive(reply->json, "Items"));
	cli_rate_add(&st->rate, st->lines.seen - before);
	return stop;
}

static void scan_done(struct ddb_client *c, const struct ddb_error *err, void *ud)
{
	struct scan_state *st = ud;

	(void)c;
	st->err = *err;
}

/* The names of the table's key attributes (array of strings, caller frees), or NULL. */
static cJSON *key_names(struct app *app)
{
	struct ddb_error err;
	cJSON *body = cJSON_CreateObject(), *reply, *names = NULL;
	const cJSON *k, *schema;

	cJSON_AddStringToObject(body, "TableName", app->s.table);
	reply = app_call(app, "DescribeTable", body, &err);
	if (!reply)
		return NULL;
	schema = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(reply, "Table"),
	                                          "KeySchema");
	cJSON_ArrayForEach(k, schema)
	{
		const cJSON *n = cJSON_GetObjectItemCaseSensitive(k, "AttributeName");

		if (!cJSON_IsString(n))
			continue;
		if (!names)
			names = cJSON_CreateArray();
		cJSON_AddItemToArray(names, cJSON_CreateString(n->valuestring));
	}
	cJSON_Delete(reply);
	return names;
}

/* One stderr line per item that could not be shown, naming it by its key (in DynamoDB JSON, which
 * always expresses it); the whole item if the key schema cannot be read. */
static void report_bad(struct app *app, const struct scan_state *st)
{
	cJSON *names = key_names(app);
	const cJSON *b, *n;

	cJSON_ArrayForEach(b, st->bad)
	{
		const cJSON *item = cJSON_GetObjectItemCaseSensitive(b, "item");
		const cJSON *why = cJSON_GetObjectItemCaseSensitive(b, "why");
		cJSON *key = cJSON_CreateObject();
		char *s;

		cJSON_ArrayForEach(n, names)
		{
			const cJSON *v = cJSON_GetObjectItemCaseSensitive(item, n->valuestring);

			if (v)
				cJSON_AddItemToObject(key, n->valuestring, cJSON_Duplicate(v, 1));
		}
		s = cJSON_PrintUnformatted(key->child ? key : item);
		fprintf(stderr, "ddbtui: item %s%s: %s\n", key->child ? "with key " : "",
		        s ? s : "?", cJSON_IsString(why) ? why->valuestring : "?");
		free(s);
		cJSON_Delete(key);
	}
	if (st->lines.failed > cJSON_GetArraySize(st->bad))
		fprintf(stderr, "ddbtui: ... and %ld more\n",
		        st->lines.failed - (long)cJSON_GetArraySize(st->bad));
	fprintf(stderr,
	        "ddbtui: %ld item%s could not be shown as plain JSON; 'ddbtui scan --raw' shows "
	        "every item as DynamoDB returns it\n",
	        st->lines.failed, st->lines.failed == 1 ? "" : "s");
	cJSON_Delete(names);
}

int cmd_scan(struct app *app, int argc, char **argv)
{
	struct scan_state st;
	cJSON *req;
	int rc;

	memset(&st, 0, sizeof(st));
	if (cli_table_arg(app, "scan", argc, argv) != EXIT_OK)
		return EXIT_USAGE;
	if (opt_limit && cli_parse_long("scan", "--limit", opt_limit, 1, SCAN_LIMIT_MAX,
	                                &st.lines.limit) != EXIT_OK)
		return EXIT_USAGE;
	if ((rc = app_connect(app)) != EXIT_OK)
		return rc;

	st.lines.raw = opt_raw;
	st.lines.unshowable = keep_bad;
	st.lines.ud = &st;
	st.bad = cJSON_CreateArray();
	ddb_error_clear(&st.err);
	req = cJSON_CreateObject();
	cJSON_AddStringToObject(req, "TableName", app->s.table);
	/* with --limit, each request asks for what is still needed, no more */
	cli_page_limit(app, req, st.lines.limit);
	cli_stream_malloc();
	cli_rate_start(&st.rate, "scan");
	ddb_scan_parallel(app->s.client, req, app->s.segments, st.lines.limit, scan_page, scan_done,
	                  &st, NULL);
	ddb_client_run(app->s.client);
	cli_rate_end(&st.rate);
	rc = cli_lines_end(app, &st.lines, "scan", &st.err);
	if (st.lines.failed) {
		report_bad(app, &st);
		rc = EXIT_FAIL;
	}
	cJSON_Delete(st.bad);
	return rc;
}
