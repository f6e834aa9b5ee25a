from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from metrics.cli import main
from metrics.store import connect
from tests.conftest import SEED_ARTICLE

DATA = Path(__file__).parent / "data"


def counts(db: Path) -> dict[str, int]:
    con = connect(db, read_only=True)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # fixed table names
                for t in ("stories", "articles", "claims", "time_refs", "tags", "article_tags", "story_articles")}
    finally:
        con.close()


def test_ingest_records_the_seed_and_a_second_ingest_adds_nothing(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ingest", str(SEED_ARTICLE), "--story", "CIA Mandarin recruitment videos", "--tag", "China"]) == 0
    out = capsys.readouterr().out
    assert "added" in out and "cia-mandarin-recruitment-videos" in out
    first = counts(db)
    assert first["articles"] == 1 and first["stories"] == 1 and first["claims"] >= 3

    assert main(["ingest", str(SEED_ARTICLE), "--story", "CIA Mandarin recruitment videos"]) == 0
    out = capsys.readouterr().out
    assert "1 already recorded" in out
    assert counts(db) == first

    # The same text under another name (and with other white space) is the same document.
    copy = db.parent / "copy.txt"
    copy.write_text("\n\n" + SEED_ARTICLE.read_text(encoding="utf-8").replace("\n", "\r\n") + "  \n")
    assert main(["ingest", str(copy)]) == 0
    assert counts(db) == first


def test_ingest_without_story_starts_one_titled_after_the_article(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ingest", str(SEED_ARTICLE)]) == 0
    con = connect(db, read_only=True)
    assert con.execute("SELECT title FROM stories").fetchall() == [
        ("CIA releases Mandarin videos urging Chinese officials to spill secrets",)]
    con.close()


def test_bad_inputs_each_get_one_line_and_the_good_ones_are_recorded(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED_ARTICLE, folder / "good.txt")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (folder / "latin1.txt").write_bytes("Caf\xe9 owner's 90-second clip was viewed 12,000 times, d\xe9j\xe0 vu.".encode("cp1252"))
    (folder / "undated.txt").write_text("A video of the parade was viewed 40,000 times.\n")
    missing = tmp_path / "nope.txt"

    code = main(["ingest", str(folder), str(missing), "--story", "Mixed"])
    captured = capsys.readouterr()
    assert code == 1
    errors = [line for line in captured.err.splitlines() if line.startswith("error:")]
    assert len(errors) == 3
    assert any("empty.txt: empty file" in e for e in errors)
    assert any("binary.txt: binary file" in e for e in errors)
    assert any("nope.txt: no such file or folder" in e for e in errors)
    assert any("latin1.txt: not UTF-8; read as" in w for w in captured.err.splitlines() if w.startswith("warning:"))
    assert any("undated.txt: no publish date found" in w for w in captured.err.splitlines())
    assert "3 added, 0 already recorded, 3 failed" in captured.out

    c = counts(db)
    assert c["articles"] == 3  # good, latin1, undated
    con = connect(db, read_only=True)
    run = con.execute("SELECT ok, failed, errors FROM collection_runs ORDER BY id DESC LIMIT 1").fetchone()
    assert run[0] == 3 and run[1] == 3 and "empty file" in run[2]
    undated = con.execute("SELECT published_at FROM articles WHERE source LIKE '%undated.txt'").fetchone()
    assert undated == (None,)
    con.close()


def test_ingest_of_an_html_page_reads_its_metadata(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ingest", str(DATA / "local-news.html"), "--tag", "Local"]) == 0
    con = connect(db, read_only=True)
    row = con.execute(
        "SELECT title, outlet, byline, published_at, published_offset, canonical_url, date_source FROM articles"
    ).fetchone()
    assert row[0] == "Clip of council meeting tops 2 million views"
    assert row[1] == "Riverside Gazette"
    assert row[2] == "Dana Reyes"
    assert row[3].isoformat() == "2025-03-14T13:30:00+00:00"
    assert row[4] == "-04:00"
    assert row[5] == "https://gazette.example/news/council-clip"  # tracking parameter dropped
    assert "JSON-LD" in row[6]
    tags = {t for (t,) in con.execute("SELECT tag FROM tags").fetchall()}
    assert {"Local", "local politics", "viral video"} <= tags
    text = con.execute("SELECT text FROM articles").fetchone()[0]
    assert "Home" not in text.split("\n")[0] and "Copyright" not in text  # boilerplate removed
    views = con.execute("SELECT value, bound FROM claims WHERE metric = 'views'").fetchall()
    assert views == [(2_000_000.0, "lower")]
    con.close()


def test_ingest_into_a_database_held_by_another_process_keeps_what_it_read_for_the_next_run(
    db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import subprocess
    import sys

    from metrics import store

    connect(db).close()
    holder = subprocess.Popen(
        [sys.executable, "-c",
         f"import duckdb, sys; c = duckdb.connect({str(db)!r}); print('ok', flush=True); sys.stdin.readline()"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ok"
        monkeypatch.setattr(store, "WRITE_LOCK_WAIT_S", 0.3)
        assert main(["ingest", str(SEED_ARTICLE)]) == 2
        err = capsys.readouterr().err.strip().splitlines()
        assert str(db) in err[0] and "in use by another process" in err[0]
        assert err[1].startswith("kept what was read in ") and len(err) == 2
    finally:
        holder.communicate("\n", timeout=10)
    assert counts(db)["articles"] == 0
    kept = list((db.parent / "pending").glob("*.json"))
    assert len(kept) == 1
    # The next run that can write records the kept batch first, then its own (nothing to add here).
    assert main(["poll"]) == 0
    assert "recorded a batch kept by an earlier run" in capsys.readouterr().out
    assert counts(db)["articles"] == 1 and not list((db.parent / "pending").glob("*.json"))


def test_timezone_map_from_the_environment_is_used_and_a_bad_one_is_one_line(
    db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    monkeypatch.setenv("MEDIAMETRICS_TZ_MAP", "israel")
    assert main(["extract", str(SEED_ARTICLE), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["published_offset"] == "+03:00"  # IST read as Israel time in May
    assert "map: israel" in doc["tz_rule"]
    monkeypatch.setenv("MEDIAMETRICS_TZ_MAP", "mars")
    with pytest.raises(SystemExit) as stop:
        main(["ingest", str(SEED_ARTICLE)])
    assert stop.value.code == 2
    assert capsys.readouterr().err.strip().startswith("error: MEDIAMETRICS_TZ_MAP='mars' is not a timezone map")


def test_ingest_of_a_folder_says_which_files_it_passes_over(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    shutil.copy(SEED_ARTICLE, folder / "a.txt")
    (folder / "notes.md").write_text("# notes")
    assert main(["ingest", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "skipping 1 file in the given folders that are not .txt or .html" in out
    assert main(["ingest", str(folder)]) == 0
    assert "already recorded  " in capsys.readouterr().out


def test_a_window_s_as_of_range_and_its_rule_are_stored(db: Path) -> None:
    from datetime import UTC, datetime

    assert main(["ingest", str(SEED_ARTICLE)]) == 0
    with connect(db, read_only=True) as con:
        row = con.execute(
            "SELECT as_of_start, as_of, as_of_rule FROM claims WHERE metric = 'views'"
        ).fetchone()
    assert row is not None
    start, end, rule = row
    # "in their first day" after Thursday's release (New York): from Friday 00:00 EDT to publication.
    assert (start, end) == (datetime(2025, 5, 2, 4, tzinfo=UTC), datetime(2025, 5, 3, 2, 32, tzinfo=UTC))
    assert "counted from the release" in rule


def test_an_undated_earlier_count_has_no_reported_time_in_the_story(db: Path, tmp_path: Path) -> None:
    from metrics import story_data

    text = tmp_path / "growth.txt"
    text.write_text(
        "Band account grows\n\nPublished: 2025-05-03T08:02:00Z\n\n"
        "The band's TikTok account went from 50,000 to 300,000 followers in a month.\n",
        encoding="utf-8",
    )
    assert main(["ingest", str(text), "--story", "Band growth"]) == 0
    view = story_data.story("band-growth", db)
    assert view is not None
    claims = view.claims.set_index("value")
    assert claims.loc[50_000.0, "scope"] == "earlier" and pd.isna(claims.loc[50_000.0, "reported_at"])
    assert claims.loc[300_000.0, "reported_at"] == pd.Timestamp("2025-05-03T08:02:00Z")


def test_each_run_records_who_started_it(db: Path, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    import getpass

    monkeypatch.delenv("MEDIAMETRICS_USER", raising=False)
    assert main(["ingest", str(SEED_ARTICLE)]) == 0
    monkeypatch.setenv("MEDIAMETRICS_USER", "desk-collector")  # a shared service account names its job
    assert main(["ingest", str(SEED_ARTICLE)]) == 0
    assert main(["ingest", str(db.parent / "missing.txt")]) == 1  # a run that recorded nothing has one too
    capsys.readouterr()
    con = connect(db, read_only=True)
    try:
        started_by = [r[0] for r in con.execute("SELECT started_by FROM collection_runs ORDER BY id").fetchall()]
    finally:
        con.close()
    assert started_by == [getpass.getuser(), "desk-collector", "desk-collector"]
