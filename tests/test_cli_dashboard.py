"""`mediametrics dashboard` as the README's first command runs it, without a terminal."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import requests

from tests.conftest import ROOT, free_port


def test_the_dashboard_serves_without_a_terminal_and_asks_nothing(tmp_path: Path) -> None:
    # Before: with headless off and no ~/.streamlit credentials, Streamlit asked for an email on
    # stdin and exited 255 when stdin was not a terminal (background, nohup, CI).
    port = free_port()
    home = tmp_path / "home"  # no ~/.streamlit: a machine where Streamlit was never set up
    home.mkdir()
    log = (tmp_path / "log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "metrics.cli", "dashboard", "--port", str(port)],
        cwd=ROOT, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
        # BROWSER=true: the browser the command opens is the no-op `true`, not a real one.
        env={**os.environ, "HOME": str(home), "MEDIAMETRICS_DB": str(tmp_path / "db.duckdb"), "BROWSER": "true"},
    )
    try:
        deadline = time.monotonic() + 60
        healthy = False
        while time.monotonic() < deadline and proc.poll() is None and not healthy:
            try:
                healthy = requests.get(f"http://127.0.0.1:{port}/_stcore/health", timeout=1).ok
            except requests.ConnectionError:
                time.sleep(0.3)
        output = (tmp_path / "log").read_text()
        assert healthy, output
        assert "Email" not in output
        assert "loaded the sample story" in output
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        log.close()
    # SIGTERM to the command stops the server it started, too: nothing answers on the port.
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            requests.get(f"http://127.0.0.1:{port}/_stcore/health", timeout=1)
        except requests.ConnectionError:
            break
        time.sleep(0.3)
    else:
        raise AssertionError(f"the Streamlit server still answers on port {port} after the command was stopped")
