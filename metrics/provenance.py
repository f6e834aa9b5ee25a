"""Who reported a figure first, who repeated it, and who changed it on the way. Pure.

Claims of one metric are grouped into figure families in the order they were reported: a claim
joins the first family whose first figure is within FAMILY_RATIO of its own (5 million and
"more than 5 million" are one family; 900,000 and 5 million are two). Within a family, a
repeat that drops or changes the qualifier, or changes the number, is recorded as a change;
when some reports' intervals cannot all be true, the pair furthest apart is flagged. It returns
data (reports, change kinds); metrics.format.provenance_table writes them as sentences.

Figures printed in one article (same article_id) are never a change or a conflict of each other:
"170,000 and 140,000 views, respectively" are two videos, not one figure revised. So a family holds
at most one number per article (a second, different number from the same article starts or joins
another family), a repeat from the first report's own article is not listed as a change, and
conflicts are only looked for between reports from different articles.
"""

from __future__ import annotations

import math
from collections.abc import Hashable
from typing import NamedTuple

import numpy as np
import pandas as pd

FAMILY_RATIO = 1.3  # a repeat within 30% of the first figure is the same figure retold

PROVENANCE_COLUMNS = ["metric", "unit", "first", "first_outlet", "first_reported", "first_precision", "repeated_by",
                      "changes", "conflict"]
# What a repeat did to the first report's figure (metrics.format.CHANGE_TEXT says each).
NUMBER_CHANGED = "number_changed"
QUALIFIER_DROPPED = "qualifier_dropped"
QUALIFIER_CHANGED = "qualifier_changed"


class Report(NamedTuple):
    """One outlet's report of a figure (its metric and unit are the family's)."""

    outlet: object  # as stored: a name, or None when unknown
    qualifier: str | None
    value: float
    bound: str


class Change(NamedTuple):
    kind: str  # NUMBER_CHANGED | QUALIFIER_DROPPED | QUALIFIER_CHANGED
    report: Report


def _bucket(value: float) -> int:
    return math.floor(math.log(value) / math.log(FAMILY_RATIO))


def _same_figure(first: float, value: float) -> bool:
    return first > 0 and value > 0 and max(first, value) / min(first, value) <= FAMILY_RATIO


def figure_provenance(claims: pd.DataFrame) -> pd.DataFrame:
    """One row per figure family, in PROVENANCE_COLUMNS: its metric and unit, the first report
    (a Report) with its outlet and print time, the outlets that repeated it (in order), every
    repeat from another article that changed it (Changes, in order) and the pair of reports
    furthest apart that cannot both be true (lowest upper end, highest lower end), or None."""
    columns = PROVENANCE_COLUMNS
    usable = claims[claims["value"].notna() & claims["reported_at"].notna() & (claims["value"] > 0)
                    & ~claims["metric"].isin(["video_published", "video_count"])]
    if usable.empty:
        return pd.DataFrame(columns=columns)
    # First to print it: by the article's publication time, not by when the figure held (an
    # article of 8 May can date its figure "as of Wednesday" and still be the later report).
    printed = (usable["published_at"].where(usable["published_at"].notna(), usable["reported_at"])
               if "published_at" in usable.columns else usable["reported_at"])
    # How precise that time is ("day" for a date-only article), so that it is never shown as midnight.
    precision = _printed_precision(usable)
    usable = usable.assign(_printed=pd.to_datetime(printed, utc=True), _precision=precision)
    ordered = usable.sort_values(["_printed", "id"])
    # Plain lists, not a Series per row: a story of 25,000 claims took 1.7 s through iterrows.
    metric = [str(m) for m in ordered["metric"].tolist()]
    value = ordered["value"].tolist()
    unit = [str(u) for u in ordered["unit"].tolist()]
    bound = ordered["bound"].tolist()
    qualifier = [q if isinstance(q, str) else None for q in ordered["qualifier"].tolist()]
    # A missing outlet is None (not NaN, which str() would print as "nan"); presentation names it.
    outlet = [o if isinstance(o, str) and o else None for o in ordered["outlet"].tolist()]
    # Without an article id (hand-built frames) every claim counts as its own article, as before.
    article: list[Hashable] = (
        [("claim", i) if pd.isna(a) else a for i, a in enumerate(ordered["article_id"].tolist())]
        if "article_id" in ordered.columns else [("claim", i) for i in range(len(ordered))])
    # An open end of an interval reaches as far as it can, so it never conflicts on that side.
    low = ordered["low"].astype(float).fillna(float("-inf")).to_numpy()
    high = ordered["high"].astype(float).fillna(float("inf")).to_numpy()

    def report(i: int) -> Report:
        return Report(outlet[i], qualifier[i], value[i], bound[i])

    def change(first: int, later: int) -> str:
        if value[later] != value[first]:
            return NUMBER_CHANGED
        if bound[first] in ("lower", "upper") and bound[later] == "exact":
            return QUALIFIER_DROPPED
        return QUALIFIER_CHANGED

    # A claim joins the first family (looking in the bucket below its own, its own, then the one
    # above) whose first figure is within FAMILY_RATIO of it, else starts one. Families are
    # indexed by metric and log-bucket of their first figure, so a claim looks at few of them.
    # A family already holding another number from the claim's own article is passed over: the
    # article is describing two things. Because that lets two families' first figures lie close
    # together, a family whose first figure is exactly the claim's is preferred, so a later
    # outlet's "140K" repeats the article's 140K rather than "changes" its 170K. (Without such
    # passing over, first figures are always more than FAMILY_RATIO apart, so at most one family
    # has the exact figure and it is also the first within the ratio: nothing else changes.)
    families: list[list[int]] = []  # positions in `ordered`; the first is the first report
    numbers: list[dict[Hashable, set[float]]] = []  # per family: article -> its numbers in it
    index: dict[tuple[str, int], list[int]] = {}
    for i, (m, v) in enumerate(zip(metric, value, strict=True)):
        key = _bucket(float(v))
        fits = [f for b in (key - 1, key, key + 1) for f in index.get((m, b), ())
                if _same_figure(float(value[families[f][0]]), float(v))
                and numbers[f].get(article[i], {v}) == {v}]
        found = next((f for f in fits if value[families[f][0]] == v), fits[0] if fits else None)
        if found is None:
            index.setdefault((m, key), []).append(len(families))
            families.append([i])
            numbers.append({article[i]: {v}})
        else:
            families[found].append(i)
            numbers[found].setdefault(article[i], set()).add(v)

    out = []
    reported = ordered["_printed"]
    precisions = ordered["_precision"].tolist()
    for members in families:
        first, repeats = members[0], members[1:]
        outlets = list(dict.fromkeys(outlet[c] for c in repeats if outlet[c] != outlet[first]))
        # The article restating its own figure ("more than 5M ... 5M") is no change.
        changes = tuple(Change(change(first, c), report(c)) for c in repeats
                        if article[c] != article[first] and (value[c] != value[first] or bound[c] != bound[first]))
        pair = _conflict(members, low, high, article)
        out.append({
            "metric": metric[first],
            "unit": unit[first],
            "first": report(first),
            "first_outlet": outlet[first],
            "first_reported": reported.iloc[first],
            "first_precision": precisions[first],
            "repeated_by": tuple(outlets),
            "changes": changes,
            "conflict": None if pair is None else (report(pair[1]), report(pair[0])),
        })
    return pd.DataFrame(out, columns=columns)


def _printed_precision(claims: pd.DataFrame) -> pd.Series:
    """The precision of each claim's print time: its article's (published_precision) when it has a
    publication time, else that of when the figure held (reported_precision); None when unknown."""
    none = pd.Series([None] * len(claims), index=claims.index, dtype=object)
    held = claims["reported_precision"].astype(object) if "reported_precision" in claims.columns else none
    if "published_at" not in claims.columns or "published_precision" not in claims.columns:
        return held.where(held.notna(), None)
    found = claims["published_precision"].astype(object).where(claims["published_at"].notna(), held)
    return found.where(found.notna(), None)


def _conflict(members: list[int], low: np.ndarray, high: np.ndarray,
              article: list[Hashable]) -> tuple[int, int] | None:
    """(highest low end, lowest high end) of the pair from different articles furthest apart, if it conflicts.

    Some pair cannot both be true exactly when a lower end passes an upper end. The furthest pair
    is the highest low against the lowest high; when both come from one article, the best pair
    from two articles swaps one of them for the best from another article, which is O(n), not a
    look at every pair (families of thousands of claims are common).
    """
    at = np.asarray(members)
    highest_low = int(at[low[at].argmax()])  # the first of equals, as max() would pick
    lowest_high = int(at[high[at].argmin()])
    if article[highest_low] == article[lowest_high]:
        same = article[highest_low]
        others = np.asarray([m for m in members if article[m] != same], dtype=int)
        if others.size == 0:
            return None
        next_low = int(others[low[others].argmax()])
        next_high = int(others[high[others].argmin()])
        # Of (highest low, next lowest high) and (next highest low, lowest high), the wider apart.
        if low[highest_low] - high[next_high] >= low[next_low] - high[lowest_high]:
            lowest_high = next_high
        else:
            highest_low = next_low
    if low[highest_low] > high[lowest_high]:
        return highest_low, lowest_high
    return None
