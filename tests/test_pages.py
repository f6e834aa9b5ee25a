"""Every page under Streamlit's AppTest, on a real seeded DuckDB file."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from metrics.dashboard import pages
from tests.conftest import ROOT

READ_PAGES = [p.path for p in pages.READ_PAGES]
PAGES = [p.path for p in pages.ALL]


def app() -> AppTest:
    return AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)


def values(array: Any) -> list[Any]:
    """A data array from a figure's JSON: plotly sends numeric arrays base64-encoded."""
    if isinstance(array, dict) and "bdata" in array:
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"]).tolist()
    return list(array) if isinstance(array, list) else [array]


def chart_spec(at: AppTest, i: int = 0) -> dict[str, Any]:
    return json.loads(at.get("plotly_chart")[i].proto.spec)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_without_exception(seeded_db: Path, page: str) -> None:
    at = app().run()
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def test_first_run_creates_and_seeds_the_database(db: Path) -> None:
    assert not db.exists()
    at = app().run()
    assert not at.exception
    assert db.exists()
    stories = at.dataframe[0].value
    assert "CIA Mandarin recruitment videos" in set(stories["title"])


def test_choosing_a_topic_tag_changes_the_stories_listed(seeded_db: Path) -> None:
    at = app().run()
    all_titles = set(at.dataframe[0].value["title"])
    assert len(all_titles) == 4
    at.multiselect(key="tags").set_value(["russia"]).run()
    assert not at.exception
    assert set(at.dataframe[0].value["title"]) == {"CIA Russian-language recruitment videos"}
    # AppTest drops sidebar widgets from its tree after an interaction when st.navigation is used
    # (streamlit 1.67), so the second choice goes through session state, as a widget change does.
    at.session_state["tags"] = ["northkorea", "russia"]
    at.run()
    assert set(at.dataframe[0].value["title"]) == {
        "CIA Russian-language recruitment videos", "CIA instructions in Farsi, Korean and Mandarin"}


def test_timeline_page_charts_the_story_by_outlet(seeded_db: Path) -> None:
    at = app().run()
    at.switch_page(pages.TIMELINE.path).run()
    assert at.selectbox(key="story").value == "cia-mandarin-videos-2025"
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    outlets = {t["name"] for t in spec["data"] if t["type"] == "bar"}
    assert {"Business Standard", "Korea JoongAng Daily", "Star Tribune"} <= outlets
    shapes = spec["layout"].get("shapes", [])
    assert shapes, "the videos' reported release day is marked"
    assert any("no known publish date" in c.value for c in at.caption)


def test_claims_page_draws_ap_lower_bound_and_joongang_figures(seeded_db: Path) -> None:
    at = app().run()
    at.switch_page(pages.CLAIMS.path).run()
    assert at.radio(key="claims_metric").value == "views"
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    markers = [t for t in spec["data"] if t.get("mode") == "markers"]
    points = {(t["name"], y, symbol, up)
              for t in markers
              for y, symbol, up in zip(values(t["y"]), values(t["marker"]["symbol"]) * len(values(t["y"]))
                                       if not isinstance(t["marker"]["symbol"], list) else t["marker"]["symbol"],
                                       values(t["error_y"]["array"]) if "error_y" in t else [0] * len(values(t["y"])),
                                       strict=False)}
    assert any(p[:3] == ("Business Standard", 5_000_000, "triangle-up") and p[3] > 5_000_000 for p in points), \
        "the lower bound is drawn open upward, far above its value"
    assert any(p[:3] == ("Korea JoongAng Daily", 170_000, "circle") for p in points)
    assert any(p[:3] == ("Korea JoongAng Daily", 140_000, "circle") for p in points)
    # The seed's "first day" figure held some time between Friday 00:00 EDT and publication: a
    # dotted segment at 5M from that range's start, and the table says so.
    ranges = [t for t in spec["data"] if t.get("mode") == "lines" and t["name"] == "Business Standard"]
    assert ranges and values(ranges[0]["y"])[:2] == [5_000_000, 5_000_000]
    assert str(values(ranges[0]["x"])[0]).startswith("2025-05-02T04:00")
    table = at.dataframe[0].value
    held = table.loc[table["metric"] == "views", "held"].tolist()
    assert any(h.startswith("held some time between Fri 02 May 2025 04:00 and Sat 03 May 2025 02:32 UTC") for h in held)
    at.radio(key="claims_metric").set_value("video_length").run()
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert {y for t in spec["data"] if t.get("mode") == "markers" for y in values(t["y"])} >= {120, 147}


def test_article_page_highlights_the_seed_figures(seeded_db: Path) -> None:
    at = app().run()
    at.switch_page(pages.ARTICLE.path).run()
    html_blocks = [h.proto.body for h in at.get("html")]
    assert html_blocks, "the article text is shown"
    body = html_blocks[0]
    assert '<mark class="claim"' in body and "more than 5 million views" in body
    assert '<mark class="timeref"' in body
    # The figures table writes each figure out: a release as its date, not POSIX seconds.
    figures = at.dataframe[0].value.set_index("metric")
    assert figures.loc["video_published", "figure"].startswith("posted 2025-05-01")
    assert "more than 5M views" in figures.loc[["views"], "figure"].tolist()
    assert figures.loc[["views"], "held"].notna().all()


def test_story_choice_is_shared_between_pages(seeded_db: Path) -> None:
    at = app().run()
    at.switch_page(pages.TIMELINE.path).run()
    at.selectbox(key="story").set_value("cia-russian-videos-2023").run()
    at.switch_page(pages.CLAIMS.path).run()
    assert not at.exception
    assert at.selectbox(key="story").value == "cia-russian-videos-2023"


@pytest.mark.parametrize("page", READ_PAGES)
def test_an_empty_database_says_what_to_do(db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, page: str) -> None:
    monkeypatch.setenv("MEDIAMETRICS_SEEDS", str(tmp_path / "no-seeds"))
    at = app().run()
    at.switch_page(page).run()
    assert not at.exception
    assert any("mediametrics ingest" in i.value for i in at.info)
    assert any("`mediametrics seed`" in i.value and "Collect" in i.value for i in at.info)


def test_the_date_range_limits_the_timeline_and_its_footer_names_the_last_day(seeded_db: Path) -> None:
    from datetime import date

    at = app().run()
    at.switch_page(pages.TIMELINE.path).run()
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert "Fox News" in {t["name"] for t in spec["data"]}  # 8 June 2025, outside the range below
    at.session_state["limit_dates"] = True
    at.session_state["dates"] = (date(2025, 5, 1), date(2025, 5, 3))
    at.run()
    assert not at.exception
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    outlets = {t["name"] for t in spec["data"] if t["type"] == "bar"}
    assert "Fox News" not in outlets and "Korea JoongAng Daily" not in outlets
    assert "Star Tribune" in outlets
    footer = " ".join(a["text"] for a in spec["layout"]["annotations"])
    assert "published 2025-05-01 to 2025-05-03 (UTC)" in footer


def test_claims_page_draws_measured_views_next_to_the_claims(seeded_db: Path) -> None:
    from datetime import UTC, datetime

    from metrics.record import record_media
    from metrics.store import connect
    from tests.test_record_media import Snap

    con = connect(seeded_db)  # synthetic measurements, for the test only
    for day, views in ((2, 1.2e6), (3, 1.9e6)):
        record_media(con, [Snap("vid1", datetime(2025, 5, day, tzinfo=UTC), {"views": views}, title="Video 1"),
                           Snap("vid2", datetime(2025, 5, day, tzinfo=UTC), {"views": views / 2}, title="Video 2")],
                     collector="test", command="t", stories={"vid1": ["cia-mandarin-videos-2025"],
                                                            "vid2": ["cia-mandarin-videos-2025"]})
    con.close()
    at = app().run()
    at.switch_page(pages.CLAIMS.path).run()
    assert not at.exception
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    combined = next(t for t in spec["data"] if t.get("name") == "measured: combined (2 items)")
    assert values(combined["y"]) == [1.8e6, 2.85e6]
    assert any("Grey lines" in c.value for c in at.caption)
    table = at.dataframe[0].value
    ap = table[(table["outlet"] == "Business Standard") & (table["metric"] == "views")]
    assert ap["verdict"].tolist() == ["contradicted"]  # 1.8M combined measured after day one < "more than 5M"


def test_unique_stories_fold_the_ap_copies_on_the_timeline(seeded_db: Path) -> None:
    at = app().run()
    at.switch_page(pages.TIMELINE.path).run()
    at.toggle(key="unique").set_value(True).run()
    assert not at.exception
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    outlets = {t["name"] for t in spec["data"] if t["type"] == "bar"}
    assert "AP (3 copies)" in outlets  # Star Tribune, Business Standard and Taipei Times carried AP's story
    assert not {"Star Tribune", "Business Standard", "Taipei Times"} & outlets
    footer = " ".join(a["text"] for a in spec["layout"]["annotations"])
    assert "unique stories (syndicated copies folded)" in footer


def test_all_tags_mode_and_the_outlet_filter(seeded_db: Path) -> None:
    at = app().run()
    at.session_state["tags"] = ["cia", "russia"]
    at.session_state["all_tags"] = True
    at.run()
    assert set(at.dataframe[0].value["title"]) == {"CIA Russian-language recruitment videos"}
    at.session_state["tags"] = []
    at.session_state["outlets"] = ["Korea JoongAng Daily"]
    at.run()
    table = at.dataframe[0].value
    assert list(table["title"]) == ["CIA Mandarin recruitment videos"] and list(table["articles"]) == [1]
    at.switch_page(pages.CLAIMS.path).run()
    assert not at.exception
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert {t["name"] for t in spec["data"] if t.get("mode") == "markers"} == {"Korea JoongAng Daily"}


def test_timeline_buckets_and_timezone_are_chosen_on_the_page_and_kept_in_the_url(seeded_db: Path) -> None:
    at = app().run()
    at.switch_page(pages.TIMELINE.path).run()
    assert at.radio(key="bucket").value == "auto" and at.selectbox(key="tz").value == "UTC"
    spec = chart_spec(at)
    assert spec["layout"]["yaxis"]["title"]["text"] == "Articles per day"
    assert "one bar per day in UTC (chosen automatically)" in spec["layout"]["xaxis"]["title"]["text"]
    assert any("chosen automatically" in c.value for c in at.caption)
    assert "bucket" not in at.query_params and "tz" not in at.query_params  # defaults keep links short

    at.radio(key="bucket").set_value("week").run()
    at.selectbox(key="tz").set_value("Asia/Kolkata").run()
    assert not at.exception
    spec = chart_spec(at)
    assert spec["layout"]["yaxis"]["title"]["text"] == "Articles per week (Mon-Sun)"
    assert "one bar per week (Mon-Sun) in Asia/Kolkata" in spec["layout"]["xaxis"]["title"]["text"]
    footer = " ".join(a["text"] for a in spec["layout"]["annotations"])
    assert "times in Asia/Kolkata" in footer and "one bar per week" in footer
    # Bound widgets write the address bar in the browser (tests/test_e2e.py); AppTest sees only reads.


def test_a_link_with_bucket_timezone_story_and_tags_reopens_the_same_view(seeded_db: Path) -> None:
    at = app()
    at.query_params.update({"bucket": "day", "tz": "America/New_York", "story": "cia-mandarin-videos-2025",
                            "tags": "china", "export_theme": "dark"})
    at.run()
    at.switch_page(pages.TIMELINE.path).run()
    assert not at.exception
    assert at.radio(key="bucket").value == "day" and at.selectbox(key="tz").value == "America/New_York"
    assert at.session_state["tags"] == ["china"] and at.session_state["export_theme"] == "dark"
    assert at.selectbox(key="story").value == "cia-mandarin-videos-2025"
    spec = chart_spec(at)
    assert "America/New_York" in spec["layout"]["xaxis"]["title"]["text"]
    # Business Standard published at 02:32 UTC on 3 May: 22:32 on 2 May in New York.
    bars = {t["name"]: [x[:10] for x in t["x"]] for t in spec["data"] if t["type"] == "bar"}
    assert "2025-05-02" in bars["Business Standard"] and "2025-05-03" not in bars["Business Standard"]
    assert at.query_params["story"] == "cia-mandarin-videos-2025" and at.query_params["tags"] == "china"


def test_old_links_by_story_title_and_tag_label_still_open_and_are_rewritten_by_slug_and_key(seeded_db: Path) -> None:
    at = app()
    at.query_params.update({"story": "CIA Russian-language recruitment videos", "tags": ["Russia", "North Korea"]})
    at.run()
    at.switch_page(pages.CLAIMS.path).run()
    assert not at.exception and not at.warning
    assert at.selectbox(key="story").value == "cia-russian-videos-2023"
    assert at.session_state["tags"] == ["russia", "northkorea"]
    assert at.query_params["story"] == "cia-russian-videos-2023"
    assert at.query_params["tags"] == ["russia", "northkorea"]
    # A later choice is not overridden by the link it was opened with.
    at.selectbox(key="story").set_value("cia-farsi-korean-mandarin-2024").run()
    assert at.selectbox(key="story").value == "cia-farsi-korean-mandarin-2024"
    assert at.query_params["story"] == "cia-farsi-korean-mandarin-2024"


def test_a_link_to_an_unknown_story_tag_or_timezone_says_so(seeded_db: Path) -> None:
    at = app()
    at.query_params.update({"story": "no-such-story", "tags": ["Atlantis", "China"], "tz": "Mars/Olympus_Mons",
                            "bucket": "fortnight"})
    at.run()
    assert any("Atlantis" in w.value for w in at.sidebar.warning)  # the unknown tag is named; China is kept
    at.switch_page(pages.TIMELINE.path).run()
    assert not at.exception
    warnings = " ".join(w.value for w in at.warning)
    assert "'no-such-story' is not in this database" in warnings
    assert "unknown timezone 'Mars/Olympus_Mons'" in warnings and "Showing UTC" in warnings
    assert "'fortnight' is not a bar size here" in warnings
    assert at.session_state["tags"] == ["china"]
    assert "in UTC" in chart_spec(at)["layout"]["xaxis"]["title"]["text"]


def test_the_export_theme_is_a_sidebar_choice_that_the_downloads_follow(seeded_db: Path) -> None:
    at = app().run()
    assert at.radio(key="export_theme").value == "light"
    assert list(at.radio(key="export_theme").options) == ["light", "dark"]
    at.switch_page(pages.CLAIMS.path).run()
    at.session_state["export_theme"] = "dark"
    at.run()
    helps = [b.proto.help for b in at.get("download_button")]
    assert any("(dark theme)" in h for h in helps)


@pytest.mark.parametrize(("outlets", "dates", "page", "says"), [
    ([], ("2000-01-01", "2000-01-02"), pages.STORIES.path, "No story matches these filters"),
    ([], ("2000-01-01", "2000-01-02"), pages.TIMELINE.path, "Widen the date range"),
    ([], ("2000-01-01", "2000-01-02"), pages.ARTICLE.path, "clear the outlet filter"),
    (["CBS News"], None, pages.CLAIMS.path, "No figures of this story match these filters"),
    (["Just the News"], None, pages.TIMELINE.path, "has a known publish date"),
])
def test_filters_that_match_nothing_say_what_to_do(seeded_db: Path, outlets: list[str], dates: tuple[str, str] | None,
                                                    page: str, says: str) -> None:
    from datetime import date

    at = app().run()
    at.switch_page(page).run()
    # Set on the page itself: AppTest resets sidebar widgets on a page switch (a browser keeps them).
    at.session_state["outlets"] = outlets
    if dates:
        at.session_state["limit_dates"] = True
        at.session_state["dates"] = tuple(date.fromisoformat(d) for d in dates)
    at.run()
    assert not at.exception and not at.error
    assert any(says in i.value for i in at.info), [i.value for i in at.info]


def test_a_date_only_article_stays_on_its_day_in_new_york_and_bars_span_their_day(seeded_db: Path) -> None:
    at = app()
    at.query_params.update({"bucket": "day", "tz": "America/New_York", "story": "cia-mandarin-videos-2025"})
    at.run()
    at.switch_page(pages.TIMELINE.path).run()
    assert not at.exception
    spec = chart_spec(at)
    bars = {t["name"]: t for t in spec["data"] if t["type"] == "bar"}
    # vcpnewz.com gave only the date 1 May: its bar is 1 May, not 30 April (20:00 in New York).
    assert [x[:10] for x in bars["vcpnewz.com"]["x"]] == ["2025-05-01"]
    # Drawn from that day's midnight over the whole day, where the release band is.
    assert values(bars["vcpnewz.com"]["offset"]) == [0]
    assert values(bars["vcpnewz.com"]["width"]) == [86_400_000.0]
    band = spec["layout"]["shapes"][0]
    assert (band["x0"][:10], band["x1"][:10]) == ("2025-05-01", "2025-05-02")


def test_the_story_report_button_follows_the_export_theme_and_the_timelines_zone(seeded_db: Path) -> None:
    at = app()
    at.query_params.update({"tz": "Asia/Kolkata", "story": "cia-mandarin-videos-2025"})
    at.run()
    at.switch_page(pages.TIMELINE.path).run()
    at.session_state["export_theme"] = "dark"
    at.run()
    assert not at.exception
    report = next(b for b in at.get("download_button") if b.proto.label == "Story report (zip)")
    assert "(dark theme, timelines in Asia/Kolkata)" in report.proto.help
    # The zip itself is built by widgets.story_report_data (tests/test_export.py), from values read in the run.


def test_who_reported_first_shows_a_date_only_article_by_its_date_not_midnight(seeded_db: Path) -> None:
    # vcpnewz.com gave only the date 1 May 2025; the AP copies their time.
    at = app().run()
    at.switch_page(pages.CLAIMS.path).run()
    first = next(d.value for d in at.dataframe if "first_reported" in d.value.columns).set_index("figure")
    assert first.loc["900K views", "first_reported"] == "2025-05-01 (date only)"
    assert first.loc["170K views", "first_reported"] == "2025-05-08 02:34 UTC"
    assert not any("00:00" in t for t in first["first_reported"])
