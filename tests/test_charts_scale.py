"""Charts with more than a person can see: what they aggregate or sample, and that they say so."""

from __future__ import annotations

import numpy as np
import pandas as pd

from metrics import charts
from metrics.story_data import FIRST, SAMPLE, Thinned

DAY = pd.Timestamp("2025-05-01T10:00Z")


def _claims(n: int) -> pd.DataFrame:
    return pd.DataFrame({
        "metric": "views", "value": [1e5 * (i + 1) for i in range(n)], "unit": "count", "bound": "exact",
        "low": [1e5 * (i + 1) for i in range(n)], "high": [1e5 * (i + 1) for i in range(n)], "qualifier": None,
        "scope": None, "time_window": None, "subject": None, "quote": "q", "outlet": "A", "origin": "extracted",
        "reported_at": [DAY + pd.Timedelta(hours=i) for i in range(n)],
    })


def _observations(n: int) -> pd.DataFrame:
    return pd.DataFrame({"title": "Video", "platform_id": "v1", "metric": "views",
                         "value": [1e4 * (i + 1) for i in range(n)], "media_published_at": DAY,
                         "observed_at": [DAY + pd.Timedelta(days=i) for i in range(n)]})


def test_a_sampled_chart_says_how_many_of_how_many_figures_it_draws_under_its_title() -> None:
    thinned = {"claims": Thinned(SAMPLE, 3, 89_912), "observations": Thinned("day", 4, 905_000)}
    fig = charts.claims_figure(_claims(3), observations=_observations(4), thinned=thinned)
    note = fig.layout.title.subtitle.text
    assert "Drawn: a random sample of 3 of the 89,912 views figures" in note
    assert "Measured counts: the last of each item per day (4 of 905,000 measurements)" in note
    assert sum(len(t.y) for t in fig.data if t.mode == "markers") == 3  # the sample, every point of it
    # Without measured curves, nothing is said of measurements; with nothing thinned, nothing at all.
    alone = charts.claims_figure(_claims(3), thinned={"observations": Thinned("day", 4, 905_000)})
    assert alone.layout.title.subtitle.text is None
    assert charts.claims_figure(_claims(3), observations=_observations(4)).layout.title.subtitle.text is None


def test_the_sample_note_is_plotly_text() -> None:
    fig = charts.claims_figure(_claims(2), metric="views", thinned={"claims": Thinned(SAMPLE, 2, 10)})
    assert "<" not in fig.layout.title.subtitle.text.replace("<br>", "")


def test_a_timeline_of_many_outlets_names_the_busiest_and_counts_every_article() -> None:
    outlets = [f"Outlet {i:02d}" for i in range(40) for _ in range(40 - i)]  # Outlet 00 has most articles
    articles = pd.DataFrame({
        "outlet": outlets, "title": [f"t{i}" for i in range(len(outlets))],
        "published_at": [DAY + pd.Timedelta(hours=3 * (i % 50)) for i in range(len(outlets))],
    })
    fig = charts.timeline_figure(articles, bucket="day")
    legend = [t.name for t in fig.data if t.showlegend is not False]
    assert len(legend) == charts.LEGEND_LIMIT + 1 and legend[-1] == "14 other outlets"
    assert {"Outlet 00", "Outlet 25"} <= set(legend) and "Outlet 39" not in legend
    assert sum(int(np.sum(t.y)) for t in fig.data) == len(articles)  # every article is in a bar
    others = [t for t in fig.data if t.legendgroup == "other outlets"]
    assert any(row[0] == "Outlet 39" for t in others for row in t.customdata)  # hover names the outlet
    assert all("%{customdata[0]}" in t.hovertemplate for t in others)


def test_a_timeline_with_more_bands_than_can_be_labelled_shades_them_and_says_what_they_are() -> None:
    articles = pd.DataFrame({"outlet": ["A"], "title": ["x"], "published_at": [DAY]})
    starts = [DAY + pd.Timedelta(days=i) for i in range(charts.EVENT_LABELS + 1)]
    events = pd.DataFrame({"label": "videos released (as reported)", "start": starts,
                           "end": [s + pd.Timedelta(days=1) for s in starts]})
    fig = charts.timeline_figure(articles, events, bucket="day")
    assert len(fig.layout.shapes) == charts.EVENT_LABELS + 1
    assert not [a for a in fig.layout.annotations if a.text == "videos released (as reported)"]
    assert f"{charts.EVENT_LABELS + 1} release and publish times" in fig.layout.title.subtitle.text
    few = charts.timeline_figure(articles, events.iloc[:2], bucket="day")
    assert [a.text for a in few.layout.annotations][:2] == ["videos released (as reported)"] * 2
    assert few.layout.title.subtitle.text is None


def test_first_rows_read_the_same_way_in_every_sentence() -> None:
    from metrics import format

    assert format.thinned_text(Thinned(FIRST, 2_000, 83_346), "articles") == "the first 2,000 of 83,346 articles"
    assert format.thinned_text(Thinned(SAMPLE, 2_000, 89_912), "figures") == (
        "a random sample of 2,000 of the 89,912 figures")
    assert format.thinned_text(Thinned("hour", 10, 20), "measurements") == (
        "the last of each item per hour (10 of 20 measurements)")
    assert format.outlet_list(pd.Series(["AP", "AP", None, "Reuters"])) == "AP (2), unknown outlet, Reuters"
    assert format.outlet_list(pd.Series([f"o{i}" for i in range(12)]), limit=10).endswith(" and 2 other outlets")
