#!/usr/bin/env python3
"""The README's two commands, with nothing but Python 3.11+ on the machine.

    python3 tasks.py dashboard   # set up .venv, load seeds/ on first run, open the dashboard
    python3 tasks.py test        # set up .venv with the test tools, run every test (pytest)

Both compile the extractor with mypyc when its sources changed (see metrics/extract/native.py).

Setup is skipped when pyproject.toml has not changed since the last install.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")


def _setup(extras: str) -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - this file must run on older Pythons to say so
        sys.exit(f"mediametrics needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    if not PYTHON.exists():
        print(f"creating {VENV}", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    want = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + extras.encode()).hexdigest()
    stamp = VENV / ".setup-stamp"
    have = stamp.read_text().split() if stamp.exists() else []
    if want in have:
        return
    print(f"installing mediametrics{extras} into {VENV}", flush=True)
    pip = [str(PYTHON), "-m", "pip", "install", "--disable-pip-version-check", "--quiet"]
    subprocess.run([*pip, "--upgrade", "pip"], check=True)
    subprocess.run([*pip, "-e", f"{ROOT}{extras}"], check=True)
    stamp.write_text(" ".join([*have, want]))


def _compile() -> None:
    """Compile the extractor (mypyc) unless a build of its current sources exists. Without a C
    compiler it runs as pure Python, slower but the same; CI sets MEDIAMETRICS_REQUIRE_NATIVE=1 so
    that the compiled build is what gets tested. MEDIAMETRICS_PURE_PYTHON=1 skips this (quick test
    runs while editing the extractor)."""
    if os.environ.get("MEDIAMETRICS_PURE_PYTHON", "") not in ("", "0"):
        return
    done = subprocess.run([str(PYTHON), "-m", "metrics.cli", "compile"], cwd=ROOT, check=False)
    # It has said why on failure; only CI must stop there.
    if done.returncode != 0 and os.environ.get("MEDIAMETRICS_REQUIRE_NATIVE") == "1":
        sys.exit("MEDIAMETRICS_REQUIRE_NATIVE=1 and the extractor did not compile")


def _run(command: list[str]) -> int:
    """Become `command` where the system allows it, so that a signal sent to this process (Ctrl-C,
    a service manager's or CI's SIGTERM) reaches it and nothing is left running; else wait for it."""
    if os.name == "posix":
        sys.stdout.flush()
        os.execv(command[0], command)
    return subprocess.call(command)


def dashboard(args: list[str]) -> int:
    _setup("[native]")
    _compile()
    os.chdir(ROOT)
    return _run([str(PYTHON), "-m", "metrics.cli", "dashboard", *args])


def test(args: list[str]) -> int:
    _setup("[test,native]")
    _compile()
    os.chdir(ROOT)
    # pytest exits 5 when it collects no test: that is a failure here too.
    return _run([str(PYTHON), "-m", "pytest", *args])


def main() -> int:
    commands = {"dashboard": dashboard, "test": test}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        print(__doc__)
        return 2
    return commands[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    sys.exit(main())
