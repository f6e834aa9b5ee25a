"""Sentences and clauses of a text, split a line at a time and only where a figure asks."""

from __future__ import annotations

import bisect
import re

from metrics.extract.anchors import in_text_order
from metrics.extract.numbers import SP

# A sentence ends at "\n", or after [.!?] (closing quotes/brackets, then spaces, then a capital or a
# digit); the break itself (the span between two sentences) starts after the punctuation. One
# pattern per punctuation mark, so the engine can skip to it (see anchors.in_text_order).
_SENTENCE_END = r"[\"'\u201d\u2019)\]]{0,2}[ \t]{1,8}(?=[\"'\u201c\u2018(\[]{0,2}[A-Z0-9])"
# "5 p.m. ET" does not end a sentence at "p.m.".
_SENTENCE_BREAKS = tuple(
    (c, re.compile(re.escape(c) + (r"(?<![ap]\.m\.)" if c == "." else "") + _SENTENCE_END)) for c in ".!?"
)
_CLAUSE_MARKS = r"[;:()|\u2014\u2013]"  # "|" between a stat line's parts: "TikTok: 3.2m followers | ..."
_CLAUSE_BREAK = re.compile(rf"{_CLAUSE_MARKS}|{SP}-{SP}|--")


class _Sentences:
    """A text's sentences, split a line at a time and only for the lines asked about: most lines
    of an article hold no figure."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._lines: dict[int, tuple[list[int], list[int]]] = {}
        # The lines split so far, as sorted (start, end) bounds: a text without newlines is one
        # long line, and looking for its start again from each figure would be quadratic.
        self._line_starts: list[int] = []
        self._line_ends: list[int] = []
        # The last answer and the stretch of positions it holds for: a figure's sentence is asked
        # for again and again while its claims are read.
        self._last: tuple[int, int, tuple[int, int]] = (0, -1, (0, 0))

    def around(self, pos: int) -> tuple[int, int]:
        """(start, end) of the sentence holding `pos`; a break belongs to the sentence before it."""
        first, last, found = self._last
        if first <= pos <= last:
            return found
        i = bisect.bisect_right(self._line_starts, pos) - 1
        if i >= 0 and pos <= self._line_ends[i]:
            line = self._line_starts[i]
        else:
            text = self.text
            line = text.rfind("\n", 0, pos) + 1
            end = text.find("\n", pos)
            end = len(text) if end < 0 else end
            self._lines[line] = self._split(line, end)
            k = bisect.bisect_left(self._line_starts, line)
            self._line_starts.insert(k, line)
            self._line_ends.insert(k, end)
        starts, ends = self._lines[line]
        i = bisect.bisect_right(starts, pos) - 1
        found = starts[i], ends[i]
        # Up to the next sentence's start, else the end of the line.
        self._last = (starts[i], starts[i + 1] - 1 if i + 1 < len(starts) else ends[i], found)
        return found

    def _split(self, line: int, end: int) -> tuple[list[int], list[int]]:
        starts, ends = [line], []
        # A break never holds a newline, so the line's breaks are found within it.
        for m in in_text_order(self.text, _SENTENCE_BREAKS, line, end):
            ends.append(m.start() + 1)
            starts.append(m.end())
        ends.append(end)
        return starts, ends

    def spans(self) -> list[tuple[int, int]]:
        """Every sentence, in text order."""
        out: list[tuple[int, int]] = []
        line = 0
        while line <= len(self.text):
            end = self.text.find("\n", line)
            end = len(self.text) if end < 0 else end
            starts, ends = self._lines.get(line) or self._split(line, end)
            out += zip(starts, ends, strict=True)
            line = end + 1
        return out


def _sentences(text: str) -> _Sentences:
    return _Sentences(text)
