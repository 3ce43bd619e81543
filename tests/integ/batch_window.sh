# batch_window.sh - batch writes fill the link: seed keeps an adaptive number of BatchWriteItem
# requests in flight (8 at first, growing while replies are clean, halved on throttling, up to
# one less than --max-concurrency), and loses nothing. The requests in flight are counted by
# tests/faultproxy.py (max_inflight), which holds each one --latency-ms so that they overlap as on
# a real link; throttling is the proxy's too. No timing is asserted.
. tests/integ/lib.sh
export DDBTUI_USERS="$TEST_TMP/users.json"
T=cruddur-messages
N=2000 # 2,002 items: 81 requests of 25
LAT=$((40 * ${TEST_SLOW:-1}))
PY=/usr/bin/python3

run $DDBTUI schema-load
expect window_schema 0 ""

# seed_through NAME PROXY-ARGS... : seed N messages through a fault proxy; sets WROTE (the line
# "wrote ...") and MAXIN (the proxy's max_inflight)
seed_through() {
	local name=$1
	shift
	spawn_port "$name" $PY tests/faultproxy.py --upstream "$ENDPOINT" --latency-ms "$LAT" \
		--stats "$TEST_TMP/$name.stats" "$@"
	# a conversation of its own each time (no earlier seed replaced): the table grows by N + 2
	run $DDBTUI --endpoint-url "$SPAWN_URL" ${CONC:+--max-concurrency $CONC} seed --count $N \
		--group "$($PY -c 'import uuid; print(uuid.uuid4())')"
	SEEDS=$((SEEDS + 1))
	stop_pid "$SPAWN_PID"
	WROTE=$(printf '%s\n' "$ERR" | grep '^wrote ')
	MAXIN=$($PY -c 'import json,sys; print(json.load(open(sys.argv[1]))["max_inflight"])' "$TEST_TMP/$name.stats")
}
SEEDS=0
# in_flight : "up to N requests in flight" of WROTE
in_flight() { printf '%s\n' "$WROTE" | grep -oE 'up to [0-9]+ requests' | cut -d' ' -f3; }

# --- clean replies: the window grows past its start of 8, up to 31 of the default 32 ---
seed_through clean --ops BatchWriteItem
expect window_clean_seed 0 "seeded $N messages"
check window_clean_all_items test "$(count $T)" = $(((N + 2) * SEEDS))
check window_grew test "${MAXIN:-0}" -gt 8 -a "$(in_flight)" -gt 8
check window_bounded_by_cap test "${MAXIN:-99}" -le 31 -a "$(in_flight)" -le 31

# --- --max-concurrency bounds it (and one slot stays free for the UI's own requests) ---
CONC=4 seed_through capped --ops BatchWriteItem
check window_capped test "$RC:${MAXIN:-99}:$(in_flight)" = "0:3:3"
check window_capped_all_items test "$(count $T)" = $(((N + 2) * SEEDS))

# --- throttling (every third BatchWriteItem answered ThrottlingException, then retried): the
# window stays small, and every item is written exactly once ---
seed_through throttled --ops BatchWriteItem --rate-throttle 0.34 --seed 7
expect window_throttled_seed 0 "seeded $N messages"
check window_throttled_all_items test "$(count $T)" = $(((N + 2) * SEEDS))
check window_throttled_retried test "$($PY -c 'import json,sys; print(json.load(open(sys.argv[1]))["throttle"])' "$TEST_TMP/throttled.stats")" -gt 0
check window_throttled_smaller test "$(in_flight)" -lt 31 -a "${MAXIN:-99}" -lt 31
