/* test_edit.c - writing items back: comparison by value, differences, sizes, the condition
 * "unchanged since loaded", merging a user's changes into a newer version, the batch journal, the
 * editor's argv and header, and the queue refusing writes in read-only mode before anything is
 * sent. */
#include "ddb/edit.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ddb/attr.h"
#include "ddb/journal.h"
#include "ddb/json.h"
#include "ddb/ops.h"
#include "tui/editor.h"
#include "unit.h"

static cJSON *j(const char *text)
{
	cJSON *v = ddb_json_parse(text, strlen(text), NULL);

	if (!v)
		printf("  bad test JSON: %s\n", text);
	return v;
}

static int same(const char *a, const char *b)
{
	cJSON *x = j(a), *y = j(b);
	int r = ddb_item_same(x, y);

	cJSON_Delete(x);
	cJSON_Delete(y);
	return r;
}

static void test_same_by_value(void)
{
	CHECK(same("{\"n\":{\"N\":\"1.50\"}}", "{\"n\":{\"N\":\"1.5\"}}"));
	CHECK(same("{\"n\":{\"N\":\"100\"}}", "{\"n\":{\"N\":\"1E2\"}}"));
	CHECK(same("{\"n\":{\"N\":\"-0.0\"}}", "{\"n\":{\"N\":\"0\"}}"));
	CHECK(!same("{\"n\":{\"N\":\"1.5\"}}", "{\"n\":{\"N\":\"15\"}}"));
	CHECK(same("{\"s\":{\"NS\":[\"1\",\"2.0\"]}}", "{\"s\":{\"NS\":[\"2\",\"1\"]}}"));
	CHECK(same("{\"s\":{\"SS\":[\"a\",\"b\"]}}", "{\"s\":{\"SS\":[\"b\",\"a\"]}}"));
	CHECK(!same("{\"s\":{\"SS\":[\"a\",\"b\"]}}", "{\"s\":{\"SS\":[\"a\"]}}"));
	CHECK(!same("{\"s\":{\"SS\":[\"1\"]}}", "{\"s\":{\"NS\":[\"1\"]}}"));
	CHECK(same("{\"m\":{\"M\":{\"a\":{\"N\":\"1\"},\"b\":{\"S\":\"x\"}}}}",
	           "{\"m\":{\"M\":{\"b\":{\"S\":\"x\"},\"a\":{\"N\":\"1.0\"}}}}"));
	CHECK(!same("{\"l\":{\"L\":[{\"N\":\"1\"},{\"N\":\"2\"}]}}",
	            "{\"l\":{\"L\":[{\"N\":\"2\"},{\"N\":\"1\"}]}}"));
	CHECK(same("{\"b\":{\"B\":\"AAE=\"}}", "{\"b\":{\"B\":\"AAE=\"}}"));
	CHECK(!same("{\"a\":{\"S\":\"x\"}}", "{\"a\":{\"S\":\"x\"},\"b\":{\"NULL\":true}}"));
	CHECK(ddb_item_same(NULL, NULL));
	{
		cJSON *empty = j("{}");

		CHECK(!ddb_item_same(NULL, empty)); /* absent is not an item without attributes */
		cJSON_Delete(empty);
	}
}

static void test_diff(void)
{
	cJSON *a = j("{\"k\":{\"S\":\"1\"},\"x\":{\"N\":\"1\"},\"gone\":{\"S\":\"g\"},"
	             "\"same\":{\"N\":\"2.0\"}}");
	cJSON *b = j("{\"k\":{\"S\":\"1\"},\"x\":{\"N\":\"2\"},\"new\":{\"BOOL\":true},"
	             "\"same\":{\"N\":\"2\"}}");
	struct ddb_item_diff d;
	char *s;

	ddb_item_diff(a, b, &d);
	s = cJSON_PrintUnformatted(d.changed);
	CHECK_STR(s, "[\"x\"]");
	free(s);
	s = cJSON_PrintUnformatted(d.added);
	CHECK_STR(s, "[\"new\"]");
	free(s);
	s = cJSON_PrintUnformatted(d.removed);
	CHECK_STR(s, "[\"gone\"]");
	free(s);
	ddb_item_diff_done(&d);
	ddb_item_diff(NULL, b, &d);
	CHECK(cJSON_GetArraySize(d.added) == 4 && cJSON_GetArraySize(d.removed) == 0);
	ddb_item_diff_done(&d);
	cJSON_Delete(a);
	cJSON_Delete(b);
}

/* merged(base, theirs, ours) as compact text, the names both changed in *both_out (heap). */
static char *merged(const char *base, const char *theirs, const char *ours, char **both_out)
{
	cJSON *b = j(base), *t = j(theirs), *o = j(ours), *both = cJSON_CreateArray();
	cJSON *m = ddb_item_merge(b, t, o, both);
	char *s = cJSON_PrintUnformatted(m);

	*both_out = cJSON_PrintUnformatted(both);
	cJSON_Delete(b);
	cJSON_Delete(t);
	cJSON_Delete(o);
	cJSON_Delete(both);
	cJSON_Delete(m);
	return s;
}

static void test_merge(void)
{
	const char *base = "{\"k\":{\"S\":\"1\"},\"a\":{\"N\":\"1\"},\"b\":{\"S\":\"x\"},"
	                   "\"c\":{\"S\":\"c\"},\"d\":{\"S\":\"d\"}}";
	char *s, *both;

	/* they: a changed, c removed, t added; we: b changed, d removed, w added: all kept */
	s = merged(base,
	           "{\"k\":{\"S\":\"1\"},\"a\":{\"N\":\"2\"},\"b\":{\"S\":\"x\"},"
	           "\"d\":{\"S\":\"d\"},\"t\":{\"BOOL\":true}}",
	           "{\"k\":{\"S\":\"1\"},\"a\":{\"N\":\"1\"},\"b\":{\"S\":\"y\"},"
	           "\"c\":{\"S\":\"c\"},\"w\":{\"NULL\":true}}",
	           &both);
	CHECK_STR(s, "{\"k\":{\"S\":\"1\"},\"a\":{\"N\":\"2\"},\"b\":{\"S\":\"y\"},"
	             "\"t\":{\"BOOL\":true},\"w\":{\"NULL\":true}}");
	CHECK_STR(both, "[]");
	free(s);
	free(both);
	/* both changed a differently (ours wins, named), both set b the same (not named), they
	 * removed c which we changed (ours back, named), they changed d which we removed (gone,
	 * named), both added e differently (ours, named) */
	s = merged(base,
	           "{\"k\":{\"S\":\"1\"},\"a\":{\"N\":\"2\"},\"b\":{\"S\":\"y\"},"
	           "\"d\":{\"S\":\"D\"},\"e\":{\"N\":\"5\"}}",
	           "{\"k\":{\"S\":\"1\"},\"a\":{\"N\":\"3\"},\"b\":{\"S\":\"y\"},"
	           "\"c\":{\"S\":\"C\"},\"e\":{\"N\":\"6\"}}",
	           &both);
	CHECK_STR(s, "{\"k\":{\"S\":\"1\"},\"a\":{\"N\":\"3\"},\"b\":{\"S\":\"y\"},"
	             "\"e\":{\"N\":\"6\"},\"c\":{\"S\":\"C\"}}");
	CHECK_STR(both, "[\"a\",\"c\",\"e\",\"d\"]");
	free(s);
	free(both);
	/* numbers and sets compare by value: "1.0" for "1" is no change of ours */
	s = merged("{\"k\":{\"S\":\"1\"},\"n\":{\"N\":\"1\"},\"s\":{\"SS\":[\"a\",\"b\"]}}",
	           "{\"k\":{\"S\":\"1\"},\"n\":{\"N\":\"7\"},\"s\":{\"SS\":[\"a\",\"c\"]}}",
	           "{\"k\":{\"S\":\"1\"},\"n\":{\"N\":\"1.0\"},\"s\":{\"SS\":[\"b\",\"a\"]}}",
	           &both);
	CHECK_STR(s, "{\"k\":{\"S\":\"1\"},\"n\":{\"N\":\"7\"},\"s\":{\"SS\":[\"a\",\"c\"]}}");
	CHECK_STR(both, "[]");
	free(s);
	free(both);
}

static void test_size(void)
{
	cJSON *it = j("{\"ab\":{\"S\":\"héllo\"},\"n\":{\"N\":\"12345\"},\"b\":{\"B\":\"AAEC\"},"
	              "\"t\":{\"BOOL\":true},\"m\":{\"M\":{\"x\":{\"S\":\"yz\"}}}}");

	/* ab: 2 + 6; n: 1 + (5+1)/2+1 = 4; b: 1 + 3; t: 1 + 1; m: 1 + 3 + (1 + 1 + 2) */
	CHECK(ddb_item_size(it) == 8 + 5 + 4 + 2 + 8);
	cJSON_Delete(it);
}

static void test_cond_unchanged(void)
{
	cJSON *it =
	    j("{\"v\":{\"N\":\"1\"},\"pk\":{\"S\":\"a\"},\"m\":{\"M\":{\"v\":{\"S\":\"x\"}}},"
	      "\"l\":{\"L\":[{\"N\":\"5\"}]},\"s\":{\"SS\":[\"q\"]}}");
	cJSON *keys = j("[\"pk\"]"), *names = NULL, *values = NULL;
	int covered = 0;
	char *cond = ddb_cond_unchanged(it, keys, &names, &values, &covered), *s;

	/* the key first; maps and lists member by member; a name used twice has one placeholder */
	CHECK_STR(cond, "#n0 = :v0 AND #n1 = :v1 AND attribute_type(#n2, :tM) AND size(#n2) = :s1 "
	                "AND #n2.#n1 = :v2 AND attribute_type(#n3, :tL) AND size(#n3) = :s1 AND "
	                "#n3[0] = :v3 AND #n4 = :v4");
	CHECK(covered == 5);
	s = cJSON_PrintUnformatted(names);
	CHECK_STR(s, "{\"#n0\":\"pk\",\"#n1\":\"v\",\"#n2\":\"m\",\"#n3\":\"l\",\"#n4\":\"s\"}");
	free(s);
	s = cJSON_PrintUnformatted(values);
	CHECK_STR(s, "{\":v0\":{\"S\":\"a\"},\":v1\":{\"N\":\"1\"},\":tM\":{\"S\":\"M\"},"
	             "\":s1\":{\"N\":\"1\"},\":v2\":{\"S\":\"x\"},\":tL\":{\"S\":\"L\"},"
	             "\":v3\":{\"N\":\"5\"},\":v4\":{\"SS\":[\"q\"]}}");
	free(s);
	free(cond);
	cJSON_Delete(names);
	cJSON_Delete(values);
	cJSON_Delete(it);
	cJSON_Delete(keys);
}

/* A very large item: maps compared whole, then only the attributes that fit in 4 KB. */
static void test_cond_large(void)
{
	cJSON *it = cJSON_CreateObject(), *keys = j("[\"k\"]"), *names, *values, *m;
	char name[32], *cond;
	int i, covered;

	cJSON_AddItemToObject(it, "k", ddb_attr_s("key"));
	for (i = 0; i < 100; i++) {
		snprintf(name, sizeof(name), "map_attribute_%03d", i);
		m = cJSON_CreateObject();
		cJSON_AddItemToObject(cJSON_AddObjectToObject(m, "M"), "inner", ddb_attr_n("1"));
		cJSON_AddItemToObject(it, name, m);
	}
	cond = ddb_cond_unchanged(it, keys, &names, &values, &covered);
	CHECK(strlen(cond) <= DDB_EXPR_MAX_BYTES);
	CHECK(strstr(cond, "attribute_type") == NULL); /* whole values */
	CHECK(covered == 101);
	free(cond);
	cJSON_Delete(names);
	cJSON_Delete(values);
	for (i = 100; i < 400; i++) {
		snprintf(name, sizeof(name), "map_attribute_%03d", i);
		cJSON_AddItemToObject(it, name, ddb_attr_n("2"));
	}
	cond = ddb_cond_unchanged(it, keys, &names, &values, &covered);
	CHECK(strlen(cond) <= DDB_EXPR_MAX_BYTES);
	CHECK(covered > 1 && covered < 401);
	CHECK(strncmp(cond, "#n0 = :v0", 9) == 0);
	CHECK(strcmp(cJSON_GetObjectItemCaseSensitive(names, "#n0")->valuestring, "k") == 0);
	free(cond);
	cJSON_Delete(names);
	cJSON_Delete(values);
	cJSON_Delete(it);
	cJSON_Delete(keys);
}

static void test_cond_absent(void)
{
	cJSON *names = NULL;
	char *cond = ddb_cond_absent("pk", &names), *s = cJSON_PrintUnformatted(names);

	CHECK_STR(cond, "attribute_not_exists(#k)");
	CHECK_STR(s, "{\"#k\":\"pk\"}");
	free(cond);
	free(s);
	cJSON_Delete(names);
}

/* An edit as an update: SET what was added or changed, REMOVE what was removed, never the key;
 * the added attributes also as a condition; nothing to do, or too long, is -1. */
static void test_update_between(void)
{
	cJSON *before = j("{\"pk\":{\"S\":\"a\"},\"v\":{\"N\":\"1\"},\"gone\":{\"S\":\"x\"},"
	                  "\"same\":{\"N\":\"2.0\"}}");
	cJSON *after = j("{\"pk\":{\"S\":\"a\"},\"v\":{\"N\":\"3\"},\"new\":{\"BOOL\":true},"
	                 "\"same\":{\"N\":\"2\"}}");
	cJSON *keys = j("[\"pk\"]"), *names = cJSON_CreateObject(), *values = cJSON_CreateObject();
	cJSON *big = cJSON_CreateObject();
	char *update = NULL, *absent = NULL, *s, name[40];
	int i;

	CHECK(ddb_update_between(before, after, keys, &update, &absent, names, values) == 0);
	CHECK_STR(update, "SET #u0 = :u0, #u1 = :u1 REMOVE #u2");
	CHECK_STR(absent, "attribute_not_exists(#u1)");
	s = cJSON_PrintUnformatted(names);
	CHECK_STR(s, "{\"#u0\":\"v\",\"#u1\":\"new\",\"#u2\":\"gone\"}");
	free(s);
	s = cJSON_PrintUnformatted(values);
	CHECK_STR(s, "{\":u0\":{\"N\":\"3\"},\":u1\":{\"BOOL\":true}}");
	free(s);
	free(update);
	free(absent);
	/* nothing differs but the key (a key change is a copy, not an update) */
	CHECK(ddb_update_between(before, before, keys, &update, &absent, names, values) == -1);
	CHECK(update == NULL && absent == NULL);
	/* longer than 4 KB */
	cJSON_AddItemToObject(big, "pk", ddb_attr_s("a"));
	for (i = 0; i < 300; i++) {
		snprintf(name, sizeof(name), "attribute_%03d", i);
		cJSON_AddItemToObject(big, name, ddb_attr_n("1"));
	}
	CHECK(ddb_update_between(before, big, keys, &update, &absent, names, values) == -1);
	CHECK(cJSON_GetArraySize(names) == 3); /* untouched */
	cJSON_Delete(before);
	cJSON_Delete(after);
	cJSON_Delete(big);
	cJSON_Delete(keys);
	cJSON_Delete(names);
	cJSON_Delete(values);
}

static void test_key_of(void)
{
	cJSON *it = j("{\"a\":{\"S\":\"1\"},\"b\":{\"N\":\"2\"},\"c\":{\"S\":\"3\"}}");
	cJSON *names = j("[\"b\",\"a\"]"), *missing = j("[\"a\",\"z\"]"), *key;
	char *s;

	key = ddb_item_key_of(it, names);
	s = cJSON_PrintUnformatted(key);
	CHECK_STR(s, "{\"b\":{\"N\":\"2\"},\"a\":{\"S\":\"1\"}}");
	free(s);
	cJSON_Delete(key);
	CHECK(ddb_item_key_of(it, missing) == NULL);
	cJSON_Delete(it);
	cJSON_Delete(names);
	cJSON_Delete(missing);
}

static void test_journal_many(void)
{
	char dir[] = "/tmp/ddbtui-edit-XXXXXX", path[256];
	cJSON *entries = j("[{\"key\":{\"k\":{\"S\":\"1\"}},\"before\":{\"k\":{\"S\":\"1\"}}},"
	                   "{\"key\":{\"k\":{\"S\":\"2\"}},\"before\":{\"k\":{\"S\":\"2\"}}}]");
	struct ddb_journal_entry e;
	struct ddb_error err;

	if (!mkdtemp(dir)) {
		CHECK(0);
		return;
	}
	snprintf(path, sizeof(path), "%s/j/journal.jsonl", dir);
	ddb_error_clear(&err);
	CHECK(ddb_journal_record(path, "e", "r", "t", "put", entries->child->child, NULL, NULL,
	                         &err) == 1);
	CHECK(ddb_journal_record_many(path, "e", "r", "t", "delete", entries, &err) == 2);
	CHECK(ddb_journal_last(path, "e", "r", &e, &err) == 1);
	CHECK(e.id == 3 && e.after == NULL);
	CHECK(e.before && strcmp(e.before->child->child->valuestring, "2") == 0);
	CHECK_STR(e.op, "delete");
	ddb_journal_entry_done(&e);
	unlink(path);
	snprintf(path, sizeof(path), "%s/j", dir);
	rmdir(path);
	rmdir(dir);
	cJSON_Delete(entries);
}

static void test_editor_argv(void)
{
	char **argv = editor_argv("  vim  -u NONE ", "/tmp/f.json");

	CHECK(argv && argv[0] && strcmp(argv[0], "vim") == 0);
	CHECK(argv && argv[1] && strcmp(argv[1], "-u") == 0);
	CHECK(argv && argv[2] && strcmp(argv[2], "NONE") == 0);
	CHECK(argv && argv[3] && strcmp(argv[3], "/tmp/f.json") == 0);
	CHECK(argv && argv[4] == NULL);
	free(argv);
	/* no shell: metacharacters are parts of words */
	argv = editor_argv("ed;rm -rf $HOME", "f");
	CHECK(argv && strcmp(argv[0], "ed;rm") == 0 && strcmp(argv[2], "$HOME") == 0);
	free(argv);
	CHECK(editor_argv("   ", "f") == NULL);
	CHECK(editor_argv("", "f") == NULL);
}

static void test_editor_header(void)
{
	char *t = editor_with_header("line 5, column 2: bad\nsecond", "{\n}\n");

	CHECK_STR(t, "// ddbtui: not saved: line 5, column 2: bad\n// second\n// Fix the text "
	             "below and save; these // lines are ignored. An empty file cancels.\n{\n}\n");
	CHECK_STR(editor_strip_header(t), "{\n}\n");
	CHECK(editor_header_lines(t) == 3);
	CHECK_STR(editor_strip_header("  // x\n//y\n{}"), "{}");
	CHECK_STR(editor_strip_header("{\"a\": \"//\"}"), "{\"a\": \"//\"}");
	CHECK_STR(editor_strip_header("// only"), "");
	free(t);
}

/* ---- the queue refuses writes in read-only mode, before anything is sent ---- */

static int refused;
static int batch_refused;

static void on_reply(struct ddb_client *c, struct ddb_reply *reply, void *ud)
{
	(void)c;
	(void)ud;
	if (reply->err.kind == DDB_ERR_READ_ONLY)
		refused++;
}

static void on_done(struct ddb_client *c, const struct ddb_error *err, void *ud)
{
	(void)c;
	(void)ud;
	if (err->kind == DDB_ERR_READ_ONLY)
		batch_refused++;
}

static void test_read_only_queue(void)
{
	struct ddb_config cfg;
	struct ddb_client_opts opts;
	struct ddb_error err;
	struct ddb_client *c;
	char endpoint[] = "http://127.0.0.1:9", scheme[] = "http", host[] = "127.0.0.1",
	     region[] = "us-east-1", ak[] = "AKID", sk[] = "secret";
	cJSON *names = NULL;
	char *cond;

	memset(&cfg, 0, sizeof(cfg));
	cfg.endpoint = endpoint;
	cfg.scheme = scheme;
	cfg.host = host;
	cfg.port = 9;
	cfg.region = region;
	cfg.access_key = ak;
	cfg.secret_key = sk;
	memset(&opts, 0, sizeof(opts));
	opts.read_only = 1;
	ddb_error_clear(&err);
	c = ddb_client_new(&cfg, &opts, &err);
	CHECK(c != NULL);
	if (!c)
		return;
	CHECK(ddb_client_read_only(c));
	cond = ddb_cond_absent("pk", &names);
	ddb_put_item(c, "t", j("{\"pk\":{\"S\":\"a\"}}"), cond, names, NULL, on_reply, NULL, NULL);
	free(cond);
	ddb_delete_item(c, "t", j("{\"pk\":{\"S\":\"a\"}}"), NULL, NULL, NULL, on_reply, NULL,
	                NULL);
	ddb_update_item(c, "t", j("{\"pk\":{\"S\":\"a\"}}"), "SET a = :a", NULL, NULL,
	                j("{\":a\":{\"N\":\"1\"}}"), on_reply, NULL, NULL);
	ddb_batch_write(c, "t", j("[{\"DeleteRequest\":{\"Key\":{\"pk\":{\"S\":\"a\"}}}}]"), 0,
	                NULL, on_done, NULL, NULL);
	ddb_client_run(c);
	CHECK(refused == 3);
	CHECK(batch_refused == 1);
	CHECK(ddb_op_is_write("PutItem") && ddb_op_is_write("DeleteItem") &&
	      ddb_op_is_write("BatchWriteItem") && ddb_op_is_write("UpdateItem"));
	CHECK(!ddb_op_is_write("GetItem"));
	ddb_client_free(c);
}

int main(void)
{
	RUN(test_same_by_value);
	RUN(test_diff);
	RUN(test_merge);
	RUN(test_size);
	RUN(test_cond_unchanged);
	RUN(test_cond_large);
	RUN(test_cond_absent);
	RUN(test_update_between);
	RUN(test_key_of);
	RUN(test_journal_many);
	RUN(test_editor_argv);
	RUN(test_editor_header);
	RUN(test_read_only_queue);
	UNIT_EXIT();
}
