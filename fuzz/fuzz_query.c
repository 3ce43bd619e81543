/* fuzz_query.c - the query builder (ddb/query.h) on arbitrary input. The input is text, one
 * field a line:
 *
 *   FLAGS [LIMIT]   the table: C cruddur-messages (S pk/sk, a GSI; the default), N nums (N keys,
 *                   a GSI and an LSI), B bins (B key, no sort key), J a DescribeTable reply on
 *                   the next line; the index: g the first GSI, l the first LSI, x one that does
 *                   not exist; d descending, r consistent, k count only, s filters typed without
 *                   the table's key types, t the table named "other-name"; LIMIT any integer
 *   (DescribeTable JSON, with J)
 *   PK              the partition key value (ddb_query_set_pk_text)
 *   SK              the sort key condition (ddb_query_set_sk_text)
 *   PROJECTION      (ddb_query_set_projection_text)
 *   FILTER          the rest, one filter a line (ddb_query_add_filter_text), or, after '@', one
 *   ...             from its parts (ddb_query_add_filter): "@OP SIZE PATH", then a tab and the
 *                   first value as DynamoDB JSON, a tab and the second (empty: none); at
 *                   most 8 filters
 *   ?TEXT           anywhere after FLAGS: not a field; TEXT goes to ddb_query_value (with no
 *                   type, S, N and B), ddb_query_path and ddb_qop_parse on their own (apart, to
 *                   keep the other executions fast: the setters call the first two anyway)
 *
 * Asserted:
 * - errors are DDB_ERR_USAGE with a message, and a failed setter leaves the query as it was;
 * - ddb_qop_parse: the name of what it parsed parses back to it;
 * - ddb_query_value: a value that validates, of the type asked for (a prefix S: N: B: SS: NS: BS:
 *   wins, else the key's type); it prints as JSON that reads back the same;
 * - ddb_query_path: the expression is placeholders only (#nK, .#nK, [digits]), new names are
 *   numbered on from the object's size, and the readable form compiles to the same expression;
 * - ddb_query_build, when it succeeds: the request prints as JSON that reads back the same and
 *   holds only the members a Query/Scan takes; TableName, IndexName, Limit, ScanIndexForward,
 *   ConsistentRead and Select as asked (no consistent read on a GSI, no projection with a count,
 *   no order on a Scan); a Query exactly when there is a partition key value; the expressions
 *   (as sent and in the request) are made of placeholders, keywords and functions only, in the
 *   grammar DynamoDB reads (key: pk = v [AND sk condition]; filter: conditions joined by AND,
 *   a BETWEEN among several in parentheses; projection: paths joined by ", "), one condition per
 *   sort key condition and filter, in order, with its operator, size() and path; every #name and
 *   :value placeholder used is defined and every one defined is used (DynamoDB refuses unused
 *   ones), the names are exactly the key names and path names given (numbered in order of first
 *   use, each once), the values exactly the values given (in order, each used once); the value
 *   types are those the header promises (keys' types, numbers for size(), strings or binary for
 *   begins_with, a type name for attribute_type, two of one scalar type for between); building
 *   twice gives the same request, and describing it works. */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ddb/attr.h"
#include "ddb/buf.h"
#include "ddb/json.h"
#include "ddb/query.h"
#include "ddb/tablespec.h"
#include "fuzz/fuzz.h"
#include "tests/unit/query_tables.h"

#define MAX_FILTERS 8

/* The three fixed tables, read once (DescribeTable JSON is most of an execution otherwise); the
 * query API only reads them. */
static const struct ddb_table_spec *fixed_spec(const char *text)
{
	static struct ddb_table_spec specs[3];
	static int ready;
	const char *const texts[3] = {CRUDDUR, NUMS, BINS};
	struct ddb_error err;
	int i;

	if (!ready) {
		for (i = 0; i < 3; i++) {
			cJSON *j = ddb_json_parse(texts[i], strlen(texts[i]), &err);

			ddb_table_spec_init(&specs[i]);
			FUZZ_CHECK(j && ddb_table_spec_from_describe(&specs[i], j, &err) == 0);
			cJSON_Delete(j);
		}
		ready = 1;
	}
	for (i = 0; i < 2 && texts[i] != text; i++)
		;
	return &specs[i];
}

/* ---- input ---- */

static void check_error(const struct ddb_error *err)
{
	FUZZ_CHECK(err->kind == DDB_ERR_USAGE);
	FUZZ_CHECK(err->message[0] != '\0');
}

/* JSON that prints and reads back with our strict parser (UTF-8, no raw control characters),
 * with as many members at the top. */
static void check_json(const cJSON *j)
{
	struct ddb_error err;
	char *s = cJSON_PrintUnformatted(j);
	cJSON *back;

	FUZZ_CHECK(s != NULL);
	back = ddb_json_parse(s, strlen(s), &err);
	if (!back)
		fprintf(stderr, "does not read back (%s): %s\n", err.message, s);
	FUZZ_CHECK(back != NULL);
	fuzz_check_tree(back, 1, ddb_json_is_number);
	FUZZ_CHECK(cJSON_GetArraySize(back) == cJSON_GetArraySize(j));
	free(s);
	cJSON_Delete(back);
}

/* ---- the expression grammar ---- */

/* Placeholders seen while reading expressions: how often each #nK and :vK is used. */
struct uses {
	int nnames, nvalues;
	int *name, *value;
};

/* Digits of a placeholder number or list index: no sign, no leading zero. */
static int number(const char **p, long *out)
{
	const char *s = *p;
	long n = 0;

	if (!isdigit((unsigned char)*s) || (s[0] == '0' && isdigit((unsigned char)s[1])))
		return -1;
	for (; isdigit((unsigned char)*s); s++) {
		n = n * 10 + (*s - '0');
		if (n > 1000000000L)
			return -1;
	}
	*p = s;
	*out = n;
	return 0;
}

static int lit(const char **p, const char *word)
{
	size_t n = strlen(word);

	if (strncmp(*p, word, n) != 0)
		return -1;
	*p += n;
	return 0;
}

/* #nK or :vK that is defined; counted in u. */
static int placeholder(const char **p, char sigil, struct uses *u)
{
	long k;

	if (**p != sigil || (*p)[1] != (sigil == '#' ? 'n' : 'v'))
		return -1;
	*p += 2;
	if (number(p, &k) != 0)
		return -1;
	if (sigil == '#') {
		if (k >= u->nnames)
			return -1;
		u->name[k]++;
	} else {
		if (k >= u->nvalues)
			return -1;
		u->value[k]++;
	}
	return 0;
}

/* #n ( .#n | [digits] )* */
static int path_expr(const char **p, struct uses *u)
{
	long k;

	if (placeholder(p, '#', u) != 0)
		return -1;
	for (;;) {
		if (**p == '.') {
			(*p)++;
			if (placeholder(p, '#', u) != 0)
				return -1;
		} else if (**p == '[') {
			(*p)++;
			if (number(p, &k) != 0 || lit(p, "]") != 0)
				return -1;
		} else {
			return 0;
		}
	}
}

/* One condition as read from an expression. */
struct pcond {
	enum ddb_qop op;
	int size, parens, nvalues;
	const char *path; /* its text in the expression */
	size_t path_len;
};

static const char *const functions[] = {"begins_with(", "contains(", "attribute_type(",
                                        "attribute_exists(", "attribute_not_exists("};
static const enum ddb_qop function_ops[] = {DDB_QOP_BEGINS_WITH, DDB_QOP_CONTAINS, DDB_QOP_TYPE,
                                            DDB_QOP_EXISTS, DDB_QOP_NOT_EXISTS};

/* fn(path[, :v]) | [(] operand BETWEEN :v AND :v [)] | operand CMP :v, operand being a path or
 * size(path). */
static int condition(const char **p, struct uses *u, struct pcond *c)
{
	static const char *const cmps[] = {" <= ", " >= ", " <> ", " = ", " < ", " > "};
	static const enum ddb_qop cmp_ops[] = {DDB_QOP_LE, DDB_QOP_GE, DDB_QOP_NE,
	                                       DDB_QOP_EQ, DDB_QOP_LT, DDB_QOP_GT};
	size_t i;

	memset(c, 0, sizeof(*c));
	for (i = 0; i < sizeof(functions) / sizeof(functions[0]); i++) {
		if (lit(p, functions[i]) != 0)
			continue;
		c->op = function_ops[i];
		c->path = *p;
		if (path_expr(p, u) != 0)
			return -1;
		c->path_len = (size_t)(*p - c->path);
		if (lit(p, ", ") == 0) {
			if (placeholder(p, ':', u) != 0)
				return -1;
			c->nvalues = 1;
		}
		return lit(p, ")");
	}
	c->parens = lit(p, "(") == 0;
	c->size = lit(p, "size(") == 0;
	c->path = *p;
	if (path_expr(p, u) != 0)
		return -1;
	c->path_len = (size_t)(*p - c->path);
	if (c->size && lit(p, ")") != 0)
		return -1;
	if (lit(p, " BETWEEN ") == 0) {
		c->op = DDB_QOP_BETWEEN;
		c->nvalues = 2;
		if (placeholder(p, ':', u) != 0 || lit(p, " AND ") != 0 ||
		    placeholder(p, ':', u) != 0)
			return -1;
		return c->parens ? lit(p, ")") : 0;
	}
	if (c->parens)
		return -1;
	for (i = 0; i < sizeof(cmps) / sizeof(cmps[0]); i++)
		if (lit(p, cmps[i]) == 0)
			break;
	if (i == sizeof(cmps) / sizeof(cmps[0]))
		return -1;
	c->op = cmp_ops[i];
	c->nvalues = 1;
	return placeholder(p, ':', u);
}

/* ---- what the query asked for ---- */

/* Adds a name as the builder promises: reused if present, else "#n<size>". */
static void expect_name(cJSON *names, const char *name)
{
	const cJSON *c;
	char key[32];

	cJSON_ArrayForEach(c, names)
	{
		if (strcmp(c->valuestring, name) == 0)
			return;
	}
	snprintf(key, sizeof(key), "#n%d", cJSON_GetArraySize(names));
	cJSON_AddItemToObject(names, key, cJSON_CreateString(name));
}

/* The names of a path, added in order (the path compiled before, so it must compile). */
static void expect_path(cJSON *names, const char *path)
{
	struct ddb_buf out = DDB_BUF_INIT;
	struct ddb_error err;
	cJSON *own = cJSON_CreateObject(), *c;

	FUZZ_CHECK(ddb_query_path(path, own, &out, NULL, &err) == 0);
	cJSON_ArrayForEach(c, own)
	{
		expect_name(names, c->valuestring);
	}
	cJSON_Delete(own);
	ddb_buf_done(&out);
}

/* The path's expression with the request's names: the same text as in the expression, and no
 * new name. */
static void check_path_text(const char *path, const cJSON *req_names, const char *text, size_t len)
{
	struct ddb_buf out = DDB_BUF_INIT;
	struct ddb_error err;
	/* the request's own names: a name added would be a failure anyway (no copy: speed) */
	cJSON *names = (cJSON *)req_names;
	int before = cJSON_GetArraySize(names);

	FUZZ_CHECK(names != NULL);
	FUZZ_CHECK(ddb_query_path(path, names, &out, NULL, &err) == 0);
	FUZZ_CHECK(cJSON_GetArraySize(names) == before);
	FUZZ_CHECK(out.len == len && memcmp(out.data, text, len) == 0);
	ddb_buf_done(&out);
}

/* A key name's placeholder in the request's names. */
static void check_key_text(const char *name, const cJSON *req_names, const char *text, size_t len)
{
	const cJSON *c;

	cJSON_ArrayForEach(c, req_names)
	{
		if (strcmp(c->valuestring, name) == 0) {
			FUZZ_CHECK(strlen(c->string) == len && memcmp(c->string, text, len) == 0);
			return;
		}
	}
	FUZZ_CHECK(!"key name not in ExpressionAttributeNames");
}

/* One condition of the expression against the one asked for. */
static void check_cond(const struct pcond *pc, const struct ddb_qcond *c, const char *key_name,
                       const cJSON *req_names, int parens)
{
	FUZZ_CHECK(pc->op == c->op);
	FUZZ_CHECK(pc->size == c->size);
	FUZZ_CHECK(pc->nvalues == ddb_qop_arity(c->op));
	FUZZ_CHECK(pc->parens == (c->op == DDB_QOP_BETWEEN && parens));
	if (key_name)
		check_key_text(key_name, req_names, pc->path, pc->path_len);
	else
		check_path_text(c->path, req_names, pc->path, pc->path_len);
}

/* The value rules of ddb_query_build for one condition; key: the key whose type it must have. */
static void check_cond_values(const struct ddb_qcond *c, const struct ddb_key_def *key)
{
	static const char *const type_names[] = {"S",  "SS",   "N",    "NS", "B",
	                                         "BS", "BOOL", "NULL", "L",  "M"};
	int i, n = ddb_qop_arity(c->op);
	struct ddb_error err;

	for (i = 0; i < 2; i++) {
		enum ddb_type t;

		if (i >= n) {
			FUZZ_CHECK(c->v[i] == NULL);
			continue;
		}
		FUZZ_CHECK(c->v[i] != NULL);
		t = ddb_attr_type(c->v[i]);
		FUZZ_CHECK(t != DDB_T_INVALID);
		FUZZ_CHECK(ddb_attr_validate(c->v[i], "value", &err) == 0);
		if (key)
			FUZZ_CHECK(t == key->type);
		if (c->size)
			FUZZ_CHECK(t == DDB_T_N);
		if (c->op == DDB_QOP_BEGINS_WITH)
			FUZZ_CHECK(t == DDB_T_S || t == DDB_T_B);
		if (c->op == DDB_QOP_BETWEEN || c->op == DDB_QOP_LT || c->op == DDB_QOP_LE ||
		    c->op == DDB_QOP_GT || c->op == DDB_QOP_GE)
			FUZZ_CHECK(t == DDB_T_S || t == DDB_T_N || t == DDB_T_B);
		if (c->op == DDB_QOP_TYPE) {
			size_t k;
			int found = 0;

			FUZZ_CHECK(t == DDB_T_S);
			for (k = 0; k < sizeof(type_names) / sizeof(type_names[0]); k++)
				found |= strcmp(c->v[i]->child->valuestring, type_names[k]) == 0;
			FUZZ_CHECK(found);
		}
	}
	if (n == 2)
		FUZZ_CHECK(ddb_attr_type(c->v[0]) == ddb_attr_type(c->v[1]));
	if (c->size)
		FUZZ_CHECK(c->op <= DDB_QOP_GE || c->op == DDB_QOP_BETWEEN);
}

static const char *member_string(const cJSON *req, const char *name)
{
	return cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(req, name));
}

static void check_expr_member(const cJSON *req, const char *name, const char *expr,
                              const char *readable)
{
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(req, name);

	FUZZ_CHECK((expr == NULL) == (readable == NULL));
	if (!expr) {
		FUZZ_CHECK(m == NULL);
		return;
	}
	FUZZ_CHECK(cJSON_IsString(m) && strcmp(m->valuestring, expr) == 0);
	FUZZ_CHECK(expr[0] && readable[0]);
}

/* Names and values: keys numbered from 0 in order; names exactly those expected. */
static void check_placeholders(const cJSON *req, const struct ddb_query *q, int scan,
                               struct uses *u)
{
	const cJSON *names = cJSON_GetObjectItemCaseSensitive(req, "ExpressionAttributeNames");
	const cJSON *values = cJSON_GetObjectItemCaseSensitive(req, "ExpressionAttributeValues");
	cJSON *want_names = cJSON_CreateObject();
	const cJSON *want_values[1 + 2 + 2 * MAX_FILTERS], *c;
	int nwant = 0;
	char key[32];
	int i, k;

	if (!scan)
		expect_name(want_names, q->pk.name);
	if (q->sk_cond)
		expect_name(want_names, q->sk.name);
	for (i = 0; i < q->nfilters; i++)
		expect_path(want_names, q->filters[i].path);
	for (i = 0; i < q->nprojection; i++)
		expect_path(want_names, q->projection[i]);
	if (!scan)
		want_values[nwant++] = q->pk_value;
	for (i = -1; i < q->nfilters; i++) {
		const struct ddb_qcond *qc = i < 0 ? q->sk_cond : &q->filters[i];

		for (k = 0; qc && k < 2 && qc->v[k]; k++)
			want_values[nwant++] = qc->v[k];
	}

	if (!want_names->child) {
		FUZZ_CHECK(names == NULL);
	} else {
		FUZZ_CHECK(cJSON_IsObject(names));
		FUZZ_CHECK(cJSON_Compare(names, want_names, 1));
		FUZZ_CHECK(cJSON_GetArraySize(names) == cJSON_GetArraySize(want_names));
		i = 0;
		cJSON_ArrayForEach(c, names)
		{
			snprintf(key, sizeof(key), "#n%d", i++);
			FUZZ_CHECK(strcmp(c->string, key) == 0);
			FUZZ_CHECK(cJSON_IsString(c) && c->valuestring[0]);
		}
	}
	if (!nwant) {
		FUZZ_CHECK(values == NULL);
	} else {
		FUZZ_CHECK(cJSON_IsObject(values));
		i = 0;
		cJSON_ArrayForEach(c, values)
		{
			snprintf(key, sizeof(key), ":v%d", i);
			FUZZ_CHECK(strcmp(c->string, key) == 0);
			FUZZ_CHECK(i < nwant && cJSON_Compare(c, want_values[i], 1));
			i++;
		}
		FUZZ_CHECK(i == nwant);
	}
	u->nnames = cJSON_GetArraySize(names);
	u->nvalues = cJSON_GetArraySize(values);
	u->name = calloc((size_t)u->nnames + 1, sizeof(int));
	u->value = calloc((size_t)u->nvalues + 1, sizeof(int));
	FUZZ_CHECK(u->name && u->value);
	cJSON_Delete(want_names);
}

static void check_built(const struct ddb_query *q, const struct ddb_query_built *b,
                        const struct ddb_table_spec *spec)
{
	static const char *const members[] = {"TableName",
	                                      "IndexName",
	                                      "KeyConditionExpression",
	                                      "FilterExpression",
	                                      "ProjectionExpression",
	                                      "ExpressionAttributeNames",
	                                      "ExpressionAttributeValues",
	                                      "ScanIndexForward",
	                                      "ConsistentRead",
	                                      "Select",
	                                      "Limit"};
	const cJSON *req = b->request, *m;
	const struct ddb_index_spec *ix = ddb_table_spec_index(spec, q->index);
	int scan = q->pk_value == NULL, i, nconds;
	struct uses u = {0, 0, NULL, NULL};
	struct pcond pc;
	const char *p, *s;
	char *d;
	size_t k;

	FUZZ_CHECK(cJSON_IsObject(req));
	check_json(req);
	cJSON_ArrayForEach(m, req)
	{
		for (k = 0; k < sizeof(members) / sizeof(members[0]); k++)
			if (strcmp(m->string, members[k]) == 0)
				break;
		FUZZ_CHECK(k < sizeof(members) / sizeof(members[0]));
	}
	FUZZ_CHECK(strcmp(b->op, scan ? "Scan" : "Query") == 0);
	FUZZ_CHECK(b->scan_fallback == scan);
	s = member_string(req, "TableName");
	FUZZ_CHECK(s && strcmp(s, q->table) == 0);
	s = member_string(req, "IndexName");
	FUZZ_CHECK(q->index ? s && strcmp(s, q->index) == 0 : s == NULL);
	check_expr_member(req, "KeyConditionExpression", b->key_expr, b->key_readable);
	check_expr_member(req, "FilterExpression", b->filter_expr, b->filter_readable);
	check_expr_member(req, "ProjectionExpression", b->projection_expr, b->projection_readable);
	FUZZ_CHECK((b->key_expr != NULL) == !scan);

	/* flags */
	m = cJSON_GetObjectItemCaseSensitive(req, "ScanIndexForward");
	FUZZ_CHECK(q->descending ? cJSON_IsFalse(m) && !scan : m == NULL);
	m = cJSON_GetObjectItemCaseSensitive(req, "ConsistentRead");
	FUZZ_CHECK(q->consistent ? cJSON_IsTrue(m) : m == NULL);
	FUZZ_CHECK(!(q->consistent && ix && !ix->local));
	s = member_string(req, "Select");
	FUZZ_CHECK(q->count_only ? s && strcmp(s, "COUNT") == 0 : s == NULL);
	FUZZ_CHECK(!(q->count_only && b->projection_expr));
	m = cJSON_GetObjectItemCaseSensitive(req, "Limit");
	FUZZ_CHECK(q->limit > 0 ? cJSON_IsNumber(m) && m->valuedouble == (double)q->limit
	                        : m == NULL);

	/* the values, as the header promises them */
	if (!scan) {
		struct ddb_qcond c = {NULL, 0, DDB_QOP_EQ, {q->pk_value, NULL}};

		check_cond_values(&c, &q->pk);
	}
	if (q->sk_cond) {
		FUZZ_CHECK(q->sk.name != NULL);
		FUZZ_CHECK(q->sk_cond->op <= DDB_QOP_GE || q->sk_cond->op == DDB_QOP_BETWEEN ||
		           q->sk_cond->op == DDB_QOP_BEGINS_WITH);
		FUZZ_CHECK(q->sk_cond->op != DDB_QOP_NE && !q->sk_cond->size);
		check_cond_values(q->sk_cond, &q->sk);
	}
	for (i = 0; i < q->nfilters; i++)
		check_cond_values(&q->filters[i], NULL);

	/* placeholders, and the expressions in DynamoDB's grammar */
	check_placeholders(req, q, scan, &u);
	m = cJSON_GetObjectItemCaseSensitive(req, "ExpressionAttributeNames");
	if (!scan) {
		p = b->key_expr;
		FUZZ_CHECK(condition(&p, &u, &pc) == 0);
		FUZZ_CHECK(pc.op == DDB_QOP_EQ && !pc.size && !pc.parens);
		check_key_text(q->pk.name, m, pc.path, pc.path_len);
		if (q->sk_cond) {
			FUZZ_CHECK(lit(&p, " AND ") == 0);
			FUZZ_CHECK(condition(&p, &u, &pc) == 0);
			check_cond(&pc, q->sk_cond, q->sk.name, m, 0);
		}
		FUZZ_CHECK(*p == '\0');
	}
	nconds = q->nfilters + (scan && q->sk_cond);
	FUZZ_CHECK((b->filter_expr != NULL) == (nconds > 0));
	if (nconds) {
		p = b->filter_expr;
		for (i = scan && q->sk_cond ? -1 : 0; i < q->nfilters; i++) {
			if (p != b->filter_expr)
				FUZZ_CHECK(lit(&p, " AND ") == 0);
			FUZZ_CHECK(condition(&p, &u, &pc) == 0);
			if (i < 0)
				check_cond(&pc, q->sk_cond, q->sk.name, m, nconds > 1);
			else
				check_cond(&pc, &q->filters[i], NULL, m, nconds > 1);
		}
		FUZZ_CHECK(*p == '\0');
	}
	FUZZ_CHECK((b->projection_expr != NULL) == (q->nprojection > 0));
	if (q->nprojection) {
		p = b->projection_expr;
		for (i = 0; i < q->nprojection; i++) {
			const char *start;

			if (i)
				FUZZ_CHECK(lit(&p, ", ") == 0);
			start = p;
			FUZZ_CHECK(path_expr(&p, &u) == 0);
			check_path_text(q->projection[i], m, start, (size_t)(p - start));
		}
		FUZZ_CHECK(*p == '\0');
	}
	for (i = 0; i < u.nnames; i++)
		FUZZ_CHECK(u.name[i] > 0);
	for (i = 0; i < u.nvalues; i++)
		FUZZ_CHECK(u.value[i] == 1);
	free(u.name);
	free(u.value);

	d = ddb_query_built_describe(b);
	FUZZ_CHECK(d != NULL && strncmp(d, b->op, strlen(b->op)) == 0);
	free(d);
}

/* ---- the entry points one by one ---- */

static const char *const type_prefixes[] = {"SS:", "NS:", "BS:", "S:", "N:", "B:"};
static const enum ddb_type prefix_types[] = {DDB_T_SS, DDB_T_NS, DDB_T_BS,
                                             DDB_T_S,  DDB_T_N,  DDB_T_B};

static void check_value(const char *text, enum ddb_type want)
{
	struct ddb_error err;
	const char *t = text;
	enum ddb_type expect = want, got;
	cJSON *av;
	size_t i;

	ddb_error_clear(&err);
	av = ddb_query_value(text, want, "value", &err);
	if (!av) {
		check_error(&err);
		return;
	}
	while (isspace((unsigned char)*t))
		t++;
	for (i = 0; i < sizeof(type_prefixes) / sizeof(type_prefixes[0]); i++)
		if (strncmp(t, type_prefixes[i], strlen(type_prefixes[i])) == 0) {
			expect = prefix_types[i];
			break;
		}
	got = ddb_attr_type(av);
	FUZZ_CHECK(got != DDB_T_INVALID);
	if (expect != DDB_T_INVALID)
		FUZZ_CHECK(got == expect);
	FUZZ_CHECK(ddb_attr_validate(av, "value", &err) == 0);
	check_json(av);
	cJSON_Delete(av);
}

static void check_path(const char *path)
{
	struct ddb_buf out = DDB_BUF_INIT, rd = DDB_BUF_INIT, out2 = DDB_BUF_INIT;
	struct ddb_error err;
	cJSON *names = cJSON_CreateObject(), *names2, *c;
	struct uses u = {0, 0, NULL, NULL};
	const char *p;
	char key[32];
	int i = 0;

	/* a name already there is reused, new ones are numbered on */
	cJSON_AddStringToObject(names, "#n0", "a");
	names2 = cJSON_Duplicate(names, 1);
	if (ddb_query_path(path, names, &out, &rd, &err) != 0) {
		check_error(&err);
		goto out;
	}
	cJSON_ArrayForEach(c, names)
	{
		snprintf(key, sizeof(key), "#n%d", i++);
		FUZZ_CHECK(strcmp(c->string, key) == 0);
		FUZZ_CHECK(cJSON_IsString(c) && c->valuestring[0]);
	}
	check_json(names);
	u.nnames = cJSON_GetArraySize(names);
	u.name = calloc((size_t)u.nnames, sizeof(int));
	FUZZ_CHECK(u.name != NULL);
	p = out.data;
	FUZZ_CHECK(p && path_expr(&p, &u) == 0 && *p == '\0');
	for (i = 1; i < u.nnames; i++) /* every new name is used */
		FUZZ_CHECK(u.name[i] > 0);
	free(u.name);
	/* the readable form reads back as the same path */
	FUZZ_CHECK(rd.len > 0);
	if (ddb_query_path(rd.data, names2, &out2, NULL, &err) != 0)
		fprintf(stderr, "readable %s of %s: %s\n", rd.data, path, err.message);
	FUZZ_CHECK(ddb_buf_str(&out2) && strcmp(ddb_buf_str(&out2), out.data) == 0);
	FUZZ_CHECK(cJSON_Compare(names, names2, 1));
out:
	ddb_buf_done(&out);
	ddb_buf_done(&out2);
	ddb_buf_done(&rd);
	cJSON_Delete(names);
	cJSON_Delete(names2);
}

static void check_qop(const char *word)
{
	enum ddb_qop op, again;

	if (ddb_qop_parse(word, &op) != 0)
		return;
	FUZZ_CHECK(op >= 0 && op < DDB_QOP_COUNT_);
	FUZZ_CHECK(ddb_qop_parse(ddb_qop_name(op), &again) == 0 && again == op);
	FUZZ_CHECK(strcasecmp(word, ddb_qop_name(op)) == 0 || strcmp(word, "!=") == 0 ||
	           strcmp(word, "==") == 0);
	FUZZ_CHECK(ddb_qop_arity(op) >= 0 && ddb_qop_arity(op) <= 2);
}

static void check_line(const char *line)
{
	check_value(line, DDB_T_INVALID);
	check_value(line, DDB_T_S);
	check_value(line, DDB_T_N);
	check_value(line, DDB_T_B);
	check_path(line);
	check_qop(line);
}

/* "@OP SIZE PATH\tV0\tV1" -> ddb_query_add_filter. */
static int add_filter_parts(struct ddb_query *q, char *line, struct ddb_error *err)
{
	char *path, *tab, *vtext[2] = {NULL, NULL}, *end;
	cJSON *v[2] = {NULL, NULL};
	long op, size;
	int i;

	op = strtol(line + 1, &end, 10);
	size = strtol(end, &end, 10);
	if (*end == ' ')
		end++;
	path = end;
	tab = strchr(path, '\t');
	if (tab) {
		*tab = '\0';
		vtext[0] = tab + 1;
		tab = strchr(vtext[0], '\t');
		if (tab) {
			*tab = '\0';
			vtext[1] = tab + 1;
		}
	}
	for (i = 0; i < 2; i++)
		if (vtext[i] && vtext[i][0])
			v[i] = ddb_json_parse(vtext[i], strlen(vtext[i]), err);
	if (op < -1 || op > DDB_QOP_COUNT_)
		op = DDB_QOP_COUNT_;
	return ddb_query_add_filter(q, path, size != 0, (enum ddb_qop)op, v[0], v[1], err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data, *end = p + size;
	char *flags = fuzz_next_line(&p, end), *line, *desc = NULL;
	const char *spec_text = CRUDDUR, *index = NULL, *f;
	struct ddb_table_spec own;
	const struct ddb_table_spec *spec = NULL;
	struct ddb_query q;
	struct ddb_query_built b;
	struct ddb_error err;
	cJSON *j;
	int field, nfilters = 0, typed = 1;

	if (!flags)
		return 0;
	for (f = flags; *f && !isdigit((unsigned char)*f) && *f != '-'; f++) {
		switch (*f) {
		case 'N':
			spec_text = NUMS;
			break;
		case 'B':
			spec_text = BINS;
			break;
		case 'J': /* once */
			if (desc)
				break;
			desc = fuzz_next_line(&p, end);
			break;
		case 's':
			typed = 0;
			break;
		}
	}
	if (desc) {
		ddb_table_spec_init(&own);
		j = ddb_json_parse(desc, strlen(desc), &err);
		if (!j || ddb_table_spec_from_describe(&own, j, &err) != 0) {
			cJSON_Delete(j);
			goto done_spec;
		}
		cJSON_Delete(j);
		spec = &own;
	} else {
		spec = fixed_spec(spec_text);
	}
	if (strchr(flags, 'g') || strchr(flags, 'l')) {
		int i, local = !strchr(flags, 'g');

		for (i = 0; i < spec->nindexes; i++)
			if (spec->indexes[i].local == local) {
				index = spec->indexes[i].name;
				break;
			}
	}
	if (strchr(flags, 'x'))
		index = "nope";

	ddb_query_init(&q);
	ddb_error_clear(&err);
	if (ddb_query_set_target(&q, spec, strchr(flags, 't') ? "other-name" : NULL, index,
	                         &err) != 0) {
		check_error(&err);
		goto done;
	}
	q.descending = strchr(flags, 'd') != NULL;
	q.consistent = strchr(flags, 'r') != NULL;
	q.count_only = strchr(flags, 'k') != NULL;
	q.limit = strtol(f, NULL, 10);

	for (field = 0; (line = fuzz_next_line(&p, end)) != NULL; free(line)) {
		if (line[0] == '?') {
			check_line(line + 1);
			continue;
		}
		ddb_error_clear(&err);
		if (field++ == 0) {
			cJSON *before = q.pk_value;

			if (ddb_query_set_pk_text(&q, line, &err) != 0) {
				check_error(&err);
				FUZZ_CHECK(q.pk_value == before);
			}
		} else if (field == 2) {
			struct ddb_qcond *before = q.sk_cond;

			if (ddb_query_set_sk_text(&q, line, &err) != 0) {
				check_error(&err);
				FUZZ_CHECK(q.sk_cond == before);
			}
		} else if (field == 3) {
			char **before = q.projection;
			int n = q.nprojection;

			if (ddb_query_set_projection_text(&q, line, &err) != 0) {
				check_error(&err);
				FUZZ_CHECK(q.projection == before && q.nprojection == n);
			}
		} else if (nfilters++ < MAX_FILTERS) {
			int n = q.nfilters, rc;

			if (line[0] == '@')
				rc = add_filter_parts(&q, line, &err);
			else
				rc = ddb_query_add_filter_text(&q, line, typed ? spec : NULL, &err);
			if (rc != 0) {
				check_error(&err);
				FUZZ_CHECK(q.nfilters == n);
			} else {
				FUZZ_CHECK(q.nfilters == n + 1);
			}
		}
	}

	ddb_error_clear(&err);
	if (ddb_query_build(&q, &b, &err) != 0) {
		check_error(&err);
		FUZZ_CHECK(b.request == NULL && b.key_expr == NULL && b.filter_expr == NULL);
		goto done;
	}
	check_built(&q, &b, spec);
	ddb_query_built_done(&b);
done:
	ddb_query_done(&q);
done_spec:
	if (desc)
		ddb_table_spec_done(&own);
	free(desc);
	free(flags);
	return 0;
}
