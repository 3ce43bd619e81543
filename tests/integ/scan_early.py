#!/usr/bin/python3
"""scan_early.py - the pager asks for the next page as soon as a reply's raw body shows its
LastEvaluatedKey, before the page is parsed (ddb/ops.c). Against a small scripted endpoint:
LastEvaluatedKey first (as dynalite writes it) or last (as DynamoDB does), an item attribute
named LastEvaluatedKey that is not the top-level one, and a 200 whose body names the next page
but is not JSON (so the early request must be dropped and the page asked again): scan and
--segments 2 print every item exactly once, in page order.
"""
import http.server
import json
import os
import subprocess
import sys
import threading

# tests/run.sh: TEST_SLOW stretches waits for a binary slowed down (sanitizers)
SLOW = int(os.environ.get("TEST_SLOW", "1"))

DDBTUI = os.environ["DDBTUI"].split()
results = []


def check(name, ok, why=""):
    print(f"PASS {name}" if ok else f"FAIL {name}: {why}", flush=True)
    results.append(ok)


def S(v):
    return {"S": v}


PAGES = {  # ExclusiveStartKey id (None: the first page) -> (items, next id or None)
    None: (["a", "b"], "b"),
    "b": (["c", "d"], "d"),
    "d": (["e"], None),
}


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    seen = []
    damaged = set()  # the requests answered once with a damaged body

    def log_message(self, *a):
        pass

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        esk = body.get("ExclusiveStartKey", {}).get("id", {}).get("S")
        seg = body.get("Segment")
        Handler.seen.append((seg, esk))
        items, nxt = PAGES[esk]
        if seg is not None:  # two segments: segment 1 is empty
            if seg == 1:
                items, nxt = [], None
        page_items = [{"id": S(i), "n": {"N": str(ord(i))}} for i in items]
        if esk == "d":
            # an attribute named LastEvaluatedKey inside an item: not the page's
            page_items[0]["LastEvaluatedKey"] = {"M": {"id": S("zzz")}}
        lek = {"id": S(nxt)} if nxt else None
        if esk == "b" and (seg, esk) not in Handler.damaged:
            # names the next page first, then breaks: the pager must drop its early request
            Handler.damaged.add((seg, esk))
            text = '{"LastEvaluatedKey":' + json.dumps(lek) + ',"Count":2,"Items":[{"id":{"S":"c"}'
            text += "]]]"
        elif esk == "b":
            # LastEvaluatedKey first, as dynalite writes it
            text = json.dumps({"LastEvaluatedKey": lek, "Count": len(page_items),
                               "Items": page_items, "ScannedCount": len(page_items)})
        else:
            # last, as DynamoDB writes it
            doc = {"Count": len(page_items), "Items": page_items,
                   "ScannedCount": len(page_items)}
            if lek:
                doc["LastEvaluatedKey"] = lek
            text = json.dumps(doc)
        data = text.encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/x-amz-json-1.0")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        try:
            self.wfile.write(data)
        except OSError:
            pass  # an early request the client dropped


srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
threading.Thread(target=srv.serve_forever, daemon=True).start()
url = f"http://127.0.0.1:{srv.server_address[1]}"

for name, extra in (("scan", []), ("scan_segments_2", ["--segments", "2"])):
    Handler.seen.clear()
    Handler.damaged.clear()
    r = subprocess.run(DDBTUI + ["--endpoint-url", url, "--max-attempts", "3", *extra, "scan",
                                 "early-t"], capture_output=True, text=True, timeout=60 * SLOW)
    ids = [json.loads(line)["id"] for line in r.stdout.splitlines()]
    check(f"{name}_exit", r.returncode == 0, f"exit {r.returncode}: {r.stderr[-300:]}")
    check(f"{name}_every_item_once_in_order", ids == ["a", "b", "c", "d", "e"],
          f"got {ids}")
    # the damaged page was asked twice, and the last page no more than twice (once early and
    # dropped, once for good)
    asked = [esk for seg, esk in Handler.seen if seg in (None, 0)]
    check(f"{name}_damaged_page_asked_again", asked.count("b") == 2, f"requests {asked}")
    check(f"{name}_last_page_asked", 1 <= asked.count("d") <= 2, f"requests {asked}")
    check(f"{name}_attribute_named_like_the_key_kept",
          '"LastEvaluatedKey":{"id":"zzz"}' in r.stdout, r.stdout[-300:])

srv.shutdown()
sys.exit(0 if all(results) else 1)
