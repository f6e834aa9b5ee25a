"""A figure's interval from its qualifier: [low, high], open ends as None (see the package docstring)."""

from __future__ import annotations

from metrics.extract.claims.fragments import _QUALIFIERS, _TALLY_QUALIFIERS
from metrics.extract.numbers import precision_band

APPROX_TENTHS = 1  # approx band: +-10% of the value


def claim_bounds(
    value: float | None, qualifier: str | None, step: float | None = None
) -> tuple[str, float | None, float | None]:
    """(bound, low, high) for a figure and its qualifier: "more than 5" is ('lower', 5, None).

    `step` is the precision an exact figure is written to (numbers.written_step): "5.2 million"
    has step 100,000 and so stands for [5.15, 5.25] million; without a step exact is [value, value].
    """
    bound = (
        "lower"
        if qualifier == "plus"
        else "approx"
        if qualifier in ("odd", "~")
        else _QUALIFIERS.get(qualifier or "") or _TALLY_QUALIFIERS.get(qualifier or "", "exact")
    )
    if value is None:
        return bound, None, None
    if bound == "lower":
        return bound, value, None
    if bound == "upper":
        return bound, None, value
    if bound == "approx":
        # Tenths, not 0.9/1.1 floats, so 900,000 gives exactly 810,000 and 990,000.
        return bound, value * (10 - APPROX_TENTHS) / 10, value * (10 + APPROX_TENTHS) / 10
    if step:
        low, high = precision_band(value, step)
        return bound, low, high
    return bound, value, value


# An English qualifier of each bound's shape, for figures whose own qualifier is not in the English
# table (German ones, or a qualifier shared across a list): the interval depends only on the bound.
_SHAPE_OF = {"lower": "over", "upper": "nearly", "approx": "about"}


def bound_interval(value: float, bound: str) -> tuple[str, float | None, float | None]:
    """(bound, low, high) for `value` under `bound`, drawn as claim_bounds draws that bound."""
    return claim_bounds(value, _SHAPE_OF.get(bound))
