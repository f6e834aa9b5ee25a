"""Who printed a figure first, who repeated it, and who changed it."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from metrics import story_data
from metrics.provenance import figure_provenance


def _claim(i: int, outlet: str, when: str, value: float, bound: str, qualifier: str | None) -> dict[str, object]:
    low, high = {"lower": (value, None), "exact": (value, value), "upper": (None, value)}[bound]
    return {"id": i, "metric": "views", "unit": "count", "value": value, "bound": bound, "qualifier": qualifier,
            "low": low, "high": high, "outlet": outlet, "reported_at": pd.Timestamp(when, tz="UTC")}


def test_first_report_repeats_and_a_dropped_qualifier() -> None:
    claims = pd.DataFrame([
        _claim(1, "AP", "2025-05-02T10:00", 5e6, "lower", "more than"),
        _claim(2, "Taipei Times", "2025-05-04T00:00", 5e6, "lower", "more than"),
        _claim(3, "Copy Daily", "2025-05-05T00:00", 5e6, "exact", None),
        _claim(4, "Other", "2025-05-06T00:00", 4.2e6, "exact", None),
        _claim(5, "Archive", "2025-05-01T00:00", 900_000, "exact", None),
    ])
    table = figure_provenance(claims).set_index("figure")
    five = table.loc["more than 5M views"]
    assert five["first_outlet"] == "AP"
    assert five["repeated_by"] == "Taipei Times, Copy Daily, Other"
    assert "Copy Daily: qualifier dropped: more than 5M views became 5M views" in five["changes"]
    assert "Other: number changed" in five["changes"]
    assert "Other (4.2M views)" in five["conflicts"]  # exactly 4.2M cannot be more than 5M
    assert table.loc["900K views", "repeated_by"] == ""


def test_the_sample_story_credits_ap_first_for_the_5_million(seeded_db: Path) -> None:
    view = story_data.story("cia-mandarin-videos-2025", seeded_db)
    assert view is not None
    table = figure_provenance(view.claims)
    row = table[table["figure"] == "more than 5M views"].iloc[0]
    assert row["first_outlet"] == "Star Tribune"  # the earliest dated AP copy in the sample
    assert "Business Standard" in row["repeated_by"] and "Taipei Times" in row["repeated_by"]


def test_changes_list_the_first_twenty_distinct_ones() -> None:
    claims = pd.DataFrame([_claim(0, "AP", "2025-05-02T00:00", 5e6, "exact", None)]
                          + [_claim(i, f"Outlet {i}", f"2025-05-03T10:{i:02d}", 5e6 + i * 10_000, "exact", None)
                             for i in range(1, 25)]
                          + [_claim(30, "Outlet 1", "2025-05-04T00:00", 5.01e6, "exact", None)])
    row = figure_provenance(claims).iloc[0]
    changes = row["changes"].split("; ")
    assert len(changes) == 20
    assert changes[0] == "Outlet 1: number changed: 5M views became 5.01M views"
    assert changes[-1].startswith("Outlet 20: ")
    assert row["repeated_by"].split(", ")[:2] == ["Outlet 1", "Outlet 2"] and row["repeated_by"].count("Outlet 1,") == 1
