"""Claims beyond a sentence in and its claims out: publish-time and as-of resolution, repeats folded into
also_spans, a text read with and without a hint, and the count filter's property test.

Sentence cases (a text, optional hints, the expected claims) are data: tests/data/claims/cases/*.jsonl,
run by tests/test_claim_cases.py.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from metrics.extract import extract_document
from metrics.extract.claims import filters as claims_module
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


def test_as_of_window_resolves_to_the_end_of_the_day() -> None:
    (c,) = claims("The video had roughly 80,000 views as of Wednesday.", hints=_published(3))
    assert c.time_window == "as of wednesday"
    assert c.as_of == datetime(2025, 5, 1, tzinfo=UTC)
    (c,) = claims("By Friday, the clip had been viewed more than 9 million times.", hints=_published(3))
    assert (c.time_window, c.as_of) == ("by friday", datetime(2025, 5, 3, tzinfo=UTC))
    # Without a publish time the reference does not resolve and the claim keeps the document's as_of.
    assert only("The video had roughly 80,000 views as of Wednesday.").time_window is None


@pytest.mark.parametrize(
    ("text", "metric", "value", "bound"),
    [
        ("Das Video wurde bislang 86,3 Millionen Mal aufgerufen.", "views", 86.3e6, "exact"),
        ("Der Clip hat mehr als 1.234.567 Aufrufe auf YouTube.", "views", 1_234_567.0, "lower"),
        ("Die Influencerin hat rund 500.000 Follower.", "followers", 5e5, "approx"),
        ("Der Beitrag erhielt knapp 900.000 Likes.", "likes", 9e5, "upper"),
        ("Das Video hat 86,3 Mio. Aufrufe.", "views", 86.3e6, "exact"),
    ],
)
def test_german_number_style(text: str, metric: str, value: float, bound: str) -> None:
    (c,) = claims(text, hints=DocumentMeta(language="de"))
    assert (c.metric, c.value, c.bound) == (metric, value, bound)
    # Read as English, "900.000" would be 900: German style needs the language to say so.
    assert all(c.value != 900.0 for c in claims(text))


@pytest.mark.parametrize(
    ("text", "before", "after"),
    [
        ("The account went from 50,000 to 300,000 followers in a month.", (5e4, "50,000"),
         (3e5, "300,000 followers in a month")),
        ("Her following grew from fewer than 2,000 followers to more than 160,000.",
         (2e3, "fewer than 2,000 followers"), (1.6e5, "to more than 160,000")),
        ("The channel's subscriber count jumped from 40,000 to 1.1 million.",
         (4e4, "subscriber count jumped from 40,000"), (1.1e6, "1.1 million")),
        ("Her channel now has 1.02 million subscribers, up from 400,000.", (4e5, "up from 400,000"),
         (1.02e6, "1.02 million subscribers")),
    ],
)  # fmt: skip
def test_the_count_before_a_change_is_an_earlier_figure_with_no_time(
    text: str, before: tuple[float, str], after: tuple[float, str]
) -> None:
    # With a publish time: the count after the change held then; the one before at a time not stated.
    found = {c.value: c for c in claims(text, hints=_PUB)}
    earlier, now = found[before[0]], found[after[0]]
    assert (earlier.quote, earlier.scope, earlier.as_of, earlier.time_window) == (
        before[1],
        "earlier",
        None,
        None,
    )
    assert earlier.as_of_rule is not None and "not stated" in earlier.as_of_rule
    assert (now.quote, now.scope, now.as_of) == (after[1], None, _PUB.published.instant)  # type: ignore[union-attr]


def test_an_earlier_figure_is_dated_by_the_period_written_after_it() -> None:
    c = claims("Her channel now has 1.02 million subscribers, up from 400,000 in January.", hints=_PUB)[1]
    assert (c.scope, c.time_window) == ("earlier", "in january")
    zone = _PUB.published.instant.tzinfo  # type: ignore[union-attr]
    assert (c.as_of_start, c.as_of) == (datetime(2025, 1, 1, tzinfo=zone), datetime(2025, 2, 1, tzinfo=zone))


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(["Top", "top", "no", "No.", "vol.", "Vol", "episode", "a", "5", "_", "x", "$", "\u20b9", "#",
                         " ", "  ", "\t", "\u00a0", "ranked", "RANK", "\u212a", "\u00e9", "phase", "gen", "stop", "\n"]),
        max_size=8,
    ).map("".join)
)  # fmt: skip
def test_count_blocked_as_the_pattern_it_replaced(before: str) -> None:
    pattern = re.compile(
        r"(?:\b(?:top|no\.?|number|page|episode|part|chapter|season|vol\.?|volume|round|rank|ranked|grade"
        r"|class|section|article|act|clause|level|tier|gen|generation|phase)|[#$\u00a3\u20ac\u00a5\u20b9])"
        r"[ \t\u00a0]{0,2}$",
        re.IGNORECASE | re.ASCII,
    )
    assert claims_module._count_blocked(before) == (pattern.search(before) is not None)


_PUB = DocumentMeta(
    published=PublishTime(
        datetime.fromisoformat("2025-05-03T10:00:00-04:00"), "-04:00", "minute", "test", "test"
    )
)


def test_a_clock_time_before_the_day_dates_the_figure_to_that_instant() -> None:
    c = only_with("As of 5 p.m. ET Friday, the video had 2.3 million views.")
    assert c.as_of == datetime.fromisoformat("2025-05-02T17:00:00-04:00") and c.as_of_start is None
    assert "ET=America/New_York" in (c.as_of_rule or "")
    # An unknown zone abbreviation: the whole day, as without a clock time.
    c = only_with("As of 5 p.m. QQ Friday, the video had 2.3 million views.")
    assert c.as_of == datetime.fromisoformat("2025-05-03T00:00:00-04:00")


def test_a_period_after_a_figure_is_when_it_held_and_a_gain_is_not_a_total() -> None:
    c = only_with("The channel gained 120,000 subscribers in 2024.")
    assert (c.scope, c.time_window, c.quote) == ("gain", "in 2024", "120,000 subscribers in 2024")
    assert (c.as_of_start, c.as_of) == (
        datetime.fromisoformat("2024-01-01T00:00:00-04:00"),
        datetime.fromisoformat("2025-01-01T00:00:00-04:00"),
    )
    assert only_with("The account lost 20,000 followers.").scope == "loss"
    # A video's views since it was posted start at zero: "picked up" gives its running total.
    assert only_with("The video has picked up 230,000 views.").scope is None
    # A year after the report is not when the figure held.
    c = only_with("The channel expects 2 million subscribers in 2026.")
    assert c.time_window is None and c.as_of == _PUB.published.instant  # type: ignore[union-attr]


def claims_with(text: str) -> tuple[Claim, ...]:
    return claims(text, hints=_PUB)


def only_with(text: str) -> Claim:
    (claim,) = claims_with(text)
    return claim


def test_review_dates_clock_forms_and_event_years() -> None:
    at_five = datetime.fromisoformat("2025-05-02T17:00:00-04:00")
    assert only_with("As of Friday at 5 p.m. ET, the video had 2.3 million views.").as_of == at_five
    assert only_with("As of 17:00 GMT on Friday, it had 50,000 likes.").as_of == datetime.fromisoformat(
        "2025-05-02T17:00:00+00:00"
    )
    assert only_with("As of noon Friday the clip had 900,000 views.").as_of == datetime.fromisoformat(
        "2025-05-02T12:00:00-04:00"
    )
    c = only_with("The video got 400,000 views on Tuesday, April 22.")
    assert c.as_of_start == datetime.fromisoformat("2025-04-22T00:00:00-04:00")
    assert only_with("He gained 5,000 followers in the 2024 election campaign.").time_window is None


PUB = DocumentMeta(published=PublishTime(datetime(2025, 5, 3, 8, 2, tzinfo=UTC), "+00:00", "minute", "test"))


@pytest.mark.parametrize(
    ("text", "window", "start", "end", "scope"),
    [
        # After the figure: the period the views came in.
        ("The clip drew 2 million views in the past 24 hours.", "in the past 24 hours",
         datetime(2025, 5, 2, 8, 2, tzinfo=UTC), datetime(2025, 5, 3, 8, 2, tzinfo=UTC), "gain"),
        ("The channel has added 40,000 subscribers since January.", "since january",
         datetime(2025, 1, 1, tzinfo=UTC), datetime(2025, 5, 3, 8, 2, tzinfo=UTC), "gain"),
        ("The app gained 3 million followers in the first quarter.", "in the first quarter",
         datetime(2025, 1, 1, tzinfo=UTC), datetime(2025, 4, 1, tzinfo=UTC), "gain"),
        ("The channel had 2 million subscribers in Q3 2024.", "in q3 2024",
         datetime(2024, 7, 1, tzinfo=UTC), datetime(2024, 10, 1, tzinfo=UTC), None),
        # Opening the sentence, set off by a comma: the period speaks for its figures.
        ("In 2024, the channel gained 1.2 million subscribers.", "in 2024",
         datetime(2024, 1, 1, tzinfo=UTC), datetime(2025, 1, 1, tzinfo=UTC), "gain"),
        ("Last year, the account lost 200,000 followers.", "last year",
         datetime(2024, 1, 1, tzinfo=UTC), datetime(2025, 1, 1, tzinfo=UTC), "loss"),
        # Published on a Saturday morning: the weekend in progress, up to publication.
        ("Over the weekend, the video was viewed 4 million times.", "over the weekend",
         datetime(2025, 5, 3, tzinfo=UTC), datetime(2025, 5, 3, 8, 2, tzinfo=UTC), "gain"),
        ("The video drew 2 million views last weekend.", "last weekend",
         datetime(2025, 4, 26, tzinfo=UTC), datetime(2025, 4, 28, tzinfo=UTC), "gain"),
        ("This weekend, the video drew 2 million views.", "this weekend",
         datetime(2025, 5, 3, tzinfo=UTC), datetime(2025, 5, 3, 8, 2, tzinfo=UTC), "gain"),
        ("The channel gained 1 million subscribers in the first half of 2024.", "in the first half of 2024",
         datetime(2024, 1, 1, tzinfo=UTC), datetime(2024, 7, 1, tzinfo=UTC), "gain"),
        ("The channel gained 300,000 subscribers from January to March.", "from january to march",
         datetime(2025, 1, 1, tzinfo=UTC), datetime(2025, 4, 1, tzinfo=UTC), "gain"),
        ("From January to March, the channel gained 300,000 subscribers.", "from january to march",
         datetime(2025, 1, 1, tzinfo=UTC), datetime(2025, 4, 1, tzinfo=UTC), "gain"),
        ("The account has gained 50,000 followers since the start of the year.", "since the start of the year",
         datetime(2025, 1, 1, tzinfo=UTC), datetime(2025, 5, 3, 8, 2, tzinfo=UTC), "gain"),
        ("The clip drew 4 million views in the last week of April.", "in the last week of april",
         datetime(2025, 4, 24, tzinfo=UTC), datetime(2025, 5, 1, tzinfo=UTC), "gain"),
        # A calendar week, not the video's first week since release.
        ("The clip drew 4 million views in the first week of March 2024.", "in the first week of march 2024",
         datetime(2024, 3, 1, tzinfo=UTC), datetime(2024, 3, 8, tzinfo=UTC), "gain"),
        ("The channel gained 300,000 subscribers from June to August last year.", "from june to august last year",
         datetime(2024, 6, 1, tzinfo=UTC), datetime(2024, 9, 1, tzinfo=UTC), "gain"),
        # "the last month" counts back from publication; "last month" is April.
        ("The clip has drawn 4 million views in the last month.", "in the last month",
         datetime(2025, 4, 4, tzinfo=UTC), datetime(2025, 5, 3, 8, 2, tzinfo=UTC), "gain"),
        ("The clip drew 4 million views last month.", "last month",
         datetime(2025, 4, 1, tzinfo=UTC), datetime(2025, 5, 1, tzinfo=UTC), "gain"),
    ],
)  # fmt: skip
def test_calendar_periods(text: str, window: str, start: datetime, end: datetime, scope: str | None) -> None:
    (c,) = claims(text, hints=PUB)
    assert (c.time_window, c.as_of_start, c.as_of, c.scope) == (window, start, end, scope)
    assert c.as_of_rule


def test_a_period_without_a_document_time_keeps_its_words_but_no_instants() -> None:
    (c,) = claims("The clip has been viewed 2.6 million times on TikTok in the past 24 hours alone.")
    assert (c.time_window, c.scope, c.as_of, c.as_of_start) == (
        "in the past 24 hours alone",
        "gain",
        None,
        None,
    )
    # A sentence that only opens with a time ("On Tuesday, ..."), not a change, keeps no scope.
    (c,) = claims("On Tuesday, the video had 2 million views.", hints=PUB)
    assert (c.time_window, c.scope, c.as_of) == ("on tuesday", None, datetime(2025, 4, 30, tzinfo=UTC))


def test_review_an_opening_period_does_not_date_a_figure_written_as_now() -> None:
    for text in (
        "In 2019, he started the channel, which today has 4.5 million subscribers.",
        "Last year, the creator, who has 8 million followers, moved to Dubai.",
        "Last year, the video was posted; it has since been viewed 10 million times.",
    ):
        (c,) = claims(text, hints=PUB)
        assert (c.time_window, c.as_of) == (None, PUB.published.instant), text  # type: ignore[union-attr]
    # A point in time opening the sentence dates a running total but does not make it a gain.
    (c,) = claims("On Tuesday, she said the clip had been viewed 2 million times.", hints=PUB)
    assert (c.time_window, c.scope) == ("on tuesday", None)


def test_review_each_figure_takes_the_as_of_mark_before_it() -> None:
    first, second = claims(
        "By Thursday the post had been shared 50,000 times, and by Friday it had 90,000 shares.", hints=PUB
    )
    assert (first.time_window, first.as_of) == ("by thursday", datetime(2025, 5, 2, tzinfo=UTC))
    assert (second.time_window, second.as_of) == ("by friday", datetime(2025, 5, 3, tzinfo=UTC))


def test_review_a_time_reference_without_a_document_time_keeps_its_words() -> None:
    (c,) = claims("The clip drew 2 million views last week.")
    assert (c.time_window, c.as_of, c.as_of_start) == ("last week", None, None)


def test_as_of_a_weekday_and_its_date_is_the_date() -> None:
    (c,) = claims("As of Wednesday, April 29, the video had 2 million views.", hints=PUB)
    assert (c.as_of_start, c.as_of) == (datetime(2025, 4, 29, tzinfo=UTC), datetime(2025, 4, 30, tzinfo=UTC))
    assert c.as_of_rule is not None and "calls it Wednesday, but 2025-04-29 is a Tuesday" in c.as_of_rule
