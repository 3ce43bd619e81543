/* fuzz_json.c - ddb_json_parse on arbitrary bytes. On success the tree must be well-formed
 * (cJSON's list conventions, unique keys, valid UTF-8, raw items that are JSON numbers), and
 * printing it and parsing the text again must give the same tree, compact and formatted; the
 * printed text must be JSON for cJSON's own parser too (numbers up to its 63 characters). On failure the error must be a parse
 * error with a line and column. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ddb/json.h"
#include "fuzz/fuzz.h"

/* cJSON 1.7's own parser reads at most 63 characters of a number. */
static int has_long_number(const cJSON *item)
{
	const cJSON *c;

	if (cJSON_IsRaw(item) && strlen(item->valuestring) > 63)
		return 1;
	for (c = item->child; c; c = c->next)
		if (has_long_number(c))
			return 1;
	return 0;
}

static void round_trip(const cJSON *tree, int formatted)
{
	struct ddb_error err;
	char *text = formatted ? cJSON_Print(tree) : cJSON_PrintUnformatted(tree);
	cJSON *back, *other;
	char *again;

	FUZZ_CHECK(text != NULL);
	ddb_error_clear(&err);
	back = ddb_json_parse(text, strlen(text), &err);
	if (!back)
		fprintf(stderr, "reparse failed: %s\ntext: %s\n", err.message, text);
	FUZZ_CHECK(back != NULL);
	FUZZ_CHECK(fuzz_tree_equal(tree, back));
	/* printing is a fixed point after one round */
	again = formatted ? cJSON_Print(back) : cJSON_PrintUnformatted(back);
	FUZZ_CHECK(again && strcmp(again, text) == 0);
	other = cJSON_Parse(text);
	FUZZ_CHECK(other != NULL || has_long_number(tree));
	cJSON_Delete(other);
	cJSON_free(again);
	cJSON_Delete(back);
	cJSON_free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ddb_error err;
	cJSON *tree;

	ddb_error_clear(&err);
	tree = ddb_json_parse((const char *)data, size, &err);
	if (!tree) {
		FUZZ_CHECK(err.kind == DDB_ERR_PARSE || err.kind == DDB_ERR_NOMEM);
		FUZZ_CHECK(err.kind != DDB_ERR_PARSE || strncmp(err.message, "line ", 5) == 0);
		return 0;
	}
	FUZZ_CHECK(err.kind == DDB_ERR_NONE);
	fuzz_check_tree(tree, 1, ddb_json_is_number);
	round_trip(tree, 0);
	round_trip(tree, 1);
	cJSON_Delete(tree);
	return 0;
}
