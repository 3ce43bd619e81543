# tui_messages.sh - the status line's "last error" and the bottom line's messages (issue 20,
# item 3): a failed request's error goes once the same operation succeeds again; an error of a
# :command that sent nothing stays (it ages out after a minute); a long message wraps onto up to
# three rows, or ends in "… (L shows all)"; L shows the last messages whole;
# a command that needs an argument says what it needs once.
. tests/integ/lib.sh
export DDBTUI_USERS="$TEST_TMP/users.json"
S=$TEST_TMP
status_line() { sed -n "$(status_row "$1")p" "$S/$1.full"; }

new_table msg-real
sleep 0.3
put msg-real '{"pk":{"S":"alpha"},"sk":{"N":"1"}}'

SIZE=250x30 tui last_error <<EOF
:scan msg-nosuch
:save-screen $S/err.full
:scan msg-real
:save-screen $S/ok.full
:frobnicate
:save-screen $S/cmd.full
EOF
check last_error_shown grep -q "last error: .*msg-nosuch" <(status_line err)
check last_error_cleared_by_success sh -c "! grep -q 'last error' '$S/ok.full'"
check last_error_scan_ok grep -q "Scan msg-real" "$S/ok.full"
check last_error_command_kept grep -q "last error: unknown command :frobnicate" <(status_line cmd)

tui export_noarg <<EOF
:export
:save-screen $S/export.full
EOF
check export_needs_file grep -q "^:export needs FILE (Export the current table" <(bottom export)
check export_said_once sh -c "[ \$(grep -o 'FILE' '$S/export.full' | wc -l) -le 2 ]"

# a message wider than the terminal wraps in the message area (issue 20, item 3), the panes
# giving it the rows: the reply to an unknown command is there whole, its end too
screen wrapped <<EOF
:frobnicate
EOF
check wrapped_two_rows test "$(($(wc -l <"$S/wrapped.full") - $(status_row wrapped)))" = 2
check wrapped_whole grep -q "^unknown command :frobnicate (try .*TABLE, :seed, :help, :q)$" <(bottom wrapped)
check wrapped_status_kept grep -q "in flight" <(status_line wrapped)
check wrapped_pane_shorter test "$(wc -l <"$S/wrapped.full")" = 30
# on a tiny terminal, three rows at most, ending in "… (L shows all)"; L shows it whole
SIZE=40x10 screen tiny <<EOF
:frobnicate
EOF
check tiny_three_rows test "$(($(wc -l <"$S/tiny.full") - $(status_row tiny)))" = 3
check tiny_more grep -q "… (L shows all)$" <(bottom tiny)
check tiny_panes_left grep -q "Tables" "$S/tiny.full"
SIZE=40x24 screen tiny_l <<EOF
:frobnicate
keys L
EOF
check tiny_l_whole sh -c "tr -d '\n' <'$S/tiny_l.full' | tr -s ' ' | grep -q ':seed, :help, :q)'"

# L shows the last ones whole, wrapped, newest last
tui whole <<EOF
:export
:frobnicate
keys L
:save-screen $S/whole.full
EOF
check whole_heading grep -q "Last messages (newest last), whole:" "$S/whole.full"
check whole_export_end grep -q "last word, else from the name))" "$S/whole.full"
check whole_unknown_end grep -q "TABLE, :seed, :help, :q)" "$S/whole.full"
check whole_newest_last sh -c "[ \$(grep -n 'unknown command :frobnicate' '$S/whole.full' | head -1 | cut -d: -f1) -gt \$(grep -n ':export needs FILE' '$S/whole.full' | head -1 | cut -d: -f1) ]"
