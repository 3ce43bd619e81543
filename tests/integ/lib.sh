# lib.sh - helpers for the shell integration tests (sourced). Uses $DDBTUI, $ENDPOINT, $TEST_TMP.
pass() { echo "PASS $1"; }
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

awsl() { aws --endpoint-url "$ENDPOINT" --region us-east-1 --output json "$@"; }
