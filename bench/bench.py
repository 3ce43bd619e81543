#!/usr/bin/python3
"""bench.py - the performance figures of ddbtui against dynalite, with their targets.

Started by `make bench` (after bench/core.sh). Starts the pinned dynalite on a free loopback
port, in memory, with a private HOME; prepares realistic data with `ddbtui seed` (message rows of
the chat model, about 330 bytes each as plain JSON); then measures, interleaving the tools within
each run so that they see the same machine, and prints one table of medians with each target
beside its figure. Ratios are taken within a run (the two tools of a ratio ran back to back) and
the median of those ratios is printed.

  P1  scan of 50,000 items to JSON lines: ddbtui scan, aws dynamodb scan (to a file), a boto3
      paginator writing JSON lines, and the floor: the same page requests replayed by
      build/bench/floor, which signs and sends them and counts the bytes of each reply without
      parsing (what dynalite itself costs).
  P2  seed of 20,000 messages into an empty table: ddbtui seed --count 20000, boto3's
      batch_writer, and one put_item per message (as the original seed script did).
  P3  the UI, headless (--script, frame 120x40): a table of 200,000 items, M loads every page;
      once 100,000 rows are in, keys come 8 ms apart while the scan goes on (`pace 8`):
      scrolling, paging, horizontal scrolling, a filter typed and applied, cleared. Key->frame
      latency from DDBTUI_TRACE; peak RSS of the process against the raw JSON (DynamoDB JSON,
      as `ddbtui scan --raw` prints it) of the rows it holds at the end.
  P4  process start to the first complete frame (nothing left to load), from the DDBTUI_TRACE
      "start" line: in a real terminal (tmux) when tmux is there, and headless. The time counts
      from just before exec (DDBTUI_TRACE_T0, set by the launcher).

Usage: bench.py --ddbtui ./ddbtui --floor build/bench/floor [--runs N] [--quick]
"""
import argparse
import json
import os
import re
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DYNALITE = os.path.join(ROOT, "tools/npm/node_modules/dynalite/cli.js")
HERE = os.path.dirname(os.path.abspath(__file__))

P1_TABLE, P2_TABLE, P3_TABLE = "bench-p1", "bench-p2", "bench-p3"


def log(msg):
    print(f"bench: {msg}", file=sys.stderr, flush=True)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def median(xs):
    return statistics.median(xs) if xs else float("nan")


def pct(xs, p):
    """The p-th percentile (nearest rank) of xs."""
    if not xs:
        return float("nan")
    s = sorted(xs)
    k = max(0, min(len(s) - 1, int(round(p / 100.0 * len(s) + 0.5)) - 1))
    return s[k]


class Bench:
    def __init__(self, args):
        self.args = args
        self.ddbtui = os.path.abspath(args.ddbtui)
        self.floor = os.path.abspath(args.floor)
        self.work = tempfile.mkdtemp(prefix="ddbtui-bench.")
        self.dyn = None
        self.rows = []   # (section, label, value text, target text, verdict)
        self.notes = []
        self.missed = []
        home = os.path.join(self.work, "home")
        os.makedirs(home)
        env = dict(os.environ)
        for k in ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL_DYNAMODB", "http_proxy",
                  "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "DDBTUI_TRACE", "DDBTUI_TRACE_T0"):
            env.pop(k, None)
        env.update(HOME=home, XDG_CONFIG_HOME=os.path.join(home, ".config"),
                   XDG_STATE_HOME=os.path.join(home, ".state"),
                   DDBTUI_USERS=os.path.join(self.work, "users.json"),
                   AWS_ACCESS_KEY_ID="bench", AWS_SECRET_ACCESS_KEY="bench",
                   AWS_REGION="us-east-1", AWS_DEFAULT_REGION="us-east-1", AWS_PAGER="",
                   NO_COLOR="1", TZ="UTC")
        self.env = env

    # ---- processes ----

    def start_dynalite(self):
        self.port = free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}"
        self.dyn = subprocess.Popen(
            ["node", DYNALITE, "--host", "127.0.0.1", "--port", str(self.port),
             "--createTableMs", "50", "--deleteTableMs", "50"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(200):
            try:
                urllib.request.urlopen(self.endpoint, timeout=1).read()
            except urllib.error.HTTPError:
                break  # it answers (400 without a body): up
            except Exception:
                time.sleep(0.05)
                continue
            break
        else:
            raise SystemExit("bench: dynalite did not start")
        self.env["AWS_ENDPOINT_URL"] = self.endpoint

    def stop(self):
        if self.dyn and self.dyn.poll() is None:
            self.dyn.terminate()
            try:
                self.dyn.wait(5)
            except subprocess.TimeoutExpired:
                self.dyn.kill()
        if self.args.keep:
            log(f"kept {self.work}")
        else:
            shutil.rmtree(self.work, ignore_errors=True)

    def ddb(self, *args, check=True, stdout=subprocess.DEVNULL, env=None):
        cmd = [self.ddbtui, "--endpoint-url", self.endpoint, *args]
        r = subprocess.run(cmd, env=env or self.env, stdout=stdout, stderr=subprocess.PIPE,
                           text=True)
        if check and r.returncode != 0:
            raise SystemExit(f"bench: {' '.join(cmd)} failed: {r.stderr.strip()[:500]}")
        return r

    def dyn_cpu(self):
        """(CPU seconds of all its threads, seconds its main thread, which does the work,
        was ready to run but waited for a CPU) of dynalite so far (/proc/PID/task/*/schedstat)."""
        cpu = wait = 0
        for tid in os.listdir(f"/proc/{self.dyn.pid}/task"):
            try:
                with open(f"/proc/{self.dyn.pid}/task/{tid}/schedstat") as f:
                    run_ns, wait_ns = f.read().split()[:2]
            except OSError:
                continue
            cpu += int(run_ns) / 1e9
            if int(tid) == self.dyn.pid:
                wait = int(wait_ns) / 1e9
        return cpu, wait

    def timed(self, cmd, out_path=None, env=None):
        """Runs cmd; returns (seconds, peak RSS in KB or 0); self.last_dyn is the CPU seconds
        dynalite spent meanwhile. stdout to out_path or /dev/null.
        The RSS comes from GNU time, which runs cmd in a process of its own: the rusage of a
        child of this (large) Python process would count its pages from before the exec."""
        out = open(out_path, "wb") if out_path else subprocess.DEVNULL
        err_path = os.path.join(self.work, "stderr")
        rss_path = os.path.join(self.work, "rss")
        gnu_time = os.path.exists("/usr/bin/time")
        if gnu_time:
            cmd = ["/usr/bin/time", "-f", "%M", "-o", rss_path] + cmd
        with open(err_path, "wb") as err:
            c0, w0 = self.dyn_cpu()
            t0 = time.perf_counter()
            rc = subprocess.call(cmd, env=env or self.env, stdout=out, stderr=err,
                                 stdin=subprocess.DEVNULL)
            secs = time.perf_counter() - t0
            c1, w1 = self.dyn_cpu()
            self.last_dyn = c1 - c0
            self.last_dyn_wait = w1 - w0
        if out_path:
            out.close()
        if rc != 0:
            with open(err_path, errors="replace") as f:
                raise SystemExit(f"bench: {' '.join(cmd)} exited {rc}: {f.read()[-800:]}")
        kb = 0
        if gnu_time:
            with open(rss_path) as f:
                kb = int(f.read().split()[-1])
        return secs, kb

    def count_items(self, table):
        r = subprocess.run([self.ddbtui, "--endpoint-url", self.endpoint, "scan", "--raw", table],
                           env=self.env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        return r.stdout.count(b"\n"), len(r.stdout)

    def recreate(self, table):
        self.ddb("drop", table, "--yes", check=False)
        self.ddb("--table", table, "schema-load")

    def seed_groups(self, table, groups, per_group):
        """groups conversations of per_group messages each (2 group rows each), two at a time."""
        self.recreate(table)
        procs = []
        for i in range(groups):
            cmd = [self.ddbtui, "--endpoint-url", self.endpoint, "--table", table, "seed",
                   "--count", str(per_group), "--group", str(uuid.uuid4()),
                   "--start", f"2026-0{1 + i % 9}-{1 + i % 28:02d}T08:00:00+00:00"]
            procs.append(subprocess.Popen(cmd, env=self.env, stdout=subprocess.DEVNULL,
                                          stderr=subprocess.PIPE))
            if len(procs) >= 2:
                self._reap(procs.pop(0))
        for p in procs:
            self._reap(p)

    @staticmethod
    def _reap(p):
        _, err = p.communicate()
        if p.returncode != 0:
            raise SystemExit(f"bench: seed failed: {err.decode(errors='replace')[:500]}")

    # ---- the table ----

    def row(self, section, label, value, target="", verdict=""):
        self.rows.append((section, label, value, target, verdict))

    def judge(self, section, label, value, fmt, op, target, tfmt):
        ok = value >= target if op == ">=" else value <= target
        verdict = "met" if ok else "MISSED"
        if not ok:
            self.missed.append(f"{section} {label}")
        self.row(section, label, fmt.format(value), f"{op} {tfmt.format(target)}", verdict)
        return ok

    # ---- P1 ----

    def p1(self):
        runs = self.args.runs
        log("P1: seeding 50,000 items (40 conversations of 1,248 messages and their 80 group rows)")
        self.seed_groups(P1_TABLE, 40, 1248)
        n, raw = self.count_items(P1_TABLE)
        pages = os.path.join(self.work, "p1.pages")
        subprocess.run([self.floor, "record", self.endpoint, P1_TABLE, pages], env=self.env,
                       check=True, stderr=subprocess.DEVNULL)
        npages = sum(1 for _ in open(pages))
        b3 = [sys.executable if os.path.basename(sys.executable).startswith("python") else
              "/usr/bin/python3", os.path.join(HERE, "peers.py"), "scan", self.endpoint, P1_TABLE]
        out = {k: os.path.join(self.work, f"p1.{k}") for k in ("ddbtui", "boto3", "aws", "seg")}
        tools = [
            ("floor", [self.floor, "replay", self.endpoint, pages], None),
            ("ddbtui", [self.ddbtui, "--endpoint-url", self.endpoint, "scan", P1_TABLE],
             out["ddbtui"]),
            ("boto3", b3 + [out["boto3"]], None),
            ("aws", ["aws", "--endpoint-url", self.endpoint, "--region", "us-east-1", "--output",
                     "json", "dynamodb", "scan", "--table-name", P1_TABLE], out["aws"]),
            ("seg4", [self.ddbtui, "--endpoint-url", self.endpoint, "--segments", "4", "scan",
                      P1_TABLE], out["seg"]),
        ]
        t = {k: [] for k, _, _ in tools}
        rss = {k: [] for k, _, _ in tools}
        dyn = {k: [] for k, _, _ in tools}
        dwait = {k: [] for k, _, _ in tools}
        log(f"P1: {n} items, {raw / 1e6:.1f} MB raw, {npages} pages; {runs} runs of "
            + ", ".join(k for k, _, _ in tools))
        for r in range(runs):
            for k, cmd, o in tools:
                secs, kb = self.timed(cmd, o)
                t[k].append(secs)
                rss[k].append(kb)
                dyn[k].append(self.last_dyn)
                dwait[k].append(self.last_dyn_wait)
            log(f"P1: run {r + 1}: " + ", ".join(f"{k} {t[k][-1]:.2f} s (dynalite {dyn[k][-1]:.2f})"
                                                 for k, _, _ in tools))
            if r == 0:
                self.p1_check(n, out)
        lines = sum(1 for _ in open(out["ddbtui"], "rb"))
        plain = os.path.getsize(out["ddbtui"])
        sec = "P1"
        self.row(sec, f"scan of {n:,} items ({plain / n:.0f} B a JSON line, {raw / n:.0f} B "
                 f"raw), {npages} pages", "")
        self.row(sec, "  ddbtui scan > file", f"{median(t['ddbtui']):.2f} s",
                 "", f"{n / median(t['ddbtui']):,.0f} items/s")
        self.row(sec, "  floor: the same requests, replies not parsed",
                 f"{median(t['floor']):.2f} s")
        self.row(sec, "  boto3 paginator -> JSON lines", f"{median(t['boto3']):.2f} s")
        self.row(sec, "  aws dynamodb scan > file", f"{median(t['aws']):.2f} s")
        self.row(sec, "  ddbtui --segments 4 scan > file (no target)",
                 f"{median(t['seg4']):.2f} s", "", f"{n / median(t['seg4']):,.0f} items/s")
        ratio = lambda a, b: median([x / y for x, y in zip(t[a], t[b])])
        self.judge(sec, "  aws CLI time / ddbtui time", ratio("aws", "ddbtui"), "{:.1f}x",
                   ">=", 5, "{:g}x")
        self.row(sec, "  boto3 time / ddbtui time (no target)", f"{ratio('boto3', 'ddbtui'):.1f}x")
        self.judge(sec, "  ddbtui time / floor time", ratio("ddbtui", "floor"), "{:.2f}x",
                   "<=", 1.15, "{:.2f}x")
        share = lambda k, xs: median([x / w for x, w in zip(xs[k], t[k])])
        self.row(sec, "  dynalite CPU while serving the floor / ddbtui",
                 f"{median(dyn['floor']):.2f} s", "",
                 f"{median(dyn['ddbtui']):.2f} s; share of the wall time: "
                 f"{share('floor', dyn):.0%} / {share('ddbtui', dyn):.0%} running, "
                 f"{share('floor', dwait):.0%} / {share('ddbtui', dwait):.0%} waiting for a CPU")
        self.row(sec, "  ddbtui scan peak RSS (a few pages, whatever the size)",
                 f"{median(rss['ddbtui']) / 1024:.0f} MB", "",
                 f"{raw / 1e6:.0f} MB raw scanned")
        self.p1_runs = t

    def p1_check(self, n, out):
        """The tools wrote the same items."""
        a = open(out["ddbtui"], "rb").read().splitlines()
        b = open(out["boto3"], "rb").read().splitlines()
        s = open(out["seg"], "rb").read().splitlines()
        doc = json.load(open(out["aws"]))
        count = doc.get("Count")
        del doc
        if len(a) != n or sorted(a) != sorted(b) or sorted(a) != sorted(s) or count != n:
            raise SystemExit(f"bench: P1 outputs differ: ddbtui {len(a)} lines, boto3 {len(b)}, "
                             f"segments {len(s)}, aws Count {count}, expected {n}")

    # ---- P2 ----

    def p2(self):
        runs = self.args.p2_runs
        count = self.args.seed_count
        py = "/usr/bin/python3"
        peers = os.path.join(HERE, "peers.py")
        dialogue = os.path.join(ROOT, "data/dialogue.txt")
        tools = [
            ("ddbtui", [self.ddbtui, "--endpoint-url", self.endpoint, "--table", P2_TABLE,
                        "seed", "--count", str(count)]),
            ("batch_writer", [py, peers, "seed-batch-writer", self.endpoint, P2_TABLE,
                              str(count), dialogue, self.env["DDBTUI_USERS"]]),
            ("put_item", [py, peers, "seed-put-item", self.endpoint, P2_TABLE, str(count),
                          dialogue, self.env["DDBTUI_USERS"]]),
        ]
        t = {k: [] for k, _ in tools}
        dyn = {k: [] for k, _ in tools}
        dwait = {k: [] for k, _ in tools}
        log(f"P2: {runs} runs of seeding {count:,} messages into an empty table with "
            + ", ".join(k for k, _ in tools))
        for r in range(runs):
            for k, cmd in tools:
                self.recreate(P2_TABLE)
                secs, _ = self.timed(cmd)
                t[k].append(secs)
                dyn[k].append(self.last_dyn)
                dwait[k].append(self.last_dyn_wait)
                n, _ = self.count_items(P2_TABLE)
                if n != count + 2:
                    raise SystemExit(f"bench: P2 {k} left {n} items, expected {count + 2}")
            log(f"P2: run {r + 1}: " + ", ".join(f"{k} {t[k][-1]:.2f} s" for k, _ in tools))
        sec = "P2"
        self.row(sec, f"seed of {count:,} messages (+2 group rows), empty table", "")
        self.row(sec, "  ddbtui seed --count %d" % count, f"{median(t['ddbtui']):.2f} s", "",
                 f"{(count + 2) / median(t['ddbtui']):,.0f} items/s")
        self.row(sec, "  boto3 batch_writer", f"{median(t['batch_writer']):.2f} s")
        self.row(sec, "  boto3 put_item, one per item", f"{median(t['put_item']):.2f} s")
        ratio = lambda a, b: median([x / y for x, y in zip(t[a], t[b])])
        self.judge(sec, "  batch_writer time / ddbtui time", ratio("batch_writer", "ddbtui"),
                   "{:.1f}x", ">=", 3, "{:g}x")
        self.judge(sec, "  put_item loop time / ddbtui time", ratio("put_item", "ddbtui"),
                   "{:.1f}x", ">=", 20, "{:g}x")
        self.row(sec, "  dynalite CPU during ddbtui seed",
                 f"{median(dyn['ddbtui']):.2f} s", "",
                 f"share of the wall time: "
                 f"{median([d / w for d, w in zip(dyn['ddbtui'], t['ddbtui'])]):.0%} running, "
                 f"{median([d / w for d, w in zip(dwait['ddbtui'], t['ddbtui'])]):.0%} "
                 "waiting for a CPU")
        bound = lambda a: median([x / d for x, d in zip(t[a], dyn["ddbtui"])])
        self.row(sec, "  ceiling of the ratios (peer time / that CPU)",
                 f"{bound('batch_writer'):.1f}x", "",
                 f"and {bound('put_item'):.1f}x: a client that cost nothing")

    # ---- P3 ----

    def p3(self):
        groups, per = self.args.p3_groups, 1248
        log(f"P3: seeding {groups * (per + 2):,} items ({groups} conversations)")
        self.seed_groups(P3_TABLE, groups, per)
        n, raw = self.count_items(P3_TABLE)
        raw_per_item = raw / n  # bytes of an item's DynamoDB JSON (its line, newline included)
        d = os.path.join(self.work, "p3")
        os.makedirs(d)
        trace = os.path.join(d, "trace")
        keys = []
        keys += ["keys " + " ".join(["j"] * 40)]
        keys += ["keys " + " ".join(["PgDn"] * 25), "keys " + " ".join(["PgUp"] * 10)]
        keys += ["keys G", "keys " + " ".join(["k"] * 20), "keys g"]
        keys += ["keys " + " ".join(["l"] * 6 + ["h"] * 6)]
        keys += ["keys /", "type bayko", "keys Enter"]          # the filter: about half the rows
        keys += ["keys " + " ".join(["j"] * 20 + ["PgDn"] * 10 + ["G", "g"])]
        keys += ["keys / C-u", "type coffee", "keys Enter"]     # a rarer match
        keys += ["keys " + " ".join(["j"] * 10 + ["PgDn"] * 5)]
        keys += ["keys / C-u Enter"]                            # cleared
        keys += ["keys " + " ".join(["j"] * 20 + ["PgDn"] * 10 + ["PgUp"] * 5)]
        script = os.path.join(d, "p3.script")
        with open(script, "w") as f:
            f.write(f":scan {P3_TABLE}\nkeys M\nuntil 100000 rows\npace 8\n"
                    f":save-screen {d}/at100k.txt\n" + "\n".join(keys) + f"\n:save-screen {d}/after_keys.txt\n"
                    f"pace 0\n:save-screen {d}/end.txt\n")
        env = dict(self.env, DDBTUI_TRACE=trace)
        log(f"P3: {n:,} items ({raw_per_item:.0f} B raw each); the UI loads them, keys from "
            "100,000 rows on")
        secs, kb = self.timed([self.ddbtui, "--endpoint-url", self.endpoint, "--max-rows",
                               "1000000", "--size", "120x40", "--script", script], env=env)
        lat, names = [], []
        for line in open(trace):
            parts = line.split()
            if len(parts) == 2 and parts[0] != "#":
                names.append(parts[0])
                lat.append(float(parts[1]))
        # the keys after M: those of the paced part
        lat_k, names_k = lat[1:], names[1:]
        after = open(os.path.join(d, "after_keys.txt")).read()
        end = open(os.path.join(d, "end.txt")).read()
        m = re.search(r"Scan \S+ \S+ (\d+) rows", end)
        loaded = int(m.group(1)) if m else 0
        in_flight = "loading all" in after
        m2 = re.search(r"Scan \S+ \S+ (\d+) rows", after)
        rows_after = int(m2.group(1)) if m2 else 0
        sec = "P3"
        self.row(sec, f"UI, {len(lat_k)} keys from 100,000 rows on, scan in flight: "
                 + ("yes" if in_flight else "NO (it ended first)")
                 + f" ({rows_after:,} rows when the keys ended)", "")
        cats = {"scrolling (j k h l)": {"j", "k", "h", "l"},
                "paging (PgDn PgUp g G)": {"PgDn", "PgUp", "g", "G"}}
        cat_of = lambda nm: next((c for c, ks in cats.items() if nm in ks),
                                 "filtering (/, typing, Enter)")
        by = {}
        for ms, nm in zip(lat_k, names_k):
            by.setdefault(cat_of(nm), []).append(ms)
        self.row(sec, "  key->frame p50, every key", f"{median(lat_k):.2f} ms")
        self.judge(sec, "  key->frame p99, every key", pct(lat_k, 99), "{:.2f} ms", "<=", 16,
                   "{:g} ms")
        for c in list(cats) + ["filtering (/, typing, Enter)"]:
            xs = by.get(c, [])
            self.judge(sec, f"    p99 of {len(xs)} keys {c}", pct(xs, 99), "{:.2f} ms", "<=",
                       16, "{:g} ms")
        slow = sorted(zip(lat_k, names_k), reverse=True)[:4]
        self.row(sec, "  slowest keys", ", ".join(f"{nm} {ms:.0f} ms" for ms, nm in slow))
        held = loaded * raw_per_item
        self.row(sec, f"  peak RSS, {loaded:,} rows held ({held / 1e6:.1f} MB raw JSON)",
                 f"{kb / 1024:.0f} MB")
        self.judge(sec, "  peak RSS / raw JSON held", kb * 1024 / held if held else 99,
                   "{:.2f}x", "<=", 2, "{:g}x")
        self.p3_lat = (lat_k, names_k)

    # ---- P4 ----

    def p4(self):
        """Measured first, while the endpoint holds one table of the chat model (the seed): an
        ordinary start. dynalite's ListTables walks every item of every table, so it would
        measure dynalite once the big tables are in."""
        runs = self.args.runs
        d = os.path.join(self.work, "p4")
        os.makedirs(d)
        self.ddb("schema-load")
        self.ddb("seed")
        launcher = ["/usr/bin/python3", "-c",
                    "import os,sys,time\n"
                    "os.environ['DDBTUI_TRACE_T0']=str(time.clock_gettime_ns(time.CLOCK_MONOTONIC))\n"
                    "os.execv(sys.argv[1], sys.argv[1:])"]
        script = os.path.join(d, "quit.script")
        with open(script, "w") as f:
            f.write("keys q\n")
        headless, term = [], []
        tmux = shutil.which("tmux")
        for r in range(runs):
            trace = os.path.join(d, f"h{r}")
            env = dict(self.env, DDBTUI_TRACE=trace)
            self.timed(launcher + [self.ddbtui, "--endpoint-url", self.endpoint, "--script",
                                   script], env=env)
            headless.append(self.start_ms(trace))
            if tmux:
                term.append(self.p4_tmux(tmux, launcher, os.path.join(d, f"t{r}"), r))
        sec = "P4"
        self.row(sec, "process start (exec) to the first complete frame", "")
        if term:
            self.judge(sec, "  in a terminal (tmux, 120x40)", median(term), "{:.1f} ms", "<=",
                       50, "{:g} ms")
            self.row(sec, "  headless (--script, no terminal)", f"{median(headless):.1f} ms")
        else:
            self.judge(sec, "  headless (--script; tmux missing)", median(headless),
                       "{:.1f} ms", "<=", 50, "{:g} ms")

    @staticmethod
    def start_ms(trace):
        for line in open(trace):
            if line.startswith("# start "):
                return float(line.split()[2])
        raise SystemExit(f"bench: no start line in {trace}")

    def p4_tmux(self, tmux, launcher, trace, r):
        sock = f"ddbtui-bench-{os.getpid()}-{r}"
        env_args = " ".join(f"{k}={v}" for k, v in (
            ("TERM", "xterm-256color"), ("HOME", self.env["HOME"]),
            ("DDBTUI_USERS", self.env["DDBTUI_USERS"]), ("DDBTUI_TRACE", trace),
            ("AWS_ACCESS_KEY_ID", "bench"), ("AWS_SECRET_ACCESS_KEY", "bench"),
            ("AWS_REGION", "us-east-1")))
        inner = " ".join("'" + a.replace("'", "'\\''") + "'" for a in
                         launcher + [self.ddbtui, "--endpoint-url", self.endpoint])
        t = [tmux, "-L", sock, "-f", "/dev/null"]
        try:
            subprocess.run(t + ["new-session", "-d", "-x", "120", "-y", "40",
                                f"env {env_args} {inner}"], check=True, env=self.env)
            for _ in range(200):
                if os.path.exists(trace) and "# start " in open(trace).read():
                    break
                time.sleep(0.05)
            subprocess.run(t + ["send-keys", "q"], env=self.env, stderr=subprocess.DEVNULL)
            time.sleep(0.2)
        finally:
            subprocess.run(t + ["kill-server"], env=self.env, stderr=subprocess.DEVNULL)
        return self.start_ms(trace)

    # ---- the table ----

    def print_table(self, started):
        cpus = os.cpu_count()
        load = os.getloadavg()[0]
        print()
        print(f"ddbtui benchmark: dynalite on {self.endpoint}, {cpus} CPUs, load average "
              f"{load:.1f}; medians of {self.args.runs} runs (P2: {self.args.p2_runs}), "
              f"{(time.time() - started) / 60:.1f} min in all")
        w = max(len(r[1]) for r in self.rows) + 2
        print(f"{'':4}{'figure':<{w}}{'median':>12}  {'target':<10}  result")
        last = None
        for sec, label, value, target, verdict in self.rows:
            print(f"{sec if sec != last else '':4}{label:<{w}}{value:>12}  {target:<10}  "
                  f"{verdict}")
            last = sec
        if self.missed:
            print("\nnot met: " + "; ".join(m.strip() for m in self.missed)
                  + " (bench/README.md says what bounds each)")
        else:
            print("\nevery target met")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--ddbtui", required=True)
    ap.add_argument("--floor", required=True)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--p2-runs", type=int, default=3)
    ap.add_argument("--seed-count", type=int, default=20000)
    ap.add_argument("--p3-groups", type=int, default=160)
    ap.add_argument("--only", default="P1,P2,P3,P4")
    ap.add_argument("--keep", action="store_true", help="keep the work directory")
    ap.add_argument("--quick", action="store_true", help="fewer runs and items, to try it out")
    args = ap.parse_args()
    if args.quick:
        args.runs, args.p2_runs, args.seed_count = 2, 1, 2000
    b = Bench(args)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    started = time.time()
    try:
        b.start_dynalite()
        for part in ("P4", "P1", "P2", "P3"):
            if part in args.only.split(","):
                getattr(b, part.lower())()
        b.print_table(started)
    except KeyboardInterrupt:
        print("bench: interrupted", file=sys.stderr)
        return 130
    finally:
        b.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
