#!/bin/bash
# layering.sh - make check-layering (scripts/check-layering.sh) passes on the tree and catches
# each kind of include that goes against the layers (docs/architecture.md), on a copy of the
# sources with one bad include put in at a time.
. "$(dirname "$0")/lib.sh"
root=$(cd "$(dirname "$0")/../.." && pwd)
tree=$TEST_TMP/tree

fresh_tree() {
	rm -rf "$tree"
	mkdir -p "$tree/scripts"
	cp -r "$root/ddb" "$root/keymaps" "$root/tui" "$root/views" "$tree/"
	cp "$root/scripts/check-layering.sh" "$tree/scripts/"
}

# bad NAME FILE LINE PATTERN : with LINE added to FILE, the check fails naming it.
bad() {
	local name=$1 file=$2 line=$3 pat=$4
	fresh_tree
	printf '%s\n' "$line" >>"$tree/$file"
	run sh "$tree/scripts/check-layering.sh"
	expect "$name" 1 "$pat"
}

fresh_tree
run sh "$tree/scripts/check-layering.sh"
expect layering_tree_ok 0 "layering ok"

bad layering_ui_includes_view tui/ui.c '#include "views/views.h"' \
	'tui/ui.c:.*the ui layer may not include the views layer'
bad layering_view_includes_dispatch views/scan/scan.c '#include "tui/dispatch.h"' \
	'views/scan/scan.c:.*the views layer may not include the dispatch layer'
# the scan grid's model (views/scan/ but scan*): ddb/, itself and tui/canvas.h only
bad layering_scanmodel_includes_ui views/scan/sort.c '#include "tui/ui.h"' \
	'views/scan/sort.c:.*the scanmodel layer may not include the ui layer'
bad layering_scanmodel_includes_view views/scan/rows.c '#include "views/view.h"' \
	'views/scan/rows.c:.*the scanmodel layer may not include the views layer'
bad layering_scanmodel_curses views/scan/cell.c '#include <curses.h>' \
	'no curses in the scanmodel layer'
bad layering_cli_includes_ui tui/cli/cmd_scan.c '#include "tui/ui.h"' \
	'cmd_scan.c:.*the cli layer may not include the ui layer'
bad layering_cli_curses tui/cli/cli.c '#include <curses.h>' 'no curses in the cli layer'
bad layering_ddb_curses ddb/queue.c '#include <ncursesw/curses.h>' 'no curses in the ddb layer'
bad layering_ddb_includes_keymaps ddb/ops.c '#include "keymaps/keymap.h"' \
	'the ddb layer may not include the keymaps layer'
bad layering_ddb_includes_model ddb/queue.c '#include "ddb/model/model.h"' \
	'the ddb layer may not include the model layer'
bad layering_model_includes_ui ddb/model/rows.c '#include "tui/ui.h"' \
	'the model layer may not include the ui layer'
bad layering_keymaps_includes_ddb keymaps/keymap.c '#include "ddb/buf.h"' \
	'the keymaps layer may not include the ddb layer'
bad layering_loop_includes_view tui/loop.c '#include "views/views.h"' \
	'the loop layer may not include the views layer'
bad layering_main_includes_view tui/main.c '#include "views/view.h"' \
	'the main layer may not include the views layer'
bad layering_ui_includes_cli tui/widgets.c '#include "tui/cli/cli.h"' \
	'the ui layer may not include the cli layer'
bad layering_missing_header views/log.c '#include "views/nothing.h"' 'not a header of ours'
# a sibling named without its folder is that folder's header
bad layering_sibling_form ddb/uuid.c '#include "cli.h"' 'not a header of ours: ddb/cli.h'
