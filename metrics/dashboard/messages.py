"""What the dashboard says when there is nothing to show, or something went wrong: the same
advice on every page."""

from __future__ import annotations

import streamlit as st

from metrics.dashboard import pages
from metrics.format import escape_markdown
from metrics.story_data import StoryView

NO_STORIES = ("No stories yet. Load the sample story with `mediametrics seed`, add your own articles on the "
              "**Collect** page (URLs, files, a feed or YouTube videos) or with `mediametrics ingest path/to/articles/`, "
              "then reload this page.")
NO_MATCH = ("No story matches these filters. Widen the date range, clear the outlet filter or remove topic tags "
            "in the sidebar (or turn off “Stories must carry every tag”).")
NO_ARTICLES = "This story has no articles yet: add coverage on the Collect page or with `mediametrics ingest`."
NO_FIGURES = ("No figures were reported in this story's articles yet. Add coverage on the Collect page or with "
              "`mediametrics ingest`, or log figures by hand with `mediametrics import figures.jsonl`.")
BUSY = ("The database is busy: another mediametrics process (collect, ingest, import or poll) is writing to it. "
        "Try again in a moment.")

# Every message below names data (a story's title, a link's parameter, an exception's words) only
# through escape_markdown: Streamlit would render Markdown in it.


def database_unavailable(problem: str) -> None:
    st.error(f"The database is not available: {escape_markdown(problem)}")


def database_busy() -> None:
    """Another process holds the file (for longer than a reader waits): said in words, no traceback."""
    st.warning(BUSY, icon=":material/hourglass_top:")


def no_stories(filtered: bool) -> None:
    """No story to show: what to widen when filters hid them, else how to add the first one."""
    st.info(NO_MATCH if filtered else NO_STORIES, icon=":material/filter_alt_off:" if filtered else ":material/info:")
    if not filtered:
        st.page_link(pages.COLLECT.path, label="Go to Collect", icon=pages.COLLECT.icon)


def nothing_matches(what: str) -> str:
    """'No articles of this story match these filters — …': the same advice wherever filters empty a page."""
    return (f"No {what} of this story match these filters. Widen the date range or clear the outlet filter in the "
            "sidebar, or pick another story.")


def empty_story(what: str, filtered: bool, otherwise: str) -> None:
    """A story page with nothing of `what` to show: the filter advice, or `otherwise` when no filter hid it."""
    st.info(nothing_matches(what) if filtered else otherwise)


def story_gone(slug: str) -> None:
    st.warning(f"Story {escape_markdown(repr(slug))} is no longer in the database: pick another above, or reload "
               "the page.")


def unknown_story_link(asked: str, showing: str) -> None:
    st.warning(f"The link's story {escape_markdown(repr(asked))} is not in this database, or not among the stories "
               f"these filters show; showing {escape_markdown(repr(showing))}. Clear the filters in the sidebar if "
               "it should be there.")


def sample_notice(view: StoryView) -> None:
    if view.is_sample:
        st.caption("Sample data loaded from `seeds/` (real coverage, compiled by hand): "
                   + escape_markdown(view.note or view.title))
