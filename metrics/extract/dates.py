"""Publish and update times: cut from labelled lines and stamp lines, parsed strictly.

No fuzzy parsing: a regex cuts a date span out of a line that is labelled as a publish or update
time ("First Published:", "Last Updated :", "Published on"), or out of an unlabelled stamp line
near the top of the text, a line that is only a stamp in one of the layouts plus known trailers
("12 March,2021 09:15 AM IST | Mumbai | PTI", "5. März 2019"); `parse_published` checks that span
against a small set of explicit layouts. dateutil's strict isoparse reads an ISO 8601 span; a
textual layout's datetime is built from the fields its pattern cut out, and tests hold that
reading equal to dateutil.parser.parse's. Month and weekday names come from one table per
language (MONTHS_BY_LANGUAGE, WEEKDAYS_BY_LANGUAGE). Zone abbreviations go only through
zones.resolve_abbreviation (an explicit map, never a guess); numeric offsets are taken as
written. What we cannot know we say: a bare date has precision "day" and offset None; a time
with no zone is read in the outlet's zone when zones.OUTLET_ZONES knows the outlet, and
otherwise kept as a wall clock with its zone unknown (PublishTime.local), its instant only the
calendar day: never as if it were UTC.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone, tzinfo

from dateutil.parser import isoparse

from metrics.extract.anchors import Scanner, ascii_lower, group
from metrics.extract.errors import DateParseError, clip
from metrics.extract.zones import outlet_zone, resolve_abbreviation, zone
from metrics.model import PublishTime

__all__ = [
    "DateParseError",
    "PublishLine",
    "find_publish_lines",
    "find_stamp_lines",
    "format_offset",
    "offset_zone",
    "parse_published",
]

_F = re.IGNORECASE | re.ASCII
# Date layouts fold case the Unicode way, so "MÄRZ" is "März"; every class in them is spelled out
# ([0-9], [A-Za-z]), so dropping re.ASCII widens nothing else.
_DF = re.IGNORECASE
_S = r"[ \t\u00a0]"

# Month and weekday names, one table per language: each entry is a month's (or weekday's) written
# forms, full name first, then abbreviations as pages print them (a trailing "." is allowed by the
# layouts). No form may name two different months (tests hold that): "mar" is March in English,
# Spanish and Portuguese alike, "mai" May in German, French and Portuguese.
MONTHS_BY_LANGUAGE: dict[str, tuple[tuple[str, ...], ...]] = {
    "en": (
        ("January", "Jan"), ("February", "Feb"), ("March", "Mar"), ("April", "Apr"), ("May",),
        ("June", "Jun"), ("July", "Jul"), ("August", "Aug"), ("September", "Sept", "Sep"),
        ("October", "Oct"), ("November", "Nov"), ("December", "Dec"),
    ),
    "de": (
        ("Januar", "Jänner", "Jan"), ("Februar", "Feb"), ("März", "Maerz", "Mär", "Mrz"), ("April", "Apr"),
        ("Mai",), ("Juni", "Jun"), ("Juli", "Jul"), ("August", "Aug"), ("September", "Sept", "Sep"),
        ("Oktober", "Okt"), ("November", "Nov"), ("Dezember", "Dez"),
    ),
    "fr": (
        ("janvier", "janv"), ("février", "fevrier", "févr", "fevr"), ("mars",), ("avril", "avr"), ("mai",),
        ("juin",), ("juillet", "juil"), ("août", "aout"), ("septembre", "sept"), ("octobre", "oct"),
        ("novembre", "nov"), ("décembre", "decembre", "déc", "dec"),
    ),
    "es": (
        ("enero", "ene"), ("febrero", "feb"), ("marzo", "mar"), ("abril", "abr"), ("mayo", "may"),
        ("junio", "jun"), ("julio", "jul"), ("agosto", "ago"), ("septiembre", "setiembre", "sept", "sep"),
        ("octubre", "oct"), ("noviembre", "nov"), ("diciembre", "dic"),
    ),
    "pt": (
        ("janeiro", "jan"), ("fevereiro", "fev"), ("março", "marco", "mar"), ("abril", "abr"), ("maio", "mai"),
        ("junho", "jun"), ("julho", "jul"), ("agosto", "ago"), ("setembro", "set"), ("outubro", "out"),
        ("novembro", "nov"), ("dezembro", "dez"),
    ),
    "ms": (
        ("Januari", "Jan"), ("Februari", "Feb"), ("Mac",), ("April", "Apr"), ("Mei",), ("Jun",),
        ("Julai", "Jul"), ("Ogos",), ("September", "Sep"), ("Oktober", "Okt"), ("November", "Nov"),
        ("Disember", "Dis"),
    ),
    "id": (
        ("Januari", "Jan"), ("Februari", "Feb"), ("Maret", "Mar"), ("April", "Apr"), ("Mei",), ("Juni", "Jun"),
        ("Juli", "Jul"), ("Agustus", "Agu", "Agt"), ("September", "Sep"), ("Oktober", "Okt"),
        ("November", "Nov", "Nop"), ("Desember", "Des"),
    ),
}  # fmt: skip
WEEKDAYS_BY_LANGUAGE: dict[str, tuple[tuple[str, ...], ...]] = {
    "en": (
        ("Monday", "Mon"), ("Tuesday", "Tues", "Tue"), ("Wednesday", "Wed"), ("Thursday", "Thurs", "Thur", "Thu"),
        ("Friday", "Fri"), ("Saturday", "Sat"), ("Sunday", "Sun"),
    ),
    "de": (
        ("Montag",), ("Dienstag",), ("Mittwoch",), ("Donnerstag",), ("Freitag",), ("Samstag", "Sonnabend"),
        ("Sonntag",),
    ),
    "fr": (("lundi",), ("mardi",), ("mercredi",), ("jeudi",), ("vendredi",), ("samedi",), ("dimanche",)),
    "es": (
        ("lunes",), ("martes",), ("miércoles", "miercoles"), ("jueves",), ("viernes",), ("sábado", "sabado"),
        ("domingo",),
    ),
    "pt": (
        ("segunda-feira",), ("terça-feira", "terca-feira"), ("quarta-feira",), ("quinta-feira",),
        ("sexta-feira",), ("sábado", "sabado"), ("domingo",),
    ),
    "ms": (("Isnin",), ("Selasa",), ("Rabu",), ("Khamis",), ("Jumaat",), ("Sabtu",), ("Ahad",)),
    "id": (("Senin",), ("Selasa",), ("Rabu",), ("Kamis",), ("Jumat",), ("Sabtu",), ("Minggu",)),
}  # fmt: skip

# The English names the other extractors (and benchmarks) share.
MONTH_NAMES: tuple[str, ...] = tuple(forms[0] for forms in MONTHS_BY_LANGUAGE["en"])
WEEKDAY_NAMES: tuple[str, ...] = tuple(forms[0] for forms in WEEKDAYS_BY_LANGUAGE["en"])
MONTHS: dict[str, int] = {name[:3].lower(): i for i, name in enumerate(MONTH_NAMES, start=1)}


def _month_numbers() -> dict[str, int]:
    """Every written month form, case-folded, -> its month number, over all languages."""
    out: dict[str, int] = {}
    for months in MONTHS_BY_LANGUAGE.values():
        for number, forms in enumerate(months, start=1):
            for form in forms:
                out[form.casefold()] = number
    return out


def _names(tables: dict[str, tuple[tuple[str, ...], ...]]) -> str:
    """An alternation of every form in the tables, longest first so "Sept" is not cut to "Sep"."""
    forms = {form for table in tables.values() for entry in table for form in entry}
    return "|".join(re.escape(f) for f in sorted(forms, key=lambda f: (-len(f), f)))


MONTH_NUMBER: dict[str, int] = _month_numbers()
_MONTH = r"(?:" + _names(MONTHS_BY_LANGUAGE) + r")(?![A-Za-z\u00c0-\u024f])"
_WEEKDAY = r"(?:" + _names(WEEKDAYS_BY_LANGUAGE) + r")(?![A-Za-z\u00c0-\u024f])\.?,?"
# The zone is case-sensitive even under IGNORECASE: "am"/"pm" or a word must not pass as a zone.
_ZONE = (
    r"(?P<zone>(?-i:(?:GMT|UTC)" + _S + r"?[+-][0-9]{1,2}(?::?[0-9]{2})?|[+-][0-9]{2}:?[0-9]{2}"
    r"|Z|[A-Z]{2,5})(?![A-Za-z0-9]))"
)
# "8:02", "07.00" (The Guardian), "12h55" (French, Portuguese), "8am"; "14:30 Uhr" (German), "14:30 h".
# An hour needs minutes or am/pm (the lookahead), so "• 12 Comments" after a date is not a time.
_TIME = (
    r"(?P<h>[0-9]{1,2})(?=[:.h][0-9]{2}|"
    + _S
    + r"{0,2}[ap]\.?m)(?:[:.h](?P<mi>[0-9]{2})(?::(?P<s>[0-9]{2})(?:\.[0-9]{1,9})?)?)?(?:"
    + _S
    + r"{0,2}(?P<ampm>[ap]\.?m\.?(?![a-z])))?(?:"
    + _S
    + r"{1,2}(?:Uhr|h)(?![a-z]))?"
)
# Between date and time: punctuation ("February 1, 2016: 12:41 PM ET", "14.12.2023 • 23:41") or
# the word each language puts there (at, um, à, às, a las, pukul).
_SEP = rf"(?:{_S}{{0,3}}(?:[|,@:\u00b7\u2022-]|at|um|à|às|a{_S}las|pukul){_S}{{0,3}}|{_S}{{1,3}})"

_ISO = re.compile(
    r"(?P<y>[0-9]{4})-(?P<mo>[0-9]{2})-(?P<d>[0-9]{2})"
    r"(?:[T ](?P<h>[0-9]{2}):(?P<mi>[0-9]{2})(?::(?P<s>[0-9]{2})(?:[.,][0-9]{1,9})?)?"
    r"(?:" + _S + r"?" + _ZONE + r")?)?(?![0-9])",
    _F,
)
# "May 3, 2025", "Dec. 6, 2024", "March 12,2021".
_MDY = (
    r"(?P<mon>"
    + _MONTH
    + r")\.?"
    + _S
    + r"{0,2}(?P<d>[0-9]{1,2})(?:st|nd|rd|th)?(?:,"
    + _S
    + r"{0,3}|"
    + _S
    + r"{1,3})(?P<y>[0-9]{4})"
)
# "3 May 2025", "12 March,2021", "5. März 2019", "1er mars 2019", "5 de marzo de 2019", "21.dez.2018".
_DMY = (
    r"(?P<d>[0-9]{1,2})(?:st|nd|rd|th|er)?(?:\."
    + _S
    + r"{0,2}|"
    + _S
    + r"{1,2})(?:de"
    + _S
    + r"{1,2})?(?P<mon>"
    + _MONTH
    + r")\.?(?:,"
    + _S
    + r"{0,3}|"
    + _S
    + r"{1,3}(?:del?"
    + _S
    + r"{1,2})?|(?<=\.))(?P<y>[0-9]{4})"
)
# "03/05/2025", "3.5.2025": day-first or month-first is the outlet's or language's convention.
_NUMERIC = r"(?P<p1>[0-9]{1,2})(?P<ds>[/.])(?P<p2>[0-9]{1,2})(?P=ds)(?P<y>[0-9]{4})"
_TEXTUAL = [
    re.compile(
        r"(?:" + _WEEKDAY + _S + r"{1,2})?" + date + r"(?![0-9])"
        r"(?:" + _SEP + _TIME + r"(?:" + _S + r"{0,2}\(?" + _ZONE + r"\)?)?)?",
        _DF,
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
        _DF,
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
    default_zone: str | None = None,
) -> PublishTime:
    """Parse one already-cut date/time string into a PublishTime.

    Layouts: ISO 8601 ("2025-05-03T08:02:00+05:30", "...Z", "2025-05-02"), month-day-year and
    day-month-year with an optional weekday, time ("8:02 AM", "11:34", "8am", "07.00", "14:30 Uhr")
    and zone ("May 03 2025 | 8:02 AM IST", "08 May. 2025, 11:34", "5. März 2019, 14:30 Uhr"), and
    time-first ("8:02 AM IST, May 3, 2025"); month names in any language of MONTHS_BY_LANGUAGE.
    A date alone gives precision "day", instant at 00:00 UTC, offset None.
    A time without a zone is read in `default_zone` (an IANA name) when the caller knows the zone
    its input is in (a command-line flag in UTC, say), else in the outlet's zone from
    zones.OUTLET_ZONES; otherwise its zone is unknown, and it is kept as written in `local` with
    the instant only its calendar day (precision "day", 00:00 UTC, offset None), so that nothing
    downstream takes the hour for a UTC hour. tz_rule says which of these it was.
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
        day, month = int(groups["d"]), MONTH_NUMBER[groups["mon"].casefold()]
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
        unstated = _unstated_zone(default_zone, outlet)
        if unstated is None:
            return PublishTime(
                datetime(local.year, local.month, local.day, tzinfo=UTC),
                None,
                "day",
                source,
                "no zone stated; wall clock kept, zone unknown",
                local=local,
            )
        tz, rule = unstated
    aware = local if local.tzinfo is not None else local.replace(tzinfo=tz)
    try:
        instant = aware.astimezone(UTC)
    except (OverflowError, ValueError):
        raise DateParseError(f"could not read date {clip(value)}: out of range in UTC") from None
    return PublishTime(instant, format_offset(aware.utcoffset()), precision, source, rule)


def _unstated_zone(default_zone: str | None, outlet: str | None) -> tuple[tzinfo, str] | None:
    """(zone, tz_rule) for a time written without a zone, when the caller or the outlet map knows it."""
    if default_zone is not None:
        return zone(default_zone), f"no zone stated; read in {default_zone} (the caller's zone)"
    known = outlet_zone(outlet)
    if known is None:
        return None
    name, iana = known
    return zone(iana), f"no zone stated; outlet {name}'s zone {iana} (outlet map)"


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


def _longest_date(text: str, pos: int, endpos: int) -> re.Match[str] | None:
    """The longest date layout match starting at `pos` and ending by `endpos`, if any."""
    best = None
    for pattern in _PATTERNS:
        dm = pattern.match(text, pos, endpos)
        if dm is not None and (best is None or dm.end() > best.end()):
            best = dm
    return best


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
        best = _longest_date(text, m.end(), len(text))
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


# Stamp lines: where to look. A page prints its stamp in the header, before the story; further down,
# a line that is only a date is a live-blog entry, an embedded post or a related link.
STAMP_WINDOW_LINES = 40  # non-blank lines
STAMP_WINDOW_CHARS = 3000
# A line this long (in words) ending a sentence is the body's prose: the header is over.
PROSE_WORDS = 25
_STAMP_LINE_MAX = 200  # a stamp and its trailers fit in this many characters
_PROSE_END = (".", "!", "?", '"', "\u201d", "\u00bb", "'")

# What may follow the stamp on its line, each after a separator: a comment count ("• Comments",
# "• 12 Comments"), a reading time ("| 3 min read"), a place or an agency ("| Mumbai | PTI", at
# most four capitalised words), or an update stamp ("| Updated: 13 March 2021 10:00 AM IST").
_TRAILER_SEP = re.compile(_S + r"{0,3}[|\u2022\u00b7\u2013\u2014-]" + _S + r"{0,3}")
_TRAILER_ITEM = re.compile(
    r"(?i:(?:[0-9]{1,6}" + _S + r"{1,2}|no" + _S + r"{1,2})?comments?"
    r"|[0-9]{1,3}" + _S + r"{0,2}min(?:ute)?s?" + _S + r"{1,2}read)(?![A-Za-z])"
    r"|[A-Z\u00c0-\u00de][\w.'&-]{0,25}(?:" + _S + r"{1,2}[A-Z\u00c0-\u00de][\w.'&-]{0,25}){0,3}(?![\w])"
)
_TRAILER_UPDATED = re.compile(
    r"(?i:(?:last" + _S + r"{1,2})?updated)(?::|" + _S + r"{0,3}:)?" + _S + r"{0,3}"
)
_MAX_TRAILERS = 4

# A label printed on its own line just above the stamp (pages that set label and date in separate
# elements: "Updated" then "Jul 24, 2018, 2:15pm EDT"), by what it says the stamp is. Compared
# after folding case and dropping brackets and colons ("(Mis à jour :" is "mis à jour").
LABELS_ABOVE: dict[str, str] = {
    "published": "published",
    "first published": "published",
    "posted": "published",
    "veröffentlicht": "published",
    "publié": "published",
    "publié le": "published",
    "publicado": "published",
    "diterbitkan": "published",
    "updated": "modified",
    "last updated": "modified",
    "modified": "modified",
    "last modified": "modified",
    "aktualisiert": "modified",
    "zuletzt aktualisiert": "modified",
    "stand": "modified",
    "mis à jour": "modified",
    "mis à jour le": "modified",
    "actualizado": "modified",
    "atualizado": "modified",
    "atualizado em": "modified",
    "diperbarui": "modified",
    "dikemaskini": "modified",
}
_LABEL_ABOVE_MAX = 30


def _label_above(text: str, line: tuple[int, int] | None) -> tuple[str, str] | None:
    """(kind, label as written) when the line is only one of LABELS_ABOVE."""
    if line is None or line[1] - line[0] > _LABEL_ABOVE_MAX:
        return None
    written = " ".join(text[line[0] : line[1]].strip(" ():\u00a0\t").split())
    kind = LABELS_ABOVE.get(written.casefold())
    return (kind, written) if kind is not None else None


def _header_lines(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each non-blank line in the header window, leading and trailing blanks cut:
    the first STAMP_WINDOW_LINES non-blank lines within STAMP_WINDOW_CHARS, up to and including the
    first prose line (PROSE_WORDS words or more, ending a sentence)."""
    limit = min(len(text), STAMP_WINDOW_CHARS)
    pos = seen = 0
    while pos < limit and seen < STAMP_WINDOW_LINES:
        nl = text.find("\n", pos, limit)
        end = limit if nl < 0 else nl
        start = pos
        while start < end and text[start] in " \t\u00a0\r":
            start += 1
        stop = end
        while stop > start and text[stop - 1] in " \t\u00a0\r":
            stop -= 1
        pos = end + 1
        if start == stop:
            continue
        seen += 1
        yield start, stop
        if text[stop - 1] in _PROSE_END and len(text[start:stop].split()) >= PROSE_WORDS:
            return


def _trailers(text: str, pos: int, end: int) -> tuple[bool, re.Match[str] | None]:
    """(whether text[pos:end] is only known trailers, the update stamp among them if any)."""
    updated = None
    for _ in range(_MAX_TRAILERS):
        if pos == end:
            return True, updated
        sep = _TRAILER_SEP.match(text, pos, end)
        if sep is None:
            return False, None
        pos = sep.end()
        label = _TRAILER_UPDATED.match(text, pos, end)
        stamp = _longest_date(text, label.end(), end) if label is not None and label.end() > pos else None
        if stamp is not None:
            updated, pos = stamp, stamp.end()
            continue
        item = _TRAILER_ITEM.match(text, pos, end)
        if item is None:
            return False, None
        pos = item.end()
    return pos == end, updated


def find_stamp_lines(
    text: str,
    *,
    outlet: str | None = None,
    tz_map: str | None = None,
    language: str | None = None,
) -> list[PublishLine]:
    """Unlabelled publish stamps in the text's header, in text order.

    A stamp line is a line that holds only a stamp in one of the date layouts
    ("Mar 5, 2019", "3/14/2022 8:05:00 AM", "5. März 2019", "5 de marzo de 2019"), optionally
    followed by known trailers ("• Comments", "| Mumbai | PTI", "| Updated: ..."). Only the
    header is looked at (see _header_lines): a date inside a sentence, or on its own line in the
    body, is never taken for the article's. The stamp gives kind "published", or the kind of a
    label alone on the line above it (LABELS_ABOVE: "Updated", "Mis à jour"); an "Updated" trailer
    also gives kind "modified". Each costs at most a few hundred characters of matching, however
    long the text. Stamps that fail to parse are skipped.
    """
    out: list[PublishLine] = []
    previous: tuple[int, int] | None = None
    for start, stop in _header_lines(text):
        above, previous = previous, (start, stop)
        if stop - start > _STAMP_LINE_MAX or not text[start].isalnum():
            continue
        stamp = _longest_date(text, start, stop)
        if stamp is None:
            continue
        only, updated = _trailers(text, stamp.end(), stop)
        if not only:
            continue
        line = " ".join(text[start:stop].split())
        source = f'text: stamp line "{line if len(line) <= 100 else line[:99] + "…"}"'
        kind = "published"
        if (label := _label_above(text, above)) is not None:
            kind, source = label[0], f'{source} under "{label[1]}"'
        found = [(kind, stamp, source)]
        if updated is not None:
            found.append(("modified", updated, f"{source}, its update"))
        for kind, match, why in found:
            try:
                time = parse_published(
                    match.group(), source=why, outlet=outlet, tz_map=tz_map, language=language
                )
            except DateParseError:
                continue
            out.append(PublishLine(kind, "stamp line", (start, stop), time))
    return out
