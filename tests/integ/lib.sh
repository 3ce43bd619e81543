# lib.sh - the helpers of the shell integration tests (sourced by each; tests/README.md lists
# them). Uses $DDBTUI, $ENDPOINT, $TEST_TMP (set by tests/run.sh).
REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

# --- results: one "PASS name" or "FAIL name: why" line a test ---

# pass NAME : the test NAME passed.
pass() { echo "PASS $1"; }
# fail NAME WHY : the test NAME failed, and why.
fail() { echo "FAIL $1: $2"; }

# run CMD... : runs, leaving stdout in $OUT, stderr in $ERR, exit code in $RC.
run() {
	"$@" >"$TEST_TMP/out" 2>"$TEST_TMP/err"
	RC=$?
	OUT=$(cat "$TEST_TMP/out")
	ERR=$(cat "$TEST_TMP/err")
}

# expect NAME RC PATTERN : last run exited with RC and stdout+stderr match the grep -E PATTERN.
expect() {
	local name=$1 rc=$2 pat=$3
	if [ "$RC" != "$rc" ]; then
		fail "$name" "exit $RC, expected $rc; stderr: $(echo "$ERR" | head -3)"
	elif ! printf '%s\n%s\n' "$OUT" "$ERR" | grep -qE -- "$pat"; then
		fail "$name" "output does not match /$pat/: $(printf '%s %s' "$OUT" "$ERR" | head -c 300)"
	else
		pass "$name"
	fi
}

# check NAME COND... : passes if the command succeeds.
check() {
	local name=$1
	shift
	if "$@"; then pass "$name"; else fail "$name" "check failed: $*"; fi
}

# --- items and tables, through the AWS CLI and boto3 ---

# awsl ARGS... : the AWS CLI against $ENDPOINT (us-east-1, JSON output).
awsl() { aws --endpoint-url "$ENDPOINT" --region us-east-1 --output json "$@"; }

# new_table TABLE : a new table keyed pk (S) and sk (N).
new_table() {
	awsl dynamodb create-table --table-name "$1" --billing-mode PAY_PER_REQUEST \
		--attribute-definitions AttributeName=pk,AttributeType=S AttributeName=sk,AttributeType=N \
		--key-schema AttributeName=pk,KeyType=HASH AttributeName=sk,KeyType=RANGE >/dev/null
}
# put TABLE ITEM : the item (DynamoDB JSON) written.
put() { awsl dynamodb put-item --table-name "$1" --item "$2" >/dev/null; }
# attr TABLE KEYJSON NAME : an attribute of an item as DynamoDB JSON (compact), "" if absent.
attr() {
	local out
	if ! out=$(awsl dynamodb get-item --table-name "$1" --key "$2" --consistent-read); then
		echo "<get-item failed>" # matches no value, and exists/absent fail
		return 1
	fi
	# an absent item: the AWS CLI prints nothing
	printf '%s' "$out" |
		python3 -c "import json,sys; d=json.loads(sys.stdin.read() or '{}').get('Item'); a=(d or {}).get('$3'); print('' if a is None else json.dumps(a, separators=(',',':')))"
}
# exists TABLE KEYJSON NAME : the item has the attribute.
exists() {
	local v
	v=$(attr "$1" "$2" "$3") && [ -n "$v" ]
}
# absent TABLE KEYJSON NAME : the item (if any) lacks the attribute.
absent() {
	local v
	v=$(attr "$1" "$2" "$3") && [ -z "$v" ]
}
# count TABLE [SCAN-FLAGS...] : how many items TABLE holds (a COUNT scan, its pages added up).
count() {
	awsl dynamodb scan --table-name "$1" --select COUNT --query Count --output text "${@:2}" |
		tr -s "\t " "\n\n" | awk '{s+=$1} END {print s+0}'
}
# down_to TABLE : the "keys j..." line of a key script that moves the tables pane's cursor from
# the first table to TABLE, in the order the engine lists them (dynalite lists by name, as
# DynamoDB does; moto in the order of creation: docs/engines.md).
down_to() {
	local n
	n=$(awsl dynamodb list-tables | /usr/bin/python3 -c "import json,sys; print(json.load(sys.stdin)['TableNames'].index('$1'))")
	[ "$n" -gt 0 ] && printf 'keys%s\n' "$(printf ' j%.0s' $(seq 1 "$n"))"
}
# snapshot TABLE : every item of TABLE (boto3, consistent, all pages) as sorted JSON lines.
snapshot() {
	/usr/bin/python3 - "$ENDPOINT" "$1" <<'PY'
import json, sys, boto3
db = boto3.client("dynamodb", endpoint_url=sys.argv[1], region_name="us-east-1")
items, start = [], {}
while True:
    page = db.scan(TableName=sys.argv[2], ConsistentRead=True, **start)
    items += page["Items"]
    if "LastEvaluatedKey" not in page:
        break
    start = {"ExclusiveStartKey": page["LastEvaluatedKey"]}
for line in sorted(json.dumps(i, sort_keys=True) for i in items):
    print(line)
PY
}

# uuid_of HANDLE : the uuid of a user of the users file, $DDBTUI_USERS.
uuid_of() { /usr/bin/python3 -c 'import json,sys; print([u["uuid"] for u in json.load(open(sys.argv[1])) if u["handle"]==sys.argv[2]][0])' "$DDBTUI_USERS" "$1"; }

# --- the headless UI: key scripts, saved screens, golden files ---
# A screen saved by name is $TEST_TMP/NAME.full (":save-screen $S/NAME.full" in a key script, or
# screen NAME); its last two lines are the status line (a port, latencies) and the bottom line.
GOLDEN_DIR=$REPO_ROOT/tests/golden
SEED_DAY=2026-11-20 # the tests seed from this day on (--start 2026-11-20T...); normalize keeps it

# headless FAILNAME NAME [FLAGS...] <SCRIPT : what tui and screen run; FAIL FAILNAME on an exit not 0.
headless() {
	local what=$1 name=$2
	shift 2
	cat >"$TEST_TMP/$name.script"
	run $DDBTUI --endpoint-url "$ENDPOINT" "$@" --script "$TEST_TMP/$name.script" --size "${SIZE:-100x30}"
	if [ "$RC" != 0 ]; then
		fail "$what" "exit $RC: $(echo "$ERR" | head -5)"
		return 1
	fi
}
# tui NAME [FLAGS...] <SCRIPT : runs the key script read from stdin (kept as $TEST_TMP/NAME.script)
# headless in ${SIZE:-100x30}, leaving $OUT, $ERR, $RC as run does; FAIL tui_NAME if it exits non-zero.
tui() { headless "tui_$1" "$@"; }
# screen NAME [FLAGS...] <SCRIPT : tui, then the last screen saved as NAME.full and, cut (cut_screen),
# as $TEST_TMP/NAME.txt; FAIL NAME_runs if it exits non-zero. Returns the exit code.
screen() {
	local name=$1
	shift
	headless "${name}_runs" "$name" "$@" < <(
		cat
		echo ":save-screen $TEST_TMP/$name.full"
	)
	cut_screen "$name" >"$TEST_TMP/$name.txt"
	return "$RC"
}
# normalize : masks what differs from run to run: times of now (not on $SEED_DAY), the seed's
# speed, DescribeTable's times and table id, a recovery file's name.
normalize() {
	perl -pe 's/(\d{4}-\d\d-\d\d) (\d\d:\d\d)/$1 eq "'"$SEED_DAY"'" ? "$1 $2" : "YYYY-MM-DD HH:MM"/ge;
		s/in \d+\.\d\d s \(\d+ items\/s\)/in S.SS s (R items\/s)/;
		s/("(CreationDateTime|LastUpdateToPayPerRequestDateTime)": )[0-9.eE+-]+/$1<time>/;
		s/("TableId": )"[^"]*"/$1"<id>"/;
		s/^(.*Created     )[0-9TZ:-]+$/$1<time>/;
		s/(Your text stays in ).*/$1<file>/'
}
# cut_screen NAME : the screen NAME without its status and bottom lines, normalized.
cut_screen() { head -n "$(($(status_row "$1") - 1))" "$TEST_TMP/$1.full" 2>/dev/null | normalize; }
# status_row NAME : the line number of the status line of the screen NAME; under it, the message
# area takes one row, or up to three when a long message wraps. The status line holds "N in
# flight", or on a narrow terminal begins with the endpoint and the region.
status_row() {
	awk '{ l[NR] = $0 }
	END {
		for (i = NR - 1; i > 0 && i >= NR - 3; i--) if (l[i] ~ / in flight/) { print i; exit }
		for (i = NR - 1; i > 0 && i >= NR - 3; i--)
			if (l[i] ~ /^(\[RO\] )?https?:\/\/[^ ]+ [a-z]+-[a-z]+-[0-9]/) { print i; exit }
		print NR - 1
	}' "$TEST_TMP/$1.full" 2>/dev/null
}
# main_pane : a screen (stdin) without the tables pane, whose counts change as a test goes on.
main_pane() { sed -E 's/^[^│]*│//'; }
# bottom NAME : the message area (the bottom line, or the rows a long message wraps onto, joined
# with spaces) of the screen NAME.
bottom() {
	tail -n "+$(($(status_row "$1") + 1))" "$TEST_TMP/$1.full" 2>/dev/null |
		sed 's/ *$//' | paste -sd ' '
}
# screen_has NAME PATTERN : the whole screen NAME shows the grep -E PATTERN somewhere.
screen_has() { grep -qE -- "$2" "$TEST_TMP/$1.full"; }
# bottom_has NAME PATTERN : the bottom line of the screen NAME matches the grep PATTERN.
bottom_has() { bottom "$1" | grep -q -- "$2"; }
# golden NAME [GOLDEN [FILTER]] : PASS golden_NAME when the screen NAME, cut (and through the command
# FILTER), equals tests/golden/GOLDEN.txt (GOLDEN: NAME by default); UPDATE_GOLDEN=1 writes it there.
# On moto, tests/golden/moto/GOLDEN.txt where it exists (UPDATE_GOLDEN=1 on moto writes it there
# only when moto's screen differs from the common one).
golden() {
	local name=$1 want="$GOLDEN_DIR/${2:-$1}.txt" got="$TEST_TMP/$1.cmp" d engine_want=""
	if [ ! -f "$TEST_TMP/$name.full" ]; then
		fail "golden_$name" "no screen saved as $TEST_TMP/$name.full"
		return
	fi
	cut_screen "$name" | ${3:-cat} >"$got"
	# another engine than dynalite: its own copy where its screen differs (docs/engines.md says
	# why: scan order, item counts), else the common one
	if [ -n "${TEST_ENGINE:-}" ] && [ "$TEST_ENGINE" != dynalite ]; then
		engine_want="$GOLDEN_DIR/$TEST_ENGINE/${2:-$1}.txt"
		[ -f "$engine_want" ] && want=$engine_want
	fi
	if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
		if [ -n "$engine_want" ]; then
			if cmp -s "$got" "$GOLDEN_DIR/${2:-$1}.txt"; then
				rm -f "$engine_want"
			else
				mkdir -p "$(dirname "$engine_want")"
				cp "$got" "$engine_want"
			fi
		else
			cp "$got" "$want"
		fi
		pass "golden_$name (updated)"
	elif [ ! -f "$want" ]; then
		fail "golden_$name" "no $want (UPDATE_GOLDEN=1 writes it)"
	elif d=$(diff -u "$want" "$got"); then
		pass "golden_$name"
	else
		fail "golden_$name" "the screen differs from $want (UPDATE_GOLDEN=1 takes the new one):"
		echo "$d" | head -60
	fi
}

# --- loopback helpers that print their port first (tests/faultproxy.py, tests/delayline.py) ---

# spawn_port NAME PROGRAM ARGS... : starts PROGRAM in the background (stdout to $TEST_TMP/NAME.port,
# stderr to NAME.log) and waits for its port; sets SPAWN_PID and SPAWN_URL (http://127.0.0.1:PORT).
# A FAIL and exit 1 if it does not start. Stop it with stop_pid "$SPAWN_PID".
spawn_port() {
	local name=$1 i=0
	shift
	"$@" >"$TEST_TMP/$name.port" 2>"$TEST_TMP/$name.log" &
	SPAWN_PID=$!
	while ! grep -q '^[0-9]' "$TEST_TMP/$name.port" 2>/dev/null; do
		i=$((i + 1))
		if [ $i -gt $((100 * ${TEST_SLOW:-1})) ] || ! kill -0 "$SPAWN_PID" 2>/dev/null; then
			fail "start_$name" "$1 did not start: $(cat "$TEST_TMP/$name.log")"
			exit 1
		fi
		sleep 0.05
	done
	SPAWN_URL="http://127.0.0.1:$(head -1 "$TEST_TMP/$name.port")"
}
# stop_pid PID : stops a spawned helper (SIGTERM: it writes its stats) and waits for it.
stop_pid() {
	[ -n "$1" ] || return 0
	kill "$1" 2>/dev/null
	wait "$1" 2>/dev/null
}
# delay_line NAME MS : a tests/delayline.py of MS ms each way in front of $ENDPOINT; sets DELAY_URL
# and DELAY_PID.
delay_line() {
	spawn_port "$1" /usr/bin/python3 tests/delayline.py --upstream "${ENDPOINT#http://}" \
		--delay-ms "$2" --stats "$TEST_TMP/$1.stats"
	DELAY_URL=$SPAWN_URL DELAY_PID=$SPAWN_PID
}

# --- the scripted editor, tests/fake_editor.py ---

# tmux_wait NAME PATTERN [SECONDS] : with $T a tmux command (tmux -L SOCKET) whose session "main"
# runs ddbtui, passes NAME when the pane matches the grep -E pattern within SECONDS (default 10,
# times $TEST_SLOW), else fails it with the screen.
tmux_wait() {
	local name=$1 pat=$2 secs=${3:-10} i=0
	while [ $i -lt $((secs * 10 * ${TEST_SLOW:-1})) ]; do
		if $T capture-pane -p -t main | grep -qE -- "$pat"; then
			pass "$name"
			return 0
		fi
		sleep 0.1
		i=$((i + 1))
	done
	fail "$name" "screen never matched /$pat/: $($T capture-pane -p -t main | head -40)"
	return 1
}
# fake_editor : makes the scripted editor $EDITOR (and $FAKE), with $VISUAL unset.
fake_editor() {
	FAKE=$REPO_ROOT/tests/fake_editor.py
	export EDITOR=$FAKE
	unset VISUAL
}
# fresh NAME : a new directory ($F, and $FAKE_DIR for the editor) for the editor's runs and steps.
fresh() {
	F="$TEST_TMP/fake.$1"
	rm -rf "$F"
	mkdir -p "$F"
	export FAKE_DIR="$F"
}
# step N PYTHON : what the editor does on its Nth run (PYTHON changes `text`, the file's text).
step() { printf '%s\n' "$2" >"$F/step.$1"; }
