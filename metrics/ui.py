"""Streamlit glue shared by dashboard.py and pages/: cached reads, filters, chart + export.

Reads are cached with st.cache_data keyed on the query's inputs and the database file's
modification time, so new data from a collector shows up on the next rerun and nothing
else re-runs a query. Connections are opened per read and closed (see metrics.store).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from metrics import charts, export, story_data
from metrics.charts import format_instant, format_instants  # noqa: F401 (pages call ui.*)
from metrics.config import settings
from metrics.normalize import slugify, tag_key
from metrics.store import READ_LOCK_WAIT_S, DatabaseLockedError, StoreError

STORY_KEY = "story"
TAGS_KEY = "tags"
EXPORT_THEME_KEY = "export_theme"
_CHOSEN_STORY = "_chosen_story"
_WRITTEN = "_url_written_"  # + a URL parameter: the value this session last put in the address bar


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


@st.cache_data(show_spinner="Counting the coverage of every story…")
def _stories(path: str, version: float, filters: story_data.StoryFilters) -> pd.DataFrame:
    return story_data.stories(path, filters)


@st.cache_data(show_spinner="Reading the story's articles, figures and measurements…")
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


def url_value(param: str, resolve: Callable[[list[str]], object | None]) -> object | None:
    """Before a widget is drawn: the value in the address bar if this session did not put it
    there itself (a shared link, a bookmark, an old link), through `resolve`, which turns the
    URL's strings into the widget's value or None to ignore them. None otherwise."""
    raw = st.query_params.get_all(param)
    if not raw or raw == st.session_state.get(_WRITTEN + param):
        return None
    st.session_state[_WRITTEN + param] = raw
    return resolve(raw)


def publish_url_value(param: str, values: list[str]) -> None:
    """After a widget is drawn: the address bar shows its value (and nothing when it is empty),
    so the view can be shared; written only when it changed, to spare the browser a message."""
    if st.query_params.get_all(param) != values:
        if values:
            st.query_params[param] = values
        elif param in st.query_params:
            del st.query_params[param]
    st.session_state[_WRITTEN + param] = values


def resolve_tags(values: list[str], tags: pd.DataFrame) -> tuple[list[str], list[str]]:
    """Tag keys for the tags named in a link, and the names that match no tag. Links carry tag
    keys ('northkorea'); older links carried the label as shown ('North Korea'), which is read
    through the same normalisation the tags were stored with."""
    keys = set(tags["norm"])
    found: list[str] = []
    unknown: list[str] = []
    for value in values:
        key = value if value in keys else tag_key(value)
        if key in keys:
            if key not in found:
                found.append(key)
        else:
            unknown.append(value)
    return found, unknown


def resolve_story(value: str, stories: pd.DataFrame) -> str | None:
    """The slug a link names: a slug, or (older links) a story's title, matched exactly and
    then ignoring case."""
    if value in set(stories["slug"]):
        return value
    for exact in (True, False):
        same = stories["title"] == value if exact else stories["title"].str.casefold() == value.casefold()
        if same.any():
            return str(stories.loc[same, "slug"].iloc[0])
    return None


def sidebar_filters() -> None:
    """Topic tags, outlets and dates, in the sidebar of every page; kept in the URL so a view
    can be shared. Tags go in the URL as their keys, written and read here, because a bound
    widget would write the label it shows."""
    tags = load_tags()
    names = dict(zip(tags["norm"], tags["tag"], strict=True))
    unknown: list[str] = []

    def from_link(values: list[str]) -> list[str]:
        found, missing = resolve_tags(values, tags)
        unknown.extend(missing)
        return found

    linked = url_value("tags", from_link)
    if linked is not None:
        st.session_state[TAGS_KEY] = linked
    with st.sidebar:
        chosen = st.multiselect(
            "Topic tags", options=list(names), format_func=lambda k: names.get(k, k), key=TAGS_KEY,
            placeholder="All stories", help="Show stories carrying any (or all) of these tags.",
        )
        if unknown:
            st.warning(f"Not a topic tag here, left out: {', '.join(unknown)}.")
        st.toggle("Stories must carry every tag", key="all_tags", bind="query-params")
        st.multiselect("Outlets", options=load_outlets(), key="outlets", placeholder="All outlets",
                       help="Count only these outlets' articles and figures.", bind="query-params")
        limit = st.toggle("Limit to a date range", key="limit_dates", bind="query-params",
                          help="Counts only articles published in the range (UTC); undated articles drop out.")
        if limit:
            today = datetime.now(UTC).date()
            st.date_input("Published between (UTC)", value=(date(today.year - 2, 1, 1), today), key="dates",
                          bind="query-params")
        st.radio("Exported charts", charts.THEMES, key=EXPORT_THEME_KEY, horizontal=True, bind="query-params",
                 help="Colours of the PNG, SVG and PDF downloads and the story report. On screen, charts "
                      "follow the app's theme (Settings in the ⋮ menu).")
    publish_url_value("tags", [str(t) for t in chosen])


TZ_KEY = "tz"
BUCKET_KEY = "bucket"


def timezone_picker() -> str:
    """The zone the timeline counts days in: a short list, or any IANA name typed in. Returns the
    zone's canonical name; an unknown one is said so and UTC is used, never a guess."""
    typed = st.selectbox(
        "Timezone", charts.COMMON_TIMEZONES, key=TZ_KEY, accept_new_options=True, bind="query-params",
        help="Days, weeks and months start at midnight in this zone. Type any IANA name, e.g. Europe/Paris.",
    )
    try:
        return charts.canonical_timezone(str(typed or "UTC"))
    except ValueError as exc:
        st.warning(f"{exc}. Showing UTC.")
        return "UTC"


def screen_theme() -> str:
    """'dark' when the app is shown dark, so the colours a figure sets itself (measured lines,
    notes) stay visible; Streamlit restyles the rest on screen."""
    kind = getattr(getattr(st.context, "theme", None), "type", None)
    return "dark" if kind == "dark" else "light"


def export_theme() -> str:
    chosen = st.session_state.get(EXPORT_THEME_KEY)
    return chosen if chosen in charts.THEMES else "light"


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
    """One story choice shared by every page, kept in the URL by its slug (an old link by its
    title still opens it)."""
    if stories.empty:
        return None
    titles = dict(zip(stories["slug"], stories["title"], strict=True))
    options = list(titles)
    missing: list[str] = []

    def from_link(values: list[str]) -> str | None:
        slug = resolve_story(values[-1], stories)
        if slug is None:
            missing.append(values[-1])
        return slug

    # Each page draws its own picker, a new widget that would start at its default: the choice
    # is carried over by setting it before the widget is drawn, from the last picker or, when
    # Streamlit has dropped that one's state, from a plain key.
    current = st.session_state.get(STORY_KEY, st.session_state.get(_CHOSEN_STORY))
    linked = url_value("story", from_link)
    if linked is not None:
        current = linked
    st.session_state[STORY_KEY] = current if current in options else options[0]
    if missing:
        st.warning(f"The link's story {missing[0]!r} is not in this database, or not among the stories these "
                   f"filters show; showing {titles[st.session_state[STORY_KEY]]!r}. Clear the filters in the "
                   "sidebar if it should be there.")
    slug = st.selectbox("Story", options, format_func=lambda s: titles.get(s, s), key=STORY_KEY)
    remember_story(str(slug))
    return slug


def remember_story(slug: str) -> None:
    """The story every page opens on next, and the one the address bar names."""
    st.session_state[_CHOSEN_STORY] = slug
    publish_url_value("story", [slug])


def choose_story(slug: str) -> None:
    """Open `slug` from a page without the story picker (the Stories table)."""
    st.session_state[STORY_KEY] = slug
    remember_story(slug)


def chosen_slug() -> str | None:
    value = st.session_state.get(STORY_KEY, st.session_state.get(_CHOSEN_STORY))
    return str(value) if value is not None else None


def filters_narrow(filters: story_data.StoryFilters) -> bool:
    return bool(filters.tags or filters.start or filters.outlets)


def chosen_story() -> story_data.StoryView:
    """The story picker and the loaded story; stops the page with a message when there is none."""
    filters = current_filters()
    slug = story_picker(load_stories(filters))
    if slug is None:
        no_stories_message(filtered=filters_narrow(filters))
        st.stop()
    view = load_story(slug, filters)
    if view is None:
        st.warning(f"Story {slug!r} is no longer in the database: pick another above, or reload the page.")
        st.stop()
    sample_notice(view)
    return view


NO_STORIES = ("No stories yet. Load the sample story with `mediametrics seed`, add your own articles on the "
              "**Collect** page (URLs, files, a feed or YouTube videos) or with `mediametrics ingest path/to/articles/`, "
              "then reload this page.")
NO_MATCH = ("No story matches these filters. Widen the date range, clear the outlet filter or remove topic tags "
            "in the sidebar (or turn off “Stories must carry every tag”).")


def no_stories_message(filtered: bool) -> None:
    st.info(NO_MATCH if filtered else NO_STORIES, icon=":material/filter_alt_off:" if filtered else ":material/info:")
    if not filtered:
        st.page_link("app_pages/collect.py", label="Go to Collect", icon=":material/download:")


def nothing_matches(what: str) -> str:
    """'No articles of this story match these filters — …': the same advice wherever filters empty a page."""
    return (f"No {what} of this story match these filters. Widen the date range or clear the outlet filter in the "
            "sidebar, or pick another story.")


def sample_notice(view: story_data.StoryView) -> None:
    if view.is_sample:
        st.caption(f"Sample data loaded from `seeds/` (real coverage, compiled by hand): {view.note or view.title}")


def format_day(value: object) -> str:
    """The UTC day of an instant: the Stories overview needs no more, and day-only dates stay honest."""
    if value is None or value is pd.NaT or (isinstance(value, float) and pd.isna(value)):
        return "no date"
    ts = pd.Timestamp(value)
    return f"{(ts.tz_convert('UTC') if ts.tzinfo else ts):%Y-%m-%d}"


@st.cache_resource(show_spinner=False)
def _browser() -> str | None:
    """Looked up once per server process, not on every rerun of every chart."""
    return export.find_browser()


IMAGE_MIME = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf"}


def chart(build: Callable[[str], go.Figure], *, name: str, key: str, data: pd.DataFrame | None = None,
          data_times: str = "times in UTC") -> None:
    """A chart with image downloads rendered on the server and, given `data`, the rows behind it
    as CSV and Parquet, without a row cap. `build(theme)` draws the figure: on screen in the
    app's theme, for the downloads in the theme chosen in the sidebar (built only when clicked,
    outside the script run, so `build` must not read st.session_state). `data_times` says which
    clock the table's times are on, for the CSV button's help."""
    fig = build(screen_theme())
    st.plotly_chart(fig, key=f"chart-{key}", config={"displaylogo": False,
                                                     "toImageButtonOptions": {"filename": name, "scale": 2}})
    browser = _browser()
    theme = export_theme()

    def image(fmt: str) -> Callable[[], bytes]:
        return lambda: export.figure_image(build(theme), fmt, width=1400, height=700, scale=2 if fmt == "png" else 1)

    cols = st.columns([1, 1, 1, 1, 1, 4])
    for col, fmt in zip(cols, ("png", "svg", "pdf"), strict=False):
        with col:
            st.download_button(
                fmt.upper(),
                icon=":material/download:",
                data=image(fmt),
                file_name=f"{name}.{fmt}",
                mime=IMAGE_MIME[fmt],
                key=f"dl-{key}-{fmt}",
                disabled=browser is None,
                on_click="ignore",
                help=export.NO_BROWSER_HELP if browser is None else f"Render this chart as {fmt.upper()} ({theme} theme)",
            )
    if data is not None:
        with cols[3]:
            st.download_button("CSV", icon=":material/table:", data=lambda: export.table_bytes(data, "csv"),
                               file_name=f"{name}.csv", mime="text/csv", key=f"dl-{key}-csv", on_click="ignore",
                               help=f"The rows behind this chart, {data_times}")
        with cols[4]:
            st.download_button("Parquet", icon=":material/table:",
                               data=lambda: export.table_bytes(data, "parquet"), file_name=f"{name}.parquet",
                               mime="application/vnd.apache.parquet", key=f"dl-{key}-parquet", on_click="ignore",
                               help="The rows behind this chart, typed, for pandas, DuckDB or R")
    if browser is None:
        cols[5].caption(export.NO_BROWSER_HELP)


def story_report_data(
    view: story_data.StoryView, *, filters: str, theme: str, bucket: str, tz: str, images: bool,
) -> Callable[[], bytes]:
    """What the "Story report (zip)" button downloads, built when clicked. Every choice comes in
    as a value read while the page runs: Streamlit calls the callable later on a worker thread
    with no session, where st.session_state reads empty, so a dark export theme read there came
    out light and the sidebar's filters as none."""
    return lambda: export.story_report(view, filters=filters, images=images, theme=theme, bucket=bucket, tz=tz)


def file_stem(view: story_data.StoryView, chart_name: str) -> str:
    return f"{slugify(view.slug)}-{chart_name}"
