/* test_model.c - times, message validation and seed planning of the conversation model. */
#include "ddb/model/model.h"
#include "ddb/model/seed.h"

#include <stdlib.h>
#include <string.h>

#include "ddb/attr.h"
#include "ddb/buf.h"
#include "ddb/tablespec.h"
#include "unit.h"

/* -Wwrite-strings: the user struct holds char *, so its strings live in arrays */
static char s_me_uuid[] = "11111111-1111-4111-8111-111111111111", s_me_dn[] = "Andrew Brown",
            s_me_h[] = "andrewbrown", s_me_e[] = "andrew@exampro.co", s_mock[] = "MOCK";
static char s_ot_uuid[] = "22222222-2222-4222-8222-222222222222", s_ot_dn[] = "Andrew Bayko",
            s_ot_h[] = "bayko", s_ot_e[] = "bayko@exampro.co";
static struct ddb_user me = {s_me_uuid, s_me_dn, s_me_h, s_me_e, s_mock};
static struct ddb_user other = {s_ot_uuid, s_ot_dn, s_ot_h, s_ot_e, s_mock};

static void test_time_format(void)
{
	char out[DDB_TIME_LEN];

	ddb_time_format(0, out);
	CHECK_STR(out, "1970-01-01T00:00:00.000000+00:00");
	ddb_time_format(1795976815123456LL, out);
	CHECK_STR(out, "2026-11-29T18:26:55.123456+00:00");
	ddb_time_format(-1, out);
	CHECK_STR(out, "1969-12-31T23:59:59.999999+00:00");
}

static void test_time_parse(void)
{
	int64_t us;

	CHECK(ddb_time_parse("2026-11-29T18:26:55.123456+00:00", &us) == 0);
	CHECK(us == 1795976815123456LL);
	CHECK(ddb_time_parse("2026-11-29T18:26:55Z", &us) == 0 && us == 1795976815000000LL);
	CHECK(ddb_time_parse("2026-11-29 19:26:55.5+01:00", &us) == 0 && us == 1795976815500000LL);
	CHECK(ddb_time_parse("2026-11-29T13:26:55-05:00", &us) == 0 && us == 1795976815000000LL);
	CHECK(ddb_time_parse("2026-11-29T18:26:55", &us) == 0 && us == 1795976815000000LL);
	CHECK(ddb_time_parse("2026-11-29", &us) != 0);
	CHECK(ddb_time_parse("2026-13-30T18:26:55Z", &us) != 0);
	CHECK(ddb_time_parse("2026-11-29T18:26:55.Z", &us) != 0);
	CHECK(ddb_time_parse("2026-11-29T18:26:55+0100", &us) != 0);
	CHECK(ddb_time_parse("2026-11-29T18:26:55Zjunk", &us) != 0);
	CHECK(ddb_time_parse("yesterday", &us) != 0);
}

static void test_time_round_trip_sorts(void)
{
	char a[DDB_TIME_LEN], b[DDB_TIME_LEN];
	int64_t t = 1795976815123456LL, back;
	int i;

	for (i = 0; i < 1000; i++) {
		ddb_time_format(t + i * 999, a);
		ddb_time_format(t + (i + 1) * 999, b);
		CHECK(strcmp(a, b) < 0);
		CHECK(ddb_time_parse(a, &back) == 0 && back == t + i * 999);
	}
}

static void test_validate(void)
{
	struct ddb_error err;
	char *big = malloc(1025 * 2 + 1);
	int i;

	ddb_error_clear(&err);
	CHECK(ddb_message_validate("hello", &err) == 0);
	CHECK(ddb_message_validate("", &err) != 0);
	CHECK_STR(err.type, "message_blank");
	CHECK(ddb_message_validate(" \t\n ", &err) != 0);
	CHECK_STR(err.type, "message_blank");
	for (i = 0; i < 1024; i++)
		memcpy(big + i * 2, "\xc3\xa9", 2); /* é: 2 bytes, 1 character */
	big[2048] = '\0';
	CHECK(ddb_utf8_chars(big) == 1024);
	CHECK(ddb_message_validate(big, &err) == 0);
	memcpy(big + 2048, "x", 2);
	CHECK(ddb_message_validate(big, &err) != 0);
	CHECK_STR(err.type, "message_exceed_max_chars");
	CHECK(strstr(err.message, "1025") != NULL);
	free(big);
}

static const char *dlg = "Person 1: hi\nPerson 2: hello \xf0\x9f\x91\x8b\r\nPerson 1: bye\n";

static struct ddb_seed_opts opts(const char *text)
{
	struct ddb_seed_opts o;

	memset(&o, 0, sizeof(o));
	o.table = "t";
	o.me = &me;
	o.other = &other;
	o.dialogue = text;
	o.dialogue_len = strlen(text);
	o.dialogue_name = "conv.txt";
	o.start_us = 1795976815000000LL;
	return o;
}

static void test_seed_plan(void)
{
	struct ddb_seed_opts o = opts(dlg);
	struct ddb_seed_plan p, q;
	struct ddb_error err;
	const cJSON *it;
	int i;

	o.count = 7;
	CHECK(ddb_seed_plan(&o, &p, &err) == 0);
	CHECK(cJSON_GetArraySize(p.items) == 9);
	CHECK(p.messages == 7);
	CHECK_STR(p.group_uuid, DDB_MODEL_SEED_GROUP);
	CHECK_STR(p.first_sk, "2026-11-29T18:26:55.000000+00:00");
	CHECK_STR(p.last_sk, "2026-11-29T18:32:55.000000+00:00");
	for (i = 0; i < 7; i++) {
		it = cJSON_GetArrayItem(p.items, i);
		CHECK_STR(ddb_item_get_s(it, "pk"), "MSG#" DDB_MODEL_SEED_GROUP);
		CHECK_STR(ddb_item_get_s(it, "user_handle"), i % 3 == 1 ? "bayko" : "andrewbrown");
		if (i > 0)
			CHECK(strcmp(ddb_item_get_s(cJSON_GetArrayItem(p.items, i - 1), "sk"),
			             ddb_item_get_s(it, "sk")) < 0);
	}
	CHECK_STR(ddb_item_get_s(cJSON_GetArrayItem(p.items, 1), "message"),
	          "hello \xf0\x9f\x91\x8b");
	/* group rows: each owner's row names the other participant, carries the last message */
	it = cJSON_GetArrayItem(p.items, 7);
	CHECK_STR(ddb_item_get_s(it, "pk"), "GRP#11111111-1111-4111-8111-111111111111");
	CHECK_STR(ddb_item_get_s(it, "user_handle"), "bayko");
	CHECK_STR(ddb_item_get_s(it, "sk"), p.last_sk);
	CHECK_STR(ddb_item_get_s(it, "message"), "hi");
	CHECK_STR(ddb_item_get_s(it, "message_group_uuid"), DDB_MODEL_SEED_GROUP);
	it = cJSON_GetArrayItem(p.items, 8);
	CHECK_STR(ddb_item_get_s(it, "pk"), "GRP#22222222-2222-4222-8222-222222222222");
	CHECK_STR(ddb_item_get_s(it, "user_handle"), "andrewbrown");
	/* keys are fixed: a second plan has the same message uuids */
	CHECK(ddb_seed_plan(&o, &q, &err) == 0);
	CHECK_STR(ddb_item_get_s(cJSON_GetArrayItem(q.items, 3), "message_uuid"),
	          ddb_item_get_s(cJSON_GetArrayItem(p.items, 3), "message_uuid"));
	CHECK(strcmp(ddb_item_get_s(cJSON_GetArrayItem(p.items, 3), "message_uuid"),
	             ddb_item_get_s(cJSON_GetArrayItem(p.items, 4), "message_uuid")) != 0);
	ddb_seed_plan_done(&p);
	ddb_seed_plan_done(&q);
}

static void expect_plan_error(const char *text, const char *want)
{
	struct ddb_seed_opts o = opts(text);
	struct ddb_seed_plan p;
	struct ddb_error err;

	ddb_error_clear(&err);
	CHECK(ddb_seed_plan(&o, &p, &err) != 0);
	if (!strstr(err.message, want)) {
		printf("  message [%s] lacks [%s]\n", err.message, want);
		CHECK(0);
	}
}

static void test_seed_errors(void)
{
	char *big = malloc(2000);

	expect_plan_error("Person 1: a\nPerson 3: b\n", "conv.txt: line 2: expected 'Person 1:");
	expect_plan_error("Person 1: a\n\nPerson 2: b\n", "line 2:");
	expect_plan_error("Person 1: a\nPerson 2:   \n", "line 2: message_blank");
	expect_plan_error("hello\n", "line 1:");
	expect_plan_error("", "no messages");
	strcpy(big, "Person 1: ");
	memset(big + 10, 'x', 1025);
	strcpy(big + 1035, "\n");
	expect_plan_error(big, "line 1: message_exceed_max_chars");
	free(big);
}

static void test_seed_same_users(void)
{
	struct ddb_seed_opts o = opts(dlg);
	struct ddb_seed_plan p;
	struct ddb_error err;

	o.other = &me;
	CHECK(ddb_seed_plan(&o, &p, &err) != 0);
	CHECK(strstr(err.message, "must differ") != NULL);
	o.other = &other;
	o.group_uuid = "not-a-uuid";
	CHECK(ddb_seed_plan(&o, &p, &err) != 0);
}

static void test_shapes(void)
{
	cJSON *row =
	    ddb_model_message_row("g-1", "m-1", "2026-01-01T00:00:00.000000+00:00", "yo", &me);
	cJSON *s = ddb_model_message_shape(row);
	char *txt = cJSON_PrintUnformatted(s);

	CHECK_STR(txt, "{\"uuid\":\"m-1\",\"display_name\":\"Andrew Brown\",\"handle\":"
	               "\"andrewbrown\",\"message\":\"yo\",\"created_at\":"
	               "\"2026-01-01T00:00:00.000000+00:00\"}");
	free(txt);
	cJSON_Delete(s);
	cJSON_Delete(row);
	row = ddb_model_group_row("g-1", me.uuid, "2026", "last", &other);
	s = ddb_model_conversation_shape(row);
	CHECK_STR(cJSON_GetObjectItem(s, "uuid")->valuestring, "g-1");
	CHECK_STR(cJSON_GetObjectItem(s, "handle")->valuestring, "bayko");
	cJSON_Delete(s);
	cJSON_Delete(row);
}

/* The model's table, as a spec and as the CreateTable request built from it. */
static void test_schema(void)
{
	struct ddb_table_spec spec;
	struct ddb_error err;
	const struct ddb_index_spec *gsi;
	cJSON *req, *g;
	char *text;

	ddb_table_spec_init(&spec);
	ddb_error_clear(&err);
	CHECK(ddb_cruddur_spec(&spec, "cruddur-messages", 7, 9, &err) == 0);
	CHECK_STR(spec.name, "cruddur-messages");
	CHECK_STR(spec.hash.name, "pk");
	CHECK_STR(spec.range.name, "sk");
	CHECK(spec.hash.type == DDB_T_S && spec.range.type == DDB_T_S);
	CHECK(spec.provisioned && spec.rcu == 7 && spec.wcu == 9);
	gsi = ddb_table_spec_index(&spec, DDB_MODEL_GSI);
	CHECK(gsi && !gsi->local && gsi->projection == DDB_PROJ_ALL);
	if (gsi) {
		CHECK_STR(gsi->hash.name, "message_group_uuid");
		CHECK_STR(gsi->range.name, "sk");
	}
	ddb_table_spec_done(&spec);

	req = ddb_cruddur_schema("cruddur-messages", 5, 5, &err);
	CHECK(req != NULL);
	text = cJSON_PrintUnformatted(req);
	CHECK(text && strstr(text, "\"BillingMode\":\"PROVISIONED\""));
	CHECK(cJSON_GetArraySize(cJSON_GetObjectItem(req, "AttributeDefinitions")) == 3);
	g = cJSON_GetArrayItem(cJSON_GetObjectItem(req, "GlobalSecondaryIndexes"), 0);
	CHECK(g && cJSON_GetObjectItem(g, "ProvisionedThroughput") != NULL);
	free(text);
	cJSON_Delete(req);

	/* a name DynamoDB would refuse, and a capacity out of range: said before anything is sent
	 */
	ddb_error_clear(&err);
	CHECK(ddb_cruddur_schema("x!", 5, 5, &err) == NULL);
	CHECK(err.kind == DDB_ERR_USAGE);
	ddb_error_clear(&err);
	CHECK(ddb_cruddur_schema("cruddur-messages", 0, 5, &err) == NULL);
	CHECK(err.kind == DDB_ERR_USAGE && strstr(err.message, "--rcu"));
}

int main(void)
{
	RUN(test_time_format);
	RUN(test_time_parse);
	RUN(test_time_round_trip_sorts);
	RUN(test_validate);
	RUN(test_seed_plan);
	RUN(test_seed_errors);
	RUN(test_seed_same_users);
	RUN(test_shapes);
	RUN(test_schema);
	UNIT_EXIT();
}
