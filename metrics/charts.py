"""Figure builders: DataFrame in, Plotly figure out, and the light and dark themes they use.
No I/O, no Streamlit.

The same functions draw the dashboard and the exported images, so what a user downloads is
what they saw. Counting (metrics.coverage, metrics.measured) and wording (metrics.format)
live elsewhere; this module places marks.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from metrics.coverage import (
    bucket_starts,
    canonical_timezone,
    next_bucket_starts,
    precision_of,
    timeline_bucket,
    wall_clock,
)
from metrics.format import (
    BUCKET_LABELS,
    PALETTE,
    UNKNOWN_OUTLET,
    VOLUME_DENOMINATOR,
    bucket_phrase,
    claim_hover_text,
    curve_label,
    escape,
    escape_series,
    event_bands_note,
    format_count,
    format_duration,
    format_instants,
    metric_label,
    metric_noun,
    outlet_color,
    outlet_colors,
    story_footer,
    thinned_chart_note,
    title_lists,
    unique_stories,
)
from metrics.measured import Curve, measured_curves
from metrics.story_data import StoryView, Thinned

# A lower bound points up, an upper bound down: the marker itself says which side is open.
BOUND_SYMBOLS = {"exact": "circle", "lower": "triangle-up", "upper": "triangle-down", "approx": "diamond"}
_HOVER_DATE = {"day": "%{x|%a %d %b %Y}", "week": "week of %{x|%d %b %Y}", "month": "%{x|%B %Y}"}
# The bound's marker, for the key drawn above the claims chart.
_BOUND_KEY = "▲ more than (open above)   ▼ nearly (open below)   ◆ about   ● exact"


@dataclass(frozen=True)
class Ink:
    """The colours of one theme: the template's, and the few a figure sets itself (footer, notes,
    measured curves, marker outlines), which must change with the background too."""

    paper: str
    text: str
    muted: str
    grid: str
    axis: str
    measured: str
    measured_total: str
    band: str


INKS: dict[str, Ink] = {
    "light": Ink(paper="#ffffff", text="#1f2430", muted="#6b7280", grid="#e6e8ec", axis="#9aa1ac",
                 measured="#8a8a8a", measured_total="#333333", band="#f2a900"),
    # Streamlit's own dark background, so an exported dark chart matches the dark dashboard.
    "dark": Ink(paper="#0e1117", text="#e8eaed", muted="#9aa1ac", grid="#2b303b", axis="#5c6370",
                measured="#9a9a9a", measured_total="#e0e0e0", band="#f2a900"),
}
THEMES: tuple[str, ...] = tuple(INKS)
TEMPLATES = {"light": "mediametrics", "dark": "mediametrics_dark"}
FONT_FAMILY = "Inter, Helvetica, Arial, sans-serif"


def _template(ink: Ink) -> go.layout.Template:
    # Small on purpose: the template travels inside every figure's JSON, and plotly_white's
    # colour scales (unused here) would add kilobytes to each one.
    axis = {"gridcolor": ink.grid, "linecolor": ink.axis, "zerolinecolor": ink.grid, "tickcolor": ink.axis,
            "title": {"standoff": 12}, "automargin": True, "ticks": "outside", "showline": True}
    return go.layout.Template(layout={
        "paper_bgcolor": ink.paper, "plot_bgcolor": ink.paper, "colorway": list(PALETTE),
        "font": {"family": FONT_FAMILY, "size": 13, "color": ink.text},
        "title": {"font": {"size": 18, "color": ink.text}},
        "xaxis": axis, "yaxis": axis, "legend": {"bgcolor": "rgba(0,0,0,0)", "font": {"color": ink.text}},
        "hoverlabel": {"align": "left"}, "hovermode": "closest", "separators": ".,",
    })


# Registered once on import, by name, so a figure's JSON names its theme ("mediametrics_dark")
# and plotly.io can restyle any figure with it.
for _theme, _name in TEMPLATES.items():
    pio.templates[_name] = _template(INKS[_theme])


def ink(theme: str) -> Ink:
    """The colours of 'light' or 'dark'; anything else is an error naming the choices."""
    try:
        return INKS[theme]
    except KeyError:
        raise ValueError(f"unknown theme {theme!r}; choose {' or '.join(THEMES)}") from None


FOOTER_SPACE = 130  # px under the plot: tick labels, the axis title, then two footer lines


def _footer(fig: go.Figure, footer: str | None, colors: Ink) -> None:
    # Pinned in pixels under the plot area, so it fits at any image height.
    if footer:
        fig.add_annotation(
            text=footer, xref="paper", yref="paper", x=0, y=0, yshift=-78, xanchor="left", yanchor="top",
            showarrow=False, font={"size": 10, "color": colors.muted}, align="left",
        )


def _layout(fig: go.Figure, *, title: str, footer: str | None, theme: str = "light") -> go.Figure:
    """`title` is plain text (it names a story, which is data); `footer` is Plotly's markup, its
    data escaped by format.story_footer."""
    colors = ink(theme)
    fig.update_layout(
        template=TEMPLATES[theme],
        title={"text": escape(title), "x": 0, "xref": "paper", "xanchor": "left"},
        legend={"title": {"text": "Outlet"}, "orientation": "v"},
        margin={"l": 80, "r": 20, "t": 70, "b": FOOTER_SPACE if footer else 60},
    )
    _footer(fig, footer, colors)
    return fig


def empty_figure(message: str, *, title: str = "", theme: str = "light") -> go.Figure:
    """A figure that says why there is nothing to draw; `message` and `title` are plain text."""
    fig = go.Figure()
    fig.add_annotation(text=escape(message), x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False, font={"size": 15})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return _layout(fig, title=title, footer=None, theme=theme)


# Release and publish bands labelled on a timeline; past this many, bands only (see timeline_figure).
EVENT_LABELS = 12


def timeline_figure(
    articles: pd.DataFrame,
    events: pd.DataFrame | None = None,
    *,
    bucket: str = "auto",
    tz: str = "UTC",
    title: str = "Coverage timeline",
    footer: str | None = None,
    colors: Mapping[str, str] | None = None,
    theme: str = "light",
) -> go.Figure:
    """Articles per day, week or month in zone `tz`, stacked by outlet; what the story is about
    marked as bands.

    `articles`: outlet, title, published_at (tz-aware), published_precision.
    `events`: label, start, end (tz-aware) — e.g. the videos' reported release day.
    `bucket`: 'auto' (by the span of coverage), 'day', 'week' (Monday to Sunday) or 'month'.
    The legend names the LEGEND_LIMIT outlets with most articles, the others share one entry (each
    bar still in its outlet's colour, named on hover); past EVENT_LABELS bands the bands go
    unlabelled and a line under the title says what they mark.
    """
    zone = canonical_timezone(tz)
    dated = articles.dropna(subset=["published_at"])
    if dated.empty:
        return empty_figure("No dated articles in this story yet.", title=title, theme=theme)
    chosen = timeline_bucket(dated, bucket)
    # Plotly draws wall-clock times, so the bars are placed at each bucket's local start.
    day = bucket_starts(dated["published_at"], chosen, zone, precision_of(dated)).dt.tz_localize(None)
    # Titles as Python objects: title_list walks each bar's titles, and walking an Arrow-backed
    # string column one value at a time cost a third of the biggest story's chart.
    frame = pd.DataFrame({"outlet": dated["outlet"].fillna(UNKNOWN_OUTLET).astype(str).to_numpy(),
                          "day": day.to_numpy(), "title": pd.Series(dated["title"].to_numpy(dtype=object),
                                                                    dtype=object)})
    # One groupby for all outlets (not one per outlet): a story of thousands of articles stays fast.
    per = title_lists(frame, ["outlet", "day"])
    width = _period_span(per["day"], chosen)["width"]  # once for every bar, not once per outlet
    when = f"{_HOVER_DATE[chosen]} ({zone})<br>%{{y}} article(s)"
    hover = f"<b>%{{fullData.name}}</b><br>{when}<br>%{{customdata}}<extra></extra>"
    # Bars fill their periods and touch: a line in the background's colour keeps neighbours
    # (and the outlets stacked in one bar) apart.
    outline = {"color": ink(theme).paper, "width": 1}

    days, counts = per["day"].to_numpy(), per["n"].to_numpy()
    titles = per["titles"].to_numpy(dtype=object)

    def bars(idx: np.ndarray, name: str, color: str, **extra: Any) -> dict[str, Any]:
        return {"type": "bar", "x": days[idx], "y": counts[idx], "name": name,
                "marker": {"color": color, "line": outline}, "customdata": titles[idx],
                "hovertemplate": hover, "offset": 0, "width": width[idx], **extra}

    # A trace per named outlet (LEGEND_LIMIT, the ones with most articles); past that the others
    # share one legend entry, a trace per colour, each bar still in its outlet's colour and named
    # on hover: 300 legend entries tell no one anything, and each trace costs time to build and send.
    # Plain dicts, validated once by the Figure.
    named, others = _legend_split(frame["outlet"])
    rows_of = per.groupby("outlet", sort=False).indices
    traces: list[dict[str, Any]] = [bars(rows_of[outlet], escape(outlet), outlet_color(str(outlet), colors))
                                    for outlet, _ in named]
    if others:
        rest = np.flatnonzero(per["outlet"].isin(others).to_numpy())
        color = np.array([outlet_color(str(o), colors) for o in per["outlet"].iloc[rest]], dtype=object)
        tail = f"{len(others)} other outlet{'s' if len(others) != 1 else ''}"
        names = escape_series(per["outlet"].iloc[rest].astype(str)).to_numpy(dtype=object)
        for n, shade in enumerate(sorted(set(color))):
            at = color == shade
            idx = rest[at]
            traces.append(bars(
                idx, tail, shade, legendgroup="other outlets", showlegend=n == 0,
                customdata=np.stack([names[at], titles[idx]], axis=1),
                hovertemplate=f"<b>%{{customdata[0]}}</b><br>{when}<br>%{{customdata[1]}}<extra></extra>"))
    fig = go.Figure(data=traces)
    if events is not None and not events.empty:
        style = ink(theme)
        starts = _wall_clock(events["start"], zone)
        ends = _wall_clock(events["end"], zone)
        # Every band at once, shaped as add_vrect makes them: add_vrect per event is quadratic.
        probe = go.Figure()
        probe.add_vrect(x0=0, x1=1, fillcolor=style.band, opacity=0.18, line_width=0, annotation_text="x",
                        annotation_position="outside top left", annotation_font_size=11)
        shape = probe.layout.shapes[0].to_plotly_json()
        note = probe.layout.annotations[0].to_plotly_json()
        # Past EVENT_LABELS bands their labels overlap into a smear no one can read (and each costs
        # time to build and draw): the bands stay, one line under the title says what they are.
        labelled = len(events) <= EVENT_LABELS
        fig.update_layout(
            shapes=[{**shape, "x0": start, "x1": end} for start, end in zip(starts, ends, strict=True)],
            annotations=[{**note, "x": start, "text": escape(label)}
                         for start, label in zip(starts, events["label"], strict=True)] if labelled else [],
        )
        if not labelled:
            fig.update_layout(title_subtitle={"text": escape(event_bands_note(events["label"])),
                                              "font": {"size": 12, "color": style.muted}}, margin_t=88)
    fig.update_layout(barmode="stack", legend_traceorder="normal")
    fig.update_xaxes(title_text=f"Publication date: {escape(bucket_phrase(chosen, bucket, zone))}", type="date")
    # Whole articles only: no 0.2-article ticks.
    fig.update_yaxes(title_text=BUCKET_LABELS[chosen], rangemode="tozero", tickformat=",d",
                     dtick=1 if dated.shape[0] <= 10 else None)
    return _layout(fig, title=title, footer=footer, theme=theme)


def _period_span(starts: pd.Series, bucket: str) -> dict[str, Any]:
    """Bar `offset` and `width` (milliseconds, plotly's unit on a date axis) that draw each bar
    over its whole period, from the period's start to the next one's. Plotly otherwise centres
    a bar on its x, so a day bar ran noon to noon and a week bar from the Thursday before,
    leaving a release band between bars; and any gap inside the period would leave its first
    day uncovered (a month's gap is days wide), so bars touch and an outline separates them.
    The axis is the wall clock, on which every day is 24 hours; months keep their own length."""
    begin = pd.DatetimeIndex(starts)
    end = next_bucket_starts(begin, bucket)
    return {"offset": 0, "width": ((end - begin) / pd.Timedelta(milliseconds=1)).to_numpy(dtype=float)}


def _wall_clock(instants: pd.Series, zone: str) -> list[pd.Timestamp]:
    return [pd.Timestamp(t) for t in wall_clock(instants, zone)]


def volume_figure(volume: pd.DataFrame, *, title: str = "Coverage volume (GDELT)", footer: str | None = None,
                  theme: str = "light") -> go.Figure:
    """Raw matching-article counts as bars and their share of everything monitored as a line.

    `volume`: query, step_start (tz-aware), articles, monitored, share.
    """
    if volume.empty:
        return empty_figure("No coverage volume collected for this story.", title=title, theme=theme)
    fig = go.Figure()
    for i, (query, rows) in enumerate(volume.groupby("query", sort=True)):
        color = PALETTE[i % len(PALETTE)]
        fig.add_trace(go.Bar(x=list(rows["step_start"]), y=rows["articles"].tolist(), name=f"articles: {escape(query)}",
                             marker_color=color, opacity=0.55,
                             hovertemplate="%{x|%d %b %Y %H:%M} UTC<br>%{y:,} matching articles<extra></extra>"))
        fig.add_trace(go.Scatter(x=list(rows["step_start"]), y=(rows["share"] * 100).tolist(), yaxis="y2",
                                 mode="lines+markers", name=f"share: {escape(query)}", line={"color": color, "width": 2},
                                 customdata=rows[["monitored"]].to_numpy(),
                                 hovertemplate="%{x|%d %b %Y %H:%M} UTC<br>%{y:.3f}% of %{customdata[0]:,} "
                                               "monitored<extra></extra>"))
    fig.update_layout(yaxis={"title": {"text": "Matching articles (raw count)"}, "rangemode": "tozero"},
                      yaxis2={"title": {"text": "Share of monitored articles (%)"}, "overlaying": "y",
                              "side": "right", "rangemode": "tozero", "showgrid": False})
    fig.update_xaxes(title_text="Time step (UTC)", type="date")
    return _layout(fig, title=title, footer=footer, theme=theme)


def claims_figure(
    claims: pd.DataFrame,
    *,
    metric: str = "views",
    title: str | None = None,
    footer: str | None = None,
    colors: Mapping[str, str] | None = None,
    observations: pd.DataFrame | None = None,
    theme: str = "light",
    thinned: Mapping[str, Thinned] | None = None,
) -> go.Figure:
    """Each reported figure at the time it held (its as_of, else its article's publication), drawn as
    the interval it states.

    A lower bound ("more than 5 million") is a triangle pointing up with a line running up to
    the top of the chart: the figure could be anywhere above it. An upper bound points down to
    the bottom; an approximate figure shows its range; an exact one is a dot.

    `claims`: metric, value, unit, bound, low, high, qualifier, scope, time_window, quote, outlet,
    reported_at (tz-aware), origin; optionally as_of_start (tz-aware) and as_of_rule. A change over a
    period (scope gain or loss) is not drawn, and the key says how many were left out. A figure
    whose moment the text only bounds ("in their first day" after a release dated to the day) is
    drawn with a horizontal line from as_of_start to its point: it held some time in between.
    `observations` (optional): title, platform_id, metric, value, observed_at — what the platform
    reported when asked, drawn as a measured curve per item and, for several items, combined.
    `thinned` (StoryView.thinned): when `claims` is a sample of the figures ("claims") or
    `observations` the last measurement per step ("observations"), a line under the title says so.
    """
    title = title or f"{metric_label(metric)}: reported figures"
    style = ink(theme)
    rows = claims[(claims["metric"] == metric) & claims["value"].notna() & claims["reported_at"].notna()]
    # A change over a period ("gained 120,000 subscribers in 2024") is not a total: drawn beside the
    # measured totals it would read as a figure far below them. The claims table lists it.
    # A rate ("7,000 tweets per minute") is not a total either.
    scope = rows["scope"] if "scope" in rows else pd.Series([None] * len(rows), index=rows.index, dtype=object)
    changes = scope.isin(["gain", "loss"]).to_numpy()
    rates = scope.astype("string").str.startswith("per ").fillna(False).to_numpy(dtype=bool)
    rows = rows[~(changes | rates)]
    notes = [f"{int(n)} {word}{'s' if n != 1 else ''} {what} not drawn"
             for n, word, what in ((changes.sum(), "change", "over a period"), (rates.sum(), "rate", "(per minute ...)"))
             if n]
    undrawn = "".join(f"   · {note}" for note in notes)
    measured = measured_curves(observations, metric)
    if rows.empty and not measured:
        return empty_figure(f"No dated {metric_noun(metric)} figures reported in this story."
                            + (f" ({undrawn.strip(' ·')}: see the claims table.)" if undrawn else ""), title=title,
                            theme=theme)
    unit = str(rows["unit"].iloc[0]) if not rows.empty else ("seconds" if metric == "video_length" else "count")
    value = rows["value"].astype(float).to_numpy()
    low = pd.to_numeric(rows["low"], errors="coerce").to_numpy(dtype=float)
    high = pd.to_numeric(rows["high"], errors="coerce").to_numpy(dtype=float)
    values = np.concatenate([value, low[~np.isnan(low)], high[~np.isnan(high)],
                             *(curve.points["value"].to_numpy(dtype=float) for curve in measured)])
    positive = values[values > 0]
    log_axis = unit == "count" and positive.size > 0 and positive.max() / positive.min() >= 20
    top = float(values.max()) * (4 if log_axis else 1.25)
    bottom = float(positive.min()) / 4 if log_axis else 0.0

    traces = _measured_traces(measured, style)
    if not rows.empty:
        bound = rows["bound"].astype(str).to_numpy()
        # The interval each figure states, as error bars from its value: the marker trace
        # carries its figures' intervals, and hiding an outlet in the legend hides them too.
        has_range = (bound == "approx") & ~np.isnan(low) & ~np.isnan(high)
        up = np.clip(np.select([bound == "lower", has_range], [top - value, high - value], 0.0), 0.0, None)
        down = np.clip(np.select([bound == "upper", has_range], [value - bottom, value - low], 0.0), 0.0, None)
        symbol = pd.Series(bound).map(BOUND_SYMBOLS).fillna("circle").to_numpy()
        outlets = rows["outlet"].fillna(UNKNOWN_OUTLET).astype(str)
        reported = format_instants(rows["reported_at"], rows.get("reported_offset"), rows.get("reported_precision"),
                                   rows.get("reported_local"))
        hover = ("<b>" + escape_series(outlets) + "</b><br>" + claim_hover_text(rows, unit, metric)
                 + "<br>as of " + escape_series(pd.Series(reported, index=rows.index, dtype="string"))).to_numpy()
        when = wall_clock(rows["reported_at"], "UTC")
        starts = (
            wall_clock(rows["as_of_start"], "UTC")
            if "as_of_start" in rows
            else np.full(len(rows), np.datetime64("NaT"), dtype="datetime64[ns]")
        )
        named, others = _legend_split(outlets)
        # A trace per named outlet; the rest share one legend entry, a trace per colour, each
        # point still in its outlet's colour and named in its hover.
        groups = [(escape(outlet), escape(outlet), outlet_color(outlet, colors), True, idx) for outlet, idx in named]
        tail = f"{len(others)} other outlet{'s' if len(others) != 1 else ''}"
        by_color = pd.Series([outlet_color(o, colors) for o in outlets], index=outlets.index)
        other_rows = np.flatnonzero(outlets.isin(others).to_numpy())
        for n, (color, idx) in enumerate(sorted(by_color.iloc[other_rows].groupby(
                by_color.iloc[other_rows].to_numpy()).indices.items())):
            groups.append((tail, "other outlets", color, n == 0, other_rows[idx]))
        for name, group, color, legend, idx in groups:
            trace: dict[str, Any] = {
                "type": "scatter", "x": when[idx], "y": value[idx], "mode": "markers", "name": name,
                "legendgroup": group, "showlegend": legend,
                "marker": {"symbol": _one_or_all(symbol[idx]), "size": 13, "color": color,
                           "line": {"width": 1, "color": style.paper}},
                "customdata": hover[idx],
                "hovertemplate": "%{customdata}<extra></extra>",
            }
            if up[idx].any() or down[idx].any():
                trace["error_y"] = {"type": "data", "symmetric": False, "array": up[idx], "arrayminus": down[idx],
                                    "width": 0, "thickness": 2, "color": color}
            spans = _moment_ranges(starts[idx], when[idx], value[idx])
            if spans is not None:
                traces.append({
                    "type": "scatter", "x": spans[0], "y": spans[1], "mode": "lines", "name": name,
                    "legendgroup": group, "showlegend": False, "hoverinfo": "skip",
                    "line": {"color": color, "width": 2, "dash": "dot"},
                })
            traces.append(trace)
    fig = go.Figure(data=traces)
    # A figure is placed when it held (its as_of: "as of Wednesday"), else when its article was published.
    fig.update_xaxes(title_text="When the figure held, as reported (UTC)", type="date")
    label = escape(metric_label(metric))
    padded = _padded_time_range(traces)
    if padded is not None:
        fig.update_xaxes(range=padded)
    if unit == "seconds":
        ticks = _duration_ticks(bottom, top)
        fig.update_yaxes(title_text=f"{label} (min:sec)", range=[0, top], tickvals=ticks,
                         ticktext=[format_duration(t) for t in ticks])
    elif log_axis:
        ticks = log_ticks(bottom, top)
        fig.update_yaxes(type="log", title_text=f"{label} (log scale)", tickvals=ticks,
                         ticktext=[format_count(t) for t in ticks], range=[math.log10(bottom), math.log10(top)])
    else:
        fig.update_yaxes(title_text=label, tickformat="~s", range=[0, top])
    fig.add_annotation(
        text=_BOUND_KEY + undrawn,
        xref="paper", yref="paper", x=1, y=1.06, xanchor="right", showarrow=False,
        font={"size": 11, "color": style.muted},
    )
    fig = _layout(fig, title=title, footer=footer, theme=theme)
    notes = thinned_chart_note(thinned or {}, metric, measured=bool(measured))
    if notes:
        # Under the title, on screen and in every export: the chart does not show every point.
        fig.update_layout(title_subtitle={"text": "<br>".join(escape(n) for n in notes),
                                          "font": {"size": 12, "color": style.muted}},
                          margin_t=70 + 18 * len(notes))
    return fig


# Less than this between the first and last point and plotly zooms the time axis to milliseconds
# (every figure reported in one article): widen it to a readable span around the points.
_MIN_TIME_SPAN = pd.Timedelta(days=2)


def _padded_time_range(traces: list[dict[str, Any]]) -> list[pd.Timestamp] | None:
    """[start, end] for a time axis whose points span less than _MIN_TIME_SPAN, else None."""
    lows, highs = [], []
    for trace in traces:
        # Each trace's own extremes: wall-clock datetime64 arrays, or lists with None breaks.
        raw = trace.get("x", [])
        x = (pd.DatetimeIndex(raw) if isinstance(raw, np.ndarray) and raw.dtype.kind == "M"
             else pd.DatetimeIndex(pd.to_datetime(pd.Series(raw, dtype=object), errors="coerce", utc=True)).tz_localize(None))
        if x.notna().any():
            lows.append(x.min())
            highs.append(x.max())
    if not lows:
        return None
    low, high = min(lows), max(highs)
    if high - low >= _MIN_TIME_SPAN:
        return None
    middle = low + (high - low) / 2
    return [middle - _MIN_TIME_SPAN / 2, middle + _MIN_TIME_SPAN / 2]


def _moment_ranges(starts: np.ndarray, ends: np.ndarray, values: np.ndarray) -> tuple[list[Any], list[Any]] | None:
    """x and y of one broken line: a segment from each range's start to its end at its figure."""
    has = ~np.isnat(starts) & (starts < ends)
    if not has.any():
        return None
    n = int(has.sum())
    x = np.empty(n * 3, dtype=object)
    y = np.empty(n * 3, dtype=object)
    x[0::3], x[1::3], x[2::3] = starts[has], ends[has], None
    y[0::3], y[1::3], y[2::3] = values[has], values[has], None
    return list(x), list(y)


# Named legend entries per kind (outlets, measured items): one per palette colour. Past that,
# colours repeat, the legend no longer tells outlets apart and overflows an exported image, and
# every extra trace costs time to build and draw; hover still names every point.
LEGEND_LIMIT = len(PALETTE)


def _legend_split(names: pd.Series, limit: int = LEGEND_LIMIT) -> tuple[list[tuple[str, np.ndarray]], list[str]]:
    """Which names get their own legend entry, each with its row positions in `names`: all of
    them when they fit in `limit`, else the `limit` most frequent; and the names left over."""
    positions = names.groupby(names.to_numpy(), sort=True).indices
    if len(positions) <= limit:
        return sorted(positions.items()), []
    ranked = sorted(positions, key=lambda name: (-len(positions[name]), name))
    keep = sorted(ranked[:limit])
    return [(name, positions[name]) for name in keep], sorted(ranked[limit:])


def _one_or_all(values: np.ndarray) -> object:
    # A single symbol when a trace has one: per-point symbols are checked one by one by plotly.
    return values[0] if (values == values[0]).all() else values


def _measured_traces(measured: list[Curve], colors: Ink) -> list[dict[str, Any]]:
    """A grey step line per measured item (the darkest for their sum); past LEGEND_LIMIT items
    the rest are one line with breaks, each point's hover naming its item."""
    items = [(curve.name, curve.points) for curve in measured if not curve.combined]
    combined = [(curve_label(curve), curve.points) for curve in measured if curve.combined]
    hover = "%{y:,.0f}<br>asked %{x|%a %d %b %Y %H:%M} UTC<extra></extra>"
    shown = items if len(items) <= LEGEND_LIMIT else items[: LEGEND_LIMIT - 1]
    traces: list[dict[str, Any]] = [{
        "type": "scatter", "x": wall_clock(curve["observed_at"], "UTC"), "y": curve["value"].to_numpy(),
        "mode": "lines+markers", "name": f"measured: {escape(name)}",
        "line": {"color": colors.measured, "width": 2, "dash": ("dash", "dot", "dashdot")[i % 3], "shape": "hv"},
        "marker": {"size": 5}, "hovertemplate": f"<b>measured: {escape(name)}</b><br>{hover}",
    } for i, (name, curve) in enumerate(shown)]
    rest = items[len(shown):]
    if rest:
        # A missing point after each item breaks the line, so one trace draws them all.
        x = np.concatenate([part for _, curve in rest
                            for part in (wall_clock(curve["observed_at"], "UTC"), [np.datetime64("NaT")])])
        y = np.concatenate([part for _, curve in rest for part in (curve["value"].to_numpy(dtype=float), [np.nan])])
        names = np.repeat([escape(name) for name, _ in rest], [len(c) + 1 for _, c in rest])
        traces.append({
            "type": "scatter", "x": x, "y": y, "mode": "lines+markers", "name": f"measured: {len(rest)} other items",
            "line": {"color": colors.measured, "width": 1, "shape": "hv"}, "marker": {"size": 4},
            "customdata": names.astype(object), "hovertemplate": f"<b>measured: %{{customdata}}</b><br>{hover}",
        })
    traces += [{
        "type": "scatter", "x": wall_clock(curve["observed_at"], "UTC"), "y": curve["value"].to_numpy(),
        "mode": "lines+markers", "name": f"measured: {escape(name)}",
        "line": {"color": colors.measured_total, "width": 3, "dash": "solid", "shape": "hv"},
        "marker": {"size": 5}, "hovertemplate": f"<b>measured: {escape(name)}</b><br>{hover}",
    } for name, curve in combined]
    return traces


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


CHARTS: tuple[str, ...] = ("timeline", "claims")


def story_figure(
    view: StoryView, chart: str, *, metric: str = "views", filters: str = "all tags", unique: bool = False,
    bucket: str = "auto", tz: str = "UTC", theme: str = "light",
) -> go.Figure:
    """A story's chart as the dashboard shows it and the exports save it, with a footer saying
    what it is. `chart` is 'timeline' or 'claims'; `bucket`, `tz` and `unique` shape the
    timeline; `theme` is 'light' or 'dark'. Raises ValueError naming the choices for an unknown
    chart, bucket, zone or theme."""
    colors = outlet_colors(view.outlets)
    if chart == "timeline":
        mode = "unique stories (syndicated copies folded)" if unique else "all copies"
        articles = unique_stories(view.articles) if unique else view.articles
        zone = canonical_timezone(tz)
        chosen = timeline_bucket(articles, bucket)
        footer = story_footer(view, filters, f"coverage timeline, {mode}, {bucket_phrase(chosen, bucket, zone)}",
                              tz=zone)
        return timeline_figure(articles, view.events, bucket=bucket, tz=zone, title=f"{view.title}: coverage",
                               footer=footer, colors=colors, theme=theme)
    if chart == "claims":
        footer = story_footer(view, filters, f"reported {metric_noun(metric)}")
        return claims_figure(view.claims, metric=metric, observations=view.observations,
                             title=f"{view.title}: {metric_noun(metric)} reported",
                             footer=footer, colors=colors, theme=theme, thinned=view.thinned)
    raise ValueError(f"unknown chart {chart!r}; choose {' or '.join(CHARTS)}")


def volume_story_figure(view: StoryView, *, filters: str = "all tags", theme: str = "light") -> go.Figure:
    """The story's GDELT coverage volume, with a footer saying what the share is of."""
    return volume_figure(view.volume, title=f"{view.title}: coverage volume (GDELT)", theme=theme,
                         footer=story_footer(view, filters, chart=VOLUME_DENOMINATOR))
