"""Read side: what the platforms measured, as a curve per item and their sum. Pure."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd

from metrics.coverage import wall_clock


class Curve(NamedTuple):
    """One measured curve: observed_at (UTC) and value, in time order."""

    name: str  # the item's title (its platform id when untitled); "" for the sum
    points: pd.DataFrame
    items: int = 1  # how many items it adds up
    combined: bool = False  # the sum of every item


def measured_curves(observations: pd.DataFrame | None, metric: str) -> list[Curve]:
    """One curve per media item and, for several, their sum (last).

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
    curves = [Curve(str(key[1]), columns.iloc[idx])
              for key, idx in obs.groupby(["platform_id", "title"], sort=True, dropna=False).indices.items()]
    if len(curves) > 1:
        curves.append(Curve("", _step_sum(obs), items=len(curves), combined=True))
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
    when = wall_clock(ordered["observed_at"], "UTC")
    total = change.cumsum().to_numpy()
    # Sorted by time, so the last row of each time holds the total once all its changes are in.
    last_of_time = np.append(when[1:] != when[:-1], True)
    everyone_seen = pd.Series(when).groupby(item).min().max()
    keep = last_of_time & (when >= everyone_seen)
    return pd.DataFrame({"observed_at": pd.to_datetime(when[keep]).tz_localize("UTC"), "value": total[keep]})
