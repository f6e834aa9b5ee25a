"""Figure builders: DataFrame in, Plotly figure out. No I/O, no Streamlit.

The same functions draw the dashboard and the exported images, so what a user downloads is
what they saw.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable, Mapping

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import qualitative

# Distinct hues first (Tableau 10, then ColorBrewer Dark2 and Carto Bold), greys left out: a
# grey reads as "unknown" and a near-black vanishes in the dark theme.
PALETTE: tuple[str, ...] = (*qualitative.T10[:9], *qualitative.Dark2[:7], *qualitative.Bold[:10])
UNKNOWN_OUTLET = "(outlet unknown)"

# A lower bound points up, an upper bound down: the marker itself says which side is open.
BOUND_SYMBOLS = {"exact": "circle", "lower": "triangle-up", "upper": "triangle-down", "approx": "diamond"}
BOUND_LABELS = {"exact": "exact figure", "lower": "lower bound (more than)", "upper": "upper bound (nearly)",
                "approx": "approximate (about)"}
METRIC_LABELS = {
    "views": "Views", "video_length": "Video length", "video_count": "Number of videos", "likes": "Likes",
    "shares": "Shares", "comments": "Comments", "followers": "Followers", "subscribers": "Subscribers",
    "reach": "People reached",
}


def outlet_colors(outlets: Iterable[str]) -> dict[str, str]:
    """Colour i for the i-th outlet in order of first appearance: distinct for the first 24
    outlets, and the same on every page and in every export because the order never changes."""
    return {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(dict.fromkeys(outlets))}


def outlet_color(outlet: str | None, colors: Mapping[str, str] | None = None) -> str:
    """The outlet's colour from `colors`; an outlet not in it gets one from a hash of its name."""
    name = outlet or UNKNOWN_OUTLET
    if colors and name in colors:
        return colors[name]
    digest = hashlib.blake2b(name.casefold().encode("utf-8"), digest_size=4).digest()
    return PALETTE[int.from_bytes(digest, "big") % len(PALETTE)]


def metric_label(metric: str) -> str:
    return METRIC_LABELS.get(metric, metric.replace("_", " ").capitalize())


def format_count(value: float | None) -> str:
    """5000000 -> '5M', 170000 -> '170K', 2900000 -> '2.9M'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "?"
    for size, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "K")):
        if abs(value) >= size:
            return f"{value / size:.3g}{suffix}"
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.3g}"


def format_duration(seconds: float | None) -> str:
    """147 -> '2:27'; 3725 -> '1:02:05'."""
    if seconds is None or (isinstance(seconds, float) and math.isnan(seconds)):
        return "?"
    total = round(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def format_value(value: float | None, unit: str) -> str:
    return format_duration(value) if unit == "seconds" else format_count(value)


def _str(value: object) -> str | None:
    """DataFrames hold missing text as None or NaN; both mean 'not stated'."""
    return value if isinstance(value, str) and value else None


def describe_claim(qualifier: object, value: float | None, unit: str, metric: str) -> str:
    """'more than 5M views' — a claim as a reader would say it."""
    qualifier = _str(qualifier)
    parts = [qualifier] if qualifier else []
    parts.append(format_value(value, unit))
    noun = {"video_length": "long", "video_count": "videos"}.get(metric, metric_label(metric).lower())
    return " ".join([*parts, noun])


FOOTER_SPACE = 130  # px under the plot: tick labels, the axis title, then two footer lines


def _footer(fig: go.Figure, footer: str | None) -> None:
    # Pinned in pixels under the plot area, so it fits at any image height.
    if footer:
        fig.add_annotation(
            text=footer, xref="paper", yref="paper", x=0, y=0, yshift=-78, xanchor="left", yanchor="top",
            showarrow=False, font={"size": 10, "color": "#777"}, align="left",
        )


def _layout(fig: go.Figure, *, title: str, footer: str | None) -> go.Figure:
    fig.update_layout(
        template="plotly_white",
        title={"text": title, "x": 0, "xref": "paper", "xanchor": "left"},
        legend={"title": {"text": "Outlet"}, "orientation": "v"},
        margin={"l": 80, "r": 20, "t": 70, "b": FOOTER_SPACE if footer else 60},
        font={"family": "Inter, Helvetica, Arial, sans-serif", "size": 13},
        hoverlabel={"align": "left"},
    )
    _footer(fig, footer)
    return fig


def empty_figure(message: str, *, title: str = "") -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(text=message, x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False, font={"size": 15})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return _layout(fig, title=title, footer=None)


UNIQUE_METHOD = ("unique stories: copies folded into the earliest article of their original "
                 "(text fingerprint) or of their wire source (credit line)")


def fold_copies(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per original report: syndicated copies folded into the earliest of their group.

    A copy linked to an article (text fingerprint) joins that article's group; one that only
    credits a source (AP, Reuters) joins that source's group. The kept row's outlet reads
    'AP (3 copies)', so the chart says what was folded.
    """
    if articles.empty:
        return articles
    def as_id(value: object) -> int | None:
        return int(value) if pd.notna(value) else None  # type: ignore[arg-type]

    links = articles["syndicated_article_id"] if "syndicated_article_id" in articles else pd.Series(
        [None] * len(articles), index=articles.index)
    by_id = {int(i): as_id(v) for i, v in zip(articles["id"], links, strict=True)}
    source_of = {int(i): s for i, s in zip(articles["id"], articles["syndicated_from"], strict=True)
                 if isinstance(s, str) and s}

    def root(article_id: int) -> str:
        seen = {article_id}
        via = by_id.get(article_id)
        while via is not None and via not in seen:  # follow copy-of-copy links to the first report
            seen.add(via)
            article_id, via = via, by_id.get(via)
        # A report that credits a wire source is that source's report, like every other copy of it.
        return f"source:{source_of[article_id]}" if article_id in source_of else f"article:{article_id}"

    df = articles.copy()
    df["_group"] = [root(int(i)) for i in df["id"]]
    df = df.sort_values("published_at", na_position="last")
    sizes = df.groupby("_group")["id"].transform("size")
    kept = df.drop_duplicates("_group").copy()
    n = sizes.loc[kept.index]
    src = kept["_group"].str.removeprefix("source:").where(kept["_group"].str.startswith("source:"),
                                                              kept["outlet"])
    kept["outlet"] = [f"{s} ({c} copies)" if c > 1 else o for s, c, o in zip(src, n, kept["outlet"], strict=True)]
    return kept.drop(columns="_group")


def timeline_figure(
    articles: pd.DataFrame,
    events: pd.DataFrame | None = None,
    *,
    title: str = "Coverage timeline",
    footer: str | None = None,
    colors: Mapping[str, str] | None = None,
) -> go.Figure:
    """Articles per day (UTC), stacked by outlet; what the story is about marked as bands.

    `articles`: outlet, title, published_at (tz-aware), published_precision.
    `events`: label, start, end (tz-aware) — e.g. the videos' reported release day.
    """
    dated = articles.dropna(subset=["published_at"]).copy()
    if dated.empty:
        return empty_figure("No dated articles in this story yet.", title=title)
    dated["outlet"] = dated["outlet"].fillna(UNKNOWN_OUTLET)
    published = pd.to_datetime(dated["published_at"], utc=True)
    bucket, label, hover_format = time_bucket(published.min(), published.max())
    # to_period drops the zone; the buckets are UTC days, weeks or months by construction.
    dated["day"] = published.dt.tz_localize(None).dt.to_period(bucket).dt.start_time.dt.tz_localize("UTC")
    # One groupby for all outlets (not one per outlet): a story of thousands of articles stays fast.
    per = dated.groupby(["outlet", "day"], sort=True).agg(n=("title", "size"), titles=("title", _title_list))
    per = per.reset_index()
    traces = [
        go.Bar(
            x=per_day["day"].reset_index(drop=True), y=per_day["n"].reset_index(drop=True), name=str(outlet),
            marker_color=outlet_color(str(outlet), colors),
            customdata=per_day[["titles"]].to_numpy(),
            hovertemplate=f"<b>%{{fullData.name}}</b><br>{hover_format} (UTC)<br>%{{y}} article(s)"
            "<br>%{customdata[0]}<extra></extra>",
        )
        for outlet, per_day in sorted(per.groupby("outlet", sort=False), key=lambda kv: str(kv[0]))
    ]
    fig = go.Figure(data=traces)
    if events is not None and not events.empty:
        # Every band at once, shaped as add_vrect makes them: add_vrect per event is quadratic.
        probe = go.Figure()
        probe.add_vrect(x0=0, x1=1, fillcolor="#f2a900", opacity=0.18, line_width=0, annotation_text="x",
                        annotation_position="outside top left", annotation_font_size=11)
        shape = probe.layout.shapes[0].to_plotly_json()
        note = probe.layout.annotations[0].to_plotly_json()
        fig.update_layout(
            shapes=[{**shape, "x0": start, "x1": end} for start, end in zip(events["start"], events["end"], strict=True)],
            annotations=[{**note, "x": start, "text": str(label)}
                         for start, label in zip(events["start"], events["label"], strict=True)],
        )
    fig.update_layout(barmode="stack", bargap=0.15, legend_traceorder="normal")
    fig.update_xaxes(title_text="Publication date (UTC)", type="date")
    # Whole articles only: no 0.2-article ticks.
    fig.update_yaxes(title_text=label, rangemode="tozero", tickformat="d", dtick=1 if dated.shape[0] <= 10 else None)
    return _layout(fig, title=title, footer=footer)


def time_bucket(first: pd.Timestamp, last: pd.Timestamp) -> tuple[str, str, str]:
    """Bars of a day for a story of weeks, a week for months, a month for years: each bar stays
    wide enough to see. Returns (pandas period code, y-axis label, hover date format)."""
    span_days = (last - first).days
    if span_days <= 92:
        return "D", "Articles per day", "%{x|%a %d %b %Y}"
    if span_days <= 2 * 365:
        return "W-SUN", "Articles per week (Mon-Sun)", "week of %{x|%d %b %Y}"
    return "M", "Articles per month", "%{x|%B %Y}"


VOLUME_DENOMINATOR = "share = matching articles / all articles GDELT monitored in the same step"


def volume_figure(volume: pd.DataFrame, *, title: str = "Coverage volume (GDELT)", footer: str | None = None) -> go.Figure:
    """Raw matching-article counts as bars and their share of everything monitored as a line.

    `volume`: query, step_start (tz-aware), articles, monitored, share.
    """
    if volume.empty:
        return empty_figure("No coverage volume collected for this story.", title=title)
    fig = go.Figure()
    for i, (query, rows) in enumerate(volume.groupby("query", sort=True)):
        color = PALETTE[i % len(PALETTE)]
        fig.add_trace(go.Bar(x=list(rows["step_start"]), y=rows["articles"].tolist(), name=f"articles: {query}",
                             marker_color=color, opacity=0.55,
                             hovertemplate="%{x|%d %b %Y %H:%M} UTC<br>%{y:,} matching articles<extra></extra>"))
        fig.add_trace(go.Scatter(x=list(rows["step_start"]), y=(rows["share"] * 100).tolist(), yaxis="y2",
                                 mode="lines+markers", name=f"share: {query}", line={"color": color, "width": 2},
                                 customdata=rows[["monitored"]].to_numpy(),
                                 hovertemplate="%{x|%d %b %Y %H:%M} UTC<br>%{y:.3f}% of %{customdata[0]:,} "
                                               "monitored<extra></extra>"))
    fig.update_layout(yaxis={"title": {"text": "Matching articles (raw count)"}, "rangemode": "tozero"},
                      yaxis2={"title": {"text": "Share of monitored articles (%)"}, "overlaying": "y",
                              "side": "right", "rangemode": "tozero", "showgrid": False})
    fig.update_xaxes(title_text="Time step (UTC)", type="date")
    return _layout(fig, title=title, footer=footer)


def _title_list(titles: Iterable[str | None]) -> str:
    names = [t if isinstance(t, str) and t else "(untitled)" for t in titles]
    shown = names[:5]
    more = f"<br>… and {len(names) - 5} more" if len(names) > 5 else ""
    return "<br>".join(f"• {t[:80]}" for t in shown) + more


def claims_figure(
    claims: pd.DataFrame,
    *,
    metric: str = "views",
    title: str | None = None,
    footer: str | None = None,
    colors: Mapping[str, str] | None = None,
    observations: pd.DataFrame | None = None,
) -> go.Figure:
    """Each reported figure at the time it was reported, drawn as the interval it states.

    A lower bound ("more than 5 million") is a triangle pointing up with a dashed line running
    up to the top of the chart: the figure could be anywhere above it. An upper bound points
    down; an approximate figure shows its range; an exact one is a dot.

    `claims`: metric, value, unit, bound, low, high, qualifier, scope, time_window, quote, outlet,
    reported_at (tz-aware), origin.
    `observations` (optional): title, platform_id, metric, value, observed_at — what the platform
    reported when asked, drawn as a measured curve per item and, for several items, combined.
    """
    title = title or f"{metric_label(metric)}: reported figures"
    rows = claims[(claims["metric"] == metric) & claims["value"].notna() & claims["reported_at"].notna()].copy()
    measured = measured_curves(observations, metric)
    if rows.empty and not measured:
        return empty_figure(f"No dated {metric_label(metric).lower()} figures reported in this story.", title=title)
    unit = str(rows["unit"].iloc[0]) if not rows.empty else ("seconds" if metric == "video_length" else "count")
    rows["outlet"] = rows["outlet"].fillna(UNKNOWN_OUTLET)
    rows["reported_at"] = pd.to_datetime(rows["reported_at"], utc=True)
    values = pd.concat([rows["value"], rows["low"].dropna(), rows["high"].dropna(),
                        *(curve["value"] for _, curve in measured)])
    positive = values[values > 0]
    log_axis = unit == "count" and not positive.empty and positive.max() / positive.min() >= 20
    top = float(values.max()) * (4 if log_axis else 1.25)
    bottom = float(positive.min()) / 4 if log_axis else 0.0

    fig = go.Figure()
    for i, (name, curve) in enumerate(measured):
        combined = name.startswith("combined")
        fig.add_trace(go.Scatter(
            x=list(curve["observed_at"]), y=curve["value"].tolist(), mode="lines+markers", name=f"measured: {name}",
            line={"color": "#333" if combined else "#8a8a8a", "width": 3 if combined else 2,
                  "dash": "solid" if combined else ("dash", "dot", "dashdot")[i % 3], "shape": "hv"},
            marker={"size": 5},
            hovertemplate=f"<b>measured: {_escape(name)}</b><br>%{{y:,.0f}}<br>asked %{{x|%a %d %b %Y %H:%M}} UTC"
                          "<extra></extra>",
        ))
    # One marker trace and one interval trace per outlet and bound, not per claim: a story with
    # thousands of figures stays drawable. Hover text is per point.
    shown_outlets: set[str] = set()
    for (outlet, bound), group in rows.groupby(["outlet", "bound"], sort=True):
        outlet, bound = str(outlet), str(bound)
        color = outlet_color(outlet, colors)
        xs: list[object] = []
        ys: list[float | None] = []
        for _, row in group.iterrows():
            seg: tuple[float, float] | None = None
            if bound == "lower":
                seg = (float(row["value"]), top)
            elif bound == "upper":
                seg = (bottom, float(row["value"]))
            elif bound == "approx" and pd.notna(row["low"]) and pd.notna(row["high"]):
                seg = (float(row["low"]), float(row["high"]))
            if seg is not None:
                xs += [row["reported_at"], row["reported_at"], None]
                ys += [seg[0], seg[1], None]
        if xs:
            fig.add_trace(go.Scatter(
                x=xs, y=ys, mode="lines", showlegend=False, hoverinfo="skip", legendgroup=outlet,
                line={"color": color, "width": 2, "dash": "dot" if bound != "approx" else "solid"},
            ))
        fig.add_trace(go.Scatter(
            x=list(group["reported_at"]), y=[float(v) for v in group["value"]], mode="markers", name=outlet,
            legendgroup=outlet, showlegend=outlet not in shown_outlets,
            marker={"symbol": BOUND_SYMBOLS.get(bound, "circle"), "size": 13, "color": color,
                    "line": {"width": 1, "color": "white"}},
            hovertext=[_claim_hover(row, outlet, bound, unit, metric) for _, row in group.iterrows()],
            hovertemplate="%{hovertext}<br>reported %{x|%a %d %b %Y %H:%M} UTC<extra></extra>",
        ))
        shown_outlets.add(outlet)
    fig.update_xaxes(title_text="When it was reported (UTC)", type="date")
    if unit == "seconds":
        ticks = _duration_ticks(bottom, top)
        fig.update_yaxes(title_text=f"{metric_label(metric)} (min:sec)", range=[0, top], tickvals=ticks,
                         ticktext=[format_duration(t) for t in ticks])
    elif log_axis:
        ticks = log_ticks(bottom, top)
        fig.update_yaxes(type="log", title_text=f"{metric_label(metric)} (log scale)", tickvals=ticks,
                         ticktext=[format_count(t) for t in ticks], range=[math.log10(bottom), math.log10(top)])
    else:
        fig.update_yaxes(title_text=metric_label(metric), tickformat="~s", range=[0, top])
    fig.add_annotation(
        text="▲ more than (open above)   ▼ nearly (open below)   ◆ about   ● exact",
        xref="paper", yref="paper", x=1, y=1.06, xanchor="right", showarrow=False, font={"size": 11, "color": "#555"},
    )
    return _layout(fig, title=title, footer=footer)


def _claim_hover(row: pd.Series, outlet: str, bound: str, unit: str, metric: str) -> str:
    said = describe_claim(row["qualifier"], row["value"], unit, metric)
    details = ", ".join(v for v in (_str(row.get("scope")), _str(row.get("time_window"))) if v)
    subject = _str(row.get("subject"))
    return (
        f"<b>{_escape(outlet)}</b><br>{_escape(said)}" + (f" ({_escape(details)})" if details else "")
        + f"<br>{BOUND_LABELS.get(bound, bound)}" + (f"<br>about: {_escape(subject)}" if subject else "")
        + f"<br>“{_escape(_clip(str(row['quote'])))}”<br><i>{row['origin']}</i>"
    )


def measured_curves(observations: pd.DataFrame | None, metric: str) -> list[tuple[str, pd.DataFrame]]:
    """One (name, observed_at/value) curve per media item and, for several, their sum.

    The sum at a time counts each item's latest value up to then (a step function), which is
    what a "combined" claim refers to; it starts once every item has been observed.
    """
    if observations is None or observations.empty:
        return []
    obs = observations[observations["metric"] == metric].copy()
    if obs.empty:
        return []
    obs["observed_at"] = pd.to_datetime(obs["observed_at"], utc=True)
    curves = [(str(title), group[["observed_at", "value"]].sort_values("observed_at"))
              for (_, title), group in obs.groupby(["platform_id", "title"], sort=True)]
    if len(curves) > 1:
        wide = obs.pivot_table(index="observed_at", columns="platform_id", values="value", aggfunc="last")
        total = wide.sort_index().ffill().dropna().sum(axis=1)
        combined = pd.DataFrame({"observed_at": total.index, "value": total.to_numpy()})
        curves.append((f"combined ({len(curves)} items)", combined))
    return curves


def log_ticks(low: float, high: float) -> list[float]:
    """1-2-5 steps on a log axis (…, 100K, 200K, 500K, 1M, …), fewer when the range is wide."""
    steps = (1, 2, 5) if high / low <= 1e4 else (1,)
    ticks = []
    for exponent in range(math.floor(math.log10(low)), math.ceil(math.log10(high)) + 1):
        ticks += [s * 10.0**exponent for s in steps if low <= s * 10.0**exponent <= high]
    return ticks


def _duration_ticks(low: float, high: float) -> list[float]:
    step = next((s for s in (15, 30, 60, 120, 300, 600, 1800, 3600) if high / s <= 8), 7200)
    return [float(t) for t in range(0, int(high) + step, step)]


def _clip(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _escape(text: str) -> str:
    return text.replace("<", "&lt;").replace(">", "&gt;")
