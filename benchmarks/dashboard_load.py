"""How long the dashboard takes to come up and to show each page, on the sample story.

    python benchmarks/dashboard_load.py [--runs 5]

Measures, on a fresh temporary database: loading seeds/ (first run), the Streamlit server
becoming healthy, and for each page the time from navigation to its content drawn in a real
headless Chromium (the chart's SVG for chart pages, the table for Stories). Needs Chromium
(Debian: apt-get install chromium) and the test extras (playwright).
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from metrics.config import settings
from metrics.export import find_browser

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PAGES = {"stories": ("", "[data-testid='stDataFrame']", "Stories"),
         "timeline": ("timeline", ".js-plotly-plot .main-svg", "Coverage timeline"),
         "claims": ("claims", ".js-plotly-plot .main-svg", "Engagement claims"),
         "article": ("article", "mark.claim", "Article")}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    browser_path = find_browser(settings().browser_path)
    if browser_path is None:
        print("no Chrome/Chromium found; install one (apt-get install chromium)", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        env = {**os.environ, "MEDIAMETRICS_DB": str(db)}
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "metrics.cli", "seed"], env=env, cwd=ROOT, check=True,
                       capture_output=True)
        seed_s = time.perf_counter() - t0

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        t0 = time.perf_counter()
        server = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard.py"), "--server.headless", "true",
             "--server.address", "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats", "false"],
            env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            while True:
                try:
                    if requests.get(f"{base}/_stcore/health", timeout=1).ok:
                        break
                except requests.ConnectionError:
                    time.sleep(0.05)
            server_s = time.perf_counter() - t0
            timings: dict[str, list[float]] = {name: [] for name in PAGES}
            switches: dict[str, list[float]] = {name: [] for name in PAGES}
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=browser_path, args=CHROMIUM_ARGS)
                for _ in range(args.runs):
                    page = browser.new_page(viewport={"width": 1400, "height": 1000})
                    for name, (path, selector, _title) in PAGES.items():
                        t0 = time.perf_counter()
                        page.goto(f"{base}/{path}", wait_until="domcontentloaded")
                        page.locator(selector).first.wait_for(timeout=60_000)
                        timings[name].append(time.perf_counter() - t0)
                    # In-app navigation: what a user clicking the sidebar waits for.
                    order = list(PAGES.items())
                    for name, (path, selector, title) in [*order[1:], order[0]]:
                        nav = page.locator("[data-testid='stSidebarNav'] a", has_text=title).first
                        t0 = time.perf_counter()
                        nav.click()
                        page.wait_for_url(f"{base}/{path}")
                        page.locator(selector).first.wait_for(timeout=60_000)
                        page.wait_for_function("!document.querySelector('[data-testid=\"stStatusWidget\"]')",
                                               timeout=60_000)
                        switches[name].append(time.perf_counter() - t0)
                    page.close()
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=20)

    print(f"first run, load seeds/ into a new database: {seed_s:.2f} s (includes Python start-up)")
    print(f"streamlit server healthy after:             {server_s:.2f} s")
    print(f"page shown in headless Chromium, {args.runs} runs (first is cold: caches empty)")
    print("  full load of the page's URL (new session, Streamlit's scripts fetched again):")
    for name, values in timings.items():
        print(f"    {name:<9} first {values[0]:.2f} s   median {statistics.median(values):.2f} s   "
              f"max {max(values):.2f} s")
    print("  switching to the page from the sidebar (same session):")
    for name, values in switches.items():
        print(f"    {name:<9} median {statistics.median(values):.2f} s   max {max(values):.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
