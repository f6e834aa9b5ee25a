"""Shared fixtures: a real DuckDB file in a temp dir, seeded once per session and copied per test."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from metrics.config import TeamStore

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_ARTICLE = SEEDS / "000_b457bbf5334f3be3.txt"


@pytest.fixture(autouse=True)
def _clean_streamlit_caches() -> Iterator[None]:
    """Streamlit caches are process-wide; one test's data must not leak into the next."""
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty database location, used by everything that reads MEDIAMETRICS_DB."""
    path = tmp_path / "data" / "test.duckdb"
    monkeypatch.setenv("MEDIAMETRICS_DB", str(path))
    return path


@pytest.fixture(scope="session")
def _seeded_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from metrics import seed
    from metrics.store import connect

    path = tmp_path_factory.mktemp("template") / "seeded.duckdb"
    con = connect(path)
    try:
        result = seed.load(con, SEEDS)
    finally:
        con.close()
    assert not result.errors, result.errors
    return path


@pytest.fixture
def seeded_db(db: Path, _seeded_template: Path) -> Path:
    db.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(_seeded_template, db)
    return db


# A PostgreSQL server on which the team-mode tests may create and drop databases, as a libpq DSN
# ("host=... port=... user=... dbname=postgres"). .ci/run starts a throwaway cluster and sets it.
TEST_POSTGRES_ENV = "MEDIAMETRICS_TEST_POSTGRES"


@pytest.fixture(scope="session")
def team_postgres() -> str:
    """The DSN of the server for team-mode tests: skipped without one, but a failure when CI=true,
    where team mode must be tested."""
    dsn = os.environ.get(TEST_POSTGRES_ENV, "").strip()
    if not dsn:
        reason = f"{TEST_POSTGRES_ENV} is not set: no PostgreSQL server for the team-mode tests (.ci/run starts one)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but {reason}")
        pytest.skip(reason)
    return dsn


def postgres_admin(dsn: str, statement: str) -> None:
    """Run one statement on the server outside a transaction (CREATE/DROP DATABASE), through
    DuckDB's postgres extension loaded the way team mode loads it."""
    from metrics import lake

    con = lake.offline_connection()
    try:
        con.execute("ATTACH '" + dsn.replace("'", "''") + "' AS admin (TYPE postgres)")
        con.execute("CALL postgres_execute('admin', $sql, use_transaction = false)", {"sql": statement})
    finally:
        con.close()


@pytest.fixture
def team_store(team_postgres: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[TeamStore]:
    """A team store of this test's own: a new, empty PostgreSQL database for its catalog and a temp
    folder for its data, named by MEDIAMETRICS_DB and MEDIAMETRICS_DATA_PATH; no catalog yet (the
    test runs `team init`). The database is dropped afterwards."""
    name = f"mm_test_{uuid.uuid4().hex[:12]}"
    postgres_admin(team_postgres, f"CREATE DATABASE {name}")
    server = re.sub(r"\bdbname\s*=\s*('(?:[^'\\]|\\.)*'|\S+)", "", team_postgres).strip()
    team = TeamStore(f"ducklake:postgres:{server} dbname={name}", str(tmp_path / "lake"))
    monkeypatch.setenv("MEDIAMETRICS_DB", team.catalog)
    monkeypatch.setenv("MEDIAMETRICS_DATA_PATH", str(team.data_path))
    try:
        yield team
    finally:
        postgres_admin(team_postgres, f"DROP DATABASE {name} WITH (FORCE)")


def require_browser() -> str:
    """The path of a Chrome/Chromium, or skip — unless CI demands one, then fail."""
    from metrics.config import settings
    from metrics.export import find_browser

    browser = find_browser(settings().browser_path)
    if browser is None:
        reason = "no Chrome/Chromium on this machine (Debian/Ubuntu: apt-get install chromium)"
        if os.environ.get("MEDIAMETRICS_REQUIRE_BROWSER") == "1":
            pytest.fail(f"MEDIAMETRICS_REQUIRE_BROWSER=1 but {reason}")
        pytest.skip(reason)
    return browser


def hold(db: Path) -> subprocess.Popen[str]:
    """Another process holding the database file open for writing, as the poller does; kill() it."""
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('ready', flush=True); time.sleep(60)",
         str(db)], stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
    return holder


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def served_dashboard(db: Path, log_dir: Path) -> Iterator[str]:
    """`streamlit run dashboard.py` on `db`, on a free loopback port, until the block ends: its URL
    once it answers its health check (the end-to-end and browser tests)."""
    import requests

    port = free_port()
    env = {**os.environ, "MEDIAMETRICS_DB": str(db)}
    log_path = log_dir / "streamlit.log"
    log = log_path.open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard.py"), "--server.headless", "true",
         "--server.address", "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if requests.get(f"{url}/_stcore/health", timeout=1).ok:
                    break
            except requests.ConnectionError:
                pass
            if proc.poll() is not None:
                pytest.fail(f"streamlit exited: {log_path.read_text()}")
            time.sleep(0.3)
        else:
            pytest.fail("streamlit did not become healthy in 60 s")
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        log.close()


@pytest.fixture
def httpserver(httpserver: HTTPServer) -> HTTPServer:
    """pytest-httpserver's server, where a path no test set up answers 404 as on a real site: its
    default, 500, is a robots.txt that cannot be read, which disallows the whole site (RFC 9309)."""
    httpserver.no_handler_status_code = 404
    return httpserver
