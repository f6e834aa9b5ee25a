"""What a figure's sentence says about when the figure held and what it covers.

Windows: "in its first week", "within 24 hours", "so far", "since its release" are kept as written
(also when written elsewhere in the sentence: "In its first week, the trailer drew ..."), and
windows.py turns them into as_of ranges counted from a dated release; "as of Wednesday" / "by
Friday" (a resolved time reference after "as of" or "by" in the sentence) set the time_window and
move as_of to the end of that period, never past the document's own time. A calendar period
written with a figure ("in 2024", "last week") dates it; a word of change before it ("gained")
makes it a gain or loss, and "went from" the count before a change (EARLIER).

Scope: "each" or "combined", from the figure's own words or the sentence's opening ("In total,
...", "Each of the videos ...", "together they ..."); a total is "combined" only when the sentence
names the items it sums over (context.summed).
"""

from __future__ import annotations

import bisect
import operator
import re
from datetime import UTC, datetime, time

from metrics.extract.anchors import Scanner, group
from metrics.extract.claims import vocabulary as v
from metrics.extract.claims.filters import _ASCII_UPPER_TO_LOWER, _BLANKS
from metrics.extract.claims.fragments import (
    _CHANGE_VERB_ALT,
    _F,
    _MEDIA,
    _PLATFORM_ALT,
    _TIMES_VERBS,
    first_words,
    flat,
)
from metrics.extract.claims.sentences import _Sentences
from metrics.extract.claims.subjects import _norm
from metrics.extract.errors import DateParseError
from metrics.extract.numbers import SP
from metrics.extract.windows import (
    SENTENCE_CUMULATIVE,
    SENTENCE_CUMULATIVE_WORDS,
    SENTENCE_WINDOW,
    SENTENCE_WINDOW_WORDS,
    sentence_window,
)
from metrics.extract.zones import resolve_abbreviation
from metrics.model import TimeRef

# (window, as_of, as_of_start, as_of_rule, end of its words, whether "alone" follows); the instants
# and rule are None when the text gives no document time to place the period by.
_PeriodFound = tuple[str, datetime | None, datetime | None, str | None, int, bool]
# Stands in for a missing document time, only to learn whether a period is written.
_UNPLACED = datetime(2000, 1, 1, tzinfo=UTC)
# An as-of mark: (time_window, as_of, as_of_start, as_of_rule).
_Mark = tuple[str, datetime, datetime | None, str]
# What may sit between a figure's claim and a period after it: a platform, then a preposition.
_PERIOD_LEAD = re.compile(
    rf"(?:,?{SP}{{1,2}}(?:on|across|via){SP}{{1,2}}(?:{_PLATFORM_ALT}|X)\b)?"
    rf"{SP}{{1,2}}(?P<period>(?:(?P<prep>in|during|over|throughout|on|for|since|from|between){SP}{{1,2}}"
    rf"(?:the{SP}{{1,2}})?)?)",
    _F,
)
# A period written with no preposition that is not a time reference (periods.calendar_period).
_BARE_PERIOD = re.compile(rf"(?:this|last){SP}{{1,2}}weekend\b", _F)
# A period that opens a sentence: "In 2024,", "Last year,", "Over the weekend,", "Since January,".
_PERIOD_OPENING = re.compile(
    rf"[\"'\u201c]?(?P<period>(?:(?P<prep>in|during|over|throughout|on|since|from|between){SP}{{1,2}}"
    rf"(?:the{SP}{{1,2}})?)?)",
    _F,
)
_PERIOD_COMMA = re.compile(rf"(?:{SP}{{1,2}}alone)?,", _F)
# Between an opening period and a figure, words that put the figure at another time: a relative
# clause ("..., which today has ...") or the present ("now", "since").
_SPAN_OPENING = re.compile(
    r"[\"'\u201c]?(?:over|during|throughout|in|since|within|from|between|(?:this|last)[ \t\u00a0]{1,2}weekend)\b",
    _F,
)
_NOT_THEN = re.compile(r"\b(?:now|today|currently|still|since|which|who|whose)\b|;", _F)
_YEAR_PERIOD = re.compile(
    r"((?:19|20)[0-9]{2})(?![0-9]|[ \t\u00a0]*(?:[-\u2013/]|[0-9]))"
    # "in 2024 Olympics coverage", "the 2024 election campaign": the year names an event.
    r"(?![ \t\u00a0]{1,2}(?:[A-Z]|(?!(?:alone|and|or|after|before|when|while|as|thanks|despite|amid|according"
    r"|compared|from|to|until|than|on|across|via|with)\b)[a-z]))"
)
_ALONE = re.compile(rf"{SP}{{1,2}}alone\b", _F)
_DATE_AFTER = re.compile(rf",?{SP}{{1,2}}", _F)
# A figure right after one of these is a change over a period, not a running total: "the channel
# gained 120,000 subscribers in 2024", "the account lost 20,000 followers".
_CHANGE_WORDS: dict[str, str] = {
    **dict.fromkeys(
        ("gained", "gains", "gain", "gaining", "added", "adds", "adding", "picked up", "picks up"), "gain"
    ),
    **dict.fromkeys(
        (
            "grew by",
            "grown by",
            "rose by",
            "risen by",
            "increased by",
            "jumped by",
            "climbed by",
            "surged by",
            "soared by",
            "swelled by",
            "up by",
        ),
        "gain",
    ),
    **dict.fromkeys(
        (
            "lost",
            "lose",
            "leaking",
            "lost her",
            "lost his",
            "lost their",
            "lost its",
            "dropped",
            "loses",
            "losing",
            "shed",
            "sheds",
            "shedding",
            "fell by",
            "fallen by",
            "dropped by",
            "down by",
            "declined by",
            "shrank by",
            "shrunk by",
        ),
        "loss",
    ),
}
_CHANGE_ENDINGS = tuple(_CHANGE_WORDS)
_AUDIENCE = frozenset(["followers", "subscribers"])
# Verbs that count what came in ("drew", "racked up"), as against what stood ("had"); a figure
# written with one and a calendar period is what came in during that period.
_ACCRUAL_ENDINGS = (
    "drew", "draws", "drawn", "got", "gets", "racked up", "garnered", "received", "attracted", "amassed", "pulled in",
    "notched", "notched up", "generated", "earned", "clocked", "clocked up", "logged", "recorded", "saw",
)  # fmt: skip
_TIMES_STARTS = tuple(_TIMES_VERBS)


def _accrued(text: str, start: int) -> bool:
    """Whether the figure at `start` is counted by an accrual verb, before it or opening its claim
    ("viewed 2 million times")."""
    if text[start : start + 12].lower().startswith(_TIMES_STARTS):
        return True
    before = text[max(0, start - 14) : start].rstrip(_BLANKS).lower()
    if not before.endswith(_ACCRUAL_ENDINGS):
        return False
    return any(
        before.endswith(verb) and (len(before) == len(verb) or not before[-len(verb) - 1].isalnum())
        for verb in _ACCRUAL_ENDINGS
    )


# The scope of the count before a change ("up from 400,000", "went from 50,000 to ..."), and the
# as_of_rule of one the text does not date: its as_of stays empty rather than the publish time.
EARLIER = "earlier"
EARLIER_UNDATED = "an earlier count, before the change the text reports; when it held is not stated"
# Before a figure: it is the count before a change ("the account went from 50,000 to 300,000").
_EARLIER_BEFORE = re.compile(
    rf"\b(?:{_CHANGE_VERB_ALT}|up|down)[ \t\u00a0]{{1,2}}from[ \t\u00a0]{{1,2}}"
    r"(?:(?:just|only|a[ \t\u00a0]{1,2}(?:mere|measly|paltry|modest|meagre|meager|tiny|humble))[ \t\u00a0]{1,2})?$",
    _F,
)


def _earlier_before(text: str, floor: int, start: int) -> bool:
    """Whether the figure at `start` follows "went from", "grew from" ...: the count before a change."""
    before = text[max(floor, start - 40) : start]
    return ("from" in before or "From" in before or "FROM" in before) and _EARLIER_BEFORE.search(
        before
    ) is not None


def _change_before(text: str, start: int) -> str | None:
    """ "gain" or "loss" when the figure at `start` follows a word of change (and blanks)."""
    before = text[max(0, start - 16) : start].rstrip(_BLANKS)
    tail = before.lower() if before.isascii() else before.translate(_ASCII_UPPER_TO_LOWER)
    if not tail.endswith(_CHANGE_ENDINGS):
        return None
    for words, change in _CHANGE_WORDS.items():
        if tail.endswith(words):
            i = len(tail) - len(words)
            if i == 0 or not tail[i - 1].isalnum():
                return change
    return None


# "In total, the department's videos have been watched 27 million times."
_SENTENCE_SCOPES = v.SENTENCE_SCOPES["en"]
_SENTENCE_SCOPE = re.compile(
    rf"[\"'\u201c]?(?:({flat(_SENTENCE_SCOPES, SP)}),"
    # "Each of the four videos has more than 500,000 likes", "Each episode draws ...".
    rf"|(Each)(?:{SP}{{1,2}}of{SP}{{1,2}}(?:the|these|those|its|their|her|his){SP}|{SP}{{1,2}}(?:{_MEDIA})\b))",
    re.ASCII,
)
# ", each racking up at least 100,000 views", "the clips each drew": one figure per item. Not "each
# day" or "each week", which make a rate.
_EACH_BEFORE = re.compile(
    rf"\beach(?:{SP}{{1,2}}(?!(?:day|week|month|year|hour|time|minute)s?\b)[A-Za-z]{{1,12}}){{0,3}}{SP}{{1,2}}$",
    _F,
)
# "have individually surpassed 300 million streams", "both with more than 100,000 followers", "all of
# whom have over 150,000 subscribers": one figure for each of several items.
_EACH_ITEM_BEFORE = re.compile(
    rf"\b(?:individually(?:{SP}{{1,2}}[A-Za-z]{{1,12}})?|both{SP}{{1,2}}with(?:{SP}{{1,2}}[A-Za-z]{{1,12}})?"
    rf"|all{SP}{{1,2}}of{SP}{{1,2}}whom{SP}{{1,2}}(?:have|had|has)(?:{SP}{{1,2}}[A-Za-z]{{1,12}})?){SP}{{1,2}}$",
    _F,
)
_EACH_ITEM_WORDS = ("individually", "both", "whom")
_EACH_REACH = 30
_AND_JOIN = re.compile(rf",?{SP}{{1,2}}and{SP}{{1,2}}", _F)
# A total's items (context.summed), and how far after its figure they may be named.
_SUMMED_ITEMS = re.compile(rf"\b(?:{'|'.join(v.SUMMED_ITEMS['en'])})\b", re.IGNORECASE)
_SUMMED_AFTER = 40
_TOGETHER = v.TOGETHER["en"]
_TOGETHER_WORDS = tuple(first_words(_TOGETHER))
_A_TOGETHER = group(*_TOGETHER_WORDS)
_TOGETHER_BEFORE = re.compile(
    rf"\b(?:{flat(_TOGETHER)})\b,?(?:{SP}{{1,2}}[A-Za-z'\u2019]{{1,12}}){{0,3}}{SP}{{1,2}}$",
    _F,
)
# A clock time: "5 p.m.", "11:30 a.m.", "17:00", "noon", then maybe a zone ("ET", "GMT").
_CLOCK = (
    rf"(?P<clock>(?P<h>[0-9]{{1,2}})(?::(?P<mi>[0-9]{{2}}))?{SP}?(?P<ampm>[ap])\.?m\.?"
    rf"|(?P<h24>[0-9]{{1,2}}):(?P<m24>[0-9]{{2}})|(?P<noon>noon|midday))"
    rf"(?:{SP}{{1,2}}(?P<zone>(?-i:[A-Z]{{2,4}}))(?![A-Za-z]))?"
)
_AS_OF_BEFORE = re.compile(
    rf"\b(?P<conn>as{SP}{{1,2}}of|as{SP}{{1,2}}at|by(?:{SP}{{1,2}}the{SP}{{1,2}}end{SP}{{1,2}}of)?|through){SP}{{1,2}}"
    # "as of 5 p.m. ET Friday": a clock time (and its zone) before the day; "as of midnight
    # Thursday" is the day (midnight before or after it, the text does not say).
    rf"(?:{_CLOCK},?{SP}{{1,2}}(?:on{SP}{{1,2}})?|midnight{SP}{{1,2}}(?:on{SP}{{1,2}})?)?$",
    _F,
)
# "as of Friday at 5 p.m. ET": the clock time after the day.
_CLOCK_AFTER = re.compile(rf",?{SP}{{1,2}}(?:at{SP}{{1,2}})?{_CLOCK}", _F)
# How far before a time reference its connector and clock time may start ("as of 11:30 a.m. EDT ").
_AS_OF_REACH = 32


def _clock_on(day: TimeRef, m: re.Match[str]) -> tuple[datetime, str, str] | None:
    """The instant of "5 p.m. ET" on a resolved day, how its zone was chosen and the clock time as
    written; None when the time is impossible or its zone abbreviation is unknown (then the whole
    day is used)."""
    if day.granularity != "day" or day.resolved_start is None:
        return None
    if m.group("noon"):
        hour, minute = 12, 0
    elif m.group("h24"):
        hour, minute = int(m.group("h24")), int(m.group("m24"))
        if hour > 23 or minute > 59:
            return None
    else:
        hour, minute = int(m.group("h")), int(m.group("mi") or 0)
        if not 1 <= hour <= 12 or minute > 59:
            return None
        hour = hour % 12 + (12 if m.group("ampm").lower() == "p" else 0)
    zone, why = day.resolved_start.tzinfo, "the zone the text's days are counted in"
    if m.group("zone"):
        try:
            zone, why = resolve_abbreviation(m.group("zone"), outlet=None, tz_map=None)
        except DateParseError:
            return None
    local = datetime.combine(day.resolved_start.date(), time(hour, minute), tzinfo=zone)
    return local, why, m.group("clock")


def _as_of_marks(
    text: str,
    sentences: _Sentences,
    time_refs: tuple[TimeRef, ...],
    as_of: datetime | None,
) -> dict[int, list[tuple[int, _Mark]]]:
    """ "80,000 views as of Wednesday", "By Tuesday evening the video had 1.2 million views", "as of
    5 p.m. ET Friday", "by the end of April": the engagement figures of that sentence were true by
    the end of that day (or week, month), or at that clock time.

    By sentence start, each mark with where it starts: (time_window "as of wednesday" / "by tuesday
    evening", as_of the end of the
    referenced period (or the clock time) but never later than the document's own time,
    as_of_start its start for "as of" a period (the figure held some time that day; "by" says only
    that it held by the end), the rule). Figures that carry their own window keep it.
    """
    marks: dict[int, list[tuple[int, _Mark]]] = {}
    by_start = {ref.span[0]: ref for ref in time_refs if ref.span is not None}
    for named in time_refs:
        if named.span is None or named.resolved_end is None:
            continue
        m = _AS_OF_BEFORE.search(text, max(0, named.span[0] - _AS_OF_REACH), named.span[0])
        if m is None:
            continue
        # "as of Monday, April 28": the date, not the weekday's nearest match.
        dated = _DATE_AFTER.match(text, named.span[1])
        exact = by_start.get(dated.end()) if dated is not None and named.granularity == "day" else None
        ref = exact if exact is not None and exact.granularity == "day" else named
        if ref.span is None or ref.resolved_end is None:
            continue
        sent = sentences.around(ref.span[0])
        after = None if m.group("clock") else _CLOCK_AFTER.match(text, ref.span[1])
        window = _norm(text[m.start() : ref.span[1] if after is None else after.end()]) or ""
        timed = m if m.group("clock") else after
        clock = _clock_on(ref, timed) if timed is not None else None
        if clock is not None:
            moment, zone_why, written = clock
            end = moment if as_of is None else min(moment, as_of)
            capped = ", no later than publication" if end != moment else ""
            rule = f"at {_norm(written)} ({zone_why}) on '{ref.text}' ({ref.rule}){capped}"
            marks.setdefault(sent[0], []).append((m.start(), (window, end, None, rule)))
            continue
        end = ref.resolved_end if as_of is None else min(ref.resolved_end, as_of)
        capped = ", no later than publication" if end != ref.resolved_end else ""
        start = ref.resolved_start if m.group("conn").lower().startswith("as") else None
        if start is not None and start < end:
            rule = f"during '{ref.text}' ({ref.rule}){capped}"
        else:
            start, rule = None, f"end of '{ref.text}' ({ref.rule}){capped}"
        marks.setdefault(sent[0], []).append((m.start(), (window, end, start, rule)))
    return marks


def _mark_for(marks: list[tuple[int, _Mark]] | None, pos: int) -> _Mark | None:
    """The as-of mark that speaks for a figure at `pos`: the last one before it ("By Thursday ...
    50,000 times, and by Friday ... 90,000 shares"), else the first after it ("... 80,000 views as
    of Wednesday")."""
    if not marks:
        return None
    i = bisect.bisect_right(marks, pos, key=_AT)
    return marks[i - 1][1] if i > 0 else marks[0][1]


_AT = operator.itemgetter(0)
_A_SENTENCE_WINDOW = tuple(group(*words) for words in SENTENCE_WINDOW_WORDS)
_A_SENTENCE_CUMULATIVE = group(*SENTENCE_CUMULATIVE_WORDS)


def _sentence_windows(scan: Scanner, sentences: _Sentences) -> dict[int, str]:
    """By sentence start, a window written away from its figure ("In its first week, the trailer
    drew ...", "So far ..."); one anchored pass over the text."""
    found = [
        *scan.finditer(SENTENCE_WINDOW, *_A_SENTENCE_WINDOW),
        *scan.finditer(SENTENCE_CUMULATIVE, _A_SENTENCE_CUMULATIVE),
    ]
    windows: dict[int, str] = {}
    for w in sorted(found, key=lambda w: w.start()):
        start = sentences.around(w.start())[0]
        # Only a window that opens its sentence speaks for every figure in it: one written after
        # a figure ("... in its first 48 hours, and over a million views since ...") is that
        # figure's own and was read with it. "so far" and "to date" run up to publication wherever
        # they stand ("it has so far earned 885K views", "12 million views to date").
        if w.re is SENTENCE_CUMULATIVE or not scan.text[start : w.start()].strip(" \t\"'\u201c\u2018("):
            windows.setdefault(start, sentence_window(w))
    return windows
