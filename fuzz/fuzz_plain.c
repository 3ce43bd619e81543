/* fuzz_plain.c - plain JSON -> DynamoDB JSON -> plain JSON.
 *
 * Input: plain JSON, optionally followed by a NUL byte and a DynamoDB item used as type hint.
 * Asserted (ddb/attr.h, docs/plain-json.md):
 * - without a hint, any value that converts gives an attribute value that validates, and back to
 *   plain JSON it is exactly the input (numbers keep their digits);
 * - the item made from plain JSON, used as its own hint, gives the same item again;
 * - with an arbitrary hint, what converts validates, and back to plain JSON it equals the input,
 *   except that a numeric string in a set hinted NS comes back as that number (by value);
 * - errors are DDB_ERR_PARSE with a path. */
#include <stdint.h>
#include <string.h>

#include "ddb/attr.h"
#include "ddb/json.h"
#include "fuzz/attr_eq.h"
#include "fuzz/fuzz.h"

/* Plain JSON equality where a string in a may be a number of the same value in b. */
static int plain_equiv(const cJSON *a, const cJSON *b)
{
	const cJSON *x, *y;

	if (cJSON_IsString(a) && cJSON_IsRaw(b))
		return fuzz_number_equal(a->valuestring, b->valuestring);
	if ((a->type & 0xff) != (b->type & 0xff))
		return 0;
	if (!cJSON_IsArray(a) && !cJSON_IsObject(a))
		return fuzz_tree_equal(a, b);
	for (x = a->child, y = b->child; x && y; x = x->next, y = y->next) {
		if ((x->string == NULL) != (y->string == NULL) ||
		    (x->string && strcmp(x->string, y->string) != 0))
			return 0;
		if (!plain_equiv(x, y))
			return 0;
	}
	return x == NULL && y == NULL;
}

static void check_error(const struct ddb_error *err, const char *root)
{
	FUZZ_CHECK(err->kind == DDB_ERR_PARSE);
	FUZZ_CHECK(strncmp(err->message, root, strlen(root)) == 0);
}

static void value_round_trip(const cJSON *plain, const cJSON *hint)
{
	struct ddb_error err;
	cJSON *av, *back;

	ddb_error_clear(&err);
	av = ddb_attr_from_plain(plain, hint, "value", &err);
	if (!av) {
		check_error(&err, "value");
		return;
	}
	FUZZ_CHECK(ddb_attr_validate(av, "value", &err) == 0);
	back = ddb_attr_to_plain(av, &err);
	FUZZ_CHECK(back != NULL);
	if (hint)
		FUZZ_CHECK(plain_equiv(plain, back));
	else
		FUZZ_CHECK(fuzz_tree_equal(plain, back));
	cJSON_Delete(back);
	cJSON_Delete(av);
}

static void item_round_trip(const cJSON *plain, const cJSON *hint)
{
	struct ddb_error err;
	cJSON *item, *back, *again;

	ddb_error_clear(&err);
	item = ddb_item_from_plain(plain, hint, &err);
	if (!item) {
		check_error(&err, "item");
		return;
	}
	FUZZ_CHECK(cJSON_IsObject(item));
	if (!fuzz_has_empty_name(item))
		FUZZ_CHECK(ddb_item_validate(item, &err) == 0);
	back = ddb_item_to_plain(item, &err);
	FUZZ_CHECK(back != NULL);
	if (hint)
		FUZZ_CHECK(plain_equiv(plain, back));
	else
		FUZZ_CHECK(fuzz_tree_equal(plain, back));
	/* the item as its own hint: the same item again */
	again = ddb_item_from_plain(back, item, &err);
	FUZZ_CHECK(again != NULL);
	FUZZ_CHECK(fuzz_av_members_equal(item, again));
	cJSON_Delete(again);
	cJSON_Delete(back);
	cJSON_Delete(item);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nul = memchr(data, 0, size);
	size_t plain_len = nul ? (size_t)(nul - data) : size;
	struct ddb_error err;
	cJSON *plain, *hint = NULL;

	ddb_error_clear(&err);
	plain = ddb_json_parse((const char *)data, plain_len, &err);
	if (!plain)
		return 0;
	if (nul)
		hint = ddb_json_parse((const char *)nul + 1, size - plain_len - 1, &err);
	value_round_trip(plain, NULL);
	if (cJSON_IsObject(plain))
		item_round_trip(plain, NULL);
	else
		FUZZ_CHECK(ddb_item_from_plain(plain, NULL, &err) == NULL);
	if (hint) {
		value_round_trip(plain, hint);
		if (cJSON_IsObject(plain))
			item_round_trip(plain, hint);
	}
	cJSON_Delete(hint);
	cJSON_Delete(plain);
	return 0;
}
