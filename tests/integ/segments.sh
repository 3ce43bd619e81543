# segments.sh - parallel scan: scan and export with --segments N (1, 4, 7) print every item
# exactly once, the same items as a plain scan; --limit holds across segments; a bad N is refused.
# engines: dynalite moto (tests/run.sh runs this file on each)
. tests/integ/lib.sh
export DDBTUI_USERS="$TEST_TMP/users.json"
T=segments-t

# 1,000 items over many partition keys (segments split by the hash of the partition key),
# 4.5 KB each, so that segments have more than one page (a page is at most 1 MB).
/usr/bin/python3 - <<'PY' || fail segments_setup "boto3 could not create the table"
import boto3, os
ddb = boto3.client("dynamodb", endpoint_url=os.environ["ENDPOINT"], region_name="us-east-1")
ddb.create_table(TableName="segments-t", BillingMode="PAY_PER_REQUEST",
                 KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"},
                            {"AttributeName": "sk", "KeyType": "RANGE"}],
                 AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                                       {"AttributeName": "sk", "AttributeType": "N"}])
ddb.get_waiter("table_exists").wait(TableName="segments-t", WaiterConfig={"Delay": 0.1})
reqs = [{"PutRequest": {"Item": {"pk": {"S": f"p{i % 97:02d}"}, "sk": {"N": str(i)},
                                 "pad": {"S": "x" * 4500}}}} for i in range(1000)]
for i in range(0, len(reqs), 25):
    left = {"segments-t": reqs[i:i + 25]}
    while left:
        left = ddb.batch_write_item(RequestItems=left).get("UnprocessedItems") or {}
PY

run $DDBTUI scan $T
expect plain_scan 0 '"pad"'
printf '%s\n' "$OUT" | sort >"$TEST_TMP/plain.sorted"
check plain_scan_1000 test "$(wc -l <"$TEST_TMP/plain.sorted")" = 1000
check plain_scan_distinct test "$(sort -u "$TEST_TMP/plain.sorted" | wc -l)" = 1000

for n in 1 4 7; do
	run $DDBTUI --segments $n scan $T
	if [ "$RC" != 0 ]; then
		fail "scan_segments_$n" "exit $RC: $ERR"
		continue
	fi
	printf '%s\n' "$OUT" | sort >"$TEST_TMP/seg$n.sorted"
	# every item exactly once: the same multiset of lines as the plain scan
	if cmp -s "$TEST_TMP/seg$n.sorted" "$TEST_TMP/plain.sorted"; then
		pass "scan_segments_${n}_every_item_once"
	else
		fail "scan_segments_${n}_every_item_once" "$(wc -l <"$TEST_TMP/seg$n.sorted") lines, $(sort -u "$TEST_TMP/seg$n.sorted" | wc -l) distinct; diff: $(diff "$TEST_TMP/plain.sorted" "$TEST_TMP/seg$n.sorted" | head -3 | cut -c1-80)"
	fi
	run $DDBTUI --segments $n export $T --format json
	printf '%s\n' "$OUT" | sort >"$TEST_TMP/exp$n.sorted"
	if [ "$RC" = 0 ] && cmp -s "$TEST_TMP/exp$n.sorted" "$TEST_TMP/plain.sorted"; then
		pass "export_segments_${n}_every_item_once"
	else
		fail "export_segments_${n}_every_item_once" "exit $RC, $(wc -l <"$TEST_TMP/exp$n.sorted") lines: $(echo "$ERR" | head -2)"
	fi
done

# 7 segments really are 7 requests with Segment 0..6 of TotalSegments 7
run $DDBTUI --segments 7 --verbose scan $T
check segments_7_requests test "$(printf '%s\n' "$ERR" | grep -c '^ddbtui: Scan segments-t -> 200')" -ge 7

# --limit across segments: exactly N lines, all of them items of the table
run $DDBTUI --segments 4 scan $T --limit 150
check segments_limit_count test "$(printf '%s\n' "$OUT" | wc -l)" = 150
printf '%s\n' "$OUT" | sort >"$TEST_TMP/lim.sorted"
check segments_limit_subset test -z "$(comm -23 "$TEST_TMP/lim.sorted" "$TEST_TMP/plain.sorted")"
run $DDBTUI --segments 4 export $T --limit 5
check segments_export_limit test "$(printf '%s\n' "$OUT" | wc -l)" = 5

# CSV: one header, then every item
run $DDBTUI --segments 4 export $T --format csv --columns pk,sk
check segments_csv_lines test "$(printf '%s\n' "$OUT" | wc -l)" = 1001
check segments_csv_header test "$(printf "%s\n" "$OUT" | head -1 | tr -d "\r")" = "pk,sk"

# a missing table fails once, whatever the segments
run $DDBTUI --segments 4 scan no-such-table
expect segments_missing_table 1 "not found"

run $DDBTUI --segments 0 scan $T
expect segments_zero_refused 2 "--segments must be a number from 1 to 1000"
run $DDBTUI --segments many scan $T
expect segments_word_refused 2 "--segments must be a number"
