#!/usr/bin/env python3
"""fakestreams.py - a loopback DynamoDB + DynamoDB Streams of one table whose stream has shards
that close and have children, which neither dynalite nor moto has (moto keeps one open shard).

  DescribeTable    the table fs-t with a NEW_IMAGE stream
  DescribeStream   one shard a page (LastEvaluatedShardId), children listed before parents:
                   s0 (closed; its parent s-gone trimmed away), s1 (closed) -> s2 (closed) ->
                   s3 (open)
  GetShardIterator TRIM_HORIZON, LATEST, AT_/AFTER_SEQUENCE_NUMBER
  GetRecords       one record a call; the first read at s1's second record answers
                   ExpiredIteratorException once
  POST /close      adds a record to s3, closes it and adds its child s4 with one record

Prints its port on stdout; logs "OP BODY" lines to --log."""
import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ARN = "arn:aws:dynamodb:us-east-1:000000000000:table/fs-t/stream/2026-12-04T00:00:00.000"
lock = threading.Lock()
shards = {  # id -> parent, closed, [seq]
    "s0": ["s-gone", True, [10]],
    "s1": [None, True, [20, 21]],
    "s2": ["s1", True, [30]],
    "s3": ["s2", False, [40]],
}
order = ["s3", "s2", "s1", "s0"]
expired_once = [False]
log = open(sys.argv[sys.argv.index("--log") + 1], "a", buffering=1)


def record(shard, seq):
    return {"eventID": f"e{seq}", "eventName": "INSERT", "eventSource": "aws:dynamodb",
            "dynamodb": {"ApproximateCreationDateTime": 1796385600 + seq,
                         "Keys": {"pk": {"S": f"{shard}-{seq}"}},
                         "NewImage": {"pk": {"S": f"{shard}-{seq}"}, "n": {"N": str(seq)}},
                         "SequenceNumber": str(seq), "SizeBytes": 10,
                         "StreamViewType": "NEW_IMAGE"}}


def shard_json(sid):
    parent, closed, seqs = shards[sid]
    rng = {"StartingSequenceNumber": str(seqs[0] if seqs else 0)}
    if closed:
        rng["EndingSequenceNumber"] = str(seqs[-1])
    out = {"ShardId": sid, "SequenceNumberRange": rng}
    if parent:
        out["ParentShardId"] = parent
    return out


class H(BaseHTTPRequestHandler):
    def log_message(self, *a):
        pass

    def reply(self, code, obj):
        body = json.dumps(obj).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/x-amz-json-1.0")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def error(self, t, msg):
        self.reply(400, {"__type": "com.amazonaws.dynamodb.v20120810#" + t, "message": msg})

    def do_POST(self):
        n = int(self.headers.get("Content-Length", 0))
        body = json.loads(self.rfile.read(n) or b"{}")
        if self.path == "/close":
            with lock:
                shards["s3"][2].append(41)
                shards["s3"][1] = True
                shards["s4"] = ["s3", False, [50]]
                order.insert(0, "s4")
            return self.reply(200, {})
        op = self.headers.get("X-Amz-Target", "").split(".")[-1]
        log.write(f"{op} {json.dumps(body, sort_keys=True)}\n")
        with lock:
            return getattr(self, "op_" + op, self.unknown)(body)

    def unknown(self, b):
        self.reply(400, {"__type": "com.amazon.coral.service#UnknownOperationException"})

    def op_DescribeTable(self, b):
        self.reply(200, {"Table": {"TableName": "fs-t", "TableStatus": "ACTIVE",
                                   "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
                                   "AttributeDefinitions": [{"AttributeName": "pk",
                                                             "AttributeType": "S"}],
                                   "StreamSpecification": {"StreamEnabled": True,
                                                           "StreamViewType": "NEW_IMAGE"},
                                   "LatestStreamArn": ARN}})

    def op_DescribeStream(self, b):
        start = b.get("ExclusiveStartShardId")
        i = order.index(start) + 1 if start else 0
        d = {"StreamArn": ARN, "StreamStatus": "ENABLED", "StreamViewType": "NEW_IMAGE",
             "Shards": [shard_json(s) for s in order[i:i + 1]]}
        if i + 1 < len(order):
            d["LastEvaluatedShardId"] = order[i]
        self.reply(200, {"StreamDescription": d})

    def op_GetShardIterator(self, b):
        sid, t = b["ShardId"], b["ShardIteratorType"]
        seqs = shards[sid][2]
        if t == "TRIM_HORIZON":
            pos = 0
        elif t == "LATEST":
            pos = len(seqs)
        else:
            s = int(b["SequenceNumber"])
            pos = next((i for i, x in enumerate(seqs) if x >= s), len(seqs))
            if t == "AFTER_SEQUENCE_NUMBER" and pos < len(seqs) and seqs[pos] == s:
                pos += 1
        self.reply(200, {"ShardIterator": f"{sid}:{pos}"})

    def op_GetRecords(self, b):
        sid, pos = b["ShardIterator"].split(":")
        pos = int(pos)
        if sid == "s1" and pos == 1 and not expired_once[0]:
            expired_once[0] = True
            return self.error("ExpiredIteratorException", "Iterator expired")
        parent, closed, seqs = shards[sid]
        recs = [record(sid, s) for s in seqs[pos:pos + 1]]
        out = {"Records": recs}
        if not (closed and pos + len(recs) >= len(seqs)):
            out["NextShardIterator"] = f"{sid}:{pos + len(recs)}"
        self.reply(200, out)


srv = ThreadingHTTPServer(("127.0.0.1", 0), H)
print(srv.server_address[1], flush=True)
srv.serve_forever()
