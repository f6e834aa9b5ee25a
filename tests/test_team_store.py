"""Team mode without a server: naming a team store, the extensions loaded offline, and every write
command refused in one line (issue 17, phase 1)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from streamlit.testing.v1 import AppTest

from metrics.cli import main
from metrics.config import Settings, TeamStore, settings
from metrics.lake import EXTENSIONS, offline_connection
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


@pytest.mark.parametrize("command", [
    ["ingest", str(SEED_ARTICLE)],
    ["import", str(ROOT / "seeds" / "cia-story-coverage.jsonl")],
    ["collect", "--youtube", "dQw4w9WgXcQ"],
    ["poll"],
    ["seed"],
    ["stories", "rename", "cia-mandarin-videos-2025", "--title", "x"],
    ["stories", "merge", "a", "--into", "b"],
    ["stories", "move", "1", "--to", "b"],
    ["dashboard", "--headless", "--port", "9"],
])
def test_every_write_command_on_a_team_store_says_in_one_line_that_it_is_not_available_yet(
    nowhere: TeamStore, tmp_path: Path, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(command) == 2
    line = _one_error_line(capsys)
    assert "is not available on a team store yet" in line and str(nowhere) in line
    assert not (tmp_path / "data").exists()  # and nothing was written to a file instead


def test_collecting_for_a_team_store_fetches_nothing(
    nowhere: TeamStore, httpserver: HTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    httpserver.expect_request("/news").respond_with_data("<html><title>t</title><p>5 views</p></html>",
                                                         content_type="text/html")
    assert main(["collect", httpserver.url_for("/news"), "--feed", httpserver.url_for("/feed.xml")]) == 2
    assert "collect is not available on a team store yet" in _one_error_line(capsys)
    assert httpserver.log == []


def test_the_db_flag_names_a_team_store_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("MEDIAMETRICS_DB", raising=False)
    monkeypatch.setenv("MEDIAMETRICS_DATA_PATH", str(tmp_path / "lake"))
    assert main(["--db", NOWHERE, "seed"]) == 2
    assert "seed is not available on a team store yet" in _one_error_line(capsys)


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
    assert main(["stories"]) == 2
    assert "MEDIAMETRICS_DATA_PATH is not set" in _one_error_line(capsys)


def test_a_catalog_that_is_not_on_postgresql_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("MEDIAMETRICS_DB", f"ducklake:{tmp_path / 'meta.ducklake'}")
    monkeypatch.setenv("MEDIAMETRICS_DATA_PATH", str(tmp_path / "lake"))
    assert main(["stories"]) == 2
    assert "a team store's catalog is on PostgreSQL" in _one_error_line(capsys)
    assert not (tmp_path / "meta.ducklake").exists()


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
