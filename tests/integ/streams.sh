# streams.sh - DynamoDB Streams: the stream flag of schema-load, create-table and update-table
# (checked with the AWS CLI's describe-table), and `stream`: exactly the records the writes
# made (INSERT, MODIFY, REMOVE with the right images), plain and --raw, --follow with Ctrl-C,
# --from latest and --from TIME after a restart of the tail, a table without a stream. dynalite
# has no Streams API: stream says so.
# engines: dynalite moto (tests/run.sh runs this file on each)
. tests/integ/lib.sh
T=streams-t

# stream_of TABLE : the table's StreamSpecification as compact JSON ("null" when it has none).
stream_of() { awsl dynamodb describe-table --table-name "$1" --query 'Table.StreamSpecification' --output json | tr -d ' \n'; }

# --- bad input, refused before anything is sent (either engine) ---
run $DDBTUI schema-load --stream NEWIMAGE
expect schema_load_bad_view 2 "a stream is NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES, KEYS_ONLY or off, not 'NEWIMAGE'"
run $DDBTUI create-table x-t --pk pk:S --stream sometimes
expect create_table_bad_view 2 "not 'sometimes'"
run $DDBTUI update-table $T
expect update_table_needs_setting 2 'update-table needs a setting to change: --stream'
run $DDBTUI update-table
expect update_table_needs_table 2 'update-table needs the table name'
run $DDBTUI stream $T --from yesterday
expect stream_bad_from 2 "--from is trim-horizon, latest or a time like .*, not 'yesterday'"
run $DDBTUI stream a-t b-t
expect stream_two_tables 2 'too many|one table'

if [ "$TEST_ENGINE" != moto ]; then
	awsl dynamodb create-table --table-name $T --billing-mode PAY_PER_REQUEST \
		--attribute-definitions AttributeName=pk,AttributeType=S \
		--key-schema AttributeName=pk,KeyType=HASH >/dev/null
	run $DDBTUI stream $T
	expect stream_dynalite_unsupported 1 'this endpoint \(http://127\.0\.0\.1:[0-9]+\) does not support DynamoDB Streams'
	check stream_dynalite_no_output test -z "$OUT"
	run $DDBTUI create-table s2-t --pk pk:S --stream NEW_IMAGE
	# dynalite takes the StreamSpecification of CreateTable and drops it; it has no Streams API
	run $DDBTUI stream s2-t
	expect stream_dynalite_with_spec_unsupported 1 'does not support DynamoDB Streams'
	exit 0
fi

# --- the stream flag, checked with the AWS CLI ---
run $DDBTUI --table model-t schema-load --stream NEW_IMAGE
expect schema_load_stream 0 'with a stream of NEW_IMAGE'
check schema_load_stream_oracle test "$(stream_of model-t)" = '{"StreamEnabled":true,"StreamViewType":"NEW_IMAGE"}'
run $DDBTUI --table plain-t schema-load
expect schema_load_default 0 'plain-t is ACTIVE'
check schema_load_no_stream_by_default test "$(stream_of plain-t)" = null
run $DDBTUI describe-table model-t
expect describe_shows_stream 0 'Stream +NEW_IMAGE'

run $DDBTUI create-table $T --pk pk:S --sk sk:N --stream new_and_old_images
expect create_table_stream 0 "^$T\$"
check create_table_stream_oracle test "$(stream_of $T)" = '{"StreamEnabled":true,"StreamViewType":"NEW_AND_OLD_IMAGES"}'

# --- update-table --stream ---
run $DDBTUI create-table k-t --pk pk:S
run $DDBTUI stream k-t
expect stream_no_stream 1 'table k-t has no stream \(update-table k-t --stream NEW_IMAGE\)'
check stream_no_stream_no_output test -z "$OUT"
run $DDBTUI update-table k-t --stream KEYS_ONLY
expect update_table_stream_on 0 '^KEYS_ONLY$'
check update_table_stream_on_oracle test "$(stream_of k-t)" = '{"StreamEnabled":true,"StreamViewType":"KEYS_ONLY"}'
run $DDBTUI update-table k-t --stream keys_only
expect update_table_same 0 'KEYS_ONLY already; nothing changed'
put k-t '{"pk": {"S": "k1"}, "v": {"S": "secret"}}'
run $DDBTUI stream k-t
expect stream_keys_only 0 '^\{"eventName":"INSERT","seq":"[0-9]+","time":"[0-9-]+T[0-9:.]+\+00:00","keys":\{"pk":"k1"\}\}$'
run $DDBTUI update-table k-t --stream off
expect update_table_stream_off 0 '^off$'
check update_table_stream_off_oracle test "$(awsl dynamodb describe-table --table-name k-t --query 'Table.StreamSpecification.StreamEnabled' --output text)" != True
run $DDBTUI stream k-t
expect stream_after_off 1 'table k-t has no stream'

# --- the tail sees exactly what the writes made ---
run $DDBTUI stream $T
expect stream_empty 0 ''
check stream_empty_no_lines test -z "$OUT"
put $T '{"pk": {"S": "a"}, "sk": {"N": "1"}, "v": {"S": "one"}}'
put $T '{"pk": {"S": "a"}, "sk": {"N": "1"}, "v": {"S": "uno"}, "n": {"N": "12345678901234567890.5"}}'
put $T '{"pk": {"S": "a"}, "sk": {"N": "2"}, "tags": {"SS": ["x", "y"]}}'
awsl dynamodb delete-item --table-name $T --key '{"pk": {"S": "a"}, "sk": {"N": "1"}}' >/dev/null
run $DDBTUI stream $T
expect stream_reads 0 'REMOVE'
printf '%s\n' "$OUT" >"$TEST_TMP/first.jsonl"
check stream_exact_records python3 - "$TEST_TMP/first.jsonl" <<'PY'
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
assert [l["eventName"] for l in lines] == ["INSERT", "MODIFY", "INSERT", "REMOVE"], lines
seqs = [int(l["seq"]) for l in lines]
assert seqs == sorted(seqs) and len(set(seqs)) == 4, seqs
k1, k2 = {"pk": "a", "sk": 1}, {"pk": "a", "sk": 2}
assert [l["keys"] for l in lines] == [k1, k1, k2, k1], lines
assert lines[0]["new"] == {"pk": "a", "sk": 1, "v": "one"} and "old" not in lines[0], lines[0]
assert lines[1]["old"] == {"pk": "a", "sk": 1, "v": "one"}, lines[1]
assert lines[1]["new"] == {"pk": "a", "sk": 1, "v": "uno", "n": 12345678901234567890.5}, lines[1]
assert sorted(lines[2]["new"]["tags"]) == ["x", "y"] and "old" not in lines[2], lines[2]
assert "new" not in lines[3] and lines[3]["old"]["v"] == "uno", lines[3]
assert all(l["time"].endswith("+00:00") for l in lines), lines
PY
# every digit of a number survives (plain JSON keeps the N text)
check stream_number_digits grep -q '"n":12345678901234567890.5' "$TEST_TMP/first.jsonl"

run $DDBTUI stream $T --raw
expect stream_raw 0 '"new":\{"pk":\{"S":"a"\},"sk":\{"N":"1"\},"v":\{"S":"one"\}\}'
check stream_raw_count test "$(printf '%s\n' "$OUT" | wc -l)" = 4

# --- --from TIME: a new tail (a restart) prints only what came at or after TIME ---
sleep 1.1
FROM=$(date -u +%Y-%m-%dT%H:%M:%S.%6NZ)
sleep 0.1
put $T '{"pk": {"S": "b"}, "sk": {"N": "1"}}'
put $T '{"pk": {"S": "b"}, "sk": {"N": "2"}}'
run $DDBTUI stream $T --from "$FROM"
expect stream_from_time 0 '"keys":\{"pk":"b","sk":2\}'
check stream_from_time_only_new test "$(printf '%s\n' "$OUT" | grep -c '"eventName"')" = 2
check stream_from_time_not_old test -z "$(printf '%s\n' "$OUT" | grep '"pk":"a"')"
run $DDBTUI stream $T --from trim-horizon
check stream_trim_horizon_all test "$(printf '%s\n' "$OUT" | wc -l)" = 6
run $DDBTUI stream $T --from latest
expect stream_latest_nothing_yet 0 ''
check stream_latest_empty test -z "$OUT"

# --- --follow: live records, Ctrl-C ends with exit 0 and the output flushed ---
$DDBTUI stream $T --follow --from latest >"$TEST_TMP/follow.out" 2>"$TEST_TMP/follow.err" &
FPID=$!
sleep 1
put $T '{"pk": {"S": "c"}, "sk": {"N": "1"}, "v": {"S": "live"}}'
i=0
while ! grep -q '"live"' "$TEST_TMP/follow.out" && [ $i -lt $((40 * TEST_SLOW)) ]; do
	sleep 0.1
	i=$((i + 1))
done
check stream_follow_sees_write grep -q '"eventName":"INSERT".*"new":{"pk":"c","sk":1,"v":"live"}' "$TEST_TMP/follow.out"
check stream_follow_only_new test "$(wc -l <"$TEST_TMP/follow.out")" = 1
awsl dynamodb delete-item --table-name $T --key '{"pk": {"S": "c"}, "sk": {"N": "1"}}' >/dev/null
i=0
while ! grep -q REMOVE "$TEST_TMP/follow.out" && [ $i -lt $((40 * TEST_SLOW)) ]; do
	sleep 0.1
	i=$((i + 1))
done
kill -INT $FPID
wait $FPID
FRC=$?
check stream_follow_ctrl_c_exit_0 test "$FRC" = 0
check stream_follow_flushed grep -q '"eventName":"REMOVE".*"old":{"pk":"c","sk":1,"v":"live"}' "$TEST_TMP/follow.out"
check stream_follow_no_error test ! -s "$TEST_TMP/follow.err"
