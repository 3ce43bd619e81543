# tui_tmux.sh - the real binary in a real terminal (tmux), driven with send-keys and read with
# capture-pane, against dynalite: open, scan, inspect as raw JSON, drop and recreate, seed
# through the wizard, send a message and see it in both inboxes, resize to 30x8 and back, quit
# with the terminal restored.
# engines: dynalite moto (tests/run.sh runs this file on each)
. tests/integ/lib.sh
export DDBTUI_USERS="$TEST_TMP/users.json" TZ=UTC
command -v tmux >/dev/null || { fail tmux_present "tmux is not installed"; exit 1; }
SOCK="ddbtui-test-$$"
T="tmux -L $SOCK"
cleanup() { $T kill-server 2>/dev/null; }
trap cleanup EXIT

$DDBTUI schema-load >/dev/null 2>&1
$DDBTUI seed --start 2026-11-20T10:00:00+00:00 >/dev/null 2>&1

$T -f /dev/null new-session -d -s main -x 120 -y 35 \
	"env TERM=xterm-256color DDBTUI_USERS=$DDBTUI_USERS TZ=UTC $DDBTUI_BIN --endpoint-url $ENDPOINT; echo ddbtui-exited-\$?; sleep 30"
$T set-option -t main remain-on-exit on >/dev/null

cap() { $T capture-pane -p -t main; }
# wait_for NAME PATTERN [SECONDS]: passes when the screen matches the grep -E pattern in time
# (SECONDS times TEST_SLOW: the asan binary is slower)
wait_for() {
	local name=$1 pat=$2 secs=${3:-10} i=0
	while [ $i -lt $((secs * 10 * ${TEST_SLOW:-1})) ]; do
		if cap | grep -qE -- "$pat"; then
			pass "$name"
			return 0
		fi
		sleep 0.1
		i=$((i + 1))
	done
	fail "$name" "screen never matched /$pat/: $(cap | head -40)"
	return 1
}
keys() { $T send-keys -t main "$@"; }

wait_for tmux_open "Tables \(1\)"
wait_for tmux_status_line "$ENDPOINT us-east-1 AKIDTESTDDBTUI"

# scan, inspect, raw JSON
keys s
wait_for tmux_scan "Scan cruddur-messages"
keys Enter
wait_for tmux_item_open "Item "
keys v
wait_for tmux_item_raw '"S": '
keys Escape Escape
wait_for tmux_back_to_tables "Welcome"

# drop and recreate with the typed name
keys X
wait_for tmux_recreate_prompt "Type its name to confirm"
keys -l cruddur-messages
keys Enter
wait_for tmux_recreate_done "cruddur-messages: ACTIVE, ready" 20
check tmux_recreate_empty test "$(awsl dynamodb scan --table-name cruddur-messages --select COUNT --query Count --output text)" = 0

# seed through the wizard (defaults: andrewbrown and bayko, the built-in dialogue)
keys w
wait_for tmux_seed_form "Seed wizard"
keys S
wait_for tmux_seed_done "done: [0-9]+ items" 30
check tmux_seed_count test "$(awsl dynamodb scan --table-name cruddur-messages --select COUNT --query Count --output text)" = $(($(grep -c '' data/dialogue.txt) + 2))
keys Escape

# send a message from the conversation browser; both inboxes show it
keys c
wait_for tmux_inbox "Conversations of Andrew Brown"
# Enter only once the row is in (the title comes first; on moto the rows can come later)
wait_for tmux_inbox_row "Andrew Bayko @bayko"
keys Enter
wait_for tmux_conversation "Conversation with Andrew Bayko"
keys n
keys -l "sent from tmux ✓"
keys Enter
wait_for tmux_message_shown "sent from tmux ✓"
keys Escape
wait_for tmux_inbox_updated "Andrew Bayko @bayko .*sent from tmux"
keys :
keys -l "conversations bayko"
keys Enter
wait_for tmux_other_inbox "Andrew Brown @andrewbrown .*sent from tmux"
check tmux_sent_stored sh -c "$DDBTUI get-conversation --json --limit 1 | grep -q 'sent from tmux'"
keys Escape Escape Escape
wait_for tmux_back_home "Welcome"

# resize to 30x8 and back
$T resize-window -t main -x 30 -y 8
wait_for tmux_small "Tables"
check tmux_small_fits sh -c "[ \$($T capture-pane -p -t main | wc -l) -le 8 ]"
$T resize-window -t main -x 20 -y 5
wait_for tmux_too_small "Too small"
$T resize-window -t main -x 120 -y 35
wait_for tmux_back_to_size "Welcome"

# quit: the terminal is restored (no alternate screen left, exit status 0)
keys q
wait_for tmux_quit "ddbtui-exited-0"
