# query_lsi.sh - the query builder on a Local Secondary Index: a table with an LSI (INCLUDE
# projection) and a GSI, queried on the LSI with a sort key condition on the LSI's sort key and a
# filter on a nested path, through `ddbtui query` and through the Q form (headless); both equal
# boto3's query of the same index and expression. Then e on an LSI result row (a projection: the
# row lacks most attributes) edits the whole item, and boto3 sees exactly that change; p copies
# an LSI row's whole item under a new key, and x deletes the item itself (asked by its table key).
# engines: dynalite moto (tests/run.sh runs this file on each)
. tests/integ/lib.sh
export DDBTUI_USERS="$TEST_TMP/users.json"
S=$TEST_TMP
fake_editor
export XDG_STATE_HOME="$S/state"
T=qlsi

run $DDBTUI create-table $T --pk id:S --sk ts:N --lsi 'by-score:score:N:INCLUDE=info' \
	--gsi 'by-cat:cat:S:ts:N'
expect lsi_table_created 0 "table $T is ACTIVE"
/usr/bin/python3 - "$ENDPOINT" "$T" <<'PY' || fail lsi_setup "boto3 could not write the items"
import sys, boto3
db = boto3.client("dynamodb", endpoint_url=sys.argv[1], region_name="us-east-1")
items = []
for u in range(3):
    for ts in range(30):
        it = {"id": {"S": f"u{u}"}, "ts": {"N": str(ts)}, "cat": {"S": "abc"[ts % 3]},
              "name": {"S": f"item {u}/{ts}"}, "tags": {"SS": ["all", f"t{ts % 4}"]},
              "info": {"M": {"dims": {"M": {"w": {"N": str(ts % 5)}}}, "note": {"S": "n"}}}}
        if ts % 2 == 0:  # a sparse index: the odd items have no score
            it["score"] = {"N": str((ts * 7 + u) % 50)}
        items.append(it)
for i in range(0, len(items), 25):
    left = {sys.argv[2]: [{"PutRequest": {"Item": it}} for it in items[i:i + 25]]}
    while left:
        left = db.batch_write_item(RequestItems=left).get("UnprocessedItems") or {}
PY

# boto3's answer: the LSI, id = u1 AND score BETWEEN 10 AND 40, filter info.dims.w > 1, in order
/usr/bin/python3 - "$ENDPOINT" "$T" >"$S/boto3.jsonl" <<'PY'
import json, sys, boto3
db = boto3.client("dynamodb", endpoint_url=sys.argv[1], region_name="us-east-1")
args = dict(TableName=sys.argv[2], IndexName="by-score",
            KeyConditionExpression="id = :i AND score BETWEEN :a AND :b",
            FilterExpression="info.dims.w > :w",
            ExpressionAttributeValues={":i": {"S": "u1"}, ":a": {"N": "10"}, ":b": {"N": "40"},
                                       ":w": {"N": "1"}})
while True:
    page = db.query(**args)
    for it in page["Items"]:
        print(json.dumps(it, sort_keys=True))
    if "LastEvaluatedKey" not in page:
        break
    args["ExclusiveStartKey"] = page["LastEvaluatedKey"]
PY
check lsi_boto3_has_rows test "$(wc -l <"$S/boto3.jsonl")" -ge 3
# the index holds a projection: keys, score and info, not name or tags
check lsi_boto3_projection sh -c "! grep -q '\"name\"' '$S/boto3.jsonl' && grep -q '\"info\"' '$S/boto3.jsonl'"

# --- the CLI: the same items in the same order ---
run $DDBTUI query $T --raw --index by-score --pk u1 --sk 'between 10 40' --filter 'info.dims.w > 1'
printf '%s\n' "$OUT" | /usr/bin/python3 -c 'import json,sys; [print(json.dumps(json.loads(l), sort_keys=True)) for l in sys.stdin if l.strip()]' >"$S/cli.jsonl"
check lsi_cli_ok test "$RC" = 0
check lsi_cli_equals_boto3 cmp -s "$S/cli.jsonl" "$S/boto3.jsonl"
run $DDBTUI query $T --index by-score --pk u1 --sk 'between 10 40' --filter 'info.dims.w > 1' \
	--show-expression
check lsi_cli_expression grep -q "Query on table $T, index by-score" <(printf '%s\n' "$ERR")

# --- the Q form: the LSI chosen (table, GSI, LSI), the sort key between, a filter on a path ---
# (score, w) of the rows boto3 found, in order, as the grid shows them
/usr/bin/python3 -c '
import json, sys
for l in open(sys.argv[1]):
    it = json.loads(l)
    print(it["ts"]["N"], it["score"]["N"])
' "$S/boto3.jsonl" >"$S/boto3.rows"
fresh lsi
step 1 'assert "\"tags\"" in text and "\"name\"" in text, text
text = text.replace("\"note\": \"n\"", "\"note\": \"edited through the LSI\"")'
before=$(snapshot $T)
first_ts=$(head -1 "$S/boto3.rows" | cut -d' ' -f1)
tui form <<EOF
:scan $T
keys Q k Right Right j Enter
type u1
keys Enter j Right Right Right Right Right Right j Enter
type 10
keys Enter j Enter
type 40
keys Enter a
type info.dims.w
keys Enter j Right Right Right Right j Enter
type 1
keys Enter
:save-screen $S/form.full
keys R
:save-screen $S/results.full
keys e
:save-screen $S/review.full
keys y
:save-screen $S/saved.full
EOF
check lsi_form_target grep -q "by-score (LSI)" "$S/form.full"
check lsi_form_key_expr grep -qE 'key +#n0 = :v0 AND #n1 BETWEEN :v1 AND :v2' "$S/form.full"
check lsi_form_index grep -qE 'index +by-score' "$S/form.full"
check lsi_form_names grep -q '{"#n0":"id","#n1":"score","#n2":"info","#n3":"dims",' "$S/form.full"
check lsi_form_filter grep -qE 'filter +#n2\.#n3\.#n4 > :v3' "$S/form.full"
check lsi_results_title grep -q "Query $T — $(wc -l <"$S/boto3.rows") rows" "$S/results.full"
check lsi_results_header grep -q "index by-score: id" "$S/results.full"
# the grid's rows: id u1, then ts and score in the columns after it
sed -nE 's/^.*│ *u1 +([0-9]+) +([0-9]+) .*$/\1 \2/p' "$S/results.full" >"$S/form.rows"
check lsi_form_equals_boto3 cmp -s "$S/form.rows" "$S/boto3.rows"

# --- e on the first LSI row: the editor had the whole item, the write is exactly the edit ---
check lsi_edit_whole_item grep -q '"name": "item 1/'"$first_ts"'"' "$F/seen.1"
check lsi_edit_review grep -q '~ info' "$S/review.full"
check lsi_edit_saved grep -q "saved id=u1, ts=$first_ts in $T" <(bottom saved)
# the table is the snapshot from before with that one attribute added, nothing else
printf '%s\n' "$before" | python3 -c '
import json, sys
for line in sys.stdin:
    it = json.loads(line)
    if it["id"]["S"] == "u1" and it["ts"]["N"] == sys.argv[1]:
        it["info"]["M"]["note"] = {"S": "edited through the LSI"}
    print(json.dumps(it, sort_keys=True))
' "$first_ts" | LC_ALL=C sort >"$S/expected.jsonl"
check lsi_edit_only_that cmp -s "$S/expected.jsonl" <(snapshot $T | LC_ALL=C sort)
# the index follows the table: boto3 reads the edit back through the LSI
lsi_shows_edit() {
	awsl dynamodb query --table-name $T --index-name by-score --key-condition-expression 'id = :i' \
		--expression-attribute-values '{":i":{"S":"u1"}}' | grep -q 'edited through the LSI'
}
check lsi_index_updated lsi_shows_edit

# --- p and x on an LSI row: the row holds a projection, the copy and the delete use the item ---
# The LSI's first row for u1 is ts 0 (score 1). p: the editor has the whole item; the copy goes
# under a new table key (ts 999, score 99 so that it sorts last), and the original stays.
fresh lsicopy
step 1 'import re
assert "\"tags\"" in text and "\"name\"" in text, text
text = re.sub(r"\"ts\": 0\b", "\"ts\": 999", text)
text = re.sub(r"\"score\": 1\b", "\"score\": 99", text)
text = text.replace("\"item 1/0\"", "\"copied from an LSI row\"")'
tui lsicopy <<EOF
:scan $T
keys Q k Right Right j Enter
type u1
keys Enter R
:save-screen $S/lsi_copy_results.full
keys p y
:save-screen $S/lsi_copy.full
EOF
check lsi_copy_first_row grep -qE '│ *u1 +0 +1 ' "$S/lsi_copy_results.full"
check lsi_copy_whole_item grep -q '"name": "item 1/0"' "$F/seen.1"
check lsi_copy_written test "$(attr $T '{"id":{"S":"u1"},"ts":{"N":"999"}}' name)" = '{"S":"copied from an LSI row"}'
check lsi_copy_has_tags test "$(attr $T '{"id":{"S":"u1"},"ts":{"N":"999"}}' tags)" = '{"SS":["all","t0"]}'
check lsi_copy_original_kept test "$(attr $T '{"id":{"S":"u1"},"ts":{"N":"0"}}' name)" = '{"S":"item 1/0"}'
# x: asks with the table key (not the index's), deletes the item itself
tui lsidel <<EOF
:scan $T
keys Q k Right Right j Enter
type u1
keys Enter R x
:save-screen $S/lsi_del_ask.full
type y
keys Enter
:save-screen $S/lsi_del.full
EOF
check lsi_del_asks grep -q "Delete id=u1, ts=0 from $T? (y/n)" <(bottom lsi_del_ask)
check lsi_del_deleted absent $T '{"id":{"S":"u1"},"ts":{"N":"0"}}' name
check lsi_del_message grep -q "deleted id=u1, ts=0 from $T (u undoes it)" <(bottom lsi_del)
check lsi_del_copy_kept exists $T '{"id":{"S":"u1"},"ts":{"N":"999"}}' name
check lsi_del_count test "$(count $T)" = 90
lsi_lacks_ts0() {
	awsl dynamodb query --table-name $T --index-name by-score --key-condition-expression 'id = :i' \
		--expression-attribute-values '{":i":{"S":"u1"}}' |
		python3 -c 'import json,sys; sys.exit(1 if any(i["ts"]["N"] == "0" for i in json.load(sys.stdin)["Items"]) else 0)'
}
check lsi_del_gone_from_index lsi_lacks_ts0
