"""Run a big pattern only where it can match: the same matches as `pattern.finditer(text)`, faster.

The claim and time-reference patterns begin with optional qualifier/scope groups, so the regex
engine has no first character to skip ahead to and tries a match at every position. Yet every
match holds a literal word (its noun, verb or unit: "views", "times", "minutes", "Monday") and
never crosses a chunk break. So a Scanner cuts the text into chunks once, notes which anchor words
each chunk holds, and a pattern runs only over chunks holding an anchor of each group it needs.

Chunk breaks are "\n" and a ".", "!" or "?" followed by a space, tab or no-break space, except a
"." after a capitalised three-letter word or "Sept" (a month abbreviation: "Jan. 5" is one date).
Why no match crosses one: the patterns consume whitespace only as [ \t\u00a0\u202f] (never
"\n"), never consume "!" or "?", and consume "." only before a digit ("5.2 million") or after a
month abbreviation (timerefs). A match is therefore inside one chunk, and so is every word it
holds; a chunk without the anchors cannot hold a match start.

Two ways to run a pattern over the chosen chunks, both giving exactly finditer's matches:

- `finditer`: `pattern.finditer(text, pos, endpos)` per chunk. It sees the text before `pos` (so
  lookbehinds and \b behave as on the whole text); `endpos` is the chunk end plus MARGIN, more
  than any lookahead reads past a match end; matches starting at or after the chunk end are
  dropped (a later chunk finds them); each run starts at the later of the chunk start and the end
  of the previous match, as finditer itself resumes.
- `matchiter`: `pattern.match` at the few positions where a match can start (a digit run, or a
  word from the pattern's list of first words), in order, skipping those before the previous
  match's end. finditer tries every position; the others cannot match, so the result is the same.
"""

from __future__ import annotations

import functools
import operator
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator

from metrics.extract.spans import SpanSet

# More than any lookahead reads past the end of a match (the longest read ~10 characters).
MARGIN = 64

# The chunk breaks, one pattern per first character (see in_text_order).
_BREAKS = (
    ("\n", re.compile(r"\n")),
    *((c, re.compile(re.escape(c) + r"(?<![A-Z][a-z][a-z].)(?<!Sept.)(?=[ \t\u00a0\u202f])")) for c in ".!?"),
)
_ASCII_LOWER = {c: c + 32 for c in range(ord("A"), ord("Z") + 1)}
# The only non-ASCII characters whose str.lower() grows or turns ASCII (tests/test_extract_anchors.py
# checks every code point): a scan for each is cheaper than a class pattern over the whole text.
_LOWER_CHANGES_ASCII = ("\u0130", "\u212a")
_DIGIT = re.compile(r"[0-9]")
# Where a run of ASCII letters and digits starts with a digit ("5", "5million").
_DIGIT_RUN = re.compile(r"[0-9](?<![a-z0-9][0-9])")  # the class first: the engine skips to it
_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")

# Anchor words, each a bit. Every anchor a pattern needs is a whole run of ASCII letters in the
# match (the patterns have \b, a space or a hyphen on both sides of it: "views" in "1,234 views",
# "hrs" in "2 hrs"), so a chunk holds the anchor when one of its letter runs, lower-cased, is that
# word. A run the pattern would not accept there only makes a chunk active needlessly.
_BITS: dict[str, int] = {}
_BYTE_BITS: dict[bytes, int] = {}
_BYTE_WORDS: set[bytes] = set()
_GROUP_WORDS: dict[int, frozenset[bytes]] = {}  # a group's mask -> its words
_LETTERS_ONLY = bytes(c if 97 <= c <= 122 else 32 for c in range(256))
DIGIT = 1  # a chunk with an ASCII digit
COLON = 2  # a chunk with ":"
DASH = 4  # a chunk with "-" or an en dash
_LAZY = DIGIT | COLON | DASH


def group(*words: str) -> int:
    """A group of anchor words (any one will do) as a bit mask; words are lower-case ASCII letters."""
    mask = 0
    for word in words:
        if not (word.isascii() and word.isalpha() and word.islower()):
            raise ValueError(f"an anchor word is lower-case ASCII letters: {word!r}")
        if word not in _BITS:
            _BITS[word] = 1 << (len(_BITS) + 3)
            _BYTE_BITS[word.encode("ascii")] = _BITS[word]
            _BYTE_WORDS.add(word.encode("ascii"))
        mask |= _BITS[word]
    _GROUP_WORDS[mask] = frozenset(w.encode("ascii") for w in words)
    return mask


def group_words(group: int) -> frozenset[str]:
    """The anchor words of a group (or of groups or-ed together): what a pattern's anchors are, to
    check against the word list they were built from."""
    return frozenset(w.decode("ascii") for w in _words_of(group))


def in_text_order(
    text: str, patterns: tuple[tuple[str, re.Pattern[str]], ...], start: int = 0, end: int | None = None
) -> list[re.Match[str]]:
    """The matches in text[start:end] of patterns that each begin with their one literal character
    (given with each; a pattern whose character is absent is not run), merged in text order.

    For the same matches as one pattern over a class ("[\\n.!?]..."): the regex engine scans for a
    literal first character in a tight loop, but calls a function per character to test a class,
    which made the one-pattern pass over every text three times slower. Callers ensure no match
    of one pattern can overlap a match of another, so the merge is what the single pattern finds.
    """
    end = len(text) if end is None else end
    found = [
        m
        for first, pattern in patterns
        if text.find(first, start, end) >= 0
        for m in pattern.finditer(text, start, end)
    ]
    found.sort(key=_START)
    return found


_START = operator.methodcaller("start")


def _words_of(group: int) -> frozenset[bytes]:
    """The words of a group, also of one made by or-ing groups together."""
    found = _GROUP_WORDS.get(group)
    if found is None:
        found = _GROUP_WORDS[group] = frozenset(w for w, bit in _BYTE_BITS.items() if bit & group)
    return found


def ascii_lower(text: str) -> str:
    """`text` with only its ASCII letters lower-cased, same length, as the ASCII patterns fold case.

    str.lower does just that unless a non-ASCII character grows ("\u0130" -> "i\u0307") or turns
    ASCII (the Kelvin sign -> "k"); then only A-Z are mapped.
    """
    low = text.lower()
    if not text.isascii() and any(c in text for c in _LOWER_CHANGES_ASCII):
        low = text.translate(_ASCII_LOWER)
    return low


_BYTES_OF: dict[int, tuple[frozenset[str], frozenset[bytes]]] = {}
# Chunks of up to this many words are met as lists; longer ones as sets (Scanner._words).
_SHORT_CHUNK = 64
# A pattern's groups split into groups of words and lazily tested ones (DIGIT, COLON); groups are
# constants, so a tuple of them is a small key.
_SPLIT: dict[tuple[int, ...], tuple[list[int], list[int]]] = {}


def _as_bytes(first: frozenset[str]) -> frozenset[bytes]:
    """`first` as ASCII bytes, to meet a chunk's runs of letters; kept by id (sets are constants)."""
    entry = _BYTES_OF.get(id(first))
    if entry is None or entry[0] is not first:
        entry = _BYTES_OF[id(first)] = (first, frozenset(w.encode("ascii") for w in first))
    return entry[1]


class Scanner:
    """One text's chunks and the anchors each holds, shared by every pattern run over it."""

    def __init__(self, text: str) -> None:
        self.text = text
        low = ascii_lower(text)
        starts = [0, *[m.end() for m in in_text_order(text, _BREAKS)]]
        self.starts = starts
        n = len(text)
        ends = [*starts[1:], n]
        self.ends = ends
        # Letters stay, every other character becomes a space (non-ASCII ones via "?", one byte
        # each, so byte offsets are character offsets); each chunk's words are then a split away.
        letters = low.encode("ascii", "replace").translate(_LETTERS_ONLY)
        bits, words = _BYTE_BITS, _BYTE_WORDS
        masks = []
        # Each chunk's words are kept, as the list split gives: the constant word sets they are
        # met with (anchors, a pattern's first words) are the ones hashed into, and a bytes object
        # keeps its hash, so building a set of every chunk's words would only cost.
        self._runs = runs = [letters[a:b].split() for a, b in zip(starts, ends)]
        # And for each anchor word, the chunks holding it, in text order.
        self._chunks_of: dict[bytes, list[int]] = {}
        chunks_of = self._chunks_of
        for k, chunk_words in enumerate(runs):
            mask = 0
            for word in words.intersection(chunk_words):
                mask |= bits[word]
                held = chunks_of.get(word)
                if held is None:
                    chunks_of[word] = [k]
                else:
                    held.append(k)
            masks.append(mask)
        # DIGIT, COLON and DASH are looked up lazily, only in chunks that hold the other groups' words.
        self.masks = masks
        self._present = functools.reduce(operator.or_, masks, 0)  # every anchor word in the text
        self.low = low
        self._digits_in: dict[int, list[int]] = {}
        self._cands: dict[tuple[int, int, bool], list[int]] = {}
        self._active_cache: dict[tuple[int, ...], list[int]] = {}
        self._group_cache: dict[int, list[int]] = {}
        self._lazy_cache: dict[tuple[int, int], bool] = {}
        self._word_sets: dict[int, set[bytes]] = {}

    def matches_in(
        self, pattern: re.Pattern[str], first: frozenset[str], group: int, start: int, end: int
    ) -> Iterator[re.Match[str]]:
        """`pattern.finditer(self.text, start, end)`, for a pattern whose every match starts with a
        whole word in `first` that is also a word of `group` (see matchiter), tried only there."""
        text, starts, ends, masks = self.text, self.starts, self.ends, self.masks
        match = pattern.match
        last = start
        for k in range(max(bisect_right(starts, start) - 1, 0), bisect_left(starts, end)):
            if not masks[k] & group or ends[k] <= last:
                continue
            cands = self._candidates(k, first, False)
            # From the first candidate at or after `last`: a huge chunk (a text without full stops)
            # asked about again and again must not be walked from its start each time.
            for i in range(bisect_left(cands, last), len(cands)):
                pos = cands[i]
                if pos < last:
                    continue
                if pos >= end:
                    break
                m = match(text, pos, end)
                if m is not None:
                    last = max(m.end(), pos + 1)
                    yield m

    def figures_in(
        self,
        pattern: re.Pattern[str],
        first: frozenset[str],
        start: int,
        end: int,
        skip: SpanSet | None = None,
    ) -> Iterator[re.Match[str]]:
        """`pattern.finditer(self.text, start, end)`, for a pattern whose every match starts with a
        digit that begins a run of digits or with a whole word in `first` (as for matchiter), tried
        only there: a stretch read for bare figures is mostly words. Positions inside `skip` are not
        tried (the caller drops matches starting there anyway)."""
        text, starts, ends = self.text, self.starts, self.ends
        match = pattern.match
        last = start
        for k in range(max(bisect_right(starts, start) - 1, 0), bisect_left(starts, end)):
            if ends[k] <= last:
                continue
            cands = self._candidates(k, first, True)
            for i in range(bisect_left(cands, last), len(cands)):
                pos = cands[i]
                if pos >= end:
                    break
                if pos < last or (skip is not None and skip.overlaps(pos, pos + 1)):
                    continue
                m = match(text, pos, end)
                if m is not None:
                    last = max(m.end(), pos + 1)
                    yield m

    def word_starts(self, first: frozenset[str], group: int, chunks: set[int]) -> list[int]:
        """Where a whole word of `first` (a group's words, lower-case ASCII) starts, in those of
        `chunks` (chunk numbers, see chunk_of) that hold one, in text order: what matchiter tries,
        for a caller that wants to drop some positions before any pattern runs."""
        out: list[int] = []
        for k in self._with(group):
            if k in chunks:
                out += self._candidates(k, first, False)
        return out

    def all_digit_starts(self) -> list[int]:
        """Where every run of digits starts (matchiter's digit starts), in text order."""
        out: list[int] = []
        for k in range(len(self.starts)):
            out += self._digit_starts(k)
        return out

    def chunk_of(self, pos: int) -> int:
        """The number of the chunk holding `pos`."""
        return max(bisect_right(self.starts, pos) - 1, 0)

    def chunks_with(self, group: int) -> list[tuple[int, int]]:
        """(start, end) of each chunk holding a word of `group` (a group of words only), in order."""
        starts, ends = self.starts, self.ends
        return [(starts[k], ends[k]) for k in self._with(group)]

    def holds_any(self, words: frozenset[str], start: int, end: int) -> bool:
        """Whether a chunk overlapping text[start:end] has one of `words` (lower-case ASCII letters,
        a module constant) as a whole run of letters. False means no pattern that needs one of them
        as a whole word can match in text[start:end]; True only that one might."""
        wanted = _as_bytes(words)
        for k in range(max(bisect_right(self.starts, start) - 1, 0), bisect_left(self.starts, end)):
            if not wanted.isdisjoint(self._words(k)):
                return True
        return False

    def holds(self, group: int, start: int, end: int) -> bool:
        """Whether a chunk overlapping text[start:end] holds a word of `group` (a group of anchor
        words only): holds_any for a word set registered as a group, a bit test per chunk."""
        masks = self.masks
        for k in range(max(bisect_right(self.starts, start) - 1, 0), bisect_left(self.starts, end)):
            if masks[k] & group:
                return True
        return False

    def _words(self, k: int) -> list[bytes] | set[bytes]:
        """Chunk k's words to meet a constant word set with: the list for a short chunk, a set
        (built once) for a long one, so that asking about a huge chunk (a text without full
        stops) again and again costs the constant set's size, not the chunk's."""
        words = self._runs[k]
        if len(words) <= _SHORT_CHUNK:
            return words
        found = self._word_sets.get(k)
        if found is None:
            found = self._word_sets[k] = set(words)
        return found

    def _lazy(self, k: int, group: int) -> bool:
        """Whether chunk k holds a digit (if the group takes DIGIT), ":" (if it takes COLON) or a
        hyphen or en dash (if it takes DASH)."""
        key = (k, group & _LAZY)
        found = self._lazy_cache.get(key)
        if found is None:
            start, end = self.starts[k], self.ends[k]
            found = bool(group & DIGIT) and _DIGIT.search(self.text, start, end) is not None
            found = found or (bool(group & COLON) and self.text.find(":", start, end) >= 0)
            found = found or (
                bool(group & DASH)
                and (self.text.find("-", start, end) >= 0 or self.text.find("\u2013", start, end) >= 0)
            )
            self._lazy_cache[key] = found
        return found

    def _with(self, group: int) -> list[int]:
        """Chunks holding a word of `group` (a group of words only), in text order."""
        found = self._group_cache.get(group)
        if found is None and not self._present & group:
            found = self._group_cache[group] = []
        if found is None:
            chunks_of = self._chunks_of
            held = [chunks_of[w] for w in _words_of(group).intersection(chunks_of)]
            if not held:
                found = []
            elif len(held) == 1:
                found = held[0]
            else:
                found = sorted({k for chunks in held for k in chunks})
            self._group_cache[group] = found
        return found

    def _active(self, groups: tuple[int, ...]) -> list[int]:
        """Chunks holding an anchor of every group, in text order.

        At least one group must be of words only (every pattern has a word anchor)."""
        found = self._active_cache.get(groups)
        if found is not None:
            return found
        split = _SPLIT.get(groups)
        if split is None:
            split = _SPLIT[groups] = ([g for g in groups if not g & _LAZY], [g for g in groups if g & _LAZY])
        words, lazy = split
        if not words:
            raise ValueError("a pattern needs a group of anchor words")
        present = self._present
        for g in words:
            if not present & g:
                # A group none of whose words the text holds: no chunk can match (the common case).
                self._active_cache[groups] = []
                return []
        masks = self.masks
        found = self._with(words[0])
        for g in words[1:]:
            found = [k for k in found if masks[k] & g]
        for g in lazy:
            found = [k for k in found if masks[k] & g or self._lazy(k, g)]
        self._active_cache[groups] = found
        return found

    def _digit_starts(self, k: int) -> list[int]:
        found = self._digits_in.get(k)
        if found is None:
            found = [m.start() for m in _DIGIT_RUN.finditer(self.low, self.starts[k], self.ends[k])]
            self._digits_in[k] = found
        return found

    def _candidates(self, k: int, first: frozenset[str], digits: bool) -> list[int]:
        """Where in chunk k a run of ASCII letters and digits starts with a digit (if `digits`) or is
        exactly a word of `first`, in text order."""
        key = (k, id(first), digits)  # `first` sets are module constants
        found = self._cands.get(key)
        if found is not None:
            return found
        hits = _as_bytes(first).intersection(self._words(k))
        # Without a word hit, the chunk's digit starts as they are (shared, never changed).
        found = self._digit_starts(k) if digits else []
        if hits:
            found = list(found)
            low, start, end = self.low, self.starts[k], self.ends[k]
            for word in hits:
                # The chunk has the word as a run of letters; it is a start where that run is not
                # part of a longer run of letters and digits ("more" but not "more5" or "3more").
                w = word.decode("ascii")
                size = len(w)
                i = low.find(w, start, end)
                while i >= 0:
                    if (i == start or low[i - 1] not in _ALNUM) and (
                        i + size >= len(low) or low[i + size] not in _ALNUM
                    ):
                        found.append(i)
                    i = low.find(w, i + size, end)
            found.sort()
        self._cands[key] = found
        return found

    def matchiter(
        self, pattern: re.Pattern[str], first: frozenset[str], *groups: int, digits: bool = True
    ) -> Iterator[re.Match[str]]:
        """Like `finditer`, but trying `pattern.match` only where a match can start.

        For patterns whose every match starts with a digit that begins a run of digits (nothing
        word-like before it), or with a whole word in `first` (lower-case) that begins a run of
        letters: a run such as "5million" counts as a digit start, and a word start is tried only
        when its letter-and-digit run is exactly that word, which every such pattern needs ("more"
        then a space, "twenty" then a hyphen); `digits=False` when no match starts with a digit.
        `finditer` resumes after each match and tries every later position; only these can succeed,
        so trying them in order gives the same matches.
        """
        text, ends, cands = self.text, self.ends, self._cands
        match = pattern.match
        last = 0
        tag = id(first)
        for k in self._active(groups):
            if ends[k] <= last:
                continue
            found = cands.get((k, tag, digits))
            for pos in self._candidates(k, first, digits) if found is None else found:
                if pos < last:
                    continue
                m = match(text, pos)
                if m is not None:
                    last = m.end()
                    yield m

    def finditer(self, pattern: re.Pattern[str], *groups: int) -> Iterator[re.Match[str]]:
        """The matches `pattern.finditer(self.text)` yields, given every match holds an anchor of each
        group (and, like every pattern here, crosses no chunk break)."""
        text, starts, ends = self.text, self.starts, self.ends
        n = len(text)
        last = 0
        for k in self._active(groups):
            end = ends[k]
            pos = max(last, starts[k])
            if pos >= end:
                continue
            for m in pattern.finditer(text, pos, min(n, end + MARGIN)):
                if m.start() >= end:
                    break
                last = m.end()
                yield m
