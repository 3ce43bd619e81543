/* query.c - the query builder: conditions and paths -> Query/Scan with #names and :values. */
#include "query.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base64.h"
#include "buf.h"
#include "expr.h"
#include "json.h"

#define PATH_INDEX_MAX 999999999L

/* ---- operators ---- */

static const struct {
	const char *name;
	int arity;
} qops[DDB_QOP_COUNT_] = {
    [DDB_QOP_EQ] = {"=", 1},
    [DDB_QOP_NE] = {"<>", 1},
    [DDB_QOP_LT] = {"<", 1},
    [DDB_QOP_LE] = {"<=", 1},
    [DDB_QOP_GT] = {">", 1},
    [DDB_QOP_GE] = {">=", 1},
    [DDB_QOP_BETWEEN] = {"between", 2},
    [DDB_QOP_BEGINS_WITH] = {"begins_with", 1},
    [DDB_QOP_CONTAINS] = {"contains", 1},
    [DDB_QOP_EXISTS] = {"attribute_exists", 0},
    [DDB_QOP_NOT_EXISTS] = {"attribute_not_exists", 0},
    [DDB_QOP_TYPE] = {"attribute_type", 1},
};

#define QOP_LIST                                                                                   \
	"= <> < <= > >= between begins_with contains attribute_exists attribute_not_exists "       \
	"attribute_type"

const char *ddb_qop_name(enum ddb_qop op)
{
	return op >= 0 && op < DDB_QOP_COUNT_ ? qops[op].name : "?";
}

int ddb_qop_parse(const char *word, enum ddb_qop *op)
{
	int i;

	if (strcmp(word, "!=") == 0) {
		*op = DDB_QOP_NE;
		return 0;
	}
	if (strcmp(word, "==") == 0) {
		*op = DDB_QOP_EQ;
		return 0;
	}
	for (i = 0; i < DDB_QOP_COUNT_; i++)
		if (strcasecmp(word, qops[i].name) == 0) {
			*op = (enum ddb_qop)i;
			return 0;
		}
	return -1;
}

int ddb_qop_arity(enum ddb_qop op)
{
	return op >= 0 && op < DDB_QOP_COUNT_ ? qops[op].arity : 0;
}

static int is_comparison(enum ddb_qop op)
{
	return op <= DDB_QOP_GE;
}

/* ---- init / done ---- */

static void cond_done(struct ddb_qcond *c)
{
	free(c->path);
	cJSON_Delete(c->v[0]);
	cJSON_Delete(c->v[1]);
	memset(c, 0, sizeof(*c));
}

static void key_copy(struct ddb_key_def *dst, const struct ddb_key_def *src)
{
	free(dst->name);
	dst->name = src && src->name ? ddb_strdup(src->name) : NULL;
	dst->type = src && src->name ? src->type : DDB_T_INVALID;
}

void ddb_query_init(struct ddb_query *q)
{
	memset(q, 0, sizeof(*q));
}

static void projection_clear(struct ddb_query *q)
{
	int i;

	for (i = 0; i < q->nprojection; i++)
		free(q->projection[i]);
	free(q->projection);
	q->projection = NULL;
	q->nprojection = 0;
}

static void sk_clear(struct ddb_query *q)
{
	if (q->sk_cond) {
		cond_done(q->sk_cond);
		free(q->sk_cond);
		q->sk_cond = NULL;
	}
}

void ddb_query_done(struct ddb_query *q)
{
	int i;

	free(q->table);
	free(q->index);
	free(q->pk.name);
	free(q->sk.name);
	cJSON_Delete(q->pk_value);
	sk_clear(q);
	for (i = 0; i < q->nfilters; i++)
		cond_done(&q->filters[i]);
	free(q->filters);
	projection_clear(q);
	memset(q, 0, sizeof(*q));
}

int ddb_query_set_target(struct ddb_query *q, const struct ddb_table_spec *spec, const char *table,
                         const char *index, struct ddb_error *err)
{
	const struct ddb_key_def *h, *r;
	const struct ddb_index_spec *ix;

	if (ddb_table_spec_keys(spec, index, &h, &r, err) != 0)
		return -1;
	/* an empty name cannot be an ExpressionAttributeNames value (found by fuzz/fuzz_query.c,
	 * with a DescribeTable reply that has one) */
	if (!h->name || !h->name[0] || (r && r->name && !r->name[0])) {
		ddb_error_set(err, DDB_ERR_USAGE, "%s: the key schema has an empty attribute name",
		              index        ? index
		              : table      ? table
		              : spec->name ? spec->name
		                           : "the table");
		return -1;
	}
	ix = ddb_table_spec_index(spec, index);
	free(q->table);
	free(q->index);
	q->table = ddb_strdup(table ? table : spec->name ? spec->name : "");
	q->index = index ? ddb_strdup(index) : NULL;
	q->index_global = ix && !ix->local;
	key_copy(&q->pk, h);
	key_copy(&q->sk, r);
	return 0;
}

/* ---- values ---- */

static const char *skip_blank(const char *p)
{
	while (*p && isspace((unsigned char)*p))
		p++;
	return p;
}

/* text without surrounding blanks, malloc'd */
static char *trimmed(const char *text)
{
	const char *a = skip_blank(text), *b = a + strlen(a);

	while (b > a && isspace((unsigned char)b[-1]))
		b--;
	return ddb_strndup(a, (size_t)(b - a));
}

/* If text is a JSON string literal, its content (malloc'd); else NULL. */
static char *json_string_content(const char *text)
{
	struct ddb_error e;
	cJSON *j;
	char *s = NULL;

	if (text[0] != '"')
		return NULL;
	j = ddb_json_parse(text, strlen(text), &e);
	if (cJSON_IsString(j))
		s = ddb_strdup(j->valuestring);
	cJSON_Delete(j);
	return s;
}

static cJSON *typed_attr(enum ddb_type t, const char *text)
{
	cJSON *av = ddb_must(cJSON_CreateObject());

	cJSON_AddItemToObject(av, ddb_type_name(t), ddb_must(cJSON_CreateString(text)));
	return av;
}

/* text read as a scalar of type t (S, N or B); a JSON string stands for its content. */
static cJSON *scalar_value(const char *text, enum ddb_type t, const char *what, int explicit_type,
                           struct ddb_error *err)
{
	char *content = json_string_content(text);
	const char *s = content ? content : text;
	cJSON *av = NULL;
	size_t n;
	unsigned char *bytes;

	switch (t) {
	case DDB_T_N:
		if (!ddb_number_valid(s)) {
			ddb_error_set(err, DDB_ERR_USAGE,
			              "%s%s a number (N): '%s' is not a valid "
			              "number",
			              what, explicit_type ? " must be" : " is", s);
			break;
		}
		av = typed_attr(t, s);
		break;
	case DDB_T_B:
		bytes = ddb_base64_decode(s, &n);
		if (!bytes) {
			ddb_error_set(err, DDB_ERR_USAGE,
			              "%s%s binary (B): '%s' is not valid base64", what,
			              explicit_type ? " must be" : " is", s);
			break;
		}
		free(bytes);
		av = typed_attr(t, s);
		break;
	default:
		av = typed_attr(DDB_T_S, s);
		break;
	}
	free(content);
	return av;
}

cJSON *ddb_query_value(const char *text, enum ddb_type want, const char *what,
                       struct ddb_error *err)
{
	static const char *const prefixes[] = {"SS:", "NS:", "BS:", "S:", "N:", "B:"};
	static const enum ddb_type ptypes[] = {DDB_T_SS, DDB_T_NS, DDB_T_BS,
	                                       DDB_T_S,  DDB_T_N,  DDB_T_B};
	char *t = trimmed(text ? text : "");
	cJSON *av = NULL, *j, *hint;
	struct ddb_error e;
	size_t i;

	if (!t[0]) {
		ddb_error_set(err, DDB_ERR_USAGE, "%s: no value (an empty string is \"\")", what);
		goto out;
	}
	/* the value goes into a JSON request, and JSON is UTF-8 (found by fuzz/fuzz_query.c) */
	if (!ddb_json_utf8_valid(t)) {
		ddb_error_set(err, DDB_ERR_USAGE, "%s: the value is not valid UTF-8", what);
		goto out;
	}
	for (i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++) {
		size_t n = strlen(prefixes[i]);
		enum ddb_type pt = ptypes[i];

		if (strncmp(t, prefixes[i], n) != 0)
			continue;
		if (pt == DDB_T_S || pt == DDB_T_N || pt == DDB_T_B) {
			av = scalar_value(t + n, pt, what, 1, err);
			goto out;
		}
		j = ddb_json_parse(t + n, strlen(t + n), &e);
		if (!cJSON_IsArray(j)) {
			ddb_error_set(err, DDB_ERR_USAGE, "%s: %s takes a JSON array, like %s[%s]",
			              what, ddb_type_name(pt), ddb_type_name(pt),
			              pt == DDB_T_NS ? "1, 2" : "\"a\", \"b\"");
			cJSON_Delete(j);
			goto out;
		}
		hint = ddb_must(cJSON_CreateObject());
		cJSON_AddItemToObject(hint, ddb_type_name(pt), ddb_must(cJSON_CreateArray()));
		av = ddb_attr_from_plain(j, hint, "value", &e);
		if (!av)
			ddb_error_set(err, DDB_ERR_USAGE, "%s: %s", what, e.message);
		cJSON_Delete(hint);
		cJSON_Delete(j);
		goto out;
	}
	if (want == DDB_T_S || want == DDB_T_N || want == DDB_T_B) {
		av = scalar_value(t, want, what, 0, err);
		goto out;
	}
	j = ddb_json_parse(t, strlen(t), &e);
	if (j) {
		av = ddb_attr_from_plain(j, NULL, "value", &e);
		if (!av)
			ddb_error_set(err, DDB_ERR_USAGE, "%s: %s", what, e.message);
		cJSON_Delete(j);
	} else {
		av = typed_attr(DDB_T_S, t);
	}
out:
	free(t);
	return av;
}

/* ---- paths ---- */

/* A name for display: bare when it would read back as the same single name, else quoted. */
static void name_readable(struct ddb_buf *b, const char *name)
{
	const char *p;
	int bare = name[0] != 0;

	for (p = name; *p && bare; p++)
		if (strchr(".[]\"(),\\", *p) || isspace((unsigned char)*p))
			bare = 0;
	if (bare) {
		ddb_buf_puts(b, name);
		return;
	}
	ddb_buf_putc(b, '"');
	for (p = name; *p; p++) {
		if (*p == '"' || *p == '\\')
			ddb_buf_putc(b, '\\');
		ddb_buf_putc(b, *p);
	}
	ddb_buf_putc(b, '"');
}

int ddb_query_path(const char *path, cJSON *names, struct ddb_buf *out, struct ddb_buf *readable,
                   struct ddb_error *err)
{
	char *whole = trimmed(path ? path : "");
	const char *p = whole;
	struct ddb_buf name = DDB_BUF_INIT;
	int rc = -1;

	if (!*p) {
		ddb_error_set(err, DDB_ERR_USAGE, "an empty attribute path");
		goto out;
	}
	/* names go into ExpressionAttributeNames: JSON, so UTF-8 (found by fuzz/fuzz_query.c) */
	if (!ddb_json_utf8_valid(whole)) {
		ddb_error_set(err, DDB_ERR_USAGE, "an attribute path is not valid UTF-8");
		goto out;
	}
	for (;;) {
		ddb_buf_reset(&name);
		ddb_buf_puts(&name, "");
		if (*p == '"') {
			for (p++; *p && *p != '"'; p++) {
				if (*p == '\\' && (p[1] == '"' || p[1] == '\\'))
					p++;
				ddb_buf_putc(&name, *p);
			}
			if (*p != '"') {
				ddb_error_set(err, DDB_ERR_USAGE,
				              "path %s: a quoted name is not closed", whole);
				goto out;
			}
			p++;
		} else {
			for (; *p && !strchr(".[]\"", *p); p++)
				ddb_buf_putc(&name, *p);
		}
		if (name.len == 0) {
			ddb_error_set(err, DDB_ERR_USAGE,
			              "path %s: an empty name (before '%c' at position %d)", whole,
			              *p ? *p : ' ', (int)(p - whole) + 1);
			goto out;
		}
		ddb_buf_puts(out, ddb_expr_name(names, "#n", name.data));
		if (readable)
			name_readable(readable, name.data);
		while (*p == '[') {
			const char *d = ++p;
			long idx = 0;

			while (*p >= '0' && *p <= '9') {
				idx = idx * 10 + (*p - '0');
				if (idx > PATH_INDEX_MAX)
					break;
				p++;
			}
			if (p == d || *p != ']') {
				ddb_error_set(err, DDB_ERR_USAGE,
				              "path %s: a list index is a number in brackets, like "
				              "[2]",
				              whole);
				goto out;
			}
			p++;
			ddb_buf_printf(out, "[%ld]", idx);
			if (readable)
				ddb_buf_printf(readable, "[%ld]", idx);
		}
		if (!*p)
			break;
		if (*p != '.') {
			ddb_error_set(err, DDB_ERR_USAGE,
			              "path %s: unexpected '%c' at position %d (quote names that "
			              "hold . [ ] or \")",
			              whole, *p, (int)(p - whole) + 1);
			goto out;
		}
		ddb_buf_putc(out, '.');
		if (readable)
			ddb_buf_putc(readable, '.');
		p++;
	}
	rc = 0;
out:
	ddb_buf_done(&name);
	free(whole);
	return rc;
}

/* Checks a path alone (for early errors). */
static int path_check(const char *path, struct ddb_error *err)
{
	cJSON *names = ddb_must(cJSON_CreateObject());
	struct ddb_buf b = DDB_BUF_INIT;
	int rc = ddb_query_path(path, names, &b, NULL, err);

	ddb_buf_done(&b);
	cJSON_Delete(names);
	return rc;
}

/* ---- condition text ---- */

/* End of a token starting at p: the first blank outside quotes and brackets. */
static const char *token_end(const char *p)
{
	int depth = 0, quoted = 0;

	for (; *p; p++) {
		if (quoted) {
			if (*p == '\\' && p[1])
				p++;
			else if (*p == '"')
				quoted = 0;
			continue;
		}
		if (*p == '"')
			quoted = 1;
		else if (*p == '[' || *p == '{')
			depth++;
		else if ((*p == ']' || *p == '}') && depth > 0)
			depth--;
		else if (isspace((unsigned char)*p) && depth == 0)
			break;
	}
	return p;
}

/* End of a path token: the first blank outside quotes (brackets hold only digits). */
static const char *path_end(const char *p)
{
	int quoted = 0;

	for (; *p; p++) {
		if (quoted) {
			if (*p == '\\' && p[1])
				p++;
			else if (*p == '"')
				quoted = 0;
		} else if (*p == '"') {
			quoted = 1;
		} else if (isspace((unsigned char)*p)) {
			break;
		}
	}
	return p;
}

struct cond_text {
	char *path;
	int size;
	enum ddb_qop op;
	char *v[2];
};

static void cond_text_done(struct cond_text *ct)
{
	free(ct->path);
	free(ct->v[0]);
	free(ct->v[1]);
	memset(ct, 0, sizeof(*ct));
}

/* "[PATH] OP [VALUE [VALUE]]" -> parts. with_path: a filter (PATH or size(PATH) first). */
static int cond_text_parse(const char *text, int with_path, struct cond_text *ct,
                           struct ddb_error *err)
{
	const char *p = skip_blank(text ? text : ""), *e;
	char *word;
	int arity;

	memset(ct, 0, sizeof(*ct));
	if (with_path) {
		if (strncasecmp(p, "size(", 5) == 0) {
			int quoted = 0;

			for (e = p + 5; *e && (quoted || *e != ')'); e++) {
				if (quoted && *e == '\\' && e[1])
					e++;
				else if (*e == '"')
					quoted = !quoted;
			}
			if (*e != ')') {
				ddb_error_set(err, DDB_ERR_USAGE, "'%s': size( is not closed",
				              text);
				goto bad;
			}
			ct->path = ddb_strndup(p + 5, (size_t)(e - p - 5));
			ct->size = 1;
			p = e + 1;
		} else {
			e = path_end(p);
			ct->path = ddb_strndup(p, (size_t)(e - p));
			p = e;
		}
		if (!ct->path[0] && !ct->size) {
			ddb_error_set(err, DDB_ERR_USAGE,
			              "a filter is PATH OP [VALUE [VALUE]], like 'age > 30'");
			goto bad;
		}
		p = skip_blank(p);
	}
	e = p;
	while (*e && !isspace((unsigned char)*e))
		e++;
	if (e == p) {
		ddb_error_set(err, DDB_ERR_USAGE, "'%s': an operator is missing (%s)", text,
		              QOP_LIST);
		goto bad;
	}
	word = ddb_strndup(p, (size_t)(e - p));
	if (ddb_qop_parse(word, &ct->op) != 0) {
		ddb_error_set(err, DDB_ERR_USAGE, "'%s': '%s' is not an operator (%s)", text, word,
		              QOP_LIST);
		free(word);
		goto bad;
	}
	free(word);
	p = skip_blank(e);
	arity = ddb_qop_arity(ct->op);
	if (arity == 0) {
		if (*p) {
			ddb_error_set(err, DDB_ERR_USAGE, "'%s': %s takes no value", text,
			              ddb_qop_name(ct->op));
			goto bad;
		}
		return 0;
	}
	if (!*p) {
		ddb_error_set(err, DDB_ERR_USAGE, "'%s': %s needs %s", text, ddb_qop_name(ct->op),
		              arity == 2 ? "two values" : "a value");
		goto bad;
	}
	if (arity == 2) {
		e = token_end(p);
		ct->v[0] = ddb_strndup(p, (size_t)(e - p));
		p = skip_blank(e);
		if (strncasecmp(p, "and", 3) == 0 && isspace((unsigned char)p[3]))
			p = skip_blank(p + 3);
		if (!*p) {
			ddb_error_set(err, DDB_ERR_USAGE, "'%s': between needs two values", text);
			goto bad;
		}
		ct->v[1] = trimmed(p);
	} else {
		ct->v[0] = trimmed(p);
	}
	return 0;
bad:
	cond_text_done(ct);
	return -1;
}

/* ---- setters ---- */

int ddb_query_set_pk_text(struct ddb_query *q, const char *text, struct ddb_error *err)
{
	char what[300];
	cJSON *v;

	if (!text || !*skip_blank(text)) {
		cJSON_Delete(q->pk_value);
		q->pk_value = NULL;
		return 0;
	}
	if (!q->pk.name) {
		ddb_error_set(err, DDB_ERR_USAGE, "the key schema is not known");
		return -1;
	}
	snprintf(what, sizeof(what), "partition key %s", q->pk.name);
	v = ddb_query_value(text, q->pk.type, what, err);
	if (!v)
		return -1;
	cJSON_Delete(q->pk_value);
	q->pk_value = v;
	return 0;
}

int ddb_query_set_sk_text(struct ddb_query *q, const char *text, struct ddb_error *err)
{
	struct cond_text ct;
	struct ddb_qcond *c;
	char what[300];
	int i;

	if (!text || !*skip_blank(text)) {
		sk_clear(q);
		return 0;
	}
	if (!q->sk.name) {
		ddb_error_set(err, DDB_ERR_USAGE, "%s %s has no sort key",
		              q->index ? "index" : "table",
		              q->index   ? q->index
		              : q->table ? q->table
		                         : "?");
		return -1;
	}
	if (cond_text_parse(text, 0, &ct, err) != 0)
		return -1;
	if (!is_comparison(ct.op) && ct.op != DDB_QOP_BETWEEN && ct.op != DDB_QOP_BEGINS_WITH) {
		ddb_error_set(
		    err, DDB_ERR_USAGE,
		    "the sort key condition is = < <= > >= between or begins_with, not %s",
		    ddb_qop_name(ct.op));
		cond_text_done(&ct);
		return -1;
	}
	if (ct.op == DDB_QOP_NE) {
		ddb_error_set(
		    err, DDB_ERR_USAGE,
		    "the sort key condition is = < <= > >= between or begins_with, not <> "
		    "(use a filter)");
		cond_text_done(&ct);
		return -1;
	}
	c = ddb_must(calloc(1, sizeof(*c)));
	c->op = ct.op;
	snprintf(what, sizeof(what), "sort key %s", q->sk.name);
	for (i = 0; i < 2 && ct.v[i]; i++) {
		c->v[i] = ddb_query_value(ct.v[i], q->sk.type, what, err);
		if (!c->v[i]) {
			cond_done(c);
			free(c);
			cond_text_done(&ct);
			return -1;
		}
	}
	cond_text_done(&ct);
	sk_clear(q);
	q->sk_cond = c;
	return 0;
}

/* A top-level attribute name of a path (no dots, no brackets), unquoted; NULL otherwise. */
static char *top_level_name(const char *path)
{
	cJSON *names = ddb_must(cJSON_CreateObject());
	struct ddb_buf b = DDB_BUF_INIT;
	struct ddb_error e;
	char *name = NULL;

	if (ddb_query_path(path, names, &b, NULL, &e) == 0 && cJSON_GetArraySize(names) == 1 &&
	    !strchr(b.data, '[') && !strchr(b.data, '.'))
		name = ddb_strdup(names->child->valuestring);
	ddb_buf_done(&b);
	cJSON_Delete(names);
	return name;
}

int ddb_query_add_filter_text(struct ddb_query *q, const char *text,
                              const struct ddb_table_spec *spec, struct ddb_error *err)
{
	struct cond_text ct;
	enum ddb_type want = DDB_T_INVALID;
	cJSON *v[2] = {NULL, NULL};
	char what[300];
	int i, rc;

	if (cond_text_parse(text, 1, &ct, err) != 0)
		return -1;
	if (ct.size) {
		want = DDB_T_N;
	} else if (spec && ct.op != DDB_QOP_TYPE && ct.op != DDB_QOP_CONTAINS) {
		char *name = top_level_name(ct.path);

		want = ddb_table_spec_attr_type(spec, name);
		if (ct.op == DDB_QOP_BEGINS_WITH && want == DDB_T_N)
			want = DDB_T_INVALID;
		free(name);
	}
	snprintf(what, sizeof(what), "filter on %s%.200s%s", ct.size ? "size(" : "", ct.path,
	         ct.size ? ")" : "");
	for (i = 0; i < 2 && ct.v[i]; i++) {
		v[i] = ddb_query_value(ct.v[i], want, what, err);
		if (!v[i]) {
			cJSON_Delete(v[0]);
			cond_text_done(&ct);
			return -1;
		}
	}
	rc = ddb_query_add_filter(q, ct.path, ct.size, ct.op, v[0], v[1], err);
	cond_text_done(&ct);
	return rc;
}

int ddb_query_add_filter(struct ddb_query *q, const char *path, int size, enum ddb_qop op,
                         cJSON *v0, cJSON *v1, struct ddb_error *err)
{
	struct ddb_qcond *c;
	int n = (v0 != NULL) + (v1 != NULL);

	if (op < 0 || op >= DDB_QOP_COUNT_) {
		ddb_error_set(err, DDB_ERR_USAGE, "unknown operator");
		goto bad;
	}
	if (n != ddb_qop_arity(op) || (v1 && !v0)) {
		ddb_error_set(err, DDB_ERR_USAGE, "%s takes %s", ddb_qop_name(op),
		              ddb_qop_arity(op) == 0   ? "no value"
		              : ddb_qop_arity(op) == 1 ? "one value"
		                                       : "two values");
		goto bad;
	}
	if (size && !is_comparison(op) && op != DDB_QOP_BETWEEN) {
		ddb_error_set(err, DDB_ERR_USAGE,
		              "size(%s) takes a comparison (= <> < <= > >= between), not %s", path,
		              ddb_qop_name(op));
		goto bad;
	}
	if (path_check(path, err) != 0)
		goto bad;
	q->filters = ddb_must(realloc(q->filters, sizeof(*q->filters) * (size_t)(q->nfilters + 1)));
	c = &q->filters[q->nfilters++];
	memset(c, 0, sizeof(*c));
	c->path = trimmed(path);
	c->size = size;
	c->op = op;
	c->v[0] = v0;
	c->v[1] = v1;
	return 0;
bad:
	cJSON_Delete(v0);
	cJSON_Delete(v1);
	return -1;
}

int ddb_query_set_projection_text(struct ddb_query *q, const char *text, struct ddb_error *err)
{
	const char *p = text ? text : "", *start;
	char **list = NULL;
	int n = 0, quoted, i;

	if (!*skip_blank(p)) {
		projection_clear(q);
		return 0;
	}
	for (;;) {
		char *one;

		start = p;
		for (quoted = 0; *p && (quoted || *p != ','); p++) {
			if (quoted && *p == '\\' && p[1])
				p++;
			else if (*p == '"')
				quoted = !quoted;
		}
		one = ddb_strndup(start, (size_t)(p - start));
		list = ddb_must(realloc(list, sizeof(char *) * (size_t)(n + 1)));
		list[n++] = one;
		if (!*skip_blank(one)) {
			ddb_error_set(err, DDB_ERR_USAGE,
			              "projection '%s': an empty attribute between commas", text);
			goto bad;
		}
		if (path_check(one, err) != 0)
			goto bad;
		if (!*p)
			break;
		p++;
	}
	projection_clear(q);
	for (i = 0; i < n; i++) {
		char *t = trimmed(list[i]);

		free(list[i]);
		list[i] = t;
	}
	q->projection = list;
	q->nprojection = n;
	return 0;
bad:
	for (i = 0; i < n; i++)
		free(list[i]);
	free(list);
	return -1;
}

/* ---- the builder ---- */

struct expr_ctx {
	cJSON *names, *values;
};

/* A value for display: scalars and documents as plain JSON, binary and sets as DynamoDB JSON. */
static void value_readable(struct ddb_buf *b, const cJSON *av)
{
	enum ddb_type t = ddb_attr_type(av);
	struct ddb_error e;
	cJSON *plain = NULL;
	char *s;

	if (t != DDB_T_B && t != DDB_T_SS && t != DDB_T_NS && t != DDB_T_BS)
		plain = ddb_attr_to_plain(av, &e);
	s = cJSON_PrintUnformatted(plain ? plain : av);
	ddb_buf_puts(b, s ? s : "?");
	free(s);
	cJSON_Delete(plain);
}

static void add_value(struct expr_ctx *x, const cJSON *av, struct ddb_buf *out,
                      struct ddb_buf *readable)
{
	ddb_buf_puts(out, ddb_expr_value(x->values, ":v", cJSON_Duplicate(av, 1)));
	value_readable(readable, av);
}

static int is_scalar_type(enum ddb_type t)
{
	return t == DDB_T_S || t == DDB_T_N || t == DDB_T_B;
}

static const char *type_word(enum ddb_type t)
{
	switch (t) {
	case DDB_T_S:
		return "a string (S)";
	case DDB_T_N:
		return "a number (N)";
	case DDB_T_B:
		return "binary (B)";
	default:
		return "?";
	}
}

/* Checks a condition's values. key: the sort key's def (values must be of its type), or NULL. */
static int cond_check(const struct ddb_qcond *c, const char *label, const struct ddb_key_def *key,
                      struct ddb_error *err)
{
	static const char *const type_names[] = {"S",  "SS",   "N",    "NS", "B",
	                                         "BS", "BOOL", "NULL", "L",  "M"};
	int i, arity = ddb_qop_arity(c->op), n = (c->v[0] != NULL) + (c->v[1] != NULL);
	enum ddb_type t;
	struct ddb_error verr;
	size_t k;

	if (n != arity) {
		ddb_error_set(err, DDB_ERR_USAGE, "%s: %s takes %d value%s", label,
		              ddb_qop_name(c->op), arity, arity == 1 ? "" : "s");
		return -1;
	}
	if (c->size && !is_comparison(c->op) && c->op != DDB_QOP_BETWEEN) {
		ddb_error_set(err, DDB_ERR_USAGE, "%s: size() takes a comparison, not %s", label,
		              ddb_qop_name(c->op));
		return -1;
	}
	for (i = 0; i < n; i++) {
		t = ddb_attr_type(c->v[i]);
		if (!t) {
			ddb_error_set(err, DDB_ERR_USAGE, "%s: a malformed value", label);
			return -1;
		}
		/* a usage error as the header says, not the validator's parse error (found by
		 * fuzz/fuzz_query.c) */
		if (ddb_attr_validate(c->v[i], "value", &verr) != 0) {
			ddb_error_set(err, DDB_ERR_USAGE, "%s: %s", label, verr.message);
			return -1;
		}
		if (key && t != key->type) {
			ddb_error_set(err, DDB_ERR_USAGE, "%s: %s is %s, the value is %s", label,
			              key->name, type_word(key->type), ddb_type_name(t));
			return -1;
		}
		if (c->size && t != DDB_T_N) {
			ddb_error_set(err, DDB_ERR_USAGE,
			              "%s: size() compares with a number, not %s", label,
			              ddb_type_name(t));
			return -1;
		}
		if ((c->op == DDB_QOP_BETWEEN ||
		     (is_comparison(c->op) && c->op != DDB_QOP_EQ && c->op != DDB_QOP_NE)) &&
		    !is_scalar_type(t)) {
			ddb_error_set(err, DDB_ERR_USAGE,
			              "%s: %s compares strings, numbers or binary, not %s", label,
			              ddb_qop_name(c->op), ddb_type_name(t));
			return -1;
		}
		if (c->op == DDB_QOP_BEGINS_WITH && t != DDB_T_S && t != DDB_T_B) {
			ddb_error_set(err, DDB_ERR_USAGE,
			              "%s: begins_with takes a string or binary, not %s", label,
			              ddb_type_name(t));
			return -1;
		}
		if (c->op == DDB_QOP_TYPE) {
			const char *s = t == DDB_T_S ? c->v[i]->child->valuestring : "";

			for (k = 0; k < sizeof(type_names) / sizeof(type_names[0]); k++)
				if (strcmp(s, type_names[k]) == 0)
					break;
			if (k == sizeof(type_names) / sizeof(type_names[0])) {
				ddb_error_set(
				    err, DDB_ERR_USAGE,
				    "%s: attribute_type takes a type name (S SS N NS B BS "
				    "BOOL NULL L M)",
				    label);
				return -1;
			}
		}
	}
	if (n == 2 && ddb_attr_type(c->v[0]) != ddb_attr_type(c->v[1])) {
		ddb_error_set(
		    err, DDB_ERR_USAGE, "%s: between's two values differ in type (%s, %s)", label,
		    ddb_type_name(ddb_attr_type(c->v[0])), ddb_type_name(ddb_attr_type(c->v[1])));
		return -1;
	}
	return 0;
}

/* Appends one condition. name: a key attribute's name (one name, not a path), else c->path. */
static int cond_expr(struct expr_ctx *x, const struct ddb_qcond *c, const char *name, int parens,
                     struct ddb_buf *out, struct ddb_buf *rd, struct ddb_error *err)
{
	struct ddb_buf path = DDB_BUF_INIT, rpath = DDB_BUF_INIT;
	const char *fn = NULL;
	int rc = -1;

	if (name) {
		ddb_buf_puts(&path, ddb_expr_name(x->names, "#n", name));
		name_readable(&rpath, name);
	} else if (ddb_query_path(c->path, x->names, &path, &rpath, err) != 0) {
		goto out;
	}
	switch (c->op) {
	case DDB_QOP_BEGINS_WITH:
	case DDB_QOP_CONTAINS:
	case DDB_QOP_TYPE:
	case DDB_QOP_EXISTS:
	case DDB_QOP_NOT_EXISTS:
		fn = ddb_qop_name(c->op);
		ddb_buf_printf(out, "%s(%s", fn, path.data);
		ddb_buf_printf(rd, "%s(%s", fn, rpath.data);
		if (c->v[0]) {
			ddb_buf_puts(out, ", ");
			ddb_buf_puts(rd, ", ");
			add_value(x, c->v[0], out, rd);
		}
		ddb_buf_putc(out, ')');
		ddb_buf_putc(rd, ')');
		break;
	case DDB_QOP_BETWEEN:
		if (parens) {
			ddb_buf_putc(out, '(');
			ddb_buf_putc(rd, '(');
		}
		if (c->size) {
			ddb_buf_printf(out, "size(%s)", path.data);
			ddb_buf_printf(rd, "size(%s)", rpath.data);
		} else {
			ddb_buf_puts(out, path.data);
			ddb_buf_puts(rd, rpath.data);
		}
		ddb_buf_puts(out, " BETWEEN ");
		ddb_buf_puts(rd, " BETWEEN ");
		add_value(x, c->v[0], out, rd);
		ddb_buf_puts(out, " AND ");
		ddb_buf_puts(rd, " AND ");
		add_value(x, c->v[1], out, rd);
		if (parens) {
			ddb_buf_putc(out, ')');
			ddb_buf_putc(rd, ')');
		}
		break;
	default:
		if (c->size) {
			ddb_buf_printf(out, "size(%s)", path.data);
			ddb_buf_printf(rd, "size(%s)", rpath.data);
		} else {
			ddb_buf_puts(out, path.data);
			ddb_buf_puts(rd, rpath.data);
		}
		ddb_buf_printf(out, " %s ", ddb_qop_name(c->op));
		ddb_buf_printf(rd, " %s ", ddb_qop_name(c->op));
		add_value(x, c->v[0], out, rd);
		break;
	}
	rc = 0;
out:
	ddb_buf_done(&path);
	ddb_buf_done(&rpath);
	return rc;
}

static char *steal_or_null(struct ddb_buf *b)
{
	if (!b->len) {
		ddb_buf_done(b);
		return NULL;
	}
	return ddb_buf_steal(b);
}

int ddb_query_build(const struct ddb_query *q, struct ddb_query_built *out, struct ddb_error *err)
{
	struct expr_ctx x = {NULL, NULL};
	struct ddb_buf key = DDB_BUF_INIT, keyr = DDB_BUF_INIT, flt = DDB_BUF_INIT;
	struct ddb_buf fltr = DDB_BUF_INIT, proj = DDB_BUF_INIT, projr = DDB_BUF_INIT;
	cJSON *req = NULL;
	int i, nconds, scan;
	char label[300];

	memset(out, 0, sizeof(*out));
	if (!q->table || !q->table[0] || !q->pk.name) {
		ddb_error_set(err, DDB_ERR_USAGE, "the query needs a table and its key schema");
		return -1;
	}
	scan = q->pk_value == NULL;
	if (q->pk_value) {
		struct ddb_qcond pc;

		memset(&pc, 0, sizeof(pc));
		pc.op = DDB_QOP_EQ;
		pc.v[0] = q->pk_value;
		snprintf(label, sizeof(label), "partition key %.250s", q->pk.name);
		if (cond_check(&pc, label, &q->pk, err) != 0)
			return -1;
	}
	if (q->sk_cond) {
		if (!q->sk.name) {
			ddb_error_set(err, DDB_ERR_USAGE, "%s has no sort key",
			              q->index ? q->index : q->table);
			return -1;
		}
		snprintf(label, sizeof(label), "sort key %.250s", q->sk.name);
		if (cond_check(q->sk_cond, label, &q->sk, err) != 0)
			return -1;
		if (q->sk_cond->op == DDB_QOP_NE ||
		    (!is_comparison(q->sk_cond->op) && q->sk_cond->op != DDB_QOP_BETWEEN &&
		     q->sk_cond->op != DDB_QOP_BEGINS_WITH)) {
			ddb_error_set(
			    err, DDB_ERR_USAGE,
			    "the sort key condition is = < <= > >= between or begins_with, "
			    "not %s",
			    ddb_qop_name(q->sk_cond->op));
			return -1;
		}
	}
	for (i = 0; i < q->nfilters; i++) {
		snprintf(label, sizeof(label), "filter on %.250s", q->filters[i].path);
		if (cond_check(&q->filters[i], label, NULL, err) != 0)
			return -1;
	}
	if (q->count_only && q->nprojection) {
		ddb_error_set(err, DDB_ERR_USAGE, "a count takes no projection");
		return -1;
	}
	if (q->consistent && q->index_global) {
		ddb_error_set(err, DDB_ERR_USAGE,
		              "consistent reads are not available on a global secondary index (%s)",
		              q->index);
		return -1;
	}
	if (q->descending && scan) {
		ddb_error_set(err, DDB_ERR_USAGE,
		              "descending order needs a partition key value: a Scan has no order");
		return -1;
	}
	if (q->limit < 0) {
		ddb_error_set(err, DDB_ERR_USAGE, "the limit must be positive");
		return -1;
	}

	x.names = ddb_must(cJSON_CreateObject());
	x.values = ddb_must(cJSON_CreateObject());
	req = ddb_must(cJSON_CreateObject());
	cJSON_AddStringToObject(req, "TableName", q->table);
	if (q->index)
		cJSON_AddStringToObject(req, "IndexName", q->index);
	nconds = q->nfilters + (scan && q->sk_cond ? 1 : 0);
	if (!scan) {
		struct ddb_qcond pc;

		memset(&pc, 0, sizeof(pc));
		pc.op = DDB_QOP_EQ;
		pc.v[0] = q->pk_value;
		if (cond_expr(&x, &pc, q->pk.name, 0, &key, &keyr, err) != 0)
			goto bad;
		if (q->sk_cond) {
			ddb_buf_puts(&key, " AND ");
			ddb_buf_puts(&keyr, " AND ");
			if (cond_expr(&x, q->sk_cond, q->sk.name, 0, &key, &keyr, err) != 0)
				goto bad;
		}
	} else if (q->sk_cond) {
		/* no partition key: the sort key condition filters the scan instead */
		if (cond_expr(&x, q->sk_cond, q->sk.name, nconds > 1, &flt, &fltr, err) != 0)
			goto bad;
	}
	for (i = 0; i < q->nfilters; i++) {
		if (flt.len) {
			ddb_buf_puts(&flt, " AND ");
			ddb_buf_puts(&fltr, " AND ");
		}
		if (cond_expr(&x, &q->filters[i], NULL, nconds > 1, &flt, &fltr, err) != 0)
			goto bad;
	}
	for (i = 0; i < q->nprojection; i++) {
		if (i) {
			ddb_buf_puts(&proj, ", ");
			ddb_buf_puts(&projr, ", ");
		}
		if (ddb_query_path(q->projection[i], x.names, &proj, &projr, err) != 0)
			goto bad;
	}
	if (key.len)
		cJSON_AddStringToObject(req, "KeyConditionExpression", key.data);
	if (flt.len)
		cJSON_AddStringToObject(req, "FilterExpression", flt.data);
	if (proj.len)
		cJSON_AddStringToObject(req, "ProjectionExpression", proj.data);
	if (x.names->child)
		cJSON_AddItemToObject(req, "ExpressionAttributeNames", x.names);
	else
		cJSON_Delete(x.names);
	x.names = NULL;
	if (x.values->child)
		cJSON_AddItemToObject(req, "ExpressionAttributeValues", x.values);
	else
		cJSON_Delete(x.values);
	x.values = NULL;
	if (q->descending)
		cJSON_AddFalseToObject(req, "ScanIndexForward");
	if (q->consistent)
		cJSON_AddTrueToObject(req, "ConsistentRead");
	if (q->count_only)
		cJSON_AddStringToObject(req, "Select", "COUNT");
	if (q->limit > 0)
		cJSON_AddNumberToObject(req, "Limit", (double)q->limit);

	out->op = scan ? "Scan" : "Query";
	out->scan_fallback = scan;
	out->request = req;
	out->key_expr = steal_or_null(&key);
	out->key_readable = steal_or_null(&keyr);
	out->filter_expr = steal_or_null(&flt);
	out->filter_readable = steal_or_null(&fltr);
	out->projection_expr = steal_or_null(&proj);
	out->projection_readable = steal_or_null(&projr);
	return 0;
bad:
	cJSON_Delete(x.names);
	cJSON_Delete(x.values);
	cJSON_Delete(req);
	ddb_buf_done(&key);
	ddb_buf_done(&keyr);
	ddb_buf_done(&flt);
	ddb_buf_done(&fltr);
	ddb_buf_done(&proj);
	ddb_buf_done(&projr);
	return -1;
}

void ddb_query_built_done(struct ddb_query_built *b)
{
	cJSON_Delete(b->request);
	free(b->key_expr);
	free(b->filter_expr);
	free(b->projection_expr);
	free(b->key_readable);
	free(b->filter_readable);
	free(b->projection_readable);
	memset(b, 0, sizeof(*b));
}

static void describe_member(struct ddb_buf *b, const cJSON *req, const char *name)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(req, name);
	char *s;

	if (!v)
		return;
	s = cJSON_PrintUnformatted(v);
	ddb_buf_printf(b, "  %-26s %s\n", name, s ? s : "?");
	free(s);
}

char *ddb_query_built_describe(const struct ddb_query_built *b)
{
	struct ddb_buf out = DDB_BUF_INIT;
	const cJSON *req = b->request;
	const char *table =
	    cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(req, "TableName"));
	const char *index =
	    cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(req, "IndexName"));

	ddb_buf_printf(&out, "%s on table %s", b->op ? b->op : "?", table ? table : "?");
	if (index)
		ddb_buf_printf(&out, ", index %s", index);
	if (b->scan_fallback)
		ddb_buf_puts(&out, " (no partition key value: every item is read)");
	ddb_buf_putc(&out, '\n');
	if (b->key_expr)
		ddb_buf_printf(&out, "  %-26s %s\n  %-26s %s\n", "KeyConditionExpression",
		               b->key_expr, "  reads as", b->key_readable);
	if (b->filter_expr)
		ddb_buf_printf(&out, "  %-26s %s\n  %-26s %s\n", "FilterExpression", b->filter_expr,
		               "  reads as", b->filter_readable);
	if (b->projection_expr)
		ddb_buf_printf(&out, "  %-26s %s\n  %-26s %s\n", "ProjectionExpression",
		               b->projection_expr, "  reads as", b->projection_readable);
	describe_member(&out, req, "ExpressionAttributeNames");
	describe_member(&out, req, "ExpressionAttributeValues");
	describe_member(&out, req, "ScanIndexForward");
	describe_member(&out, req, "ConsistentRead");
	describe_member(&out, req, "Select");
	describe_member(&out, req, "Limit");
	return ddb_buf_steal(&out);
}
