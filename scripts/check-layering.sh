#!/bin/sh
# check-layering.sh - every #include of ours goes down the layers, never up or across, so the
# folders have no circles (docs/architecture.md):
#
#   ddb/, keymaps/      the client and the key tables: only their own folder, never curses
#   ddb/model/          the chat app's domain on the client: ddb/ and itself; ddb/ never
#                       includes it
#   tui/cli/            the command line: ddb/, keymaps/ and itself; never curses, never a view
#   tui/ (services)     ui.h, canvas, term, widgets, forms, editor...: ddb/, keymaps/, itself
#   views/              the views: the services and each other
#   views/scan/ model   the scan grid's model (every file there but scan*.[ch]): ddb/, its own
#                       folder and tui/canvas.h (text widths, UTF-8; curses-free), never curses,
#                       never ui.h or a view, so that it is unit-tested without a terminal
#   tui/dispatch.c      the one dispatcher: views/ and everything below them
#   tui/loop.c          the event loop: the services and the dispatcher's header
#   tui/main.c          the composition root: the command line, the loop
#
# Only tui/dispatch.c (and main.c) may include a views/ header outside views/; nothing but
# main.c includes tui/cli/ from outside it. Prints each offending line; exit 1 if any.
cd "$(dirname "$0")/.." || exit 2

# layer FILE: the layer a file of ours is in.
layer() {
	case "$1" in
	ddb/model/*) echo model ;;
	ddb/*) echo ddb ;;
	keymaps/*) echo keymaps ;;
	tui/cli/*) echo cli ;;
	tui/dispatch.[ch]) echo dispatch ;;
	tui/loop.[ch]) echo loop ;;
	tui/main.c) echo main ;;
	tui/*) echo ui ;;
	views/scan/scan*) echo views ;;
	views/scan/*) echo scanmodel ;;
	views/*) echo views ;;
	*) echo other ;;
	esac
}

# allowed FROM TO: whether a file of layer FROM may include a header of layer TO.
allowed() {
	[ "$1" = "$2" ] && return 0
	case "$1:$2" in
	model:ddb) return 0 ;;
	cli:ddb | cli:model | cli:keymaps) return 0 ;;
	ui:ddb | ui:model | ui:keymaps) return 0 ;;
	views:ddb | views:model | views:keymaps | views:ui | views:scanmodel) return 0 ;;
	scanmodel:ddb) return 0 ;;
	dispatch:ddb | dispatch:model | dispatch:keymaps | dispatch:ui | dispatch:views) return 0 ;;
	loop:ddb | loop:model | loop:keymaps | loop:ui | loop:dispatch) return 0 ;;
	main:cli | main:loop | main:ddb | main:model | main:keymaps) return 0 ;;
	esac
	return 1
}

# may_use_curses LAYER
may_use_curses() {
	case "$1" in
	ui | views | dispatch | loop | main) return 0 ;;
	esac
	return 1
}

bad=0
for f in ddb/*.[ch] ddb/model/*.[ch] keymaps/*.[ch] tui/*.[ch] tui/cli/*.[ch] views/*.[ch] views/scan/*.[ch]; do
	[ -f "$f" ] || continue
	from=$(layer "$f")
	dir=${f%/*}
	out=$(grep -nE '^[[:space:]]*#[[:space:]]*include' "$f" | while IFS= read -r line; do
		case "$line" in
		*'<'*curses*'>'*)
			may_use_curses "$from" || echo "$f:$line (no curses in the $from layer)"
			continue ;;
		*'"'*'"'*) ;;
		*) continue ;;
		esac
		inc=${line#*\"}
		inc=${inc%%\"*}
		# a sibling without a folder ("config.h" in ddb/) is in the file's own folder
		case "$inc" in
		*/*) ;;
		*) inc="$dir/$inc" ;;
		esac
		to=$(layer "$inc")
		if [ "$from" = scanmodel ] && [ "$inc" = tui/canvas.h ]; then
			: # text widths and UTF-8, the one service the model uses (no curses there)
		elif [ "$to" = other ] || [ ! -f "$inc" ]; then
			echo "$f:$line (not a header of ours: $inc)"
		elif ! allowed "$from" "$to"; then
			echo "$f:$line (the $from layer may not include the $to layer)"
		fi
	done)
	if [ -n "$out" ]; then
		echo "$out"
		bad=1
	fi
done
[ $bad = 0 ] && echo "layering ok: ddb < ddb/model, keymaps < tui services < views < dispatch, loop < main; cli apart"
exit $bad
