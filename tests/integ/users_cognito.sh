# users_cognito.sh - the users directory subcommands end to end, and update-cognito-ids against
# cognito-local (users made with boto3), directly and through a paging proxy (cognito-local
# answers ListUsers in one page; the proxy pages it 60 at a time as AWS does). Loopback only.
. tests/integ/lib.sh
root=$(pwd)
unset AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER AWS_COGNITO_USER_POOL_ID DDBTUI_USERS
PY=/usr/bin/python3

# json_check NAME FILE PYTHON-EXPR : the file is JSON and the expression (over `a`) holds.
json_check() {
	local name=$1 file=$2 expr=$3
	if $PY - "$file" "$expr" <<'PY'; then pass "$name"; else fail "$name" "$expr"; fi
import json, sys
try:
    a = json.load(open(sys.argv[1]))
    ok = eval("(" + sys.argv[2] + "\n)")
except Exception as e:
    print("  ", type(e).__name__, e)
    ok = False
sys.exit(0 if ok else 1)
PY
}

# no_temp_files NAME DIR : no left-over temporaries (dot files) in DIR.
no_temp_files() {
	if [ -z "$(find "$2" -maxdepth 1 -name '.*' ! -name . 2>/dev/null)" ]; then
		pass "$1"
	else
		fail "$1" "left-over files: $(find "$2" -maxdepth 1 -name '.*' ! -name .)"
	fi
}

# ---------------------------------------------------------------- users list / add / remove
U="$TEST_TMP/dir/users.json"
run $DDBTUI --users "$U" users list --json
expect users_list_creates_file 0 "created the users file .*users.json with 3 default users"
json_check users_list_json_defaults "$TEST_TMP/out" \
	'[u["handle"] for u in a] == ["andrewbrown", "bayko", "londo"] and
	 [u["display_name"] for u in a] == ["Andrew Brown", "Andrew Bayko", "Londo Mollari"] and
	 [u["email"] for u in a] == ["andrew@exampro.co", "bayko@exampro.co", "lmollari@centari.com"] and
	 all(u["cognito_user_id"] == "MOCK" for u in a) and len({u["uuid"] for u in a}) == 3'
json_check users_uuids_are_v4 "$TEST_TMP/out" \
	'all(__import__("uuid").UUID(u["uuid"]).version == 4 for u in a)'
check users_file_mode_0600 test "$(stat -c %a "$U")" = 600
check users_dir_mode_0700 test "$(stat -c %a "$TEST_TMP/dir")" = 700
check users_file_is_list_json sh -c "$PY -c 'import json,sys; assert json.load(open(sys.argv[1])) == json.load(open(sys.argv[2]))' '$U' '$TEST_TMP/out'"
check users_file_two_space_indent grep -q '^    "uuid": ' "$U"

run $DDBTUI --users "$U" users list
expect users_list_human_header 0 "^HANDLE +DISPLAY NAME +EMAIL +UUID +COGNITO ID$"
check users_list_human_row grep -qE '^londo +Londo Mollari +lmollari@centari\.com +[0-9a-f-]{36} +MOCK$' "$TEST_TMP/out"

# default location: $XDG_CONFIG_HOME/ddbtui/users.json, or $DDBTUI_USERS
run $DDBTUI users list --json
expect users_default_path 0 "created the users file $XDG_CONFIG_HOME/ddbtui/users.json"
check users_default_path_exists test -s "$XDG_CONFIG_HOME/ddbtui/users.json"
DDBTUI_USERS="$TEST_TMP/env-users.json" run $DDBTUI users list
expect users_env_path 0 "env-users.json"
check users_env_path_exists test -s "$TEST_TMP/env-users.json"

run $DDBTUI --users "$U" users add vir "Vir Cotto" vir@centari.com
expect users_add 0 "added vir"
vir_uuid=$OUT
run $DDBTUI --users "$U" users list --json
json_check users_add_listed "$TEST_TMP/out" \
	"[u['handle'] for u in a] == ['andrewbrown', 'bayko', 'londo', 'vir'] and a[3]['uuid'] == '$vir_uuid' and a[3]['display_name'] == 'Vir Cotto' and a[3]['cognito_user_id'] == 'MOCK'"

cp "$U" "$TEST_TMP/before.json"
run $DDBTUI --users "$U" users add vir "Other Vir" v2@centari.com
expect users_add_duplicate 1 "exists already"
check users_add_duplicate_unchanged cmp -s "$U" "$TEST_TMP/before.json"
run $DDBTUI --users "$U" users add "bad handle" "Bad" b@x
expect users_add_invalid_handle 2 "invalid handle"
run $DDBTUI --users "$U" users add newone "New One" no-at-sign
expect users_add_invalid_email 2 "email"
run $DDBTUI --users "$U" users add newone ""  n@x
expect users_add_empty_name 2 "display name"
run $DDBTUI --users "$U" users add newone "New One"
expect users_add_missing_arg 2 "users add needs HANDLE"
check users_add_refused_unchanged cmp -s "$U" "$TEST_TMP/before.json"

run $DDBTUI --users "$U" users remove vir
expect users_remove 0 "removed vir"
run $DDBTUI --users "$U" users list --json
json_check users_remove_gone "$TEST_TMP/out" '[u["handle"] for u in a] == ["andrewbrown", "bayko", "londo"]'
cp "$U" "$TEST_TMP/before.json"
run $DDBTUI --users "$U" users remove vir
expect users_remove_unknown 1 "no user with the handle 'vir'"
check users_remove_unknown_unchanged cmp -s "$U" "$TEST_TMP/before.json"
check users_file_mode_after_writes test "$(stat -c %a "$U")" = 600
no_temp_files users_no_temp_files "$TEST_TMP/dir"

run $DDBTUI --users "$U" users
expect users_no_subcommand 2 "list, add or remove"
run $DDBTUI --users "$U" users frob
expect users_unknown_subcommand 2 "unknown users subcommand 'frob'"
run $DDBTUI --users "$U" users remove --json vir
expect users_json_only_list 2 "--json goes with users list only"
run $DDBTUI --users "$U" users list extra
expect users_list_extra_arg 2 "takes no arguments"

# a malformed file: line and column, exit 1, never rewritten (by any subcommand)
B="$TEST_TMP/bad/users.json"
mkdir -p "$TEST_TMP/bad"
printf '[\n  {\n    "uuid": "x",\n    "handle" "y"\n  }\n]\n' >"$B"
cp "$B" "$TEST_TMP/bad.orig"
run $DDBTUI --users "$B" users list
expect malformed_list 1 "users\.json: line 4, column 14: expected ':'"
check malformed_list_unchanged cmp -s "$B" "$TEST_TMP/bad.orig"
run $DDBTUI --users "$B" users add zed "Zed" z@x
expect malformed_add 1 "line 4, column 14"
check malformed_add_unchanged cmp -s "$B" "$TEST_TMP/bad.orig"
run $DDBTUI --users "$B" users remove y
expect malformed_remove 1 "line 4, column 14"
check malformed_remove_unchanged cmp -s "$B" "$TEST_TMP/bad.orig"
run $DDBTUI --users "$B" update-cognito-ids --user-pool-id local_x --cognito-endpoint http://127.0.0.1:1
expect malformed_update_cognito_ids 1 "line 4, column 14"
check malformed_update_unchanged cmp -s "$B" "$TEST_TMP/bad.orig"
printf '[{"uuid": "a", "handle": "h"}, {"uuid": "b", "handle": "h"}]' >"$B"
cp "$B" "$TEST_TMP/bad.orig"
run $DDBTUI --users "$B" users add zed "Zed" z@x
expect duplicate_handle_in_file 1 "index 1: duplicate handle 'h'"
check duplicate_handle_unchanged cmp -s "$B" "$TEST_TMP/bad.orig"
printf '[{"uuid": "a", "display_name": "no handle"}]' >"$B"
run $DDBTUI --users "$B" users list
expect missing_handle_in_file 1 "user at index 0 has no \"handle\""
no_temp_files malformed_no_temp_files "$TEST_TMP/bad"

# ---------------------------------------------------------------- update-cognito-ids: usage
run $DDBTUI --users "$U" update-cognito-ids
expect cognito_no_pool 2 "no user pool: pass --user-pool-id"
run $DDBTUI --users "$U" update-cognito-ids --user-pool-id p --cognito-endpoint ftp://127.0.0.1:1
expect cognito_bad_endpoint 2 "scheme must be http or https"
run $DDBTUI --users "$U" update-cognito-ids extra --user-pool-id p
expect cognito_extra_arg 2 "takes no arguments"

# placeholder credentials (local DynamoDB, no keys) are never sent to a remote Cognito; refused
# before anything is sent
env -u AWS_ACCESS_KEY_ID -u AWS_SECRET_ACCESS_KEY $DDBTUI --users "$U" update-cognito-ids \
	--user-pool-id p --cognito-endpoint https://cognito-idp.example.invalid \
	>"$TEST_TMP/out" 2>"$TEST_TMP/err"
RC=$? OUT=$(cat "$TEST_TMP/out") ERR=$(cat "$TEST_TMP/err")
expect cognito_remote_needs_credentials 2 "no AWS credentials for Cognito"

# a dead endpoint: exit 1, file unchanged
dead=$("$root/scripts/freeport.sh")
cp "$U" "$TEST_TMP/before.json"
run $DDBTUI --users "$U" update-cognito-ids --user-pool-id local_x --cognito-endpoint "http://127.0.0.1:$dead"
expect cognito_dead_endpoint 1 "cannot reach|connect"
check cognito_dead_endpoint_unchanged cmp -s "$U" "$TEST_TMP/before.json"

# ---------------------------------------------------------------- cognito-local
cog_dir="$TEST_TMP/cognito-local"
mkdir -p "$cog_dir"
cog_pid="" proxy_pid=""
stop_servers() {
	[ -n "$proxy_pid" ] && kill "$proxy_pid" 2>/dev/null && wait "$proxy_pid" 2>/dev/null
	[ -n "$cog_pid" ] && kill "$cog_pid" 2>/dev/null && wait "$cog_pid" 2>/dev/null
	proxy_pid="" cog_pid=""
}
trap stop_servers EXIT

cport=$("$root/scripts/freeport.sh")
# cognito-local keeps its data in ./.cognito: run it in a fresh directory.
(cd "$cog_dir" && HOST=127.0.0.1 PORT=$cport exec node \
	"$root/tools/npm/node_modules/cognito-local/lib/bin/start.js" >"$cog_dir/log" 2>&1) &
cog_pid=$!
COG="http://127.0.0.1:$cport"

# answers NAME URL : waits up to 20 s for a ListUserPools answer.
answers() {
	local i
	for i in $(seq 200); do
		if curl -s --noproxy '*' -o /dev/null -m 1 -X POST -H 'Content-Type: application/x-amz-json-1.1' \
			-H 'X-Amz-Target: AWSCognitoIdentityProviderService.ListUserPools' \
			-d '{"MaxResults": 1}' "$2"; then
			return 0
		fi
		sleep 0.1
	done
	return 1
}
if ! answers cognito "$COG"; then
	fail cognito_local_starts "no answer on $COG; log: $(tail -5 "$cog_dir/log")"
	exit 1
fi
pass cognito_local_starts

# A pool with 67 users: andrewbrown and bayko among them (not londo), a "Londo" (handles are
# case-sensitive), one without preferred_username. Their subs as boto3 reports them.
if ! COG="$COG" OUTDIR="$TEST_TMP" $PY - <<'PY'; then
import boto3, json, os
c = boto3.client("cognito-idp", endpoint_url=os.environ["COG"], region_name="us-east-1")
pool = c.create_user_pool(PoolName="cruddur-user-pool")["UserPool"]["Id"]
prefs = [f"user{i:03d}" for i in range(62)] + ["andrewbrown", "bayko", "Londo", None]
for i, p in enumerate(prefs):
    attrs = [{"Name": "email", "Value": f"u{i}@example.com"}]
    if p:
        attrs.append({"Name": "preferred_username", "Value": p})
    c.admin_create_user(UserPoolId=pool, Username=f"u{i}@example.com", UserAttributes=attrs,
                        MessageAction="SUPPRESS")
c.admin_create_user(UserPoolId=pool, Username="late@example.com", MessageAction="SUPPRESS",
                    UserAttributes=[{"Name": "preferred_username", "Value": "user999"}])
subs = {}
for page in c.get_paginator("list_users").paginate(UserPoolId=pool):
    for u in page["Users"]:
        a = {x["Name"]: x["Value"] for x in u["Attributes"]}
        if "preferred_username" in a:
            subs[a["preferred_username"]] = a["sub"]
assert len(subs) == 66, len(subs)
open(os.path.join(os.environ["OUTDIR"], "pool"), "w").write(pool)
json.dump(subs, open(os.path.join(os.environ["OUTDIR"], "subs.json"), "w"))
PY
	fail boto3_pool "could not create the pool and users"
	exit 1
fi
pass boto3_pool_67_users
POOL=$(cat "$TEST_TMP/pool")
sub_of() { $PY -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$TEST_TMP/subs.json" "$1"; }
SUB_A=$(sub_of andrewbrown)
SUB_B=$(sub_of bayko)

# The paging proxy: ListUsers 1..60 a page with PaginationToken (as AWS), everything else passed
# through; logs each ListUsers; holds a request while $TEST_TMP/slow exists.
cat >"$TEST_TMP/proxy.py" <<'PY'
import json, os, sys, time, urllib.error, urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

port, upstream, tmp = int(sys.argv[1]), sys.argv[2], sys.argv[3]
log = open(os.path.join(tmp, "proxy.log"), "a", buffering=1)

class Handler(BaseHTTPRequestHandler):
    def log_message(self, *a):
        pass

    def reply(self, code, data):
        self.send_response(code)
        self.send_header("Content-Type", "application/x-amz-json-1.1")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def error(self, kind, msg):
        self.reply(400, json.dumps({"__type": kind, "message": msg}).encode())

    def do_POST(self):
        raw = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        target = self.headers.get("X-Amz-Target", "")
        paging = target == "AWSCognitoIdentityProviderService.ListUsers"
        if paging:
            body = json.loads(raw)
            limit, token = body.get("Limit"), body.get("PaginationToken")
            auth = self.headers.get("Authorization", "")
            log.write(f"ListUsers limit={limit} token={token} "
                      f"signed={'/cognito-idp/aws4_request' in auth}\n")
            if os.path.exists(os.path.join(tmp, "slow")):
                log.write("holding\n")
                for _ in range(300):
                    if not os.path.exists(os.path.join(tmp, "slow")):
                        break
                    time.sleep(0.1)
            if not isinstance(limit, int) or not 1 <= limit <= 60:
                return self.error("InvalidParameterException", "Limit must be 1 to 60")
            start = 0
            if token is not None:
                if not token.startswith("page-"):
                    return self.error("InvalidParameterException", "bad PaginationToken")
                start = int(token[5:])
        req = urllib.request.Request(upstream + "/", data=raw, method="POST", headers={
            "X-Amz-Target": target, "Content-Type": "application/x-amz-json-1.1"})
        try:
            with urllib.request.urlopen(req, timeout=10) as r:
                code, data = r.status, r.read()
        except urllib.error.HTTPError as e:
            code, data = e.code, e.read()
        if paging and code == 200:
            users = json.loads(data)["Users"]
            out = {"Users": users[start:start + limit]}
            if start + limit < len(users):
                out["PaginationToken"] = f"page-{start + limit}"
            data = json.dumps(out).encode()
        self.reply(code, data)

server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
server.daemon_threads = True
server.serve_forever()
PY
pport=$("$root/scripts/freeport.sh")
$PY "$TEST_TMP/proxy.py" "$pport" "$COG" "$TEST_TMP" &
proxy_pid=$!
PROXY="http://127.0.0.1:$pport"
if answers proxy "$PROXY"; then pass paging_proxy_starts; else fail paging_proxy_starts "no answer"; exit 1; fi

# --- through the proxy: every page is followed ---
C="$TEST_TMP/cog/users.json"
run $DDBTUI --users "$C" users list --json
cp "$TEST_TMP/out" "$TEST_TMP/cog-before.json"
: >"$TEST_TMP/proxy.log"
run $DDBTUI --users "$C" update-cognito-ids --user-pool-id "$POOL" --cognito-endpoint "$PROXY"
expect cognito_update_ok 0 "67 Cognito users in $POOL; 2 users changed"
check cognito_update_lines test "$OUT" = "andrewbrown: MOCK -> $SUB_A
bayko: MOCK -> $SUB_B"
check cognito_all_pages test "$(grep -c '^ListUsers' "$TEST_TMP/proxy.log")" = 2
check cognito_page_token grep -q '^ListUsers limit=60 token=page-60 signed=True$' "$TEST_TMP/proxy.log"
check cognito_limit_60 test "$(grep -c '^ListUsers limit=60 ' "$TEST_TMP/proxy.log")" = 2
json_check cognito_file_updated "$C" \
	"[(u['handle'], u['cognito_user_id']) for u in a] == [('andrewbrown', '$SUB_A'), ('bayko', '$SUB_B'), ('londo', 'MOCK')]"
json_check cognito_rest_untouched "$C" \
	"[(u['uuid'], u['display_name'], u['email']) for u in a] == [(u['uuid'], u['display_name'], u['email']) for u in json.load(open('$TEST_TMP/cog-before.json'))]"
check cognito_file_mode test "$(stat -c %a "$C")" = 600
no_temp_files cognito_no_temp_files "$TEST_TMP/cog"

# again: nothing changes, the file is not rewritten
cp "$C" "$TEST_TMP/cog-after.json"
inode=$(stat -c %i "$C")
run $DDBTUI --users "$C" update-cognito-ids --user-pool-id "$POOL" --cognito-endpoint "$PROXY"
expect cognito_update_again 0 "no user changed"
check cognito_update_again_no_lines test -z "$OUT"
check cognito_update_again_unchanged cmp -s "$C" "$TEST_TMP/cog-after.json"
check cognito_update_again_not_rewritten test "$(stat -c %i "$C")" = "$inode"

# --- directly against cognito-local, pool and endpoint from the environment ---
E="$TEST_TMP/env/users.json"
run $DDBTUI --users "$E" users list
AWS_COGNITO_USER_POOL_ID=$POOL AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER=$COG \
	run $DDBTUI --users "$E" update-cognito-ids
expect cognito_env_direct 0 "2 users changed"
check cognito_env_direct_lines test "$OUT" = "andrewbrown: MOCK -> $SUB_A
bayko: MOCK -> $SUB_B"
json_check cognito_env_direct_file "$E" \
	"{u['handle']: u['cognito_user_id'] for u in a} == {'andrewbrown': '$SUB_A', 'bayko': '$SUB_B', 'londo': 'MOCK'}"

# --- an unknown pool: the service error, exit 1, file unchanged ---
cp "$E" "$TEST_TMP/env-before.json"
run $DDBTUI --users "$E" update-cognito-ids --user-pool-id us-east-1_nosuchpool --cognito-endpoint "$COG"
expect cognito_unknown_pool 1 "ResourceNotFoundException"
check cognito_unknown_pool_unchanged cmp -s "$E" "$TEST_TMP/env-before.json"

# --- interrupted while ListUsers is in flight: exit 130, file unchanged and valid ---
I="$TEST_TMP/int/users.json"
run $DDBTUI --users "$I" users list
cp "$I" "$TEST_TMP/int-before.json"
: >"$TEST_TMP/proxy.log"
touch "$TEST_TMP/slow"
$DDBTUI --users "$I" update-cognito-ids --user-pool-id "$POOL" --cognito-endpoint "$PROXY" \
	>"$TEST_TMP/int.out" 2>"$TEST_TMP/int.err" &
upd=$!
for i in $(seq $((200 * ${TEST_SLOW:-1}))); do # the wrapped binary's first request
	grep -q '^holding' "$TEST_TMP/proxy.log" && break
	sleep 0.05
done
if grep -q '^holding' "$TEST_TMP/proxy.log"; then
	kill -INT "$upd"
	wait "$upd"
	rc=$?
	rm -f "$TEST_TMP/slow"
	check cognito_interrupt_exit_130 test "$rc" = 130
	check cognito_interrupt_message grep -q "interrupted; .* was not changed" "$TEST_TMP/int.err"
	check cognito_interrupt_no_output test ! -s "$TEST_TMP/int.out"
	check cognito_interrupt_unchanged cmp -s "$I" "$TEST_TMP/int-before.json"
	json_check cognito_interrupt_file_valid "$I" 'all(u["cognito_user_id"] == "MOCK" for u in a)'
	no_temp_files cognito_interrupt_no_temp_files "$TEST_TMP/int"
else
	rm -f "$TEST_TMP/slow"
	kill "$upd" 2>/dev/null
	wait "$upd"
	fail cognito_interrupt "the request never reached the proxy"
fi

# cognito-local still answers after all that, and is stopped at exit (trap)
check cognito_local_alive kill -0 "$cog_pid"
