/* test_tablespec.c - table specs: the flag syntax, the CreateTable request (attribute definitions
 * once each, conflicting types refused), billing, and reading DescribeTable back. */
#include <stdlib.h>
#include <string.h>

#include "ddb/json.h"
#include "ddb/tablespec.h"
#include "unit.h"

static char *last;

/* A spec from flags -> CreateTable as compact JSON, or "ERR: message". gsis/lsis are
 * NULL-terminated (or NULL). */
static const char *create(const char *name, const char *pk, const char *sk, const char *const *gsis,
                          const char *const *lsis, const char *billing, const char *rcu,
                          const char *wcu)
{
	struct ddb_table_spec s;
	struct ddb_error err;
	cJSON *req = NULL;

	free(last);
	last = NULL;
	ddb_table_spec_init(&s);
	ddb_error_clear(&err);
	if (ddb_table_spec_set_name(&s, name, &err) != 0)
		goto out;
	if (pk && ddb_table_spec_set_key(&s, 0, pk, &err) != 0)
		goto out;
	if (sk && ddb_table_spec_set_key(&s, 1, sk, &err) != 0)
		goto out;
	for (; gsis && *gsis; gsis++)
		if (ddb_table_spec_add_gsi(&s, *gsis, &err) != 0)
			goto out;
	for (; lsis && *lsis; lsis++)
		if (ddb_table_spec_add_lsi(&s, *lsis, &err) != 0)
			goto out;
	if (ddb_table_spec_set_billing(&s, billing, rcu, wcu, &err) != 0)
		goto out;
	req = ddb_table_spec_to_create(&s, &err);
out:
	if (req) {
		last = cJSON_PrintUnformatted(req);
		cJSON_Delete(req);
	} else {
		CHECK(err.kind == DDB_ERR_USAGE);
		last = malloc(strlen(err.message) + 6);
		strcpy(last, "ERR: ");
		strcat(last, err.message);
	}
	ddb_table_spec_done(&s);
	return last;
}

static void test_simple_tables(void)
{
	CHECK_STR(create("t-1", "id:S", NULL, NULL, NULL, NULL, NULL, NULL),
	          "{\"TableName\":\"t-1\",\"KeySchema\":[{\"AttributeName\":\"id\",\"KeyType\":"
	          "\"HASH\"}],\"AttributeDefinitions\":[{\"AttributeName\":\"id\","
	          "\"AttributeType\":\"S\"}],\"BillingMode\":\"PAY_PER_REQUEST\"}");
	CHECK_STR(create("events.v2", "pk:s", "ts:N", NULL, NULL, NULL, "10", "20"),
	          "{\"TableName\":\"events.v2\",\"KeySchema\":[{\"AttributeName\":\"pk\","
	          "\"KeyType\":\"HASH\"},{\"AttributeName\":\"ts\",\"KeyType\":\"RANGE\"}],"
	          "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"},"
	          "{\"AttributeName\":\"ts\",\"AttributeType\":\"N\"}],\"BillingMode\":"
	          "\"PROVISIONED\",\"ProvisionedThroughput\":{\"ReadCapacityUnits\":10,"
	          "\"WriteCapacityUnits\":20}}");
	CHECK_STR(create("bin", "k:B", NULL, NULL, NULL, "provisioned", NULL, NULL),
	          "{\"TableName\":\"bin\",\"KeySchema\":[{\"AttributeName\":\"k\",\"KeyType\":"
	          "\"HASH\"}],\"AttributeDefinitions\":[{\"AttributeName\":\"k\","
	          "\"AttributeType\":\"B\"}],\"BillingMode\":\"PROVISIONED\","
	          "\"ProvisionedThroughput\":{\"ReadCapacityUnits\":5,\"WriteCapacityUnits\":5}}");
}

static void test_indexes_and_dedup(void)
{
	const char *gsis[] = {"by-cat:cat:S:ts:N:INCLUDE=a,b", "by-owner:owner:S:KEYS_ONLY",
	                      "by-ts:ts:N", NULL};
	const char *lsis[] = {"by-score:score:N", "by-cat-local:cat:S:keys_only", NULL};

	CHECK_STR(
	    create("things", "id:S", "ts:N", gsis, lsis, "PROVISIONED", "3", NULL),
	    "{\"TableName\":\"things\",\"KeySchema\":[{\"AttributeName\":\"id\",\"KeyType\":"
	    "\"HASH\"},{\"AttributeName\":\"ts\",\"KeyType\":\"RANGE\"}],"
	    "\"AttributeDefinitions\":[{\"AttributeName\":\"id\",\"AttributeType\":\"S\"},"
	    "{\"AttributeName\":\"ts\",\"AttributeType\":\"N\"},{\"AttributeName\":\"cat\","
	    "\"AttributeType\":\"S\"},{\"AttributeName\":\"owner\",\"AttributeType\":\"S\"},"
	    "{\"AttributeName\":\"score\",\"AttributeType\":\"N\"}],\"BillingMode\":"
	    "\"PROVISIONED\",\"ProvisionedThroughput\":{\"ReadCapacityUnits\":3,"
	    "\"WriteCapacityUnits\":5},\"GlobalSecondaryIndexes\":[{\"IndexName\":\"by-cat\","
	    "\"KeySchema\":[{\"AttributeName\":\"cat\",\"KeyType\":\"HASH\"},"
	    "{\"AttributeName\":\"ts\",\"KeyType\":\"RANGE\"}],\"Projection\":"
	    "{\"ProjectionType\":\"INCLUDE\",\"NonKeyAttributes\":[\"a\",\"b\"]},"
	    "\"ProvisionedThroughput\":{\"ReadCapacityUnits\":3,\"WriteCapacityUnits\":5}},"
	    "{\"IndexName\":\"by-owner\",\"KeySchema\":[{\"AttributeName\":\"owner\","
	    "\"KeyType\":\"HASH\"}],\"Projection\":{\"ProjectionType\":\"KEYS_ONLY\"},"
	    "\"ProvisionedThroughput\":{\"ReadCapacityUnits\":3,\"WriteCapacityUnits\":5}},"
	    "{\"IndexName\":\"by-ts\",\"KeySchema\":[{\"AttributeName\":\"ts\",\"KeyType\":"
	    "\"HASH\"}],\"Projection\":{\"ProjectionType\":\"ALL\"},\"ProvisionedThroughput\":"
	    "{\"ReadCapacityUnits\":3,\"WriteCapacityUnits\":5}}],\"LocalSecondaryIndexes\":"
	    "[{\"IndexName\":\"by-score\",\"KeySchema\":[{\"AttributeName\":\"id\",\"KeyType\":"
	    "\"HASH\"},{\"AttributeName\":\"score\",\"KeyType\":\"RANGE\"}],\"Projection\":"
	    "{\"ProjectionType\":\"ALL\"}},{\"IndexName\":\"by-cat-local\",\"KeySchema\":"
	    "[{\"AttributeName\":\"id\",\"KeyType\":\"HASH\"},{\"AttributeName\":\"cat\","
	    "\"KeyType\":\"RANGE\"}],\"Projection\":{\"ProjectionType\":\"KEYS_ONLY\"}}]}");
}

static void test_conflicting_types(void)
{
	const char *g1[] = {"by-ts:ts:S", NULL};
	const char *g2[] = {"one:x:S", "two:y:N:x:N", NULL};
	const char *l1[] = {"by-id2:id:N", NULL};

	CHECK_STR(create("things", "id:S", "ts:N", g1, NULL, NULL, NULL, NULL),
	          "ERR: attribute ts is N as the table's sort key but S as the partition key of "
	          "GSI by-ts: one attribute has one type");
	CHECK_STR(create("things", "id:S", NULL, g2, NULL, NULL, NULL, NULL),
	          "ERR: attribute x is S as the partition key of GSI one but N as the sort key of "
	          "GSI two: one attribute has one type");
	CHECK_STR(create("things", "id:S", "ts:N", NULL, l1, NULL, NULL, NULL),
	          "ERR: LSI by-id2: id is both the partition key and the sort key");
}

static void test_errors(void)
{
	const char *bad_gsi[][2] = {
	    {"g:pk:S", "ERR: GSI 'g:pk:S': index name 'g' is not valid: 3 to 255 letters, "
	               "digits, '_', '-' or '.'"},
	    {"gsi1:pk", "ERR: GSI 'gsi1:pk': expected NAME:PK:TYPE[:SK:TYPE][:ALL|KEYS_ONLY|"
	                "INCLUDE=a,b]"},
	    {"gsi1:pk:S:sk", "ERR: GSI 'gsi1:pk:S:sk': expected NAME:PK:TYPE[:SK:TYPE][:ALL|"
	                     "KEYS_ONLY|INCLUDE=a,b]"},
	    {"gsi1:pk:X", "ERR: GSI gsi1 partition key pk: type 'X' is not S, N or B"},
	    {"gsi1:pk:S:sk:BOOL", "ERR: GSI gsi1 sort key sk: type 'BOOL' is not S, N or B"},
	    {"gsi1::S", "ERR: GSI gsi1 partition key: the attribute name is empty"},
	    {"gsi1:pk:S:SOME", "ERR: GSI 'gsi1:pk:S:SOME': expected NAME:PK:TYPE[:SK:TYPE][:ALL|"
	                       "KEYS_ONLY|INCLUDE=a,b]"},
	    {"gsi1:pk:S:INCLUDE=", "ERR: index gsi1: INCLUDE needs at least one attribute"},
	    {"gsi1:pk:S:INCLUDE=a,,b", "ERR: index gsi1: an empty attribute name in INCLUDE=a,,b"},
	    {"gsi1:pk:S:pk:S", "ERR: GSI gsi1: pk is both the partition key and the sort key"},
	    {"a:b:c:d:e:f:g:h:i", "ERR: GSI 'a:b:c:d:e:f:g:h:i': too many ':' fields"},
	};
	const char *lsi_no_sk[] = {"by-x:x:S", NULL};
	const char *lsi_bad[] = {"by-x:x:S:pk:S", NULL};
	const char *dup[] = {"same:a:S", "same:b:S", NULL};
	const char *many_lsi[] = {"lsi1:a:S", "lsi2:b:S", "lsi3:c:S", "lsi4:d:S",
	                          "lsi5:e:S", "lsi6:f:S", NULL};
	size_t i;

	for (i = 0; i < sizeof(bad_gsi) / sizeof(bad_gsi[0]); i++) {
		const char *g[] = {bad_gsi[i][0], NULL};

		CHECK_STR(create("things", "pk:S", NULL, g, NULL, NULL, NULL, NULL), bad_gsi[i][1]);
	}
	CHECK_STR(create("ab", "id:S", NULL, NULL, NULL, NULL, NULL, NULL),
	          "ERR: table name 'ab' is not valid: 3 to 255 letters, digits, '_', '-' or '.'");
	CHECK_STR(
	    create("a b c", "id:S", NULL, NULL, NULL, NULL, NULL, NULL),
	    "ERR: table name 'a b c' is not valid: 3 to 255 letters, digits, '_', '-' or '.'");
	CHECK_STR(create("things", NULL, NULL, NULL, NULL, NULL, NULL, NULL),
	          "ERR: table things needs a partition key (NAME:TYPE)");
	CHECK_STR(create("things", "id", NULL, NULL, NULL, NULL, NULL, NULL),
	          "ERR: partition key 'id': expected NAME:TYPE (TYPE S, N or B)");
	CHECK_STR(create("things", "id:SS", NULL, NULL, NULL, NULL, NULL, NULL),
	          "ERR: partition key id: type 'SS' is not S, N or B");
	CHECK_STR(create("things", ":S", NULL, NULL, NULL, NULL, NULL, NULL),
	          "ERR: partition key: the attribute name is empty");
	CHECK_STR(create("things", "id:S", "id:N", NULL, NULL, NULL, NULL, NULL),
	          "ERR: the table: id is both the partition key and the sort key");
	CHECK_STR(create("things", "id:S", NULL, NULL, lsi_no_sk, NULL, NULL, NULL),
	          "ERR: LSI by-x: a local secondary index needs a table with a sort key");
	CHECK_STR(create("things", "id:S", "sk:S", NULL, lsi_bad, NULL, NULL, NULL),
	          "ERR: LSI 'by-x:x:S:pk:S': expected NAME:SK:TYPE[:ALL|KEYS_ONLY|INCLUDE=a,b]");
	CHECK_STR(create("things", "id:S", NULL, dup, NULL, NULL, NULL, NULL),
	          "ERR: two indexes are named same");
	CHECK_STR(create("things", "id:S", "sk:S", NULL, many_lsi, NULL, NULL, NULL),
	          "ERR: at most 5 local secondary indexes");
	/* billing */
	CHECK_STR(create("things", "id:S", NULL, NULL, NULL, "FREE", NULL, NULL),
	          "ERR: billing mode 'FREE' is not PAY_PER_REQUEST or PROVISIONED");
	CHECK_STR(create("things", "id:S", NULL, NULL, NULL, "PAY_PER_REQUEST", "5", NULL),
	          "ERR: read/write capacity is for PROVISIONED billing, not PAY_PER_REQUEST");
	CHECK_STR(create("things", "id:S", NULL, NULL, NULL, NULL, "0", NULL),
	          "ERR: --rcu must be a whole number from 1 to 40000, not '0'");
	CHECK_STR(create("things", "id:S", NULL, NULL, NULL, NULL, NULL, "5x"),
	          "ERR: --wcu must be a whole number from 1 to 40000, not '5x'");
}

static void test_too_many_gsis(void)
{
	struct ddb_table_spec s;
	struct ddb_error err;
	char text[64];
	cJSON *req;
	int i;

	ddb_table_spec_init(&s);
	CHECK(ddb_table_spec_set_name(&s, "many", &err) == 0);
	CHECK(ddb_table_spec_set_key(&s, 0, "id:S", &err) == 0);
	for (i = 0; i < 21; i++) {
		snprintf(text, sizeof(text), "gsi%02d:a%d:S", i, i);
		CHECK(ddb_table_spec_add_gsi(&s, text, &err) == 0);
	}
	req = ddb_table_spec_to_create(&s, &err);
	CHECK(req == NULL);
	CHECK_STR(err.message, "at most 20 global secondary indexes");
	ddb_table_spec_done(&s);
}

static void test_from_describe(void)
{
	static const char *const text =
	    "{\"Table\": {\"TableName\": \"things\", \"TableStatus\": \"ACTIVE\","
	    "\"AttributeDefinitions\": [{\"AttributeName\": \"id\", \"AttributeType\": \"S\"},"
	    "{\"AttributeName\": \"ts\", \"AttributeType\": \"N\"},"
	    "{\"AttributeName\": \"cat\", \"AttributeType\": \"S\"},"
	    "{\"AttributeName\": \"score\", \"AttributeType\": \"N\"}],"
	    "\"KeySchema\": [{\"AttributeName\": \"ts\", \"KeyType\": \"RANGE\"},"
	    "{\"AttributeName\": \"id\", \"KeyType\": \"HASH\"}],"
	    "\"BillingModeSummary\": {\"BillingMode\": \"PAY_PER_REQUEST\"},"
	    "\"ProvisionedThroughput\": {\"ReadCapacityUnits\": 0, \"WriteCapacityUnits\": 0},"
	    "\"GlobalSecondaryIndexes\": [{\"IndexName\": \"by-cat\","
	    "\"KeySchema\": [{\"AttributeName\": \"cat\", \"KeyType\": \"HASH\"},"
	    "{\"AttributeName\": \"ts\", \"KeyType\": \"RANGE\"}],"
	    "\"Projection\": {\"ProjectionType\": \"INCLUDE\", \"NonKeyAttributes\": [\"a\"]}}],"
	    "\"LocalSecondaryIndexes\": [{\"IndexName\": \"by-score\","
	    "\"KeySchema\": [{\"AttributeName\": \"id\", \"KeyType\": \"HASH\"},"
	    "{\"AttributeName\": \"score\", \"KeyType\": \"RANGE\"}],"
	    "\"Projection\": {\"ProjectionType\": \"KEYS_ONLY\"}}]}}";
	struct ddb_table_spec s;
	struct ddb_error err;
	const struct ddb_key_def *h, *r;
	cJSON *j = ddb_json_parse(text, strlen(text), &err), *req;
	char *back;

	ddb_table_spec_init(&s);
	CHECK(ddb_table_spec_from_describe(&s, j, &err) == 0);
	CHECK_STR(s.name, "things");
	CHECK_STR(s.hash.name, "id");
	CHECK(s.hash.type == DDB_T_S);
	CHECK_STR(s.range.name, "ts");
	CHECK(s.range.type == DDB_T_N);
	CHECK(!s.provisioned);
	CHECK(s.nindexes == 2);
	CHECK(ddb_table_spec_keys(&s, "by-cat", &h, &r, &err) == 0);
	CHECK_STR(h->name, "cat");
	CHECK_STR(r->name, "ts");
	CHECK(ddb_table_spec_keys(&s, "by-score", &h, &r, &err) == 0);
	CHECK_STR(h->name, "id");
	CHECK_STR(r->name, "score");
	CHECK(r->type == DDB_T_N);
	CHECK(ddb_table_spec_keys(&s, NULL, &h, &r, &err) == 0);
	CHECK_STR(h->name, "id");
	CHECK(ddb_table_spec_keys(&s, "nope", &h, &r, &err) == -1);
	CHECK_STR(err.message, "table things has no index nope (indexes: by-cat, by-score)");
	CHECK(ddb_table_spec_attr_type(&s, "score") == DDB_T_N);
	CHECK(ddb_table_spec_attr_type(&s, "cat") == DDB_T_S);
	CHECK(ddb_table_spec_attr_type(&s, "other") == DDB_T_INVALID);
	/* and back to a CreateTable that makes the same table */
	req = ddb_table_spec_to_create(&s, &err);
	back = cJSON_PrintUnformatted(req);
	CHECK_STR(back,
	          "{\"TableName\":\"things\",\"KeySchema\":[{\"AttributeName\":\"id\",\"KeyType\":"
	          "\"HASH\"},{\"AttributeName\":\"ts\",\"KeyType\":\"RANGE\"}],"
	          "\"AttributeDefinitions\":[{\"AttributeName\":\"id\",\"AttributeType\":\"S\"},"
	          "{\"AttributeName\":\"ts\",\"AttributeType\":\"N\"},{\"AttributeName\":\"cat\","
	          "\"AttributeType\":\"S\"},{\"AttributeName\":\"score\",\"AttributeType\":\"N\"}],"
	          "\"BillingMode\":\"PAY_PER_REQUEST\",\"GlobalSecondaryIndexes\":[{\"IndexName\":"
	          "\"by-cat\",\"KeySchema\":[{\"AttributeName\":\"cat\",\"KeyType\":\"HASH\"},"
	          "{\"AttributeName\":\"ts\",\"KeyType\":\"RANGE\"}],\"Projection\":"
	          "{\"ProjectionType\":\"INCLUDE\",\"NonKeyAttributes\":[\"a\"]}}],"
	          "\"LocalSecondaryIndexes\":[{\"IndexName\":\"by-score\",\"KeySchema\":"
	          "[{\"AttributeName\":\"id\",\"KeyType\":\"HASH\"},{\"AttributeName\":\"score\","
	          "\"KeyType\":\"RANGE\"}],\"Projection\":{\"ProjectionType\":\"KEYS_ONLY\"}}]}");
	free(back);
	cJSON_Delete(req);
	cJSON_Delete(j);
	/* no key schema */
	j = cJSON_Parse("{\"Table\": {\"TableName\": \"x\"}}");
	CHECK(ddb_table_spec_from_describe(&s, j, &err) == -1);
	CHECK(err.kind == DDB_ERR_PARSE);
	cJSON_Delete(j);
	/* a provisioned table without BillingModeSummary (DynamoDB Local, older replies) */
	j = cJSON_Parse("{\"TableName\": \"p\", \"KeySchema\": [{\"AttributeName\": \"k\","
	                "\"KeyType\": \"HASH\"}], \"ProvisionedThroughput\": "
	                "{\"ReadCapacityUnits\": 4, \"WriteCapacityUnits\": 6}}");
	CHECK(ddb_table_spec_from_describe(&s, j, &err) == 0);
	CHECK(s.provisioned && s.rcu == 4 && s.wcu == 6);
	CHECK(s.hash.type == DDB_T_INVALID); /* no AttributeDefinitions given */
	cJSON_Delete(j);
	ddb_table_spec_done(&s);
}

int main(void)
{
	RUN(test_simple_tables);
	RUN(test_indexes_and_dedup);
	RUN(test_conflicting_types);
	RUN(test_errors);
	RUN(test_too_many_gsis);
	RUN(test_from_describe);
	free(last);
	UNIT_EXIT();
}
