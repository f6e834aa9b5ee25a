"""Presentation: how numbers, instants, figures, filters, verdicts and provenance read, and
which colour an outlet gets. Pure; no Streamlit, no figures (metrics.charts draws those).

The read side (story_data, coverage, measured, verdicts, provenance) returns data and codes;
every sentence a reader sees is written here, once, for the dashboard and the exports alike.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Iterable, Mapping
from datetime import timedelta

import numpy as np
import pandas as pd
from plotly.colors import qualitative

from metrics.coverage import COPIES, COPY_SOURCE, fold_copies
from metrics.measured import Curve
from metrics.provenance import NUMBER_CHANGED, PROVENANCE_COLUMNS, QUALIFIER_DROPPED, Report
from metrics.story_data import FIRST, SAMPLE, StoryFilters, StoryView, Thinned, TopFigure
from metrics.verdicts import Reason, Verdict

# Distinct hues first (Tableau 10, then ColorBrewer Dark2 and Carto Bold), greys left out: a
# grey reads as "unknown" and a near-black vanishes in the dark theme.
PALETTE: tuple[str, ...] = (*qualitative.T10[:9], *qualitative.Dark2[:7], *qualitative.Bold[:10])
UNKNOWN_OUTLET = "(outlet unknown)"

BOUND_LABELS = {"exact": "exact figure", "lower": "lower bound (more than)", "upper": "upper bound (nearly)",
                "approx": "approximate (about)"}
METRIC_LABELS = {
    "views": "Views", "video_length": "Video length", "video_count": "Number of videos", "likes": "Likes",
    "shares": "Shares", "comments": "Comments", "followers": "Followers", "subscribers": "Subscribers",
    "dislikes": "Dislikes", "reposts": "Reposts and retweets", "posts": "Posts about it",
    "viewers": "Viewers (TV and live)", "streams": "Streams and plays", "downloads": "Downloads",
    "reach": "People reached",
}
BUCKET_LABELS = {"day": "Articles per day", "week": "Articles per week (Mon-Sun)", "month": "Articles per month"}
UNIQUE_METHOD = ("unique stories: copies folded into the earliest article of their original "
                 "(text fingerprint) or of their wire source (credit line)")
VOLUME_DENOMINATOR = "share = matching articles / all articles GDELT monitored in the same step"


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


def metric_noun(metric: str) -> str:
    """The label inside a sentence: lower case, but an acronym stays one ("viewers (TV and live)")."""
    return " ".join(
        w if sum(c.isupper() for c in w) > 1 else w.lower() for w in metric_label(metric).split(" ")
    )


def claim_metrics(claims: pd.DataFrame) -> list[str]:
    """Metrics worth a chart, in the order they are offered: numeric, not the release timestamp;
    views first, then video length, then by the label a reader sees."""
    plotted = claims[claims["value"].notna() & (claims["metric"] != "video_published")]
    return _chart_order(dict.fromkeys(plotted["metric"]))


def chart_metrics(counts: pd.DataFrame) -> list[str]:
    """claim_metrics from a story's claim counts per metric (story_data.ClaimsData.counts:
    metric, with_value), without reading every claim."""
    return _chart_order(counts.loc[(counts["with_value"] > 0) & (counts["metric"] != "video_published"), "metric"])


def _chart_order(metrics: Iterable[str]) -> list[str]:
    return sorted(metrics, key=lambda m: (m != "views", m != "video_length", metric_label(m)))


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


def _noun(metric: str) -> str:
    """The word after the number: '5M views', '2:27 long', '3 videos'."""
    return {"video_length": "long", "video_count": "videos"}.get(metric, metric_noun(metric))


def describe_claim(qualifier: object, value: float | None, unit: str, metric: str) -> str:
    """'more than 5M views' — a claim as a reader would say it."""
    qualifier = _str(qualifier)
    parts = [qualifier] if qualifier else []
    parts.append(format_value(value, unit))
    return " ".join([*parts, _noun(metric)])


def format_instant(value: object, offset: object = None, precision: object = None, local: object = None) -> str:
    """'2025-05-03 02:32 UTC (source +05:30)'. With a precision given, a date-only value says so;
    with `local` (a wall clock whose source stated no zone we know: articles.published_local) the
    time reads as written, '2025-05-03 08:05 (zone unknown)', since it is not a UTC time."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NaT:
        return "no date"
    ts = pd.Timestamp(value).tz_convert("UTC") if pd.Timestamp(value).tzinfo else pd.Timestamp(value, tz="UTC")
    wall = _wall_clock(local)
    return _instant_texts(np.array([f"{ts:%Y-%m-%d}"], dtype=object), np.array([f"{ts:%Y-%m-%d %H:%M}"], dtype=object),
                          np.array([offset if isinstance(offset, str) else ""], dtype=object),
                          np.array([precision if isinstance(precision, str) else ""], dtype=object),
                          np.array([False]),
                          np.array([f"{wall:%Y-%m-%d %H:%M}" if wall is not None else ""], dtype=object))[0]


def _wall_clock(local: object) -> pd.Timestamp | None:
    """A wall clock as DataFrames hold it (Timestamp, datetime, NaT or None), or None."""
    if local is None or local is pd.NaT or (isinstance(local, float) and pd.isna(local)):
        return None
    ts = pd.Timestamp(local)
    return None if pd.isna(ts) else ts


def format_instants(values: pd.Series, offsets: pd.Series | None = None, precisions: pd.Series | None = None,
                    wall_clocks: pd.Series | None = None) -> list[str]:
    """format_instant for a whole column, built a column at a time (a row loop costs a quarter
    second on a big story); `wall_clocks` is the column of `local`s (articles.published_local)."""
    ts = pd.to_datetime(values, utc=True)
    n = len(ts)

    def text(column: pd.Series | None) -> np.ndarray:
        if column is None:
            return np.full(n, "", dtype=object)
        return column.astype("string").fillna("").to_numpy(dtype=object)

    day = ts.dt.strftime("%Y-%m-%d").astype("string").fillna("").to_numpy(dtype=object)
    minute = ts.dt.strftime("%Y-%m-%d %H:%M").astype("string").fillna("").to_numpy(dtype=object)
    wall = (np.full(n, "", dtype=object) if wall_clocks is None else
            pd.to_datetime(wall_clocks).dt.strftime("%Y-%m-%d %H:%M").astype("string").fillna("").to_numpy(dtype=object))
    return _instant_texts(day, minute, text(offsets), text(precisions), ts.isna().to_numpy(), wall)


def _instant_texts(day: np.ndarray, minute: np.ndarray, offset: np.ndarray, precision: np.ndarray,
                   missing: np.ndarray, wall: np.ndarray) -> list[str]:
    """The one set of rules for how an instant reads, on arrays (one element for a single value).

    A wall clock (zone unknown) reads as written. 'source stated no zone; read as UTC' remains for
    a time with neither offset nor wall clock, as extractors before 0.8.0 stored them; migration
    0006 moved the stored ones to a wall clock, so only rows built elsewhere still read so.
    """
    stated = offset != ""
    utc = minute + " UTC"
    out = np.select(
        [missing, wall != "", precision == "day", stated & (offset == "+00:00"), stated, precision != ""],
        [np.full(len(day), "no date", dtype=object), wall + " (zone unknown)", day + " (date only)", utc,
         utc + " (source " + offset + ")", minute + " (source stated no zone; read as UTC)"],
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


def format_day(value: object) -> str:
    """The UTC day of an instant: the Stories overview needs no more, and day-only dates stay honest."""
    if value is None or value is pd.NaT or (isinstance(value, float) and pd.isna(value)):
        return "no date"
    ts = pd.Timestamp(value)
    return f"{(ts.tz_convert('UTC') if ts.tzinfo else ts):%Y-%m-%d}"


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
    qualifier = text("qualifier")
    said = qualifier.where(qualifier == "", qualifier + " ") + formatted.astype(str) + " " + _noun(metric)
    scope, window = text("scope"), text("time_window")
    details = scope + np.where((scope != "") & (window != ""), ", ", "") + window
    subject = text("subject")
    quote = text("quote")
    quote = quote.where(quote.str.len() <= 120, quote.str.slice(0, 119) + "…")
    bound = rows["bound"].astype(str)
    held = held_text(rows)
    return (
        escape_series(said) + details.where(details == "", " (" + escape_series(details) + ")")
        + "<br>" + escape_series(bound.map(BOUND_LABELS).fillna(bound))
        + held.where(held == "", "<br>" + escape_series(held))
        + subject.where(subject == "", "<br>about: " + escape_series(subject))
        + "<br>“" + escape_series(quote) + "”<br><i>" + escape_series(text("origin")) + "</i>"
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


# --- Text from data, shown as text ---------------------------------------------------------------
# Titles, outlets, notes, tags, URL parameters, file names, exception messages and a server's reason
# phrase are data. They reach a reader only through escape() (Plotly) or escape_markdown()
# (Streamlit), so no stored or linked text is ever read as markup: a title `![x](http://host/t.png)`
# must not make every reader's browser fetch that image.

# Plotly reads titles, legends, annotations and hover text as a subset of HTML (<a href>, <b>,
# <br>, entities), a hovertemplate's %{...} as a variable, and a text wrapped in $...$ as LaTeX.
# Entities are decoded when drawn, so the reader sees the characters themselves.
_PLOTLY_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "%": "&#37;", "$": "&#36;"}
_PLOTLY_TABLE = str.maketrans(_PLOTLY_ENTITIES)

# Streamlit reads alerts, captions, headers, radio options and progress texts as GitHub-flavoured
# Markdown with its own additions (:material/icon:, :emoji:, :red[...], $math$). Only the marks
# that start Markdown are escaped, so a message reads the same in its source as on screen.
_MD_ALWAYS = re.compile(r"([\\`*~\[\]<>#|$&])")
# An underscore between two letters or digits never starts emphasis (CommonMark's intraword rule):
# 'Mars/Olympus_Mons' stays as it is.
_MD_UNDERSCORE = re.compile(r"_(?![^\W_])|(?<![^\W_])_")
# Block marks count only at the start of a line: lists (-, +, 1.), setext headings and table rows.
_MD_LINE_MARK = re.compile(r"^(\d+(?=[.)])|(?=[-+=]))", re.MULTILINE)
_MD_INDENT = re.compile(r"^[ \t]+", re.MULTILINE)
# GFM turns bare URLs (http://..., www.) and e-mail addresses into links after parsing, and
# Streamlit turns :name: into an icon or emoji the same way, so a backslash cannot stop them: an
# invisible word joiner after the ':' of 'http:' or ':smile', the 'www' of 'www.' and the '@' of an
# address breaks the pattern while the text reads the same. A clock (12:30) and a word before a
# space ('Note: ...') are left alone.
WORD_JOINER = "\u2060"
_MD_AUTOLINK = re.compile(r"(?<=:)(?=[^\s\d])|(?i:(?<=www))(?=\.)|(?<=@)(?=[\w-])")


def escape(text: object) -> str:
    """`text` as literal characters inside Plotly text (titles, legend names, annotations, hover
    lines and hovertemplates): no tag, entity, %{variable} or $math$ in it is interpreted."""
    return str(text).translate(_PLOTLY_TABLE)


def escape_series(text: pd.Series) -> pd.Series:
    """escape() for a whole column of text."""
    return text.str.translate(_PLOTLY_TABLE)


def escape_markdown(text: object) -> str:
    """`text` as literal characters inside anything Streamlit renders as Markdown (st.markdown,
    st.caption, st.subheader, st.info/warning/error/success, st.toast, radio options, progress
    text, labels and help): no link, image, autolink, emphasis, code, heading, list, table, HTML,
    entity, math, icon or emoji in it is rendered. Leading spaces of a line are dropped (HTML does
    not show them; Markdown would read four as a code block)."""
    value = str(text).replace("\r\n", "\n").replace("\r", "\n")
    value = _MD_AUTOLINK.sub(WORD_JOINER, value)
    value = _MD_INDENT.sub("", value)
    value = _MD_ALWAYS.sub(r"\\\1", value)
    value = _MD_UNDERSCORE.sub(r"\\_", value)
    return _MD_LINE_MARK.sub(lambda m: m.group(1) + "\\", value)


TITLES_SHOWN = 5  # titles a timeline bar's hover lists


def title_list(titles: Iterable[str | None]) -> str:
    """The first five titles as hover lines (escaped), and how many more there are."""
    names = [t if isinstance(t, str) and t else "(untitled)" for t in titles]
    shown = names[:TITLES_SHOWN]
    more = f"<br>… and {len(names) - TITLES_SHOWN} more" if len(names) > TITLES_SHOWN else ""
    return "<br>".join(f"• {escape(t[:80])}" for t in shown) + more


def title_lists(frame: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """title_list for each group of `frame` by the columns `by` (its `title` column, in the frame's
    order): the groups sorted, with `n` (the group's size) and `titles`. Only the titles shown are
    escaped and joined, with no Python call per group of a story's thousands of bars."""
    groups = frame.groupby(by, sort=True)
    rank = groups.cumcount().to_numpy()
    shown = frame.loc[rank < TITLES_SHOWN, [*by, "title"]]
    lines = ["• " + escape(t[:80]) if isinstance(t, str) and t else "• (untitled)"
             for t in shown["title"].to_numpy(dtype=object)]
    out = pd.Series(lines, index=shown.index, dtype=object).groupby(
        [shown[c] for c in by], sort=True).agg("<br>".join).rename("titles").to_frame()
    out["n"] = groups.size()
    more = out["n"] - TITLES_SHOWN
    out["titles"] = out["titles"].where(more <= 0, out["titles"] + "<br>… and " + more.astype(str) + " more")
    return out.reset_index()


def bucket_phrase(bucket: str, choice: str, tz: str) -> str:
    """'one bar per day in Asia/Kolkata (chosen automatically)' — for axis titles and footers."""
    how = " (chosen automatically)" if choice == "auto" else ""
    return f"one bar per {bucket}{' (Mon-Sun)' if bucket == 'week' else ''} in {tz}{how}"


def label_copies(folded: pd.DataFrame) -> pd.DataFrame:
    """metrics.coverage.fold_copies' rows with each kept row's outlet saying what it stands for
    ('AP (3 copies)') and the counting columns dropped: what the chart and its table show."""
    if COPIES not in folded.columns:
        return folded
    outlets = [f"{s if isinstance(s, str) else o} ({c} copies)" if c > 1 else o
               for s, c, o in zip(folded[COPY_SOURCE], folded[COPIES], folded["outlet"], strict=True)]
    return folded.assign(outlet=outlets).drop(columns=[COPIES, COPY_SOURCE])


def unique_stories(articles: pd.DataFrame) -> pd.DataFrame:
    """The articles with syndicated copies folded into their original, labelled as label_copies does."""
    return label_copies(fold_copies(articles))


def curve_label(curve: Curve) -> str:
    """A measured curve's name: the item's title, or 'combined (3 items)' for their sum."""
    return f"combined ({curve.items} items)" if curve.combined else curve.name


def describe_filters(filters: StoryFilters, tag_names: Mapping[str, str] | None = None) -> str:
    """'tags: China or Russia; outlets: AP; published 2025-05-01 to 2025-05-03 (UTC)'."""
    names = [(tag_names or {}).get(t, t) for t in filters.tags]
    parts = [f"tags: {(' and ' if filters.all_tags else ' or ').join(names)}" if names else "all tags"]
    if filters.outlets:
        parts.append(f"outlets: {', '.join(filters.outlets)}")
    if filters.start and filters.end:
        last_day = filters.end - timedelta(days=1)  # `end` is exclusive; people name the last day
        parts.append(f"published {filters.start:%Y-%m-%d} to {last_day:%Y-%m-%d} (UTC)")
    return "; ".join(parts)


def snapshot_text(view: StoryView) -> str:
    """When the story's data was read, in UTC."""
    return f"{view.snapshot:%Y-%m-%d %H:%M} UTC" if view.snapshot else "unknown"


def story_footer(view: StoryView, filters: str = "all tags", chart: str = "", tz: str = "UTC") -> str:
    """What an exported chart shows, so a reader can reproduce it: story, chart, filters, the
    zone its times are in, and when the data was read (always in UTC). Plotly markup: every part
    but the line break is escaped, since the story's title and the filters' tags are data."""
    sample = " · sample data (seeds/)" if view.is_sample else ""
    return (f"mediametrics · story: {escape(view.title)} ({escape(view.slug)}){sample}<br>"
            f"{escape(chart) + ' · ' if chart else ''}filters: {escape(filters)} · times in {escape(tz)} · "
            f"data as of {snapshot_text(view)}")


def headline_claims(figures: Iterable[TopFigure]) -> str:
    """'more than 5M views (4 outlets); more than 2:00 long (3 outlets)': a story's most repeated figures."""
    return "; ".join(f"{describe_claim(f.qualifier, f.value, f.unit, f.metric)} "
                     f"({f.outlets} outlet{'s' if f.outlets != 1 else ''})" for f in figures)


REASON_TEXT: dict[Reason, str] = {
    Reason.NOT_MEASURED: "no platform measurement for this figure",
    Reason.NO_NUMBER: "the claim states no number",
    Reason.NO_MEASUREMENT_NEAR: "no measurement near the claim's time",
    Reason.FLOOR_ABOVE: "already {measured} before its time, above its {stated}",
    Reason.CEILING_BELOW: "still {measured} after its time, below its {stated}",
    Reason.BRACKETED: "measurements before and after its time bracket its figure",
    Reason.UNSETTLED: "the measurements near its time do not settle it",
    Reason.UNKNOWN_ITEM: "which of the videos it counts is not known; only combined figures are checked",
    Reason.CHANGE: ("a change over a period (scope gain or loss), not a running total: the platforms measure "
                    "totals, and this figure is not checked against them"),
    Reason.EARLIER: ("the count before a change the article reports ('up from', 'went from'), and the article "
                     "does not say when it held: not checked"),
}


def reason_text(reason: Reason | str, measured: float | None = None, stated: float | None = None) -> str:
    """A verdict's reason as a sentence, with the numbers a contradiction was found between:
    'still 150 after its time, below its 200'."""
    return REASON_TEXT[Reason(reason)].format(measured=format_count(measured), stated=format_count(stated))


def verdict_rule(verdict: Verdict) -> str:
    """The rule that decided a verdict, as a sentence."""
    return reason_text(verdict.reason, verdict.measured, verdict.stated)


def verdict_rules(verdicts: pd.DataFrame) -> list[str]:
    """verdict_rule for each row of metrics.verdicts.story_verdicts, with the moment it was
    checked at when it was checked against a measured curve ('(at 2025-05-02 14:00 UTC)')."""
    out = []
    for reason, measured, stated, first, last in zip(
            verdicts["reason"], verdicts["measured"], verdicts["stated"], verdicts["moment_start"],
            verdicts["moment_end"], strict=True):
        rule = reason_text(reason, None if pd.isna(measured) else float(measured),
                           None if pd.isna(stated) else float(stated))
        if not pd.isna(first):
            rule += (f" (at {first:%Y-%m-%d %H:%M} UTC)" if first == last else
                     f" (between {first:%Y-%m-%d %H:%M} and {last:%Y-%m-%d %H:%M} UTC)")
        out.append(rule)
    return out


CHANGE_LIMIT = 20  # the provenance table lists the first 20 distinct changes of a figure


def provenance_table(provenance: pd.DataFrame) -> pd.DataFrame:
    """metrics.provenance.figure_provenance as the table a reader gets: the figure as first
    reported, who printed it first and when (and how precise that time is: "day" for a date-only
    article), who repeated it, what repeats changed and which reports conflict, each as text."""
    columns = ["metric", "figure", "first_outlet", "first_reported", "first_reported_precision", "repeated_by",
               "changes", "conflicts"]
    if provenance.empty:
        return pd.DataFrame(columns=columns)
    out = []
    for row in provenance[PROVENANCE_COLUMNS].itertuples(index=False):
        def said(report: Report, unit: str = row.unit, metric: str = row.metric) -> str:
            return describe_claim(report.qualifier, report.value, unit, metric)

        first = said(row.first)
        changes: dict[str, None] = {}
        for change in row.changes:
            if len(changes) == CHANGE_LIMIT:
                break
            kind = ("number changed" if change.kind == NUMBER_CHANGED else
                    "qualifier dropped" if change.kind == QUALIFIER_DROPPED else "qualifier changed")
            changes[f"{change.report.outlet}: {kind}: {first} became {said(change.report)}"] = None
        conflict = ""
        if row.conflict is not None:
            low, high = row.conflict
            conflict = f"{low.outlet} ({said(low)}) vs {high.outlet} ({said(high)})"
        out.append({"metric": row.metric, "figure": first, "first_outlet": row.first_outlet or UNKNOWN_OUTLET,
                    "first_reported": row.first_reported, "first_reported_precision": row.first_precision,
                    "repeated_by": ", ".join(o or UNKNOWN_OUTLET for o in row.repeated_by),
                    "changes": "; ".join(changes), "conflicts": conflict})
    return pd.DataFrame(out, columns=columns)


def thinned_text(thinned: Thinned, noun: str) -> str:
    """How a page's read was cut down, as a phrase naming its rows `noun`: 'a random sample of
    2,000 of the 89,912 figures', 'the first 2,000 of 83,346 articles', 'the last of each item per
    day (38,010 of 905,000 measurements)'."""
    if thinned.how == SAMPLE:
        return f"a random sample of {thinned.shown:,} of the {thinned.total:,} {noun}"
    if thinned.how == FIRST:
        return f"the first {thinned.shown:,} of {thinned.total:,} {noun}"
    return f"the last of each item per {thinned.how} ({thinned.shown:,} of {thinned.total:,} {noun})"


def thinned_chart_note(thinned: Mapping[str, Thinned], metric: str, measured: bool) -> list[str]:
    """What a claims chart drew of what there is, when it could not draw every point, a sentence
    each: the sample of its figures and the measurements kept (`measured`: the chart draws measured
    curves). Empty when it drew everything."""
    parts = []
    if "claims" in thinned:
        parts.append(f"Drawn: {thinned_text(thinned['claims'], metric_noun(metric) + ' figures')}, too many to "
                     "tell apart (narrow the filters to draw them all).")
    if measured and "observations" in thinned:
        parts.append(f"Measured counts: {thinned_text(thinned['observations'], 'measurements')}.")
    return parts


OUTLET_LIST_LIMIT = 10  # outlets named in a sentence; the rest are counted


def outlet_list(outlets: pd.Series, limit: int = OUTLET_LIST_LIMIT) -> str:
    """The outlets of some articles in a sentence, those with most articles first and how many
    each has when more than one: 'AP (3), Reuters and 12 other outlets'. A missing outlet is
    'unknown outlet'."""
    counts = outlets.fillna("unknown outlet").astype(str).value_counts(sort=True)  # ties keep first appearance
    named = [f"{name} ({n})" if n > 1 else str(name) for name, n in counts.iloc[:limit].items()]
    rest = len(counts) - len(named)
    if rest:
        return ", ".join(named) + f" and {rest} other outlet{'s' if rest != 1 else ''}"
    return ", ".join(named)


def event_bands_note(labels: pd.Series) -> str:
    """What a timeline's unlabelled bands mark, when there are too many to label each."""
    return (f"Shaded: {len(labels):,} release and publish times (as reported, and as the platforms show them), "
            "too many to label one by one.")
