from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from metrics.cli import main
from metrics.collectors.entered import split_outlet, split_scope
from metrics.store import connect
from tests.conftest import SEEDS

COVERAGE = SEEDS / "cia-story-coverage.jsonl"


def test_import_records_articles_without_text_and_marks_claims_entered(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", str(COVERAGE), "--story", "CIA Mandarin recruitment videos"]) == 0
    assert "17 added" in capsys.readouterr().out
    con = connect(db, read_only=True)
    assert con.execute("SELECT count(*), count(text) FROM articles").fetchone() == (17, 0)
    assert con.execute("SELECT DISTINCT origin FROM claims").fetchall() == [("entered",)]
    joongang = con.execute(
        """SELECT c.value, c.bound, c.as_of, a.published_at, a.published_offset FROM claims c
           JOIN articles a ON a.id = c.article_id
           WHERE a.outlet = 'Korea JoongAng Daily' AND c.metric = 'views' ORDER BY c.value DESC"""
    ).fetchall()
    assert [(v, b) for v, b, *_ in joongang] == [(170000.0, "exact"), (140000.0, "exact")]
    # "as of Wednesday (2025-05-07)" in Seoul, where the article's offset is +09:00: the whole
    # of that day there, 00:00 to 24:00 KST; as_of is its end, still Wednesday in UTC.
    assert joongang[0][2] == datetime(2025, 5, 7, 15, 0, tzinfo=UTC)
    start, rule = con.execute(
        """SELECT c.as_of_start, c.as_of_rule FROM claims c JOIN articles a ON a.id = c.article_id
           WHERE a.outlet = 'Korea JoongAng Daily' AND c.metric = 'views' AND c.value = 170000"""
    ).fetchone()
    assert start == datetime(2025, 5, 6, 15, 0, tzinfo=UTC)
    assert rule == "entered as-of day 2025-05-07: the whole day at UTC+09:00"
    assert joongang[0][3] == datetime(2025, 5, 8, 2, 34, tzinfo=UTC)
    assert joongang[0][4] == "+09:00"
    ap = con.execute(
        """SELECT c.value, c.bound, c.low, c.high, c.qualifier, c.scope, c.time_window FROM claims c
           JOIN articles a ON a.id = c.article_id
           WHERE a.outlet = 'Star Tribune' AND c.metric = 'views'"""
    ).fetchone()
    assert ap == (5_000_000.0, "lower", 5_000_000.0, None, "more than", "combined", "first day")
    vague = con.execute("SELECT count(*) FROM claims WHERE bound = 'vague' AND value IS NULL").fetchone()[0]
    assert vague == 2  # "reached millions of viewers", "tens of millions of times": kept, not invented
    syndicated = dict(con.execute("SELECT outlet, syndicated_from FROM articles WHERE syndicated_from IS NOT NULL").fetchall())
    assert syndicated["Star Tribune"] == "AP" and syndicated["Daily Sabah"] == "Reuters"
    date_only = con.execute(
        "SELECT published_at, published_precision, published_offset FROM articles WHERE outlet = 'Star Tribune'"
    ).fetchone()
    assert date_only == (datetime(2025, 5, 2, tzinfo=UTC), "day", None)
    con.close()

    # Importing again adds nothing.
    assert main(["import", str(COVERAGE)]) == 0
    assert "0 added, 17 already recorded" in capsys.readouterr().out
    con = connect(db, read_only=True)
    assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 17
    assert con.execute("SELECT count(*) FROM claims").fetchone()[0] == sum(
        len(json.loads(line)["figures"]) for line in COVERAGE.read_text().splitlines())
    con.close()


def test_bad_records_are_named_by_line_and_the_rest_recorded(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = COVERAGE.read_text().splitlines()[:3]
    bad = tmp_path / "logged.jsonl"
    bad.write_text("\n".join([
        lines[0],
        '{"url": "https://example.org/a", "published": "2025-13-45"}',
        "{not json",
        '{"url": "https://example.org/b", "figures": [{"metric": "views", "value": "lots", "quote": "lots"}]}',
        lines[1],
    ]) + "\n")
    assert main(["import", str(bad)]) == 1
    err = capsys.readouterr().err.splitlines()
    errors = [e for e in err if e.startswith("error:")]
    assert len(errors) == 3
    assert any(f"{bad}:2:" in e and "2025-13-45" in e for e in errors)
    assert any(f"{bad}:3:" in e and "not valid JSON" in e for e in errors)
    assert any(f"{bad}:4:" in e and "not a number" in e for e in errors)
    con = connect(db, read_only=True)
    assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 2
    con.close()


def test_csv_import_groups_rows_by_url(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sheet = tmp_path / "figures.csv"
    sheet.write_text(
        "url,outlet,title,byline,published,topics,story,metric,value,qualifier,scope,time_window,subject,platform,quote,as_of\n"
        "https://example.org/x,Example Times,Video tops 1M,,2025-05-02T10:00:00-04:00,China;video,Test story,"
        "views,1000000,more than,,first day,the video,YouTube,topped 1 million views,\n"
        "https://example.org/x,Example Times,Video tops 1M,,2025-05-02T10:00:00-04:00,China;video,Test story,"
        "likes,20000,about,,,the video,YouTube,about 20K likes,2025-05-02\n"
    )
    assert main(["import", str(sheet)]) == 0
    con = connect(db, read_only=True)
    assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
    got = con.execute("SELECT metric, bound, low, high, time_window FROM claims ORDER BY metric").fetchall()
    assert got[0][:2] == ("likes", "approx") and got[0][2] < 20000 < got[0][3]
    assert got[1] == ("views", "lower", 1_000_000.0, None, "first day")
    assert con.execute("SELECT title FROM stories").fetchone()[0] == "Test story"
    con.close()


def test_outlet_notes_and_scopes_are_split() -> None:
    assert split_outlet("Star Tribune (AP wire story)") == ("Star Tribune", "AP", "AP wire story")
    assert split_outlet("Wyoming Star (citing Bloomberg)")[:2] == ("Wyoming Star", "Bloomberg")
    assert split_outlet("Korea JoongAng Daily") == ("Korea JoongAng Daily", None, None)
    assert split_scope("combined, first day") == ("combined", "first day", None)
    assert split_scope("as of Wednesday (2025-05-07), first video") == ("first video", "as of Wednesday", "2025-05-07")
    assert split_scope("total, to date") == ("total", "to date", None)


def test_malformed_csv_and_unknown_metrics_are_errors_not_data(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    header = "url,outlet,title,published,metric,value,qualifier,quote\n"
    good = "https://example.org/a,Example,A,2025-05-02,views,100,,100 views\n"
    typo = "https://example.org/b,Example,B,2025-05-02,viewz,100,,100 viewz\n"
    extra = "https://example.org/c,Example,C,2025-05-02,views,100,,100 views,surplus\n"
    unclosed = 'https://example.org/d,Example,"D unclosed,2025-05-02,views,1,,1 view\n'
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(header + good + typo + extra + unclosed + good.replace("/a,", "/e,"))
    assert main(["import", str(sheet)]) == 1
    errors = [e for e in capsys.readouterr().err.splitlines() if e.startswith("error:")]
    assert any(":3:" in e and "unknown metric 'viewz'" in e for e in errors), errors
    assert any(":4:" in e and "fields where the header has 8" in e for e in errors), errors
    assert any(":5:" in e and "malformed CSV" in e for e in errors), errors
    con = connect(db, read_only=True)
    assert [u for (u,) in con.execute("SELECT url FROM articles").fetchall()] == ["https://example.org/a"]
    con.close()
