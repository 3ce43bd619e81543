# tui_unreachable.sh - a dead endpoint does not look like an empty one (issue 20, item 4): with
# nothing listening, the tables pane says the endpoint cannot be reached and names it, offers r,
# and never says "No tables"; r lists again. An empty endpoint's message fits the 25-column
# pane without a word left alone on a line (item 13); a long table name ends in an ellipsis.
. tests/integ/lib.sh
S=$TEST_TMP
DEAD_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
DEAD=http://127.0.0.1:$DEAD_PORT

screen dead --endpoint-url "$DEAD" <<EOF
EOF
check dead_says_unreachable grep -q "Cannot reach" "$S/dead.txt"
check dead_names_endpoint sh -c "tr -d '\n ' <'$S/dead.txt' | grep -q '127.0.0.1:$DEAD_PORT'"
check dead_offers_r grep -q "r retries" "$S/dead.txt"
check dead_not_no_tables sh -c "! grep -q 'No tables' '$S/dead.full'"
screen dead_r --endpoint-url "$DEAD" <<EOF
keys r
EOF
check dead_r_still_unreachable grep -q "Cannot reach" "$S/dead_r.txt"
check dead_r_not_no_tables sh -c "! grep -q 'No tables' '$S/dead_r.full'"

# the live, empty endpoint: "No tables. Press C to create one." in lines of more than one word
screen empty <<EOF
EOF
check empty_no_tables grep -q "No tables" "$S/empty.txt"
check empty_no_orphan sh -c "! cut -c1-25 '$S/empty.txt' | grep -qE '^ *[^ ]+ *\$'"

# a name longer than the pane ends in an ellipsis (issue 20, item 5), not cut as if whole
new_table tbl-120-some-long-table-name-for-the-pane
screen long_name <<EOF
EOF
check long_name_ellipsis grep -q "tbl-120-some-long.*…" "$S/long_name.txt"
check long_name_not_cut_bare sh -c "! grep -qE 'tbl-120-some-long-ta *([0-9~]|\$)' '$S/long_name.txt'"

# in a terminal: it retries by itself, with a wait that doubles, and lists the tables once the
# endpoint answers (tests/faultproxy.py refusing connections, then forwarding to dynalite)
command -v tmux >/dev/null || { fail tmux_present "tmux is not installed"; exit 1; }
new_table unreach-back
echo refuse >"$S/control"
python3 tests/faultproxy.py --upstream "$ENDPOINT" --control "$S/control" >"$S/proxy.port" 2>/dev/null &
PROXY=$!
SOCK="ddbtui-unreach-$$"
T="tmux -L $SOCK"
cleanup() { $T kill-server 2>/dev/null; kill $PROXY 2>/dev/null; }
trap cleanup EXIT
for _ in $(seq 50); do [ -s "$S/proxy.port" ] && break; sleep 0.1; done
PORT=$(head -1 "$S/proxy.port")
$T -f /dev/null new-session -d -s main -x 100 -y 30 \
	"env TERM=xterm-256color $DDBTUI_BIN --endpoint-url http://127.0.0.1:$PORT; sleep 30"
tmux_wait retry_unreachable "Tables \(unreachable\)" 10
tmux_wait retry_says_itself "retries by" 5
echo normal >"$S/control"
tmux_wait retry_listed "Tables \(2\)" 15
tmux_wait retry_table_shown "unreach-back" 5
