"""Session state and the address bar: every key and URL parameter the dashboard uses, named
once, and the rules for reading a shared link and writing the current view back to the URL.

A widget bound to the URL (`bind="query-params"`) uses its key as the parameter's name. Tags and
the story are written here instead, because a bound widget would write the label it shows, not
the tag key or story slug a link should carry.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, time

import pandas as pd
import streamlit as st

from metrics.charts import THEMES
from metrics.normalize import tag_key
from metrics.story_data import StoryFilters

# Shared by every page (the sidebar's filters and the story picker); each is also a URL parameter.
TAGS_KEY = "tags"
ALL_TAGS_KEY = "all_tags"
OUTLETS_KEY = "outlets"
LIMIT_DATES_KEY = "limit_dates"
DATES_KEY = "dates"
EXPORT_THEME_KEY = "export_theme"
STORY_KEY = "story"
# One page's own choices.
UNIQUE_KEY = "unique"  # timeline: fold syndicated copies
BUCKET_KEY = "bucket"  # timeline: bars per day, week or month
TZ_KEY = "tz"  # timeline: the zone days start in
CLAIMS_METRIC_KEY = "claims_metric"
ARTICLE_KEY = "article_id"
STORIES_TABLE_KEY = "stories_table"

_CHOSEN_STORY = "_chosen_story"  # the story every page opens on, kept when a picker's state is dropped
_WRITTEN = "_url_written_"  # + a URL parameter: the value this session last put in the address bar


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


def current_filters() -> StoryFilters:
    """The sidebar's filters as the read side takes them; the date range is whole UTC days."""
    tags = tuple(st.session_state.get(TAGS_KEY) or ())
    start = end = None
    dates = st.session_state.get(DATES_KEY) if st.session_state.get(LIMIT_DATES_KEY) else None
    if isinstance(dates, (tuple, list)) and len(dates) == 2:
        start = datetime.combine(dates[0], time.min, tzinfo=UTC)
        end = datetime.combine(dates[1], time.min, tzinfo=UTC) + pd.Timedelta(days=1)
    return StoryFilters(tags=tags, start=start, end=end, all_tags=bool(st.session_state.get(ALL_TAGS_KEY)),
                        outlets=tuple(st.session_state.get(OUTLETS_KEY) or ()))


def screen_theme() -> str:
    """'dark' when the app is shown dark, so the colours a figure sets itself (measured lines,
    notes) stay visible; Streamlit restyles the rest on screen."""
    kind = getattr(getattr(st.context, "theme", None), "type", None)
    return "dark" if kind == "dark" else "light"


def export_theme() -> str:
    """The theme chosen in the sidebar for downloads ('light' until one is chosen)."""
    chosen = st.session_state.get(EXPORT_THEME_KEY)
    return chosen if chosen in THEMES else "light"


def carried_story() -> str | None:
    """The story the last picker chose, or, when Streamlit has dropped that widget's state, the
    one remembered under a plain key."""
    value = st.session_state.get(STORY_KEY, st.session_state.get(_CHOSEN_STORY))
    return str(value) if value is not None else None


def remember_story(slug: str) -> None:
    """The story every page opens on next, and the one the address bar names."""
    st.session_state[_CHOSEN_STORY] = slug
    publish_url_value(STORY_KEY, [slug])


def choose_story(slug: str) -> None:
    """Open `slug` from a page without the story picker (the Stories table)."""
    st.session_state[STORY_KEY] = slug
    remember_story(slug)
