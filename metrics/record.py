"""The one write path into DuckDB: a batch of articles, one transaction, one run row.

Collectors and importers hand over `ArticleInput`s and the errors they met; this module
decides what is new, links stories and tags, and writes claims and time references. If
anything fails the whole batch rolls back: the database is never half-written.

The same code writes a team store (metrics.store, "on_team"): there no unique key keeps an article
once per canonical URL, so what keeps it once is this module's own check (prefetch, then insert)
inside one transaction that holds the write turn. Another writer committing meanwhile makes that
transaction conflict at COMMIT, and the whole unit runs again (store.retried), prefetch included,
and then finds the other's rows.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any, cast

import duckdb
import pyarrow as pa

from metrics.model import (
    ArticleInput,
    InputError,
    MediaSnapshot,
    Outcome,
    RunResult,
    StoryRef,
    VolumePoint,
)
from metrics.normalize import (
    clean_tag,
    story_name_key,
    story_slug,
    tag_key,
    text_hash,
    url_key,
)
from metrics.similarity import (
    COPY_MIN_SHARED,
    STORY_MIN_SCORE,
    StoryDoc,
    StoryProfile,
    band_keys,
    best_story,
    copy_signature,
    group_articles,
    keywords,
    shared,
)
from metrics.store import insert_with_id, on_team, retried, rows, run, scalar, transaction


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
    progress: Callable[[int, int], None] | None = None,
    started_by: str | None = None,
) -> RunResult:
    """Write a batch in one transaction, with its collection run and the errors met while reading.

    `story_tags` tags stories themselves (by slug), for tags that belong to a story as a whole.
    `also(con, run_id)` writes what else belongs to the run (a feed's validators, say) in the
    same transaction, so a failed batch never leaves it saying the entries were read.
    `progress(done, total)` is called every PROGRESS_EVERY articles and at the end.
    `started_by` is recorded as who started the run (Settings.user).

    Linear in the batch: what the database already holds about the batch's articles (by URL and
    text hash, their figures, time references and stories) is read in a few set-based queries
    first, so deciding what is new costs no query per article; the rows are written at the end.
    """
    started = now or datetime.now(UTC)
    result = retried(con, lambda: _record_batch(con, items, collector=collector, command=command,
                                                errors=errors, story_tags=story_tags, started=started,
                                                also=also, progress=progress, started_by=started_by))
    if progress is not None:
        progress(len(items), len(items))
    return result


def _record_batch(
    con: duckdb.DuckDBPyConnection,
    items: Sequence[ArticleInput],
    *,
    collector: str,
    command: str,
    errors: Sequence[InputError],
    story_tags: Mapping[str, Sequence[str]] | None,
    started: datetime,
    also: Callable[[duckdb.DuckDBPyConnection, int], None] | None,
    progress: Callable[[int, int], None] | None,
    started_by: str | None,
) -> RunResult:
    """record_articles' one transaction: everything it decides is read inside it, so that it can
    run again whole after a conflict on a team store."""
    with transaction(con):
        run_id = _run_insert(con, collector=collector, command=command, started_at=started,
                             started_by=started_by)
        result = RunResult(run_id=run_id, errors=list(errors))
        batch = _Batch(run_id=run_id)
        keys = batch.prefetch(con, items)
        for done, (item, key) in enumerate(zip(items, keys, strict=True), start=1):
            result.outcomes.append(_record_one(con, item, key, batch, fetched_at=started))
            if progress is not None and done % PROGRESS_EVERY == 0:
                progress(done, len(items))
        _place(con, batch)
        result.outcomes = [o if o.story_slug else replace(o, story_slug=batch.story_of[o.article_id])
                           for o in result.outcomes]
        batch.flush(con)
        _link_copies(con, batch)
        refresh_story_summaries(con, _stories_touched(con, batch, result.outcomes))
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


def _run_insert(con: duckdb.DuckDBPyConnection, **params: Any) -> int:
    """A new collection run's id (inside the caller's transaction)."""
    return insert_with_id(con, "run_insert", "collection_runs", **params)


def refresh_story_summaries(con: duckdb.DuckDBPyConnection, story_ids: Iterable[int]) -> None:
    """Rewrite these stories' summaries from their articles: story_figures (their most repeated
    figures), story_article_tags (the topic tags their articles carry) and story_coverage (their
    articles, outlets and coverage span).

    Call it inside the transaction that changed the stories' claims, articles, article tags or
    article links, so a reader never sees a summary disagree with what it sums up. A story that
    no longer exists or holds nothing is left with no rows.
    """
    ids = sorted({int(i) for i in story_ids})
    if ids:
        for name in ("story_figures", "story_article_tags", "story_coverage"):
            run(con, f"{name}_clear", story_ids=ids)
            run(con, f"{name}_fill", story_ids=ids)


def _stories_touched(con: duckdb.DuckDBPyConnection, batch: _Batch, outcomes: Sequence[Outcome]) -> set[int]:
    """Stories whose summaries this batch may have changed: those it linked an article to, and
    those holding an article it added, completed, gave claims or tagged (an unchanged one changes
    nothing)."""
    changed = sorted({o.article_id for o in outcomes if o.status != "unchanged" or o.claims_added}
                     | {a for a, _ in batch.article_tags})
    held = (
        {int(r.story_id) for r in rows(con, "story_ids_of_articles", article_ids=changed)}
        if changed
        else set()
    )
    return held | {story_id for story_id, _ in batch.story_articles}


def record_failed_run(
    con: duckdb.DuckDBPyConnection, *, collector: str, command: str, errors: Sequence[InputError],
    started_by: str | None = None,
) -> int:
    """A run where nothing could be written still leaves its trace."""
    now = datetime.now(UTC)

    def write() -> int:
        with transaction(con):
            run_id = _run_insert(con, collector=collector, command=command, started_at=now, started_by=started_by)
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

    return retried(con, write, what="the failed run's record")


# Articles between two progress calls: often enough to watch, rare enough to cost nothing.
PROGRESS_EVERY = 1000
REASON_WORDS = 6  # keywords named in a story link's reason
COPY_CANDIDATES = 10  # per new text: those sharing the most signature bands are compared
SIGN_EARLIER_PER_BATCH = 2000



@dataclass(frozen=True)
class _Keys:
    """How an article is recognised: the canonical forms of its declared canonical link and its URL
    (looked up in that order), the one it is stored under when new, and its text's hash."""

    lookup: tuple[str, ...]
    stored: str | None
    text_hash: str | None
    signature: bytes | None  # its text's copy signature (b"" for a text too short to have one)

    @classmethod
    def of(cls, item: ArticleInput) -> _Keys:
        declared, url = item.meta.canonical_url, item.url
        forms = {u: url_key(u) for u in (declared, url) if u}  # each distinct string parsed once
        stored = url or declared
        return cls(
            tuple(dict.fromkeys(forms.values())),
            forms[stored] if stored else None,
            text_hash(item.text) if item.text else None,
            (item.copy_signature or copy_signature(item.text) or b"") if item.text else None,
        )


def _find(keys: _Keys, by_url: Mapping[str, int], by_hash: Mapping[str, int]) -> int | None:
    for url in keys.lookup:
        if url in by_url:
            return by_url[url]
    return by_hash.get(keys.text_hash) if keys.text_hash else None


def _figure_key(article_id: int, metric: str, value: float | None, quote: str) -> tuple[object, ...]:
    """When two entered figures of an article are the same figure: metric and value, or the quote
    for a figure without a value (as the SQL check once asked once per claim)."""
    return (article_id, metric, value, quote if value is None else None)


def _article_params(item: ArticleInput, keys: _Keys) -> dict[str, object]:
    meta = item.meta
    pub = meta.published
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
        "text_hash": keys.text_hash,
        "copy_signature": keys.signature,
        "syndicated_from": meta.syndicated_from,
        "language": meta.language,
    }


_ARTICLE_COLUMNS = pa.schema(
    [
        ("id", pa.int64()),
        ("source", pa.string()),
        ("url", pa.string()),
        ("canonical_url", pa.string()),
        ("outlet", pa.string()),
        ("title", pa.string()),
        ("byline", pa.string()),
        ("dateline", pa.string()),
        ("published_at", pa.timestamp("us", tz="UTC")),
        ("published_offset", pa.string()),
        ("published_precision", pa.string()),
        ("published_local", pa.timestamp("us")),
        ("date_source", pa.string()),
        ("tz_rule", pa.string()),
        ("modified_at", pa.timestamp("us", tz="UTC")),
        ("fetched_at", pa.timestamp("us", tz="UTC")),
        ("text", pa.string()),
        ("text_hash", pa.string()),
        ("copy_signature", pa.binary()),
        ("syndicated_from", pa.string()),
        ("origin", pa.string()),
        ("language", pa.string()),
        ("note", pa.string()),
        ("run_id", pa.int64()),
    ]
)
_CLAIM_COLUMNS = pa.schema(
    [
        ("article_id", pa.int64()),
        ("metric", pa.string()),
        ("value", pa.float64()),
        ("unit", pa.string()),
        ("bound", pa.string()),
        ("low", pa.float64()),
        ("high", pa.float64()),
        ("qualifier", pa.string()),
        ("scope", pa.string()),
        ("time_window", pa.string()),
        ("subject", pa.string()),
        ("platform", pa.string()),
        ("quote", pa.string()),
        ("span_start", pa.int32()),
        ("span_end", pa.int32()),
        ("also_spans", pa.string()),
        ("as_of", pa.timestamp("us", tz="UTC")),
        ("as_of_start", pa.timestamp("us", tz="UTC")),
        ("as_of_rule", pa.string()),
        ("origin", pa.string()),
        ("extractor_version", pa.string()),
        ("run_id", pa.int64()),
    ]
)
_TIME_REF_COLUMNS = pa.schema(
    [
        ("article_id", pa.int64()),
        ("text", pa.string()),
        ("span_start", pa.int32()),
        ("span_end", pa.int32()),
        ("resolved_start", pa.timestamp("us", tz="UTC")),
        ("resolved_end", pa.timestamp("us", tz="UTC")),
        ("granularity", pa.string()),
        ("rule", pa.string()),
        ("origin", pa.string()),
    ]
)
_LINK_COLUMNS = pa.schema([("a", pa.int64()), ("b", pa.int64())])
_STORY_LINK_COLUMNS = pa.schema([("a", pa.int64()), ("b", pa.int64()), ("reason", pa.string())])
_KEYWORD_COLUMNS = pa.schema([("a", pa.int64()), ("word", pa.string())])
_BAND_COLUMNS = pa.schema([("key", pa.int64()), ("article_id", pa.int64())])
_SIGNATURE_COLUMNS = pa.schema([("id", pa.int64()), ("signature", pa.binary())])
_SYNDICATION_COLUMNS = pa.schema(
    [("id", pa.int64()), ("original_id", pa.int64()), ("original", pa.string()), ("method", pa.string())]
)


@dataclass
class _Stories:
    """Every story's slug and title, read once per batch, so that a name is resolved without a
    query per article; kept current as the batch starts stories."""

    by_slug: dict[str, int] = field(default_factory=dict)
    by_name: dict[str, tuple[int, str]] = field(default_factory=dict)  # name key -> (id, slug), oldest first

    @classmethod
    def load(cls, con: duckdb.DuckDBPyConnection) -> _Stories:
        stories = cls()
        for row in rows(con, "stories_slugs_titles"):
            stories.add(int(row.id), str(row.slug), str(row.title))
        return stories

    def add(self, story_id: int, slug: str, title: str) -> None:
        self.by_slug[slug] = story_id
        self.by_name.setdefault(story_name_key(title), (story_id, slug))

    def named(self, name: str) -> tuple[int, str] | None:
        """(id, slug) of the story a name means: its title (up to case and spacing), then a slug
        typed as the name; never a story whose name only slugs alike."""
        name = name.strip()
        found = self.by_name.get(story_name_key(name))
        return found or ((self.by_slug[name], name) if name in self.by_slug else None)

    def free_slug(self, slug: str) -> str:
        """`slug`, or the first of slug-2, slug-3... that no story has."""
        if slug not in self.by_slug:
            return slug
        n = 2
        while f"{slug}-{n}" in self.by_slug:
            n += 1
        return f"{slug}-{n}"


def _write_table(
    con: duckdb.DuckDBPyConnection,
    name: str,
    records: Sequence[Mapping[str, object]],
    schema: pa.Schema,
    statement: str | None = None,
) -> None:
    """Register the records as table `name` and run `statement` (default: `{name}_insert`) on it."""
    con.register(name, pa.Table.from_pylist(records, schema=schema))
    try:
        run(con, statement or f"{name}_insert")
    finally:
        con.unregister(name)


@dataclass
class _Batch:
    """What a batch knows and what it will write.

    Rows gathered while a batch is read are written at the end as Arrow tables: one INSERT ...
    SELECT per table instead of a statement per article, claim, tag and link, about a hundred
    times faster in DuckDB, and still inside the batch's one transaction. What the database holds
    about the batch's articles is read up front (prefetch) and kept current here, so a decision
    about one article never scans the batch or asks the database again.
    """

    run_id: int
    articles: list[dict[str, object]] = field(default_factory=list)  # new articles, not yet written
    claims: list[dict[str, object]] = field(default_factory=list)
    time_refs: list[dict[str, object]] = field(default_factory=list)
    story_articles: set[tuple[int, int]] = field(default_factory=set)
    link_reasons: dict[tuple[int, int], str] = field(default_factory=dict)  # why, in words
    texts: list[tuple[int, _Keys, str | None]] = field(default_factory=list)  # texts added: id, keys, credit
    article_tags: set[tuple[int, int]] = field(default_factory=set)
    tag_ids: dict[str, int] = field(default_factory=dict)
    story_ids: dict[tuple[str, str], tuple[int, str]] = field(default_factory=dict)  # resolved StoryRefs
    stories: _Stories | None = None  # loaded on first need
    matching: bool = True  # some article comes without a story: keep the story profiles current
    profiles: dict[str, StoryProfile] | None = None  # the stories sharing a word with the batch (_place)
    by_keyword: dict[str, set[str]] = field(default_factory=dict)  # keyword -> slugs of stories holding it
    named: dict[str, tuple[set[str], list[datetime | None]]] = field(default_factory=dict)  # slug -> words, times
    story_words: dict[int, set[str]] = field(default_factory=dict)  # story id -> keywords to index
    by_url: dict[str, int] = field(default_factory=dict)  # stored canonical URL -> article id
    by_hash: dict[str, int] = field(default_factory=dict)  # text hash -> article id
    without_text: dict[int, bool] = field(default_factory=dict)  # every article the batch has met
    figures: set[tuple[object, ...]] = field(default_factory=set)  # _figure_key of known figures
    timed: set[int] = field(default_factory=set)  # articles holding time references
    story_of: dict[int, str] = field(default_factory=dict)  # article -> the slug of its (first) story
    unplaced: dict[int, tuple[StoryDoc, str]] = field(default_factory=dict)  # story-less: doc, title
    free_ids: list[int] = field(default_factory=list)  # article ids taken from the sequence, largest first

    def prefetch(self, con: duckdb.DuckDBPyConnection, items: Sequence[ArticleInput]) -> list[_Keys]:
        """Read what the database holds about these articles in a few queries; their keys, in order."""
        keys = [_Keys.of(item) for item in items]
        self.matching = any(item.story is None for item in items)
        urls = sorted({u for k in keys for u in k.lookup})
        hashes = sorted({k.text_hash for k in keys if k.text_hash})
        for name, values, index in (
            ("articles_by_canonical_urls", urls, self.by_url),
            ("articles_by_text_hashes", hashes, self.by_hash),
        ):
            for row in rows(con, name, keys=values) if values else []:
                index[str(row.key)] = int(row.id)
                self.without_text[int(row.id)] = bool(row.without_text)
        # A dry run of _record_one's lookups: how many articles are new, and which recorded ones
        # an entered record or a story-less input will ask about.
        new_urls: dict[str, int] = {}
        new_hashes: dict[str, int] = {}
        entered: set[int] = set()
        storyless: set[int] = set()
        new = 0
        for item, k in zip(items, keys, strict=True):
            found = _find(k, self.by_url, self.by_hash)
            if found is not None:
                if item.origin == "entered":
                    entered.add(found)
                if item.story is None:
                    storyless.add(found)
            elif _find(k, new_urls, new_hashes) is None:
                new += 1
                if k.stored:
                    new_urls.setdefault(k.stored, new)
                if k.text_hash:
                    new_hashes.setdefault(k.text_hash, new)
        if entered:
            ids = sorted(entered)
            self.figures |= {
                _figure_key(int(r.article_id), r.metric, r.value, r.quote)
                for r in rows(con, "claim_figures_of_articles", article_ids=ids)
            }
            self.timed |= {int(r.article_id) for r in rows(con, "articles_with_time_refs", article_ids=ids)}
        if storyless:
            for row in rows(con, "stories_of_articles", article_ids=sorted(storyless)):
                self.story_of.setdefault(int(row.article_id), str(row.slug))
        self.free_ids = self._take_ids(con, new)
        return keys

    @staticmethod
    def _take_ids(con: duckdb.DuckDBPyConnection, n: int) -> list[int]:
        # Largest first, so that pop() hands them out in order at O(1).
        return sorted((int(r.id) for r in rows(con, "article_ids_next", n=n)), reverse=True) if n else []

    def add_article(
        self, con: duckdb.DuckDBPyConnection, item: ArticleInput, keys: _Keys, fetched_at: datetime
    ) -> int:
        if not self.free_ids:  # the dry run counted short: never expected, still correct
            if on_team(con):
                self.flush_articles(con)  # a team store's next ids start after the largest written
            self.free_ids = self._take_ids(con, 1)
        article_id = self.free_ids.pop()
        url = item.url or item.meta.canonical_url
        self.articles.append(
            {
                **_article_params(item, keys),
                "id": article_id,
                "url": url,
                "canonical_url": keys.stored,
                "fetched_at": fetched_at,
                "origin": item.origin,
                "note": item.note,
                "run_id": self.run_id,
            }
        )
        if keys.stored:
            self.by_url.setdefault(keys.stored, article_id)
        if keys.text_hash:
            self.by_hash.setdefault(keys.text_hash, article_id)
        self.without_text[article_id] = not item.text
        return article_id

    def flush_articles(self, con: duckdb.DuckDBPyConnection) -> None:
        """Write the new articles now: before a statement that reads or updates them."""
        if self.articles:
            _write_table(con, "batch_articles", self.articles, _ARTICLE_COLUMNS)
            self.articles = []

    def link(self, story_id: int, slug: str, article_id: int, reason: str, title: str | None) -> None:
        self.story_articles.add((story_id, article_id))
        self.story_words.setdefault(story_id, set()).update(keywords(title, None))
        self.link_reasons.setdefault((story_id, article_id), reason)
        self.story_of.setdefault(article_id, slug)

    def flush(self, con: duckdb.DuckDBPyConnection) -> None:
        self.flush_articles(con)
        tables: dict[str, tuple[list[dict[str, object]], pa.Schema]] = {
            "batch_claims": (self.claims, _CLAIM_COLUMNS),
            "batch_time_refs": (self.time_refs, _TIME_REF_COLUMNS),
            "batch_story_articles": (
                [{"a": s, "b": a, "reason": self.link_reasons.get((s, a))} for s, a in sorted(self.story_articles)],
                _STORY_LINK_COLUMNS,
            ),
            "batch_article_tags": ([{"a": a, "b": t} for a, t in sorted(self.article_tags)], _LINK_COLUMNS),
            "batch_story_keywords": (
                [{"a": story, "word": w} for story, words in sorted(self.story_words.items()) for w in sorted(words)],
                _KEYWORD_COLUMNS,
            ),
        }
        for name, (records, schema) in tables.items():
            if records:
                _write_table(con, name, records, schema)


def _record_one(
    con: duckdb.DuckDBPyConnection, item: ArticleInput, keys: _Keys, batch: _Batch, *, fetched_at: datetime
) -> Outcome:
    found = _find(keys, batch.by_url, batch.by_hash)
    if found is None:
        article_id = batch.add_article(con, item, keys, fetched_at)
        status = "added"
    else:
        article_id = found
        if batch.without_text.get(article_id) and item.text:
            batch.flush_articles(con)  # it may be an article this batch entered a moment ago
            run(con, "article_add_text", **_article_params(item, keys), id=article_id)
            batch.without_text[article_id] = False
            if keys.text_hash:
                batch.by_hash.setdefault(keys.text_hash, article_id)
            status = "completed"
        else:
            status = "unchanged"
    if status != "unchanged" and item.text:
        batch.texts.append((article_id, keys, item.meta.syndicated_from))

    story_slug = _link_story(con, batch, item, keys, article_id)
    for tag in (*item.tags, *item.meta.topics):
        tid = _tag_id(con, batch, tag)
        if tid is not None:
            batch.article_tags.add((article_id, tid))

    claims_added = time_refs_added = 0
    if status != "unchanged" or item.origin == "entered":
        claims_added = _add_claims(batch, item, article_id)
        time_refs_added = _add_time_refs(batch, item, article_id)
    return Outcome(
        source=item.source,
        status=status,
        article_id=article_id,
        story_slug=story_slug or "",  # "": filled in by _place
        claims_added=claims_added,
        time_refs_added=time_refs_added,
        warnings=item.warnings,
    )


def _link_copies(con: duckdb.DuckDBPyConnection, batch: _Batch) -> None:
    """Link each text the batch added to the earlier article it nearly repeats, saying how.

    Candidates are the articles sharing a band key of its signature (copy_bands: an index lookup
    for the whole batch in one query, not a scan per article); the one sharing the most shingles
    wins when it reaches COPY_MIN_SHARED (ties: the oldest). Run after the batch's rows are written.
    """
    if not batch.texts:
        return
    _sign_earlier(con)
    bands = [{"key": k, "article_id": a} for a, keys, _ in batch.texts if keys.signature
             for k in band_keys(keys.signature)]
    candidates: dict[int, list[Any]] = {}
    if bands:
        _write_table(con, "batch_copy_bands", bands, _BAND_COLUMNS)
        ids = sorted({int(b["article_id"]) for b in bands})  # type: ignore[call-overload]
        for r in rows(con, "copy_candidates", article_ids=ids, top=COPY_CANDIDATES):
            candidates.setdefault(int(r.article_id), []).append(r)
    root: dict[int, str | None] = {}  # the outlet a batch text stands for, once decided
    decided = []
    for article_id, keys, credit in sorted(batch.texts, key=lambda t: t[0]):
        scored = [(shared(keys.signature, bytes(r.signature)), -int(r.candidate_id), r)
                  for r in candidates.get(article_id, ()) if keys.signature and r.signature]
        share, _, best = max(scored, key=lambda t: t[:2], default=(0.0, 0, None))
        if best is not None and share >= COPY_MIN_SHARED:
            original_id = int(best.candidate_id)
            original = root.get(original_id) or best.original
            method: str | None = f"minhash: ~{share:.0%} of word 5-grams shared with article #{original_id}"
        else:
            original_id, original = None, None
            method = "text: agency byline or syndication note" if credit else None
        root[article_id] = credit or original
        if method:
            decided.append({"id": article_id, "original_id": original_id, "original": original, "method": method})
    if decided:
        _write_table(con, "batch_syndication", decided, _SYNDICATION_COLUMNS, "batch_syndication_update")


def _sign_earlier(con: duckdb.DuckDBPyConnection) -> None:
    """Give texts stored before copy signatures existed (migration 0007) theirs, newest first and
    SIGN_EARLIER_PER_BATCH per write (about 2 s), so that later copies of them are found too
    without one write of a big old database paying for all of them."""
    unsigned = rows(con, "articles_unsigned", n=SIGN_EARLIER_PER_BATCH)
    if not unsigned:
        return
    signatures = {int(r.id): copy_signature(r.text) or b"" for r in unsigned}
    _write_table(con, "batch_signatures", [{"id": i, "signature": s} for i, s in signatures.items()],
                 _SIGNATURE_COLUMNS, "batch_signatures_update")
    bands = [{"key": k, "article_id": i} for i, s in signatures.items() if s for k in band_keys(s)]
    if bands:
        _write_table(con, "batch_copy_bands", bands, _BAND_COLUMNS)


def _load_profiles(con: duckdb.DuckDBPyConnection, batch: _Batch, words: Iterable[str]) -> None:
    """The profiles of the stories sharing one of `words` (the batch's story-less articles'): what
    the keyword index holds of those words and the stories' coverage spans, and what the batch
    filed in named stories. Only those stories can be matched (a story sharing none scores 0)."""
    _index_stories(con)
    batch.profiles, batch.by_keyword = {}, {}
    held: dict[str, set[str]] = {}
    for r in rows(con, "story_keywords_of_words", words=sorted(set(words))):
        held.setdefault(str(r.slug), set()).add(str(r.word))
    spans = {str(r.slug): (r.first_coverage, r.last_coverage)
             for r in (rows(con, "story_spans", slugs=sorted(held)) if held else [])}
    for slug, found in sorted(held.items()):
        _grow_profile(batch, slug, frozenset(found), spans.get(slug, (None, None)))
    for slug, (named_words, times) in sorted(batch.named.items()):
        _grow_profile(batch, slug, frozenset(named_words), times)


def _index_stories(con: duckdb.DuckDBPyConnection) -> None:
    """Index the keywords of stories that have none yet (made before migration 0009)."""
    found = [{"a": int(r.id), "word": w} for r in rows(con, "stories_unindexed") for w in sorted(keywords(r.titles, None))]
    if found:
        _write_table(con, "batch_story_keywords", found, _KEYWORD_COLUMNS)


def _grow_profile(batch: _Batch, slug: str, words: frozenset[str], times: Iterable[datetime | None]) -> None:
    """Add an article's keywords and time to its story's profile, in place: copying a large story's
    keyword set for each of its articles made a big batch quadratic."""
    assert batch.profiles is not None
    old = batch.profiles.get(slug)
    held: set[str] = set() if old is None else old.keywords  # type: ignore[assignment]  # see below
    for word in words - held:
        batch.by_keyword.setdefault(word, set()).add(slug)
    held |= words
    span = [t for t in (*times, old.first if old else None, old.last if old else None) if t is not None]
    # The profile holds the set the batch keeps growing; best_story only reads it.
    batch.profiles[slug] = StoryProfile(
        slug, cast("frozenset[str]", held), min(span, default=None), max(span, default=None)
    )


def _candidates(batch: _Batch, words: frozenset[str]) -> list[StoryProfile]:
    """The stories sharing a keyword with the article: the only ones best_story can pick (a story
    sharing none scores 0), found without scoring every story for every article."""
    profiles = batch.profiles or {}
    slugs = set().union(*(batch.by_keyword.get(w, ()) for w in words)) if words else set()
    return [profiles[s] for s in sorted(slugs)]


def _link_story(
    con: duckdb.DuckDBPyConnection, batch: _Batch, item: ArticleInput, keys: _Keys, article_id: int
) -> str | None:
    """The slug of the story the article is filed in; None when it comes without one and has none
    yet, for _place to decide with the rest of the batch."""
    story = item.story
    words = keywords(item.meta.title, item.text) if batch.matching else frozenset()
    published = item.meta.published.instant if item.meta.published else None
    if story is None:
        current = batch.story_of.get(article_id)
        if current is None and (article_id not in batch.unplaced or item.text):
            # placed with the batch's other story-less articles (_place); of two inputs of one
            # article, the one with its text says most about it
            doc = StoryDoc(article_id, words, published, keys.text_hash or keys.stored or item.source)
            batch.unplaced[article_id] = (doc, item.meta.title or item.source)
        return current
    story_id, slug = _story(con, batch, story)
    batch.link(story_id, slug, article_id, "its input named this story", item.meta.title)
    if batch.matching:  # the batch's story-less articles may be matched to this story
        named_words, times = batch.named.setdefault(slug, (set(), []))
        named_words |= words
        times.append(published)
    return slug


def _place(con: duckdb.DuckDBPyConnection, batch: _Batch) -> None:
    """File the batch's story-less articles: grouped among themselves (similarity.group_articles,
    whatever their order), each group joins the existing story that the most of its members would
    join, or starts one titled after its earliest article. An article the batch also filed in a
    named story stays there only."""
    docs = {k: v for k, v in batch.unplaced.items() if k not in batch.story_of}
    if docs:
        # The stories held before the groups are placed: a story one group starts is no candidate
        # for another (they were not similar enough to be one group), whichever comes first.
        _load_profiles(con, batch, (w for doc, _ in docs.values() for w in doc.words))
    for group in group_articles([doc for doc, _ in docs.values()]):
        matches: dict[int, tuple[str, float]] = {}
        for key in group:
            doc = docs[key][0]
            match = best_story(doc.words, doc.published, _candidates(batch, doc.words))
            if match:
                matches[key] = match
        votes = Counter(slug for slug, _ in matches.values())
        if votes:
            slug = min(votes, key=lambda s: (-votes[s], s))
            story = StoryRef(title=slug, slug=slug)
        else:
            title = docs[min(group, key=lambda k: _earliest(docs[k][0]))][1]
            if batch.stories is None:
                batch.stories = _Stories.load(con)
            # Always a new story: one with the same title (last year's outage, say) was not a match.
            story = StoryRef(title=title, slug=batch.stories.free_slug(story_slug(title.strip())))
        story_id, slug = _story(con, batch, story)
        profile = batch.profiles.get(slug) if votes and batch.profiles else None
        for key in group:
            batch.link(story_id, slug, key, _reason(key, group, docs, matches, profile), docs[key][1])


def _reason(key: int, group: Sequence[int], docs: Mapping[int, tuple[StoryDoc, str]],
            matches: Mapping[int, tuple[str, float]], profile: StoryProfile | None) -> str:
    """Why an article landed where _place put it, in words: its score and the keywords it shares."""
    words = docs[key][0].words
    if profile is not None and key in matches and matches[key][0] == profile.slug:
        shared_words = ", ".join(sorted(words & profile.keywords)[:REASON_WORDS])
        return (f"joined: {matches[key][1]:.0%} of its keywords are this story's "
                f"(at least {STORY_MIN_SCORE:.0%} needed; shared: {shared_words})")
    others = [docs[k][0].words for k in group if k != key]
    common = Counter(w for other in others for w in words & other)
    shared_words = ", ".join(w for w, _ in sorted(common.items(), key=lambda p: (-p[1], p[0]))[:REASON_WORDS])
    if profile is not None:
        return f"grouped with {len(others)} other article(s) of its run that joined this story (shared: {shared_words})"
    if others:
        return f"started with {len(others)} other article(s) of its run (shared: {shared_words})"
    return "started: no story shared enough of its keywords"


def _earliest(doc: StoryDoc) -> tuple[bool, float, int]:
    """Sort key: dated articles first, by date, then by id."""
    return (doc.published is None, doc.published.timestamp() if doc.published else 0.0, doc.key)


def _story(con: duckdb.DuckDBPyConnection, batch: _Batch, story: StoryRef) -> tuple[int, str]:
    """(id, slug) of the story a StoryRef names, started if new (see StoryRef)."""
    key = ("slug", story.slug) if story.slug else ("name", story_name_key(story.title))
    if key not in batch.story_ids:
        if batch.stories is None:
            batch.stories = _Stories.load(con)
        stories = batch.stories
        found: tuple[int, str] | None
        if story.slug:
            found = (stories.by_slug[story.slug], story.slug) if story.slug in stories.by_slug else None
        else:
            found = stories.named(story.title)
        if found is None:
            # A new story from a name takes its slug, unless another story has it (then "-2"...).
            slug = story.slug or stories.free_slug(story_slug(story.title.strip()))
            story_id = insert_with_id(con, "story_insert", "stories", slug=slug, title=story.title,
                                      origin=story.origin, note=story.note)
            stories.add(story_id, slug, story.title)
            found = (story_id, slug)
        batch.story_ids[key] = found
    return batch.story_ids[key]


def find_story(con: duckdb.DuckDBPyConnection, name: str) -> tuple[int, str] | None:
    """(id, slug) of the existing story a name means (its title or its slug), as --story reads it."""
    return _Stories.load(con).named(name)


def resolve_story(con: duckdb.DuckDBPyConnection, story: StoryRef) -> tuple[int, str]:
    """(id, slug) of the story `story` names, started if new: the slug a name really landed in,
    which differs from `story.key` when another story's name slugs alike. Call inside a transaction."""
    return _story(con, _Batch(run_id=0), story)


def _story_id(con: duckdb.DuckDBPyConnection, batch: _Batch, story: StoryRef) -> int:
    return _story(con, batch, story)[0]


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


def _add_claims(batch: _Batch, item: ArticleInput, article_id: int) -> int:
    origin = "entered" if item.origin == "entered" else "extracted"
    added = 0
    for claim in item.claims:
        figure = _figure_key(article_id, claim.metric, claim.value, claim.quote)
        if origin == "entered" and figure in batch.figures:
            continue  # the article's own text (or an earlier import) already gave this figure
        batch.figures.add(figure)
        batch.claims.append(
            {
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
            }
        )
        added += 1
    return added


def _add_time_refs(batch: _Batch, item: ArticleInput, article_id: int) -> int:
    origin = "entered" if item.origin == "entered" else "extracted"
    if origin == "entered" and article_id in batch.timed:
        return 0  # the text's own references are more precise than a hand-entered list
    if item.time_refs:
        batch.timed.add(article_id)
    for ref in item.time_refs:
        batch.time_refs.append(
            {
                "article_id": article_id,
                "text": ref.text,
                "span_start": ref.span[0] if ref.span else None,
                "span_end": ref.span[1] if ref.span else None,
                "resolved_start": ref.resolved_start,
                "resolved_end": ref.resolved_end,
                "granularity": ref.granularity,
                "rule": ref.rule,
                "origin": origin,
            }
        )
    return len(item.time_refs)


_OBSERVATION_COLUMNS = pa.schema(
    [
        ("a", pa.int64()),
        ("metric", pa.string()),
        ("value", pa.float64()),
        ("observed_at", pa.timestamp("us", tz="UTC")),
        ("collector", pa.string()),
        ("run_id", pa.int64()),
    ]
)


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
    started_by: str | None = None,
) -> MediaResult:
    """Media items (updated in place) and one observation per metric per snapshot, in one transaction.

    `stories` maps a platform id to the story slugs it belongs to; stories that do not exist yet
    are started with the slug as title.
    """
    started = datetime.now(UTC)
    return retried(con, lambda: _record_media(con, snapshots, collector=collector, command=command,
                                              stories=stories, errors=errors, started=started,
                                              started_by=started_by),
                   what="the video measurements")


def _record_media(
    con: duckdb.DuckDBPyConnection,
    snapshots: Sequence[MediaSnapshot],
    *,
    collector: str,
    command: str,
    stories: Mapping[str, Sequence[str]] | None,
    errors: Sequence[InputError],
    started: datetime,
    started_by: str | None,
) -> MediaResult:
    """record_media's one transaction, which can run again whole after a conflict on a team store."""
    with transaction(con):
        run_id = _run_insert(con, collector=collector, command=command, started_at=started,
                             started_by=started_by)
        result = MediaResult(run_id=run_id, errors=list(errors))
        batch = _Batch(run_id=run_id)
        observations: list[dict[str, object]] = []
        for snap in snapshots:
            media_id = _media_item(con, snap)
            for slug in (stories or {}).get(snap.platform_id, ()):
                # Slugs as given (a story's key or a tracked video's stored slug): re-slugging one
                # would turn 'россия-видео' into another string and miss the story.
                story_id = _story_id(con, batch, StoryRef(title=slug, slug=slug))
                run(con, "story_media_link", story_id=story_id, media_item_id=media_id)
            observations += [
                {
                    "a": media_id,
                    "metric": metric,
                    "value": float(value),
                    "observed_at": snap.observed_at,
                    "collector": collector,
                    "run_id": run_id,
                }
                for metric, value in sorted(snap.metrics.items())
            ]
            result.recorded.append((snap.platform_id, media_id, len(snap.metrics)))
        if observations:
            _write_table(con, "batch_observations", observations, _OBSERVATION_COLUMNS)
        run(
            con,
            "run_finish",
            id=run_id,
            finished_at=datetime.now(UTC),
            ok=len(result.recorded),
            skipped=0,
            failed=len(result.errors),
            errors=json.dumps([{"input": e.input, "reason": e.reason} for e in result.errors]),
        )
    return result


def _media_item(con: duckdb.DuckDBPyConnection, snap: MediaSnapshot) -> int:
    """The id of the snapshot's media item, added or brought up to date."""
    params = {"platform": snap.platform, "platform_id": snap.platform_id, "url": snap.url,
              "title": snap.title, "published_at": snap.published_at, "duration_s": snap.duration_s,
              "channel": snap.channel}
    if not on_team(con):
        return int(scalar(con, "media_item_upsert", **params))
    # A team store's MERGE has no RETURNING: it takes the next id in case the item is new, then reads
    # the item's id back (inside the write turn, so no other writer adds it meanwhile).
    run(con, "media_item_upsert", id=int(scalar(con, "team/next_id_media_items")), **params)
    return int(scalar(con, "team/media_item_id", platform=snap.platform, platform_id=snap.platform_id))


_VOLUME_COLUMNS = pa.schema(
    [
        ("story_id", pa.int64()),
        ("source", pa.string()),
        ("query", pa.string()),
        ("step_start", pa.timestamp("us", tz="UTC")),
        ("articles", pa.int64()),
        ("monitored", pa.int64()),
        ("run_id", pa.int64()),
    ]
)


def volume_writer(
    story: StoryRef, source: str, query: str, points: Sequence[VolumePoint]
) -> Callable[[duckdb.DuckDBPyConnection, int], None]:
    """Write outside coverage counts (step_start, articles, monitored) as part of a record run."""

    def write(con: duckdb.DuckDBPyConnection, run_id: int) -> None:
        story_id = _story_id(con, _Batch(run_id=run_id), story)
        records = [
            {
                "story_id": story_id,
                "source": source,
                "query": query,
                "step_start": p.step_start,
                "articles": p.articles,
                "monitored": p.monitored,
                "run_id": run_id,
            }
            for p in points
        ]
        if not records:
            return
        _write_table(con, "batch_volume", records, _VOLUME_COLUMNS)

    return write
