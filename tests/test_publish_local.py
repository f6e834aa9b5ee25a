"""A publish time printed without a zone reads as its wall clock, "zone unknown", wherever it is shown."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from metrics import format
from metrics.dashboard import pages
from metrics.extract import extract_document
from metrics.model import ArticleInput, StoryRef
from metrics.record import record_articles
from metrics.store import connect
from tests.conftest import ROOT

DAY = pd.Timestamp("2018-06-09", tz="UTC")


def test_a_wall_clock_reads_as_written_with_its_zone_unknown() -> None:
    assert (
        format.format_instant(DAY, None, "day", datetime(2018, 6, 9, 16, 12))
        == "2018-06-09 16:12 (zone unknown)"
    )
    # Without one, a day is a day and a zoned time reads in UTC with the source's offset, as before.
    assert format.format_instant(DAY, None, "day", pd.NaT) == "2018-06-09 (date only)"
    assert format.format_instant(pd.Timestamp("2018-06-09 10:42", tz="UTC"), "+05:30", "minute", None) == (
        "2018-06-09 10:42 UTC (source +05:30)"
    )


def test_a_column_of_instants_with_some_wall_clocks() -> None:
    values = pd.Series(pd.to_datetime(["2018-06-09T00:00Z", "2018-06-09T10:42Z", None], utc=True))
    texts = format.format_instants(
        values,
        pd.Series([None, "+05:30", None]),
        pd.Series(["day", "minute", None]),
        pd.Series([pd.Timestamp("2018-06-09 16:12"), pd.NaT, pd.NaT]),
    )
    assert texts == ["2018-06-09 16:12 (zone unknown)", "2018-06-09 10:42 UTC (source +05:30)", "no date"]


def _record_stamped_article(db: Path) -> int:
    text = (
        "Stamped story headline here\nJune 9, 2018 4:12 PM\n\n"
        "The video was viewed more than two million times in its first day, a spokesman said.\n"
    )
    ex = extract_document(text)
    item = ArticleInput(
        source="stamped.txt",
        origin="file",
        meta=ex.meta,
        text=text,
        claims=ex.claims,
        time_refs=ex.time_refs,
        story=StoryRef(title="Stamped story"),
    )
    con = connect(db)
    try:
        return record_articles(con, [item], collector="test", command="t").outcomes[0].article_id
    finally:
        con.close()


def test_the_article_and_timeline_pages_show_the_wall_clock(seeded_db: Path) -> None:
    article_id = _record_stamped_article(seeded_db)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.query_params.update({"story": "stamped-story"})
    at.run()
    at.switch_page(pages.ARTICLE.path).run()
    at.selectbox(key="article_id").set_value(article_id).run()
    assert not at.exception, [e.value for e in at.exception]
    captions = " ".join(c.value for c in at.caption)
    assert "published 2018-06-09 16:12 (zone unknown)" in captions
    assert "no zone stated; wall clock kept, zone unknown" in captions
    at.switch_page(pages.TIMELINE.path).run()
    assert not at.exception, [e.value for e in at.exception]
    table = next(d.value for d in at.dataframe if "published" in d.value.columns)
    assert list(table["published"]) == ["2018-06-09 16:12 (zone unknown)"]
    assert table["published_at"].iloc[0] == datetime(2018, 6, 9, tzinfo=UTC)


def test_extract_json_carries_the_wall_clock() -> None:
    from metrics.cli import extraction_json

    ex = extract_document("Stamped story headline here\nJune 9, 2018 4:12 PM\n\nBody text.\n")
    doc = extraction_json("x.txt", ex, extractor_version="test")
    assert (doc["published_at"], doc["published_precision"]) == ("2018-06-09T00:00:00Z", "day")
    assert doc["published_local"] == "2018-06-09T16:12:00"
    assert doc["tz_rule"] == "no zone stated; wall clock kept, zone unknown"


def test_the_claims_page_reports_a_figure_at_its_articles_wall_clock(seeded_db: Path) -> None:
    _record_stamped_article(seeded_db)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.query_params.update({"story": "stamped-story"})
    at.run()
    at.switch_page(pages.CLAIMS.path).run()
    assert not at.exception, [e.value for e in at.exception]
    table = next(d.value for d in at.dataframe if "reported" in d.value.columns)
    assert "2018-06-09 16:12 (zone unknown)" in list(table["reported"])
