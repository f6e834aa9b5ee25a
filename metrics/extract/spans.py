"""A set of non-overlapping spans with logarithmic overlap tests.

Extraction checks every candidate against spans already taken or excluded; a linear scan there
would make a text with many figures quadratic.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable


class SpanSet:
    """Sorted spans; `add` keeps them sorted, overlapping ones are merged."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        for start, end in sorted(spans):
            self.add(start, end)

    def overlaps(self, start: int, end: int) -> bool:
        """True when [start, end) shares a character with a span in the set."""
        i = bisect.bisect_left(self._starts, end)
        # Spans are disjoint and sorted, so only the last one starting before `end` can reach `start`.
        return i > 0 and self._ends[i - 1] > start

    def add(self, start: int, end: int) -> None:
        i = bisect.bisect_left(self._starts, start)
        if i > 0 and self._ends[i - 1] >= start:
            i -= 1
            start = self._starts[i]
            end = max(end, self._ends[i])
            del self._starts[i], self._ends[i]
        while i < len(self._starts) and self._starts[i] <= end:
            end = max(end, self._ends[i])
            del self._starts[i], self._ends[i]
        self._starts.insert(i, start)
        self._ends.insert(i, end)
