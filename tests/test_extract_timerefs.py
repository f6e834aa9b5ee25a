"""Relative time expressions resolved against a publish time, in the right zone."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from metrics.extract import extract_document
from metrics.extract.timerefs import _add_months
from metrics.model import DocumentMeta, PublishTime, TimeRef

# Saturday 2025-05-03 12:00 UTC.
PUB = PublishTime(datetime(2025, 5, 3, 12, tzinfo=UTC), "+00:00", "minute", "test")


def refs(text: str, published: PublishTime | None = PUB, dateline: str | None = None) -> tuple[TimeRef, ...]:
    ex = extract_document(text, hints=DocumentMeta(published=published, dateline=dateline))
    for r in ex.time_refs:
        assert r.span is not None and text[r.span[0] : r.span[1]] == r.text
        for dt in (r.resolved_start, r.resolved_end):
            assert dt is None or dt.tzinfo is not None
    return ex.time_refs


def days(ref: TimeRef) -> tuple[date, date]:
    assert ref.resolved_start is not None and ref.resolved_end is not None
    return ref.resolved_start.date(), ref.resolved_end.date()


@pytest.mark.parametrize(
    ("phrase", "text", "start", "end", "granularity"),
    [
        ("yesterday", "It happened yesterday.", date(2025, 5, 2), date(2025, 5, 3), "day"),
        ("today", "It happens today.", date(2025, 5, 3), date(2025, 5, 4), "day"),
        ("Thursday", "It happened on Thursday.", date(2025, 5, 1), date(2025, 5, 2), "day"),
        ("last Thursday", "It happened last Thursday.", date(2025, 5, 1), date(2025, 5, 2), "day"),
        ("early Thursday", "It happened early Thursday.", date(2025, 5, 1), date(2025, 5, 2), "day"),
        # Published on a Saturday: a bare Saturday is that day (news style), "last Saturday" the week before.
        ("Saturday", "It happened Saturday.", date(2025, 5, 3), date(2025, 5, 4), "day"),
        ("Saturday", "It happened on Saturday.", date(2025, 5, 3), date(2025, 5, 4), "day"),
        ("Saturday night", "Saturday night, it happened.", date(2025, 5, 3), date(2025, 5, 4), "day"),
        ("last Saturday", "It happened last Saturday.", date(2025, 4, 26), date(2025, 4, 27), "day"),
        ("Friday", "It happened on Friday.", date(2025, 5, 2), date(2025, 5, 3), "day"),
        ("this Saturday", "It happens this Saturday.", date(2025, 5, 3), date(2025, 5, 4), "day"),
        ("last week", "It happened last week.", date(2025, 4, 21), date(2025, 4, 28), "week"),
        ("last month", "It happened last month.", date(2025, 4, 1), date(2025, 5, 1), "month"),
        ("last year", "It happened last year.", date(2024, 1, 1), date(2025, 1, 1), "year"),
        # After "the", "last" counts back from publication, as "past" does.
        ("last month", "It grew in the last month.", date(2025, 4, 4), date(2025, 5, 4), "month"),
        ("last week", "Over the last week it grew.", date(2025, 4, 27), date(2025, 5, 4), "week"),
        ("past month", "It grew in the past month.", date(2025, 4, 4), date(2025, 5, 4), "month"),
        (
            "earlier this month",
            "It happened earlier this month.",
            date(2025, 5, 1),
            date(2025, 5, 4),
            "month",
        ),
        ("earlier this year", "It happened earlier this year.", date(2025, 1, 1), date(2025, 5, 4), "year"),
        ("two days ago", "It happened two days ago.", date(2025, 5, 1), date(2025, 5, 2), "day"),
        ("3 weeks ago", "It happened 3 weeks ago.", date(2025, 4, 7), date(2025, 4, 14), "week"),
        ("six months ago", "It happened six months ago.", date(2024, 11, 1), date(2024, 12, 1), "month"),
        ("three years ago", "It happened three years ago.", date(2022, 1, 1), date(2023, 1, 1), "year"),
        ("Last fall", "Last fall, it happened.", date(2024, 9, 1), date(2024, 12, 1), "season"),
        ("last winter", "It happened last winter.", date(2024, 12, 1), date(2025, 3, 1), "season"),
        ("last spring", "It happened last spring.", date(2024, 3, 1), date(2024, 6, 1), "season"),
        ("April 28", "It happened April 28.", date(2025, 4, 28), date(2025, 4, 29), "day"),
        ("May 20", "It happened May 20.", date(2024, 5, 20), date(2024, 5, 21), "day"),
        ("March 4, 2023", "It happened March 4, 2023.", date(2023, 3, 4), date(2023, 3, 5), "day"),
        ("4 March 2023", "It happened on 4 March 2023.", date(2023, 3, 4), date(2023, 3, 5), "day"),
        ("June", "It happened in June.", date(2024, 6, 1), date(2024, 7, 1), "month"),
        ("February", "It happened in February.", date(2025, 2, 1), date(2025, 3, 1), "month"),
        ("February", "By the end of February it had.", date(2025, 2, 1), date(2025, 3, 1), "month"),
        ("February", "Since the start of February it has.", date(2025, 2, 1), date(2025, 3, 1), "month"),
        ("June 2023", "It happened in June 2023.", date(2023, 6, 1), date(2023, 7, 1), "month"),
    ],
)
def test_resolution(phrase: str, text: str, start: date, end: date, granularity: str) -> None:
    (ref,) = refs(text)
    assert ref.text == phrase
    assert days(ref) == (start, end)
    assert ref.granularity == granularity
    assert ref.rule


def test_zone_is_dateline_then_publish_offset_then_utc() -> None:
    # 2025-05-03 02:32 UTC: Saturday in India, still Friday in Washington.
    pub = PublishTime(datetime(2025, 5, 3, 2, 32, tzinfo=UTC), "+05:30", "minute", "test")
    (ref,) = refs("It happened yesterday.", pub, dateline="Washington")
    assert ref.resolved_start == datetime(2025, 5, 1, tzinfo=ZoneInfo("America/New_York"))
    assert ref.rule is not None and "America/New_York (dateline Washington)" in ref.rule
    (ref,) = refs("It happened yesterday.", pub, dateline="Atlantis")
    assert ref.resolved_start is not None and ref.resolved_start.isoformat() == "2025-05-02T00:00:00+05:30"
    assert ref.rule is not None and "UTC+05:30 (publish offset)" in ref.rule
    no_offset = PublishTime(datetime(2025, 5, 3, tzinfo=UTC), None, "day", "test")
    (ref,) = refs("It happened yesterday.", no_offset)
    assert ref.resolved_start == datetime(2025, 5, 2, tzinfo=UTC)
    assert ref.rule is not None and "UTC" in ref.rule


def test_weekday_naming_the_publication_day_is_that_day_in_the_anchor_zone() -> None:
    # 2025-05-03 02:32 UTC: Saturday in India, still Friday in Washington.
    pub = PublishTime(datetime(2025, 5, 3, 2, 32, tzinfo=UTC), "+05:30", "minute", "test")
    ny = ZoneInfo("America/New_York")
    friday, saturday, last_friday = refs(
        "It began on Friday, ended Saturday, and was planned last Friday.", pub, dateline="Washington"
    )
    assert friday.resolved_start == datetime(2025, 5, 2, tzinfo=ny)  # the publication day in Washington
    assert friday.rule is not None and "publication day itself" in friday.rule
    assert saturday.resolved_start == datetime(2025, 4, 26, tzinfo=ny)  # a week ago in Washington
    assert last_friday.resolved_start == datetime(2025, 4, 25, tzinfo=ny)
    (saturday,) = refs("It ended Saturday.", pub, dateline="Atlantis")  # publish offset: Saturday in India
    assert (
        saturday.resolved_start is not None
        and saturday.resolved_start.isoformat() == "2025-05-03T00:00:00+05:30"
    )


def test_without_publish_time_refs_are_kept_unresolved() -> None:
    found = refs("It happened Thursday and last fall, on March 4, 2023.", published=None)
    assert [r.text for r in found] == ["Thursday", "last fall", "March 4, 2023"]
    assert found[0].resolved_start is None and found[0].rule == "no publish time to resolve against"
    assert found[1].resolved_start is None
    assert found[2].resolved_start == datetime(2023, 3, 4, tzinfo=UTC)  # an explicit date needs no anchor


def test_not_time_refs() -> None:
    assert refs("She may go. USA Today reported. Mondays are slow. The year-long project.") == ()


def test_impossible_date_is_kept_but_unresolved() -> None:
    (ref,) = refs("It happened February 30, 2023.")
    assert ref.resolved_start is None and ref.rule is not None and ref.rule.startswith("could not resolve")


def test_dst_day_is_23_hours() -> None:
    pub = PublishTime(datetime(2025, 3, 10, 15, tzinfo=UTC), "-04:00", "minute", "test")
    (ref,) = refs("It happened yesterday.", pub, dateline="New York")
    assert ref.resolved_start is not None and ref.resolved_end is not None
    # Same-tzinfo subtraction is wall-clock time in Python; timestamps give the real length.
    assert ref.resolved_end.timestamp() - ref.resolved_start.timestamp() == 23 * 3600


@given(st.integers(1900, 2100), st.integers(1, 12), st.integers(-600, 600))
def test_month_arithmetic_agrees_with_dateutil(year: int, month: int, n: int) -> None:
    assert _add_months(year, month, n) == date(year, month, 1) + relativedelta(months=n)


def test_the_last_week_of_a_month_is_not_last_week() -> None:
    assert [r.text for r in refs("It peaked in the last week of April, not last week.")] == ["last week"]


def test_a_date_after_a_weekday_it_does_not_fall_on_says_so() -> None:
    # Sat 2025-05-03: "Tuesday, May 3" disagrees with itself; the date is kept and the rule says why.
    (_, day) = refs("On Tuesday, May 3, the video passed 1 million views.")
    assert days(day) == (date(2025, 5, 3), date(2025, 5, 4))
    assert day.rule is not None and "calls it Tuesday, but 2025-05-03 is a Saturday" in day.rule
    (_, agreed) = refs("On Thursday, May 1, it was posted.")
    assert agreed.rule is not None and "calls it" not in agreed.rule
    (explicit,) = [r for r in refs("It aired Friday, March 4, 2023.") if r.text == "March 4, 2023"]
    assert explicit.rule is not None and "calls it Friday, but 2023-03-04 is a Saturday" in explicit.rule
