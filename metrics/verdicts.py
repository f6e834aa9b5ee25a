"""Was a reported figure true? Claims checked against what the platform measured. Pure.

View, like and comment counts only grow (give or take a platform's spam clean-up), so a count
measured before the moment a claim speaks of is a floor for the true count then, and one
measured after it is a ceiling. When the text only bounds that moment to a range (as_of_start to
as_of: "in their first day" after a release dated to the day), the floor is measured before the
range starts and the ceiling after it ends. A window counted from a release ("first day", "first
week") is counted from the platform's own release time when it was measured. A claim is
- contradicted when a floor is above its interval or a ceiling below it;
- consistent when a floor reaches its lower end and a ceiling stays within its upper end
  (an open end needs no measurement on that side);
- not checkable otherwise, with the reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

import numpy as np
import pandas as pd

from metrics.charts import format_count, measured_curves
from metrics.extract.windows import window_length

_COMBINED = re.compile(r"combined|in total|total|together|across", re.IGNORECASE)
UNKNOWN_ITEM = "which of the videos it counts is not known; only combined figures are checked"
CHANGE = (
    "a change over a period (scope gain or loss), not a running total: the platforms measure totals, "
    "and this figure is not checked against them"
)

EARLIER = (
    "the count before a change the article reports ('up from', 'went from'), and the article does not "
    "say when it held: not checked"
)


@dataclass(frozen=True)
class Verdict:
    verdict: str  # 'consistent' | 'contradicted' | 'not checkable'
    rule: str


def judge(low: float | None, high: float | None, floor: float | None, ceiling: float | None) -> Verdict:
    """Compare a claim's interval with the counts measured just before and just after its time."""
    if low is None and high is None:
        return Verdict("not checkable", "the claim states no number")
    if floor is None and ceiling is None:
        return Verdict("not checkable", "no measurement near the claim's time")
    if high is not None and floor is not None and floor > high:
        return Verdict("contradicted", f"already {format_count(floor)} before its time, above its {format_count(high)}")
    if low is not None and ceiling is not None and ceiling < low:
        return Verdict("contradicted", f"still {format_count(ceiling)} after its time, below its {format_count(low)}")
    low_ok = low is None or (floor is not None and floor >= low)
    high_ok = high is None or (ceiling is not None and ceiling <= high)
    if low_ok and high_ok:
        return Verdict("consistent", "measurements before and after its time bracket its figure")
    return Verdict("not checkable", "the measurements near its time do not settle it")


def claim_moment(reported_at: datetime, time_window: object, first_release: datetime | None) -> datetime:
    """The time a claim speaks of: the end of its window counted from the measured release ("first
    day", "within 24 hours", "first week"), else the time it was reported for."""
    if isinstance(time_window, str) and first_release is not None:
        length = window_length(time_window)
        if length is not None and length[1] is None:
            return first_release + length[0]
    return reported_at


def _moments(claims: pd.DataFrame, release: datetime | None) -> tuple[pd.Series, pd.Series]:
    """(earliest, latest) moment each claim speaks of; equal when the moment is an instant."""
    reported = pd.to_datetime(claims["reported_at"], utc=True).reset_index(drop=True)
    start = (
        pd.to_datetime(claims["as_of_start"], utc=True).reset_index(drop=True)
        if "as_of_start" in claims
        else pd.Series(pd.NaT, index=reported.index, dtype="datetime64[ns, UTC]")
    )
    start = start.where(start.notna(), reported)
    end = reported.copy()
    if release is not None:
        windows = claims["time_window"].reset_index(drop=True)
        for window in pd.unique(windows.dropna()):
            moment = claim_moment(release, window, release)
            if moment != release:  # a window counted from the release: the measured release wins
                hit = (windows == window).to_numpy()
                start[hit] = end[hit] = pd.Timestamp(moment)
    return start, end


def _curve(observations: pd.DataFrame, metric: str, items: int) -> tuple[pd.Series, np.ndarray] | None:
    """The curve a claim of `metric` is checked against: the only item's, or the sum of all items
    (None when there is no sum of every item for this metric)."""
    found = dict(measured_curves(observations, metric))
    curve = found.get(f"combined ({items} items)") if items > 1 else next(iter(found.values()), None)
    return (curve["observed_at"], curve["value"].to_numpy()) if curve is not None else None


def _matches(pattern: re.Pattern[str], column: pd.Series) -> np.ndarray:
    """pattern.search on each text of a column, once per distinct text; missing text never matches."""
    codes, texts = pd.factorize(column)  # missing -> -1, which picks the False appended last
    found = [isinstance(t, str) and bool(pattern.search(t)) for t in texts]
    return np.array([*found, False], dtype=bool)[codes]


def story_verdicts(claims: pd.DataFrame, observations: pd.DataFrame) -> pd.DataFrame:
    """A verdict and its rule for every claim of a metric the platforms measured."""
    out = claims[["id"]].assign(verdict="not checkable", rule="no platform measurement for this figure")
    if observations.empty or claims.empty:
        return out
    release = pd.to_datetime(observations["media_published_at"], utc=True).min()
    release = None if pd.isna(release) else release.to_pydatetime()
    items = observations["platform_id"].nunique()
    verdicts, rules = out["verdict"].to_numpy(dtype=object), out["rule"].to_numpy(dtype=object)
    metric = claims["metric"].astype(str).to_numpy()
    reported = pd.to_datetime(claims["reported_at"], utc=True).reset_index(drop=True)
    start, end = _moments(claims, release)
    named_combined = _matches(_COMBINED, claims["scope"])
    changed = claims["scope"].isin(["gain", "loss"]).to_numpy()
    rules[changed] = CHANGE
    # An undated earlier count has no moment (story_claims.sql leaves its reported_at empty).
    rules[(claims["scope"] == "earlier").to_numpy() & reported.isna().to_numpy()] = EARLIER
    low, high = claims["low"].astype(float).to_numpy(), claims["high"].astype(float).to_numpy()
    for name in pd.unique(metric):
        curve = _curve(observations, str(name), items)
        if curve is None:
            continue
        of_metric = (metric == name) & reported.notna().to_numpy() & ~changed
        if items > 1:
            rules[of_metric & ~named_combined] = UNKNOWN_ITEM
            of_metric &= named_combined
        rows = np.flatnonzero(of_metric)
        if not len(rows):
            continue
        times, values = curve
        first, last = pd.DatetimeIndex(start.iloc[rows]), pd.DatetimeIndex(end.iloc[rows])
        before = times.searchsorted(first, side="right")  # observations at or before the earliest moment
        after = times.searchsorted(last, side="left")  # observations at or after the latest
        stamps = [
            f"at {a:%Y-%m-%d %H:%M} UTC" if a == b else f"between {a:%Y-%m-%d %H:%M} and {b:%Y-%m-%d %H:%M} UTC"
            for a, b in zip(first, last, strict=True)
        ]
        for i, b, a, stamp in zip(rows, before, after, stamps, strict=True):
            v = judge(None if np.isnan(low[i]) else float(low[i]), None if np.isnan(high[i]) else float(high[i]),
                      float(values[b - 1]) if b > 0 else None, float(values[a]) if a < len(values) else None)
            verdicts[i], rules[i] = v.verdict, f"{v.rule} ({stamp})"
    return out.assign(verdict=verdicts, rule=rules)
