"""Stories: what is followed, how much coverage, and the figures it reported."""

import streamlit as st

from metrics import format
from metrics.dashboard import data, messages, pages, state, widgets

st.title("Stories")
filters = state.current_filters()
stories = data.load_stories(filters)
st.caption(f"Showing {len(stories)} stor{'y' if len(stories) == 1 else 'ies'} · "
           f"{format.escape_markdown(widgets.filters_caption())} · times in UTC")

if stories.empty:
    messages.no_stories(filtered=filters.narrowed)
    st.stop()

# top_figures holds tuples, which the table cannot show: its text goes in headline_claims.
table = stories.drop(columns="top_figures").assign(
    first=[format.format_day(v) for v in stories["first_coverage"]],
    last=[format.format_day(v) for v in stories["last_coverage"]],
    headline_claims=[format.headline_claims(f) for f in stories["top_figures"]],
    data=["sample" if o == "sample" else "collected" for o in stories["origin"]],
)
picked = st.dataframe(
    table,
    key=state.STORIES_TABLE_KEY,
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
    state.choose_story(str(stories.iloc[rows[0]]["slug"]))
chosen = state.carried_story()
if chosen in set(stories["slug"]):
    title = stories.loc[stories["slug"] == chosen, "title"].iloc[0]
    st.markdown(f"**{format.escape_markdown(title)}**")
    c1, c2, c3 = st.columns(3)
    c1.page_link(pages.TIMELINE.path, label=pages.TIMELINE.title, icon=pages.TIMELINE.icon)
    c2.page_link(pages.CLAIMS.path, label=pages.CLAIMS.title, icon=pages.CLAIMS.icon)
    c3.page_link(pages.ARTICLE.path, label="Articles", icon=pages.ARTICLE.icon)
else:
    st.caption("Select a row to open that story's timeline, claims and articles.")
