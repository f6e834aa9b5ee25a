"""DuckDB access: open, migrate, run named queries, transactions.

SQL lives in queries/*.sql and is loaded by name; parameters are always bound
(`$name` placeholders), never formatted into the text. Rows come back as named tuples, so
callers read them by column name.

DuckDB lets one process hold a read-write connection to a file, and then every other
process's open fails, read-only included. So the one policy is: `writing(path)` opens, the
caller writes one transaction, and it closes; `reading(path)` opens read-only, and it closes.
Both wait for a file another process holds (the lock waits below), then fail with
DatabaseLockedError.

A team store (config.TeamStore: a DuckLake catalog on PostgreSQL, docs/scale.md) is read and
written through the same functions; metrics.lake opens it. DuckLake has no keys, unique constraints
or sequences and commits optimistically, so on a team store's write connection (`on_team`):
- a named statement runs its team form, queries/team/NAME.sql, when there is one (ids without
  sequences, NOT EXISTS and MERGE instead of ON CONFLICT); otherwise queries/NAME.sql as on a file;
- every `transaction()` first takes the write turn (one shared row every writer updates), so that of
  two writers at once the later to commit always conflicts, even when both only append: the write
  path's check-then-insert and its max(id) + 1 then see every row another writer committed;
- `retried()` runs a write unit again, whole, after such a conflict (ConcurrentWrites if it persists).
What a file's engine enforces (unique keys, sequences) stays as it is there: none of this runs on a file.
What is not written on a team store yet says so in one line (`require_file`, TeamModeUnavailable).
Only `mediametrics team init` (metrics.team) creates or migrates a team store.
"""

from __future__ import annotations

import logging
import random
import re
import time
import weakref
from collections import namedtuple
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import duckdb
import pandas as pd

from metrics.config import PROJECT_ROOT, TeamStore

QUERIES = PROJECT_ROOT / "queries"
# How long a writer waits for a file a notebook or the poller holds, and a reader for a writer.
WRITE_LOCK_WAIT_S = 10.0
READ_LOCK_WAIT_S = 3.0
MIGRATIONS = QUERIES / "migrations"
TEAM_QUERIES = QUERIES / "team"
# A write unit on a team store that keeps conflicting with other writers' commits: tried this many
# times in all, waiting a random while that grows each time (two losers must not retry in step).
WRITE_ATTEMPTS = 8
RETRY_WAIT_S = (0.05, 0.25)  # the first wait's range; the n-th is n times it
T = TypeVar("T")
log = logging.getLogger("mediametrics.store")


class StoreError(RuntimeError):
    """A database problem worth one clear line to the user."""


class DatabaseLockedError(StoreError):
    pass


class TeamModeUnavailable(StoreError):
    """Something this version cannot do on a team store yet (the dashboard, seed, stories edits)."""


class ConcurrentWrites(DatabaseLockedError):
    """A team store's write unit conflicted with other writers' commits through every attempt;
    nothing of it was written. A DatabaseLockedError: the caller keeps what it fetched, as for a
    file another process holds."""


# The open write connections on team stores (store.connect registers them): their statements take
# the team forms and their transactions the write turn. Weak, so a closed connection drops out.
_TEAM_WRITERS: weakref.WeakSet[duckdb.DuckDBPyConnection] = weakref.WeakSet()


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
            "(`mediametrics team init`), records into it (`ingest`, `import`, `collect`, `poll`) and reads "
            "it (`stories`, `export`); do this on a database file for now (docs/scale.md)"
        )
    return Path(target)


def on_team(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether `con` writes a team store (see the module's note)."""
    return con in _TEAM_WRITERS


def _statement(con: duckdb.DuckDBPyConnection, name: str) -> str:
    """Named statement `name` as `con`'s store runs it: its team form on a team store's write
    connection when it has one."""
    if con in _TEAM_WRITERS and _has_team_form(name):
        return sql(f"team/{name}")
    return sql(name)


@cache
def _has_team_form(name: str) -> bool:
    return (TEAM_QUERIES / f"{name}.sql").is_file()


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
        # Imported here: team mode's extensions load only for a team store.
        from metrics import lake

        con = lake.open_catalog(path, read_only=read_only)
        if not read_only:
            # Never migrated here (two processes migrating at once collide): `team init` does it.
            try:
                require_current(con, path)
            except BaseException:
                con.close()
                raise
            _TEAM_WRITERS.add(con)
        return con
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
            require_current(con, path)
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


def require_current(con: duckdb.DuckDBPyConnection, team: TeamStore) -> None:
    """StoreError (one line) when the team store open on `con` lacks a migration of this code."""
    missing = pending(con)
    if missing:
        raise StoreError(f"{team}: the team store's schema is older than this mediametrics ({missing[0].stem} "
                         "not applied): run `mediametrics team init` to bring it up to date")


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
    """One transaction. On a team store it begins by taking the write turn, before anything is
    read, so that it reads a snapshot no writer can change unnoticed: one that commits meanwhile
    makes this one's COMMIT raise duckdb.TransactionException (see `retried`)."""
    con.execute("BEGIN TRANSACTION")
    try:
        if con in _TEAM_WRITERS:
            run(con, "team/write_turn")
        yield con
    except BaseException:
        _rollback(con)
        raise
    con.execute("COMMIT")


def _rollback(con: duckdb.DuckDBPyConnection) -> None:
    try:
        con.execute("ROLLBACK")
    except duckdb.TransactionException:
        if con not in _TEAM_WRITERS:
            raise
        # DuckLake ended the transaction itself (a conflict): there is nothing left to undo.


def is_conflict(exc: BaseException) -> bool:
    """A DuckLake commit conflict: another writer committed first; the transaction is undone whole
    and may simply run again. (A conflict on DuckLake's own snapshot row that its retries did not
    clear says "Exceeded the maximum retry count".)"""
    message = str(exc)
    return isinstance(exc, duckdb.TransactionException) and (
        "Transaction conflict" in message or "Exceeded the maximum retry count" in message
    )


def retried(con: duckdb.DuckDBPyConnection, unit: Callable[[], T], *, what: str = "this batch") -> T:
    """`unit()`, a whole write unit (it opens its own transaction and reads what it decides on
    inside it), run again after a commit conflict on a team store, up to WRITE_ATTEMPTS times in
    all; then ConcurrentWrites, in one line. On a file it runs once: its lock already keeps other
    writers out."""
    if con not in _TEAM_WRITERS:
        return unit()
    for attempt in range(1, WRITE_ATTEMPTS + 1):
        try:
            return unit()
        except duckdb.TransactionException as exc:
            if not is_conflict(exc):
                raise
            if attempt == WRITE_ATTEMPTS:
                raise ConcurrentWrites(
                    f"the team store stayed busy: {WRITE_ATTEMPTS} attempts to write {what} each met another "
                    "writer's commit; nothing of it was written"
                ) from exc
            log.debug("writing %s conflicted with another writer's commit (attempt %d of %d); "
                      "running it again", what, attempt, WRITE_ATTEMPTS)
            time.sleep(random.uniform(*RETRY_WAIT_S) * attempt)
    raise AssertionError("not reached")


def insert_with_id(con: duckdb.DuckDBPyConnection, name: str, table: str, **params: Any) -> int:
    """Run named INSERT `name` and return the id of the row it made.

    On a file the statement's RETURNING gives the id its sequence drew. A team store has neither
    (DuckLake rejects both): the id is the table's largest plus one, read inside the write turn, so
    that no other writer can take it meanwhile unnoticed, and the team form inserts it as $id.
    """
    if con not in _TEAM_WRITERS:
        return int(scalar(con, name, **params))
    new_id = int(scalar(con, f"team/next_id_{table}"))
    run(con, name, id=new_id, **params)
    return new_id


def query(con: duckdb.DuckDBPyConnection, name: str, **params: Any) -> pd.DataFrame:
    """Run a named read query and return a DataFrame."""
    return con.execute(_statement(con, name), params).df()


def run(con: duckdb.DuckDBPyConnection, name: str, **params: Any) -> None:
    """Run a named write statement to completion (an unfinished result blocks the connection)."""
    con.execute(_statement(con, name), params).fetchall()


@cache
def _row_type(columns: tuple[str, ...]) -> Any:
    return namedtuple("Row", columns, rename=True)  # type: ignore[misc]


def rows(con: duckdb.DuckDBPyConnection, name: str, **params: Any) -> list[Any]:
    """A named query's rows as named tuples: `row.slug`, not `row[0]`."""
    cursor = con.execute(_statement(con, name), params)
    found = cursor.fetchall()
    if not found:
        return []
    row_type = _row_type(tuple(d[0] for d in cursor.description))
    return [row_type._make(r) for r in found]


def scalar(con: duckdb.DuckDBPyConnection, name: str, **params: Any) -> Any:
    # fetchall, not fetchone: a result with rows left unread blocks the connection in DuckDB 2.
    found = con.execute(_statement(con, name), params).fetchall()
    return found[0][0] if found else None


def read_query(name: str, path: Target, **params: Any) -> pd.DataFrame:
    """Open read-only, run one named query, close: the dashboard's way of reading."""
    with reading(path) as con:
        return query(con, name, **params)
