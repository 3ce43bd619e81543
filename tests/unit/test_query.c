/* test_query.c - the query builder: every operator, nested paths, odd names bound as #names,
 * values as :values, typed keys, the Scan fallback, projection, and the errors. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "ddb/buf.h"
#include "ddb/json.h"
#include "ddb/query.h"
#include "ddb/tablespec.h"
#include "unit.h"

#define BIG "12345678901234567890123456789012345678"

#include "query_tables.h"

enum { DESC = 1, CONSISTENT = 2, COUNT = 4 };

/* The last build: its texts, or the error. */
static struct {
	char op[8];
	int fallback;
	char *key, *filter, *proj, *key_rd, *filter_rd, *proj_rd, *names, *values, *req, *err;
	char *describe;
} R;

static void r_clear(void)
{
	char **f[] = {&R.key,   &R.filter, &R.proj, &R.key_rd, &R.filter_rd, &R.proj_rd,
	              &R.names, &R.values, &R.req,  &R.err,    &R.describe};
	size_t i;

	for (i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
		free(*f[i]);
		*f[i] = NULL;
	}
	R.op[0] = 0;
	R.fallback = 0;
}

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

static char *print_member(const cJSON *req, const char *name)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(req, name);

	return v ? cJSON_PrintUnformatted(v) : NULL;
}

static void load_spec(struct ddb_table_spec *spec, const char *text)
{
	struct ddb_error err;
	cJSON *j = ddb_json_parse(text, strlen(text), &err);

	ddb_table_spec_init(spec);
	CHECK(j != NULL);
	CHECK(ddb_table_spec_from_describe(spec, j, &err) == 0);
	cJSON_Delete(j);
}

/* Builds a query from texts as the command line gives them; 0, or -1 with R.err. filters is
 * NULL-terminated (or NULL). */
static int q(const char *spec_text, const char *index, const char *pk, const char *sk,
             const char *const *filters, const char *proj, int flags)
{
	struct ddb_table_spec spec;
	struct ddb_query qu;
	struct ddb_query_built b;
	struct ddb_error err;
	int rc = -1;

	r_clear();
	load_spec(&spec, spec_text);
	ddb_query_init(&qu);
	ddb_error_clear(&err);
	if (ddb_query_set_target(&qu, &spec, NULL, index, &err) != 0 ||
	    ddb_query_set_pk_text(&qu, pk, &err) != 0 || ddb_query_set_sk_text(&qu, sk, &err) != 0)
		goto out;
	for (; filters && *filters; filters++)
		if (ddb_query_add_filter_text(&qu, *filters, &spec, &err) != 0)
			goto out;
	if (ddb_query_set_projection_text(&qu, proj, &err) != 0)
		goto out;
	qu.descending = !!(flags & DESC);
	qu.consistent = !!(flags & CONSISTENT);
	qu.count_only = !!(flags & COUNT);
	if (ddb_query_build(&qu, &b, &err) != 0)
		goto out;
	snprintf(R.op, sizeof(R.op), "%s", b.op);
	R.fallback = b.scan_fallback;
	R.key = dup_or_null(b.key_expr);
	R.filter = dup_or_null(b.filter_expr);
	R.proj = dup_or_null(b.projection_expr);
	R.key_rd = dup_or_null(b.key_readable);
	R.filter_rd = dup_or_null(b.filter_readable);
	R.proj_rd = dup_or_null(b.projection_readable);
	R.names = print_member(b.request, "ExpressionAttributeNames");
	R.values = print_member(b.request, "ExpressionAttributeValues");
	R.req = cJSON_PrintUnformatted(b.request);
	R.describe = ddb_query_built_describe(&b);
	ddb_query_built_done(&b);
	rc = 0;
out:
	if (rc != 0)
		R.err = strdup(err.message);
	ddb_query_done(&qu);
	ddb_table_spec_done(&spec);
	return rc;
}

/* One filter on cruddur-messages, partition key "p". */
static int qf(const char *filter)
{
	const char *f[] = {filter, NULL};

	return q(CRUDDUR, NULL, "p", NULL, f, NULL, 0);
}

/* Every word of an expression is a placeholder, a keyword or a function: no user text. */
static int only_placeholders(const char *expr)
{
	static const char *const ok[] = {"AND",
	                                 "BETWEEN",
	                                 "size",
	                                 "begins_with",
	                                 "contains",
	                                 "attribute_exists",
	                                 "attribute_not_exists",
	                                 "attribute_type"};
	const char *p = expr;

	if (!expr)
		return 1;
	while (*p) {
		const char *s = p;
		size_t n, i;
		int good = 0;

		if (strchr(" .,()[]=<>", *p)) {
			p++;
			continue;
		}
		if (*p == '#' || *p == ':') {
			char kind = *p == '#' ? 'n' : 'v';

			if (p[1] != kind || !isdigit((unsigned char)p[2]))
				return 0;
			for (p += 2; isdigit((unsigned char)*p); p++)
				;
			continue;
		}
		if (isdigit((unsigned char)*p)) { /* list index */
			while (isdigit((unsigned char)*p))
				p++;
			if (*p != ']')
				return 0;
			continue;
		}
		while (*p && (isalnum((unsigned char)*p) || *p == '_'))
			p++;
		n = (size_t)(p - s);
		if (n == 0)
			return 0;
		for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
			if (strlen(ok[i]) == n && strncmp(ok[i], s, n) == 0)
				good = 1;
		if (!good)
			return 0;
	}
	return 1;
}

static void check_clean(void)
{
	CHECK(only_placeholders(R.key));
	CHECK(only_placeholders(R.filter));
	CHECK(only_placeholders(R.proj));
}

/* ---- operators ---- */

static void test_qop_names_and_arity(void)
{
	enum ddb_qop op;
	int i;

	for (i = 0; i < DDB_QOP_COUNT_; i++) {
		CHECK(ddb_qop_parse(ddb_qop_name((enum ddb_qop)i), &op) == 0);
		CHECK(op == (enum ddb_qop)i);
	}
	CHECK(ddb_qop_parse("!=", &op) == 0 && op == DDB_QOP_NE);
	CHECK(ddb_qop_parse("BETWEEN", &op) == 0 && op == DDB_QOP_BETWEEN);
	CHECK(ddb_qop_parse("Begins_With", &op) == 0 && op == DDB_QOP_BEGINS_WITH);
	CHECK(ddb_qop_parse("like", &op) == -1);
	CHECK(ddb_qop_parse("", &op) == -1);
	CHECK(ddb_qop_arity(DDB_QOP_EQ) == 1);
	CHECK(ddb_qop_arity(DDB_QOP_BETWEEN) == 2);
	CHECK(ddb_qop_arity(DDB_QOP_EXISTS) == 0);
	CHECK(ddb_qop_arity(DDB_QOP_NOT_EXISTS) == 0);
	CHECK(ddb_qop_arity(DDB_QOP_TYPE) == 1);
}

/* ---- values ---- */

static const char *val(const char *text, enum ddb_type want)
{
	static char out[512];
	struct ddb_error err;
	cJSON *v;
	char *s;

	ddb_error_clear(&err);
	v = ddb_query_value(text, want, "value", &err);
	if (!v) {
		CHECK(err.kind == DDB_ERR_USAGE);
		snprintf(out, sizeof(out), "ERR: %s", err.message);
		return out;
	}
	s = cJSON_PrintUnformatted(v);
	snprintf(out, sizeof(out), "%s", s);
	free(s);
	cJSON_Delete(v);
	return out;
}

static void test_values_plain_json(void)
{
	CHECK_STR(val("42", 0), "{\"N\":\"42\"}");
	CHECK_STR(val("\"42\"", 0), "{\"S\":\"42\"}");
	CHECK_STR(val("-1.5e3", 0), "{\"N\":\"-1.5e3\"}");
	CHECK_STR(val(BIG, 0), "{\"N\":\"" BIG "\"}");
	CHECK_STR(val("true", 0), "{\"BOOL\":true}");
	CHECK_STR(val("null", 0), "{\"NULL\":true}");
	CHECK_STR(val("[1, \"a\"]", 0), "{\"L\":[{\"N\":\"1\"},{\"S\":\"a\"}]}");
	CHECK_STR(val("{\"a\": 1}", 0), "{\"M\":{\"a\":{\"N\":\"1\"}}}");
	CHECK_STR(val("hello world", 0), "{\"S\":\"hello world\"}");
	CHECK_STR(val("  padded  ", 0), "{\"S\":\"padded\"}");
	CHECK_STR(val("\"  kept  \"", 0), "{\"S\":\"  kept  \"}");
	CHECK_STR(val("\"\"", 0), "{\"S\":\"\"}");
	CHECK_STR(val("2026-11-20T10:00:00+00:00", 0), "{\"S\":\"2026-11-20T10:00:00+00:00\"}");
	CHECK_STR(val("MSG#5ae290ed", 0), "{\"S\":\"MSG#5ae290ed\"}");
	CHECK_STR(val("x\" OR attribute_exists(pk) OR \"", 0),
	          "{\"S\":\"x\\\" OR attribute_exists(pk) OR \\\"\"}");
	CHECK_STR(val("", 0), "ERR: value: no value (an empty string is \"\")");
	CHECK_STR(val("1e999", 0), "ERR: value: value: number \"1e999\" is out of range");
}

static void test_values_typed(void)
{
	CHECK_STR(val("S:42", 0), "{\"S\":\"42\"}");
	CHECK_STR(val("S:\"a b\"", 0), "{\"S\":\"a b\"}");
	CHECK_STR(val("S:", 0), "{\"S\":\"\"}");
	CHECK_STR(val("N:7", 0), "{\"N\":\"7\"}");
	CHECK_STR(val("N:\"7\"", 0), "{\"N\":\"7\"}");
	CHECK(strncmp(val("N:seven", 0), "ERR: value must be a number (N)", 31) == 0);
	CHECK_STR(val("B:AAEC", 0), "{\"B\":\"AAEC\"}");
	CHECK(strncmp(val("B:%%%", 0), "ERR: value must be binary (B)", 29) == 0);
	CHECK_STR(val("SS:[\"a\", \"b\"]", 0), "{\"SS\":[\"a\",\"b\"]}");
	CHECK_STR(val("NS:[1, 2.5]", 0), "{\"NS\":[\"1\",\"2.5\"]}");
	CHECK_STR(val("BS:[\"AA==\"]", 0), "{\"BS\":[\"AA==\"]}");
	CHECK(strncmp(val("SS:[]", 0), "ERR: value: ", 12) == 0);
	CHECK(strncmp(val("NS:x", 0), "ERR: value: NS takes a JSON array", 33) == 0);
	/* the key's type decides when known */
	CHECK_STR(val("42", DDB_T_S), "{\"S\":\"42\"}");
	CHECK_STR(val("\"42\"", DDB_T_S), "{\"S\":\"42\"}");
	CHECK_STR(val("true", DDB_T_S), "{\"S\":\"true\"}");
	CHECK_STR(val("42", DDB_T_N), "{\"N\":\"42\"}");
	CHECK_STR(val("\"42\"", DDB_T_N), "{\"N\":\"42\"}");
	CHECK_STR(val(BIG, DDB_T_N), "{\"N\":\"" BIG "\"}");
	CHECK_STR(val("abc", DDB_T_N), "ERR: value is a number (N): 'abc' is not a valid number");
	CHECK_STR(val(BIG "9", DDB_T_N),
	          "ERR: value is a number (N): '" BIG "9' is not a valid number");
	CHECK_STR(val("3q2+7w==", DDB_T_B), "{\"B\":\"3q2+7w==\"}");
	CHECK_STR(val("not base64!", DDB_T_B),
	          "ERR: value is binary (B): 'not base64!' is not valid base64");
	/* an explicit type wins over the key's */
	CHECK_STR(val("S:1", DDB_T_N), "{\"S\":\"1\"}");
}

/* ---- key conditions ---- */

static void test_partition_key_only(void)
{
	CHECK(q(CRUDDUR, NULL, "MSG#5ae290ed-55d1", NULL, NULL, NULL, 0) == 0);
	CHECK_STR(R.op, "Query");
	CHECK(!R.fallback);
	CHECK_STR(R.key, "#n0 = :v0");
	CHECK_STR(R.key_rd, "pk = \"MSG#5ae290ed-55d1\"");
	CHECK_STR(R.names, "{\"#n0\":\"pk\"}");
	CHECK_STR(R.values, "{\":v0\":{\"S\":\"MSG#5ae290ed-55d1\"}}");
	CHECK(R.filter == NULL && R.proj == NULL);
	CHECK_STR(R.req, "{\"TableName\":\"cruddur-messages\",\"KeyConditionExpression\":\"#n0 = "
	                 ":v0\",\"ExpressionAttributeNames\":{\"#n0\":\"pk\"},"
	                 "\"ExpressionAttributeValues\":{\":v0\":{\"S\":\"MSG#5ae290ed-55d1\"}}}");
}

static void test_sort_key_every_operator(void)
{
	static const struct {
		const char *sk, *key, *readable, *values;
	} cases[] = {
	    {"= 2026", "#n0 = :v0 AND #n1 = :v1", "pk = \"p\" AND sk = \"2026\"",
	     "{\":v0\":{\"S\":\"p\"},\":v1\":{\"S\":\"2026\"}}"},
	    {"< b", "#n0 = :v0 AND #n1 < :v1", "pk = \"p\" AND sk < \"b\"", NULL},
	    {"<= b", "#n0 = :v0 AND #n1 <= :v1", "pk = \"p\" AND sk <= \"b\"", NULL},
	    {"> b", "#n0 = :v0 AND #n1 > :v1", "pk = \"p\" AND sk > \"b\"", NULL},
	    {">= b", "#n0 = :v0 AND #n1 >= :v1", "pk = \"p\" AND sk >= \"b\"", NULL},
	    {"between a z", "#n0 = :v0 AND #n1 BETWEEN :v1 AND :v2",
	     "pk = \"p\" AND sk BETWEEN \"a\" AND \"z\"",
	     "{\":v0\":{\"S\":\"p\"},\":v1\":{\"S\":\"a\"},\":v2\":{\"S\":\"z\"}}"},
	    {"BETWEEN \"a b\" and \"y z\"", "#n0 = :v0 AND #n1 BETWEEN :v1 AND :v2",
	     "pk = \"p\" AND sk BETWEEN \"a b\" AND \"y z\"", NULL},
	    {"begins_with 2026-11", "#n0 = :v0 AND begins_with(#n1, :v1)",
	     "pk = \"p\" AND begins_with(sk, \"2026-11\")", NULL},
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		CHECK(q(CRUDDUR, NULL, "p", cases[i].sk, NULL, NULL, 0) == 0);
		CHECK_STR(R.key, cases[i].key);
		CHECK_STR(R.key_rd, cases[i].readable);
		CHECK_STR(R.names, "{\"#n0\":\"pk\",\"#n1\":\"sk\"}");
		if (cases[i].values)
			CHECK_STR(R.values, cases[i].values);
		check_clean();
	}
}

static void test_numeric_keys(void)
{
	CHECK(q(NUMS, NULL, "42", "between 10 20", NULL, NULL, DESC | CONSISTENT) == 0);
	CHECK_STR(R.values,
	          "{\":v0\":{\"N\":\"42\"},\":v1\":{\"N\":\"10\"},\":v2\":{\"N\":\"20\"}}");
	CHECK_STR(R.key_rd, "id = 42 AND ts BETWEEN 10 AND 20");
	CHECK(strstr(R.req, "\"ScanIndexForward\":false") != NULL);
	CHECK(strstr(R.req, "\"ConsistentRead\":true") != NULL);
	CHECK(q(NUMS, NULL, BIG, "> -1.5E-7", NULL, NULL, 0) == 0);
	CHECK_STR(R.values, "{\":v0\":{\"N\":\"" BIG "\"},\":v1\":{\"N\":\"-1.5E-7\"}}");
	/* a string partition key value for a numeric key is refused */
	CHECK(q(NUMS, NULL, "abc", NULL, NULL, NULL, 0) == -1);
	CHECK_STR(R.err, "partition key id is a number (N): 'abc' is not a valid number");
	CHECK(q(NUMS, NULL, "1", "> x", NULL, NULL, 0) == -1);
	CHECK_STR(R.err, "sort key ts is a number (N): 'x' is not a valid number");
	CHECK(q(NUMS, NULL, "S:1", NULL, NULL, NULL, 0) == -1);
	CHECK_STR(R.err, "partition key id: id is a number (N), the value is S");
	CHECK(q(NUMS, NULL, "1", "begins_with 1", NULL, NULL, 0) == -1);
	CHECK_STR(R.err, "sort key ts: begins_with takes a string or binary, not N");
	/* binary keys */
	CHECK(q(BINS, NULL, "AAEC/w==", NULL, NULL, NULL, 0) == 0);
	CHECK_STR(R.values, "{\":v0\":{\"B\":\"AAEC/w==\"}}");
	CHECK_STR(R.key_rd, "k = {\"B\":\"AAEC/w==\"}");
	CHECK(q(BINS, NULL, "AAEC/w==", "= x", NULL, NULL, 0) == -1);
	CHECK_STR(R.err, "table bins has no sort key");
}

static void test_indexes(void)
{
	CHECK(q(CRUDDUR, "message-group-sk-index", "5ae290ed", "begins_with 2026", NULL, NULL,
	        DESC) == 0);
	CHECK_STR(R.key, "#n0 = :v0 AND begins_with(#n1, :v1)");
	CHECK_STR(R.names, "{\"#n0\":\"message_group_uuid\",\"#n1\":\"sk\"}");
	CHECK(strstr(R.req, "\"IndexName\":\"message-group-sk-index\"") != NULL);
	/* a GSI's key types; an LSI's partition key is the table's */
	CHECK(q(NUMS, "by-cat", "books", "> 5", NULL, NULL, 0) == 0);
	CHECK_STR(R.values, "{\":v0\":{\"S\":\"books\"},\":v1\":{\"N\":\"5\"}}");
	CHECK(q(NUMS, "by-score", "7", ">= 90", NULL, NULL, CONSISTENT) == 0);
	CHECK_STR(R.names, "{\"#n0\":\"id\",\"#n1\":\"score\"}");
	CHECK_STR(R.values, "{\":v0\":{\"N\":\"7\"},\":v1\":{\"N\":\"90\"}}");
	CHECK(strstr(R.req, "\"ConsistentRead\":true") != NULL);
	/* consistent reads: not on a GSI */
	CHECK(q(NUMS, "by-cat", "books", NULL, NULL, NULL, CONSISTENT) == -1);
	CHECK_STR(R.err, "consistent reads are not available on a global secondary index (by-cat)");
	CHECK(q(NUMS, "nope", "1", NULL, NULL, NULL, 0) == -1);
	CHECK_STR(R.err, "table nums has no index nope (indexes: by-cat, by-score)");
	CHECK(q(BINS, "nope", "AA==", NULL, NULL, NULL, 0) == -1);
	CHECK_STR(R.err, "table bins has no index nope (no indexes)");
}

/* ---- filters ---- */

static void test_filter_every_operator_exprs(void)
{
	static const struct {
		const char *filter, *expr, *readable, *value0;
	} cases[] = {
	    {"message = hi", "#n1 = :v1", "message = \"hi\"", "{\"S\":\"hi\"}"},
	    {"message <> hi", "#n1 <> :v1", "message <> \"hi\"", NULL},
	    {"message != hi", "#n1 <> :v1", "message <> \"hi\"", NULL},
	    {"n < 5", "#n1 < :v1", "n < 5", "{\"N\":\"5\"}"},
	    {"n <= 5", "#n1 <= :v1", "n <= 5", NULL},
	    {"n > 5", "#n1 > :v1", "n > 5", NULL},
	    {"n >= 5", "#n1 >= :v1", "n >= 5", NULL},
	    {"n between 1 9", "#n1 BETWEEN :v1 AND :v2", "n BETWEEN 1 AND 9", "{\"N\":\"1\"}"},
	    {"n between 1 and 9", "#n1 BETWEEN :v1 AND :v2", "n BETWEEN 1 AND 9", NULL},
	    {"message begins_with Hel", "begins_with(#n1, :v1)", "begins_with(message, \"Hel\")",
	     "{\"S\":\"Hel\"}"},
	    {"tags contains red", "contains(#n1, :v1)", "contains(tags, \"red\")", NULL},
	    {"tags contains 3", "contains(#n1, :v1)", "contains(tags, 3)", "{\"N\":\"3\"}"},
	    {"note attribute_exists", "attribute_exists(#n1)", "attribute_exists(note)", NULL},
	    {"note attribute_not_exists", "attribute_not_exists(#n1)", "attribute_not_exists(note)",
	     NULL},
	    {"n attribute_type N", "attribute_type(#n1, :v1)", "attribute_type(n, \"N\")",
	     "{\"S\":\"N\"}"},
	    {"n ATTRIBUTE_TYPE \"SS\"", "attribute_type(#n1, :v1)", "attribute_type(n, \"SS\")",
	     NULL},
	    {"size(tags) > 3", "size(#n1) > :v1", "size(tags) > 3", "{\"N\":\"3\"}"},
	    {"size(message) between 1 10", "size(#n1) BETWEEN :v1 AND :v2",
	     "size(message) BETWEEN 1 AND 10", NULL},
	    {"SIZE(a.b[1]) = 0", "size(#n1.#n2[1]) = :v1", "size(a.b[1]) = 0", NULL},
	    {"flag = true", "#n1 = :v1", "flag = true", "{\"BOOL\":true}"},
	    {"gone = null", "#n1 = :v1", "gone = null", "{\"NULL\":true}"},
	    {"m = {\"a\": [1]}", "#n1 = :v1", "m = {\"a\":[1]}", NULL},
	    {"ss = SS:[\"a\",\"b\"]", "#n1 = :v1", "ss = {\"SS\":[\"a\",\"b\"]}", NULL},
	    {"message = \"hello, world\"", "#n1 = :v1", "message = \"hello, world\"", NULL},
	    {"message = hello world", "#n1 = :v1", "message = \"hello world\"", NULL},
	    {"sk begins_with 2026", "begins_with(#n1, :v1)", "begins_with(sk, \"2026\")", NULL},
	    {"sk = 42", "#n1 = :v1", "sk = \"42\"", "{\"S\":\"42\"}"}, /* typed as the key */
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		cJSON *values;

		CHECK(qf(cases[i].filter) == 0);
		if (R.err) {
			printf("  filter: %s -> %s\n", cases[i].filter, R.err);
			continue;
		}
		CHECK_STR(R.key, "#n0 = :v0");
		CHECK_STR(R.filter, cases[i].expr);
		CHECK_STR(R.filter_rd, cases[i].readable);
		check_clean();
		if (cases[i].value0) {
			char *s;

			values = cJSON_Parse(R.values);
			s = cJSON_PrintUnformatted(cJSON_GetObjectItemCaseSensitive(values, ":v1"));
			CHECK_STR(s, cases[i].value0);
			free(s);
			cJSON_Delete(values);
		}
	}
}

static void test_filters_combined(void)
{
	const char *f[] = {"n between 1 9", "a.b = x", "a.c attribute_exists", "size(a.b) < 4",
	                   NULL};

	CHECK(q(CRUDDUR, NULL, "p", NULL, f, "a.b, n", 0) == 0);
	/* between is parenthesized among several conditions; names are reused */
	CHECK_STR(R.filter, "(#n1 BETWEEN :v1 AND :v2) AND #n2.#n3 = :v3 AND "
	                    "attribute_exists(#n2.#n4) AND size(#n2.#n3) < :v4");
	CHECK_STR(R.filter_rd, "(n BETWEEN 1 AND 9) AND a.b = \"x\" AND attribute_exists(a.c) AND "
	                       "size(a.b) < 4");
	CHECK_STR(R.names, "{\"#n0\":\"pk\",\"#n1\":\"n\",\"#n2\":\"a\",\"#n3\":\"b\",\"#n4\":"
	                   "\"c\"}");
	CHECK_STR(R.proj, "#n2.#n3, #n1");
	CHECK_STR(R.proj_rd, "a.b, n");
	check_clean();
}

/* ---- paths and names ---- */

static const char *path(const char *p)
{
	static char out[1024];
	struct ddb_buf b = DDB_BUF_INIT, r = DDB_BUF_INIT;
	struct ddb_error err;
	cJSON *names = cJSON_CreateObject();
	char *s;

	ddb_error_clear(&err);
	if (ddb_query_path(p, names, &b, &r, &err) != 0) {
		snprintf(out, sizeof(out), "ERR: %s", err.message);
	} else {
		s = cJSON_PrintUnformatted(names);
		snprintf(out, sizeof(out), "%s %s %s", b.data, s, r.data);
		free(s);
	}
	ddb_buf_done(&b);
	ddb_buf_done(&r);
	cJSON_Delete(names);
	return out;
}

static void test_paths(void)
{
	CHECK_STR(path("a"), "#n0 {\"#n0\":\"a\"} a");
	CHECK_STR(path("a.b[2].c"), "#n0.#n1[2].#n2 {\"#n0\":\"a\",\"#n1\":\"b\",\"#n2\":\"c\"} "
	                            "a.b[2].c");
	CHECK_STR(path("list[0][12]"), "#n0[0][12] {\"#n0\":\"list\"} list[0][12]");
	CHECK_STR(path("a.a.a"), "#n0.#n0.#n0 {\"#n0\":\"a\"} a.a.a");
	CHECK_STR(path("  spaced  "), "#n0 {\"#n0\":\"spaced\"} spaced");
	CHECK_STR(path("\"first.name\".x"),
	          "#n0.#n1 {\"#n0\":\"first.name\",\"#n1\":\"x\"} \"first.name\".x");
	CHECK_STR(path("\"a[1]\"[1]"), "#n0[1] {\"#n0\":\"a[1]\"} \"a[1]\"[1]");
	CHECK_STR(path("\"q\\\"uote\\\\\""), "#n0 {\"#n0\":\"q\\\"uote\\\\\"} \"q\\\"uote\\\\\"");
	CHECK_STR(path("my attr.#x:y"),
	          "#n0.#n1 {\"#n0\":\"my attr\",\"#n1\":\"#x:y\"} \"my attr\".#x:y");
	CHECK_STR(path("a = :x OR b"), "#n0 {\"#n0\":\"a = :x OR b\"} \"a = :x OR b\"");
	CHECK_STR(path("#n0"), "#n0 {\"#n0\":\"#n0\"} #n0");
	CHECK_STR(path("ünï.コード"), "#n0.#n1 {\"#n0\":\"ünï\",\"#n1\":\"コード\"} ünï.コード");
	CHECK_STR(path(""), "ERR: an empty attribute path");
	CHECK_STR(path("a..b"), "ERR: path a..b: an empty name (before '.' at position 3)");
	CHECK_STR(path(".a"), "ERR: path .a: an empty name (before '.' at position 1)");
	CHECK_STR(path("a."), "ERR: path a.: an empty name (before ' ' at position 3)");
	CHECK_STR(path("[1]"), "ERR: path [1]: an empty name (before '[' at position 1)");
	CHECK_STR(path("a[x]"), "ERR: path a[x]: a list index is a number in brackets, like [2]");
	CHECK_STR(path("a[-1]"), "ERR: path a[-1]: a list index is a number in brackets, like [2]");
	CHECK_STR(path("a[1"), "ERR: path a[1: a list index is a number in brackets, like [2]");
	CHECK_STR(path("a]"), "ERR: path a]: unexpected ']' at position 2 (quote names that hold "
	                      ". [ ] or \")");
	CHECK_STR(path("\"open"), "ERR: path \"open: a quoted name is not closed");
	CHECK_STR(path("\"\""), "ERR: path \"\": an empty name (before ' ' at position 3)");
	CHECK_STR(path("a[99999999999]"),
	          "ERR: path a[99999999999]: a list index is a number in brackets, like [2]");
}

/* Names with odd characters, and attempts to inject expression syntax, end up as names (or
 * values), never in the expression. */
static void test_injection_stays_in_names(void)
{
	struct ddb_query qu;
	struct ddb_query_built b;
	struct ddb_table_spec spec;
	struct ddb_error err;
	const char *odd[] = {"a = :x OR b",
	                     "x) OR (attribute_exists(pk)",
	                     "#n0",
	                     ":v0",
	                     "name with spaces",
	                     "with#hash",
	                     "with:colon",
	                     "a,b",
	                     "size(x)",
	                     "--",
	                     "'quoted'",
	                     "AND"};
	size_t i;
	const char *f[] = {"\"a = :x OR b\" = 1", "\"x) OR (y\" attribute_exists",
	                   "\":v0\" = \":v1\"", "\"#n1\".\"#n2\" <> 3", NULL};

	load_spec(&spec, CRUDDUR);
	for (i = 0; i < sizeof(odd) / sizeof(odd[0]); i++) {
		cJSON *names;
		const cJSON *c;
		int found = 0;

		ddb_query_init(&qu);
		CHECK(ddb_query_set_target(&qu, &spec, NULL, NULL, &err) == 0);
		CHECK(ddb_query_set_pk_text(&qu, "p", &err) == 0);
		CHECK(ddb_query_add_filter(&qu, odd[i], 0, DDB_QOP_EQ, ddb_attr_s(odd[i]), NULL,
		                           &err) == 0 ||
		      /* names with . [ ] " need quotes in the path syntax */
		      strchr(odd[i], '.') || strchr(odd[i], '['));
		if (qu.nfilters == 0) {
			ddb_query_done(&qu);
			continue;
		}
		CHECK(ddb_query_build(&qu, &b, &err) == 0);
		CHECK_STR(b.filter_expr, "#n1 = :v1");
		CHECK(only_placeholders(b.filter_expr));
		names = cJSON_GetObjectItemCaseSensitive(b.request, "ExpressionAttributeNames");
		cJSON_ArrayForEach(c, names)
		{
			if (strcmp(c->valuestring, odd[i]) == 0)
				found = 1;
		}
		CHECK(found);
		CHECK_STR(cJSON_GetObjectItemCaseSensitive(
		              cJSON_GetObjectItemCaseSensitive(
		                  cJSON_GetObjectItemCaseSensitive(b.request,
		                                                   "ExpressionAttributeValues"),
		                  ":v1"),
		              "S")
		              ->valuestring,
		          odd[i]);
		ddb_query_built_done(&b);
		ddb_query_done(&qu);
	}
	ddb_table_spec_done(&spec);

	CHECK(q(CRUDDUR, NULL, "p\" OR attribute_exists(pk) OR \"", "begins_with ) OR (1 = 1", f,
	        "\"a = :x OR b\", \"#n0\"", 0) == 0);
	check_clean();
	CHECK_STR(R.key, "#n0 = :v0 AND begins_with(#n1, :v1)");
	CHECK_STR(R.filter, "#n2 = :v2 AND attribute_exists(#n3) AND #n4 = :v3 AND "
	                    "#n5.#n6 <> :v4");
	CHECK_STR(R.names,
	          "{\"#n0\":\"pk\",\"#n1\":\"sk\",\"#n2\":\"a = :x OR b\",\"#n3\":\"x) "
	          "OR (y\",\"#n4\":\":v0\",\"#n5\":\"#n1\",\"#n6\":\"#n2\",\"#n7\":\"#n0\"}");
	CHECK_STR(R.values, "{\":v0\":{\"S\":\"p\\\" OR attribute_exists(pk) OR \\\"\"},\":v1\":"
	                    "{\"S\":\") OR (1 = 1\"},\":v2\":{\"N\":\"1\"},\":v3\":{\"S\":\":v1\"},"
	                    "\":v4\":{\"N\":\"3\"}}");
	CHECK_STR(R.proj, "#n2, #n7");
}

/* ---- the Scan fallback ---- */

static void test_scan_fallback(void)
{
	const char *f[] = {"n > 1", NULL};

	CHECK(q(CRUDDUR, NULL, NULL, NULL, NULL, NULL, 0) == 0);
	CHECK_STR(R.op, "Scan");
	CHECK(R.fallback);
	CHECK(R.key == NULL && R.filter == NULL && R.names == NULL && R.values == NULL);
	CHECK_STR(R.req, "{\"TableName\":\"cruddur-messages\"}");
	CHECK(strstr(R.describe, "no partition key value") != NULL);
	CHECK(q(CRUDDUR, NULL, "  ", NULL, f, NULL, 0) == 0); /* blank is none */
	CHECK_STR(R.op, "Scan");
	CHECK_STR(R.filter, "#n0 > :v0");
	CHECK(strstr(R.req, "KeyConditionExpression") == NULL);
	/* a sort key condition without a partition key filters the scan */
	CHECK(q(CRUDDUR, "message-group-sk-index", NULL, "between a b", f, NULL, COUNT) == 0);
	CHECK_STR(R.op, "Scan");
	CHECK_STR(R.filter, "(#n0 BETWEEN :v0 AND :v1) AND #n1 > :v2");
	CHECK_STR(R.names, "{\"#n0\":\"sk\",\"#n1\":\"n\"}");
	CHECK(strstr(R.req, "\"IndexName\":\"message-group-sk-index\"") != NULL);
	CHECK(strstr(R.req, "\"Select\":\"COUNT\"") != NULL);
	CHECK(q(CRUDDUR, NULL, NULL, NULL, NULL, NULL, DESC) == -1);
	CHECK_STR(R.err, "descending order needs a partition key value: a Scan has no order");
}

/* ---- projection ---- */

static void test_projection(void)
{
	CHECK(q(CRUDDUR, NULL, "p", NULL, NULL, "pk, message, a.b[0], \"x,y\"", 0) == 0);
	CHECK_STR(R.proj, "#n0, #n1, #n2.#n3[0], #n4");
	CHECK_STR(R.proj_rd, "pk, message, a.b[0], \"x,y\"");
	CHECK_STR(R.names, "{\"#n0\":\"pk\",\"#n1\":\"message\",\"#n2\":\"a\",\"#n3\":\"b\","
	                   "\"#n4\":\"x,y\"}");
	CHECK(q(CRUDDUR, NULL, "p", NULL, NULL, "a,,b", 0) == -1);
	CHECK_STR(R.err, "projection 'a,,b': an empty attribute between commas");
	CHECK(q(CRUDDUR, NULL, "p", NULL, NULL, "a[", 0) == -1);
	CHECK(q(CRUDDUR, NULL, "p", NULL, NULL, "a", COUNT) == -1);
	CHECK_STR(R.err, "a count takes no projection");
	CHECK(q(CRUDDUR, NULL, "p", NULL, NULL, "", COUNT) == 0);
	CHECK(R.proj == NULL);
}

/* ---- errors ---- */

static void test_errors(void)
{
	static const struct {
		const char *filter, *err;
	} cases[] = {
	    {"n between 1", "'n between 1': between needs two values"},
	    {"n between", "'n between': between needs two values"},
	    {"n =", "'n =': = needs a value"},
	    {"n", "'n': an operator is missing (= <> < <= > >= between begins_with contains "
	          "attribute_exists attribute_not_exists attribute_type)"},
	    {"n like x", "'n like x': 'like' is not an operator (= <> < <= > >= between "
	                 "begins_with contains attribute_exists attribute_not_exists "
	                 "attribute_type)"},
	    {"n>3", "'n>3': an operator is missing (= <> < <= > >= between begins_with contains "
	            "attribute_exists attribute_not_exists attribute_type)"},
	    {"n attribute_exists x", "'n attribute_exists x': attribute_exists takes no value"},
	    {"n attribute_not_exists 1",
	     "'n attribute_not_exists 1': attribute_not_exists takes no value"},
	    {"size(n) contains 3",
	     "size(n) takes a comparison (= <> < <= > >= between), not contains"},
	    {"size(n) attribute_exists",
	     "size(n) takes a comparison (= <> < <= > >= between), not attribute_exists"},
	    {"size(n) > x", "filter on size(n) is a number (N): 'x' is not a valid number"},
	    {"size(n > 3", "'size(n > 3': size( is not closed"},
	    {"n attribute_type X",
	     "filter on n: attribute_type takes a type name (S SS N NS B BS BOOL NULL L M)"},
	    {"n begins_with 3", "filter on n: begins_with takes a string or binary, not N"},
	    {"n < true", "filter on n: < compares strings, numbers or binary, not BOOL"},
	    {"n between 1 z", "filter on n: between's two values differ in type (N, S)"},
	    {"a..b = 1", "path a..b: an empty name (before '.' at position 3)"},
	    {"a[x] = 1", "path a[x]: a list index is a number in brackets, like [2]"},
	    {"\"open = 1", "'\"open = 1': an operator is missing (= <> < <= > >= between "
	                   "begins_with contains attribute_exists attribute_not_exists "
	                   "attribute_type)"},
	    {"", "a filter is PATH OP [VALUE [VALUE]], like 'age > 30'"},
	    {"n = NS:[1,1]", NULL},
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		CHECK(qf(cases[i].filter) == -1);
		if (cases[i].err)
			CHECK_STR(R.err, cases[i].err);
		else
			CHECK(R.err != NULL);
	}
	/* sort key conditions */
	CHECK(q(CRUDDUR, NULL, "p", "<> a", NULL, NULL, 0) == -1);
	CHECK_STR(R.err, "the sort key condition is = < <= > >= between or begins_with, not <> "
	                 "(use a filter)");
	CHECK(q(CRUDDUR, NULL, "p", "contains a", NULL, NULL, 0) == -1);
	CHECK_STR(R.err,
	          "the sort key condition is = < <= > >= between or begins_with, not contains");
	CHECK(q(CRUDDUR, NULL, "p", "attribute_exists", NULL, NULL, 0) == -1);
	CHECK(q(CRUDDUR, NULL, "p", "between a", NULL, NULL, 0) == -1);
	CHECK_STR(R.err, "'between a': between needs two values");
	CHECK(q(CRUDDUR, NULL, "p", "a", NULL, NULL, 0) == -1);
	CHECK(q(CRUDDUR, NULL, "p", "= N:1", NULL, NULL, 0) == -1);
	CHECK_STR(R.err, "sort key sk: sk is a string (S), the value is N");
	/* the API checks arity too */
	{
		struct ddb_query qu;
		struct ddb_error err;

		ddb_query_init(&qu);
		CHECK(ddb_query_add_filter(&qu, "a", 0, DDB_QOP_BETWEEN, ddb_attr_n("1"), NULL,
		                           &err) == -1);
		CHECK_STR(err.message, "between takes two values");
		CHECK(ddb_query_add_filter(&qu, "a", 0, DDB_QOP_EXISTS, ddb_attr_n("1"), NULL,
		                           &err) == -1);
		CHECK_STR(err.message, "attribute_exists takes no value");
		CHECK(ddb_query_add_filter(&qu, "a", 1, DDB_QOP_BEGINS_WITH, ddb_attr_s("x"), NULL,
		                           &err) == -1);
		CHECK(ddb_query_add_filter(&qu, "a..b", 0, DDB_QOP_EXISTS, NULL, NULL, &err) == -1);
		CHECK(ddb_query_add_filter(&qu, "a", 0, DDB_QOP_EXISTS, NULL, NULL, &err) == 0);
		CHECK(qu.nfilters == 1);
		/* no target yet */
		CHECK(ddb_query_build(&qu, &(struct ddb_query_built){0}, &err) == -1);
		ddb_query_done(&qu);
	}
}

static void test_limit_and_describe(void)
{
	struct ddb_table_spec spec;
	struct ddb_query qu;
	struct ddb_query_built b;
	struct ddb_error err;
	char *d;

	load_spec(&spec, CRUDDUR);
	ddb_query_init(&qu);
	CHECK(ddb_query_set_target(&qu, &spec, "other-name", NULL, &err) == 0);
	CHECK(ddb_query_set_pk_text(&qu, "p", &err) == 0);
	CHECK(ddb_query_add_filter_text(&qu, "size(m) > 2", &spec, &err) == 0);
	CHECK(ddb_query_set_projection_text(&qu, "m", &err) == 0);
	qu.limit = 7;
	qu.descending = 1;
	CHECK(ddb_query_build(&qu, &b, &err) == 0);
	CHECK(cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(b.request, "Limit")) == 7);
	CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(b.request, "TableName")),
	          "other-name");
	d = ddb_query_built_describe(&b);
	CHECK_STR(d, "Query on table other-name\n"
	             "  KeyConditionExpression     #n0 = :v0\n"
	             "    reads as                 pk = \"p\"\n"
	             "  FilterExpression           size(#n1) > :v1\n"
	             "    reads as                 size(m) > 2\n"
	             "  ProjectionExpression       #n1\n"
	             "    reads as                 m\n"
	             "  ExpressionAttributeNames   {\"#n0\":\"pk\",\"#n1\":\"m\"}\n"
	             "  ExpressionAttributeValues  {\":v0\":{\"S\":\"p\"},\":v1\":{\"N\":\"2\"}}\n"
	             "  ScanIndexForward           false\n"
	             "  Limit                      7\n");
	free(d);
	ddb_query_built_done(&b);
	/* clearing: blank texts remove the key value, the sort key condition, the projection */
	CHECK(ddb_query_set_pk_text(&qu, "", &err) == 0 && qu.pk_value == NULL);
	CHECK(ddb_query_set_sk_text(&qu, "= x", &err) == 0 && qu.sk_cond != NULL);
	CHECK(ddb_query_set_sk_text(&qu, NULL, &err) == 0 && qu.sk_cond == NULL);
	CHECK(ddb_query_set_projection_text(&qu, " ", &err) == 0 && qu.nprojection == 0);
	ddb_query_done(&qu);
	ddb_table_spec_done(&spec);
}

/* ---- found by fuzz/fuzz_query.c ---- */

static void test_fuzz_not_utf8(void)
{
	/* the request is JSON, so UTF-8: such text is refused, not sent as a broken request */
	CHECK_STR(val("caf\xe9", 0), "ERR: value: the value is not valid UTF-8");
	CHECK_STR(val("S:\xff", 0), "ERR: value: the value is not valid UTF-8");
	CHECK_STR(val("\xc3\x28", DDB_T_S), "ERR: value: the value is not valid UTF-8");
	CHECK_STR(val("\xed\xa0\x80", DDB_T_S), "ERR: value: the value is not valid UTF-8");
	CHECK_STR(val("caf\xc3\xa9", DDB_T_S), "{\"S\":\"caf\xc3\xa9\"}");
	CHECK_STR(path("a.\xff"), "ERR: an attribute path is not valid UTF-8");
	CHECK_STR(path("\"\xc0\xaf\""), "ERR: an attribute path is not valid UTF-8");
	CHECK(qf("\xe9t\xe9 = 1") == -1);
	CHECK_STR(R.err, "an attribute path is not valid UTF-8");
	CHECK(qf("n = caf\xe9") == -1);
	CHECK_STR(R.err, "filter on n: the value is not valid UTF-8");
	CHECK(q(CRUDDUR, NULL, "p\xff", NULL, NULL, NULL, 0) == -1);
	CHECK_STR(R.err, "partition key pk: the value is not valid UTF-8");
	CHECK(q(CRUDDUR, NULL, "p", NULL, NULL, "a, b\xff", 0) == -1);
	CHECK_STR(R.err, "an attribute path is not valid UTF-8");
}

/* A malformed value handed to ddb_query_add_filter is a usage error at build time, as the header
 * says (it was the validator's parse error). */
static void test_fuzz_bad_value_is_usage(void)
{
	struct ddb_table_spec spec;
	struct ddb_query qu;
	struct ddb_query_built b;
	struct ddb_error err;
	cJSON *bad = cJSON_CreateObject();

	cJSON_AddStringToObject(bad, "N", "x");
	load_spec(&spec, CRUDDUR);
	ddb_query_init(&qu);
	CHECK(ddb_query_set_target(&qu, &spec, NULL, NULL, &err) == 0);
	CHECK(ddb_query_add_filter(&qu, "a", 0, DDB_QOP_EQ, bad, NULL, &err) == 0);
	ddb_error_clear(&err);
	CHECK(ddb_query_build(&qu, &b, &err) == -1);
	CHECK(err.kind == DDB_ERR_USAGE);
	CHECK(strncmp(err.message, "filter on a: value", 18) == 0);
	ddb_query_done(&qu);
	ddb_table_spec_done(&spec);
}

/* A DescribeTable reply with an empty key name: no request with an empty #name. */
static void test_fuzz_empty_key_name(void)
{
	struct ddb_table_spec spec;
	struct ddb_query qu;
	struct ddb_error err;

	load_spec(&spec, "{\"Table\": {\"TableName\": \"odd\", \"AttributeDefinitions\": "
	                 "[{\"AttributeName\": \"\", \"AttributeType\": \"S\"}], \"KeySchema\": "
	                 "[{\"AttributeName\": \"\", \"KeyType\": \"HASH\"}]}}");
	ddb_query_init(&qu);
	ddb_error_clear(&err);
	CHECK(ddb_query_set_target(&qu, &spec, NULL, NULL, &err) == -1);
	CHECK(err.kind == DDB_ERR_USAGE);
	CHECK_STR(err.message, "odd: the key schema has an empty attribute name");
	ddb_query_done(&qu);
	ddb_table_spec_done(&spec);
}

int main(void)
{
	RUN(test_qop_names_and_arity);
	RUN(test_values_plain_json);
	RUN(test_values_typed);
	RUN(test_partition_key_only);
	RUN(test_sort_key_every_operator);
	RUN(test_numeric_keys);
	RUN(test_indexes);
	RUN(test_filter_every_operator_exprs);
	RUN(test_filters_combined);
	RUN(test_paths);
	RUN(test_injection_stays_in_names);
	RUN(test_scan_fallback);
	RUN(test_projection);
	RUN(test_errors);
	RUN(test_limit_and_describe);
	RUN(test_fuzz_not_utf8);
	RUN(test_fuzz_bad_value_is_usage);
	RUN(test_fuzz_empty_key_name);
	r_clear();
	UNIT_EXIT();
}
