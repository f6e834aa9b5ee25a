"""Time windows turned into as_of instants or ranges, counted from a dated release."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from dateutil.relativedelta import relativedelta

from metrics.extract import extract_document
from metrics.extract.windows import window_length
from metrics.model import Claim, DocumentMeta, PublishTime

# Saturday 3 May 2025, 14:00 UTC.
PUBLISHED = datetime(2025, 5, 3, 14, tzinfo=UTC)
HINTS = DocumentMeta(published=PublishTime(PUBLISHED, "+00:00", "minute", "test"))
THURSDAY = datetime(2025, 5, 1, tzinfo=UTC)


def views(text: str, hints: DocumentMeta | None = HINTS) -> Claim:
    (claim,) = [c for c in extract_document(text, hints=hints).claims if c.metric == "views"]
    return claim


@pytest.mark.parametrize(
    ("window", "length", "cmp"),
    [
        ("first day", relativedelta(days=1), None),
        ("24 hours", relativedelta(hours=24), None),
        ("first 48 hours", relativedelta(hours=48), None),
        ("first week", relativedelta(weeks=1), None),
        ("an hour", relativedelta(hours=1), None),
        ("two days", relativedelta(days=2), None),
        ("first month", relativedelta(months=1), None),
        ("less than a day", relativedelta(days=1), "less"),
        ("more than a week", relativedelta(weeks=1), "more"),
    ],
)
def test_window_length(window: str, length: relativedelta, cmp: str | None) -> None:
    assert window_length(window) == (length, cmp)


@pytest.mark.parametrize("window", ["overnight", "so far", "since its release", "as of wednesday", "0 days"])
def test_windows_that_are_not_a_length(window: str) -> None:
    assert window_length(window) is None


def test_first_day_after_a_thursday_release_ends_some_time_on_friday() -> None:
    c = views(
        "The agency posted two videos on Thursday. The videos racked up more than 5 million views "
        "combined in their first day."
    )
    assert c.time_window == "first day"
    # Released some time on Thursday: the first day ended between Friday 00:00 and Saturday 00:00.
    assert (c.as_of_start, c.as_of) == (THURSDAY + timedelta(days=1), THURSDAY + timedelta(days=2))
    assert c.as_of_rule is not None and "posted two videos on Thursday" in c.as_of_rule


def test_a_range_is_capped_at_the_document_time() -> None:
    c = views("The trailer, released Thursday, drew 48 million views in its first week.")
    # A week after Thursday is after publication: the window was still running, so the figure is
    # the one at publication, an instant.
    assert (c.as_of_start, c.as_of) == (None, PUBLISHED)
    assert c.as_of_rule is not None and "no later than publication" in c.as_of_rule


def test_within_hours_of_release_in_the_same_sentence() -> None:
    c = views("Posted on Friday, the clip drew 1 million views within 24 hours.")
    friday = THURSDAY + timedelta(days=1)
    assert (c.as_of_start, c.as_of) == (friday + timedelta(days=1), PUBLISHED)


def test_less_than_a_day_starts_at_the_release() -> None:
    c = views("The video was uploaded on Thursday and hit 2 million views in less than a day.")
    assert (c.as_of_start, c.as_of) == (THURSDAY, THURSDAY + timedelta(days=2))


def test_window_without_a_dated_release_keeps_the_document_time_and_says_why() -> None:
    c = views("The clip was viewed 400,000 times in the first 48 hours.")
    assert (c.as_of_start, c.as_of) == (None, PUBLISHED)
    assert c.as_of_rule is not None and "does not date" in c.as_of_rule


def test_a_release_far_earlier_in_the_text_is_not_borrowed() -> None:
    filler = "Officials declined to comment on the matter at length. " * 20
    c = views(f"The agency posted a video on Thursday. {filler}The clip drew 400,000 views in its first week.")
    assert c.as_of_start is None and c.as_of == PUBLISHED


def test_cumulative_windows_run_up_to_publication() -> None:
    for text in ("The clip has been viewed 30,000 times since its release.", "The video has 3 million views so far."):
        c = views(text)
        assert (c.as_of_start, c.as_of) == (None, PUBLISHED)
        assert c.as_of_rule is not None and "runs up to publication" in c.as_of_rule


def test_window_written_before_the_figure() -> None:
    c = views("In its first week, the trailer racked up 48 million views.")
    assert c.time_window == "first week"
    c = views("Within 24 hours of its release, the clip had 2 million views.")
    assert c.time_window == "24 hours"
    # "In the past week," is a calendar period, not a window counted from the release: the views
    # came in during those seven days, up to publication.
    c = views("In the past week, the video drew 2 million views.")
    assert c.time_window == "in the past week"
    assert c.as_of == PUBLISHED and c.as_of_start == datetime(2025, 4, 27, tzinfo=UTC)
    assert c.scope == "gain"


def test_no_publish_time_and_no_release_leaves_as_of_unknown() -> None:
    c = views("The trailer racked up 48 million views in its first week.", hints=None)
    assert (c.as_of, c.as_of_start, c.as_of_rule) == (None, None, None)


def test_dated_reference_keeps_its_rule() -> None:
    # "as of Wednesday": the figure held some time on Wednesday; "by Friday": by Friday's end.
    c = views("The video had roughly 80,000 views as of Wednesday.")
    assert (c.as_of_start, c.as_of) == (datetime(2025, 4, 30, tzinfo=UTC), datetime(2025, 5, 1, tzinfo=UTC))
    assert c.as_of_rule is not None and c.as_of_rule.startswith("during 'Wednesday'")
    c = views("By Friday, the clip had been viewed more than 9 million times.")
    assert (c.as_of_start, c.as_of) == (None, datetime(2025, 5, 3, tzinfo=UTC))
    assert c.as_of_rule is not None and c.as_of_rule.startswith("end of 'Friday'")


@pytest.mark.parametrize(
    "text",
    [
        # the release named only by its verb, inside the figure's own window
        "The clip racked up 3.2 million views within 24 hours of being posted on Thursday.",
        # "footage" as the released video, a time of day before the day
        "The footage, posted at 9 a.m. on Thursday, was viewed 2 million times within 24 hours.",
        # who released it between the video and the verb
        "Two videos the CIA posted on Thursday were viewed more than 5 million times within 24 hours.",
    ],
)
def test_release_phrasings_a_new_user_tried(text: str) -> None:
    c = views(text)
    assert (c.as_of_start, c.as_of) == (THURSDAY + timedelta(days=1), THURSDAY + timedelta(days=2)), c.as_of_rule


def test_a_release_a_later_clause_names_is_not_an_earlier_figure_s() -> None:
    text = ("The ad drew 3.5 million views in its first 48 hours, and over a million views on Instagram "
            "since it was posted on Thursday.")
    first, second = [c for c in extract_document(text, hints=HINTS).claims if c.metric == "views"]
    assert first.time_window == "first 48 hours" and first.as_of_start is None  # its release is not dated
    assert second.time_window == "since it was posted" and second.as_of == PUBLISHED
    # A window after a figure is that figure's own: it does not spread to the sentence's others.
    assert second.time_window != first.time_window
