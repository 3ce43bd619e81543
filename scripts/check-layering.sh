#!/bin/sh
# check-layering.sh - ddb/ and keymaps/ include nothing else of ours and never curses; views/
# and tui/ may include ddb/ and keymaps/. Prints each offending line; exit 1 if any.
cd "$(dirname "$0")/.." || exit 2
bad=0
for f in ddb/*.[ch] keymaps/*.[ch]; do
	[ -f "$f" ] || continue
	dir=${f%%/*}
	grep -nE '^[[:space:]]*#[[:space:]]*include' "$f" | while IFS= read -r line; do
		case "$line" in
		*curses*) echo "$f: $line (no curses in $dir/)"; echo x ;;
		*'"'*'/'*'"'*)
			case "$line" in
			*"\"$dir/"*) ;;
			*) echo "$f: $line (only $dir/ headers)"; echo x ;;
			esac ;;
		esac
	done
done | tee /tmp/ddbtui-layering.$$ | grep -v '^x$'
grep -q '^x$' /tmp/ddbtui-layering.$$ && bad=1
rm -f /tmp/ddbtui-layering.$$
[ $bad = 0 ] && echo "layering ok"
exit $bad
