"""Articles per second through `mediametrics ingest`, end to end, and the peak memory it takes.

    python benchmarks/ingest.py [--files 2000] [--prefill 0 100000 1000000] [--seed 1]
                                [--cache DIR]

Writes --files SYNTHETIC article files (benchmarks/corpus.py: ~600 words each, a headline, a
byline, a publish line, engagement figures and hard negatives; one in ten is a near-copy of an
earlier one, as wire copy republished with a new headline is) into a temp folder, then runs the
real command line (`python -m metrics.cli --db DB ingest FOLDER`) in a child process, once into
a database holding each --prefill count of SYNTHETIC articles (benchmarks/generate_db.py; 0 is a
fresh database). The prefilled databases are made once per count and kept in --cache (default:
a temp dir, deleted at the end), and copied before each run so every run starts from the same
file.

Printed per run: wall seconds of the whole command (start-up, reading, extraction, the write
transaction, the summary), articles/s, and the peak resident memory of the command's whole
process tree (the command and its extraction workers), sampled every 50 ms from /proc.

Budgets (issue 15), printed next to the figures, not asserted: at least 1,000 articles/s end to
end on a 2-core machine; ingest into the 1M database within 1.5x of the time into an empty one;
peak memory under 2 GB however many files.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.corpus import SYNTHETIC_NOTE, generate

TARGET_RATE = 1_000.0
TARGET_GROWTH = 1.5
TARGET_PEAK_MB = 2_048.0
COPY_EVERY = 10  # one file in ten repeats an earlier text under a new headline


def is_copy(i: int) -> bool:
    return i % COPY_EVERY == COPY_EVERY - 1


def original_of(i: int) -> int:
    """The earlier file a copy repeats: never itself a copy."""
    j = i // 2
    return j - 1 if is_copy(j) else j


def write_files(folder: Path, n: int, seed: int) -> None:
    articles = generate(n, seed)
    for i, article in enumerate(articles):
        text = article.text
        if is_copy(i):
            head, _, body = articles[original_of(i)].text.partition("\n")
            text = f"Republished: {head}\n{body}"
        (folder / f"synthetic-{i:07d}.txt").write_text(text, encoding="utf-8")


def _tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants, in MB (Linux /proc)."""
    total = 0
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            status = Path(f"/proc/{p}/status").read_text()
            total += next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:"))
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, StopIteration, ValueError):
            continue
    return total / 1024


def run_ingest(db: Path, folder: Path) -> tuple[float, float]:
    """(wall seconds, peak MB of the process tree) of one `ingest` into `db`."""
    command = [sys.executable, "-m", "metrics.cli", "--db", str(db), "ingest", str(folder)]
    peak = 0.0
    t0 = time.perf_counter()
    child = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss_mb(child.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = child.communicate()
    wall = time.perf_counter() - t0
    done.set()
    sampler.join()
    if child.returncode != 0:
        sys.exit(f"ingest exited {child.returncode}:\n{err[-2000:]}")
    return wall, peak


def prefilled(cache: Path, count: int, seed: int) -> Path:
    """A database holding `count` SYNTHETIC articles, made once per count and kept in `cache`."""
    db = cache / f"prefill-{count}-seed{seed}.duckdb"
    if count and not db.exists():
        print(f"generating a database of {count:,} SYNTHETIC articles (once, kept in {cache}) ...", flush=True)
        t0 = time.perf_counter()
        subprocess.run(
            [sys.executable, "benchmarks/generate_db.py", str(db), "--articles", str(count),
             "--claims", str(3 * count), "--observations", str(10 * count), "--seed", str(seed)],
            cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
        )
        print(f"  generated in {time.perf_counter() - t0:.0f} s", flush=True)
    return db


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--prefill", type=int, nargs="+", default=[0, 100_000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cache", type=Path, help="keep prefilled databases here between runs")
    args = parser.parse_args()

    print(SYNTHETIC_NOTE)
    print(f"machine: {os.cpu_count()} CPUs; python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory(prefix="mm-ingest-bench-") as tmp:
        tmpdir = Path(tmp)
        cache = args.cache or tmpdir / "cache"
        cache.mkdir(parents=True, exist_ok=True)
        folder = tmpdir / "files"
        folder.mkdir()
        write_files(folder, args.files, args.seed)
        print(f"{args.files:,} article files written ({sum(f.stat().st_size for f in folder.iterdir()) / 1e6:.1f} MB)")
        results: dict[int, float] = {}
        for count in args.prefill:
            db = tmpdir / "run.duckdb"
            db.unlink(missing_ok=True)
            source = prefilled(cache, count, args.seed)
            if count:
                shutil.copyfile(source, db)
            wall, peak = run_ingest(db, folder)
            results[count] = wall
            rate = args.files / wall
            print(f"ingest {args.files:,} files into a database of {count:>9,} articles: {wall:6.1f} s, "
                  f"{rate:7.0f} articles/s (budget >= {TARGET_RATE:,.0f}), peak memory {peak:,.0f} MB "
                  f"(budget < {TARGET_PEAK_MB:,.0f})", flush=True)
        if 0 in results:
            for count, wall in results.items():
                if count:
                    print(f"into {count:,} vs empty: {wall / results[0]:.2f}x (budget <= {TARGET_GROWTH}x)")


if __name__ == "__main__":
    main()
