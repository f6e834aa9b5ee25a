"""`mediametrics team init`: create a team store's catalog once and bring its schema up to date.

The one command that writes a team store in this version. Ordinary commands never create a
catalog or migrate one: two processes creating a catalog at the same moment collide, as do two
applying the same migration. So a deployment runs this, once and again after an upgrade that
brings migrations; on a current store it changes nothing. Should two run at the same moment
anyway (several workers' start scripts), the one that loses a collision finds its work undone
whole and tries again, and then finds the other's.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass

import duckdb

from metrics import lake
from metrics.config import TeamStore
from metrics.store import migrate, rows

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
