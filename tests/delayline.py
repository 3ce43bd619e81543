#!/usr/bin/python3
"""delayline.py - a loopback TCP relay that delays each direction by D ms, for the tests and the
benches: a local endpoint with the round trip of a real link.

    delayline.py --upstream HOST:PORT [--delay-ms D] [--up-ms U] [--down-ms W] [--stats FILE]

Prints its port (127.0.0.1, chosen by the kernel) as the first line of stdout, then relays until
SIGTERM or SIGINT. Every byte read from one side is written to the other D ms after it arrived
(--up-ms / --down-ms set the two directions apart: client to upstream, upstream to client), in
the order it arrived, so a request and its reply each take D ms more and a round trip 2*D. It
does not limit bandwidth: a large reply arrives D ms late, not slowly. Any number of
connections, each relayed on its own; a close or reset on one side is passed on after the same
delay. At exit it writes {"connections": N, "bytes_up": N, "bytes_down": N} to --stats FILE.

Python 3 standard library only (asyncio); listens on 127.0.0.1 only and relays only to a
loopback upstream.
"""
import argparse
import asyncio
import ipaddress
import json
import signal
import socket
import sys
import time

stats = {"connections": 0, "bytes_up": 0, "bytes_down": 0}


def loopback(host):
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


async def pump(reader, writer, delay, counter):
    """Copies reader to writer, each chunk delay seconds after it was read. A sender task
    sleeps until each chunk is due, so reading goes on meanwhile and order is kept."""
    queue = asyncio.Queue()

    async def send():
        while True:
            due, data = await queue.get()
            wait = due - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            if data is None:
                break
            writer.write(data)
            await writer.drain()
        try:
            if writer.can_write_eof():
                writer.write_eof()
        except OSError:
            pass

    sender = asyncio.ensure_future(send())
    try:
        while True:
            data = await reader.read(65536)
            if not data:
                break
            stats[counter] += len(data)
            queue.put_nowait((time.monotonic() + delay, data))
    except (ConnectionError, OSError):
        pass
    queue.put_nowait((time.monotonic() + delay, None))
    try:
        await sender
    except (ConnectionError, OSError):
        pass


async def relay(client_r, client_w, host, port, up, down):
    stats["connections"] += 1
    try:
        up_r, up_w = await asyncio.open_connection(host, port)
    except OSError:
        client_w.close()
        return
    for w in (client_w, up_w):
        sock = w.get_extra_info("socket")
        if sock is not None:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    await asyncio.gather(pump(client_r, up_w, up, "bytes_up"),
                         pump(up_r, client_w, down, "bytes_down"))
    for w in (client_w, up_w):
        try:
            w.close()
        except OSError:
            pass


async def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--upstream", required=True, help="HOST:PORT on loopback")
    ap.add_argument("--delay-ms", type=float, default=40.0)
    ap.add_argument("--up-ms", type=float)
    ap.add_argument("--down-ms", type=float)
    ap.add_argument("--stats")
    a = ap.parse_args()
    host, _, port = a.upstream.rpartition(":")
    host = host.strip("[]")
    if not loopback(host):
        sys.exit("delayline: the upstream must be a loopback address, not %s" % host)
    up = (a.delay_ms if a.up_ms is None else a.up_ms) / 1000.0
    down = (a.delay_ms if a.down_ms is None else a.down_ms) / 1000.0
    server = await asyncio.start_server(
        lambda r, w: relay(r, w, host, int(port), up, down), "127.0.0.1", 0)
    print(server.sockets[0].getsockname()[1], flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for s in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(s, stop.set)
    await stop.wait()
    server.close()
    if a.stats:
        with open(a.stats, "w") as f:
            json.dump(stats, f)


if __name__ == "__main__":
    asyncio.run(main())
