"""Team mode on a real PostgreSQL server (issue 17, phase 1): `mediametrics team init` and reading.

Each test gets a new database on the server named by MEDIAMETRICS_TEST_POSTGRES (.ci/run starts a
throwaway cluster) and a temp folder for the Parquet data (conftest.team_store). Skipped without a
server, a failure without one when CI=true.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import duckdb
import pytest

from metrics import lake, store, team
from metrics.cli import main
from metrics.config import TeamStore
from metrics.store import connect, migration_files
from tests.conftest import ROOT, require_browser


def _tables(con: duckdb.DuckDBPyConnection, catalog: str) -> dict[str, list[tuple[str, str, str]]]:
    """Each table's columns with their types and nullability, in order."""
    found: dict[str, list[tuple[str, str, str]]] = {}
    for table, column, kind, nullable in con.execute(
        "SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns "
        "WHERE table_catalog = $catalog ORDER BY table_name, ordinal_position", {"catalog": catalog}
    ).fetchall():
        found.setdefault(table, []).append((column, kind, nullable))
    return found


def _snapshots(team_store: TeamStore) -> int:
    con = lake.open_catalog(team_store, read_only=True)
    try:
        return int(con.execute(f"SELECT count(*) FROM ducklake_snapshots('{lake.LAKE}')").fetchone()[0])
    finally:
        con.close()


def _out_err(capsys: pytest.CaptureFixture[str]) -> tuple[str, str]:
    out, err = capsys.readouterr()
    return out.strip(), err.strip()


def test_team_init_creates_every_table_the_file_has_and_running_it_again_changes_nothing(
    team_store: TeamStore, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["team", "init"]) == 0
    out, _ = _out_err(capsys)
    latest = migration_files()[-1].stem
    assert out == (f"team store {team_store}: schema at {latest} ({len(migration_files())} migrations applied now); "
                   f"data in {tmp_path / 'lake'}/")

    file = connect(tmp_path / "file.duckdb")
    on_file = _tables(file, "file")
    keys = {(t, c) for t, cols in file.execute(
        "SELECT table_name, constraint_column_names FROM duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY'"
    ).fetchall() for c in cols}
    file_versions = [r.name for r in store.rows(file, "migrations_applied")]
    file.close()
    con = lake.open_catalog(team_store, read_only=True)
    try:
        on_lake = _tables(con, lake.LAKE)
        # The schema version is recorded as on a file: one row per migration, with when.
        recorded = con.execute("SELECT name, applied_at FROM schema_migrations ORDER BY name").fetchall()
    finally:
        con.close()
    assert set(on_lake) == set(on_file) and len(on_lake) >= 20
    assert on_lake == on_file  # every column, its type, and NOT NULL where the file has it (keys included)
    assert keys and all({c: n for c, _, n in on_lake[t]}[c] == "NO" for t, c in keys)
    assert [name for name, _ in recorded] == file_versions == [p.stem for p in migration_files()]
    assert all(applied_at is not None for _, applied_at in recorded)

    before = _snapshots(team_store)
    assert main(["team", "init"]) == 0
    assert "(already up to date)" in _out_err(capsys)[0]
    assert _snapshots(team_store) == before  # a second run writes nothing at all


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


def test_a_team_store_behind_the_code_is_read_only_after_team_init(
    team_store: TeamStore, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    every = migration_files()
    with monkeypatch.context() as m:
        m.setattr(store, "migration_files", lambda: every[:-1])  # what the release before created
        assert team.init(team_store).version == every[-2].stem
    assert main(["stories"]) == 2
    assert f"({every[-1].stem} not applied): run `mediametrics team init`" in _out_err(capsys)[1]
    result = team.init(team_store)
    assert result.applied == (every[-1].stem,) and result.version == every[-1].stem
    assert main(["stories"]) == 0


def test_another_data_path_than_the_catalogs_is_one_line(
    team_store: TeamStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    team.init(team_store)
    monkeypatch.setenv("MEDIAMETRICS_DATA_PATH", str(tmp_path / "elsewhere"))
    assert main(["stories"]) == 2
    assert _out_err(capsys)[1] == (f"error: MEDIAMETRICS_DATA_PATH={tmp_path / 'elsewhere'}/ is not where this team "
                                   f"store keeps its data ({tmp_path / 'lake'}/): set it to that")


def test_team_init_run_by_several_processes_at_once_ends_with_one_schema(team_store: TeamStore) -> None:
    # Two processes creating a catalog at the same moment collide (as do two applying the same
    # migration); the loser's work is undone whole and it tries again.
    procs = [subprocess.Popen([sys.executable, "-m", "metrics.cli", "team", "init"], cwd=ROOT, env=dict(os.environ),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(3)]
    results = [(p.wait(timeout=120), *p.communicate()) for p in procs]
    assert [code for code, _, _ in results] == [0, 0, 0], results
    applied_now = [out for _, out, _ in results if "applied now" in out]
    assert applied_now, results
    con = lake.open_catalog(team_store, read_only=True)
    try:
        names = [r[0] for r in con.execute("SELECT name FROM schema_migrations ORDER BY name").fetchall()]
        tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables "
                                            "WHERE table_catalog = $c", {"c": lake.LAKE}).fetchall()}
    finally:
        con.close()
    assert names == [p.stem for p in migration_files()]  # each once: no migration ran twice
    assert {"stories", "articles", "claims", "story_coverage"} <= tables


@pytest.fixture
def filled_team_store(team_store: TeamStore, seeded_db: Path, monkeypatch: pytest.MonkeyPatch) -> TeamStore:
    """A team store holding what the sample story puts into a file (seeded_db, still a file)."""
    team.init(team_store)
    team.push(team_store, seeded_db)
    return team_store


def test_stories_lists_a_team_store_as_it_lists_the_same_data_in_a_file(
    filled_team_store: TeamStore, seeded_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["stories"]) == 0
    on_lake = _out_err(capsys)[0]
    assert main(["--db", str(seeded_db), "stories"]) == 0
    on_file = _out_err(capsys)[0]
    assert "cia-mandarin-videos-2025" in on_lake and on_lake == on_file


@pytest.mark.browser
def test_a_story_report_from_a_team_store_holds_the_same_data_as_from_a_file(
    filled_team_store: TeamStore, seeded_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    require_browser()
    for name, db in (("lake.zip", []), ("file.zip", ["--db", str(seeded_db)])):
        assert main([*db, "export", "--story", "cia-mandarin-videos-2025", "--report", "-o", str(tmp_path / name)]) == 0
    capsys.readouterr()
    with zipfile.ZipFile(tmp_path / "lake.zip") as on_lake, zipfile.ZipFile(tmp_path / "file.zip") as on_file:
        tables = [n for n in on_file.namelist() if n.endswith((".csv", ".parquet", "README.txt"))]
        assert any(n.endswith("claims.csv") for n in tables)
        assert sorted(on_lake.namelist()) == sorted(on_file.namelist())
        for name in tables:
            assert on_lake.read(name) == on_file.read(name), name


def test_a_storys_claims_read_the_same_from_a_team_store_as_from_a_file(
    filled_team_store: TeamStore, seeded_db: Path
) -> None:
    # The story pages' claim reads go through the macros of migration 0012, which the team store
    # keeps in its catalog.
    where = {"slug": "cia-mandarin-videos-2025", "start": None, "end": None, "outlets": []}
    reads = [("story_claims", where), ("story_claim_metrics", where),
             ("story_claims_sample", {**where, "metric": "views", "limit": 5}),
             ("story_claims_page", {**where, "limit": 3, "metric": "views", "chart_limit": 4, "traced_limit": 2})]
    found = {}
    for target in (filled_team_store, seeded_db):
        with store.reading(target) as con:
            found[target] = [store.rows(con, name, **params) for name, params in reads]
    assert found[filled_team_store] == found[seeded_db]
    assert all(found[seeded_db]), "every read found claims"
