"""mediametrics dashboard: the page map and the filters every page shares."""

import streamlit as st

from metrics import ui

st.set_page_config(page_title="mediametrics", page_icon=":material/newspaper:", layout="wide")

problem = ui.ensure_database(str(ui.db_path()))
if problem:
    st.error(f"The database is not available: {problem}")
    st.stop()

ui.sidebar_filters()
page = st.navigation(
    [
        st.Page("app_pages/stories.py", title="Stories", icon=":material/list:", default=True),
        st.Page("app_pages/timeline.py", title="Coverage timeline", icon=":material/timeline:"),
        st.Page("app_pages/claims.py", title="Engagement claims", icon=":material/query_stats:"),
        st.Page("app_pages/article.py", title="Article", icon=":material/article:"),
        st.Page("app_pages/collect.py", title="Collect", icon=":material/download:"),
    ]
)
page.run()
