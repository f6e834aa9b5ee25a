"""Was a reported figure true? Claims checked against what the platform measured. Pure.

Returns data: a verdict, the reason code that decided it and the numbers and moments it was
decided on. metrics.format.verdict_rules writes the reason as a sentence.

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
from enum import StrEnum

import numpy as np
import pandas as pd

from metrics.extract.windows import window_length
from metrics.measured import measured_curves

_COMBINED = re.compile(r"combined|in total|total|together|across", re.IGNORECASE)

CONSISTENT = "consistent"
CONTRADICTED = "contradicted"
NOT_CHECKABLE = "not checkable"


class Reason(StrEnum):
    """Why a claim got its verdict; metrics.format.REASON_TEXT says each as a sentence."""

    NOT_MEASURED = "not_measured"  # no platform measurement of this figure
    NO_NUMBER = "no_number"
    NO_MEASUREMENT_NEAR = "no_measurement_near"
    FLOOR_ABOVE = "floor_above"  # measured before its time, above its upper end
    CEILING_BELOW = "ceiling_below"  # measured after its time, below its lower end
    BRACKETED = "bracketed"
    UNSETTLED = "unsettled"
    UNKNOWN_ITEM = "unknown_item"  # several items measured, the claim does not say it is their sum
    CHANGE = "change"  # a gain or loss over a period, not a total
    EARLIER = "earlier"  # an undated earlier count


@dataclass(frozen=True)
class Verdict:
    verdict: str  # CONSISTENT | CONTRADICTED | NOT_CHECKABLE
    reason: Reason
    measured: float | None = None  # the floor or ceiling that contradicted the claim
    stated: float | None = None  # the end of the claim's interval it contradicted


def judge(low: float | None, high: float | None, floor: float | None, ceiling: float | None) -> Verdict:
    """Compare a claim's interval with the counts measured just before and just after its time."""
    if low is None and high is None:
        return Verdict(NOT_CHECKABLE, Reason.NO_NUMBER)
    if floor is None and ceiling is None:
        return Verdict(NOT_CHECKABLE, Reason.NO_MEASUREMENT_NEAR)
    if high is not None and floor is not None and floor > high:
        return Verdict(CONTRADICTED, Reason.FLOOR_ABOVE, measured=floor, stated=high)
    if low is not None and ceiling is not None and ceiling < low:
        return Verdict(CONTRADICTED, Reason.CEILING_BELOW, measured=ceiling, stated=low)
    low_ok = low is None or (floor is not None and floor >= low)
    high_ok = high is None or (ceiling is not None and ceiling <= high)
    if low_ok and high_ok:
        return Verdict(CONSISTENT, Reason.BRACKETED)
    return Verdict(NOT_CHECKABLE, Reason.UNSETTLED)


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
    curves = measured_curves(observations, metric)
    if items > 1:
        curve = next((c for c in curves if c.combined and c.items == items), None)
    else:
        curve = curves[0] if curves else None
    return (curve.points["observed_at"], curve.points["value"].to_numpy()) if curve is not None else None


def _matches(pattern: re.Pattern[str], column: pd.Series) -> np.ndarray:
    """pattern.search on each text of a column, once per distinct text; missing text never matches."""
    codes, texts = pd.factorize(column)  # missing -> -1, which picks the False appended last
    found = [isinstance(t, str) and bool(pattern.search(t)) for t in texts]
    return np.array([*found, False], dtype=bool)[codes]


def story_verdicts(claims: pd.DataFrame, observations: pd.DataFrame) -> pd.DataFrame:
    """A verdict for every claim of a metric the platforms measured: id, verdict, reason (a
    Reason), measured and stated (the numbers a contradiction was found between), and the
    moment_start / moment_end it was checked at (missing when it was not checked against a curve)."""
    n = len(claims)
    out = claims[["id"]].assign(verdict=NOT_CHECKABLE, reason=Reason.NOT_MEASURED)
    nat = pd.Series(pd.NaT, index=claims.index, dtype="datetime64[ns, UTC]")
    out = out.assign(measured=np.nan, stated=np.nan, moment_start=nat, moment_end=nat)
    if observations.empty or claims.empty:
        return out
    release = pd.to_datetime(observations["media_published_at"], utc=True).min()
    release = None if pd.isna(release) else release.to_pydatetime()
    items = observations["platform_id"].nunique()
    verdicts, reasons = out["verdict"].to_numpy(dtype=object), out["reason"].to_numpy(dtype=object)
    measured, stated = np.full(n, np.nan), np.full(n, np.nan)
    # UTC wall-clock datetime64 arrays, given back their zone at the end.
    checked_from = np.full(n, np.datetime64("NaT"), dtype="datetime64[ns]")
    checked_to = checked_from.copy()
    metric = claims["metric"].astype(str).to_numpy()
    reported = pd.to_datetime(claims["reported_at"], utc=True).reset_index(drop=True)
    start, end = _moments(claims, release)
    named_combined = _matches(_COMBINED, claims["scope"])
    changed = claims["scope"].isin(["gain", "loss"]).to_numpy()
    reasons[changed] = Reason.CHANGE
    # An undated earlier count has no moment (story_claims.sql leaves its reported_at empty).
    reasons[(claims["scope"] == "earlier").to_numpy() & reported.isna().to_numpy()] = Reason.EARLIER
    low, high = claims["low"].astype(float).to_numpy(), claims["high"].astype(float).to_numpy()
    for name in pd.unique(metric):
        curve = _curve(observations, str(name), items)
        if curve is None:
            continue
        of_metric = (metric == name) & reported.notna().to_numpy() & ~changed
        if items > 1:
            reasons[of_metric & ~named_combined] = Reason.UNKNOWN_ITEM
            of_metric &= named_combined
        rows = np.flatnonzero(of_metric)
        if not len(rows):
            continue
        times, values = curve
        first, last = pd.DatetimeIndex(start.iloc[rows]), pd.DatetimeIndex(end.iloc[rows])
        before = times.searchsorted(first, side="right")  # observations at or before the earliest moment
        after = times.searchsorted(last, side="left")  # observations at or after the latest
        checked_from[rows] = first.tz_convert("UTC").tz_localize(None).to_numpy()
        checked_to[rows] = last.tz_convert("UTC").tz_localize(None).to_numpy()
        for i, b, a in zip(rows, before, after, strict=True):
            v = judge(None if np.isnan(low[i]) else float(low[i]), None if np.isnan(high[i]) else float(high[i]),
                      float(values[b - 1]) if b > 0 else None, float(values[a]) if a < len(values) else None)
            verdicts[i], reasons[i] = v.verdict, v.reason
            if v.measured is not None and v.stated is not None:
                measured[i], stated[i] = v.measured, v.stated
    return out.assign(verdict=verdicts, reason=reasons, measured=measured, stated=stated,
                      moment_start=pd.DatetimeIndex(checked_from).tz_localize("UTC"),
                      moment_end=pd.DatetimeIndex(checked_to).tz_localize("UTC"))
