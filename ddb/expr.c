/* expr.c - expression placeholders (expr.h). */
#include "expr.h"

#include <stdio.h>
#include <string.h>

#include "buf.h"

/* How many members of obj have a name starting with prefix. */
static int count_prefixed(const cJSON *obj, const char *prefix)
{
	const cJSON *c;
	size_t len = strlen(prefix);
	int n = 0;

	cJSON_ArrayForEach(c, obj)
	{
		if (c->string && strncmp(c->string, prefix, len) == 0)
			n++;
	}
	return n;
}

/* Adds item under PREFIXn (the next number) and returns that name. */
static const char *add_numbered(cJSON *obj, const char *prefix, cJSON *item)
{
	char key[64];
	int n = count_prefixed(obj, prefix);

	do /* the next number not taken (a map may hold other numbers of the prefix) */
		snprintf(key, sizeof(key), "%s%d", prefix, n++);
	while (cJSON_GetObjectItemCaseSensitive(obj, key));
	cJSON_AddItemToObject(obj, key, ddb_must(item));
	return cJSON_GetObjectItemCaseSensitive(obj, key)->string;
}

const char *ddb_expr_name(cJSON *names, const char *prefix, const char *name)
{
	const cJSON *c;

	cJSON_ArrayForEach(c, names)
	{
		if (cJSON_IsString(c) && strcmp(c->valuestring, name) == 0)
			return c->string;
	}
	return add_numbered(names, prefix, cJSON_CreateString(name));
}

const char *ddb_expr_value(cJSON *values, const char *prefix, cJSON *value)
{
	return add_numbered(values, prefix, value);
}
