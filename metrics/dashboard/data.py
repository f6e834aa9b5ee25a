"""The dashboard's reads: the database made ready once per server, then cached reads.

Settings are read from the environment once per server process (app_settings) and the
database path passed down from there. Reads are cached with st.cache_data keyed on the
query's inputs and the database file's modification time, so new data from a collector shows
up on the next rerun and nothing else re-runs a query. Every read opens the file read-only and
closes it (metrics.store.reading), so a collector can write between two reruns.

A page reads only what it shows, bounded (TABLE_ROWS, CHART_FIGURES, ...): the biggest story of
the 1M-article benchmark has 83,000 articles, 250,000 figures and 905,000 measurements, more than
any table or chart can show and more than a page can read within its budget
(benchmarks/dashboard_perf.py). The pandas work a page does on what it read (verdicts,
provenance, the columns its tables show, its figures) is cached beside the reads, keyed the same
way, so a rerun that changes nothing does none of it again.

While another process holds the file read-write, DuckDB lets no other process open it at all.
metrics.store.reading then tries again for READ_LOCK_WAIT_S (3 s, every 0.1 s), which covers a
collector's transaction; a writer holding it longer stops the page with one sentence
(messages.database_busy), never a traceback, and nothing of it is cached, so the next rerun reads.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import replace
from pathlib import Path
from typing import NamedTuple, ParamSpec, TypeVar

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from metrics import export, format, seed, story_data
from metrics.config import Settings, settings
from metrics.dashboard import messages
from metrics.provenance import figure_provenance
from metrics.store import DatabaseLockedError, StoreError, require_file
from metrics.story_data import StoryFilters, StoryView, Thinned
from metrics.verdicts import story_verdicts

P = ParamSpec("P")
T = TypeVar("T")

# The most a page reads and shows of one story. Past these a table lists the first rows and a
# chart a sample, and each says so; the downloads hold every row. Each is more than a person
# reads down a table or tells apart on a chart, and small enough that the biggest story's pages
# stay within their budgets (a page in under 1.5 s, a rerun in under 0.3 s).
TABLE_ROWS = 2_000  # rows of the Articles and "Every figure reported" tables
TRACED_FIGURES = 5_000  # figures "Who reported each figure first" traces, in print order
CHART_FIGURES = 2_000  # figures the claims chart draws of one metric
MEASURED_POINTS = 40_000  # platform measurements read for the claims chart and the verdicts
ARTICLE_CHOICES = 1_000  # articles the Article page offers


@st.cache_resource(show_spinner=False)
def app_settings() -> Settings:
    """The environment's settings, read once per server process."""
    return settings()


def db_path() -> Path:
    # A team store is stopped before any page reads (ensure_database): the dashboard reads only a file yet.
    return require_file(app_settings().db, "the dashboard")


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


def load_article(article_id: int) -> tuple[pd.Series | None, pd.DataFrame, pd.DataFrame]:
    p = db_path()
    return _read(_article, str(p), _version(p), article_id)


# --- a story page's reads: the head, then what each page shows ------------------------------------

@st.cache_data(show_spinner=False)
def _story_head(path: str, version: float, slug: str) -> StoryView | None:
    return story_data.story_head(slug, path)


@st.cache_data(show_spinner="Reading the story's articles…")
def _timeline(path: str, version: float, slug: str, filters: StoryFilters) -> story_data.TimelineData | None:
    head = _story_head(path, version, slug)
    return None if head is None else story_data.timeline(head, path, filters, TABLE_ROWS)


@st.cache_data(show_spinner=False)
def _unique_articles(path: str, version: float, slug: str, filters: StoryFilters) -> pd.DataFrame:
    found = _timeline(path, version, slug, filters)
    return format.unique_stories(found.view.articles) if found is not None else pd.DataFrame()


@st.cache_data(show_spinner="Reading the story's figures…")
def _claims(path: str, version: float, slug: str, filters: StoryFilters) -> story_data.ClaimsData:
    # With the chart's sample of the metric the page offers first (what a first render draws),
    # read in the same pass as the table's rows.
    return story_data.claims(slug, path, filters, table_rows=TABLE_ROWS, traced_rows=TRACED_FIGURES,
                             chart_rows=CHART_FIGURES,
                             chart_metric=lambda counts: next(iter(format.chart_metrics(counts)), None))


@st.cache_data(show_spinner="Reading the platforms' measurements…")
def _observations(path: str, version: float, slug: str) -> tuple[pd.DataFrame, Thinned | None]:
    return story_data.observations(slug, path, MEASURED_POINTS)


@st.cache_data(show_spinner=False)
def _claims_chart(path: str, version: float, slug: str, filters: StoryFilters, metric: str) -> StoryView | None:
    head = _story_head(path, version, slug)
    if head is None:
        return None
    found = _claims(path, version, slug, filters)
    if metric == found.sample_metric:
        sample, sampled = found.sample, found.sample_thinned
    else:
        total = int(found.counts.loc[found.counts["metric"] == metric, "with_value"].sum())
        sample, sampled = story_data.claims_sample(slug, path, filters, metric, CHART_FIGURES, total)
    observations, stepped = _observations(path, version, slug)
    thinned = {k: v for k, v in (("claims", sampled), ("observations", stepped)) if v is not None}
    return replace(head, claims=sample, observations=observations, thinned=thinned)


class ClaimsTable(NamedTuple):
    """The "Every figure reported" table: its rows with the columns shown (figure, reported, held,
    verdict, rule), `thinned` when they are not every figure, and `measured` when the verdicts were
    checked against thinned measurements."""

    rows: pd.DataFrame
    thinned: Thinned | None
    measured: Thinned | None


@st.cache_data(show_spinner="Checking the figures against the measurements…")
def _claims_table(path: str, version: float, slug: str, filters: StoryFilters) -> ClaimsTable:
    found = _claims(path, version, slug, filters)
    observations, stepped = _observations(path, version, slug)
    claims = found.claims
    # A release time is not a figure to check or list here (the timeline marks it); the first rows
    # without them are still the first figures in the order they held.
    claims = claims[claims["metric"] != "video_published"]
    claims = claims.assign(
        figure=format.describe_claims(claims),
        reported=format.format_instants(claims["reported_at"], claims["reported_offset"],
                                        claims["reported_precision"], claims.get("reported_local")),
        held=format.held_text(claims),
    )
    verdicts = story_verdicts(claims, observations)
    claims = claims.assign(verdict=verdicts["verdict"].to_numpy(), rule=format.verdict_rules(verdicts))
    thinned = found.claims_thinned
    if thinned is not None:
        listed = found.counts.loc[found.counts["metric"] != "video_published", "claims"].sum()
        thinned = replace(thinned, shown=len(claims), total=int(listed))
    return ClaimsTable(claims, thinned, stepped if not observations.empty else None)


@st.cache_data(show_spinner="Tracing who reported each figure first…")
def _provenance(path: str, version: float, slug: str, filters: StoryFilters) -> tuple[pd.DataFrame, Thinned | None]:
    found = _claims(path, version, slug, filters)
    table = format.provenance_table(figure_provenance(found.traced))
    if not table.empty:
        # A date-only article's time reads as its date, never as 00:00 UTC; any other as the UTC
        # instant it is stored as.
        day_only = table["first_reported_precision"].where(table["first_reported_precision"] == "day", "")
        table = table.assign(first_reported=format.format_instants(table["first_reported"], precisions=day_only)
                             ).drop(columns="first_reported_precision")
    return table, found.traced_thinned


@st.cache_data(show_spinner=False)
def _article_choices(path: str, version: float, slug: str,
                     filters: StoryFilters) -> tuple[pd.DataFrame, Thinned | None]:
    return story_data.article_choices(slug, path, filters, ARTICLE_CHOICES)


def load_story_head(slug: str) -> StoryView | None:
    """The story's name, origin and snapshot, and every outlet (for colours); no rows."""
    p = db_path()
    return _read(_story_head, str(p), _version(p), slug)


def load_timeline(slug: str, filters: StoryFilters) -> story_data.TimelineData | None:
    """Every article's times (for the chart), the release events, the GDELT volume and the first
    TABLE_ROWS articles with every column."""
    p = db_path()
    return _read(_timeline, str(p), _version(p), slug, filters)


def load_unique_articles(slug: str, filters: StoryFilters) -> pd.DataFrame:
    """The timeline's articles with syndicated copies folded (format.unique_stories)."""
    p = db_path()
    return _read(_unique_articles, str(p), _version(p), slug, filters)


def load_claims(slug: str, filters: StoryFilters) -> story_data.ClaimsData:
    p = db_path()
    return _read(_claims, str(p), _version(p), slug, filters)


def load_claims_chart(slug: str, filters: StoryFilters, metric: str) -> StoryView | None:
    """The story with what its claims chart of `metric` draws: at most CHART_FIGURES figures (a
    random sample past that) and at most about MEASURED_POINTS measurements (the last of each item
    per hour, day or week past that), `thinned` saying so."""
    p = db_path()
    return _read(_claims_chart, str(p), _version(p), slug, filters, metric)


def load_claims_table(slug: str, filters: StoryFilters) -> ClaimsTable:
    p = db_path()
    return _read(_claims_table, str(p), _version(p), slug, filters)


def load_provenance(slug: str, filters: StoryFilters) -> tuple[pd.DataFrame, Thinned | None]:
    """The provenance table (format.provenance_table, its time as text) of the first
    TRACED_FIGURES figures printed, and `thinned` when there are more."""
    p = db_path()
    return _read(_provenance, str(p), _version(p), slug, filters)


def load_article_choices(slug: str, filters: StoryFilters) -> tuple[pd.DataFrame, Thinned | None]:
    """The articles the Article page offers (those with text first), at most ARTICLE_CHOICES."""
    p = db_path()
    return _read(_article_choices, str(p), _version(p), slug, filters)


def story_download(slug: str, filters: StoryFilters) -> Callable[[], StoryView]:
    """The whole story under `filters`, every row, read when a download is clicked (a page holds
    only what it shows). The path is read now: the download runs outside the script run."""
    path = db_path()

    def read() -> StoryView:
        view = story_data.story(slug, path, filters)
        if view is None:
            raise StoreError(f"story {slug!r} is no longer in the database")
        return view
    return read


def articles_download(slug: str, filters: StoryFilters) -> Callable[[], pd.DataFrame]:
    """Every article of the story under `filters`, every column, read when a download is clicked."""
    path = db_path()
    return lambda: story_data.story_articles(slug, path, filters)


def claims_download(slug: str, filters: StoryFilters, metric: str) -> Callable[[], pd.DataFrame]:
    """Every claim of `metric` of the story under `filters`, read when a download is clicked."""
    path = db_path()

    def read() -> pd.DataFrame:
        claims = story_data.story_claims(slug, path, filters)
        return claims[claims["metric"] == metric]
    return read


@st.cache_resource(show_spinner=False, max_entries=64)
def _figure(path: str, version: float, key: Hashable, theme: str, _build: Callable[[str], go.Figure]) -> go.Figure:
    # The figure itself, not a copy (st.cache_data would unpickle it, and a Figure validates every
    # trace again on the way in, as slow as drawing it). st.plotly_chart only reads it, and
    # nothing else gets it.
    return _build(theme)


def figure(key: Hashable, theme: str, build: Callable[[str], go.Figure]) -> go.Figure:
    """build(theme), drawn once per database version for `key`, which must name everything the
    figure is drawn from (chart, story, filters, choices): a rerun sends the same figure without
    drawing it again."""
    p = db_path()
    return _figure(str(p), _version(p), key, theme, build)
