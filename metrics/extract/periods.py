"""Calendar periods written after a preposition that the time references do not cover.

"in the past 24 hours", "over the last three days", "since January", "since the start of the
year", "in the first quarter", "in Q3 2024", "in the first half of 2024", "in the last week of
April", "from January to March", "over the weekend", "this weekend": each is resolved against the document's own time (`as_of`,
its update or publish instant) in the zone of the text's calendar, to the instants it starts and
stops at. Pure functions; the caller (claims.period_after) decides what the period means for a
figure. Without a document time only a period with its own year can be placed; the rest give None
rather than a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

from dateutil.relativedelta import relativedelta

from metrics.extract.dates import MONTH_NAMES, MONTHS
from metrics.extract.numbers import SP, parse_number

_F = re.IGNORECASE | re.ASCII


@dataclass(frozen=True)
class Period:
    start: datetime
    stop: datetime
    what: str  # the period as written, e.g. "the past 24 hours"
    rule: str  # how it was placed on the calendar
    end: int  # where the period's words end in the text


_UNIT_WORDS = r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a|an|[0-9]{1,3}"
# "the past 24 hours", "the last three days", "the previous 48 hours".
_RELATIVE = re.compile(
    rf"(?:the{SP}{{1,2}})?(?:past|last|previous){SP}{{1,2}}(?P<n>{_UNIT_WORDS}){SP}{{1,2}}"
    rf"(?P<unit>hours?|days?|weeks?|months?)\b",
    _F,
)
_MONTH = re.compile(
    r"(?P<mon>" + "|".join(MONTH_NAMES) + r")\b(?![ \t\u00a0]{1,2}[0-9])",
    re.ASCII,
)
_ORDINALS = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "final": 4,
}
_QUARTER = re.compile(
    rf"(?:(?:the{SP}{{1,2}})?(?P<ord>first|1st|second|2nd|third|3rd|fourth|4th|final){SP}{{1,2}}quarter"
    rf"(?:{SP}{{1,2}}of{SP}{{1,2}}(?:(?P<year>(?:19|20)[0-9]{{2}})|(?P<rel>last|this){SP}{{1,2}}year)"
    # "the first quarter of the match" is not a calendar quarter.
    rf"|(?!{SP}{{1,2}}of\b))"
    rf"|Q(?P<q>[1-4])(?:{SP}{{1,2}}(?P<qyear>(?:19|20)[0-9]{{2}}))?)\b(?![-/][0-9])",
    _F,
)
_WEEKEND = re.compile(rf"(?:the{SP}{{1,2}}|(?P<rel>this|last){SP}{{1,2}})?weekend\b", _F)
# "the first half of 2024", "the second half of last year", "H1 2024".
_HALF = re.compile(
    rf"(?:(?:the{SP}{{1,2}})?(?P<ord>first|second){SP}{{1,2}}half{SP}{{1,2}}of{SP}{{1,2}}"
    rf"(?:(?P<year>(?:19|20)[0-9]{{2}})|(?P<rel>last|this){SP}{{1,2}}year|the{SP}{{1,2}}year)"
    rf"|H(?P<h>[12]){SP}{{1,2}}(?P<hyear>(?:19|20)[0-9]{{2}}))\b(?![-/][0-9])",
    _F,
)
_MONTH_ALT = "|".join(MONTH_NAMES)
# "January to March", "January through March 2024" (after "from"); "January and March" (after "between").
_MONTH_SPAN = re.compile(
    rf"(?P<a>{_MONTH_ALT}){SP}{{1,2}}(?P<sep>to|through|until|till|and){SP}{{1,2}}(?P<b>{_MONTH_ALT})\b"
    rf"(?:,?{SP}{{1,2}}(?P<year>(?:19|20)[0-9]{{2}})\b|{SP}{{1,2}}(?P<rel>this|last){SP}{{1,2}}year\b)?"
    rf"(?![ \t\u00a0]{{1,2}}[0-9])",
    re.ASCII,
)
# "the last week of April", "the first week of March 2024".
_WEEK_OF = re.compile(
    rf"(?:the{SP}{{1,2}})?(?P<ord>first|second|third|fourth|last|final){SP}{{1,2}}week{SP}{{1,2}}of{SP}{{1,2}}"
    rf"(?P<mon>{_MONTH_ALT})\b(?:,?{SP}{{1,2}}(?P<year>(?:19|20)[0-9]{{2}})\b)?(?![ \t\u00a0]{{1,2}}[0-9])",
    _F,
)
# "the start of the year", "the beginning of 2025", "the start of the month", "the start of February".
_START_OF = re.compile(
    rf"(?:the{SP}{{1,2}})?(?:start|beginning){SP}{{1,2}}of{SP}{{1,2}}"
    rf"(?:(?:the|this){SP}{{1,2}}(?P<unit>year|month|week)\b|(?P<year>(?:19|20)[0-9]{{2}})\b(?![-/][0-9])"
    rf"|(?P<mon>{_MONTH_ALT})\b(?![ \t\u00a0]{{1,2}}[0-9]))",
    _F,
)


def _count(word: str) -> int | None:
    if word.lower() in ("a", "an"):
        return 1
    value = parse_number(word)
    return int(value) if value is not None and value == int(value) and 0 < value <= 999 else None


def _relative(text: str, at: int, as_of: datetime) -> Period | None:
    m = _RELATIVE.match(text, at)
    if m is None:
        return None
    n = _count(m.group("n"))
    if n is None:
        return None
    unit = m.group("unit").lower().rstrip("s")
    back = timedelta(hours=n) if unit == "hour" else relativedelta(**{unit + "s": n})
    what = " ".join(m.group().split())
    return Period(as_of - back, as_of, what, f"the {n} {unit}(s) before the document's time", m.end())


def _since_month(text: str, at: int, as_of: datetime, zone: tzinfo) -> Period | None:
    m = _MONTH.match(text, at)
    if m is None:
        return None
    month = MONTHS[m.group("mon")[:3].lower()]
    local = as_of.astimezone(zone)
    year = local.year if month <= local.month else local.year - 1
    start = datetime(year, month, 1, tzinfo=zone)
    return Period(
        start,
        as_of,
        m.group("mon"),
        f"from the start of {m.group('mon')} {year} to the document's time",
        m.end(),
    )


def _quarter(text: str, at: int, as_of: datetime | None, zone: tzinfo) -> Period | None:
    m = _QUARTER.match(text, at)
    if m is None:
        return None
    q = int(m.group("q")) if m.group("q") else _ORDINALS[m.group("ord").lower()]
    written = m.group("year") or m.group("qyear")
    if written is not None:
        year = int(written)
        how = f"Q{q} {year}"
    elif as_of is not None and m.group("rel"):
        local = as_of.astimezone(zone)
        year = local.year - 1 if m.group("rel").lower() == "last" else local.year
        how = f"Q{q} {year}, {m.group('rel').lower()} year from the document's time"
    elif as_of is not None:
        local = as_of.astimezone(zone)
        # The latest such quarter that had ended by the document's time: quarters are reported once
        # they close, and a report on 2 January means last year's fourth, not this year's first.
        ended_this_year = 3 * q < local.month  # the quarter's last month is before this one
        year = local.year if ended_this_year else local.year - 1
        how = f"Q{q} {year}, the latest that had ended by the document's time"
    else:
        return None
    start = datetime(year, 3 * (q - 1) + 1, 1, tzinfo=zone)
    return Period(start, start + relativedelta(months=3), " ".join(m.group().split()), how, m.end())


def _weekend(text: str, at: int, as_of: datetime, zone: tzinfo, bare: bool = False) -> Period | None:
    """ "(over) the weekend": the one in progress or just gone; "this weekend" the one in progress
    (or, midweek, the one to come, which is after the document); "last weekend" the one before the
    weekend in progress, else the one just gone. `bare`: no preposition, so only "this"/"last"."""
    m = _WEEKEND.match(text, at)
    if m is None or (bare and m.group("rel") is None):
        return None
    local = as_of.astimezone(zone)
    rel = (m.group("rel") or "").lower()
    # Saturday 00:00 of the weekend in progress or just gone.
    days_back = (local.weekday() - 5) % 7
    saturday = datetime(local.year, local.month, local.day, tzinfo=zone) - timedelta(days=days_back)
    if rel == "this" and local.weekday() < 5:
        saturday += timedelta(days=7)  # midweek, "this weekend" is the coming one
    elif rel == "last" and local.weekday() >= 5:
        saturday -= timedelta(days=7)  # on a Saturday or Sunday, "last weekend" is the one before
    rule = f"the weekend of Saturday {saturday.date().isoformat()}"
    return Period(saturday, saturday + timedelta(days=2), " ".join(m.group().split()), rule, m.end())


def _half(text: str, at: int, as_of: datetime | None, zone: tzinfo) -> Period | None:
    m = _HALF.match(text, at)
    if m is None:
        return None
    h = int(m.group("h")) if m.group("h") else (1 if m.group("ord").lower() == "first" else 2)
    written = m.group("year") or m.group("hyear")
    if written is not None:
        year, how = int(written), f"H{h} {written}"
    elif as_of is None:
        return None
    else:
        local = as_of.astimezone(zone)
        last = (m.group("rel") or "").lower() == "last"
        year = local.year - 1 if last else local.year
        how = f"H{h} {year}, {'last' if last else 'this'} year from the document's time"
    start = datetime(year, 6 * (h - 1) + 1, 1, tzinfo=zone)
    return Period(start, start + relativedelta(months=6), " ".join(m.group().split()), how, m.end())


def _month_span(text: str, at: int, prep: str, as_of: datetime | None, zone: tzinfo) -> Period | None:
    m = _MONTH_SPAN.match(text, at)
    if m is None or (m.group("sep") == "and") != (prep == "between"):
        return None
    first, last = MONTHS[m.group("a")[:3].lower()], MONTHS[m.group("b")[:3].lower()]
    wraps = 1 if last < first else 0  # "November to February" ends the year after it starts
    if m.group("year") is not None:
        # "January to March 2024", "November to February 2025": the year the span ends in.
        start_year = int(m.group("year")) - wraps
        how = f"{m.group('a')} to {m.group('b')} {m.group('year')}"
    elif as_of is None:
        return None
    elif m.group("rel") is not None:
        # "from June to August last year": the span starting in that calendar year.
        start_year = as_of.astimezone(zone).year - (1 if m.group("rel") == "last" else 0)
        how = f"{m.group('a')} to {m.group('b')} of {m.group('rel')} year ({start_year})"
    else:
        local = as_of.astimezone(zone)
        # The latest such span that had begun by the document's time.
        start_year = local.year if first <= local.month else local.year - 1
        how = f"the latest {m.group('a')} to {m.group('b')} begun by the document's time"
    end_year = start_year + wraps
    start = datetime(start_year, first, 1, tzinfo=zone)
    stop = datetime(end_year, last, 1, tzinfo=zone) + relativedelta(months=1)
    return Period(start, stop, " ".join(m.group().split()), how, m.end())


def _week_of(text: str, at: int, as_of: datetime | None, zone: tzinfo) -> Period | None:
    m = _WEEK_OF.match(text, at)
    if m is None:
        return None
    month = MONTHS[m.group("mon")[:3].lower()]
    if m.group("year") is not None:
        year = int(m.group("year"))
    elif as_of is None:
        return None
    else:
        local = as_of.astimezone(zone)
        year = local.year if month <= local.month else local.year - 1
    first = datetime(year, month, 1, tzinfo=zone)
    end_of_month = first + relativedelta(months=1)
    which = m.group("ord").lower()
    if which in ("last", "final"):
        start = end_of_month - timedelta(days=7)
        how = f"the last seven days of {m.group('mon')} {year}"
    else:
        n = {"first": 0, "second": 1, "third": 2, "fourth": 3}[which]
        start = first + timedelta(days=7 * n)
        how = f"days {7 * n + 1}-{7 * n + 7} of {m.group('mon')} {year}"
    return Period(start, start + timedelta(days=7), " ".join(m.group().split()), how, m.end())


def _since_start(text: str, at: int, as_of: datetime, zone: tzinfo) -> Period | None:
    m = _START_OF.match(text, at)
    if m is None:
        return None
    local = as_of.astimezone(zone)
    unit = (m.group("unit") or "").lower()
    if unit == "week":
        monday = datetime(local.year, local.month, local.day, tzinfo=zone) - timedelta(days=local.weekday())
        start, what = monday, "the week (weeks start Monday)"
    elif unit == "month":
        start, what = datetime(local.year, local.month, 1, tzinfo=zone), f"{local:%B %Y}"
    elif unit == "year":
        start, what = datetime(local.year, 1, 1, tzinfo=zone), str(local.year)
    elif m.group("year") is not None:
        start, what = datetime(int(m.group("year")), 1, 1, tzinfo=zone), m.group("year")
    else:
        month = MONTHS[m.group("mon")[:3].lower()]
        year = local.year if month <= local.month else local.year - 1
        start, what = datetime(year, month, 1, tzinfo=zone), f"{m.group('mon')} {year}"
    return Period(
        start, as_of, " ".join(m.group().split()), f"from the start of {what} to the document's time", m.end()
    )


def calendar_period(text: str, at: int, prep: str, as_of: datetime | None, zone: tzinfo) -> Period | None:
    """The period written at text[at:] after the preposition `prep` (lower-case: "in", "over",
    "since" ...).

    "since" periods run from the named time to the document's time; the others are the span they
    name. `prep` "" (no preposition) admits only "this weekend" and "last weekend". None when
    nothing here starts at `at`, or it cannot be placed without a document time.
    """
    if prep == "since":
        return (
            None
            if as_of is None
            else _since_month(text, at, as_of, zone) or _since_start(text, at, as_of, zone)
        )
    if prep in ("from", "between"):
        return _month_span(text, at, prep, as_of, zone)
    if prep == "":
        return None if as_of is None else _weekend(text, at, as_of, zone, bare=True)
    found = None
    if prep in ("in", "during", "over", "throughout"):
        found = (
            _quarter(text, at, as_of, zone) or _half(text, at, as_of, zone) or _week_of(text, at, as_of, zone)
        )
    if found is None and as_of is not None and prep in ("in", "during", "over", "for", "within"):
        found = _relative(text, at, as_of)
    if found is None and as_of is not None and prep in ("over", "during", "on", "at", "across"):
        found = _weekend(text, at, as_of, zone)
    return found
