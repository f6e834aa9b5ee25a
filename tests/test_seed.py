from __future__ import annotations

import json
import tomllib
from pathlib import Path

from metrics import seed
from metrics.store import connect
from tests.conftest import SEEDS


def test_the_seed_article_is_the_shared_input_unchanged() -> None:
    shared = SEEDS.parent.parent / "shared" / "seeds" / "000_b457bbf5334f3be3.txt"
    if shared.exists():
        assert (SEEDS / shared.name).read_bytes() == shared.read_bytes()


def test_manifest_names_only_urls_that_exist_in_the_coverage_file() -> None:
    manifest = tomllib.loads((SEEDS / "manifest.toml").read_text())
    urls = {json.loads(line)["url"] for line in (SEEDS / "cia-story-coverage.jsonl").read_text().splitlines()}
    for entry in manifest["imports"]:
        assert set(entry.get("story_by_url", {})) <= urls
    for entry in manifest["articles"]:
        assert (SEEDS / entry["path"]).is_file()
        assert entry["url"] in urls  # the seed article is one of the 17 pages


def test_seeding_loads_four_sample_stories_and_is_idempotent(seeded_db: Path) -> None:
    con = connect(seeded_db)
    stories = dict(con.execute(
        "SELECT s.slug, count(*) FROM stories s JOIN story_articles sa ON sa.story_id = s.id GROUP BY 1").fetchall())
    assert stories == {
        "cia-mandarin-videos-2025": 12,
        "cia-pla-video-2026": 2,
        "cia-russian-videos-2023": 2,
        "cia-farsi-korean-mandarin-2024": 1,
    }
    assert con.execute("SELECT DISTINCT origin FROM stories").fetchall() == [("sample",)]
    # The seed text and its hand-entered record are one article: text from the file, URL from the manifest.
    bs = con.execute(
        """SELECT count(*), any_value(text IS NOT NULL), any_value(published_offset) FROM articles
           WHERE canonical_url LIKE 'https://www.business-standard.com/world-news/cia-releases%'"""
    ).fetchone()
    assert bs == (1, True, "+05:30")
    before = con.execute("SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM claims)").fetchone()
    result = seed.load(con, SEEDS)
    assert result.added == 0 and not result.errors
    assert con.execute("SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM claims)").fetchone() == before
    con.close()
