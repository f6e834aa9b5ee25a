"""Engagement claims: every reported figure at the time it was reported, as the interval it states."""

import streamlit as st

from metrics import charts, format
from metrics.dashboard import messages, state, widgets
from metrics.provenance import figure_provenance
from metrics.verdicts import story_verdicts

st.title("Engagement claims")
view = widgets.chosen_story()

metrics = format.claim_metrics(view.claims)
if not metrics:
    messages.empty_story("figures", state.current_filters().narrowed, messages.NO_FIGURES)
    st.stop()
# A radio renders its options as Markdown, and a metric's name comes from the data (an import file).
metric = st.radio("Figure", metrics, format_func=lambda m: format.escape_markdown(format.metric_label(m)),
                  horizontal=True, key=state.CLAIMS_METRIC_KEY)
# Read during the run: downloads are built when clicked, on a thread that cannot see the session.
caption = widgets.filters_caption()
widgets.chart(lambda theme: charts.story_figure(view, "claims", metric=metric, filters=caption, theme=theme),
              name=widgets.file_stem(view, f"claims-{metric}"), key=f"claims-{metric}",
              rows=view.claims[view.claims["metric"] == metric])
if view.observations.empty:
    st.caption("No platform measurements are recorded for this story yet, so only reported figures are drawn "
               "(add the videos with `mediametrics collect --youtube ID --story SLUG`).")
else:
    items = view.observations["platform_id"].nunique()
    last = format.format_instant(view.observations["observed_at"].max())
    st.caption(f"Grey lines: what the platform reported each time we asked ({items} item{'s' if items != 1 else ''}, "
               f"last asked {last}); the darkest line is their sum, for figures reported as combined.")

st.subheader("Every figure reported")
claims = view.claims.assign(
    figure=format.describe_claims(view.claims),
    reported=format.format_instants(view.claims["reported_at"], view.claims["reported_offset"],
                                    view.claims["reported_precision"], view.claims.get("reported_local")),
    held=format.held_text(view.claims),
)
claims = claims[claims["metric"] != "video_published"]
verdicts = story_verdicts(claims, view.observations)
claims = claims.assign(verdict=verdicts["verdict"], rule=format.verdict_rules(verdicts))
st.dataframe(
    claims,
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

st.subheader("Who reported each figure first")
provenance = format.provenance_table(figure_provenance(view.claims))
if provenance.empty:
    st.caption("No dated figures to trace yet.")
else:
    st.caption("Figures within 30% of each other are one figure retold; a repeat that drops a qualifier or changes "
               "the number is listed, and reports that cannot both be true are flagged.")
    st.dataframe(
        provenance.assign(first_reported=format.format_instants(provenance["first_reported"])),
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
