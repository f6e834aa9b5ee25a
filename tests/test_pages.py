"""Every page under Streamlit's AppTest, on a real seeded DuckDB file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT

READ_PAGES = ["app_pages/stories.py", "app_pages/timeline.py", "app_pages/claims.py", "app_pages/article.py"]
PAGES = [*READ_PAGES, "app_pages/collect.py"]


def app() -> AppTest:
    return AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)


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
    at.switch_page("app_pages/timeline.py").run()
    assert at.selectbox(key="story").value == "cia-mandarin-videos-2025"
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    outlets = {t["name"] for t in spec["data"] if t["type"] == "bar"}
    assert {"Business Standard", "Korea JoongAng Daily", "Star Tribune"} <= outlets
    shapes = spec["layout"].get("shapes", [])
    assert shapes, "the videos' reported release day is marked"
    assert any("no known publish date" in c.value for c in at.caption)


def test_claims_page_draws_ap_lower_bound_and_joongang_figures(seeded_db: Path) -> None:
    at = app().run()
    at.switch_page("app_pages/claims.py").run()
    assert at.radio(key="claims_metric").value == "views"
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    markers = [t for t in spec["data"] if t.get("mode") == "markers"]
    by_outlet = {(t["name"], y, t["marker"]["symbol"]) for t in markers for y in t["y"]}
    assert ("Business Standard", 5_000_000, "triangle-up") in by_outlet
    assert ("Korea JoongAng Daily", 170_000, "circle") in by_outlet
    assert ("Korea JoongAng Daily", 140_000, "circle") in by_outlet
    lines = [t for t in spec["data"] if t.get("mode") == "lines"]
    assert any(t["y"][0] == 5_000_000 and t["y"][1] > 5_000_000 for t in lines), "lower bound drawn open upward"
    at.radio(key="claims_metric").set_value("video_length").run()
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert {y for t in spec["data"] if t.get("mode") == "markers" for y in t["y"]} >= {120, 147}


def test_article_page_highlights_the_seed_figures(seeded_db: Path) -> None:
    at = app().run()
    at.switch_page("app_pages/article.py").run()
    html_blocks = [h.proto.body for h in at.get("html")]
    assert html_blocks, "the article text is shown"
    body = html_blocks[0]
    assert '<mark class="claim"' in body and "more than 5 million views" in body
    assert '<mark class="timeref"' in body


def test_story_choice_is_shared_between_pages(seeded_db: Path) -> None:
    at = app().run()
    at.switch_page("app_pages/timeline.py").run()
    at.selectbox(key="story").set_value("cia-russian-videos-2023").run()
    at.switch_page("app_pages/claims.py").run()
    assert not at.exception
    assert at.selectbox(key="story").value == "cia-russian-videos-2023"


@pytest.mark.parametrize("page", READ_PAGES)
def test_an_empty_database_says_what_to_do(db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, page: str) -> None:
    monkeypatch.setenv("MEDIAMETRICS_SEEDS", str(tmp_path / "no-seeds"))
    at = app().run()
    at.switch_page(page).run()
    assert not at.exception
    assert any("mediametrics ingest" in i.value for i in at.info)


def test_the_date_range_limits_the_timeline_and_its_footer_names_the_last_day(seeded_db: Path) -> None:
    from datetime import date

    at = app().run()
    at.switch_page("app_pages/timeline.py").run()
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
    at.switch_page("app_pages/claims.py").run()
    assert not at.exception
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    combined = next(t for t in spec["data"] if t.get("name") == "measured: combined (2 items)")
    assert combined["y"] == [1.8e6, 2.85e6]
    assert any("Grey lines" in c.value for c in at.caption)
    table = at.dataframe[0].value
    ap = table[(table["outlet"] == "Business Standard") & (table["metric"] == "views")]
    assert ap["verdict"].tolist() == ["contradicted"]  # 1.8M combined measured after day one < "more than 5M"


def test_unique_stories_fold_the_ap_copies_on_the_timeline(seeded_db: Path) -> None:
    at = app().run()
    at.switch_page("app_pages/timeline.py").run()
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
    at.switch_page("app_pages/claims.py").run()
    assert not at.exception
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert {t["name"] for t in spec["data"] if t.get("mode") == "markers"} == {"Korea JoongAng Daily"}
