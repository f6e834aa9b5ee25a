"""The one write path into DuckDB: a batch of articles, one transaction, one run row.

Collectors and importers hand over `ArticleInput`s and the errors they met; this module
decides what is new, links stories and tags, and writes claims and time references. If
anything fails the whole batch rolls back: the database is never half-written.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

import duckdb
import pyarrow as pa

from metrics.model import (
    ArticleInput,
    Claim,
    InputError,
    MediaSnapshot,
    Outcome,
    RunResult,
    StoryRef,
    VolumePoint,
)
from metrics.normalize import canonical_url, clean_tag, slugify, tag_key, text_hash
from metrics.similarity import COPY_MAX_BITS, StoryProfile, best_story, keywords, simhash
from metrics.store import rows, run, scalar, transaction


def record_articles(
    con: duckdb.DuckDBPyConnection,
    items: Sequence[ArticleInput],
    *,
    collector: str,
    command: str,
    errors: Sequence[InputError] = (),
    story_tags: Mapping[str, Sequence[str]] | None = None,
    now: datetime | None = None,
    also: Callable[[duckdb.DuckDBPyConnection, int], None] | None = None,
) -> RunResult:
    """Write a batch in one transaction, with its collection run and the errors met while reading.

    `story_tags` tags stories themselves (by slug), for tags that belong to a story as a whole.
    `also(con, run_id)` writes what else belongs to the run (a feed's validators, say) in the
    same transaction, so a failed batch never leaves it saying the entries were read.
    """
    started = now or datetime.now(UTC)
    with transaction(con):
        run_id = int(
            scalar(con, "run_insert", collector=collector, command=command, started_at=started)
        )
        result = RunResult(run_id=run_id, errors=list(errors))
        batch = _Batch(run_id=run_id)
        for item in items:
            result.outcomes.append(_record_one(con, item, batch, fetched_at=started))
        batch.flush(con)
        refresh_story_figures(con, _stories_touched(con, batch, result.outcomes))
        for slug, tags in (story_tags or {}).items():
            link_story_tags(con, slug, tags)
        if also is not None:
            also(con, run_id)
        run(
            con,
            "run_finish",
            id=run_id,
            finished_at=datetime.now(UTC),
            ok=result.added,
            skipped=result.unchanged,
            failed=len(result.errors),
            errors=json.dumps([{"input": e.input, "reason": e.reason} for e in result.errors]),
        )
    return result


def refresh_story_figures(con: duckdb.DuckDBPyConnection, story_ids: Iterable[int]) -> None:
    """Rewrite these stories' rows of story_figures (their most repeated figures) from their claims.

    Call it inside the transaction that changed the stories' claims, articles or article links,
    so a reader never sees the summary disagree with the claims. A story that no longer exists
    or holds no figures is left with no rows.
    """
    ids = sorted({int(i) for i in story_ids})
    if ids:
        run(con, "story_figures_clear", story_ids=ids)
        run(con, "story_figures_fill", story_ids=ids)


def _stories_touched(con: duckdb.DuckDBPyConnection, batch: _Batch, outcomes: Sequence[Outcome]) -> set[int]:
    """Stories whose figures this batch may have changed: those it linked an article to, and
    those holding an article it added, completed or gave claims (an unchanged one changes nothing)."""
    changed = [o.article_id for o in outcomes if o.status != "unchanged" or o.claims_added]
    held = {int(r.story_id) for r in rows(con, "story_ids_of_articles", article_ids=changed)} if changed else set()
    return held | {story_id for story_id, _ in batch.story_articles}


def record_failed_run(
    con: duckdb.DuckDBPyConnection, *, collector: str, command: str, errors: Sequence[InputError]
) -> int:
    """A run where nothing could be written still leaves its trace."""
    now = datetime.now(UTC)
    with transaction(con):
        run_id = int(scalar(con, "run_insert", collector=collector, command=command, started_at=now))
        run(
            con,
            "run_finish",
            id=run_id,
            finished_at=now,
            ok=0,
            skipped=0,
            failed=len(errors),
            errors=json.dumps([{"input": e.input, "reason": e.reason} for e in errors]),
        )
    return run_id


def _existing_article(con: duckdb.DuckDBPyConnection, item: ArticleInput) -> tuple[int, bool] | None:
    url = item.meta.canonical_url or item.url
    if url:
        found = rows(con, "article_by_canonical_url", canonical_url=canonical_url(url))
        if found:
            return int(found[0].id), bool(found[0].without_text)
    if item.text:
        found = rows(con, "article_by_text_hash", text_hash=text_hash(item.text))
        if found:
            return int(found[0].id), bool(found[0].without_text)
    return None


def _article_params(item: ArticleInput) -> dict[str, object]:
    meta = item.meta
    pub = meta.published
    url = item.url or meta.canonical_url
    return {
        "source": item.source,
        "title": meta.title,
        "outlet": meta.outlet,
        "byline": meta.byline,
        "dateline": meta.dateline,
        "published_at": pub.instant if pub else None,
        "published_offset": pub.offset if pub else None,
        "published_precision": pub.precision if pub else None,
        "published_local": pub.local if pub else None,
        "date_source": pub.source if pub else None,
        "tz_rule": pub.tz_rule if pub else None,
        "modified_at": meta.modified.instant if meta.modified else None,
        "text": item.text,
        "text_hash": text_hash(item.text) if item.text else None,
        "syndicated_from": meta.syndicated_from,
        "language": meta.language,
        "_url": url,
    }


_CLAIM_COLUMNS = pa.schema([
    ("article_id", pa.int64()), ("metric", pa.string()), ("value", pa.float64()), ("unit", pa.string()),
    ("bound", pa.string()), ("low", pa.float64()), ("high", pa.float64()), ("qualifier", pa.string()),
    ("scope", pa.string()), ("time_window", pa.string()), ("subject", pa.string()), ("platform", pa.string()),
    ("quote", pa.string()), ("span_start", pa.int32()), ("span_end", pa.int32()), ("also_spans", pa.string()),
    ("as_of", pa.timestamp("us", tz="UTC")), ("as_of_start", pa.timestamp("us", tz="UTC")),
    ("as_of_rule", pa.string()), ("origin", pa.string()), ("extractor_version", pa.string()),
    ("run_id", pa.int64()),
])
_TIME_REF_COLUMNS = pa.schema([
    ("article_id", pa.int64()), ("text", pa.string()), ("span_start", pa.int32()), ("span_end", pa.int32()),
    ("resolved_start", pa.timestamp("us", tz="UTC")), ("resolved_end", pa.timestamp("us", tz="UTC")),
    ("granularity", pa.string()), ("rule", pa.string()), ("origin", pa.string()),
])
_LINK_COLUMNS = pa.schema([("a", pa.int64()), ("b", pa.int64())])


@dataclass
class _Batch:
    """Rows gathered while a batch is read, written at the end as Arrow tables.

    One INSERT ... SELECT per table instead of a statement per claim, tag and link: about a
    hundred times faster in DuckDB, and still inside the batch's one transaction.
    """

    run_id: int
    claims: list[dict[str, object]] = field(default_factory=list)
    time_refs: list[dict[str, object]] = field(default_factory=list)
    story_articles: set[tuple[int, int]] = field(default_factory=set)
    article_tags: set[tuple[int, int]] = field(default_factory=set)
    tag_ids: dict[str, int] = field(default_factory=dict)
    story_ids: dict[str, int] = field(default_factory=dict)
    profiles: dict[str, StoryProfile] | None = None  # loaded on first need, then kept current

    def flush(self, con: duckdb.DuckDBPyConnection) -> None:
        tables = {
            "batch_claims": (self.claims, _CLAIM_COLUMNS),
            "batch_time_refs": (self.time_refs, _TIME_REF_COLUMNS),
            "batch_story_articles": ([{"a": s, "b": a} for s, a in sorted(self.story_articles)], _LINK_COLUMNS),
            "batch_article_tags": ([{"a": a, "b": t} for a, t in sorted(self.article_tags)], _LINK_COLUMNS),
        }
        for name, (records, schema) in tables.items():
            if not records:
                continue
            con.register(name, pa.Table.from_pylist(records, schema=schema))
            try:
                run(con, f"{name}_insert")
            finally:
                con.unregister(name)


def _record_one(con: duckdb.DuckDBPyConnection, item: ArticleInput, batch: _Batch, *, fetched_at: datetime) -> Outcome:
    params = _article_params(item)
    url = params.pop("_url")
    existing = _existing_article(con, item)
    if existing is None:
        article_id = int(
            scalar(
                con,
                "article_insert",
                **params,
                url=url,
                canonical_url=canonical_url(str(url)) if url else None,
                fetched_at=fetched_at,
                origin=item.origin,
                note=item.note,
                run_id=batch.run_id,
            )
        )
        status = "added"
    else:
        article_id, without_text = existing
        if without_text and item.text:
            run(con, "article_add_text", **params, id=article_id)
            status = "completed"
        else:
            status = "unchanged"
    if status != "unchanged" and item.text:
        _mark_copy(con, item, article_id)

    story_slug = _link_story(con, batch, item, article_id)
    for tag in (*item.tags, *item.meta.topics):
        tid = _tag_id(con, batch, tag)
        if tid is not None:
            batch.article_tags.add((article_id, tid))

    claims_added = time_refs_added = 0
    if status != "unchanged" or item.origin == "entered":
        claims_added = _add_claims(con, batch, item, article_id)
        time_refs_added = _add_time_refs(con, batch, item, article_id)
    return Outcome(
        source=item.source,
        status=status,
        article_id=article_id,
        story_slug=story_slug,
        claims_added=claims_added,
        time_refs_added=time_refs_added,
        warnings=item.warnings,
    )


def _mark_copy(con: duckdb.DuckDBPyConnection, item: ArticleInput, article_id: int) -> None:
    """Fingerprint the text; link it to the earlier article it nearly repeats, saying how."""
    fingerprint = simhash(item.text or "")
    nearest = rows(con, "article_nearest_copy", simhash=fingerprint, id=article_id) if fingerprint else []
    if nearest and nearest[0][2] <= COPY_MAX_BITS:
        original_id, original, bits = nearest[0]
        method: str | None = f"simhash: {bits} of 64 bits differ from article #{original_id}"
    else:
        original_id = original = None
        method = "text: agency byline or syndication note" if item.meta.syndicated_from else None
    run(con, "article_set_syndication", simhash=fingerprint, original_id=original_id, original=original,
        method=method, id=article_id)


def _profiles(con: duckdb.DuckDBPyConnection, batch: _Batch) -> dict[str, StoryProfile]:
    if batch.profiles is None:
        batch.profiles = {
            slug: StoryProfile(slug, keywords(titles, None), first, last)
            for slug, titles, first, last in rows(con, "story_profiles")
        }
    return batch.profiles


def _link_story(con: duckdb.DuckDBPyConnection, batch: _Batch, item: ArticleInput, article_id: int) -> str:
    story = item.story
    words = keywords(item.meta.title, item.text)
    published = item.meta.published.instant if item.meta.published else None
    if story is None:
        current = rows(con, "stories_of_article", article_id=article_id)
        if current:
            return str(current[0][1])
        pending = [sid for sid, aid in batch.story_articles if aid == article_id]
        if pending:
            return next(slug for slug, sid in batch.story_ids.items() if sid == pending[0])
        match = best_story(words, published, list(_profiles(con, batch).values()))
        story = StoryRef(title=match[0]) if match else StoryRef(title=item.meta.title or item.source)
    batch.story_articles.add((_story_id(con, batch, story), article_id))
    profiles = _profiles(con, batch)
    old = profiles.get(story.key)
    span = [t for t in (published, old.first if old else None, old.last if old else None) if t is not None]
    profiles[story.key] = StoryProfile(story.key, (old.keywords if old else frozenset()) | words,
                                       min(span, default=None), max(span, default=None))
    return story.key


def _story_id(con: duckdb.DuckDBPyConnection, batch: _Batch, story: StoryRef) -> int:
    if story.key not in batch.story_ids:
        found = rows(con, "story_by_slug", slug=story.key)
        batch.story_ids[story.key] = int(found[0].id) if found else int(
            scalar(con, "story_insert", slug=story.key, title=story.title, origin=story.origin, note=story.note)
        )
    return batch.story_ids[story.key]


def tag_id(con: duckdb.DuckDBPyConnection, tag: str) -> int | None:
    shown = clean_tag(tag)
    norm = tag_key(shown)
    if not norm:
        return None
    run(con, "tag_upsert", tag=shown, norm=norm)
    return int(scalar(con, "tag_id", norm=norm))


def _tag_id(con: duckdb.DuckDBPyConnection, batch: _Batch, tag: str) -> int | None:
    norm = tag_key(clean_tag(tag))
    if norm and norm not in batch.tag_ids:
        found = tag_id(con, tag)
        if found is not None:
            batch.tag_ids[norm] = found
    return batch.tag_ids.get(norm)


def link_story_tags(con: duckdb.DuckDBPyConnection, slug: str, tags: Sequence[str]) -> None:
    story_id = scalar(con, "story_by_slug", slug=slug)
    if story_id is None:
        raise KeyError(f"no story {slug!r}")
    for tag in tags:
        tid = tag_id(con, tag)
        if tid is not None:
            run(con, "story_tag_link", story_id=int(story_id), tag_id=tid)


def _has_figure(con: duckdb.DuckDBPyConnection, batch: _Batch, article_id: int, claim: Claim) -> bool:
    """Does the article already carry this figure, in the database or earlier in this batch?"""
    if scalar(con, "claim_same_figure_count", article_id=article_id, metric=claim.metric, value=claim.value,
              quote=claim.quote):
        return True
    return any(
        row["article_id"] == article_id and row["metric"] == claim.metric and row["value"] == claim.value
        and (claim.value is not None or row["quote"] == claim.quote)
        for row in batch.claims
    )


def _add_claims(con: duckdb.DuckDBPyConnection, batch: _Batch, item: ArticleInput, article_id: int) -> int:
    origin = "entered" if item.origin == "entered" else "extracted"
    added = 0
    for claim in item.claims:
        if origin == "entered" and _has_figure(con, batch, article_id, claim):
            continue  # the article's own text (or an earlier import) already gave this figure
        batch.claims.append({
            "article_id": article_id,
            "metric": claim.metric,
            "value": claim.value,
            "unit": claim.unit,
            "bound": claim.bound,
            "low": claim.low,
            "high": claim.high,
            "qualifier": claim.qualifier,
            "scope": claim.scope,
            "time_window": claim.time_window,
            "subject": claim.subject,
            "platform": claim.platform,
            "quote": claim.quote,
            "span_start": claim.span[0] if claim.span else None,
            "span_end": claim.span[1] if claim.span else None,
            "also_spans": json.dumps([list(s) for s in claim.also_spans]) if claim.also_spans else None,
            "as_of": claim.as_of,
            "as_of_start": claim.as_of_start,
            "as_of_rule": claim.as_of_rule,
            "origin": origin,
            "extractor_version": item.extractor_version if origin == "extracted" else None,
            "run_id": batch.run_id,
        })
        added += 1
    return added


def _add_time_refs(con: duckdb.DuckDBPyConnection, batch: _Batch, item: ArticleInput, article_id: int) -> int:
    origin = "entered" if item.origin == "entered" else "extracted"
    if origin == "entered" and (
        scalar(con, "time_ref_count", article_id=article_id)
        or any(row["article_id"] == article_id for row in batch.time_refs)
    ):
        return 0  # the text's own references are more precise than a hand-entered list
    for ref in item.time_refs:
        batch.time_refs.append({
            "article_id": article_id,
            "text": ref.text,
            "span_start": ref.span[0] if ref.span else None,
            "span_end": ref.span[1] if ref.span else None,
            "resolved_start": ref.resolved_start,
            "resolved_end": ref.resolved_end,
            "granularity": ref.granularity,
            "rule": ref.rule,
            "origin": origin,
        })
    return len(item.time_refs)


_OBSERVATION_COLUMNS = pa.schema([
    ("a", pa.int64()), ("metric", pa.string()), ("value", pa.float64()),
    ("observed_at", pa.timestamp("us", tz="UTC")), ("collector", pa.string()), ("run_id", pa.int64()),
])


@dataclass
class MediaResult:
    run_id: int
    recorded: list[tuple[str, int, int]] = field(default_factory=list)  # platform_id, media item id, metrics
    errors: list[InputError] = field(default_factory=list)


def record_media(
    con: duckdb.DuckDBPyConnection,
    snapshots: Sequence[MediaSnapshot],
    *,
    collector: str,
    command: str,
    stories: Mapping[str, Sequence[str]] | None = None,
    errors: Sequence[InputError] = (),
) -> MediaResult:
    """Media items (updated in place) and one observation per metric per snapshot, in one transaction.

    `stories` maps a platform id to the story slugs it belongs to; stories that do not exist yet
    are started with the slug as title.
    """
    started = datetime.now(UTC)
    with transaction(con):
        run_id = int(scalar(con, "run_insert", collector=collector, command=command, started_at=started))
        result = MediaResult(run_id=run_id, errors=list(errors))
        batch = _Batch(run_id=run_id)
        observations: list[dict[str, object]] = []
        for snap in snapshots:
            media_id = int(scalar(con, "media_item_upsert", platform=snap.platform, platform_id=snap.platform_id,
                                  url=snap.url, title=snap.title, published_at=snap.published_at,
                                  duration_s=snap.duration_s, channel=snap.channel))
            for slug in (stories or {}).get(snap.platform_id, ()):
                story_id = _story_id(con, batch, StoryRef(title=slug, slug=slugify(slug)))
                run(con, "story_media_link", story_id=story_id, media_item_id=media_id)
            observations += [
                {"a": media_id, "metric": metric, "value": float(value), "observed_at": snap.observed_at,
                 "collector": collector, "run_id": run_id}
                for metric, value in sorted(snap.metrics.items())
            ]
            result.recorded.append((snap.platform_id, media_id, len(snap.metrics)))
        if observations:
            con.register("batch_observations", pa.Table.from_pylist(observations, schema=_OBSERVATION_COLUMNS))
            try:
                run(con, "batch_observations_insert")
            finally:
                con.unregister("batch_observations")
        run(con, "run_finish", id=run_id, finished_at=datetime.now(UTC), ok=len(result.recorded), skipped=0,
            failed=len(result.errors),
            errors=json.dumps([{"input": e.input, "reason": e.reason} for e in result.errors]))
    return result


_VOLUME_COLUMNS = pa.schema([
    ("story_id", pa.int64()), ("source", pa.string()), ("query", pa.string()),
    ("step_start", pa.timestamp("us", tz="UTC")), ("articles", pa.int64()), ("monitored", pa.int64()),
    ("run_id", pa.int64()),
])


def volume_writer(story: StoryRef, source: str, query: str, points: Sequence[VolumePoint]) -> Callable[
        [duckdb.DuckDBPyConnection, int], None]:
    """Write outside coverage counts (step_start, articles, monitored) as part of a record run."""

    def write(con: duckdb.DuckDBPyConnection, run_id: int) -> None:
        story_id = _story_id(con, _Batch(run_id=run_id), story)
        records = [{"story_id": story_id, "source": source, "query": query, "step_start": p.step_start,
                    "articles": p.articles, "monitored": p.monitored, "run_id": run_id}
                   for p in points]
        if not records:
            return
        con.register("batch_volume", pa.Table.from_pylist(records, schema=_VOLUME_COLUMNS))
        try:
            run(con, "batch_volume_insert")
        finally:
            con.unregister("batch_volume")

    return write
