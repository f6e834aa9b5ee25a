"""Who reported a figure first, who repeated it, and who changed it on the way. Pure.

Claims of one metric are grouped into figure families in the order they were reported: a claim
joins the first family whose first figure is within FAMILY_RATIO of its own (5 million and
"more than 5 million" are one family; 900,000 and 5 million are two). Within a family, a
repeat that drops or changes the qualifier, or changes the number, is recorded as a change;
two reports whose intervals cannot both be true are flagged as a conflict.
"""

from __future__ import annotations

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


def figure_provenance(claims: pd.DataFrame) -> pd.DataFrame:
    """One row per figure family: first report, repeats, changes and conflicts."""
    columns = ["metric", "figure", "first_outlet", "first_reported", "repeated_by", "changes", "conflicts"]
    usable = claims[claims["value"].notna() & claims["reported_at"].notna()
                    & ~claims["metric"].isin(["video_published", "video_count"])]
    if usable.empty:
        return pd.DataFrame(columns=columns)
    families: list[Family] = []
    for _, claim in usable.sort_values(["reported_at", "id"]).iterrows():
        family = next((f for f in families if f.accepts(claim)), None)
        if family is None:
            families.append(Family(str(claim["metric"]), claim, [claim]))
        else:
            family.members.append(claim)
    out = []
    for family in families:
        first = family.first
        repeats = family.members[1:]
        outlets = list(dict.fromkeys(str(c["outlet"]) for c in repeats if str(c["outlet"]) != str(first["outlet"])))
        changes = [f"{c['outlet']}: {change}" for c in repeats if (change := _change(first, c))]
        conflicts = []
        for i, a in enumerate(family.members):
            for b in family.members[i + 1 :]:
                (alo, ahi), (blo, bhi) = _bounds(a), _bounds(b)
                if ahi < blo or bhi < alo:
                    conflicts.append(f"{a['outlet']} ({_said(a)}) vs {b['outlet']} ({_said(b)})")
        out.append({
            "metric": family.metric,
            "figure": _said(first),
            "first_outlet": first["outlet"],
            "first_reported": first["reported_at"],
            "repeated_by": ", ".join(outlets),
            "changes": "; ".join(dict.fromkeys(changes)),
            "conflicts": "; ".join(conflicts),
        })
    return pd.DataFrame(out, columns=columns)
