#!/usr/bin/env python3
"""The README's two commands, with nothing but Python 3.11+ on the machine.

    python3 tasks.py dashboard   # set up .venv, load seeds/ on first run, open the dashboard
    python3 tasks.py test        # set up .venv with the test tools, run every test (pytest)

Set-up installs with constraints.txt, the exact set of packages CI last tested, so a fresh
machine gets what passed; it uses the pip the machine's Python ships (no upgrade first) and is
skipped when pyproject.toml and constraints.txt have not changed since the last install.
`python3 tasks.py lock` rewrites constraints.txt from the test environment (after a change of
dependencies, once the tests pass).
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
CONSTRAINTS = ROOT / "constraints.txt"


def _setup(extras: str) -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - this file must run on older Pythons to say so
        sys.exit(f"mediametrics needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    if not PYTHON.exists():
        print(f"creating {VENV}", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    inputs = (ROOT / "pyproject.toml").read_bytes() + CONSTRAINTS.read_bytes() + extras.encode()
    want = hashlib.sha256(inputs).hexdigest()
    stamp = VENV / ".setup-stamp"
    have = stamp.read_text().split() if stamp.exists() else []
    if want in have:
        return
    print(f"installing mediametrics{extras} into {VENV} (pinned by {CONSTRAINTS.name})", flush=True)
    pip = [str(PYTHON), "-m", "pip", "install", "--disable-pip-version-check", "--quiet"]
    subprocess.run([*pip, "-c", str(CONSTRAINTS), "-e", f"{ROOT}{extras}"], check=True)
    stamp.write_text(" ".join([*have, want]))


def _run(command: list[str]) -> int:
    """Become `command` where the system allows it, so that a signal sent to this process (Ctrl-C,
    a service manager's or CI's SIGTERM) reaches it and nothing is left running; else wait for it."""
    if os.name == "posix":
        sys.stdout.flush()
        os.execv(command[0], command)
    return subprocess.call(command)


def dashboard(args: list[str]) -> int:
    _setup("")
    os.chdir(ROOT)
    return _run([str(PYTHON), "-m", "metrics.cli", "dashboard", *args])


def test(args: list[str]) -> int:
    _setup("[test]")
    os.chdir(ROOT)
    # pytest exits 5 when it collects no test: that is a failure here too.
    return _run([str(PYTHON), "-m", "pytest", *args])


def lock(_args: list[str]) -> int:
    """Pin what the test environment holds now, so the next fresh machine installs the same."""
    _setup("[test]")
    frozen = subprocess.run([str(PYTHON), "-m", "pip", "freeze", "--exclude-editable", "--disable-pip-version-check"],
                            check=True, capture_output=True, text=True).stdout
    pins = sorted((ln for ln in frozen.splitlines() if "==" in ln), key=str.casefold)
    CONSTRAINTS.write_text("# Written by `python3 tasks.py lock`: the packages the tests last passed with.\n"
                           + "\n".join(pins) + "\n")
    print(f"wrote {CONSTRAINTS.name}: {len(pins)} packages")
    return 0


def main() -> int:
    commands = {"dashboard": dashboard, "test": test, "lock": lock}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        print(__doc__)
        return 2
    return commands[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    sys.exit(main())
