# tables.sh - the table subcommands against dynalite, cross-checked with the AWS CLI and boto3.
# engines: dynalite moto (tests/run.sh runs this file on each)
. tests/integ/lib.sh
T=cruddur-messages

# --- schema-load makes exactly the spec's table (as the AWS CLI sees it) ---
run $DDBTUI schema-load
expect schema_load_ok 0 "ACTIVE"
awsl dynamodb describe-table --table-name $T >"$TEST_TMP/desc.json"
/usr/bin/python3 - "$TEST_TMP/desc.json" <<'PY' && pass schema_matches_spec_per_awscli || fail schema_matches_spec_per_awscli "see above"
import json, os, sys
t = json.load(open(sys.argv[1]))["Table"]
ok = True
def want(name, got, exp):
    global ok
    if got != exp:
        print(f"  {name}: got {got!r}, expected {exp!r}"); ok = False
want("KeySchema", t["KeySchema"], [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}])
want("AttributeDefinitions", sorted((d["AttributeName"], d["AttributeType"]) for d in t["AttributeDefinitions"]),
     [("message_group_uuid", "S"), ("pk", "S"), ("sk", "S")])
want("Throughput", (t["ProvisionedThroughput"]["ReadCapacityUnits"], t["ProvisionedThroughput"]["WriteCapacityUnits"]), (5, 5))
g = t.get("GlobalSecondaryIndexes", [])
want("GSI count", len(g), 1)
if g:
    g = g[0]
    want("GSI name", g["IndexName"], "message-group-sk-index")
    want("GSI keys", g["KeySchema"], [{"AttributeName": "message_group_uuid", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}])
    want("GSI projection", g["Projection"]["ProjectionType"], "ALL")
    want("GSI throughput", (g["ProvisionedThroughput"]["ReadCapacityUnits"], g["ProvisionedThroughput"]["WriteCapacityUnits"]), (5, 5))
lsi = t.get("LocalSecondaryIndexes")
if os.environ.get("TEST_ENGINE") == "moto" and lsi == []:
    lsi = None  # moto answers [] for a table without LSIs; DynamoDB leaves it out (docs/engines.md)
want("LSI", lsi, None)
want("status", t["TableStatus"], "ACTIVE")
sys.exit(0 if ok else 1)
PY

# --- schema-load again: exit 1, nothing changed ---
before=$(awsl dynamodb describe-table --table-name $T --query 'Table.CreationDateTime' --output text)
run $DDBTUI schema-load
expect schema_load_exists 1 "table cruddur-messages already exists"
after=$(awsl dynamodb describe-table --table-name $T --query 'Table.CreationDateTime' --output text)
check schema_load_exists_unchanged test "$before" = "$after"

# --- describe-table, human and JSON ---
run $DDBTUI describe-table
expect describe_human 0 "Keys        pk \(S, HASH\), sk \(S, RANGE\)"
check describe_human_gsi grep -q "GSI message-group-sk-index" "$TEST_TMP/out"
check describe_human_capacity grep -q "Capacity    5 RCU / 5 WCU" "$TEST_TMP/out"
run $DDBTUI describe-table $T --json
expect describe_json 0 '"TableName":[[:space:]]*"cruddur-messages"'
check describe_json_parses /usr/bin/python3 -c 'import json,sys; t=json.load(open(sys.argv[1])); assert t["KeySchema"][0]["AttributeName"]=="pk"' "$TEST_TMP/out"

# --- a table made by boto3 is listed ---
/usr/bin/python3 - <<'PY' || fail boto3_create "boto3 could not create the table"
import boto3, os
ddb = boto3.client("dynamodb", endpoint_url=os.environ["ENDPOINT"], region_name="us-east-1")
ddb.create_table(TableName="made-by-boto3", KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
                 AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
                 BillingMode="PAY_PER_REQUEST")
ddb.get_waiter("table_exists").wait(TableName="made-by-boto3", WaiterConfig={"Delay": 0.1})
PY
run $DDBTUI list-tables
expect list_tables_sees_boto3_table 0 "^made-by-boto3$"
check list_tables_both test "$(printf '%s\n' "$OUT" | sort | tr '\n' ' ')" = "cruddur-messages made-by-boto3 "
run $DDBTUI list-tables --json
check list_tables_json_equals_awscli test "$(echo "$OUT" | /usr/bin/python3 -c 'import json,sys; print(sorted(json.load(sys.stdin)))')" = \
	"$(awsl dynamodb list-tables | /usr/bin/python3 -c 'import json,sys; print(sorted(json.load(sys.stdin)["TableNames"]))')"
run $DDBTUI describe-table made-by-boto3
expect describe_on_demand 0 "PAY_PER_REQUEST"

# --- many tables: ListTables pages (100 a page) are all followed ---
/usr/bin/python3 - <<'PY'
import boto3, os
ddb = boto3.client("dynamodb", endpoint_url=os.environ["ENDPOINT"], region_name="us-east-1")
for i in range(105):
    ddb.create_table(TableName=f"page-{i:03d}", KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
                     AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
                     BillingMode="PAY_PER_REQUEST")
PY
run $DDBTUI list-tables
check list_tables_all_pages test "$(printf '%s\n' "$OUT" | grep -c '^page-')" = 105

# --- drop: confirmation rules ---
run $DDBTUI drop made-by-boto3 </dev/null
expect drop_needs_confirmation 2 "needs confirmation"
check drop_unconfirmed_kept sh -c "aws --endpoint-url $ENDPOINT --region us-east-1 dynamodb list-tables --output text | grep -q made-by-boto3"
run $DDBTUI drop made-by-boto3 --confirm other-table </dev/null
expect drop_confirm_mismatch 2 "does not match"
run $DDBTUI drop made-by-boto3 --yes </dev/null
expect drop_yes_local 0 "GONE"
check drop_gone_per_awscli sh -c "! aws --endpoint-url $ENDPOINT --region us-east-1 dynamodb list-tables --output text | grep -q made-by-boto3"
run $DDBTUI drop made-by-boto3 --yes </dev/null
expect drop_missing 1 "does not exist"
# not loopback: --yes is not enough (refused before any request is sent)
run $DDBTUI --endpoint-url https://dynamodb.example.invalid drop page-000 --yes </dev/null
expect drop_remote_needs_name 2 "--yes is not enough"
run $DDBTUI drop page-000 --confirm page-000 </dev/null
expect drop_confirm_name 0 "deleted"
# typed on a terminal (script(1) gives it one)
if command -v script >/dev/null; then
	printf 'page-001\n' | script -qec "$DDBTUI_BIN drop page-001" /dev/null >"$TEST_TMP/tty.out" 2>&1
	check drop_typed_on_terminal sh -c "! aws --endpoint-url $ENDPOINT --region us-east-1 dynamodb list-tables --output text | grep -q page-001"
	printf 'wrong\n' | script -qec "$DDBTUI_BIN drop page-002" /dev/null >"$TEST_TMP/tty.out" 2>&1
	check drop_typed_wrong_keeps sh -c "aws --endpoint-url $ENDPOINT --region us-east-1 dynamodb list-tables --output text | grep -q page-002"
fi

# --- recreate: drops the data, keeps the schema ---
awsl dynamodb put-item --table-name $T --item '{"pk":{"S":"x"},"sk":{"S":"y"}}'
run $DDBTUI recreate --yes </dev/null
expect recreate_ok 0 "DELETING|GONE"
check recreate_steps grep -q "creating table cruddur-messages" "$TEST_TMP/err"
check recreate_empty test "$(awsl dynamodb scan --table-name $T --select COUNT --query Count --output text)" = 0

# --- read-only: refused at the queue, nothing sent ---
run $DDBTUI --read-only drop $T --yes
expect read_only_drop 1 "read-only"
run $DDBTUI --read-only --table ro-table schema-load
expect read_only_schema_load 1 "read-only mode: CreateTable refused"
check read_only_nothing_created sh -c "! aws --endpoint-url $ENDPOINT --region us-east-1 dynamodb list-tables --output text | grep -q ro-table"

# --- bad input: message and exit code ---
start=$(date +%s)
run $DDBTUI --endpoint-url http://127.0.0.1:1 list-tables
expect unreachable_endpoint 1 "cannot reach http://127.0.0.1:1"
check unreachable_fast test $(($(date +%s) - start)) -le 5
run $DDBTUI --endpoint-url htp:/nowhere list-tables
expect malformed_url 2 "invalid endpoint URL"
run $DDBTUI --profile nosuchprofile list-tables
expect unknown_profile 2 "The config profile \(nosuchprofile\) could not be found"
run env -u AWS_REGION -u AWS_DEFAULT_REGION $DDBTUI --prod list-tables
expect prod_without_region 2 "--prod needs a region"
run $DDBTUI describe-table no-such-table
expect missing_table 1 "no-such-table not found.*schema-load"
run $DDBTUI list-tables --bogus
expect unknown_flag 2 "unknown option '--bogus'"
run $DDBTUI frobnicate
expect unknown_command 2 "unknown command 'frobnicate'"
run $DDBTUI --max-attempts zero list-tables
expect bad_max_attempts 2 "--max-attempts must be a number"
run $DDBTUI --region
expect missing_flag_value 2 "needs a value"
run $DDBTUI describe-table a b
expect too_many_args 2 "too many arguments"
run $DDBTUI drop
expect drop_without_name 2 "needs the table name"

# --- help for every command ---
for c in list-tables describe-table schema-load drop recreate; do
	run $DDBTUI $c --help
	expect "help_$c" 0 "Usage: ddbtui $c"
done
run $DDBTUI --help
expect help_main 0 "Commands:"
run $DDBTUI --version
expect version 0 "libcurl"

# --- credentials: placeholder on loopback, profiles from files ---
run env -u AWS_ACCESS_KEY_ID -u AWS_SECRET_ACCESS_KEY $DDBTUI list-tables
expect placeholder_creds 0 "placeholder credentials"
check placeholder_said_once test "$(grep -c placeholder "$TEST_TMP/err")" = 1
mkdir -p "$HOME/.aws"
printf '[dev]\naws_access_key_id = AKIDPROFILEDEV\naws_secret_access_key = profilesecretvalue\n' >"$HOME/.aws/credentials"
printf '[profile dev]\nregion = eu-west-1\n' >"$HOME/.aws/config"
run env -u AWS_REGION $DDBTUI --profile dev --verbose list-tables
expect profile_from_files 0 "region eu-west-1, credentials from credentials file"
rm -rf "$HOME/.aws"

# --- no secret in any output, even verbose ---
run $DDBTUI --verbose list-tables
run2_out="$OUT$ERR"
run $DDBTUI --verbose describe-table
check verbose_no_secret sh -c "! printf '%s' \"\$1\" | grep -qF \"\$AWS_SECRET_ACCESS_KEY\"" _ "$run2_out$OUT$ERR"
check verbose_logs_requests grep -q "DescribeTable cruddur-messages -> 200" "$TEST_TMP/err"
