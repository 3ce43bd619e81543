#!/bin/sh
# format-check.sh - lists C files whose formatting differs from .clang-format; exit 1 if any.
cd "$(dirname "$0")/.." || exit 2
bad=0
for f in ddb/*.[ch] ddb/model/*.[ch] tui/*.[ch] tui/cli/*.[ch] views/*.[ch] views/scan/*.[ch] keymaps/*.[ch] tests/unit/*.[ch]; do
	[ -f "$f" ] || continue
	if ! clang-format --dry-run -Werror "$f" >/dev/null 2>&1; then
		echo "needs formatting: $f"
		bad=1
	fi
done
[ $bad = 0 ] && echo "format ok"
exit $bad
