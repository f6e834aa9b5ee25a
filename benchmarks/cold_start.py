"""Time the README's dashboard command on a fresh clone: from `git clone` to a dashboard that answers.

    python3 benchmarks/cold_start.py [--port 8765]

Clones the committed HEAD into a temporary folder and runs `python3 tasks.py dashboard --headless`
there, with the machine's own Python and pip (a fresh venv; packages come from the pip cache or
the package index as on any machine). Prints the seconds until the server's health check
answers and until the page itself is served with the sample story loaded, against the 60 s
budget. Stops the server with one SIGTERM and checks nothing is left running.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUDGET_S = 60.0


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=1) as response:
            return response.status == 200
    except OSError:
        return False


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    base = f"http://127.0.0.1:{args.port}"
    with tempfile.TemporaryDirectory() as tmp:
        clone = Path(tmp) / "mediametrics"
        t0 = time.perf_counter()
        subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
        env = {k: v for k, v in os.environ.items() if not k.startswith("MEDIAMETRICS_")}
        server = subprocess.Popen([sys.executable, "tasks.py", "dashboard", "--headless", "--port", str(args.port)],
                                  cwd=clone, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        health = page = None
        try:
            while time.perf_counter() - t0 < 600 and server.poll() is None:
                if health is None and _answers(f"{base}/_stcore/health"):
                    health = time.perf_counter() - t0
                if health is not None and _answers(f"{base}/"):
                    page = time.perf_counter() - t0
                    break
                time.sleep(0.2)
            seeded = (clone / "data" / "mediametrics.duckdb").exists()
        finally:
            server.send_signal(signal.SIGTERM)
            try:
                out, _ = server.communicate(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                out, _ = server.communicate()
    if page is None:
        print(f"the dashboard did not answer (exit {server.returncode}):\n{out[-2000:]}")
        return 1
    print("command: python3 benchmarks/cold_start.py  (fresh clone, fresh venv, `python3 tasks.py dashboard`)")
    print(f"health check answered after {health:.1f} s; page served after {page:.1f} s "
          f"(budget {BUDGET_S:.0f} s: {'within' if page <= BUDGET_S else 'OVER'}); database seeded: {seeded}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
