"""Load the sample input in seeds/ (described by seeds/manifest.toml) on first run."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

import duckdb

from metrics.collectors.entered import ImportDefaults, read_entered
from metrics.collectors.files import BadInput, read_article
from metrics.config import Settings
from metrics.model import ArticleInput, InputError, RunResult, StoryRef
from metrics.record import record_articles
from metrics.store import ensure_current, reading, require_file, scalar, writing


@dataclass(frozen=True)
class SeedPlan:
    items: list[ArticleInput]
    errors: list[InputError]
    story_tags: dict[str, list[str]]


def plan(seeds_dir: Path, *, tz_map: str | None = None) -> SeedPlan:
    """Read the manifest and every input it names. Pure reading: no database."""
    manifest_path = seeds_dir / "manifest.toml"
    if not manifest_path.is_file():
        return SeedPlan(items=[], errors=[], story_tags={})  # nothing to load is not an error
    manifest = tomllib.loads(manifest_path.read_text(encoding="utf-8"))
    stories = {
        s["slug"]: StoryRef(title=s["title"], slug=s["slug"], origin="sample", note=s.get("note"))
        for s in manifest.get("stories", [])
    }

    def story(slug: str | None) -> StoryRef | None:
        if slug is None:
            return None
        if slug not in stories:
            raise KeyError(f"{manifest_path}: unknown story {slug!r}")
        return stories[slug]

    items: list[ArticleInput] = []
    errors: list[InputError] = []
    for entry in manifest.get("articles", []):
        path = seeds_dir / entry["path"]
        try:
            items.append(
                read_article(
                    path,
                    story=story(entry.get("story")),
                    tags=tuple(entry.get("tags", ())),
                    url=entry.get("url"),
                    tz_map=tz_map,
                    origin_note="sample data: article text as published",
                )
            )
        except BadInput as exc:
            errors.append(InputError(str(path), str(exc)))
    for entry in manifest.get("imports", []):
        defaults = ImportDefaults(
            story=story(entry.get("story")),
            story_by_url={url: story(slug) for url, slug in entry.get("story_by_url", {}).items()},  # type: ignore[misc]
            note=entry.get("note"),
            tz_map=tz_map,
        )
        got, bad = read_entered(seeds_dir / entry["path"], defaults)
        items.extend(got)
        errors.extend(bad)
    story_tags = {s["slug"]: list(s.get("tags", [])) for s in manifest.get("stories", [])}
    return SeedPlan(items=items, errors=errors, story_tags=story_tags)


def is_seeded(con: duckdb.DuckDBPyConnection) -> bool:
    return bool(scalar(con, "seed_run_count"))


def load(
    con: duckdb.DuckDBPyConnection, seeds_dir: Path, *, tz_map: str | None = None, started_by: str | None = None
) -> RunResult:
    seed = plan(seeds_dir, tz_map=tz_map)
    return record_articles(
        con,
        seed.items,
        collector="seed",
        command=f"seed {seeds_dir}",
        errors=seed.errors,
        story_tags=seed.story_tags,
        started_by=started_by,
    )


def ensure_ready(cfg: Settings) -> RunResult | None:
    """Create and migrate the database; load seeds/ the first time. The seed run's result when it
    loaded them, None when they were already there.

    A database that is already seeded is only read (read-only), so opening the dashboard never
    takes the write lock from a collector that is writing.
    """
    db = require_file(cfg.db, "the dashboard")  # it reads a team store only in a later version
    if db.exists():
        ensure_current(db)
        with reading(db) as con:
            if is_seeded(con):
                return None
    with writing(db) as con:
        if is_seeded(con):
            return None
        return load(con, cfg.seeds_dir, tz_map=cfg.tz_map, started_by=cfg.user)
