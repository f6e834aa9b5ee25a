from __future__ import annotations

import subprocess
import sys
import textwrap
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest

from metrics.model import ArticleInput, Claim, DocumentMeta, StoryRef
from metrics.record import record_articles
from metrics.store import DatabaseLockedError, StoreError, connect, migration_files, query, rows


def _table_counts(con) -> dict[str, int]:
    names = [r[0] for r in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' ORDER BY 1").fetchall()]
    return {n: con.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}  # names from the catalog


def test_migrations_are_recorded_and_a_second_run_is_a_no_op(db: Path) -> None:
    con = connect(db)
    applied = [r[0] for r in rows(con, "migrations_applied")]
    assert applied == [p.stem for p in migration_files()]
    before = _table_counts(con)
    con.close()

    con = connect(db)  # connect() migrates again
    from metrics.store import migrate

    assert migrate(con) == []
    assert _table_counts(con) == before
    for table in ("stories", "articles", "tags", "claims", "time_refs", "media_items", "observations",
                  "collection_runs", "story_articles", "article_tags"):
        assert table in before
    con.close()


def _item(source: str, *, value: object = 5.0) -> ArticleInput:
    claim = Claim(metric="views", value=value, unit="count", bound="exact", low=None, high=None,  # type: ignore[arg-type]
                  qualifier=None, scope=None, time_window=None, subject=None, platform=None,
                  quote="5 views", span=(0, 7))
    return ArticleInput(source=source, origin="file", meta=DocumentMeta(title=f"Title {source}"),
                        text=f"5 views in {source}", claims=(claim,), story=StoryRef(title="Test story"))


def test_a_batch_that_fails_midway_writes_nothing(db: Path) -> None:
    con = connect(db)
    before = _table_counts(con)
    with pytest.raises((duckdb.Error, ValueError)):  # ValueError: pyarrow refuses it first
        # The second item's claim value cannot be stored as a number: the whole batch must roll back.
        record_articles(con, [_item("a.txt"), _item("b.txt", value="not a number")], collector="test", command="t")
    assert _table_counts(con) == before
    result = record_articles(con, [_item("a.txt")], collector="test", command="t")
    assert result.added == 1
    con.close()


def test_timestamps_are_stored_as_utc_instants(db: Path) -> None:
    from metrics.model import PublishTime

    published = PublishTime(instant=datetime(2025, 5, 3, 2, 32, tzinfo=UTC), offset="+05:30", precision="minute",
                            source="test")
    item = ArticleInput(source="x.txt", origin="file", meta=DocumentMeta(title="t", published=published),
                        text="some text")
    con = connect(db)
    record_articles(con, [item], collector="test", command="t")
    got = con.execute("SELECT published_at, published_offset, typeof(published_at) FROM articles").fetchone()
    assert got[0] == datetime(2025, 5, 3, 2, 32, tzinfo=UTC)
    assert got[1] == "+05:30"
    assert got[2] == "TIMESTAMP WITH TIME ZONE"
    con.close()


def test_a_database_held_by_another_process_gives_one_clear_error(db: Path) -> None:
    connect(db).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import duckdb, sys, time
            con = duckdb.connect({str(db)!r})
            print("locked", flush=True)
            sys.stdin.readline()
        """)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with pytest.raises(DatabaseLockedError) as err:
            connect(db, read_only=True, lock_wait_s=0.3)
        assert str(db) in str(err.value)
        assert "in use by another process" in str(err.value)
        assert "\n" not in str(err.value)
    finally:
        holder.communicate("\n", timeout=10)


def test_named_queries_bind_parameters(seeded_db: Path) -> None:
    con = connect(seeded_db, read_only=True)
    # A hostile value is data, not SQL.
    assert query(con, "story", slug="x' OR 1=1 --").empty
    assert not query(con, "story", slug="cia-mandarin-videos-2025").empty
    con.close()


def test_a_database_from_an_older_version_is_brought_up_to_date_before_reading(db: Path) -> None:
    from metrics.store import MIGRATIONS, ensure_current, sql

    db.parent.mkdir(parents=True)
    old = duckdb.connect(str(db))  # what the first release left on disk: only the first migration
    old.execute(sql("migrations_table"))
    old.execute((MIGRATIONS / "0001_create_core.sql").read_text())
    old.execute(sql("migration_record"), {"name": "0001_create_core"})
    old.close()
    ensure_current(db)
    con = connect(db, read_only=True)
    assert [r[0] for r in rows(con, "migrations_applied")] == [p.stem for p in migration_files()]
    # The reading queries bind against the new columns.
    assert "syndicated_article_id" in query(con, "story_articles", slug="x", start=None, end=None, outlets=[])
    con.close()


def test_a_zone_less_time_is_stored_as_its_day_with_the_wall_clock_beside_it(db: Path) -> None:
    from metrics.extract.dates import parse_published

    published = parse_published("June 9, 2018 4:12 PM", source="text: stamp line")  # no zone, outlet unknown
    item = ArticleInput(
        source="x.txt",
        origin="file",
        meta=DocumentMeta(title="t", published=published),
        text="some text",
        story=StoryRef(title="Test story"),
    )
    con = connect(db)
    record_articles(con, [item], collector="test", command="t")
    got = con.execute(
        "SELECT published_at, published_precision, published_offset, published_local, "
        "typeof(published_local), tz_rule FROM articles"
    ).fetchone()
    # The instant says only the day: 16:12 is not a UTC hour, and nothing may read it as one.
    assert got[:3] == (datetime(2018, 6, 9, tzinfo=UTC), "day", None)
    assert got[3:5] == (datetime(2018, 6, 9, 16, 12), "TIMESTAMP")
    assert got[5] == "no zone stated; wall clock kept, zone unknown"
    shown = query(con, "story_articles", slug="test-story", start=None, end=None, outlets=[])
    assert shown["published_local"].iloc[0] == datetime(2018, 6, 9, 16, 12)
    con.close()


def test_rows_read_as_utc_before_migration_0006_keep_their_wall_clock(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from metrics import store

    before = [p for p in migration_files() if p.stem < "0006"]
    with monkeypatch.context() as m:
        m.setattr(store, "migration_files", lambda: before)
        con = connect(db)  # the schema as extractor 0.7.0 left it
        con.execute("""INSERT INTO articles (source, fetched_at, origin, published_at, published_precision, tz_rule)
                       VALUES ('old.txt', now(), 'file', '2025-05-08 11:34:00+00', 'minute',
                               'no zone stated; read as UTC'),
                              ('zoned.txt', now(), 'file', '2025-05-03 02:32:00+00', 'minute',
                               'IST=Asia/Kolkata (map: default)')""")
        con.close()
    con = connect(db)
    got = con.execute(
        "SELECT source, published_at, published_precision, published_local, tz_rule FROM articles "
        "ORDER BY source"
    ).fetchall()
    # 11:34 "UTC" was the wall clock as printed: it moves to published_local, the instant keeps the day.
    assert got[0] == (
        "old.txt",
        datetime(2025, 5, 8, tzinfo=UTC),
        "day",
        datetime(2025, 5, 8, 11, 34),
        "no zone stated; wall clock kept, zone unknown",
    )
    assert got[1] == (
        "zoned.txt",
        datetime(2025, 5, 3, 2, 32, tzinfo=UTC),
        "minute",
        None,
        "IST=Asia/Kolkata (map: default)",
    )
    con.close()


def test_a_database_written_by_duckdb_2_is_refused_in_one_line_saying_how_to_copy_it(tmp_path: Path) -> None:
    # The main header of a file DuckDB 2.0.1 wrote (storage version 999), as its first bytes; DuckDB
    # 1.5.5 reads the version before anything else and refuses the file.
    path = tmp_path / "old.duckdb"
    # Checksum, "DUCK", storage version 999 (e7 03), the writer's version "v2.0.1" and source id, flags.
    first = bytes.fromhex(
        "ef003c81eaed451c4455434be703000000000000000000000000000000000000"
        "000000000000000000000000000000000000000076322e302e31000000000000"
        "0000000000000000000000000000000000000000386437383131346539300000"
        "00000000000000000000000000000000000000000000000000000000b31f5409"
        "942cfff5eab336795516e23c"
    )
    header = first + bytes(4096 - len(first))
    path.write_bytes(header)
    for read_only in (True, False):
        with pytest.raises(StoreError) as caught:
            connect(path, read_only=read_only)
        message = str(caught.value)
        assert "\n" not in message
        assert "written by DuckDB 2.x" in message and "A database from an earlier version" in message
    assert path.read_bytes() == header  # left as it was: nothing in it is lost
