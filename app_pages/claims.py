"""Engagement claims: every reported figure at the time it was reported, as the interval it states."""

import streamlit as st

from metrics import charts, format
from metrics.dashboard import data, messages, state, widgets

st.title("Engagement claims")
head = widgets.chosen_story()
filters = state.current_filters()

metrics = format.chart_metrics(data.load_claims(head.slug, filters).counts)
if not metrics:
    messages.empty_story("figures", filters.narrowed, messages.NO_FIGURES)
    st.stop()
# A radio renders its options as Markdown, and a metric's name comes from the data (an import file).
metric = st.radio("Figure", metrics, format_func=lambda m: format.escape_markdown(format.metric_label(m)),
                  horizontal=True, key=state.CLAIMS_METRIC_KEY)
# Read during the run: downloads are built when clicked, on a thread that cannot see the session.
caption = widgets.filters_caption()
view = data.load_claims_chart(head.slug, filters, metric)
if view is None:
    messages.story_gone(head.slug)
    st.stop()
widgets.chart(lambda theme: charts.story_figure(view, "claims", metric=metric, filters=caption, theme=theme),
              name=widgets.file_stem(view, f"claims-{metric}"), key=f"claims-{metric}",
              rows=data.claims_download(head.slug, filters, metric),
              cache=("claims", head.slug, filters, metric, caption))
if view.observations.empty:
    st.caption("No platform measurements are recorded for this story yet, so only reported figures are drawn "
               "(add the videos with `mediametrics collect --youtube ID --story SLUG`).")
else:
    items = view.observations["platform_id"].nunique()
    last = format.format_instant(view.observations["observed_at"].max())
    st.caption(f"Grey lines: what the platform reported each time we asked ({items} item{'s' if items != 1 else ''}, "
               f"last asked {last}); the darkest line is their sum, for figures reported as combined.")

st.subheader("Every figure reported")
table = data.load_claims_table(head.slug, filters)
st.dataframe(
    table.rows,
    hide_index=True, placeholder="—",
    column_order=["reported", "outlet", "metric", "figure", "bound", "scope", "time_window", "held", "platform",
                  "quote", "verdict", "rule", "origin"],
    column_config={
        "reported": st.column_config.TextColumn("Reported"),
        "figure": st.column_config.TextColumn("Figure"),
        "time_window": st.column_config.TextColumn("Window"),
        "held": st.column_config.TextColumn("When it held", width="medium",
                                            help="for a window counted from a dated release: the range its end "
                                                 "falls in, and how it was worked out"),
        "quote": st.column_config.TextColumn("Quote", width="large"),
        "origin": st.column_config.TextColumn("From", help="extracted from the text, or entered by hand"),
        "verdict": st.column_config.TextColumn("Against measured", help="consistent, contradicted or not "
                                               "checkable, by the rule beside it"),
        "rule": st.column_config.TextColumn("Rule", width="medium"),
    },
)
if table.thinned is not None:
    st.caption(f"Showing {format.thinned_text(table.thinned, 'figures')}, in the order they held: more than a table "
               "can show. The CSV and Parquet downloads under the chart hold every figure of the metric shown, the "
               "story report (Coverage timeline page) every figure. Narrow the filters in the sidebar to list the "
               "others.")
if table.measured is not None:
    st.caption(f"Verdicts checked against {format.thinned_text(table.measured, 'measurements')}: the story has "
               "more measurements than a page reads.")

st.subheader("Who reported each figure first")
provenance, traced = data.load_provenance(head.slug, filters)
if provenance.empty:
    st.caption("No dated figures to trace yet.")
else:
    st.caption("Figures within 30% of each other are one figure retold; a repeat that drops a qualifier or changes "
               "the number is listed, and reports that cannot both be true are flagged."
               + (f" Traced among {format.thinned_text(traced, 'figures')} in the order they were printed; narrow the "
                  "filters in the sidebar to trace the others." if traced is not None else ""))
    st.dataframe(
        provenance,
        hide_index=True, placeholder="—",
        column_config={
            "figure": st.column_config.TextColumn("Figure, as first reported"),
            "first_outlet": st.column_config.TextColumn("First printed by"),
            "first_reported": st.column_config.TextColumn("When"),
            "repeated_by": st.column_config.TextColumn("Repeated by", width="medium"),
            "changes": st.column_config.TextColumn("Changed in repeats", width="large"),
            "conflicts": st.column_config.TextColumn("Conflicting reports", width="medium"),
        },
    )
