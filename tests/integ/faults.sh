# faults.sh - ddbtui through tests/faultproxy.py (a loopback proxy in front of dynalite that
# injects 500s, 503s, throttling, connection resets, stalls, truncated and dripped replies, and
# outages): a 10,000-message seed ends exact, a scan returns every item exactly once, stalls and
# damaged replies are retried, an outage fails clearly and leaves our files alone, and the UI keeps
# answering keys and shows the retries. Results are checked directly on dynalite ($ENDPOINT).
. tests/integ/lib.sh
export DDBTUI_USERS="$TEST_TMP/users.json" TZ=UTC
# a HOME of our own: the files written here (users, journal, ~/.aws) must not reach later tests
export HOME="$TEST_TMP/home" XDG_CONFIG_HOME="$TEST_TMP/home/.config" XDG_STATE_HOME="$TEST_TMP/home/.state"
mkdir -p "$HOME"
T=cruddur-messages
G=5ae290ed-55d1-47a0-bc6d-fe2bc2700399
G2=0b7f6a52-1c1e-4d7e-9a3b-6c1e2f3a4b5c
PY=/usr/bin/python3
SOCK="ddbtui-faults-$$"
PROXY_PID=""
cleanup() {
	[ -n "$PROXY_PID" ] && kill "$PROXY_PID" 2>/dev/null
	tmux -L "$SOCK" kill-server 2>/dev/null
}
trap cleanup EXIT

# start_proxy NAME ARGS... : a fault proxy in front of dynalite; sets PROXY (its URL) and PROXY_PID.
# Its counts go to $TEST_TMP/NAME.stats when stop_proxy ends it.
start_proxy() {
	PROXY_NAME=$1
	shift
	spawn_port "$PROXY_NAME" $PY tests/faultproxy.py --upstream "$ENDPOINT" \
		--stats "$TEST_TMP/$PROXY_NAME.stats" "$@"
	PROXY=$SPAWN_URL PROXY_PID=$SPAWN_PID
}
stop_proxy() {
	stop_pid "$PROXY_PID"
	PROXY_PID=""
}
# pstat NAME KEY : one count of a stopped proxy
pstat() { $PY -c 'import json,sys; print(json.load(open(sys.argv[1])).get(sys.argv[2], 0))' "$TEST_TMP/$1.stats" "$2"; }
# injected NAME : "500=.. 503=.. throttle=.. reset=.." and the others that happened
injected() {
	$PY - "$TEST_TMP/$1.stats" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
out = []
for k in ("500", "503", "throttle", "reset", "stall", "truncate", "drip", "outage"):
    if s.get(k):
        v = f"{k}={s.get(k, 0)}"
        if k == "reset" and s.get(k):
            v += f" ({s['reset_before']} before, {s['reset_after']} after forwarding)"
        out.append(v)
print(", ".join(out) + f"; {s['requests']} requests, {s['forwarded']} reached dynalite")
PY
}
# sum of the Count of every page of a scan or query on dynalite
count_query() {
	awsl dynamodb query --table-name $T --select COUNT --query Count --output text "$@" |
		tr -s "\t " "\n\n" | awk '{s+=$1} END {print s+0}'
}
msg_rows() { count_query --key-condition-expression 'pk = :p' --expression-attribute-values "{\":p\":{\"S\":\"MSG#$1\"}}"; }
group_rows() {
	count_query --index-name message-group-sk-index --key-condition-expression 'message_group_uuid = :g' \
		--expression-attribute-values "{\":g\":{\"S\":\"$1\"}}"
}
# save_files DIR : a copy of every file we write (under $HOME: the undo journal, state; the users file)
save_files() { mkdir -p "$1" && cp -a "$HOME" "$1/home" && cp -a "$DDBTUI_USERS" "$1/users.json"; }
# intact BEFORE AFTER : every file as it was; an append-only journal may only have grown
intact() {
	$PY - "$1" "$2" <<'PY'
import os, sys
a, b = sys.argv[1], sys.argv[2]
bad = []
for root, _, files in os.walk(a):
    for f in files:
        pa = os.path.join(root, f)
        pb = os.path.join(b, os.path.relpath(pa, a))
        old = open(pa, "rb").read()
        try:
            new = open(pb, "rb").read()
        except FileNotFoundError:
            bad.append(f"{pb} is gone")
            continue
        if f.endswith(".jsonl") and new.startswith(old):
            continue
        if new != old:
            bad.append(f"{os.path.relpath(pa, a)} changed")
if bad:
    print("  " + "; ".join(bad))
sys.exit(1 if bad else 0)
PY
}

$DDBTUI schema-load >/dev/null 2>&1 || $DDBTUI recreate --yes >/dev/null 2>&1
$DDBTUI users list >/dev/null 2>&1 # creates the users file

# --- a 10,000-message seed through 10% 5xx, 10% throttling and 5% resets ends exact ---
start_proxy seed --seed 11 --rate-500 0.05 --rate-503 0.05 --rate-throttle 0.1 --rate-reset 0.05
t0=$(date +%s%N)
run $DDBTUI --endpoint-url "$PROXY" --max-attempts 10 seed --count 10000
ms=$((($(date +%s%N) - t0) / 1000000))
stop_proxy
n_msgs=$(msg_rows $G)
n_groups=$(group_rows $G)
n_all=$(count $T)
if [ "$RC" != 0 ]; then
	fail faults_seed_exact "exit $RC: $(echo "$ERR" | tail -3) (injected: $(injected seed))"
elif [ "$n_msgs" != 10000 ] || [ "$n_groups" != 2 ] || [ "$n_all" != 10002 ]; then
	fail faults_seed_exact "$n_msgs message rows, $n_groups group rows, $n_all items (injected: $(injected seed))"
elif [ "$(pstat seed 500)" = 0 ] || [ "$(pstat seed 503)" = 0 ] || [ "$(pstat seed throttle)" = 0 ] ||
	[ "$(pstat seed reset_before)" = 0 ] || [ "$(pstat seed reset_after)" = 0 ]; then
	fail faults_seed_exact "a kind of fault was never injected: $(injected seed)"
else
	pass "faults_seed_exact (injected: $(injected seed); all survived, $ms ms)"
fi
check faults_seed_reports_success grep -q "seeded 10000 messages and 2 group rows" "$TEST_TMP/err"
check faults_seed_throttle_types $PY -c '
import json, sys
t = json.load(open(sys.argv[1]))["throttle_types"]
assert t.get("ThrottlingException") and t.get("ProvisionedThroughputExceededException"), t' "$TEST_TMP/seed.stats"

# --- a scan under faults returns every item exactly once ---
awsl dynamodb scan --table-name $T --projection-expression "pk, sk" --output json >"$TEST_TMP/direct.json"
start_proxy scan --seed 5 --ops Scan --script truncate,ok,reset,500,503,ok,stall,throttle,drip \
	--rate-500 0.1 --rate-503 0.05 --rate-throttle 0.1 --rate-reset 0.1 --rate-truncate 0.1 \
	--rate-drip 0.1 --drip-bytes 8192 --drip-ms 0.2 --stall-ms 4000
DDBTUI_TIMEOUT_MS=3000 $DDBTUI --endpoint-url "$PROXY" --max-attempts 10 scan >"$TEST_TMP/scan.out" 2>"$TEST_TMP/scan.err"
rc=$?
stop_proxy
if [ $rc != 0 ]; then
	fail faults_scan_exactly_once "exit $rc: $(tail -3 "$TEST_TMP/scan.err")"
elif $PY - "$TEST_TMP/scan.out" "$TEST_TMP/direct.json" <<'PY'; then
import json, sys
ours = [(i["pk"], i["sk"]) for i in map(json.loads, open(sys.argv[1], encoding="utf-8"))]
direct = [(i["pk"]["S"], i["sk"]["S"]) for i in json.load(open(sys.argv[2]))["Items"]]
dups = len(ours) - len(set(ours))
ok = dups == 0 and set(ours) == set(direct) and len(ours) == len(direct) == 10002
if not ok:
    print(f"  {len(ours)} items ({dups} repeated), direct {len(direct)}, "
          f"missing {len(set(direct) - set(ours))}, extra {len(set(ours) - set(direct))}")
sys.exit(0 if ok else 1)
PY
	pass "faults_scan_exactly_once (10002 items; injected: $(injected scan))"
else
	fail faults_scan_exactly_once "see above (injected: $(injected scan))"
fi

# --- a stall past the timeout is retried and succeeds ---
# (before the stall is over: both stretched by TEST_SLOW, as a slowed-down binary takes longer
# to start and to retry; the timeout is not)
start_proxy stall --script stall --stall-ms $((6000 * ${TEST_SLOW:-1}))
t0=$(date +%s%N)
run env DDBTUI_TIMEOUT_MS=1000 $DDBTUI --endpoint-url "$PROXY" --verbose list-tables
ms=$((($(date +%s%N) - t0) / 1000000))
stop_proxy
expect faults_stall_retried 0 "ListTables -> 200 in [0-9.]+ ms, 2 attempts"
check faults_stall_timed_out_early test "$ms" -lt $((5000 * ${TEST_SLOW:-1}))
check faults_stall_injected test "$(pstat stall stall)" = 1
# and a stall that outlasts every attempt is a timeout, exit 1
start_proxy stall2 --script stall,stall --stall-ms 6000
run env DDBTUI_TIMEOUT_MS=500 $DDBTUI --endpoint-url "$PROXY" --max-attempts 2 list-tables
stop_proxy
expect faults_stall_exhausted 1 "ListTables to http://127.0.0.1:[0-9]+ timed out"

# --- truncated replies are retried; dripped replies are read correctly ---
start_proxy trunc --script truncate,truncate
run $DDBTUI --endpoint-url "$PROXY" --verbose get-conversation --json
stop_proxy
printf '%s\n' "$OUT" >"$TEST_TMP/trunc.out"
$DDBTUI get-conversation --json >"$TEST_TMP/conv.direct" 2>/dev/null
expect faults_truncated_retried 0 "Query cruddur-messages -> 200 in [0-9.]+ ms, 3 attempts"
check faults_truncated_same_answer cmp -s "$TEST_TMP/trunc.out" "$TEST_TMP/conv.direct"
check faults_truncated_injected test "$(pstat trunc truncate)" = 2
start_proxy trunc3 --script truncate,truncate,truncate
run $DDBTUI --endpoint-url "$PROXY" --max-attempts 3 list-tables
stop_proxy
expect faults_truncated_exhausted 1 "cannot reach http://127.0.0.1:[0-9]+: "

start_proxy drip --drip --drip-bytes 3 --drip-ms 0.3
run $DDBTUI --endpoint-url "$PROXY" --verbose get-conversation --json
stop_proxy
printf '%s\n' "$OUT" >"$TEST_TMP/drip.out"
expect faults_drip_one_attempt 0 "Query cruddur-messages -> 200 in [0-9.]+ ms, 1 attempt[ ,]"
check faults_drip_same_answer cmp -s "$TEST_TMP/drip.out" "$TEST_TMP/conv.direct"
check faults_drip_injected test "$(pstat drip drip)" -ge 1

# --- an unrecoverable outage: a clear error, exit 1, our files intact ---
# an undo journal from an earlier session (ddb/journal.h's format) must survive the outage
J="${XDG_STATE_HOME:-$HOME/.local/state}/ddbtui/journal.jsonl"
mkdir -p "$(dirname "$J")" && chmod 700 "$(dirname "$J")"
[ -s "$J" ] || printf '{"id": 1, "time": "2026-11-20T10:00:00.000000+00:00", "endpoint": "%s", "region": "us-east-1", "table": "%s", "op": "put", "key": {"pk": {"S": "MSG#%s"}, "sk": {"S": "x"}}, "before": null, "after": {"pk": {"S": "MSG#%s"}, "sk": {"S": "x"}}}\n' \
	"$ENDPOINT" $T $G $G >"$J"
chmod 600 "$J"
save_files "$TEST_TMP/files.before"
cp "$DDBTUI_USERS" "$TEST_TMP/users.before"
before=$(count $T)
echo outage-503 >"$TEST_TMP/control"
start_proxy outage --control "$TEST_TMP/control"
run $DDBTUI --endpoint-url "$PROXY" seed --count 500 --group $G2
expect faults_outage_503 1 "^ddbtui: ServiceUnavailable \(HTTP 503\): injected outage$"
check faults_outage_503_not_seeded sh -c '! grep -q "seeded" "$1"' _ "$TEST_TMP/err"
echo outage-reset >"$TEST_TMP/control"
run $DDBTUI --endpoint-url "$PROXY" send --as bayko --group $G "lost in the outage"
expect faults_outage_reset 1 "^ddbtui: error: cannot reach http://127.0.0.1:[0-9]+: "
echo refuse >"$TEST_TMP/control"
sleep 0.3
run $DDBTUI --endpoint-url "$PROXY" list-tables
expect faults_outage_refused 1 "^ddbtui: error: cannot reach http://127.0.0.1:[0-9]+: .*(onnect|refused)"
echo normal >"$TEST_TMP/control"
sleep 0.3
run $DDBTUI --endpoint-url "$PROXY" list-tables
expect faults_outage_over 0 "^$T$"
stop_proxy
check faults_outage_table_unchanged test "$(count $T)" = "$before"
# an outage in the middle of a seed: some batches written, then nothing; exit 1
start_proxy midseed --outage-after 60 --control "$TEST_TMP/control2"
run $DDBTUI --endpoint-url "$PROXY" seed --count 10000 --group $G2
written=$(msg_rows $G2)
expect faults_outage_mid_seed 1 "^ddbtui: ServiceUnavailable \(HTTP 503\): injected outage$"
check faults_outage_mid_seed_partial test "$written" -gt 0 -a "$written" -lt 10000
check faults_outage_users_intact cmp "$DDBTUI_USERS" "$TEST_TMP/users.before"
save_files "$TEST_TMP/files.after"
check faults_outage_files_intact intact "$TEST_TMP/files.before" "$TEST_TMP/files.after"
check faults_outage_no_temp_files test -z "$(ls -A "$(dirname "$DDBTUI_USERS")" | grep -E '^\.users\.json\.')"
# the outage ends: the same seed again completes the conversation, exact
echo normal >"$TEST_TMP/control2"
run $DDBTUI --endpoint-url "$PROXY" seed --count 10000 --group $G2
stop_proxy
expect faults_after_outage_seed_ok 0 "seeded 10000 messages"
check faults_after_outage_exact test "$(msg_rows $G2)/$(group_rows $G2)" = "10000/2"
pass "faults_outage_counts (injected: $(injected midseed))"

# --- the UI under faults: the rows arrive, the status line and the request log show retries ---
start_proxy tui --seed 3 --ops Scan --script 500,throttle,reset --rate-500 0.1 --rate-throttle 0.1 --rate-reset 0.1
printf '%s\n' "keys s" ":save-screen $TEST_TMP/tui_scan.txt" "keys L" ":save-screen $TEST_TMP/tui_log.txt" \
	"keys Escape M" "wait 300" ":save-screen $TEST_TMP/tui_all.txt" >"$TEST_TMP/tui.script"
total=$(count $T)
# one page of 1 MB first (--page-size past it), so the status line's last request is the page
# that the script's faults hit, not a prefetched one
run $DDBTUI --endpoint-url "$PROXY" --max-attempts 10 --page-size 1000000 --script "$TEST_TMP/tui.script" --size 100x30
stop_proxy
check faults_tui_exit_ok test "$RC" = 0
check faults_tui_rows_shown grep -q "MSG#$G" "$TEST_TMP/tui_scan.txt"
check faults_tui_status_retries grep -qE "\| Scan [0-9]+ ms( [0-9.]+ CU)? [1-9][0-9]* retr(y|ies)" "$TEST_TMP/tui_scan.txt"
check faults_tui_all_rows grep -qE "Scan $T — $total rows \(all\)" "$TEST_TMP/tui_all.txt"
check faults_tui_log_attempts grep -qE "Scan +$T +200 +[0-9.]+ +([2-9]|[1-9][0-9])( |$)" "$TEST_TMP/tui_log.txt"
pass "faults_tui_counts (injected: $(injected tui))"

# --- the real UI in tmux keeps answering keys while a request stalls, then shows the retry ---
if command -v tmux >/dev/null; then
	start_proxy tmux --ops Scan --script stall --stall-ms 8000
	TM="tmux -L $SOCK"
	$TM -f /dev/null new-session -d -s main -x 110 -y 30 \
		"env TERM=xterm-256color DDBTUI_USERS=$DDBTUI_USERS DDBTUI_TIMEOUT_MS=3000 TZ=UTC $DDBTUI_BIN --endpoint-url $PROXY; echo ddbtui-exited-\$?; sleep 30"
	cap() { $TM capture-pane -p -t main; }
	# (SECONDS times TEST_SLOW: the asan binary is slower)
	wait_for() {
		local name=$1 pat=$2 secs=${3:-10} i=0
		while [ $i -lt $((secs * 20 * ${TEST_SLOW:-1})) ]; do
			cap | grep -qE -- "$pat" && { pass "$name"; return 0; }
			sleep 0.05
			i=$((i + 1))
		done
		fail "$name" "screen never matched /$pat/: $(cap | tail -5)"
		return 1
	}
	wait_for faults_tmux_open "Tables \(1\)"
	$TM send-keys -t main s
	wait_for faults_tmux_scan_in_flight "1 in flight" 2
	$TM send-keys -t main '?'
	wait_for faults_tmux_keys_answered_during_stall "Help" 1
	check faults_tmux_still_stalled sh -c "$TM capture-pane -p -t main | grep -q '1 in flight'"
	$TM send-keys -t main Escape
	wait_for faults_tmux_rows_after_retry "Scan $T — [1-9][0-9]* rows" 8
	wait_for faults_tmux_status_retry "\| Scan [0-9]+ ms( [0-9.]+ CU)? 1 retry" 2
	$TM send-keys -t main q
	wait_for faults_tmux_quit "ddbtui-exited-0" 3
	$TM kill-server 2>/dev/null
	stop_proxy
	check faults_tmux_stall_injected test "$(pstat tmux stall)" = 1

	# Esc while a message is being sent (its PutItem answers slowly): the view stays until the
	# send is done (closing would cancel it between the message and its inbox rows), then goes
	# back to the inbox, reloaded
	start_proxy tmuxsend --ops PutItem --drip --drip-bytes 4 --drip-ms 30
	$TM -f /dev/null new-session -d -s main -x 110 -y 30 \
		"env TERM=xterm-256color DDBTUI_USERS=$DDBTUI_USERS TZ=UTC $DDBTUI_BIN --endpoint-url $PROXY; echo ddbtui-exited-\$?; sleep 30"
	wait_for faults_send_open "Tables \(1\)"
	$TM send-keys -t main c
	wait_for faults_send_inbox "Conversations of Andrew Brown"
	# Enter opens the selected row: only once the rows are in (the title comes first)
	wait_for faults_send_inbox_rows "Andrew Bayko @bayko"
	$TM send-keys -t main Enter
	wait_for faults_send_conversation "Conversation with Andrew Bayko"
	$TM send-keys -t main n
	$TM send-keys -t main -l "slow one"
	$TM send-keys -t main Enter Escape
	wait_for faults_send_esc_waits "back to the conversations once it is sent" 5
	wait_for faults_send_then_back "^sent *$" 20
	check faults_send_back_in_inbox sh -c "$TM capture-pane -p -t main | grep -q 'Conversations of Andrew Brown'"
	$TM send-keys -t main q
	wait_for faults_send_quit "ddbtui-exited-0" 3
	$TM kill-server 2>/dev/null
	stop_proxy
	check faults_send_dripped test "$(pstat tmuxsend drip)" -ge 1
	check faults_send_stored sh -c "$DDBTUI scan | grep -q '\"message\":\"slow one\"'"
else
	echo "SKIP faults_tmux: tmux is not installed"
fi
