"""The seed article, extracted field by field: the contract the store and dashboard rely on."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from metrics.extract import EXTRACTOR_VERSION, extract_document
from metrics.model import Extraction

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_b457bbf5334f3be3.txt"
NY = ZoneInfo("America/New_York")


@pytest.fixture(scope="module")
def ex() -> Extraction:
    return extract_document(SEED.read_text(encoding="utf-8"))


def test_version_is_set() -> None:
    # 0.8.0: stamp lines, zone-less times no longer read as UTC, language read from the text.
    # 0.9.0: digits of any script read as figures (fullwidth, Arabic-Indic, Devanagari ...).
    assert EXTRACTOR_VERSION == "0.9.0"


def test_publish_times(ex: Extraction) -> None:
    published, modified = ex.meta.published, ex.meta.modified
    assert published is not None and modified is not None
    assert published.instant == datetime(2025, 5, 3, 2, 32, tzinfo=UTC)
    assert published.instant.utcoffset() is not None
    assert published.offset == "+05:30"
    assert published.precision == "minute"
    assert "First Published" in published.source
    assert published.tz_rule == "IST=Asia/Kolkata (map: default)"
    assert modified.instant == datetime(2025, 5, 3, 2, 32, tzinfo=UTC)
    assert modified.offset == "+05:30"
    assert modified.precision == "minute"
    assert "Last Updated" in modified.source
    assert modified.tz_rule == "IST=Asia/Kolkata (map: default)"


def test_document_meta(ex: Extraction) -> None:
    meta = ex.meta
    assert meta.title == "CIA releases Mandarin videos urging Chinese officials to spill secrets"
    assert meta.byline == "AP"
    assert meta.dateline == "Washington"
    assert meta.outlet == "Business Standard"
    assert meta.syndicated_from == "AP"
    assert meta.topics == ("China", "US China", "intelligence agencies")
    # No hint states the language; since 0.8.0 the text's own words do (before, it stayed None).
    assert meta.canonical_url is None and meta.language == "en"


def test_claims_in_text_order(ex: Extraction) -> None:
    # video_published's quote starts at "released", before video_count's "two": text order.
    assert [c.metric for c in ex.claims] == ["video_published", "video_count", "views", "video_length"]


def test_every_span_slices_to_its_quote(ex: Extraction) -> None:
    for claim in ex.claims:
        assert claim.span is not None
        for start, end in (claim.span, *claim.also_spans):
            assert ex.text[start:end] == claim.quote
    for ref in ex.time_refs:
        assert ref.span is not None and ex.text[ref.span[0] : ref.span[1]] == ref.text


def _claim(ex: Extraction, metric: str):
    (claim,) = [c for c in ex.claims if c.metric == metric]
    return claim


def test_video_count(ex: Extraction) -> None:
    c = _claim(ex, "video_count")
    assert c.quote == "two Mandarin-language videos"
    assert (c.value, c.unit, c.bound, c.low, c.high) == (2.0, "count", "exact", 2.0, 2.0)
    assert c.qualifier is None and c.scope is None and c.time_window is None and c.platform is None
    assert c.subject == "Mandarin-language videos"
    # Standfirst and body repeat the figure: one claim, the second occurrence in also_spans.
    first = ex.text.index("two Mandarin-language videos")
    second = ex.text.index("two Mandarin-language videos", first + 1)
    assert c.span == (first, first + len(c.quote))
    assert c.also_spans == ((second, second + len(c.quote)),)
    assert c.as_of is None


def test_views(ex: Extraction) -> None:
    c = _claim(ex, "views")
    assert c.quote == "more than 5 million views combined in their first day"
    assert (c.value, c.unit, c.bound, c.low, c.high) == (5_000_000.0, "count", "lower", 5_000_000.0, None)
    assert c.qualifier == "more than"
    assert c.scope == "combined"
    assert c.time_window == "first day"
    assert c.platform == "YouTube, X"
    # Rule: first media noun phrase of the sentence, determiners and participle phrase dropped.
    assert c.subject == "recruitment videos"
    assert c.also_spans == ()
    # "in their first day" counted from the release the sentence before dates (Thursday, 1 May,
    # New York): it ended between Friday 00:00 EDT and publication (Sat 02:32 UTC).
    assert c.as_of == datetime(2025, 5, 3, 2, 32, tzinfo=UTC)
    assert c.as_of_start == datetime(2025, 5, 2, tzinfo=NY)
    assert c.as_of_rule is not None and "released two Mandarin-language videos" in c.as_of_rule


def test_video_length(ex: Extraction) -> None:
    c = _claim(ex, "video_length")
    assert c.quote == "more than 2-minute-long videos"
    assert (c.value, c.unit, c.bound, c.low, c.high) == (120.0, "seconds", "lower", 120.0, None)
    assert c.qualifier == "more than"
    assert c.subject == "videos"
    assert c.platform is None and c.scope is None and c.time_window is None


def test_video_published(ex: Extraction) -> None:
    c = _claim(ex, "video_published")
    start = datetime(2025, 5, 1, tzinfo=NY)
    end = datetime(2025, 5, 2, tzinfo=NY)
    assert c.quote == "released two Mandarin-language videos on social media Thursday"
    assert c.unit == "timestamp" and c.bound == "exact"
    assert c.value == start.timestamp() == 1746072000.0
    assert (c.low, c.high) == (start.timestamp(), end.timestamp())
    assert c.subject == "Mandarin-language videos"
    assert c.qualifier is None and c.platform is None
    assert len(c.also_spans) == 1


@pytest.mark.parametrize(
    "phrase", ["3 min read", "1886", "May 03 2025 | 8:02 AM", "three years ago", "Korean, Mandarin and Farsi"]
)
def test_no_claim_from(ex: Extraction, phrase: str) -> None:
    pos = 0
    while (pos := ex.text.find(phrase, pos)) != -1:
        end = pos + len(phrase)
        for claim in ex.claims:
            for s, e in (claim.span, *claim.also_spans):
                assert not (s < end and pos < e), (phrase, claim.quote)
        pos = end


def test_time_refs(ex: Extraction) -> None:
    refs = ex.time_refs
    assert [r.text for r in refs] == ["Thursday", "Thursday", "Last fall", "three years ago"]
    for ref in refs:
        assert ref.resolved_start is not None and ref.resolved_start.tzinfo is not None
        assert ref.resolved_end is not None and ref.resolved_end.tzinfo is not None
    thursday = refs[0]
    assert thursday.granularity == "day"
    assert thursday.resolved_start == datetime(2025, 5, 1, tzinfo=NY)
    assert thursday.resolved_start.isoformat() == "2025-05-01T00:00:00-04:00"
    assert thursday.resolved_end == datetime(2025, 5, 2, tzinfo=NY)
    assert thursday.rule is not None
    assert "most recent Thursday before publication" in thursday.rule
    assert "America/New_York (dateline Washington)" in thursday.rule
    assert refs[1].resolved_start == thursday.resolved_start
    fall = refs[2]
    assert fall.granularity == "season"
    assert (fall.resolved_start, fall.resolved_end) == (
        datetime(2024, 9, 1, tzinfo=NY),
        datetime(2024, 12, 1, tzinfo=NY),
    )
    assert fall.rule is not None and "meteorological" in fall.rule and "northern hemisphere" in fall.rule
    ago = refs[3]
    assert ago.granularity == "year"
    assert (ago.resolved_start, ago.resolved_end) == (
        datetime(2022, 1, 1, tzinfo=NY),
        datetime(2023, 1, 1, tzinfo=NY),
    )


def test_publish_lines_are_not_time_refs(ex: Extraction) -> None:
    for ref in ex.time_refs:
        assert "2025" not in ref.text
