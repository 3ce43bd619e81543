# query.sh - `ddbtui query` and `ddbtui create-table` against dynalite: every result equals what
# the AWS CLI returns for the same query written by hand (same items, same order for a Query,
# the same set for a Scan), on the seeded cruddur-messages table and on a table made with
# create-table (numeric sort key, two GSIs, an LSI; checked with aws dynamodb describe-table).
# Injection attempts through keys, values, names and sort key conditions find nothing.
# engines: dynalite moto (tests/run.sh runs this file on each)
. tests/integ/lib.sh
T=cruddur-messages
G=5ae290ed-55d1-47a0-bc6d-fe2bc2700399
BIG=12345678901234567890123456789012345678
export DDBTUI_USERS="$TEST_TMP/users.json"
AWS="$TEST_TMP/aws.json"

# compare.py MODE OUT AWS_JSON MIN : ddbtui's --raw lines equal the Items of the AWS CLI's answer
# (MODE ordered: same order; set: any order), at least MIN of them. Prints "N items".
cat >"$TEST_TMP/compare.py" <<'PY'
import json, sys
mode, out, exp, least = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
got = [json.loads(l) for l in open(out, encoding="utf-8") if l.strip()]
want = json.load(open(exp, encoding="utf-8"))["Items"]
if mode == "set":
    key = lambda it: json.dumps(it, sort_keys=True)
    got, want = sorted(got, key=key), sorted(want, key=key)
if got != want:
    print(f"ddbtui {len(got)} items, aws {len(want)}; first difference:")
    for i, (a, b) in enumerate(zip(got, want)):
        if a != b:
            print(f"  #{i}: ddbtui {json.dumps(a)[:300]}\n       aws    {json.dumps(b)[:300]}")
            break
    sys.exit(1)
if len(got) < least:
    print(f"only {len(got)} items, expected at least {least}")
    sys.exit(1)
print(f"{len(got)} items")
PY

# same NAME MODE MIN : the last run's stdout equals the Items in $AWS.
same() {
	local name=$1 mode=$2 min=$3 msg
	if [ "$RC" != 0 ]; then
		fail "$name" "exit $RC: $(printf '%s' "$ERR" | head -c 300)"
		return
	fi
	if msg=$(/usr/bin/python3 "$TEST_TMP/compare.py" "$mode" "$TEST_TMP/out" "$AWS" "$min"); then
		pass "$name ($msg)"
	else
		fail "$name" "$msg"
	fi
}
count_of() { /usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["Count"])' "$1"; }
lines() { printf '%s' "$OUT" | grep -c '^{'; }

$DDBTUI schema-load >/dev/null 2>&1
run $DDBTUI seed --count 300 --start 2026-11-20T10:00:00+00:00
expect query_seed 0 "seeded 300 messages"
ANDREW=$(uuid_of andrewbrown)
MSG="MSG#$G"
V="{\":p\":{\"S\":\"$MSG\"}"

# --- Query on the table: key conditions, filters, projection, order ---
awsl dynamodb query --table-name $T --key-condition-expression 'pk = :p' \
	--expression-attribute-values "$V}" >"$AWS"
run $DDBTUI query --raw --pk "$MSG"
same query_pk_only ordered 300
cp "$AWS" "$TEST_TMP/all_msgs.json"

awsl dynamodb query --table-name $T --key-condition-expression 'pk = :p AND begins_with(sk, :s)' \
	--expression-attribute-values "$V,\":s\":{\"S\":\"2026-11-20T12\"}}" >"$AWS"
run $DDBTUI query $T --raw --pk "$MSG" --sk 'begins_with 2026-11-20T12'
same query_sk_begins_with ordered 60

awsl dynamodb query --table-name $T --no-scan-index-forward \
	--key-condition-expression 'pk = :p AND sk BETWEEN :a AND :b' \
	--expression-attribute-values "$V,\":a\":{\"S\":\"2026-11-20T11:00\"},\":b\":{\"S\":\"2026-11-20T11:30\"}}" >"$AWS"
run $DDBTUI query --raw --pk "$MSG" --sk 'between 2026-11-20T11:00 and 2026-11-20T11:30' --desc
same query_sk_between_desc ordered 30

for op in '<' '<=' '>' '>=' '='; do
	awsl dynamodb query --table-name $T --key-condition-expression "pk = :p AND sk $op :s" \
		--expression-attribute-values "$V,\":s\":{\"S\":\"2026-11-20T12:30:00.000000+00:00\"}}" >"$AWS"
	run $DDBTUI query --raw --pk "$MSG" --sk "$op 2026-11-20T12:30:00.000000+00:00"
	same "query_sk_'$op'" ordered 1
done

awsl dynamodb query --table-name $T --key-condition-expression 'pk = :p AND sk > :s' \
	--filter-expression 'user_handle = :h' --projection-expression 'sk, message, user_handle' \
	--expression-attribute-values "$V,\":s\":{\"S\":\"2026-11-20T13\"},\":h\":{\"S\":\"bayko\"}}" >"$AWS"
run $DDBTUI query --raw --pk "$MSG" --sk '> 2026-11-20T13' --filter 'user_handle = bayko' \
	--project 'sk,message, user_handle'
same query_filter_and_projection ordered 10

awsl dynamodb query --table-name $T --key-condition-expression 'pk = :p' \
	--filter-expression 'contains(message, :c) AND size(message) > :n' \
	--expression-attribute-values "$V,\":c\":{\"S\":\"uuid\"},\":n\":{\"N\":\"100\"}}" >"$AWS"
run $DDBTUI query --raw --pk "$MSG" --filter 'message contains uuid' --filter 'size(message) > 100'
same query_contains_and_size ordered 5

awsl dynamodb query --table-name $T --key-condition-expression 'pk = :p' \
	--filter-expression 'begins_with(message, :b) AND user_handle <> :h' \
	--expression-attribute-values "$V,\":b\":{\"S\":\"Back\"},\":h\":{\"S\":\"bayko\"}}" >"$AWS"
run $DDBTUI query --raw --pk "$MSG" --filter 'message begins_with Back' --filter 'user_handle != bayko'
same query_begins_with_and_not_equal ordered 3

awsl dynamodb query --table-name $T --key-condition-expression 'pk = :p' \
	--filter-expression 'attribute_type(message, :t) AND size(message) BETWEEN :a AND :b' \
	--expression-attribute-values "$V,\":t\":{\"S\":\"S\"},\":a\":{\"N\":\"10\"},\":b\":{\"N\":\"60\"}}" >"$AWS"
run $DDBTUI query --raw --pk "$MSG" --filter 'message attribute_type S' --filter 'size(message) between 10 60'
same query_attribute_type_size_between ordered 5

# --- the GSI, and the inbox rows ---
awsl dynamodb query --table-name $T --index-name message-group-sk-index \
	--key-condition-expression 'message_group_uuid = :g' \
	--expression-attribute-values "{\":g\":{\"S\":\"$G\"}}" >"$AWS"
run $DDBTUI query --raw --index message-group-sk-index --pk "$G"
same query_gsi ordered 2
awsl dynamodb query --table-name $T --index-name message-group-sk-index \
	--key-condition-expression 'message_group_uuid = :g AND sk >= :s' \
	--expression-attribute-values "{\":g\":{\"S\":\"$G\"},\":s\":{\"S\":\"2026-11-20T14:59\"}}" >"$AWS"
run $DDBTUI query --raw --index message-group-sk-index --pk "$G" --sk '>= 2026-11-20T14:59'
same query_gsi_sk ordered 2
awsl dynamodb query --table-name $T --key-condition-expression 'pk = :p' \
	--expression-attribute-values "{\":p\":{\"S\":\"GRP#$ANDREW\"}}" >"$AWS"
run $DDBTUI query --raw --pk "GRP#$ANDREW"
same query_inbox_row ordered 1
run $DDBTUI query --index message-group-sk-index --pk "$G" --consistent
expect query_gsi_no_consistent_read 2 "consistent reads are not available on a global secondary index"
run $DDBTUI query --index nope --pk x
expect query_unknown_index 2 "has no index nope \(indexes: message-group-sk-index\)"

# --- consistent read, count, limit, plain output, the expression shown ---
run $DDBTUI query --raw --pk "$MSG" --consistent
cp "$TEST_TMP/all_msgs.json" "$AWS"
same query_consistent ordered 300
awsl dynamodb query --table-name $T --select COUNT --key-condition-expression 'pk = :p AND begins_with(sk, :s)' \
	--expression-attribute-values "$V,\":s\":{\"S\":\"2026-11-20T1\"}}" >"$AWS"
run $DDBTUI query --pk "$MSG" --sk 'begins_with 2026-11-20T1' --count
check query_count_equals_awscli test "$RC:$OUT" = "0:$(count_of "$AWS")"
run $DDBTUI query --raw --pk "$MSG" --limit 7
/usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d["Items"]=d["Items"][:7]; json.dump(d, open(sys.argv[2], "w"))' \
	"$TEST_TMP/all_msgs.json" "$AWS"
same query_limit_7_is_first_7 ordered 7
run $DDBTUI query --raw --pk "$MSG" --limit 7 --desc
/usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d["Items"]=d["Items"][::-1][:7]; json.dump(d, open(sys.argv[2], "w"))' \
	"$TEST_TMP/all_msgs.json" "$AWS"
same query_limit_7_desc_is_last_7 ordered 7
run $DDBTUI query --pk "$MSG" --limit 2
check query_plain_by_default test "$(printf '%s\n' "$OUT" | cut -d, -f1 | sort -u)" = "{\"pk\":\"$MSG\""
run $DDBTUI query --pk "$MSG" --sk 'begins_with 2026' --filter 'a.b[2]."c.d" = 1' --project 'sk' --show-expression
expect query_show_expression 0 'FilterExpression +#n2\.#n3\[2\]\.#n4 = :v2'
check query_show_expression_reads_as grep -qF 'reads as                 a.b[2]."c.d" = 1' "$TEST_TMP/err"
check query_show_expression_names grep -qF '{"#n0":"pk","#n1":"sk","#n2":"a","#n3":"b","#n4":"c.d"}' "$TEST_TMP/err"
check query_show_expression_values grep -qF "{\":v0\":{\"S\":\"$MSG\"},\":v1\":{\"S\":\"2026\"},\":v2\":{\"N\":\"1\"}}" "$TEST_TMP/err"

# --- no partition key: a Scan, and ddbtui says so ---
awsl dynamodb scan --table-name $T --filter-expression 'user_handle = :h' \
	--expression-attribute-values '{":h":{"S":"bayko"}}' >"$AWS"
run $DDBTUI query --raw --filter 'user_handle = bayko'
same query_fallback_scan set 100
check query_fallback_says_so grep -q "no partition key: scanning the table $T" "$TEST_TMP/err"
awsl dynamodb scan --table-name $T --filter-expression 'attribute_not_exists(message_uuid)' >"$AWS"
run $DDBTUI query --raw --filter 'message_uuid attribute_not_exists'
same query_fallback_not_exists set 2
awsl dynamodb scan --table-name $T --filter-expression 'sk BETWEEN :a AND :b' \
	--expression-attribute-values '{":a":{"S":"2026-11-20T10:00"},":b":{"S":"2026-11-20T10:05"}}' >"$AWS"
run $DDBTUI query --raw --sk 'between "2026-11-20T10:00" "2026-11-20T10:05"'
same query_fallback_sort_key_filters set 5
check query_fallback_sort_key_says_so grep -q "the sort key condition filters it" "$TEST_TMP/err"
awsl dynamodb scan --table-name $T --index-name message-group-sk-index >"$AWS"
run $DDBTUI query --raw --index message-group-sk-index
same query_fallback_scan_index set 2
check query_fallback_index_says_so grep -q "no partition key: scanning the index message-group-sk-index of $T" "$TEST_TMP/err"
run $DDBTUI query --desc
expect query_fallback_no_order 2 "descending order needs a partition key value"

# --- injection attempts: text stays a value or a name, never expression syntax ---
run $DDBTUI query --pk "$MSG\" OR attribute_exists(pk) OR \""
check query_inject_pk_value test "$RC:$OUT" = "0:"
run $DDBTUI query --pk ':v0'
check query_inject_pk_placeholder test "$RC:$OUT" = "0:"
run $DDBTUI query --pk "$MSG" --filter 'user_handle = bayko OR attribute_exists(pk)'
check query_inject_filter_value test "$RC:$OUT" = "0:"
run $DDBTUI query --pk "$MSG" --sk '= x OR begins_with(sk, 2)'
check query_inject_sk_value test "$RC:$OUT" = "0:"
run $DDBTUI query --pk "$MSG" --filter '"user_handle = :v0 OR attribute_exists(pk)" attribute_exists' --show-expression
check query_inject_name_exists_finds_nothing test "$RC:$OUT" = "0:"
check query_inject_name_is_a_name grep -qF '"#n1":"user_handle = :v0 OR attribute_exists(pk)"' "$TEST_TMP/err"
check query_inject_expression_placeholders grep -qE 'FilterExpression +attribute_exists\(#n1\)$' "$TEST_TMP/err"
run $DDBTUI query --pk "$MSG" --filter '"user_handle = :v0 OR attribute_exists(pk)" attribute_not_exists' --count
check query_inject_name_not_exists_all test "$RC:$OUT" = "0:300"
run $DDBTUI query --filter '"pk) OR (attribute_exists(pk)" = 1' --count
check query_inject_scan_name test "$RC:$OUT" = "0:0"
run $DDBTUI query --pk "$MSG" --project 'message) OR (pk'
check query_inject_projection_name test "$RC:$(printf '%s\n' "$OUT" | sort -u)" = "0:{}"

# --- bad input: usage errors, nothing sent ---
run $DDBTUI query --pk "$MSG" --filter 'n between 1'
expect query_between_needs_two 2 "between needs two values"
run $DDBTUI query --pk "$MSG" --filter 'n attribute_exists 3'
expect query_exists_takes_none 2 "attribute_exists takes no value"
run $DDBTUI query --pk "$MSG" --filter 'size(n) contains 3'
expect query_size_needs_comparison 2 "size\(n\) takes a comparison"
run $DDBTUI query --pk "$MSG" --filter 'n like 3'
expect query_unknown_operator 2 "'like' is not an operator"
run $DDBTUI query --pk "$MSG" --sk '<> x'
expect query_sk_no_not_equal 2 "not <> \(use a filter\)"
run $DDBTUI query --pk "$MSG" --count --project sk
expect query_count_no_projection 2 "a count takes no projection"
run $DDBTUI query --pk "$MSG" --filter 'a..b = 1'
expect query_bad_path 2 "an empty name"
run $DDBTUI query --pk "$MSG" --limit 0
expect query_bad_limit 2 "--limit must be"
run $DDBTUI query no-such-table --pk x
expect query_missing_table 1 "no-such-table not found"
run $DDBTUI query --help
expect query_help 0 "Usage: ddbtui query \[TABLE\]"

# --- create-table: a numeric sort key, two GSIs and an LSI, checked with the AWS CLI ---
N=qnum
run $DDBTUI create-table $N --pk id:S --sk ts:N --gsi 'by-cat:cat:S:ts:N' \
	--gsi 'by-score-g:score:N:KEYS_ONLY' --lsi 'by-score:score:N:INCLUDE=cat,info'
expect create_table_ok 0 "table $N is ACTIVE"
awsl dynamodb describe-table --table-name $N >"$TEST_TMP/desc.json"
/usr/bin/python3 - "$TEST_TMP/desc.json" <<'PY' && pass create_table_described_by_awscli || fail create_table_described_by_awscli "see above"
import json, sys
t = json.load(open(sys.argv[1]))["Table"]
ok = True
def want(what, got, exp):
    global ok
    if got != exp:
        print(f"  {what}: {got!r} != {exp!r}"); ok = False
ks = lambda l: [(k["AttributeName"], k["KeyType"]) for k in l]
want("status", t["TableStatus"], "ACTIVE")
want("keys", ks(t["KeySchema"]), [("id", "HASH"), ("ts", "RANGE")])
want("attribute definitions (each once)", sorted((a["AttributeName"], a["AttributeType"]) for a in t["AttributeDefinitions"]),
     [("cat", "S"), ("id", "S"), ("score", "N"), ("ts", "N")])
want("billing", t.get("BillingModeSummary", {}).get("BillingMode"), "PAY_PER_REQUEST")
g = {i["IndexName"]: i for i in t.get("GlobalSecondaryIndexes", [])}
want("gsi names", sorted(g), ["by-cat", "by-score-g"])
want("by-cat keys", ks(g["by-cat"]["KeySchema"]), [("cat", "HASH"), ("ts", "RANGE")])
want("by-cat projection", g["by-cat"]["Projection"], {"ProjectionType": "ALL"})
want("by-score-g keys", ks(g["by-score-g"]["KeySchema"]), [("score", "HASH")])
want("by-score-g projection", g["by-score-g"]["Projection"]["ProjectionType"], "KEYS_ONLY")
l = {i["IndexName"]: i for i in t.get("LocalSecondaryIndexes", [])}
want("lsi names", sorted(l), ["by-score"])
want("by-score keys", ks(l["by-score"]["KeySchema"]), [("id", "HASH"), ("score", "RANGE")])
want("by-score projection", (l["by-score"]["Projection"]["ProjectionType"], sorted(l["by-score"]["Projection"]["NonKeyAttributes"])), ("INCLUDE", ["cat", "info"]))
sys.exit(0 if ok else 1)
PY
run $DDBTUI create-table qprov --pk k:B --billing PROVISIONED --rcu 7 --wcu 3 --gsi 'by-x:x:S'
expect create_table_provisioned_ok 0 "qprov"
check create_table_provisioned_capacity test "$(awsl dynamodb describe-table --table-name qprov \
	--query '[Table.ProvisionedThroughput.ReadCapacityUnits,Table.ProvisionedThroughput.WriteCapacityUnits,Table.GlobalSecondaryIndexes[0].ProvisionedThroughput.ReadCapacityUnits,Table.AttributeDefinitions[0].AttributeType]' \
	--output text | tr -s '\t ' ' ')" = "7 3 7 B"
run $DDBTUI create-table $N --pk id:S
expect create_table_exists 1 "table $N already exists; nothing changed"
run $DDBTUI create-table qbad --pk id:S --sk ts:N --gsi 'by-ts:ts:S'
expect create_table_conflicting_types 2 "attribute ts is N as the table's sort key but S as the partition key of GSI by-ts"
check create_table_conflict_not_created test "$(awsl dynamodb list-tables --query 'TableNames' --output text | grep -c qbad)" = 0
run $DDBTUI create-table qbad --pk id:S --lsi 'by-x:x:S'
expect create_table_lsi_needs_sort_key 2 "needs a table with a sort key"
run $DDBTUI create-table qbad --sk id:S
expect create_table_needs_pk 2 "needs --pk NAME:TYPE"
run $DDBTUI create-table qbad --pk id:X
expect create_table_bad_type 2 "type 'X' is not S, N or B"
run $DDBTUI create-table qbad --pk id:S --billing PAY_PER_REQUEST --rcu 5
expect create_table_capacity_on_demand 2 "capacity is for PROVISIONED"
run $DDBTUI create-table qdry --pk id:S --sk id2:N --gsi 'g-1:id2:N' --dry-run
expect create_table_dry_run 0 '"AttributeName":	"id2"'
check create_table_dry_run_sends_nothing test "$(awsl dynamodb list-tables --query 'TableNames' --output text | grep -c qdry)" = 0
check create_table_dry_run_dedups test "$(printf '%s' "$OUT" | grep -c '"AttributeType"')" = 2

# --- queries on it: numeric keys typed from DescribeTable, nested paths, indexes ---
/usr/bin/python3 - "$N" "$BIG" <<'PY' || fail query_num_setup "boto3 could not write the items"
import boto3, os, sys
t, big = sys.argv[1], sys.argv[2]
ddb = boto3.client("dynamodb", endpoint_url=os.environ["ENDPOINT"], region_name="us-east-1")
items = []
for u in range(5):
    for ts in range(40):
        it = {"id": {"S": f"u{u}"}, "ts": {"N": str(ts)}, "cat": {"S": "abc"[ts % 3]},
              "name": {"S": f"item {u}/{ts}"},
              "info": {"M": {"dims": {"M": {"w": {"N": str(ts % 5)}}},
                             "list": {"L": [{"N": str(ts % 2)}, {"N": str(ts % 3)}, {"S": "x"}]}}},
              "tags": {"SS": sorted({f"t{ts % 4}", "all"})}}
        if ts % 2 == 0:
            it["score"] = {"N": str((ts * 7 + u) % 50)}
        items.append(it)
items.append({"id": {"S": "u0"}, "ts": {"N": big}, "cat": {"S": "a"}, "name": {"S": "big one"}})
items.append({"id": {"S": "42"}, "ts": {"N": "1"}, "name": {"S": "a string key that looks like a number"}})
for i in range(0, len(items), 25):
    left = {t: [{"PutRequest": {"Item": it}} for it in items[i:i + 25]]}
    while left:
        left = ddb.batch_write_item(RequestItems=left).get("UnprocessedItems") or {}
PY
q() { awsl dynamodb query --table-name $N "$@" >"$AWS"; }
q --key-condition-expression 'id = :i AND ts BETWEEN :a AND :b' \
	--expression-attribute-values '{":i":{"S":"u1"},":a":{"N":"10"},":b":{"N":"20"}}'
run $DDBTUI query $N --raw --pk u1 --sk 'between 10 20'
same query_num_between ordered 11
q --no-scan-index-forward --key-condition-expression 'id = :i AND ts > :a' \
	--expression-attribute-values '{":i":{"S":"u1"},":a":{"N":"5"}}'
/usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d["Items"]=d["Items"][:3]; json.dump(d, open(sys.argv[1], "w"))' "$AWS"
run $DDBTUI query $N --raw --pk u1 --sk '> 5' --desc --limit 3
same query_num_desc_limit ordered 3
q --index-name by-cat --key-condition-expression 'cat = :c AND ts >= :t' --filter-expression 'info.dims.w > :w' \
	--expression-attribute-values '{":c":{"S":"a"},":t":{"N":"10"},":w":{"N":"2"}}'
run $DDBTUI query $N --raw --index by-cat --pk a --sk '>= 10' --filter 'info.dims.w > 2'
same query_num_gsi_nested_filter set 5
q --index-name by-score --consistent-read --key-condition-expression 'id = :i AND score < :s' \
	--expression-attribute-values '{":i":{"S":"u1"},":s":{"N":"30"}}'
run $DDBTUI query $N --raw --index by-score --pk u1 --sk '< 30' --consistent
same query_num_lsi_consistent ordered 5
q --key-condition-expression 'id = :i' --filter-expression 'info.#l[1] = :v' \
	--expression-attribute-names '{"#l":"list"}' --expression-attribute-values '{":i":{"S":"u2"},":v":{"N":"2"}}'
run $DDBTUI query $N --raw --pk u2 --filter 'info.list[1] = 2'
same query_num_list_index ordered 5
q --key-condition-expression 'id = :i' --filter-expression 'size(tags) = :n AND contains(tags, :t)' \
	--expression-attribute-values '{":i":{"S":"u3"},":n":{"N":"2"},":t":{"S":"t1"}}'
run $DDBTUI query $N --raw --pk u3 --filter 'size(tags) = 2' --filter 'tags contains t1'
same query_num_set_size_contains ordered 5
q --key-condition-expression 'id = :i' --filter-expression 'info.dims.w BETWEEN :a AND :b AND attribute_type(score, :t)' \
	--expression-attribute-values '{":i":{"S":"u4"},":a":{"N":"1"},":b":{"N":"3"},":t":{"S":"N"}}'
run $DDBTUI query $N --raw --pk u4 --filter 'info.dims.w between 1 and 3' --filter 'score attribute_type N'
same query_num_between_attribute_type ordered 5
q --index-name by-score-g --key-condition-expression 'score = :s' --expression-attribute-values '{":s":{"N":"14"}}'
run $DDBTUI query $N --raw --index by-score-g --pk 14
same query_num_gsi_numeric_pk set 1
run $DDBTUI query $N --index by-score-g --pk abc
expect query_num_pk_must_be_number 2 "partition key score is a number \(N\): 'abc' is not a valid number"
q --key-condition-expression 'id = :i' --expression-attribute-values '{":i":{"S":"42"}}'
run $DDBTUI query $N --raw --pk 42
same query_num_string_key_42 ordered 1
run $DDBTUI query $N --pk u0 --sk "= $BIG"
check query_num_38_digit_sort_key test "$RC:$OUT" = "0:{\"id\":\"u0\",\"ts\":$BIG,\"cat\":\"a\",\"name\":\"big one\"}"
awsl dynamodb scan --table-name $N --index-name by-cat --filter-expression 'score >= :s' \
	--expression-attribute-values '{":s":{"N":"40"}}' >"$AWS"
run $DDBTUI query $N --raw --index by-cat --filter 'score >= 40'
same query_num_fallback_scan_gsi set 10
run $DDBTUI query $N --pk u1 --sk 'begins_with 1'
expect query_num_begins_with_number 2 "begins_with takes a string or binary, not N"
true
