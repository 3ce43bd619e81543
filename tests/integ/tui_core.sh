# tui_core.sh - the interactive UI's frame in headless mode against dynalite: tables pane,
# help generated from the keymap, request log, drop and recreate flows with typed names,
# read-only, tiny terminals, bad key files. Screens are compared with tests/golden/core_*.txt
# (UPDATE_GOLDEN=1 rewrites them).
# engines: dynalite moto (tests/run.sh runs this file on each)
. tests/integ/lib.sh
export DDBTUI_USERS="$TEST_TMP/users.json" TZ=UTC

$DDBTUI schema-load >/dev/null 2>&1
awsl dynamodb create-table --table-name orders --attribute-definitions AttributeName=id,AttributeType=S \
	--key-schema AttributeName=id,KeyType=HASH --billing-mode PAY_PER_REQUEST >/dev/null

screen core_start </dev/null
golden core_start
check core_status_line grep -q "^$ENDPOINT us-east-1 AKIDTESTDDBTUI | 0 in flight" "$TEST_TMP/core_start.full"

screen core_help <<<"keys ?"
golden core_help
# every action of the keymap is on the help screen (generated, not written by hand)
SIZE=140x200 screen core_help_all <<<"keys ?"
missing=""
for a in quit help back cancel focus-next scan describe toggle-raw copy conversations \
	new-message seed-wizard drop-table recreate schema-load load-more load-all sort request-log; do
	grep -q " $a " "$TEST_TMP/core_help_all.txt" || missing="$missing $a"
done
check core_help_lists_actions test -z "$missing"

screen core_log <<<"keys L"
check core_log_lists_requests grep -q "ListTables" "$TEST_TMP/core_log.txt"
check core_log_no_secret sh -c "! grep -qF \"\$AWS_SECRET_ACCESS_KEY\" $TEST_TMP/core_log.full"

screen core_unknown_command <<<":frobnicate"
check core_unknown_command grep -q "unknown command :frobnicate" "$TEST_TMP/core_unknown_command.full"

# --- tiny terminals: a message, no crash, and back to normal ---
SIZE=1x1 screen core_1x1 </dev/null
check core_1x1_no_crash test $? -eq 0
SIZE=20x5 screen core_20x5 </dev/null
check core_20x5_message grep -q "Too small" "$TEST_TMP/core_20x5.full"
screen core_resize <<EOF
resize 30 8
:save-screen $TEST_TMP/core_30x8.full
resize 12 3
resize 100 30
EOF
golden core_30x8
check core_resize_back test "$(cat "$TEST_TMP/core_resize.txt")" = "$(cat "$TEST_TMP/core_start.txt")"

# --- drop with the typed name: a wrong name changes nothing ---
screen core_drop_wrong <<EOF
keys j D
type orderz
keys Enter
EOF
check core_drop_wrong_msg grep -q "not confirmed, nothing changed" "$TEST_TMP/core_drop_wrong.full"
check core_drop_wrong_kept sh -c "aws --endpoint-url $ENDPOINT --region us-east-1 dynamodb list-tables --output text | grep -q orders"
screen core_drop_prompt <<EOF
keys j D
type ord
EOF
check core_drop_prompt_shown grep -q "Drop orders and all its items? Type its name to confirm: ord" "$TEST_TMP/core_drop_prompt.full"
screen core_drop <<EOF
keys j D
type orders
keys Enter
EOF
check core_drop_done grep -q "orders: GONE, dropped" "$TEST_TMP/core_drop.full"
check core_drop_gone sh -c "! aws --endpoint-url $ENDPOINT --region us-east-1 dynamodb list-tables --output text | grep -q orders"
golden core_drop

# --- drop and recreate in one flow ---
awsl dynamodb put-item --table-name cruddur-messages --item '{"pk":{"S":"a"},"sk":{"S":"b"}}'
screen core_recreate <<EOF
keys X
type cruddur-messages
keys Enter
EOF
check core_recreate_done grep -q "cruddur-messages: ACTIVE, ready" "$TEST_TMP/core_recreate.full"
check core_recreate_empty test "$(awsl dynamodb scan --table-name cruddur-messages --select COUNT --query Count --output text)" = 0

# --- read-only: every write key refused, nothing sent ---
before=$(awsl dynamodb list-tables --output text | wc -l)
tui ro --read-only <<EOF
keys X
:save-screen $TEST_TMP/ro1
keys D
:save-screen $TEST_TMP/ro2
keys C
:save-screen $TEST_TMP/ro3
EOF
check core_ro_badge grep -q "^\[RO\]" "$TEST_TMP/ro1"
check core_ro_recreate grep -q "read-only mode: recreate is unavailable" "$TEST_TMP/ro1"
check core_ro_drop grep -q "read-only mode: drop is unavailable" "$TEST_TMP/ro2"
check core_ro_create grep -q "read-only mode: create table is unavailable" "$TEST_TMP/ro3"
check core_ro_nothing_changed test "$(awsl dynamodb list-tables --output text | wc -l)" = "$before"

# --- a bad key file: its error shows, the other keys work ---
mkdir -p "$XDG_CONFIG_HOME/ddbtui"
printf 'bind generic x quit\nbind generic Z frobnicate\n' >"$XDG_CONFIG_HOME/ddbtui/keys"
screen core_badkeys </dev/null
check core_badkeys_error grep -q "keys:2: unknown action 'frobnicate'" "$TEST_TMP/core_badkeys.full"
printf 'bind generic x help\n' >"$XDG_CONFIG_HOME/ddbtui/keys"
screen core_rebind <<<"keys x"
check core_rebind_works grep -q "Keys (rebind them" "$TEST_TMP/core_rebind.txt"
rm -f "$XDG_CONFIG_HOME/ddbtui/keys"

# --- scripts: a bad line is an error with its line number; q ends the session ---
printf 'keys q\nkeys j\n' >"$TEST_TMP/q.script"
run $DDBTUI --script "$TEST_TMP/q.script"
expect core_quit 0 ""
printf 'keys Nope\n' >"$TEST_TMP/bad.script"
run $DDBTUI --script "$TEST_TMP/bad.script"
expect core_bad_script 2 "bad.script:1: unknown key 'Nope'"
run $DDBTUI --size 0x0 --script "$TEST_TMP/q.script"
expect core_bad_size 2 "--size must be WxH"
run $DDBTUI </dev/null
expect core_needs_terminal 1 "needs a terminal"

# --- DDBTUI_TRACE records each key's time to the frame ---
DDBTUI_TRACE="$TEST_TMP/trace.txt" tui trace <<<"keys j k j k ?"
check core_trace test "$(grep -c '^[^#]' "$TEST_TMP/trace.txt")" = 5
