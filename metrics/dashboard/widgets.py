"""The dashboard's composite widgets: the shared sidebar, the story and timezone pickers, and
a chart with its image and data downloads."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from datetime import UTC, date, datetime

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from metrics import charts, export, format
from metrics.coverage import canonical_timezone
from metrics.dashboard import data, messages, state
from metrics.format import escape_markdown
from metrics.normalize import story_slug
from metrics.story_data import StoryView

# Offered first in the timezone picker; any other IANA name can be typed.
COMMON_TIMEZONES: tuple[str, ...] = (
    "UTC", "America/New_York", "America/Chicago", "America/Los_Angeles", "Europe/London", "Europe/Berlin",
    "Asia/Kolkata", "Asia/Shanghai", "Asia/Seoul", "Asia/Tokyo", "Australia/Sydney",
)
IMAGE_MIME = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf"}


def sidebar_filters() -> None:
    """Topic tags, outlets and dates, in the sidebar of every page; kept in the URL so a view
    can be shared. Tags go in the URL as their keys, written and read here, because a bound
    widget would write the label it shows."""
    tags = data.load_tags()
    names = data.tag_names()
    unknown: list[str] = []

    def from_link(values: list[str]) -> list[str]:
        found, missing = state.resolve_tags(values, tags)
        unknown.extend(missing)
        return found

    linked = state.url_value(state.TAGS_KEY, from_link)
    if linked is not None:
        st.session_state[state.TAGS_KEY] = linked
    with st.sidebar:
        chosen = st.multiselect(
            "Topic tags", options=list(names), format_func=lambda k: names.get(k, k), key=state.TAGS_KEY,
            placeholder="All stories", help="Show stories carrying any (or all) of these tags.",
        )
        if unknown:
            st.warning(f"Not a topic tag here, left out: {format.escape_markdown(', '.join(unknown))}.")
        st.toggle("Stories must carry every tag", key=state.ALL_TAGS_KEY, bind="query-params")
        st.multiselect("Outlets", options=data.load_outlets(), key=state.OUTLETS_KEY, placeholder="All outlets",
                       help="Count only these outlets' articles and figures.", bind="query-params")
        limit = st.toggle("Limit to a date range", key=state.LIMIT_DATES_KEY, bind="query-params",
                          help="Counts only articles published in the range (UTC); undated articles drop out.")
        if limit:
            today = datetime.now(UTC).date()
            st.date_input("Published between (UTC)", value=(date(today.year - 2, 1, 1), today), key=state.DATES_KEY,
                          bind="query-params")
        st.radio("Exported charts", charts.THEMES, key=state.EXPORT_THEME_KEY, horizontal=True, bind="query-params",
                 help="Colours of the PNG, SVG and PDF downloads and the story report. On screen, charts "
                      "follow the app's theme (Settings in the ⋮ menu).")
    state.publish_url_value(state.TAGS_KEY, [str(t) for t in chosen])


def timezone_picker() -> str:
    """The zone the timeline counts days in: a short list, or any IANA name typed in. Returns the
    zone's canonical name; an unknown one is said so and UTC is used, never a guess."""
    typed = st.selectbox(
        "Timezone", COMMON_TIMEZONES, key=state.TZ_KEY, accept_new_options=True, bind="query-params",
        help="Days, weeks and months start at midnight in this zone. Type any IANA name, e.g. Europe/Paris.",
    )
    try:
        return canonical_timezone(str(typed or "UTC"))
    except ValueError as exc:
        st.warning(f"{format.escape_markdown(exc)}. Showing UTC.")  # the message quotes the link's value
        return "UTC"


def story_picker(stories: pd.DataFrame) -> str | None:
    """One story choice shared by every page, kept in the URL by its slug (an old link by its
    title still opens it)."""
    if stories.empty:
        return None
    titles = dict(zip(stories["slug"], stories["title"], strict=True))
    options = list(titles)
    missing: list[str] = []

    def from_link(values: list[str]) -> str | None:
        slug = state.resolve_story(values[-1], stories)
        if slug is None:
            missing.append(values[-1])
        return slug

    # Each page draws its own picker, a new widget that would start at its default: the choice
    # is carried over by setting it before the widget is drawn.
    current = state.carried_story()
    linked = state.url_value(state.STORY_KEY, from_link)
    if isinstance(linked, str):
        current = linked
    st.session_state[state.STORY_KEY] = current if current in options else options[0]
    if missing:
        messages.unknown_story_link(missing[0], titles[st.session_state[state.STORY_KEY]])
    slug = st.selectbox("Story", options, format_func=lambda s: titles.get(s, s), key=state.STORY_KEY)
    state.remember_story(str(slug))
    return slug


def chosen_story() -> StoryView:
    """The story picker and the chosen story's head (name, origin, snapshot, outlets; no rows: each
    page reads what it shows through metrics.dashboard.data); stops the page with a message when
    there is none."""
    filters = state.current_filters()
    slug = story_picker(data.load_stories(filters))
    if slug is None:
        messages.no_stories(filtered=filters.narrowed)
        st.stop()
    view = data.load_story_head(slug)
    if view is None:
        messages.story_gone(slug)
        st.stop()
    messages.sample_notice(view)
    return view


def filters_caption() -> str:
    """The sidebar's filters in words ('tags: China or Russia; outlets: AP'), for captions and footers."""
    return format.describe_filters(state.current_filters(), data.tag_names())


def chart(build: Callable[[str], go.Figure], *, name: str, key: str,
          rows: pd.DataFrame | Callable[[], pd.DataFrame] | None = None, data_times: str = "times in UTC",
          cache: Hashable | None = None) -> None:
    """A chart with image downloads rendered on the server and, given `rows` (or a function that
    reads them when a download is clicked), the rows behind it as CSV and Parquet, without a row
    cap. `build(theme)` draws the figure: on screen in the app's theme, for the downloads in the
    theme chosen in the sidebar (built only when clicked, outside the script run, so `build` must
    not read st.session_state). `data_times` says which clock the table's times are on, for the CSV
    button's help. Given `cache`, a key naming everything the figure is drawn from, the screen's
    figure is drawn once per database version (data.figure) rather than on every rerun."""
    theme_on_screen = state.screen_theme()
    fig = build(theme_on_screen) if cache is None else data.figure(cache, theme_on_screen, build)
    st.plotly_chart(fig, key=f"chart-{key}", config={"displaylogo": False,
                                                     "toImageButtonOptions": {"filename": name, "scale": 2}})
    browser = data.browser()
    theme = state.export_theme()

    def image(fmt: str) -> Callable[[], bytes]:
        return lambda: export.figure_image(build(theme), fmt, width=1400, height=700, scale=2 if fmt == "png" else 1,
                                           browser_path=browser)

    cols = st.columns([1, 1, 1, 1, 1, 4])
    for col, fmt in zip(cols, export.FORMATS, strict=False):
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
    if rows is not None:
        def table() -> pd.DataFrame:
            return rows() if callable(rows) else rows

        with cols[3]:
            st.download_button("CSV", icon=":material/table:", data=lambda: export.table_bytes(table(), "csv"),
                               file_name=f"{name}.csv", mime="text/csv", key=f"dl-{key}-csv", on_click="ignore",
                               help=f"The rows behind this chart, {data_times}")
        with cols[4]:
            st.download_button("Parquet", icon=":material/table:",
                               data=lambda: export.table_bytes(table(), "parquet"), file_name=f"{name}.parquet",
                               mime="application/vnd.apache.parquet", key=f"dl-{key}-parquet", on_click="ignore",
                               help="The rows behind this chart, typed, for pandas, DuckDB or R")
    if browser is None:
        cols[5].caption(export.NO_BROWSER_HELP)


def story_report_data(
    view: StoryView, *, filters: str, theme: str, bucket: str, tz: str, browser_path: str | None,
) -> Callable[[], bytes]:
    """What the "Story report (zip)" button downloads, built when clicked. Every choice comes in
    as a value read while the page runs: Streamlit calls the callable later on a worker thread
    with no session, where st.session_state reads empty, so a dark export theme read there came
    out light and the sidebar's filters as none. Without a browser the zip holds the tables only."""
    return lambda: export.story_report(view, filters=filters, images=browser_path is not None, theme=theme,
                                       bucket=bucket, tz=tz, browser_path=browser_path)


def story_report_button(view: StoryView, read: Callable[[], StoryView], *, filters: str, bucket: str,
                        tz: str) -> None:
    """The "Story report (zip)" download: every chart and table of the story `view` names, in the
    export theme. `read` reads the whole story when the button is clicked (data.story_download):
    a page holds only what it shows."""
    theme = state.export_theme()
    browser_path = data.browser()
    st.download_button(
        "Story report (zip)", icon=":material/folder_zip:", key="dl-report", on_click="ignore",
        data=lambda: story_report_data(read(), filters=filters, theme=theme, bucket=bucket, tz=tz,
                                       browser_path=browser_path)(),
        file_name=f"{view.slug}-report.zip", mime="application/zip",
        help=f"Every chart of this story as PNG, SVG and PDF ({theme} theme, timelines in "
             f"{format.escape_markdown(tz)}), and every table as CSV and Parquet",
    )


def file_stem(view: StoryView, chart_name: str) -> str:
    """A download's file name without extension: the story's slug and the chart's name."""
    return f"{story_slug(view.slug)}-{chart_name}"


def signed_in() -> bool:
    """When the dashboard is served to others with sign-in (metrics.signin), whether this visitor
    has signed in: if not, the page says so with a sign-in button and shows nothing else; if so,
    the sidebar names them (as text) with a sign-out button. Always True without sign-in."""
    provider = data.app_settings().sign_in
    if provider is None:
        return True
    # A key only when [auth] is configured, as it is whenever SIGN_IN_ENV is set: absent, not signed in.
    if not st.user.get("is_logged_in", False):
        st.title("mediametrics")
        st.info("This dashboard is shared: sign in to read its stories and collect into it.",
                icon=":material/lock:")
        st.button("Sign in", type="primary", icon=":material/login:",
                  on_click=st.login, args=(provider,) if provider else ())
        return False
    st.sidebar.caption(f"Signed in as {escape_markdown(signed_in_user() or 'signed in')}")
    st.sidebar.button("Sign out", on_click=st.logout, icon=":material/logout:")
    return True


def signed_in_user() -> str | None:
    """Who signed in to this dashboard (their email, else their name), as a collection run records
    who started it; None when the dashboard asks no one to sign in."""
    if data.app_settings().sign_in is None or not st.user.get("is_logged_in", False):
        return None
    who = st.user.get("email") or st.user.get("name")
    return str(who) if who else None
