#!/usr/bin/env python3
"""Save-to-served benchmark for `loa serve` (issue #5).

    cargo build --release && python3 bench/serve.py [--pages 1000 5000] [--rounds 20]

For each corpus size (pages per language, 3 languages, ~800 words each; made by
bench/gen_corpus.py), starts `loa serve --port 0`, then repeatedly: opens the live-reload
stream as a browser tab does, saves one page, waits for the reload event, fetches the page and
checks it shows the edit. Reports the time from the save to the new page received (median,
90th percentile, worst) for a body edit, a title edit (the page may move in its listing), a date edit (the sitemap too) and,
once, a template edit (a full rebuild).
"""
import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TARGET = os.environ.get("CARGO_TARGET_DIR", os.path.join(HERE, "..", "target"))


def http_get(addr, path):
    host, port = addr
    with socket.create_connection((host, port), timeout=30) as s:
        s.sendall(f"GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".encode())
        chunks = []
        while True:
            b = s.recv(65536)
            if not b:
                break
            chunks.append(b)
    return b"".join(chunks).decode("utf-8", "replace")


def open_events(addr):
    s = socket.create_connection(addr, timeout=60)
    s.sendall(b"GET /__loa/events HTTP/1.1\r\nHost: localhost\r\n\r\n")
    buf = b""
    while b"retry:" not in buf:
        buf += s.recv(4096)
    return s


def wait_reload(s):
    buf = b""
    while b"data: reload" not in buf:
        b = s.recv(4096)
        if not b:
            raise RuntimeError("event stream closed")
        buf += b


def timed_edit(addr, path, url, text, marker):
    events = open_events(addr)
    t0 = time.perf_counter()
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    wait_reload(events)
    page = http_get(addr, url)
    t1 = time.perf_counter()
    events.close()
    if marker not in page:
        raise RuntimeError(f"{url} does not show the edit {marker!r}")
    return (t1 - t0) * 1000


def summary(label, ms):
    ms = sorted(ms)
    p90 = ms[min(len(ms) - 1, int(len(ms) * 0.9))]
    print(f"  {label:<34} median {statistics.median(ms):7.1f} ms   p90 {p90:7.1f} ms   worst {ms[-1]:7.1f} ms   (n={len(ms)})")


def run(pages, rounds, loa, work):
    corpus = os.path.join(work, str(pages))
    site = os.path.join(corpus, "loa")
    if not os.path.isdir(site):
        subprocess.run([sys.executable, os.path.join(HERE, "gen_corpus.py"), "--pages", str(pages), "--out", corpus], check=True)
    log_path = os.path.join(corpus, "serve.log")
    log = open(log_path, "w")
    proc = subprocess.Popen([loa, "serve", site, "--port", "0"], stdout=subprocess.PIPE, stderr=log, text=True)
    try:
        started = time.perf_counter()
        line = proc.stdout.readline()
        m = re.search(r"http://([\d.]+):(\d+)/", line)
        if not m:
            raise RuntimeError(f"no address in {line!r}: see {log_path}")
        addr = (m.group(1), int(m.group(2)))
        print(f"== 3 languages x {pages} pages: serving after {time.perf_counter() - started:.2f} s (full build in memory)")
        body, title, dated = [], [], []
        for r in range(rounds):
            i = (r * 37) % pages
            rel = os.path.join(site, "content", f"s{i % 10}", f"p{i}.md")
            with open(rel, encoding="utf-8") as f:
                original = f.read()
            url = f"/s{i % 10}/p{i}/"
            marker = f"Bench edit {r}"
            body.append(timed_edit(addr, rel, url, original.replace("\n## ", f"\n{marker}\n\n## ", 1), marker))
            new_title = f"Tieu de moi {r}"
            text = re.sub(r'^title: ".*"$', f'title: "{new_title}"', original, count=1, flags=re.M)
            title.append(timed_edit(addr, rel, url, text, new_title))
            text = re.sub(r"^date: 2026-", "date: 2024-", original, count=1, flags=re.M)
            dated.append(timed_edit(addr, rel, url, text, 'datetime="2024-'))
            with open(rel, "w", encoding="utf-8") as f:
                f.write(original)
            events = open_events(addr)
            wait_reload(events)
            events.close()
            # A person does not save twice within a moment; let deferred work (the sitemap after
            # a date change) finish so it does not count against the next save.
            time.sleep(0.3)
        summary("body edit (page + what shows it)", body)
        summary("title edit (listing may reorder)", title)
        summary("date edit (+ sitemap)", dated)
        tpl_dir = os.path.join(site, "themes", "default", "templates")
        os.makedirs(tpl_dir, exist_ok=True)
        tpl = os.path.join(tpl_dir, "404.html")
        full = timed_edit(addr, tpl, "/khong-co/", '{% extends "base.html" %}{% block main %}<h1>Bench 404</h1>{% endblock main %}', "Bench 404")
        os.remove(tpl)
        summary("template edit (full rebuild)", [full])
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()
    # The server's own account: rebuild time without the watcher's debounce and the HTTP fetch.
    with open(log_path, encoding="utf-8") as f:
        inside = [float(m.group(1)) for m in re.finditer(r"Rebuilt the edit \((?:\d+) files\) in (\d+) ms", f.read())]
    if inside:
        summary("server side: rebuild of an edit", inside)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, nargs="+", default=[1000, 5000])
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--loa", default=os.path.join(TARGET, "release", "loa"))
    ap.add_argument("--work", default=os.environ.get("BENCH_DIR", "/tmp/loa-bench"))
    args = ap.parse_args()
    for n in args.pages:
        run(n, args.rounds, args.loa, args.work)


if __name__ == "__main__":
    main()
