"""Engagement claims: every reported figure at the time it was reported, as the interval it states."""

import streamlit as st

from metrics import charts, export, story_data, ui
from metrics.provenance import figure_provenance
from metrics.verdicts import story_verdicts

st.title("Engagement claims")
view = ui.chosen_story()

metrics = story_data.claim_metrics(view.claims)
if not metrics:
    if ui.filters_narrow(ui.current_filters()):
        st.info(ui.nothing_matches("figures"))
    else:
        st.info("No figures were reported in this story's articles yet. Add coverage on the Collect page or with "
                "`mediametrics ingest`, or log figures by hand with `mediametrics import figures.jsonl`.")
    st.stop()
metric = st.radio("Figure", metrics, format_func=charts.metric_label, horizontal=True, key="claims_metric")
# Read during the run: downloads are built when clicked, on a thread that cannot see the session.
caption = ui.filters_caption()
ui.chart(lambda theme: export.story_figure(view, "claims", metric=metric, filters=caption, theme=theme),
         name=ui.file_stem(view, f"claims-{metric}"), key=f"claims-{metric}",
         data=view.claims[view.claims["metric"] == metric])
if view.observations.empty:
    st.caption("No platform measurements are recorded for this story yet, so only reported figures are drawn "
               "(add the videos with `mediametrics collect --youtube ID --story SLUG`).")
else:
    items = view.observations["platform_id"].nunique()
    last = ui.format_instant(view.observations["observed_at"].max())
    st.caption(f"Grey lines: what the platform reported each time we asked ({items} item{'s' if items != 1 else ''}, "
               f"last asked {last}); the darkest line is their sum, for figures reported as combined.")

st.subheader("Every figure reported")
claims = view.claims.assign(
    figure=charts.describe_claims(view.claims),
    reported=ui.format_instants(view.claims["reported_at"], view.claims["reported_offset"],
                                view.claims["reported_precision"]),
    held=charts.held_text(view.claims),
)
claims = claims[claims["metric"] != "video_published"]
verdicts = story_verdicts(claims, view.observations)
claims = claims.assign(verdict=verdicts["verdict"], rule=verdicts["rule"])
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
provenance = figure_provenance(view.claims)
if provenance.empty:
    st.caption("No dated figures to trace yet.")
else:
    st.caption("Figures within 30% of each other are one figure retold; a repeat that drops a qualifier or changes "
               "the number is listed, and reports that cannot both be true are flagged.")
    st.dataframe(
        provenance.assign(first_reported=ui.format_instants(provenance["first_reported"])),
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
