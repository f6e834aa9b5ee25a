"""Numbers and durations as written in news prose, parsed to floats.

Two layers: regex *sources* (`NUMBER`, `DURATION`) that other modules embed in their own
patterns to cut spans, and parsers (`parse_number`, `parse_duration`) that turn one cut span into a
float. Keeping them apart means a new form (fractions, "1.2 lakh", ranges) is one edit here and
every claim pattern picks it up.

Every quantifier is bounded, so each pattern does constant work per start position and runs in time
linear in the input. Flags are ASCII: Unicode case folding (the Kelvin sign matching "k") and
Unicode digits are not number syntax we want to honour.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

FLAGS = re.IGNORECASE | re.ASCII

# Spaces inside a figure: ASCII space, tab, and the no-break spaces web pages put in "5 million".
SP = r"[ \t\u00a0\u202f]"

_UNITS_WORDS: dict[str, int] = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS_WORDS: dict[str, int] = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_PHRASES: dict[str, float] = {"a dozen": 12, "dozen": 12, "a pair of": 2, "a couple of": 2, "half a": 0.5}

SCALES: dict[str, float] = {
    "hundred": 1e2,
    "thousand": 1e3,
    "lakh": 1e5,
    "crore": 1e7,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "k": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "b": 1e9,
    "bn": 1e9,
}

_UNIT_ALT = "|".join(sorted(_UNITS_WORDS, key=len, reverse=True))
_TENS_ALT = "|".join(_TENS_WORDS)
_LONG_SCALE = r"hundred|thousand|lakh|crore|million|billion|trillion"
_SHORT_SCALE = r"bn|mn|mln|k|m|b"

# A spelled-out cardinal up to ninety-nine ("two", "twenty-five").
WORD_NUMBER = rf"(?:(?:{_TENS_ALT})(?:-(?:{_UNIT_ALT}))?|{_UNIT_ALT})"

# Digits: grouped thousands or a plain run, optional decimals. The guards keep "v2", "3.4.5" and the
# "2" of "2-minute" out: a figure followed by a hyphen is an adjective, not a count.
DIGITS = r"(?:[0-9]{1,3}(?:,[0-9]{3}){1,5}|[0-9]{1,15})(?:\.[0-9]{1,6})?"

NUMBER = (
    r"(?:"
    rf"(?<![\w.,$-]){DIGITS}(?:{SP}{{1,2}}(?:{_LONG_SCALE})|(?:{_SHORT_SCALE}))?(?![\w-]|[.,][0-9])"
    rf"|\b(?:a{SP}{{1,2}}dozen|dozen|a{SP}{{1,2}}pair{SP}{{1,2}}of|a{SP}{{1,2}}couple{SP}{{1,2}}of)\b"
    rf"|\bhalf{SP}{{1,2}}a{SP}{{1,2}}(?:million|billion|thousand|dozen)\b"
    rf"|\ba{SP}{{1,2}}(?:hundred|thousand|million|billion)\b"
    rf"|\b{WORD_NUMBER}(?:{SP}{{1,2}}(?:{_LONG_SCALE}))?\b(?!-)"
    r")"
)

_NUMBER_FULL = re.compile(NUMBER, FLAGS)
_DIGITS_PART = re.compile(rf"({DIGITS}){SP}{{0,2}}([a-z]*)", FLAGS)
_WS = re.compile(rf"{SP}+")


def _word_value(word: str) -> float | None:
    word = word.lower()
    if word in _UNITS_WORDS:
        return float(_UNITS_WORDS[word])
    if word in _TENS_WORDS:
        return float(_TENS_WORDS[word])
    if "-" in word:
        tens, _, unit = word.partition("-")
        if tens in _TENS_WORDS and unit in _UNITS_WORDS:
            return float(_TENS_WORDS[tens] + _UNITS_WORDS[unit])
    return None


def parse_number(span: str) -> float | None:
    """The value of one number span ("1,234,567", "5 million", "3.4bn", "12K", "two", "a dozen").

    Returns None for anything that is not a whole number span. Scale letters are case-blind
    ("5M" and "5m" are both millions); that misreads "5m" meaning metres, a trade-off accepted
    because lengths in metres do not sit next to view or video nouns.
    """
    span = _WS.sub(" ", span.strip())
    if not span or len(span) > 60 or _NUMBER_FULL.fullmatch(span) is None:
        return None
    low = span.lower()
    if low in _PHRASES:
        return float(_PHRASES[low])
    if low.startswith("half a "):
        return 0.5 * SCALES.get(low[7:], 12.0 if low.endswith("dozen") else 1.0)
    if low.startswith("a "):
        return SCALES.get(low[2:])
    if low[0].isdigit():
        m = _DIGITS_PART.fullmatch(low)
        if m is None:
            return None
        digits = float(m.group(1).replace(",", ""))
        scale = m.group(2)
        if not scale:
            return digits
        return digits * SCALES[scale] if scale in SCALES else None
    words = low.split(" ")
    word = _word_value(words[0])
    if word is None:
        return None
    if len(words) == 2:
        return word * SCALES.get(words[1], 1.0)
    return word


@dataclass(frozen=True)
class NumberMatch:
    start: int
    end: int
    text: str
    value: float


def iter_numbers(text: str, start: int = 0, end: int | None = None) -> list[NumberMatch]:
    """Every number span in text[start:end], left to right."""
    out: list[NumberMatch] = []
    for m in _NUMBER_FULL.finditer(text, start, len(text) if end is None else end):
        value = parse_number(m.group())
        if value is not None:
            out.append(NumberMatch(m.start(), m.end(), m.group(), value))
    return out


_DUR_NUM = rf"(?:[0-9]{{1,4}}(?:\.[0-9]{{1,3}})?|{WORD_NUMBER}|an?)"
_DUR_UNIT = r"(?:hours?|hrs?|minutes?|mins?|seconds?|secs?)"

# A length as written before a noun or after a linking verb: "2-minute-long", "90-second",
# "two minute", "2 minutes and 30 seconds long", "1 hour, 5 minutes".
DURATION = (
    rf"(?<![\w.-]){_DUR_NUM}(?:-|{SP}{{1,2}}){_DUR_UNIT}"
    rf"(?:(?:,{SP}{{1,2}}|{SP}{{1,2}}and{SP}{{1,2}}|-|{SP}{{1,2}}){_DUR_NUM}(?:-|{SP}{{1,2}}){_DUR_UNIT})?"
    rf"(?:(?:-|{SP}{{1,2}})long)?\b"
)

_DURATION_FULL = re.compile(DURATION, FLAGS)
_DURATION_PART = re.compile(rf"({_DUR_NUM})(?:-|{SP}{{1,2}})({_DUR_UNIT})", FLAGS)
_UNIT_SECONDS = {"h": 3600.0, "m": 60.0, "s": 1.0}


def parse_duration(span: str) -> float | None:
    """Seconds in a duration span ("2-minute-long" -> 120.0, "2 minutes and 30 seconds" -> 150.0)."""
    if len(span) > 120 or _DURATION_FULL.fullmatch(span) is None:
        return None
    total = 0.0
    for m in _DURATION_PART.finditer(span):
        num = m.group(1).lower()
        value: float | None = (
            1.0 if num in ("a", "an") else (parse_number(num) if num[0].isdigit() else _word_value(num))
        )
        if value is None:
            return None
        total += value * _UNIT_SECONDS[m.group(2)[0].lower()]
    return total
