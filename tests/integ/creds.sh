# creds.sh - the AWS credential chain (issue 13) against loopback stand-ins (tests/credstub.py:
# STS, the SSO portal, container credentials, IMDSv2 and a DynamoDB that records the signing key).
# For each mechanism botocore's own session, with the same files and environment, is the oracle:
# ddbtui must sign the DynamoDB request with the key botocore resolves and send its session
# token. Then the bad inputs, each with its message and exit code (2 configuration, 1 service).
. tests/integ/lib.sh
export HOME="$TEST_TMP/home"
mkdir -p "$HOME/.aws/sso/cache"
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done' EXIT
unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_SECURITY_TOKEN AWS_PROFILE \
	AWS_DEFAULT_PROFILE AWS_ENDPOINT_URL AWS_ENDPOINT_URL_DYNAMODB AWS_CONFIG_FILE \
	AWS_SHARED_CREDENTIALS_FILE AWS_WEB_IDENTITY_TOKEN_FILE AWS_ROLE_ARN \
	AWS_CONTAINER_CREDENTIALS_RELATIVE_URI AWS_CONTAINER_CREDENTIALS_FULL_URI \
	AWS_CONTAINER_AUTHORIZATION_TOKEN AWS_EC2_METADATA_SERVICE_ENDPOINT
PORT=$("$REPO_ROOT/scripts/freeport.sh")
LOG="$TEST_TMP/stub.log"
STUB="http://127.0.0.1:$PORT"
python3 "$REPO_ROOT/tests/credstub.py" "$PORT" "$LOG" >"$TEST_TMP/stub.out" 2>&1 &
PIDS+=($!)
for _ in $(seq 50); do grep -q ready "$TEST_TMP/stub.out" 2>/dev/null && break; sleep 0.1; done
export AWS_REGION=us-east-1 AWS_ENDPOINT_URL_STS="$STUB" AWS_ENDPOINT_URL_SSO="$STUB"
export AWS_EC2_METADATA_DISABLED=true # only the IMDS case turns it on, pointed at the stub

printf 'web-identity-jwt-ddbtui\n' >"$TEST_TMP/webtoken"
cat >"$TEST_TMP/proc.sh" <<'PROC'
#!/bin/sh
# a credential_process: its argument must arrive as one word
[ "$1" = "arg one" ] || { echo "bad argument: $1" >&2; exit 5; }
printf '{"Version": 1, "AccessKeyId": "AKIAPROCESS", "SecretAccessKey": "proc/secret", "SessionToken": "proc-token", "Expiration": "2099-01-01T00:00:00Z"}\n'
PROC
chmod +x "$TEST_TMP/proc.sh"
cat >"$HOME/.aws/credentials" <<EOF2
[base]
aws_access_key_id = AKIABASE
aws_secret_access_key = base/secret
[legacytok]
aws_access_key_id = AKIALEGACY
aws_secret_access_key = legacy/secret
aws_security_token = legacy-token
EOF2
cat >"$HOME/.aws/config" <<EOF2
[profile base]
region = us-east-1
[profile role]
role_arn = arn:aws:iam::111111111111:role/r1
source_profile = base
external_id = ext-123
role_session_name = sess-one
[profile role2]
role_arn = arn:aws:iam::111111111111:role/r2
source_profile = role
[profile rolestatic]
role_arn = arn:aws:iam::111111111111:role/r3
source_profile = base
aws_access_key_id = AKIASTATICWRONG
aws_secret_access_key = static/secret
[profile cyc1]
role_arn = arn:aws:iam::111111111111:role/c1
source_profile = cyc2
[profile cyc2]
role_arn = arn:aws:iam::111111111111:role/c2
source_profile = cyc1
[profile denied]
role_arn = arn:aws:iam::111111111111:role/denied
source_profile = base
[profile mfa]
role_arn = arn:aws:iam::111111111111:role/m
source_profile = base
mfa_serial = arn:aws:iam::111111111111:mfa/user
[profile proc]
credential_process = "$TEST_TMP/proc.sh" 'arg one'
[profile procfail]
credential_process = sh -c 'echo "helper says: boom" >&2; exit 3'
[profile procjunk]
credential_process = echo not json
[profile sso]
sso_session = my-sso
sso_account_id = 123456789012
sso_role_name = Reader
[sso-session my-sso]
sso_start_url = https://example.awsapps.com/start
sso_region = us-east-1
sso_registration_scopes = sso:account:access
[profile ssolegacy]
sso_start_url = https://legacy.awsapps.com/start
sso_region = us-east-1
sso_account_id = 210987654321
sso_role_name = Admin
[profile ssoexpired]
sso_start_url = https://expired.awsapps.com/start
sso_region = us-east-1
sso_account_id = 210987654321
sso_role_name = Admin
[profile webid]
role_arn = arn:aws:iam::111111111111:role/web
web_identity_token_file = $TEST_TMP/webtoken
role_session_name = web-sess
[profile envsrc]
role_arn = arn:aws:iam::111111111111:role/fromenv
credential_source = Environment
[profile nothing]
region = us-east-1
EOF2
cache() { # cache KEY EXPIRES : an SSO token in the cache, named by the SHA-1 of KEY
	local f
	f=$(printf '%s' "$1" | sha1sum | cut -d' ' -f1)
	printf '{"startUrl": "x", "region": "us-east-1", "accessToken": "sso-access-token-ddbtui", "expiresAt": "%s"}\n' "$2" >"$HOME/.aws/sso/cache/$f.json"
}
cache my-sso 2099-01-01T00:00:00Z
cache https://legacy.awsapps.com/start 2099-01-01T00:00:00Z
cache https://expired.awsapps.com/start 2020-01-01T00:00:00Z

# oracle [PROFILE] : "KEY TOKEN" as botocore resolves them
oracle() {
	AWS_DEFAULT_REGION=$AWS_REGION python3 -c '
import sys, botocore.session
s = botocore.session.Session(profile=sys.argv[1] or None)
c = s.get_credentials()
print("%s %s" % (c.access_key, c.token) if c else "NONE")' "${1:-}" 2>&1 | tail -1
}
# signed [PROFILE] : runs list-tables against the stub; "KEY TOKEN" of the DynamoDB request in
# $SIGNED (not in a subshell: run's $RC and $OUT are needed after)
signed() {
	: >"$LOG"
	run $DDBTUI --endpoint-url "$STUB" ${1:+--profile "$1"} list-tables
	python3 -c '
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
d = [r for r in rows if r["call"] == "dynamodb"]
print("%s %s" % (d[-1]["key"], d[-1]["token"]) if d else "NOTHING")' "$LOG" >"$TEST_TMP/signed"
	SIGNED=$(cat "$TEST_TMP/signed")
}
# same NAME [PROFILE] : ddbtui signs with what botocore resolved, and lists the stub's table
same() {
	local want got
	want=$(oracle "$2")
	signed "$2"
	got=$SIGNED
	if [ "$want" = "NONE" ] || [ "$got" != "$want" ] || [ "$OUT" != "creds-ok" ]; then
		fail "$1" "botocore: $want, ddbtui signed: $got (exit $RC) $(echo "$ERR" | head -2)"
	else
		pass "$1"
	fi
	echo "  $1: botocore $want | ddbtui $got" >>"$TEST_TMP/table"
}
# stub_has NAME PYEXPR : some logged request r satisfies the expression
stub_has() {
	if python3 -c '
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
sys.exit(0 if any(eval(sys.argv[2], {"r": r}) for r in rows) else 1)' "$LOG" "$2"; then
		pass "$1"
	else
		fail "$1" "no request with $2 in $(head -c 600 "$LOG")"
	fi
}
sent_nothing() { if [ -s "$LOG" ]; then fail "$1" "sent: $(head -c 300 "$LOG")"; else pass "$1"; fi; }

# --- each mechanism, botocore's result against ddbtui's signature ---
same creds_static_profile base
same creds_assume_role role
stub_has creds_assume_role_signed_by_source \
	'r["call"] == "sts-AssumeRole" and r["key"] == "AKIABASE" and r["ExternalId"] == "ext-123" and r["RoleSessionName"] == "sess-one"'
same creds_role_chain role2
stub_has creds_role_chain_two_hops 'r["call"] == "sts-AssumeRole" and r["RoleArn"].endswith("/r2") and r["key"].startswith("ASIA")'
same creds_role_beats_static_keys rolestatic
same creds_process proc
same creds_sso_session sso
stub_has creds_sso_bearer 'r["call"] == "sso" and r["bearer"] == "sso-access-token-ddbtui" and r["account"] == "123456789012" and r["role"] == "Reader"'
same creds_sso_legacy ssolegacy
same creds_web_identity_profile webid
stub_has creds_web_identity_unsigned 'r["call"] == "sts-AssumeRoleWithWebIdentity" and r["key"] is None and r["WebIdentityToken"] == "web-identity-jwt-ddbtui"'
same creds_legacy_security_token legacytok
AWS_ACCESS_KEY_ID=AKIAENVSRC AWS_SECRET_ACCESS_KEY=env/secret same creds_credential_source_env envsrc
AWS_ACCESS_KEY_ID=AKIAENV AWS_SECRET_ACCESS_KEY=env/secret AWS_SECURITY_TOKEN=env-legacy-token \
	same creds_env_legacy_token
AWS_DEFAULT_PROFILE=proc AWS_PROFILE=base same creds_aws_default_profile
AWS_WEB_IDENTITY_TOKEN_FILE="$TEST_TMP/webtoken" AWS_ROLE_ARN=arn:aws:iam::111111111111:role/envweb \
	AWS_ROLE_SESSION_NAME=env-sess same creds_web_identity_env
AWS_CONTAINER_CREDENTIALS_FULL_URI="$STUB/container/creds" \
	AWS_CONTAINER_AUTHORIZATION_TOKEN=container-auth-token-ddbtui same creds_container
printf 'container-auth-token-ddbtui' >"$TEST_TMP/ctok" # botocore sends a newline as is
AWS_CONTAINER_CREDENTIALS_FULL_URI="$STUB/container/creds" \
	AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE="$TEST_TMP/ctok" same creds_container_token_file
AWS_EC2_METADATA_DISABLED=false AWS_EC2_METADATA_SERVICE_ENDPOINT="$STUB/" same creds_imds
stub_has creds_imds_token_sent 'r["call"] == "imds" and r["token_ok"]'

# the STS endpoint from the profile's [services NAME] section (nested settings)
printf '[profile svcrole]\nrole_arn = arn:aws:iam::111111111111:role/svc\nsource_profile = base\nservices = stubsvc\n[services stubsvc]\nsts =\n  endpoint_url = %s\n' "$STUB" >>"$HOME/.aws/config"
(unset AWS_ENDPOINT_URL_STS; same creds_services_section_sts svcrole)

# --- verbose names the source and never a secret ---
: >"$LOG"
run $DDBTUI --verbose --endpoint-url "$STUB" --profile role list-tables
if echo "$ERR" | grep -q "credentials from assume-role (expire 2099-01-01T00:00:00Z)" && ! grep -qF "secret/" "$TEST_TMP/err"; then
	pass creds_verbose_source
else fail creds_verbose_source "$(echo "$ERR" | head -2)"; fi

# --- bad input: message and exit code, and nothing sent where nothing may be ---
: >"$LOG"
run $DDBTUI --endpoint-url "$STUB" --profile ssoexpired list-tables
expect creds_sso_expired 2 'run `aws sso login --profile ssoexpired`'
sent_nothing creds_sso_expired_sends_nothing
: >"$LOG"
run $DDBTUI --endpoint-url "$STUB" --profile procfail list-tables
expect creds_process_fails 2 'credential_process of profile procfail \(sh\) failed with exit status 3: helper says: boom'
run $DDBTUI --endpoint-url "$STUB" --profile procjunk list-tables
expect creds_process_bad_json 2 'credential_process of profile procjunk printed no JSON object'
: >"$LOG"
run $DDBTUI --endpoint-url "$STUB" --profile cyc1 list-tables
expect creds_role_cycle 2 'role chain of source_profile loops: cyc1 -> cyc2 -> cyc1'
sent_nothing creds_role_cycle_sends_nothing
: >"$LOG"
run setsid $DDBTUI --endpoint-url "$STUB" --profile mfa list-tables </dev/null
expect creds_mfa_no_terminal 2 'mfa_serial arn:aws:iam::111111111111:mfa/user: the MFA token code must be typed on a terminal'
sent_nothing creds_mfa_no_terminal_sends_nothing
# with a terminal: the code is asked there, not echoed, and sent with the serial
: >"$LOG"
run python3 "$REPO_ROOT/tests/creds_mfa.py" "$DDBTUI" "$STUB" 493817
if echo "$OUT" | grep -q "Enter MFA code for arn:aws:iam::111111111111:mfa/user:" &&
	echo "$OUT" | grep -q "^creds-ok" && echo "$OUT" | grep -q "EXIT 0" && ! echo "$OUT" | grep -q 493817; then
	pass creds_mfa_terminal
else fail creds_mfa_terminal "$(echo "$OUT" | tr '\r\n' '  ' | head -c 300)"; fi
stub_has creds_mfa_code_sent 'r["call"] == "sts-AssumeRole" and r["SerialNumber"].endswith(":mfa/user") and r["TokenCode"] == "493817" and r["key"] == "AKIABASE"'
run $DDBTUI --endpoint-url "$STUB" --profile nothing list-tables
expect creds_named_profile_no_creds 2 'profile nothing has no credentials'
run $DDBTUI --endpoint-url "$STUB" --profile denied list-tables
expect creds_sts_denied 1 'STS AssumeRole: AccessDenied: not authorized'
: >"$LOG"
AWS_CONTAINER_CREDENTIALS_FULL_URI=http://10.1.2.3/creds run $DDBTUI --endpoint-url "$STUB" list-tables
expect creds_full_uri_not_loopback 2 'AWS_CONTAINER_CREDENTIALS_FULL_URI must be an https URL or an http URL of a loopback address.*refusing 10.1.2.3'
sent_nothing creds_full_uri_sends_nothing

# --- endpoints: the profile's endpoint_url serves DynamoDB; the switch turns it off ---
printf '[profile ep]\naws_access_key_id = AKIAEP\naws_secret_access_key = s\nendpoint_url = %s\n' "$STUB" >>"$HOME/.aws/config"
: >"$LOG"
run $DDBTUI --profile ep list-tables
expect creds_profile_endpoint_url 0 '^creds-ok$'
AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true run $DDBTUI --verbose --profile ep list-tables
if echo "$ERR" | grep -q "endpoint http://localhost:8000 (default)"; then pass creds_ignore_configured_endpoints
else fail creds_ignore_configured_endpoints "$(echo "$ERR" | head -2)"; fi

# --- proxies: HTTP_PROXY (upper case too, which libcurl alone ignores), NO_PROXY, --no-proxy ---
# The stub doubles as the proxy: a request for the dead port 1 reaches it with an absolute URL.
DEAD=http://127.0.0.1:1
: >"$LOG"
HTTP_PROXY="$STUB" run $DDBTUI --profile base --endpoint-url "$DEAD" list-tables
expect creds_http_proxy 0 '^creds-ok$'
stub_has creds_http_proxy_absolute_url 'r["call"] == "dynamodb" and r["path"] == "http://127.0.0.1:1/"'
HTTP_PROXY="$STUB" NO_PROXY=127.0.0.1 run $DDBTUI --profile base --max-attempts 1 --endpoint-url "$DEAD" list-tables
expect creds_no_proxy_bypass 1 '(refused|connect)'
HTTP_PROXY="$STUB" run $DDBTUI --no-proxy --profile base --max-attempts 1 --endpoint-url "$DEAD" list-tables
expect creds_no_proxy_flag 1 '(refused|connect)'

# --- clock skew: a service 15 minutes ahead; the Date of its refusal sets the signing clock ---
SPORT=$("$REPO_ROOT/scripts/freeport.sh")
SLOG="$TEST_TMP/skew.log"
python3 "$REPO_ROOT/tests/credstub.py" "$SPORT" "$SLOG" 900 >"$TEST_TMP/skew.out" 2>&1 &
PIDS+=($!)
for _ in $(seq 50); do grep -q ready "$TEST_TMP/skew.out" 2>/dev/null && break; sleep 0.1; done
run $DDBTUI --profile base --endpoint-url "http://127.0.0.1:$SPORT" list-tables
expect creds_clock_skew_corrected 0 '^creds-ok$'
LOG=$SLOG stub_has creds_clock_skew_two_attempts 'r["call"] == "dynamodb" and r["amz_date"] and abs(__import__("calendar").timegm(__import__("time").strptime(r["amz_date"], "%Y%m%dT%H%M%SZ")) - __import__("time").time() - 900) < 120'
check creds_clock_skew_retried_once test "$(grep -c '"dynamodb"' "$SLOG")" = 2

cat "$TEST_TMP/table" >&2
