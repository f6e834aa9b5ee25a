"""A set of non-overlapping spans with logarithmic overlap tests.

Extraction checks every candidate against spans already taken or excluded; a linear scan there
would make a text with many figures quadratic.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable

from sortedcontainers import SortedList

# A flat sorted list inserts by moving every later entry: the fastest for an article's few dozen
# spans, but a second pass adding spans between tens of thousands of earlier ones (a megabyte
# without a full stop) would be quadratic. Past this many spans, a SortedList (a list of sorted
# blocks, so an insert moves one block) takes over.
_FLAT_MAX = 1024


class SpanSet:
    """Sorted spans; `add` keeps them sorted, overlapping ones are merged."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._starts: list[int] | SortedList = []
        self._end_of: dict[int, int] = {}
        self._find: Callable[[int], int] = self._flat_find
        for start, end in sorted(spans):
            self.add(start, end)

    def _flat_find(self, x: int) -> int:
        return bisect.bisect_left(self._starts, x)

    def overlaps(self, start: int, end: int) -> bool:
        """True when [start, end) shares a character with a span in the set."""
        i = self._find(end)
        # Spans are disjoint and sorted, so only the last one starting before `end` can reach `start`.
        return i > 0 and self._end_of[self._starts[i - 1]] > start

    def add(self, start: int, end: int) -> None:
        starts, end_of = self._starts, self._end_of
        i = self._find(start)
        if i > 0 and end_of[starts[i - 1]] >= start:
            i -= 1
            start = starts[i]
            end = max(end, end_of.pop(start))
            del starts[i]
        while i < len(starts) and starts[i] <= end:
            end = max(end, end_of.pop(starts[i]))
            del starts[i]
        end_of[start] = end
        if isinstance(starts, SortedList):
            starts.add(start)
        elif len(starts) < _FLAT_MAX:
            starts.insert(i, start)
        else:
            starts.insert(i, start)
            self._starts = SortedList(starts)
            self._find = self._starts.bisect_left
