"""Read side: coverage in time and copies folded. Data in, data out; no display strings.

Time buckets count articles per day, week or month on the clock of a chosen zone; folding puts
syndicated copies into their original report. The presentation layer (metrics.format,
metrics.charts) names and draws the results.
"""

from __future__ import annotations

import zoneinfo
from functools import cache

import numpy as np
import pandas as pd

BUCKETS: tuple[str, ...] = ("day", "week", "month")
BUCKET_CHOICES: tuple[str, ...] = ("auto", *BUCKETS)
_PERIOD = {"day": "D", "week": "W-SUN", "month": "M"}  # W-SUN: weeks ending Sunday, so Monday to Sunday


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


def next_bucket_starts(starts: pd.Series | pd.DatetimeIndex, bucket: str) -> pd.DatetimeIndex:
    """For wall-clock bucket starts, the start of the bucket after each (months keep their length)."""
    return (pd.DatetimeIndex(starts).to_period(_PERIOD[bucket]) + 1).start_time


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


def precision_of(articles: pd.DataFrame) -> pd.Series | None:
    """The articles' published_precision column, if they carry one."""
    # Frames built by hand (tests, older callers) may carry no precision: every time is then an instant.
    return articles["published_precision"] if "published_precision" in articles.columns else None


def timeline_table(articles: pd.DataFrame, bucket: str = "auto", tz: str = "UTC") -> pd.DataFrame:
    """The rows behind a timeline: each article with the bucket it is counted in, that bucket's
    start in zone `tz` and the zone's name, so a reader can recount the bars. A date-only
    article is counted on its own date, as on the chart."""
    chosen = timeline_bucket(articles, bucket)
    zone = canonical_timezone(tz)
    starts = bucket_starts(articles["published_at"], chosen, zone, precision_of(articles))
    return articles.assign(bucket=chosen, bucket_start=starts, timezone=zone)


def wall_clock(instants: pd.Series, zone: str) -> np.ndarray:
    """The instants as the clock in `zone` shows them, zone dropped: plotly draws wall-clock
    times. A datetime64 array, not Timestamp objects, so plotly copies and checks it as one block."""
    return pd.to_datetime(instants, utc=True).dt.tz_convert(zone).dt.tz_localize(None).to_numpy()


# Columns fold_copies adds: how many articles a kept row stands for, and the wire source they
# credit (None when the group is an article's own copies). metrics.format.label_copies reads them.
COPIES = "copies"
COPY_SOURCE = "copy_source"


def fold_copies(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per original report: syndicated copies folded into the earliest of their group.

    A copy linked to an article (text fingerprint) joins that article's group; one that only
    credits a source (AP, Reuters) joins that source's group. Each kept row gets COPIES (the
    size of its group) and COPY_SOURCE (the credited source, or None), so a chart can say what
    was folded.
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
    kept[COPIES] = sizes.loc[kept.index].astype(int)
    wire = kept["_group"].str.startswith("source:")
    kept[COPY_SOURCE] = kept["_group"].str.removeprefix("source:").where(wire, None)
    return kept.drop(columns="_group")
