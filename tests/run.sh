#!/bin/bash
# run.sh BIN UNIT_DIR - the whole suite: unit binaries, then integration tests, each file against
# its own engine (dynalite, or moto's server) started here on a free loopback port (in memory)
# and stopped after it, on failure or Ctrl-C too, with a HOME of its own.
# A file runs on the engines its "# engines: ..." line names (dynalite when it has none); a run
# on moto is the job "FILE@moto", so each of its result lines names the engine.
# Every test prints "PASS name" / "FAIL name: why" lines; a test program that exits non-zero
# without a FAIL line counts as one failure. Prints how long each program took, and ends with
# "N passed, N failed".
#
# TEST_ONLY=substring  runs a subset.
# TEST_ENGINE=dynalite|moto  runs every selected integration file on that engine only, whatever
#                      its "# engines:" line says. The file sees the engine in $TEST_ENGINE.
# TEST_JOBS=N          runs N test programs at a time (default 1); the output stays in order.
# TEST_SLOW=N          exported for the tests: wait N times longer for what a slowed-down binary
#                      does in real time (default 1; the sanitizer targets set it).
# SAN_LOGS=1           each test program gets a directory for sanitizer reports: ASan and UBSan
#                      write there (log_path), and "{logdir}" in DDBTUI_WRAP stands for it (e.g.
#                      valgrind --log-file={logdir}/vg.%p). A non-empty report there is a FAIL of
#                      that program whatever its exit code, so an error in a run whose exit code
#                      a test does not check (or expects to be 1) is not missed.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
BIN=$(realpath "$1")
UNIT_DIR=$(realpath "$2")
ONLY=${TEST_ONLY:-}
JOBS=${TEST_JOBS:-1}
ENGINE=${TEST_ENGINE:-}
case "$ENGINE" in
"" | dynalite | moto) ;;
*)
	echo "run.sh: TEST_ENGINE is dynalite or moto, not '$ENGINE'" >&2
	exit 2
	;;
esac
export TEST_SLOW=${TEST_SLOW:-1}

work=$(mktemp -d /tmp/ddbtui-test.XXXXXX)
pids=() # running jobs, oldest first
names=()
cleanup() {
	local f
	[ ${#pids[@]} -gt 0 ] && kill "${pids[@]}" 2>/dev/null
	for f in "$work"/*.engpid; do
		[ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null
	done
	rm -rf "$work"
}
trap cleanup EXIT
trap 'echo "interrupted"; exit 130' INT TERM

passed=0
failed=0
failures=()

# The environment every integration test sees: test credentials, no proxy, no pager (HOME, the
# endpoint and TEST_TMP are set per test in integ_job).
export DDBTUI_BIN="$BIN"
export UNIT_DIR
export AWS_ACCESS_KEY_ID=AKIDTESTDDBTUI AWS_SECRET_ACCESS_KEY=testsecretddbtui/K7MDENG AWS_REGION=us-east-1
unset AWS_PROFILE AWS_SESSION_TOKEN AWS_DEFAULT_REGION AWS_ENDPOINT_URL_DYNAMODB http_proxy https_proxy
export AWS_PAGER="" NO_COLOR=1

# san_env NAME : in a job's subshell, points the sanitizers at the program's report directory
# and sets WRAP (DDBTUI_WRAP with {logdir} filled in).
san_env() {
	local dir="$work/$1.san"
	WRAP=${DDBTUI_WRAP:-}
	[ "${SAN_LOGS:-}" = 1 ] || return 0
	mkdir -p "$dir"
	export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}log_path=$dir/asan"
	export UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}log_path=$dir/ubsan"
	WRAP=${WRAP//\{logdir\}/$dir}
	export DDBTUI_WRAP="$WRAP" # as the Python tests read it
}

# run_job NAME CMD... : runs a test program; stdout, stderr, exit code and seconds go to
# $work/NAME.{out,err,rc,secs}.
run_job() {
	local name=$1 start=$SECONDS
	shift
	"$@" >"$work/$name.out" 2>"$work/$name.err"
	echo $? >"$work/$name.rc"
	echo $((SECONDS - start)) >"$work/$name.secs"
}

unit_job() {
	local name=$1 t=$2
	san_env "$name"
	# shellcheck disable=SC2086
	run_job "$name" $WRAP "$t"
}

# start_engine ENGINE PORT LOG : starts the engine in memory, prints its pid (a message on
# stderr when it cannot).
start_engine() {
	case "$1" in
	moto) MOTO_LOG=$3 "$root/scripts/moto.sh" "$2" ;;
	*) DYNALITE_LOG=$3 "$root/scripts/dynalite.sh" "$2" ;;
	esac
}

# integ_job NAME FILE ENGINE : one integration test file against its own engine and HOME.
integ_job() {
	local name=$1 t=$2 engine=$3 port dyn start=$SECONDS
	export TEST_ENGINE=$engine
	san_env "$name"
	export DDBTUI="${WRAP:+$WRAP }$BIN"
	export TEST_TMP="$work/$name.tmp"
	# a HOME of its own (so the machine's ~/.aws is never read, and tests running side by side
	# never share a journal, a users file or a key file)
	export HOME="$work/$name.home" XDG_CONFIG_HOME="$work/$name.home/.config"
	export XDG_STATE_HOME="$work/$name.home/.state"
	mkdir -p "$TEST_TMP" "$HOME"
	port=$("$root/scripts/freeport.sh")
	if ! dyn=$(start_engine "$engine" "$port" "$work/$name.$engine.log" 2>"$work/$name.err"); then
		echo "FAIL $name: $engine did not start: $(tail -1 "$work/$name.err")" >"$work/$name.out"
		: >"$work/$name.err"
		echo 1 >"$work/$name.rc"
		echo $((SECONDS - start)) >"$work/$name.secs"
		return
	fi
	echo "$dyn" >"$work/$name.engpid"
	export ENDPOINT="http://127.0.0.1:$port"
	export AWS_ENDPOINT_URL="$ENDPOINT"
	case "$t" in
	*.py) run_job "$name" /usr/bin/python3 "$t" ;;
	*) run_job "$name" bash "$t" ;;
	esac
	kill "$dyn" 2>/dev/null
	rm -f "$work/$name.engpid"
}

# tally NAME : prints a finished program's PASS/FAIL lines (and what a failure said), its
# sanitizer reports, and adds them up.
tally() {
	local name=$1 out rc npass nfail f reports=()
	out=$(cat "$work/$name.out")
	rc=$(cat "$work/$name.rc" 2>/dev/null || echo 1)
	for f in "$work/$name.san"/*; do
		[ -s "$f" ] && reports+=("$f")
	done
	printf '%s\n' "$out" | grep -E '^(PASS|FAIL|SKIP) ' | sed "s|^|[$name] |"
	npass=$(printf '%s\n' "$out" | grep -c '^PASS ')
	nfail=$(printf '%s\n' "$out" | grep -c '^FAIL ')
	[ "$nfail" != 0 ] && printf '%s\n' "$out" | grep -vE '^(PASS|SKIP) ' | sed 's/^/    /' | head -40
	if [ "$rc" != 0 ] && [ "$nfail" = 0 ] && [ ${#reports[@]} = 0 ]; then
		echo "[$name] FAIL $name: exited with $rc"
		sed 's/^/    /' "$work/$name.err" | tail -20
		nfail=1
	fi
	# one failure per report (a process of the program that the sanitizer caught)
	for f in ${reports[@]+"${reports[@]}"}; do
		echo "[$name] FAIL $name: sanitizer report $(basename "$f") (exit code $rc)"
		sed 's/^/    /' "$f" | head -30
		nfail=$((nfail + 1))
	done
	echo "[$name] took $(cat "$work/$name.secs" 2>/dev/null || echo ?) s"
	[ "$nfail" != 0 ] && failures+=("$name")
	passed=$((passed + npass))
	failed=$((failed + nfail))
}

# start NAME FN ARGS... : runs FN in the background, TEST_JOBS at a time (a slot is free when any
# job ends; the output is tallied in the order started), or now when TEST_JOBS is 1.
start() {
	local name=$1
	shift
	if [ "$JOBS" -le 1 ]; then
		("$@")
		tally "$name"
		return
	fi
	while [ "$(running)" -ge "$JOBS" ]; do
		sleep 0.5
		tally_finished
	done
	("$@"; : >"$work/$name.done") &
	pids+=($!)
	names+=("$name")
}

# running: how many jobs have not ended.
running() {
	local n=0 name
	for name in ${names[@]+"${names[@]}"}; do
		[ -e "$work/$name.done" ] || n=$((n + 1))
	done
	echo $n
}

# tally_finished [all] : tallies the ended jobs at the head of the list (with "all": waits for
# each in turn).
tally_finished() {
	while [ ${#pids[@]} -gt 0 ]; do
		if [ ! -e "$work/${names[0]}.done" ]; then
			[ "${1:-}" = all ] || return 0
			wait "${pids[0]}"
		fi
		wait "${pids[0]}" 2>/dev/null
		tally "${names[0]}"
		pids=("${pids[@]:1}")
		names=("${names[@]:1}")
	done
}

for t in "$UNIT_DIR"/test_*; do
	[ -x "$t" ] || continue
	name=$(basename "$t")
	case "$name" in *"$ONLY"*) ;; *) continue ;; esac
	start "$name" unit_job "$name" "$t"
done

for t in tests/integ/*.sh tests/integ/*.py; do
	[ -f "$t" ] || continue
	base=$(basename "$t")
	case "$base" in *"$ONLY"*) ;; *) continue ;; esac
	if [ -n "$ENGINE" ]; then
		engines=$ENGINE
	else
		engines=$(sed -n "s/^# engines: \([a-z ]*\).*/\1/p" "$t" | head -1)
	fi
	for engine in ${engines:-dynalite}; do
		name=$base
		# FILE@moto: no ":", the separator of ASAN_OPTIONS, which holds the log path
		[ "$engine" = dynalite ] || name="$base@$engine"
		start "$name" integ_job "$name" "$t" "$engine"
	done
done
tally_finished all

if [ ${#failures[@]} -gt 0 ]; then
	echo "failing: ${failures[*]}"
fi
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
