"""Title, byline, dateline, outlet, syndication and topics read from text, and hints winning."""

from __future__ import annotations

import pytest

from metrics.extract import extract_document
from metrics.extract.textmeta import read_text_meta, split_topics
from metrics.model import DocumentMeta


@pytest.mark.parametrize(
    ("value", "tags"),
    [
        ("China US China intelligence agencies", ("China", "US China", "intelligence agencies")),
        ("China, US-China, intelligence", ("China", "US-China", "intelligence")),
        ("Video | YouTube | video", ("Video", "YouTube")),
        ("Donald Trump Elon Musk tariffs", ("Donald Trump Elon Musk", "tariffs")),
        ("", ()),
    ],
)
def test_split_topics(value: str, tags: tuple[str, ...]) -> None:
    assert split_topics(value) == tags


def test_plain_text_title_is_first_headline_like_line() -> None:
    assert (
        read_text_meta("\n\n  Big news: videos go viral  \nBody text here.").title
        == "Big news: videos go viral"
    )
    assert read_text_meta("Just one sentence of body text.").title is None


def test_by_line_and_agency() -> None:
    meta = read_text_meta("A headline here\nBy Jane Doe and John Roe, Reuters\n\nBody.")
    assert (meta.byline, meta.syndicated_from) == ("Jane Doe and John Roe", "Reuters")
    meta = read_text_meta("A headline here\nBy Thursday, officials said\n")
    assert meta.byline is None


def test_ap_style_dateline() -> None:
    meta = read_text_meta("A headline here\n\nNEW YORK (AP) \u2014 Something happened.")
    assert (meta.byline, meta.dateline, meta.syndicated_from) == ("AP", "New York", "AP")


def test_agency_line() -> None:
    meta = read_text_meta("A headline here\nReuters London\nBody.")
    assert (meta.byline, meta.dateline, meta.syndicated_from) == ("Reuters", "London", "Reuters")
    assert read_text_meta("A headline here\nAP Photo\n").dateline is None


def test_hints_win_and_topics_merge() -> None:
    text = "Headline of the story\nAP Washington\nTopics : China US China intelligence agencies\n"
    hints = DocumentMeta(
        title="From meta tag",
        outlet="The Irish Times",
        topics=("china", "Spying"),
        canonical_url="https://example.org/a",
        language="en",
    )
    meta = extract_document(text, hints=hints).meta
    assert meta.title == "From meta tag"
    assert meta.outlet == "The Irish Times"
    assert meta.byline == "AP" and meta.dateline == "Washington"
    assert meta.topics == ("china", "Spying", "US China", "intelligence agencies")
    assert (meta.canonical_url, meta.language) == ("https://example.org/a", "en")


def test_outlet_hint_chooses_zone_map_for_text_dates() -> None:
    text = "Headline of the story\nPublished: May 3, 2025, 8:02 AM IST\n"
    assert extract_document(text).meta.published.offset == "+05:30"  # type: ignore[union-attr]
    israel = extract_document(text, hints=DocumentMeta(outlet="The Times of Israel")).meta.published
    assert israel is not None and israel.offset == "+03:00"
    ireland = extract_document(text, tz_map="ireland").meta.published
    assert ireland is not None and ireland.offset == "+01:00"


def test_empty_text() -> None:
    ex = extract_document("")
    assert ex.claims == () and ex.time_refs == () and ex.meta == DocumentMeta()
