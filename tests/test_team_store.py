"""Team mode without a server: naming a team store, the migrations as a team store runs them, the
extensions loaded offline, what a team store cannot do yet refused in one line, and a team store
that cannot be reached said in one line before anything is read (issue 17).

The tests that need PostgreSQL are in test_team_catalog.py and test_team_writes.py.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from pytest_httpserver import HTTPServer
from streamlit.testing.v1 import AppTest

from metrics.cli import main
from metrics.config import Settings, TeamStore, settings
from metrics.lake import EXTENSIONS, lake_ddl, offline_connection
from metrics.store import StoreError, migration_files, sql
from tests.conftest import ROOT, SEED_ARTICLE

# No server answers here: every refusal below must come before any connection is tried.
NOWHERE = "ducklake:postgres:dbname=mm host=/nonexistent/socket/dir port=5432 user=mm"


@pytest.fixture
def nowhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> TeamStore:
    monkeypatch.setenv("MEDIAMETRICS_DB", NOWHERE)
    monkeypatch.setenv("MEDIAMETRICS_DATA_PATH", str(tmp_path / "lake"))
    monkeypatch.chdir(tmp_path)  # so that a file written to the default data/ would show
    return TeamStore(NOWHERE, str(tmp_path / "lake"))


def test_a_ducklake_catalog_names_a_team_store_and_anything_else_a_file() -> None:
    cfg = settings({"MEDIAMETRICS_DB": NOWHERE, "MEDIAMETRICS_DATA_PATH": "/srv/lake"})
    assert cfg.db == TeamStore(NOWHERE, "/srv/lake")
    assert settings({"MEDIAMETRICS_DB": "x/my.duckdb"}).db == Path("x/my.duckdb")
    assert settings({}).db == Path("data/mediametrics.duckdb")
    # A child process (the dashboard's server) gets the same store, the catalog as written.
    env = cfg.child_env({})
    assert settings(env).db == cfg.db


def test_a_password_in_the_catalog_is_never_shown() -> None:
    team = TeamStore("ducklake:postgres:dbname=mm host=db.example password=s3cret user=mm", "/srv/lake")
    assert "s3cret" not in str(team) and "password=***" in str(team)
    assert Settings(db=team).child_env({})["MEDIAMETRICS_DB"] == team.catalog


def _schema(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple[str, str]]]:
    found: dict[str, list[tuple[str, str]]] = {}
    for table, column, kind in con.execute(
        "SELECT table_name, column_name, data_type FROM information_schema.columns "
        "WHERE table_catalog = current_database() ORDER BY table_name, ordinal_position"
    ).fetchall():
        found.setdefault(table, []).append((column, kind))
    return found


def _not_null(con: duckdb.DuckDBPyConnection) -> set[tuple[str, str]]:
    return {(t, c) for t, c in con.execute(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE table_catalog = current_database() AND is_nullable = 'NO'").fetchall()}


def test_the_migrations_as_a_team_store_runs_them_make_the_same_tables_without_keys(tmp_path: Path) -> None:
    # The file's schema, and the same migrations through lake_ddl on a plain DuckDB: every table and
    # column the same, with no key, unique constraint or sequence, and every key column NOT NULL.
    file = duckdb.connect(str(tmp_path / "file.duckdb"))
    rewritten = duckdb.connect()
    for name, text in [("migrations_table", sql("migrations_table")),
                       *((p.stem, p.read_text(encoding="utf-8")) for p in migration_files())]:
        file.execute(text)
        rewritten.execute(lake_ddl(text, name))
    assert _schema(rewritten) == _schema(file)
    assert rewritten.execute(
        "SELECT count(*) FROM duckdb_constraints() WHERE constraint_type IN ('PRIMARY KEY', 'UNIQUE')").fetchone() == (0,)
    assert rewritten.execute("SELECT count(*) FROM duckdb_sequences()").fetchone() == (0,)
    keys = {(t, c) for t, cols in file.execute(
        "SELECT table_name, constraint_column_names FROM duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY'"
    ).fetchall() for c in cols}
    assert ("stories", "id") in keys and ("story_articles", "article_id") in keys
    assert keys <= _not_null(rewritten)
    assert _not_null(rewritten) - _not_null(file) == set()  # nothing else became stricter


def test_lake_ddl_leaves_out_exactly_the_clauses_ducklake_rejects() -> None:
    text = """-- a comment saying UNIQUE or PRIMARY KEY is not a clause
CREATE SEQUENCE thing_id_seq START 1;
CREATE TABLE things (
    id    BIGINT PRIMARY KEY DEFAULT nextval('thing_id_seq'),
    key   VARCHAR NOT NULL UNIQUE,
    note  VARCHAR DEFAULT 'unique -- not a comment',
    UNIQUE (id, key)
);
CREATE TABLE pairs (a BIGINT NOT NULL, b BIGINT NOT NULL, PRIMARY KEY (a, b));
"""
    out = lake_ddl(text, "0099_things")
    assert "SEQUENCE" not in out and "nextval" not in out and "--" not in out.replace("'unique -- not a comment'", "")
    assert "id    BIGINT NOT NULL," in out
    assert "key   VARCHAR NOT NULL," in out
    assert "DEFAULT 'unique -- not a comment'" in out  # a string is data, left as written
    assert "CREATE TABLE pairs (a BIGINT NOT NULL, b BIGINT NOT NULL);" in out
    con = duckdb.connect()
    con.execute(out)
    assert con.execute("SELECT count(*) FROM duckdb_constraints() WHERE constraint_type <> 'NOT NULL'").fetchone() == (0,)


@pytest.mark.parametrize("statement", [
    "CREATE INDEX things_key ON things (key);",
    "CREATE TABLE t (n INTEGER CHECK (n > 0));",
    "CREATE TABLE t (story_id BIGINT REFERENCES stories (id));",
    "INSERT INTO t VALUES (1) ON CONFLICT DO NOTHING;",
    "INSERT OR IGNORE INTO t VALUES (1);",
])
def test_a_migration_the_runner_cannot_adapt_is_refused_by_name(statement: str) -> None:
    with pytest.raises(StoreError) as err:
        lake_ddl(statement, "0099_new")
    assert "migration 0099_new uses" in str(err.value) and "docs/scale.md" in str(err.value)


def test_the_extensions_load_from_the_installed_wheels_with_nothing_fetched() -> None:
    con = offline_connection()
    loaded = {r[0] for r in con.execute("SELECT extension_name FROM duckdb_extensions() WHERE loaded").fetchall()}
    assert {name for _, name in EXTENSIONS} <= loaded
    assert con.execute("SELECT current_setting('autoinstall_known_extensions'), "
                       "current_setting('autoload_known_extensions')").fetchone() == (False, False)
    con.close()


def _one_error_line(capsys: pytest.CaptureFixture[str]) -> str:
    out, err = capsys.readouterr()
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), err
    assert "Traceback" not in err and out == ""
    return lines[0]


NOT_YET = "is not available on a team store yet"
UNREACHABLE = "cannot reach its PostgreSQL"


@pytest.mark.parametrize(("command", "said"), [
    (["seed"], NOT_YET),
    (["stories", "rename", "cia-mandarin-videos-2025", "--title", "x"], NOT_YET),
    (["stories", "merge", "a", "--into", "b"], NOT_YET),
    (["stories", "move", "1", "--to", "b"], NOT_YET),
    (["dashboard", "--headless", "--port", "9"], NOT_YET),
    # These record into a team store; this one cannot be reached, which they say before reading.
    (["ingest", str(SEED_ARTICLE)], UNREACHABLE),
    (["import", str(ROOT / "seeds" / "cia-story-coverage.jsonl")], UNREACHABLE),
    (["collect", "--youtube", "dQw4w9WgXcQ"], UNREACHABLE),
    (["poll"], UNREACHABLE),
])
def test_what_a_team_store_cannot_do_yet_or_cannot_do_now_is_one_line(
    nowhere: TeamStore, tmp_path: Path, command: list[str], said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(command) == 2
    line = _one_error_line(capsys)
    assert said in line and str(nowhere) in line
    assert not (tmp_path / "data").exists()  # and nothing was written to a file or kept instead


def test_collecting_for_a_team_store_that_cannot_be_reached_fetches_nothing(
    nowhere: TeamStore, httpserver: HTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    httpserver.expect_request("/news").respond_with_data("<html><title>t</title><p>5 views</p></html>",
                                                         content_type="text/html")
    assert main(["collect", httpserver.url_for("/news"), "--feed", httpserver.url_for("/feed.xml")]) == 2
    assert UNREACHABLE in _one_error_line(capsys)
    assert httpserver.log == []


def test_the_db_flag_names_a_team_store_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("MEDIAMETRICS_DB", raising=False)
    monkeypatch.setenv("MEDIAMETRICS_DATA_PATH", str(tmp_path / "lake"))
    assert main(["--db", NOWHERE, "seed"]) == 2
    assert "seed is not available on a team store yet" in _one_error_line(capsys)
    assert main(["--db", NOWHERE, "ingest", str(SEED_ARTICLE)]) == 2
    assert UNREACHABLE in _one_error_line(capsys)


def test_extract_needs_no_database_and_works_whatever_the_store(
    nowhere: TeamStore, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["extract", str(SEED_ARTICLE), "--json"]) == 0
    assert json.loads(capsys.readouterr().out.splitlines()[0])["claims"]


def test_a_team_store_without_its_data_path_is_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("MEDIAMETRICS_DB", NOWHERE)
    monkeypatch.delenv("MEDIAMETRICS_DATA_PATH", raising=False)
    for command in (["stories"], ["team", "init"]):
        assert main(command) == 2
        assert "MEDIAMETRICS_DATA_PATH is not set" in _one_error_line(capsys)


def test_a_catalog_that_is_not_on_postgresql_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("MEDIAMETRICS_DB", f"ducklake:{tmp_path / 'meta.ducklake'}")
    monkeypatch.setenv("MEDIAMETRICS_DATA_PATH", str(tmp_path / "lake"))
    assert main(["team", "init"]) == 2
    assert "a team store's catalog is on PostgreSQL" in _one_error_line(capsys)
    assert not (tmp_path / "meta.ducklake").exists()


def test_team_init_on_a_database_file_says_what_it_needs(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["team", "init"]) == 2
    assert "team init needs MEDIAMETRICS_DB" in _one_error_line(capsys)
    assert not db.exists()


def test_the_dashboard_on_a_team_store_says_so_instead_of_a_page(nowhere: TeamStore) -> None:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    assert not at.exception
    assert len(at.error) == 1 and "the dashboard is not available on a team store yet" in at.error[0].value


@pytest.mark.parametrize(("ci", "outcome"), [(None, "1 skipped"), ("true", "1 error")])
def test_team_mode_tests_skip_without_a_server_but_fail_in_ci(ci: str | None, outcome: str) -> None:
    env = {k: v for k, v in os.environ.items() if k not in {"CI", "MEDIAMETRICS_TEST_POSTGRES"}}
    if ci:
        env["CI"] = ci
    test = "tests/test_team_catalog.py::test_an_ordinary_command_never_creates_a_team_store"
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", test], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=120, check=False)
    assert outcome in run.stdout, run.stdout
    if ci:
        assert run.returncode == 1 and "CI=true but MEDIAMETRICS_TEST_POSTGRES is not set" in run.stdout
    else:
        assert run.returncode == 0
