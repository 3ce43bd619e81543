# tui_messages.sh - the status line's "last error" and the bottom line's messages (issue 20,
# item 3): a failed request's error goes once the same operation succeeds again; an error of a
# :command that sent nothing stays (it ages out after a minute); L shows the last messages whole;
# a command that needs an argument says what it needs once.
. tests/integ/lib.sh
export DDBTUI_USERS="$TEST_TMP/users.json"
S=$TEST_TMP
status_line() { tail -n 2 "$S/$1.full" | head -n 1; }

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

# a message wider than the terminal is cut on the bottom line; L shows the last ones whole,
# wrapped, newest last
tui whole <<EOF
:export
:frobnicate
keys L
:save-screen $S/whole.full
EOF
check whole_cut_on_bottom bash -c "! tail -n 1 '$S/whole.full' | grep -q ':help, :q)'"
check whole_heading grep -q "Last messages (newest last), whole:" "$S/whole.full"
check whole_export_end grep -q "last word, else from the name))" "$S/whole.full"
check whole_unknown_end grep -q "TABLE, :seed, :help, :q)" "$S/whole.full"
check whole_newest_last sh -c "[ \$(grep -n 'unknown command :frobnicate' '$S/whole.full' | head -1 | cut -d: -f1) -gt \$(grep -n ':export needs FILE' '$S/whole.full' | head -1 | cut -d: -f1) ]"
