"""The story pages on a story bigger than they show, under AppTest: they say what they left out,
and a rerun does none of the work again. The limits are set small (metrics.dashboard.data), so a
few hundred rows stand in for the 1M-article benchmark's biggest story."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from metrics import charts, story_data
from metrics.dashboard import data, pages
from tests.conftest import ROOT
from tests.test_pages import values
from tests.test_story_data_scale import ARTICLES, MANDARIN, fill_big


@pytest.fixture
def big_db(seeded_db: Path) -> Path:
    return fill_big(seeded_db)


@pytest.fixture
def small_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(data, "TABLE_ROWS", 15)
    monkeypatch.setattr(data, "CHART_FIGURES", 10)
    monkeypatch.setattr(data, "TRACED_FIGURES", 20)
    monkeypatch.setattr(data, "MEASURED_POINTS", 100)
    monkeypatch.setattr(data, "ARTICLE_CHOICES", 12)


def opened(page: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.query_params["story"] = MANDARIN
    at.run()
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def captions(at: AppTest) -> str:
    return "\n".join(c.value for c in at.caption)


def spec(at: AppTest) -> dict[str, Any]:
    return json.loads(at.get("plotly_chart")[0].proto.spec)


def test_the_claims_page_draws_a_sample_lists_the_first_figures_and_says_so(big_db: Path, small_limits: None) -> None:
    full = story_data.story(MANDARIN, big_db)
    assert full is not None
    views = int((full.claims["metric"].eq("views") & full.claims["value"].notna()).sum())
    at = opened(pages.CLAIMS.path)
    chart = spec(at)
    note = chart["layout"]["title"]["subtitle"]["text"]
    assert f"Drawn: a random sample of 10 of the {views:,} views figures" in note
    assert "Measured counts: the last of each item per day" in note
    drawn = [y for t in chart["data"] if t.get("mode") == "markers" for y in values(t["y"])]
    assert len(drawn) == 10
    table = at.dataframe[0].value
    listed = int((full.claims["metric"] != "video_published").sum())
    assert len(table) <= 15
    said = captions(at)
    assert f"Showing the first {len(table):,} of {listed:,} figures, in the order they held" in said
    assert "Verdicts checked against the last of each item per day" in said
    assert "Traced among the first 20 of" in said


def test_the_claims_page_of_a_story_within_the_limits_says_nothing_of_samples(big_db: Path) -> None:
    at = opened(pages.CLAIMS.path)
    assert "subtitle" not in spec(at)["layout"]["title"] or not spec(at)["layout"]["title"]["subtitle"].get("text")
    said = captions(at)
    assert "Showing the first" not in said and "Traced among" not in said and "Verdicts checked against" not in said


def test_a_rerun_redoes_no_verdicts_provenance_or_chart(big_db: Path, small_limits: None,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    calls: Counter[str] = Counter()

    def counted(name: str, fn: Any) -> Any:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            calls[name] += 1
            return fn(*args, **kwargs)
        return wrapper

    monkeypatch.setattr(data, "story_verdicts", counted("verdicts", data.story_verdicts))
    monkeypatch.setattr(data, "figure_provenance", counted("provenance", data.figure_provenance))
    monkeypatch.setattr(charts, "story_figure", counted("chart", charts.story_figure))
    monkeypatch.setattr(story_data, "reading", counted("connections", story_data.reading))
    at = opened(pages.CLAIMS.path)
    first = Counter(calls)
    assert first["verdicts"] == first["provenance"] == first["chart"] == 1
    at.run()
    assert not at.exception
    assert calls == first  # nothing read, checked, traced or drawn again
    # Another metric: its chart (and its sample) only; the table and provenance are the same.
    at.radio(key="claims_metric").set_value("likes").run()
    assert not at.exception
    assert "likes reported" in spec(at)["layout"]["title"]["text"]
    assert (calls["verdicts"], calls["provenance"], calls["chart"]) == (1, 1, 2)


def test_the_timeline_counts_every_article_and_lists_the_first(big_db: Path, small_limits: None) -> None:
    full = story_data.story(MANDARIN, big_db)
    assert full is not None
    at = opened(pages.TIMELINE.path)
    bars = [t for t in spec(at)["data"] if t["type"] == "bar"]
    assert sum(int(np.sum(values(t["y"]))) for t in bars) == int(full.articles["published_at"].notna().sum())
    assert len(full.articles) > ARTICLES
    table = at.dataframe[0].value
    assert table["title"].tolist() == full.articles["title"].tolist()[:15]
    assert f"Showing the first 15 of {len(full.articles):,} articles, by publication time" in captions(at)


def test_the_article_page_offers_the_first_articles_and_says_how_many_there_are(big_db: Path,
                                                                                small_limits: None) -> None:
    full = story_data.story(MANDARIN, big_db)
    assert full is not None
    at = opened(pages.ARTICLE.path)
    assert len(at.selectbox(key="article_id").options) == 12
    assert f"Offering the first 12 of {len(full.articles):,} articles, those with text first" in captions(at)


def test_the_downloads_read_every_row_when_clicked(big_db: Path, small_limits: None) -> None:
    full = story_data.story(MANDARIN, big_db)
    assert full is not None
    filters = story_data.StoryFilters()
    claims = data.claims_download(MANDARIN, filters, "views")()
    assert sorted(claims["id"]) == sorted(full.claims.loc[full.claims["metric"] == "views", "id"])
    assert data.articles_download(MANDARIN, filters)()["id"].tolist() == full.articles["id"].tolist()
    whole = data.story_download(MANDARIN, filters)()
    assert len(whole.claims) == len(full.claims) and len(whole.observations) == len(full.observations)
    assert not whole.thinned
