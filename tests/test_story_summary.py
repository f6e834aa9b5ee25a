"""story_figures, the per-story summary behind the Stories page's "most repeated figures", stays
equal to an aggregation of the claims from scratch after every kind of write."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from metrics import format, record, seed, store, stories, story_data
from metrics.model import ArticleInput, Claim, DocumentMeta, StoryRef
from metrics.record import record_articles
from metrics.store import connect
from tests.conftest import SEEDS

MANDARIN = "cia-mandarin-videos-2025"
RUSSIAN = "cia-russian-videos-2023"
PLA = "cia-pla-video-2026"


def _from_scratch(con: duckdb.DuckDBPyConnection) -> list[tuple[object, ...]]:
    """The top three figures per story, counted in pandas from the raw rows."""
    raw = con.execute(
        "SELECT sa.story_id, c.metric, c.unit, c.bound, c.value, c.qualifier, a.outlet, a.id AS article_id, "
        "coalesce(c.as_of, a.published_at) AS reported FROM claims c JOIN articles a ON a.id = c.article_id "
        "JOIN story_articles sa ON sa.article_id = a.id").df()
    raw = raw[raw["value"].notna() & ~raw["metric"].isin(["video_published", "video_count"])]
    raw = raw.assign(who=[o if isinstance(o, str) else str(i) for o, i in zip(raw["outlet"], raw["article_id"],
                                                                              strict=True)],
                     qualifier=raw["qualifier"].fillna(""))
    figures = raw.groupby(["story_id", "metric", "unit", "bound", "value", "qualifier"], as_index=False).agg(
        outlets=("who", "nunique"), first_reported=("reported", "min"))
    figures = figures.sort_values(["story_id", "outlets", "value", "metric", "unit", "bound", "qualifier"],
                                  ascending=[True, False, False, True, True, True, True])
    top = figures.groupby("story_id").head(3)
    return [(int(s), m, u, b, float(v), q or None, int(n), None if pd.isna(t) else pd.Timestamp(t))
            for s, m, u, b, v, q, n, t in zip(*(top[c] for c in (
                "story_id", "metric", "unit", "bound", "value", "qualifier", "outlets", "first_reported")),
                strict=True)]


def _summary(con: duckdb.DuckDBPyConnection) -> list[tuple[object, ...]]:
    rows = con.execute("SELECT story_id, rank, metric, unit, bound, value, qualifier, outlets, first_reported "
                       "FROM story_figures ORDER BY story_id, rank").fetchall()
    for (story, rank, *_), previous in zip(rows[1:], rows, strict=False):
        assert rank == (previous[1] + 1 if story == previous[0] else 1)  # ranks run 1, 2, 3 within a story
    return [(s, m, u, b, v, q, n, None if t is None else pd.Timestamp(t)) for s, _, m, u, b, v, q, n, t in rows]


def _story_id(con: duckdb.DuckDBPyConnection, slug: str) -> int:
    return int(con.execute("SELECT id FROM stories WHERE slug = $slug", {"slug": slug}).fetchall()[0][0])


def _views(outlet: str, value: float, n: int) -> ArticleInput:
    claim = Claim(metric="views", value=value, unit="count", bound="exact", low=value, high=value, qualifier=None,
                  scope="combined", time_window=None, subject=None, platform="YouTube", quote=f"{value:,.0f} views",
                  span=(0, 10))
    return ArticleInput(source=f"test-{n}.txt", origin="file", meta=DocumentMeta(title=f"Report {n}", outlet=outlet),
                        text=f"Report {n}: the videos had {value:,.0f} views.", claims=(claim,),
                        story=StoryRef(title="Russian videos", slug=RUSSIAN))


def test_the_seeded_summary_equals_an_aggregation_from_scratch(seeded_db: Path) -> None:
    con = connect(seeded_db, read_only=True)
    try:
        assert _summary(con) == _from_scratch(con)
        assert len(_summary(con)) > 3
    finally:
        con.close()
    table = story_data.stories(seeded_db).set_index("slug")
    assert format.headline_claims(table.loc[MANDARIN, "top_figures"]) == (
        "more than 5M views (3 outlets); more than 2:00 long (3 outlets); 900K views (2 outlets)")
    assert format.headline_claims(table.loc[PLA, "top_figures"]) == ""  # no figures: no rows, an empty cell


def test_an_ingest_refreshes_the_story_it_writes_to_and_only_that(seeded_db: Path) -> None:
    con = connect(seeded_db)
    try:
        untouched = [r for r in _summary(con) if r[0] != _story_id(con, RUSSIAN)]
        items = [_views(f"Outlet {n}", 7e6, n) for n in range(3)] + [_views("Outlet 0", 7e6, 9)]
        record_articles(con, items, collector="test", command="test")
        assert _summary(con) == _from_scratch(con)
        assert [r for r in _summary(con) if r[0] != _story_id(con, RUSSIAN)] == untouched
        # The same texts again add nothing and change nothing.
        before = _summary(con)
        record_articles(con, items, collector="test", command="test")
        assert _summary(con) == before
    finally:
        con.close()
    assert format.headline_claims(story_data.stories(seeded_db).set_index("slug").loc[RUSSIAN, "top_figures"]).startswith(
        "7M views (3 outlets); ")


def test_an_existing_article_filed_under_a_second_story_brings_its_figures(seeded_db: Path) -> None:
    con = connect(seeded_db)
    try:
        assert not [r for r in _summary(con) if r[0] == _story_id(con, PLA)]
        # An article already recorded, sent again with a story named: unchanged, but filed under PLA too.
        url = con.execute(
            "SELECT a.canonical_url FROM articles a JOIN claims c ON c.article_id = a.id WHERE c.metric = 'views' "
            "AND c.value IS NOT NULL AND a.canonical_url IS NOT NULL ORDER BY a.id LIMIT 1").fetchall()[0][0]
        result = record_articles(con, [ArticleInput(source="again", origin="web", meta=DocumentMeta(title="again"),
                                                    text=None, url=url, story=StoryRef(title="PLA", slug=PLA))],
                                 collector="test", command="test")
        assert result.unchanged == 1
        assert [r for r in _summary(con) if r[0] == _story_id(con, PLA)]
        assert _summary(con) == _from_scratch(con)
    finally:
        con.close()


def test_rename_merge_and_move_keep_the_summary_equal_to_the_claims(seeded_db: Path) -> None:
    con = connect(seeded_db)
    try:
        before = _summary(con)
        stories.rename(con, MANDARIN, "The Mandarin videos")
        assert _summary(con) == before == _from_scratch(con)

        russian = _story_id(con, RUSSIAN)
        stories.merge(con, RUSSIAN, MANDARIN)
        assert not [r for r in _summary(con) if r[0] == russian]
        assert _summary(con) == _from_scratch(con)

        # Move the article behind the top figure's first report out of the story and into a new one.
        article = con.execute(
            "SELECT c.article_id FROM claims c JOIN story_articles sa ON sa.article_id = c.article_id "
            "WHERE sa.story_id = $s AND c.metric = 'views' AND c.value = 5e6 ORDER BY c.article_id LIMIT 1",
            {"s": _story_id(con, MANDARIN)}).fetchall()[0][0]
        stories.move_article(con, article, "Moved figures")
        assert [r for r in _summary(con) if r[0] == _story_id(con, "moved-figures")]
        assert _summary(con) == _from_scratch(con)
    finally:
        con.close()


def test_a_failed_batch_leaves_the_summary_as_it_was(seeded_db: Path) -> None:
    con = connect(seeded_db)
    try:
        before = _summary(con)
        with pytest.raises((duckdb.Error, ValueError)):
            record_articles(con, [_views("Outlet 1", 7e6, 1), _views("Outlet 2", "many", 2)],  # type: ignore[arg-type]
                            collector="test", command="test")
        assert _summary(con) == before
    finally:
        con.close()


def test_migrating_an_existing_database_backfills_the_summary(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    every = store.migration_files()
    assert "0004_story_figures" in [p.stem for p in every]
    with monkeypatch.context() as before_0004:
        # Every migration but 0004: later ones change tables today's write path needs.
        before_0004.setattr(store, "migration_files", lambda: [p for p in every if p.stem != "0004_story_figures"])
        before_0004.setattr(record, "refresh_story_summaries", lambda con, ids: None)  # no table to refresh yet
        con = connect(db)
        seed.load(con, SEEDS)
        con.close()
    con = connect(db)  # the full migration list again: 0004 creates and fills the table
    try:
        assert _summary(con) == _from_scratch(con)
        assert _summary(con)
    finally:
        con.close()


def test_story_tags_are_kept_on_write_and_backfilled_for_an_existing_database(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    every = store.migration_files()
    through_articles = """SELECT DISTINCT sa.story_id, atg.tag_id FROM story_articles sa
                          JOIN article_tags atg ON atg.article_id = sa.article_id ORDER BY ALL"""
    kept = "SELECT story_id, tag_id FROM story_article_tags ORDER BY ALL"
    with monkeypatch.context() as before_0010:
        before_0010.setattr(store, "migration_files", lambda: [p for p in every if p.stem != "0010_story_article_tags"])
        before_0010.setattr(record, "refresh_story_summaries", lambda con, ids: None)
        con = connect(db)
        seed.load(con, SEEDS)
        con.close()
    con = connect(db)  # 0010 creates and fills the table
    try:
        assert con.execute(kept).fetchall() == con.execute(through_articles).fetchall() != []
        # and the write path keeps it: a new article with a new tag, then the tag on its story
        before = len(con.execute(kept).fetchall())
        record_articles(con, [replace(_views("Outlet 1", 7e6, 1), tags=("Brand-new tag",))],
                        collector="test", command="test")
        assert con.execute(kept).fetchall() == con.execute(through_articles).fetchall()
        assert len(con.execute(kept).fetchall()) == before + 1
    finally:
        con.close()


def test_story_coverage_is_kept_on_write_and_on_a_move(seeded_db: Path) -> None:
    from metrics import stories

    counted = """SELECT sa.story_id, count(*), count(a.published_at), count(DISTINCT a.outlet), min(a.published_at),
                        max(a.published_at)
                 FROM story_articles sa JOIN articles a ON a.id = sa.article_id GROUP BY ALL ORDER BY ALL"""
    kept = "SELECT * FROM story_coverage ORDER BY ALL"
    con = connect(seeded_db)
    try:
        assert con.execute(kept).fetchall() == con.execute(counted).fetchall() != []
        stories.move_article(con, 1, "A story of its own")
        assert con.execute(kept).fetchall() == con.execute(counted).fetchall()
    finally:
        con.close()
