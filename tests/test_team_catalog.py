"""Team mode on a real PostgreSQL server (issue 17, phase 1).

Each test gets a new database on the server named by MEDIAMETRICS_TEST_POSTGRES (.ci/run starts a
throwaway cluster) and a temp folder for the Parquet data (conftest.team_store). Skipped without a
server, a failure without one when CI=true.
"""

from __future__ import annotations

import pytest

from metrics import lake
from metrics.cli import main
from metrics.config import TeamStore


def _out_err(capsys: pytest.CaptureFixture[str]) -> tuple[str, str]:
    out, err = capsys.readouterr()
    return out.strip(), err.strip()


def test_an_ordinary_command_never_creates_a_team_store(
    team_store: TeamStore, team_postgres: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["stories"]) == 2
    out, err = _out_err(capsys)
    assert out == "" and err == f"error: {team_store}: no team store there yet: run `mediametrics team init` once to create it"
    # The database is as the fixture made it: DuckLake created none of its tables there.
    con = lake.offline_connection()
    try:
        con.execute("ATTACH '" + team_store.catalog[len("ducklake:postgres:"):] + "' AS pg (TYPE postgres, READ_ONLY)")
        assert con.execute("SELECT count(*) FROM information_schema.tables WHERE table_catalog = 'pg' "
                           "AND table_schema = 'public'").fetchone() == (0,)
    finally:
        con.close()
