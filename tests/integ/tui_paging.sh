# tui_paging.sh - the scan view's pages fit a real link (issue: the TUI over a real network): the
# first page asks for what fills the screen and is sent beside DescribeTable, later pages ask for
# as much as DynamoDB gives (1 MB), the next page is asked for before the selection reaches the
# last row, load-all asks at once; --page-size sets every page. Checked on the request log view
# (L: the items of each Scan), through tests/delayline.py and tests/faultproxy.py. No timing is
# asserted but the delay line's own lower bound (it cannot answer sooner than 2 D).
# engines: dynalite moto (tests/run.sh runs this file on each)
. tests/integ/lib.sh
export DDBTUI_USERS="$TEST_TMP/users.json"
S="$TEST_TMP"
T=paging-t
export SIZE=200x30 # wide enough for the request log's items column; the first page follows the 30
PAD=1000 # bytes of each item's pad: 3,000 items are about 3 MB, so 1 MB pages hold ~1,000

/usr/bin/python3 - "$T" "$PAD" <<'PY' || fail paging_setup "boto3 could not create the table"
import boto3, os, sys
t, pad = sys.argv[1], int(sys.argv[2])
ddb = boto3.client("dynamodb", endpoint_url=os.environ["ENDPOINT"], region_name="us-east-1")
ddb.create_table(TableName=t, BillingMode="PAY_PER_REQUEST",
                 KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
                 AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}])
ddb.get_waiter("table_exists").wait(TableName=t, WaiterConfig={"Delay": 0.1})
reqs = [{"PutRequest": {"Item": {"id": {"S": f"w-{i:04d}"}, "pad": {"S": "x" * pad}}}}
        for i in range(3000)]
for i in range(0, len(reqs), 25):
    left = {t: reqs[i:i + 25]}
    while left:
        left = ddb.batch_write_item(RequestItems=left).get("UnprocessedItems") or {}
PY

# scan_items NAME : the item counts of the Scan requests in the request log (L) saved as the
# screen NAME, one a line, oldest first (columns: time op table status latency tries items queued)
scan_items() { main_pane <"$S/$1.full" | awk -v t="$T" '$2 == "Scan" && $3 == t && $4 == 200 { print $7 }'; }
# title NAME : the scan view's title of the saved screen NAME
title() { grep -oE "Scan $T — [0-9]+ rows \((more|all)\)" "$S/$1.full" | head -1; }

# --- the first page fills the screen (2 x 30 rows at 100x30), the next comes at once and is
# DynamoDB's 1 MB; nothing more until the selection nears the end ---
if tui first <<EOF; then
:scan $T
:save-screen $S/first.full
keys L
:save-screen $S/first_log.full
EOF
	mapfile -t pages < <(scan_items first_log)
	check first_page_fills_the_screen test "${pages[0]:-none}" = 60
	# a 1 MB page of ~1 KB items: far more than the 200 rows a page used to be
	check second_page_is_1mb test "${pages[1]:-0}" -ge 900
	check two_pages_before_moving test "${#pages[@]}" = 2
	want="Scan $T — $((pages[0] + pages[1])) rows (more)"
	check first_title test "$(title first)" = "$want"
fi

# --- prefetch: the next page is asked for while the selection is still a few screens above the
# last row (here 100-row pages: two PgDn reach row ~50 of 100); M asks for each page at once ---
if tui prefetch --page-size 100 <<EOF; then
:scan $T
:save-screen $S/pf0.full
keys PgDn PgDn
:save-screen $S/pf1.full
keys M
:save-screen $S/pf2.full
keys L
:save-screen $S/pf_log.full
EOF
	check prefetch_not_at_the_top test "$(title pf0)" = "Scan $T — 100 rows (more)"
	check prefetch_before_the_end test "$(title pf1)" = "Scan $T — 200 rows (more)"
	# the selection had not reached row 100 when the page came: row ~50 is on the screen
	check prefetch_selection_above_end grep -qE "w-[0-9]{4}" "$S/pf1.full"
	check prefetch_load_all test "$(title pf2)" = "Scan $T — 3000 rows (all)"
	# every page 100 items (the last, after exactly 30 of them, may be empty: DynamoDB gives a
	# LastEvaluatedKey when a page is full)
	check prefetch_pages_of_100 test "$(scan_items pf_log | sed '$d' | sort -u | tr '\n' ' ')" = "100 "
fi

# --- the first page is sent beside DescribeTable, not after it: with the scan view's DescribeTable
# held 1.5 s by the fault proxy (the tables pane's, for the counts, goes first), the Scan's reply
# comes first ---

spawn_port stall /usr/bin/python3 tests/faultproxy.py --upstream "$ENDPOINT" --script ok,stall \
	--ops DescribeTable --stall-ms 1500
if tui beside --endpoint-url "$SPAWN_URL" <<EOF; then
:scan $T
:save-screen $S/beside.full
keys L
:save-screen $S/beside_log.full
EOF
	# in the log's order (of completion): the first Scan before the held DescribeTable
	order=$(main_pane <"$S/beside_log.full" | awk -v t="$T" '$3 == t && $4 == 200 && ($2 == "Scan" || $5 >= 1000) { print $2 }' | head -2 | tr '\n' ' ')
	check first_page_beside_describe test "$order" = "Scan DescribeTable "
	check beside_rows_shown test "$(title beside | grep -c rows)" = 1
fi
stop_pid "$SPAWN_PID"

# --- through a delay line of 50 ms each way: the same rows, every page, many connections ---
delay_line wan 50
run $DDBTUI --endpoint-url "$DELAY_URL" --segments 4 scan $T
check wan_scan_every_item test "$RC:$(printf '%s\n' "$OUT" | grep -c '"w-')" = "0:3000"
run $DDBTUI --endpoint-url "$DELAY_URL" --verbose describe-table $T
ms=$(printf '%s\n' "$ERR" | grep -oE "DescribeTable $T -> 200 in [0-9.]+" | grep -oE '[0-9.]+$')
check wan_round_trip_delayed /usr/bin/python3 -c "import sys; sys.exit(float('${ms:-0}') < 100)"
if DDBTUI_TRACE="$S/wan.trace" tui wan --endpoint-url "$DELAY_URL" <<EOF; then
:scan $T
keys M
:save-screen $S/wan.full
keys L
:save-screen $S/wan_log.full
EOF
	check wan_load_all test "$(title wan)" = "Scan $T — 3000 rows (all)"
	# the status line shows the link's round trip (p50 of the last requests): 100 ms or more
	p50=$(grep -oE 'p50 [0-9]+ ms' "$S/wan.full" | head -1 | cut -d' ' -f2)
	check wan_status_p50 test "${p50:-0}" -ge 100
	# DDBTUI_TRACE: the scan's start to the frame with its first rows, one round trip at least
	# (DescribeTable and the first page go together, so not two)
	first=$(sed -n 's/^# first-rows \([0-9.]*\)$/\1/p' "$S/wan.trace")
	check wan_trace_first_rows /usr/bin/python3 -c "import sys; sys.exit(not 100 <= float('${first:-0}'))"
fi
stop_pid "$DELAY_PID"
conns=$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["connections"])' "$S/wan.stats" 2>/dev/null)
check wan_many_connections test "${conns:-0}" -ge 4
