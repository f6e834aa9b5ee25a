"""Story slugs in any script, and a new story never filed into another because two names slug
alike. Once, every Russian, Chinese or Arabic name became the slug `story`, and a Russian and a
Chinese story were silently filed into one unrelated existing story. The real command line on a
real DuckDB file (seeded with the sample stories where it matters)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from metrics.cli import main
from metrics.model import MediaSnapshot, StoryRef
from metrics.record import record_media, resolve_story
from metrics.store import connect

NAMES = {
    "ru": "Видео ЦРУ для вербовки",
    "zh": "中央情报局招募视频",
    "ar": "فيديوهات تجنيد وكالة المخابرات",
    "hi": "सीआईए भर्ती वीडियो",
    "el": "Βίντεο στρατολόγησης της CIA",
}


def import_under(tmp_path: Path, story: str, url: str, title: str = "A video") -> int:
    path = tmp_path / f"{abs(hash((story, url)))}.jsonl"
    record = {
        "url": url,
        "title": title,
        "published": "2025-05-02",
        "figures": [{"metric": "views", "value": 100, "quote": "100 views"}],
    }
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    return main(["import", str(path), "--story", story])


def story_of(db: Path, url: str) -> tuple[str, str]:
    con = connect(db, read_only=True)
    try:
        found = con.execute(
            """SELECT s.slug, s.title FROM stories s JOIN story_articles sa ON sa.story_id = s.id
               JOIN articles a ON a.id = sa.article_id WHERE a.url = $url""",
            {"url": url},
        ).fetchall()
    finally:
        con.close()
    assert len(found) == 1, found
    return found[0]


def test_names_in_any_script_get_their_own_slugs(seeded_db: Path, tmp_path: Path) -> None:
    slugs = {}
    for lang, name in NAMES.items():
        assert import_under(tmp_path, name, f"https://news.example/{lang}") == 0
        slug, title = story_of(seeded_db, f"https://news.example/{lang}")
        assert title == name  # its own new story, not an existing one
        slugs[lang] = slug
    assert "story" not in slugs.values()
    assert len(set(slugs.values())) == len(NAMES), slugs
    assert slugs["ru"] == "видео-цру-для-вербовки"
    assert slugs["zh"] == "中央情报局招募视频"
    assert slugs["hi"].startswith("सीआईए-भर्ती")  # vowel signs stay with their letters


def test_a_russian_and_a_chinese_story_are_not_filed_together(seeded_db: Path, tmp_path: Path) -> None:
    """The issue's case: neither joins the other, nor any sample story."""
    con = connect(seeded_db, read_only=True)
    before = {s for (s,) in con.execute("SELECT slug FROM stories").fetchall()}
    con.close()
    assert import_under(tmp_path, NAMES["ru"], "https://news.example/ru") == 0
    assert import_under(tmp_path, NAMES["zh"], "https://news.example/zh") == 0
    ru, zh = story_of(seeded_db, "https://news.example/ru"), story_of(seeded_db, "https://news.example/zh")
    assert ru != zh
    assert ru[0] not in before and zh[0] not in before


def test_a_name_that_slugs_like_another_story_starts_its_own(db: Path, tmp_path: Path) -> None:
    assert import_under(tmp_path, "CIA videos!", "https://news.example/1") == 0
    assert import_under(tmp_path, "CIA videos?", "https://news.example/2") == 0
    assert story_of(db, "https://news.example/1") == ("cia-videos", "CIA videos!")
    assert story_of(db, "https://news.example/2") == ("cia-videos-2", "CIA videos?")
    # The same name again (up to case and spaces) is the same story; so is a slug typed as the name.
    assert import_under(tmp_path, "cia  VIDEOS?", "https://news.example/3") == 0
    assert story_of(db, "https://news.example/3")[0] == "cia-videos-2"
    assert import_under(tmp_path, "cia-videos", "https://news.example/4") == 0
    assert story_of(db, "https://news.example/4")[0] == "cia-videos"
    # A third name that slugs alike takes the next free suffix.
    assert import_under(tmp_path, "CIA: videos", "https://news.example/5") == 0
    assert story_of(db, "https://news.example/5") == ("cia-videos-3", "CIA: videos")


def test_names_with_no_letters_do_not_share_the_fallback_slug(db: Path, tmp_path: Path) -> None:
    assert import_under(tmp_path, "!!!", "https://news.example/1") == 0
    assert import_under(tmp_path, "???", "https://news.example/2") == 0
    assert story_of(db, "https://news.example/1") == ("story", "!!!")
    assert story_of(db, "https://news.example/2") == ("story-2", "???")


def test_an_existing_story_is_still_found_by_its_title_or_slug(seeded_db: Path, tmp_path: Path) -> None:
    assert import_under(tmp_path, "CIA Mandarin recruitment videos", "https://news.example/t") == 0
    assert story_of(seeded_db, "https://news.example/t")[0] == "cia-mandarin-videos-2025"
    assert import_under(tmp_path, "cia-russian-videos-2023", "https://news.example/s") == 0
    assert story_of(seeded_db, "https://news.example/s")[0] == "cia-russian-videos-2023"


def test_moving_an_article_to_a_name_that_slugs_alike_starts_a_story(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert import_under(tmp_path, "Recruitment videos", "https://news.example/1") == 0
    assert import_under(tmp_path, "Other", "https://news.example/2") == 0
    con = connect(db, read_only=True)
    article = con.execute("SELECT id FROM articles WHERE url = 'https://news.example/2'").fetchone()[0]
    con.close()
    assert main(["stories", "move", str(article), "--to", "Recruitment videos!"]) == 0
    assert story_of(db, "https://news.example/2") == ("recruitment-videos-2", "Recruitment videos!")
    assert story_of(db, "https://news.example/1")[0] == "recruitment-videos"


def test_resolving_a_name_inside_one_batch_agrees_with_the_next(db: Path) -> None:
    con = connect(db)
    try:
        con.execute("BEGIN TRANSACTION")
        first = resolve_story(con, StoryRef(title="Ĉu vidaĵoj?"))
        again = resolve_story(con, StoryRef(title="ĉu VIDAĴOJ?"))
        other = resolve_story(con, StoryRef(title="Ĉu vidaĵoj!"))
        con.execute("COMMIT")
    finally:
        con.close()
    assert first == again
    assert first[1] == "ĉu-vidaĵoj" and other[1] == "ĉu-vidaĵoj-2"


def test_a_video_is_linked_to_a_story_with_a_unicode_slug(db: Path) -> None:
    snap = MediaSnapshot(
        platform="youtube",
        platform_id="abcdefghijk",
        url="https://www.youtube.com/watch?v=abcdefghijk",
        title="Видео",
        channel=None,
        published_at=None,
        duration_s=None,
        observed_at=datetime(2025, 5, 2, tzinfo=UTC),
        metrics={"views": 10.0},
    )
    con = connect(db)
    try:
        record_media(con, [snap], collector="youtube", command="t", stories={"abcdefghijk": ["видео-цру"]})
        got = con.execute("SELECT s.slug FROM stories s JOIN story_media sm ON sm.story_id = s.id").fetchall()
    finally:
        con.close()
    assert got == [("видео-цру",)]
