"""Who reported a figure first, who repeated it, and who changed it on the way. Pure.

Claims of one metric are grouped into figure families in the order they were reported: a claim
joins the first family whose first figure is within FAMILY_RATIO of its own (5 million and
"more than 5 million" are one family; 900,000 and 5 million are two). Within a family, a
repeat that drops or changes the qualifier, or changes the number, is recorded as a change;
when some reports' intervals cannot all be true, the pair furthest apart is flagged.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd

from metrics.charts import describe_claim

FAMILY_RATIO = 1.3  # a repeat within 30% of the first figure is the same figure retold


@dataclass
class Family:
    metric: str
    first: pd.Series
    members: list[pd.Series] = field(default_factory=list)

    def accepts(self, claim: pd.Series) -> bool:
        a, b = float(self.first["value"]), float(claim["value"])
        return claim["metric"] == self.metric and a > 0 and b > 0 and max(a, b) / min(a, b) <= FAMILY_RATIO


def _said(claim: pd.Series) -> str:
    qualifier = claim["qualifier"] if isinstance(claim["qualifier"], str) else None
    return describe_claim(qualifier, claim["value"], str(claim["unit"]), str(claim["metric"]))


def _bounds(claim: pd.Series) -> tuple[float, float]:
    low = claim["low"] if pd.notna(claim["low"]) else float("-inf")
    high = claim["high"] if pd.notna(claim["high"]) else float("inf")
    return float(low), float(high)


def _change(first: pd.Series, later: pd.Series) -> str | None:
    if later["value"] != first["value"]:
        return f"number changed: {_said(first)} became {_said(later)}"
    if later["bound"] != first["bound"]:
        if first["bound"] in ("lower", "upper") and later["bound"] == "exact":
            return f"qualifier dropped: {_said(first)} became {_said(later)}"
        return f"qualifier changed: {_said(first)} became {_said(later)}"
    return None


def _bucket(value: float) -> int:
    return math.floor(math.log(value) / math.log(FAMILY_RATIO))


def figure_provenance(claims: pd.DataFrame) -> pd.DataFrame:
    """One row per figure family: first report, repeats, changes and conflicts."""
    columns = ["metric", "figure", "first_outlet", "first_reported", "repeated_by", "changes", "conflicts"]
    usable = claims[claims["value"].notna() & claims["reported_at"].notna() & (claims["value"] > 0)
                    & ~claims["metric"].isin(["video_published", "video_count"])]
    if usable.empty:
        return pd.DataFrame(columns=columns)
    families: list[Family] = []
    # Families indexed by metric and log-bucket of their first figure: a claim only needs to look
    # at its own and the neighbouring buckets, so thousands of figures stay fast.
    index: dict[tuple[str, int], list[Family]] = {}
    for _, claim in usable.sort_values(["reported_at", "id"]).iterrows():
        key = _bucket(float(claim["value"]))
        candidates = (f for b in (key - 1, key, key + 1) for f in index.get((str(claim["metric"]), b), []))
        family = next((f for f in candidates if f.accepts(claim)), None)
        if family is None:
            family = Family(str(claim["metric"]), claim, [claim])
            families.append(family)
            index.setdefault((family.metric, key), []).append(family)
        else:
            family.members.append(claim)
    out = []
    for family in families:
        first = family.first
        repeats = family.members[1:]
        outlets = list(dict.fromkeys(str(c["outlet"]) for c in repeats if str(c["outlet"]) != str(first["outlet"])))
        changes = [f"{c['outlet']}: {change}" for c in repeats if (change := _change(first, c))]
        # Some pair cannot both be true exactly when the highest lower end passes the lowest upper end.
        highest_low = max(family.members, key=lambda c: _bounds(c)[0])
        lowest_high = min(family.members, key=lambda c: _bounds(c)[1])
        conflict = ""
        if _bounds(highest_low)[0] > _bounds(lowest_high)[1]:
            conflict = (f"{lowest_high['outlet']} ({_said(lowest_high)}) vs "
                        f"{highest_low['outlet']} ({_said(highest_low)})")
        out.append({
            "metric": family.metric,
            "figure": _said(first),
            "first_outlet": first["outlet"],
            "first_reported": first["reported_at"],
            "repeated_by": ", ".join(outlets),
            "changes": "; ".join(list(dict.fromkeys(changes))[:20]),
            "conflicts": conflict,
        })
    return pd.DataFrame(out, columns=columns)
