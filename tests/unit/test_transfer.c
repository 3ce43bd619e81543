/* test_transfer.c - export lines (ddb, json, csv with RFC 4180 quoting), import lines with format
 * detection, and the checks an item passes before it is imported; the export and import loops
 * (pages to lines, a file to items, chunks). */
#include <stdlib.h>
#include <string.h>

#include "ddb/json.h"
#include "ddb/tablespec.h"
#include "ddb/transfer.h"
#include "unit.h"

#define BIG "12345678901234567890123456789012345678"

static char out[4096];

static cJSON *parse(const char *text)
{
	struct ddb_error err;
	cJSON *j = ddb_json_parse(text, strlen(text), &err);

	if (!j) {
		printf("  test input does not parse: %s\n", err.message);
		unit_case_failed = 1;
	}
	return j;
}

static const char *line(const char *item_text, enum ddb_xfmt fmt)
{
	struct ddb_buf b = DDB_BUF_INIT;
	struct ddb_error err;
	cJSON *item = parse(item_text);

	if (ddb_export_line(&b, item, fmt, &err) == 0)
		snprintf(out, sizeof(out), "%s", b.data);
	else
		snprintf(out, sizeof(out), "ERR: %s", err.message);
	ddb_buf_done(&b);
	cJSON_Delete(item);
	return out;
}

static void test_export_lines(void)
{
	const char *item = "{\"pk\": {\"S\": \"a\"}, \"n\": {\"N\": \"" BIG "\"}, \"b\": {\"B\": "
	                   "\"AAE=\"}, \"ss\": {\"SS\": [\"x\", \"y\"]}, \"m\": {\"M\": {\"l\": "
	                   "{\"L\": [{\"NULL\": true}, {\"BOOL\": false}]}}}}";

	CHECK_STR(line(item, DDB_XFMT_DDB),
	          "{\"Item\":{\"pk\":{\"S\":\"a\"},\"n\":{\"N\":\"" BIG
	          "\"},\"b\":{\"B\":\"AAE=\"},"
	          "\"ss\":{\"SS\":[\"x\",\"y\"]},\"m\":{\"M\":{\"l\":{\"L\":[{\"NULL\":true},"
	          "{\"BOOL\":false}]}}}}}");
	CHECK_STR(line(item, DDB_XFMT_JSON), "{\"pk\":\"a\",\"n\":" BIG ",\"b\":\"AAE=\",\"ss\":"
	                                     "[\"x\",\"y\"],\"m\":{\"l\":[null,false]}}");
	CHECK_STR(line("{\"s\": {\"S\": \"é \\\" \\n 🎉\"}}", DDB_XFMT_JSON),
	          "{\"s\":\"é \\\" \\n 🎉\"}");
	CHECK_STR(line("{\"n\": {\"N\": \"x\"}}", DDB_XFMT_JSON),
	          "ERR: item.n: N \"x\" is not a number");
	CHECK_STR(line("{\"n\": {\"N\": \"1\"}}", DDB_XFMT_CSV), "ERR: csv is not a line format");
}

static void test_has_typed(void)
{
	cJSON *a = parse("{\"a\": {\"S\": \"x\"}, \"m\": {\"M\": {\"n\": {\"N\": \"1\"}}}}");
	cJSON *b = parse("{\"a\": {\"S\": \"x\"}, \"l\": {\"L\": [{\"M\": {\"b\": {\"B\": "
	                 "\"AA==\"}}}]}}");
	cJSON *c = parse("{\"ns\": {\"NS\": [\"1\"]}}");

	CHECK(!ddb_item_has_typed(a));
	CHECK(ddb_item_has_typed(b));
	CHECK(ddb_item_has_typed(c));
	cJSON_Delete(a);
	cJSON_Delete(b);
	cJSON_Delete(c);
}

static const char *csv_field(const char *text)
{
	struct ddb_buf b = DDB_BUF_INIT;

	ddb_csv_field(&b, text);
	snprintf(out, sizeof(out), "%s", b.data ? b.data : "");
	ddb_buf_done(&b);
	return out;
}

static const char *csv_row(const char *item_text, const char *const *cols, int n)
{
	struct ddb_buf b = DDB_BUF_INIT;
	struct ddb_error err;
	cJSON *item = parse(item_text);

	if (ddb_csv_row(&b, item, cols, n, &err) == 0)
		snprintf(out, sizeof(out), "%s", b.data);
	else
		snprintf(out, sizeof(out), "ERR: %s [%s]", err.message, b.data ? b.data : "");
	ddb_buf_done(&b);
	cJSON_Delete(item);
	return out;
}

static void test_csv(void)
{
	const char *cols[] = {"pk", "n", "s", "b", "t", "nul", "m", "l", "ss", "ns", "missing"};
	struct ddb_buf h = DDB_BUF_INIT;
	const char *hcols[] = {"pk", "a,b", "say \"hi\"", "x"};

	CHECK_STR(csv_field("plain"), "plain");
	CHECK_STR(csv_field(""), "");
	CHECK_STR(csv_field("a,b"), "\"a,b\"");
	CHECK_STR(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
	CHECK_STR(csv_field("two\nlines"), "\"two\nlines\"");
	CHECK_STR(csv_field("cr\rhere"), "\"cr\rhere\"");
	CHECK_STR(csv_field(" spaced "), " spaced ");
	ddb_csv_header(&h, hcols, 4);
	CHECK_STR(h.data, "pk,\"a,b\",\"say \"\"hi\"\"\",x\r\n");
	ddb_buf_done(&h);
	CHECK_STR(csv_row("{\"pk\": {\"S\": \"k,1\"}, \"n\": {\"N\": \"" BIG "\"}, \"s\": {\"S\": "
	                  "\"he said \\\"no\\\"\\nthen left\"}, \"b\": {\"B\": \"AAE=\"}, \"t\": "
	                  "{\"BOOL\": true}, \"nul\": {\"NULL\": true}, \"m\": {\"M\": {\"a\": "
	                  "{\"N\": \"1\"}}}, \"l\": {\"L\": [{\"S\": \"x\"}, {\"N\": \"2\"}]}, "
	                  "\"ss\": {\"SS\": [\"p\", \"q\"]}, \"ns\": {\"NS\": [\"1\", \"2.5\"]}}",
	                  cols, 11),
	          "\"k,1\"," BIG ",\"he said \"\"no\"\"\nthen left\",AAE=,true,null,"
	          "\"{\"\"a\"\":1}\",\"[\"\"x\"\",2]\",\"[\"\"p\"\",\"\"q\"\"]\",\"[1,2.5]\",\r\n");
	CHECK_STR(csv_row("{}", cols, 3), ",,\r\n");
	CHECK_STR(csv_row("{\"n\": {\"N\": \"bad\"}}", cols, 2),
	          "ERR: column n: number \"bad\" is not valid []");
	CHECK_STR(csv_row("{\"x\": {\"Q\": \"bad\"}}", (const char *[]){"x"}, 1),
	          "ERR: column x: a malformed attribute value []");
}

static const char *import(const char *text, enum ddb_xfmt *fmt)
{
	struct ddb_error err;
	cJSON *item = ddb_import_line(text, strlen(text), fmt, &err);
	char *s;

	if (!item) {
		CHECK(err.kind == DDB_ERR_PARSE || err.kind == DDB_ERR_USAGE);
		snprintf(out, sizeof(out), "ERR: %s", err.message);
		return out;
	}
	s = cJSON_PrintUnformatted(item);
	snprintf(out, sizeof(out), "%s", s);
	free(s);
	cJSON_Delete(item);
	return out;
}

static void test_import_lines(void)
{
	enum ddb_xfmt f;

	/* auto: the first line decides */
	f = DDB_XFMT_AUTO;
	CHECK_STR(import("{\"Item\": {\"pk\": {\"S\": \"a\"}, \"n\": {\"N\": \"" BIG "\"}}}", &f),
	          "{\"pk\":{\"S\":\"a\"},\"n\":{\"N\":\"" BIG "\"}}");
	CHECK(f == DDB_XFMT_DDB);
	CHECK_STR(import("{\"pk\": \"b\"}", &f),
	          "ERR: expected {\"Item\": {...}} (DynamoDB's export line)");
	f = DDB_XFMT_AUTO;
	CHECK_STR(import("{\"pk\": \"a\", \"n\": " BIG ", \"l\": [1, \"x\"]}\r", &f),
	          "{\"pk\":{\"S\":\"a\"},\"n\":{\"N\":\"" BIG "\"},\"l\":{\"L\":[{\"N\":\"1\"},"
	          "{\"S\":\"x\"}]}}");
	CHECK(f == DDB_XFMT_JSON);
	/* a plain item with more members than Item is json */
	f = DDB_XFMT_AUTO;
	CHECK_STR(import("{\"Item\": {\"a\": 1}, \"pk\": \"x\"}", &f),
	          "{\"Item\":{\"M\":{\"a\":{\"N\":\"1\"}}},\"pk\":{\"S\":\"x\"}}");
	CHECK(f == DDB_XFMT_JSON);
	f = DDB_XFMT_JSON;
	CHECK_STR(import("{\"pk\": \"a\", \"n\": 1e999}", &f),
	          "ERR: item.n: number \"1e999\" is out of range");
	CHECK_STR(import("{\"pk\": \"a\",}", &f),
	          "ERR: not JSON: column 12: expected a string key, got '}'");
	CHECK_STR(import("not json", &f), "ERR: not JSON: column 1: expected a value, got 'n'");
	CHECK_STR(import("[1, 2]", &f), "ERR: expected a JSON object (an item)");
	CHECK_STR(import("{\"a\": 1} {\"b\": 2}", &f),
	          "ERR: not JSON: column 10: unexpected '{' after the JSON value");
	f = DDB_XFMT_AUTO;
	CHECK_STR(import("\"x\"", &f), "ERR: expected a JSON object (an item)");
	CHECK(f == DDB_XFMT_AUTO); /* undecided until an object */
	f = DDB_XFMT_SCAN;
	CHECK_STR(import("{\"a\": 1}", &f), "ERR: scan is not a line format");
}

static void test_looks_like_scan(void)
{
	CHECK(ddb_import_looks_like_scan("{", 1));
	CHECK(ddb_import_looks_like_scan("  {  ", 5));
	CHECK(ddb_import_looks_like_scan("{\"Items\": [", 11));
	CHECK(ddb_import_looks_like_scan("{ \"Items\": []}", 14));
	CHECK(!ddb_import_looks_like_scan("{\"Item\": {}}", 12));
	CHECK(!ddb_import_looks_like_scan("{\"pk\": \"a\"}", 11));
	CHECK(!ddb_import_looks_like_scan("", 0));
	CHECK(!ddb_import_looks_like_scan("[", 1));
}

static const char *check_item(const char *item_text)
{
	static const char *const describe =
	    "{\"TableName\": \"t\", \"AttributeDefinitions\": ["
	    "{\"AttributeName\": \"pk\", \"AttributeType\": \"S\"},"
	    "{\"AttributeName\": \"sk\", \"AttributeType\": \"N\"},"
	    "{\"AttributeName\": \"g\", \"AttributeType\": \"B\"}],"
	    "\"KeySchema\": [{\"AttributeName\": \"pk\", \"KeyType\": \"HASH\"},"
	    "{\"AttributeName\": \"sk\", \"KeyType\": \"RANGE\"}],"
	    "\"GlobalSecondaryIndexes\": [{\"IndexName\": \"by-g\", \"KeySchema\": ["
	    "{\"AttributeName\": \"g\", \"KeyType\": \"HASH\"}]}]}";
	struct ddb_table_spec spec;
	struct ddb_error err;
	cJSON *d = parse(describe), *item = parse(item_text), *key;
	char *s;

	ddb_table_spec_init(&spec);
	CHECK(ddb_table_spec_from_describe(&spec, d, &err) == 0);
	if (ddb_item_check_for_table(item, &spec, &err) == 0) {
		key = ddb_item_key(item, &spec);
		s = cJSON_PrintUnformatted(key);
		snprintf(out, sizeof(out), "OK %s", s);
		free(s);
		cJSON_Delete(key);
	} else {
		snprintf(out, sizeof(out), "ERR: %s", err.message);
	}
	cJSON_Delete(d);
	cJSON_Delete(item);
	ddb_table_spec_done(&spec);
	return out;
}

static void test_check_for_table(void)
{
	CHECK_STR(
	    check_item("{\"x\": {\"S\": \"1\"}, \"sk\": {\"N\": \"1\"}, \"pk\": {\"S\": \"a\"}}"),
	    "OK {\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"1\"}}");
	CHECK_STR(check_item("{\"sk\": {\"N\": \"1\"}}"), "ERR: the partition key pk is missing");
	CHECK_STR(check_item("{\"pk\": {\"S\": \"a\"}}"), "ERR: the sort key sk is missing");
	CHECK_STR(check_item("{\"pk\": {\"S\": \"a\"}, \"sk\": {\"S\": \"1\"}}"),
	          "ERR: sk is the sort key and must be N, not S");
	CHECK_STR(check_item("{\"pk\": {\"S\": \"\"}, \"sk\": {\"N\": \"1\"}}"),
	          "ERR: pk is the partition key and may not be empty");
	CHECK_STR(check_item("{\"pk\": {\"S\": \"a\"}, \"sk\": {\"N\": \"1\"}, \"g\": {\"S\": "
	                     "\"x\"}}"),
	          "ERR: g is the partition key of index by-g and must be B, not S");
	CHECK_STR(check_item("{\"pk\": {\"S\": \"a\"}, \"sk\": {\"N\": \"1\"}, \"g\": {\"B\": "
	                     "\"AA==\"}}"),
	          "OK {\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"1\"}}");
	CHECK_STR(check_item("{\"pk\": {\"S\": \"a\"}, \"sk\": {\"N\": \"1\"}, \"s\": {\"SS\": "
	                     "[\"a\", \"a\"]}}"),
	          "ERR: item.s[1]: duplicate SS member \"a\"");
	CHECK_STR(check_item("{\"pk\": {\"S\": \"a\"}, \"sk\": {\"N\": \"" BIG "9\"}}"),
	          "ERR: item.sk: N \"" BIG "9\" has more than 38 significant digits");
	CHECK_STR(check_item("[]"), "ERR: an item is a JSON object");
}

static void test_format_names(void)
{
	enum ddb_xfmt f;

	CHECK(ddb_xfmt_parse("ddb", &f) == 0 && f == DDB_XFMT_DDB);
	CHECK(ddb_xfmt_parse("JSON", &f) == 0 && f == DDB_XFMT_JSON);
	CHECK(ddb_xfmt_parse("csv", &f) == 0 && f == DDB_XFMT_CSV);
	CHECK(ddb_xfmt_parse("scan", &f) == 0 && f == DDB_XFMT_SCAN);
	CHECK(ddb_xfmt_parse("auto", &f) == 0 && f == DDB_XFMT_AUTO);
	CHECK(ddb_xfmt_parse("xml", &f) == -1);
	CHECK_STR(ddb_xfmt_name(DDB_XFMT_CSV), "csv");
}

static const char *const pk_sk_table =
    "{\"TableName\": \"t\", \"AttributeDefinitions\": ["
    "{\"AttributeName\": \"pk\", \"AttributeType\": \"S\"},"
    "{\"AttributeName\": \"sk\", \"AttributeType\": \"N\"}],"
    "\"KeySchema\": [{\"AttributeName\": \"pk\", \"KeyType\": \"HASH\"},"
    "{\"AttributeName\": \"sk\", \"KeyType\": \"RANGE\"}]}";

static int fails_told;

static void count_fail(void *ud, const cJSON *item, const struct ddb_error *err)
{
	(void)ud;
	(void)item;
	(void)err;
	fails_told++;
}

static void test_export_pages(void)
{
	struct ddb_table_spec spec;
	struct ddb_export x;
	struct ddb_error err;
	cJSON *d = parse(pk_sk_table);
	cJSON *p1 = parse("[{\"pk\": {\"S\": \"a\"}, \"sk\": {\"N\": \"1\"},"
	                  " \"b\": {\"S\": \"x,y\"}},"
	                  "{\"pk\": {\"S\": \"b\"}, \"sk\": {\"N\": \"x\"}},"
	                  "{\"sk\": {\"N\": \"2\"}, \"a\": {\"BOOL\": true},"
	                  " \"pk\": {\"S\": \"c\"}}]");
	cJSON *p2 = parse("[{\"pk\": {\"S\": \"d\"}, \"sk\": {\"N\": \"3\"}},"
	                  "{\"pk\": {\"S\": \"e\"}, \"sk\": {\"N\": \"4\"}}]");

	ddb_table_spec_init(&spec);
	CHECK(ddb_table_spec_from_describe(&spec, d, &err) == 0);
	ddb_export_init(&x, DDB_XFMT_CSV);
	x.spec = &spec;
	x.limit = 4;
	x.fail = count_fail;
	fails_told = 0;
	/* the keys, then the first page's other attributes by name; a bad number fails its row */
	CHECK(ddb_export_page(&x, p1) == 0);
	CHECK_STR(ddb_buf_str(&x.out), "pk,sk,a,b\r\na,1,,\"x,y\"\r\nc,2,true,\r\n");
	CHECK(x.seen == 3 && x.written == 2 && x.failed == 1 && fails_told == 1);
	/* the limit counts the failed item too */
	CHECK(ddb_export_page(&x, p2) == 1);
	CHECK_STR(ddb_buf_str(&x.out), "d,3,,\r\n");
	ddb_export_end(&x);
	CHECK_STR(ddb_buf_str(&x.out), "");
	ddb_export_done(&x);

	/* no page: the header alone; columns given are kept as given */
	ddb_export_init(&x, DDB_XFMT_CSV);
	x.spec = &spec;
	ddb_export_add_column(&x, "z");
	ddb_export_add_column(&x, "pk");
	ddb_export_add_column(&x, "z");
	ddb_export_end(&x);
	CHECK_STR(ddb_buf_str(&x.out), "z,pk\r\n");
	ddb_export_done(&x);

	ddb_export_init(&x, DDB_XFMT_DDB);
	x.spec = &spec;
	CHECK(ddb_export_page(&x, p2) == 0);
	CHECK_STR(ddb_buf_str(&x.out), "{\"Item\":{\"pk\":{\"S\":\"d\"},\"sk\":{\"N\":\"3\"}}}\n"
	                               "{\"Item\":{\"pk\":{\"S\":\"e\"},\"sk\":{\"N\":\"4\"}}}\n");
	ddb_export_end(&x);
	CHECK_STR(ddb_buf_str(&x.out), "");
	ddb_export_done(&x);
	cJSON_Delete(p1);
	cJSON_Delete(p2);
	cJSON_Delete(d);
	ddb_table_spec_done(&spec);
}

/* The steps through text, one letter each (I item, R reject, S skip, E end, F fail), with where
 * after items and rejects. */
static const char *steps(const char *text, enum ddb_xfmt fmt)
{
	struct ddb_import_reader r;
	struct ddb_buf b = DDB_BUF_INIT;
	FILE *f = tmpfile();
	enum ddb_import_step st;

	if (!f) {
		unit_case_failed = 1;
		return "no tmpfile";
	}
	fputs(text, f);
	rewind(f);
	ddb_import_reader_init(&r, f, fmt);
	do {
		struct ddb_error err;
		cJSON *item;
		long where = 0;

		ddb_error_clear(&err);
		st = ddb_import_next(&r, &item, &where, &err);
		cJSON_Delete(item);
		ddb_buf_putc(&b, "IRSEF"[st]);
		if (st == DDB_IMPORT_ITEM || st == DDB_IMPORT_REJECT)
			ddb_buf_printf(&b, "%ld", where);
		if (st == DDB_IMPORT_FAIL)
			ddb_buf_printf(&b, "(%s)", err.message);
		ddb_buf_putc(&b, ' ');
	} while (st != DDB_IMPORT_END && st != DDB_IMPORT_FAIL && b.len < 200);
	ddb_buf_printf(&b, "%s %s %ld", r.unit, ddb_xfmt_name(r.fmt), ddb_import_position(&r));
	snprintf(out, sizeof(out), "%s", ddb_buf_str(&b));
	ddb_buf_done(&b);
	ddb_import_reader_done(&r);
	fclose(f);
	return out;
}

static void test_import_reader(void)
{
	CHECK_STR(steps("\n{\"pk\": \"a\"}\r\nnot json\n  \t\n{\"pk\": \"b\"}", DDB_XFMT_AUTO),
	          "S I2 R3 S I5 E line json 5");
	CHECK_STR(steps("{\n \"Items\": [{\"pk\": {\"S\": \"a\"}}, {\"pk\": {\"S\": \"b\"}}],\n"
	                " \"Count\": 2\n}\n",
	                DDB_XFMT_AUTO),
	          "S I1 I2 E item auto 2");
	CHECK_STR(steps("{\"Items\": []}\n", DDB_XFMT_SCAN), "S E item scan 0");
	CHECK_STR(steps("{\n \"Count\": 2\n}\n", DDB_XFMT_AUTO),
	          "F(no \"Items\" array) line auto 1");
	CHECK_STR(steps("", DDB_XFMT_DDB), "E line ddb 0");
}

static void test_import_chunk(void)
{
	struct ddb_table_spec spec;
	struct ddb_import_chunk c;
	struct ddb_error err, e2;
	cJSON *d = parse(pk_sk_table), *again, *writes;
	char *s;

	ddb_table_spec_init(&spec);
	CHECK(ddb_table_spec_from_describe(&spec, d, &err) == 0);
	ddb_import_chunk_init(&c);
	CHECK(ddb_import_chunk_add(&c, parse("{\"pk\": {\"S\": \"a\"}, \"sk\": {\"N\": \"1\"}}"), 7,
	                           &spec) == 0);
	CHECK(ddb_import_chunk_add(&c, parse("{\"pk\": {\"S\": \"a\"}, \"sk\": {\"N\": \"2\"}}"), 9,
	                           &spec) == 0);
	again = parse("{\"x\": {\"S\": \"y\"}, \"sk\": {\"N\": \"1\"}, \"pk\": {\"S\": \"a\"}}");
	CHECK(ddb_import_chunk_add(&c, again, 10, &spec) == 1); /* the same key: left to us */
	cJSON_Delete(again);
	CHECK(c.n == 2 && c.where[0] == 7 && c.where[1] == 9);
	CHECK_STR(c.keys[1], "{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"2\"}}");
	writes = ddb_import_chunk_writes(&c);
	s = cJSON_PrintUnformatted(writes);
	CHECK_STR(s, "[{\"PutRequest\":{\"Item\":{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"1\"}}}},"
	             "{\"PutRequest\":{\"Item\":{\"pk\":{\"S\":\"a\"},\"sk\":{\"N\":\"2\"}}}}]");
	free(s);
	cJSON_Delete(writes);
	ddb_import_chunk_clear(&c);
	CHECK(c.n == 0 && cJSON_GetArraySize(c.items) == 0);
	ddb_import_chunk_done(&c);

	ddb_error_clear(&e2);
	e2.kind = DDB_ERR_SERVICE;
	snprintf(e2.type, sizeof(e2.type), "ValidationException");
	CHECK(ddb_import_item_level(&e2));
	snprintf(e2.type, sizeof(e2.type), "ProvisionedThroughputExceededException");
	CHECK(!ddb_import_item_level(&e2));
	e2.kind = DDB_ERR_NETWORK;
	CHECK(!ddb_import_item_level(&e2));
	cJSON_Delete(d);
	ddb_table_spec_done(&spec);
}

int main(void)
{
	RUN(test_export_lines);
	RUN(test_has_typed);
	RUN(test_csv);
	RUN(test_import_lines);
	RUN(test_looks_like_scan);
	RUN(test_check_for_table);
	RUN(test_format_names);
	RUN(test_export_pages);
	RUN(test_import_reader);
	RUN(test_import_chunk);
	UNIT_EXIT();
}
