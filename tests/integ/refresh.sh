# refresh.sh - temporary credentials refreshed while ddbtui runs (issue 13, item 3), against the
# loopback stand-ins of tests/credstub.py: an assume-role profile whose STS credentials live a
# few seconds (CREDSTUB_LIFETIME), with the refresh windows shortened by the test-only
# DDBTUI_TEST_CREDS_WINDOWS. A long scan crosses the refresh boundary: STS is asked again, no
# request is signed with an expired key, no page is lost. A slow STS in the mandatory window
# holds requests instead; an STS that stops answering fails the held requests with a clear
# error (no hang). An ExpiredTokenException is re-signed and sent exactly once more, and a
# write is not doubled.
. tests/integ/lib.sh
export HOME="$TEST_TMP/home"
mkdir -p "$HOME/.aws"
unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_SECURITY_TOKEN AWS_PROFILE \
	AWS_DEFAULT_PROFILE AWS_ENDPOINT_URL AWS_ENDPOINT_URL_DYNAMODB AWS_CONFIG_FILE \
	AWS_SHARED_CREDENTIALS_FILE AWS_WEB_IDENTITY_TOKEN_FILE AWS_ROLE_ARN \
	AWS_CONTAINER_CREDENTIALS_RELATIVE_URI AWS_CONTAINER_CREDENTIALS_FULL_URI \
	AWS_EC2_METADATA_SERVICE_ENDPOINT DDBTUI_TEST_CREDS_WINDOWS
export AWS_REGION=us-east-1 AWS_EC2_METADATA_DISABLED=true
cat >"$HOME/.aws/credentials" <<EOF2
[base]
aws_access_key_id = AKIABASE
aws_secret_access_key = base/secret
EOF2
cat >"$HOME/.aws/config" <<EOF2
[profile role]
role_arn = arn:aws:iam::111111111111:role/r1
source_profile = base
EOF2
STUB_PID=
trap 'stop_pid "$STUB_PID"' EXIT

# stub VAR=VALUE... : a fresh credstub.py with that environment; sets STUB and LOG
stub() {
	stop_pid "$STUB_PID"
	local port
	port=$("$REPO_ROOT/scripts/freeport.sh")
	LOG="$TEST_TMP/stub.$port.log"
	: >"$LOG"
	env "$@" python3 "$REPO_ROOT/tests/credstub.py" "$port" "$LOG" >"$TEST_TMP/stub.out" 2>&1 &
	STUB_PID=$!
	for _ in $(seq 50); do grep -q ready "$TEST_TMP/stub.out" 2>/dev/null && break; sleep 0.1; done
	STUB="http://127.0.0.1:$port"
	export AWS_ENDPOINT_URL_STS="$STUB"
}
# calls NAME : how many lines of the stub's log are call NAME
calls() { grep -c "\"call\": \"$1\"" "$LOG"; }
# keys : the distinct keys that signed DynamoDB requests
keys() { grep '"call": "dynamodb"' "$LOG" | sed -E 's/.*"key": "([^"]*)".*/\1/' | sort -u | wc -l; }

# --- a scan over the refresh boundary: credentials of 6 s, advisory at 4 s left, mandatory at
# 2 s; 24 pages of 0.4 s each (about 10 s) ---
stub CREDSTUB_LIFETIME=6 CREDSTUB_PAGES=24 CREDSTUB_PAGE_DELAY=0.4
run env DDBTUI_TEST_CREDS_WINDOWS=4,2 timeout $((60 * ${TEST_SLOW:-1})) \
	$DDBTUI --profile role --endpoint-url "$STUB" --verbose scan t
expect refresh_scan_ok 0 '"p23-1"'
check refresh_scan_no_page_lost [ "$(printf '%s\n' "$OUT" | grep -c '"pk"')" = 48 ]
check refresh_sts_asked_again [ "$(calls sts-AssumeRole)" -ge 3 ]
check refresh_new_keys_signed [ "$(keys)" -ge 3 ]
check refresh_never_expired_key [ "$(calls dynamodb-refused)" = 0 ]
check refresh_logged_as_entry grep -qE 'ddbtui: RefreshCredentials assume-role, expires [0-9T:-]+Z -> ' "$TEST_TMP/err"
check refresh_log_no_secret sh -c '! grep -qE "secret/|token-AssumeRole" "$1"' _ "$TEST_TMP/err"

# --- a slow STS in the mandatory window (advisory = mandatory = 3 s): requests wait for it ---
stub CREDSTUB_LIFETIME=5 CREDSTUB_PAGES=16 CREDSTUB_PAGE_DELAY=0.4 CREDSTUB_STS_DELAY=1
run env DDBTUI_TEST_CREDS_WINDOWS=3,3 timeout $((60 * ${TEST_SLOW:-1})) \
	$DDBTUI --profile role --endpoint-url "$STUB" scan t
expect refresh_mandatory_hold_ok 0 '"p15-1"'
check refresh_mandatory_no_page_lost [ "$(printf '%s\n' "$OUT" | grep -c '"pk"')" = 32 ]
check refresh_mandatory_sts_again [ "$(calls sts-AssumeRole)" -ge 2 ]
check refresh_mandatory_never_expired [ "$(calls dynamodb-refused)" = 0 ]

# --- STS refuses every refresh: once the key has expired, the scan fails naming the source ---
stub CREDSTUB_LIFETIME=4 CREDSTUB_PAGES=40 CREDSTUB_PAGE_DELAY=0.4 CREDSTUB_STS_FAIL_AFTER=1
SECONDS=0
run env DDBTUI_TEST_CREDS_WINDOWS=3,2 timeout $((60 * ${TEST_SLOW:-1})) \
	$DDBTUI --profile role --endpoint-url "$STUB" scan t
expect refresh_failed_clear_error 1 'Scan not sent: the credentials from assume-role, expires [0-9T:-]+Z have expired and could not be refreshed: .*refuses refreshes'
check refresh_failed_no_hang [ "$SECONDS" -lt $((20 * ${TEST_SLOW:-1})) ]
check refresh_failed_some_pages [ "$(printf '%s\n' "$OUT" | grep -c '"pk"')" -ge 2 ]
check refresh_failed_never_expired [ "$(calls dynamodb-refused)" = 0 ]

# --- ExpiredTokenException once: refreshed, re-signed, sent exactly twice ---
stub CREDSTUB_LIFETIME=3600 CREDSTUB_EXPIRE_ONCE=1
run $DDBTUI --profile role --endpoint-url "$STUB" list-tables
expect expired_token_resigned 0 '^creds-ok$'
# (every DynamoDB request logs "dynamodb"; a refused one also "dynamodb-refused")
check expired_token_sent_twice [ "$(calls dynamodb)" = 2 ]
check expired_token_refused_once [ "$(calls dynamodb-refused)" = 1 ]
check expired_token_refreshed [ "$(calls sts-AssumeRole)" = 2 ]
first=$(grep '"call": "dynamodb"' "$LOG" | head -1 | sed -E 's/.*"key": "([^"]*)".*/\1/')
second=$(grep '"call": "dynamodb"' "$LOG" | tail -1 | sed -E 's/.*"key": "([^"]*)".*/\1/')
check expired_token_other_key test -n "$first" -a -n "$second" -a "$first" != "$second"

# a write refused so is sent once more and applied once
stub CREDSTUB_LIFETIME=3600 CREDSTUB_EXPIRE_ONCE=1
run $DDBTUI --profile role --endpoint-url "$STUB" partiql "INSERT INTO t VALUE {'pk': 'w1'}"
expect expired_token_write_ok 0 ''
check expired_token_write_sent_twice [ "$(calls dynamodb)" = 2 ]
check expired_token_write_once [ "$(calls dynamodb-write)" = 1 ]

# an ExpiredTokenException twice in a row: re-signed only once, then the error
stub CREDSTUB_LIFETIME=3600 CREDSTUB_EXPIRE_ONCE=2
run $DDBTUI --profile role --endpoint-url "$STUB" list-tables
expect expired_token_only_once 1 'ExpiredTokenException'
check expired_token_only_once_count [ "$(calls dynamodb)" = 2 ]
check expired_token_only_once_sts [ "$(calls sts-AssumeRole)" = 2 ]
