"""Coverage timeline: articles per day, week or month and outlet, with what the story is about marked."""

import streamlit as st

from metrics import charts, export, ui

st.title("Coverage timeline")
view = ui.chosen_story()
filters = ui.current_filters()

left, middle, right = st.columns([1, 1.3, 1.3], vertical_alignment="bottom")
with left:
    unique = st.toggle("Unique stories", key="unique", bind="query-params",
                       help="Fold syndicated copies into their original report: " + charts.UNIQUE_METHOD)
# A bound radio drops a value it does not offer without a word; say so, as for an unknown zone.
asked_bucket = st.query_params.get(ui.BUCKET_KEY)
with middle:
    bucket = st.radio("Bars per", charts.BUCKET_CHOICES, key=ui.BUCKET_KEY, horizontal=True, bind="query-params",
                      help="auto: a day for coverage of up to three months, a week for up to two years, "
                           "else a month. Weeks run Monday to Sunday.")
with right:
    tz = ui.timezone_picker()
if asked_bucket is not None and asked_bucket not in charts.BUCKET_CHOICES:
    st.warning(f"{asked_bucket!r} is not a bar size here ({', '.join(charts.BUCKET_CHOICES)}). Showing {bucket}.")

articles = charts.fold_copies(view.articles) if unique else view.articles
# Read from the session now: the downloads are built on click, outside this run, where the
# session reads empty (the filters would come out as none, the export theme as light).
caption = ui.filters_caption()
report_theme = ui.export_theme()
dated = int(articles["published_at"].notna().sum())
if view.articles.empty:
    st.info(ui.nothing_matches("articles") if ui.filters_narrow(filters) else
            "This story has no articles yet: add coverage on the Collect page or with `mediametrics ingest`.")
elif dated == 0:
    st.info(f"None of the {len(view.articles)} articles shown has a known publish date, so there is nothing to place "
            "on a timeline (they are listed below). "
            + ("Widen the date range or clear the outlet filter to bring in dated coverage."
               if ui.filters_narrow(filters) else "Articles logged with a `published` time will appear here."))
else:
    chosen = charts.timeline_bucket(articles, bucket)
    ui.chart(lambda theme: export.story_figure(view, "timeline", filters=caption, unique=unique,
                                               bucket=bucket, tz=tz, theme=theme),
             name=ui.file_stem(view, "timeline"), key="timeline", data=charts.timeline_table(articles, bucket, tz),
             data_times=f"publication times in UTC, bucket starts in {tz}")
    st.caption(f"{charts.BUCKET_LABELS[chosen]} in {tz}"
               + (" (chosen automatically for the span of coverage; pick day, week or month above)"
                  if bucket == "auto" else "")
               + f". Each bar counts articles by their publication time on the clock of {tz}; an article whose "
                 "source gave only a date counts on that date. The table below shows times in UTC.")

if not view.volume.empty:
    st.subheader("Coverage volume from GDELT")
    ui.chart(
        lambda theme: charts.volume_figure(
            view.volume, title=f"{view.title}: coverage volume (GDELT)", theme=theme,
            footer=view.footer(caption, chart=charts.VOLUME_DENOMINATOR)),
        name=ui.file_stem(view, "gdelt-volume"), key="volume", data=view.volume,
    )
    st.caption(f"Bars: raw counts of matching articles per step. Line: {charts.VOLUME_DENOMINATOR}.")

st.download_button(
    "Story report (zip)", icon=":material/folder_zip:", key="dl-report", on_click="ignore",
    data=ui.story_report_data(view, filters=caption, theme=report_theme, bucket=bucket, tz=tz,
                              images=export.find_browser() is not None),
    file_name=f"{view.slug}-report.zip", mime="application/zip",
    help=f"Every chart of this story as PNG, SVG and PDF ({report_theme} theme, timelines in {tz}), and every "
         "table as CSV and Parquet",
)

undated = view.articles[view.articles["published_at"].isna()]
if not undated.empty and dated:
    st.caption(f"{len(undated)} of {len(view.articles)} articles have no known publish date and are not on the "
               f"chart: {', '.join(str(o) for o in undated['outlet'].fillna('unknown outlet'))}.")

st.subheader("Articles")
st.dataframe(
    view.articles.assign(
        published=ui.format_instants(view.articles["published_at"], view.articles["published_offset"],
                                     view.articles["published_precision"]),
    ),
    hide_index=True, placeholder="—",
    column_order=["published", "outlet", "title", "byline", "syndicated_from", "claims", "origin", "url"],
    column_config={
        "published": st.column_config.TextColumn("Published"),
        "syndicated_from": st.column_config.TextColumn("Copy of"),
        "origin": st.column_config.TextColumn("Recorded from", help="file = text ingested; entered = logged by hand"),
        "url": st.column_config.LinkColumn("URL"),
    },
)
