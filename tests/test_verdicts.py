"""Claims against measurements: counts only grow, so earlier is a floor and later a ceiling."""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd

from metrics.format import verdict_rule, verdict_rules
from metrics.verdicts import Reason, claim_moment, judge, story_verdicts


def _checked(claims: pd.DataFrame, obs: pd.DataFrame) -> pd.DataFrame:
    """story_verdicts with each reason written out as the dashboard and the report show it."""
    out = story_verdicts(claims, obs)
    return out.assign(rule=verdict_rules(out)).set_index("id")


def test_judge_uses_floors_and_ceilings() -> None:
    assert judge(5e6, None, floor=1e6, ceiling=2e6).verdict == "contradicted"  # "more than 5M", only 2M after
    assert judge(5e6, None, floor=6e6, ceiling=None).verdict == "consistent"
    assert judge(None, 3e6, floor=4e6, ceiling=None).verdict == "contradicted"  # "nearly 3M", 4M before
    assert judge(165_000, 175_000, floor=168_000, ceiling=171_000).verdict == "consistent"
    assert judge(165_000, 175_000, floor=160_000, ceiling=180_000).verdict == "not checkable"
    assert judge(None, None, floor=1, ceiling=2).reason == Reason.NO_NUMBER
    assert verdict_rule(judge(None, None, floor=1, ceiling=2)) == "the claim states no number"
    # A contradiction keeps the numbers it was found between; the sentence is the presentation's.
    contradicted = judge(5e6, None, floor=1e6, ceiling=2e6)
    assert (contradicted.reason, contradicted.measured, contradicted.stated) == (Reason.CEILING_BELOW, 2e6, 5e6)
    assert verdict_rule(contradicted) == "still 2M after its time, below its 5M"


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
    out = _checked(claims, obs)
    assert out.loc[1, "verdict"] == "contradicted"  # 2M combined by 18:00 on day two, the day-one end is 14:00
    assert "below its 5M" in out.loc[1, "rule"]
    assert out.loc[2, "verdict"] == "not checkable" and "which of the videos" in out.loc[2, "rule"]


def _obs(rows: list[tuple[str, str, float, str]]) -> pd.DataFrame:
    """Synthetic measurements (item, metric, value, observed_at), in the order the query returns them."""
    return pd.DataFrame({
        "platform_id": [r[0] for r in rows], "title": [r[0].upper() for r in rows], "metric": [r[1] for r in rows],
        "value": [r[2] for r in rows], "observed_at": pd.to_datetime([r[3] for r in rows], utc=True),
        "media_published_at": pd.to_datetime(["2025-05-01T00:00Z"] * len(rows)),
    })


def test_the_combined_curve_sums_each_items_latest_count_once_every_item_is_measured() -> None:
    obs = _obs([("a", "views", 100, "2025-05-02T10:00Z"), ("b", "views", 50, "2025-05-02T11:00Z"),
                ("a", "views", 200, "2025-05-02T12:00Z"), ("a", "views", 210, "2025-05-02T12:00Z"),
                ("a", "likes", 5, "2025-05-02T10:00Z")])
    claims = pd.DataFrame({
        "id": [1, 2, 3, 4], "metric": ["views", "views", "views", "likes"],
        "low": [140.0, 200.0, None, 1.0], "high": [None, None, 250.0, None],
        "scope": ["combined"] * 4, "time_window": [None] * 4,
        "reported_at": pd.to_datetime(["2025-05-02T11:30Z", "2025-05-02T10:30Z", "2025-05-02T12:30Z",
                                       "2025-05-02T12:30Z"], utc=True),
    })
    out = _checked(claims, obs)
    assert out.loc[1, "verdict"] == "consistent"  # 100 + 50 by 11:00
    # Before b was first measured there is no sum; the first one, 150 at 11:00, is a ceiling.
    assert out.loc[2, "verdict"] == "contradicted" and out.loc[2, "rule"].startswith("still 150 after its time")
    # Two counts of a at 12:00: the later one (210) is a's count then, so 260 in all.
    assert out.loc[3, "verdict"] == "contradicted" and out.loc[3, "rule"].startswith("already 260 before its time")
    # Only a was measured for likes: no sum of both videos exists to check a combined figure against.
    assert out.loc[4, "rule"] == "no platform measurement for this figure"


def test_a_claim_whose_moment_is_a_range_is_bracketed_by_its_ends() -> None:
    # Synthetic measurements of one video whose release the platform did not report.
    obs = _obs([("a", "views", 100, "2025-05-02T00:00Z"), ("a", "views", 300, "2025-05-02T12:00Z"),
                ("a", "views", 500, "2025-05-03T06:00Z")])
    obs["media_published_at"] = pd.NaT
    claims = pd.DataFrame({
        "id": [1, 2, 3], "metric": "views", "low": [250.0, 600.0, 90.0], "high": [None, None, 150.0],
        "scope": [None] * 3, "time_window": ["first day"] * 3,
        # "first day" after a release on 1 May: it ended between 2 May 00:00 and publication.
        "as_of_start": pd.to_datetime(["2025-05-02T00:00Z"] * 3, utc=True),
        "reported_at": pd.to_datetime(["2025-05-03T02:32Z"] * 3, utc=True),
    })
    out = _checked(claims, obs)
    # The floor is the count at the range's start (100), the ceiling the first after its end (500).
    assert out.loc[1, "verdict"] == "not checkable"  # 250 lies between 100 and 500: the range does not settle it
    assert "between 2025-05-02 00:00 and 2025-05-03 02:32 UTC" in out.loc[1, "rule"]
    assert out.loc[2, "verdict"] == "contradicted"  # still 500 after the latest moment, below 600
    assert out.loc[3, "verdict"] == "not checkable"  # at most 150, the ceiling 500 is above it, floor 100 below


def test_a_window_counts_from_the_measured_release_when_there_is_one() -> None:
    release = datetime(2025, 5, 1, 14, tzinfo=UTC)
    assert claim_moment(release, "first week", release) == datetime(2025, 5, 8, 14, tzinfo=UTC)
    assert claim_moment(release, "first 48 hours", release) == datetime(2025, 5, 3, 14, tzinfo=UTC)
    # Not counted from a release: the reported time stands.
    assert claim_moment(release, "so far", release) == release
    assert claim_moment(release, "less than a day", release) == release


def test_a_gain_over_a_period_is_not_checked_against_a_running_total() -> None:
    # Synthetic measurements of one account: 1.2M followers, of which the claim says 120,000 were gained.
    obs = _obs([("a", "followers", 1.2e6, "2025-01-01T00:00Z")])
    claims = pd.DataFrame({
        "id": [1, 2], "metric": "followers", "low": [120_000.0, 2e6], "high": [120_000.0, 2e6],
        "scope": ["gain", None], "time_window": ["in 2024", None],
        "reported_at": pd.to_datetime(["2025-01-01T00:00Z", "2025-01-01T00:00Z"], utc=True),
    })
    out = _checked(claims, obs)
    assert out.loc[1, "verdict"] == "not checkable" and "a change over a period" in out.loc[1, "rule"]
    assert out.loc[2, "verdict"] == "contradicted"  # a total, checked as before


def test_an_undated_earlier_count_is_not_checked_but_a_dated_one_is() -> None:
    # Synthetic measurements: 300,000 followers on 1 and 4 May. "went from 50,000 to 300,000 followers":
    # the 50,000 held before, at a time the text does not give (story_claims.sql: no reported_at).
    obs = _obs([("a", "followers", 300_000.0, "2025-05-01T00:00Z"), ("a", "followers", 300_000.0, "2025-05-04T00:00Z")])
    claims = pd.DataFrame({
        "id": [1, 2, 3], "metric": "followers", "low": [50_000.0, 300_000.0, 400_000.0],
        "high": [50_000.0, 300_000.0, 400_000.0], "scope": ["earlier", None, "earlier"],
        "time_window": [None, None, "a year ago"],
        "reported_at": pd.to_datetime([None, "2025-05-03T00:00Z", "2024-06-01T00:00Z"], utc=True),
    })
    out = _checked(claims, obs)
    assert out.loc[1, "verdict"] == "not checkable" and "count before a change" in out.loc[1, "rule"]
    assert out.loc[2, "verdict"] == "consistent"
    # Dated a year back, before any measurement: 400,000 then, but 300,000 measured later.
    assert out.loc[3, "verdict"] == "contradicted"
