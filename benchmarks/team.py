"""Team mode (issue 17): ingest with 1, 2 and 4 concurrent writers into a team store, and the
dashboard's named queries on a team store next to the same rows in a database file.

    python benchmarks/team.py --postgres "host=... port=... user=postgres dbname=postgres"
                              [--files 1200] [--writers 1 2 4] [--articles 100000] [--runs 10]

Needs a PostgreSQL server on which it may create and drop databases (a throwaway cluster, as
.ci/run starts one). Every store it makes is a new database there and a temp data folder, dropped
at the end. Everything it writes is SYNTHETIC (benchmarks/corpus.py, benchmarks/generate_db.py).

(a) Writers: for each W in --writers, a fresh team store (`team init`), then W `mediametrics
    ingest` processes started together, each on its own folder of --files/W SYNTHETIC article
    files; and, for reference, one ingest of all --files into a fresh database file. Printed: wall
    seconds until the last writer is done, articles/s, and the commit conflicts the writers met and
    retried (counted from `-v`'s lines).
(b) Reads: a SYNTHETIC database of --articles (3 claims and 10 measurements per article), copied
    into a fresh team store with `team push`; the named queries the dashboard runs for its first
    view and a story's pages, --runs times each on one open connection to each, p50/p95 side by
    side with the file's. Budget (issue 15): p95 under 100 ms, on the file; printed, not asserted.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.corpus import SYNTHETIC_NOTE
from benchmarks.dashboard_perf import QUERY_BUDGET_MS, fill, pct, timed
from benchmarks.ingest import write_files
from metrics import lake, team
from metrics.config import TeamStore
from metrics.store import connect, query

CONFLICT_LINE = "conflicted with another writer's commit"


def _admin(dsn: str, statement: str) -> None:
    """CREATE/DROP DATABASE on the server, outside a transaction, through team mode's extension."""
    con = lake.offline_connection()
    try:
        con.execute("ATTACH " + lake.sql_literal(dsn) + " AS admin (TYPE postgres)")
        con.execute("CALL postgres_execute('admin', $sql, use_transaction = false)", {"sql": statement})
    finally:
        con.close()


@contextmanager
def fresh_store(dsn: str, tmp: Path) -> Iterator[TeamStore]:
    """A new, initialised team store: its own PostgreSQL database and data folder, dropped after."""
    name = f"mm_bench_{uuid.uuid4().hex[:12]}"
    _admin(dsn, f"CREATE DATABASE {name}")
    server = re.sub(r"\bdbname\s*=\s*\S+", "", dsn).strip()
    store = TeamStore(f"ducklake:postgres:{server} dbname={name}", str(tmp / name))
    try:
        team.init(store)
        yield store
    finally:
        _admin(dsn, f"DROP DATABASE {name} WITH (FORCE)")
        shutil.rmtree(tmp / name, ignore_errors=True)


def _env(store: TeamStore | None) -> dict[str, str]:
    env = dict(os.environ)
    if store is not None:
        env["MEDIAMETRICS_DATA_PATH"] = str(store.data_path)
    return env


def writers(dsn: str, tmp: Path, files: int, counts: list[int], seed: int) -> None:
    print(f"\n(a) ingest of {files:,} SYNTHETIC article files, split among W writers started together")
    for w in counts:
        folders = []
        for i in range(w):
            folder = tmp / f"w{w}-{i}"
            folder.mkdir()
            write_files(folder, files // w, seed + i)  # each writer its own articles
            folders.append(folder)
        with fresh_store(dsn, tmp) as store:
            t0 = time.perf_counter()
            procs = [subprocess.Popen([sys.executable, "-m", "metrics.cli", "-v", "--db", store.catalog, "ingest",
                                       str(f)], cwd=ROOT, env=_env(store), stdout=subprocess.DEVNULL,
                                      stderr=subprocess.PIPE, text=True) for f in folders]
            errs = [p.communicate()[1] for p in procs]
            wall = time.perf_counter() - t0
            failed = [e.strip().splitlines()[-1] for p, e in zip(procs, errs, strict=True) if p.returncode != 0 and e]
            conflicts = sum(e.count(CONFLICT_LINE) for e in errs)
            stored = 0
            con = lake.open_catalog(store, read_only=True)
            try:
                stored = int(con.execute("SELECT count(*) FROM articles").fetchall()[0][0])
            finally:
                con.close()
        done = w * (files // w)
        print(f"  team store, {w} writer{'s' if w > 1 else ' '}: {wall:6.1f} s, {done / wall:6.0f} articles/s, "
              f"{conflicts} conflicts retried, {stored:,} articles stored"
              + (f"; FAILED: {failed}" if failed else ""), flush=True)
        for f in folders:
            shutil.rmtree(f)
    folder = tmp / "file-ref"
    folder.mkdir()
    write_files(folder, files, seed)
    db = tmp / "ref.duckdb"
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "metrics.cli", "--db", str(db), "ingest", str(folder)], cwd=ROOT,
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - t0
    print(f"  database file, 1 writer: {wall:6.1f} s, {files / wall:6.0f} articles/s (reference)")
    shutil.rmtree(folder)


def _cases(slugs: dict[str, str]) -> list[tuple[str, str, dict[str, object]]]:
    claims_page = {"limit": 500, "metric": "views", "chart_limit": 2000, "traced_limit": 200}
    cases: list[tuple[str, str, dict[str, object]]] = [
        ("stories: no filter", "stories", {}),
        ("tags", "tags", {}),
        ("outlets", "outlets", {}),
        ("data_snapshot", "data_snapshot", {}),
    ]
    for label, slug in slugs.items():
        cases += [
            (f"story ({label})", "story", {"slug": slug}),
            (f"story_article_times ({label})", "story_article_times", {"slug": slug}),
            (f"story_claim_metrics ({label})", "story_claim_metrics", {"slug": slug}),
            (f"story_claims_page ({label})", "story_claims_page", {"slug": slug, **claims_page}),
            (f"story_observation_spans ({label})", "story_observation_spans", {"slug": slug}),
        ]
    return cases


def reads(dsn: str, tmp: Path, articles: int, runs: int, seed: int) -> None:
    db = tmp / "reads.duckdb"
    print(f"\n(b) named queries, {runs} runs each, on {articles:,} SYNTHETIC articles: a database file and "
          "the same rows in a team store (ms)")
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "benchmarks/generate_db.py", str(db), "--articles", str(articles),
                    "--claims", str(3 * articles), "--observations", str(10 * articles), "--seed", str(seed)],
                   cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    print(f"  generated in {time.perf_counter() - t0:.0f} s", flush=True)
    file_con = connect(db, read_only=True)
    try:
        ranked = file_con.execute("SELECT s.slug FROM story_coverage c JOIN stories s ON s.id = c.story_id "
                                  "ORDER BY c.articles DESC, s.slug").fetchall()
        slugs = {"biggest": ranked[0][0], "typical": ranked[len(ranked) // 2][0]}
        cases = _cases(slugs)
        with fresh_store(dsn, tmp) as store:
            t0 = time.perf_counter()
            team.push(store, db)
            print(f"  team push: {time.perf_counter() - t0:.0f} s", flush=True)
            t0 = time.perf_counter()
            lake_con = lake.open_catalog(store, read_only=True)
            print(f"  opening the team store: {(time.perf_counter() - t0) * 1000:.0f} ms (a file: "
                  f"{_open_ms(db):.0f} ms)")
            try:
                for table in ("articles", "claims", "observations"):  # the same rows on both sides
                    counts = [c.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0] for c in (file_con, lake_con)]
                    print(f"  {table}: {counts[0]:,} in the file, {counts[1]:,} in the team store")
                print(f"  {'query':<44} {'file p50':>9} {'file p95':>9} {'team p50':>9} {'team p95':>9}")
                for label, name, given in cases:
                    params = fill(name, given)
                    on_file = timed(partial(query, file_con, name, **params), runs)
                    on_lake = timed(partial(query, lake_con, name, **params), runs)
                    flag = "  file OVER budget" if pct(on_file, 95) > QUERY_BUDGET_MS else ""
                    print(f"  {label:<44} {pct(on_file, 50):9.1f} {pct(on_file, 95):9.1f} "
                          f"{pct(on_lake, 50):9.1f} {pct(on_lake, 95):9.1f}{flag}", flush=True)
            finally:
                lake_con.close()
    finally:
        file_con.close()


def _open_ms(db: Path) -> float:
    t0 = time.perf_counter()
    connect(db, read_only=True).close()
    return (time.perf_counter() - t0) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--postgres", required=True, help="libpq DSN of a server to create databases on")
    parser.add_argument("--files", type=int, default=1200)
    parser.add_argument("--writers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--skip-writers", action="store_true")
    parser.add_argument("--skip-reads", action="store_true")
    args = parser.parse_args()
    print(SYNTHETIC_NOTE)
    print(f"machine: {os.cpu_count()} CPUs; python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory(prefix="mm-team-bench-") as tmp:
        if not args.skip_writers:
            writers(args.postgres, Path(tmp), args.files, args.writers, args.seed)
        if not args.skip_reads:
            reads(args.postgres, Path(tmp), args.articles, args.runs, args.seed)


if __name__ == "__main__":
    main()
