"""Calendar periods (metrics/extract/periods.py) placed against the document's time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from metrics.extract.periods import calendar_period

SAT = datetime(2025, 5, 3, 8, 2, tzinfo=UTC)  # a Saturday morning


@pytest.mark.parametrize(
    ("text", "prep", "as_of", "start", "stop"),
    [
        ("the past 24 hours", "in", SAT, SAT - timedelta(hours=24), SAT),
        ("the last three days", "over", SAT, SAT - timedelta(days=3), SAT),
        ("the past 2 months", "in", SAT, datetime(2025, 3, 3, 8, 2, tzinfo=UTC), SAT),
        ("January", "since", SAT, datetime(2025, 1, 1, tzinfo=UTC), SAT),
        # A month not yet reached this year is last year's.
        ("July", "since", SAT, datetime(2024, 7, 1, tzinfo=UTC), SAT),
        # Quarters: the latest that had ended by the document's time, or the one named.
        ("the first quarter", "in", SAT, datetime(2025, 1, 1, tzinfo=UTC), datetime(2025, 4, 1, tzinfo=UTC)),
        ("the first quarter", "in", datetime(2025, 1, 2, tzinfo=UTC), datetime(2024, 1, 1, tzinfo=UTC),
         datetime(2024, 4, 1, tzinfo=UTC)),
        ("the fourth quarter", "in", SAT, datetime(2024, 10, 1, tzinfo=UTC), datetime(2025, 1, 1, tzinfo=UTC)),
        ("Q3 2024", "in", SAT, datetime(2024, 7, 1, tzinfo=UTC), datetime(2024, 10, 1, tzinfo=UTC)),
        ("the third quarter of last year", "in", datetime(2025, 12, 10, tzinfo=UTC), datetime(2024, 7, 1, tzinfo=UTC),
         datetime(2024, 10, 1, tzinfo=UTC)),
        # On a Saturday, the weekend in progress; midweek, the one just gone.
        ("the weekend", "over", SAT, datetime(2025, 5, 3, tzinfo=UTC), datetime(2025, 5, 5, tzinfo=UTC)),
        ("the weekend", "over", datetime(2025, 5, 7, 12, tzinfo=UTC), datetime(2025, 5, 3, tzinfo=UTC),
         datetime(2025, 5, 5, tzinfo=UTC)),
        # With no preposition only "this"/"last weekend"; on a Saturday "last weekend" is the one before.
        ("this weekend", "", SAT, datetime(2025, 5, 3, tzinfo=UTC), datetime(2025, 5, 5, tzinfo=UTC)),
        ("last weekend", "", SAT, datetime(2025, 4, 26, tzinfo=UTC), datetime(2025, 4, 28, tzinfo=UTC)),
        ("last weekend", "", datetime(2025, 5, 5, 9, tzinfo=UTC), datetime(2025, 5, 3, tzinfo=UTC),
         datetime(2025, 5, 5, tzinfo=UTC)),
        # Halves of a year: named, or this/last year's from the document's time.
        ("the first half of 2024", "in", SAT, datetime(2024, 1, 1, tzinfo=UTC), datetime(2024, 7, 1, tzinfo=UTC)),
        ("the second half of last year", "in", SAT, datetime(2024, 7, 1, tzinfo=UTC),
         datetime(2025, 1, 1, tzinfo=UTC)),
        ("H1 2023", "during", SAT, datetime(2023, 1, 1, tzinfo=UTC), datetime(2023, 7, 1, tzinfo=UTC)),
        ("the first half of the year", "in", SAT, datetime(2025, 1, 1, tzinfo=UTC), datetime(2025, 7, 1, tzinfo=UTC)),
        # Spans of months: the latest begun by the document's time, or the year written.
        ("January to March", "from", SAT, datetime(2025, 1, 1, tzinfo=UTC), datetime(2025, 4, 1, tzinfo=UTC)),
        ("June and August", "between", SAT, datetime(2024, 6, 1, tzinfo=UTC), datetime(2024, 9, 1, tzinfo=UTC)),
        ("November to February", "from", SAT, datetime(2024, 11, 1, tzinfo=UTC),
         datetime(2025, 3, 1, tzinfo=UTC)),
        ("January through March 2024", "from", SAT, datetime(2024, 1, 1, tzinfo=UTC),
         datetime(2024, 4, 1, tzinfo=UTC)),
        ("January and April this year", "between", SAT, datetime(2025, 1, 1, tzinfo=UTC), datetime(2025, 5, 1, tzinfo=UTC)),
        ("June to August last year", "from", SAT, datetime(2024, 6, 1, tzinfo=UTC), datetime(2024, 9, 1, tzinfo=UTC)),
        # A week of a month: the first seven days, or the last seven.
        ("the last week of April", "in", SAT, datetime(2025, 4, 24, tzinfo=UTC), datetime(2025, 5, 1, tzinfo=UTC)),
        ("the first week of March 2024", "during", SAT, datetime(2024, 3, 1, tzinfo=UTC),
         datetime(2024, 3, 8, tzinfo=UTC)),
        # "since the start of ...": from that start to the document's time.
        ("the start of the year", "since", SAT, datetime(2025, 1, 1, tzinfo=UTC), SAT),
        ("the beginning of the month", "since", SAT, datetime(2025, 5, 1, tzinfo=UTC), SAT),
        ("the start of the week", "since", SAT, datetime(2025, 4, 28, tzinfo=UTC), SAT),
        ("the start of 2024", "since", SAT, datetime(2024, 1, 1, tzinfo=UTC), SAT),
        ("the start of June", "since", SAT, datetime(2024, 6, 1, tzinfo=UTC), SAT),
    ],
)  # fmt: skip
def test_periods(text: str, prep: str, as_of: datetime, start: datetime, stop: datetime) -> None:
    found = calendar_period(text + ".", 0, prep, as_of, UTC)
    assert found is not None
    assert (found.start, found.stop, found.end) == (start, stop, len(text))
    assert found.rule


def test_periods_are_placed_in_the_texts_zone() -> None:
    ist = timezone(timedelta(hours=5, minutes=30))
    found = calendar_period("the first quarter", 0, "in", SAT, ist)
    assert found is not None and found.start == datetime(2025, 1, 1, tzinfo=ist)


def test_without_a_document_time_only_a_period_with_its_year_is_placed() -> None:
    assert calendar_period("the past 24 hours", 0, "in", None, UTC) is None
    assert calendar_period("January", 0, "since", None, UTC) is None
    found = calendar_period("Q3 2024", 0, "in", None, UTC)
    assert found is not None and found.start == datetime(2024, 7, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "prep"),
    [
        ("the first quarter of the match", "in"), ("the first quarter of the match", "at"), ("Q3-2", "in"),
        ("weekend", "in"), ("the weekend", ""), ("the first half", "in"), ("the second half of the match", "in"),
        ("January and March", "from"), ("January to March", "between"), ("January to March 3", "from"),
        ("the start of the match", "since"),
    ],
)  # fmt: skip
def test_not_periods_here(text: str, prep: str) -> None:
    assert calendar_period(text, 0, prep, SAT, UTC) is None
