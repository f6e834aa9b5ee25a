"""Stories: what is followed, how much coverage, and the figures it reported."""

import streamlit as st

from metrics import ui

st.title("Stories")
filters = ui.current_filters()
stories = ui.load_stories(filters)
st.caption(f"Showing {len(stories)} stor{'y' if len(stories) == 1 else 'ies'} · {ui.filters_caption()} · times in UTC")

if stories.empty:
    ui.no_stories_message(filtered=bool(filters.tags or filters.start or filters.outlets))
    st.stop()

table = stories.assign(
    first=[ui.format_day(v) for v in stories["first_coverage"]],
    last=[ui.format_day(v) for v in stories["last_coverage"]],
    data=["sample" if o == "sample" else "collected" for o in stories["origin"]],
)
picked = st.dataframe(
    table,
    key="stories_table",
    hide_index=True, placeholder="—",
    on_select="rerun",
    selection_mode="single-row",
    column_order=["title", "articles", "dated_articles", "outlets", "first", "last", "tags", "headline_claims", "data"],
    column_config={
        "title": st.column_config.TextColumn("Story", width="medium"),
        "articles": st.column_config.NumberColumn("Articles"),
        "dated_articles": st.column_config.NumberColumn("Dated", help="Articles with a known publish time"),
        "outlets": st.column_config.NumberColumn("Outlets"),
        "first": st.column_config.TextColumn("First coverage (UTC)"),
        "last": st.column_config.TextColumn("Last coverage (UTC)"),
        "tags": st.column_config.TextColumn("Topic tags", width="medium"),
        "headline_claims": st.column_config.TextColumn("Most repeated figures", width="large"),
        "data": st.column_config.TextColumn("Data", help="sample = loaded from seeds/"),
    },
)
rows = picked.selection.rows if picked is not None else []
if rows:
    ui.choose_story(str(stories.iloc[rows[0]]["slug"]))
chosen = ui.chosen_slug()
if chosen in set(stories["slug"]):
    title = stories.loc[stories["slug"] == chosen, "title"].iloc[0]
    st.markdown(f"**{title}**")
    c1, c2, c3 = st.columns(3)
    c1.page_link("app_pages/timeline.py", label="Coverage timeline", icon=":material/timeline:")
    c2.page_link("app_pages/claims.py", label="Engagement claims", icon=":material/query_stats:")
    c3.page_link("app_pages/article.py", label="Articles", icon=":material/article:")
else:
    st.caption("Select a row to open that story's timeline, claims and articles.")
