"""Text -> Extraction: metadata, publish times, time references and claims. Pure functions, no I/O.

`extract_document` is the one entry point the store, CLI and importer call. It never raises on any
`str` input (only on an unknown `tz_map` name, which is a configuration error).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC
from typing import TypeVar

from metrics.extract.anchors import Scanner
from metrics.extract.claims import find_claims
from metrics.extract.dates import (
    DateParseError,
    PublishLine,
    find_publish_lines,
    find_stamp_lines,
    offset_zone,
    parse_published,
)
from metrics.extract.digits import ascii_digits
from metrics.extract.language import detect_language, primary_subtag
from metrics.extract.textmeta import merge_topics, read_text_meta
from metrics.extract.timerefs import Anchor, find_time_refs
from metrics.extract.zones import check_map_name, dateline_zone, resolve_abbreviation
from metrics.model import DocumentMeta, Extraction, PublishTime

__all__ = [
    "EXTRACTOR_VERSION",
    "DateParseError",
    "extract_document",
    "parse_published",
    "resolve_abbreviation",
]

T = TypeVar("T")

# Bump when extraction output changes, so stored claims can be told apart and re-extracted.
EXTRACTOR_VERSION = "0.9.0"


def _pick(hint: T | None, found: T | None) -> T | None:
    """A non-None hint wins, even an empty string: the caller said so deliberately."""
    return hint if hint is not None else found


def _language(hint: str | None, detected: str | None) -> str | None:
    """The text's own language when it clearly shows one, else the hint.

    German text is read as German whatever the file type, and whatever a page template's lang
    attribute claims ("en" on a German site happens). A hint of the same language is kept as
    written, since its region ("en-US") settles the order of numeric dates.
    """
    if detected is None or (hint is not None and primary_subtag(hint) == detected):
        return hint if hint is not None else detected
    return detected


def _first(lines: list[PublishLine], kind: str) -> PublishTime | None:
    return next((p.time for p in lines if p.kind == kind), None)


def _anchor(published: PublishTime | None, dateline: str | None) -> Anchor:
    """Whose calendar the text's days are in: the dateline city's, else the publish offset's, else UTC.

    An AP story datelined Washington and republished in India at 8:02 AM IST still means
    Washington's Thursday, so the dateline wins over the republisher's offset.
    """
    instant = published.instant if published is not None else None
    place = dateline_zone(dateline)
    if place is not None:
        zone, name = place
        return Anchor(instant, zone, f"{name} (dateline {dateline})")
    if published is not None and published.offset is not None:
        return Anchor(instant, offset_zone(published.offset), f"UTC{published.offset} (publish offset)")
    return Anchor(instant, UTC, "UTC (no dateline or publish offset known)")


def extract_document(
    text: str, *, hints: DocumentMeta | None = None, tz_map: str | None = None
) -> Extraction:
    """Read one document's plain text into an Extraction; every span indexes `text`.

    Hints (HTML meta tags, a seed manifest) win field by field over what the text says; topics are
    the hints' first, then the text's, de-duplicated case-insensitively. The language is the
    one the text's own words clearly show (language.detect_language), else the hint's.
    The publish time is hints.published if given, else the text's labelled publish line, else its
    first stamp line (an unlabelled stamp in the header); the update time likewise. Relative time
    references are resolved against the publish time, else (weaker, as the text may be older than
    its update) the update time; with neither they stay unresolved.
    `tz_map` names the zone-abbreviation map for this run (see zones.TZ_MAPS).
    """
    check_map_name(tz_map)
    hints = hints or DocumentMeta()
    original = text
    # Digits of other scripts read as ASCII ones; the same length, so every span below indexes
    # the original text, and quotes are cut from it at the end.
    text = ascii_digits(text)
    scanner = Scanner(text)
    found = read_text_meta(original) if text is not original else read_text_meta(text, low=scanner.low)
    outlet = _pick(hints.outlet, found.outlet)
    language = _language(hints.language, detect_language(text))
    lines = find_publish_lines(text, outlet=outlet, tz_map=tz_map, language=language, scanner=scanner)
    stamps = find_stamp_lines(text, outlet=outlet, tz_map=tz_map, language=language)
    published = _first(lines, "published") or _first(stamps, "published")
    modified = _first(lines, "modified") or _first(stamps, "modified")
    meta = DocumentMeta(
        title=_pick(hints.title, found.title),
        outlet=outlet,
        byline=_pick(hints.byline, found.byline),
        published=_pick(hints.published, published),
        modified=_pick(hints.modified, modified),
        topics=merge_topics(hints.topics, found.topics),
        syndicated_from=_pick(hints.syndicated_from, found.syndicated_from),
        canonical_url=hints.canonical_url,
        language=language,
        dateline=_pick(hints.dateline, found.dateline),
    )
    exclude = tuple(p.span for p in (*lines, *stamps))
    anchor = _anchor(meta.published or meta.modified, meta.dateline)
    time_refs = tuple(find_time_refs(text, anchor, exclude=exclude, scanner=scanner))
    as_of = meta.modified or meta.published
    claims = find_claims(
        text,
        time_refs=time_refs,
        exclude=exclude,
        as_of=as_of.instant if as_of is not None else None,
        language=meta.language,
        scanner=scanner,
        zone=anchor.zone,
        zone_desc=anchor.zone_desc,
    )
    if text is not original:
        claims = tuple(replace(c, quote=original[c.span[0] : c.span[1]]) if c.span else c for c in claims)
        time_refs = tuple(
            replace(r, text=original[r.span[0] : r.span[1]]) if r.span else r for r in time_refs
        )
    return Extraction(original, meta, claims, time_refs)
