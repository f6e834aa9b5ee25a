"""Figures that analysts logged by hand: JSON Lines or CSV of articles and what they reported.

The articles arrive without their text, so nothing is extracted: each figure becomes a claim
marked `entered`.

JSON Lines, one article per line:
    {"url", "outlet", "title", "byline", "published", "topics": [...], "story",
     "figures": [{"metric", "value", "qualifier", "scope", "time_window", "subject", "platform",
                  "quote", "as_of"}],
     "time_refs": [{"quote", "resolved"}]}
CSV, one figure per row (rows with the same url are one article; `topics` separated by ";"):
    url,outlet,title,byline,published,topics,story,metric,value,qualifier,scope,time_window,
    subject,platform,quote,as_of

Each line (a CSV row) stands alone: whatever is wrong with it, from bytes that are not UTF-8 to a
number no chart can hold, becomes one error naming the file and line, and every other line is
still read. Values are checked here, where they enter, against the bounds stated below. A BOM
(UTF-8, UTF-16, UTF-32) is honoured; without one the file is read as UTF-8.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from functools import lru_cache
from itertools import accumulate
from pathlib import Path
from typing import Any

from metrics.extract.claims import claim_bounds
from metrics.extract.dates import DateParseError, format_offset, parse_published
from metrics.extract.errors import clip
from metrics.model import (
    METRICS,
    ArticleInput,
    Claim,
    DocumentMeta,
    InputError,
    PublishTime,
    StoryRef,
    TimeRef,
    unit_for,
)
from metrics.normalize import canonical_url

# --- What an entered line may hold. Outside these bounds a line is refused with its file and line:
# a value that no chart, verdict or export can hold is an input error, not data.
# A line of JSON (or a CSV field: the csv module's own limit, 131,072 characters): an article's
# metadata and figures with their quotes take a few kilobytes.
MAX_LINE_CHARS = 1_000_000
# The format nests three deep (record > figures > figure); deeper is not a record, and it is refused
# before json.loads, whose recursion a 100,000-deep array would exhaust.
MAX_NESTING = 10
# Counts (views, likes, ...): the largest reported totals, TikTok hashtags, are tens of trillions
# (3.5e13); 1e15 keeps every whole count exact in a DOUBLE (exact up to 2**53, about 9e15).
MAX_COUNT = 1e15
# video_length in seconds: the longest archived live streams run for days, not months.
MAX_LENGTH_S = 31 * 86_400
# Dates (published, as_of, video_published): from 1900, so that a 20th-century TV audience can be
# logged, to now plus two days, so that today's date read as a whole day in UTC+14 still fits.
EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)
FUTURE_SLACK = timedelta(days=2)
# A resolved time reference may point ahead ("by 2030"), so only its year is bounded.
TIME_REF_YEARS = (1900, 2100)

# What an analyst may log: the extractor's metrics plus figures outlets report that we do not
# extract yet. A typo ("viewz") is an error, not a new metric on every chart.
ENTERED_METRICS: tuple[str, ...] = (*METRICS, "reach", "impressions", "dislikes", "reposts")
_AGENCIES = {
    "ap": "AP",
    "associated press": "AP",
    "reuters": "Reuters",
    "bloomberg": "Bloomberg",
    "afp": "AFP",
    "nyt": "The New York Times",
    "new york times": "The New York Times",
}
_AGENCY_IN_NOTE = re.compile(r"\b(AP|Associated Press|Reuters|Bloomberg|AFP|NYT|New York Times)\b")
_OUTLET_NOTE = re.compile(r"^(?P<name>[^()]+?)\s*\((?P<note>[^()]*)\)\s*$")
_WINDOW = re.compile(
    r"^(first (day|24 hours|week|month|hours?)|within .+|in (its|their) first .+|as of .+|by .+|since .+|to date)$",
    re.IGNORECASE,
)
_ISO_DAY = re.compile(r"\((\d{4}-\d{2}-\d{2})\)")
_RESOLVED = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
# Characters left by bytes that are not UTF-8 (decoded with surrogateescape) and lone surrogates
# from JSON escapes ("\ud800"): neither can be written as UTF-8, so DuckDB could not store them.
_SURROGATE = re.compile("[\ud800-\udfff]")
# For measuring a line's nesting without recursion, in linear time (a regex that matched strings
# with their escapes in one go backtracked quadratically on a line of 500,000 '\\"'): escapes
# out, then strings out, then everything but brackets out.
_JSON_ESCAPE = re.compile(r"\\.", re.DOTALL)
_JSON_STRING = re.compile(r'"[^"]*"')
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_BRACKET_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


class BadRecord(Exception):
    pass


@dataclass(frozen=True)
class ImportDefaults:
    story: StoryRef | None = None
    story_by_url: Mapping[str, StoryRef] | None = None
    tags: tuple[str, ...] = ()
    note: str | None = None
    tz_map: str | None = None


Progress = Callable[[int, int], None]  # (lines read, lines in the file)


@dataclass
class _Reading:
    """What every record of one file is checked against."""

    defaults: ImportDefaults
    encoding: str = "UTF-8"  # as the file was read, for the message of a line that did not decode
    latest: datetime = field(default_factory=lambda: datetime.now(UTC) + FUTURE_SLACK)


def read_entered(
    path: Path, defaults: ImportDefaults = ImportDefaults(), *, progress: Progress | None = None
) -> tuple[list[ArticleInput], list[InputError]]:
    """Parse a JSON Lines or CSV file of entered articles.

    Returns the articles read and one error per line (or group of CSV rows) that could not be;
    never raises for a bad file or line. `progress(done, total)` is called as lines are read.
    """
    try:
        raw, encoding = _decode(path.read_bytes())
    except OSError as exc:
        return [], [InputError(str(path), f"cannot read: {exc.strerror or exc}")]
    except UnicodeDecodeError as exc:
        return [], [
            InputError(
                str(path),
                f"not {exc.encoding} though it starts with that BOM (invalid bytes at offset {exc.start})",
            )
        ]
    if not raw.strip():
        return [], [InputError(str(path), "empty file")]
    reading = _Reading(defaults, encoding)
    if path.suffix.lower() == ".csv":
        return _read_csv(path, raw, reading, progress)
    return _read_jsonl(path, raw, reading, progress)


def _decode(data: bytes) -> tuple[str, str]:
    """The text of a file and its encoding: by its BOM if it has one, else UTF-8. What does not
    decode is kept as lone surrogates, so that only the lines holding it fail (_undecodable); only
    a UTF-16 or UTF-32 file cut off mid-character fails as a whole (UnicodeDecodeError)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="surrogatepass"), encoding.upper()
    return data.decode("utf-8-sig", errors="surrogateescape"), "UTF-8"


def _undecodable(text: str, encoding: str) -> str | None:
    found = _SURROGATE.search(text)
    if found is None:
        return None
    return f"not {encoding} (an invalid byte at column {found.start() + 1}); save the file as UTF-8"


def _read_jsonl(
    path: Path, raw: str, reading: _Reading, progress: Progress | None
) -> tuple[list[ArticleInput], list[InputError]]:
    # Lines end at "\n" only: str.splitlines() also splits at U+2028 and other characters that
    # JSON allows inside a string, which would cut a valid record in two.
    lines = raw.split("\n")
    items: list[ArticleInput] = []
    errors: list[InputError] = []
    for lineno, line in enumerate(lines, start=1):
        if progress is not None and lineno % 1000 == 0:
            progress(lineno, len(lines))
        # A BOM inside the file is where two files were joined (cat a.jsonl b.jsonl): not data.
        line = line.removesuffix("\r").removeprefix("\ufeff")
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
        try:
            items.append(_article(_json_object(line, reading.encoding), source=where, reading=reading))
        except BadRecord as exc:
            errors.append(InputError(where, str(exc)))
        except Exception as exc:  # noqa: BLE001 - whatever else one line raises stays that line's error
            errors.append(
                InputError(where, f"cannot read this record ({type(exc).__name__}: {clip(str(exc))})")
            )
    if progress is not None:
        progress(len(lines), len(lines))
    return items, errors


def _json_object(line: str, encoding: str) -> dict[str, Any]:
    """One line's JSON object, after the checks that json.loads cannot survive or would not make."""
    bad_bytes = _undecodable(line, encoding)
    if bad_bytes:
        raise BadRecord(bad_bytes)
    if len(line) > MAX_LINE_CHARS:
        raise BadRecord(f"a line of {len(line):,} characters; at most {MAX_LINE_CHARS:,} are read")
    if line.count("[") + line.count("{") > MAX_NESTING and _nesting(line) > MAX_NESTING:
        raise BadRecord(f"nested more than {MAX_NESTING} levels deep; a record nests three")
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise BadRecord(f"not valid JSON ({exc.msg} at column {exc.colno})") from exc
    except ValueError as exc:  # a number too long for int(): Python refuses over 4,300 digits
        raise BadRecord(f"not valid JSON ({clip(str(exc))})") from exc
    except RecursionError as exc:  # kept out by _nesting; this is the second line of defence
        raise BadRecord(f"nested more than {MAX_NESTING} levels deep; a record nests three") from exc
    if not isinstance(obj, dict):
        raise BadRecord("a line must hold one JSON object")
    return obj


def _nesting(line: str) -> int:
    """How deep a line's brackets nest, strings skipped: no recursion, linear in the line."""
    bare = _JSON_STRING.sub("", _JSON_ESCAPE.sub("", line))
    brackets = _NOT_BRACKET.sub("", bare)
    return max(accumulate(map(_BRACKET_STEP.__getitem__, brackets)), default=0)


_ARTICLE_FIELDS = ("url", "outlet", "title", "byline", "published", "story")
_FIGURE_FIELDS = (
    "metric",
    "value",
    "qualifier",
    "scope",
    "time_window",
    "subject",
    "platform",
    "quote",
    "as_of",
)
# The CSV format's columns, in the order the README gives: one figure per row.
CSV_COLUMNS: tuple[str, ...] = (
    "url",
    "outlet",
    "title",
    "byline",
    "published",
    "topics",
    "story",
    *_FIGURE_FIELDS,
)


@dataclass
class _CsvArticle:
    """The rows of one article (rows sharing a url): its fields from the first, a figure from each."""

    first_line: int
    record: dict[str, Any]
    figures: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    lines: int = 0  # rows of this article that were read without error


def _read_csv(
    path: Path, raw: str, reading: _Reading, progress: Progress | None
) -> tuple[list[ArticleInput], list[InputError]]:
    """Rows grouped into articles. A malformed row (a stray quote, too many fields, a field over
    the csv module's limit) is an error at its line and reading goes on at the next line; only an
    unclosed quote swallows the rest of the file, and the error says so."""
    errors: list[InputError] = []
    grouped: dict[str, _CsvArticle] = {}
    total = raw.count("\n") + 1
    for lineno, row in _csv_rows(raw, errors, path, reading.encoding):
        if progress is not None and lineno % 1000 == 0:
            progress(lineno, total)
        key = (row.get("url") or row.get("title") or f"row {lineno}").strip()
        article = grouped.get(key)
        if article is None:
            record: dict[str, object] = {k: (row.get(k) or None) for k in _ARTICLE_FIELDS}
            record["topics"] = [t.strip() for t in (row.get("topics") or "").split(";") if t.strip()]
            article = grouped[key] = _CsvArticle(lineno, record)
        if (row.get("metric") or "").strip():
            article.figures.append((lineno, {k: (row.get(k) or None) for k in _FIGURE_FIELDS}))
        else:
            article.lines += 1
    items: list[ArticleInput] = []
    for article in grouped.values():
        where = f"{path}:{article.first_line}"
        try:
            item = _csv_article(path, article, reading, errors)
        except BadRecord as exc:
            rest = len(article.figures) + article.lines - 1
            also = (
                f" (this article's {rest} other row{'s' if rest > 1 else ''} not recorded either)"
                if rest > 0
                else ""
            )
            errors.append(InputError(where, f"{exc}{also}"))
        except Exception as exc:  # noqa: BLE001 - whatever else one article raises stays its error
            errors.append(
                InputError(where, f"cannot read this record ({type(exc).__name__}: {clip(str(exc))})")
            )
        else:
            if item is not None:
                items.append(item)
    if progress is not None:
        progress(total, total)
    return items, errors


def _csv_rows(
    raw: str, errors: list[InputError], path: Path, encoding: str
) -> Iterator[tuple[int, dict[str, str]]]:
    """(line, row) for each row that parses, its bad rows appended to `errors` as they come."""
    reader = csv.DictReader(io.StringIO(raw), strict=True)
    try:
        header = reader.fieldnames or []
    except csv.Error as exc:
        errors.append(InputError(f"{path}:1", f"malformed CSV header ({exc}); nothing read"))
        return
    if "url" not in header and "title" not in header:
        errors.append(
            InputError(f"{path}:1", "the header names neither a url nor a title column; nothing read")
        )
        return
    rows = iter(reader)
    lines = raw.count("\n") + (not raw.endswith("\n"))
    while True:
        start = reader.line_num + 1
        try:
            row = next(rows)
        except StopIteration:
            return
        except csv.Error as exc:
            # Only an unclosed quote reads on to the end of the file looking for its pair.
            swallowed = reader.line_num > start and reader.line_num >= lines
            rest = (
                "; every later line was read into this row, so none of them was recorded" if swallowed else ""
            )
            errors.append(InputError(f"{path}:{start}", f"malformed CSV ({exc}){rest}"))
            continue
        lineno = reader.line_num
        if None in row:
            errors.append(
                InputError(
                    f"{path}:{lineno}",
                    f"{len(header) + len(row[None])} fields where the header has {len(header)}",
                )
            )
            continue
        bad_bytes = next((b for b in (_undecodable(v or "", encoding) for v in row.values()) if b), None)
        if bad_bytes:
            errors.append(InputError(f"{path}:{lineno}", bad_bytes))
            continue
        yield lineno, row


def _csv_article(
    path: Path, article: _CsvArticle, reading: _Reading, errors: list[InputError]
) -> ArticleInput | None:
    """The article with every figure row that reads; a bad figure row is that row's error. An
    article none of whose rows read is not recorded."""
    failed: list[int] = []

    def bad_figure(index: int, exc: BadRecord) -> None:
        lineno = article.figures[index - 1][0]
        errors.append(InputError(f"{path}:{lineno}", str(exc).removeprefix(f"figure {index}: ")))
        failed.append(index)

    record = {**article.record, "figures": [figure for _, figure in article.figures]}
    item = _article(record, source=f"{path}:{article.first_line}", reading=reading, bad_figure=bad_figure)
    return None if len(failed) == len(article.figures) and not article.lines else item


def _text(record: Mapping[str, Any], key: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise BadRecord(f"{key!r} must be text, got {type(value).__name__}")
    if _SURROGATE.search(value):
        raise BadRecord(f"{key!r} holds a lone surrogate (a \\ud800-\\udfff escape), which is not text")
    return value.strip() or None


def split_outlet(outlet: str | None) -> tuple[str | None, str | None, str | None]:
    """'Star Tribune (AP wire story)' -> ('Star Tribune', 'AP', 'AP wire story')."""
    if not outlet:
        return None, None, None
    m = _OUTLET_NOTE.match(outlet)
    if not m:
        return outlet, None, None
    note = m.group("note").strip()
    agency = _AGENCY_IN_NOTE.search(note)
    return m.group("name").strip(), (_AGENCIES[agency.group(1).lower()] if agency else None), note


@lru_cache(maxsize=4096)  # a file repeats its few scopes ("combined", "each video") on every line
def split_scope(scope: str | None) -> tuple[str | None, str | None, str | None]:
    """'combined, first day' -> scope 'combined', window 'first day'; an ISO day in brackets is the as-of."""
    if not scope:
        return None, None, None
    as_of = _ISO_DAY.search(scope)
    cleaned = _ISO_DAY.sub("", scope)
    parts = [p.strip() for p in cleaned.split(",") if p.strip()]
    windows = [p for p in parts if _WINDOW.match(p)]
    rest = [p for p in parts if not _WINDOW.match(p)]
    return (", ".join(rest) or None), (", ".join(windows) or None), (as_of.group(1) if as_of else None)


def _zone(published: PublishTime | None) -> tzinfo:
    return _offset_zone(published.offset if published else None)


@lru_cache(maxsize=256)
def _offset_zone(offset: str | None) -> tzinfo:
    # Cached: a file's articles share a handful of offsets, and every figure and reference asks.
    if offset is None:
        return UTC
    sign = -1 if offset.startswith("-") else 1
    hours, minutes = offset[1:].split(":")
    return timezone(sign * timedelta(hours=int(hours), minutes=int(minutes)))


@lru_cache(maxsize=4096)
def _day(value: str) -> date:
    """A YYYY-MM-DD day; cached, as a file logs the same few days again and again. Raises ValueError."""
    try:
        return date.fromisoformat(value)
    except ValueError:
        return datetime.strptime(value, "%Y-%m-%d").date()  # also 2025-5-2, as it always read


def _in_range(instant: datetime, what: str, reading: _Reading, shown: str | None = None) -> datetime:
    if not EARLIEST <= instant <= reading.latest:
        raise BadRecord(
            f"{what} {shown or f'{instant:%Y-%m-%d %H:%M} UTC'} is outside {EARLIEST:%Y-%m-%d} .. "
            f"{reading.latest:%Y-%m-%d} (today plus {FUTURE_SLACK.days} days)"
        )
    return instant


def _as_of(value: str, zone: tzinfo, reading: _Reading) -> tuple[datetime, datetime | None, str]:
    """(as_of, as_of_start, rule): a full timestamp is an instant as written; a bare day is the
    whole of that day in the article's zone ("as of Wednesday 7 May" in Seoul: the figure held
    some time between 00:00 and 24:00 KST), not a made-up time of day."""
    if len(value) > 10:
        try:
            # A clock time logged without a zone stays read as UTC, as imports always have been read;
            # parse_published alone would now keep only its day.
            as_of = parse_published(value, source="entered: as_of", default_zone="UTC").instant
        except (DateParseError, OverflowError) as exc:
            raise BadRecord(f"bad as_of {clip(value)}: {exc}") from exc
        return _in_range(as_of, "as_of", reading), None, f"entered as_of {value}"
    try:
        day = _day(value)
    except ValueError as exc:
        raise BadRecord(f"bad as_of date {clip(value)}: {exc}") from exc
    # Bounded before the day's end is computed: 9999-12-31 plus a day is past what datetime holds.
    if not EARLIEST.date() <= day <= reading.latest.date():
        _in_range(datetime(day.year, day.month, day.day, tzinfo=UTC), "as_of", reading, shown=value)
    return _whole_day(value, day, zone)


@lru_cache(maxsize=4096)  # the same few days in the same few zones, line after line
def _whole_day(value: str, day: date, zone: tzinfo) -> tuple[datetime, datetime, str]:
    start = datetime(day.year, day.month, day.day, tzinfo=zone)
    offset = format_offset(start.utcoffset())
    return start + timedelta(days=1), start, f"entered as-of day {value}: the whole day at UTC{offset}"


def _number(value: Any, index: int) -> float | None:
    """A figure's value as a finite float, or None for a figure logged without one."""
    raw = value
    if isinstance(value, str):
        text = value.strip().replace(",", "")
        if not text:
            return None
        if len(text) > 40:
            raise BadRecord(
                f"figure {index}: value {clip(raw, 40)} is not a number we read (over 40 characters)"
            )
        try:
            value = float(text)
        except ValueError as exc:
            raise BadRecord(f"figure {index}: value {clip(raw)} is not a number") from exc
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise BadRecord(f"figure {index}: value {clip(repr(raw))} is not a number")
    # Compared before float(): an int of 400 digits has no float (OverflowError).
    if isinstance(value, float) and not math.isfinite(value):
        raise BadRecord(f"figure {index}: value {clip(str(raw))} is not a finite number")
    return value  # type: ignore[return-value]  # int or float; bounded by _bounded before float()


def _bounded(value: float, metric: str, index: int, reading: _Reading) -> float:
    """The value, if it is one this metric can take: counts are whole-ish and non-negative, a
    length is at most MAX_LENGTH_S, a release time (seconds since 1970 UTC) lies within the dates."""
    if metric == "video_published":
        low, high = EARLIEST.timestamp(), reading.latest.timestamp()
        what = (
            f"a release time (seconds since 1970-01-01 UTC) between {EARLIEST:%Y-%m-%d} and "
            f"{reading.latest:%Y-%m-%d}"
        )
    elif metric == "video_length":
        low, high, what = (
            0,
            MAX_LENGTH_S,
            f"a length in seconds from 0 to {MAX_LENGTH_S:,} ({MAX_LENGTH_S // 86_400} days)",
        )
    else:
        low, high, what = 0, MAX_COUNT, f"a count from 0 to {MAX_COUNT:.0e}"
    if not low <= value <= high:
        digits = str(value) if isinstance(value, int) else f"{value:g}"
        shown = digits if len(digits) <= 24 else f"{digits[:12]}... ({len(digits)} digits)"
        raise BadRecord(f"figure {index}: {metric} value {shown} is not {what}")
    return float(value)


def _figure(fig: Any, index: int, published: PublishTime | None, reading: _Reading) -> Claim:
    if not isinstance(fig, dict):
        raise BadRecord(f"figure {index} must be an object")
    metric = _text(fig, "metric")
    if metric not in ENTERED_METRICS:
        raise BadRecord(
            f"figure {index}: unknown metric {clip(str(fig.get('metric')), 40)} "
            f"(known: {', '.join(ENTERED_METRICS)})"
        )
    number = _number(fig.get("value"), index)
    value = None if number is None else _bounded(number, metric, index, reading)
    qualifier = _text(fig, "qualifier")
    if value is None:
        bound, low, high = "vague", None, None
    else:
        bound, low, high = claim_bounds(value, qualifier)
    scope, window, as_of_day = split_scope(_text(fig, "scope"))
    explicit_as_of = _text(fig, "as_of")
    as_of: datetime | None = None
    as_of_start: datetime | None = None
    as_of_rule: str | None = None
    if explicit_as_of or as_of_day:
        as_of, as_of_start, as_of_rule = _as_of(explicit_as_of or as_of_day or "", _zone(published), reading)
    quote = _text(fig, "quote")
    if not quote:
        raise BadRecord(f"figure {index}: a quote is required, so the figure can be traced to its sentence")
    return Claim(
        metric=metric,
        value=value,
        unit=_text(fig, "unit") or unit_for(metric),
        bound=bound,
        low=low,
        high=high,
        qualifier=None if qualifier in (None, "exactly") else qualifier,
        scope=scope,
        time_window=_text(fig, "time_window") or window,
        subject=_text(fig, "subject"),
        platform=_text(fig, "platform"),
        quote=quote,
        span=None,
        as_of=as_of,
        as_of_start=as_of_start,
        as_of_rule=as_of_rule,
    )


def _time_ref(ref: Any, index: int, published: PublishTime | None) -> TimeRef:
    if not isinstance(ref, dict) or not _text(ref, "quote"):
        raise BadRecord(f"time_refs[{index}] needs a quote")
    resolved = _text(ref, "resolved")
    if not resolved:
        return TimeRef(
            text=_text(ref, "quote") or "",
            span=None,
            resolved_start=None,
            resolved_end=None,
            granularity=None,
            rule="entered unresolved",
        )
    m = _RESOLVED.match(resolved)
    if not m:
        raise BadRecord(f"time_refs[{index}]: resolved {clip(resolved)} is not YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    if not TIME_REF_YEARS[0] <= year < TIME_REF_YEARS[1]:
        raise BadRecord(
            f"time_refs[{index}]: resolved {resolved!r} is outside the years "
            f"{TIME_REF_YEARS[0]} .. {TIME_REF_YEARS[1] - 1}"
        )
    zone = _zone(published)
    try:
        start, end, granularity = _span(year, month, day, zone)
    except ValueError as exc:
        raise BadRecord(f"time_refs[{index}]: resolved {resolved!r}: {exc}") from exc
    zone_note = "the article's offset" if zone is not UTC else "UTC (the article stated no zone)"
    return TimeRef(
        text=_text(ref, "quote") or "",
        span=None,
        resolved_start=start,
        resolved_end=end,
        granularity=granularity,
        rule=f"entered as {resolved}; day boundaries in {zone_note}",
    )


@lru_cache(maxsize=4096)  # the same few days in the same few zones, line after line
def _span(year: int, month: str | None, day: str | None, zone: tzinfo) -> tuple[datetime, datetime, str]:
    """(start, end, granularity) of a resolved YYYY, YYYY-MM or YYYY-MM-DD in `zone`. Raises ValueError."""
    if day:
        start = datetime(year, int(month or 0), int(day), tzinfo=zone)
        return start, start + timedelta(days=1), "day"
    if month:
        start = datetime(year, int(month), 1, tzinfo=zone)
        return start, datetime(year + (start.month == 12), start.month % 12 + 1, 1, tzinfo=zone), "month"
    return datetime(year, 1, 1, tzinfo=zone), datetime(year + 1, 1, 1, tzinfo=zone), "year"


@lru_cache(maxsize=16_384)
def _published(when: str, outlet: str | None, tz_map: str | None) -> PublishTime:
    """parse_published for an entered record; cached, as a file's records share their days and
    hours, and a PublishTime is a frozen value. Raises DateParseError."""
    return parse_published(when, source="entered: published", outlet=outlet, tz_map=tz_map)


def _article(
    record: Mapping[str, Any],
    *,
    source: str,
    reading: _Reading,
    bad_figure: Callable[[int, BadRecord], None] | None = None,
) -> ArticleInput:
    """The article a record describes. A bad figure fails the whole record, unless `bad_figure`
    is given (CSV, a figure per row): then it is handed the figure's number and error and skipped."""
    defaults = reading.defaults
    url = _text(record, "url")
    title = _text(record, "title")
    if not url and not title:
        raise BadRecord("a record needs a url or a title")
    if url:
        # An article's address is a web page's, as collect takes it: a javascript: or data: URL
        # would reach the exports and the timeline's link column.
        if not url.lower().startswith(("http://", "https://")):
            raise BadRecord(f"url {clip(url)}: not an http(s) URL")
        try:
            canonical_url(url)
        except ValueError as exc:
            raise BadRecord(f"url {clip(url)}: {exc}") from exc
    outlet, agency, outlet_note = split_outlet(_text(record, "outlet"))
    published: PublishTime | None = None
    when = _text(record, "published")
    if when:
        try:
            published = _published(when, outlet, defaults.tz_map)
        except (DateParseError, OverflowError) as exc:
            raise BadRecord(
                f"bad published {clip(when)}: {exc}" if isinstance(exc, OverflowError) else str(exc)
            ) from exc
        _in_range(published.instant, "published", reading)
    topics = record.get("topics") or []
    if not isinstance(topics, list) or not all(isinstance(t, str) for t in topics):
        raise BadRecord("'topics' must be a list of text")
    if any(_SURROGATE.search(t) for t in topics):
        raise BadRecord("'topics' holds a lone surrogate (a \\ud800-\\udfff escape), which is not text")
    figures = record.get("figures") or []
    refs = record.get("time_refs") or []
    if not isinstance(figures, list) or not isinstance(refs, list):
        raise BadRecord("'figures' and 'time_refs' must be lists")
    claims: list[Claim] = []
    for index, figure in enumerate(figures, start=1):
        try:
            claims.append(_figure(figure, index, published, reading))
        except BadRecord as exc:
            if bad_figure is None:
                raise
            bad_figure(index, exc)
    time_refs = tuple(_time_ref(r, i, published) for i, r in enumerate(refs, start=1))

    story = defaults.story
    if defaults.story_by_url and url and url in defaults.story_by_url:
        story = defaults.story_by_url[url]
    if _text(record, "story"):
        story = StoryRef(title=_text(record, "story") or "")
    shown = _text(record, "published_as_shown")
    notes = [
        n
        for n in (
            defaults.note,
            outlet_note and f"outlet note: {outlet_note}",
            shown and f"date as shown: {shown}",
        )
        if n
    ]
    return ArticleInput(
        source=source,
        origin="entered",
        meta=DocumentMeta(
            title=title,
            outlet=outlet,
            byline=_text(record, "byline"),
            published=published,
            topics=tuple(topics),
            syndicated_from=_text(record, "syndicated_from") or agency,
        ),
        text=None,
        claims=tuple(claims),
        time_refs=time_refs,
        url=url,
        story=story,
        tags=defaults.tags,
        note="; ".join(notes) or None,
        warnings=() if published else ("no publish date; recorded without a date (left off the timeline)",),
    )
