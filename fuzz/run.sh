#!/bin/sh
# run.sh SECONDS BIN... - runs each libFuzzer target for SECONDS (or, with FUZZ_RUNS=N, for N
# executions) over its seed corpus fuzz/corpus/NAME, which is only read: new inputs go to
# build/fuzz/corpus/NAME, crashes to build/fuzz/artifacts/, the output to build/fuzz/logs/NAME.log.
# One target after the other (the machine is shared). Prints one line per target with the
# executions libFuzzer counted; exits 1 if any target failed.
# FUZZ_ARGS adds libFuzzer flags (e.g. -jobs=2 -workers=2).
set -u
cd "$(dirname "$0")/.."
secs=$1
shift
out=build/fuzz
mkdir -p "$out/artifacts" "$out/logs"
failed=0
for bin in "$@"; do
	name=$(basename "$bin")
	mkdir -p "$out/corpus/$name"
	log="$out/logs/$name.log"
	if [ -n "${FUZZ_RUNS:-}" ]; then
		limit="-runs=$FUZZ_RUNS"
	else
		limit="-max_total_time=$secs"
	fi
	start=$(date +%s)
	# shellcheck disable=SC2086
	"$bin" $limit -print_final_stats=1 -artifact_prefix="$out/artifacts/$name-" \
		${FUZZ_ARGS:-} "$out/corpus/$name" "fuzz/corpus/$name" >"$log" 2>&1
	rc=$?
	took=$(($(date +%s) - start))
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | awk '{s += $1} END {print s + 0}')
	if [ "$rc" = 0 ]; then
		echo "fuzz: $name: OK, $execs executions in ${took}s (corpus: $(ls "$out/corpus/$name" | wc -l) inputs)"
	else
		echo "fuzz: $name: FAILED (exit $rc) after $execs executions; log: $log"
		grep -E 'ERROR|check failed|runtime error|Test unit written' "$log" | head -5 | sed 's/^/    /'
		failed=1
	fi
done
exit $failed
