"""Machine instructions per article for extraction, counted by valgrind: a figure that does not drift.

    python benchmarks/instructions.py [--articles 300] [--seed 1] [--hash-seed 0]

Why: on a shared VM the wall-clock rate of benchmarks/extraction.py drifts by tens of per cent
within minutes, so two versions timed an hour apart cannot be compared. valgrind's callgrind tool
counts the instructions the CPU executes, which repeat exactly from run to run once Python's
string-hash salt is fixed (PYTHONHASHSEED, --hash-seed; with a random salt, set and dict orders
change the count by a per cent or two). Instructions are not time (a regex loop runs many per cycle, the interpreter's dispatch
fewer), so use this to compare versions of the code, and extraction.py for the rate.

How: two runs of a child under `valgrind --tool=callgrind`, one that imports, generates the
SYNTHETIC corpus (benchmarks/corpus.py) and extracts the first 20 articles as a warm-up, and one
that does the same and then extracts every article once; the difference, divided by the number
of articles, is what extraction costs per article. valgrind slows the child about 50 times, so the
default corpus is small. Needs valgrind (Debian: `apt-get install valgrind`); says so if missing.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


_CHILD = """
import sys
sys.path.insert(0, {root!r})
from benchmarks.corpus import generate
from metrics.extract import extract_document
texts = [a.text for a in generate({n}, {seed})]
for text in texts[:20]:
    extract_document(text)
if {measure}:
    for text in texts:
        extract_document(text)
"""
_COLLECTED = re.compile(r"Collected\s*:\s*(\d+)")


def _instructions(n: int, seed: int, measure: bool, hash_seed: int) -> int:
    code = _CHILD.format(root=str(ROOT), n=n, seed=seed, measure=measure)
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        # String hashes are salted per process: set and dict orders, and so the work done, differ
        # from run to run by a per cent or two. A fixed salt makes two runs of one version agree.
        env={**os.environ, "PYTHONHASHSEED": str(hash_seed)},
    )
    found = _COLLECTED.search(done.stderr)
    if found is None:
        raise RuntimeError("valgrind printed no instruction count:\n" + done.stderr[-2000:])
    return int(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--hash-seed", type=int, default=0, help="PYTHONHASHSEED of both runs (fixed, so runs agree)")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed (Debian: apt-get install valgrind); nothing measured")
    base = _instructions(args.articles, args.seed, measure=False, hash_seed=args.hash_seed)
    total = _instructions(args.articles, args.seed, measure=True, hash_seed=args.hash_seed)
    per = (total - base) / args.articles
    print(
        f"command: python benchmarks/instructions.py --articles {args.articles} --seed {args.seed}"
        f" --hash-seed {args.hash_seed}"
    )
    print(f"{per / 1e6:.2f} million instructions per SYNTHETIC article ({args.articles} articles, valgrind callgrind)")


if __name__ == "__main__":
    main()
