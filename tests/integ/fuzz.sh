#!/bin/bash
# fuzz.sh - every libFuzzer target of fuzz/ briefly (3 s each, FUZZ_TEST_SECONDS to change) over
# its seed corpus: a crash or a failed check is a FAIL, with the input kept in
# build/fuzz/artifacts/ (replay it: build/fuzz/TARGET FILE). Builds the targets with clang
# (`make fuzz-build`, installed by scripts/setup.sh). The seed corpora are only read.
# Long runs: `make fuzz` (FUZZ_SECONDS each), see fuzz/README.md.
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 1
secs=${FUZZ_TEST_SECONDS:-3}
tmp=${TEST_TMP:-$(mktemp -d /tmp/ddbtui-fuzz.XXXXXX)}
mkdir -p "$tmp" build/fuzz/artifacts

# Not the make that runs the suite: its flags and jobserver are not ours.
if ! env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make --no-print-directory -j2 fuzz-build \
	>"$tmp/fuzz-build.log" 2>&1; then
	echo "FAIL fuzz_build: make fuzz-build failed"
	grep -E 'error|Error' "$tmp/fuzz-build.log" | head -10 | sed 's/^/    /'
	exit 1
fi

for src in fuzz/fuzz_*.c; do
	name=$(basename "$src" .c)
	bin=build/fuzz/$name
	out="$tmp/corpus-$name"
	rm -rf "$out"
	mkdir -p "$out"
	"$bin" -max_total_time="$secs" -print_final_stats=1 \
		-artifact_prefix="build/fuzz/artifacts/$name-" "$out" "fuzz/corpus/$name" \
		>"$tmp/$name.log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$tmp/$name.log")
	if [ "$rc" = 0 ] && [ -n "$execs" ]; then
		echo "PASS $name: ${execs} executions in ${secs} s"
	else
		echo "FAIL $name: exit $rc"
		grep -E 'ERROR|check failed|runtime error|Test unit written' "$tmp/$name.log" |
			head -5 | sed 's/^/    /'
	fi
done
