"""Streamlit glue for dashboard.py and app_pages/: session state and the URL (state), cached
reads (data), widgets (widgets), messages (messages) and the page registry (pages).

The only package here that imports Streamlit; everything below it (story_data, format,
charts, export) is plain Python and never imports this.
"""
