"""Pages per second through `collect`: fetch over HTTP, read metadata and body, extract, record.

    python benchmarks/collect_throughput.py [--pages 1000]

Serves SYNTHETIC news pages (benchmarks/corpus.py text wrapped in HTML with JSON-LD and og:
tags) from a local threaded HTTP server on 127.0.0.1, collects them one after another as
`mediametrics collect` does, and records the batch into a temporary DuckDB file. Prints the
time of each stage, so it is clear whether fetching, HTML parsing, extraction or the write
dominates. One process, one core for the work (the server runs in a thread).
"""

from __future__ import annotations

import argparse
import html
import json
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.corpus import generate
from metrics.collectors.http import FetchConfig, fetch, session
from metrics.collectors.web import page_article
from metrics.record import record_articles
from metrics.store import connect


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


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=1000)
    args = parser.parse_args()
    pages = [page_html(i, a.text) for i, a in enumerate(generate(args.pages, seed=7))]

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = pages[int(self.path.strip("/").split("?")[0])]
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    config = FetchConfig(retries=0)
    http = session(config)
    fetch_s = parse_s = 0.0
    items = []
    started = time.perf_counter()
    for i in range(args.pages):
        t0 = time.perf_counter()
        fetched = fetch(f"{base}/{i}", http=http, config=config)
        t1 = time.perf_counter()
        items.append(page_article(fetched))
        fetch_s += t1 - t0
        parse_s += time.perf_counter() - t1
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        con = connect(Path(tmp) / "bench.duckdb")
        result = record_articles(con, items, collector="web", command="benchmark")
        con.close()
        record_s = time.perf_counter() - t0
    total = time.perf_counter() - started
    server.shutdown()
    claims = sum(len(item.claims) for item in items)
    print(f"collect over {args.pages} SYNTHETIC local pages ({sum(map(len, pages)) / 1e6:.1f} MB of HTML):")
    print(f"  total {total:.1f} s -> {args.pages / total:.1f} pages/s (one process)")
    print(f"  fetch over HTTP {fetch_s:.1f} s; metadata + body text + extraction {parse_s:.1f} s; "
          f"one-transaction write {record_s:.1f} s")
    print(f"  recorded {result.added} articles, {claims} claims")
    return 0


if __name__ == "__main__":
    sys.exit(main())
