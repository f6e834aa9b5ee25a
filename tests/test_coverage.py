"""The read side of coverage: time buckets in a zone, copies folded, measured curves. Pure."""

from __future__ import annotations

import pandas as pd
import pytest

from metrics import charts, coverage, format
from metrics.measured import measured_curves


def _published(*instants: str) -> pd.Series:
    return pd.Series(pd.to_datetime(list(instants), utc=True))


def test_buckets_across_a_clock_change_start_at_local_midnight() -> None:
    # Europe/London moved to summer time at 01:00 UTC on Sunday 30 March 2025.
    weeks = coverage.bucket_starts(_published("2025-03-29T23:30Z", "2025-03-30T23:30Z"), "week", "Europe/London")
    assert [s.isoformat() for s in weeks] == ["2025-03-24T00:00:00+00:00", "2025-03-31T00:00:00+01:00"]
    # New York left summer time at 06:00 UTC on Sunday 2 November 2025: that day lasts 25 hours.
    days = coverage.bucket_starts(_published("2025-11-02T04:00Z", "2025-11-03T04:59Z", "2025-11-03T05:00Z"), "day",
                                "America/New_York")
    assert [s.isoformat() for s in days] == ["2025-11-02T00:00:00-04:00", "2025-11-02T00:00:00-04:00",
                                             "2025-11-03T00:00:00-05:00"]
    months = coverage.bucket_starts(_published("2025-10-31T23:30Z", "2025-11-01T00:30Z"), "month", "Asia/Tokyo")
    assert [s.isoformat() for s in months] == ["2025-11-01T00:00:00+09:00", "2025-11-01T00:00:00+09:00"]


def test_timezone_names_are_checked_and_spelled_as_the_tz_database_does() -> None:
    assert coverage.canonical_timezone("asia/kolkata") == "Asia/Kolkata"
    assert coverage.canonical_timezone(" UTC ") == "UTC" and coverage.canonical_timezone("utc") == "UTC"
    for bad in ("Mars/Olympus_Mons", "", "../etc/passwd", "IST"):
        with pytest.raises(ValueError, match="unknown timezone"):
            coverage.canonical_timezone(bad)
    with pytest.raises(ValueError, match="unknown timezone"):
        charts.timeline_figure(pd.DataFrame({"outlet": [], "title": [], "published_at": []}), tz="Nowhere/Else")


def test_the_timeline_table_names_each_rows_bucket_its_local_start_and_the_zone() -> None:
    from metrics.export import table_bytes

    articles = pd.DataFrame({"outlet": ["A", "B", "C"], "title": ["a", "b", "c"],
                             "published_at": pd.to_datetime(["2025-05-01T18:30Z", "2025-05-03T02:32Z", None])})
    table = coverage.timeline_table(articles, "auto", "Asia/Kolkata")
    assert list(table["bucket"]) == ["day"] * 3 and set(table["timezone"]) == {"Asia/Kolkata"}
    assert str(table["bucket_start"].dt.tz) == "Asia/Kolkata" and pd.isna(table["bucket_start"].iloc[2])
    csv = table_bytes(table, "csv").decode("utf-8")
    assert "2025-05-02T00:00:00+0530,Asia/Kolkata" in csv  # the bucket start as a reader there counts it
    assert "2025-05-01T18:30:00+0000" in csv  # publication times stay in UTC


def test_a_missing_precision_reads_as_an_instant_and_weeks_keep_date_only_articles() -> None:
    published = _published("2025-05-05T00:00Z", "2025-05-05T00:00Z", None)
    starts = coverage.bucket_starts(published, "week", "America/Los_Angeles", pd.Series(["day", None, None]))
    # Monday 5 May as a date starts that week; the same instant as a time is Sunday evening.
    assert [None if pd.isna(s) else s.isoformat() for s in starts] == [
        "2025-05-05T00:00:00-07:00", "2025-04-28T00:00:00-07:00", None]


def test_unique_mode_folds_copies_into_their_original_report() -> None:
    articles = pd.DataFrame({
        "id": [1, 2, 3, 4, 5],
        "outlet": ["Star Tribune", "Business Standard", "Taipei Times", "JoongAng", "Copycat"],
        "title": ["a", "b", "c", "d", "e"],
        "syndicated_from": ["AP", "AP", "AP", None, "JoongAng"],
        "syndicated_article_id": [None, None, None, None, 4],
        "published_at": pd.to_datetime(["2025-05-02T10:00Z", "2025-05-03T02:32Z", "2025-05-04T00:00Z",
                                        "2025-05-08T02:34Z", "2025-05-09T00:00Z"]),
    })
    folded = coverage.fold_copies(articles)
    # Data: each kept row's group size and the wire source it credits; the label is format's.
    assert sorted(zip(folded["copy_source"].fillna("-"), folded["copies"], strict=True)) == [("-", 2), ("AP", 3)]
    labelled = format.label_copies(folded)
    assert sorted(labelled["outlet"]) == ["AP (3 copies)", "JoongAng (2 copies)"]
    assert labelled.loc[labelled["outlet"] == "AP (3 copies)", "id"].item() == 1  # the earliest is kept
    assert list(labelled.columns) == list(articles.columns)  # the table behind the chart keeps its columns


def test_a_text_copy_of_a_wire_credited_report_folds_into_that_wire_source() -> None:
    articles = pd.DataFrame({
        "id": [1, 2, 3], "outlet": ["Business Standard", "Copy Daily", "Star Tribune"], "title": ["a", "b", "c"],
        "syndicated_from": ["AP", "Business Standard", "AP"], "syndicated_article_id": [None, 1, None],
        "published_at": pd.to_datetime(["2025-05-03T02:32Z", "2025-05-04T00:00Z", "2025-05-02T10:00Z"]),
    })
    assert list(format.unique_stories(articles)["outlet"]) == ["AP (3 copies)"]


def test_the_combined_curve_is_the_step_sum_of_each_items_latest_value() -> None:
    import numpy as np

    rng = np.random.default_rng(5)
    times = pd.to_datetime("2025-05-01T00:00Z") + pd.to_timedelta(rng.integers(0, 500, 300), unit="min")
    obs = pd.DataFrame({"platform_id": rng.choice(["a", "b", "c"], 300), "metric": "views",
                        "value": rng.integers(0, 1000, 300).astype(float), "observed_at": times})
    obs["title"] = obs["platform_id"]
    expected = (obs.sort_values("observed_at", kind="stable")
                .pivot_table(index="observed_at", columns="platform_id", values="value", aggfunc="last")
                .sort_index().ffill().dropna().sum(axis=1))
    combined = measured_curves(obs, "views")[-1]
    assert combined.combined and combined.items == 3 and format.curve_label(combined) == "combined (3 items)"
    assert list(combined.points["observed_at"]) == list(expected.index)
    assert combined.points["value"].tolist() == expected.tolist()
