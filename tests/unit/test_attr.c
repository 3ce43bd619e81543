/* test_attr.c - attribute values: types, N and B values, validation, plain JSON both ways (numbers
 * themselves in test_number.c, base64 in test_base64.c). */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ddb/attr.h"
#include "ddb/buf.h"
#include "ddb/json.h"
#include "unit.h"

#define BIG   "12345678901234567890123456789012345678"
#define BIG39 "123456789012345678901234567890123456789"

/* Results live in a small ring so checks can use them inline; freed at exit. */
static char *ring[16];
static int ring_pos;

static const char *keep(char *s)
{
	free(ring[ring_pos]);
	ring[ring_pos] = s;
	ring_pos = (ring_pos + 1) % 16;
	return s;
}

static void ring_free(void)
{
	int i;

	for (i = 0; i < 16; i++) {
		free(ring[i]);
		ring[i] = NULL;
	}
}

static cJSON *parse(const char *text)
{
	struct ddb_error err = {0};
	cJSON *t = ddb_json_parse(text, strlen(text), &err);

	if (!t) {
		printf("  test input does not parse: %s\n  %s\n", err.message, text);
		unit_case_failed = 1;
	}
	return t;
}

/* Prints and frees t; "ERR: message" when t is NULL. */
static const char *show(cJSON *t, const struct ddb_error *err)
{
	struct ddb_buf b = DDB_BUF_INIT;
	char *s;

	if (!t) {
		ddb_buf_printf(&b, "ERR: %s", err->message);
		return keep(ddb_buf_steal(&b));
	}
	s = cJSON_PrintUnformatted(t);
	cJSON_Delete(t);
	return keep(s);
}

/* The conversions, text in and text out. */
static const char *to_plain(const char *av_text)
{
	struct ddb_error err;
	cJSON *av = parse(av_text), *out;

	ddb_error_clear(&err);
	out = ddb_attr_to_plain(av, &err);
	if (!out)
		CHECK(err.kind == DDB_ERR_PARSE);
	cJSON_Delete(av);
	return show(out, &err);
}

static const char *from_plain(const char *plain_text, const char *hint_text)
{
	struct ddb_error err;
	cJSON *pl = parse(plain_text), *hint = hint_text ? parse(hint_text) : NULL, *out;

	ddb_error_clear(&err);
	out = ddb_attr_from_plain(pl, hint, NULL, &err);
	if (!out)
		CHECK(err.kind == DDB_ERR_PARSE);
	cJSON_Delete(pl);
	cJSON_Delete(hint);
	return show(out, &err);
}

static const char *item_to_plain(const char *item_text)
{
	struct ddb_error err;
	cJSON *item = parse(item_text), *out;

	ddb_error_clear(&err);
	out = ddb_item_to_plain(item, &err);
	cJSON_Delete(item);
	return show(out, &err);
}

static const char *item_from_plain(const char *plain_text, const char *hint_text)
{
	struct ddb_error err;
	cJSON *pl = parse(plain_text), *hint = hint_text ? parse(hint_text) : NULL, *out;

	ddb_error_clear(&err);
	out = ddb_item_from_plain(pl, hint, &err);
	cJSON_Delete(pl);
	cJSON_Delete(hint);
	return show(out, &err);
}

/* "OK" or the message of ddb_item_validate / ddb_attr_validate. */
static const char *item_check(const char *item_text)
{
	struct ddb_error err;
	cJSON *item = parse(item_text);
	int rc;

	ddb_error_clear(&err);
	rc = ddb_item_validate(item, &err);
	cJSON_Delete(item);
	return rc == 0 ? "OK" : keep(strdup(err.message));
}

static const char *attr_check(const char *av_text, const char *path)
{
	struct ddb_error err;
	cJSON *av = parse(av_text);
	int rc;

	ddb_error_clear(&err);
	rc = ddb_attr_validate(av, path, &err);
	cJSON_Delete(av);
	return rc == 0 ? "OK" : keep(strdup(err.message));
}

static enum ddb_type type_of(const char *av_text)
{
	cJSON *av = parse(av_text);
	enum ddb_type t = ddb_attr_type(av);

	cJSON_Delete(av);
	return t;
}

static void test_type_names(void)
{
	CHECK_STR(ddb_type_name(DDB_T_S), "S");
	CHECK_STR(ddb_type_name(DDB_T_N), "N");
	CHECK_STR(ddb_type_name(DDB_T_B), "B");
	CHECK_STR(ddb_type_name(DDB_T_SS), "SS");
	CHECK_STR(ddb_type_name(DDB_T_NS), "NS");
	CHECK_STR(ddb_type_name(DDB_T_BS), "BS");
	CHECK_STR(ddb_type_name(DDB_T_M), "M");
	CHECK_STR(ddb_type_name(DDB_T_L), "L");
	CHECK_STR(ddb_type_name(DDB_T_NULL), "NULL");
	CHECK_STR(ddb_type_name(DDB_T_BOOL), "BOOL");
	CHECK_STR(ddb_type_name(DDB_T_INVALID), "?");
	CHECK_STR(ddb_type_name((enum ddb_type)99), "?");
}

static void test_attr_type(void)
{
	CHECK(type_of("{\"S\":\"x\"}") == DDB_T_S);
	CHECK(type_of("{\"N\":\"1\"}") == DDB_T_N);
	CHECK(type_of("{\"B\":\"AA==\"}") == DDB_T_B);
	CHECK(type_of("{\"SS\":[\"a\"]}") == DDB_T_SS);
	CHECK(type_of("{\"NS\":[\"1\"]}") == DDB_T_NS);
	CHECK(type_of("{\"BS\":[\"AA==\"]}") == DDB_T_BS);
	CHECK(type_of("{\"M\":{}}") == DDB_T_M);
	CHECK(type_of("{\"L\":[]}") == DDB_T_L);
	CHECK(type_of("{\"NULL\":true}") == DDB_T_NULL);
	CHECK(type_of("{\"BOOL\":false}") == DDB_T_BOOL);
	/* Malformed at the top level. */
	CHECK(type_of("{}") == DDB_T_INVALID);
	CHECK(type_of("{\"S\":\"x\",\"N\":\"1\"}") == DDB_T_INVALID);
	CHECK(type_of("{\"X\":\"x\"}") == DDB_T_INVALID);
	CHECK(type_of("{\"s\":\"x\"}") == DDB_T_INVALID);
	CHECK(type_of("{\"N\":1}") == DDB_T_INVALID);
	CHECK(type_of("{\"M\":[]}") == DDB_T_INVALID);
	CHECK(type_of("{\"L\":{}}") == DDB_T_INVALID);
	CHECK(type_of("{\"BOOL\":\"true\"}") == DDB_T_INVALID);
	CHECK(type_of("[\"S\",\"x\"]") == DDB_T_INVALID);
	CHECK(type_of("\"x\"") == DDB_T_INVALID);
	CHECK(ddb_attr_type(NULL) == DDB_T_INVALID);
}

static void test_to_plain_types(void)
{
	CHECK_STR(to_plain("{\"S\":\"hello\"}"), "\"hello\"");
	CHECK_STR(to_plain("{\"S\":\"\"}"), "\"\"");
	CHECK_STR(to_plain("{\"N\":\"42\"}"), "42");
	CHECK_STR(to_plain("{\"N\":\"-1.5e-3\"}"), "-1.5e-3");
	CHECK_STR(to_plain("{\"N\":\"1.5E+3\"}"), "1.5E+3");
	CHECK_STR(to_plain("{\"N\":\"-0.01\"}"), "-0.01");
	CHECK_STR(to_plain("{\"N\":\"" BIG "\"}"), BIG);
	CHECK_STR(to_plain("{\"N\":\"-0." BIG "E-90\"}"), "-0." BIG "E-90");
	CHECK_STR(to_plain("{\"B\":\"aGk=\"}"), "\"aGk=\"");
	CHECK_STR(to_plain("{\"SS\":[\"a\",\"b\"]}"), "[\"a\",\"b\"]");
	CHECK_STR(to_plain("{\"NS\":[\"1\",\"" BIG "\",\"-2.5e7\"]}"), "[1," BIG ",-2.5e7]");
	CHECK_STR(to_plain("{\"BS\":[\"aGk=\",\"AA==\"]}"), "[\"aGk=\",\"AA==\"]");
	CHECK_STR(to_plain("{\"M\":{}}"), "{}");
	CHECK_STR(to_plain("{\"L\":[]}"), "[]");
	CHECK_STR(to_plain("{\"NULL\":true}"), "null");
	CHECK_STR(to_plain("{\"BOOL\":true}"), "true");
	CHECK_STR(to_plain("{\"BOOL\":false}"), "false");
	CHECK_STR(
	    to_plain("{\"M\":{\"a\":{\"L\":[{\"N\":\"1\"},{\"M\":{\"b\":{\"SS\":[\"x\"]},"
	             "\"c\":{\"NULL\":true}}},{\"L\":[{\"BOOL\":false}]}]},\"d\":{\"S\":\"e\"}}}"),
	    "{\"a\":[1,{\"b\":[\"x\"],\"c\":null},[false]],\"d\":\"e\"}");
}

/* N texts that DynamoDB accepts but JSON does not become the same value as a JSON number. */
static void test_to_plain_non_json_numbers(void)
{
	CHECK_STR(to_plain("{\"N\":\".5\"}"), "0.5");
	CHECK_STR(to_plain("{\"N\":\"5.\"}"), "5");
	CHECK_STR(to_plain("{\"N\":\"007\"}"), "7");
	CHECK_STR(to_plain("{\"N\":\"-.5E+3\"}"), "-500");
	CHECK_STR(to_plain("{\"N\":\"00.0100\"}"), "0.01");
	CHECK_STR(to_plain("{\"N\":\"-00\"}"), "0");
	CHECK_STR(to_plain("{\"N\":\".1e-100\"}"), "1E-101");
	CHECK_STR(to_plain("{\"N\":\"0012.50e100\"}"), "1.25E101");
	CHECK_STR(to_plain("{\"N\":\"." BIG "\"}"), "0." BIG);
	CHECK_STR(to_plain("{\"N\":\"." BIG "e38\"}"), BIG);
}

static void test_to_plain_errors(void)
{
	CHECK_STR(to_plain("{\"N\":\"abc\"}"), "ERR: value: N \"abc\" is not a number");
	CHECK_STR(to_plain("{\"N\":\"\"}"), "ERR: value: N \"\" is not a number");
	CHECK_STR(to_plain("{\"N\":\"1e200\"}"), "ERR: value: N \"1e200\" is out of range");
	CHECK_STR(to_plain("{\"N\":\"" BIG39 "\"}"),
	          "ERR: value: N \"" BIG39 "\" has more than 38 significant digits");
	CHECK_STR(to_plain("{\"B\":\"not base64\"}"),
	          "ERR: value: B \"not base64\" is not valid base64");
	CHECK_STR(to_plain("{\"NS\":[\"1\",\"x\"]}"),
	          "ERR: value[1]: NS member \"x\" is not a number");
	CHECK_STR(to_plain("{\"SS\":[\"a\",1]}"),
	          "ERR: value[1]: SS member must be a string, got a number");
	CHECK_STR(to_plain("{\"BS\":[\"@@@@\"]}"),
	          "ERR: value[0]: BS member \"@@@@\" is not valid base64");
	CHECK_STR(to_plain("{\"NULL\":false}"), "ERR: value: NULL value must be true");
	CHECK_STR(to_plain("{\"X\":1}"), "ERR: value: unknown type \"X\"");
	CHECK_STR(to_plain("{}"), "ERR: value: an attribute value has exactly one type key, this "
	                          "one has 0");
	CHECK_STR(to_plain("{\"S\":\"a\",\"N\":\"1\"}"),
	          "ERR: value: an attribute value has exactly one type key, this one has 2");
	CHECK_STR(to_plain("{\"S\":1}"), "ERR: value: S value must be a string, got a number");
	CHECK_STR(to_plain("{\"M\":[]}"), "ERR: value: M value must be an object, got an array");
	CHECK_STR(to_plain("\"x\""), "ERR: value: expected an attribute value like {\"S\": "
	                             "\"text\"}, got a string");
	CHECK_STR(to_plain("{\"M\":{\"a\":{\"L\":[{\"S\":\"x\"},{\"Q\":1}]}}}"),
	          "ERR: value.a[1]: unknown type \"Q\"");
	CHECK_STR(item_to_plain("{\"a\":{\"M\":{\"b c\":{\"N\":\"x\"}}}}"),
	          "ERR: item.a[\"b c\"]: N \"x\" is not a number");
	CHECK_STR(item_to_plain("[]"), "ERR: item: expected an object of attributes, got an array");
}

static void test_from_plain_types(void)
{
	CHECK_STR(from_plain("\"hello\"", NULL), "{\"S\":\"hello\"}");
	CHECK_STR(from_plain("42", NULL), "{\"N\":\"42\"}");
	CHECK_STR(from_plain("-1.5e-3", NULL), "{\"N\":\"-1.5e-3\"}");
	CHECK_STR(from_plain("1E+125", NULL), "{\"N\":\"1E+125\"}");
	CHECK_STR(from_plain(BIG, NULL), "{\"N\":\"" BIG "\"}");
	CHECK_STR(from_plain("-" BIG "e-10", NULL), "{\"N\":\"-" BIG "e-10\"}");
	CHECK_STR(from_plain("true", NULL), "{\"BOOL\":true}");
	CHECK_STR(from_plain("false", NULL), "{\"BOOL\":false}");
	CHECK_STR(from_plain("null", NULL), "{\"NULL\":true}");
	CHECK_STR(from_plain("[]", NULL), "{\"L\":[]}");
	CHECK_STR(from_plain("{}", NULL), "{\"M\":{}}");
	CHECK_STR(from_plain("[\"a\",\"a\",1]", NULL),
	          "{\"L\":[{\"S\":\"a\"},{\"S\":\"a\"},{\"N\":\"1\"}]}");
	CHECK_STR(from_plain("{\"a\":[1,{\"b\":null}],\"c\":{\"d\":[]}}", NULL),
	          "{\"M\":{\"a\":{\"L\":[{\"N\":\"1\"},{\"M\":{\"b\":{\"NULL\":true}}}]},"
	          "\"c\":{\"M\":{\"d\":{\"L\":[]}}}}}");
	/* Without a hint, base64-looking strings stay strings. */
	CHECK_STR(from_plain("\"aGk=\"", NULL), "{\"S\":\"aGk=\"}");
}

/* Trees from cJSON_Parse hold doubles; those work too (within a double's precision). */
static void test_from_plain_cjson_numbers(void)
{
	struct ddb_error err;
	cJSON *pl = cJSON_Parse("{\"a\":1.5,\"b\":-20,\"c\":[0.1],\"d\":1e100}"), *out;
	const char *s;

	out = ddb_item_from_plain(pl, NULL, &err);
	s = show(out, &err);
	CHECK_STR(s, "{\"a\":{\"N\":\"1.5\"},\"b\":{\"N\":\"-20\"},\"c\":{\"L\":[{\"N\":\"0.1\"}]},"
	             "\"d\":{\"N\":\"1e+100\"}}");
	cJSON_Delete(pl);
	pl = cJSON_Parse("[1,2]");
	out = ddb_attr_from_plain(pl, NULL, "x", &err);
	CHECK_STR(show(out, &err), "{\"L\":[{\"N\":\"1\"},{\"N\":\"2\"}]}");
	cJSON_Delete(pl);
	/* cJSON_Parse turns 1e200 into a double; it is still out of DynamoDB's range. */
	pl = cJSON_Parse("{\"x\":[1e200]}");
	out = ddb_item_from_plain(pl, NULL, &err);
	CHECK_STR(show(out, &err), "ERR: item.x[0]: number \"1e+200\" is out of range");
	cJSON_Delete(pl);
	/* A raw item that is not a number is refused, not passed through. */
	pl = cJSON_CreateRaw("{\"evil\":1}");
	out = ddb_attr_from_plain(pl, NULL, "v", &err);
	CHECK_STR(show(out, &err), "ERR: v: expected a JSON value, got raw JSON");
	cJSON_Delete(pl);
}

static void test_from_plain_invalid_numbers(void)
{
	CHECK_STR(from_plain(BIG39, NULL),
	          "ERR: value: number \"" BIG39 "\" has more than 38 significant digits");
	CHECK_STR(from_plain("1e200", NULL), "ERR: value: number \"1e200\" is out of range");
	CHECK_STR(from_plain("-1e-131", NULL), "ERR: value: number \"-1e-131\" is out of range");
	CHECK_STR(item_from_plain("{\"a\":{\"b\":[1,2," BIG39 "]}}", NULL),
	          "ERR: item.a.b[2]: number \"" BIG39 "\" has more than 38 significant digits");
	/* A string stays a string, whatever it looks like. */
	CHECK_STR(from_plain("\"abc\"", "{\"N\":\"1\"}"), "{\"S\":\"abc\"}");
	CHECK_STR(from_plain("\"\"", "{\"N\":\"1\"}"), "{\"S\":\"\"}");
}

static void test_hints_keep_types(void)
{
	CHECK_STR(from_plain("\"aGk=\"", "{\"B\":\"AA==\"}"), "{\"B\":\"aGk=\"}");
	CHECK_STR(from_plain("\"\"", "{\"B\":\"AA==\"}"), "{\"B\":\"\"}");
	CHECK_STR(from_plain("[\"b\",\"a\"]", "{\"SS\":[\"a\"]}"), "{\"SS\":[\"b\",\"a\"]}");
	CHECK_STR(from_plain("[3," BIG ",-1e-5]", "{\"NS\":[\"1\"]}"),
	          "{\"NS\":[\"3\",\"" BIG "\",\"-1e-5\"]}");
	CHECK_STR(from_plain("[\"aGk=\",\"AA==\"]", "{\"BS\":[\"AA==\"]}"),
	          "{\"BS\":[\"aGk=\",\"AA==\"]}");
	/* Numeric strings are unambiguous in an NS. */
	CHECK_STR(from_plain("[\"1\",2]", "{\"NS\":[\"1\"]}"), "{\"NS\":[\"1\",\"2\"]}");
	/* Hints reach into maps (by name, in any order) and lists (by index). */
	CHECK_STR(item_from_plain(
	              "{\"z\":[\"x\"],\"m\":{\"q\":[[\"aGk=\"]],\"p\":\"AA==\"}}",
	              "{\"m\":{\"M\":{\"p\":{\"B\":\"AQ==\"},\"q\":{\"L\":[{\"BS\":[\"AA==\"]}]}}},"
	              "\"z\":{\"SS\":[\"y\"]}}"),
	          "{\"z\":{\"SS\":[\"x\"]},\"m\":{\"M\":{\"q\":{\"L\":[{\"BS\":[\"aGk=\"]}]},"
	          "\"p\":{\"B\":\"AA==\"}}}}");
	/* Members the hint does not have get the default types. */
	CHECK_STR(
	    item_from_plain("{\"new\":[\"a\"],\"old\":[\"a\"]}", "{\"old\":{\"SS\":[\"b\"]}}"),
	    "{\"new\":{\"L\":[{\"S\":\"a\"}]},\"old\":{\"SS\":[\"a\"]}}");
}

static void test_hint_mismatch(void)
{
	/* The value does not fit the hinted type: the default type for what it is. */
	CHECK_STR(from_plain("\"not base64!\"", "{\"B\":\"AA==\"}"), "{\"S\":\"not base64!\"}");
	CHECK_STR(from_plain("\"abc\"", "{\"B\":\"AA==\"}"), "{\"S\":\"abc\"}");
	CHECK_STR(from_plain("5", "{\"B\":\"AA==\"}"), "{\"N\":\"5\"}");
	CHECK_STR(from_plain("\"a\"", "{\"SS\":[\"a\"]}"), "{\"S\":\"a\"}");
	CHECK_STR(from_plain("{\"a\":1}", "{\"NS\":[\"1\"]}"), "{\"M\":{\"a\":{\"N\":\"1\"}}}");
	CHECK_STR(from_plain("7", "{\"S\":\"x\"}"), "{\"N\":\"7\"}");
	CHECK_STR(from_plain("[\"x\"]", "{\"M\":{\"a\":{\"SS\":[\"x\"]}}}"),
	          "{\"L\":[{\"S\":\"x\"}]}");
	CHECK_STR(from_plain("{\"a\":[\"x\"]}", "{\"L\":[{\"SS\":[\"x\"]}]}"),
	          "{\"M\":{\"a\":{\"L\":[{\"S\":\"x\"}]}}}");
	CHECK_STR(from_plain("null", "{\"SS\":[\"x\"]}"), "{\"NULL\":true}");
	CHECK_STR(from_plain("[\"x\"]", "{\"S\":\"x\"}"), "{\"L\":[{\"S\":\"x\"}]}");
	/* A malformed hint is no hint. */
	CHECK_STR(from_plain("[\"x\"]", "{\"SS\":[\"x\"],\"S\":\"y\"}"), "{\"L\":[{\"S\":\"x\"}]}");
	CHECK_STR(from_plain("[\"x\"]", "[\"SS\"]"), "{\"L\":[{\"S\":\"x\"}]}");
	CHECK_STR(item_from_plain("{\"a\":[\"x\"]}", "[1]"), "{\"a\":{\"L\":[{\"S\":\"x\"}]}}");
	/* A list longer than the hinted list: the extra elements get no hint. */
	CHECK_STR(from_plain("[[\"a\"],[\"b\"]]", "{\"L\":[{\"SS\":[\"z\"]}]}"),
	          "{\"L\":[{\"SS\":[\"a\"]},{\"L\":[{\"S\":\"b\"}]}]}");
}

static void test_hint_set_errors(void)
{
	/* An array where a set was is that set, edited: what does not fit is an error. */
	CHECK_STR(from_plain("[]", "{\"SS\":[\"a\"]}"),
	          "ERR: value: empty SS (DynamoDB has no empty sets)");
	CHECK_STR(from_plain("[]", "{\"NS\":[\"1\"]}"),
	          "ERR: value: empty NS (DynamoDB has no empty sets)");
	CHECK_STR(from_plain("[]", "{\"BS\":[\"AA==\"]}"),
	          "ERR: value: empty BS (DynamoDB has no empty sets)");
	CHECK_STR(from_plain("[\"a\",\"b\",\"a\"]", "{\"SS\":[\"a\"]}"),
	          "ERR: value[2]: duplicate SS member \"a\"");
	CHECK_STR(from_plain("[1,2,\"1.0\",2]", "{\"NS\":[\"1\"]}"),
	          "ERR: value[2]: duplicate NS member \"1.0\"");
	CHECK_STR(from_plain("[\"AA==\",\"AQ==\",\"AA==\"]", "{\"BS\":[\"AA==\"]}"),
	          "ERR: value[2]: duplicate BS member \"AA==\"");
	CHECK_STR(from_plain("[\"a\",1]", "{\"SS\":[\"a\"]}"),
	          "ERR: value[1]: SS member must be a string, got a number");
	CHECK_STR(from_plain("[1,\"x\"]", "{\"NS\":[\"1\"]}"),
	          "ERR: value[1]: NS member \"x\" is not a number");
	CHECK_STR(from_plain("[1,null]", "{\"NS\":[\"1\"]}"),
	          "ERR: value[1]: NS member must be a number, got null");
	CHECK_STR(from_plain("[1e999]", "{\"NS\":[\"1\"]}"),
	          "ERR: value[0]: NS member \"1e999\" is out of range");
	CHECK_STR(from_plain("[\"AA==\",\"no!e\"]", "{\"BS\":[\"AA==\"]}"),
	          "ERR: value[1]: BS member \"no!e\" is not valid base64");
	CHECK_STR(item_from_plain("{\"a\":{\"b\":[]}}", "{\"a\":{\"M\":{\"b\":{\"SS\":[\"x\"]}}}}"),
	          "ERR: item.a.b: empty SS (DynamoDB has no empty sets)");
	CHECK_STR(item_from_plain("[]", NULL), "ERR: item: expected a JSON object, got an array");
}

static void test_validate(void)
{
	CHECK_STR(
	    item_check("{\"pk\":{\"S\":\"a\"},\"n\":{\"N\":\"" BIG "\"},\"b\":{\"B\":\"aGk=\"},"
	               "\"ss\":{\"SS\":[\"a\",\"b\"]},\"ns\":{\"NS\":[\"1\",\"1.5\"]},"
	               "\"bs\":{\"BS\":[\"AA==\",\"AQ==\"]},\"m\":{\"M\":{\"x\":{\"L\":[]}}},"
	               "\"l\":{\"L\":[{\"NULL\":true},{\"BOOL\":false}]},\"e\":{\"S\":\"\"}}"),
	    "OK");
	CHECK_STR(item_check("{}"), "OK");
	CHECK_STR(item_check("{\"a\":{\"M\":{\"b\":{\"NS\":[\"1\",\"2\",\"x\"]}}}}"),
	          "item.a.b[2]: NS member \"x\" is not a number");
	CHECK_STR(item_check("{\"a\":{\"M\":{\"b\":{\"L\":[{\"S\":\"x\"},{\"S\":\"y\"},"
	                     "{\"NS\":[\"1\",\"x\"]}]}}}}"),
	          "item.a.b[2][1]: NS member \"x\" is not a number");
	CHECK_STR(item_check("{\"a\":{\"N\":\"1e200\"}}"), "item.a: N \"1e200\" is out of range");
	CHECK_STR(item_check("{\"a\":{\"N\":\"" BIG39 "\"}}"),
	          "item.a: N \"" BIG39 "\" has more than 38 significant digits");
	CHECK_STR(item_check("{\"a\":{\"N\":\"abc\"}}"), "item.a: N \"abc\" is not a number");
	CHECK_STR(item_check("{\"a\":{\"N\":\"\"}}"), "item.a: N \"\" is not a number");
	CHECK_STR(item_check("{\"a\":{\"B\":\"aGk\"}}"), "item.a: B \"aGk\" is not valid base64");
	CHECK_STR(item_check("{\"a\":{\"SS\":[]}}"),
	          "item.a: empty SS (DynamoDB has no empty sets)");
	CHECK_STR(item_check("{\"a\":{\"NS\":[]}}"),
	          "item.a: empty NS (DynamoDB has no empty sets)");
	CHECK_STR(item_check("{\"a\":{\"BS\":[]}}"),
	          "item.a: empty BS (DynamoDB has no empty sets)");
	CHECK_STR(item_check("{\"a\":{\"SS\":[\"x\",\"y\",\"x\"]}}"),
	          "item.a[2]: duplicate SS member \"x\"");
	/* Numbers are the same by value, not by text. */
	CHECK_STR(item_check("{\"a\":{\"NS\":[\"100\",\"1E2\"]}}"),
	          "item.a[1]: duplicate NS member \"1E2\"");
	CHECK_STR(item_check("{\"a\":{\"NS\":[\"0\",\"-0.0\"]}}"),
	          "item.a[1]: duplicate NS member \"-0.0\"");
	CHECK_STR(item_check("{\"a\":{\"NS\":[\"1\",\"-1\",\"10\",\"0.1\"]}}"), "OK");
	CHECK_STR(item_check("{\"a\":{\"BS\":[\"AAA=\",\"AA==\",\"AAA=\"]}}"),
	          "item.a[2]: duplicate BS member \"AAA=\"");
	/* The earliest repeat is reported, whatever the sort order. */
	CHECK_STR(item_check("{\"a\":{\"SS\":[\"z\",\"a\",\"z\",\"a\"]}}"),
	          "item.a[2]: duplicate SS member \"z\"");
	CHECK_STR(item_check("{\"a\":{\"SS\":[\"x\",2]}}"),
	          "item.a[1]: SS member must be a string, got a number");
	CHECK_STR(item_check("{\"a\":{\"NULL\":false}}"), "item.a: NULL value must be true");
	CHECK_STR(item_check("{\"a\":{\"BOOL\":\"yes\"}}"),
	          "item.a: BOOL value must be true or false, got a string");
	CHECK_STR(item_check("{\"a\":{\"NULL\":null}}"),
	          "item.a: NULL value must be true, got null");
	CHECK_STR(item_check("{\"a\":{\"Z\":1}}"), "item.a: unknown type \"Z\"");
	CHECK_STR(item_check("{\"a\":\"x\"}"),
	          "item.a: expected an attribute value like {\"S\": \"text\"}, got a string");
	CHECK_STR(item_check("{\"\":{\"S\":\"x\"}}"), "item: empty attribute name");
	CHECK_STR(item_check("[]"), "item: expected an object of attributes, got an array");
	CHECK_STR(item_check("{\"a.b\":{\"M\":{\"c\\\"d\":{\"N\":\"x\"}}}}"),
	          "item[\"a.b\"][\"c\\\"d\"]: N \"x\" is not a number");
	CHECK_STR(attr_check("{\"L\":[{\"N\":\"1\"},{\"M\":{\"k\":{\"B\":\"!\"}}}]}", "item.x"),
	          "item.x[1].k: B \"!\" is not valid base64");
	CHECK_STR(attr_check("{\"N\":\"x\"}", NULL), "value: N \"x\" is not a number");
	CHECK_STR(attr_check("{\"L\":[]}", NULL), "OK");
	CHECK_STR(attr_check("{\"M\":{}}", NULL), "OK");
}

/* An item with every type, 38-digit numbers and nesting, for the round trips. */
static const char *const full_item =
    "{\"pk\":{\"S\":\"user#1\"},\"big\":{\"N\":\"" BIG "\"},\"neg\":{\"N\":\"-" BIG "\"},"
    "\"tiny\":{\"N\":\"1.5E-130\"},\"exp\":{\"N\":\"-2.5e+125\"},\"zero\":{\"N\":\"0\"},"
    "\"bin\":{\"B\":\"3q2+7w==\"},\"ss\":{\"SS\":[\"b\",\"a\",\"\xc3\xa9t\xc3\xa9\"]},"
    "\"ns\":{\"NS\":[\"" BIG "\",\"-0.5\",\"1e3\"]},\"bs\":{\"BS\":[\"AA==\",\"AAE=\"]},"
    "\"m\":{\"M\":{\"inner\":{\"M\":{\"deep\":{\"SS\":[\"x\"]},\"b\":{\"B\":\"\"}}},"
    "\"list\":{\"L\":[{\"NS\":[\"7\"]},{\"BS\":[\"/w==\"]},{\"L\":[{\"B\":\"AQID\"}]},"
    "{\"NULL\":true},{\"BOOL\":false},{\"S\":\"s\"},{\"N\":\"-1e-5\"}]}}},"
    "\"nil\":{\"NULL\":true},\"yes\":{\"BOOL\":true},\"empty_s\":{\"S\":\"\"},"
    "\"emoji\":{\"S\":\"\xf0\x9f\x98\x80 \xe6\x97\xa5\xe6\x9c\xac \\\"q\\\" \\\\ \\n\"}}";

static void test_round_trip_raw_plain_raw(void)
{
	struct ddb_error err;
	cJSON *item = parse(full_item), *plain, *back;
	char *a, *b, *ptext;

	CHECK_STR(item_check(full_item), "OK");
	plain = ddb_item_to_plain(item, &err);
	CHECK(plain != NULL);
	/* Through text too, as the editor does: print, parse again. */
	ptext = cJSON_PrintUnformatted(plain);
	cJSON_Delete(plain);
	CHECK(strstr(ptext, "\"big\":" BIG ",") != NULL);
	CHECK(strstr(ptext, "\"neg\":-" BIG ",") != NULL);
	CHECK(strstr(ptext, "\"ns\":[" BIG ",-0.5,1e3]") != NULL);
	plain = parse(ptext);
	back = ddb_item_from_plain(plain, item, &err);
	CHECK(back != NULL);
	a = cJSON_PrintUnformatted(item);
	b = back ? cJSON_PrintUnformatted(back) : NULL;
	CHECK_STR(b, a);
	CHECK(back && cJSON_Compare(back, item, 1));
	free(a);
	free(b);
	free(ptext);
	cJSON_Delete(plain);
	cJSON_Delete(back);
	cJSON_Delete(item);
}

static void test_round_trip_plain_raw_plain(void)
{
	const char *text = "{\"a\":" BIG ",\"b\":-" BIG "e-20,\"c\":[1,\"two\",[3.0,{}]],"
	                   "\"d\":{\"e\":null,\"f\":true,\"g\":\"\xe2\x82\xac\\u0001\"},"
	                   "\"h\":-0.000000000000000000000000000000000001,\"i\":[]}";
	struct ddb_error err;
	cJSON *plain = parse(text), *item, *back;
	char *s;

	item = ddb_item_from_plain(plain, NULL, &err);
	CHECK(item != NULL);
	back = ddb_item_to_plain(item, &err);
	s = back ? cJSON_PrintUnformatted(back) : NULL;
	CHECK_STR(s, "{\"a\":" BIG ",\"b\":-" BIG "e-20,\"c\":[1,\"two\",[3.0,{}]],"
	             "\"d\":{\"e\":null,\"f\":true,\"g\":\"\xe2\x82\xac\\u0001\"},"
	             "\"h\":-0.000000000000000000000000000000000001,\"i\":[]}");
	free(s);
	s = item ? cJSON_PrintUnformatted(cJSON_GetObjectItemCaseSensitive(item, "a")) : NULL;
	CHECK_STR(s, "{\"N\":\"" BIG "\"}");
	free(s);
	cJSON_Delete(back);
	cJSON_Delete(item);
	cJSON_Delete(plain);
}

static void test_unicode_byte_for_byte(void)
{
	/* Every UTF-8 length, a right-to-left script, a combining mark, an emoji with modifier. */
	const char *s = "a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80 \xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d "
	                "e\xcc\x81 \xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd \xef\xbf\xbd";
	struct ddb_buf b = DDB_BUF_INIT;
	struct ddb_error err;
	cJSON *av, *plain, *back;

	ddb_buf_printf(&b, "{\"S\":\"%s\"}", s);
	av = parse(ddb_buf_str(&b));
	CHECK_STR(av ? av->child->valuestring : NULL, s);
	plain = ddb_attr_to_plain(av, &err);
	CHECK_STR(plain ? plain->valuestring : NULL, s);
	back = ddb_attr_from_plain(plain, av, NULL, &err);
	CHECK_STR(back ? back->child->valuestring : NULL, s);
	CHECK_STR(show(back, &err), ddb_buf_str(&b));
	cJSON_Delete(plain);
	cJSON_Delete(av);
	/* Keys too. */
	CHECK_STR(item_to_plain("{\"\xe5\x90\x8d\":{\"S\":\"\xe5\x80\xa4\"}}"),
	          "{\"\xe5\x90\x8d\":\"\xe5\x80\xa4\"}");
	CHECK_STR(item_from_plain("{\"\xe5\x90\x8d\":\"\xe5\x80\xa4\"}", NULL),
	          "{\"\xe5\x90\x8d\":{\"S\":\"\xe5\x80\xa4\"}}");
	ddb_buf_done(&b);
}

static void test_builders(void)
{
	cJSON *item = cJSON_CreateObject(), *c;
	char *s;

	cJSON_AddItemToObject(item, "pk", ddb_attr_s("user#1"));
	cJSON_AddItemToObject(item, "n", ddb_attr_n(BIG));
	cJSON_AddItemToObject(item, "e", ddb_attr_s(""));
	s = cJSON_PrintUnformatted(item);
	CHECK_STR(s, "{\"pk\":{\"S\":\"user#1\"},\"n\":{\"N\":\"" BIG "\"},\"e\":{\"S\":\"\"}}");
	free(s);
	CHECK_STR(ddb_item_get_s(item, "pk"), "user#1");
	CHECK_STR(ddb_item_get_s(item, "e"), "");
	CHECK(ddb_item_get_s(item, "n") == NULL);
	CHECK(ddb_item_get_s(item, "missing") == NULL);
	CHECK(ddb_item_get_s(NULL, "pk") == NULL);
	CHECK(ddb_attr_type(cJSON_GetObjectItemCaseSensitive(item, "n")) == DDB_T_N);
	/* Built values are ordinary cJSON: appending to them works. */
	c = ddb_attr_s("x");
	cJSON_AddItemToObject(c, "extra", cJSON_CreateNull());
	CHECK(ddb_attr_type(c) == DDB_T_INVALID);
	cJSON_Delete(c);
	cJSON_Delete(item);
}

/* Converted trees follow cJSON's list conventions, so cJSON's editing functions work. */
static void test_result_tree_shape(void)
{
	struct ddb_error err;
	cJSON *pl = parse("{\"a\":[1,2],\"b\":{\"c\":1}}"), *item, *l;
	char *s;

	item = ddb_item_from_plain(pl, NULL, &err);
	l = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(item, "a"), "L");
	cJSON_AddItemToArray(l, ddb_attr_n("3"));
	cJSON_AddItemToObject(item, "z", ddb_attr_s("end"));
	cJSON_DeleteItemFromObjectCaseSensitive(item, "b");
	s = cJSON_PrintUnformatted(item);
	CHECK_STR(s, "{\"a\":{\"L\":[{\"N\":\"1\"},{\"N\":\"2\"},{\"N\":\"3\"}]},"
	             "\"z\":{\"S\":\"end\"}}");
	free(s);
	CHECK(item->child->prev == cJSON_GetObjectItemCaseSensitive(item, "z"));
	cJSON_Delete(item);
	cJSON_Delete(pl);
}

/* An item with an n-member SS, an n-member NS and n attributes, checked and converted both ways
 * (with itself as hint); returns the seconds that took. */
static double convert_seconds(int n)
{
	struct ddb_buf b = DDB_BUF_INIT;
	struct ddb_error err;
	cJSON *item, *plain, *back;
	clock_t t0;
	double secs;
	char *a, *z;
	int i;

	ddb_buf_puts(&b, "{\"ss\":{\"SS\":[");
	for (i = 0; i < n; i++)
		ddb_buf_printf(&b, "%s\"member-%d\"", i ? "," : "", i);
	ddb_buf_puts(&b, "]},\"ns\":{\"NS\":[");
	for (i = 0; i < n; i++)
		ddb_buf_printf(&b, "%s\"%d.5\"", i ? "," : "", i);
	ddb_buf_puts(&b, "]}");
	for (i = 0; i < n; i++)
		ddb_buf_printf(&b, ",\"attr%d\":{\"N\":\"%d\"}", i, i);
	ddb_buf_putc(&b, '}');
	item = parse(ddb_buf_str(&b));
	t0 = clock();
	CHECK(ddb_item_validate(item, &err) == 0);
	plain = ddb_item_to_plain(item, &err);
	back = ddb_item_from_plain(plain, item, &err);
	secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	/* Compared as text: cJSON_Compare looks every member up by name, quadratic here. */
	a = cJSON_PrintUnformatted(item);
	z = back ? cJSON_PrintUnformatted(back) : NULL;
	CHECK(z && strcmp(a, z) == 0);
	free(a);
	free(z);
	cJSON_Delete(back);
	cJSON_Delete(plain);
	cJSON_Delete(item);
	ddb_buf_done(&b);
	return secs;
}

/* Big sets and items stay fast (sorting for distinctness, an order-following hint lookup): four
 * times the size takes about four times as long (n log n allowed), not sixteen. A ratio, so it
 * holds under valgrind and sanitizers too. */
static void test_large(void)
{
	double small = convert_seconds(5000), big = convert_seconds(20000);

	if (small < 0.001)
		small = 0.001;
	if (big / small > 9.0) {
		printf("  5000 took %.3fs, 20000 took %.3fs\n", small, big);
		unit_case_failed = 1;
	}
}

int main(void)
{
	RUN(test_type_names);
	RUN(test_attr_type);
	RUN(test_to_plain_types);
	RUN(test_to_plain_non_json_numbers);
	RUN(test_to_plain_errors);
	RUN(test_from_plain_types);
	RUN(test_from_plain_cjson_numbers);
	RUN(test_from_plain_invalid_numbers);
	RUN(test_hints_keep_types);
	RUN(test_hint_mismatch);
	RUN(test_hint_set_errors);
	RUN(test_validate);
	RUN(test_round_trip_raw_plain_raw);
	RUN(test_round_trip_plain_raw_plain);
	RUN(test_unicode_byte_for_byte);
	RUN(test_builders);
	RUN(test_result_tree_shape);
	RUN(test_large);
	ring_free();
	UNIT_EXIT();
}
