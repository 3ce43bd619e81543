# tui_tmux_keys.sh - keys as a real terminal sends them (tmux, TERM=xterm-256color), as raw bytes
# (send-keys -H): escape sequences that terminfo does not name are read whole (issue 20, item 2):
# ESC [ 4 ~ is End (not Esc, then 4), ESC [ 1 ~ Home, ESC [ 1;5B Ctrl-Down, and unknown ones
# (ESC [ 99 ~, an SGR mouse report, ESC O z) are dropped without a key; Esc alone still closes.
# Then the editor loop in a terminal (issue 20, item 1): an editor that never fixes the text is
# stopped by a key typed meanwhile, and the terminal is the UI's again.
. tests/integ/lib.sh
export DDBTUI_USERS="$TEST_TMP/users.json" TZ=UTC
command -v tmux >/dev/null || { fail tmux_present "tmux is not installed"; exit 1; }
SOCK="ddbtui-keys-$$"
T="tmux -L $SOCK"
cleanup() { $T kill-server 2>/dev/null; }
trap cleanup EXIT
export XDG_STATE_HOME="$TEST_TMP/state"

new_table keys-tbl
sleep 0.3
# one item of 60 attributes: the inspector is longer than the screen
item=$(python3 -c 'import json; d={"pk":{"S":"alpha"},"sk":{"N":"1"}}
d.update({"a%02d" % i: {"S": "value %d" % i} for i in range(60)}); print(json.dumps(d))')
put keys-tbl "$item"

# the editor: each run (fake_editor.py's steps) sleeps, then breaks the copy's key again
fake_editor
fresh loop
for n in 1 2 3 4 5 6; do
	step $n 'import time
time.sleep(1.5)
text = text.replace("\"value 1\"", "\"value 1 %d\"" % int(open(os.path.join(os.environ["FAKE_DIR"], "count")).read()))'
done

$T -f /dev/null new-session -d -s main -x 120 -y 35 \
	"env TERM=xterm-256color DDBTUI_USERS=$DDBTUI_USERS XDG_STATE_HOME=$XDG_STATE_HOME EDITOR=$EDITOR FAKE_DIR=$FAKE_DIR TZ=UTC $DDBTUI_BIN --endpoint-url $ENDPOINT; echo ddbtui-exited-\$?; sleep 30"
$T set-option -t main remain-on-exit on >/dev/null

cap() { $T capture-pane -p -t main; }
# never_for NAME PATTERN : passes if the screen does not match for a second
never_for() {
	local i=0
	while [ $i -lt 10 ]; do
		if cap | grep -qE -- "$2"; then
			fail "$1" "the screen matched /$2/: $(cap | head -40)"
			return 1
		fi
		sleep 0.1
		i=$((i + 1))
	done
	pass "$1"
}
keys() { $T send-keys -t main "$@"; }
raw() { $T send-keys -t main -H "$@"; }

tmux_wait keys_open "Tables \(1\)"
keys : ; keys -l "scan keys-tbl"; keys Enter
tmux_wait keys_scan "Scan keys-tbl"
keys Enter
tmux_wait keys_item_open "Item "
check keys_item_top sh -c "cap() { $T capture-pane -p -t main; }; ! cap | grep -q a59"

# End as tmux sends it: ESC [ 4 ~
raw 1b 5b 34 7e
tmux_wait keys_end_moves '"a59"'
never_for keys_end_no_conversations "Conversations"
check keys_end_item_still_open sh -c "$T capture-pane -p -t main | grep -q 'Item '"
# Home as ESC [ 1 ~
raw 1b 5b 31 7e
tmux_wait keys_home_moves '"a00"'
# unknown ones: nothing happens (no Esc: the item stays; no 9, no M, no z)
raw 1b 5b 39 39 7e 1b 5b 3c 30 3b 31 32 3b 35 4d 1b 4f 7a
never_for keys_unknown_dropped "Conversations|Welcome"
check keys_unknown_item_open sh -c "$T capture-pane -p -t main | grep -q 'Item '"
# Ctrl-Down (ESC [ 1;5B) moves as Down, then Esc alone closes the item
raw 1b 5b 31 3b 35 42
never_for keys_modified_arrow "Conversations|Welcome"
keys Escape
tmux_wait keys_esc_closes "Scan keys-tbl"

# p with an editor that never fixes the key: a key typed while it runs stops the loop
keys p
sleep 0.5
keys x
tmux_wait keys_loop_stopped "stopped by a key" 20
runs=$(cat "$F/count")
check keys_loop_few_runs test "$runs" -le 2
sleep 2
check keys_loop_no_more_runs test "$(cat "$F/count")" = "$runs"
# the terminal is the UI's again: keys work
keys q
tmux_wait keys_quit "ddbtui-exited-0"
