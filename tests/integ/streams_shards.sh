# streams_shards.sh - stream over shards that close and have children, which neither local engine
# has (moto keeps one open shard): tests/fakestreams.py. DescribeStream is paged one shard a
# page, children listed before parents; a parent is read before its children, a shard whose
# parent was trimmed away is read at once, an expired iterator is renewed after the last record
# printed (nothing twice, nothing lost), and --follow finds the child of a shard that closes.
. tests/integ/lib.sh
spawn_port fakestreams /usr/bin/python3 tests/fakestreams.py --log "$TEST_TMP/ops.log"
FS=$SPAWN_URL FSPID=$SPAWN_PID
S="$DDBTUI --endpoint-url $FS"

run $S stream fs-t
expect shards_read_all 0 '"seq":"40"'
printf '%s\n' "$OUT" >"$TEST_TMP/all.jsonl"
check shards_order python3 - "$TEST_TMP/all.jsonl" <<'PY'
import json, sys
seqs = [int(json.loads(l)["seq"]) for l in open(sys.argv[1]) if l.strip()]
assert sorted(seqs) == [10, 20, 21, 30, 40], seqs           # each once, the expired read redone
p = seqs.index
assert p(20) < p(21) < p(30) < p(40), seqs                  # a parent before its children
PY
check shards_paged grep -q '^DescribeStream .*"ExclusiveStartShardId": "s1"' "$TEST_TMP/ops.log"
check shards_renewed_after_last grep -q '^GetShardIterator .*"SequenceNumber": "20", "ShardId": "s1", "ShardIteratorType": "AFTER_SEQUENCE_NUMBER"' "$TEST_TMP/ops.log"
check shards_time grep -q '"seq":"10","time":"2026-12-04T12:00:10.000000+00:00"' "$TEST_TMP/all.jsonl"

run $S stream fs-t --from 2026-12-04T12:00:30Z
check shards_from_time test "$(printf '%s\n' "$OUT" | sed -n 's/.*"seq":"\([0-9]*\)".*/\1/p' | sort -n | tr '\n' ' ')" = "30 40 "

: >"$TEST_TMP/ops.log"
$S stream fs-t --follow --from latest >"$TEST_TMP/follow.out" 2>"$TEST_TMP/follow.err" &
FPID=$!
sleep 2.5
# an open shard with nothing new is read about once a second, not in a loop
n=$(grep -c '^GetRecords .*s3:' "$TEST_TMP/ops.log")
check shards_follow_backoff test "$n" -ge 1 -a "$n" -le 5
curl -s -X POST -d '{}' "$FS/close" >/dev/null
i=0
while ! grep -q '"seq":"50"' "$TEST_TMP/follow.out" && [ $i -lt $((60 * TEST_SLOW)) ]; do
	sleep 0.1
	i=$((i + 1))
done
kill -INT $FPID
wait $FPID
check shards_follow_exit_0 test $? = 0
check shards_follow_child test "$(sed -n 's/.*"seq":"\([0-9]*\)".*/\1/p' "$TEST_TMP/follow.out" | tr '\n' ' ')" = "41 50 "
check shards_follow_no_error test ! -s "$TEST_TMP/follow.err"
stop_pid "$FSPID"
exit 0
