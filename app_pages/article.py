"""Article: the text with every extracted figure and time reference marked, and the tables under it."""

import json

import pandas as pd
import streamlit as st

from metrics import format
from metrics.dashboard import data, messages, state, widgets
from metrics.highlight import highlighted_text

st.title("Article")
head = widgets.chosen_story()
filters = state.current_filters()
# Those with text first, then in publication order; at most data.ARTICLE_CHOICES of them.
articles, offered = data.load_article_choices(head.slug, filters)
if articles.empty:
    messages.empty_story("articles", filters.narrowed, messages.NO_ARTICLES)
    st.stop()

labels = {
    int(r.id): f"{r.outlet if isinstance(r.outlet, str) and r.outlet else format.UNKNOWN_OUTLET} — {r.title or '(untitled)'}{'' if r.has_text else ' (no text)'}"
    for r in articles.itertuples()
}
article_id = st.selectbox("Article", list(labels), format_func=labels.get, key=state.ARTICLE_KEY)
if offered is not None:
    st.caption(f"Offering {format.thinned_text(offered, 'articles')}, those with text first, then by publication "
               "time: more than a list can show. Narrow the filters in the sidebar (outlets, dates) to reach the "
               "others, or find any article in the Coverage timeline's downloads.")
row, claims, refs = data.load_article(int(article_id))
if row is None:
    st.warning("That article is no longer in the database.")
    st.stop()

# Every line below is the article's own data: shown as text, never as Markdown.
st.subheader(format.escape_markdown(row["title"] or "(untitled)"))
published = format.format_instant(
    row["published_at"], row["published_offset"], row["published_precision"], row.get("published_local")
)
st.caption(format.escape_markdown(
    f"{row['outlet'] or 'unknown outlet'} · {row['byline'] or 'no byline'} · published {published}"
    f"{' · date from ' + row['date_source'] if row['date_source'] else ''}"
    f"{' · ' + row['tz_rule'] if row['tz_rule'] else ''}"
    f"{' · copy of ' + row['syndicated_from'] if row['syndicated_from'] else ''}"
))
if row["tags"]:
    st.caption(f"Topic tags: {format.escape_markdown(row['tags'])}")
if row["note"]:
    st.caption(format.escape_markdown(row["note"]))
reason = articles.loc[articles["id"] == int(article_id), "story_reason"].dropna()
if not reason.empty:
    st.caption(f"In this story: {format.escape_markdown(str(reason.iloc[0]))}")

if row["text"]:
    spans = []
    for c in claims.itertuples():
        label = f"{c.metric}: {format.describe_claim(c.qualifier, c.value, c.unit, c.metric)} ({c.bound})"
        if c.metric == "video_published":
            label = f"video_published ({c.bound})"
        all_spans = [(c.span_start, c.span_end)] + [tuple(s) for s in json.loads(c.also_spans if isinstance(c.also_spans, str) else "[]")]
        spans += [(int(s), int(e), "claim", label) for s, e in all_spans if pd.notna(s)]
    for t in refs.itertuples():
        if pd.notna(t.span_start):
            spans.append((int(t.span_start), int(t.span_end), "timeref", f"{t.granularity}: {t.rule}"))
    st.html(
        "<style>.mm-text{white-space:pre-wrap;line-height:1.6;font-size:1rem}"
        ".mm-text mark.claim{background:#ffe08a;padding:0 2px;border-radius:3px}"
        ".mm-text mark.timeref{background:#b9e3ff;padding:0 2px;border-radius:3px}"
        ".mm-text mark mark{box-shadow:inset 0 -2px 0 #b07d00}</style>"
        '<div class="mm-text">' + highlighted_text(str(row["text"]), spans) + "</div>"
    )
    st.caption("Yellow: a reported figure · Blue: a time reference (hover for how it was read)")
else:
    st.info("This article was entered by hand: its text is not recorded, only its metadata and the figures "
            "below (each with its quote).")

st.subheader("Figures")
if claims.empty:
    st.caption("No figures in this article.")
else:
    # A release time is stored as POSIX seconds; a reader needs its date, so the figure is written
    # out and its interval ends are left to that text.
    posted = (claims["metric"] == "video_published").to_numpy()
    figure = [
        f"posted {format.format_instant(pd.Timestamp(v, unit='s', tz='UTC'))}" if p and pd.notna(v)
        else format.describe_claim(q, v if pd.notna(v) else None, str(u), str(m))
        for p, q, v, u, m in zip(posted, claims["qualifier"], claims["value"], claims["unit"], claims["metric"],
                                 strict=True)
    ]
    shown = claims.assign(
        figure=figure,
        low=claims["low"].where(~posted), high=claims["high"].where(~posted),
        # Lengths, video counts and releases hold no "as of": a dash, not "no date".
        held=[h if pd.notna(a) else None for h, a in zip(format.format_instants(claims["as_of"]), claims["as_of"],
                                                          strict=True)],
    )
    st.dataframe(shown, hide_index=True, placeholder="—",
                 column_order=["metric", "figure", "bound", "low", "high", "scope", "time_window", "held",
                               "as_of_rule", "subject", "platform", "quote", "origin"],
                 column_config={"held": st.column_config.TextColumn("held (as of)"),
                                "as_of_rule": st.column_config.TextColumn("how the time was read")})
st.subheader("Time references")
if refs.empty:
    st.caption("No time references.")
else:
    st.dataframe(refs.assign(start=format.format_instants(refs["resolved_start"]),
                             end=format.format_instants(refs["resolved_end"])),
                 hide_index=True, placeholder="—", column_order=["text", "start", "end", "granularity", "rule", "origin"])
