# tui_dispatch.sh - keys and :commands take one path (tui/dispatch.c, keymap_commands): a command
# does what a key bound to its action does, an action that needs an argument asks for it when
# run from a key, the help screen, man page and completion list the commands from their table,
# and the review's keys are rebindable actions of their own context.
# engines: dynalite moto (tests/run.sh runs this file on each)
. tests/integ/lib.sh
export TZ=UTC

# ui NAME SCRIPT-LINES... : screen (lib.sh) with the lines as its key script; the bottom line
# (messages, the prompt) in $BOTTOM.
ui() {
	local name=$1
	shift
	printf '%s\n' "$@" | screen "$name"
	BOTTOM=$(bottom "$name")
}
lacks() { ! screen_has "$@"; }

$DDBTUI schema-load >/dev/null 2>&1
awsl dynamodb create-table --table-name orders --attribute-definitions AttributeName=id,AttributeType=S \
	--key-schema AttributeName=id,KeyType=HASH --billing-mode PAY_PER_REQUEST >/dev/null
awsl dynamodb put-item --table-name orders --item '{"id":{"S":"o1"},"qty":{"N":"3"}}' >/dev/null

# --- a command and the key of its action do the same ---
ui d_scan_key "keys j s"
check dispatch_scan_key screen_has d_scan_key 'Scan orders'
ui d_scan_cmd ":scan orders"
check dispatch_scan_command screen_has d_scan_cmd 'Scan orders'
check dispatch_scan_same cmp -s "$TEST_TMP/d_scan_key.txt" "$TEST_TMP/d_scan_cmd.txt"
ui d_help_cmd ":help"
ui d_help_key "keys ?"
check dispatch_help_same cmp -s "$TEST_TMP/d_help_key.txt" "$TEST_TMP/d_help_cmd.txt"
# :help twice keeps one help view (as ? does): Esc goes back to the welcome screen
ui d_help_twice ":help" ":help" "keys Esc"
check dispatch_help_once lacks d_help_twice '│ Help'

# --- :drop without a name drops the selected table, after its name is typed, as D does ---
ui d_drop_prompt "keys j" ":drop"
check dispatch_drop_asks_name bash -c "grep -q 'type orders' <<<'$BOTTOM' || grep -qi 'orders' <<<'$BOTTOM'"
ui d_drop_wrong "keys j" ":drop" "type orderz" "keys Enter"
check dispatch_drop_wrong_kept test "$(awsl dynamodb list-tables --query 'length(TableNames[?@==`orders`])')" = 1

# --- a required argument: the command says what it needs; a key asks for it ---
ui d_export_noarg ":export"
check dispatch_export_needs_file grep -q ':export needs FILE' <<<"$BOTTOM"
check dispatch_export_says_it_once grep -q '^:export needs FILE (Export the current table' <<<"$BOTTOM"
ui d_unknown ":frobnicate"
check dispatch_unknown_command grep -q 'unknown command :frobnicate' <<<"$BOTTOM"
mkdir -p "$XDG_CONFIG_HOME/ddbtui"
printf 'bind generic E export\nbind generic W save-screen\nbind review w save\n' >"$XDG_CONFIG_HOME/ddbtui/keys"
ui d_export_key "keys j E"
check dispatch_key_asks_argument grep -q '^:export' <<<"$BOTTOM"
ui d_export_run "keys j E" "type $TEST_TMP/orders.jsonl json" "keys Enter" "wait 500"
check dispatch_key_export_written test -s "$TEST_TMP/orders.jsonl"
check dispatch_key_export_item grep -q '"o1"' "$TEST_TMP/orders.jsonl"
ui d_screen_key "keys W" "type $TEST_TMP/shot.txt" "keys Enter"
check dispatch_save_screen_key grep -q 'Tables' "$TEST_TMP/shot.txt"
rm -f "$XDG_CONFIG_HOME/ddbtui/keys"

# --- the table of commands, in the help, the man page and the completion words ---
ui d_help_end ":help" "keys G"
check dispatch_help_lists_commands screen_has d_help_end ':save-screen +FILE'
check dispatch_help_quit_names screen_has d_help_end ':q, :quit +Quit ddbtui'
check dispatch_help_quit_now screen_has d_help_end ':q! +Quit at once, cancelling'
run $DDBTUI --complete-words ui-commands
expect dispatch_complete_ui_commands 0 '^export	FILE \[ddb\|json\|csv\]	'
check dispatch_complete_every_command test "$(printf '%s\n' "$OUT" | wc -l)" -ge 17
run $DDBTUI --print-man
expect dispatch_man_ui_commands 0 'Commands of the UI'
check dispatch_man_save_screen grep -q 'save\\-screen' <<<"$OUT"
run $DDBTUI --complete-words nonsense
expect dispatch_complete_words_bad 2 'ui-commands'

# --- the review context: its keys are actions, listed in the help with the others ---
SIZE=120x400 ui d_help_review ":help"
check dispatch_help_review_context screen_has d_help_review '│ review$'
check dispatch_help_review_save screen_has d_help_review '│   y +save +Write the reviewed changes'
check dispatch_help_review_merge screen_has d_help_review '│   m +merge +Merge your changes'

# --- / in a view that has no filter says so and swallows the typed text (issue 21 item 8): the
# text is never run as keys (it opened the drop prompt, q closed the view) ---
ui d_slash_typed "keys ?" "keys /" "type Dq"
check dispatch_slash_help_stays screen_has d_slash_typed '│ Help'
check dispatch_slash_says bash -c "grep -q 'the help view has no filter; this text is dropped) Dq' <<<'$BOTTOM'"
ui d_slash_done "keys ?" "keys /" "type Dq" "keys Enter"
check dispatch_slash_help_kept screen_has d_slash_done '│ Help'
check dispatch_slash_nothing bash -c "grep -q 'not filtered: the help view has no filter' <<<'$BOTTOM'"
ui d_slash_describe ":describe orders" "keys /" "type D" "keys Esc"
check dispatch_slash_no_drop bash -c "! grep -qi 'drop' <<<'$BOTTOM'"
