/* settings.c - the request bodies of TTL and tags (settings.h). */
#include "ddb/settings.h"

#include <string.h>

cJSON *ddb_ttl_body(const char *table, int enable, const char *attr, struct ddb_error *err)
{
	cJSON *body, *spec;

	if (!attr || !*attr) {
		ddb_error_set(err, DDB_ERR_USAGE, "the TTL attribute name may not be empty");
		return NULL;
	}
	body = cJSON_CreateObject();
	cJSON_AddStringToObject(body, "TableName", table);
	spec = cJSON_AddObjectToObject(body, "TimeToLiveSpecification");
	cJSON_AddBoolToObject(spec, "Enabled", enable);
	cJSON_AddStringToObject(spec, "AttributeName", attr);
	return body;
}

cJSON *ddb_tag_body(const char *arn, int n, char *const *kv, struct ddb_error *err)
{
	cJSON *body, *tags, *t;
	const char *eq;
	int i;

	if (n == 0) {
		ddb_error_set(err, DDB_ERR_USAGE, "no tag given: KEY=VALUE");
		return NULL;
	}
	body = cJSON_CreateObject();
	cJSON_AddStringToObject(body, "ResourceArn", arn);
	tags = cJSON_AddArrayToObject(body, "Tags");
	for (i = 0; i < n; i++) {
		char key[129];
		size_t len;

		eq = strchr(kv[i], '=');
		len = eq ? (size_t)(eq - kv[i]) : 0;
		if (len == 0 || len >= sizeof(key)) {
			ddb_error_set(err, DDB_ERR_USAGE,
			              len ? "a tag key has at most 128 characters: '%.40s...'"
			                  : "a tag is KEY=VALUE with a key, not '%s'",
			              kv[i]);
			cJSON_Delete(body);
			return NULL;
		}
		memcpy(key, kv[i], len);
		key[len] = '\0';
		t = cJSON_CreateObject();
		cJSON_AddStringToObject(t, "Key", key);
		cJSON_AddStringToObject(t, "Value", eq + 1);
		cJSON_AddItemToArray(tags, t);
	}
	return body;
}

cJSON *ddb_untag_body(const char *arn, int n, char *const *keys, struct ddb_error *err)
{
	cJSON *body, *arr;
	int i;

	if (n == 0) {
		ddb_error_set(err, DDB_ERR_USAGE, "no tag key given");
		return NULL;
	}
	for (i = 0; i < n; i++) {
		if (!*keys[i]) {
			ddb_error_set(err, DDB_ERR_USAGE, "a tag key may not be empty");
			return NULL;
		}
	}
	body = cJSON_CreateObject();
	cJSON_AddStringToObject(body, "ResourceArn", arn);
	arr = cJSON_AddArrayToObject(body, "TagKeys");
	for (i = 0; i < n; i++)
		cJSON_AddItemToArray(arr, cJSON_CreateString(keys[i]));
	return body;
}
