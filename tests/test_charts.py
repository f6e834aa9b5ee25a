"""Figure builders are pure: DataFrame in, figure out."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pytest

from metrics import charts, coverage, format
from metrics.measured import measured_curves


def _claims(**overrides: object) -> pd.DataFrame:
    row = {"metric": "views", "value": 5e6, "unit": "count", "bound": "lower", "low": 5e6, "high": None,
           "qualifier": "more than", "scope": "combined", "time_window": "first day", "subject": "videos",
           "quote": "more than 5 million views", "outlet": "AP", "origin": "extracted",
           "reported_at": pd.Timestamp("2025-05-02T12:00Z")}
    row.update(overrides)
    return pd.DataFrame([row])


def test_a_lower_bound_is_drawn_open_upward_and_an_upper_bound_downward() -> None:
    both = pd.concat([_claims(), _claims(bound="upper", qualifier="nearly", value=3e6, low=None, high=3e6,
                                         outlet="Other"),
                      _claims(bound="approx", qualifier="about", value=4e6, low=3.8e6, high=4.2e6, outlet="Third")])
    fig = charts.claims_figure(both, metric="views")
    by_name = {t.name: t for t in fig.data}
    up, down, about = by_name["AP"], by_name["Other"], by_name["Third"]
    top = fig.layout.yaxis.range[1]
    # Each interval is the marker's error bar: open above to the top, open below to zero, a range around.
    assert (up.y[0] + up.error_y.array[0], up.error_y.arrayminus[0]) == (top, 0)
    assert (down.error_y.array[0], down.y[0] - down.error_y.arrayminus[0]) == (0, 0)
    assert about.y[0] - about.error_y.arrayminus[0] == 3.8e6 and about.y[0] + about.error_y.array[0] == 4.2e6
    symbols = {t.name: t.marker.symbol for t in fig.data if t.mode == "markers"}
    assert symbols == {"AP": "triangle-up", "Other": "triangle-down", "Third": "diamond"}


def test_a_story_with_more_outlets_than_colours_keeps_every_figure_and_a_readable_legend() -> None:
    outlets = [f"Outlet {i:02d}" for i in range(40) for _ in range(1 + (i < 5))]  # five outlets with two figures
    claims = pd.concat([_claims(outlet=o, value=1e6 + i) for i, o in enumerate(outlets)], ignore_index=True)
    fig = charts.claims_figure(claims)
    markers = [t for t in fig.data if t.mode == "markers"]
    assert sum(len(t.y) for t in markers) == len(outlets)  # no figure dropped
    legend = [t.name for t in markers if t.showlegend is not False]
    assert len(legend) == charts.LEGEND_LIMIT + 1 and legend[-1] == "14 other outlets"
    assert {"Outlet 00", "Outlet 04"} <= set(legend)  # the outlets with most figures are named first
    other = [t for t in markers if t.legendgroup == "other outlets"]
    assert any("Outlet 39" in text for t in other for text in t.customdata)  # hover still names the outlet


def test_many_measured_items_become_one_line_with_their_names_in_the_hover() -> None:
    # Synthetic measurements, for the test only.
    n = charts.LEGEND_LIMIT + 4
    obs = pd.DataFrame({
        "platform_id": [f"v{i}" for i in range(n) for _ in range(2)],
        "title": [f"Video {i}" for i in range(n) for _ in range(2)], "metric": "views",
        "value": [float(10 * i + day) for i in range(n) for day in range(2)],
        "observed_at": pd.to_datetime([f"2025-05-0{1 + day}T{i % 24:02d}:00Z" for i in range(n) for day in range(2)]),
    })
    names = [t.name for t in charts.claims_figure(_claims(), observations=obs).data]
    assert f"measured: {n - charts.LEGEND_LIMIT + 1} other items" in names
    assert f"measured: combined ({n} items)" in names
    assert sum(name.startswith("measured: Video") for name in names) == charts.LEGEND_LIMIT - 1


def test_log_axis_ticks_are_1_2_5_steps_with_readable_labels() -> None:
    assert charts.log_ticks(40_000, 21e6) == [5e4, 1e5, 2e5, 5e5, 1e6, 2e6, 5e6, 1e7, 2e7]
    fig = charts.claims_figure(pd.concat([_claims(), _claims(value=140_000.0, bound="exact", low=140_000.0,
                                                              high=140_000.0, qualifier=None, outlet="B")]))
    assert fig.layout.yaxis.type == "log"
    assert "5M" in fig.layout.yaxis.ticktext and "200K" in fig.layout.yaxis.ticktext


def test_timeline_bars_widen_with_the_span_of_coverage() -> None:
    assert coverage.auto_bucket(pd.Timestamp("2025-05-01"), pd.Timestamp("2025-06-08")) == "day"
    assert coverage.auto_bucket(pd.Timestamp("2025-01-01"), pd.Timestamp("2025-12-01")) == "week"
    assert coverage.auto_bucket(pd.Timestamp("2023-05-01"), pd.Timestamp("2026-02-12")) == "month"
    articles = pd.DataFrame({
        "outlet": ["A", "A", "B"], "title": ["x", "y", None],
        "published_at": pd.to_datetime(["2023-05-16T10:00Z", "2023-05-20T10:00Z", "2026-02-12T10:00Z"]),
    })
    fig = charts.timeline_figure(articles)
    bars = {t.name: list(t.y) for t in fig.data}
    assert bars == {"A": [2], "B": [1]}  # both May 2023 articles fall in one monthly bar
    assert fig.layout.yaxis.title.text == "Articles per month"
    assert fig.layout.xaxis.title.text == "Publication date: one bar per month in UTC (chosen automatically)"
    fig = charts.timeline_figure(articles, bucket="day")
    assert {t.name: list(t.y) for t in fig.data} == {"A": [1, 1], "B": [1]}
    assert fig.layout.xaxis.title.text == "Publication date: one bar per day in UTC"


def _published(*instants: str) -> pd.Series:
    return pd.Series(pd.to_datetime(list(instants), utc=True))


def test_a_day_in_kolkata_starts_at_1830_utc_the_day_before() -> None:
    starts = coverage.bucket_starts(_published("2025-05-01T18:29Z", "2025-05-01T18:30Z"), "day", "Asia/Kolkata")
    assert [str(s) for s in starts] == ["2025-05-01 00:00:00+05:30", "2025-05-02 00:00:00+05:30"]
    assert starts.iloc[1] == pd.Timestamp("2025-05-01T18:30Z")
    articles = pd.DataFrame({"outlet": ["A", "A"], "title": ["late", "later"],
                             "published_at": pd.to_datetime(["2025-05-01T18:29Z", "2025-05-01T18:30Z"])})
    fig = charts.timeline_figure(articles, bucket="day", tz="Asia/Kolkata")
    assert [str(x)[:10] for x in fig.data[0].x] == ["2025-05-01", "2025-05-02"]  # two bars, not one UTC day
    assert "Asia/Kolkata" in fig.layout.xaxis.title.text and "(Asia/Kolkata)" in fig.data[0].hovertemplate
    utc = charts.timeline_figure(articles, bucket="day")
    assert list(utc.data[0].y) == [2]


def test_one_theme_in_light_and_dark_with_readable_numbers() -> None:
    articles = pd.DataFrame({"outlet": ["A"], "title": ["x"], "published_at": pd.to_datetime(["2025-05-01T10:00Z"])})
    light = charts.timeline_figure(articles, footer="f")
    dark = charts.timeline_figure(articles, footer="f", theme="dark")
    assert light.layout.template.layout.paper_bgcolor == "#ffffff"
    assert dark.layout.template.layout.paper_bgcolor == charts.INKS["dark"].paper == "#0e1117"
    assert dark.layout.template.layout.font.color == charts.INKS["dark"].text
    assert dark.layout.annotations[-1].font.color == charts.INKS["dark"].muted  # the footer is readable too
    import plotly.io as pio

    assert pio.templates["mediametrics_dark"].layout.paper_bgcolor == "#0e1117"  # one named template
    fig = charts.claims_figure(pd.concat([_claims(), _claims(value=140_000.0, bound="exact", outlet="B")]),
                               theme="dark")
    assert fig.layout.template.layout.paper_bgcolor == "#0e1117"
    assert "5M" in fig.layout.yaxis.ticktext and "(log scale)" in fig.layout.yaxis.title.text
    length = charts.claims_figure(_claims(metric="video_length", unit="seconds", value=147.0, low=147.0, high=147.0,
                                          bound="exact", qualifier=None),
                                  metric="video_length")
    assert "2:00" in length.layout.yaxis.ticktext and length.layout.yaxis.title.text == "Video length (min:sec)"
    with pytest.raises(ValueError, match="unknown theme"):
        charts.timeline_figure(articles, theme="sepia")


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
    curves = {format.curve_label(c): c.points for c in measured_curves(obs, "views")}
    assert list(curves["combined (2 items)"]["value"]) == [3e6, 5e6, 5.5e6]  # starts once both were seen
    fig = charts.claims_figure(_claims(), metric="views", observations=obs)
    names = [t.name for t in fig.data]
    assert {"measured: Video A", "measured: Video B", "measured: combined (2 items)"} <= set(names)


def test_volume_chart_shows_raw_counts_and_the_share_with_its_denominator() -> None:
    volume = pd.DataFrame({"query": "cia", "step_start": pd.to_datetime(["2025-05-01T00:00Z", "2025-05-02T00:00Z"]),
                           "articles": [10, 30], "monitored": [100_000, 120_000], "share": [1e-4, 2.5e-4]})
    fig = charts.volume_figure(volume, footer="f")
    assert [t.type for t in fig.data] == ["bar", "scatter"]
    assert list(fig.data[0].y) == [10, 30] and list(fig.data[1].y) == [0.01, 0.025]
    assert fig.layout.yaxis2.title.text == "Share of monitored articles (%)"
    assert "monitored" in format.VOLUME_DENOMINATOR


def test_a_figure_whose_moment_is_a_range_gets_a_segment_and_says_so_on_hover() -> None:
    from metrics.charts import claims_figure
    from metrics.format import held_text

    rows = pd.DataFrame({
        "metric": "views", "value": [5e6, 170_000.0], "unit": "count", "bound": ["lower", "exact"],
        "low": [5e6, 170_000.0], "high": [None, 170_000.0], "qualifier": ["more than", None],
        "scope": ["combined", None], "time_window": ["first day", None], "subject": [None, None],
        "quote": ["q1", "q2"], "outlet": ["AP", "JoongAng"], "origin": "extracted",
        "reported_at": pd.to_datetime(["2025-05-03T02:32Z", "2025-05-07T03:00Z"], utc=True),
        "as_of_start": pd.to_datetime(["2025-05-02T04:00Z", None], utc=True),
        "as_of_rule": ["'first day' counted from the release (posted Thursday)", None],
    })
    fig = claims_figure(rows)
    segments = [t for t in fig.data if t.mode == "lines"]
    assert len(segments) == 1 and segments[0].name == "AP"
    assert list(segments[0].y) == [5e6, 5e6, None]
    assert [str(x)[:16] for x in segments[0].x[:2]] == ["2025-05-02 04:00", "2025-05-03 02:32"]
    held = held_text(rows).tolist()
    assert held[0] == ("held some time between Fri 02 May 2025 04:00 and Sat 03 May 2025 02:32 UTC: "
                       "'first day' counted from the release (posted Thursday)")
    assert held[1] == ""


def test_a_time_axis_with_one_moment_is_widened_not_zoomed_to_milliseconds() -> None:
    from metrics.charts import claims_figure

    rows = pd.DataFrame({
        "metric": "views", "value": [170_000.0, 140_000.0], "unit": "count", "bound": "exact",
        "low": [170_000.0, 140_000.0], "high": [170_000.0, 140_000.0], "qualifier": None, "scope": None,
        "time_window": None, "subject": None, "quote": ["a", "b"], "outlet": "JoongAng", "origin": "extracted",
        "reported_at": pd.to_datetime(["2025-05-07T03:00Z"] * 2, utc=True),
    })
    start, end = (pd.Timestamp(x) for x in claims_figure(rows).layout.xaxis.range)
    assert end - start == pd.Timedelta(days=2)
    assert start < pd.Timestamp("2025-05-07T03:00") < end


def _dated_articles() -> pd.DataFrame:
    # A date-only article (stored as 00:00 UTC of its date) and two timed ones either side of
    # midnight in New York and in Kolkata.
    return pd.DataFrame({
        "outlet": ["dated", "timed", "timed"], "title": ["d", "t1", "t2"],
        "published_at": pd.to_datetime(["2025-05-01T00:00Z", "2025-05-01T20:00Z", "2025-05-03T02:32Z"]),
        "published_precision": ["day", "minute", "minute"],
    })


@pytest.mark.parametrize(("tz", "expected"), [
    # East of UTC: 20:00 UTC is 01:30 on 2 May, 02:32 UTC is 08:02 on 3 May.
    ("Asia/Kolkata", ["2025-05-01T00:00:00+05:30", "2025-05-02T00:00:00+05:30", "2025-05-03T00:00:00+05:30"]),
    # West of UTC: 20:00 UTC is 16:00 on 1 May, 02:32 UTC is 22:32 on 2 May.
    ("America/New_York", ["2025-05-01T00:00:00-04:00", "2025-05-01T00:00:00-04:00", "2025-05-02T00:00:00-04:00"]),
])
def test_a_date_only_article_stays_on_its_own_date_in_every_zone(tz: str, expected: list[str]) -> None:
    articles = _dated_articles()
    starts = coverage.bucket_starts(articles["published_at"], "day", tz, articles["published_precision"])
    assert [s.isoformat() for s in starts] == expected
    table = coverage.timeline_table(articles, "day", tz)
    assert [s.isoformat() for s in table["bucket_start"]] == expected
    fig = charts.timeline_figure(articles, bucket="day", tz=tz)
    bars = {t.name: [str(x)[:10] for x in t.x] for t in fig.data}
    assert bars["dated"] == ["2025-05-01"]
    assert bars["timed"] == sorted({e[:10] for e in expected[1:]})
    # Without a precision every value is an instant, converted as before.
    assert coverage.bucket_starts(articles["published_at"], "day", "America/New_York").iloc[0].isoformat() == (
        "2025-04-30T00:00:00-04:00")


def _span(trace: Any, i: int) -> tuple[pd.Timestamp, pd.Timestamp]:
    """Where bar i of a trace is drawn: its x moved by its offset, then its width (ms on a date axis)."""
    def at(value: Any) -> float:
        return float(value if np.isscalar(value) else value[i])

    left = pd.Timestamp(trace.x[i]) + pd.Timedelta(milliseconds=at(trace.offset))
    return left, left + pd.Timedelta(milliseconds=at(trace.width))


NEXT_PERIOD = {"day": pd.DateOffset(days=1), "week": pd.DateOffset(weeks=1), "month": pd.DateOffset(months=1)}


@pytest.mark.parametrize("bucket", ["day", "week", "month"])
def test_each_bar_spans_its_own_period_and_covers_the_release_day(bucket: str) -> None:
    articles = pd.concat([_dated_articles(), pd.DataFrame({
        "outlet": ["dated"], "title": ["late"], "published_at": pd.to_datetime(["2025-06-08T00:00Z"]),
        "published_precision": ["day"]})], ignore_index=True)
    # The release as the seed stores it: the day of 1 May in New York.
    events = pd.DataFrame({"label": ["videos released"], "start": pd.to_datetime(["2025-05-01T04:00Z"]),
                           "end": pd.to_datetime(["2025-05-02T04:00Z"])})
    fig = charts.timeline_figure(articles, events, bucket=bucket, tz="America/New_York")
    dated = next(t for t in fig.data if t.name == "dated")
    assert len(dated.x) == 2
    for i, x in enumerate(dated.x):
        start = pd.Timestamp(x)
        # From its period's start to the next one's (May 31 days, June 30), not centred on the start.
        assert _span(dated, i) == (start, start + NEXT_PERIOD[bucket])
    band = fig.layout.shapes[0]
    assert (pd.Timestamp(band.x0), pd.Timestamp(band.x1)) == (pd.Timestamp("2025-05-01"), pd.Timestamp("2025-05-02"))
    left, right = _span(dated, 0)  # the bar holding 1 May (its day, week or month)
    assert left <= pd.Timestamp(band.x0) and pd.Timestamp(band.x1) <= right


def test_a_date_only_report_says_so_on_hover_instead_of_midnight() -> None:
    from metrics.charts import claims_figure

    rows = pd.DataFrame({
        "metric": "views", "value": [5e6], "unit": "count", "bound": "lower", "low": [5e6], "high": [None],
        "qualifier": "more than", "scope": None, "time_window": None, "subject": None, "quote": ["q"],
        "outlet": "Star Tribune", "origin": "entered",
        "reported_at": pd.to_datetime(["2025-05-02T00:00Z"], utc=True),
        "reported_offset": [None], "reported_precision": ["day"],
    })
    (trace,) = [t for t in claims_figure(rows).data if t.mode == "markers"]
    assert trace.customdata[0].endswith("as of 2025-05-02 (date only)")
    assert "00:00" not in trace.customdata[0]


def test_a_change_over_a_period_is_not_drawn_among_totals_and_the_key_says_so() -> None:
    gain = _claims(value=120_000.0, bound="exact", low=120_000.0, high=120_000.0, scope="gain", outlet="B")
    fig = charts.claims_figure(pd.concat([_claims(), gain]), metric="views")
    drawn = [y for t in fig.data if t.mode == "markers" for y in t.y]
    assert drawn == [5e6]
    assert any("1 change over a period not drawn" in a.text for a in fig.layout.annotations)
    only = charts.claims_figure(gain, metric="views")
    assert "1 change over a period not drawn" in only.layout.annotations[0].text


def test_a_rate_is_not_drawn_among_totals_and_the_key_says_so() -> None:
    total = _claims(metric="posts", value=1.2e6, low=1.2e6, high=None)
    rate = _claims(metric="posts", value=7_000.0, bound="exact", low=7_000.0, high=7_000.0, scope="per minute",
                   outlet="B")
    fig = charts.claims_figure(pd.concat([total, rate]), metric="posts")
    drawn = [y for t in fig.data if t.mode == "markers" for y in t.y]
    assert drawn == [1.2e6]
    assert any("1 rate (per minute ...) not drawn" in a.text for a in fig.layout.annotations)
