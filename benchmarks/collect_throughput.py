"""Pages per second through `collect`: fetch over HTTP, read metadata and body, extract, record.

    python benchmarks/collect_throughput.py [--pages 1000] [--hosts 4]

Serves SYNTHETIC news pages (benchmarks/corpus.py text wrapped in HTML with JSON-LD and og:
tags) from a local threaded HTTP server on 127.0.0.1, in its own process as a real site would be
elsewhere, speaking HTTP/1.1 with keep-alive as news sites do, and serving /robots.txt (which
allows the pages). The URLs are split over `--hosts` host names (127.0.0.1, 127.0.0.2, ...: all
loopback) and collected by the real orchestrator, `metrics.collect_service.collect` with a
CollectRequest of URLs, into a temporary DuckDB file: concurrent fetching within the per-host
limit, robots.txt, extraction in worker processes, the one-transaction write. Prints pages/s
against the budget and the time of reading (fetch + extraction) and of the write.
"""

from __future__ import annotations

import argparse
import html
import json
import multiprocessing as mp
import sys
import tempfile
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from multiprocessing.connection import Connection
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.corpus import generate
from metrics.collect_service import CollectRequest, collect
from metrics.collectors.http import MAX_CONNECTIONS, PER_HOST_LIMIT, FetchConfig
from metrics.config import Settings
from metrics.workers import cores

BUDGET_PAGES_S = 200.0  # issue 15: at least this many pages/s ...
BUDGET_PAGES = 1000  # ... from this many pages
ROBOTS = b"User-agent: *\nDisallow: /private/\n"


def page_html(i: int, text: str) -> bytes:
    title, _, body = text.partition("\n")
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": title,
          "datePublished": f"2025-05-{1 + i % 28:02d}T08:{i % 60:02d}:00+05:30",
          "author": {"@type": "Person", "name": "Synthetic Writer"},
          "publisher": {"@type": "Organization", "name": f"Synthetic Outlet {i % 25}"}}
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in body.split("\n") if p.strip())
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f'<link rel="canonical" href="https://synthetic.example/{i}">'
            f'<script type="application/ld+json">{json.dumps(ld)}</script></head>'
            f"<body><nav>Home | World | Video</nav><article><h1>{html.escape(title)}</h1>{paragraphs}"
            f"</article><footer>SYNTHETIC page for benchmarking</footer></body></html>").encode()


def serve(pages: list[bytes], hosts: int, ready: Connection) -> None:
    """The server process: one threaded HTTP/1.1 server per loopback address, until killed. Every
    answer is made once, before serving, so that the server's own work weighs little on the cores
    the collector has (a real site's work is done on its own machines)."""
    import threading

    def answer(body: bytes, content_type: str) -> bytes:
        head = f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n"
        return head.encode("ascii") + body

    answers = {"/robots.txt": answer(ROBOTS, "text/plain")}
    answers.update({f"/{i}": answer(body, "text/html; charset=utf-8") for i, body in enumerate(pages)})
    missing = b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as news sites serve
        disable_nagle_algorithm = True

        def do_GET(self) -> None:
            self.wfile.write(answers.get(self.path.split("?")[0], missing))

        def log_message(self, *args: object) -> None:
            pass

    ports = []
    for n in range(hosts):
        server = ThreadingHTTPServer((f"127.0.0.{n + 1}", 0), Handler)
        ports.append(server.server_address[1])
        threading.Thread(target=server.serve_forever, daemon=True).start()
    ready.send(ports)
    threading.Event().wait()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=BUDGET_PAGES)
    parser.add_argument("--hosts", type=int, default=4, help="loopback host names the pages are spread over")
    args = parser.parse_args()
    pages = [page_html(i, a.text) for i, a in enumerate(generate(args.pages, seed=7))]

    ours, theirs = mp.Pipe()
    server = mp.get_context("spawn").Process(target=serve, args=(pages, args.hosts, theirs), daemon=True)
    server.start()
    ports = ours.recv()
    urls = tuple(f"http://127.0.0.{i % args.hosts + 1}:{ports[i % args.hosts]}/{i}" for i in range(args.pages))
    marks: dict[str, float] = {}

    def progress(done: float, total: int, label: str) -> None:
        if not label.startswith("recording"):  # a URL read: the last one ends the reading
            marks["read"] = time.perf_counter()

    try:
        with tempfile.TemporaryDirectory() as tmp:
            started = time.perf_counter()
            cfg = Settings(db=Path(tmp) / "bench.duckdb")
            result = collect(CollectRequest(urls=urls, command="benchmark"), cfg, config=FetchConfig(retries=0),
                             progress=progress)
            total = time.perf_counter() - started
    finally:
        server.kill()
        server.join()
    read_s = marks.get("read", started + total) - started
    rate = args.pages / total
    failed = result.failed
    print(f"collect over {args.pages} SYNTHETIC local pages ({sum(map(len, pages)) / 1e6:.1f} MB of HTML) "
          f"on {args.hosts} loopback hosts, {cores()} cores:")
    print(f"  total {total:.1f} s -> {rate:.1f} pages/s (at most {MAX_CONNECTIONS} requests at once, "
          f"{PER_HOST_LIMIT} per host; extraction in worker processes)")
    print(f"  fetch + robots.txt + metadata, body text and extraction {read_s:.1f} s; "
          f"one-transaction write {total - read_s:.1f} s")
    print(f"  recorded {result.added} articles; {len(failed)} failed"
          + (f" (first: {failed[0].input}: {failed[0].detail})" if failed else ""))
    if args.pages >= BUDGET_PAGES:
        verdict = "met" if rate >= BUDGET_PAGES_S else "NOT met"
        print(f"  budget: >= {BUDGET_PAGES_S:.0f} pages/s from {BUDGET_PAGES:,} pages: {verdict}")
    return 0 if result.added == args.pages else 1


if __name__ == "__main__":
    sys.exit(main())
