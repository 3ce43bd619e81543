/* partiql.c - ExecuteStatement's request (partiql.h). */
#include "ddb/partiql.h"

#include <stdio.h>
#include <string.h>

#include "ddb/attr.h"
#include "ddb/json.h"

cJSON *ddb_partiql_body(const char *statement, int n, const char *const *params, int consistent,
                        struct ddb_error *err)
{
	cJSON *body, *arr = NULL, *v;
	char path[32];
	const char *p;
	int i;

	for (p = statement; *p == ' ' || *p == '\t' || *p == '\n'; p++)
		;
	if (!*p) {
		ddb_error_set(err, DDB_ERR_USAGE, "the statement is empty");
		return NULL;
	}
	body = cJSON_CreateObject();
	cJSON_AddStringToObject(body, "Statement", statement);
	if (n > 0)
		arr = cJSON_AddArrayToObject(body, "Parameters");
	for (i = 0; i < n; i++) {
		struct ddb_error perr;

		ddb_error_clear(&perr);
		snprintf(path, sizeof(path), "--param %d", i + 1);
		v = ddb_json_parse(params[i], strlen(params[i]), &perr);
		if (!v || ddb_attr_validate(v, path, &perr) != 0) {
			ddb_error_set(err, DDB_ERR_USAGE,
			              "%s is not a DynamoDB JSON value like {\"S\": \"text\"} or "
			              "{\"N\": \"42\"}: %s",
			              path, perr.message);
			cJSON_Delete(v);
			cJSON_Delete(body);
			return NULL;
		}
		cJSON_AddItemToArray(arr, v);
	}
	if (consistent)
		cJSON_AddTrueToObject(body, "ConsistentRead");
	return body;
}
