/* query_tables.h - three DescribeTable replies the query builder is tried on, shared by
 * tests/unit/test_query.c and fuzz/fuzz_query.c: cruddur-messages (a GSI), a table of number
 * keys (a GSI and an LSI) and one with a binary partition key and no sort key. */
#ifndef TESTS_UNIT_QUERY_TABLES_H
#define TESTS_UNIT_QUERY_TABLES_H

/* cruddur-messages: pk/sk strings, a GSI on message_group_uuid/sk. */
static const char *const CRUDDUR =
    "{\"Table\": {\"TableName\": \"cruddur-messages\","
    "\"AttributeDefinitions\": [{\"AttributeName\": \"pk\", \"AttributeType\": \"S\"},"
    "{\"AttributeName\": \"sk\", \"AttributeType\": \"S\"},"
    "{\"AttributeName\": \"message_group_uuid\", \"AttributeType\": \"S\"}],"
    "\"KeySchema\": [{\"AttributeName\": \"pk\", \"KeyType\": \"HASH\"},"
    "{\"AttributeName\": \"sk\", \"KeyType\": \"RANGE\"}],"
    "\"GlobalSecondaryIndexes\": [{\"IndexName\": \"message-group-sk-index\","
    "\"KeySchema\": [{\"AttributeName\": \"message_group_uuid\", \"KeyType\": \"HASH\"},"
    "{\"AttributeName\": \"sk\", \"KeyType\": \"RANGE\"}],"
    "\"Projection\": {\"ProjectionType\": \"ALL\"}}]}}";

/* numbers: id N / ts N, a GSI cat S / ts N, an LSI on score N; no BillingModeSummary. */
static const char *const NUMS =
    "{\"TableName\": \"nums\","
    "\"AttributeDefinitions\": [{\"AttributeName\": \"id\", \"AttributeType\": \"N\"},"
    "{\"AttributeName\": \"ts\", \"AttributeType\": \"N\"},"
    "{\"AttributeName\": \"cat\", \"AttributeType\": \"S\"},"
    "{\"AttributeName\": \"score\", \"AttributeType\": \"N\"}],"
    "\"KeySchema\": [{\"AttributeName\": \"id\", \"KeyType\": \"HASH\"},"
    "{\"AttributeName\": \"ts\", \"KeyType\": \"RANGE\"}],"
    "\"ProvisionedThroughput\": {\"ReadCapacityUnits\": 0, \"WriteCapacityUnits\": 0},"
    "\"GlobalSecondaryIndexes\": [{\"IndexName\": \"by-cat\","
    "\"KeySchema\": [{\"AttributeName\": \"cat\", \"KeyType\": \"HASH\"},"
    "{\"AttributeName\": \"ts\", \"KeyType\": \"RANGE\"}],"
    "\"Projection\": {\"ProjectionType\": \"INCLUDE\", \"NonKeyAttributes\": [\"a\", \"b\"]}}],"
    "\"LocalSecondaryIndexes\": [{\"IndexName\": \"by-score\","
    "\"KeySchema\": [{\"AttributeName\": \"id\", \"KeyType\": \"HASH\"},"
    "{\"AttributeName\": \"score\", \"KeyType\": \"RANGE\"}],"
    "\"Projection\": {\"ProjectionType\": \"KEYS_ONLY\"}}]}";

/* binary partition key, no sort key */
static const char *const BINS =
    "{\"Table\": {\"TableName\": \"bins\","
    "\"AttributeDefinitions\": [{\"AttributeName\": \"k\", \"AttributeType\": \"B\"}],"
    "\"KeySchema\": [{\"AttributeName\": \"k\", \"KeyType\": \"HASH\"}]}}";

#endif
