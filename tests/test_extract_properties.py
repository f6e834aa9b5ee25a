"""Extraction never raises, stays linear on hostile input, and every span slices to its quote."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from metrics.extract import extract_document
from metrics.model import DocumentMeta, Extraction

SEED = (Path(__file__).resolve().parent.parent / "seeds" / "000_b457bbf5334f3be3.txt").read_text(
    encoding="utf-8"
)

# Fragments that exercise the patterns, so random text often comes close to matching.
FRAGMENTS = [
    "more than",
    "5 million",
    "views",
    "combined",
    "in their first day",
    "two",
    "videos",
    "X",
    "YouTube",
    "and",
    ",",
    ".",
    "\n",
    " ",
    "Thursday",
    "last",
    "fall",
    "three years ago",
    "First Published:",
    "May 03 2025 | 8:02 AM IST",
    "2-minute-long",
    "released",
    "on",
    "respectively",
    "170,000",
    "times",
    "viewed",
    "AP Washington",
    "Topics :",
    "By Jane Doe",
    "\u00a0",
    "\x00",
    "\ud800",
    "2025-05-03T08:02:00+05:30",
    "millions of",
    "between",
    "Feb 30",
    "9999 years ago",
    "0001-01-01T00:00+05:00",
    "(formerly Twitter)",
    "2-3 million",
    "2:14",
    "2\u00bd-minute",
    "million-plus",
    "500K+",
    "tens of thousands of times",
    "one and a half million",
    "a quarter of a million",
    "as of Wednesday",
    "view count stood at",
    "up from",
    "three of the videos",
    "86,3 Millionen Mal aufgerufen",
    "mehr als 1.234.567 Aufrufe",
    "Published: 03/05/2025",
]


def check(ex: Extraction) -> None:
    text = ex.text
    for claim in ex.claims:
        assert claim.span is not None
        assert text[claim.span[0] : claim.span[1]] == claim.quote
        for start, end in claim.also_spans:
            # A repeat of the figure, possibly worded differently ("tops 2 million views").
            assert 0 <= start < end <= len(text)
        assert claim.as_of is None or claim.as_of.tzinfo is not None
    for ref in ex.time_refs:
        assert ref.span is not None and text[ref.span[0] : ref.span[1]] == ref.text
        for dt in (ref.resolved_start, ref.resolved_end):
            assert dt is None or dt.tzinfo is not None
    for pt in (ex.meta.published, ex.meta.modified):
        assert pt is None or pt.instant.tzinfo is not None


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_arbitrary_text(text: str) -> None:
    check(extract_document(text))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=5), max_size=40).map(" ".join))
def test_near_miss_text(text: str) -> None:
    check(extract_document(text))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=5), max_size=40).map(" ".join))
def test_near_miss_text_german(text: str) -> None:
    check(extract_document(text, hints=DocumentMeta(language="de")))


@settings(max_examples=30, deadline=None)
@given(st.integers(0, len(SEED)), st.integers(0, len(SEED)), st.text(max_size=20))
def test_seed_spliced(i: int, j: int, junk: str) -> None:
    check(extract_document(SEED[:i] + junk + SEED[j:]))


@pytest.mark.parametrize(
    "unit",
    [
        "1",
        "a",
        " ",
        "1,",
        "more than ",
        "two ",
        ". ",
        "X ",
        "videos ",
        "5 million views, ",
        "2-",
        "By ",
        "released ",
        "2 minutes and ",
        "May 3 ",
        "Topics : A b ",
        "Published: ",
        "1 a b c views ",
        "2-3 ",
        "2:14 ",
        "tens of ",
        "shared the ",
        "of the ",
        "videos, each ",
        "view count ",
        ", up from 1 ",
        "hour-long ",
        "2\u00bd ",
    ],
)
def test_linear_on_repetitive_input(unit: str) -> None:
    # 100 kB of one repeated unit: catastrophic backtracking would hang here (and time out CI).
    # No wall-clock assertion: timings belong in benchmarks, not tests.
    text = unit * (100_000 // len(unit))
    check(extract_document(text))


@pytest.mark.parametrize(
    "unit", ["1.000 ", "86,3 Millionen ", "mehr als ", "1 Mal ", "\u00fcber 2 ", "a b c Aufrufe "]
)
def test_linear_on_repetitive_german_input(unit: str) -> None:
    text = unit * (100_000 // len(unit))
    check(extract_document(text, hints=DocumentMeta(language="de")))
