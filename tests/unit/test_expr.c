/* test_expr.c - expression placeholders (ddb/expr.h): names bound once, values numbered per
 * prefix, numbers taken by hand skipped. */
#include "ddb/expr.h"

#include <stdlib.h>
#include <string.h>

#include "unit.h"

static void test_names(void)
{
	cJSON *names = cJSON_CreateObject();

	CHECK_STR(ddb_expr_name(names, "#n", "pk"), "#n0");
	CHECK_STR(ddb_expr_name(names, "#n", "sk"), "#n1");
	CHECK_STR(ddb_expr_name(names, "#n", "pk"), "#n0"); /* bound once */
	/* another prefix numbers from 0, and finds a name bound under any prefix */
	CHECK_STR(ddb_expr_name(names, "#u", "qty"), "#u0");
	CHECK_STR(ddb_expr_name(names, "#u", "sk"), "#n1");
	CHECK_STR(ddb_expr_name(names, "#n", "qty"), "#u0");
	CHECK_STR(ddb_expr_name(names, "#n", "a.b[0] with spaces"), "#n2");
	CHECK(cJSON_GetArraySize(names) == 4);
	CHECK_STR(cJSON_GetObjectItem(names, "#n2")->valuestring, "a.b[0] with spaces");
	cJSON_Delete(names);
}

static void test_values(void)
{
	cJSON *values = cJSON_CreateObject(), *v;

	CHECK_STR(ddb_expr_value(values, ":v", cJSON_CreateString("x")), ":v0");
	CHECK_STR(ddb_expr_value(values, ":v", cJSON_CreateString("x")), ":v1"); /* never shared */
	/* a fixed placeholder of another prefix does not count */
	cJSON_AddItemToObject(values, ":t0", cJSON_CreateString("S"));
	CHECK_STR(ddb_expr_value(values, ":v", cJSON_CreateNumber(1)), ":v2");
	CHECK_STR(ddb_expr_value(values, ":u", cJSON_CreateNumber(2)), ":u0");
	/* a number taken by hand is skipped, never overwritten */
	cJSON_AddItemToObject(values, ":v4", cJSON_CreateString("mine"));
	CHECK_STR(ddb_expr_value(values, ":v", cJSON_CreateNumber(3)), ":v5");
	v = cJSON_GetObjectItem(values, ":v4");
	CHECK(v && cJSON_IsString(v) && strcmp(v->valuestring, "mine") == 0);
	CHECK(cJSON_GetArraySize(values) == 7);
	cJSON_Delete(values);
}

int main(void)
{
	RUN(test_names);
	RUN(test_values);
	UNIT_EXIT();
}
