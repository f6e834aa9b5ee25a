"""Time expressions in prose ("Thursday", "last fall", "three years ago") and the intervals they mean.

Each expression is cut by a bounded regex and resolved against an Anchor: the publish instant and
the zone whose calendar days we count in (dateline city, else the publish offset, else UTC).
Intervals are [start, end) in that zone, built from local midnights so DST days stay correct.
Every resolution carries a rule string so a reader can check it.

Trade-offs, stated once:
- A weekday ("Thursday", "on Thursday", "early Thursday") is the most recent such day strictly
  before the publication day, except that one naming the publication day's own weekday is that
  day (news style: "on Tuesday" in a story published on a Tuesday, in the anchor zone, means that
  Tuesday). "last Thursday" is always strictly before; "this Thursday" is on or before.
- Seasons are meteorological, northern hemisphere (spring Mar-May, summer Jun-Aug, autumn Sep-Nov,
  winter Dec-Feb); "last fall" is the latest autumn that ended by the start of the current season.
- "<Month> <day>" and "in <Month>" without a year are the most recent on or before publication.
- Expressions with an explicit year resolve even without a publish time; relative ones do not.
- A TimeRef's text is the expression itself: "on" / "in" before it is not part of the span, while
  modifiers that change the meaning ("last", "this", "early") are.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from metrics.extract.anchors import DIGIT, Scanner, group
from metrics.extract.dates import MONTH_NAMES, WEEKDAY_NAMES
from metrics.extract.numbers import parse_number
from metrics.extract.spans import SpanSet
from metrics.model import TimeRef

_A = re.ASCII
_IA = re.IGNORECASE | re.ASCII
_S = r"[ \t\u00a0]"

_MONTH_FULL = list(MONTH_NAMES)
_MONTH_NUM = {name[:3].lower(): i + 1 for i, name in enumerate(_MONTH_FULL)}
_FULL = "|".join(_MONTH_FULL)
_ABBR = r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
_WEEKDAYS = list(WEEKDAY_NAMES)
_SMALL = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
    "|sixteen|seventeen|eighteen|nineteen|twenty"
)

NO_ANCHOR = "no publish time to resolve against"


@dataclass(frozen=True)
class Anchor:
    """What relative expressions are resolved against."""

    published: datetime | None  # aware
    zone: tzinfo  # calendar days are counted in this zone
    zone_desc: str  # e.g. "America/New_York from dateline Washington"

    def pub_date(self) -> date | None:
        return _local_date(self.published, self.zone)


@functools.lru_cache(maxsize=256)  # one anchor per text, asked for by each reference
def _local_date(instant: datetime | None, zone: tzinfo) -> date | None:
    return None if instant is None else instant.astimezone(zone).date()


Resolved = tuple[datetime | None, datetime | None, str | None, str]


def _midnight(d: date, zone: tzinfo) -> datetime:
    return datetime(d.year, d.month, d.day, tzinfo=zone)


def _days(d0: date, d1: date, a: Anchor, granularity: str, rule: str) -> Resolved:
    return _midnight(d0, a.zone), _midnight(d1, a.zone), granularity, f"{rule}; days in {a.zone_desc}"


def _add_months(year: int, month: int, n: int) -> date:
    """The first of the month n months from (year, month). Month arithmetic on the first of a
    month needs no calendar (no day to clip), so plain integers; relativedelta cost ~5 us a call."""
    y, m = divmod(year * 12 + month - 1 + n, 12)
    return date(y, m + 1, 1)


@functools.lru_cache(maxsize=256)  # one publication day per text, asked for by each reference
def _day_desc(d: date) -> str:
    return f"{d:%a %Y-%m-%d}"


def _pub_desc(d: date) -> str:
    return f"publication {_day_desc(d)}"


def _weekday(m: re.Match[str], a: Anchor) -> Resolved:
    pub = a.pub_date()
    if pub is None:
        return None, None, "day", NO_ANCHOR
    target = _WEEKDAYS.index(m.group("wd"))
    mod = (m.group("mod") or "").lower()
    if mod == "next":
        back = -((target - pub.weekday()) % 7 or 7)
        how = "next {wd} after"
    elif mod == "this":
        back = (pub.weekday() - target) % 7
        how = "most recent {wd} on or before"
    elif mod != "last" and pub.weekday() == target:
        # News style (AP): "on Tuesday" in a story published on a Tuesday means that day.
        back = 0
        how = "{wd} is the publication day itself (news style), not the week before:"
    else:
        back = (pub.weekday() - target) % 7 or 7
        how = "most recent {wd} before"
    day = pub - timedelta(days=back)
    rule = f"weekday: {how.format(wd=m.group('wd'))} publication ({_day_desc(pub)})"
    return _days(day, day + timedelta(days=1), a, "day", rule)


def _relative_day(m: re.Match[str], a: Anchor) -> Resolved:
    pub = a.pub_date()
    if pub is None:
        return None, None, "day", NO_ANCHOR
    word = m.group("w").lower()
    shift = {"yesterday": -1, "tomorrow": 1}.get(word, 0)
    day = pub + timedelta(days=shift)
    return _days(day, day + timedelta(days=1), a, "day", f"relative day: {word} of {_pub_desc(pub)}")


def _period_bounds(pub: date, unit: str) -> tuple[date, date]:
    if unit == "week":
        start = pub - timedelta(days=pub.weekday())
        return start, start + timedelta(days=7)
    if unit == "month":
        return pub.replace(day=1), _add_months(pub.year, pub.month, 1)
    return date(pub.year, 1, 1), date(pub.year + 1, 1, 1)


def _shift_period(start: date, unit: str, n: int) -> tuple[date, date]:
    if unit == "week":
        s = start + timedelta(days=7 * n)
        return s, s + timedelta(days=7)
    if unit == "month":
        s = _add_months(start.year, start.month, n)
        return s, _add_months(s.year, s.month, 1)
    return date(start.year + n, 1, 1), date(start.year + n + 1, 1, 1)


_THE_BEFORE = re.compile(r"\bthe[ \t\u00a0]{1,2}$", re.IGNORECASE)
_OF_AFTER = re.compile(r"[ \t\u00a0]{1,2}of\b", re.IGNORECASE)


def _period(m: re.Match[str], a: Anchor) -> Resolved:
    unit = m.group("unit").lower()
    pub = a.pub_date()
    if pub is None:
        return None, None, unit, NO_ANCHOR
    rel = " ".join(m.group("rel").lower().split())
    if rel == "last" and _THE_BEFORE.search(m.string, max(0, m.start() - 8), m.start()):
        # "in the last month" is the month up to publication, as "the past month"; "last month" is
        # the calendar month before ("the last week of April" is not a reference: _skip).
        rel = "past"
    start, end = _period_bounds(pub, unit)
    week_note = " (weeks start Monday)" if unit == "week" else ""
    if rel == "last":
        s, e = _shift_period(start, unit, -1)
        rule = f"period: the calendar {unit} before that of {_pub_desc(pub)}{week_note}"
    elif rel == "next":
        s, e = _shift_period(start, unit, 1)
        rule = f"period: the calendar {unit} after that of {_pub_desc(pub)}{week_note}"
    elif rel == "past":
        length = {"week": 7, "month": 30, "year": 365}[unit]
        s, e = pub - timedelta(days=length - 1), pub + timedelta(days=1)
        rule = f"period: the {length} days up to and including {_pub_desc(pub)}"
    elif rel == "earlier this":
        s, e = start, pub + timedelta(days=1)
        rule = f"period: start of the {unit} of {_pub_desc(pub)} through that day{week_note}"
    elif rel == "later this":
        s, e = pub + timedelta(days=1), end
        rule = f"period: after {_pub_desc(pub)} to the end of its {unit}{week_note}"
    else:
        s, e = start, end
        rule = f"period: the calendar {unit} of {_pub_desc(pub)}{week_note}"
    return _days(s, e, a, unit, rule)


def _ago(m: re.Match[str], a: Anchor) -> Resolved:
    unit = m.group("unit").lower().rstrip("s")
    pub = a.pub_date()
    if pub is None:
        return None, None, unit, NO_ANCHOR
    raw = m.group("n").lower()
    n = 1 if raw in ("a", "an") else 2 if raw.startswith("a couple") else int(parse_number(raw) or 0)
    if unit == "day":
        day = pub - timedelta(days=n)
        return _days(day, day + timedelta(days=1), a, "day", f"ago: {n} days before {_pub_desc(pub)}")
    if unit == "week":
        s, e = _period_bounds(pub - timedelta(days=7 * n), "week")
        return _days(
            s, e, a, "week", f"ago: the week (Mon-Sun) containing {n * 7} days before {_pub_desc(pub)}"
        )
    if unit == "month":
        s = _add_months(pub.year, pub.month, -n)
        return _days(
            s,
            _add_months(s.year, s.month, 1),
            a,
            "month",
            f"ago: calendar month {n} before that of {_pub_desc(pub)}",
        )
    year = pub.year - n
    return _days(
        date(year, 1, 1),
        date(year + 1, 1, 1),
        a,
        "year",
        f"ago: calendar year {year} = {pub.year} - {n} ({_pub_desc(pub)})",
    )


_SEASON_START = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}


def _current_season_start(d: date) -> date:
    month = d.month
    if month <= 2:
        return date(d.year - 1, 12, 1)
    return date(d.year, month - (month - 3) % 3, 1)


def _season(m: re.Match[str], a: Anchor) -> Resolved:
    pub = a.pub_date()
    if pub is None:
        return None, None, "season", NO_ANCHOR
    name = m.group("s").lower()
    rel = m.group("rel").lower()
    first_month = _SEASON_START[name]
    current = _current_season_start(pub)
    year = pub.year
    if rel == "last":
        while _add_months(year, first_month, 3) > current:
            year -= 1
        how = "the latest one that ended by the start of the current season"
    else:
        year = current.year if current.month == first_month else year
        while _add_months(year, first_month, 3) <= pub:
            year += 1
        how = "the one containing or following publication"
    start = date(year, first_month, 1)
    end = _add_months(year, first_month, 3)
    label = "autumn" if name == "fall" else name
    months = {"spring": "Mar-May", "summer": "Jun-Aug", "autumn": "Sep-Nov", "winter": "Dec-Feb"}[label]
    which = f"{year}/{year + 1}" if label == "winter" else str(year)
    rule = (
        f"season: {rel} {name} = meteorological {label} ({months}, northern hemisphere) {which}, "
        f"{how} ({_pub_desc(pub)})"
    )
    return _days(start, end, a, "season", rule)


def _month_of(m: re.Match[str]) -> int:
    return _MONTH_NUM[m.group("mon")[:3].lower()]


def _weekday_note(m: re.Match[str], d: date) -> str:
    """When the date is written after a weekday that it does not fall on ("Tuesday, May 3" in 2025),
    a note saying so: the date is kept, and a reader can see the text disagrees with itself."""
    named = _WEEKDAY_BEFORE.search(m.string, max(0, m.start() - 14), m.start())
    if named is None or _WEEKDAYS.index(named.group("wd")) == d.weekday():
        return ""
    return f"; the text calls it {named.group('wd')}, but {d:%Y-%m-%d} is a {_WEEKDAYS[d.weekday()]}"


def _month_day(m: re.Match[str], a: Anchor) -> Resolved:
    month, day = _month_of(m), int(m.group("d"))
    if m.group("y"):
        d = date(int(m.group("y")), month, day)
        return _days(d, d + timedelta(days=1), a, "day", "explicit date" + _weekday_note(m, d))
    pub = a.pub_date()
    if pub is None:
        return None, None, "day", NO_ANCHOR
    for year in range(pub.year, pub.year - 9, -1):
        try:
            d = date(year, month, day)
        except ValueError:
            continue
        if d <= pub:
            return _days(
                d,
                d + timedelta(days=1),
                a,
                "day",
                f"month-day without year: most recent on or before {_pub_desc(pub)}" + _weekday_note(m, d),
            )
    raise ValueError("no such day")


def _month_year(m: re.Match[str], a: Anchor) -> Resolved:
    s = date(int(m.group("y")), _month_of(m), 1)
    return _days(s, _add_months(s.year, s.month, 1), a, "month", "explicit month and year")


def _in_month(m: re.Match[str], a: Anchor) -> Resolved:
    pub = a.pub_date()
    if pub is None:
        return None, None, "month", NO_ANCHOR
    month = _month_of(m)
    year = pub.year if month <= pub.month else pub.year - 1
    s = date(year, month, 1)
    return _days(
        s,
        _add_months(year, month, 1),
        a,
        "month",
        f"month without year: most recent starting on or before {_pub_desc(pub)}",
    )


_Handler = Callable[[re.Match[str], Anchor], Resolved]
_WEEKDAY_BEFORE = re.compile(rf"\b(?P<wd>{'|'.join(_WEEKDAYS)}),?{_S}{{1,2}}(?:the{_S}{{1,2}})?$", _A)

_RULES: list[tuple[re.Pattern[str], _Handler]] = [
    (
        re.compile(
            rf"\b(?P<mon>{_FULL}|(?:{_ABBR})\.?){_S}{{1,2}}(?P<d>[0-9]{{1,2}})(?:st|nd|rd|th)?(?![0-9])"
            rf"(?:,?{_S}{{1,2}}(?P<y>[0-9]{{4}})(?![0-9]))?",
            _A,
        ),
        _month_day,
    ),
    (
        re.compile(
            rf"\b(?P<d>[0-9]{{1,2}})(?:st|nd|rd|th)?{_S}{{1,2}}(?:of{_S}{{1,2}})?(?P<mon>{_FULL}|(?:{_ABBR})\.)"
            rf"(?:,?{_S}{{1,2}}(?P<y>[0-9]{{4}})(?![0-9]))?(?![A-Za-z])",
            _A,
        ),
        _month_day,
    ),
    (re.compile(rf"\b(?P<mon>{_FULL}),?{_S}{{1,2}}(?P<y>[0-9]{{4}})(?![0-9])", _A), _month_year),
    (
        # "in March", "by the end of April", "since the start of May": a month named without a year.
        re.compile(
            rf"(?:(?<=\b[Ii]n{_S})|(?<=\b[Ee]nd{_S}of{_S})|(?<=\b[Ss]tart{_S}of{_S})|(?<=\b[Bb]eginning{_S}of{_S}))"
            rf"(?P<mon>{_FULL})\b(?!,?{_S}{{1,2}}[0-9])",
            _A,
        ),
        _in_month,
    ),
    (
        re.compile(
            rf"\b(?:(?P<mod>[Tt]his|[Ll]ast|[Nn]ext|[Ee]arly|[Ll]ate){_S}{{1,3}})?(?P<wd>{'|'.join(_WEEKDAYS)})\b"
            rf"(?:{_S}{{1,3}}(?P<part>morning|afternoon|evening|night|lunchtime|midday|noon)\b)?",
            _A,
        ),
        _weekday,
    ),
    (re.compile(r"\b(?P<w>today|tonight|yesterday|tomorrow)\b", _IA), _relative_day),
    (
        re.compile(
            rf"\b(?P<rel>last|this|next|past|earlier{_S}{{1,2}}this|later{_S}{{1,2}}this){_S}{{1,2}}"
            r"(?P<unit>week|month|year)\b(?!-)",
            _IA,
        ),
        _period,
    ),
    (
        re.compile(
            rf"\b(?P<n>[0-9]{{1,4}}|an?|a{_S}couple{_S}of|{_SMALL}){_S}{{1,2}}(?P<unit>days?|weeks?|months?|years?)"
            rf"{_S}{{1,2}}ago\b",
            _IA,
        ),
        _ago,
    ),
    (re.compile(rf"\b(?P<rel>last|this){_S}{{1,2}}(?P<s>spring|summer|fall|autumn|winter)\b", _IA), _season),
]

# Anchor words per rule for Scanner.finditer (see anchors.py): every match holds, as a whole word,
# one word of each group (a month name or abbreviation, a weekday, ...).
_MONTHS = group(*(name.lower() for name in _MONTH_FULL))
_MONTHS_ABBR = _MONTHS | group(*_ABBR.lower().split("|"))
_RULE_ANCHORS: list[tuple[int, ...]] = [
    (_MONTHS_ABBR, DIGIT),
    (_MONTHS_ABBR, DIGIT),
    (_MONTHS, DIGIT),
    (_MONTHS,),
    (group(*(w.lower() for w in _WEEKDAYS)),),
    (group("today", "tonight", "yesterday", "tomorrow"),),
    (group("last", "this", "next", "past", "earlier", "later"), group("week", "month", "year")),
    (group("ago"),),
    (group("last", "this"), group("spring", "summer", "fall", "autumn", "winter")),
]

# First words for Scanner.matchiter: each rule's match starts with a digit or one of these words.
_FULL_WORDS = frozenset(name.lower() for name in _MONTH_FULL)
_ABBR_WORDS = frozenset(_ABBR.lower().split("|"))
_RULE_FIRST: list[frozenset[str]] = [
    _FULL_WORDS | _ABBR_WORDS,
    frozenset(),  # a digit
    _FULL_WORDS,
    _FULL_WORDS,
    frozenset(["this", "last", "next", "early", "late", *(w.lower() for w in _WEEKDAYS)]),
    frozenset(["today", "tonight", "yesterday", "tomorrow"]),
    frozenset(["last", "this", "next", "past", "earlier", "later"]),
    frozenset(["a", "an", *_SMALL.split("|")]),
    frozenset(["last", "this"]),
]
_RULE_DIGIT_FIRST = (1, 7)  # "4 March 2023", "3 weeks ago"


def _skip(m: re.Match[str], text: str, handler: _Handler) -> bool:
    """Names that contain a time word ("USA Today", "Russia Today"), and a part of something named
    after it ("the last week of April"), which is no relative period."""
    if handler is _relative_day and m.group("w") == "Today":
        before = text[max(0, m.start() - 12) : m.start()].rstrip()
        if before and before[-1:].isalpha() and before.split()[-1][:1].isupper():
            return True
    return (
        handler is _period
        and _OF_AFTER.match(text, m.end()) is not None
        and _THE_BEFORE.search(text, max(0, m.start() - 8), m.start()) is not None
    )


def find_time_refs(
    text: str, anchor: Anchor, *, exclude: tuple[tuple[int, int], ...] = (), scanner: Scanner | None = None
) -> list[TimeRef]:
    """Time expressions in text order, resolved against `anchor`.

    Overlapping candidates keep the earliest-starting, then the longest. Spans inside `exclude`
    (the article's own publish/update lines) are skipped. An expression that names an impossible
    or out-of-range date is still returned, unresolved, with the reason as its rule.
    """
    excluded = SpanSet(exclude)
    found: list[tuple[int, int, re.Match[str], _Handler]] = []
    scan = Scanner(text) if scanner is None else scanner
    for i, ((pattern, handler), first, anchors) in enumerate(
        zip(_RULES, _RULE_FIRST, _RULE_ANCHORS, strict=True)
    ):
        for m in scan.matchiter(pattern, first, *anchors, digits=i in _RULE_DIGIT_FIRST):
            start = m.start()
            if excluded.overlaps(start, m.end()) or _skip(m, text, handler):
                continue
            found.append((start, m.end(), m, handler))
    found.sort(key=lambda item: (item[0], -item[1]))
    out: list[TimeRef] = []
    last_end = -1
    for start, end, m, handler in found:
        if start < last_end:
            continue
        last_end = end
        try:
            rs, re_, granularity, rule = handler(m, anchor)
        except (ValueError, OverflowError) as exc:
            rs, re_, granularity, rule = None, None, None, f"could not resolve: {exc}"
        out.append(TimeRef(text[start:end], (start, end), rs, re_, granularity, rule))
    return out
