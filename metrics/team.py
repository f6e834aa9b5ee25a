"""`mediametrics team init | push FILE | pull FILE | maintain`: create a team store's catalog once and
bring its schema up to date; copy a database file into an empty one, or a snapshot of one into a
new file; DuckLake's upkeep.

init is the one command that changes a team store's schema. Ordinary commands never create a
catalog or migrate one: two processes creating a catalog at the same moment collide, as do two
applying the same migration. So a deployment runs this, once and again after an upgrade that
brings migrations; on a current store it changes nothing. Should two run at the same moment
anyway (several workers' start scripts), the one that loses a collision finds its work undone
whole and tries again, and then finds the other's.
"""

from __future__ import annotations

import random
import re
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb

from metrics import lake
from metrics.config import TeamStore
from metrics.lake import sql_literal
from metrics.store import (
    StoreError,
    connect,
    ensure_current,
    migrate,
    require_current,
    retried,
    rows,
    transaction,
)

ATTEMPTS = 5  # collisions with another init: each retry comes after a longer, random wait


@dataclass(frozen=True)
class InitResult:
    applied: tuple[str, ...]  # the migrations this run applied, in order (empty: the store was current)
    version: str  # the latest migration the store has recorded: its schema version, as on a file
    data_path: str  # where its Parquet data goes, as the catalog records it


def init(team: TeamStore) -> InitResult:
    """Create the catalog if the database has none, then apply the migrations it has not recorded.

    Raises StoreError (one line) when the store cannot be reached, or lake.ConcurrentChange when
    other processes kept changing its catalog through every attempt.
    """
    applied: list[str] = []
    for attempt in range(1, ATTEMPTS + 1):
        try:
            version = _init_once(team, applied)
            return InitResult(applied=tuple(applied), version=version, data_path=lake.data_path(team))
        except lake.ConcurrentChange:
            if attempt == ATTEMPTS:
                raise
            time.sleep(random.uniform(0.2, 0.6) * attempt)  # random: two losers must not retry in step
    raise AssertionError("not reached")


def _init_once(team: TeamStore, applied: list[str]) -> str:
    con = lake.open_catalog(team, read_only=False, create=True)
    try:
        migrate(con, lake=True, applied=applied)
        return str(rows(con, "migrations_applied")[-1].name)
    except duckdb.TransactionException as exc:
        # DuckLake raises this at COMMIT when another transaction changed the same tables first;
        # the migration's transaction is gone whole.
        raise lake.ConcurrentChange(f"{team}: other processes kept changing the team store's schema at the same "
                                    "moment; run `mediametrics team init` again") from exc
    finally:
        con.close()


# --- copying between a database file and a team store -------------------------------------------

# Each store's own bookkeeping, never copied: the migrations it has applied (migrate writes them)
# and its write turn (migration 0013, on a team store).
_OWN_TABLES = ("schema_migrations", "write_turns")
_SEQUENCE_DEFAULT = re.compile(r"nextval\('(?P<seq>[A-Za-z_][A-Za-z0-9_]*)'")


@dataclass(frozen=True)
class CopyResult:
    tables: int
    rows: int
    articles: int


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _tables(con: duckdb.DuckDBPyConnection, database: str) -> list[str]:
    found = con.execute("SELECT table_name FROM duckdb_tables() WHERE database_name = $db ORDER BY table_name",
                        {"db": database}).fetchall()
    return [t for (t,) in found if t not in _OWN_TABLES]


def _copy(con: duckdb.DuckDBPyConnection, source: str, target: str) -> CopyResult:
    """Every row of every table of `source` into the same table of `target` (attached databases of
    one connection, same schema), in the caller's transaction."""
    tables = _tables(con, source)
    # An INSERT's result is the number of rows it inserted.
    copied = sum(int(con.execute(f"INSERT INTO {_quoted(target)}.{_quoted(t)} BY NAME "
                                 f"SELECT * FROM {_quoted(source)}.{_quoted(t)}").fetchall()[0][0]) for t in tables)
    articles = int(con.execute(f"SELECT count(*) FROM {_quoted(target)}.articles").fetchall()[0][0])
    return CopyResult(tables=len(tables), rows=copied, articles=articles)


def push(team: TeamStore, source: Path) -> CopyResult:
    """Copy a database file (brought up to date first, as any command does) into an empty team
    store, in one write unit: a desk starts from what one person collected. Raises StoreError
    (one line) when the store already holds articles (merging two stores is not supported: ingest
    the files into it instead) or its schema is behind. As every write there, it takes the write
    turn and runs again after a concurrent writer's commit (store.transaction, store.retried)."""
    ensure_current(source)
    con = connect(team)  # checks the schema; a team writer
    try:
        con.execute("ATTACH " + sql_literal(str(source)) + " AS pushed (READ_ONLY)")

        def unit() -> CopyResult:
            with transaction(con):
                held = int(con.execute("SELECT count(*) FROM articles").fetchall()[0][0])
                if held:
                    raise StoreError(f"{team}: team push copies into an empty team store, and this one holds "
                                     f"{held:,} articles; add the files to it with `mediametrics ingest` instead")
                return _copy(con, "pushed", lake.LAKE)

        return retried(con, unit, what="the push")
    finally:
        con.close()


def pull(team: TeamStore, target: Path) -> CopyResult:
    """A snapshot of the team store as a new database file, for offline work: the same rows, and
    the file's id sequences moved past the ids it holds so that it can be written to. Refuses
    (StoreError) to overwrite a file, and removes a half-written one."""
    if target.exists():
        raise StoreError(f"{target} already exists: team pull writes a new file")
    connect(target).close()  # the file's schema, by the same migrations
    try:
        con = connect(team, read_only=True)
        try:
            require_current(con, team)
            con.execute("ATTACH " + sql_literal(str(target)) + " AS pulled")
            with transaction(con):
                copied = _copy(con, lake.LAKE, "pulled")
                _advance_sequences(con, "pulled")
            con.execute("DETACH pulled")
        finally:
            con.close()
    except BaseException:
        target.unlink(missing_ok=True)
        target.with_name(target.name + ".wal").unlink(missing_ok=True)
        raise
    return copied


def _advance_sequences(con: duckdb.DuckDBPyConnection, database: str) -> None:
    """Each id sequence of `database` past the highest id of the column it fills."""
    found = con.execute(
        "SELECT table_name, column_name, column_default FROM duckdb_columns() "
        "WHERE database_name = $db AND column_default LIKE 'nextval(%'", {"db": database}).fetchall()
    for table, column, default in found:
        m = _SEQUENCE_DEFAULT.search(str(default))
        if m is None:
            continue
        top = con.execute(f"SELECT max({_quoted(column)}) FROM {_quoted(database)}.{_quoted(table)}").fetchall()[0][0]
        if top:
            # DuckDB has no ALTER SEQUENCE ... RESTART: draw the ids the rows already use.
            con.execute(f"SELECT max(nextval('{database}.{m.group('seq')}')) FROM range($n)", {"n": int(top)})


def maintain(team: TeamStore) -> list[str]:
    """DuckLake's upkeep, one step after the other: merge small Parquet files, expire snapshots
    older than a week, delete the files no snapshot needs. Returns what was done, a line each."""
    con = lake.open_catalog(team, read_only=False)
    done = []
    try:
        for label, statement in (
            ("merged adjacent small files", f"CALL ducklake_merge_adjacent_files('{lake.LAKE}')"),
            ("expired snapshots older than 7 days",
             f"CALL ducklake_expire_snapshots('{lake.LAKE}', older_than => now() - INTERVAL 7 DAY)"),
            ("deleted files no snapshot needs", f"CALL ducklake_cleanup_old_files('{lake.LAKE}', cleanup_all => true)"),
        ):
            con.execute(statement).fetchall()
            done.append(label)
        return done
    except duckdb.TransactionException as exc:
        raise lake.ConcurrentChange(f"{team}: another process changed the team store during maintenance; "
                                    "run it again") from exc
    finally:
        con.close()
