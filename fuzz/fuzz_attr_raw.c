/* fuzz_attr_raw.c - DynamoDB JSON (an item, or any attribute value) through ddb_item_validate,
 * ddb_item_to_plain and back with ddb_item_from_plain, the original as type hint.
 *
 * What ddb/attr.h and docs/plain-json.md promise, asserted:
 * - an item that validates converts to plain JSON, and back (hinted) to an equal item (N by
 *   value: ".5" comes back as "0.5"), which validates again;
 * - whenever the way back succeeds at all, it gives an equal item (to_plain does not check set
 *   emptiness or distinctness, from_plain does: then it fails, it never changes the item);
 * - plain JSON is a fixed point: to_plain of the item that came back equals the first plain;
 * - errors are DDB_ERR_PARSE with a path ("item...." or "value...") in the message. */
#include <stdint.h>
#include <string.h>

#include "ddb/attr.h"
#include "ddb/json.h"
#include "fuzz/attr_eq.h"
#include "fuzz/fuzz.h"

static void check_error(const struct ddb_error *err, const char *root)
{
	FUZZ_CHECK(err->kind == DDB_ERR_PARSE);
	FUZZ_CHECK(strncmp(err->message, root, strlen(root)) == 0);
}

/* One attribute value on its own (members of the item, or the whole input if not an item). */
static void one_value(const cJSON *av)
{
	struct ddb_error err;
	cJSON *plain, *back;
	int valid;

	ddb_error_clear(&err);
	valid = ddb_attr_validate(av, "value", &err) == 0;
	if (!valid)
		check_error(&err, "value");
	ddb_error_clear(&err);
	plain = ddb_attr_to_plain(av, &err);
	if (valid)
		FUZZ_CHECK(plain != NULL);
	if (!plain) {
		check_error(&err, "value");
		return;
	}
	ddb_error_clear(&err);
	back = ddb_attr_from_plain(plain, av, "value", &err);
	if (valid)
		FUZZ_CHECK(back != NULL);
	if (back) {
		FUZZ_CHECK(fuzz_av_equal(av, back));
		FUZZ_CHECK(ddb_attr_validate(back, "value", &err) == 0);
		cJSON_Delete(back);
	} else {
		check_error(&err, "value");
	}
	cJSON_Delete(plain);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ddb_error err;
	cJSON *item, *plain, *back, *plain2;
	const cJSON *c;
	int valid;

	ddb_error_clear(&err);
	item = ddb_json_parse((const char *)data, size, &err);
	if (!item)
		return 0;
	if (!cJSON_IsObject(item)) {
		FUZZ_CHECK(ddb_item_validate(item, &err) < 0);
		FUZZ_CHECK(ddb_item_to_plain(item, &err) == NULL);
		one_value(item);
		cJSON_Delete(item);
		return 0;
	}
	one_value(item); /* the object as one attribute value, {"S": ...} or not */
	for (c = item->child; c; c = c->next)
		one_value(c);

	ddb_error_clear(&err);
	valid = ddb_item_validate(item, &err) == 0;
	if (!valid)
		check_error(&err, "item");
	ddb_error_clear(&err);
	plain = ddb_item_to_plain(item, &err);
	if (valid)
		FUZZ_CHECK(plain != NULL);
	if (!plain) {
		check_error(&err, "item");
		cJSON_Delete(item);
		return 0;
	}
	FUZZ_CHECK(cJSON_IsObject(plain));
	fuzz_check_tree(plain, 1, ddb_json_is_number);

	ddb_error_clear(&err);
	back = ddb_item_from_plain(plain, item, &err);
	if (valid)
		FUZZ_CHECK(back != NULL);
	if (back) {
		FUZZ_CHECK(cJSON_IsObject(back));
		FUZZ_CHECK(fuzz_av_members_equal(item, back));
		if (!fuzz_has_empty_name(back))
			FUZZ_CHECK(ddb_item_validate(back, &err) == 0);
		plain2 = ddb_item_to_plain(back, &err);
		FUZZ_CHECK(plain2 != NULL);
		FUZZ_CHECK(fuzz_tree_equal(plain, plain2));
		cJSON_Delete(plain2);
		cJSON_Delete(back);
	} else {
		check_error(&err, "item");
	}
	cJSON_Delete(plain);
	cJSON_Delete(item);
	return 0;
}
