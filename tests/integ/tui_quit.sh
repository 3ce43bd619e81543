# tui_quit.sh - quitting while writes run loses nothing (issue 21 item 7, issue 19 item 3): q
# during the seed wizard's writes asks (wait, cancel, keep working) instead of quitting at once;
# "w" quits when the last write is done, with the whole conversation in the table; "c" cancels
# and says on stderr what may be half-done. In a real terminal (tmux): SIGTERM and SIGHUP (the
# terminal closed) let the running writes finish, restore the terminal, and exit 128+signal
# with a line on stderr. The writes go through tests/delayline.py (150 ms each way) so they are
# still running when the key or the signal comes.
# engines: dynalite moto (tests/run.sh runs this file on each)
. tests/integ/lib.sh
export DDBTUI_USERS="$TEST_TMP/users.json" TZ=UTC
command -v tmux >/dev/null || { fail tmux_present "tmux is not installed"; exit 1; }
S="$TEST_TMP"
TBL=cruddur-messages
WHOLE=$(($(grep -c '' data/dialogue.txt) + 2)) # the wizard's default seed: the dialogue + 2 group rows
items() { awsl dynamodb scan --table-name $TBL --select COUNT --query Count --output text; }
fresh_table() {
	$DDBTUI drop $TBL --yes >/dev/null 2>&1
	$DDBTUI schema-load >/dev/null 2>&1
}
delay_line quit_delay 150
SLOW=$DELAY_URL

# --- headless: q while the seed writes, then w (wait): the prompt, then a complete seed ---
fresh_table
cat >"$S/wait.script" <<EOF
pace 1
keys w S q
:save-screen $S/quit_ask.full
keys w Enter
:save-screen $S/quit_waiting.full
EOF
run $DDBTUI --endpoint-url "$SLOW" --script "$S/wait.script" --size 100x30
check quit_wait_exit_0 test "$RC" = 0
check quit_asks bottom_has quit_ask 'Still writing (the seed)'
check quit_asks_choices bottom_has quit_ask 'w: wait, then quit; c: cancel and quit; Enter: keep working'
check quit_waiting_says bottom_has quit_waiting 'quitting when the seed finishes (C-c cancels it)'
check quit_wait_whole_seed test "$(items)" = "$WHOLE"

# --- headless: q, then Enter: nothing happens, the seed goes on and ends ---
fresh_table
cat >"$S/keep.script" <<EOF
pace 1
keys w S q Enter
:save-screen $S/quit_keep.full
until done:
EOF
run $DDBTUI --endpoint-url "$SLOW" --script "$S/keep.script" --size 100x30
check quit_keep_exit_0 test "$RC" = 0
check quit_keep_says bottom_has quit_keep 'not quitting'
check quit_keep_wizard_open grep -q "Seed wizard" "$S/quit_keep.full"
check quit_keep_whole_seed test "$(items)" = "$WHOLE"

# --- headless: q, then c (cancel): stderr says what may be half-done ---
fresh_table
cat >"$S/cancel.script" <<EOF
pace 1
keys w S q c Enter
EOF
run $DDBTUI --endpoint-url "$SLOW" --script "$S/cancel.script" --size 100x30
check quit_cancel_exit_0 test "$RC" = 0
check quit_cancel_note sh -c "echo \"\$1\" | grep -q 'cancelled the seed on quitting: a write in flight may or may not have reached the table'" sh "$ERR"
check quit_cancel_partial test "$(items)" -lt "$WHOLE"

# --- :q! quits at once, cancelling, with the same note ---
fresh_table
cat >"$S/force.script" <<EOF
pace 1
keys w S
:q!
EOF
run $DDBTUI --endpoint-url "$SLOW" --script "$S/force.script" --size 100x30
check quit_force_exit_0 test "$RC" = 0
check quit_force_note sh -c "echo \"\$1\" | grep -q 'cancelled the seed on quitting'" sh "$ERR"

# --- nothing running: q quits at once, no question ---
cat >"$S/idle.script" <<EOF
keys q
:save-screen $S/never.full
EOF
run $DDBTUI --endpoint-url "$ENDPOINT" --script "$S/idle.script" --size 100x30
check quit_idle_exit_0 test "$RC" = 0
check quit_idle_at_once test ! -e "$S/never.full"

# --- tmux: SIGTERM during the seed, then SIGHUP (the terminal goes away) ---
SOCK="ddbtui-quit-$$"
T="tmux -L $SOCK"
cleanup() { $T kill-server 2>/dev/null; }
trap cleanup EXIT
# start NAME : ddbtui in a new tmux session through the delay line; its pid in $S/NAME.pid, its
# stderr in NAME.err, its exit code in NAME.rc, the tty settings before and after in NAME.stty0/1
start() {
	$T -f /dev/null new-session -d -s main -x 100 -y 30 \
		"stty -a >$S/$1.stty0; sh -c 'echo \$\$ >$S/$1.pid; exec env TERM=xterm-256color DDBTUI_USERS=$DDBTUI_USERS TZ=UTC $DDBTUI_BIN --endpoint-url $SLOW 2>$S/$1.err'; echo \$? >$S/$1.rc; stty -a >$S/$1.stty1; sleep 30"
	$T set-option -t main remain-on-exit on >/dev/null
	tmux_wait "${1}_open" "Tables \(1\)"
}
# wait_file NAME FILE : passes when FILE exists and is not empty within 20 s (times TEST_SLOW)
wait_file() {
	local i=0
	while [ $i -lt $((200 * ${TEST_SLOW:-1})) ]; do
		[ -s "$2" ] && { pass "$1"; return 0; }
		sleep 0.1
		i=$((i + 1))
	done
	fail "$1" "$2 never appeared"
	return 1
}

# seed_then NAME : a fresh table, ddbtui started as NAME, the seed wizard's Start pressed
seed_then() {
	fresh_table
	start "$1"
	$T send-keys -t main w
	tmux_wait "${1}_seed_form" "Seed wizard"
	$T send-keys -t main S
	sleep 0.2
}

seed_then term
kill -TERM "$(cat "$S/term.pid")"
if wait_file term_exited "$S/term.rc"; then
	check term_exit_143 test "$(cat "$S/term.rc")" = 143
	check term_writes_finished grep -qE 'ddbtui: SIGTERM: waited for the running writes to finish before exiting' "$S/term.err"
	check term_whole_seed test "$(items)" = "$WHOLE"
	check term_tty_restored cmp -s "$S/term.stty0" "$S/term.stty1"
fi
$T kill-server 2>/dev/null

seed_then hup
$T kill-server # the terminal closes: SIGHUP
i=0
while kill -0 "$(cat "$S/hup.pid")" 2>/dev/null && [ $i -lt $((200 * ${TEST_SLOW:-1})) ]; do
	sleep 0.1
	i=$((i + 1))
done
check hup_exited sh -c "! kill -0 $(cat "$S/hup.pid") 2>/dev/null"
check hup_writes_finished grep -qE 'ddbtui: SIGHUP: waited for the running writes to finish before exiting' "$S/hup.err"
check hup_whole_seed test "$(items)" = "$WHOLE"
# --- C-z in a shell: the shell's prompt with the job stopped, fg draws the UI again and the
# queue goes on (a scan after it) ---
$T -f /dev/null new-session -d -s main -x 100 -y 30 "env PS1='shell> ' bash --norc -i"
$T set-option -t main remain-on-exit on >/dev/null
$T send-keys -t main "env TERM=xterm-256color DDBTUI_USERS=$DDBTUI_USERS $DDBTUI_BIN --endpoint-url $ENDPOINT" Enter
tmux_wait tstp_open "Tables \(1\)"
$T send-keys -t main C-z
tmux_wait tstp_stopped "Stopped"
$T send-keys -t main "fg" Enter
tmux_wait tstp_redrawn "Tables \(1\)"
$T send-keys -t main s
tmux_wait tstp_queue_resumed "Scan cruddur-messages"
$T send-keys -t main q
tmux_wait tstp_quit "shell> *$"
$T kill-server 2>/dev/null
stop_pid "$DELAY_PID"
