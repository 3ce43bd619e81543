# tui_cmdline.sh - the : command line (issue 20, item 5): Tab completes a command's name, then
# its argument (a table the UI knows for TABLE, a path for FILE); several candidates are listed
# above the prompt and a repeated Tab cycles through them. Up and Down walk the history, which
# is kept across runs in the state directory (0600, at most 500 lines) and merged with what
# another ddbtui wrote meanwhile. ? lists the commands with their arguments.
# engines: dynalite moto
. tests/integ/lib.sh
S=$TEST_TMP
HIST=$XDG_STATE_HOME/ddbtui/history
for t in orders-2024 orders-archive users; do new_table $t; done
mkdir -p "$S/exports" && : >"$S/exports/dump-one.json"
# the prompt's line: the last line of a saved screen
prompt_line() { tail -n 1 "$S/$1.full" | sed 's/ *$//'; }

tui complete <<EOF
keys :
type des
keys Tab
:save-screen $S/c_cmd.full
keys Esc :
type scan us
keys Tab
:save-screen $S/c_table.full
keys Esc :
type scan ord
keys Tab
:save-screen $S/c_common.full
keys Tab
:save-screen $S/c_cycle1.full
keys Tab
:save-screen $S/c_cycle2.full
keys Esc :
type save-screen $S/exp
keys Tab
:save-screen $S/c_dir.full
keys Tab
:save-screen $S/c_file.full
keys Esc :
type scan zz
keys Tab
:save-screen $S/c_none.full
EOF
check complete_command test "$(prompt_line c_cmd)" = ":describe"
check complete_table test "$(prompt_line c_table)" = ":scan users"
check complete_common test "$(prompt_line c_common)" = ":scan orders-"
check complete_lists grep -q "^2: orders-2024 orders-archive" "$S/c_common.full"
check complete_cycle1 test "$(prompt_line c_cycle1)" = ":scan orders-2024"
check complete_cycle2 test "$(prompt_line c_cycle2)" = ":scan orders-archive"
check complete_dir test "$(prompt_line c_dir)" = ":save-screen $S/exports/"
check complete_file test "$(prompt_line c_file)" = ":save-screen $S/exports/dump-one.json"
check complete_none grep -q 'nothing completes "zz"' "$S/c_none.full"

# the history: what ran in one run is there in the next, newest first with Up
tui hist1 <<EOF
keys :
type describe users
keys Enter :
type scan orders-2024
keys Enter
EOF
check hist_file_mode test "$(stat -c %a "$HIST")" = 600
echo "describe orders-archive" >>"$HIST" # another ddbtui's line, written meanwhile
tui hist2 <<EOF
keys :
keys Up
:save-screen $S/h_up1.full
keys Up
:save-screen $S/h_up2.full
keys Down Down
:save-screen $S/h_back.full
keys Esc :
type q
keys Enter
EOF
check hist_newest test "$(prompt_line h_up1)" = ":describe orders-archive"
check hist_older test "$(prompt_line h_up2)" = ":scan orders-2024"
check hist_back_to_typed test "$(prompt_line h_back)" = ":"
check hist_merged sh -c "grep -qx 'describe users' '$HIST' && grep -qx 'describe orders-archive' '$HIST' && grep -qx q '$HIST'"
# bounded: 600 lines written, 500 kept, the newest
seq 1 600 | sed 's/^/describe t/' >"$HIST"
tui hist3 <<EOF
keys :
type help
keys Enter
EOF
check hist_bounded test "$(wc -l <"$HIST")" = 500
check hist_bounded_newest sh -c "tail -n 1 '$HIST' | grep -qx help && ! grep -qx 'describe t101' '$HIST'"

# ? lists the commands with their arguments
SIZE=120x400 screen help_cmds <<EOF
keys ?
EOF
check help_commands_args grep -qE "scan +\[TABLE\]" "$S/help_cmds.txt"
check help_export_args grep -qE "export +FILE \[ddb\|json\|csv\]" "$S/help_cmds.txt"
