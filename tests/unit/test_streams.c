/* test_streams.c - the stream setting of a table spec (parse, CreateTable, DescribeTable), the
 * Streams endpoint, sequence number order and a record's creation time (ddb/streams.h). */
#include <stdlib.h>
#include <string.h>

#include "ddb/streams.h"
#include "ddb/tablespec.h"
#include "tests/unit/unit.h"

static const char *env_streams;

static const char *fake_getenv(const char *name)
{
	return strcmp(name, "AWS_ENDPOINT_URL_DYNAMODB_STREAMS") == 0 ? env_streams : NULL;
}

static void test_view_parse(void)
{
	struct ddb_error err;
	enum ddb_stream_view v = DDB_STREAM_OFF;

	CHECK(ddb_stream_view_parse("new_image", &v, &err) == 0 && v == DDB_STREAM_NEW_IMAGE);
	CHECK(ddb_stream_view_parse("NEW_AND_OLD_IMAGES", &v, &err) == 0 &&
	      v == DDB_STREAM_NEW_AND_OLD_IMAGES);
	CHECK(ddb_stream_view_parse("KEYS_ONLY", &v, &err) == 0 && v == DDB_STREAM_KEYS_ONLY);
	CHECK(ddb_stream_view_parse("OFF", &v, &err) == 0 && v == DDB_STREAM_OFF);
	CHECK(ddb_stream_view_parse("NEWIMAGE", &v, &err) == -1);
	CHECK(err.kind == DDB_ERR_USAGE && strstr(err.message, "not 'NEWIMAGE'"));
	CHECK(ddb_stream_view_parse("", &v, &err) == -1);
	CHECK_STR(ddb_stream_view_name(DDB_STREAM_OLD_IMAGE), "OLD_IMAGE");
	CHECK_STR(ddb_stream_view_name(DDB_STREAM_OFF), "off");
}

static void test_spec_json(void)
{
	struct ddb_table_spec s;
	struct ddb_error err;
	cJSON *req, *j;
	char *txt;

	ddb_table_spec_init(&s);
	CHECK(ddb_table_spec_set_name(&s, "st-t", &err) == 0);
	CHECK(ddb_table_spec_set_key(&s, 0, "pk:S", &err) == 0);
	req = ddb_table_spec_to_create(&s, &err);
	CHECK(req && !cJSON_GetObjectItemCaseSensitive(req, "StreamSpecification"));
	cJSON_Delete(req);
	s.stream = DDB_STREAM_NEW_IMAGE;
	req = ddb_table_spec_to_create(&s, &err);
	txt = cJSON_PrintUnformatted(cJSON_GetObjectItemCaseSensitive(req, "StreamSpecification"));
	CHECK_STR(txt, "{\"StreamEnabled\":true,\"StreamViewType\":\"NEW_IMAGE\"}");
	free(txt);
	/* read back from a describe */
	CHECK(ddb_stream_view_of(req) == DDB_STREAM_NEW_IMAGE);
	cJSON_Delete(req);
	j = ddb_stream_spec_json(DDB_STREAM_OFF);
	txt = cJSON_PrintUnformatted(j);
	CHECK_STR(txt, "{\"StreamEnabled\":false}");
	free(txt);
	cJSON_Delete(j);
	j = cJSON_Parse("{\"Table\": {\"TableName\": \"x\", \"KeySchema\": [{\"AttributeName\": "
	                "\"k\", \"KeyType\": \"HASH\"}], \"StreamSpecification\": "
	                "{\"StreamEnabled\": true, \"StreamViewType\": \"KEYS_ONLY\"}}}");
	CHECK(ddb_table_spec_from_describe(&s, j, &err) == 0 && s.stream == DDB_STREAM_KEYS_ONLY);
	cJSON_Delete(j);
	/* a stream turned off: the view type may stay, the stream is off */
	j = cJSON_Parse("{\"StreamSpecification\": {\"StreamEnabled\": false, "
	                "\"StreamViewType\": \"NEW_IMAGE\"}}");
	CHECK(ddb_stream_view_of(j) == DDB_STREAM_OFF);
	cJSON_Delete(j);
	ddb_table_spec_done(&s);
}

static void test_endpoint(void)
{
	struct ddb_config cfg;
	char *e;

	memset(&cfg, 0, sizeof(cfg));
	cfg.endpoint = (char *)"http://127.0.0.1:8000";
	cfg.host = (char *)"127.0.0.1";
	cfg.region = (char *)"us-east-1";
	cfg.endpoint_source = "--endpoint-url";
	env_streams = "http://elsewhere:1";
	e = ddb_streams_endpoint(&cfg, fake_getenv);
	CHECK_STR(e, "http://127.0.0.1:8000"); /* a local engine serves both APIs */
	free(e);
	cfg.endpoint = (char *)"https://dynamodb.eu-west-1.amazonaws.com";
	cfg.host = (char *)"dynamodb.eu-west-1.amazonaws.com";
	cfg.region = (char *)"eu-west-1";
	cfg.endpoint_source = "--prod";
	env_streams = NULL;
	e = ddb_streams_endpoint(&cfg, fake_getenv);
	CHECK_STR(e, "https://streams.dynamodb.eu-west-1.amazonaws.com");
	free(e);
	env_streams = "https://streams.example.test/";
	e = ddb_streams_endpoint(&cfg, fake_getenv);
	CHECK_STR(e, "https://streams.example.test");
	free(e);
}

static void test_seq_and_time(void)
{
	cJSON *r;
	int64_t us = 0;

	CHECK(ddb_stream_seq_cmp("1100000000017454423009", "1100000000017454423010") < 0);
	CHECK(ddb_stream_seq_cmp("99", "100") < 0); /* by value, not as text */
	CHECK(ddb_stream_seq_cmp("0100", "100") == 0);
	CHECK(ddb_stream_seq_cmp("200", "100") > 0);
	r = cJSON_Parse("{\"dynamodb\": {\"ApproximateCreationDateTime\": 1764851683.5}}");
	CHECK(ddb_stream_record_time(r, &us) == 0 && us == 1764851683500000LL);
	cJSON_Delete(r);
	r = cJSON_Parse("{\"dynamodb\": {\"ApproximateCreationDateTime\": "
	                "\"2026-12-04T12:00:00Z\"}}");
	CHECK(ddb_stream_record_time(r, &us) == 0 && us == 1796385600000000LL);
	cJSON_Delete(r);
	r = cJSON_Parse("{\"dynamodb\": {}}");
	CHECK(ddb_stream_record_time(r, &us) == -1);
	cJSON_Delete(r);
}

int main(void)
{
	RUN(test_view_parse);
	RUN(test_spec_json);
	RUN(test_endpoint);
	RUN(test_seq_and_time);
	UNIT_EXIT();
}
