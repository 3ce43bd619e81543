#!/usr/bin/python3
"""wan.py - ddbtui over a real link's latency: the WAN section of `make bench`.

Starts the pinned dynalite on a free loopback port (bench.py's Bench does), seeds a table of
20,000 messages (16 conversations of 1,250), then for each delay D of --delays (default 10 and
40 ms each way: round trips of 20 and 80 ms) puts tests/delayline.py in front of it and times,
in each run one after the other:

  W1  the TUI's load-all (headless: `:scan T`, M, until "(all)") against `ddbtui scan T`
  W2  `ddbtui scan T` against the bound pages x RTT, the boto3 paginator, boto3's parallel scan
      with 8 threads, and `aws dynamodb scan`
  W3  `ddbtui seed --count 3000` against boto3's batch_writer (the same rows)
  W4  the TUI's first rows after `:scan T` (DDBTUI_TRACE's "first-rows": the scan's start to the
      frame with its first rows) against one RTT + 30 ms
  and, without a target: opening a conversation (pattern A's first page, `get-conversation`),
  and an import of 3,000 items (`ddbtui import`).

Usage: wan.py --ddbtui ./ddbtui [--runs N] [--delays 10,40] [--quick] [--keep]
Prints a table of medians with each target beside its figure (met / MISSED).
"""
import argparse
import json
import os
import signal
import subprocess
import sys
import time
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import bench  # noqa: E402  (bench.py: Bench, median, log)

ROOT = bench.ROOT
TABLE, SEEDT = "wan-scan", "wan-seed"
PY = "/usr/bin/python3"


class Wan(bench.Bench):
    def delay_line(self, ms):
        """A tests/delayline.py of ms each way in front of dynalite: (process, its URL)."""
        p = subprocess.Popen([PY, os.path.join(ROOT, "tests/delayline.py"), "--upstream",
                              f"127.0.0.1:{self.port}", "--delay-ms", str(ms)],
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        port = p.stdout.readline().strip()
        if not port.isdigit():
            raise SystemExit("bench: the delay line did not start")
        return p, f"http://127.0.0.1:{port}"

    def tui_script(self, name, lines):
        path = os.path.join(self.work, name + ".script")
        with open(path, "w") as f:
            f.write("\n".join(lines) + "\n")
        return path

    def wall(self, cmd, env=None, out=None):
        secs, _ = self.timed(cmd, out, env=env)
        return secs

    def first_rows_ms(self, url, script):
        trace = os.path.join(self.work, "first.trace")
        env = dict(self.env, DDBTUI_TRACE=trace)
        self.timed([self.ddbtui, "--endpoint-url", url, "--script", script, "--size", "120x40"],
                   env=env)
        for line in open(trace):
            if line.startswith("# first-rows "):
                return float(line.split()[2])
        raise SystemExit("bench: no first-rows line in the trace")

    def run(self):
        a = self.args
        log = bench.log
        log("WAN: seeding 20,000 messages (16 conversations of 1,250)")
        self.seed_groups(TABLE, 16, 1250)
        n, raw = self.count_items(TABLE)
        self.recreate(SEEDT)
        export = os.path.join(self.work, "import.jsonl")
        with open(export, "w") as f:
            subprocess.run([self.ddbtui, "--endpoint-url", self.endpoint, "scan", TABLE,
                            "--limit", "3000"], env=self.env, stdout=f, check=True,
                           stderr=subprocess.DEVNULL)
        conv = None  # a conversation of the table: pattern A's first page opens it
        with open(export) as f:
            for line in f:
                pk = json.loads(line).get("pk", "")
                if pk.startswith("MSG#"):
                    conv = pk[4:]
                    break
        load_all = self.tui_script("loadall", [f":scan {TABLE}", "keys M", "until (all)"])
        first = self.tui_script("first", ["pace 1", f":scan {TABLE}", "until rows (more)"])
        peers = os.path.join(HERE, "peers.py")
        dialogue = os.path.join(ROOT, "data/dialogue.txt")
        for d in [int(x) for x in a.delays.split(",")]:
            rtt = 2 * d
            dl, url = self.delay_line(d)
            sec = f"W@{rtt}"
            t = {k: [] for k in ("cli", "tui", "boto3", "par8", "aws", "seed", "bw", "first",
                                 "conv", "import")}
            try:
                for r in range(a.runs):
                    ddb = [self.ddbtui, "--endpoint-url", url]
                    t["cli"].append(self.wall(ddb + ["scan", TABLE]))
                    t["tui"].append(self.wall(ddb + ["--script", load_all, "--size", "120x40"]))
                    t["boto3"].append(self.wall([PY, peers, "scan", url, TABLE,
                                                 os.path.join(self.work, "b3.out")]))
                    t["par8"].append(self.wall([PY, peers, "scan-parallel", url, TABLE, "8",
                                                os.path.join(self.work, "p8.out")]))
                    if not a.quick:
                        t["aws"].append(self.wall(["aws", "--endpoint-url", url, "--region",
                                                   "us-east-1", "--output", "json", "dynamodb",
                                                   "scan", "--table-name", TABLE]))
                    t["seed"].append(self.wall(ddb + ["--table", SEEDT, "seed", "--count",
                                                      str(a.seed_count), "--group",
                                                      str(uuid.uuid4())]))
                    t["bw"].append(self.wall([PY, peers, "seed-batch-writer", url, SEEDT,
                                              str(a.seed_count), dialogue,
                                              self.env["DDBTUI_USERS"]]))
                    t["first"].append(self.first_rows_ms(url, first))
                    if conv:
                        t["conv"].append(self.wall(ddb + ["--table", TABLE, "get-conversation",
                                                          conv]))
                    t["import"].append(self.wall(ddb + ["import", SEEDT, export]))
                    log(f"{sec} run {r + 1}: cli {t['cli'][-1]:.2f} s, tui {t['tui'][-1]:.2f} s, "
                        f"seed {t['seed'][-1]:.2f} s, batch_writer {t['bw'][-1]:.2f} s, "
                        f"first rows {t['first'][-1]:.0f} ms")
            finally:
                dl.terminate()
                dl.wait()
            med = {k: bench.median(v) for k, v in t.items()}
            ratio = lambda x, y: bench.median([p / q for p, q in zip(t[x], t[y])])
            pages = max(1, -(-raw // (1024 * 1024)))  # 1 MB pages of the raw JSON, at least
            self.row(sec, f"RTT {rtt} ms: {n:,} items, {raw / 1e6:.1f} MB raw, ~{pages} pages",
                     "")
            self.row(sec, "  ddbtui scan > /dev/null", f"{med['cli']:.2f} s")
            self.row(sec, "  TUI load-all (M) to the last row", f"{med['tui']:.2f} s")
            self.judge(sec, "  W1 TUI load-all / CLI scan", ratio("tui", "cli"), "{:.2f}x",
                       "<=", 1.3, "{:.1f}x")
            bound = pages * rtt / 1000.0
            if bound > 0:
                self.judge(sec, f"  W2 CLI scan / (pages x RTT = {bound:.2f} s)",
                           med["cli"] / bound, "{:.2f}x", "<=", 1.2, "{:.1f}x")
            self.judge(sec, "  W2 boto3 paginator / CLI scan", ratio("boto3", "cli"), "{:.1f}x",
                       ">=", 2, "{:g}x")
            self.row(sec, "  boto3 parallel scan, 8 threads (no target)", f"{med['par8']:.2f} s")
            if t["aws"]:
                self.row(sec, "  aws dynamodb scan (no target)", f"{med['aws']:.2f} s")
            self.row(sec, f"  ddbtui seed --count {a.seed_count}", f"{med['seed']:.2f} s")
            self.row(sec, "  boto3 batch_writer, the same rows", f"{med['bw']:.2f} s")
            self.judge(sec, "  W3 batch_writer / ddbtui seed", ratio("bw", "seed"), "{:.1f}x",
                       ">=", 12, "{:g}x")
            self.judge(sec, f"  W4 first rows after :scan (RTT + 30 = {rtt + 30} ms)",
                       med["first"], "{:.0f} ms", "<=", rtt + 30, "{:.0f} ms")
            if t["conv"]:
                self.row(sec, "  get-conversation (pattern A) (no target)",
                         f"{med['conv']:.2f} s")
            self.row(sec, "  import of 3,000 items (no target)", f"{med['import']:.2f} s")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--ddbtui", required=True)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--delays", default="10,40")
    ap.add_argument("--seed-count", type=int, default=3000)
    ap.add_argument("--keep", action="store_true")
    ap.add_argument("--quick", action="store_true", help="one run, no AWS CLI")
    a = ap.parse_args()
    if a.quick:
        a.runs = 1
    a.floor = ""
    a.p2_runs = a.runs  # bench.py's table header names it
    w = Wan(a)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    started = time.time()
    try:
        w.start_dynalite()
        w.run()
        w.print_table(started)
    except KeyboardInterrupt:
        return 130
    finally:
        w.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
