"""Figure builders are pure: DataFrame in, figure out."""

from __future__ import annotations

import pandas as pd

from metrics import charts


def _claims(**overrides: object) -> pd.DataFrame:
    row = {"metric": "views", "value": 5e6, "unit": "count", "bound": "lower", "low": 5e6, "high": None,
           "qualifier": "more than", "scope": "combined", "time_window": "first day", "subject": "videos",
           "quote": "more than 5 million views", "outlet": "AP", "origin": "extracted",
           "reported_at": pd.Timestamp("2025-05-02T12:00Z")}
    row.update(overrides)
    return pd.DataFrame([row])


def test_large_numbers_and_durations_read_as_people_write_them() -> None:
    assert [charts.format_count(v) for v in (5e6, 170_000, 2.9e6, 1.2e9, 950, 0)] == [
        "5M", "170K", "2.9M", "1.2B", "950", "0"]
    assert [charts.format_duration(v) for v in (147, 120, 3725)] == ["2:27", "2:00", "1:02:05"]
    assert charts.describe_claim("more than", 5e6, "count", "views") == "more than 5M views"
    assert charts.describe_claim(float("nan"), 147, "seconds", "video_length") == "2:27 long"


def test_a_lower_bound_is_drawn_open_upward_and_an_upper_bound_downward() -> None:
    both = pd.concat([_claims(), _claims(bound="upper", qualifier="nearly", value=3e6, low=None, high=3e6,
                                         outlet="Other")])
    fig = charts.claims_figure(both, metric="views")
    lines = [t for t in fig.data if t.mode == "lines"]
    up = next(t for t in lines if t.y[0] == 5e6)
    down = next(t for t in lines if t.y[1] == 3e6)  # one [start, end, None] run per claim
    assert up.y[1] > 5e6 and down.y[0] < 3e6
    symbols = {t.name: t.marker.symbol for t in fig.data if t.mode == "markers"}
    assert symbols == {"AP": "triangle-up", "Other": "triangle-down"}


def test_log_axis_ticks_are_1_2_5_steps_with_readable_labels() -> None:
    assert charts.log_ticks(40_000, 21e6) == [5e4, 1e5, 2e5, 5e5, 1e6, 2e6, 5e6, 1e7, 2e7]
    fig = charts.claims_figure(pd.concat([_claims(), _claims(value=140_000.0, bound="exact", low=140_000.0,
                                                              high=140_000.0, qualifier=None, outlet="B")]))
    assert fig.layout.yaxis.type == "log"
    assert "5M" in fig.layout.yaxis.ticktext and "200K" in fig.layout.yaxis.ticktext


def test_timeline_bars_widen_with_the_span_of_coverage() -> None:
    assert charts.time_bucket(pd.Timestamp("2025-05-01"), pd.Timestamp("2025-06-08"))[0] == "D"
    assert charts.time_bucket(pd.Timestamp("2025-01-01"), pd.Timestamp("2025-12-01"))[0] == "W-SUN"
    assert charts.time_bucket(pd.Timestamp("2023-05-01"), pd.Timestamp("2026-02-12"))[0] == "M"
    articles = pd.DataFrame({
        "outlet": ["A", "A", "B"], "title": ["x", "y", None],
        "published_at": pd.to_datetime(["2023-05-16T10:00Z", "2023-05-20T10:00Z", "2026-02-12T10:00Z"]),
    })
    fig = charts.timeline_figure(articles)
    bars = {t.name: list(t.y) for t in fig.data}
    assert bars == {"A": [2], "B": [1]}  # both May 2023 articles fall in one monthly bar
    assert fig.layout.yaxis.title.text == "Articles per month"


def test_outlet_colours_are_distinct_and_stable() -> None:
    outlets = [f"Outlet {i}" for i in range(20)]
    colors = charts.outlet_colors(outlets)
    assert len(set(colors.values())) == 20
    assert charts.outlet_colors(outlets) == colors
    assert charts.outlet_color("Outlet 3", colors) == colors["Outlet 3"]


def test_empty_inputs_give_a_figure_that_says_so() -> None:
    fig = charts.timeline_figure(pd.DataFrame({"outlet": [], "title": [], "published_at": []}))
    assert "No dated articles" in fig.layout.annotations[0].text
    fig = charts.claims_figure(_claims(), metric="likes")
    assert "No dated likes figures" in fig.layout.annotations[0].text


def test_measured_curves_per_item_and_combined_as_a_step_sum() -> None:
    # Synthetic measurements, for the test only.
    obs = pd.DataFrame({
        "platform_id": ["a", "b", "a", "b"], "title": ["Video A", "Video B", "Video A", "Video B"],
        "metric": "views", "value": [1e6, 2e6, 3e6, 2.5e6],
        "observed_at": pd.to_datetime(["2025-05-01T12:00Z", "2025-05-01T13:00Z", "2025-05-02T12:00Z",
                                       "2025-05-02T13:00Z"]),
    })
    curves = dict(charts.measured_curves(obs, "views"))
    assert list(curves["combined (2 items)"]["value"]) == [3e6, 5e6, 5.5e6]  # starts once both were seen
    fig = charts.claims_figure(_claims(), metric="views", observations=obs)
    names = [t.name for t in fig.data]
    assert {"measured: Video A", "measured: Video B", "measured: combined (2 items)"} <= set(names)


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
    folded = charts.fold_copies(articles)
    assert sorted(folded["outlet"]) == ["AP (3 copies)", "JoongAng (2 copies)"]
    assert folded.loc[folded["outlet"] == "AP (3 copies)", "id"].item() == 1  # the earliest is kept


def test_a_text_copy_of_a_wire_credited_report_folds_into_that_wire_source() -> None:
    articles = pd.DataFrame({
        "id": [1, 2, 3], "outlet": ["Business Standard", "Copy Daily", "Star Tribune"], "title": ["a", "b", "c"],
        "syndicated_from": ["AP", "Business Standard", "AP"], "syndicated_article_id": [None, 1, None],
        "published_at": pd.to_datetime(["2025-05-03T02:32Z", "2025-05-04T00:00Z", "2025-05-02T10:00Z"]),
    })
    assert list(charts.fold_copies(articles)["outlet"]) == ["AP (3 copies)"]


def test_volume_chart_shows_raw_counts_and_the_share_with_its_denominator() -> None:
    volume = pd.DataFrame({"query": "cia", "step_start": pd.to_datetime(["2025-05-01T00:00Z", "2025-05-02T00:00Z"]),
                           "articles": [10, 30], "monitored": [100_000, 120_000], "share": [1e-4, 2.5e-4]})
    fig = charts.volume_figure(volume, footer="f")
    assert [t.type for t in fig.data] == ["bar", "scatter"]
    assert list(fig.data[0].y) == [10, 30] and list(fig.data[1].y) == [0.01, 0.025]
    assert fig.layout.yaxis2.title.text == "Share of monitored articles (%)"
    assert "monitored" in charts.VOLUME_DENOMINATOR
