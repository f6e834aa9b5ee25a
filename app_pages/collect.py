"""Collect: article URLs, uploaded files, feeds, YouTube videos and GDELT coverage, from the dashboard.

The page builds a request for the one collect orchestrator (metrics.collect_service), shows its
progress and then its rows; the command line builds the same request from its flags.
"""

from dataclasses import replace
from datetime import date, timedelta

import pandas as pd
import streamlit as st

from metrics import collect_service as cs
from metrics.collectors.http import DEFAULT_FETCH
from metrics.dashboard import data, messages, widgets
from metrics.format import escape_markdown
from metrics.store import StoreError
from metrics.story_data import StoryFilters

RESULT_KEY = "collect_result"

st.title("Collect")
st.caption("Fetch news pages, read .txt/.html files, poll RSS or Atom feeds, measure YouTube videos and ask "
           "GDELT for a story's coverage volume. Each input gets one line: added, already recorded, or why it "
           "failed; a failure never stops the others. URLs already recorded are not fetched again, and an input "
           "given twice is collected once.")

# A run started here is recorded as the signed-in visitor's (shared dashboards), else as the
# server's user (MEDIAMETRICS_USER or its login name).
cfg = replace(data.app_settings(), user=widgets.signed_in_user() or data.app_settings().user)
try:
    stories = data.load_stories(StoryFilters())
    tag_table = data.load_tags()
except StoreError as exc:
    messages.database_unavailable(str(exc))
    st.stop()
titles = dict(zip(stories["slug"], stories["title"], strict=True))
tag_names = list(tag_table["tag"])

with st.form("collect_form"):
    urls = st.text_area("Article URLs, one per line", key="collect_urls", height=150,
                        placeholder="https://www.example.com/news/2025/05/02/story\nhttps://…")
    files = st.file_uploader("Article files (.txt or .html)", type=["txt", "html", "htm"],
                             accept_multiple_files=True, key="collect_files",
                             help="Each file is recorded under its own name as the source.")
    feeds = st.text_area("RSS or Atom feed URLs, one per line", key="collect_feed", height=68,
                         placeholder="https://www.example.com/rss.xml",
                         help="New entries are collected and each feed is remembered for `mediametrics poll`.")
    videos = st.text_area("YouTube video ids or URLs, one per line", key="collect_youtube", height=80,
                          help="Views, likes and comments now, from the YouTube Data API v3. Needs "
                               "YOUTUBE_API_KEY in the environment the dashboard runs in.")
    if cfg.youtube_api_key is None:
        st.warning(cs.MISSING_KEY, icon=":material/key_off:")
    else:
        st.caption("Videos are measured with YOUTUBE_API_KEY from the environment (never stored or shown).")
    q, since_col, until_col = st.columns([3, 1, 1])
    gdelt_query = q.text_input("GDELT coverage query", key="collect_gdelt", placeholder='"recruitment video" CIA',
                               help="Matching articles per time step, with the number GDELT monitored in each step "
                                    "(the denominator of the normalised share), and the matching article list. "
                                    "Needs a story.")
    gdelt_since = since_col.date_input("GDELT from", value=date.today() - timedelta(days=30), key="collect_gdelt_since")
    gdelt_until = until_col.date_input("GDELT until", value=None, key="collect_gdelt_until",
                                       help="Empty: up to now.")
    left, right = st.columns(2)
    story = left.selectbox(
        "Story", options=list(titles), index=None, format_func=lambda s: titles.get(s, s), key="collect_story",
        accept_new_options=True, placeholder="Automatic: group the articles, each group joins a matching story or starts one",
        help="Choose a story, or type a new title to start one.",
    )
    tags = right.multiselect("Topic tags", options=tag_names, accept_new_options=True, key="collect_tags",
                             placeholder="Choose or type tags")
    refetch = st.checkbox("Fetch URLs that are already recorded again", key="collect_refetch")
    submitted = st.form_submit_button("Collect", type="primary", icon=":material/download:")


def build_request() -> cs.CollectRequest:
    gdelt = None
    if gdelt_query.strip():
        gdelt = cs.GdeltQuery(gdelt_query.strip(), since=cs.day_start(gdelt_since),
                              until=cs.day_start(gdelt_until + timedelta(days=1)) if gdelt_until else None)
    request = cs.CollectRequest(
        urls=cs.lines(urls), uploads=cs.uploads(files), feeds=cs.lines(feeds), youtube=cs.lines(videos), gdelt=gdelt,
        story=cs.story_ref(story, titles), tags=tuple(tags), refetch=refetch,
    )
    return replace(request, command=cs.describe(request, caller="dashboard collect"))


def run_collect() -> None:
    request = build_request()
    if request.total == 0:
        st.warning("Nothing to collect: paste article URLs, upload files, give feed URLs, YouTube videos or a "
                   "GDELT query.")
        return
    bar = st.progress(0.0, text=f"Collecting {request.total} input{'s' if request.total != 1 else ''}…")

    def tick(done: float, total: int, label: str) -> None:
        bar.progress(min(done / total, 1.0), text=f"{int(done)} of {total} read: {escape_markdown(label)}")

    # Whoever can reach this page chooses what the server fetches: public addresses only, unless
    # the operator allows more (MEDIAMETRICS_ALLOW_PRIVATE_TARGETS).
    fetching = replace(DEFAULT_FETCH, public_only=not cfg.allow_private_targets)
    gathered = cs.gather(request, cfg, progress=tick, config=fetching)
    bar.progress(1.0, text="Recording…")
    show(cs.record(gathered, cfg))
    bar.empty()


def show(result: cs.CollectResult) -> None:
    st.session_state[RESULT_KEY] = result
    if result.wrote:
        # The read caches are keyed on the file's mtime too; clearing them here also covers
        # file systems with coarse timestamps, so the other pages show the new data at once.
        st.cache_data.clear()


def record_kept() -> None:
    try:
        said = cs.record_kept(cfg)
    except StoreError as exc:
        st.error(f"Still not recorded: {escape_markdown(exc)}")
        return
    show(cs.CollectResult(rows=[], earlier=said))
    st.rerun()


if submitted:
    run_collect()

# Every line of a result names inputs (URLs, file names, feed entries) and what servers and files said
# about them (a reason phrase, an exception): shown as text, never as Markdown.
result: cs.CollectResult | None = st.session_state.get(RESULT_KEY)
if result is not None:
    for line in result.earlier:
        st.success(escape_markdown(line))
    for line in result.warnings:
        st.warning(escape_markdown(line))
    if result.locked:
        st.error("Nothing was recorded: the database is in use by another process (a `mediametrics` command, "
                 "the poller or a notebook holding it open). What was read is kept beside the database and is "
                 "recorded by the next collect from this page or the command line, without fetching anything "
                 f"twice. ({escape_markdown(result.locked)})")
        if st.button("Record it now", key="collect_retry", icon=":material/replay:"):
            record_kept()
    if result.problem:
        st.error(f"Recording failed: {escape_markdown(result.problem)}")
    if result.rows:
        c1, c2, c3, c4 = st.columns(4)
        c1.metric("Added", result.added)
        c2.metric("Already recorded", result.already)
        c3.metric("Failed", len(result.failed))
        c4.metric("Videos measured", result.measured)
    for row in result.failed:
        st.error(escape_markdown(f"{row.input}: {row.detail}"))
    if result.wrote and result.added + result.measured:
        st.success("Recorded. The Stories, Coverage timeline, Engagement claims and Article pages show it now.")
    for line in result.notes:
        st.caption(escape_markdown(line))
    if result.rows:
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
