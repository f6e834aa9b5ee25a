"""Read side: the named queries a page or an export needs, as DataFrames and values.

Each function opens the database read-only (store.reading), runs its queries and closes, so a
collector can take the write lock between two dashboard reruns. The database path is always
passed in: the edge (command line, dashboard) reads it from metrics.config once. Data only:
metrics.format turns figures, filters and footers into text, and picks outlet colours.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from metrics.store import query, reading, rows, scalar

PathLike = str | Path


@dataclass(frozen=True)
class StoryFilters:
    tags: tuple[str, ...] = ()  # tag keys (metrics.normalize.tag_key)
    start: datetime | None = None
    end: datetime | None = None  # exclusive
    all_tags: bool = False  # a story must carry every tag, not any of them
    outlets: tuple[str, ...] = ()

    @property
    def narrowed(self) -> bool:
        """True when these filters can hide coverage (tags, a date range or outlets)."""
        return bool(self.tags or self.start or self.outlets)


class TopFigure(NamedTuple):
    """One of a story's most repeated figures, and how many outlets printed it."""

    qualifier: str | None
    value: float
    unit: str
    metric: str
    outlets: int


def tags(db: PathLike) -> pd.DataFrame:
    with reading(db) as con:
        return query(con, "tags")


def outlets(db: PathLike) -> list[str]:
    with reading(db) as con:
        return sorted((r.outlet for r in rows(con, "outlets")), key=str.casefold)


def stories(db: PathLike, filters: StoryFilters = StoryFilters()) -> pd.DataFrame:
    """Stories with coverage counts, tags and, in `top_figures`, their most repeated figures
    (a tuple of TopFigure, best first)."""
    with reading(db) as con:
        table = query(con, "stories", tags=list(filters.tags), start=filters.start, end=filters.end,
                      all_tags=filters.all_tags, outlets=list(filters.outlets))
        figures = query(con, "story_top_figures")
    by_story: dict[str, list[TopFigure]] = {}
    for slug, q, v, u, m, n in zip(*(figures[c] for c in ("slug", "qualifier", "value", "unit", "metric", "outlets")),
                                   strict=True):
        by_story.setdefault(slug, []).append(TopFigure(q if isinstance(q, str) else None, v, u, m, int(n)))
    table["top_figures"] = [tuple(by_story.get(slug, ())) for slug in table["slug"]]
    return table


@dataclass(frozen=True)
class StoryView:
    slug: str
    title: str
    origin: str
    note: str | None
    articles: pd.DataFrame
    events: pd.DataFrame
    claims: pd.DataFrame
    observations: pd.DataFrame
    volume: pd.DataFrame
    snapshot: datetime | None
    # Every outlet in the database in order of first appearance: colours are assigned in this
    # order (metrics.format.outlet_colors), so an outlet keeps its colour on every page.
    outlets: tuple[str, ...]

    @property
    def is_sample(self) -> bool:
        return self.origin == "sample"


def story(slug: str, db: PathLike, filters: StoryFilters = StoryFilters()) -> StoryView | None:
    """A story's articles, release events and claims; a date range in `filters` limits articles
    to those published in it and claims to those reported in it (undated ones drop out)."""
    with reading(db) as con:
        head = query(con, "story", slug=slug)
        if head.empty:
            return None
        row = head.iloc[0]
        return StoryView(
            slug=slug,
            title=str(row["title"]),
            origin=str(row["origin"]),
            note=row["note"] if isinstance(row["note"], str) else None,
            articles=query(con, "story_articles", slug=slug, start=filters.start, end=filters.end,
                           outlets=list(filters.outlets)),
            events=query(con, "story_events", slug=slug),
            claims=query(con, "story_claims", slug=slug, start=filters.start, end=filters.end,
                         outlets=list(filters.outlets)),
            observations=query(con, "story_observations", slug=slug),
            volume=query(con, "story_volume", slug=slug),
            snapshot=scalar(con, "data_snapshot"),
            outlets=tuple(r.outlet for r in rows(con, "outlets")),
        )


def article(article_id: int, db: PathLike) -> tuple[pd.Series | None, pd.DataFrame, pd.DataFrame]:
    """An article's row, its claims and its time references (None and empty frames when it is gone)."""
    with reading(db) as con:
        head = query(con, "article", id=article_id)
        if head.empty:
            return None, pd.DataFrame(), pd.DataFrame()
        return head.iloc[0], query(con, "article_claims", id=article_id), query(con, "article_time_refs", id=article_id)
