"""Shared fixtures: a real DuckDB file in a temp dir, seeded once per session and copied per test."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

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
