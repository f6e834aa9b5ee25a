"""Claim sentences: metrics, bounds, lists, platforms, subjects, and what must not be a claim."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from metrics.extract import extract_document
from metrics.model import Claim, DocumentMeta, PublishTime


def claims(text: str, **kwargs: object) -> tuple[Claim, ...]:
    ex = extract_document(text, **kwargs)  # type: ignore[arg-type]
    for c in ex.claims:
        for s, e in (c.span, *c.also_spans):  # type: ignore[misc]
            assert text[s:e] == c.quote
    return ex.claims


def only(text: str) -> Claim:
    (claim,) = claims(text)
    return claim


def test_viewed_n_times() -> None:
    c = only("The video was viewed 900,000 times.")
    assert (c.metric, c.value, c.bound, c.low, c.high) == ("views", 900_000.0, "exact", 900_000.0, 900_000.0)
    assert c.quote == "viewed 900,000 times"
    assert c.subject == "video"


def test_approximately_is_approx_ten_percent() -> None:
    c = only("The clip garnered approximately 900,000 views on TikTok.")
    assert (c.metric, c.bound, c.qualifier) == ("views", "approx", "approximately")
    assert (c.value, c.low, c.high) == (900_000.0, 810_000.0, 990_000.0)
    assert c.platform == "TikTok" and c.subject == "clip"
    assert c.quote == "approximately 900,000 views"


def test_respectively_gives_one_claim_per_figure() -> None:
    text = "The two clips had garnered 170,000 and 140,000 views, respectively."
    views = [c for c in claims(text) if c.metric == "views"]
    assert [(c.value, c.quote) for c in views] == [(170_000.0, "170,000"), (140_000.0, "140,000 views")]
    assert all(c.bound == "exact" and c.subject == "clips" for c in views)


def test_between_is_one_range() -> None:
    c = only("It drew between 100,000 and 200,000 views.")
    assert (c.metric, c.value, c.bound, c.low, c.high, c.qualifier) == (
        "views",
        None,
        "approx",
        1e5,
        2e5,
        "between",
    )


@pytest.mark.parametrize(
    ("text", "bound", "low", "high", "qualifier"),
    [
        ("The video has more than 2 million views.", "lower", 2e6, None, "more than"),
        ("The video topped 2 million views.", "lower", 2e6, None, "topped"),
        ("The video has at least 2 million views.", "lower", 2e6, None, "at least"),
        ("The video has nearly 2 million views.", "upper", None, 2e6, "nearly"),
        ("The video has up to 2 million views.", "upper", None, 2e6, "up to"),
        ("The video has about 2 million views.", "approx", 1.8e6, 2.2e6, "about"),
        ("The video has some 2 million views.", "approx", 1.8e6, 2.2e6, "some"),
        ("The video has an estimated 2 million views.", "approx", 1.8e6, 2.2e6, "an estimated"),
        ("The video has 2 million views.", "exact", 2e6, 2e6, None),
    ],
)
def test_qualifiers(
    text: str, bound: str, low: float | None, high: float | None, qualifier: str | None
) -> None:
    c = only(text)
    assert (c.bound, c.low, c.high, c.qualifier, c.value) == (bound, low, high, qualifier, 2e6)


@pytest.mark.parametrize(
    ("text", "metric", "value"),
    [
        ("The account has 1.2 million followers.", "followers", 1.2e6),
        ("The channel has 3.4bn views.", "views", 3.4e9),
        ("The channel passed 500,000 subscribers.", "subscribers", 5e5),
        ("The post drew 12K likes.", "likes", 12e3),
        ("The post drew 4,000 comments.", "comments", 4e3),
        ("The post was shared 20,000 times.", "shares", 2e4),
        ("The clip got 5M views.", "views", 5e6),
        ("They posted a pair of videos.", "video_count", 2.0),
        ("They posted a dozen videos.", "video_count", 12.0),
        ("a 90-second clip", "video_length", 90.0),
        ("The video runs 2 minutes and 30 seconds.", "video_length", 150.0),
        ("The video is about two minutes long.", "video_length", 120.0),
    ],
)
def test_metrics(text: str, metric: str, value: float) -> None:
    c = only(text)
    assert (c.metric, c.value) == (metric, value)
    assert c.unit == ("seconds" if metric == "video_length" else "count")


def test_vague() -> None:
    c = only("Millions of views poured in on Instagram.")
    assert (c.metric, c.value, c.bound, c.low, c.high, c.qualifier) == (
        "views",
        None,
        "vague",
        2e6,
        None,
        "millions of",
    )


def test_platforms_and_x() -> None:
    c = only("Her post on X (formerly Twitter) got 5M views in 24 hours.")
    assert (c.platform, c.time_window, c.subject) == ("X", "24 hours", "post")
    assert only("Malcolm X had 2 million followers.").platform is None
    assert only("The clip, shared on YouTube and X, has 2 million views.").platform == "YouTube, X"


def test_scope_and_window() -> None:
    c = only("The clips had a combined 3 million views within 48 hours.")
    assert (c.scope, c.time_window) == ("combined", "48 hours")
    c = only("The clips had 3 million views in total so far.")
    assert c.scope == "total"


def test_equity_shares_are_not_reposts() -> None:
    assert claims("Apple sold 5 million shares to investors.") == ()


@pytest.mark.parametrize(
    "text",
    [
        "3 min read",
        "Statue of Liberty was a gift to the US from France in 1886",
        "a 45-year-old man watched videos",
        "Top 10 videos of the week",
        "No. 3 videos",
        "In one video, a man speaks of his unease.",
        "The CIA posted similar instructions in Russian three years ago.",
        "Last fall, the CIA posted online instructions in Korean, Mandarin and Farsi.",
        "It cost $5 million views aside.",
    ],
)
def test_negatives(text: str) -> None:
    assert claims(text) == ()


def _published(day: int) -> DocumentMeta:
    return DocumentMeta(
        published=PublishTime(datetime(2025, 5, day, 12, tzinfo=UTC), "+00:00", "minute", "test")
    )


def test_video_published_needs_a_day_in_the_same_clause() -> None:
    text = "The agency released the video early Thursday."
    (c,) = claims(text, hints=_published(3))
    assert c.metric == "video_published" and c.unit == "timestamp"
    assert c.quote == "released the video early Thursday"
    assert (c.low, c.high) == (
        datetime(2025, 5, 1, tzinfo=UTC).timestamp(),
        datetime(2025, 5, 2, tzinfo=UTC).timestamp(),
    )
    assert c.value == c.low
    assert claims(text) == ()  # without a publish time "Thursday" resolves to nothing
    assert claims("The agency released the video; critics spoke Thursday.", hints=_published(3)) == ()
    assert claims("The agency released the report Thursday.", hints=_published(3)) == ()
    assert claims("The agency released the video last year.", hints=_published(3)) == ()


def test_video_published_passive_and_time_first() -> None:
    (c,) = claims("The video was posted Monday.", hints=_published(3))
    assert (c.quote, c.subject) == ("video was posted Monday", "video")
    (c,) = claims("On Thursday, the CIA uploaded a clip.", hints=_published(3))
    assert c.quote == "Thursday, the CIA uploaded a clip"


def test_repeats_fold_into_also_spans() -> None:
    text = "The clip has 2 million views.\n\nAgain: the clip has 2 million views."
    (c,) = claims(text)
    assert c.span == (13, 28) and len(c.also_spans) == 1
