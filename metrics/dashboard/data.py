"""The dashboard's reads: the database made ready once per server, then cached reads.

Settings are read from the environment once per server process (app_settings) and the
database path passed down from there. Reads are cached with st.cache_data keyed on the
query's inputs and the database file's modification time, so new data from a collector shows
up on the next rerun and nothing else re-runs a query. Every read opens the file read-only and
closes it (metrics.store.reading), so a collector can write between two reruns.

While another process holds the file read-write, DuckDB lets no other process open it at all.
metrics.store.reading then tries again for READ_LOCK_WAIT_S (3 s, every 0.1 s), which covers a
collector's transaction; a writer holding it longer stops the page with one sentence
(messages.database_busy), never a traceback, and nothing of it is cached, so the next rerun reads.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import ParamSpec, TypeVar

import pandas as pd
import streamlit as st

from metrics import export, seed, story_data
from metrics.config import Settings, settings
from metrics.dashboard import messages
from metrics.store import DatabaseLockedError, StoreError

P = ParamSpec("P")
T = TypeVar("T")


@st.cache_resource(show_spinner=False)
def app_settings() -> Settings:
    """The environment's settings, read once per server process."""
    return settings()


def db_path() -> Path:
    return app_settings().db_path


def _version(path: Path) -> float:
    """Changes whenever the database file (or its write-ahead log) is written."""
    wal = path.with_name(path.name + ".wal")
    return max((p.stat().st_mtime for p in (path, wal) if p.exists()), default=0.0)


@st.cache_resource(show_spinner="Preparing the database (first run loads the sample story)…")
def _ensure_database(cfg: Settings) -> bool:
    # Raises rather than returning the problem: a failure (the file held by a writer, say) must
    # not be cached for the life of the server, or the page would stay broken after the writer left.
    seed.ensure_ready(cfg)
    return True


def ensure_database() -> str | None:
    """Create, migrate and seed on first run (once per server and database). A message when it
    could not, None when the database is ready; stops the page saying so when a writer holds it."""
    try:
        _ensure_database(app_settings())
    except DatabaseLockedError:
        busy()
    except StoreError as exc:
        return str(exc)
    return None


def busy() -> None:
    """Say that a writer holds the database, and stop this run of the page."""
    messages.database_busy()
    st.stop()


def _read(read: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """A read that says the database is busy, instead of a traceback, when a writer holds it
    longer than metrics.store.READ_LOCK_WAIT_S."""
    try:
        return read(*args, **kwargs)
    except DatabaseLockedError:
        busy()
        raise  # not reached: st.stop() ends the run


@st.cache_resource(show_spinner=False)
def browser() -> str | None:
    """The Chrome/Chromium for image downloads, looked up once per server process, not on every
    rerun of every chart."""
    return export.find_browser(app_settings().browser_path)


@st.cache_data(show_spinner=False)
def _tags(path: str, version: float) -> pd.DataFrame:
    return story_data.tags(path)


@st.cache_data(show_spinner=False)
def _outlets(path: str, version: float) -> list[str]:
    return story_data.outlets(path)


@st.cache_data(show_spinner="Counting the coverage of every story…")
def _stories(path: str, version: float, filters: story_data.StoryFilters) -> pd.DataFrame:
    return story_data.stories(path, filters)


@st.cache_data(show_spinner="Reading the story's articles, figures and measurements…")
def _story(path: str, version: float, slug: str, filters: story_data.StoryFilters) -> story_data.StoryView | None:
    return story_data.story(slug, path, filters)


@st.cache_data(show_spinner=False)
def _article(path: str, version: float,
             article_id: int) -> tuple[pd.Series | None, pd.DataFrame, pd.DataFrame]:
    return story_data.article(article_id, path)


def load_tags() -> pd.DataFrame:
    p = db_path()
    return _read(_tags, str(p), _version(p))


def tag_names() -> dict[str, str]:
    """Tag key -> the tag as shown."""
    tags = load_tags()
    return dict(zip(tags["norm"], tags["tag"], strict=True))


def load_outlets() -> list[str]:
    p = db_path()
    return _read(_outlets, str(p), _version(p))


def load_stories(filters: story_data.StoryFilters) -> pd.DataFrame:
    p = db_path()
    return _read(_stories, str(p), _version(p), filters)


def load_story(slug: str, filters: story_data.StoryFilters) -> story_data.StoryView | None:
    p = db_path()
    return _read(_story, str(p), _version(p), slug, filters)


def load_article(article_id: int) -> tuple[pd.Series | None, pd.DataFrame, pd.DataFrame]:
    p = db_path()
    return _read(_article, str(p), _version(p), article_id)
