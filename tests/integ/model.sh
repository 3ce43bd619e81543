# model.sh - seed, patterns A-E and their bad input against dynalite, cross-checked with the AWS
# CLI and an independent boto3 implementation of the queries.
# engines: dynalite moto (tests/run.sh runs this file on each)
. tests/integ/lib.sh
T=cruddur-messages
G=5ae290ed-55d1-47a0-bc6d-fe2bc2700399
export DDBTUI_USERS="$TEST_TMP/users.json"
N=$(grep -c '' data/dialogue.txt)

$DDBTUI schema-load >/dev/null 2>&1 || $DDBTUI recreate --yes >/dev/null 2>&1

# --- seed: 2 + N items, 2 group rows carrying the last message, times increasing ---
run $DDBTUI seed
expect seed_ok 0 "seeded $N messages"
check seed_creates_users test -f "$DDBTUI_USERS"
check seed_count_2_plus_n test "$(count $T)" = $((N + 2))
awsl dynamodb query --table-name $T --index-name message-group-sk-index \
	--key-condition-expression 'message_group_uuid = :g' \
	--expression-attribute-values "{\":g\":{\"S\":\"$G\"}}" >"$TEST_TMP/groups.json"
awsl dynamodb query --table-name $T --key-condition-expression 'pk = :p' \
	--expression-attribute-values "{\":p\":{\"S\":\"MSG#$G\"}}" >"$TEST_TMP/msgs.json"
/usr/bin/python3 - "$TEST_TMP/groups.json" "$TEST_TMP/msgs.json" "$N" "$DDBTUI_USERS" <<'PY' && pass seed_rows_exact || fail seed_rows_exact "see above"
import json, re, sys
groups = json.load(open(sys.argv[1]))["Items"]
msgs = json.load(open(sys.argv[2]))["Items"]
n = int(sys.argv[3])
users = {u["handle"]: u for u in json.load(open(sys.argv[4]))}
ok = True
def bad(m):
    global ok; print("  " + m); ok = False
if len(groups) != 2: bad(f"{len(groups)} group rows")
if len(msgs) != n: bad(f"{len(msgs)} message rows, expected {n}")
sks = [m["sk"]["S"] for m in msgs]
fmt = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00$")
if not all(fmt.match(s) for s in sks): bad("a time not in the spec's format")
if any(a >= b for a, b in zip(sks, sks[1:])): bad("times not strictly increasing")
last = max(msgs, key=lambda m: m["sk"]["S"])
for g in groups:
    if g["sk"]["S"] != last["sk"]["S"] or g["message"]["S"] != last["message"]["S"]:
        bad(f"group row {g['pk']['S']} does not carry the last message")
owners = sorted(g["pk"]["S"] for g in groups)
want = sorted("GRP#" + users[h]["uuid"] for h in ("andrewbrown", "bayko"))
if owners != want: bad(f"group owners {owners} != {want}")
for g in groups:
    other = "bayko" if g["pk"]["S"] == "GRP#" + users["andrewbrown"]["uuid"] else "andrewbrown"
    if g["user_handle"]["S"] != other or g["user_uuid"]["S"] != users[other]["uuid"]:
        bad("a group row does not describe the other participant")
senders = [m["user_handle"]["S"] for m in sorted(msgs, key=lambda m: m["sk"]["S"])]
if senders[:4] != ["andrewbrown", "bayko", "andrewbrown", "bayko"]: bad(f"senders {senders[:4]}")
lines = [l.split(": ", 1)[1] for l in open("data/dialogue.txt", encoding="utf-8").read().splitlines()]
texts = [m["message"]["S"] for m in sorted(msgs, key=lambda m: m["sk"]["S"])]
if texts != lines: bad("message texts differ from the dialogue")
sys.exit(0 if ok else 1)
PY

# --- A and B: the same answers as an independent boto3 implementation ---
cat >"$TEST_TMP/oracle.py" <<'PY'
import boto3, json, os, sys
ddb = boto3.client("dynamodb", endpoint_url=os.environ["ENDPOINT"], region_name="us-east-1")
def query_all(**kw):
    items, start = [], None
    while True:
        if start: kw["ExclusiveStartKey"] = start
        r = ddb.query(**kw)
        items += r["Items"]
        start = r.get("LastEvaluatedKey")
        if not start: return items
kind, key = sys.argv[1], sys.argv[2]
if kind == "A":
    rows = query_all(TableName="cruddur-messages", KeyConditionExpression="pk = :p",
                     ExpressionAttributeValues={":p": {"S": "MSG#" + key}}, ScanIndexForward=False, Limit=20)
    rows.reverse()
    uid = "message_uuid"
else:
    rows = query_all(TableName="cruddur-messages", KeyConditionExpression="pk = :p",
                     ExpressionAttributeValues={":p": {"S": "GRP#" + key}}, ScanIndexForward=False, Limit=20)
    uid = "message_group_uuid"
for r in rows:
    print(json.dumps({"uuid": r[uid]["S"], "display_name": r["user_display_name"]["S"],
                      "handle": r["user_handle"]["S"], "message": r["message"]["S"],
                      "created_at": r["sk"]["S"]}, ensure_ascii=False, sort_keys=True))
PY
norm() { /usr/bin/python3 -c 'import json,sys; [print(json.dumps(json.loads(l), ensure_ascii=False, sort_keys=True)) for l in sys.stdin]'; }
AB=$(uuid_of andrewbrown)
$DDBTUI get-conversation --all --json | norm >"$TEST_TMP/a_ours"
/usr/bin/python3 "$TEST_TMP/oracle.py" A $G >"$TEST_TMP/a_boto"
check pattern_a_equals_boto3 cmp -s "$TEST_TMP/a_ours" "$TEST_TMP/a_boto"
check pattern_a_all_messages test "$(wc -l <"$TEST_TMP/a_ours")" = "$N"
run $DDBTUI get-conversation --json
check pattern_a_default_20 test "$(printf '%s\n' "$OUT" | grep -c .)" = 20
check pattern_a_default_is_newest20 test "$(printf '%s\n' "$OUT" | norm)" = "$(tail -20 "$TEST_TMP/a_boto")"
$DDBTUI list-conversations --json | norm >"$TEST_TMP/b_ours"
/usr/bin/python3 "$TEST_TMP/oracle.py" B "$AB" >"$TEST_TMP/b_boto"
check pattern_b_equals_boto3 cmp -s "$TEST_TMP/b_ours" "$TEST_TMP/b_boto"
run $DDBTUI get-conversation
expect get_conversation_human 0 "^andrewbrown +[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}  "
run $DDBTUI list-conversations
expect list_conversations_human 0 "^bayko +[0-9]{4}-"
run $DDBTUI get-conversation --year 1999
check year_filter_hides test -z "$OUT"

# --- C + E: send into the seeded group ---
before=$(count $T)
run $DDBTUI send --as bayko --group $G "fresh message from bayko ✓" --json
expect send_c_ok 0 '"handle":"bayko"'
SENT_AT=$(printf '%s' "$OUT" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["created_at"])')
check send_c_count_plus_one test "$(count $T)" = $((before + 1))
awsl dynamodb query --table-name $T --index-name message-group-sk-index \
	--key-condition-expression 'message_group_uuid = :g' \
	--expression-attribute-values "{\":g\":{\"S\":\"$G\"}}" >"$TEST_TMP/groups2.json"
check send_c_group_rows_refreshed /usr/bin/python3 -c '
import json, sys
g = json.load(open(sys.argv[1]))["Items"]
assert len(g) == 2, len(g)
assert all(r["message"]["S"] == "fresh message from bayko ✓" and r["sk"]["S"] == sys.argv[2] for r in g), g
' "$TEST_TMP/groups2.json" "$SENT_AT"
run $DDBTUI get-conversation
check send_c_shown_last sh -c 'printf "%s\n" "$1" | tail -1 | grep -q "^bayko .*fresh message from bayko ✓$"' _ "$OUT"

# --- D: to a handle with a conversation reuses it ---
before=$(count $T)
run $DDBTUI send --as andrewbrown --to bayko "reusing our conversation" --json
expect send_d_reuse_ok 0 "reusing our conversation"
check send_d_reuse_same_group grep -q "sent into conversation $G" "$TEST_TMP/err"
check send_d_reuse_count test "$(count $T)" = $((before + 1))
# --- D: a new handle starts a conversation that tops the inbox ---
before=$(count $T)
run $DDBTUI send --as andrewbrown --to londo "hello Londo, welcome to Cruddur"
expect send_d_new_ok 0 "started a new conversation"
check send_d_new_three_rows test "$(count $T)" = $((before + 3))
run $DDBTUI list-conversations --json
check send_d_new_tops_inbox sh -c 'printf "%s\n" "$1" | head -1 | grep -q "\"handle\":\"londo\""' _ "$OUT"
run $DDBTUI list-conversations londo --json
check send_d_new_in_londo_inbox sh -c 'printf "%s\n" "$1" | grep -q "\"handle\":\"andrewbrown\".*hello Londo"' _ "$OUT"

# --- seed again: the conversation is replaced, the same number of items ---
run $DDBTUI seed
expect seed_rerun_ok 0 "seeded"
check seed_rerun_same_count test "$(count $T)" = $((N + 2 + 3))
check seed_rerun_two_group_rows test "$(awsl dynamodb query --table-name $T --index-name message-group-sk-index \
	--key-condition-expression 'message_group_uuid = :g' \
	--expression-attribute-values "{\":g\":{\"S\":\"$G\"}}" --select COUNT --query Count --output text)" = 2
run $DDBTUI seed --count 5000
expect seed_5000 0 "items/s"
check seed_5000_count test "$(count $T)" = $((5000 + 2 + 3))

# --- bad input writes nothing and says why ---
before=$(count $T)
printf 'Person 1: fine\nPerson 2: fine too\nPerson 3: who?\n' >"$TEST_TMP/bad.txt"
run $DDBTUI seed --conversation "$TEST_TMP/bad.txt" --group 11111111-2222-4333-8444-555555555555
expect seed_malformed_line 2 "bad.txt: line 3: expected"
printf 'Person 1: fine\nPerson 2:    \n' >"$TEST_TMP/blank.txt"
run $DDBTUI seed --conversation "$TEST_TMP/blank.txt" --group 11111111-2222-4333-8444-555555555555
expect seed_blank_line 2 "line 2: message_blank"
/usr/bin/python3 -c 'print("Person 1: " + "é" * 1025)' >"$TEST_TMP/long.txt"
run $DDBTUI seed --conversation "$TEST_TMP/long.txt" --group 11111111-2222-4333-8444-555555555555
expect seed_1025_chars 2 "line 1: message_exceed_max_chars"
run $DDBTUI seed --my-handle nobody
expect seed_unknown_handle 2 "unknown handle 'nobody'"
run $DDBTUI send --as andrewbrown --group $G "   "
expect send_blank 2 "message_blank"
run $DDBTUI send --as andrewbrown --group $G "$(/usr/bin/python3 -c 'print("x" * 1025)')"
expect send_1025 2 "message_exceed_max_chars"
run $DDBTUI send --as londo --group $G "I am not in this conversation"
expect send_not_member 2 "londo is not in conversation"
run $DDBTUI send --as nobody --to bayko "hi"
expect send_unknown_handle 2 "unknown handle 'nobody'"
check bad_input_wrote_nothing test "$(count $T)" = "$before"
cp "$DDBTUI_USERS" "$TEST_TMP/users.good"
printf '[\n  {"uuid": "x", "handle": "a"\n  oops\n]\n' >"$TEST_TMP/users.bad"
cp "$TEST_TMP/users.bad" "$TEST_TMP/users.bad.orig"
run env DDBTUI_USERS="$TEST_TMP/users.bad" $DDBTUI seed
expect malformed_users_file 2 "line 3, column"
check malformed_users_unchanged cmp -s "$TEST_TMP/users.bad" "$TEST_TMP/users.bad.orig"
check malformed_users_wrote_nothing test "$(count $T)" = "$before"
run $DDBTUI --table no-such-table seed
expect seed_missing_table 1 "no-such-table not found.*schema-load"
run $DDBTUI --table no-such-table get-conversation
expect get_missing_table 1 "schema-load"
