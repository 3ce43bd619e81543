/* test_json.c - the exact-number JSON parser: grammar, strings, errors, limits, tree shape; the
 * skipper that finds where a value ends without parsing it. */
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ddb/buf.h"
#include "ddb/json.h"
#include "ddb/queue.h"
#include "unit.h"

/* Printed trees live in a small ring so checks can use them inline; freed at exit. */
static char *ring[8];
static int ring_pos;

static const char *keep(char *s)
{
	free(ring[ring_pos]);
	ring[ring_pos] = s;
	ring_pos = (ring_pos + 1) % 8;
	return s;
}

static void ring_free(void)
{
	int i;

	for (i = 0; i < 8; i++) {
		free(ring[i]);
		ring[i] = NULL;
	}
}

static cJSON *parse(const char *text, struct ddb_error *err)
{
	ddb_error_clear(err);
	return ddb_json_parse(text, strlen(text), err);
}

/* text parsed and printed back compactly, or "ERR: message". */
static const char *reprint(const char *text)
{
	struct ddb_error err;
	cJSON *t = parse(text, &err);
	struct ddb_buf b = DDB_BUF_INIT;

	if (!t) {
		ddb_buf_printf(&b, "ERR: %s", err.message);
		return keep(ddb_buf_steal(&b));
	}
	ddb_buf_puts(&b, "");
	{
		char *s = cJSON_PrintUnformatted(t);

		ddb_buf_puts(&b, s);
		free(s);
	}
	cJSON_Delete(t);
	return keep(ddb_buf_steal(&b));
}

/* The error message for text, or "OK" if it parses. */
static const char *error_of(const char *text, size_t len)
{
	struct ddb_error err;
	cJSON *t;

	ddb_error_clear(&err);
	t = ddb_json_parse(text, len, &err);
	if (t) {
		cJSON_Delete(t);
		return "OK";
	}
	CHECK(err.kind == DDB_ERR_PARSE);
	return keep(strdup(err.message));
}

static const char *error_str(const char *text)
{
	return error_of(text, strlen(text));
}

/* The single string a JSON text holds, decoded, or NULL. */
static const char *string_of(const char *text)
{
	struct ddb_error err;
	cJSON *t = parse(text, &err);
	const char *s = NULL;

	if (t && cJSON_IsString(t))
		s = keep(strdup(t->valuestring));
	cJSON_Delete(t);
	return s;
}

static void test_scalars(void)
{
	struct ddb_error err;
	cJSON *t;

	t = parse("true", &err);
	CHECK(cJSON_IsTrue(t));
	cJSON_Delete(t);
	t = parse(" false ", &err);
	CHECK(cJSON_IsFalse(t));
	cJSON_Delete(t);
	t = parse("\t\r\n null \n", &err);
	CHECK(cJSON_IsNull(t));
	cJSON_Delete(t);
	t = parse("\"hi\"", &err);
	CHECK(cJSON_IsString(t));
	CHECK_STR(t ? t->valuestring : NULL, "hi");
	cJSON_Delete(t);
	t = parse("-1.5e+3", &err);
	CHECK(cJSON_IsRaw(t));
	CHECK_STR(t ? t->valuestring : NULL, "-1.5e+3");
	cJSON_Delete(t);
	CHECK_STR(reprint("[]"), "[]");
	CHECK_STR(reprint("{}"), "{}");
	CHECK_STR(reprint(" [ ] "), "[]");
	CHECK_STR(reprint("{ }"), "{}");
}

static void test_numbers_exact(void)
{
	const char *big = "12345678901234567890123456789012345678";
	struct ddb_error err;
	cJSON *t;

	t = parse(big, &err);
	CHECK(cJSON_IsRaw(t));
	CHECK_STR(t ? t->valuestring : NULL, big);
	cJSON_Delete(t);
	CHECK_STR(
	    reprint("[12345678901234567890123456789012345678,-0."
	            "000000000000000000000000000000000000001]"),
	    "[12345678901234567890123456789012345678,-0.000000000000000000000000000000000000001]");
	CHECK_STR(
	    reprint("[0,-0,1.0,1.50,2e10,2E-10,3e+0,-0.0e-0,123456789012345678901234567890e999]"),
	    "[0,-0,1.0,1.50,2e10,2E-10,3e+0,-0.0e-0,123456789012345678901234567890e999]");
	CHECK_STR(reprint("{\"a\":[1,2.50,-0.0e10,{\"b\":null}],\"c\":\"x\",\"d\":true}"),
	          "{\"a\":[1,2.50,-0.0e10,{\"b\":null}],\"c\":\"x\",\"d\":true}");
}

static void test_numbers_invalid(void)
{
	static const char *const bad[] = {
	    "01",       "-",         "1.",  ".5",    "1e",  "1e+", "+1",  "0x10", "1.e5", "NaN",
	    "Infinity", "-Infinity", "--1", "1.5.2", "- 1", "00",  "-01", "1ee2", "[1,]", "[01]",
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		const char *e = error_str(bad[i]);

		if (strcmp(e, "OK") == 0) {
			printf("  accepted %s\n", bad[i]);
			unit_case_failed = 1;
		}
	}
	CHECK_STR(error_str("01"),
	          "line 1, column 2: invalid number: leading zeros are not allowed, "
	          "got '1'");
	CHECK_STR(error_str("[1.]"),
	          "line 1, column 4: invalid number: expected a digit after '.', "
	          "got ']'");
	CHECK_STR(error_str("-x"), "line 1, column 2: invalid number: expected a digit, got 'x'");
	CHECK_STR(error_str("1e"), "line 1, column 3: invalid number: expected a digit in the "
	                           "exponent, got end of input");
}

static void test_is_number(void)
{
	CHECK(ddb_json_is_number("0"));
	CHECK(ddb_json_is_number("-0.5e-7"));
	CHECK(ddb_json_is_number("12345678901234567890123456789012345678"));
	CHECK(ddb_json_is_number("1E+2"));
	CHECK(!ddb_json_is_number(""));
	CHECK(!ddb_json_is_number(NULL));
	CHECK(!ddb_json_is_number(".5"));
	CHECK(!ddb_json_is_number("5."));
	CHECK(!ddb_json_is_number("007"));
	CHECK(!ddb_json_is_number("1 "));
	CHECK(!ddb_json_is_number(" 1"));
	CHECK(!ddb_json_is_number("+1"));
	CHECK(!ddb_json_is_number("1e"));
	CHECK(!ddb_json_is_number("abc"));
}

static void test_number_text(void)
{
	char buf[64];
	cJSON *n;
	struct ddb_error err;

	n = cJSON_CreateNumber(1.5);
	CHECK_STR(ddb_json_number_text(n, buf), "1.5");
	cJSON_Delete(n);
	n = cJSON_CreateNumber(100);
	CHECK_STR(ddb_json_number_text(n, buf), "100");
	cJSON_Delete(n);
	n = cJSON_CreateNumber(0.1);
	CHECK_STR(ddb_json_number_text(n, buf), "0.1");
	cJSON_Delete(n);
	n = cJSON_CreateNumber(-2.5e-300);
	CHECK_STR(ddb_json_number_text(n, buf), "-2.5e-300");
	cJSON_Delete(n);
	n = cJSON_CreateNumber(1e21);
	CHECK_STR(ddb_json_number_text(n, buf), "1e+21");
	CHECK(ddb_json_is_number(ddb_json_number_text(n, buf)));
	cJSON_Delete(n);
	n = cJSON_CreateNumber(0.1 + 0.2); /* needs 17 digits to read back */
	CHECK_STR(ddb_json_number_text(n, buf), "0.30000000000000004");
	cJSON_Delete(n);
	n = cJSON_CreateNumber(NAN);
	CHECK(ddb_json_number_text(n, buf) == NULL);
	cJSON_Delete(n);
	n = cJSON_CreateString("1");
	CHECK(ddb_json_number_text(n, buf) == NULL);
	cJSON_Delete(n);
	n = cJSON_CreateRaw("{}");
	CHECK(ddb_json_number_text(n, buf) == NULL);
	cJSON_Delete(n);
	CHECK(ddb_json_number_text(NULL, buf) == NULL);
	n = parse("-12345678901234567890123456789012345678e-5", &err);
	CHECK_STR(ddb_json_number_text(n, buf), "-12345678901234567890123456789012345678e-5");
	cJSON_Delete(n);
	/* curses programs call setlocale(LC_ALL, ""); a comma locale must not leak into JSON. */
	if (setlocale(LC_NUMERIC, "de_DE.UTF-8") || setlocale(LC_NUMERIC, "fr_FR.UTF-8")) {
		n = cJSON_CreateNumber(2.25);
		CHECK_STR(ddb_json_number_text(n, buf), "2.25");
		cJSON_Delete(n);
		setlocale(LC_NUMERIC, "C");
	}
}

static void test_string_escapes(void)
{
	CHECK_STR(string_of("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\""), "\"\\/\b\f\n\r\t");
	CHECK_STR(string_of("\"\\u0041\\u00e9\\u20AC\""), "A\xc3\xa9\xe2\x82\xac");
	CHECK_STR(string_of("\"\\u007f\\u0080\\u07ff\\u0800\\uffff\""),
	          "\x7f\xc2\x80\xdf\xbf\xe0\xa0\x80\xef\xbf\xbf");
	/* U+1F600 as a surrogate pair; U+10FFFF the largest code point. */
	CHECK_STR(string_of("\"a\\ud83d\\ude00b\""), "a\xf0\x9f\x98\x80"
	                                             "b");
	CHECK_STR(string_of("\"\\uD83D\\uDE00\""), "\xf0\x9f\x98\x80");
	CHECK_STR(string_of("\"\\udbff\\udfff\""), "\xf4\x8f\xbf\xbf");
	CHECK_STR(string_of("\"\\u0001\""), "\x01");
	CHECK_STR(string_of("\"\""), "");
}

static void test_string_errors(void)
{
	CHECK_STR(error_str("\"\\ud83d\""),
	          "line 1, column 2: invalid \\u escape: unpaired high surrogate");
	CHECK_STR(error_str("\"ab\\ude00\""),
	          "line 1, column 4: invalid \\u escape: unpaired low surrogate");
	CHECK_STR(error_str("\"\\ud83d\\u0041\""),
	          "line 1, column 2: invalid \\u escape: unpaired high surrogate");
	CHECK_STR(error_str("\"\\ud83dx\""),
	          "line 1, column 2: invalid \\u escape: unpaired high surrogate");
	CHECK_STR(error_str("\"\\ud83d\\ud83d\""),
	          "line 1, column 2: invalid \\u escape: unpaired high surrogate");
	CHECK_STR(error_str("\"\\u12G4\""),
	          "line 1, column 2: invalid \\u escape: expected four hex digits");
	CHECK_STR(error_str("\"\\u12\""),
	          "line 1, column 2: invalid \\u escape: expected four hex digits");
	CHECK_STR(error_str("\"\\u0000\""),
	          "line 1, column 2: \\u0000 in a string is not supported");
	CHECK_STR(error_str("\"\\x41\""), "line 1, column 2: invalid escape in string");
	CHECK_STR(error_str("\"\\'\""), "line 1, column 2: invalid escape in string");
	CHECK_STR(error_str("\"abc"), "line 1, column 1: unterminated string");
	CHECK_STR(error_str("[\"abc\\\"]"), "line 1, column 2: unterminated string");
	CHECK_STR(error_str("\"a\tb\""),
	          "line 1, column 3: control character in string (write it as an escape such as "
	          "\\n)");
	CHECK_STR(error_str("{\"a\":\n\"line\nbreak\"}"),
	          "line 2, column 6: control character in string (write it as an escape such as "
	          "\\n)");
	CHECK_STR(error_str("'single'"), "line 1, column 1: expected a value, got '''");
}

static void test_utf8(void)
{
	const char *text = "\"h\xc3\xa9llo \xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e \xf0\x9f\x98\x80 "
	                   "\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d\"";

	/* Valid UTF-8 comes through byte for byte, and prints back the same. */
	CHECK_STR(string_of(text), "h\xc3\xa9llo \xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e "
	                           "\xf0\x9f\x98\x80 \xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d");
	CHECK_STR(reprint(text), text);
	CHECK_STR(reprint("{\"\xe9\x8d\xb5\":\"\xe5\x80\xa4\"}"),
	          "{\"\xe9\x8d\xb5\":\"\xe5\x80\xa4\"}");
	/* Invalid: stray continuation, 0xff, overlong '/', encoded surrogate, above U+10FFFF,
	 * truncated sequence. */
	CHECK_STR(error_str("\"a\x80\""), "line 1, column 3: invalid UTF-8 in string");
	CHECK_STR(error_str("\"\xff\""), "line 1, column 2: invalid UTF-8 in string");
	CHECK_STR(error_str("\"\xc0\xaf\""), "line 1, column 2: invalid UTF-8 in string");
	CHECK_STR(error_str("\"\xed\xa0\x80\""), "line 1, column 2: invalid UTF-8 in string");
	CHECK_STR(error_str("\"\xf4\x90\x80\x80\""), "line 1, column 2: invalid UTF-8 in string");
	CHECK_STR(error_str("\"\xe2\x82\""), "line 1, column 2: invalid UTF-8 in string");
	CHECK_STR(error_str("\"\xe0\x80\x80\""), "line 1, column 2: invalid UTF-8 in string");
	/* Columns count characters: the x is the 5th character, though the 6th byte. */
	CHECK_STR(error_str("\"\xc3\xa9\" x"),
	          "line 1, column 5: unexpected 'x' after the JSON value");
}

static void test_errors_line_column(void)
{
	CHECK_STR(error_str("{\n  \"a\": 1,\n  \"b\" 2\n}"),
	          "line 3, column 7: expected ':', got '2'");
	CHECK_STR(error_str("{\"a\": 1 \"b\": 2}"),
	          "line 1, column 9: expected ',' or '}', got '\"'");
	CHECK_STR(error_str("[1, 2\n\n  3]"), "line 3, column 3: expected ',' or ']', got '3'");
	CHECK_STR(error_str("{\"a\": 1,}"), "line 1, column 9: expected a string key, got '}'");
	CHECK_STR(error_str("{,}"), "line 1, column 2: expected a string key or '}', got ','");
	CHECK_STR(error_str("{1: 2}"), "line 1, column 2: expected a string key or '}', got '1'");
	CHECK_STR(error_str("[1,]"), "line 1, column 4: expected a value, got ']'");
	CHECK_STR(error_str("[,1]"), "line 1, column 2: expected a value, got ','");
	CHECK_STR(error_str("{\"a\":}"), "line 1, column 6: expected a value, got '}'");
	CHECK_STR(error_str("{\"a\""), "line 1, column 5: expected ':', got end of input");
	CHECK_STR(error_str("[1, 2"), "line 1, column 6: expected ',' or ']', got end of input");
	CHECK_STR(error_str(""), "line 1, column 1: expected a value, got end of input");
	CHECK_STR(error_str("  \n "), "line 2, column 2: expected a value, got end of input");
	CHECK_STR(error_str("tru"), "line 1, column 1: expected a value, got 't'");
	CHECK_STR(error_str("nul"), "line 1, column 1: expected a value, got 'n'");
	CHECK_STR(error_str("True"), "line 1, column 1: expected a value, got 'T'");
	CHECK_STR(error_str("[1]\x01"),
	          "line 1, column 4: unexpected byte 0x01 after the JSON value");
	CHECK_STR(error_str("\x0b"), "line 1, column 1: expected a value, got byte 0x0b");
	/* Comments are not JSON. */
	CHECK_STR(error_str("// x\n1"), "line 1, column 1: expected a value, got '/'");
}

static void test_trailing_garbage(void)
{
	CHECK_STR(error_str("{} x"), "line 1, column 4: unexpected 'x' after the JSON value");
	CHECK_STR(error_str("[1] [2]"), "line 1, column 5: unexpected '[' after the JSON value");
	CHECK_STR(error_str("1 2"), "line 1, column 3: unexpected '2' after the JSON value");
	CHECK_STR(error_str("\"a\"\"b\""),
	          "line 1, column 4: unexpected '\"' after the JSON value");
	CHECK_STR(error_str("truex"), "line 1, column 5: unexpected 'x' after the JSON value");
	CHECK_STR(error_str("1x"), "line 1, column 2: unexpected 'x' after the JSON value");
	CHECK_STR(error_str("{}\n\n}"), "line 3, column 1: unexpected '}' after the JSON value");
	/* An embedded NUL within len is garbage too. */
	CHECK_STR(error_of("[1]\0", 4),
	          "line 1, column 4: unexpected byte 0x00 after the JSON value");
	CHECK_STR(error_str("{}  \r\n\t "), "OK");
}

static void test_length_bounded(void)
{
	struct ddb_error err;
	/* Only len bytes are read: the text need not be NUL-terminated. */
	const char text[] = {'[', '1', ',', '2', ']', 'x', 'y'};
	const char cut[] = {'"', 'a', 'b'};
	const char num[] = {'1', '2'};
	cJSON *t;
	char *s;

	t = ddb_json_parse(text, 5, &err);
	CHECK(cJSON_GetArraySize(t) == 2);
	cJSON_Delete(t);
	CHECK_STR(error_of(cut, sizeof(cut)), "line 1, column 1: unterminated string");
	CHECK_STR(error_of("\"\\", 2), "line 1, column 1: unterminated string");
	CHECK_STR(error_of("\"\\u12", 5), "line 1, column 1: unterminated string");
	CHECK_STR(error_of("[tru", 4), "line 1, column 2: expected a value, got 't'");
	t = ddb_json_parse(num, 1, &err);
	s = cJSON_PrintUnformatted(t);
	CHECK_STR(s, "1");
	free(s);
	cJSON_Delete(t);
	CHECK(ddb_json_parse(NULL, 0, &err) == NULL);
	CHECK(err.kind == DDB_ERR_PARSE);
	/* A NULL err is allowed. */
	CHECK(ddb_json_parse("[", 1, NULL) == NULL);
}

static void test_bom(void)
{
	CHECK_STR(reprint("\xef\xbb\xbf{\"a\":1}"), "{\"a\":1}");
	CHECK_STR(error_str("\xef\xbb\xbf"),
	          "line 1, column 2: expected a value, got end of input");
}

static char *nested(int depth, char open, char close)
{
	char *s = malloc((size_t)depth * 2 + 1);
	int i;

	for (i = 0; i < depth; i++) {
		s[i] = open;
		s[depth + i] = close;
	}
	s[depth * 2] = '\0';
	return s;
}

static void test_depth_limit(void)
{
	struct ddb_buf b = DDB_BUF_INIT;
	char *s;
	int i;

	s = nested(512, '[', ']');
	CHECK_STR(error_str(s), "OK");
	free(s);
	s = nested(513, '[', ']');
	CHECK_STR(error_str(s), "line 1, column 513: nesting deeper than 512 levels");
	free(s);
	/* Hostile depth: an error, not a stack overflow. */
	s = nested(1000000, '[', ']');
	CHECK_STR(error_str(s), "line 1, column 513: nesting deeper than 512 levels");
	free(s);
	for (i = 0; i < 511; i++)
		ddb_buf_puts(&b, "{\"k\":");
	ddb_buf_puts(&b, "[1]");
	for (i = 0; i < 511; i++)
		ddb_buf_putc(&b, '}');
	CHECK_STR(error_str(ddb_buf_str(&b)), "OK");
	ddb_buf_reset(&b);
	for (i = 0; i < 512; i++)
		ddb_buf_puts(&b, "{\"k\":");
	ddb_buf_puts(&b, "[1]");
	for (i = 0; i < 512; i++)
		ddb_buf_putc(&b, '}');
	CHECK_STR(error_str(ddb_buf_str(&b)),
	          "line 1, column 2561: nesting deeper than 512 levels");
	ddb_buf_done(&b);
}

static void test_duplicate_keys(void)
{
	struct ddb_error err;
	struct ddb_buf b = DDB_BUF_INIT;
	cJSON *t, *c;
	int i, n;

	/* The last value wins, at the first one's place. */
	CHECK_STR(reprint("{\"a\":1,\"b\":2,\"a\":3}"), "{\"a\":3,\"b\":2}");
	CHECK_STR(reprint("{\"a\":1,\"a\":2}"), "{\"a\":2}");
	CHECK_STR(reprint("{\"a\":1,\"b\":2,\"b\":[3]}"), "{\"a\":1,\"b\":[3]}");
	CHECK_STR(reprint("{\"a\":{\"x\":1},\"a\":{\"y\":2},\"a\":null}"), "{\"a\":null}");
	CHECK_STR(reprint("{\"a\":1,\"b\":2,\"c\":3,\"b\":4}"), "{\"a\":1,\"b\":4,\"c\":3}");
	/* Keys compare exactly: case and escapes matter as decoded text. */
	CHECK_STR(reprint("{\"a\":1,\"A\":2,\"\\u0061\":3}"), "{\"a\":3,\"A\":2}");

	/* Past the linear-search size the hash table takes over. */
	ddb_buf_putc(&b, '{');
	for (i = 0; i < 1000; i++)
		ddb_buf_printf(&b, "%s\"k%d\":%d", i ? "," : "", i, i);
	for (i = 0; i < 1000; i += 7)
		ddb_buf_printf(&b, ",\"k%d\":\"dup%d\"", i, i);
	ddb_buf_puts(&b, ",\"k999\":\"last\",\"k0\":\"first\"}");
	t = parse(ddb_buf_str(&b), &err);
	CHECK(t != NULL);
	CHECK(cJSON_GetArraySize(t) == 1000);
	n = 0;
	cJSON_ArrayForEach(c, t)
	{
		char want[16];

		snprintf(want, sizeof(want), "k%d", n);
		if (strcmp(c->string, want) != 0) {
			printf("  member %d is %s\n", n, c->string);
			unit_case_failed = 1;
			break;
		}
		n++;
	}
	CHECK_STR(cJSON_GetObjectItemCaseSensitive(t, "k0")->valuestring, "first");
	CHECK_STR(cJSON_GetObjectItemCaseSensitive(t, "k999")->valuestring, "last");
	CHECK_STR(cJSON_GetObjectItemCaseSensitive(t, "k7")->valuestring, "dup7");
	CHECK_STR(cJSON_GetObjectItemCaseSensitive(t, "k8")->valuestring, "8");
	CHECK(t->child->prev == cJSON_GetObjectItemCaseSensitive(t, "k999"));
	cJSON_Delete(t);
	ddb_buf_done(&b);
}

/* The tree must obey cJSON's list conventions so cJSON's own editing functions work on it. */
static void test_tree_shape(void)
{
	struct ddb_error err;
	cJSON *t, *o, *c, *prev;
	char *s;
	int n;

	t = parse("[1,2,3]", &err);
	CHECK(t->child->prev == t->child->next->next);
	CHECK(t->child->next->next->next == NULL);
	cJSON_AddItemToArray(t, cJSON_CreateString("four"));
	cJSON_DeleteItemFromArray(t, 0);
	/* Index 0 only: Debian's cJSON 1.7.15-1+deb12u4 refuses inserts at any other index. */
	CHECK(cJSON_InsertItemInArray(t, 0, cJSON_CreateNull()));
	CHECK(cJSON_ReplaceItemInArray(t, 3, cJSON_CreateTrue()));
	cJSON_AddItemToArray(t, cJSON_CreateFalse());
	s = cJSON_PrintUnformatted(t);
	CHECK_STR(s, "[null,2,3,true,false]");
	free(s);
	/* Walking backwards from the last element reaches the first. */
	n = 0;
	for (c = t->child->prev; c != t->child; c = c->prev)
		n++;
	CHECK(n == 4);
	cJSON_Delete(t);

	t = parse("{\"a\":{\"x\":1,\"y\":2},\"b\":[],\"c\":\"s\"}", &err);
	o = cJSON_GetObjectItemCaseSensitive(t, "a");
	cJSON_AddItemToObject(o, "z", cJSON_CreateNumber(3));
	cJSON_DeleteItemFromObjectCaseSensitive(o, "y");
	cJSON_AddItemToArray(cJSON_GetObjectItemCaseSensitive(t, "b"), cJSON_CreateRaw("7"));
	cJSON_Delete(cJSON_DetachItemFromObjectCaseSensitive(t, "c"));
	cJSON_AddItemToObject(t, "d", cJSON_CreateString("e"));
	s = cJSON_PrintUnformatted(t);
	CHECK_STR(s, "{\"a\":{\"x\":1,\"z\":3},\"b\":[7],\"d\":\"e\"}");
	free(s);
	prev = NULL;
	cJSON_ArrayForEach(c, t)
	{
		if (prev)
			CHECK(c->prev == prev);
		prev = c;
	}
	CHECK(t->child->prev == prev);
	/* Duplicate tree compares equal (cJSON_Compare on raw numbers compares text). */
	o = cJSON_Duplicate(t, 1);
	CHECK(cJSON_Compare(o, t, 1));
	cJSON_Delete(o);
	cJSON_Delete(t);

	/* After a duplicate key replaced the last member, appending still lands at the end. */
	t = parse("{\"a\":1,\"b\":2,\"b\":3}", &err);
	cJSON_AddItemToObject(t, "c", cJSON_CreateRaw("4"));
	s = cJSON_PrintUnformatted(t);
	CHECK_STR(s, "{\"a\":1,\"b\":3,\"c\":4}");
	free(s);
	cJSON_Delete(t);
	t = parse("{\"a\":1,\"a\":2}", &err);
	CHECK(t->child->prev == t->child && t->child->next == NULL);
	cJSON_AddItemToObject(t, "c", cJSON_CreateRaw("4"));
	s = cJSON_PrintUnformatted(t);
	CHECK_STR(s, "{\"a\":2,\"c\":4}");
	free(s);
	cJSON_Delete(t);
}

static void test_formatted_print(void)
{
	char *s;
	struct ddb_error err;
	cJSON *t = parse("{\"n\":[1e400,-0.10]}", &err);

	s = cJSON_Print(t);
	CHECK_STR(s, "{\n\t\"n\":\t[1e400, -0.10]\n}");
	free(s);
	cJSON_Delete(t);
}

/* Builds a scan page of n items (shape 0) or one object of n members (shape 1), parses it, checks
 * the result and returns the best of two parse times in seconds. */
static double parse_seconds(int n, int shape)
{
	struct ddb_buf b = DDB_BUF_INIT;
	struct ddb_error err;
	double best = 1e9, secs;
	clock_t t0;
	cJSON *t, *items;
	int i, run;

	if (shape == 0) {
		ddb_buf_puts(&b, "{\"Items\":[");
		for (i = 0; i < n; i++)
			ddb_buf_printf(&b,
			               "%s{\"pk\":{\"S\":\"user#%d\"},\"n\":{\"N\":\"%d.25\"},"
			               "\"tags\":{\"SS\":[\"a\",\"b\\u00e9\"]},"
			               "\"m\":{\"M\":{\"x\":{\"BOOL\":true}}}}",
			               i ? "," : "", i, i);
		ddb_buf_printf(&b, "],\"Count\":%d}", n);
	} else {
		ddb_buf_putc(&b, '{');
		for (i = 0; i < n; i++)
			ddb_buf_printf(&b, "%s\"key%d\":%d", i ? "," : "", i, i);
		ddb_buf_putc(&b, '}');
	}
	for (run = 0; run < 2; run++) {
		t0 = clock();
		t = ddb_json_parse(b.data, b.len, &err);
		secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
		if (secs < best)
			best = secs;
		items = shape == 0 ? cJSON_GetObjectItemCaseSensitive(t, "Items") : t;
		CHECK(cJSON_GetArraySize(items) == n);
		CHECK(items && items->child->prev->next == NULL);
		cJSON_Delete(t);
	}
	ddb_buf_done(&b);
	return best;
}

/* Scan pages of megabytes: four times the input must take about four times as long, not
 * sixteen (no quadratic appends, no quadratic duplicate-key check). A ratio rather than a time
 * limit, so the check holds under valgrind and sanitizers too; the fastest of three runs of each
 * size, so a moment without a CPU does not count. */
static int nul(const char *s)
{
	return ddb_json_has_nul_escape(s, strlen(s));
}

/* A NUL escape in a reply: found wherever it is, not confused with an escaped backslash. */
static void test_nul_escape(void)
{
	CHECK(nul("{\"a\":\"x\\u0000y\"}"));
	CHECK(nul("\\u0000"));
	CHECK(nul("{\"k\\u0000\":1}"));
	CHECK(nul("\"\\\\\\u0000\"")); /* \\ then \u0000 */
	CHECK(!nul("\"\\\\u0000\""));  /* \\ then the text u0000 */
	CHECK(!nul("\"\\\\\\\\u0000\""));
	CHECK(nul("{\"a\":\"\\u00001\"}")); /* \u0000 then 1: still a NUL */
	CHECK(!nul("{\"a\":\"\\u0001\"}"));
	CHECK(!nul("\\u000"));
	CHECK(!nul("{\"a\":\"u0000\"}"));
	CHECK(!nul(""));
	/* only the bytes given count */
	CHECK(!ddb_json_has_nul_escape("\\u0000", 5));
}

/* A 200 to an operation without output is a success whatever its body (AWS sends none,
 * dynalite ""); to any other, a body that is no JSON object is damaged. */
static void test_reply_without_output(void)
{
	struct ddb_error err;
	cJSON *json = NULL;
	const char *bodies[] = {"\"\"", "", "null"};
	size_t i;

	for (i = 0; i < sizeof(bodies) / sizeof(bodies[0]); i++) {
		CHECK(ddb_reply_classify("TagResource", 200, bodies[i], strlen(bodies[i]), &json,
		                         &err) == 0);
		CHECK(json && cJSON_IsObject(json) && err.kind == DDB_ERR_NONE);
		cJSON_Delete(json);
		CHECK(ddb_reply_classify("UntagResource", 200, bodies[i], strlen(bodies[i]), &json,
		                         &err) == 0);
		CHECK(json && cJSON_IsObject(json));
		cJSON_Delete(json);
		CHECK(ddb_reply_classify("PutItem", 200, bodies[i], strlen(bodies[i]), &json,
		                         &err) == 1);
		CHECK(err.kind == DDB_ERR_PARSE);
		cJSON_Delete(json);
		json = NULL;
	}
}

/* The queue refuses a reply it would have to cut: no tree, a parse error, no retry. */
static void test_reply_with_nul(void)
{
	const char *body = "{\"Items\":[{\"pk\":{\"S\":\"a\\u0000b\"}}],\"Count\":1}";
	struct ddb_error err;
	cJSON *json = (cJSON *)1;
	int retry = ddb_reply_classify("Scan", 200, body, strlen(body), &json, &err);

	CHECK(retry == 0);
	CHECK(json == NULL);
	CHECK(err.kind == DDB_ERR_PARSE && err.http_status == 200);
	CHECK(strstr(err.message, "Scan: a string in the reply holds U+0000 (NUL)") != NULL);
	/* the same text with the backslash escaped is an ordinary reply */
	body = "{\"Items\":[{\"pk\":{\"S\":\"a\\\\u0000b\"}}],\"Count\":1}";
	retry = ddb_reply_classify("Scan", 200, body, strlen(body), &json, &err);
	CHECK(retry == 0 && json != NULL && err.kind == DDB_ERR_NONE);
	cJSON_Delete(json);
}

/* Where ddb_json_skip says the value at the start of text[0..len) ends: its length, or -1 for
 * NULL. */
static long skipped_n(const char *text, size_t len)
{
	const char *e = ddb_json_skip(text, text + len);

	return e ? (long)(e - text) : -1;
}

static long skipped(const char *text)
{
	return skipped_n(text, strlen(text));
}

/* Whether ddb_json_skip, at the start of value then after, ends just after value. */
static int ends(const char *value, const char *after)
{
	struct ddb_buf b = DDB_BUF_INIT;
	long n;

	ddb_buf_puts(&b, value);
	ddb_buf_puts(&b, after);
	n = skipped(ddb_buf_str(&b));
	ddb_buf_done(&b);
	if (n == (long)strlen(value))
		return 1;
	printf("  [%s] then [%s]: skipped %ld bytes\n", value, after, n);
	return 0;
}

/* One value skipped: scalars end at white space or , ] }; strings at the first quote that an
 * even run of backslashes precedes; objects and arrays at their closing bracket, to any depth. */
static void test_skip_values(void)
{
	CHECK(ends("123", ""));
	CHECK(ends("123", ",4"));
	CHECK(ends("-1.5e3", "}"));
	CHECK(ends("true", "]"));
	CHECK(ends("null", " "));
	CHECK(ends("false", "\n"));
	CHECK(ends("\"abc\"", "x"));
	CHECK(ends("\"\"", "\""));
	CHECK(ends("\"a\\\"b\"", ","));     /* "a\"b" */
	CHECK(ends("\"a\\\\\"", ",\"b\"")); /* "a\\" then more */
	CHECK(ends("\"\\\\\\\"\"", ""));    /* "\\\"" */
	CHECK(ends("\"\\\\\\\\\"", "x\"")); /* "\\\\" */
	CHECK(ends("\"{[\\\"]}\"", "]"));   /* brackets in a string do not count */
	CHECK(ends("\"\\u0022\"", "\""));   /* a quote written \u0022 is no quote */
	CHECK(ends("{}", "}") && ends("[]", "]"));
	CHECK(ends("{\"a\":[1,{\"b\":\"}\"}],\"c\":{}}", ",x"));
	CHECK(ends("[[[\"]]]\"]]]", ",1"));
	CHECK(ends("{\"k\\\"}\":{\"S\":\"x\\\\\"}}", "rest"));
	/* white space anywhere inside */
	CHECK(ends("{ \"a\" :\n[ 1 ,\t2 ]\r\n}", "  "));
	/* a NUL is a byte like any other */
	CHECK(skipped_n("\"a\0b\"", 5) == 5);
	CHECK(skipped_n("[\"\0\",\0]", 7) == 7);
}

/* Nesting has no limit (nothing recurses), unlike the parser's 512 levels. */
static void test_skip_deep(void)
{
	size_t n = 100000, i;
	char *t = malloc(2 * n + 2);

	for (i = 0; i < n; i++) {
		t[i] = i % 2 ? '[' : '{';
		t[2 * n - 1 - i] = i % 2 ? ']' : '}';
	}
	t[2 * n] = ',';
	t[2 * n + 1] = '\0';
	CHECK(skipped(t) == (long)(2 * n));
	CHECK(skipped_n(t, 2 * n - 1) == -1);
	free(t);
}

/* No whole value: NULL, and nothing past the end is read. */
static void test_skip_truncated(void)
{
	CHECK(skipped("") == -1);
	CHECK(skipped("\"abc") == -1);
	CHECK(skipped("\"abc\\\"") == -1); /* the only quote after it is escaped */
	CHECK(skipped("\"\\") == -1);
	CHECK(skipped("{\"a\":1") == -1);
	CHECK(skipped("[[]") == -1);
	CHECK(skipped("{\"a\":\"}") == -1);
	CHECK(skipped_n("[1]", 2) == -1);
	CHECK(skipped_n("\"ab\"", 3) == -1);
	CHECK(skipped_n("123", 2) == 2); /* a scalar cut short looks whole */
	/* not at a value */
	CHECK(skipped(",1") == -1);
	CHECK(skipped(":1") == -1);
	CHECK(skipped("]") == -1);
	CHECK(skipped("}") == -1);
	CHECK(skipped(" 1") == -1);
	CHECK(skipped("\n1") == -1);
}

/* The end ddb_json_skip finds is where the parser's value ends. */
static void test_skip_agrees_with_parser(void)
{
	static const char *const values[] = {
	    "0",
	    "-1.5E+10",
	    "true",
	    "null",
	    "\"x\\\"y\\\\\"",
	    "[]",
	    "{}",
	    "[1,[2,[3]],\"]\"]",
	    "{\"Items\":[{\"pk\":{\"S\":\"a\\\\\"}},{\"pk\":{\"N\":\"1\"}}],\"Count\":2}",
	    "{ \"a\" : [ true , null ] , \"b\" : \"}\" }",
	};
	size_t i;

	for (i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		struct ddb_buf b = DDB_BUF_INIT;
		struct ddb_error err;
		const char *v = values[i], *e;
		cJSON *t;

		ddb_buf_printf(&b, "%s , \"after\"", v);
		e = ddb_json_skip(ddb_buf_str(&b), ddb_buf_str(&b) + b.len);
		CHECK(e == ddb_buf_str(&b) + strlen(v));
		t = ddb_json_parse(v, strlen(v), &err);
		CHECK(t != NULL);
		cJSON_Delete(t);
		ddb_buf_done(&b);
	}
}

static void test_skip_ws(void)
{
	const char *t = " \t\r\n x", *u = "   ", *f = "\f1";

	CHECK(ddb_json_skip_ws(t, t + strlen(t)) == t + 5);
	CHECK(ddb_json_skip_ws(u, u + 3) == u + 3);
	CHECK(ddb_json_skip_ws(u, u + 1) == u + 1); /* stops at end */
	CHECK(ddb_json_skip_ws(u, u) == u);
	CHECK(ddb_json_skip_ws(f, f + 2) == f); /* form feed is not JSON white space */
}

static void test_large(void)
{
	double small, big;
	int shape;

	for (shape = 0; shape < 2; shape++) {
		int n = shape == 0 ? 5000 : 20000;

		int rep;

		/* the fastest of three each: a busy machine only ever adds time */
		small = big = 1e9;
		for (rep = 0; rep < 3; rep++) {
			double s = parse_seconds(n, shape), b = parse_seconds(4 * n, shape);

			small = s < small ? s : small;
			big = b < big ? b : big;
		}
		if (small < 0.001)
			small = 0.001;
		if (big / small > 9.0) {
			printf("  shape %d: %d took %.3fs, %d took %.3fs\n", shape, n, small, 4 * n,
			       big);
			unit_case_failed = 1;
		}
	}
}

int main(void)
{
	RUN(test_scalars);
	RUN(test_numbers_exact);
	RUN(test_numbers_invalid);
	RUN(test_is_number);
	RUN(test_number_text);
	RUN(test_string_escapes);
	RUN(test_string_errors);
	RUN(test_utf8);
	RUN(test_errors_line_column);
	RUN(test_trailing_garbage);
	RUN(test_length_bounded);
	RUN(test_bom);
	RUN(test_depth_limit);
	RUN(test_duplicate_keys);
	RUN(test_tree_shape);
	RUN(test_formatted_print);
	RUN(test_nul_escape);
	RUN(test_reply_with_nul);
	RUN(test_skip_values);
	RUN(test_skip_deep);
	RUN(test_skip_truncated);
	RUN(test_skip_agrees_with_parser);
	RUN(test_skip_ws);
	RUN(test_large);
	RUN(test_reply_without_output);
	ring_free();
	UNIT_EXIT();
}
