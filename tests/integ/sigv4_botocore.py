#!/usr/bin/python3
"""sigv4_botocore.py - cross-checks ddb/sigv4.c against botocore's SigV4Auth.

Generates DynamoDB-like requests from a fixed seed (several operations, regions and endpoints,
JSON bodies with emoji, CJK and accents, half with a session token), signs each with
botocore.auth.SigV4Auth at a fixed time, signs the same requests with
`$UNIT_DIR/test_sigv4 --sign-json FILE`, and compares the Authorization header, X-Amz-Date and
X-Amz-Security-Token. Prints "PASS sigv4_botocore_<i>" or "FAIL sigv4_botocore_<i>: why" per
request; exits 1 if any failed. Run from the repository root; UNIT_DIR defaults to build/tests.
The keys are made up here; nothing from the environment is read or printed.
"""
import datetime
import json
import os
import random
import shlex
import subprocess
import sys
import tempfile
from unittest import mock

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

SEED = 20150830
COUNT = 40

REGIONS = ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-northeast-1",
           "ap-southeast-2", "sa-east-1", "ca-central-1"]
OPERATIONS = ["PutItem", "GetItem", "UpdateItem", "DeleteItem", "Query", "Scan",
              "DescribeTable", "ListTables", "CreateTable", "BatchWriteItem",
              "TransactWriteItems"]
WORDS = ["hello", "café", "naïve", "Ærøskøbing", "señor", "Straße", "日本語", "中文字符",
         "한국어", "🎉", "😀👍", "🚀 launch", "👩‍💻", "Ελληνικά", "русский", "עברית",
         "مرحبا", "ok", "a  b", "tab\there", "line\nbreak", "quote\"d", "back\\slash",
         "<tag>&amp;", "100%", "+plus+", "~tilde~", "\u00a0nbsp", "zero\u200bwidth"]


def fake_key(rng, alphabet, n):
    return "".join(rng.choice(alphabet) for _ in range(n))


def text(rng):
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 5)))


def attr_value(rng, depth=0):
    kind = rng.choice(["S", "N", "BOOL", "NULL", "SS", "L", "M"] if depth < 2 else ["S", "N"])
    if kind == "S":
        return {"S": text(rng)}
    if kind == "N":
        return {"N": str(rng.choice([0, -1, 42, 3.25, 10 ** 20, -0.5e-10]))}
    if kind == "BOOL":
        return {"BOOL": rng.random() < 0.5}
    if kind == "NULL":
        return {"NULL": True}
    if kind == "SS":
        return {"SS": sorted({text(rng) for _ in range(rng.randint(1, 3))})}
    if kind == "L":
        return {"L": [attr_value(rng, depth + 1) for _ in range(rng.randint(0, 3))]}
    return {"M": {text(rng): attr_value(rng, depth + 1) for _ in range(rng.randint(1, 3))}}


def item(rng):
    out = {"pk": {"S": "MSGGRP#" + fake_key(rng, "0123456789abcdef", 12)},
           "sk": {"S": "2024-05-%02dT12:00:00Z" % rng.randint(1, 28)}}
    for _ in range(rng.randint(0, 5)):
        out[text(rng)] = attr_value(rng)
    return out


def body_for(rng, op):
    table = rng.choice(["cruddur-messages", "Müsli", "表", "t"])
    if op in ("PutItem",):
        return {"TableName": table, "Item": item(rng)}
    if op in ("GetItem", "DeleteItem"):
        return {"TableName": table, "Key": {"pk": {"S": text(rng)}}}
    if op == "UpdateItem":
        return {"TableName": table, "Key": {"pk": {"S": text(rng)}},
                "UpdateExpression": "SET #m = :m",
                "ExpressionAttributeNames": {"#m": "message"},
                "ExpressionAttributeValues": {":m": attr_value(rng)}}
    if op == "Query":
        return {"TableName": table, "KeyConditionExpression": "pk = :pk",
                "ExpressionAttributeValues": {":pk": {"S": text(rng)}},
                "ScanIndexForward": False, "Limit": rng.randint(1, 100)}
    if op == "Scan":
        return {"TableName": table, "Limit": rng.randint(1, 100)}
    if op == "DescribeTable":
        return {"TableName": table}
    if op == "ListTables":
        return {} if rng.random() < 0.5 else {"Limit": 10}
    if op == "CreateTable":
        return {"TableName": table, "BillingMode": "PAY_PER_REQUEST",
                "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
                "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}]}
    if op == "BatchWriteItem":
        return {"RequestItems": {table: [{"PutRequest": {"Item": item(rng)}}
                                         for _ in range(rng.randint(1, 4))]}}
    return {"TransactItems": [{"Put": {"TableName": table, "Item": item(rng)}}]}


def make_requests():
    rng = random.Random(SEED)
    reqs = []
    for i in range(COUNT):
        region = rng.choice(REGIONS)
        local = rng.random() < 0.3
        host = "localhost:8000" if local else f"dynamodb.{region}.amazonaws.com"
        op = OPERATIONS[i % len(OPERATIONS)]
        body = json.dumps(body_for(rng, op), ensure_ascii=rng.random() < 0.3,
                          separators=(",", ":") if rng.random() < 0.5 else None)
        headers = [["Host", host],
                   ["Content-Type", "application/x-amz-json-1.0"],
                   ["X-Amz-Target", f"DynamoDB_20120810.{op}"]]
        if rng.random() < 0.3:
            headers.append(["Accept-Encoding", "identity"])
        if rng.random() < 0.3:
            headers.append(["User-Agent", "ddbtui/0.1 test"])  # signed by neither
        if rng.random() < 0.2:
            headers[1][1] = "  application/x-amz-json-1.0 \t"  # trimmed by both
        rng.shuffle(headers)
        reqs.append({
            "method": "POST",
            "path": "/",
            "query": "",
            "headers": headers,
            "body": body,
            "region": region,
            "service": "dynamodb",
            "access_key": "AKIDFAKE" + fake_key(rng, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 12),
            "secret_key": fake_key(rng, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                   "0123456789+/", 40),
            "session_token": (fake_key(rng, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                       "0123456789+/=", rng.randint(40, 400))
                              if i % 2 else None),
            "time": rng.randint(1262304000, 1924991999),  # 2010 .. 2030
            "local": local,
        })
    return reqs


def botocore_sign(r):
    """Authorization, X-Amz-Date, X-Amz-Security-Token as botocore sets them at r["time"]."""
    fixed = datetime.datetime.fromtimestamp(r["time"], tz=datetime.timezone.utc)
    naive = fixed.replace(tzinfo=None)
    scheme = "http" if r["local"] else "https"
    host = next(v for n, v in r["headers"] if n.lower() == "host")
    req = AWSRequest(method=r["method"], url=f"{scheme}://{host}{r['path']}",
                     data=r["body"].encode("utf-8"), headers=dict(r["headers"]))
    creds = Credentials(r["access_key"], r["secret_key"], r["session_token"])
    # botocore 1.29 (Debian 12) reads the clock with datetime.datetime.utcnow(); later versions
    # with datetime.datetime.now(datetime.timezone.utc). Both are pinned to the fixed time.
    with mock.patch("botocore.auth.datetime") as dt:
        dt.datetime.utcnow.return_value = naive
        dt.datetime.now.side_effect = lambda tz=None: fixed if tz else naive
        dt.datetime.strptime = datetime.datetime.strptime
        dt.timezone = datetime.timezone
        SigV4Auth(creds, r["service"], r["region"]).add_auth(req)
    return (req.headers.get("Authorization"), req.headers.get("X-Amz-Date"),
            req.headers.get("X-Amz-Security-Token"))


def added(result, name):
    prefix = name.lower() + ": "
    for line in result.get("add_headers", []):
        if line.lower().startswith(prefix):
            return line[len(prefix):]
    return None


def main():
    unit_dir = os.environ.get("UNIT_DIR", "build/tests")
    binary = os.path.join(unit_dir, "test_sigv4")
    if not os.access(binary, os.X_OK):
        print(f"FAIL sigv4_botocore: no test_sigv4 in {unit_dir} (set UNIT_DIR)")
        return 1
    reqs = make_requests()
    with tempfile.TemporaryDirectory(dir=os.environ.get("TEST_TMP")) as tmp:
        path = os.path.join(tmp, "requests.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump([{k: v for k, v in r.items() if k != "local"} for r in reqs], f,
                      ensure_ascii=False)
        cmd = shlex.split(os.environ.get("DDBTUI_WRAP", "")) + [binary, "--sign-json", path]
        proc = subprocess.run(cmd, capture_output=True)
    if proc.returncode != 0:
        print(f"FAIL sigv4_botocore: test_sigv4 --sign-json exited with {proc.returncode}")
        print("  " + proc.stderr.decode("utf-8", "replace")[-2000:])
    try:
        ours = json.loads(proc.stdout.decode("utf-8"))
    except ValueError as e:
        print(f"FAIL sigv4_botocore: test_sigv4 printed no JSON array: {e}")
        return 1
    if not isinstance(ours, list) or len(ours) != len(reqs):
        print(f"FAIL sigv4_botocore: expected {len(reqs)} results")
        return 1

    failed = proc.returncode != 0
    for i, (r, mine) in enumerate(zip(reqs, ours)):
        name = f"sigv4_botocore_{i}"
        auth, date, token = botocore_sign(r)
        why = []
        if date != datetime.datetime.fromtimestamp(r["time"], tz=datetime.timezone.utc).strftime(
                "%Y%m%dT%H%M%SZ"):
            why.append(f"botocore signed at {date}: the clock patch did not take")
        if "error" in mine:
            why.append("sigv4_sign failed: " + mine["error"])
        else:
            if mine["authorization"] != auth:
                why.append(f"Authorization differs\n    ours:     {mine['authorization']}"
                           f"\n    botocore: {auth}")
            if mine["amz_date"] != date or added(mine, "X-Amz-Date") != date:
                why.append(f"X-Amz-Date {mine['amz_date']} vs botocore {date}")
            if added(mine, "X-Amz-Security-Token") != token:
                why.append("X-Amz-Security-Token differs")
            if added(mine, "Authorization") != mine["authorization"]:
                why.append("Authorization line in add_headers differs")
        if why:
            failed = True
            print(f"FAIL {name}: " + "; ".join(why))
            if "canonical_request" in mine:
                print("  our canonical request:\n    " +
                      mine["canonical_request"].replace("\n", "\n    "))
        else:
            print(f"PASS {name}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
