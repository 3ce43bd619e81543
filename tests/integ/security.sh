# security.sh - secrets are never printed or logged (every subcommand with --verbose, error
# paths, the UI's request log), TLS is verified by default (a local HTTPS endpoint with our own CA,
# a wrong CA, a wrong host name), files holding user data are 0600 and written atomically, drop
# and recreate on an endpoint that is not loopback need the typed table name (refused before any
# connection), and --read-only refuses every write at the queue (nothing reaches the endpoint).
. tests/integ/lib.sh
export DDBTUI_USERS="$TEST_TMP/users.json" TZ=UTC
# a HOME of our own: the files written here (users, journal, ~/.aws) must not reach later tests
export HOME="$TEST_TMP/home" XDG_CONFIG_HOME="$TEST_TMP/home/.config" XDG_STATE_HOME="$TEST_TMP/home/.state"
mkdir -p "$HOME"
T=cruddur-messages
G=5ae290ed-55d1-47a0-bc6d-fe2bc2700399
PY=/usr/bin/python3
SOCK="ddbtui-sec-$$"
PIDS=()
cleanup() {
	local p
	for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done
	tmux -L "$SOCK" kill-server 2>/dev/null
}
trap cleanup EXIT

# Distinctive credentials for this file (the secret and token must never show up anywhere).
SECRET='Sec9rEt/ddbtui+Zq81xWv3LmN0pQ7rS2tU4vXyZ5a'
TOKEN='FwoGZXIvYXdzEDdbtuiSessionT0ken/Qk7+mZx9Lr2wVb8Nc4=='
export AWS_SECRET_ACCESS_KEY="$SECRET" AWS_SESSION_TOKEN="$TOKEN"
OUTS="$TEST_TMP/outputs"
mkdir -p "$OUTS"

# --- secrets: every subcommand with --verbose, stdout and stderr kept ---
n=0
# v ARGS... : runs ddbtui --verbose ARGS against dynalite, keeping both streams in $OUTS
v() {
	n=$((n + 1))
	$DDBTUI --verbose "$@" >"$OUTS/$n.out" 2>"$OUTS/$n.err" </dev/null
	echo "$? $*" >>"$OUTS/commands"
}
v --version
v --help
v schema-load
v list-tables
v list-tables --json
v describe-table
v describe-table --json
v seed --count 20
v scan
v scan --raw
v get-conversation --all
v get-conversation --json
v list-conversations
v list-conversations --json
v send --as bayko --group $G "a message with a secret-free body"
v send --as andrewbrown --to londo "hello londo"
v users list
v users list --json
v users add mallory "Mallory Test" mallory@example.com
v users remove mallory
v update-cognito-ids --user-pool-id us-east-1_pool --cognito-endpoint "$ENDPOINT"
v describe-table no-such-table
v --table no-such-table scan
v --endpoint-url http://127.0.0.1:1 list-tables
v --endpoint-url "http://AKIDTESTDDBTUI:$SECRET@127.0.0.1:1" list-tables
v --max-attempts 2 --endpoint-url http://127.0.0.1:1 drop $T --yes
v drop $T --yes
v recreate --yes
v seed --count 20
# a profile's secret and token (from ~/.aws/credentials) are secrets too
mkdir -p "$HOME/.aws"
SECRET2='Pr0fileSecret/ddbtui+aB3cD4eF5gH6iJ7kL8mN9'
TOKEN2='Pr0fileT0ken/ddbtui+QWERTYuiopASDFghjkl=='
printf '[sec]\naws_access_key_id = AKIDPROFILEDDBTUI\naws_secret_access_key = %s\naws_session_token = %s\nregion = us-east-1\n' \
	"$SECRET2" "$TOKEN2" >"$HOME/.aws/credentials"
chmod 600 "$HOME/.aws/credentials"
(
	unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN
	n=100
	v --profile sec list-tables
	v --profile sec describe-table
	v --profile sec --endpoint-url http://127.0.0.1:1 list-tables
)
check secrets_commands_ran test "$(grep -c '^0 ' "$OUTS/commands")" -ge 20
check secrets_verbose_logs_requests grep -qE "^ddbtui: BatchWriteItem -> 200 in [0-9.]+ ms" "$OUTS"/*.err
check secrets_verbose_names_source grep -q "credentials from environment" "$OUTS/4.err"

# the UI: scan, describe, the request log, the help; every screen kept, and a key trace
printf '%s\n' "keys s" ":save-screen $OUTS/tui_scan.txt" "keys Escape" ":describe $T" \
	":save-screen $OUTS/tui_describe.txt" "keys Escape L" ":save-screen $OUTS/tui_log.txt" \
	":log" ":save-screen $OUTS/tui_log2.txt" ":describe nope" "keys ?" \
	":save-screen $OUTS/tui_help.txt" >"$TEST_TMP/tui.script"
DDBTUI_TRACE="$OUTS/tui.trace" $DDBTUI --verbose --script "$TEST_TMP/tui.script" --size 160x40 \
	>"$OUTS/tui.out" 2>"$OUTS/tui.err"
check secrets_tui_ran test $? = 0
check secrets_tui_log_shown grep -q "Scan  *$T" "$OUTS/tui_log.txt"
# everything ddbtui wrote under $HOME (users file, journal, state), but not the credentials file
(cd "$HOME" && find . -type f ! -path './.aws/*' -print0 | xargs -0 -r cat) >"$OUTS/home_files" 2>/dev/null
cat "$DDBTUI_USERS" >>"$OUTS/home_files"
leaks=""
for needle in "$SECRET" "$TOKEN" "$SECRET2" "$TOKEN2" "${SECRET:0:12}" "${SECRET: -12}" \
	"${TOKEN:0:12}" "${TOKEN: -12}" "${SECRET2:0:12}" "${TOKEN2:0:12}" \
	"$($PY -c 'import sys,urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$SECRET")" \
	"$($PY -c 'import sys,urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$TOKEN")"; do
	hits=$(grep -rlaF -- "$needle" "$OUTS" 2>/dev/null | grep -v "/commands$")
	[ -n "$hits" ] && leaks="$leaks [$needle in $(echo $hits)]"
done
nfiles=$(find "$OUTS" -type f | wc -l)
if [ -z "$leaks" ]; then
	pass "secrets_never_printed ($nfiles outputs searched)"
else
	fail secrets_never_printed "$leaks"
fi
check secrets_url_password_masked grep -q "\*\*\*@127.0.0.1:1" "$OUTS"/*.err
unset AWS_SESSION_TOKEN
export AWS_SECRET_ACCESS_KEY=testsecretddbtui/K7MDENG

# --- TLS: verified by default, a CA bundle, a wrong CA, a wrong host name ---
# (the machine's AWS_CA_BUNDLE or OpenSSL's variables would decide "the default": not here)
unset AWS_CA_BUNDLE SSL_CERT_FILE SSL_CERT_DIR CURL_CA_BUNDLE
TLS="$TEST_TMP/tls"
mkdir -p "$TLS"
(
	cd "$TLS" || exit 1
	ec="-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes"
	openssl req -x509 $ec -keyout ca.key -out ca.pem -days 2 -subj "/CN=ddbtui test CA" \
		-addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"
	# another CA with the same name and a different key
	openssl req -x509 $ec -keyout wrong.key -out wrong.pem -days 2 -subj "/CN=ddbtui test CA" \
		-addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"
	for s in ip:IP:127.0.0.1 name:DNS:dynamodb.example.com; do
		openssl req $ec -keyout "${s%%:*}.key" -out "${s%%:*}.csr" -subj "/CN=${s#*:*:}"
		printf 'subjectAltName=%s\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n' \
			"${s#*:}" >"${s%%:*}.ext"
		openssl x509 -req -in "${s%%:*}.csr" -CA ca.pem -CAkey ca.key -CAcreateserial \
			-out "${s%%:*}.pem" -days 2 -extfile "${s%%:*}.ext"
	done
) >"$TLS/openssl.log" 2>&1
check tls_certs_made test -s "$TLS/ip.pem" -a -s "$TLS/name.pem" -a -s "$TLS/wrong.pem"
cat >"$TLS/server.py" <<'PY'
"""HTTPS on 127.0.0.1 answering every POST with {"TableNames": []}; counts connections in a file."""
import http.server, ssl, sys
cert, key, counter = sys.argv[1:4]
accepted = 0
class H(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *a): pass
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        body = b'{"TableNames": []}'
        self.send_response(200)
        self.send_header("Content-Type", "application/x-amz-json-1.0")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(cert, key)
class S(http.server.ThreadingHTTPServer):
    def get_request(self):
        global accepted
        sock, addr = self.socket.accept()
        accepted += 1
        with open(counter, "w") as f:
            f.write(str(accepted))
        sock.settimeout(5)
        return ctx.wrap_socket(sock, server_side=True), addr
srv = S(("127.0.0.1", 0), H)
print(srv.server_address[1], flush=True)
srv.serve_forever()
PY
# https_server NAME : starts the server with NAME.pem; sets HTTPS (its URL)
https_server() {
	local i=0
	$PY "$TLS/server.py" "$TLS/$1.pem" "$TLS/$1.key" "$TLS/$1.count" >"$TLS/$1.port" 2>"$TLS/$1.log" &
	PIDS+=($!)
	while ! grep -q '^[0-9]' "$TLS/$1.port" 2>/dev/null; do
		i=$((i + 1))
		[ $i -gt $((100 * ${TEST_SLOW:-1})) ] && break
		sleep 0.05
	done
	HTTPS="https://127.0.0.1:$(head -1 "$TLS/$1.port")"
}
https_server ip
run $DDBTUI --endpoint-url "$HTTPS" --verbose list-tables
expect tls_verified_by_default 1 "certificate"
check tls_failure_not_retried test "$(cat "$TLS/ip.count")" = 1
run env AWS_CA_BUNDLE="$TLS/ca.pem" $DDBTUI --endpoint-url "$HTTPS" --verbose list-tables
expect tls_ca_bundle_ok 0 "ListTables -> 200 in"
check tls_ca_bundle_empty_list test -z "$OUT"
run env AWS_CA_BUNDLE="$TLS/wrong.pem" $DDBTUI --endpoint-url "$HTTPS" list-tables
expect tls_wrong_ca 1 "certificate"
# the profile's ca_bundle, when AWS_CA_BUNDLE is not set (the profiles hold keys: a named profile
# without credentials is an error, on loopback too)
KEYS='aws_access_key_id = AKIDTLS\naws_secret_access_key = tls/secret\n'
printf "[profile tls]\nregion = us-east-1\n${KEYS}ca_bundle = %s\n[profile tlswrong]\nregion = us-east-1\n${KEYS}ca_bundle = %s\n" \
	"$TLS/ca.pem" "$TLS/wrong.pem" >"$TEST_TMP/aws_config"
run env AWS_CONFIG_FILE="$TEST_TMP/aws_config" $DDBTUI --profile tls --endpoint-url "$HTTPS" list-tables
expect tls_profile_ca_bundle_ok 0 ""
run env AWS_CONFIG_FILE="$TEST_TMP/aws_config" $DDBTUI --profile tlswrong --endpoint-url "$HTTPS" list-tables
expect tls_profile_wrong_ca 1 "certificate"
https_server name
run env AWS_CA_BUNDLE="$TLS/ca.pem" $DDBTUI --endpoint-url "$HTTPS" list-tables
expect tls_wrong_host_name 1 "(certificate|SSL|subject|name)"
check tls_wrong_host_not_retried test "$(cat "$TLS/name.count")" = 1

# --- files holding user data: 0600, written atomically ---
(
	unset DDBTUI_USERS
	$DDBTUI users list >/dev/null 2>&1
)
DEF="$XDG_CONFIG_HOME/ddbtui/users.json"
check files_default_users_0600 test "$(stat -c %a "$DEF" 2>/dev/null)" = 600
check files_default_dir_0700 test "$(stat -c %a "$(dirname "$DEF")" 2>/dev/null)" = 700
U="$TEST_TMP/perm/users.json"
(umask 000 && $DDBTUI --users "$U" seed --count 20 >/dev/null 2>&1)
check files_seed_creates_0600_under_umask_000 test "$(stat -c %a "$U" 2>/dev/null)" = 600
chmod 644 "$U"
ino=$(stat -c %i "$U")
(umask 000 && $DDBTUI --users "$U" users add eve "Eve Test" eve@example.com >/dev/null 2>&1)
check files_users_add_0600 test "$(stat -c %a "$U")" = 600
check files_users_add_renamed_into_place test "$(stat -c %i "$U")" != "$ino"
check files_users_add_written grep -q '"eve"' "$U"
check files_no_temp_files test -z "$(ls -A "$(dirname "$U")" "$(dirname "$DEF")" "$(dirname "$DDBTUI_USERS")" | grep -E '^\.users\.json\.')"
# a reader never sees a half-written file while adds and removes run
$PY - "$U" "$DDBTUI" <<'PY' && pass files_users_atomic_under_readers || fail files_users_atomic_under_readers "see above"
import json, subprocess, sys, threading
path, cmd = sys.argv[1], sys.argv[2].split()
stop = False
bad = []
reads = 0
def reader():
    global reads
    while not stop:
        try:
            with open(path, "rb") as f:
                data = f.read()
            json.loads(data)
            reads += 1
        except FileNotFoundError:
            bad.append("missing")
        except ValueError as e:
            bad.append(f"{len(data)} bytes: {e}")
t = threading.Thread(target=reader)
t.start()
for i in range(15):
    subprocess.run(cmd + ["--users", path, "users", "add", f"user{i}", f"User {i}", f"u{i}@example.com"],
                   capture_output=True, check=True)
    subprocess.run(cmd + ["--users", path, "users", "remove", f"user{i}"], capture_output=True, check=True)
stop = True
t.join()
if bad or reads < 10:
    print(f"  {reads} good reads; bad: {bad[:3]}")
sys.exit(1 if bad or reads < 10 else 0)
PY
# every file ddbtui wrote under $HOME (users, undo journal, state) is private
loose=$(find "$HOME" \( -path "$HOME/.aws" -prune \) -o -type f -perm /077 -print)
check files_home_all_private test -z "$loose"
loose_dirs=$(find "$HOME" -mindepth 2 -path '*ddbtui*' -type d -perm /077)
check files_home_dirs_private test -z "$loose_dirs"

# --- drop and recreate on an endpoint that is not loopback need the typed name ---
# refused before any connection: within a second, and strace sees no connect() to the network
far() {
	local name=$1 url=$2
	shift 2
	run timeout 1 "$DDBTUI_BIN" --endpoint-url "$url" --region us-east-1 "$@" </dev/null
	expect "$name" 2 "is not a loopback endpoint: --yes is not enough"
}
far remote_drop_yes_refused https://dynamodb.example.invalid drop $T --yes
far remote_recreate_yes_refused https://dynamodb.example.invalid recreate --yes
far remote_lookalike_localhost http://localhost.example.invalid:8000 drop $T --yes
far remote_lookalike_127 http://127.0.0.1.example.invalid:8000 drop $T --yes
run timeout 1 "$DDBTUI_BIN" --endpoint-url "http://127.0.0.1@dynamodb.example.invalid" --region us-east-1 drop $T --yes </dev/null
expect remote_userinfo_trick 2 "user info is not allowed"
run timeout 1 "$DDBTUI_BIN" --prod --region us-east-1 drop $T --yes </dev/null
expect remote_prod_drop_yes_refused 2 "https://dynamodb.us-east-1.amazonaws.com is not a loopback endpoint"
run timeout 1 "$DDBTUI_BIN" --endpoint-url https://dynamodb.example.invalid --region us-east-1 drop $T </dev/null
expect remote_drop_no_tty_refused 2 "needs confirmation"
run timeout 1 "$DDBTUI_BIN" --endpoint-url https://dynamodb.example.invalid --region us-east-1 recreate --confirm cruddur-messagez </dev/null
expect remote_confirm_wrong_name 2 "does not match the table $T"
if command -v strace >/dev/null && strace -f -qq -o /dev/null true 2>/dev/null; then
	# (LeakSanitizer cannot run under ptrace: no leak check of the asan binary here; the same
	# command runs above without strace)
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
		strace -f -qq -e trace=connect,sendto,sendmsg -o "$TEST_TMP/strace.txt" timeout 1 "$DDBTUI_BIN" \
		--endpoint-url https://dynamodb.example.invalid --region us-east-1 recreate --yes </dev/null >/dev/null 2>&1
	check remote_no_connection_attempt sh -c '! grep -E "AF_INET|sin_port|sin6_port" "$1"' _ "$TEST_TMP/strace.txt"
fi
# on a terminal, the typed name is asked for; a wrong one changes nothing
TM="tmux -L $SOCK"
if command -v tmux >/dev/null; then
	$TM -f /dev/null new-session -d -s main -x 120 -y 20 \
		"$DDBTUI_BIN --endpoint-url https://dynamodb.example.invalid --region us-east-1 drop $T; echo exited-\$?; sleep 30"
	i=0
	until $TM capture-pane -p -t main | grep -q "Type the table name to confirm"; do
		i=$((i + 1))
		[ $i -gt $((50 * ${TEST_SLOW:-1})) ] && break
		sleep 0.1
	done
	check remote_tty_prompt sh -c "$TM capture-pane -p -t main | grep -q 'This will .* on https://dynamodb.example.invalid'"
	$TM send-keys -t main -l cruddur-message
	$TM send-keys -t main Enter
	i=0
	until $TM capture-pane -p -t main | grep -q "exited-"; do
		i=$((i + 1))
		[ $i -gt $((50 * ${TEST_SLOW:-1})) ] && break
		sleep 0.1
	done
	check remote_tty_wrong_name sh -c "$TM capture-pane -p -t main | grep -q \"'cruddur-message' is not '$T'; nothing changed\""
	check remote_tty_wrong_name_exit1 sh -c "$TM capture-pane -p -t main | grep -q 'exited-1'"
	$TM kill-server 2>/dev/null
fi

# --- read-only refuses every write at the queue: nothing reaches the endpoint ---
$DDBTUI seed --count 20 >/dev/null 2>&1
awsl dynamodb scan --table-name $T --output json | $PY -c 'import json,sys; print(sorted(json.dumps(i, sort_keys=True) for i in json.load(sys.stdin)["Items"]))' >"$TEST_TMP/ro.before"
awsl dynamodb list-tables --output text >"$TEST_TMP/ro.tables.before"
$PY tests/faultproxy.py --upstream "$ENDPOINT" --stats "$TEST_TMP/ro.stats" >"$TEST_TMP/ro.port" 2>"$TEST_TMP/ro.log" &
RO_PID=$!
PIDS+=($RO_PID)
i=0
while ! grep -q '^[0-9]' "$TEST_TMP/ro.port" 2>/dev/null && [ $i -lt $((100 * ${TEST_SLOW:-1})) ]; do
	i=$((i + 1))
	sleep 0.05
done
RO="$DDBTUI --read-only --endpoint-url http://127.0.0.1:$(head -1 "$TEST_TMP/ro.port")"
run $RO --table ro-new-table schema-load
expect readonly_schema_load 1 "read-only mode: CreateTable refused"
run $RO drop $T --yes
expect readonly_drop 1 "read-only mode: (drop|DeleteTable) refused"
run $RO recreate --yes
expect readonly_recreate 1 "read-only mode: (recreate|DeleteTable|CreateTable) refused"
run $RO seed --count 20
expect readonly_seed 1 "read-only mode: (BatchWriteItem|PutItem|DeleteItem) refused"
run $RO send --as bayko --group $G "read-only?"
expect readonly_send_group 1 "read-only mode: [A-Za-z]+ refused"
run $RO send --as andrewbrown --to londo "a new conversation?"
expect readonly_send_new 1 "read-only mode: [A-Za-z]+ refused"
run $RO list-tables
expect readonly_list_tables_works 0 "^$T$"
run $RO describe-table
expect readonly_describe_works 0 "$T"
run $RO scan
expect readonly_scan_works 0 '"pk":'
run $RO get-conversation
expect readonly_get_conversation_works 0 "andrewbrown|bayko"
run $RO list-conversations
expect readonly_list_conversations_works 0 "bayko"
printf '%s\n' "keys D" ":save-screen $TEST_TMP/ro_tui_drop.txt" "keys X" ":save-screen $TEST_TMP/ro_tui_recreate.txt" \
	":drop $T" ":save-screen $TEST_TMP/ro_tui_drop_cmd.txt" >"$TEST_TMP/ro_tui.script"
$RO --script "$TEST_TMP/ro_tui.script" --size 100x30 >/dev/null 2>&1
check readonly_tui_drop_refused grep -q "read-only mode: drop is unavailable" "$TEST_TMP/ro_tui_drop.txt"
check readonly_tui_recreate_refused grep -q "read-only mode: recreate is unavailable" "$TEST_TMP/ro_tui_recreate.txt"
check readonly_tui_drop_command_refused grep -q "read-only" "$TEST_TMP/ro_tui_drop_cmd.txt"
kill $RO_PID
wait $RO_PID 2>/dev/null
check readonly_no_write_reached_endpoint $PY -c '
import json, sys
s = json.load(open(sys.argv[1]))
writes = {"PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "CreateTable", "DeleteTable",
          "UpdateTable", "TransactWriteItems", "UpdateTimeToLive", "CreateGlobalTable"}
seen = set(s["by_op"])
assert seen & {"ListTables", "Scan", "Query", "DescribeTable"}, seen
assert not seen & writes, seen & writes
' "$TEST_TMP/ro.stats"
awsl dynamodb scan --table-name $T --output json | $PY -c 'import json,sys; print(sorted(json.dumps(i, sort_keys=True) for i in json.load(sys.stdin)["Items"]))' >"$TEST_TMP/ro.after"
awsl dynamodb list-tables --output text >"$TEST_TMP/ro.tables.after"
check readonly_table_unchanged cmp -s "$TEST_TMP/ro.before" "$TEST_TMP/ro.after"
check readonly_no_table_created cmp -s "$TEST_TMP/ro.tables.before" "$TEST_TMP/ro.tables.after"
