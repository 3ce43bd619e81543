/* query.c - the query builder: a form for a Query (ddb/query.h) on a table or one of its indexes
 * (read from DescribeTable): partition key value, sort key condition, filters on any path,
 * projection, order, consistency, count only. Every change rebuilds the request, shown live
 * under the form as it is sent (#names and :values) and as it reads; Run opens the results in
 * the scan grid, or counts them. Without a partition key value the request is a Scan, and the
 * form says so. */
#include "views/view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ddb/attr.h"
#include "ddb/buf.h"
#include "ddb/ops.h"
#include "ddb/query.h"
#include "ddb/tablespec.h"
#include "tui/form.h"
#include "tui/widgets.h"
#include "views/views.h"

#define LABEL_W     18
#define FILTERS_MAX 20
#define PREVIEW_MAX 12
#define PV_LABEL_W  13 /* the preview's labels: "projection" */

/* Rows of the form (struct form_row.id); a filter's rows carry its index in sub. */
enum {
	F_TARGET,
	F_PK,
	F_SKOP,
	F_SK1,
	F_SK2,
	F_FPATH,
	F_FOP,
	F_FV1,
	F_FV2,
	F_ADD_FILTER,
	F_PROJECTION,
	F_ORDER,
	F_CONSISTENT,
	F_COUNT,
	F_RUN,
};

/* The sort key operators, "(none)" first. */
static const enum ddb_qop sk_ops[] = {DDB_QOP_EQ, DDB_QOP_EQ, DDB_QOP_LT,      DDB_QOP_LE,
                                      DDB_QOP_GT, DDB_QOP_GE, DDB_QOP_BETWEEN, DDB_QOP_BEGINS_WITH};
#define N_SK_OPS ((int)(sizeof(sk_ops) / sizeof(sk_ops[0])))

static const char *const no_yes[] = {"no", "yes"};
static const char *const orders[] = {"ascending", "descending"};

struct qfilter {
	char *path; /* "a.b[0]", or size(a.b) */
	enum ddb_qop op;
	char *v[2];
};

enum qstate { QS_DESCRIBING, QS_READY, QS_NO_TABLE };

struct query_view {
	struct view base;
	struct form form;
	char *table;
	struct ddb_table_spec spec;
	enum qstate state;
	char error[400]; /* DescribeTable failed */

	/* the form's values */
	int target; /* 0: the table, i + 1: spec.indexes[i] */
	char *pk;
	int skop; /* index in sk_ops; 0: no condition */
	char *sk[2];
	struct qfilter filters[FILTERS_MAX];
	int nfilters;
	char *projection;
	int desc, consistent, count_only;

	/* the form built: the request as it is sent and as it reads (what is wrong: form.error) */
	struct pline {
		const char *label; /* NULL: the title line */
		char *text;
		int style;
	} pv[PREVIEW_MAX];
	int npv;
	int scan_fallback;

	/* count only */
	int counting;
	long count, scanned;
	char result[300];
	int result_style;
};

static struct query_view *qv_of(struct view *v)
{
	return (struct query_view *)v;
}

static const char *target_index(const struct query_view *qv)
{
	return qv->target > 0 && qv->target <= qv->spec.nindexes
	           ? qv->spec.indexes[qv->target - 1].name
	           : NULL;
}

static void target_keys(const struct query_view *qv, const struct ddb_key_def **h,
                        const struct ddb_key_def **r)
{
	struct ddb_error e;

	if (ddb_table_spec_keys(&qv->spec, target_index(qv), h, r, &e) != 0) {
		*h = &qv->spec.hash;
		*r = &qv->spec.range;
	}
}

static int target_is_gsi(const struct query_view *qv)
{
	return qv->target > 0 && !qv->spec.indexes[qv->target - 1].local;
}

/* ---- the form -> a request ---- */

/* A path's only name when it is a top-level attribute (no dots, no brackets); heap or NULL. */
static char *top_level_name(const char *path)
{
	cJSON *names = cJSON_CreateObject();
	struct ddb_buf b = DDB_BUF_INIT;
	struct ddb_error e;
	char *name = NULL;

	if (ddb_query_path(path, names, &b, NULL, &e) == 0 && cJSON_GetArraySize(names) == 1 &&
	    !strchr(ddb_buf_str(&b), '[') && !strchr(ddb_buf_str(&b), '.'))
		name = ddb_strdup(names->child->valuestring);
	ddb_buf_done(&b);
	cJSON_Delete(names);
	return name;
}

/* "size(a.b)" -> "a.b" (heap) with *size set; anything else as it is. */
static char *filter_path(const char *text, int *size)
{
	size_t n = strlen(text);
	char *inner, *path;

	*size = n > 6 && strncasecmp(text, "size(", 5) == 0 && text[n - 1] == ')';
	if (!*size)
		return ddb_strdup(text);
	inner = strndup(text + 5, n - 6);
	if (!inner)
		abort();
	path = form_trimmed(inner);
	free(inner);
	return path;
}

/* One filter of the form into q, its values typed as ddb_query_add_filter_text types them. */
static int add_filter(struct query_view *qv, struct ddb_query *q, int i, char *err, size_t errlen)
{
	const struct qfilter *fl = &qv->filters[i];
	enum ddb_type want = DDB_T_INVALID;
	struct ddb_error e;
	cJSON *v[2] = {NULL, NULL};
	char what[300];
	int size, k, arity = ddb_qop_arity(fl->op), rc;
	char *path;

	if (!fl->path || !fl->path[0]) {
		snprintf(err, errlen, "Filter %d: the attribute path is empty", i + 1);
		return -1;
	}
	path = filter_path(fl->path, &size);
	if (size) {
		want = DDB_T_N;
	} else if (fl->op != DDB_QOP_TYPE && fl->op != DDB_QOP_CONTAINS) {
		char *name = top_level_name(path);

		want = ddb_table_spec_attr_type(&qv->spec, name);
		if (fl->op == DDB_QOP_BEGINS_WITH && want == DDB_T_N)
			want = DDB_T_INVALID;
		free(name);
	}
	snprintf(what, sizeof(what), "filter on %s%.200s%s", size ? "size(" : "", path,
	         size ? ")" : "");
	ddb_error_clear(&e);
	for (k = 0; k < arity; k++) {
		if (!fl->v[k] || !fl->v[k][0]) {
			snprintf(err, errlen, "Filter %d: %s needs %s", i + 1, ddb_qop_name(fl->op),
			         arity == 2 ? "two values" : "a value");
			goto bad;
		}
		v[k] = ddb_query_value(fl->v[k], want, what, &e);
		if (!v[k]) {
			snprintf(err, errlen, "Filter %d: %s", i + 1, e.message);
			goto bad;
		}
	}
	rc = ddb_query_add_filter(q, path, size, fl->op, v[0], v[1], &e);
	free(path);
	if (rc != 0)
		snprintf(err, errlen, "Filter %d: %s", i + 1, e.message);
	return rc;
bad:
	cJSON_Delete(v[0]);
	cJSON_Delete(v[1]);
	free(path);
	return -1;
}

/* The sort key condition of the form into q. */
static int set_sk(struct query_view *qv, struct ddb_query *q, char *err, size_t errlen)
{
	struct ddb_qcond *c;
	struct ddb_error e;
	char what[300];
	int k, arity;

	if (!qv->skop || !q->sk.name)
		return 0; /* no sort key: the form shows no condition for it */
	c = calloc(1, sizeof(*c));
	if (!c)
		abort();
	c->op = sk_ops[qv->skop];
	arity = ddb_qop_arity(c->op);
	snprintf(what, sizeof(what), "sort key %.250s", q->sk.name);
	q->sk_cond = c; /* freed with q */
	ddb_error_clear(&e);
	for (k = 0; k < arity; k++) {
		if (!qv->sk[k] || !qv->sk[k][0]) {
			snprintf(err, errlen, "Sort key %s: %s needs %s", q->sk.name,
			         ddb_qop_name(c->op), arity == 2 ? "two values" : "a value");
			return -1;
		}
		c->v[k] = ddb_query_value(qv->sk[k], q->sk.type, what, &e);
		if (!c->v[k]) {
			snprintf(err, errlen, "%s", e.message);
			return -1;
		}
	}
	return 0;
}

/* The form -> q -> b. 0, or -1 with the reason in err. */
static int build(struct query_view *qv, struct ddb_query *q, struct ddb_query_built *b, char *err,
                 size_t errlen)
{
	struct ddb_error e;
	int i;

	ddb_query_init(q);
	memset(b, 0, sizeof(*b));
	ddb_error_clear(&e);
	if (ddb_query_set_target(q, &qv->spec, qv->table, target_index(qv), &e) != 0 ||
	    ddb_query_set_pk_text(q, qv->pk, &e) != 0) {
		snprintf(err, errlen, "%s", e.message);
		return -1;
	}
	if (set_sk(qv, q, err, errlen) != 0)
		return -1;
	for (i = 0; i < qv->nfilters; i++)
		if (add_filter(qv, q, i, err, errlen) != 0)
			return -1;
	if (ddb_query_set_projection_text(q, qv->projection, &e) != 0) {
		snprintf(err, errlen, "Projection: %s", e.message);
		return -1;
	}
	q->descending = qv->desc;
	q->consistent = qv->consistent;
	q->count_only = qv->count_only;
	if (ddb_query_build(q, b, &e) != 0) {
		snprintf(err, errlen, "%s", e.message);
		return -1;
	}
	return 0;
}

/* ---- the rows ---- */

static void key_note(struct ddb_buf *b, const struct ddb_key_def *k)
{
	ddb_buf_printf(b, "%s (%s)", k->name, ddb_type_name(k->type));
}

static void rebuild_rows(struct query_view *qv)
{
	struct form *f = &qv->form;
	const struct ddb_key_def *h, *r;
	struct form_row *row;
	struct ddb_buf b = DDB_BUF_INIT;
	const char *choices[DDB_MAX_GSI + DDB_MAX_LSI + 1];
	const char *skn[N_SK_OPS], *fops[DDB_QOP_COUNT_];
	char *owned[DDB_MAX_GSI + DDB_MAX_LSI + 1];
	int i, n, k, arity;

	form_begin(f);
	if (qv->state != QS_READY) {
		form_end(f);
		return;
	}
	target_keys(qv, &h, &r);

	/* the table or an index */
	n = 0;
	owned[n] = NULL;
	ddb_buf_printf(&b, "%s (table)", qv->table);
	choices[n] = owned[n] = ddb_buf_steal(&b);
	n++;
	for (i = 0; i < qv->spec.nindexes && n < FORM_CHOICES_MAX; i++) {
		ddb_buf_printf(&b, "%s (%s)", qv->spec.indexes[i].name,
		               qv->spec.indexes[i].local ? "LSI" : "GSI");
		choices[n] = owned[n] = ddb_buf_steal(&b);
		n++;
	}
	row = form_add(f, F_TARGET, 0, FORM_CHOICE, "Table or index", NULL);
	form_choices(row, choices, n, qv->target);
	for (i = 0; i < n; i++)
		free(owned[i]);
	ddb_buf_puts(&b, "keys ");
	key_note(&b, h);
	if (r->name) {
		ddb_buf_puts(&b, ", ");
		key_note(&b, r);
	}
	form_note(row, ST_DIM, "%s", ddb_buf_str(&b));
	ddb_buf_reset(&b);

	/* the partition key */
	row = form_add(f, F_PK, 0, FORM_TEXT, "Partition key", qv->pk);
	snprintf(row->prompt, sizeof(row->prompt), "Partition key %s (%s)", h->name,
	         ddb_type_name(h->type));
	if (qv->pk && qv->pk[0])
		form_note(row, ST_DIM, "= %s (%s)", h->name, ddb_type_name(h->type));
	else
		form_note(row, ST_WARN, "%s (%s): empty, so a Scan reads every item", h->name,
		          ddb_type_name(h->type));

	/* the sort key */
	if (r->name) {
		for (i = 0; i < N_SK_OPS; i++)
			skn[i] = i ? ddb_qop_name(sk_ops[i]) : "(any)";
		row = form_add(f, F_SKOP, 0, FORM_CHOICE, "Sort key", NULL);
		form_choices(row, skn, N_SK_OPS, qv->skop);
		form_note(row, ST_DIM, "%s (%s)", r->name, ddb_type_name(r->type));
		arity = qv->skop ? ddb_qop_arity(sk_ops[qv->skop]) : 0;
		for (k = 0; k < arity; k++) {
			row =
			    form_add(f, F_SK1 + k, 0, FORM_TEXT,
			             arity == 2 ? (k ? "  and" : "  from") : "  value", qv->sk[k]);
			snprintf(row->prompt, sizeof(row->prompt), "Sort key %s %s%s", r->name,
			         ddb_qop_name(sk_ops[qv->skop]), arity == 2 && k ? " ... and" : "");
		}
	}

	/* the filters */
	for (i = 0; i < DDB_QOP_COUNT_; i++)
		fops[i] = ddb_qop_name((enum ddb_qop)i);
	for (i = 0; i < qv->nfilters; i++) {
		const struct qfilter *fl = &qv->filters[i];
		char label[32];

		snprintf(label, sizeof(label), "Filter %d", i + 1);
		row = form_add(f, F_FPATH, i, FORM_TEXT, label, fl->path);
		snprintf(row->prompt, sizeof(row->prompt), "Filter %d attribute path", i + 1);
		if (!fl->path || !fl->path[0])
			form_note(row, ST_WARN, "the attribute: a, a.b[0].c, \"x.y\" or size(a)");
		else if (i == 0)
			form_note(row, ST_DIM, "every filter must hold");
		row = form_add(f, F_FOP, i, FORM_CHOICE, "  operator", NULL);
		form_choices(row, fops, DDB_QOP_COUNT_, fl->op);
		arity = ddb_qop_arity(fl->op);
		for (k = 0; k < arity; k++) {
			row = form_add(f, F_FV1 + k, i, FORM_TEXT,
			               arity == 2 ? (k ? "  and" : "  from") : "  value", fl->v[k]);
			snprintf(row->prompt, sizeof(row->prompt), "Filter %d: %s %s%s", i + 1,
			         fl->path ? fl->path : "", ddb_qop_name(fl->op),
			         arity == 2 && k ? " ... and" : "");
			if (fl->op == DDB_QOP_TYPE && (!fl->v[k] || !fl->v[k][0]))
				form_note(row, ST_DIM, "S N B SS NS BS M L NULL BOOL");
		}
	}
	row = form_add(f, F_ADD_FILTER, 0, FORM_BUTTON, "+ Add a filter", NULL);
	form_note(row, ST_DIM, "a adds one, x removes the selected one");

	/* the rest */
	row = form_add(f, F_PROJECTION, 0, FORM_TEXT, "Projection", qv->projection);
	snprintf(row->prompt, sizeof(row->prompt), "Projection (a, b.c; empty: every attribute)");
	if (!qv->projection || !qv->projection[0])
		form_note(row, ST_DIM, "every attribute");
	row = form_add(f, F_ORDER, 0, FORM_CHOICE, "Order", NULL);
	form_choices(row, orders, 2, qv->desc);
	form_note(row, ST_DIM, "of the sort key");
	row = form_add(f, F_CONSISTENT, 0, FORM_CHOICE, "Consistent read", NULL);
	form_choices(row, no_yes, 2, qv->consistent);
	if (target_is_gsi(qv))
		form_note(row, ST_DIM, "not on a GSI");
	row = form_add(f, F_COUNT, 0, FORM_CHOICE, "Count only", NULL);
	form_choices(row, no_yes, 2, qv->count_only);

	row = form_add(f, F_RUN, 0, FORM_BUTTON, qv->counting ? "[ Counting ]" : "[ Run ]", NULL);
	if (qv->result[0])
		form_note(row, qv->result_style, "%s", qv->result);
	else if (qv->form.error[0])
		form_note_error(row);
	else if (qv->count_only)
		form_note(row, ST_DIM, "counts the matching items");
	else if (qv->scan_fallback)
		form_note(row, ST_WARN, "no partition key value: a Scan of every item");
	else
		form_note(row, ST_DIM, "a Query: the items in a grid");
	ddb_buf_done(&b);
	form_end(f);
}

static void pv_clear(struct query_view *qv)
{
	int i;

	for (i = 0; i < qv->npv; i++)
		free(qv->pv[i].text);
	qv->npv = 0;
}

static void pv_add(struct query_view *qv, const char *label, const char *text, int style)
{
	if (!text || qv->npv == PREVIEW_MAX)
		return;
	qv->pv[qv->npv].label = label;
	qv->pv[qv->npv].text = ddb_strdup(text);
	qv->pv[qv->npv].style = style;
	qv->npv++;
}

static void pv_json(struct query_view *qv, const char *label, const cJSON *j)
{
	char *s;

	if (!j)
		return;
	s = cJSON_PrintUnformatted(j);
	pv_add(qv, label, s, ST_NORMAL);
	free(s);
}

/* The preview: each expression as sent (#names, :values) and as it reads, the names, the values
 * and the other members of the request. */
static void pv_build(struct query_view *qv, const struct ddb_query_built *b)
{
	const cJSON *req = b->request, *m;
	struct ddb_buf t = DDB_BUF_INIT;

	if (b->scan_fallback)
		ddb_buf_printf(&t, "Scan on %s: no partition key value, every item is read",
		               qv->table);
	else
		ddb_buf_printf(&t, "%s on %s", b->op, qv->table);
	pv_add(qv, NULL, ddb_buf_str(&t), b->scan_fallback ? ST_WARN : ST_BOLD);
	ddb_buf_reset(&t);
	pv_add(qv, "index", target_index(qv), ST_NORMAL);
	pv_add(qv, "key", b->key_expr, ST_NORMAL);
	pv_add(qv, "", b->key_readable, ST_DIM);
	pv_add(qv, "filter", b->filter_expr, ST_NORMAL);
	pv_add(qv, "", b->filter_readable, ST_DIM);
	pv_add(qv, "projection", b->projection_expr, ST_NORMAL);
	pv_add(qv, "", b->projection_readable, ST_DIM);
	pv_json(qv, "names", cJSON_GetObjectItemCaseSensitive(req, "ExpressionAttributeNames"));
	pv_json(qv, "values", cJSON_GetObjectItemCaseSensitive(req, "ExpressionAttributeValues"));
	for (m = req->child; m; m = m->next) {
		char *v;

		if (strcmp(m->string, "ScanIndexForward") && strcmp(m->string, "ConsistentRead") &&
		    strcmp(m->string, "Select") && strcmp(m->string, "Limit"))
			continue;
		v = cJSON_PrintUnformatted(m);
		ddb_buf_printf(&t, "%s%s %s", t.len ? ", " : "", m->string, v ? v : "");
		free(v);
	}
	if (t.len)
		pv_add(qv, "also", ddb_buf_str(&t), ST_NORMAL);
	ddb_buf_done(&t);
}

/* Rebuilds the request from the form, then the rows. */
static void check_form(struct query_view *qv)
{
	struct ddb_query q;
	struct ddb_query_built b;

	pv_clear(qv);
	qv->form.error[0] = '\0';
	qv->scan_fallback = 0;
	if (qv->state == QS_READY) {
		if (build(qv, &q, &b, qv->form.error, sizeof(qv->form.error)) == 0) {
			pv_build(qv, &b);
			qv->scan_fallback = b.scan_fallback;
		}
		ddb_query_built_done(&b);
		ddb_query_done(&q);
	}
	rebuild_rows(qv);
}

/* ---- running ---- */

static int count_page(struct ddb_client *c, struct ddb_reply *reply, void *ud)
{
	struct view_req *r = ud;
	struct query_view *qv = qv_of(r->view);
	const cJSON *n = cJSON_GetObjectItemCaseSensitive(reply->json, "Count");
	const cJSON *s = cJSON_GetObjectItemCaseSensitive(reply->json, "ScannedCount");

	(void)c;
	if (view_req_stale(r))
		return 1;
	qv->count += cJSON_IsNumber(n) ? (long)n->valuedouble : 0;
	qv->scanned += cJSON_IsNumber(s) ? (long)s->valuedouble : 0;
	snprintf(qv->result, sizeof(qv->result), "counting: %ld so far, %ld read (C-c stops)",
	         qv->count, qv->scanned);
	qv->result_style = ST_DIM;
	rebuild_rows(qv);
	return 0;
}

static void count_done(struct ddb_client *c, const struct ddb_error *err, void *ud)
{
	struct view_req *r = ud;
	struct query_view *qv = qv_of(r->view);
	struct tui *t = qv->base.tui;

	(void)c;
	if (view_req_stale(r)) {
		free(r);
		return;
	}
	free(r);
	qv->counting = 0;
	if (err->kind == DDB_ERR_NONE) {
		snprintf(qv->result, sizeof(qv->result), "Count: %ld matching item%s (%ld read)",
		         qv->count, qv->count == 1 ? "" : "s", qv->scanned);
		qv->result_style = ST_OK;
		tui_info(t, "%s", qv->result);
	} else if (err->kind == DDB_ERR_CANCELLED) {
		snprintf(qv->result, sizeof(qv->result),
		         "cancelled: %ld matching so far (%ld read)", qv->count, qv->scanned);
		qv->result_style = ST_WARN;
		tui_info(t, "%s", qv->result);
	} else {
		tui_error_from(t, "count", err);
		snprintf(qv->result, sizeof(qv->result), "%s", t->message);
		qv->result_style = ST_ERROR;
	}
	rebuild_rows(qv);
}

/* The line above the results: the conditions as they read. */
static char *results_header(const struct query_view *qv, const struct ddb_query_built *b)
{
	struct ddb_buf h = DDB_BUF_INIT;
	const char *index = target_index(qv);

	if (index)
		ddb_buf_printf(&h, "index %s: ", index);
	if (b->scan_fallback)
		ddb_buf_puts(&h, "no partition key value, every item read");
	else
		ddb_buf_puts(&h, b->key_readable ? b->key_readable : "");
	if (b->filter_readable)
		ddb_buf_printf(&h, "; filter %s", b->filter_readable);
	if (b->projection_readable)
		ddb_buf_printf(&h, "; only %s", b->projection_readable);
	if (qv->desc)
		ddb_buf_puts(&h, "; descending");
	if (qv->consistent)
		ddb_buf_puts(&h, "; consistent");
	return ddb_buf_steal(&h);
}

static void run(void *owner)
{
	struct query_view *qv = owner;
	struct tui *t = qv->base.tui;
	struct ddb_query q;
	struct ddb_query_built b;
	char err[400];
	char *header;

	if (qv->state != QS_READY)
		return;
	if (qv->counting) {
		tui_info(t, "counting: C-c stops it");
		return;
	}
	check_form(qv);
	if (build(qv, &q, &b, err, sizeof(err)) != 0) {
		tui_error(t, "%s", err);
		goto out;
	}
	if (b.scan_fallback)
		tui_info(t, "no partition key value: scanning every item of %s%s%s", qv->table,
		         target_index(qv) ? " through the index " : "",
		         target_index(qv) ? target_index(qv) : "");
	if (qv->count_only) {
		qv->counting = 1;
		qv->count = qv->scanned = 0;
		snprintf(qv->result, sizeof(qv->result), "counting...");
		qv->result_style = ST_DIM;
		ddb_scan_pages(t->client, b.op, b.request, count_page, count_done,
		               view_req_new(&qv->base, 0), qv);
		b.request = NULL;
		rebuild_rows(qv);
		goto out;
	}
	qv->result[0] = '\0';
	header = results_header(qv, &b);
	tui_open(t, view_scan_new_request(t, qv->table, b.op, b.request, b.op, header));
	free(header);
out:
	ddb_query_built_done(&b);
	ddb_query_done(&q);
}

/* ---- editing ---- */

static void edited(void *owner, int id, int sub, const char *text, int choice)
{
	struct query_view *qv = owner;
	struct qfilter *fl = sub >= 0 && sub < qv->nfilters ? &qv->filters[sub] : NULL;

	if (qv->base.closed)
		return;
	qv->result[0] = '\0';
	switch (id) {
	case F_TARGET:
		qv->target = choice;
		if (target_is_gsi(qv) && qv->consistent) {
			qv->consistent = 0;
			tui_info(qv->base.tui, "consistent read off: a GSI has none");
		}
		break;
	case F_PK:
		form_set_text(&qv->pk, text);
		break;
	case F_SKOP:
		qv->skop = choice;
		break;
	case F_SK1:
	case F_SK2:
		form_set_text(&qv->sk[id - F_SK1], text);
		break;
	case F_FPATH:
		if (fl)
			form_set_text(&fl->path, text);
		break;
	case F_FOP:
		if (fl)
			fl->op = (enum ddb_qop)choice;
		break;
	case F_FV1:
	case F_FV2:
		if (fl)
			form_set_text(&fl->v[id - F_FV1], text);
		break;
	case F_PROJECTION:
		form_set_text(&qv->projection, text);
		break;
	case F_ORDER:
		qv->desc = choice;
		break;
	case F_CONSISTENT:
		qv->consistent = choice;
		break;
	case F_COUNT:
		qv->count_only = choice;
		break;
	default:
		break;
	}
	check_form(qv);
}

static void add_filter_line(void *owner)
{
	struct query_view *qv = owner;
	struct qfilter *fl;

	if (qv->state != QS_READY)
		return;
	if (qv->nfilters == FILTERS_MAX) {
		tui_error(qv->base.tui, "at most %d filters", FILTERS_MAX);
		return;
	}
	fl = &qv->filters[qv->nfilters++];
	memset(fl, 0, sizeof(*fl));
	fl->op = DDB_QOP_EQ;
	check_form(qv);
	form_edit_row(&qv->form, F_FPATH, qv->nfilters - 1); /* the path, straight away */
}

static void filter_free(struct qfilter *fl)
{
	free(fl->path);
	free(fl->v[0]);
	free(fl->v[1]);
}

static void remove_line(void *owner)
{
	struct query_view *qv = owner;
	const struct form_row *row = form_selected(&qv->form);
	int i;

	if (!row || row->id < F_FPATH || row->id > F_FV2) {
		tui_info(qv->base.tui, "x removes the filter under the cursor");
		return;
	}
	i = row->sub;
	filter_free(&qv->filters[i]);
	memmove(&qv->filters[i], &qv->filters[i + 1],
	        sizeof(qv->filters[0]) * (size_t)(qv->nfilters - i - 1));
	qv->nfilters--;
	tui_info(qv->base.tui, "filter %d removed", i + 1);
	check_form(qv);
}

/* ---- the schema ---- */

static void described(struct ddb_client *c, struct ddb_reply *reply, void *ud)
{
	struct view_req *r = ud;
	struct query_view *qv = qv_of(r->view);
	struct ddb_error e;
	char what[200];

	(void)c;
	if (view_req_stale(r)) {
		free(r);
		return;
	}
	free(r);
	if (reply->err.kind != DDB_ERR_NONE) {
		snprintf(what, sizeof(what), "query %s", qv->table);
		tui_error_from(qv->base.tui, what, &reply->err);
		snprintf(qv->error, sizeof(qv->error), "%s", qv->base.tui->message);
		qv->state = QS_NO_TABLE;
		return;
	}
	ddb_error_clear(&e);
	if (ddb_table_spec_from_describe(&qv->spec, reply->json, &e) != 0) {
		snprintf(qv->error, sizeof(qv->error), "%s", e.message);
		qv->state = QS_NO_TABLE;
		return;
	}
	if (qv->target > qv->spec.nindexes)
		qv->target = 0;
	qv->state = QS_READY;
	check_form(qv);
	if (!qv->pk || !qv->pk[0])
		form_select(&qv->form, F_PK, 0);
}

static void describe(struct query_view *qv)
{
	qv->state = QS_DESCRIBING;
	ddb_describe_table(qv->base.tui->client, qv->table, described, view_req_new(&qv->base, 0),
	                   qv);
}

/* ---- the pane ---- */

static void query_title(struct view *v, char *buf, size_t size)
{
	snprintf(buf, size, "Query builder: %s", qv_of(v)->table);
}

/* Rows of one preview line at w columns. */
static int pv_rows(const struct pline *l, int w)
{
	int tw = text_width(l->text), cw = l->label ? w - PV_LABEL_W : w;

	if (cw <= 0 || tw <= cw)
		return 1;
	return (tw + cw - 1) / cw + 1; /* wrapping at blanks may take one more */
}

static int preview_rows(const struct query_view *qv, int w)
{
	int i, n = 0;

	if (qv->form.error[0])
		return FORM_ERROR_ROWS;
	for (i = 0; i < qv->npv; i++)
		n += pv_rows(&qv->pv[i], w);
	return n;
}

static void draw_preview(struct query_view *qv, struct canvas *cv, int x, int y, int w, int bottom)
{
	int i;

	if (y >= bottom || form_draw_error(&qv->form, cv, x, y, w, bottom))
		return;
	for (i = 0; i < qv->npv && y < bottom; i++) {
		const struct pline *l = &qv->pv[i];

		if (!l->label) {
			y += form_draw_wrapped(cv, x, y, w, bottom - y, 2, l->text, l->style);
			continue;
		}
		canvas_text(cv, x + 2, y, PV_LABEL_W - 2, l->label, ST_DIM);
		y += form_draw_wrapped(cv, x + PV_LABEL_W, y, w - PV_LABEL_W, bottom - y, 0,
		                       l->text, l->style);
	}
}

static void query_draw(struct view *v, struct canvas *cv, struct rect r, int focused)
{
	struct query_view *qv = qv_of(v);
	int bottom = r.y + r.h - 1; /* the hint line */
	int y, w = r.w - 3;
	char msg[500];

	if (qv->state == QS_DESCRIBING) {
		snprintf(msg, sizeof(msg), "Reading the key schema of %s...", qv->table);
		draw_center(cv, r, msg, ST_DIM);
		return;
	}
	if (qv->state == QS_NO_TABLE) {
		draw_center(cv, r, qv->error, ST_ERROR);
		return;
	}
	y = form_pane_draw(&qv->form, cv, r, 1 + preview_rows(qv, w), focused);
	draw_preview(qv, cv, r.x + 2, y + 1, w, bottom);
	form_pane_end(&qv->form, cv, r,
	              "Enter edit  \xe2\x86\x90/\xe2\x86\x92 change  a add filter  x remove  "
	              "R run  Esc back");
}

static void button(void *owner, const struct form_row *row)
{
	if (row->id == F_ADD_FILTER)
		add_filter_line(owner);
	else if (row->id == F_RUN)
		run(owner);
}

static const struct form_keys query_keys = {
    .button = button,
    .run = run,
    .add_line = add_filter_line,
    .remove_line = remove_line,
};

static enum keymap_action query_handle(struct view *v, enum keymap_action act, int key)
{
	struct query_view *qv = qv_of(v);

	if (qv->state != QS_READY)
		return act;
	return form_handle_keys(&qv->form, &query_keys, act, key) ? ACT_NONE : act;
}

static void query_refresh(struct view *v)
{
	struct query_view *qv = qv_of(v);

	view_reload(v);
	qv->counting = 0;
	describe(qv);
}

/* y copies the request as it is sent. */
static char *query_copy(struct view *v)
{
	struct query_view *qv = qv_of(v);
	struct ddb_query q;
	struct ddb_query_built b;
	char err[400];
	char *s = NULL;

	if (qv->state != QS_READY)
		return NULL;
	if (build(qv, &q, &b, err, sizeof(err)) == 0)
		s = cJSON_Print(b.request);
	ddb_query_built_done(&b);
	ddb_query_done(&q);
	return s;
}

static void query_free(struct view *v)
{
	struct query_view *qv = qv_of(v);
	int i;

	form_done(&qv->form);
	ddb_table_spec_done(&qv->spec);
	free(qv->table);
	free(qv->pk);
	free(qv->sk[0]);
	free(qv->sk[1]);
	for (i = 0; i < qv->nfilters; i++)
		filter_free(&qv->filters[i]);
	free(qv->projection);
	pv_clear(qv);
	free(qv);
}

static const struct view_ops query_ops = {
    .name = "query",
    .ctx = CTX_QUERY,
    .title = query_title,
    .draw = query_draw,
    .handle = query_handle,
    .refresh = query_refresh,
    .copy_text = query_copy,
    .free = query_free,
};

struct view *view_query_new(struct tui *t, const char *table)
{
	struct query_view *qv = calloc(1, sizeof(*qv));

	if (!qv)
		abort();
	view_init(&qv->base, &query_ops, t);
	form_init(&qv->form, t, LABEL_W, edited, qv);
	qv->table = ddb_strdup(table);
	ddb_table_spec_init(&qv->spec);
	describe(qv);
	return &qv->base;
}

const char *view_query_table(struct view *v)
{
	return v && v->ops == &query_ops ? qv_of(v)->table : NULL;
}
