"""While another process holds the DuckDB file read-write, no other process can open it at all. The
dashboard waits and tries again for a moment (metrics.store.READ_LOCK_WAIT_S), then says in words that
the database is busy, on every page, instead of a DatabaseLockedError traceback; once the writer is gone
the next rerun reads again. A real second process holds a real file; nothing is mocked.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from metrics.dashboard import messages, pages
from metrics.store import READ_LOCK_WAIT_S
from tests.conftest import ROOT, hold


def app() -> AppTest:
    return AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)


def said_busy(at: AppTest) -> bool:
    return any(messages.BUSY in w.value for w in at.warning)


def release(holder: subprocess.Popen[str]) -> None:
    holder.kill()
    holder.wait()


def hold_for(db: Path, seconds: float) -> subprocess.Popen[str]:
    """Another process that holds the file read-write for `seconds`, then closes it, as a collector's
    write does."""
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            (
                "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('ready', flush=True); "
                "time.sleep(float(sys.argv[2])); c.close()"
            ),
            str(db),
            str(seconds),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
    return holder


@pytest.mark.parametrize("page", [p.path for p in pages.ALL])
def test_every_page_says_the_database_is_busy_in_words_then_reads_again(seeded_db: Path, page: str) -> None:
    at = app().run()
    at.switch_page(page).run()
    assert not at.exception and not said_busy(at)
    holder = hold(seeded_db)
    try:
        st.cache_data.clear()  # every view uncached: each read must open the file
        started = time.monotonic()
        at.run()
        waited = time.monotonic() - started
    finally:
        release(holder)
    assert not at.exception, [e.value for e in at.exception]
    assert said_busy(at), [w.value for w in at.warning]
    assert not any("DatabaseLockedError" in str(e.value) for e in at.error)
    assert waited >= READ_LOCK_WAIT_S * 0.9, "a reader waits for the writer before giving up"
    at.run()
    assert not at.exception and not said_busy(at) and not at.error


def test_an_uncached_view_while_a_writer_holds_the_file_says_so(seeded_db: Path) -> None:
    # The issue's case: the pages' reads are cached, then the reader asks for something new.
    at = app().run()
    at.switch_page(pages.ARTICLE.path).run()
    assert at.session_state["article_id"] == 1  # the sample's article with its text opens first
    holder = hold(seeded_db)
    try:
        at.selectbox(key="article_id").set_value(2).run()  # Star Tribune's, not read yet
    finally:
        release(holder)
    assert not at.exception, [e.value for e in at.exception]
    assert said_busy(at)
    at.run()
    assert not at.exception and not said_busy(at)
    assert at.session_state["article_id"] == 2


def test_a_dashboard_opened_while_the_file_is_held_works_once_it_is_free(seeded_db: Path) -> None:
    holder = hold(seeded_db)
    try:
        at = app().run()
    finally:
        release(holder)
    assert not at.exception and said_busy(at) and not at.error
    at.run()  # the failed first preparation was not remembered for the life of the server
    assert not at.exception and not said_busy(at) and not at.error
    assert "CIA Mandarin recruitment videos" in set(at.dataframe[0].value["title"])


def test_a_writer_that_finishes_within_the_wait_is_waited_for(seeded_db: Path) -> None:
    at = app().run()
    at.switch_page(pages.TIMELINE.path).run()
    holder = hold_for(seeded_db, READ_LOCK_WAIT_S / 3)
    try:
        st.cache_data.clear()
        at.run()
    finally:
        release(holder)
    assert not at.exception and not said_busy(at) and not at.error
    assert at.get("plotly_chart"), "the page drew its chart after waiting"
