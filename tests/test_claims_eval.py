"""Precision and recall of claim extraction on the hand-labelled set in tests/data/claims/.

The floors are the figures the extractor reached when they were set, rounded down to 2 decimals
(the issue's targets are precision >= 0.97 and recall >= 0.93): a change that loses matches on the
set fails here, and `python -m metrics.extract.evaluate` lists what it missed. Adding sentences
that the extractor gets wrong is welcome; lower a floor deliberately, in the same change, if so.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from metrics.extract.evaluate import LabelledCase, Score, evaluate, load_labelled, main, matches, score_case
from metrics.model import Claim

FOLDER = Path(__file__).resolve().parent / "data" / "claims"

PRECISION_FLOOR = 0.99
RECALL_FLOOR = 0.96
# Per metric (precision, recall); every metric has at least 20 expected claims in the set. Lowered
# when blind9 and blind10 were added: their first-run misses still not read are listed in the README.
METRIC_FLOORS: dict[str, tuple[float, float]] = {
    "views": (0.99, 0.97),
    "likes": (0.99, 0.96),
    "shares": (0.98, 0.97),
    "reposts": (0.96, 0.96),
    "streams": (1.00, 0.96),
    "comments": (1.00, 0.98),
    "followers": (0.99, 0.97),
    "subscribers": (1.00, 0.98),
    "video_count": (1.00, 0.99),
    "video_length": (0.99, 0.92),
}
# Lowered when the six engagement kinds of issue 14 split plays/streams and retweets/reposts out of
# views and shares (the labels were moved to the new metrics), and the qualifier before a list and
# "and counting" became lower bounds as the issue defines them.

# The real-text set (tests/data/claims/real/), kept apart: its floors are the whole folder's figures
# when they were set, rounded down (0.84 / 0.74 with real22 and real23; the recall floor 0.73 since
# real28 and real29 were added, which the folder read 0.842 / 0.736 with). Its first-run figures per
# batch are in its README.
REAL_FOLDER = FOLDER / "real"
REAL_PRECISION_FLOOR = 0.84
REAL_RECALL_FLOOR = 0.73


@pytest.fixture(scope="module")
def cases() -> list[LabelledCase]:
    return load_labelled(FOLDER)


@pytest.fixture(scope="module")
def scores(cases: list[LabelledCase]) -> dict[str, Score]:
    return evaluate(cases)


def test_set_size_and_negatives(cases: list[LabelledCase]) -> None:
    assert len(cases) >= 200
    for case in cases:
        for claim in case.claims:
            assert claim["bound"] in ("exact", "lower", "upper", "approx", "vague"), case.id
            if claim["value"] is None:  # vague, or a range given by its ends
                assert claim["bound"] == "vague" or {"low", "high"} <= set(claim), case.id
    negatives = sum(1 for c in cases if not c.claims)
    assert negatives >= len(cases) // 5


def test_real_set_size_and_floors() -> None:
    real = load_labelled(REAL_FOLDER)
    assert len(real) >= 900
    assert len({c.source for c in real}) >= 11
    negatives = sum(1 for c in real if not c.claims)
    assert negatives >= len(real) // 4
    total = evaluate(real)["all"]
    assert total.precision >= REAL_PRECISION_FLOOR, total
    assert total.recall >= REAL_RECALL_FLOOR, total


def test_overall_floors(scores: dict[str, Score]) -> None:
    total = scores["all"]
    assert total.precision >= PRECISION_FLOOR, total
    assert total.recall >= RECALL_FLOOR, total


@pytest.mark.parametrize("metric", sorted(METRIC_FLOORS))
def test_metric_floors(scores: dict[str, Score], metric: str) -> None:
    precision, recall = METRIC_FLOORS[metric]
    assert scores[metric].precision >= precision, scores[metric]
    assert scores[metric].recall >= recall, scores[metric]


_BASE = Claim("views", 5e6, "count", "lower", 5e6, None, "more than", None, None, None, None, "q", (0, 1))


def _claim(**kw: object) -> Claim:
    return replace(_BASE, **kw)  # type: ignore[arg-type]


def test_matching_rule() -> None:
    expected = {"metric": "views", "value": 5000000, "bound": "lower"}
    assert matches(expected, _claim())
    assert matches(expected, _claim(value=5e6 * (1 + 1e-12)))
    assert not matches(expected, _claim(bound="exact"))
    assert not matches(expected, _claim(metric="likes"))
    assert not matches({**expected, "platform": "X"}, _claim(platform="YouTube"))
    assert matches({"metric": "views", "value": None, "bound": "vague"}, _claim(value=None, bound="vague"))
    assert not matches({"metric": "views", "value": None, "bound": "vague"}, _claim(value=0.0, bound="vague"))


def test_video_published_ignored_unless_labelled() -> None:
    case = LabelledCase("x", "t", ())
    r = score_case(case, [_claim(metric="video_published", value=1.0, bound="exact")])
    assert r.false_positives == [] and r.predicted == []


def test_as_of_is_compared_as_an_instant() -> None:
    claim = _claim(as_of=datetime(2025, 5, 2, 4, tzinfo=UTC))
    base = {"metric": "views", "value": 5e6, "bound": "lower"}
    assert matches({**base, "as_of": "2025-05-02T00:00:00-04:00"}, claim)
    assert not matches({**base, "as_of": "2025-05-02T00:00:00+00:00"}, claim)


def test_the_evaluation_command_refuses_what_is_not_a_labelled_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--help"]) == 2
    assert main([str(tmp_path)]) == 2
    assert f"error: {tmp_path} is not a folder of labelled .jsonl files" in capsys.readouterr().err
