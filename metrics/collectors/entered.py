"""Figures that analysts logged by hand: JSON Lines or CSV of articles and what they reported.

The articles arrive without their text, so nothing is extracted: each figure becomes a claim
marked `entered`. A record that cannot be read is reported with its line number; the other
records are still recorded.

JSON Lines, one article per line:
    {"url", "outlet", "title", "byline", "published", "topics": [...], "story",
     "figures": [{"metric", "value", "qualifier", "scope", "time_window", "subject", "platform",
                  "quote", "as_of"}],
     "time_refs": [{"quote", "resolved"}]}
CSV, one figure per row (rows with the same url are one article; `topics` separated by ";"):
    url,outlet,title,byline,published,topics,story,metric,value,qualifier,scope,time_window,
    subject,platform,quote,as_of
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from pathlib import Path
from typing import Any

from metrics.extract.claims import claim_bounds
from metrics.extract.dates import DateParseError, format_offset, parse_published
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

# What an analyst may log: the extractor's metrics plus figures outlets report that we do not
# extract yet. A typo ("viewz") is an error, not a new metric on every chart.
ENTERED_METRICS: tuple[str, ...] = (*METRICS, "reach", "impressions", "dislikes", "reposts")
_AGENCIES = {
    "ap": "AP", "associated press": "AP", "reuters": "Reuters", "bloomberg": "Bloomberg",
    "afp": "AFP", "nyt": "The New York Times", "new york times": "The New York Times",
}
_AGENCY_IN_NOTE = re.compile(r"\b(AP|Associated Press|Reuters|Bloomberg|AFP|NYT|New York Times)\b")
_OUTLET_NOTE = re.compile(r"^(?P<name>[^()]+?)\s*\((?P<note>[^()]*)\)\s*$")
_WINDOW = re.compile(
    r"^(first (day|24 hours|week|month|hours?)|within .+|in (its|their) first .+|as of .+|by .+|since .+|to date)$",
    re.IGNORECASE,
)
_ISO_DAY = re.compile(r"\((\d{4}-\d{2}-\d{2})\)")
_RESOLVED = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


class BadRecord(Exception):
    pass


@dataclass(frozen=True)
class ImportDefaults:
    story: StoryRef | None = None
    story_by_url: Mapping[str, StoryRef] | None = None
    tags: tuple[str, ...] = ()
    note: str | None = None
    tz_map: str | None = None


def read_entered(path: Path, defaults: ImportDefaults = ImportDefaults()) -> tuple[list[ArticleInput], list[InputError]]:
    """Parse a JSON Lines or CSV file of entered articles. Never raises for bad records."""
    try:
        raw = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        return [], [InputError(str(path), f"cannot read: {exc.strerror or exc}")]
    except UnicodeDecodeError as exc:
        return [], [InputError(str(path), f"not UTF-8 (invalid byte at offset {exc.start})")]
    if not raw.strip():
        return [], [InputError(str(path), "empty file")]
    if path.suffix.lower() == ".csv":
        records = list(_csv_records(raw))
    else:
        records = list(_jsonl_records(raw))
    items: list[ArticleInput] = []
    errors: list[InputError] = []
    for lineno, record in records:
        where = f"{path}:{lineno}"
        try:
            if isinstance(record, BadRecord):
                raise record
            items.append(_article(record, source=where, defaults=defaults))
        except BadRecord as exc:
            errors.append(InputError(where, str(exc)))
    return items, errors


def _jsonl_records(raw: str) -> list[tuple[int, Any]]:
    out: list[tuple[int, Any]] = []
    for lineno, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except ValueError as exc:
            out.append((lineno, BadRecord(f"not valid JSON ({exc.msg} at column {exc.colno})")))
            continue
        out.append((lineno, obj if isinstance(obj, dict) else BadRecord("a line must hold one JSON object")))
    return out


def _csv_records(raw: str) -> list[tuple[int, Any]]:
    """Rows grouped into articles. A malformed row (an unclosed quote, too many fields) is an
    error at its line; reading stops there, since the csv module cannot resync after it."""
    reader = csv.DictReader(io.StringIO(raw), strict=True)
    grouped: dict[str, tuple[int, dict[str, Any]]] = {}
    broken: list[tuple[int, Any]] = []
    rows = iter(reader)
    while True:
        start = reader.line_num + 1
        try:
            row = next(rows)
        except StopIteration:
            break
        except csv.Error as exc:
            broken.append((start, BadRecord(f"malformed CSV ({exc}); this and later rows not read")))
            break
        lineno = reader.line_num
        if None in row:
            broken.append((lineno, BadRecord(f"{len(reader.fieldnames or []) + len(row[None])} fields where the "
                                             f"header has {len(reader.fieldnames or [])}")))
            continue
        key = (row.get("url") or row.get("title") or f"row {lineno}").strip()
        if key not in grouped:
            article = {k: (row.get(k) or None) for k in ("url", "outlet", "title", "byline", "published", "story")}
            article["topics"] = [t.strip() for t in (row.get("topics") or "").split(";") if t.strip()]
            article["figures"] = []
            grouped[key] = (lineno, article)
        if (row.get("metric") or "").strip():
            figure = {k: (row.get(k) or None) for k in (
                "metric", "value", "qualifier", "scope", "time_window", "subject", "platform", "quote", "as_of")}
            grouped[key][1]["figures"].append(figure)
    return [*grouped.values(), *broken]


def _text(record: Mapping[str, Any], key: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise BadRecord(f"{key!r} must be text, got {type(value).__name__}")
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
    if published is None or published.offset is None:
        return UTC
    sign = -1 if published.offset.startswith("-") else 1
    hours, minutes = published.offset[1:].split(":")
    return timezone(sign * timedelta(hours=int(hours), minutes=int(minutes)))


def _as_of(value: str, zone: tzinfo) -> tuple[datetime, datetime | None, str]:
    """(as_of, as_of_start, rule): a full timestamp is an instant as written; a bare day is the
    whole of that day in the article's zone ("as of Wednesday 7 May" in Seoul: the figure held
    some time between 00:00 and 24:00 KST), not a made-up time of day."""
    if len(value) > 10:
        try:
            # A clock time logged without a zone stays read as UTC, as imports always have been read;
            # parse_published alone would now keep only its day.
            as_of = parse_published(value, source="entered: as_of", default_zone="UTC").instant
            return as_of, None, f"entered as_of {value}"
        except DateParseError as exc:
            raise BadRecord(str(exc)) from exc
    try:
        start = datetime.strptime(value, "%Y-%m-%d").replace(tzinfo=zone)
    except ValueError as exc:
        raise BadRecord(f"bad as_of date {value!r}: {exc}") from exc
    offset = format_offset(start.utcoffset())
    return start + timedelta(days=1), start, f"entered as-of day {value}: the whole day at UTC{offset}"


def _figure(fig: Any, index: int, published: PublishTime | None) -> Claim:
    if not isinstance(fig, dict):
        raise BadRecord(f"figure {index} must be an object")
    metric = _text(fig, "metric")
    if metric not in ENTERED_METRICS:
        raise BadRecord(f"figure {index}: unknown metric {fig.get('metric')!r} "
                        f"(known: {', '.join(ENTERED_METRICS)})")
    value = fig.get("value")
    if isinstance(value, str):
        try:
            value = float(value.replace(",", "")) if value.strip() else None
        except ValueError as exc:
            raise BadRecord(f"figure {index}: value {fig.get('value')!r} is not a number") from exc
    if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
        raise BadRecord(f"figure {index}: value {value!r} is not a number")
    qualifier = _text(fig, "qualifier")
    if value is None:
        bound, low, high = "vague", None, None
    else:
        bound, low, high = claim_bounds(float(value), qualifier)
    scope, window, as_of_day = split_scope(_text(fig, "scope"))
    explicit_as_of = _text(fig, "as_of")
    as_of: datetime | None = None
    as_of_start: datetime | None = None
    as_of_rule: str | None = None
    if explicit_as_of or as_of_day:
        as_of, as_of_start, as_of_rule = _as_of(explicit_as_of or as_of_day or "", _zone(published))
    quote = _text(fig, "quote")
    if not quote:
        raise BadRecord(f"figure {index}: a quote is required, so the figure can be traced to its sentence")
    return Claim(
        metric=metric,
        value=float(value) if value is not None else None,
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
        return TimeRef(text=_text(ref, "quote") or "", span=None, resolved_start=None, resolved_end=None,
                       granularity=None, rule="entered unresolved")
    m = _RESOLVED.match(resolved)
    if not m:
        raise BadRecord(f"time_refs[{index}]: resolved {resolved!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    zone = _zone(published)
    try:
        if day:
            start = datetime(year, int(month), int(day), tzinfo=zone)
            end, granularity = start + timedelta(days=1), "day"
        elif month:
            start = datetime(year, int(month), 1, tzinfo=zone)
            end = datetime(year + (start.month == 12), start.month % 12 + 1, 1, tzinfo=zone)
            granularity = "month"
        else:
            start, end, granularity = datetime(year, 1, 1, tzinfo=zone), datetime(year + 1, 1, 1, tzinfo=zone), "year"
    except ValueError as exc:
        raise BadRecord(f"time_refs[{index}]: resolved {resolved!r}: {exc}") from exc
    zone_note = "the article's offset" if zone is not UTC else "UTC (the article stated no zone)"
    return TimeRef(text=_text(ref, "quote") or "", span=None, resolved_start=start, resolved_end=end,
                   granularity=granularity, rule=f"entered as {resolved}; day boundaries in {zone_note}")


def _article(record: Mapping[str, Any], *, source: str, defaults: ImportDefaults) -> ArticleInput:
    url = _text(record, "url")
    title = _text(record, "title")
    if not url and not title:
        raise BadRecord("a record needs a url or a title")
    outlet, agency, outlet_note = split_outlet(_text(record, "outlet"))
    published: PublishTime | None = None
    when = _text(record, "published")
    if when:
        try:
            published = parse_published(when, source="entered: published", outlet=outlet, tz_map=defaults.tz_map)
        except DateParseError as exc:
            raise BadRecord(str(exc)) from exc
    topics = record.get("topics") or []
    if not isinstance(topics, list) or not all(isinstance(t, str) for t in topics):
        raise BadRecord("'topics' must be a list of text")
    figures = record.get("figures") or []
    refs = record.get("time_refs") or []
    if not isinstance(figures, list) or not isinstance(refs, list):
        raise BadRecord("'figures' and 'time_refs' must be lists")
    claims = tuple(_figure(f, i, published) for i, f in enumerate(figures, start=1))
    time_refs = tuple(_time_ref(r, i, published) for i, r in enumerate(refs, start=1))

    story = defaults.story
    if defaults.story_by_url and url and url in defaults.story_by_url:
        story = defaults.story_by_url[url]
    if _text(record, "story"):
        story = StoryRef(title=_text(record, "story") or "")
    notes = [n for n in (defaults.note, outlet_note and f"outlet note: {outlet_note}",
                         _text(record, "published_as_shown") and f"date as shown: {record['published_as_shown']}") if n]
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
        claims=claims,
        time_refs=time_refs,
        url=url,
        story=story,
        tags=defaults.tags,
        note="; ".join(notes) or None,
        warnings=() if published else ("no publish date; recorded without a date (left off the timeline)",),
    )
