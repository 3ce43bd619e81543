/* test_journal.c - the undo journal: append, newest-not-undone, marks, torn lines, equality. */
#include "ddb/journal.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ddb/json.h"
#include "unit.h"

static char dir[] = "/tmp/ddbtui-journal-XXXXXX";
static char path[256];

static cJSON *j(const char *text)
{
	return ddb_json_parse(text, strlen(text), NULL);
}

static void test_record_and_last(void)
{
	struct ddb_error err;
	struct ddb_journal_entry e;
	cJSON *key = j("{\"pk\":{\"S\":\"a\"}}");
	cJSON *before = j("{\"pk\":{\"S\":\"a\"},\"n\":{\"N\":\"1\"}}");
	cJSON *after = j("{\"pk\":{\"S\":\"a\"},\"n\":{\"N\":\"2\"}}");
	struct stat st;

	ddb_error_clear(&err);
	CHECK(ddb_journal_last(path, "http://x", "r", &e, &err) == 0); /* no file yet */
	CHECK(ddb_journal_record(path, "http://x", "r", "t", "put", key, before, after, &err) == 1);
	CHECK(ddb_journal_record(path, "http://x", "r", "t", "delete", key, after, NULL, &err) ==
	      2);
	CHECK(ddb_journal_record(path, "http://other", "r", "t", "put", key, NULL, after, &err) ==
	      3);
	CHECK(stat(path, &st) == 0 && (st.st_mode & 0777) == 0600);
	/* one table's history: another table's newer write is not offered */
	CHECK(ddb_journal_last_in(path, "http://x", "r", "orders", &e, &err) == 0);
	CHECK(ddb_journal_record(path, "http://x", "r", "orders", "put", key, NULL, after, &err) ==
	      4);
	CHECK(ddb_journal_last_in(path, "http://x", "r", "t", &e, &err) == 1 && e.id == 2);
	ddb_journal_entry_done(&e);
	CHECK(ddb_journal_last_in(path, "http://x", "r", NULL, &e, &err) == 1 && e.id == 4);
	CHECK_STR(e.table, "orders");
	ddb_journal_entry_done(&e);
	CHECK(ddb_journal_mark_undone(path, 4, &err) == 0);
	CHECK(ddb_journal_last(path, "http://x", "r", &e, &err) == 1);
	CHECK(e.id == 2);
	CHECK_STR(e.op, "delete");
	CHECK(e.after == NULL);
	CHECK(ddb_item_equal(e.before, after));
	ddb_journal_entry_done(&e);
	CHECK(ddb_journal_mark_undone(path, 2, &err) == 0);
	CHECK(ddb_journal_last(path, "http://x", "r", &e, &err) == 1);
	CHECK(e.id == 1 && ddb_item_equal(e.before, before) && ddb_item_equal(e.after, after));
	ddb_journal_entry_done(&e);
	CHECK(ddb_journal_mark_undone(path, 1, &err) == 0);
	CHECK(ddb_journal_last(path, "http://x", "r", &e, &err) == 0);
	CHECK(ddb_journal_last(path, "http://other", "r", &e, &err) == 1 && e.id == 3);
	CHECK(e.before == NULL);
	ddb_journal_entry_done(&e);
	cJSON_Delete(key);
	cJSON_Delete(before);
	cJSON_Delete(after);
}

static void test_torn_line_skipped(void)
{
	struct ddb_error err;
	struct ddb_journal_entry e;
	FILE *f = fopen(path, "a");
	cJSON *key = j("{\"pk\":{\"S\":\"b\"}}");

	fputs("{\"id\": 99, \"endpoint\": \"http://x\", \"reg", f); /* no newline: torn */
	fclose(f);
	/* the next record starts on the torn line's tail: both lines must not poison the file */
	f = fopen(path, "a");
	fputs("\n", f);
	fclose(f);
	CHECK(ddb_journal_record(path, "http://x", "r", "t", "put", key, NULL, key, &err) == 5);
	CHECK(ddb_journal_last(path, "http://x", "r", &e, &err) == 1 && e.id == 5);
	ddb_journal_entry_done(&e);
	cJSON_Delete(key);
}

static void test_item_equal(void)
{
	cJSON *a = j("{\"s\":{\"SS\":[\"x\",\"y\"]},\"m\":{\"M\":{\"a\":{\"N\":\"1\"},\"b\":{\"S\":"
	             "\"q\"}}}}");
	cJSON *b = j("{\"m\":{\"M\":{\"b\":{\"S\":\"q\"},\"a\":{\"N\":\"1\"}}},\"s\":{\"SS\":["
	             "\"y\",\"x\"]}}");
	cJSON *c = j("{\"m\":{\"M\":{\"b\":{\"S\":\"q\"},\"a\":{\"N\":\"2\"}}},\"s\":{\"SS\":["
	             "\"y\",\"x\"]}}");
	cJSON *l1 = j("{\"l\":{\"L\":[{\"S\":\"1\"},{\"S\":\"2\"}]}}");
	cJSON *l2 = j("{\"l\":{\"L\":[{\"S\":\"2\"},{\"S\":\"1\"}]}}");

	CHECK(ddb_item_equal(a, b));
	CHECK(!ddb_item_equal(a, c));
	CHECK(!ddb_item_equal(l1, l2)); /* lists keep their order */
	CHECK(ddb_item_equal(NULL, NULL));
	CHECK(!ddb_item_equal(a, NULL));
	cJSON_Delete(a);
	cJSON_Delete(b);
	cJSON_Delete(c);
	cJSON_Delete(l1);
	cJSON_Delete(l2);
}

int main(void)
{
	if (!mkdtemp(dir))
		return 1;
	snprintf(path, sizeof(path), "%s/state/ddbtui/journal.jsonl", dir);
	RUN(test_record_and_last);
	RUN(test_torn_line_skipped);
	RUN(test_item_equal);
	unlink(path);
	UNIT_EXIT();
}
