#!/usr/bin/python3
"""faultproxy.py - an HTTP/1.1 proxy for the tests, on loopback, between ddbtui and dynalite,
that injects faults by rate or by script.

    faultproxy.py --upstream http://127.0.0.1:PORT [--seed N] [--rate-500 R] [--rate-503 R]
        [--rate-throttle R] [--rate-reset R] [--rate-stall R] [--rate-truncate R]
        [--rate-drip R | --drip] [--script LIST] [--ops OP,...] [--stall-ms MS]
        [--drip-bytes N] [--drip-ms MS] [--control FILE] [--outage-after N [--outage-mode M]]
        [--latency-ms MS] [--stats FILE]

Prints its port (127.0.0.1, chosen by the kernel) as the first line of stdout, then serves until
SIGTERM or SIGINT, when it writes the counts of what it did as JSON to --stats FILE and as one
line to stderr ("faultproxy: requests=... 500=... ...").

Faults, one decision per request (in arrival order, from a random.Random(--seed)):
  500       answers 500 InternalServerError, nothing forwarded
  503       answers 503 ServiceUnavailable, nothing forwarded
  throttle  answers 400 with __type ThrottlingException, or ProvisionedThroughputExceededException
            (alternating), nothing forwarded
  reset     closes the connection with a TCP RST (SO_LINGER 0): half the time before forwarding,
            half the time after (the upstream did the work; only the reply is lost)
  stall     holds the request --stall-ms (default 5000) without answering, then closes it;
            nothing forwarded
  truncate  forwards, then answers with a Content-Length larger than the body it sends and closes
  drip      forwards, then sends the whole reply --drip-bytes (default 5) at a time with a
            --drip-ms (default 1) sleep between pieces (a correct, slow reply)
--script takes a comma list of those names (and "ok") applied to the first requests in order,
before the rates. --ops limits faults to those operations (X-Amz-Target suffixes).

--latency-ms MS holds each forwarded request MS ms before it goes upstream (a slow link), so the
requests a client keeps in flight overlap here: the stats' max_inflight is the most forwarded
requests at once.

--control FILE is read before each request and every 50 ms; its first word sets the mode:
  normal (or an empty/missing file)  the rates and script apply
  outage-503    every request answered 503 ServiceUnavailable
  outage-reset  every connection reset as soon as a request arrives
  refuse        the listening socket is closed: connection refused (reopened on the same port
                when the mode changes back)
--outage-after N switches to --outage-mode (default outage-503) once N requests were seen (a later
change of the control file ends it).
GET /__faultproxy/stats answers the counts so far as JSON; POST /__faultproxy/mode with a mode as
the body sets it like the control file does (while listening: "refuse" cannot be undone that way).
Python 3 standard library only; listens on 127.0.0.1 only and forwards only to a loopback upstream.
"""
import argparse
import http.client
import json
import os
import random
import select
import signal
import socket
import struct
import sys
import threading
import time
import urllib.parse

MODES = ("normal", "outage-503", "outage-reset", "refuse")
FAULTS = ("500", "503", "throttle", "reset", "stall", "truncate", "drip")
HOP = {"connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer",
       "upgrade", "proxy-authorization", "proxy-authenticate"}


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--upstream", required=True, help="http://127.0.0.1:PORT of dynalite")
    p.add_argument("--seed", type=int, default=1)
    for f in FAULTS:
        p.add_argument(f"--rate-{f}", type=float, default=0.0, dest=f"rate_{f}")
    p.add_argument("--drip", action="store_true", help="drip every reply (--rate-drip 1)")
    p.add_argument("--script", default="", help="comma list of faults for the first requests")
    p.add_argument("--latency-ms", type=float, default=0.0,
                   help="hold each forwarded request this long")
    p.add_argument("--ops", default="", help="comma list of operations that may get faults")
    p.add_argument("--stall-ms", type=int, default=5000)
    p.add_argument("--drip-bytes", type=int, default=5)
    p.add_argument("--drip-ms", type=float, default=1.0)
    p.add_argument("--control", default="")
    p.add_argument("--stats", default="")
    p.add_argument("--outage-after", type=int, default=0,
                   help="after N requests, switch to --outage-mode (the control file can end it)")
    p.add_argument("--outage-mode", default="outage-503", choices=MODES[1:])
    a = p.parse_args()
    if a.drip:
        a.rate_drip = 1.0
    u = urllib.parse.urlsplit(a.upstream)
    if u.scheme != "http" or u.hostname not in ("127.0.0.1", "localhost", "::1"):
        p.error("--upstream must be http:// on loopback")
    a.up_host, a.up_port = u.hostname, u.port or 80
    a.script = [s.strip() for s in a.script.split(",") if s.strip()]
    for s in a.script:
        if s not in FAULTS + ("ok",):
            p.error(f"--script: unknown fault '{s}'")
    a.ops = {s.strip() for s in a.ops.split(",") if s.strip()}
    return a


class Proxy:
    def __init__(self, args):
        self.a = args
        self.rng = random.Random(args.seed)
        self.lock = threading.Lock()
        self.script = list(args.script)
        self.stats = {"requests": 0, "forwarded": 0, "ok": 0, "outage": 0, "connections": 0,
                      "stall_closed_by_client": 0}
        for f in FAULTS:
            self.stats[f] = 0
        self.stats["reset_before"] = self.stats["reset_after"] = 0
        self.stats["inflight"] = self.stats["max_inflight"] = 0
        self.stats["throttle_types"] = {}
        self.stats["by_op"] = {}
        self.throttle_flip = 0
        self.mode = "normal"
        self.mode_key = None
        self.outage_started = False
        self.stopping = threading.Event()
        self.listener = None
        self.port = 0

    # ---- control ----
    def read_mode(self):
        """The mode now (under the lock): the control file's when it changes, or the outage of
        --outage-after once that many requests were seen."""
        if self.a.control:
            try:
                st = os.stat(self.a.control)
                key = (st.st_mtime_ns, st.st_size, st.st_ino)
            except OSError:
                key = None
            if key != self.mode_key:
                self.mode_key = key
                words = []
                if key is not None:
                    try:
                        with open(self.a.control) as f:
                            words = f.read().split()
                    except OSError:
                        pass
                self.mode = words[0] if words else "normal"
                if self.mode not in MODES:
                    print(f"faultproxy: unknown mode '{self.mode}' in {self.a.control}",
                          file=sys.stderr, flush=True)
                    self.mode = "normal"
        if (self.a.outage_after and not self.outage_started
                and self.stats["requests"] > self.a.outage_after):
            self.outage_started = True
            self.mode = self.a.outage_mode
        return self.mode

    def bump(self, key, op=None):
        self.stats[key] = self.stats.get(key, 0) + 1
        if op is not None:
            ops = self.stats["by_op"].setdefault(op, {})
            ops[key] = ops.get(key, 0) + 1

    def decide(self, op):
        """The fault for one request (under the lock, in arrival order)."""
        with self.lock:
            self.stats["requests"] += 1
            mode = self.read_mode()
            if mode == "outage-503":
                self.bump("outage", op)
                return "outage-503"
            if mode in ("outage-reset", "refuse"):
                self.bump("outage", op)
                return "outage-reset"
            if self.a.ops and op not in self.a.ops:
                self.bump("ok", op)
                return "ok"
            if self.script:
                f = self.script.pop(0)
            else:
                r = self.rng.random()
                f = "ok"
                acc = 0.0
                for name in FAULTS:
                    acc += getattr(self.a, "rate_" + name)
                    if r < acc:
                        f = name
                        break
            self.bump(f, op)
            if f == "reset":
                f = "reset-before" if self.rng.random() < 0.5 else "reset-after"
                self.stats[f.replace("-", "_")] += 1
            if f == "throttle":
                self.throttle_flip ^= 1
                t = "ThrottlingException" if self.throttle_flip else \
                    "ProvisionedThroughputExceededException"
                self.stats["throttle_types"][t] = self.stats["throttle_types"].get(t, 0) + 1
                f = "throttle:" + t
            return f

    def snapshot(self):
        with self.lock:
            return json.loads(json.dumps(self.stats))

    # ---- serving ----
    def listen(self):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("127.0.0.1", self.port))
        s.listen(128)
        self.port = s.getsockname()[1]
        self.listener = s

    def serve(self):
        self.listen()
        print(self.port, flush=True)
        while not self.stopping.is_set():
            with self.lock:
                mode = self.read_mode()
            if mode == "refuse" and self.listener:
                self.listener.close()
                self.listener = None
            elif mode != "refuse" and not self.listener:
                try:
                    self.listen()
                except OSError:
                    time.sleep(0.05)
                    continue
            if not self.listener:
                self.stopping.wait(0.05)
                continue
            try:
                r, _, _ = select.select([self.listener], [], [], 0.05)
            except (OSError, ValueError):
                continue
            if not r:
                continue
            try:
                conn, _ = self.listener.accept()
            except OSError:
                continue
            with self.lock:
                self.stats["connections"] += 1
            threading.Thread(target=self.handle, args=(conn,), daemon=True).start()

    def handle(self, conn):
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        rf = conn.makefile("rb")
        up = None
        try:
            while not self.stopping.is_set():
                req = read_request(rf)
                if req is None:
                    break
                method, path, headers, body = req
                if method == "GET" and path.startswith("/__faultproxy/stats"):
                    send_response(conn, 200, [("Content-Type", "application/json")],
                                  json.dumps(self.snapshot()).encode())
                    continue
                if method == "POST" and path.startswith("/__faultproxy/mode"):
                    mode = body.decode("utf-8", "replace").strip() or "normal"
                    if mode not in MODES:
                        send_response(conn, 400, [], f"unknown mode {mode}\n".encode())
                        continue
                    with self.lock:
                        self.mode = mode
                    send_response(conn, 200, [], f"{mode}\n".encode())
                    continue
                target = header(headers, "x-amz-target") or ""
                op = target.rsplit(".", 1)[-1] if target else method + " " + path
                fault = self.decide(op)
                kind = fault.split(":", 1)[0]
                if kind in ("outage-reset", "reset-before"):
                    rst(conn)
                    return
                if kind == "outage-503":
                    send_error(conn, 503, "ServiceUnavailable", "injected outage")
                    continue
                if kind == "500":
                    send_error(conn, 500, "InternalServerError", "injected internal error")
                    continue
                if kind == "503":
                    send_error(conn, 503, "ServiceUnavailable", "injected unavailability")
                    continue
                if kind == "throttle":
                    send_error(conn, 400, fault.split(":", 1)[1], "injected: rate exceeded")
                    continue
                if kind == "stall":
                    if self.stall(conn):
                        with self.lock:
                            self.stats["stall_closed_by_client"] += 1
                    rst(conn)
                    return
                # forwarded: ok, reset-after, truncate, drip
                if up is None:
                    up = http.client.HTTPConnection(self.a.up_host, self.a.up_port, timeout=60)
                with self.lock:
                    self.stats["inflight"] += 1
                    self.stats["max_inflight"] = max(self.stats["max_inflight"],
                                                     self.stats["inflight"])
                try:
                    if self.a.latency_ms > 0:
                        time.sleep(self.a.latency_ms / 1000.0)
                    status, reason, rheaders, rbody = forward(up, method, path, headers, body)
                except (OSError, http.client.HTTPException):
                    up.close()
                    up = None
                    send_error(conn, 502, "BadGateway", "faultproxy: upstream failed")
                    return
                finally:
                    with self.lock:
                        self.stats["inflight"] -= 1
                with self.lock:
                    self.stats["forwarded"] += 1
                if kind == "reset-after":
                    rst(conn)
                    return
                out = [(k, v) for k, v in rheaders
                       if k.lower() not in HOP and k.lower() != "content-length"]
                if kind == "truncate":
                    head = response_head(status, reason, out, len(rbody) + 1 + len(rbody) // 2)
                    conn.sendall(head + rbody[: len(rbody) // 2])
                    rst(conn)
                    return
                data = response_head(status, reason, out, len(rbody)) + rbody
                if kind == "drip":
                    step = max(1, self.a.drip_bytes)
                    for i in range(0, len(data), step):
                        conn.sendall(data[i:i + step])
                        time.sleep(self.a.drip_ms / 1000.0)
                else:
                    conn.sendall(data)
                if header(headers, "connection", "").lower() == "close":
                    break
        except (OSError, ValueError):
            pass
        finally:
            if up is not None:
                up.close()
            try:
                conn.close()
            except OSError:
                pass

    def stall(self, conn):
        """Holds the connection stall_ms; returns True if the client gave up first."""
        until = time.monotonic() + self.a.stall_ms / 1000.0
        while not self.stopping.is_set():
            left = until - time.monotonic()
            if left <= 0:
                return False
            r, _, _ = select.select([conn], [], [], min(left, 0.05))
            if r:
                try:
                    if not conn.recv(1, socket.MSG_PEEK):
                        return True
                except OSError:
                    return True
                time.sleep(min(left, 0.05))  # pipelined bytes: keep holding
        return False

    def dump(self):
        s = self.snapshot()
        if self.a.stats:
            tmp = self.a.stats + ".tmp"
            with open(tmp, "w") as f:
                json.dump(s, f, indent=1, sort_keys=True)
            os.replace(tmp, self.a.stats)
        keys = ("requests", "forwarded", "500", "503", "throttle", "reset", "reset_before",
                "reset_after", "stall", "truncate", "drip", "outage")
        print("faultproxy: " + " ".join(f"{k}={s.get(k, 0)}" for k in keys), file=sys.stderr,
              flush=True)


def header(headers, name, default=None):
    for k, v in headers:
        if k.lower() == name:
            return v
    return default


def read_request(rf):
    line = rf.readline(65537)
    while line in (b"\r\n", b"\n"):
        line = rf.readline(65537)
    if not line:
        return None
    parts = line.decode("latin-1").split()
    if len(parts) != 3:
        raise ValueError("bad request line")
    method, path, _ = parts
    headers = []
    while True:
        h = rf.readline(65537)
        if not h:
            return None
        if h in (b"\r\n", b"\n"):
            break
        k, _, v = h.decode("latin-1").partition(":")
        headers.append((k.strip(), v.strip()))
    n = int(header(headers, "content-length", "0") or 0)
    body = rf.read(n) if n else b""
    if len(body) != n:
        return None
    return method, path, headers, body


def forward(up, method, path, headers, body):
    for attempt in (0, 1):  # a kept-alive upstream connection may have been closed meanwhile
        try:
            up.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
            for k, v in headers:
                if k.lower() not in HOP and k.lower() != "content-length":
                    up.putheader(k, v)
            up.putheader("Content-Length", str(len(body)))
            up.endheaders(body)
            r = up.getresponse()
            data = r.read()
            return r.status, r.reason, r.getheaders(), data
        except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
            up.close()
            if attempt:
                raise
    raise OSError("unreachable")


def response_head(status, reason, headers, length):
    lines = [f"HTTP/1.1 {status} {reason}"]
    lines += [f"{k}: {v}" for k, v in headers]
    lines.append(f"Content-Length: {length}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def send_response(conn, status, headers, body):
    reasons = {200: "OK", 400: "Bad Request", 500: "Internal Server Error", 502: "Bad Gateway",
               503: "Service Unavailable"}
    conn.sendall(response_head(status, reasons.get(status, "Error"), headers, len(body)) + body)


def send_error(conn, status, typ, msg):
    body = json.dumps({"__type": "com.amazonaws.dynamodb.v20120810#" + typ,
                       "message": msg}).encode()
    send_response(conn, status, [("Content-Type", "application/x-amz-json-1.0"),
                                 ("x-amzn-RequestId", "FAULTPROXY")], body)


def rst(conn):
    """Closes with a TCP RST instead of a FIN."""
    try:
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    except OSError:
        pass
    try:
        conn.close()
    except OSError:
        pass


def main():
    args = parse_args()
    proxy = Proxy(args)

    def stop(signum, frame):
        proxy.stopping.set()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        proxy.serve()
    finally:
        proxy.dump()


if __name__ == "__main__":
    main()
