"""Lines per second through `mediametrics import`, end to end, into a temporary DuckDB file.

    python benchmarks/import_lines.py [--lines 100000] [--figures 2] [--csv] [--again]

Writes N lines of VALID, SYNTHETIC JSON Lines (or CSV with --csv): one article per line, each
with its own URL, an outlet out of 25, a publish date, two topics, --figures figures and one
time reference, filed under one --story as an analyst's import would be. Then runs the real
command line (`mediametrics --db TMP import FILE --story ...`) in this process with its printed
rows sent to /dev/null, and prints the wall time and lines/s of the whole command: reading,
validating, the write transaction and the summary. With --again the same file is imported a
second time into the same database (every line already recorded: the duplicate checks' path).

Budget: 100,000 lines in well under a minute on a 2-core machine (the issue that asked for this
saw more than 15 minutes, holding the database lock all along). Printed, not asserted.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from metrics.cli import main as cli_main
from metrics.collectors.entered import CSV_COLUMNS

FIELDS = CSV_COLUMNS
METRICS = ("views", "likes", "shares", "comments", "video_length")


def record(i: int, figures: int) -> dict[str, object]:
    day = 1 + i % 28
    return {
        "url": f"https://synthetic.example/news/{i}",
        "outlet": f"Synthetic Outlet {i % 25}",
        "title": f"Synthetic story {i}: videos draw a crowd",
        "byline": "Synthetic Writer",
        # 40,320 distinct times, so that no cache of parsed dates makes the figure look better.
        "published": f"2025-05-{day:02d}T{i // 28 % 24:02d}:{i // 672 % 60:02d}:00+05:30",
        "topics": ["synthetic", f"topic {i % 7}"],
        "figures": [
            {
                "metric": METRICS[(i + k) % len(METRICS)],
                "value": 1000 * (i % 997) + k,
                "qualifier": "more than" if k % 2 else None,
                "scope": "combined",
                "quote": f"more than {1000 * (i % 997) + k} of them",
                "as_of": f"2025-05-{day:02d}",
            }
            for k in range(figures)
        ],
        "time_refs": [{"quote": "Thursday", "resolved": f"2025-05-{day:02d}"}],
    }


def write_jsonl(path: Path, lines: int, figures: int) -> None:
    with path.open("w", encoding="utf-8") as out:
        for i in range(lines):
            out.write(json.dumps(record(i, figures)) + "\n")


def write_csv(path: Path, lines: int, figures: int) -> None:
    """One row per figure, as the CSV form has it: `lines` articles."""
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, FIELDS)
        writer.writeheader()
        for i in range(lines):
            rec = record(i, figures)
            head = {k: rec[k] for k in ("url", "outlet", "title", "byline", "published")}
            head["topics"] = ";".join(rec["topics"])  # type: ignore[arg-type]
            for fig in rec["figures"]:  # type: ignore[attr-defined]
                writer.writerow({**head, **{k: v for k, v in fig.items() if v is not None}})


def timed_import(db: Path, path: Path) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds of this process, exit code). On a shared machine the CPU time is
    the steadier figure; the wall time is what a user waits."""
    started, cpu = time.perf_counter(), time.process_time()
    with open(os.devnull, "w") as null, contextlib.redirect_stdout(null), contextlib.redirect_stderr(null):
        code = cli_main(["--db", str(db), "import", str(path), "--story", "Synthetic import benchmark"])
    return time.perf_counter() - started, time.process_time() - cpu, code


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=100_000)
    parser.add_argument("--figures", type=int, default=2, help="figures per line")
    parser.add_argument("--csv", action="store_true", help="CSV (one row per figure) instead of JSON Lines")
    parser.add_argument("--again", action="store_true", help="import the same file a second time")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="mediametrics-import-bench-") as tmp:
        path = Path(tmp) / ("import.csv" if args.csv else "import.jsonl")
        (write_csv if args.csv else write_jsonl)(path, args.lines, args.figures)
        db = Path(tmp) / "bench.duckdb"
        size = path.stat().st_size / 1e6
        print(
            f"{args.lines:,} SYNTHETIC lines ({'CSV' if args.csv else 'JSON Lines'}, {args.figures} figures each, "
            f"{size:.1f} MB)"
        )
        passes = ("first import", "same file again") if args.again else ("first import",)
        for name in passes:
            seconds, cpu, code = timed_import(db, path)
            print(
                f"{name}: {seconds:.1f} s wall ({cpu:.1f} s CPU), {args.lines / seconds:,.0f} lines/s end to end "
                f"(exit {code}); budget: 100,000 lines well under 60 s"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
