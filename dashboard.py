"""mediametrics dashboard: the page map and the filters every page shares."""

import streamlit as st

from metrics.dashboard import data, messages, pages, widgets

st.set_page_config(page_title="mediametrics", page_icon=":material/newspaper:", layout="wide")

# Served to others with sign-in (metrics.signin): nothing is read before the visitor signs in.
if not widgets.signed_in():
    st.stop()

problem = data.ensure_database()
if problem:
    messages.database_unavailable(problem)
    st.stop()

widgets.sidebar_filters()
st.navigation([st.Page(p.path, title=p.title, icon=p.icon, default=p.default) for p in pages.ALL]).run()
