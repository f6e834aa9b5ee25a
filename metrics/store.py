"""DuckDB access: open, migrate, run named queries, transactions.

SQL lives in queries/*.sql and is loaded by name; parameters are always bound
(`$name` placeholders), never formatted into the text. Rows come back as named tuples, so
callers read them by column name.

DuckDB lets one process hold a read-write connection to a file, and then every other
process's open fails, read-only included. So the one policy is: `writing(path)` opens, the
caller writes one transaction, and it closes; `reading(path)` opens read-only, and it closes.
Both wait for a file another process holds (the lock waits below), then fail with
DatabaseLockedError.

A team store (config.TeamStore: a DuckLake catalog on PostgreSQL, docs/scale.md) is read through
the same functions; metrics.lake opens it. Writing to one is not available yet: every write path
comes through `writing()` or `require_file()`, and both say so in one line (TeamModeUnavailable).
Only `mediametrics team init` (metrics.team) writes a team store: its schema.
"""

from __future__ import annotations

import re
import time
from collections import namedtuple
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from metrics.config import PROJECT_ROOT, TeamStore

QUERIES = PROJECT_ROOT / "queries"
# How long a writer waits for a file a notebook or the poller holds, and a reader for a writer.
WRITE_LOCK_WAIT_S = 10.0
READ_LOCK_WAIT_S = 3.0
MIGRATIONS = QUERIES / "migrations"


class StoreError(RuntimeError):
    """A database problem worth one clear line to the user."""


class DatabaseLockedError(StoreError):
    pass


class TeamModeUnavailable(StoreError):
    """Something this version cannot do on a team store yet (writing, the dashboard)."""


# What a database argument may be: a file's path, or a team store.
Target = str | Path | TeamStore


def require_file(target: Target, doing: str) -> Path:
    """The database file `doing` needs; on a team store, one line saying it is not available yet.

    Called before anything is fetched or read, so that a command pointed at a team store does no
    work it cannot record.
    """
    if isinstance(target, TeamStore):
        raise TeamModeUnavailable(
            f"{doing} is not available on a team store yet ({target}): this version creates one "
            "(`mediametrics team init`) and reads it (`mediametrics stories`, `mediametrics export`); "
            "record into a database file until team-mode writes come (docs/scale.md)"
        )
    return Path(target)


@cache
def sql(name: str) -> str:
    path = QUERIES / f"{name}.sql"
    if not path.is_file():
        raise KeyError(f"no query named {name!r} (looked for {path})")
    return path.read_text(encoding="utf-8")


def connect(
    path: Target, *, read_only: bool = False, lock_wait_s: float = 0.0
) -> duckdb.DuckDBPyConnection:
    """Open the database; a read-write open always brings the schema up to date.

    `lock_wait_s` retries while another process holds the file (the poller writing,
    say), so a reader waits a moment instead of failing at once. A team store opens read-only
    (its schema is brought up by `mediametrics team init`, never by an ordinary command: two
    processes creating it at once collide).
    """
    if isinstance(path, TeamStore):
        if not read_only:
            require_file(path, "writing")
        # Imported here: team mode's extensions load only for a team store.
        from metrics import lake

        return lake.open_catalog(path, read_only=True)
    target = Path(path)
    if read_only and not target.exists():
        raise StoreError(f"{target}: no database yet (run `mediametrics seed` or `mediametrics ingest ...`)")
    if not read_only:
        target.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + lock_wait_s
    while True:
        try:
            con = duckdb.connect(str(target), read_only=read_only)
            break
        except duckdb.IOException as exc:
            message = str(exc)
            if "newer version of duckdb" in message.lower():
                # Written by an earlier mediametrics on DuckDB 2.0, which 1.5.5 (team mode's version)
                # cannot read; nothing is lost, it needs one copy (README, "Settings").
                raise StoreError(
                    f"{target}: written by DuckDB 2.x, which this version (DuckDB {duckdb.__version__}) cannot "
                    "open; copy it once as the README says under \"A database from an earlier version\""
                ) from exc
            if re.search(r"\block\b", message, re.IGNORECASE) is None:  # not "... in block at location 0"
                raise StoreError(f"{target}: cannot open database: {message.splitlines()[0]}") from exc
            if time.monotonic() >= deadline:
                raise DatabaseLockedError(
                    f"{target}: database is in use by another process; close it and retry "
                    f"({message.splitlines()[0]})"
                ) from exc
            time.sleep(0.1)
    # TIMESTAMPTZ values come back in UTC whatever the machine's zone is.
    con.execute("SET TimeZone = 'UTC'")
    if not read_only:
        migrate(con)
    return con


@contextmanager
def reading(path: Target) -> Iterator[duckdb.DuckDBPyConnection]:
    """A short read-only connection: waits READ_LOCK_WAIT_S for a writer, closed on exit."""
    con = connect(path, read_only=True, lock_wait_s=READ_LOCK_WAIT_S)
    try:
        yield con
    finally:
        con.close()


@contextmanager
def writing(path: Target, *, lock_wait_s: float | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-write connection with the schema brought up to date, closed on exit so that the
    file is free for the next process. Waits `lock_wait_s` (default WRITE_LOCK_WAIT_S) for a file
    another process holds."""
    con = connect(path, lock_wait_s=WRITE_LOCK_WAIT_S if lock_wait_s is None else lock_wait_s)
    try:
        yield con
    finally:
        con.close()


def ensure_current(path: Target) -> None:
    """Bring an existing database file up to date before reading it (readers do not migrate).

    Only takes the write lock when a migration is missing, so a reader of a current file never
    blocks a writer. A team store is only checked: `mediametrics team init` brings it up.
    """
    if isinstance(path, TeamStore):
        with reading(path) as con:
            missing = pending(con)
        if missing:
            raise StoreError(f"{path}: the team store's schema is older than this mediametrics ({missing[0].stem} "
                             "not applied): run `mediametrics team init` to bring it up to date")
        return
    target = Path(path)
    if not target.exists():
        return
    with reading(target) as con:
        try:
            done = {r.name for r in rows(con, "migrations_applied")}
        except duckdb.Error:
            done = set()
    if {p.stem for p in migration_files()} - done:
        with writing(target):
            pass


def migration_files() -> list[Path]:
    return sorted(MIGRATIONS.glob("[0-9][0-9][0-9][0-9]_*.sql"))


def pending(con: duckdb.DuckDBPyConnection) -> list[Path]:
    """The migrations this code has that the open database has not recorded."""
    done = {row[0] for row in con.execute(sql("migrations_applied")).fetchall()}
    return [p for p in migration_files() if p.stem not in done]


def migrate(
    con: duckdb.DuckDBPyConnection, *, lake: bool = False, applied: list[str] | None = None
) -> list[str]:
    """Apply the migrations not yet recorded, each in its own transaction. Safe to re-run.

    `lake`: the connection is a team store's (DuckLake), which takes no keys, unique constraints or
    sequences; the same migrations run with those clauses left out (metrics.lake.lake_ddl), and
    are recorded in schema_migrations as on a file. Each migration's name is appended to `applied`
    as it commits, so a caller that tries again after a conflict knows what an attempt did.
    """

    def text(sql_text: str, name: str) -> str:
        if not lake:
            return sql_text
        from metrics.lake import lake_ddl  # team mode only

        return lake_ddl(sql_text, name)

    con.execute(text(sql("migrations_table"), "migrations_table"))
    applied = [] if applied is None else applied
    for path in pending(con):
        with transaction(con):
            # Asked again inside the transaction: on a team store another process may have applied
            # it since the list was read, and its statements would fail on what that one made.
            if path not in pending(con):
                continue
            con.execute(text(path.read_text(encoding="utf-8"), path.stem))
            con.execute(sql("migration_record"), {"name": path.stem})
        applied.append(path.stem)
    return applied


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    con.execute("BEGIN TRANSACTION")
    try:
        yield con
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def query(con: duckdb.DuckDBPyConnection, name: str, **params: Any) -> pd.DataFrame:
    """Run a named read query and return a DataFrame."""
    return con.execute(sql(name), params).df()


def run(con: duckdb.DuckDBPyConnection, name: str, **params: Any) -> None:
    """Run a named write statement to completion (an unfinished result blocks the connection)."""
    con.execute(sql(name), params).fetchall()


@cache
def _row_type(columns: tuple[str, ...]) -> Any:
    return namedtuple("Row", columns, rename=True)  # type: ignore[misc]


def rows(con: duckdb.DuckDBPyConnection, name: str, **params: Any) -> list[Any]:
    """A named query's rows as named tuples: `row.slug`, not `row[0]`."""
    cursor = con.execute(sql(name), params)
    found = cursor.fetchall()
    if not found:
        return []
    row_type = _row_type(tuple(d[0] for d in cursor.description))
    return [row_type._make(r) for r in found]


def scalar(con: duckdb.DuckDBPyConnection, name: str, **params: Any) -> Any:
    # fetchall, not fetchone: a result with rows left unread blocks the connection in DuckDB 2.
    found = con.execute(sql(name), params).fetchall()
    return found[0][0] if found else None


def read_query(name: str, path: Target, **params: Any) -> pd.DataFrame:
    """Open read-only, run one named query, close: the dashboard's way of reading."""
    with reading(path) as con:
        return query(con, name, **params)
