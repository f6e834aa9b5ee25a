"""Number and duration spans parsed to floats."""

from __future__ import annotations

import pytest

from metrics.extract.numbers import iter_numbers, parse_duration, parse_number, precision_band, written_step


@pytest.mark.parametrize(
    ("span", "value"),
    [
        ("1,234,567", 1_234_567.0),
        ("900,000", 900_000.0),
        ("42", 42.0),
        ("2.5", 2.5),
        ("5 million", 5e6),
        ("1.2 million", 1.2e6),
        ("3.4bn", 3.4e9),
        ("12K", 12e3),
        ("5M", 5e6),
        ("5m", 5e6),
        ("2 billion", 2e9),
        ("1.5 lakh", 1.5e5),
        ("two", 2.0),
        ("Twenty", 20.0),
        ("twenty-five", 25.0),
        ("two million", 2e6),
        ("a dozen", 12.0),
        ("a pair of", 2.0),
        ("a couple of", 2.0),
        ("a million", 1e6),
        ("half a million", 5e5),
        ("5\u00a0million", 5e6),
    ],
)
def test_parse_number(span: str, value: float) -> None:
    assert parse_number(span) == value


@pytest.mark.parametrize("span", ["", "abc", "5 m", "2-minute", "1.2.3", "million", "1,23", "$5"])
def test_not_numbers(span: str) -> None:
    assert parse_number(span) is None


def test_iter_numbers_skips_adjectives_versions_and_money() -> None:
    text = "3 min read, a 45-year-old, v2, 3.4.5, $5 million, 2-minute-long, but 170,000 and 1.2 million"
    assert [(n.text, n.value) for n in iter_numbers(text)] == [
        ("3", 3.0),
        ("170,000", 170_000.0),
        ("1.2 million", 1.2e6),
    ]
    for n in iter_numbers(text):
        assert text[n.start : n.end] == n.text


@pytest.mark.parametrize(
    ("span", "seconds"),
    [
        ("2-minute-long", 120.0),
        ("2-minute", 120.0),
        ("90-second", 90.0),
        ("two-minute", 120.0),
        ("2.5-minute", 150.0),
        ("2 minutes and 30 seconds", 150.0),
        ("2 minutes and 30 seconds long", 150.0),
        ("1 hour, 5 minutes", 3900.0),
        ("an hour-long", 3600.0),
        ("3 min", 180.0),
    ],
)
def test_parse_duration(span: str, seconds: float) -> None:
    assert parse_duration(span) == seconds


@pytest.mark.parametrize("span", ["", "2", "minute", "45-year-old", "2 parsecs"])
def test_not_durations(span: str) -> None:
    assert parse_duration(span) is None


@pytest.mark.parametrize(
    ("span", "value"),
    [
        ("4.1 million", 4_100_000.0),  # exact in decimal, not 4099999.9999999995
        ("4.5 mln", 4.5e6),
        ("3 bn", 3e9),
        ("two dozen", 24.0),
        ("one and a half million", 1.5e6),
        ("2 and a half million", 2.5e6),
        ("a quarter of a million", 2.5e5),
        ("three-quarters of a million", 7.5e5),
        ("2\u00bd million", 2.5e6),
        ("a hundred thousand", 1e5),
        ("two hundred thousand", 2e5),
    ],
)
def test_parse_number_more_forms(span: str, value: float) -> None:
    assert parse_number(span) == value


@pytest.mark.parametrize(
    ("span", "step"),
    [
        ("5.2 million", 1e5),
        ("12.35 million", 1e4),
        ("12K", 1e3),
        ("2 million", 1e6),
        ("two million", 1e6),
        ("1,234,567", None),
        ("half a million", None),
        ("two dozen", None),
        ("42", None),
    ],
)
def test_written_step(span: str, step: float | None) -> None:
    assert written_step(span) == step


def test_precision_band_is_decimal_exact() -> None:
    assert precision_band(5.2e6, 1e5) == (5_150_000.0, 5_250_000.0)
    assert precision_band(4.1e6, 1e5) == (4_050_000.0, 4_150_000.0)


@pytest.mark.parametrize(
    ("span", "seconds"),
    [
        ("2:14", 134.0),
        ("1:02:30", 3750.0),
        ("2\u00bd-minute", 150.0),
        ("1\u00bd-hour", 5400.0),
        ("two and a half minutes", 150.0),
        ("2 minutes 14 seconds", 134.0),
        ("hour-long", 3600.0),
    ],
)
def test_parse_duration_more_forms(span: str, seconds: float) -> None:
    assert parse_duration(span) == seconds


@pytest.mark.parametrize("span", ["8:02 AM", "10:45 p.m.", "3:45.5", "2:75"])
def test_times_of_day_are_not_durations(span: str) -> None:
    assert parse_duration(span) is None


def test_spelled_hundreds_with_their_rest_are_one_number() -> None:
    # Run7: "over three hundred and seventy-seven million followers" was read as 300 and 77 million.
    assert parse_number("three hundred and seventy-seven million") == 377_000_000
    assert parse_number("five hundred sixty-nine million") == 569_000_000
    assert parse_number("one hundred and two") == 102
    assert parse_number("two hundred thousand") == 200_000  # as before
