"""A set of non-overlapping spans with logarithmic overlap tests.

Extraction checks every candidate against spans already taken or excluded; a linear scan there
would make a text with many figures quadratic.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable

from sortedcontainers import SortedList

# A flat sorted list inserts by moving every later entry: the fastest for an article's few dozen
# spans, but a second pass adding spans between tens of thousands of earlier ones (a megabyte
# without a full stop) would be quadratic. Past this many spans, a SortedList (a list of sorted
# blocks, so an insert moves one block) takes over.
_FLAT_MAX = 1024


class SpanSet:
    """Sorted spans; `add` keeps them sorted, overlapping ones are merged."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._starts: list[int] = []
        self._big: SortedList | None = None  # takes over from _starts past _FLAT_MAX spans
        self._end_of: dict[int, int] = {}
        for start, end in sorted(spans):
            self.add(start, end)

    def overlaps(self, start: int, end: int) -> bool:
        """True when [start, end) shares a character with a span in the set."""
        big = self._big
        if big is None:
            starts = self._starts
            i = bisect_left(starts, end)
            # Spans are disjoint and sorted, so only the last one starting before `end` can reach `start`.
            return i > 0 and self._end_of[starts[i - 1]] > start
        i = big.bisect_left(end)
        return i > 0 and self._end_of[big[i - 1]] > start

    def add(self, start: int, end: int) -> None:
        big, end_of = self._big, self._end_of
        starts = self._starts if big is None else big
        i = bisect_left(self._starts, start) if big is None else big.bisect_left(start)
        if i > 0 and end_of[starts[i - 1]] >= start:
            i -= 1
            start = starts[i]
            end = max(end, end_of.pop(start))
            del starts[i]
        while i < len(starts) and starts[i] <= end:
            end = max(end, end_of.pop(starts[i]))
            del starts[i]
        end_of[start] = end
        if big is not None:
            big.add(start)
            return
        self._starts.insert(i, start)
        if len(self._starts) > _FLAT_MAX:
            self._big, self._starts = SortedList(self._starts), []
