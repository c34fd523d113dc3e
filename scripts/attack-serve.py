#!/usr/bin/env python3
"""Attacks `loa serve` by hand (issue 10) and prints figures: many concurrent clients, slowloris,
clients that pipeline and never read, endless headers. Meanwhile an honest client keeps asking
for a page; its latency and errors are what matter.

    python3 scripts/attack-serve.py [--loa PATH] [--site SITE]

Defaults: the release binary in $CARGO_TARGET_DIR (or target/), a temp copy of
tests/fixtures/web. Not a test (figures depend on the machine); tests/serve_limits.rs checks
the behaviour.
"""

import argparse
import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def start(loa, site):
    proc = subprocess.Popen([loa, "serve", site, "--port", "0", "--quiet"], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, env={**os.environ, "NO_COLOR": "1"})
    line = proc.stdout.readline()
    addr = line.split("http://")[1].split("/")[0]
    host, port = addr.rsplit(":", 1)
    return proc, host, int(port)


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def threads(pid):
    return len(os.listdir(f"/proc/{pid}/task"))


async def get(host, port, path="/goi-111/", timeout=30.0):
    """One GET on a fresh connection; returns (status, seconds) or (None, seconds)."""
    t = time.perf_counter()
    try:
        r, w = await asyncio.wait_for(asyncio.open_connection(host, port), timeout)
        w.write(f"GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".encode())
        data = await asyncio.wait_for(r.read(), timeout)
        w.close()
        status = int(data.split(b" ", 2)[1]) if data.startswith(b"HTTP/1.1 ") else None
        return status, time.perf_counter() - t
    except (OSError, asyncio.TimeoutError, ValueError, IndexError):
        return None, time.perf_counter() - t


async def honest(host, port, seconds):
    """Asks for a page every 50 ms for `seconds`; returns latencies and failures."""
    lat, failed = [], 0
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        status, dt = await get(host, port)
        if status == 200:
            lat.append(dt)
        else:
            failed += 1
        await asyncio.sleep(0.05)
    return lat, failed


def report(name, lat, failed, extra=""):
    if lat:
        lat = sorted(lat)
        p50 = statistics.median(lat) * 1000
        p99 = lat[min(len(lat) - 1, int(len(lat) * 0.99))] * 1000
        print(f"{name:<44} honest client: {len(lat)} ok, {failed} failed, p50 {p50:.1f} ms, p99 {p99:.1f} ms {extra}")
    else:
        print(f"{name:<44} honest client: 0 ok, {failed} failed {extra}")


async def concurrent(host, port, clients, per_client):
    async def one():
        ok = 0
        for _ in range(per_client):
            status, _ = await get(host, port, "/")
            ok += status == 200
        return ok
    t = time.perf_counter()
    oks = await asyncio.gather(*(one() for _ in range(clients)))
    dt = time.perf_counter() - t
    total = clients * per_client
    print(f"{clients} concurrent clients x {per_client} requests: {sum(oks)}/{total} ok, "
          f"{total / dt:.0f} requests/s")


async def slowloris(host, port, n, seconds):
    """n connections that send a header one byte a second; counts those the server closed."""
    conns = []
    for _ in range(n):
        try:
            r, w = await asyncio.open_connection(host, port)
            w.write(b"GET / HTTP/1.1\r\nHost: localhost\r\nX-Slow: ")
            conns.append((r, w))
        except OSError:
            pass
    closed = 0
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        await asyncio.sleep(1)
        for _, w in conns:
            if not w.is_closing():
                try:
                    w.write(b"x")
                    await w.drain()
                except (ConnectionError, OSError):
                    w.close()
    for r, w in conns:
        try:
            data = await asyncio.wait_for(r.read(100), 0.01)
            closed += data.startswith(b"HTTP/1.1 408") or w.is_closing()
        except (asyncio.TimeoutError, ConnectionError, OSError):
            closed += w.is_closing()
        w.close()
    return len(conns), closed


async def stalled_pipeliners(host, port, n):
    """n connections that pipeline 200 requests each and never read."""
    conns = []
    req = b"GET /big.bin HTTP/1.1\r\nHost: localhost\r\n\r\n" * 200
    for _ in range(n):
        r, w = await asyncio.open_connection(host, port)
        w.write(req)
        conns.append(w)
    return conns


async def endless_headers(host, port, n, limit):
    """n clients that stream a header that never ends; returns bytes each got in before a reset."""
    async def one():
        sent = 0
        try:
            _, w = await asyncio.open_connection(host, port)
            w.write(b"GET / HTTP/1.1\r\nHost: localhost\r\nX-Endless: ")
            chunk = b"x" * 65536
            while sent < limit:
                w.write(chunk)
                await asyncio.wait_for(w.drain(), 10)
                sent += len(chunk)
        except (ConnectionError, OSError, asyncio.TimeoutError):
            pass
        return sent
    return await asyncio.gather(*(one() for _ in range(n)))


async def main(args):
    tmp = tempfile.mkdtemp()
    site = args.site or os.path.join(tmp, "web")
    if not args.site:
        shutil.copytree(os.path.join(ROOT, "tests/fixtures/web"), site)
    with open(os.path.join(site, "static", "big.bin"), "wb") as f:
        f.write(b"\x07" * (4 << 20))
    proc, host, port = start(args.loa, site)
    pid = proc.pid
    try:
        print(f"loa serve pid {pid} at {host}:{port}: {rss_mb(pid):.0f} MB resident, {threads(pid)} threads")
        lat, failed = await honest(host, port, 3)
        report("no attack", lat, failed)
        await concurrent(host, port, 200, 20)
        await concurrent(host, port, 1000, 2)

        honest_task = asyncio.create_task(honest(host, port, 14))
        opened, closed = await slowloris(host, port, 500, 14)
        lat, failed = await honest_task
        report(f"slowloris: {opened} trickling connections", lat, failed,
               f"({closed} of them cut off within 14 s; {threads(pid)} threads)")

        stalled = await stalled_pipeliners(host, port, 20)
        lat, failed = await honest(host, port, 5)
        report("20 clients pipelining 200 requests, not reading", lat, failed,
               f"({rss_mb(pid):.0f} MB resident)")
        for w in stalled:
            w.close()

        honest_task = asyncio.create_task(honest(host, port, 8))
        sent = await endless_headers(host, port, 20, 256 << 20)
        lat, failed = await honest_task
        report("20 endless headers (up to 256 MB each)", lat, failed,
               f"(the server took at most {max(sent) / 1024:.0f} KiB of one; {rss_mb(pid):.0f} MB resident)")
        await asyncio.sleep(12)
        print(f"after the attacks: {rss_mb(pid):.0f} MB resident, {threads(pid)} threads, "
              f"still serving: {(await get(host, port))[0] == 200}")
    finally:
        proc.kill()
        proc.wait()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--loa", default=os.path.join(target, "release", "loa"))
    p.add_argument("--site")
    asyncio.run(main(p.parse_args()))
    sys.exit(0)
