/* test_scan_model.c - the scan grid's model (views/scan/, no curses, no struct tui): rows kept
 * as compact JSON text and what they cost, the attribute statistics and the columns chosen from
 * them, cell text, the sort (S, N, B, missing; ascending and descending, ties in load order) and
 * the filter matching. */
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "ddb/buf.h"
#include "ddb/json.h"
#include "unit.h"
#include "views/scan/cell.h"
#include "views/scan/columns.h"
#include "views/scan/filter.h"
#include "views/scan/rows.h"
#include "views/scan/sort.h"

static cJSON *parse(const char *s)
{
	struct ddb_error err;
	cJSON *j = ddb_json_parse(s, strlen(s), &err);

	if (!j) {
		printf("  bad test JSON: %s\n", s);
		abort();
	}
	return j;
}

/* The text of a value (a cJSON), compact; caller frees. */
static char *text_of(const cJSON *j)
{
	return j ? cJSON_PrintUnformatted(j) : NULL;
}

static void test_scan_rows_store(void)
{
	static const char *const items[] = {
	    "{\"id\": {\"S\": \"a\"}, \"n\": {\"N\": \"12.50\"}}",
	    "{ \"id\" : {\"S\":\"b\"},\n \"tags\": {\"SS\": [\"x\", \"y\"]} }",
	    "{\"id\": {\"S\": \"c\"}, \"m\": {\"M\": {\"k\": {\"BOOL\": true}}}, \"z\": {\"NULL\": "
	    "true}}",
	};
	struct scan_row rows[3];
	size_t bytes = 0;
	int i;

	memset(rows, 0, sizeof(rows));
	for (i = 0; i < 3; i++) {
		cJSON *it = parse(items[i]);
		char *compact = cJSON_PrintUnformatted(it);

		scan_row_set(&rows[i], it);
		CHECK_STR(rows[i].json, compact); /* compact text, not the reply's spacing */
		CHECK(rows[i].len == strlen(compact));
		CHECK(scan_row_bytes(&rows[i]) == strlen(compact) + 1);
		bytes += scan_row_bytes(&rows[i]);
		free(compact);
		cJSON_Delete(it);
	}
	CHECK(bytes < strlen(items[0]) + strlen(items[1]) + strlen(items[2]));

	{
		cJSON *back = scan_row_parse(&rows[1]), *want = parse(items[1]);

		CHECK(back && cJSON_Compare(back, want, 1));
		cJSON_Delete(back);
		cJSON_Delete(want);
	}
	{
		cJSON *av = scan_row_attr(&rows[0], "n");
		char *s = text_of(av);

		CHECK_STR(s, "{\"N\":\"12.50\"}");
		free(s);
		cJSON_Delete(av);
		av = scan_row_attr(&rows[2], "m");
		s = text_of(av);
		CHECK_STR(s, "{\"M\":{\"k\":{\"BOOL\":true}}}");
		free(s);
		cJSON_Delete(av);
		av = scan_row_attr(&rows[2], "z");
		s = text_of(av);
		CHECK_STR(s, "{\"NULL\":true}");
		free(s);
		cJSON_Delete(av);
		CHECK(scan_row_attr(&rows[0], "tags") == NULL);
		CHECK(scan_row_attr(&rows[2], "k") == NULL); /* top level only */
		CHECK(scan_row_attr(&rows[0], "i") == NULL); /* whole names */
	}
	for (i = 0; i < 3; i++)
		free(rows[i].json);
}

static void test_scan_rows_escaped_name(void)
{
	struct scan_row row;
	cJSON *it = parse("{\"a\\\"b\": {\"S\": \"q\"}, \"c\": {\"N\": \"1\"}}"), *av;
	char *s;

	memset(&row, 0, sizeof(row));
	scan_row_set(&row, it);
	av = scan_row_attr(&row, "a\"b");
	s = text_of(av);
	CHECK_STR(s, "{\"S\":\"q\"}");
	free(s);
	cJSON_Delete(av);
	av = scan_row_attr(&row, "c");
	s = text_of(av);
	CHECK_STR(s, "{\"N\":\"1\"}");
	free(s);
	cJSON_Delete(av);
	free(row.json);
	cJSON_Delete(it);
}

static void check_cell(const char *av_json, enum cell_mode mode, size_t max, const char *want)
{
	struct ddb_buf b = DDB_BUF_INIT;
	cJSON *av = parse(av_json);

	scan_cell_text(&b, av, mode, max);
	CHECK_STR(ddb_buf_str(&b), want);
	ddb_buf_done(&b);
	cJSON_Delete(av);
}

static void check_shown(const char *av_json, enum cell_mode mode, size_t max, const char *want)
{
	struct ddb_buf b = DDB_BUF_INIT;
	cJSON *av = parse(av_json);

	scan_cell_shown(&b, av, mode, max);
	CHECK_STR(ddb_buf_str(&b), want);
	ddb_buf_done(&b);
	cJSON_Delete(av);
}

/* the grid's text: a tab and a line break marked (→, ↵), other control characters as spaces; a
 * mark whole within max bytes, or left out; raw JSON has them escaped already */
static void test_scan_cell_shown(void)
{
	check_shown("{\"S\": \"a\\tb\\nc\\u007f\\u0085d\\re\"}", MODE_PLAIN, 0,
	            "a\xe2\x86\x92"
	            "b\xe2\x86\xb5"
	            "c  d e");
	check_shown("{\"S\": \"ab\\nc\"}", MODE_PLAIN, 4, "ab");
	check_shown("{\"S\": \"ab\\nc\"}", MODE_PLAIN, 5, "ab\xe2\x86\xb5");
	check_shown("{\"S\": \"a\\nb\"}", MODE_RAW, 0, "{\"S\":\"a\\nb\"}");
	CHECK(scan_capped_width("a\xe2\x86\xb5"
	                        "b") == 3);
}

static void test_scan_cell_text(void)
{
	check_cell("{\"S\": \"hello\"}", MODE_PLAIN, 0, "hello");
	check_cell("{\"S\": \"\"}", MODE_PLAIN, 0, "");
	check_cell("{\"S\": \"a\\tb\\nc\\u007f\\u0085d\"}", MODE_PLAIN, 0, "a b c  d");
	check_cell("{\"N\": \"-1.50\"}", MODE_PLAIN, 0, "-1.50");
	check_cell("{\"B\": \"AAEC\"}", MODE_PLAIN, 0, "AAEC");
	check_cell("{\"BOOL\": false}", MODE_PLAIN, 0, "false");
	check_cell("{\"NULL\": true}", MODE_PLAIN, 0, "null");
	check_cell("{\"SS\": [\"x\", \"y\"]}", MODE_PLAIN, 0, "[\"x\",\"y\"]");
	check_cell("{\"M\": {\"k\": {\"N\": \"1\"}}}", MODE_PLAIN, 0, "{\"k\":1}");
	check_cell("{\"N\": \"1\"}", MODE_RAW, 0, "{\"N\":\"1\"}");
	/* max bytes, never cutting a character */
	check_cell("{\"S\": \"abcdef\"}", MODE_PLAIN, 4, "abcd");
	check_cell("{\"S\": \"ab\\u00e9\"}", MODE_PLAIN, 3, "ab");
	CHECK(scan_capped_width("abc") == 3);
	CHECK(scan_capped_width("\xe6\x97\xa5") == 2);
	{
		char wide[CELL_WIDE_W + 20];

		memset(wide, 'w', sizeof(wide) - 1);
		wide[sizeof(wide) - 1] = '\0';
		CHECK(scan_capped_width(wide) == CELL_WIDE_W);
	}
	CHECK(scan_contains_ci("Hello World", "o w"));
	CHECK(scan_contains_ci("HELLO", "hello"));
	CHECK(scan_contains_ci("anything", ""));
	CHECK(!scan_contains_ci("hell", "hello"));
}

static void test_scan_stats_mixed(void)
{
	static const char *const items[] = {
	    "{\"id\": {\"S\": \"a\"}, \"v\": {\"N\": \"1\"}, \"x\": {\"BOOL\": true}}",
	    "{\"id\": {\"S\": \"bbbb\"}, \"v\": {\"S\": \"a longer string\"}}",
	    "{\"id\": {\"S\": \"c\"}, \"v\": {\"M\": {\"k\": {\"S\": \"z\"}}}, \"y\": {\"NULL\": "
	    "true}}",
	    "{\"id\": {\"S\": \"d\"}, \"y\": {\"NULL\": true}}",
	};
	struct scan_stats st;
	struct ddb_buf b = DDB_BUF_INIT;
	cJSON *it[4];
	char id[] = "id", *keys[1] = {id};
	int cols[COL_MAX], ncols = 0, nkeycols = 0, selcol = 0, i, v, y, x;

	memset(&st, 0, sizeof(st));
	for (i = 0; i < 4; i++) {
		it[i] = parse(items[i]);
		scan_stats_count(&st, it[i], 1, &b);
	}
	CHECK(st.nstats == 4); /* id, v, x, y: in order of appearance */
	CHECK(scan_stats_find(&st, "id") == 0);
	v = scan_stats_find(&st, "v");
	x = scan_stats_find(&st, "x");
	y = scan_stats_find(&st, "y");
	CHECK(v == 1 && x == 2 && y == 3);
	CHECK(scan_stats_find(&st, "nope") == -1);
	CHECK(st.stats[0].count == 4);
	CHECK(st.stats[v].count == 3);
	CHECK(st.stats[y].count == 2);
	CHECK(st.stats[x].count == 1);
	CHECK(st.stats[0].maxw[MODE_PLAIN] == 4);
	/* plain: "a longer string" (15) is the widest; raw: {"S":"a longer string"} (23) */
	CHECK(st.stats[v].maxw[MODE_PLAIN] == 15);
	CHECK(st.stats[v].maxw[MODE_RAW] == 23);
	CHECK(st.stats[v].namew == 1);

	/* the key first, then by how many rows have it (v 3, y 2, x 1) */
	scan_columns_compute(&st, keys, 1, cols, &ncols, &nkeycols, &selcol);
	CHECK(ncols == 4 && nkeycols == 1);
	CHECK(cols[0] == 0 && cols[1] == v && cols[2] == y && cols[3] == x);
	selcol = 2; /* y stays selected when the columns change */

	/* rows leave: x goes, y ties with v... then v leads again (first seen first on ties) */
	scan_stats_count(&st, it[0], -1, NULL);
	scan_stats_count(&st, it[1], -1, NULL);
	CHECK(st.stats[x].count == 0 && st.stats[v].count == 1 && st.stats[y].count == 2);
	scan_columns_compute(&st, keys, 1, cols, &ncols, &nkeycols, &selcol);
	CHECK(ncols == 3);
	CHECK(cols[1] == y && cols[2] == v);
	CHECK(selcol == 1);

	/* many names: the hash grows and finds every one */
	for (i = 0; i < 300; i++) {
		char name[16];

		snprintf(name, sizeof(name), "a%d", i);
		CHECK(scan_stats_get(&st, name) == 4 + i);
	}
	CHECK(scan_stats_find(&st, "a123") == 127 && scan_stats_find(&st, "y") == y);
	scan_columns_compute(&st, keys, 1, cols, &ncols, &nkeycols, &selcol);
	CHECK(ncols == 3); /* names no row has are no columns */

	scan_stats_clear(&st);
	CHECK(st.nstats == 0 && scan_stats_find(&st, "id") == -1);
	scan_stats_free(&st);
	for (i = 0; i < 4; i++)
		cJSON_Delete(it[i]);
	ddb_buf_done(&b);
}

/* Sorts the values (attribute values as JSON, "" for a row without one) and checks the order of
 * the row indices. */
static void check_sort(const char *const *vals, int n, int desc, const int *want, const char *what)
{
	struct sort_key keys[16];
	struct ddb_buf b = DDB_BUF_INIT;
	struct scan_sort s = {keys, desc};
	int order[16], tmp[16], i, ok = 1;

	memset(keys, 0, sizeof(keys));
	for (i = 0; i < n; i++) {
		cJSON *av = *vals[i] ? parse(vals[i]) : NULL;

		scan_sort_key_set(&keys[i], av, &b);
		cJSON_Delete(av);
		order[i] = i;
	}
	scan_merge_sort(&s, order, tmp, n);
	for (i = 0; i < n; i++)
		ok &= order[i] == want[i];
	if (!ok) {
		printf("  %s%s:", what, desc ? " desc" : "");
		for (i = 0; i < n; i++)
			printf(" %d", order[i]);
		printf("\n");
	}
	CHECK(ok);
	for (i = 0; i < n; i++)
		free(keys[i].text);
	ddb_buf_done(&b);
}

static void test_scan_sort(void)
{
	/* numbers by value, not as text or doubles; ties in load order; missing last either way */
	static const char *const nums[] = {"{\"N\": \"10\"}",
	                                   "{\"N\": \"9\"}",
	                                   "",
	                                   "{\"N\": \"-1.5\"}",
	                                   "{\"N\": \"9.0\"}",
	                                   "{\"N\": \"12345678901234567890123456789012345678\"}",
	                                   "{\"N\": \"12345678901234567890123456789012345677\"}"};
	static const int nums_asc[] = {3, 1, 4, 0, 6, 5, 2};
	static const int nums_desc[] = {5, 6, 0, 1, 4, 3, 2};
	static const char *const strs[] = {"{\"S\": \"b\"}", "", "{\"S\": \"B\"}", "{\"S\": \"a\"}",
	                                   "{\"S\": \"b\"}", ""};
	static const int strs_asc[] = {2, 3, 0, 4, 1, 5};
	static const int strs_desc[] = {0, 4, 3, 2, 1, 5};
	static const char *const bins[] = {"{\"B\": \"AQ==\"}", "{\"B\": \"AA==\"}", "",
	                                   "{\"B\": \"AQ==\"}"};
	static const int bins_asc[] = {1, 0, 3, 2};
	static const int bins_desc[] = {0, 3, 1, 2};
	/* kinds: numbers, then text, booleans, nulls, the rest, missing */
	static const char *const mixed[] = {"",
	                                    "{\"NULL\": true}",
	                                    "{\"BOOL\": true}",
	                                    "{\"S\": \"x\"}",
	                                    "{\"L\": [{\"N\": \"1\"}]}",
	                                    "{\"N\": \"5\"}",
	                                    "{\"BOOL\": false}"};
	static const int mixed_asc[] = {5, 3, 6, 2, 1, 4, 0};
	static const int mixed_desc[] = {4, 1, 2, 6, 3, 5, 0};

	check_sort(nums, 7, 0, nums_asc, "N");
	check_sort(nums, 7, 1, nums_desc, "N");
	check_sort(strs, 6, 0, strs_asc, "S");
	check_sort(strs, 6, 1, strs_desc, "S");
	check_sort(bins, 4, 0, bins_asc, "B");
	check_sort(bins, 4, 1, bins_desc, "B");
	check_sort(mixed, 7, 0, mixed_asc, "mixed");
	check_sort(mixed, 7, 1, mixed_desc, "mixed");
}

static void test_scan_sort_merge_new(void)
{
	/* rows 0-3 sorted, then 4-6 arrive: merged as a full sort would order them */
	static const char *const vals[] = {"{\"N\": \"1\"}", "{\"N\": \"3\"}", "{\"N\": \"5\"}", "",
	                                   "{\"N\": \"3\"}", "{\"N\": \"0\"}", "{\"N\": \"9\"}"};
	static const int want[] = {5, 0, 1, 4, 2, 6, 3};
	struct sort_key keys[7];
	struct ddb_buf b = DDB_BUF_INIT;
	struct scan_sort s = {keys, 0};
	int order[7] = {0, 1, 2, 3, 4, 5, 6}, tmp[7], i, ok = 1;

	memset(keys, 0, sizeof(keys));
	for (i = 0; i < 7; i++) {
		cJSON *av = *vals[i] ? parse(vals[i]) : NULL;

		scan_sort_key_set(&keys[i], av, &b);
		cJSON_Delete(av);
	}
	CHECK(keys[3].rank == RANK_MISSING && keys[0].rank == RANK_N);
	CHECK(scan_sort_cmp(&s, 1, 4) < 0 && scan_sort_cmp(&s, 4, 1) > 0); /* equal: load order */
	scan_merge_sort(&s, order, tmp, 4);
	scan_sort_merge_new(&s, order, 4, 3, tmp);
	for (i = 0; i < 7; i++)
		ok &= order[i] == want[i];
	CHECK(ok);
	for (i = 0; i < 7; i++)
		free(keys[i].text);
	ddb_buf_done(&b);
}

static void test_scan_filter(void)
{
	static const char *const item_json =
	    "{\"id\": {\"S\": \"Alpha-1\"}, \"n\": {\"N\": \"42\"}, \"note\": {\"S\": "
	    "\"two\\twords\"},"
	    " \"m\": {\"M\": {\"k\": {\"S\": \"deep\"}}}, \"ok\": {\"BOOL\": true}}";
	struct ddb_buf b = DDB_BUF_INIT;
	cJSON *item = parse(item_json);
	struct scan_row row;
	static const struct {
		const char *filter;
		int match;
	} cases[] = {
	    {"alpha", 1},      {"alpha-1", 1}, {"42", 1},      {"two words", 1}, /* tab as space */
	    {"deep", 1},       {"\"k\":", 1},  {"{\"k\"", 1},  {"true", 1},
	    {"x", 0},          {"n\"", 0},     {"alpha-2", 0}, {"id", 0}, /* names are no cells */
	    {"two\twords", 0}, {"bool", 0},
	};
	size_t i;

	memset(&row, 0, sizeof(row));
	scan_row_set(&row, item);
	CHECK(scan_filter_quick_ok("alpha"));
	CHECK(!scan_filter_quick_ok("two words"));
	CHECK(!scan_filter_quick_ok("\"k\":"));
	CHECK(!scan_filter_quick_ok("a,b"));
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *f = cases[i].filter;
		int quick = scan_filter_quick_ok(f);

		if (scan_item_matches(f, item, &b) != cases[i].match ||
		    scan_row_matches(f, quick, &row, &b) != cases[i].match ||
		    scan_row_matches(f, 0, &row, &b) != cases[i].match) {
			printf("  filter [%s]: expected %d\n", f, cases[i].match);
			unit_case_failed = 1;
		}
	}
	free(row.json);
	cJSON_Delete(item);
	ddb_buf_done(&b);
}

/* The column chooser's choice: pinned first, hidden left out, names it lacks after it, a name
 * no row has left out; the list adds the shown and the other attributes; JSON both ways. */
static void test_scan_prefs(void)
{
	static const char *const items[] = {
	    "{\"id\": {\"S\": \"a\"}, \"v\": {\"N\": \"1\"}, \"x\": {\"S\": \"x\"}}",
	    "{\"id\": {\"S\": \"b\"}, \"v\": {\"N\": \"2\"}, \"w\": {\"S\": \"w\"}}",
	};
	struct scan_stats st;
	struct col_prefs p, list, back;
	struct ddb_buf b = DDB_BUF_INIT;
	char id[] = "id", *keys[1] = {id};
	int cols[COL_MAX], ncols = 0, npinned = 0, selcol = 0, i;
	cJSON *j;
	char *text;

	memset(&st, 0, sizeof(st));
	memset(&p, 0, sizeof(p));
	memset(&list, 0, sizeof(list));
	memset(&back, 0, sizeof(back));
	for (i = 0; i < 2; i++) {
		cJSON *it = parse(items[i]);

		scan_stats_count(&st, it, 1, &b);
		cJSON_Delete(it);
	}
	scan_columns_compute(&st, keys, 1, cols, &ncols, &npinned, &selcol);
	CHECK(ncols == 4 && npinned == 1); /* id v x w */
	/* an empty choice changes nothing */
	scan_prefs_apply(&p, &st, keys, 1, cols, &ncols, &npinned, &selcol);
	CHECK(ncols == 4 && npinned == 1);
	scan_prefs_add(&p, "x", COLF_PINNED);
	scan_prefs_add(&p, "id", COLF_HIDDEN);
	scan_prefs_add(&p, "gone", 0); /* no row has it */
	scan_prefs_add(&p, "v", 0);
	selcol = 1; /* v */
	scan_prefs_apply(&p, &st, keys, 1, cols, &ncols, &npinned, &selcol);
	CHECK(ncols == 3 && npinned == 1);
	CHECK_STR(st.stats[cols[0]].name, "x");
	CHECK_STR(st.stats[cols[1]].name, "v");
	CHECK_STR(st.stats[cols[2]].name, "w"); /* not in the choice: after it */
	CHECK(selcol == 1);
	scan_prefs_list(&p, &st, cols, ncols, npinned, &list);
	CHECK(list.n == 5);
	CHECK_STR(list.v[4].name, "w");
	CHECK(list.v[4].flags == 0);
	CHECK(list.v[1].flags == COLF_HIDDEN);
	j = scan_prefs_to_json(&p);
	text = cJSON_PrintUnformatted(j);
	CHECK_STR(text, "[{\"name\":\"x\",\"pinned\":true},{\"name\":\"id\",\"hidden\":true},"
	                "{\"name\":\"gone\"},{\"name\":\"v\"}]");
	CHECK(scan_prefs_from_json(j, &back) == 0 && back.n == 4 && back.v[0].flags == COLF_PINNED);
	free(text);
	cJSON_Delete(j);
	/* not an array, an entry without a name, a name twice: refused, left empty */
	j = parse("[{\"name\": \"a\"}, {\"name\": \"a\"}]");
	CHECK(scan_prefs_from_json(j, &back) == -1 && back.n == 0);
	cJSON_Delete(j);
	j = parse("[{\"hidden\": true}]");
	CHECK(scan_prefs_from_json(j, &back) == -1 && back.n == 0);
	cJSON_Delete(j);
	j = parse("{\"name\": \"a\"}");
	CHECK(scan_prefs_from_json(j, &back) == -1 && back.n == 0);
	cJSON_Delete(j);
	scan_prefs_clear(&p);
	scan_prefs_clear(&list);
	scan_prefs_clear(&back);
	scan_stats_free(&st);
	ddb_buf_done(&b);
}

int main(void)
{
	setlocale(LC_CTYPE, "C.UTF-8"); /* widths of wide characters */
	RUN(test_scan_rows_store);
	RUN(test_scan_rows_escaped_name);
	RUN(test_scan_cell_text);
	RUN(test_scan_cell_shown);
	RUN(test_scan_stats_mixed);
	RUN(test_scan_sort);
	RUN(test_scan_sort_merge_new);
	RUN(test_scan_filter);
	RUN(test_scan_prefs);
	UNIT_EXIT();
}
