"""Coverage timeline: articles per day and outlet, with what the story is about marked."""

import streamlit as st

from metrics import charts, export, ui

st.title("Coverage timeline")
view = ui.chosen_story()

unique = st.toggle("Unique stories", key="unique", bind="query-params",
                   help="Fold syndicated copies into their original report: " + charts.UNIQUE_METHOD)
fig = export.story_figure(view, "timeline", filters=ui.filters_caption(), unique=unique)
ui.chart(fig, name=ui.file_stem(view, "timeline"), key="timeline", data=view.articles)

if not view.volume.empty:
    st.subheader("Coverage volume from GDELT")
    ui.chart(
        charts.volume_figure(view.volume, title=f"{view.title}: coverage volume (GDELT)",
                             footer=view.footer(ui.filters_caption(), chart=charts.VOLUME_DENOMINATOR)),
        name=ui.file_stem(view, "gdelt-volume"), key="volume", data=view.volume,
    )
    st.caption(f"Bars: raw counts of matching articles per step. Line: {charts.VOLUME_DENOMINATOR}.")

st.download_button(
    "Story report (zip)", icon=":material/folder_zip:", key="dl-report", on_click="ignore",
    data=lambda: export.story_report(view, filters=ui.filters_caption(), images=export.find_browser() is not None),
    file_name=f"{view.slug}-report.zip", mime="application/zip",
    help="Every chart of this story as PNG, SVG and PDF, and every table as CSV and Parquet",
)

undated = view.articles[view.articles["published_at"].isna()]
if not undated.empty:
    st.caption(f"{len(undated)} of {len(view.articles)} articles have no known publish date and are not on the "
               f"chart: {', '.join(str(o) for o in undated['outlet'].fillna('unknown outlet'))}.")

st.subheader("Articles")
st.dataframe(
    view.articles.assign(
        published=[ui.format_instant(v, o, p) for v, o, p in zip(
            view.articles["published_at"], view.articles["published_offset"], view.articles["published_precision"],
            strict=True)],
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
