"""Read side: the named queries a page or an export needs, as DataFrames and values.

Each function opens the database read-only (store.reading), runs its queries and closes, so a
collector can take the write lock between two dashboard reruns. The database path is always
passed in: the edge (command line, dashboard) reads it from metrics.config once. Data only:
metrics.format turns figures, filters and footers into text, and picks outlet colours.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import NamedTuple

import duckdb
import pandas as pd

from metrics.store import Target, query, reading, rows, scalar

PathLike = Target  # a database file, or a team store


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


# How a page's read was cut down to what a person can see (Thinned.how); metrics.format says each.
SAMPLE = "sample"  # a random sample of the rows, the same one on every read (by a hash of the id)
FIRST = "first"  # the first rows in the query's order
# Measurements thinned to the last one of each item and metric in each step (Thinned.how is the
# step's name), from the finest to the coarsest; steps are counted from 1970-01-01 UTC.
OBSERVATION_STEPS: dict[str, int] = {"hour": 3_600, "day": 86_400, "week": 7 * 86_400}


@dataclass(frozen=True)
class Thinned:
    """A read cut down for a page: `shown` rows of the `total` there are, and `how` (SAMPLE, FIRST,
    or an OBSERVATION_STEPS name)."""

    how: str
    shown: int
    total: int


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
    # The frames a page read cut down ("claims", "observations") and how; story() reads every row.
    thinned: Mapping[str, Thinned] = field(default_factory=dict)

    @property
    def is_sample(self) -> bool:
        return self.origin == "sample"


def story(slug: str, db: PathLike, filters: StoryFilters = StoryFilters()) -> StoryView | None:
    """A story's articles, release events and claims; a date range in `filters` limits articles
    to those published in it and claims to those reported in it (undated ones drop out)."""
    with reading(db) as con:
        head = _head(con, slug)
        if head is None:
            return None
        return replace(
            head,
            articles=query(con, "story_articles", slug=slug, start=filters.start, end=filters.end,
                           outlets=list(filters.outlets)),
            events=query(con, "story_events", slug=slug),
            claims=query(con, "story_claims", slug=slug, start=filters.start, end=filters.end,
                         outlets=list(filters.outlets)),
            observations=query(con, "story_observations", slug=slug),
            volume=query(con, "story_volume", slug=slug),
        )


def article(article_id: int, db: PathLike) -> tuple[pd.Series | None, pd.DataFrame, pd.DataFrame]:
    """An article's row, its claims and its time references (None and empty frames when it is gone)."""
    with reading(db) as con:
        head = query(con, "article", id=article_id)
        if head.empty:
            return None, pd.DataFrame(), pd.DataFrame()
        return head.iloc[0], query(con, "article_claims", id=article_id), query(con, "article_time_refs", id=article_id)


# What the dashboard's pages read: a story's head, then only what a page shows, each part bounded
# by a limit the page sets (metrics.dashboard.data), so the biggest story's pages read a few
# thousand rows, not a quarter of a million. story() above reads every row, for exports.

_EMPTY = pd.DataFrame()  # the frames a story's head leaves for its page to fill (never written to)


def story_head(slug: str, db: PathLike) -> StoryView | None:
    """A story's name, origin, note, the data snapshot and every outlet (for colours), with no rows:
    a page fills in the frames it shows (dataclasses.replace); the others stay empty."""
    with reading(db) as con:
        return _head(con, slug)


def _head(con: duckdb.DuckDBPyConnection, slug: str) -> StoryView | None:
    """The story's head on an open connection (story_head), None when there is no such story."""
    head = query(con, "story", slug=slug)
    if head.empty:
        return None
    row = head.iloc[0]
    return StoryView(
        slug=slug, title=str(row["title"]), origin=str(row["origin"]),
        note=row["note"] if isinstance(row["note"], str) else None,
        articles=_EMPTY, events=_EMPTY, claims=_EMPTY, observations=_EMPTY, volume=_EMPTY,
        snapshot=scalar(con, "data_snapshot"), outlets=tuple(r.outlet for r in rows(con, "outlets")),
    )


class TimelineData(NamedTuple):
    """What the Coverage timeline shows: `view` with every article's times (story_article_times:
    outlet, title, publication, copy links), the release events and the GDELT volume; `table`, the
    first articles with every column (story_articles_first), and `thinned` when that is not all of
    them."""

    view: StoryView
    table: pd.DataFrame
    thinned: Thinned | None


def timeline(head: StoryView, db: PathLike, filters: StoryFilters, table_rows: int) -> TimelineData:
    """The timeline's reads for the story `head` names, the table limited to `table_rows` articles."""
    where = {"slug": head.slug, "start": filters.start, "end": filters.end, "outlets": list(filters.outlets)}
    with reading(db) as con:
        times = query(con, "story_article_times", **where)
        table = query(con, "story_articles_first", **where, limit=table_rows)
        view = replace(head, articles=times, events=query(con, "story_events", slug=head.slug),
                       volume=query(con, "story_volume", slug=head.slug))
    return TimelineData(view, table, _thinned(FIRST, len(table), len(times)))


def story_articles(slug: str, db: PathLike, filters: StoryFilters = StoryFilters()) -> pd.DataFrame:
    """Every article of a story under `filters`, with every column (story_articles): a download."""
    with reading(db) as con:
        return query(con, "story_articles", slug=slug, start=filters.start, end=filters.end,
                     outlets=list(filters.outlets))


def article_choices(slug: str, db: PathLike, filters: StoryFilters, limit: int) -> tuple[pd.DataFrame, Thinned | None]:
    """The articles a story's Article page offers (story_article_choices: with text first), at most
    `limit`, and `thinned` when there are more."""
    with reading(db) as con:
        found = query(con, "story_article_choices", slug=slug, start=filters.start, end=filters.end,
                      outlets=list(filters.outlets), limit=limit)
    total = int(found["total"].iloc[0]) if len(found) else 0
    return found.drop(columns="total"), _thinned(FIRST, len(found), total)


class ClaimsData(NamedTuple):
    """What the Engagement claims page shows. `counts`: per metric, the claims there are, those
    stating a number and those provenance can trace (story_claim_metrics). `claims`: the first
    claims in the order they held (story_claims' order); `traced`: the first claims provenance can
    trace, in print order; `sample`: at most the chart's limit of the claims of `sample_metric`
    stating a number (story_claims_sample's rows); each with its `thinned` when that is not all of
    them. All three come from one read (story_claims_page), with story_claims' columns."""

    counts: pd.DataFrame
    claims: pd.DataFrame
    claims_thinned: Thinned | None
    traced: pd.DataFrame
    traced_thinned: Thinned | None
    sample_metric: str | None
    sample: pd.DataFrame
    sample_thinned: Thinned | None


def claims(slug: str, db: PathLike, filters: StoryFilters, *, table_rows: int, traced_rows: int, chart_rows: int,
           chart_metric: Callable[[pd.DataFrame], str | None]) -> ClaimsData:
    """A story's claim counts, its first `table_rows` claims, its first `traced_rows` traceable ones
    and a sample of at most `chart_rows` of the metric `chart_metric(counts)` picks (the one a page
    draws first; None: no sample), in one connection and one read of the claims' text columns."""
    where = {"slug": slug, "start": filters.start, "end": filters.end, "outlets": list(filters.outlets)}
    with reading(db) as con:
        counts = query(con, "story_claim_metrics", **where)
        metric = chart_metric(counts)
        shown = query(con, "story_claims_page", **where, limit=table_rows, metric=metric, chart_limit=chart_rows,
                      traced_limit=traced_rows)
    flags = ["listed", "drawn", "traced"]
    table = shown[shown["listed"]].drop(columns=flags)
    sample = shown[shown["drawn"]].drop(columns=flags)
    traced = shown[shown["traced"]].drop(columns=flags)
    printed = pd.to_datetime(traced["published_at"], utc=True).fillna(pd.to_datetime(traced["reported_at"], utc=True))
    traced = traced.assign(_printed=printed).sort_values(["_printed", "id"], kind="stable").drop(columns="_printed")
    drawable = int(counts.loc[counts["metric"] == metric, "with_value"].sum())
    return ClaimsData(counts, table.reset_index(drop=True), _thinned(FIRST, len(table), int(counts["claims"].sum())),
                      traced.reset_index(drop=True), _thinned(FIRST, len(traced), int(counts["traceable"].sum())),
                      metric, sample.reset_index(drop=True), _thinned(SAMPLE, len(sample), drawable))


def story_claims(slug: str, db: PathLike, filters: StoryFilters = StoryFilters()) -> pd.DataFrame:
    """Every claim of a story under `filters` (story_claims): a download."""
    with reading(db) as con:
        return query(con, "story_claims", slug=slug, start=filters.start, end=filters.end,
                     outlets=list(filters.outlets))


def claims_sample(slug: str, db: PathLike, filters: StoryFilters, metric: str, limit: int,
                  total: int) -> tuple[pd.DataFrame, Thinned | None]:
    """At most `limit` of a story's claims of `metric` that state a number (story_claims_sample: a
    random sample, the same on every read), and `thinned` when that is fewer than the `total` there
    are (story_claim_metrics' with_value)."""
    with reading(db) as con:
        sample = query(con, "story_claims_sample", slug=slug, start=filters.start, end=filters.end,
                       outlets=list(filters.outlets), metric=metric, limit=limit)
    return sample, _thinned(SAMPLE, len(sample), total)


def observation_step(spans: pd.DataFrame, limit: int) -> str | None:
    """The finest of OBSERVATION_STEPS at which a story's measurements come to at most `limit`
    points, or None when all of them do. `spans` (story_observation_spans): per item and metric,
    how many measurements and the first and last. Past the coarsest step, the coarsest.

    A series measured n times over a span of s seconds keeps at most min(n, s // step + 2) points
    at a step: its last in each step it was measured in, a part step at either end."""
    counts = spans["observations"].to_numpy(dtype=float)
    if counts.sum() <= limit:
        return None
    seconds = ((pd.to_datetime(spans["last_observed"], utc=True) - pd.to_datetime(spans["first_observed"], utc=True))
               .dt.total_seconds().to_numpy(dtype=float))
    for name, step in OBSERVATION_STEPS.items():
        if sum(min(n, s // step + 2) for n, s in zip(counts, seconds, strict=True)) <= limit:
            return name
    return list(OBSERVATION_STEPS)[-1]


def observations(slug: str, db: PathLike, limit: int) -> tuple[pd.DataFrame, Thinned | None]:
    """What the platforms reported for a story's media items: every measurement when they number
    at most `limit`, else the last of each item and metric per step (observation_step), with
    `thinned` saying which step and how many measurements there are."""
    with reading(db) as con:
        spans = query(con, "story_observation_spans", slug=slug)
        step = observation_step(spans, limit)
        if step is None:
            return query(con, "story_observations", slug=slug), None
        found = query(con, "story_observations_stepped", slug=slug, step_s=OBSERVATION_STEPS[step])
    return found, Thinned(step, len(found), int(spans["observations"].sum()))


def _thinned(how: str, shown: int, total: int) -> Thinned | None:
    return Thinned(how, shown, total) if shown < total else None
