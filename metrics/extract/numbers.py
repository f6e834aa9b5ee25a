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

import functools
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

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
    "dozen": 12,
    "k": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "mil": 1e6,  # only after a decimal (_DECIMAL_MIL)
    "b": 1e9,
    "bn": 1e9,
}
# Vulgar fractions written after digits ("2½ million", "the 1½-hour livestream").
FRACTIONS: dict[str, float] = {"\u00bd": 0.5, "\u00bc": 0.25, "\u00be": 0.75}

_UNIT_ALT = "|".join(sorted(_UNITS_WORDS, key=len, reverse=True))
_TENS_ALT = "|".join(_TENS_WORDS)
_LONG_SCALE = r"hundred|thousand|lakh|crore|million|billion|trillion"
_BIG_SCALE = r"thousand|lakh|crore|million|billion|trillion"
# Written glued to the digits too: "6.2million followers" (as often in copy pasted from a phone).
_SHORT_SCALE = r"million|billion|bn|mn|mln|k|m|b"
# Scale words that may follow digits after a space: "5 million", "4.5 mln", "3 bn", "two dozen".
_SPACED_SCALE = rf"{_LONG_SCALE}|dozen|mln|mn|bn"
# TV ratings copy writes millions "mil" after a decimal ("did 7.7 mil", "(10.3 mil/3.3)"); never after a
# whole number, where it is Spanish or Portuguese for a thousand ("500 mil likes").
_DECIMAL_MIL = rf"(?:(?<=\.[0-9])|(?<=\.[0-9]{{2}})|(?<=\.[0-9]{{3}})){SP}{{1,2}}mil\b"

# A spelled-out cardinal up to ninety-nine ("two", "twenty-five").
WORD_NUMBER = rf"(?:(?:{_TENS_ALT})(?:-(?:{_UNIT_ALT}))?|{_UNIT_ALT})"

# Digits: grouped thousands or a plain run, optional decimals or a vulgar fraction. The guards keep
# "v2", "3.4.5" and the "2" of "2-minute" out: a figure followed by a hyphen is an adjective, not a
# count ("-plus" excepted: "2 million-plus views" is a count with a lower bound).
# Indian grouping ("1,00,000" is one lakh) last: it is reached only when the Western readings fail
# (no Western figure has a two-digit group).
# Thousands grouped by a space, as SI style and many non-US outlets write them ("12 500 likes",
# with a no-break or thin space too), before a plain run: "1 000 likes" is one figure, not "000".
DIGITS = (
    r"(?:[0-9]{1,3}(?:,[0-9]{3}){1,5}|[0-9]{1,3}(?:[ \u00a0\u2009\u202f][0-9]{3}){1,4}(?![0-9])"
    # "retweeted over 54, 000 times": a space typed after the group comma. A group of three that
    # starts with 0 ("000", "050") is never a number of its own in a list, so this is one figure.
    r"|[0-9]{1,3},[ \u00a0]0[0-9]{2}(?:,[ \u00a0]?[0-9]{3}){0,4}(?![0-9])|[0-9]{1,15}"
    r"|[0-9]{1,2}(?:,[0-9]{2}){1,5},[0-9]{3}(?![0-9]))"
    r"(?:\.[0-9]{1,6}|[\u00bd\u00bc\u00be])?"
)
_AFTER = r"(?!(?!-plus\b|-odd\b)[\w-]|[.,][0-9])"

# A figure written in digits, without the guard before it (ranges embed it after a hyphen).
# "1.9-million followers" (South African and some wire styles) as well as "1.9 million".
DIGIT_NUMBER = rf"{DIGITS}(?:{SP}{{1,2}}(?:{_SPACED_SCALE})|{_DECIMAL_MIL}|-(?:million|billion)|(?:{_SHORT_SCALE}))?{_AFTER}"

NUMBER = (
    r"(?:"
    rf"(?<![\w.,$\u00a3\u20ac-])(?:{DIGITS}|{WORD_NUMBER}|an?){SP}{{1,2}}and{SP}{{1,2}}a{SP}{{1,2}}half"
    rf"{SP}{{1,2}}(?:{_BIG_SCALE}|dozen)\b"
    rf"|(?<![\w.,$\u00a3\u20ac-]){DIGIT_NUMBER}"
    rf"|\b(?:a|one){SP}{{1,2}}quarter{SP}{{1,2}}of{SP}{{1,2}}a{SP}{{1,2}}(?:million|billion)\b"
    rf"|\bthree[- ]quarters{SP}{{1,2}}of{SP}{{1,2}}a{SP}{{1,2}}(?:million|billion)\b"
    rf"|\ba{SP}{{1,2}}quarter-(?:million|billion)\b(?!-)"
    rf"|\b(?:a{SP}{{1,2}}dozen|dozen|a{SP}{{1,2}}pair{SP}{{1,2}}of|a{SP}{{1,2}}couple{SP}{{1,2}}of)\b"
    rf"|\bhalf{SP}{{1,2}}a{SP}{{1,2}}(?:million|billion|thousand|dozen)\b"
    rf"|\ba{SP}{{1,2}}(?:hundred|thousand|million|billion)(?:{SP}{{1,2}}(?:thousand|million|billion))?\b"
    rf"(?!-(?!plus\b))"
    # "three hundred and seventy-seven million": the hundreds and the rest, then the scale.
    rf"|\b{WORD_NUMBER}(?:{SP}{{1,2}}hundred(?:{SP}{{1,2}}(?:and{SP}{{1,2}})?{WORD_NUMBER}\b)?)?"
    rf"(?:{SP}{{1,2}}(?:{_BIG_SCALE}|dozen))?\b(?!-(?!plus\b))"
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


def _digits_value(raw: str) -> Decimal | None:
    """ "1,234.5" -> 1234.5 and "2½" -> 2.5, exactly (Decimal, so 4.1 million is 4100000.0)."""
    frac = Decimal(0)
    if raw and raw[-1] in FRACTIONS:
        frac = Decimal(str(FRACTIONS[raw[-1]]))
        raw = raw[:-1]
    try:
        return Decimal(raw.replace(",", "")) + frac
    except (InvalidOperation, ValueError):
        return None


def _scale_product(words: list[str]) -> Decimal | None:
    total = Decimal(1)
    for w in words:
        if w not in SCALES:
            return None
        total *= Decimal(str(SCALES[w])) if w == "dozen" else Decimal(int(SCALES[w]))
    return total


def _parse(low: str) -> tuple[Decimal, Decimal | None] | None:
    """(value, written step) of a normalised, lower-case span; step None when it has no scale word."""
    if low in _PHRASES:
        return Decimal(str(_PHRASES[low])), None
    words = low.split(" ")
    if " and a half " in low:
        head, _, tail = low.partition(" and a half ")
        base = Decimal(1) if head in ("a", "an") else _parse_head(head)
        scale = _scale_product(tail.split(" "))
        if base is None or scale is None:
            return None
        return (base + Decimal("0.5")) * scale, None
    if "quarter" in low:
        scale = _scale_product([words[-1].rpartition("-")[2]])
        if scale is None:
            return None
        return (Decimal("0.75") if low.startswith("three") else Decimal("0.25")) * scale, None
    if low.startswith("half a "):
        scale = _scale_product([words[2]])
        return (scale / 2, None) if scale is not None else None
    if words[0] in ("a", "an"):
        scale = _scale_product(words[1:])
        return (scale, scale) if scale is not None and len(words) > 1 else None
    if low[0].isdigit():
        m = _DIGITS_PART.fullmatch(low)
        if m is None:
            return None
        digits = _digits_value(m.group(1))
        scale_word = m.group(2)
        if digits is None:
            return None
        if not scale_word:
            return digits, None
        scale = _scale_product([scale_word])
        if scale is None:
            return None
        raw = m.group(1)
        if raw[-1] in FRACTIONS:
            unit = Decimal("0.25") if raw[-1] != "\u00bd" else Decimal("0.5")
        elif "." in raw:
            unit = Decimal(1).scaleb(-len(raw.partition(".")[2]))
        else:
            unit = Decimal(1)
        return digits * scale, unit * scale
    word = _word_value(words[0])
    if word is None:
        return None
    if len(words) == 1:
        return Decimal(int(word)), None
    if len(words) >= 3 and words[1] == "hundred" and words[2] not in SCALES:
        # "three hundred (and) seventy-seven (million)": a number below a thousand, then its scale.
        at = 3 if words[2] == "and" else 2
        rest = _word_value(words[at]) if at < len(words) else None
        if rest is None:
            return None
        base = Decimal(int(word) * 100 + int(rest))
        if len(words) == at + 1:
            return base, None
        scale = _scale_product(words[at + 1 :])
        return (base * scale, scale) if scale is not None else None
    scale = _scale_product(words[1:])
    if scale is None:
        return None
    return Decimal(int(word)) * scale, scale


def _parse_head(head: str) -> Decimal | None:
    if head[:1].isdigit():
        return _digits_value(head)
    word = _word_value(head)
    return Decimal(int(word)) if word is not None else None


def _normalise(span: str) -> str | None:
    span = _WS.sub(" ", span.strip())
    if not span or len(span) > 60 or _NUMBER_FULL.fullmatch(span) is None:
        return None
    # "1.9-million" reads as "1.9 million".
    span = _COMMA_SPACE_GROUP.sub(",", span)  # "54, 000" (DIGITS) reads as "54,000"
    return _SPACE_GROUP.sub("", span).lower().replace("-million", " million").replace("-billion", " billion")


# A space between digit groups ("12 500"), after _WS made every blank one space.
_SPACE_GROUP = re.compile(r"(?<=[0-9])[ \u2009](?=[0-9]{3}(?![0-9]))")
_COMMA_SPACE_GROUP = re.compile(r"(?<=[0-9]),[ ](?=[0-9]{3}(?![0-9]))")


@functools.lru_cache(maxsize=4096)
def _normalised_parse(span: str) -> tuple[str | None, tuple[Decimal, Decimal | None] | None]:
    """(normalised span, its (value, step)); cached, as a figure is often read by several patterns."""
    low = _normalise(span)
    return low, (_parse(low) if low is not None else None)


@functools.lru_cache(maxsize=4096)  # pure, and a corpus repeats its figures ("5 million")
def parse_number(span: str) -> float | None:
    """The value of one number span ("1,234,567", "5 million", "3.4bn", "12K", "two", "a dozen",
    "two dozen", "half a million", "one and a half million", "2½ million", "a quarter of a million").

    Returns None for anything that is not a whole number span. Scale letters are case-blind
    ("5M" and "5m" are both millions); that misreads "5m" meaning metres, a trade-off accepted
    because lengths in metres do not sit next to view or video nouns.
    """
    parsed = _normalised_parse(span)[1]
    return float(parsed[0]) if parsed is not None else None


@functools.lru_cache(maxsize=4096)
def written_step(span: str) -> float | None:
    """The precision a figure with a scale word is written to: one unit of its last digit.

    "5.2 million" -> 100,000 (it stands for 5.15-5.25 million), "12K" -> 1,000, "two million" ->
    1,000,000. None for figures without a scale word ("1,234,567" is exact as written) and for
    fractions of a scale ("half a million"), which name a value rather than round one.
    """
    low, parsed = _normalised_parse(span)
    if parsed is None or parsed[1] is None or low is None or low.endswith("dozen"):
        return None
    return float(parsed[1])


def precision_band(value: float, step: float) -> tuple[float, float]:
    """[value - step/2, value + step/2], computed in decimal so 5.2 million gives 5,150,000."""
    v, half = Decimal(repr(value)), Decimal(repr(step)) / 2
    return float(v - half), float(v + half)


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


_DUR_NUM = (
    rf"(?:(?:[0-9]{{1,2}}|{WORD_NUMBER}|an?)(?:{SP}{{1,2}}|-)and(?:{SP}{{1,2}}|-)a(?:{SP}{{1,2}}|-)half"
    rf"|[0-9]{{1,4}}(?:\.[0-9]{{1,3}}|[\u00bd\u00bc\u00be])?|{WORD_NUMBER}|an?)"
)
_DUR_UNIT = r"(?:hours?|hrs?|minutes?|mins?|seconds?|secs?)"
# Between number and unit: a hyphen or spaces, or nothing after digits ("1hr 12min").
_DUR_JOIN = rf"(?:-|{SP}{{1,2}}|(?<=[0-9])(?=(?:hrs?|mins?|secs?)\b))"
# A running time as a clock reading: "2:14", "1:02:30" (not "8:02 AM", a time of day).
CLOCK = (
    r"(?<![\w.:,$-])(?:[0-9]{1,2}:[0-5][0-9]|[0-9]{1,3}):[0-5][0-9]"
    rf"(?![\w:]|[.,][0-9]|{SP}{{0,2}}(?:[ap]\.?m\b|GMT|UTC|(?-i:[A-Z]{{1,4}}T)\b))"
)

# A length as written before a noun or after a linking verb: "2-minute-long", "90-second",
# "two minute", "2 minutes and 30 seconds long", "1 hour, 5 minutes", "2½-minute", "2:14".
# "1h 20m", "2h05m": hours and minutes in letters, only together (a lone "20m" is 20 million).
# And "1m 12s", minutes and seconds.
_H_M = (
    r"(?<![\w.-])(?:[0-9]{1,2}h[ \t\u00a0]?[0-9]{1,2}m(?:in)?(?:[ \t\u00a0]?[0-9]{1,2}s)?"
    r"|[0-9]{1,3}m[ \t\u00a0]?[0-9]{1,2}s)\b"
)
_H_M_FULL = re.compile(
    r"([0-9]{1,2})h[ \t\u00a0]?([0-9]{1,2})m(?:in)?(?:[ \t\u00a0]?([0-9]{1,2})s)?", re.ASCII | re.IGNORECASE
)
_M_S_FULL = re.compile(r"([0-9]{1,3})m[ \t\u00a0]?([0-9]{1,2})s", re.ASCII | re.IGNORECASE)
# "an hour-and-a-half livestream", "a half-hour special".
_HALVES = {
    "hour-and-a-half": 5400.0,
    "minute-and-a-half": 90.0,
    "half-hour": 1800.0,
    "half-minute": 30.0,
    "half an hour": 1800.0,
    "half a minute": 30.0,
}
_DUR_SEP = rf"(?:,{SP}{{1,2}}|{SP}{{1,2}}and{SP}{{1,2}}|-and-|-|{SP}{{1,2}})"
DURATION = (
    rf"(?:{CLOCK}(?:-long\b)?|{_H_M}|(?<![\w.-])(?:hour|minute)-long\b"
    rf"|(?<![\w.-])(?:(?:hour|minute)-and-a-half|half-(?:hour|minute)|half{SP}{{1,2}}(?:an{SP}{{1,2}}hour|a{SP}{{1,2}}minute))\b(?:-long\b)?|(?<![\w.])(?<![^0-9]-){_DUR_NUM}{_DUR_JOIN}{_DUR_UNIT}"
    # Up to three parts: "1 hour 5 minutes and 30 seconds" (nested optionals, not {0,2}: a counted
    # repeat runs the regex engine's slow general loop at every try).
    rf"(?:{_DUR_SEP}{_DUR_NUM}{_DUR_JOIN}{_DUR_UNIT}(?:{_DUR_SEP}{_DUR_NUM}{_DUR_JOIN}{_DUR_UNIT})?)?"
    rf"(?:(?:-|{SP}{{1,2}})long)?\b)"
)

_DURATION_FULL = re.compile(DURATION, FLAGS)
_CLOCK_FULL = re.compile(CLOCK, FLAGS)
_DURATION_PART = re.compile(rf"({_DUR_NUM}){_DUR_JOIN}({_DUR_UNIT})", FLAGS)
_UNIT_SECONDS = {"h": 3600.0, "m": 60.0, "s": 1.0}


def _dur_value(num: str) -> float | None:
    num = _WS.sub(" ", num.lower())
    if num.endswith("-and-a-half"):  # "two-and-a-half-minute"
        num = num[: -len("-and-a-half")] + " and a half"
    if num.endswith(" and a half"):
        head = _dur_value(num[: -len(" and a half")])
        return head + 0.5 if head is not None else None
    if num in ("a", "an"):
        return 1.0
    if num[0].isdigit():
        value = _digits_value(num)
        return float(value) if value is not None else None
    return _word_value(num)


def parse_duration(span: str) -> float | None:
    """Seconds in a duration span ("2-minute-long" -> 120.0, "2 minutes and 30 seconds" -> 150.0,
    "2:14" -> 134.0, "2½-minute" -> 150.0)."""
    if len(span) > 120 or _DURATION_FULL.fullmatch(span) is None:
        return None
    clock = span[:-5] if span.lower().endswith("-long") else span  # "the 1:45-long version"
    if _CLOCK_FULL.fullmatch(clock) is not None:
        total = 0.0
        for part in clock.split(":"):
            total = total * 60 + int(part)
        return total
    hm = _H_M_FULL.fullmatch(span)
    if hm is not None:
        minutes, seconds = int(hm.group(2)), int(hm.group(3) or 0)
        return int(hm.group(1)) * 3600.0 + minutes * 60.0 + seconds if minutes < 60 and seconds < 60 else None
    ms = _M_S_FULL.fullmatch(span)
    if ms is not None:
        seconds = int(ms.group(2))
        return int(ms.group(1)) * 60.0 + seconds if seconds < 60 else None
    half = _HALVES.get(_WS.sub(" ", span.lower()).removesuffix("-long"))
    if half is not None:
        return half
    if span.lower() in ("hour-long", "minute-long"):
        return 3600.0 if span.lower() == "hour-long" else 60.0
    total = 0.0
    for m in _DURATION_PART.finditer(span):
        value = _dur_value(m.group(1))
        if value is None:
            return None
        total += value * _UNIT_SECONDS[m.group(2)[0].lower()]
    return total
