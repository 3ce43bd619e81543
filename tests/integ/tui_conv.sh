# tui_conv.sh - the conversation browser, the chat view and the seed wizard in headless mode
# against dynalite: the inbox (pattern B), a conversation scrolled from the bottom into older
# pages (A), sending through the view (C, E) and to a new person (D), the 1024-character limit,
# the seed wizard to the end and in read-only mode. Screens are compared with
# tests/golden/{conv,msg,seed}_*.txt (UPDATE_GOLDEN=1 rewrites them; times of messages sent now
# and the wizard's speed masked by normalize); the table is checked with the CLI and the AWS CLI.
# engines: dynalite moto (tests/run.sh runs this file on each)
. tests/integ/lib.sh
export DDBTUI_USERS="$TEST_TMP/users.json" TZ=UTC
T=cruddur-messages
G=5ae290ed-55d1-47a0-bc6d-fe2bc2700399
G2=0b5e1d2c-3f4a-4b6c-8d7e-9f0a1b2c3d4e

# The seed is dated 2026-11-20; messages sent now must sort after it.
if [ "$(date -u +%Y%m%d)" -le 20261120 ]; then
	echo "SKIP tui_conv: the clock ($(date -u +%F)) is not after the seed's day $SEED_DAY"
	exit 0
fi

# A fixed users directory: the screens never show a random uuid.
cat >"$DDBTUI_USERS" <<'EOF'
[
  {"uuid": "a0000000-0000-4000-8000-000000000001", "display_name": "Andrew Brown", "handle": "andrewbrown", "email": "andrew@exampro.co", "cognito_user_id": "MOCK"},
  {"uuid": "b0000000-0000-4000-8000-000000000002", "display_name": "Andrew Bayko", "handle": "bayko", "email": "bayko@exampro.co", "cognito_user_id": "MOCK"},
  {"uuid": "c0000000-0000-4000-8000-000000000003", "display_name": "Londo Mollari", "handle": "londo", "email": "lmollari@centari.com", "cognito_user_id": "MOCK"}
]
EOF

# field FILE N KEY : KEY of the N-th JSON line (from 1) of FILE
field() { sed -n "$2p" "$1" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$3"; }

$DDBTUI schema-load >/dev/null 2>&1
run $DDBTUI seed --start 2026-11-20T10:00:00+00:00
expect conv_seed_ok 0 "seeded 127 messages"

# --- the inbox (B): andrewbrown by default, another user by :conversations HANDLE and by u ---
screen conv_inbox <<EOF
:conversations
EOF
golden conv_inbox

screen conv_inbox_bayko <<EOF
:conversations bayko
EOF
golden conv_inbox_bayko

screen conv_choose_user <<EOF
:conversations
keys u C-u
type londo
keys Enter
EOF
golden conv_choose_user

screen conv_unknown_handle <<EOF
:conversations nobody
EOF
check conv_unknown_handle_error bottom_has conv_unknown_handle "unknown handle 'nobody' (known: andrewbrown, bayko, londo"
check conv_unknown_handle_shows_default grep -q "Conversations of Andrew Brown (@andrewbrown)" "$TEST_TMP/conv_unknown_handle.txt"

# --- a conversation (A): opened at the bottom, newest last; up past the top loads older ---
screen msg_bottom <<EOF
:conversations
keys Enter
EOF
golden msg_bottom
# the pane's last line above its hint line is the newest message
check msg_bottom_newest_last sh -c "sed -n 27p $TEST_TMP/msg_bottom.txt | grep -q 'see you in a week'"

screen msg_older <<EOF
:conversations
keys Enter g k k k
EOF
golden msg_older
check msg_older_title grep -q "Andrew Bayko (@bayko) — 40 messages loaded (more)" "$TEST_TMP/msg_older.txt"

screen msg_top <<EOF
:conversations
keys Enter m m m m m m g k
EOF
golden msg_top
check msg_all_pages_loaded grep -q "Andrew Bayko (@bayko) — 127 messages *$" "$TEST_TMP/msg_top.txt"
check msg_start_of_conversation bottom_has msg_top 'this is the start of the conversation'

# --- sending through the view (C then E): appended at the bottom, newest for both users ---
TEXT="Hello from the chat view ☕ 東京 — wide characters wrap by columns, not by bytes, and this sentence is long enough to wrap."
before=$(count $T)
screen msg_compose <<EOF
:conversations
keys Enter n
type $TEXT
EOF
golden msg_compose
check msg_compose_counter grep -q " $(printf '%s' "$TEXT" | /usr/bin/python3 -c 'import sys; print(len(sys.stdin.read()))')/1024 " "$TEST_TMP/msg_compose.txt"

screen msg_sent <<EOF
:conversations
keys Enter n
type $TEXT
keys Enter
EOF
golden msg_sent
check msg_sent_info bottom_has msg_sent '^sent'
check msg_sent_one_row test "$(count $T)" = $((before + 1))
run $DDBTUI get-conversation --json --limit 1
check msg_sent_is_newest test "$(field "$TEST_TMP/out" 1 message)" = "$TEXT"
check msg_sent_by_andrewbrown test "$(field "$TEST_TMP/out" 1 handle)" = andrewbrown
run $DDBTUI list-conversations andrewbrown --json
check msg_sent_in_inbox_andrewbrown test "$(field "$TEST_TMP/out" 1 message)" = "$TEXT"
run $DDBTUI list-conversations bayko --json
check msg_sent_in_inbox_bayko test "$(field "$TEST_TMP/out" 1 message)" = "$TEXT"
screen conv_inbox_after_send <<EOF
:conversations
EOF
golden conv_inbox_after_send

# --- 1025 characters: refused by the model, nothing written, the text kept in the composer ---
LONG=$(printf 'x%.0s' $(seq 1025))
before=$(count $T)
screen msg_too_long <<EOF
:conversations
keys Enter n
type $LONG
keys Enter
EOF
golden msg_too_long
check msg_too_long_refused bottom_has msg_too_long 'message_exceed_max_chars: the message has 1025 characters, at most 1024 are allowed; nothing written'
check msg_too_long_counter grep -q " 1025/1024 " "$TEST_TMP/msg_too_long.txt"
check msg_too_long_nothing_written test "$(count $T)" = "$before"
run $DDBTUI get-conversation --json --limit 1
check msg_too_long_newest_unchanged test "$(field "$TEST_TMP/out" 1 message)" = "$TEXT"

screen msg_blank <<EOF
:conversations
keys Enter n
type    
keys Enter
EOF
check msg_blank_refused bottom_has msg_blank 'message_blank: the message is blank; nothing written'
check msg_blank_nothing_written test "$(count $T)" = "$before"

# --- a new conversation with londo (D): two group rows and the message, then it opens ---
screen conv_new_londo <<EOF
:conversations
keys N
type londo
keys Enter
type Hello Londo, welcome to the table.
keys Enter
EOF
golden conv_new_londo
check conv_new_londo_rows test "$(count $T)" = $((before + 3))
run $DDBTUI list-conversations londo --json
check conv_new_londo_inbox_londo test "$(field "$TEST_TMP/out" 1 handle) $(field "$TEST_TMP/out" 1 message)" = "andrewbrown Hello Londo, welcome to the table."
screen conv_new_londo_inbox <<EOF
:conversations
keys N
type londo
keys Enter
type Second message, into the same conversation.
keys Enter Esc
EOF
golden conv_new_londo_inbox
check conv_new_londo_same_group test "$(count $T)" = $((before + 4))

# --- the seed wizard: a user added, a plan error, then 30 messages to the end ---
printf 'Person 1: one\nPerson 2: two\nPerson 3: three\n' >"$TEST_TMP/conv.txt"
(cd "$TEST_TMP" && screen seed_plan_error <<EOF
keys w j j j Enter
type conv.txt
keys Enter
EOF
)
golden seed_plan_error

before=$(count $T)
screen seed_form <<EOF
keys w a
type vir
keys Enter
type Vir Cotto
keys Enter
type vir@centauri.com
keys Enter j Enter C-u
type vir
keys Enter j Enter C-u
type $G2
keys Enter j j Enter
type 30
keys Enter j Enter
type 2026-11-20T08:00:00+00:00
keys Enter j
EOF
golden seed_form
check seed_user_added /usr/bin/python3 -c 'import json,sys; u=[u for u in json.load(open(sys.argv[1])) if u["handle"]=="vir"]; assert u and u[0]["display_name"]=="Vir Cotto" and u[0]["email"]=="vir@centauri.com"' "$DDBTUI_USERS"
# the user's uuid is random: from here on the screens show handles and names only

screen seed_done <<EOF
keys w j Enter C-u
type vir
keys Enter j Enter C-u
type $G2
keys Enter j j Enter
type 30
keys Enter j Enter
type 2026-11-20T08:00:00+00:00
keys Enter S
EOF
golden seed_done
check seed_done_message grep -qE '^done: 32 items in [0-9.]+ s \([0-9]+ items/s\)' <(bottom seed_done)
check seed_count_32_more test "$(count $T)" = $((before + 32))
awsl dynamodb query --table-name $T --key-condition-expression 'pk = :p' \
	--expression-attribute-values "{\":p\":{\"S\":\"MSG#$G2\"}}" --select COUNT >"$TEST_TMP/g2.json"
check seed_30_messages_per_awscli test "$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["Count"])' "$TEST_TMP/g2.json")" = 30
run $DDBTUI list-conversations vir --json
check seed_inbox_vir test "$(field "$TEST_TMP/out" 1 uuid) $(field "$TEST_TMP/out" 1 handle)" = "$G2 andrewbrown"
screen conv_inbox_after_seed <<EOF
:conversations
EOF
golden conv_inbox_after_seed

# Esc while the seed runs (keys 1 ms apart, so it comes at once): the wizard stays (closing
# would cancel the seed halfway) and the seed ends
screen seed_esc <<EOF
pace 1
keys w S Escape
:save-screen $TEST_TMP/seed_esc_running.full
until done:
EOF
check seed_esc_waits bottom_has seed_esc_running 'the seed is running: C-c cancels it, then Esc closes this'
check seed_esc_still_open grep -q "Seed wizard" "$TEST_TMP/seed_esc_running.full"
check seed_esc_finished bottom_has seed_esc '^done: '

# --- a new pair gets a group uuid of its own (issue 21 item 4): Person 2 changed to londo, Start
# writes a new conversation and leaves andrewbrown and bayko's (the default group) alone ---
DEFAULT_GROUP=5ae290ed-55d1-47a0-bc6d-fe2bc2700399
run $DDBTUI list-conversations bayko --json
check seed_pair_default_there grep -q "$DEFAULT_GROUP" "$TEST_TMP/out"
screen seed_new_pair <<EOF
keys w j Enter C-u
type londo
keys Enter
:save-screen $TEST_TMP/seed_new_pair_form.full
keys S
until done:
EOF
check seed_pair_says bottom_has seed_new_pair_form 'a new pair, andrewbrown and londo: a group uuid of its own'
check seed_pair_new_group bash -c "! grep -q '$DEFAULT_GROUP' '$TEST_TMP/seed_new_pair_form.full'"
check seed_pair_done bottom_has seed_new_pair '^done: '
run $DDBTUI list-conversations bayko --json
check seed_pair_default_kept grep -q "$DEFAULT_GROUP" "$TEST_TMP/out"
run $DDBTUI list-conversations londo --json
check seed_pair_londo_inbox bash -c "grep -q andrewbrown '$TEST_TMP/out' && ! grep -q '$DEFAULT_GROUP' '$TEST_TMP/out'"

# --- read-only: Start refused, nothing written; sending refused too ---
before=$(count $T)
screen seed_readonly --read-only <<EOF
keys w S
EOF
golden seed_readonly
check seed_readonly_refused bottom_has seed_readonly 'read-only mode: the seed writes to cruddur-messages'
screen msg_readonly --read-only <<EOF
:conversations
keys Enter n
EOF
check msg_readonly_refused bottom_has msg_readonly 'read-only mode: sending is unavailable'
check readonly_nothing_written test "$(count $T)" = "$before"
