#!/usr/bin/python3
"""peers.py - what ddbtui is measured against in bench/bench.py, written the usual boto3 way.

  peers.py scan ENDPOINT TABLE OUT
      a boto3 paginator over Scan, each item deserialized (TypeDeserializer) and written as a
      plain JSON line to OUT, as `ddbtui scan` does
  peers.py scan-parallel ENDPOINT TABLE THREADS OUT
      the same with a parallel Scan of THREADS segments, a thread and a client each
  peers.py seed-batch-writer ENDPOINT TABLE COUNT DIALOGUE USERS
  peers.py seed-put-item ENDPOINT TABLE COUNT DIALOGUE USERS
      COUNT message rows of one conversation between andrewbrown and bayko (the dialogue's lines
      over and over, a minute apart) and the two group rows, the rows `ddbtui seed` writes:
      through boto3's batch_writer, or one put_item per item as the original seed script did
"""
import base64
import datetime
import json
import sys
import uuid
from decimal import Decimal

import boto3
from boto3.dynamodb.types import TypeDeserializer


def plain(o):
    if isinstance(o, Decimal):
        return int(o) if o == o.to_integral_value() else float(o)
    if isinstance(o, (set, frozenset)):
        return sorted(o)
    if isinstance(o, (bytes, bytearray)) or type(o).__name__ == "Binary":
        return base64.b64encode(bytes(o)).decode()
    raise TypeError(type(o))


def scan(endpoint, table, out):
    client = boto3.client("dynamodb", endpoint_url=endpoint, region_name="us-east-1")
    td = TypeDeserializer()
    with open(out, "w", encoding="utf-8") as f:
        for page in client.get_paginator("scan").paginate(TableName=table):
            for item in page["Items"]:
                f.write(json.dumps({k: td.deserialize(v) for k, v in item.items()},
                                   default=plain, ensure_ascii=False, separators=(",", ":")))
                f.write("\n")


def scan_parallel(endpoint, table, threads, out):
    """A parallel Scan of `threads` segments, one boto3 client and thread a segment, as the
    boto3 documentation shows it, items as JSON lines to OUT."""
    import threading
    td = TypeDeserializer()
    lines = [[] for _ in range(threads)]

    def segment(i):
        client = boto3.client("dynamodb", endpoint_url=endpoint, region_name="us-east-1")
        pages = client.get_paginator("scan").paginate(TableName=table, Segment=i,
                                                        TotalSegments=threads)
        for page in pages:
            for item in page["Items"]:
                lines[i].append(json.dumps({k: td.deserialize(v) for k, v in item.items()},
                                           default=plain, ensure_ascii=False,
                                           separators=(",", ":")))

    ts = [threading.Thread(target=segment, args=(i,)) for i in range(threads)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    with open(out, "w", encoding="utf-8") as f:
        for seg in lines:
            for line in seg:
                f.write(line + "\n")


def rows(count, dialogue, users_file):
    users = {"andrewbrown": ("Andrew Brown", str(uuid.uuid4())),
             "bayko": ("Andrew Bayko", str(uuid.uuid4()))}
    try:
        for u in json.load(open(users_file)):
            if u["handle"] in users:
                users[u["handle"]] = (u["display_name"], u["uuid"])
    except OSError:
        pass
    who = {"Person 1": "andrewbrown", "Person 2": "bayko"}
    lines = []
    for line in open(dialogue, encoding="utf-8"):
        if ": " in line:
            p, text = line.rstrip("\n").split(": ", 1)
            if p in who:
                lines.append((who[p], text))
    group = str(uuid.uuid4())
    start = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=1)
    out = []
    for i in range(count):
        handle, text = lines[i % len(lines)]
        name, uid = users[handle]
        out.append({"pk": f"MSG#{group}",
                    "sk": (start + datetime.timedelta(minutes=i)).isoformat(),
                    "message_uuid": str(uuid.uuid4()), "message": text, "user_uuid": uid,
                    "user_display_name": name, "user_handle": handle})
    last = out[-1]
    for owner, other in (("andrewbrown", "bayko"), ("bayko", "andrewbrown")):
        out.append({"pk": f"GRP#{users[owner][1]}", "sk": last["sk"],
                    "message_group_uuid": group, "message": last["message"],
                    "user_uuid": users[other][1], "user_display_name": users[other][0],
                    "user_handle": other})
    return out


def seed_batch_writer(endpoint, table, count, dialogue, users_file):
    items = rows(count, dialogue, users_file)
    t = boto3.resource("dynamodb", endpoint_url=endpoint, region_name="us-east-1").Table(table)
    with t.batch_writer() as bw:
        for item in items:
            bw.put_item(Item=item)


def seed_put_item(endpoint, table, count, dialogue, users_file):
    items = rows(count, dialogue, users_file)
    client = boto3.client("dynamodb", endpoint_url=endpoint, region_name="us-east-1")
    for item in items:
        client.put_item(TableName=table, Item={k: {"S": v} for k, v in item.items()})


def main():
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "scan":
        scan(*args)
    elif cmd == "scan-parallel":
        scan_parallel(args[0], args[1], int(args[2]), args[3])
    elif cmd == "seed-batch-writer":
        seed_batch_writer(args[0], args[1], int(args[2]), args[3], args[4])
    elif cmd == "seed-put-item":
        seed_put_item(args[0], args[1], int(args[2]), args[3], args[4])
    else:
        sys.exit(f"peers.py: unknown command {cmd}")


if __name__ == "__main__":
    main()
