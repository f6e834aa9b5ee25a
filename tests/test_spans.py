"""SpanSet against a plain model of it, small (flat list) and large (past the switch to blocks)."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from metrics.extract.spans import _FLAT_MAX, SpanSet


def _covered(spans: list[tuple[int, int]]) -> set[int]:
    return {i for start, end in spans for i in range(start, end)}


def _check(added: list[tuple[int, int]], queries: list[tuple[int, int]]) -> None:
    spans = SpanSet()
    for start, end in added:
        spans.add(start, end)
    covered = _covered(added)
    for start, end in queries:
        assert spans.overlaps(start, end) == any(i in covered for i in range(start, end)), (start, end)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 300), st.integers(1, 12)), max_size=60),
    st.lists(st.tuples(st.integers(0, 320), st.integers(1, 12)), min_size=1, max_size=40),
)
def test_overlaps_agrees_with_the_characters_covered(added: list[tuple[int, int]], queries: list[tuple[int, int]]) -> None:
    _check([(s, s + n) for s, n in added], [(s, s + n) for s, n in queries])


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_same_past_the_switch_to_blocks_with_spans_added_out_of_order(seed: int) -> None:
    rng = random.Random(seed)
    # Every other slot first, then the gaps between them, some of them touching or overlapping.
    first = [(10 * k, 10 * k + 4) for k in range(0, 3 * _FLAT_MAX, 2)]
    later = [(10 * k + rng.choice((0, 3, 5)), 10 * k + rng.choice((6, 9, 12))) for k in range(1, 3 * _FLAT_MAX, 2)]
    rng.shuffle(later)
    queries = [(q, q + rng.randint(1, 4)) for q in (rng.randrange(0, 30 * _FLAT_MAX + 20) for _ in range(3000))]
    _check(first + later, queries)
