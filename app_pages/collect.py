"""Collect: article URLs, uploaded files, a feed and YouTube videos, recorded from the dashboard.

The work is done by metrics.collect_service; this page is the form, the progress bar and the result.
"""

import pandas as pd
import streamlit as st

from metrics import collect_service as cs
from metrics import ui
from metrics.store import StoreError
from metrics.story_data import StoryFilters

RESULT_KEY = "collect_result"

st.title("Collect")
st.caption("Fetch news pages, read .txt/.html files, poll an RSS or Atom feed and measure YouTube videos. "
           "Each input gets one line: added, already recorded, or why it failed; a failure never stops the "
           "others. URLs already recorded are not fetched again.")

try:
    stories = ui.load_stories(StoryFilters())
    tag_table = ui.load_tags()
except StoreError as exc:
    st.error(f"The database is not available: {exc}")
    st.stop()
titles = dict(zip(stories["slug"], stories["title"], strict=True))
tag_names = list(tag_table["tag"])
key = cs.youtube_key()

with st.form("collect_form"):
    urls = st.text_area("Article URLs, one per line", key="collect_urls", height=150,
                        placeholder="https://www.example.com/news/2025/05/02/story\nhttps://…")
    files = st.file_uploader("Article files (.txt or .html)", type=["txt", "html", "htm"],
                             accept_multiple_files=True, key="collect_files",
                             help="Each file is recorded under its own name as the source.")
    feed = st.text_input("RSS or Atom feed URL", key="collect_feed", placeholder="https://www.example.com/rss.xml",
                         help="New entries are collected and the feed is remembered for `mediametrics poll`.")
    videos = st.text_area("YouTube video ids or URLs, one per line", key="collect_youtube", height=80,
                          help="Views, likes and comments now, from the YouTube Data API v3. Needs "
                               "YOUTUBE_API_KEY in the environment the dashboard runs in.")
    if key is None:
        st.warning(cs.MISSING_KEY, icon=":material/key_off:")
    else:
        st.caption("Videos are measured with YOUTUBE_API_KEY from the environment (never stored or shown).")
    left, right = st.columns(2)
    story = left.selectbox(
        "Story", options=list(titles), index=None, format_func=lambda s: titles.get(s, s), key="collect_story",
        accept_new_options=True, placeholder="Automatic: join a matching story, else start one per article",
        help="Choose a story, or type a new title to start one.",
    )
    tags = right.multiselect("Topic tags", options=tag_names, accept_new_options=True, key="collect_tags",
                             placeholder="Choose or type tags")
    refetch = st.checkbox("Fetch URLs that are already recorded again", key="collect_refetch")
    submitted = st.form_submit_button("Collect", type="primary", icon=":material/download:")


def run_collect() -> None:
    request = cs.CollectRequest(
        urls=cs.lines(urls), uploads=cs.uploads(files), feeds=cs.lines(feed), youtube=cs.lines(videos),
        story=cs.story_ref(story, titles), tags=tuple(tags), refetch=refetch,
    )
    if request.total == 0:
        st.warning("Nothing to collect: paste article URLs, upload files, give a feed URL or YouTube videos.")
        return
    bar = st.progress(0.0, text=f"Collecting {request.total} input{'s' if request.total != 1 else ''}…")

    def tick(done: int, total: int, label: str) -> None:
        bar.progress(done / total, text=f"{done} of {total} read: {label}")

    gathered = cs.gather(request, progress=tick)
    bar.progress(1.0, text="Recording…")
    show(cs.record(gathered))
    bar.empty()


def show(result: cs.CollectResult) -> None:
    st.session_state[RESULT_KEY] = result
    if result.wrote:
        # The read caches are keyed on the file's mtime too; clearing them here also covers
        # file systems with coarse timestamps, so the other pages show the new data at once.
        st.cache_data.clear()


if submitted:
    run_collect()

result: cs.CollectResult | None = st.session_state.get(RESULT_KEY)
if result is not None:
    if result.locked:
        st.error("Nothing was recorded: the database is in use by another process (a `mediametrics` command, "
                 "the poller or a notebook holding it open). What was read is kept here: close the other "
                 f"process and record it again, nothing is fetched twice. ({result.locked})")
        if result.pending is not None and st.button("Record again", key="collect_retry", icon=":material/replay:"):
            show(cs.record(result.pending))
            st.rerun()
    if result.problem:
        st.error(f"Recording failed: {result.problem}")
    c1, c2, c3, c4 = st.columns(4)
    c1.metric("Added", result.added)
    c2.metric("Already recorded", result.already)
    c3.metric("Failed", len(result.failed))
    c4.metric("Videos measured", result.measured)
    for row in result.failed:
        st.error(f"{row.input}: {row.detail}")
    if result.wrote and result.added + result.measured:
        st.success("Recorded. The Stories, Coverage timeline, Engagement claims and Article pages show it now.")
    st.dataframe(
        pd.DataFrame(cs.outcome_table(result), columns=["input", "kind", "outcome", "detail"]),
        hide_index=True, key="collect_outcomes",
        column_config={
            "input": st.column_config.TextColumn("Input", width="large"),
            "kind": st.column_config.TextColumn("Kind"),
            "outcome": st.column_config.TextColumn("Outcome"),
            "detail": st.column_config.TextColumn("Detail", width="large"),
        },
    )
