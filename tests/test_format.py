"""How numbers, figures and outlets read: the presentation layer's text and colours. Pure."""

from __future__ import annotations

import pandas as pd

from metrics import format
from tests.test_charts import _claims


def test_large_numbers_and_durations_read_as_people_write_them() -> None:
    assert [format.format_count(v) for v in (5e6, 170_000, 2.9e6, 1.2e9, 950, 0)] == [
        "5M", "170K", "2.9M", "1.2B", "950", "0"]
    assert [format.format_duration(v) for v in (147, 120, 3725)] == ["2:27", "2:00", "1:02:05"]
    assert format.describe_claim("more than", 5e6, "count", "views") == "more than 5M views"
    assert format.describe_claim(float("nan"), 147, "seconds", "video_length") == "2:27 long"


def test_claim_hover_says_what_each_figure_said_and_where_it_came_from() -> None:
    rows = pd.concat([_claims(), _claims(qualifier=None, scope=None, time_window="as of Wednesday", subject=None,
                                         value=170_000.0, bound="exact", quote="<170,000> views " + "x" * 200)])
    hover = list(format.claim_hover_text(rows, "count", "views"))
    assert hover[0] == ("more than 5M views (combined, first day)<br>lower bound (more than)<br>about: videos"
                        "<br>“more than 5 million views”<br><i>extracted</i>")
    assert hover[1].startswith("170K views (as of Wednesday)<br>exact figure<br>“&lt;170,000&gt; views xxx")
    assert hover[1].endswith("x…”<br><i>extracted</i>")  # long quotes are clipped to 120 characters


def test_outlet_colours_are_distinct_and_stable() -> None:
    outlets = [f"Outlet {i}" for i in range(20)]
    colors = format.outlet_colors(outlets)
    assert len(set(colors.values())) == 20
    assert format.outlet_colors(outlets) == colors
    assert format.outlet_color("Outlet 3", colors) == colors["Outlet 3"]


def test_describe_claims_reads_each_figure_as_a_reader_would() -> None:
    rows = pd.DataFrame({
        "qualifier": ["more than", None, float("nan"), "millions of"],
        "value": [5e6, 120.0, 170_000.0, None],
        "unit": ["count", "seconds", "count", "count"],
        "metric": ["views", "video_length", "views", "views"],
    })
    assert format.describe_claims(rows) == ["more than 5M views", "2:00 long", "170K views", "millions of (no number)"]
