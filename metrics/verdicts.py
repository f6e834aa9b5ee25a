"""Was a reported figure true? Claims checked against what the platform measured. Pure.

View, like and comment counts only grow (give or take a platform's spam clean-up), so a count
measured before the moment a claim speaks of is a floor for the true count then, and one
measured after it is a ceiling. A claim is
- contradicted when a floor is above its interval or a ceiling below it;
- consistent when a floor reaches its lower end and a ceiling stays within its upper end
  (an open end needs no measurement on that side);
- not checkable otherwise, with the reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

import pandas as pd

from metrics.charts import format_count, measured_curves

_FIRST_DAY = re.compile(r"first (day|24 hours)|within (a day|24 hours)", re.IGNORECASE)
_COMBINED = re.compile(r"combined|in total|total|together|across", re.IGNORECASE)


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
    """The time a claim speaks of: the end of the videos' first day for "first day" claims."""
    if isinstance(time_window, str) and _FIRST_DAY.search(time_window) and first_release is not None:
        return first_release + timedelta(days=1)
    return reported_at


def story_verdicts(claims: pd.DataFrame, observations: pd.DataFrame) -> pd.DataFrame:
    """A verdict and its rule for every claim of a metric the platforms measured."""
    out = claims[["id"]].assign(verdict="not checkable", rule="no platform measurement for this figure")
    if observations.empty or claims.empty:
        return out
    release = pd.to_datetime(observations["media_published_at"], utc=True).min()
    release = None if pd.isna(release) else release.to_pydatetime()
    items = observations["platform_id"].nunique()
    curves: dict[str, tuple[pd.Series, object] | None] = {}  # built once per metric, not per claim
    verdicts, rules = list(out["verdict"]), list(out["rule"])
    columns = ("metric", "reported_at", "scope", "time_window", "low", "high")
    for i, (metric, reported_at, scope, window, low, high) in enumerate(zip(*(claims[c] for c in columns))):
        metric = str(metric)
        if metric not in curves:
            found = dict(measured_curves(observations, metric))
            curve = (found.get(f"combined ({items} items)") if items > 1 else next(iter(found.values()), None))
            curves[metric] = (curve["observed_at"], curve["value"].to_numpy()) if curve is not None else None
        if curves[metric] is None or pd.isna(reported_at):
            continue
        if items > 1 and not (isinstance(scope, str) and _COMBINED.search(scope)):
            rules[i] = "which of the videos it counts is not known; only combined figures are checked"
            continue
        times, values = curves[metric]  # type: ignore[misc]
        moment = pd.Timestamp(claim_moment(pd.Timestamp(reported_at).to_pydatetime(), window, release))
        before = int(times.searchsorted(moment, side="right"))  # observations at or before the moment
        after = int(times.searchsorted(moment, side="left"))  # observations at or after it
        v = judge(None if pd.isna(low) else float(low), None if pd.isna(high) else float(high),
                  float(values[before - 1]) if before > 0 else None,  # type: ignore[index]
                  float(values[after]) if after < len(values) else None)  # type: ignore[index,arg-type]
        verdicts[i], rules[i] = v.verdict, f"{v.rule} (at {moment:%Y-%m-%d %H:%M} UTC)"
    return out.assign(verdict=verdicts, rule=rules)
