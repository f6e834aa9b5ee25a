"""Syndicated copies and story matching, with the thresholds stated in metrics.similarity."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from metrics import similarity
from metrics.cli import main
from metrics.model import ArticleInput, DocumentMeta, PublishTime
from metrics.record import record_articles
from metrics.store import connect
from tests.conftest import SEED_ARTICLE

SEED = SEED_ARTICLE.read_text(encoding="utf-8")
HEADLINE = "CIA releases Mandarin videos urging Chinese officials to spill secrets"
NOTE = ("(Only the headline and picture of this report may have been reworked by the Business Standard staff; "
        "the rest of the content is auto-generated from a syndicated feed.)")
# Another outlet's copy of the same wire text: its own headline, no credit note, last paragraphs cut.
COPY = "\n\n".join(SEED.replace(HEADLINE, "CIA posts videos in Mandarin to recruit Chinese officials")
                   .replace(NOTE, "").split("\n\n")[:-4])
# Synthetic articles written for these tests.
UNRELATED = ("Clip of council meeting tops 2 million views\n\nA 90-second clip of Tuesday's council meeting "
             "has been viewed more than 2 million times on TikTok, the city said. Council member Ana Li "
             "said she had received hundreds of messages about the parking ordinance debate.")
RELATED = ("CIA's new Mandarin videos invite Chinese officials to get in touch\n\nPublished: May 04 2025 | "
           "10:00 AM IST\n\nWASHINGTON - The CIA released two Mandarin-language recruitment videos aimed at "
           "Chinese Communist Party officials, CIA Director John Ratcliffe said. The videos were posted "
           "on YouTube and X.")


def test_copies_share_most_shingles_and_unrelated_texts_almost_none() -> None:
    original = similarity.copy_signature(SEED)
    copy, unrelated = similarity.copy_signature(COPY), similarity.copy_signature(UNRELATED)
    assert original and copy and unrelated
    assert similarity.shared(original, copy) >= similarity.COPY_MIN_SHARED + 0.2  # exact share: 0.86
    assert similarity.shared(original, unrelated) < similarity.COPY_MIN_SHARED / 4
    assert similarity.copy_signature("too short") is None


def test_a_copy_shares_a_band_key_with_its_original_and_an_unrelated_text_none() -> None:
    original, copy, unrelated = (set(similarity.band_keys(similarity.copy_signature(t) or b""))
                                 for t in (SEED, COPY, UNRELATED))
    assert len(original) == similarity.COPY_BANDS
    assert original & copy
    assert not original & unrelated


def test_story_matching_needs_shared_keywords_and_nearby_dates() -> None:
    story = similarity.StoryProfile("cia", similarity.keywords(HEADLINE, SEED),
                                    datetime(2025, 5, 1, tzinfo=UTC), datetime(2025, 5, 8, tzinfo=UTC))
    related = similarity.keywords(*RELATED.split("\n\n", 1))
    may = datetime(2025, 5, 4, tzinfo=UTC)
    assert similarity.best_story(related, may, [story])[0] == "cia"  # type: ignore[index]
    assert similarity.best_story(related, datetime(2026, 1, 1, tzinfo=UTC), [story]) is None  # too far apart
    unrelated = similarity.keywords(*UNRELATED.split("\n\n", 1))
    assert similarity.best_story(unrelated, may, [story]) is None


def test_ingest_links_a_copy_to_its_original_and_files_related_articles_together(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name, text in (("a-original.txt", SEED), ("b-copy.txt", COPY), ("c-related.txt", RELATED),
                       ("d-unrelated.txt", UNRELATED)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert main(["ingest", str(tmp_path)]) == 0
    con = connect(db, read_only=True)
    rows = {r[0]: r[1:] for r in con.execute("""SELECT regexp_extract(source, '[a-z]-[a-z]+\\.txt'),
                                      syndicated_article_id, syndicated_from, syndication_method
                               FROM articles""").fetchall()}
    original_id = con.execute("SELECT id FROM articles WHERE source LIKE '%a-original.txt'").fetchone()[0]
    assert rows["b-copy.txt"][0] == original_id and rows["b-copy.txt"][2].startswith("minhash:")
    assert rows["a-original.txt"][2] == "text: agency byline or syndication note"  # its own "AP" credit
    stories = dict(con.execute("""SELECT regexp_extract(a.source, '[a-z]-[a-z]+\\.txt'), s.slug FROM articles a
                                  JOIN story_articles sa ON sa.article_id = a.id
                                  JOIN stories s ON s.id = sa.story_id""").fetchall())
    assert stories["b-copy.txt"] == stories["a-original.txt"] == stories["c-related.txt"]
    assert stories["d-unrelated.txt"] != stories["a-original.txt"]
    con.close()


def test_a_copy_of_a_text_stored_before_signatures_existed_is_still_found(db: Path, tmp_path: Path) -> None:
    (tmp_path / "a-original.txt").write_text(SEED, encoding="utf-8")
    assert main(["ingest", str(tmp_path / "a-original.txt")]) == 0
    con = connect(db)
    con.execute("UPDATE articles SET copy_signature = NULL")  # as migration 0007 leaves older rows
    con.execute("DELETE FROM copy_bands")
    con.close()
    (tmp_path / "b-copy.txt").write_text(COPY, encoding="utf-8")
    assert main(["ingest", str(tmp_path / "b-copy.txt")]) == 0
    con = connect(db, read_only=True)
    linked = con.execute("""SELECT c.syndicated_article_id = o.id, o.copy_signature IS NOT NULL
                            FROM articles c, articles o
                            WHERE c.source LIKE '%b-copy.txt' AND o.source LIKE '%a-original.txt'""").fetchone()
    con.close()
    assert linked == (True, True)


def _doc(key: int, title: str, day: str) -> similarity.StoryDoc:
    return similarity.StoryDoc(key, similarity.keywords(title, title), datetime.fromisoformat(day).replace(tzinfo=UTC))


# Synthetic headlines written for these tests: two outages of one platform a year apart, and a
# trailer record, each covered by several outlets in their own words.
HEADLINES = [
    ("YouTube down: users report outage as videos fail to load", "2023-03-01", "outage-2023"),
    ("YouTube outage leaves millions unable to watch videos", "2023-03-01", "outage-2023"),
    ("Is YouTube down? Outage hits users worldwide", "2023-03-02", "outage-2023"),
    ("YouTube down: users report outage as videos fail to load", "2024-03-05", "outage-2024"),
    ("YouTube outage: service restored after users report problems", "2024-03-05", "outage-2024"),
    ("Deadpool trailer breaks record with 365 million views in 24 hours", "2024-02-13", "trailer"),
    ("Deadpool & Wolverine trailer becomes most viewed trailer ever", "2024-02-14", "trailer"),
]


def test_grouping_keeps_events_together_and_look_alikes_a_year_apart_apart() -> None:
    docs = [_doc(i, title, day) for i, (title, day, _) in enumerate(HEADLINES)]
    groups = similarity.group_articles(docs)
    labels = [{HEADLINES[k][2] for k in group} for group in groups]
    assert all(len(label) == 1 for label in labels)  # no group mixes two events
    assert sorted(len(g) for g in groups) == [2, 2, 3]


def test_the_write_path_files_the_same_stories_whatever_the_order(tmp_path: Path) -> None:
    """Through record_articles, whose article ids follow the input order: the stories are the same."""
    items = [ArticleInput(source=f"https://example.test/{i}", origin="web", url=f"https://example.test/{i}",
                          text=f"{title} ({i})", meta=DocumentMeta(title=title, published=PublishTime(
                              datetime.fromisoformat(day).replace(tzinfo=UTC), None, "day", "test")))
             for i, (title, day, _) in enumerate(HEADLINES)]
    groupings = set()
    for k, order in enumerate((items, items[::-1], items[3:] + items[:3], items[1::2] + items[::2])):
        con = connect(tmp_path / f"order{k}.duckdb")
        record_articles(con, order, collector="test", command="test")
        found = con.execute("""SELECT list(a.url ORDER BY a.url) FROM articles a
                               JOIN story_articles sa ON sa.article_id = a.id GROUP BY sa.story_id""").fetchall()
        con.close()
        groupings.add(frozenset(tuple(urls) for (urls,) in found))
    assert len(groupings) == 1
    assert sorted(len(g) for g in next(iter(groupings))) == [2, 2, 3]


def test_sentence_initial_words_and_dates_are_not_keywords() -> None:
    words = similarity.keywords("However, on Thursday the CIA posted videos", "Monday March 3")
    assert {"however", "thursday", "monday", "march"}.isdisjoint(words)
    assert {"cia", "video", "post"} <= words  # stemmed: "videos" meets "video", "posted" "posts"


def test_each_story_link_says_why(db: Path, tmp_path: Path) -> None:
    for name, text in (("a-original.txt", SEED), ("b-related.txt", RELATED), ("d-unrelated.txt", UNRELATED)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert main(["ingest", str(tmp_path / "a-original.txt"), str(tmp_path / "b-related.txt"),
                 str(tmp_path / "d-unrelated.txt")]) == 0
    later = tmp_path / "later" / "e-later.txt"
    later.parent.mkdir()
    later.write_text(RELATED.replace("May 04 2025", "May 05 2025").replace("were posted", "went up"), encoding="utf-8")
    assert main(["ingest", str(later)]) == 0
    assert main(["ingest", str(tmp_path / "d-unrelated.txt"), "--story", "Council clips"]) == 0

    con = connect(db, read_only=True)
    why = dict(con.execute("""SELECT regexp_extract(a.source, '[a-z]-[a-z]+\\.txt') || ' ' || s.slug, sa.reason
                              FROM story_articles sa JOIN articles a ON a.id = sa.article_id
                              JOIN stories s ON s.id = sa.story_id""").fetchall())
    con.close()
    cia = next(k.split(" ")[1] for k in why if k.startswith("a-original.txt"))
    assert why[f"a-original.txt {cia}"].startswith("started with 1 other article(s) of its run (shared: ")
    assert "cia" in why[f"a-original.txt {cia}"]
    assert why[f"e-later.txt {cia}"].startswith("joined: ") and "of its keywords are this story's" in why[f"e-later.txt {cia}"]
    unrelated = [v for k, v in why.items() if k.startswith("d-unrelated.txt")]
    assert sorted(unrelated) == ["its input named this story", "started: no story shared enough of its keywords"]


def test_a_move_or_merge_by_hand_says_so(db: Path, tmp_path: Path) -> None:
    from metrics import stories

    (tmp_path / "a.txt").write_text(SEED, encoding="utf-8")
    (tmp_path / "d.txt").write_text(UNRELATED, encoding="utf-8")
    assert main(["ingest", str(tmp_path / "a.txt"), "--story", "CIA"]) == 0
    assert main(["ingest", str(tmp_path / "d.txt"), "--story", "Council"]) == 0
    con = connect(db)
    stories.move_article(con, 1, "Elsewhere")
    stories.merge(con, "council", "elsewhere")
    reasons = sorted(r for (r,) in con.execute("SELECT reason FROM story_articles").fetchall())
    con.close()
    assert reasons == ["merged by hand from story council; before: its input named this story",
                       "moved here by hand"]


def test_stories_from_before_the_keyword_index_are_indexed_and_matched(db: Path, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(SEED, encoding="utf-8")
    assert main(["ingest", str(tmp_path / "a.txt")]) == 0
    con = connect(db)
    con.execute("DELETE FROM story_keywords")  # as migration 0009 leaves older stories
    con.close()
    (tmp_path / "b.txt").write_text(RELATED, encoding="utf-8")
    assert main(["ingest", str(tmp_path / "b.txt")]) == 0
    con = connect(db, read_only=True)
    assert con.execute("SELECT count(DISTINCT story_id) FROM story_articles").fetchone() == (1,)
    words = {w for (w,) in con.execute("SELECT word FROM story_keywords").fetchall()}
    con.close()
    assert {"cia", "mandarin", "chinese"} <= words


def test_a_merge_moves_the_keyword_index_too(db: Path, tmp_path: Path) -> None:
    from metrics import stories

    (tmp_path / "a.txt").write_text(SEED, encoding="utf-8")
    (tmp_path / "d.txt").write_text(UNRELATED, encoding="utf-8")
    assert main(["ingest", str(tmp_path / "a.txt"), "--story", "CIA"]) == 0
    assert main(["ingest", str(tmp_path / "d.txt"), "--story", "Council"]) == 0
    con = connect(db)
    stories.merge(con, "council", "cia")
    held = dict(con.execute("""SELECT s.slug, list(k.word) FROM story_keywords k JOIN stories s ON s.id = k.story_id
                               GROUP BY s.slug""").fetchall())
    con.close()
    assert list(held) == ["cia"] and {"council", "cia"} <= set(held["cia"])
