"""Story bookkeeping: rename, merge, move an article. Each change is one transaction."""

from __future__ import annotations

import duckdb

from metrics.model import StoryRef
from metrics.record import find_story, refresh_story_summaries, resolve_story
from metrics.similarity import keywords
from metrics.store import rows, run, scalar, transaction


class StoryError(ValueError):
    """A story or article that does not exist, named in one line."""


def _require_story(con: duckdb.DuckDBPyConnection, slug: str) -> int:
    story_id = scalar(con, "story_by_slug", slug=slug)
    if story_id is None:
        raise StoryError(f"no story {slug!r} (see `mediametrics stories`)")
    return int(story_id)


def rename(con: duckdb.DuckDBPyConnection, slug: str, title: str) -> None:
    """New title, same slug: links and URLs that name the slug keep working."""
    # story_figures is keyed by story id, so a new title leaves it as it is.
    with transaction(con):
        _require_story(con, slug)
        run(con, "story_rename", slug=slug, title=title)


def merge(con: duckdb.DuckDBPyConnection, source: str, target: str) -> None:
    """Fold story `source` into `target`: its articles, media items and tags, then drop it."""
    if source == target:
        raise StoryError("a story cannot be merged into itself")
    with transaction(con):
        source_id, target_id = _require_story(con, source), _require_story(con, target)
        run(con, "story_merge_articles", source=source_id, target=target_id, source_slug=source)
        for name in ("story_merge_media", "story_merge_tags", "story_merge_keywords"):
            run(con, name, source=source_id, target=target_id)
        for name in ("story_unlink_all", "story_unlink_media", "story_unlink_tags", "story_unlink_keywords",
                     "story_remove"):
            run(con, name, story_id=source_id)
        refresh_story_summaries(con, (source_id, target_id))


def move_article(con: duckdb.DuckDBPyConnection, article_id: int, target: str) -> str:
    """File an article under `target` only: the story with that title or slug, else a new story
    (whose slug gets a suffix if another story's name slugs alike). Returns the story's slug."""
    with transaction(con):
        if not scalar(con, "article_exists", article_id=article_id):
            raise StoryError(f"no article #{article_id}")
        story_id, slug = resolve_story(con, StoryRef(title=target))
        previous = [int(r.story_id) for r in rows(con, "story_ids_of_articles", article_ids=[article_id])]
        run(con, "article_unlink_stories", article_id=article_id)
        run(con, "story_article_insert", story_id=story_id, article_id=article_id, reason="moved here by hand")
        title = rows(con, "article", id=article_id)[0].title
        run(con, "story_keywords_add", story_id=story_id, words=sorted(keywords(title, None)))
        refresh_story_summaries(con, (*previous, story_id))
    return slug


def slug_of(con: duckdb.DuckDBPyConnection, name: str) -> str | None:
    """The slug of the existing story a name means (its title or its slug), as --story reads it."""
    found = find_story(con, name)
    return found[1] if found is not None else None
