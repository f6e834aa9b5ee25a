"""Publish and update times: cut from labelled lines, parsed strictly, always timezone-aware.

No fuzzy parsing: a regex cuts a date span out of a line that is labelled as a publish or update
time ("First Published:", "Last Updated :", "Published on"), `parse_published` checks that span
against a small set of explicit layouts. dateutil's strict isoparse reads an ISO 8601 span; a
textual layout's datetime is built from the fields its pattern cut out, and tests hold that
reading equal to dateutil.parser.parse's. Zone abbreviations go only through
zones.resolve_abbreviation (an explicit map, never a guess); numeric offsets are taken as
written. What we cannot know we say: a bare date has precision "day"
and offset None; a time with no zone is read as UTC with offset None and a rule saying so.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone, tzinfo

from dateutil.parser import isoparse

from metrics.extract.anchors import Scanner, ascii_lower, group
from metrics.extract.errors import DateParseError, clip
from metrics.extract.zones import resolve_abbreviation
from metrics.model import PublishTime

__all__ = [
    "DateParseError",
    "PublishLine",
    "find_publish_lines",
    "format_offset",
    "offset_zone",
    "parse_published",
]

_F = re.IGNORECASE | re.ASCII
_S = r"[ \t\u00a0]"

# The one list of English month and weekday names the extractors (and benchmarks) share.
MONTH_NAMES: tuple[str, ...] = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
WEEKDAY_NAMES: tuple[str, ...] = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS: dict[str, int] = {name[:3].lower(): i for i, name in enumerate(MONTH_NAMES, start=1)}
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)(?:day|nesday|sday|urday)?\.?,?"
# The zone is case-sensitive even under IGNORECASE: "am"/"pm" or a word must not pass as a zone.
_ZONE = (
    r"(?P<zone>(?-i:(?:GMT|UTC)" + _S + r"?[+-][0-9]{1,2}(?::?[0-9]{2})?|[+-][0-9]{2}:?[0-9]{2}"
    r"|Z|[A-Z]{2,5})(?![A-Za-z0-9]))"
)
_TIME = (
    r"(?P<h>[0-9]{1,2})(?::(?P<mi>[0-9]{2})(?::(?P<s>[0-9]{2})(?:\.[0-9]{1,9})?)?)?"
    + _S
    + r"{0,2}(?P<ampm>[ap]\.?m\.?(?![a-z]))?"
)
_SEP = r"(?:" + _S + r"{0,3}(?:[|,@\u00b7-]|at)" + _S + r"{0,3}|" + _S + r"{1,3})"

_ISO = re.compile(
    r"(?P<y>[0-9]{4})-(?P<mo>[0-9]{2})-(?P<d>[0-9]{2})"
    r"(?:[T ](?P<h>[0-9]{2}):(?P<mi>[0-9]{2})(?::(?P<s>[0-9]{2})(?:[.,][0-9]{1,9})?)?"
    r"(?:" + _S + r"?" + _ZONE + r")?)?(?![0-9])",
    _F,
)
_MDY = (
    r"(?P<mon>"
    + _MONTH
    + r")"
    + _S
    + r"{0,2}(?P<d>[0-9]{1,2})(?:st|nd|rd|th)?,?"
    + _S
    + r"{1,3}(?P<y>[0-9]{4})"
)
_DMY = (
    r"(?P<d>[0-9]{1,2})(?:st|nd|rd|th)?"
    + _S
    + r"{1,2}(?P<mon>"
    + _MONTH
    + r"),?"
    + _S
    + r"{1,3}(?P<y>[0-9]{4})"
)
# "03/05/2025", "3.5.2025": day-first or month-first is the outlet's or language's convention.
_NUMERIC = r"(?P<p1>[0-9]{1,2})(?P<ds>[/.])(?P<p2>[0-9]{1,2})(?P=ds)(?P<y>[0-9]{4})"
_TEXTUAL = [
    re.compile(
        r"(?:" + _WEEKDAY + _S + r"{1,2})?" + date + r"(?![0-9])"
        r"(?:" + _SEP + _TIME + r"(?:" + _S + r"{0,2}\(?" + _ZONE + r"\)?)?)?",
        _F,
    )
    for date in (_MDY, _DMY, _NUMERIC)
] + [
    re.compile(
        _TIME
        + r"(?:"
        + _S
        + r"{0,2}"
        + _ZONE
        + r")?"
        + _SEP
        + r"(?:"
        + _WEEKDAY
        + _S
        + r"{1,2})?"
        + date
        + r"(?![0-9])",
        _F,
    )
    for date in (_MDY, _DMY, _NUMERIC)
]
_PATTERNS = [_ISO, *_TEXTUAL]
_OFFSET = re.compile(r"(?:GMT|UTC)?[ \t\u00a0]?([+-])([0-9]{1,2}):?([0-9]{2})?", _F)


def format_offset(delta: timedelta | None) -> str | None:
    """ "+05:30" for a UTC offset; seconds (historic local mean time) are dropped."""
    if delta is None:
        return None
    minutes = int(delta.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    minutes = abs(minutes)
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def offset_zone(offset: str) -> tzinfo:
    """A fixed-offset zone for "+05:30" / "-04:00" as format_offset writes them."""
    sign = -1 if offset.startswith("-") else 1
    return timezone(sign * timedelta(hours=int(offset[1:3]), minutes=int(offset[4:6])))


def _zone_for(
    raw: str, value: str, outlet: str | None, tz_map: str | None, language: str | None = None
) -> tuple[tzinfo, str | None]:
    m = _OFFSET.fullmatch(raw)
    if m is not None and raw not in ("Z", "z"):
        hours, minutes = int(m.group(2)), int(m.group(3) or 0)
        if hours > 23 or minutes > 59:
            raise DateParseError(f"could not read date {clip(value)}: offset {raw!r} out of range")
        delta = timedelta(hours=hours, minutes=minutes)
        return timezone(-delta if m.group(1) == "-" else delta), None
    if raw in ("Z", "z"):
        return UTC, None
    try:
        return resolve_abbreviation(raw, outlet=outlet, tz_map=tz_map, language=language)
    except DateParseError as exc:
        raise DateParseError(f"could not read date {clip(value)}: unknown zone abbreviation {raw!r}") from exc


# Whether numeric dates are day-first ("03/05/2025" = 3 May), by outlet (case-insensitive) and by
# language tag. An ambiguous numeric date (both parts <= 12) with neither known is refused.
OUTLET_DAY_FIRST: dict[str, bool] = {
    "Business Standard": True,
    "The Times of India": True,
    "Hindustan Times": True,
    "The Hindu": True,
    "NDTV": True,
    "BBC": True,
    "BBC News": True,
    "The Guardian": True,
    "The Independent": True,
    "Sky News": True,
    "The Irish Times": True,
    "Irish Independent": True,
    "RTÉ": True,
    "The Times of Israel": True,
    "Haaretz": True,
    "ABC News (Australia)": True,
    "Der Spiegel": True,
    "Le Monde": True,
    "The New York Times": False,
    "The Washington Post": False,
    "CNN": False,
    "Fox News": False,
    "NBC News": False,
    "CBS News": False,
    "USA Today": False,
    "The Wall Street Journal": False,
    "NPR": False,
}
_DAY_FIRST_KEYS = {name.casefold(): (name, v) for name, v in OUTLET_DAY_FIRST.items()}
_MONTH_FIRST_LANGS = ("en-us", "en-ph", "en-ca")


def date_order(outlet: str | None, language: str | None) -> tuple[bool, str] | None:
    """(day_first, why) for numeric dates: the outlet's convention, else the language tag's."""
    if outlet:
        hit = _DAY_FIRST_KEYS.get(outlet.strip().casefold())
        if hit is not None:
            return hit[1], f"outlet {hit[0]}"
    if language:
        tag = language.strip().lower().replace("_", "-")
        if tag in _MONTH_FIRST_LANGS:
            return False, f"language {language}"
        if tag and tag != "en" and not tag.startswith("en-us"):
            return True, f"language {language}"
    return None


def parse_published(
    value: str,
    *,
    source: str,
    outlet: str | None = None,
    tz_map: str | None = None,
    language: str | None = None,
) -> PublishTime:
    """Parse one already-cut date/time string into a PublishTime.

    Layouts: ISO 8601 ("2025-05-03T08:02:00+05:30", "...Z", "2025-05-02"), month-day-year and
    day-month-year with an optional weekday, time ("8:02 AM", "11:34", "8am") and zone
    ("May 03 2025 | 8:02 AM IST", "08 May. 2025, 11:34"), and time-first ("8:02 AM IST, May 3, 2025").
    A date alone gives precision "day", instant at 00:00 UTC, offset None. A time without a zone is
    read as UTC with offset None and tz_rule "no zone stated; read as UTC": we do not guess a zone
    from the outlet, because outlet maps only disambiguate abbreviations the text did state.
    Raises DateParseError("could not read date '...': reason") for anything else.
    """
    text = value.strip()
    if not text:
        raise DateParseError(f"could not read date {clip(value)}: empty")
    if len(text) > 120:
        raise DateParseError(f"could not read date {clip(value)}: too long for a date")
    m = None
    for pattern in _PATTERNS:
        m = pattern.fullmatch(text)
        if m is not None:
            break
    if m is None:
        raise DateParseError(f"could not read date {clip(value)}: not a recognised date layout")
    groups = m.groupdict()
    if groups.get("p1"):
        day, month, source = _numeric_order(
            int(groups["p1"]), int(groups["p2"]), value, source, outlet, language
        )
    elif groups.get("mon"):
        day, month = int(groups["d"]), MONTHS[groups["mon"][:3].lower()]
    else:
        day, month = int(groups["d"]), int(groups["mo"])
    if groups.get("h") is not None:
        ampm = (groups.get("ampm") or "").replace(".", "").lower()
        hour = int(groups["h"])
        if groups.get("mi") is None and not ampm:
            raise DateParseError(f"could not read date {clip(value)}: hour without minutes or am/pm")
        if ampm and not 1 <= hour <= 12:
            raise DateParseError(f"could not read date {clip(value)}: hour {hour} with {ampm}")
    raw_zone = groups.get("zone")
    tz, rule = (None, None) if raw_zone is None else _zone_for(raw_zone, value, outlet, tz_map, language)
    if pattern is _ISO:
        local = _read_iso(text, m, raw_zone, value)
    else:
        local = _from_fields(int(groups["y"]), month, day, groups, value)
    if groups.get("h") is None:
        instant = local.replace(tzinfo=UTC)
        return PublishTime(instant, None, "day", source, "date only; no time or zone stated")
    precision = "second" if groups.get("s") else "minute"
    if tz is None:
        return PublishTime(local.replace(tzinfo=UTC), None, precision, source, "no zone stated; read as UTC")
    aware = local if local.tzinfo is not None else local.replace(tzinfo=tz)
    try:
        instant = aware.astimezone(UTC)
    except (OverflowError, ValueError):
        raise DateParseError(f"could not read date {clip(value)}: out of range in UTC") from None
    return PublishTime(instant, format_offset(aware.utcoffset()), precision, source, rule)


def _read_iso(text: str, m: re.Match[str], raw_zone: str | None, value: str) -> datetime:
    """dateutil's strict ISO 8601 reader on the span, its zone cut out (the caller attaches it).

    Fractions of a second are dropped: no site's byline means them.
    """
    span = text if raw_zone is None else text[: m.start("zone")].rstrip(" \t\u00a0")
    try:
        return isoparse(span).replace(microsecond=0)
    except (ValueError, OverflowError) as exc:
        raise DateParseError(f"could not read date {clip(value)}: {exc}") from None


def _from_fields(year: int, month: int, day: int, groups: dict[str, str | None], value: str) -> datetime:
    """The wall-clock time a textual layout states, from the fields its pattern cut out.

    Why not dateutil.parser.parse here: the layout pattern has already cut every field (a month
    name from a closed list, day, four-digit year, hour, minute, second, am/pm) and the numeric
    order is settled by the outlet, so dateutil's tokenizer only re-read them, at about an eighth
    of all extraction time. tests/test_extract_dates.py holds this reading equal to
    dateutil.parser.parse (explicit tzinfos, our dayfirst) on generated spans of every layout.
    The weekday, like dateutil, is not checked against the date.
    """
    written_hour = groups.get("h")
    hour = int(written_hour) if written_hour is not None else 0
    ampm = (groups.get("ampm") or "")[:1].lower()
    if ampm == "a" and hour == 12:
        hour = 0
    elif ampm == "p" and hour < 12:
        hour += 12
    minute = int(groups.get("mi") or 0)
    second = int(groups.get("s") or 0)
    try:
        return datetime(year, month, day, hour, minute, second)
    except ValueError as exc:
        raise DateParseError(f"could not read date {clip(value)}: {exc}") from None


def _numeric_order(
    p1: int, p2: int, value: str, source: str, outlet: str | None, language: str | None
) -> tuple[int, int, str]:
    """(day, month, source with the reading noted) for a numeric date."""
    if p1 > 12 and p2 <= 12:
        return p1, p2, f"{source}; numeric date, day-first (first part > 12)"
    if p2 > 12 and p1 <= 12:
        return p2, p1, f"{source}; numeric date, month-first (second part > 12)"
    order = date_order(outlet, language)
    if order is None:
        raise DateParseError(
            f"could not read date {clip(value)}: ambiguous numeric date, day or month first unknown for this outlet"
        )
    day_first, why = order
    reading = "day-first" if day_first else "month-first"
    return (
        (p1, p2, f"{source}; numeric date, {reading} ({why})")
        if day_first
        else (p2, p1, f"{source}; numeric date, {reading} ({why})")
    )


_LABEL = re.compile(
    r"(?<![A-Za-z])(?P<label>First"
    + _S
    + r"{1,2}Published|Last"
    + _S
    + r"{1,2}Updated|Last"
    + _S
    + r"{1,2}Modified|Originally"
    + _S
    + r"{1,2}Published|Published|Updated|Modified|Posted)"
    r"(?P<tail>" + _S + r"{0,3}(?::|on\b|at\b)|(?=" + _S + r"))" + _S + r"{0,3}(?:on" + _S + r"{1,2})?",
    _F,
)
_LABEL_WORDS = ("first", "last", "originally", "published", "updated", "modified", "posted")
# Every label holds one of these; "First", "Last" and "Originally" come right before one.
_LABEL_CORE = ("published", "updated", "modified", "posted")
_A_LABEL_CORE = group(*_LABEL_CORE)
_LABEL_PREFIXES = ("first", "last", "originally")
_LINE_START = re.compile(r"(?:^|\n)[ \t\u00a0]{0,8}$")

_PUBLISHED_LABELS = ("first published", "published", "originally published", "posted")


@dataclass(frozen=True)
class PublishLine:
    kind: str  # "published" | "modified"
    label: str  # the label as written, e.g. "Last Updated"
    span: tuple[int, int]  # label through the end of the date
    time: PublishTime


def _labels(text: str, low: str | None, scanner: Scanner | None = None) -> Iterator[re.Match[str]]:
    """The matches of `_LABEL.finditer(text)`, trying the pattern only where a label word starts.

    `low` is `anchors.ascii_lower(text)`. Every match starts with one of _LABEL_WORDS; finditer
    resumes after each match, so trying those positions in order gives the same matches. With a
    Scanner, only chunks holding a label's core word ("published" ...) are looked in, and a
    prefix ("First", "Last", "Originally") only 1-2 blanks before a core word.
    """
    if low is None:
        low = ascii_lower(text)
    candidates: list[int] = []
    if scanner is None:
        for word in _LABEL_WORDS:
            i = low.find(word)
            while i >= 0:
                candidates.append(i)
                i = low.find(word, i + 1)
    else:
        for start, end in scanner.chunks_with(_A_LABEL_CORE):
            for word in _LABEL_CORE:
                i = low.find(word, start, end)
                while i >= 0:
                    candidates.append(i)
                    for prefix in _LABEL_PREFIXES:
                        for gap in (1, 2):
                            j = i - len(prefix) - gap
                            if j >= 0 and low.startswith(prefix, j):
                                candidates.append(j)
                    i = low.find(word, i + 1, end)
    last = 0
    for pos in sorted(candidates):
        if pos < last:
            continue
        m = _LABEL.match(text, pos)
        if m is not None:
            last = m.end()
            yield m


def find_publish_lines(
    text: str,
    *,
    outlet: str | None = None,
    tz_map: str | None = None,
    language: str | None = None,
    scanner: Scanner | None = None,
) -> list[PublishLine]:
    """Labelled publish/update times in the text, in text order.

    A label followed by ":" counts anywhere on a line ("3 min read Last Updated : May 03 2025");
    without a colon ("Published on May 3, 2025") it must start the line, so prose like "the study
    was published May 3, 2025" is not taken for the article's own date. Spans that fail to parse
    are skipped: a page's junk must not stop extraction. `scanner`, if given, is the text's
    Scanner: its word index and lower-cased text are used rather than built again.
    """
    out: list[PublishLine] = []
    for m in _labels(text, scanner.low if scanner is not None else None, scanner):
        tail = m.group("tail").strip().lower()
        if tail != ":" and _LINE_START.search(text, max(0, m.start() - 9), m.start()) is None:
            continue
        pos = m.end()
        best = None
        for pattern in _PATTERNS:
            dm = pattern.match(text, pos)
            if dm is not None and (best is None or dm.end() > best.end()):
                best = dm
        if best is None:
            continue
        label = " ".join(m.group("label").split())
        kind = "published" if label.lower() in _PUBLISHED_LABELS else "modified"
        try:
            time = parse_published(
                best.group(), source=f'text: "{label}" line', outlet=outlet, tz_map=tz_map, language=language
            )
        except DateParseError:
            continue
        out.append(PublishLine(kind, label, (m.start(), best.end()), time))
    return out
