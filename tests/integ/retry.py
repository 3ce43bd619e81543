"""retry.py - the queue's retries against a scripted HTTP server on loopback: 5xx and throttling
are retried up to --max-attempts, validation errors never, connection resets and damaged replies
are retried, and every request is signed for the dynamodb service. The retry quota of the
standard mode (500 tokens, 5 a retry, the retry's cost back on success) runs out at the page
computed below; the legacy mode has none."""
import http.server, json, os, re, socket, subprocess, sys, threading

# tests/run.sh: TEST_SLOW stretches waits for a binary slowed down (sanitizers)
SLOW = int(os.environ.get("TEST_SLOW", "1"))

DDBTUI = os.environ["DDBTUI"].split()
script = []     # responses still to give: (status, body) or "reset"
seen = []       # headers of each request received
lock = threading.Lock()

class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *a):
        pass
    def do_POST(self):
        n = int(self.headers.get("Content-Length", 0))
        self.rfile.read(n)
        if self.headers.get("X-Amz-Target", "").endswith(".DescribeTable"):
            # the scan's look at the key schema: not part of the script
            data = json.dumps({"Table": {"TableName": "t", "TableStatus": "ACTIVE",
                "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
                "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}]}}).encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            return
        with lock:
            seen.append(dict(self.headers))
            step = script.pop(0) if script else (200, {"TableNames": ["scripted"]})
        if step == "reset":
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
            self.connection.close()
            return
        status, body = step
        data = body.encode() if isinstance(body, str) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/x-amz-json-1.0")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
threading.Thread(target=srv.serve_forever, daemon=True).start()
endpoint = f"http://127.0.0.1:{srv.server_address[1]}"

def err(t, msg="boom"):
    return {"__type": f"com.amazonaws.dynamodb.v20120810#{t}", "message": msg}

failed = 0
def case(name, steps, args, want_rc, want_requests, want_text=None, env=None):
    global failed
    with lock:
        script[:] = list(steps)
        seen.clear()
    e = dict(os.environ)
    e.update(env or {})
    p = subprocess.run(DDBTUI + ["--endpoint-url", endpoint] + args + ["list-tables"],
                       capture_output=True, text=True, env=e, timeout=60 * SLOW)
    problems = []
    if p.returncode != want_rc:
        problems.append(f"exit {p.returncode}, expected {want_rc}")
    if len(seen) != want_requests:
        problems.append(f"{len(seen)} requests, expected {want_requests}")
    if want_text and not re.search(want_text, p.stdout + p.stderr):
        problems.append(f"output lacks /{want_text}/: {(p.stdout + p.stderr)[:300]!r}")
    if problems:
        failed += 1
        print(f"FAIL {name}: " + "; ".join(problems))
    else:
        print(f"PASS {name}")

case("retry_500_then_ok", [(500, err("InternalServerError")), (500, err("InternalServerError"))],
     ["--max-attempts", "3"], 0, 3, "^scripted$")
case("retry_503_exhausted", [(503, err("ServiceUnavailable", "slow down"))] * 3,
     ["--max-attempts", "3"], 1, 3, "ServiceUnavailable.*503")
case("retry_throttling", [(400, err("ThrottlingException", "Rate exceeded"))], [], 0, 2, "scripted")
case("retry_provisioned_throughput", [(400, err("ProvisionedThroughputExceededException"))] * 2,
     [], 0, 3)
case("no_retry_validation", [(400, err("ValidationException", "1 validation error detected"))],
     ["--max-attempts", "5"], 1, 1, "ValidationException.*1 validation error detected")
case("no_retry_access_denied", [(400, err("UnrecognizedClientException", "bad token"))], [], 1, 1,
     "UnrecognizedClientException")
case("aws_max_attempts_env", [(500, err("InternalServerError"))] * 4, [], 0, 5, None,
     {"AWS_MAX_ATTEMPTS": "5"})
case("max_attempts_flag_beats_env", [(500, err("InternalServerError"))] * 4, ["--max-attempts", "2"],
     1, 2, "InternalServerError", {"AWS_MAX_ATTEMPTS": "5"})
case("retry_connection_reset", ["reset"], [], 0, 2, "scripted")
case("retry_damaged_reply", [(200, '{"TableNames": ["trunc'), (200, "not json")], [], 0, 3, "scripted")
case("damaged_reply_exhausted", [(200, "{")] * 3, [], 1, 3, "not valid JSON")

# The retry quota: every page of a scan fails 4 times (500) before its 200, with --max-attempts
# 5. A page costs 4 retries x 5 = 20 tokens and its success gives back 5 (the cost of the retry
# that led to it): 15 a page. After k pages the bucket holds 500 - 15k; a page needs 20 to get
# through its 4 retries, so pages 1..32 leave 500 - 480 = 20, page 33 (20 -> 0 +5) leaves 5, and
# page 34 pays its first retry (5 -> 0) and cannot pay the second: it fails after 2 sends, with
# "retry quota exhausted". Requests: 33 x 5 + 2 = 167.
def quota_script(pages):
    steps = []
    for p in range(pages):
        steps += [(500, err("InternalServerError"))] * 4
        page = {"Items": [{"pk": {"S": f"p{p}"}}], "Count": 1, "ScannedCount": 1}
        if p + 1 < pages:
            page["LastEvaluatedKey"] = {"pk": {"S": f"p{p}"}}
        steps.append((200, page))
    return steps

def quota_case(name, env, want_rc, want_requests, want_items, want_text=None):
    global failed
    with lock:
        script[:] = quota_script(40)
        seen.clear()
    e = dict(os.environ)
    e.update(env)
    p = subprocess.run(DDBTUI + ["--endpoint-url", endpoint, "--max-attempts", "5", "--page-size",
                                 "1", "scan", "t"],
                       capture_output=True, text=True, env=e, timeout=60 * SLOW)
    problems = []
    items = p.stdout.count('"pk"')
    if p.returncode != want_rc:
        problems.append(f"exit {p.returncode}, expected {want_rc}")
    if len(seen) != want_requests:
        problems.append(f"{len(seen)} requests, expected {want_requests}")
    if items != want_items:
        problems.append(f"{items} items, expected {want_items}")
    if want_text and not re.search(want_text, p.stderr):
        problems.append(f"stderr lacks /{want_text}/: {p.stderr[-300:]!r}")
    if problems:
        failed += 1
        print(f"FAIL {name}: " + "; ".join(problems))
    else:
        print(f"PASS {name}")

quota_case("retry_quota_exhausted_at_page_34", {"AWS_RETRY_MODE": "standard"}, 1, 33 * 5 + 2, 33,
           r"InternalServerError.*retry quota exhausted")
quota_case("retry_quota_none_in_legacy_mode", {"AWS_RETRY_MODE": "legacy"}, 0, 40 * 5, 40)

# every request is signed for dynamodb in the configured region, with the target header
with lock:
    script[:] = []
    seen.clear()
subprocess.run(DDBTUI + ["--endpoint-url", endpoint, "--region", "eu-central-1", "list-tables"],
               capture_output=True, timeout=60 * SLOW)
h = seen[0] if seen else {}
auth = h.get("Authorization", "")
if (re.match(r"AWS4-HMAC-SHA256 Credential=AKIDTESTDDBTUI/\d{8}/eu-central-1/dynamodb/aws4_request, "
             r"SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=[0-9a-f]{64}$", auth)
        and h.get("X-Amz-Target") == "DynamoDB_20120810.ListTables"
        and h.get("Content-Type") == "application/x-amz-json-1.0"):
    print("PASS signed_request_headers")
else:
    failed += 1
    print(f"FAIL signed_request_headers: {h!r}")
srv.shutdown()
sys.exit(1 if failed else 0)
