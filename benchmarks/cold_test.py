"""Time the README's test command on a fresh clone: venv creation, install, and every test.

    python3 benchmarks/cold_test.py

Clones the committed HEAD into a temporary folder and runs `python3 tasks.py test -q` there,
as CI does (a Chromium already on the machine is used; .ci/run installs one first).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        clone = Path(tmp) / "mediametrics"
        subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
        t0 = time.perf_counter()
        done = subprocess.run([sys.executable, "tasks.py", "test", "-q"], cwd=clone, capture_output=True, text=True,
                              check=False)
        elapsed = time.perf_counter() - t0
    summary = [line for line in done.stdout.splitlines() if " passed" in line or " failed" in line]
    print(f"cold `python3 tasks.py test`: {elapsed:.1f} s, exit {done.returncode}: {summary[-1] if summary else '?'}")
    return done.returncode


if __name__ == "__main__":
    sys.exit(main())
