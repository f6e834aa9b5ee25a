"""Shared by the hostile-input tests: the real command line in a child process, and the checks
that a database stayed consistent whatever the inputs were."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Each a count that must be 0 in a consistent database.
ORPHANS = {
    "a claim without its article": "SELECT count(*) FROM claims c LEFT JOIN articles a ON a.id = c.article_id "
    "WHERE a.id IS NULL",
    "a time reference without its article": "SELECT count(*) FROM time_refs t LEFT JOIN articles a "
    "ON a.id = t.article_id WHERE a.id IS NULL",
    "a story link without its article": "SELECT count(*) FROM story_articles s LEFT JOIN articles a "
    "ON a.id = s.article_id WHERE a.id IS NULL",
    "a story link without its story": "SELECT count(*) FROM story_articles l LEFT JOIN stories s "
    "ON s.id = l.story_id WHERE s.id IS NULL",
    "an article in no story": "SELECT count(*) FROM articles a WHERE NOT EXISTS "
    "(SELECT 1 FROM story_articles s WHERE s.article_id = a.id)",
    "a tag link without its article": "SELECT count(*) FROM article_tags t LEFT JOIN articles a "
    "ON a.id = t.article_id WHERE a.id IS NULL",
    "a run left open": "SELECT count(*) FROM collection_runs WHERE finished_at IS NULL",
}

Cli = Callable[..., subprocess.CompletedProcess[str]]


def consistency_problems(db: Path) -> dict[str, int]:
    """What is wrong with the database, by name; empty when it is consistent."""
    from metrics.store import connect

    con = connect(db, read_only=True)
    try:
        found = {name: con.execute(sql).fetchone()[0] for name, sql in ORPHANS.items()}
    finally:
        con.close()
    return {name: n for name, n in found.items() if n}


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    """`mediametrics ARGS...` as a user runs it, in a child process: arguments may be bytes (file
    names that are not UTF-8), stdout is strict UTF-8 as on a UTF-8 terminal, and the database is
    `db` (default tmp_path/db.duckdb)."""

    def run(
        *args: str | bytes | Path, db: Path | None = None, timeout: float = 120
    ) -> subprocess.CompletedProcess[str]:
        env = {
            **os.environ,
            "MEDIAMETRICS_DB": str(db or tmp_path / "db.duckdb"),
            "PYTHONIOENCODING": "utf-8",
        }
        env.pop("YOUTUBE_API_KEY", None)
        command: Sequence[str | bytes | Path] = [sys.executable, "-m", "metrics.cli", *args]
        return subprocess.run(
            command,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            cwd=ROOT,
            env=env,
            timeout=timeout,
            check=False,
        )

    return run
