#!/bin/bash
# run.sh BIN UNIT_DIR - the whole suite: unit binaries, then integration tests, each file against
# its own dynalite started here on a free loopback port (in memory) and stopped after it, on
# failure or Ctrl-C too.
# Every test prints "PASS name" / "FAIL name: why" lines; a test program that exits non-zero
# without a FAIL line counts as one failure. Ends with "N passed, N failed".
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
BIN=$(realpath "$1")
UNIT_DIR=$(realpath "$2")
ONLY=${TEST_ONLY:-} # a substring to run a subset

work=$(mktemp -d /tmp/ddbtui-test.XXXXXX)
dyn_pid=""
cleanup() {
	[ -n "$dyn_pid" ] && kill "$dyn_pid" 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT
trap 'echo "interrupted"; exit 130' INT TERM

passed=0
failed=0
failures=()

# run_one NAME CMD... : runs a test program and tallies its PASS/FAIL lines.
run_one() {
	local name=$1 out rc npass nfail
	shift
	out=$("$@" 2>"$work/stderr"; echo "rc=$?")
	rc=${out##*rc=}
	out=${out%rc=*}
	printf '%s' "$out" | grep -E '^(PASS|FAIL|SKIP) ' | sed "s|^|[$name] |"
	npass=$(printf '%s' "$out" | grep -c '^PASS ')
	nfail=$(printf '%s' "$out" | grep -c '^FAIL ')
	printf '%s' "$out" | grep -q '^FAIL ' && printf '%s' "$out" | grep -vE '^(PASS|SKIP) ' | sed 's/^/    /' | head -40
	if [ "$rc" != 0 ] && [ "$nfail" = 0 ]; then
		echo "[$name] FAIL $name: exited with $rc"
		sed 's/^/    /' "$work/stderr" | tail -20
		nfail=1
	fi
	if [ "$nfail" != 0 ]; then
		failures+=("$name")
	fi
	passed=$((passed + npass))
	failed=$((failed + nfail))
}

for t in "$UNIT_DIR"/test_*; do
	[ -x "$t" ] || continue
	name=$(basename "$t")
	case "$name" in *"$ONLY"*) ;; *) continue ;; esac
	run_one "$name" ${DDBTUI_WRAP:-} "$t"
done

# The environment every integration test sees: our dynalite, test credentials, a private HOME
# (so the machine's ~/.aws is never read), and no proxy.
export DDBTUI="${DDBTUI_WRAP:+$DDBTUI_WRAP }$BIN"
export DDBTUI_BIN="$BIN"
export UNIT_DIR
export AWS_ACCESS_KEY_ID=AKIDTESTDDBTUI AWS_SECRET_ACCESS_KEY=testsecretddbtui/K7MDENG AWS_REGION=us-east-1
unset AWS_PROFILE AWS_SESSION_TOKEN AWS_DEFAULT_REGION AWS_ENDPOINT_URL_DYNAMODB http_proxy https_proxy
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" XDG_STATE_HOME="$work/home/.state"
export AWS_PAGER="" NO_COLOR=1
mkdir -p "$HOME"

for t in tests/integ/*.sh tests/integ/*.py; do
	[ -f "$t" ] || continue
	name=$(basename "$t")
	case "$name" in *"$ONLY"*) ;; *) continue ;; esac
	export TEST_TMP="$work/$name.tmp"
	mkdir -p "$TEST_TMP"
	# each test file gets its own dynalite (in memory): no test sees another's tables
	port=$("$root/scripts/freeport.sh")
	if ! dyn_pid=$(DYNALITE_LOG="$work/$name.dynalite.log" "$root/scripts/dynalite.sh" "$port"); then
		echo "[$name] FAIL $name: dynalite did not start"
		failed=$((failed + 1))
		failures+=("$name")
		continue
	fi
	export ENDPOINT="http://127.0.0.1:$port"
	export AWS_ENDPOINT_URL="$ENDPOINT"
	case "$t" in
	*.py) run_one "$name" /usr/bin/python3 "$t" ;;
	*) run_one "$name" bash "$t" ;;
	esac
	kill "$dyn_pid" 2>/dev/null
	wait "$dyn_pid" 2>/dev/null
	dyn_pid=""
done

if [ ${#failures[@]} -gt 0 ]; then
	echo "failing: ${failures[*]}"
fi
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
