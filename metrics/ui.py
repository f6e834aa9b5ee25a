"""Streamlit glue shared by dashboard.py and pages/: cached reads, filters, chart + export.

Reads are cached with st.cache_data keyed on the query's inputs and the database file's
modification time, so new data from a collector shows up on the next rerun and nothing
else re-runs a query. Connections are opened per read and closed (see metrics.store).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from metrics import export, story_data
from metrics.config import settings
from metrics.normalize import slugify
from metrics.store import READ_LOCK_WAIT_S, DatabaseLockedError, StoreError

STORY_KEY = "story"


def db_path() -> Path:
    return settings().db_path


def _version(path: Path) -> float:
    """Changes whenever the database file (or its write-ahead log) is written."""
    wal = path.with_name(path.name + ".wal")
    return max((p.stat().st_mtime for p in (path, wal) if p.exists()), default=0.0)


@st.cache_resource(show_spinner="Preparing the database (first run loads the sample story)…")
def ensure_database(path: str) -> str | None:
    """Create, migrate and seed on first run. Returns a message when it could not."""
    from metrics import seed
    from metrics.cli import ensure_ready
    from metrics.store import connect, ensure_current

    target = Path(path)
    try:
        if target.exists():
            ensure_current(target)
            con = connect(target, read_only=True, lock_wait_s=READ_LOCK_WAIT_S)
            try:
                ready = seed.is_seeded(con)
            finally:
                con.close()
            if ready:
                return None
        ensure_ready(target, quiet=True)
        return None
    except DatabaseLockedError as exc:
        return str(exc)
    except StoreError as exc:
        return str(exc)


@st.cache_data(show_spinner=False)
def _tags(path: str, version: float) -> pd.DataFrame:
    return story_data.tags(path)


@st.cache_data(show_spinner=False)
def _outlets(path: str, version: float) -> list[str]:
    return story_data.outlets(path)


def load_outlets() -> list[str]:
    p = db_path()
    return _outlets(str(p), _version(p))


@st.cache_data(show_spinner=False)
def _stories(path: str, version: float, filters: story_data.StoryFilters) -> pd.DataFrame:
    return story_data.stories(path, filters)


@st.cache_data(show_spinner=False)
def _story(path: str, version: float, slug: str, filters: story_data.StoryFilters) -> story_data.StoryView | None:
    return story_data.story(slug, path, filters)


@st.cache_data(show_spinner=False)
def _article(path: str, version: float, article_id: int):  # type: ignore[no-untyped-def]
    return story_data.article(article_id, path)


def load_tags() -> pd.DataFrame:
    p = db_path()
    return _tags(str(p), _version(p))


def load_stories(filters: story_data.StoryFilters) -> pd.DataFrame:
    p = db_path()
    return _stories(str(p), _version(p), filters)


def load_story(slug: str, filters: story_data.StoryFilters) -> story_data.StoryView | None:
    p = db_path()
    return _story(str(p), _version(p), slug, filters)


def load_article(article_id: int):  # type: ignore[no-untyped-def]
    p = db_path()
    return _article(str(p), _version(p), article_id)


def sidebar_filters() -> None:
    """Topic tags and dates, in the sidebar of every page; kept in the URL so a view can be shared."""
    tags = load_tags()
    names = dict(zip(tags["norm"], tags["tag"], strict=True))
    with st.sidebar:
        st.multiselect(
            "Topic tags", options=list(names), format_func=lambda k: names.get(k, k), key="tags",
            placeholder="All stories", help="Show stories carrying any (or all) of these tags.",
            bind="query-params",
        )
        st.toggle("Stories must carry every tag", key="all_tags", bind="query-params")
        st.multiselect("Outlets", options=load_outlets(), key="outlets", placeholder="All outlets",
                       help="Count only these outlets' articles and figures.", bind="query-params")
        limit = st.toggle("Limit to a date range", key="limit_dates", bind="query-params",
                          help="Counts only articles published in the range (UTC); undated articles drop out.")
        if limit:
            today = datetime.now(UTC).date()
            st.date_input("Published between (UTC)", value=(date(today.year - 2, 1, 1), today), key="dates",
                          bind="query-params")


def current_filters() -> story_data.StoryFilters:
    tags = tuple(st.session_state.get("tags") or ())
    start = end = None
    dates = st.session_state.get("dates") if st.session_state.get("limit_dates") else None
    if isinstance(dates, (tuple, list)) and len(dates) == 2:
        start = datetime.combine(dates[0], time.min, tzinfo=UTC)
        end = datetime.combine(dates[1], time.min, tzinfo=UTC) + pd.Timedelta(days=1)
    return story_data.StoryFilters(tags=tags, start=start, end=end, all_tags=bool(st.session_state.get("all_tags")),
                                   outlets=tuple(st.session_state.get("outlets") or ()))


def filters_caption() -> str:
    tags = load_tags()
    return current_filters().describe(dict(zip(tags["norm"], tags["tag"], strict=True)))


def story_picker(stories: pd.DataFrame) -> str | None:
    """One story choice shared by every page (and the URL)."""
    if stories.empty:
        return None
    titles = dict(zip(stories["slug"], stories["title"], strict=True))
    options = list(titles)
    if st.session_state.get(STORY_KEY) not in options:
        st.session_state[STORY_KEY] = options[0]
    return st.selectbox("Story", options, format_func=lambda s: titles.get(s, s), key=STORY_KEY,
                        bind="query-params")


def chosen_story() -> story_data.StoryView:
    """The story picker and the loaded story; stops the page with a message when there is none."""
    filters = current_filters()
    slug = story_picker(load_stories(filters))
    if slug is None:
        no_stories_message(filtered=bool(filters.tags or filters.start or filters.outlets))
        st.stop()
    view = load_story(slug, filters)
    if view is None:
        st.warning(f"Story {slug!r} is no longer in the database.")
        st.stop()
    sample_notice(view)
    return view


def no_stories_message(filtered: bool) -> None:
    if filtered:
        st.info("No story matches these filters. Clear the topic tags or the date range in the sidebar.")
    else:
        st.info("No stories yet: run `mediametrics ingest path/to/articles/` (or `mediametrics seed` "
                "for the sample story), then reload this page.")


def sample_notice(view: story_data.StoryView) -> None:
    if view.is_sample:
        st.caption(f"Sample data loaded from `seeds/` (real coverage, compiled by hand): {view.note or view.title}")


def format_day(value: object) -> str:
    """The UTC day of an instant: the Stories overview needs no more, and day-only dates stay honest."""
    if value is None or value is pd.NaT or (isinstance(value, float) and pd.isna(value)):
        return "no date"
    ts = pd.Timestamp(value)
    return f"{(ts.tz_convert('UTC') if ts.tzinfo else ts):%Y-%m-%d}"


def format_instant(value: object, offset: object = None, precision: object = None) -> str:
    """'2025-05-03 02:32 UTC (source +05:30)'. With a precision given, a date-only value and a
    time whose source stated no zone (so it was read as UTC) say so."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NaT:
        return "no date"
    ts = pd.Timestamp(value).tz_convert("UTC") if pd.Timestamp(value).tzinfo else pd.Timestamp(value, tz="UTC")
    if precision == "day":
        return f"{ts:%Y-%m-%d} (date only)"
    text = f"{ts:%Y-%m-%d %H:%M} UTC"
    if isinstance(offset, str) and offset:
        return text if offset == "+00:00" else f"{text} (source {offset})"
    if isinstance(precision, str):
        return f"{ts:%Y-%m-%d %H:%M} (source stated no zone; read as UTC)"
    return text


@st.cache_resource(show_spinner=False)
def _browser() -> str | None:
    """Looked up once per server process, not on every rerun of every chart."""
    return export.find_browser()


IMAGE_MIME = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf"}


def chart(fig: go.Figure, *, name: str, key: str, data: pd.DataFrame | None = None) -> None:
    """A chart with image downloads rendered on the server (the same figure and footer as shown)
    and, given `data`, the rows behind it as CSV and Parquet, without a row cap."""
    st.plotly_chart(fig, key=f"chart-{key}", config={"displaylogo": False,
                                                     "toImageButtonOptions": {"filename": name, "scale": 2}})
    browser = _browser()
    cols = st.columns([1, 1, 1, 1, 1, 4])
    for col, fmt in zip(cols, ("png", "svg", "pdf"), strict=False):
        with col:
            st.download_button(
                fmt.upper(),
                icon=":material/download:",
                data=(lambda f=fmt: export.figure_image(fig, f, width=1400, height=700, scale=2 if f == "png" else 1)),
                file_name=f"{name}.{fmt}",
                mime=IMAGE_MIME[fmt],
                key=f"dl-{key}-{fmt}",
                disabled=browser is None,
                on_click="ignore",
                help=export.NO_BROWSER_HELP if browser is None else f"Render this chart as {fmt.upper()}",
            )
    if data is not None:
        with cols[3]:
            st.download_button("CSV", icon=":material/table:", data=lambda: export.table_bytes(data, "csv"),
                               file_name=f"{name}.csv", mime="text/csv", key=f"dl-{key}-csv", on_click="ignore",
                               help="The rows behind this chart, times in UTC")
        with cols[4]:
            st.download_button("Parquet", icon=":material/table:",
                               data=lambda: export.table_bytes(data, "parquet"), file_name=f"{name}.parquet",
                               mime="application/vnd.apache.parquet", key=f"dl-{key}-parquet", on_click="ignore",
                               help="The rows behind this chart, typed, for pandas, DuckDB or R")
    if browser is None:
        cols[5].caption(export.NO_BROWSER_HELP)


def file_stem(view: story_data.StoryView, chart_name: str) -> str:
    return f"{slugify(view.slug)}-{chart_name}"
