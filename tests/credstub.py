#!/usr/bin/env python3
"""credstub.py - loopback stand-ins for the services the AWS credential chain calls, and a
DynamoDB stand-in that records which key signed each request (tests/integ/creds.sh).

    credstub.py PORT LOG [SKEW]

One HTTP server on 127.0.0.1:PORT answers, by path and form:
  POST / Action=AssumeRole | AssumeRoleWithWebIdentity   STS, XML replies
  GET  /federation/credentials                            the SSO portal (x-amz-sso_bearer_token)
  GET  /container/...                                     container credentials (Authorization)
  PUT  /latest/api/token, GET /latest/meta-data/...       IMDSv2 (the token is required)
  POST / with X-Amz-Target DynamoDB_20120810.*            DynamoDB: ListTables only
Credentials handed out are derived from what was asked (role ARN, account and role name...), so
botocore and ddbtui get the same key. Every request appends one JSON line to LOG: the call, the
key id of its Authorization header, its session token, and the parameters that matter
(ExternalId, SerialNumber, TokenCode, RoleSessionName, WebIdentityToken, bearer token).
With SKEW (seconds), the stand-in's clock runs SKEW ahead: its Date header says so, and a DynamoDB
request whose X-Amz-Date is more than 5 minutes off that clock gets InvalidSignatureException
"Signature expired", as DynamoDB answers. Secrets of the stand-in are test values only.

For the refresh tests (tests/integ/refresh.sh), the environment changes the STS stand-in:
  CREDSTUB_LIFETIME=S     STS credentials expire S seconds after they are issued, and each call
                          hands out a new key (issue number in it); DynamoDB answers a request
                          signed with an expired one ExpiredTokenException (logged expired=true)
  CREDSTUB_STS_DELAY=S    STS answers after S seconds (a slow refresh)
  CREDSTUB_STS_FAIL_AFTER=N  the STS calls after the first N fail (AccessDenied)
  CREDSTUB_EXPIRE_ONCE=N  the first N DynamoDB requests are answered ExpiredTokenException
and DynamoDB also serves Scan (CREDSTUB_PAGES pages of 2 items, CREDSTUB_PAGE_DELAY seconds
each) and ExecuteStatement (each accepted statement is logged as call "dynamodb-write").
"""
import os
import threading
import calendar
import email.utils
import hashlib
import json
import sys
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape

SSO_TOKEN = "sso-access-token-ddbtui"
CONTAINER_TOKEN = "container-auth-token-ddbtui"
IMDS_TOKEN = "imds-session-token-ddbtui"
EXPIRY = "2099-01-01T00:00:00Z"


LIFETIME = int(os.environ.get("CREDSTUB_LIFETIME", "0"))
STS_DELAY = float(os.environ.get("CREDSTUB_STS_DELAY", "0"))
STS_FAIL_AFTER = int(os.environ.get("CREDSTUB_STS_FAIL_AFTER", "-1"))
PAGES = int(os.environ.get("CREDSTUB_PAGES", "3"))
PAGE_DELAY = float(os.environ.get("CREDSTUB_PAGE_DELAY", "0"))
state = {"sts": 0, "expire_left": int(os.environ.get("CREDSTUB_EXPIRE_ONCE", "0"))}
expiries = {}  # key id -> Unix time it expires (CREDSTUB_LIFETIME)
lock = threading.Lock()


def derived(kind, what):
    h = hashlib.sha1((kind + ":" + what).encode()).hexdigest().upper()
    return ("ASIA" + h[:16], "secret/" + h[16:36] + "+x", "token-" + kind + "-" + h[:24])


def key_id(auth):
    if not auth or "Credential=" not in auth:
        return None
    return auth.split("Credential=", 1)[1].split("/", 1)[0]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def date_time_string(self, timestamp=None):
        return email.utils.formatdate(time.time() + self.server.skew, usegmt=True)

    def record(self, call, **kw):
        kw.update(call=call, key=key_id(self.headers.get("Authorization")),
                  token=self.headers.get("X-Amz-Security-Token"))
        with open(self.server.log, "a") as f:
            f.write(json.dumps(kw) + "\n")

    def reply(self, status, body, ctype="application/json"):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_PUT(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self.path == "/latest/api/token" and self.headers.get("X-aws-ec2-metadata-token-ttl-seconds"):
            self.record("imds-token")
            return self.reply(200, IMDS_TOKEN, "text/plain")
        self.reply(400, "bad request", "text/plain")

    def do_GET(self):
        u = urllib.parse.urlsplit(self.path)
        q = dict(urllib.parse.parse_qsl(u.query))
        if u.path == "/federation/credentials":
            bearer = self.headers.get("x-amz-sso_bearer_token")
            self.record("sso", bearer=bearer, account=q.get("account_id"), role=q.get("role_name"))
            if bearer != SSO_TOKEN:
                return self.reply(401, json.dumps({"message": "Session token not found or invalid"}))
            ak, sk, tok = derived("sso", q.get("account_id", "") + "/" + q.get("role_name", ""))
            return self.reply(200, json.dumps({"roleCredentials": {
                "accessKeyId": ak, "secretAccessKey": sk, "sessionToken": tok,
                "expiration": 4070908800000}}))
        if u.path.startswith("/container/"):
            auth = self.headers.get("Authorization")
            self.record("container", auth=auth)
            if auth != CONTAINER_TOKEN:
                return self.reply(403, "{}")
            ak, sk, tok = derived("container", u.path)
            return self.reply(200, json.dumps({"AccessKeyId": ak, "SecretAccessKey": sk,
                                               "Token": tok, "Expiration": EXPIRY}))
        if u.path.startswith("/latest/meta-data/iam/security-credentials/"):
            tok_ok = self.headers.get("X-aws-ec2-metadata-token") == IMDS_TOKEN
            self.record("imds", token_ok=tok_ok)
            if not tok_ok:
                return self.reply(401, "", "text/plain")
            role = u.path.rsplit("/", 1)[1]
            if not role:
                return self.reply(200, "stub-instance-role", "text/plain")
            ak, sk, tok = derived("imds", role)
            return self.reply(200, json.dumps({"Code": "Success", "AccessKeyId": ak,
                                               "SecretAccessKey": sk, "Token": tok,
                                               "Expiration": EXPIRY}))
        self.reply(404, "{}")

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
        target = self.headers.get("X-Amz-Target")
        if target:
            self.record("dynamodb", target=target, path=self.path,  # absolute through a proxy
                        amz_date=self.headers.get("X-Amz-Date"))
            try:
                signed_at = calendar.timegm(time.strptime(self.headers.get("X-Amz-Date", ""),
                                                          "%Y%m%dT%H%M%SZ"))
            except ValueError:
                signed_at = 0
            if abs(signed_at - (time.time() + self.server.skew)) > 300:
                return self.reply(400, json.dumps({
                    "__type": "com.amazon.coral.service#InvalidSignatureException",
                    "message": "Signature expired: %s is now earlier than the server's time"
                               % self.headers.get("X-Amz-Date")}), "application/x-amz-json-1.0")
            key = key_id(self.headers.get("Authorization"))
            with lock:
                exp = expiries.get(key)
                once = state["expire_left"] > 0
                state["expire_left"] -= 1 if once else 0
            if once or (exp is not None and time.time() >= exp):
                self.record("dynamodb-refused", target=target, expired=not once)
                return self.reply(400, json.dumps({
                    "__type": "com.amazon.coral.service#ExpiredTokenException",
                    "message": "The security token included in the request is expired"}),
                    "application/x-amz-json-1.0")
            if target.endswith(".Scan"):
                time.sleep(PAGE_DELAY)
                start = json.loads(body or "{}").get("ExclusiveStartKey")
                page = int(start["pk"]["S"]) if start else 0
                out = {"Items": [{"pk": {"S": "p%d-%d" % (page, i)}} for i in range(2)],
                       "Count": 2, "ScannedCount": 2}
                if page + 1 < PAGES:
                    out["LastEvaluatedKey"] = {"pk": {"S": str(page + 1)}}
                return self.reply(200, json.dumps(out), "application/x-amz-json-1.0")
            if target.endswith(".ExecuteStatement"):
                self.record("dynamodb-write", statement=json.loads(body).get("Statement"))
                return self.reply(200, json.dumps({"Items": []}), "application/x-amz-json-1.0")
            if target.endswith(".DescribeTable"):
                return self.reply(200, json.dumps({"Table": {
                    "TableName": "t", "TableStatus": "ACTIVE",
                    "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
                    "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}]}}),
                    "application/x-amz-json-1.0")
            if target.endswith(".ListTables"):
                return self.reply(200, json.dumps({"TableNames": ["creds-ok"]}),
                                  "application/x-amz-json-1.0")
            return self.reply(400, json.dumps({"__type": "UnknownOperationException"}))
        f = dict(urllib.parse.parse_qsl(body))
        action = f.get("Action")
        keep = {k: f.get(k) for k in ("RoleArn", "RoleSessionName", "ExternalId", "SerialNumber",
                                       "TokenCode", "DurationSeconds", "WebIdentityToken")}
        self.record("sts-" + str(action), **keep)
        if action not in ("AssumeRole", "AssumeRoleWithWebIdentity"):
            return self.reply(400, "<ErrorResponse><Error><Code>InvalidAction</Code>"
                              "<Message>no such action</Message></Error></ErrorResponse>", "text/xml")
        if action == "AssumeRole" and not key_id(self.headers.get("Authorization")):
            return self.reply(403, "<ErrorResponse><Error><Code>MissingAuthenticationToken</Code>"
                              "<Message>unsigned</Message></Error></ErrorResponse>", "text/xml")
        if "denied" in (f.get("RoleArn") or ""):
            return self.reply(403, "<ErrorResponse><Error><Code>AccessDenied</Code><Message>not "
                              "authorized to perform sts:AssumeRole</Message></Error>"
                              "</ErrorResponse>", "text/xml")
        with lock:
            state["sts"] += 1
            n = state["sts"]
        if STS_DELAY:
            time.sleep(STS_DELAY)
        if STS_FAIL_AFTER >= 0 and n > STS_FAIL_AFTER:
            return self.reply(403, "<ErrorResponse><Error><Code>AccessDenied</Code><Message>the "
                              "stand-in refuses refreshes</Message></Error></ErrorResponse>",
                              "text/xml")
        exp = EXPIRY
        if LIFETIME:
            ak, sk, tok = derived(action, f.get("RoleArn", "") + "#" + str(n))
            with lock:
                expiries[ak] = time.time() + LIFETIME
            exp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(expiries[ak]))
        else:
            ak, sk, tok = derived(action, f.get("RoleArn", ""))
        xml = ("<{a}Response xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><{a}Result>"
               "<Credentials><AccessKeyId>{ak}</AccessKeyId><SecretAccessKey>{sk}</SecretAccessKey>"
               "<SessionToken>{tok}</SessionToken><Expiration>{exp}</Expiration></Credentials>"
               "<AssumedRoleUser><Arn>{arn}</Arn><AssumedRoleId>AROA:x</AssumedRoleId>"
               "</AssumedRoleUser></{a}Result><ResponseMetadata><RequestId>1</RequestId>"
               "</ResponseMetadata></{a}Response>").format(
            a=action, ak=ak, sk=escape(sk), tok=escape(tok), exp=exp,
            arn=escape(f.get("RoleArn", "")))
        self.reply(200, xml, "text/xml")


def main():
    srv = ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler)
    srv.log = sys.argv[2]
    srv.skew = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    print("ready", flush=True)
    srv.serve_forever()


if __name__ == "__main__":
    main()
