"""Claims against measurements: counts only grow, so earlier is a floor and later a ceiling."""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd

from metrics.verdicts import claim_moment, judge, story_verdicts


def test_judge_uses_floors_and_ceilings() -> None:
    assert judge(5e6, None, floor=1e6, ceiling=2e6).verdict == "contradicted"  # "more than 5M", only 2M after
    assert judge(5e6, None, floor=6e6, ceiling=None).verdict == "consistent"
    assert judge(None, 3e6, floor=4e6, ceiling=None).verdict == "contradicted"  # "nearly 3M", 4M before
    assert judge(165_000, 175_000, floor=168_000, ceiling=171_000).verdict == "consistent"
    assert judge(165_000, 175_000, floor=160_000, ceiling=180_000).verdict == "not checkable"
    assert judge(None, None, floor=1, ceiling=2).rule == "the claim states no number"


def test_first_day_claims_speak_of_the_end_of_the_first_day() -> None:
    release = datetime(2025, 5, 1, 14, tzinfo=UTC)
    reported = datetime(2025, 5, 3, 2, 32, tzinfo=UTC)
    assert claim_moment(reported, "first day", release) == datetime(2025, 5, 2, 14, tzinfo=UTC)
    assert claim_moment(reported, None, release) == reported


def test_story_verdicts_check_combined_figures_against_the_summed_curve() -> None:
    # Synthetic measurements of two videos, for the test only.
    obs = pd.DataFrame({
        "platform_id": ["a", "b", "a", "b"], "title": ["A", "B", "A", "B"], "metric": "views",
        "value": [0.8e6, 0.6e6, 1.1e6, 0.9e6],
        "observed_at": pd.to_datetime(["2025-05-02T12:00Z", "2025-05-02T12:00Z", "2025-05-02T18:00Z",
                                       "2025-05-02T18:00Z"]),
        "media_published_at": pd.to_datetime(["2025-05-01T14:00Z"] * 4),
    })
    claims = pd.DataFrame({
        "id": [1, 2], "metric": "views", "low": [5e6, 170_000.0], "high": [None, 170_000.0],
        "scope": ["combined", None], "time_window": ["first day", None],
        "reported_at": pd.to_datetime(["2025-05-03T02:32Z", "2025-05-07T03:00Z"]),
    })
    out = story_verdicts(claims, obs).set_index("id")
    assert out.loc[1, "verdict"] == "contradicted"  # 2M combined by 18:00 on day two, the day-one end is 14:00
    assert "below its 5M" in out.loc[1, "rule"]
    assert out.loc[2, "verdict"] == "not checkable" and "which of the videos" in out.loc[2, "rule"]
