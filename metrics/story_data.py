"""Read side: the named queries a page or an export needs, as DataFrames.

Each function opens the database read-only, runs its queries and closes, so a collector can
take the write lock between two dashboard reruns.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import pandas as pd

from metrics import charts
from metrics.charts import describe_claim, metric_label
from metrics.store import READ_LOCK_WAIT_S, connect, query, rows, scalar

PathLike = str | Path | None


@dataclass(frozen=True)
class StoryFilters:
    tags: tuple[str, ...] = ()  # tag keys (metrics.normalize.tag_key)
    start: datetime | None = None
    end: datetime | None = None  # exclusive
    all_tags: bool = False  # a story must carry every tag, not any of them
    outlets: tuple[str, ...] = ()

    def describe(self, tag_names: dict[str, str] | None = None) -> str:
        names = [(tag_names or {}).get(t, t) for t in self.tags]
        parts = [f"tags: {(' and ' if self.all_tags else ' or ').join(names)}" if names else "all tags"]
        if self.outlets:
            parts.append(f"outlets: {', '.join(self.outlets)}")
        if self.start and self.end:
            last_day = self.end - timedelta(days=1)  # `end` is exclusive; people name the last day
            parts.append(f"published {self.start:%Y-%m-%d} to {last_day:%Y-%m-%d} (UTC)")
        return "; ".join(parts)


def tags(db: PathLike = None) -> pd.DataFrame:
    con = connect(db, read_only=True, lock_wait_s=READ_LOCK_WAIT_S)
    try:
        return query(con, "tags")
    finally:
        con.close()


def outlets(db: PathLike = None) -> list[str]:
    con = connect(db, read_only=True, lock_wait_s=READ_LOCK_WAIT_S)
    try:
        return sorted((r[0] for r in rows(con, "outlets")), key=str.casefold)
    finally:
        con.close()


def stories(db: PathLike = None, filters: StoryFilters = StoryFilters()) -> pd.DataFrame:
    """Stories with coverage counts, tags and their most repeated figures
    ('more than 5M views (4 outlets); more than 2:00 long (3 outlets)')."""
    con = connect(db, read_only=True, lock_wait_s=READ_LOCK_WAIT_S)
    try:
        table = query(con, "stories", tags=list(filters.tags), start=filters.start, end=filters.end,
                      all_tags=filters.all_tags, outlets=list(filters.outlets))
        figures = query(con, "story_top_figures")
    finally:
        con.close()
    by_story: dict[str, list[str]] = {}
    for slug, q, v, u, m, n in zip(*(figures[c] for c in ("slug", "qualifier", "value", "unit", "metric", "outlets")),
                                   strict=True):
        by_story.setdefault(slug, []).append(f"{describe_claim(q, v, u, m)} ({n} outlet{'s' if n != 1 else ''})")
    table["headline_claims"] = ["; ".join(by_story.get(slug, ())) for slug in table["slug"]]
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
    colors: dict[str, str]

    @property
    def is_sample(self) -> bool:
        return self.origin == "sample"

    def footer(self, filters: str = "all tags", chart: str = "", tz: str = "UTC") -> str:
        """What an exported chart shows, so a reader can reproduce it: story, chart, filters, the
        zone its times are in, and when the data was read (always in UTC)."""
        snap = f"{self.snapshot:%Y-%m-%d %H:%M} UTC" if self.snapshot else "unknown"
        sample = " · sample data (seeds/)" if self.is_sample else ""
        return (f"mediametrics · story: {self.title} ({self.slug}){sample}<br>"
                f"{chart + ' · ' if chart else ''}filters: {filters} · times in {tz} · data as of {snap}")


def story(slug: str, db: PathLike = None, filters: StoryFilters = StoryFilters()) -> StoryView | None:
    """A story's articles, release events and claims; a date range in `filters` limits articles
    to those published in it and claims to those reported in it (undated ones drop out)."""
    con = connect(db, read_only=True, lock_wait_s=READ_LOCK_WAIT_S)
    try:
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
            colors=charts.outlet_colors(r[0] for r in rows(con, "outlets")),
        )
    finally:
        con.close()


def claim_metrics(claims: pd.DataFrame) -> list[str]:
    """Metrics worth a chart: numeric, not the release timestamp; views first."""
    plotted = claims[claims["value"].notna() & (claims["metric"] != "video_published")]
    found = list(dict.fromkeys(plotted["metric"]))
    return sorted(found, key=lambda m: (m != "views", m != "video_length", metric_label(m)))


def article(article_id: int, db: PathLike = None) -> tuple[pd.Series | None, pd.DataFrame, pd.DataFrame]:
    con = connect(db, read_only=True, lock_wait_s=READ_LOCK_WAIT_S)
    try:
        head = query(con, "article", id=article_id)
        if head.empty:
            return None, pd.DataFrame(), pd.DataFrame()
        return head.iloc[0], query(con, "article_claims", id=article_id), query(con, "article_time_refs", id=article_id)
    finally:
        con.close()


def story_options(db: PathLike = None, filters: StoryFilters = StoryFilters()) -> Sequence[tuple[str, str]]:
    table = stories(db, filters)
    return list(zip(table["slug"], table["title"], strict=True))
