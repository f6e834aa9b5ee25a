"""Coverage timeline: articles per day, week or month and outlet, with what the story is about marked."""

import streamlit as st

from metrics import charts, coverage, format
from metrics.dashboard import data, messages, state, widgets

st.title("Coverage timeline")
head = widgets.chosen_story()
filters = state.current_filters()
found = data.load_timeline(head.slug, filters)
if found is None:
    messages.story_gone(head.slug)
    st.stop()
view = found.view

left, middle, right = st.columns([1, 1.3, 1.3], vertical_alignment="bottom")
with left:
    unique = st.toggle("Unique stories", key=state.UNIQUE_KEY, bind="query-params",
                       help="Fold syndicated copies into their original report: " + format.UNIQUE_METHOD)
# A bound radio drops a value it does not offer without a word; say so, as for an unknown zone.
asked_bucket = st.query_params.get(state.BUCKET_KEY)
with middle:
    bucket = st.radio("Bars per", coverage.BUCKET_CHOICES, key=state.BUCKET_KEY, horizontal=True,
                      bind="query-params",
                      help="auto: a day for coverage of up to three months, a week for up to two years, "
                           "else a month. Weeks run Monday to Sunday.")
with right:
    tz = widgets.timezone_picker()
tz_text = format.escape_markdown(tz)  # a zone from the link, checked, but shown as text all the same
if asked_bucket is not None and asked_bucket not in coverage.BUCKET_CHOICES:
    st.warning(f"{format.escape_markdown(repr(asked_bucket))} is not a bar size here "
               f"({', '.join(coverage.BUCKET_CHOICES)}). Showing {bucket}.")

articles = data.load_unique_articles(head.slug, filters) if unique else view.articles
# Read from the session now: the downloads are built on click, outside this run, where the
# session reads empty (the filters would come out as none, the export theme as light).
caption = widgets.filters_caption()
dated = int(articles["published_at"].notna().sum())
if view.articles.empty:
    messages.empty_story("articles", filters.narrowed, messages.NO_ARTICLES)
elif dated == 0:
    st.info(f"None of the {len(view.articles)} articles shown has a known publish date, so there is nothing to place "
            "on a timeline (they are listed below). "
            + ("Widen the date range or clear the outlet filter to bring in dated coverage."
               if filters.narrowed else "Articles logged with a `published` time will appear here."))
else:
    chosen = coverage.timeline_bucket(articles, bucket)
    every_article = data.articles_download(head.slug, filters)
    widgets.chart(lambda theme: charts.story_figure(view, "timeline", filters=caption, unique=unique,
                                                    bucket=bucket, tz=tz, theme=theme),
                  name=widgets.file_stem(view, "timeline"), key="timeline",
                  # Every article with every column, read when a download is clicked (the page holds
                  # the few columns the chart counts), folded as on the chart.
                  rows=lambda: coverage.timeline_table(
                      format.unique_stories(every_article()) if unique else every_article(), bucket, tz),
                  data_times=f"publication times in UTC, bucket starts in {tz_text}",
                  cache=("timeline", head.slug, filters, caption, unique, bucket, tz))
    st.caption(f"{format.BUCKET_LABELS[chosen]} in {tz_text}"
               + (" (chosen automatically for the span of coverage; pick day, week or month above)"
                  if bucket == "auto" else "")
               + f". Each bar counts articles by their publication time on the clock of {tz_text}; an article whose "
                 "source gave only a date counts on that date. The table below shows times in UTC.")

if not view.volume.empty:
    st.subheader("Coverage volume from GDELT")
    widgets.chart(lambda theme: charts.volume_story_figure(view, filters=caption, theme=theme),
                  name=widgets.file_stem(view, "gdelt-volume"), key="volume", rows=view.volume,
                  cache=("volume", head.slug, filters, caption))
    st.caption(f"Bars: raw counts of matching articles per step. Line: {format.VOLUME_DENOMINATOR}.")

widgets.story_report_button(view, data.story_download(head.slug, filters), filters=caption, bucket=bucket, tz=tz)

undated = view.articles[view.articles["published_at"].isna()]
if not undated.empty and dated:
    st.caption(f"{len(undated)} of {len(view.articles)} articles have no known publish date and are not on the "
               f"chart: {format.escape_markdown(format.outlet_list(undated['outlet']))}.")

st.subheader("Articles")
table = found.table
st.dataframe(
    table.assign(
        published=format.format_instants(
            table["published_at"],
            table["published_offset"],
            table["published_precision"],
            table["published_local"],
        ),
    ),
    hide_index=True, placeholder="—",
    column_order=["published", "outlet", "title", "byline", "syndicated_from", "claims", "origin", "story_reason", "url"],
    column_config={
        "published": st.column_config.TextColumn("Published"),
        "syndicated_from": st.column_config.TextColumn("Copy of"),
        "origin": st.column_config.TextColumn("Recorded from", help="file = text ingested; entered = logged by hand"),
        "story_reason": st.column_config.TextColumn(
            "Why in this story", help="the keywords it shares with the story and its score, or who named the story"),
        "url": st.column_config.LinkColumn("URL"),
    },
)
if found.thinned is not None:
    st.caption(f"Showing {format.thinned_text(found.thinned, 'articles')}, by publication time: more than a table "
               "can show. The chart counts every one; the CSV and Parquet downloads under the chart and the story "
               "report hold every row. Narrow the filters in the sidebar to list the others.")
