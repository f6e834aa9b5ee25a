"""Figure builders: DataFrame in, Plotly figure out. No I/O, no Streamlit.

The same functions draw the dashboard and the exported images, so what a user downloads is
what they saw.
"""

from __future__ import annotations

import hashlib
import math
import zoneinfo
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
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


def format_instant(value: object, offset: object = None, precision: object = None) -> str:
    """'2025-05-03 02:32 UTC (source +05:30)'. With a precision given, a date-only value and a
    time whose source stated no zone (so it was read as UTC) say so."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NaT:
        return "no date"
    ts = pd.Timestamp(value).tz_convert("UTC") if pd.Timestamp(value).tzinfo else pd.Timestamp(value, tz="UTC")
    return _instant_texts(np.array([f"{ts:%Y-%m-%d}"], dtype=object), np.array([f"{ts:%Y-%m-%d %H:%M}"], dtype=object),
                          np.array([offset if isinstance(offset, str) else ""], dtype=object),
                          np.array([precision if isinstance(precision, str) else ""], dtype=object),
                          np.array([False]))[0]


def format_instants(values: pd.Series, offsets: pd.Series | None = None, precisions: pd.Series | None = None) -> list[str]:
    """format_instant for a whole column, built a column at a time (a row loop costs a quarter
    second on a big story)."""
    ts = pd.to_datetime(values, utc=True)
    n = len(ts)

    def text(column: pd.Series | None) -> np.ndarray:
        if column is None:
            return np.full(n, "", dtype=object)
        return column.astype("string").fillna("").to_numpy(dtype=object)

    day = ts.dt.strftime("%Y-%m-%d").astype("string").fillna("").to_numpy(dtype=object)
    minute = ts.dt.strftime("%Y-%m-%d %H:%M").astype("string").fillna("").to_numpy(dtype=object)
    return _instant_texts(day, minute, text(offsets), text(precisions), ts.isna().to_numpy())


def _instant_texts(day: np.ndarray, minute: np.ndarray, offset: np.ndarray, precision: np.ndarray,
                   missing: np.ndarray) -> list[str]:
    """The one set of rules for how an instant reads, on arrays (one element for a single value)."""
    stated = offset != ""
    utc = minute + " UTC"
    out = np.select(
        [missing, precision == "day", stated & (offset == "+00:00"), stated, precision != ""],
        [np.full(len(day), "no date", dtype=object), day + " (date only)", utc, utc + " (source " + offset + ")",
         minute + " (source stated no zone; read as UTC)"],
        default=utc,
    )
    return [str(x) for x in out]


def describe_claims(rows: pd.DataFrame) -> list[str]:
    """describe_claim for every row (qualifier, value, unit, metric); a figure without a number
    reads "<qualifier> (no number)". Each distinct figure is described once: a story repeats a few."""
    cols = ["qualifier", "value", "unit", "metric"]
    if rows.empty:
        return []
    # Missing text and numbers as None: NaN never equals itself, so it would not group.
    keys = rows[cols].astype(object).where(rows[cols].notna(), None)
    codes = keys.groupby(cols, dropna=False, sort=False).ngroup().to_numpy()
    texts = [
        describe_claim(q, v, str(u), str(m)) if v is not None else f"{_str(q) or ''} (no number)".strip()
        for q, v, u, m in keys.drop_duplicates().itertuples(index=False, name=None)
    ]
    return list(np.array(texts, dtype=object)[codes])


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
    colors = ink(theme)
    fig.update_layout(
        template=TEMPLATES[theme],
        title={"text": title, "x": 0, "xref": "paper", "xanchor": "left"},
        legend={"title": {"text": "Outlet"}, "orientation": "v"},
        margin={"l": 80, "r": 20, "t": 70, "b": FOOTER_SPACE if footer else 60},
    )
    _footer(fig, footer, colors)
    return fig


def empty_figure(message: str, *, title: str = "", theme: str = "light") -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(text=message, x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False, font={"size": 15})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return _layout(fig, title=title, footer=None, theme=theme)


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
        # Ids arrive as ints, or as floats in a column with missing links (NaN).
        return int(value) if isinstance(value, (int, float, np.number)) and not pd.isna(value) else None

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


BUCKETS: tuple[str, ...] = ("day", "week", "month")
BUCKET_CHOICES: tuple[str, ...] = ("auto", *BUCKETS)
_PERIOD = {"day": "D", "week": "W-SUN", "month": "M"}  # W-SUN: weeks ending Sunday, so Monday to Sunday
BUCKET_LABELS = {"day": "Articles per day", "week": "Articles per week (Mon-Sun)", "month": "Articles per month"}
_HOVER_DATE = {"day": "%{x|%a %d %b %Y}", "week": "week of %{x|%d %b %Y}", "month": "%{x|%B %Y}"}

# Offered first in the timezone picker; any other IANA name can be typed.
COMMON_TIMEZONES: tuple[str, ...] = (
    "UTC", "America/New_York", "America/Chicago", "America/Los_Angeles", "Europe/London", "Europe/Berlin",
    "Asia/Kolkata", "Asia/Shanghai", "Asia/Seoul", "Asia/Tokyo", "Australia/Sydney",
)


@cache
def _zone_names() -> dict[str, str]:
    # Listing every zone reads the tz database from disk once; later look-ups are a dict hit.
    return {name.casefold(): name for name in zoneinfo.available_timezones()} | {"utc": "UTC"}


def canonical_timezone(name: str) -> str:
    """An IANA zone name as the tz database spells it ('asia/kolkata' -> 'Asia/Kolkata').

    Raises ValueError naming the input when it is not a zone: a wrong zone must never silently
    become UTC, or every date on the chart is off without saying so.
    """
    text = (name or "").strip()
    found = _zone_names().get(text.casefold())
    if found is None:
        raise ValueError(f"unknown timezone {name!r}: use an IANA name such as Europe/Berlin or Asia/Kolkata")
    zoneinfo.ZoneInfo(found)  # a listed name that does not load is as unknown as an unlisted one
    return found


def auto_bucket(first: pd.Timestamp, last: pd.Timestamp) -> str:
    """Bars of a day for a story of weeks, a week for months, a month for years: each bar stays
    wide enough to see."""
    span_days = (last - first).days
    if span_days <= 92:
        return "day"
    if span_days <= 2 * 365:
        return "week"
    return "month"


def timeline_bucket(articles: pd.DataFrame, choice: str = "auto") -> str:
    """The bucket a timeline of these articles uses: the choice itself, or for 'auto' the one
    the span of their publish times calls for ('day' when none is dated)."""
    if choice not in BUCKET_CHOICES:
        raise ValueError(f"unknown bucket {choice!r}; choose one of {', '.join(BUCKET_CHOICES)}")
    if choice != "auto":
        return choice
    published = pd.to_datetime(articles["published_at"], utc=True).dropna()
    return auto_bucket(published.min(), published.max()) if len(published) else "day"


def bucket_starts(published: pd.Series, bucket: str, tz: str = "UTC", precision: pd.Series | None = None) -> pd.Series:
    """When each instant's day, week (from Monday) or month begins in zone `tz`, as times in
    that zone: a day in Asia/Kolkata starts at 18:30 UTC the day before, and a week in
    Europe/London that crosses the change to summer time still starts at local midnight.
    Missing instants stay missing.

    `precision` (articles.published_precision) marks date-only values with 'day': those are
    stored as 00:00 UTC of the date the source printed, so they are counted on that calendar
    date in every zone instead of being converted (which would move them a day back anywhere
    west of UTC)."""
    if bucket not in _PERIOD:
        raise ValueError(f"unknown bucket {bucket!r}; choose one of {', '.join(BUCKETS)}")
    zone = canonical_timezone(tz)
    # Periods are counted on the local wall clock, then put back in the zone: pandas has no
    # zone-aware weeks or months.
    wall = _publication_wall_clock(published, zone, precision)
    starts = wall.dt.to_period(_PERIOD[bucket]).dt.start_time
    # A local midnight skipped by a clock change starts the bucket at the first instant that
    # exists; one that occurs twice starts it at the first of the two.
    return starts.dt.tz_localize(zone, ambiguous=np.ones(len(starts), dtype=bool), nonexistent="shift_forward")


def _publication_wall_clock(published: pd.Series, zone: str, precision: pd.Series | None) -> pd.Series:
    """Publication times as the clock in `zone` shows them, zone dropped; a date-only one
    (precision 'day') keeps its own date at 00:00, since it names a date, not an instant."""
    instants = pd.to_datetime(published, utc=True)
    wall = instants.dt.tz_convert(zone).dt.tz_localize(None)
    if precision is None:
        return wall
    date_only = pd.Series(precision, copy=False).astype("string").fillna("").to_numpy(dtype=object) == "day"
    if not date_only.any():
        return wall
    # The stored UTC midnight read as a wall-clock date: the same date in every zone.
    return wall.mask(date_only, instants.dt.tz_localize(None))


def _precision(articles: pd.DataFrame) -> pd.Series | None:
    # Frames built by hand (tests, older callers) may carry no precision: every time is then an instant.
    return articles["published_precision"] if "published_precision" in articles.columns else None


def timeline_table(articles: pd.DataFrame, bucket: str = "auto", tz: str = "UTC") -> pd.DataFrame:
    """The rows behind a timeline: each article with the bucket it is counted in, that bucket's
    start in zone `tz` and the zone's name, so a reader can recount the bars. A date-only
    article is counted on its own date, as on the chart."""
    chosen = timeline_bucket(articles, bucket)
    zone = canonical_timezone(tz)
    starts = bucket_starts(articles["published_at"], chosen, zone, _precision(articles))
    return articles.assign(bucket=chosen, bucket_start=starts, timezone=zone)


def bucket_phrase(bucket: str, choice: str, tz: str) -> str:
    """'one bar per day in Asia/Kolkata (chosen automatically)' — for axis titles and footers."""
    how = " (chosen automatically)" if choice == "auto" else ""
    return f"one bar per {bucket}{' (Mon-Sun)' if bucket == 'week' else ''} in {tz}{how}"


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
    """
    zone = canonical_timezone(tz)
    dated = articles.dropna(subset=["published_at"])
    if dated.empty:
        return empty_figure("No dated articles in this story yet.", title=title, theme=theme)
    chosen = timeline_bucket(dated, bucket)
    # Plotly draws wall-clock times, so the bars are placed at each bucket's local start.
    day = bucket_starts(dated["published_at"], chosen, zone, _precision(dated)).dt.tz_localize(None)
    frame = pd.DataFrame({"outlet": dated["outlet"].fillna(UNKNOWN_OUTLET).astype(str).to_numpy(),
                          "day": day.to_numpy(), "title": dated["title"].to_numpy()})
    # One groupby for all outlets (not one per outlet): a story of thousands of articles stays fast.
    per = frame.groupby(["outlet", "day"], sort=True).agg(n=("title", "size"), titles=("title", _title_list))
    per = per.reset_index()
    hover = (f"<b>%{{fullData.name}}</b><br>{_HOVER_DATE[chosen]} ({zone})<br>%{{y}} article(s)"
             "<br>%{customdata}<extra></extra>")
    # Bars fill their periods and touch: a line in the background's colour keeps neighbours
    # (and the outlets stacked in one bar) apart.
    outline = {"color": ink(theme).paper, "width": 1}
    # Plain dicts, validated once by the Figure: a story of 300 outlets builds in a fraction of the time.
    traces: list[dict[str, Any]] = [
        {"type": "bar", "x": rows["day"].to_numpy(), "y": rows["n"].to_numpy(), "name": str(outlet),
         "marker": {"color": outlet_color(str(outlet), colors), "line": outline},
         "customdata": rows["titles"].to_numpy(), "hovertemplate": hover, **_period_span(rows["day"], chosen)}
        for outlet, rows in per.groupby("outlet", sort=True)
    ]
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
        fig.update_layout(
            shapes=[{**shape, "x0": start, "x1": end} for start, end in zip(starts, ends, strict=True)],
            annotations=[{**note, "x": start, "text": str(label)}
                         for start, label in zip(starts, events["label"], strict=True)],
        )
    fig.update_layout(barmode="stack", legend_traceorder="normal")
    fig.update_xaxes(title_text=f"Publication date: {bucket_phrase(chosen, bucket, zone)}", type="date")
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
    end = (begin.to_period(_PERIOD[bucket]) + 1).start_time
    return {"offset": 0, "width": ((end - begin) / pd.Timedelta(milliseconds=1)).to_numpy(dtype=float)}


def _wall_clock_array(instants: pd.Series, zone: str) -> np.ndarray:
    """The instants as the clock in `zone` shows them, zone dropped: plotly draws wall-clock
    times. A datetime64 array, not Timestamp objects, so plotly copies and checks it as one block."""
    return pd.to_datetime(instants, utc=True).dt.tz_convert(zone).dt.tz_localize(None).to_numpy()


def _wall_clock(instants: pd.Series, zone: str) -> list[pd.Timestamp]:
    return [pd.Timestamp(t) for t in _wall_clock_array(instants, zone)]


VOLUME_DENOMINATOR = "share = matching articles / all articles GDELT monitored in the same step"


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
    return _layout(fig, title=title, footer=footer, theme=theme)


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
    theme: str = "light",
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
    """
    title = title or f"{metric_label(metric)}: reported figures"
    style = ink(theme)
    rows = claims[(claims["metric"] == metric) & claims["value"].notna() & claims["reported_at"].notna()]
    # A change over a period ("gained 120,000 subscribers in 2024") is not a total: drawn beside the
    # measured totals it would read as a figure far below them. The claims table lists it.
    changes = rows["scope"].isin(["gain", "loss"]).to_numpy() if "scope" in rows else np.zeros(len(rows), bool)
    rows = rows[~changes]
    undrawn = (f"   · {int(changes.sum())} change{'s' if changes.sum() != 1 else ''} over a period not drawn"
               if changes.any() else "")
    measured = measured_curves(observations, metric)
    if rows.empty and not measured:
        return empty_figure(f"No dated {metric_label(metric).lower()} figures reported in this story."
                            + (f" ({undrawn.strip(' ·')}: see the claims table.)" if undrawn else ""), title=title,
                            theme=theme)
    unit = str(rows["unit"].iloc[0]) if not rows.empty else ("seconds" if metric == "video_length" else "count")
    value = rows["value"].astype(float).to_numpy()
    low = pd.to_numeric(rows["low"], errors="coerce").to_numpy(dtype=float)
    high = pd.to_numeric(rows["high"], errors="coerce").to_numpy(dtype=float)
    values = np.concatenate([value, low[~np.isnan(low)], high[~np.isnan(high)],
                             *(curve["value"].to_numpy(dtype=float) for _, curve in measured)])
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
        reported = format_instants(rows["reported_at"], rows.get("reported_offset"), rows.get("reported_precision"))
        hover = ("<b>" + _escape_series(outlets) + "</b><br>" + claim_hover_text(rows, unit, metric)
                 + "<br>as of " + pd.Series(reported, index=rows.index, dtype="string")).to_numpy()
        when = _wall_clock_array(rows["reported_at"], "UTC")
        starts = (
            _wall_clock_array(rows["as_of_start"], "UTC")
            if "as_of_start" in rows
            else np.full(len(rows), np.datetime64("NaT"), dtype="datetime64[ns]")
        )
        named, others = _legend_split(outlets)
        # A trace per named outlet; the rest share one legend entry, a trace per colour, each
        # point still in its outlet's colour and named in its hover.
        groups = [(outlet, outlet, outlet_color(outlet, colors), True, idx) for outlet, idx in named]
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
    padded = _padded_time_range(traces)
    if padded is not None:
        fig.update_xaxes(range=padded)
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
        text="▲ more than (open above)   ▼ nearly (open below)   ◆ about   ● exact" + undrawn,
        xref="paper", yref="paper", x=1, y=1.06, xanchor="right", showarrow=False,
        font={"size": 11, "color": style.muted},
    )
    return _layout(fig, title=title, footer=footer, theme=theme)


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


def _measured_traces(measured: list[tuple[str, pd.DataFrame]], colors: Ink) -> list[dict[str, Any]]:
    """A grey step line per measured item (the darkest for their sum); past LEGEND_LIMIT items
    the rest are one line with breaks, each point's hover naming its item."""
    items = [(name, curve) for name, curve in measured if not name.startswith("combined")]
    combined = [(name, curve) for name, curve in measured if name.startswith("combined")]
    hover = "%{y:,.0f}<br>asked %{x|%a %d %b %Y %H:%M} UTC<extra></extra>"
    shown = items if len(items) <= LEGEND_LIMIT else items[: LEGEND_LIMIT - 1]
    traces: list[dict[str, Any]] = [{
        "type": "scatter", "x": _wall_clock_array(curve["observed_at"], "UTC"), "y": curve["value"].to_numpy(),
        "mode": "lines+markers", "name": f"measured: {name}",
        "line": {"color": colors.measured, "width": 2, "dash": ("dash", "dot", "dashdot")[i % 3], "shape": "hv"},
        "marker": {"size": 5}, "hovertemplate": f"<b>measured: {_escape(name)}</b><br>{hover}",
    } for i, (name, curve) in enumerate(shown)]
    rest = items[len(shown):]
    if rest:
        # A missing point after each item breaks the line, so one trace draws them all.
        x = np.concatenate([part for _, curve in rest
                            for part in (_wall_clock_array(curve["observed_at"], "UTC"), [np.datetime64("NaT")])])
        y = np.concatenate([part for _, curve in rest for part in (curve["value"].to_numpy(dtype=float), [np.nan])])
        names = np.repeat([_escape(name) for name, _ in rest], [len(c) + 1 for _, c in rest])
        traces.append({
            "type": "scatter", "x": x, "y": y, "mode": "lines+markers", "name": f"measured: {len(rest)} other items",
            "line": {"color": colors.measured, "width": 1, "shape": "hv"}, "marker": {"size": 4},
            "customdata": names.astype(object), "hovertemplate": f"<b>measured: %{{customdata}}</b><br>{hover}",
        })
    traces += [{
        "type": "scatter", "x": _wall_clock_array(curve["observed_at"], "UTC"), "y": curve["value"].to_numpy(),
        "mode": "lines+markers", "name": f"measured: {name}",
        "line": {"color": colors.measured_total, "width": 3, "dash": "solid", "shape": "hv"},
        "marker": {"size": 5}, "hovertemplate": f"<b>measured: {_escape(name)}</b><br>{hover}",
    } for name, curve in combined]
    return traces


def claim_hover_text(rows: pd.DataFrame, unit: str, metric: str) -> pd.Series:
    """Each claim as its hover lines, built a column at a time (a row loop costs seconds on a big
    story): what it said, its scope and window, the bound, its subject, the quote, where it came from.
    The outlet is not in it: claims_figure puts it first."""
    def text(column: str) -> pd.Series:
        if column not in rows:
            return pd.Series("", index=rows.index, dtype="string")
        # Missing text may come as None or NaN; both mean "not stated".
        return rows[column].astype("string").fillna("")

    # A story repeats the same few figures, so each distinct value is formatted once.
    formatted = rows["value"].map({v: format_value(v, unit) for v in pd.unique(rows["value"])})
    noun = {"video_length": "long", "video_count": "videos"}.get(metric, metric_label(metric).lower())
    qualifier = text("qualifier")
    said = qualifier.where(qualifier == "", qualifier + " ") + formatted.astype(str) + " " + noun
    scope, window = text("scope"), text("time_window")
    details = scope + np.where((scope != "") & (window != ""), ", ", "") + window
    subject = text("subject")
    quote = text("quote")
    quote = quote.where(quote.str.len() <= 120, quote.str.slice(0, 119) + "…")
    bound = rows["bound"].astype(str)
    held = held_text(rows)
    return (
        _escape_series(said) + details.where(details == "", " (" + _escape_series(details) + ")")
        + "<br>" + bound.map(BOUND_LABELS).fillna(bound)
        + held.where(held == "", "<br>" + _escape_series(held))
        + subject.where(subject == "", "<br>about: " + _escape_series(subject))
        + "<br>“" + _escape_series(quote) + "”<br><i>" + text("origin") + "</i>"
    )


def held_text(rows: pd.DataFrame) -> pd.Series:
    """ "held between Fri 02 May 04:00 and Sat 03 May 02:32 UTC: 'first day' counted from ..." for
    figures whose moment is a range; "" for the rest."""
    if "as_of_start" not in rows or "reported_at" not in rows:
        return pd.Series("", index=rows.index, dtype="string")
    start = pd.to_datetime(rows["as_of_start"], utc=True)
    end = pd.to_datetime(rows["reported_at"], utc=True)
    has = start.notna() & (start < end)
    out = pd.Series("", index=rows.index, dtype="string")
    if not has.any():
        return out
    fmt = "%a %d %b %Y %H:%M"  # formatted only where there is a range: most figures have none
    text = ("held some time between " + start[has].dt.strftime(fmt).astype("string") + " and "
            + end[has].dt.strftime(fmt).astype("string") + " UTC")
    if "as_of_rule" in rows:
        rule = rows.loc[has, "as_of_rule"].astype("string").fillna("")
        text = text + (": " + rule).where(rule != "", "")
    out[has] = text
    return out


def _escape_series(text: pd.Series) -> pd.Series:
    return text.str.replace("<", "&lt;", regex=False).str.replace(">", "&gt;", regex=False)


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
    obs["title"] = obs["title"].fillna(obs["platform_id"])  # an untitled video is still a curve
    # One sort, then a slice per item: a story can track hundreds of videos.
    obs = obs.sort_values(["platform_id", "title", "observed_at"], kind="stable")
    columns = obs[["observed_at", "value"]]
    curves = [(str(key[1]), columns.iloc[idx])
              for key, idx in obs.groupby(["platform_id", "title"], sort=True, dropna=False).indices.items()]
    if len(curves) > 1:
        curves.append((f"combined ({len(curves)} items)", _step_sum(obs)))
    return curves


def _step_sum(obs: pd.DataFrame) -> pd.DataFrame:
    """At each observation time, the sum of every item's latest value, from when all were seen.

    Each observation adds its change from the item's previous value to a running total, so the
    sum needs one sort, not a table of every item at every time.
    """
    ordered = obs.sort_values("observed_at", kind="stable")
    item, _ = pd.factorize(ordered["platform_id"])
    value = pd.Series(ordered["value"].to_numpy(dtype=float))
    change = value - value.groupby(item).shift(fill_value=0.0)
    when = _wall_clock_array(ordered["observed_at"], "UTC")
    total = change.cumsum().to_numpy()
    # Sorted by time, so the last row of each time holds the total once all its changes are in.
    last_of_time = np.append(when[1:] != when[:-1], True)
    everyone_seen = pd.Series(when).groupby(item).min().max()
    keep = last_of_time & (when >= everyone_seen)
    return pd.DataFrame({"observed_at": pd.to_datetime(when[keep]).tz_localize("UTC"), "value": total[keep]})


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


def _escape(text: str) -> str:
    return text.replace("<", "&lt;").replace(">", "&gt;")
