"""Collect from the dashboard: article URLs, uploaded files, a feed and YouTube videos in one go.

The Collect page's orchestration, with no Streamlit in it. `gather` fetches and reads every
input with the collectors (no database writes) and calls `progress` after each input;
`record` writes what was read through metrics.record: one transaction for the articles (with
the feed's validators) and one for the video measurements. `collect` does both.

Every input ends as one row of the result (added, already recorded, failed with its reason,
measured), so one bad input never hides the others. When another process holds the database
file, `record` gives up after `lock_wait_s` and returns the gathered batch as `pending`, so it
can be written again without fetching anything twice.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from metrics.collectors.files import SUFFIXES, BadInput, read_article
from metrics.collectors.http import DEFAULT_FETCH, FetchConfig
from metrics.collectors.youtube import VideoSnapshot, fetch_videos, video_id
from metrics.config import settings
from metrics.normalize import canonical_url
from metrics.record import (
    ArticleInput,
    InputError,
    StoryRef,
    record_articles,
    record_failed_run,
    record_media,
)
from metrics.store import (
    READ_LOCK_WAIT_S,
    WRITE_LOCK_WAIT_S,
    DatabaseLockedError,
    StoreError,
    connect,
    rows,
    run,
)

# As the CLI: a notebook or the poller may hold the file for a moment.

YOUTUBE_KEY_ENV = "YOUTUBE_API_KEY"
MISSING_KEY = (
    "YOUTUBE_API_KEY is not set: videos cannot be measured. Create a YouTube Data API v3 key in the "
    "Google Cloud console and set YOUTUBE_API_KEY in the environment the dashboard runs in, then restart "
    "it (the key is read from the environment, never stored or shown)."
)
MISSING_KEY_REASON = "not measured: YOUTUBE_API_KEY is not set in the dashboard's environment"

# Outcome statuses, as shown.
ADDED = "added"
KNOWN = "already recorded"
FAILED = "failed"
MEASURED = "measured"
POLLED = "feed read"
NOT_RECORDED = "read, not recorded"

Progress = Callable[[int, int, str], None]  # (inputs done, inputs in all, the input just done)


@dataclass(frozen=True)
class Upload:
    """An uploaded file: its name as the user's machine called it, and its bytes."""

    name: str
    data: bytes


@dataclass(frozen=True)
class CollectRequest:
    urls: tuple[str, ...] = ()
    uploads: tuple[Upload, ...] = ()
    feeds: tuple[str, ...] = ()
    youtube: tuple[str, ...] = ()
    story: StoryRef | None = None  # None: each article joins a matching story or starts one
    tags: tuple[str, ...] = ()
    refetch: bool = False  # fetch URLs that are already recorded again
    tz_map: str | None = None

    @property
    def total(self) -> int:
        return len(self.urls) + len(self.uploads) + len(self.feeds) + len(self.youtube)


@dataclass
class InputOutcome:
    """One row of the result: an input (or a feed's entry), what became of it, and why."""

    input: str
    kind: str  # 'url' | 'file' | 'feed' | 'feed entry' | 'video'
    status: str  # ADDED | KNOWN | FAILED | MEASURED | POLLED | NOT_RECORDED
    detail: str = ""
    item: int | None = None  # index into Gathered.items, until recorded
    video: str | None = None  # the video id, until recorded


@dataclass
class Gathered:
    """Everything read, before anything is written."""

    request: CollectRequest
    rows: list[InputOutcome] = field(default_factory=list)
    items: list[ArticleInput] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)  # article-side inputs that failed
    feed_results: list[tuple[Any, str | None]] = field(default_factory=list)  # (FeedResult, story title)
    snapshots: list[VideoSnapshot] = field(default_factory=list)
    video_errors: list[InputError] = field(default_factory=list)
    video_stories: dict[str, list[str]] = field(default_factory=dict)

    @property
    def has_articles(self) -> bool:
        r = self.request
        return bool(r.urls or r.uploads or r.feeds)


@dataclass
class CollectResult:
    rows: list[InputOutcome]
    article_run: int | None = None
    media_run: int | None = None
    locked: str | None = None  # the database was held by another process: nothing was written
    problem: str | None = None  # a write failed and rolled back
    pending: Gathered | None = None  # what to record again once the database is free

    def count(self, *statuses: str) -> int:
        return sum(r.status in statuses for r in self.rows)

    @property
    def added(self) -> int:
        return self.count(ADDED)

    @property
    def already(self) -> int:
        return self.count(KNOWN)

    @property
    def failed(self) -> list[InputOutcome]:
        return [r for r in self.rows if r.status == FAILED]

    @property
    def measured(self) -> int:
        return self.count(MEASURED)

    @property
    def wrote(self) -> bool:
        return self.article_run is not None or self.media_run is not None


def lines(text: str | None) -> tuple[str, ...]:
    """Non-empty lines of a text area, `#` comments dropped, each once, in order."""
    out = [ln.strip() for ln in (text or "").splitlines()]
    return tuple(dict.fromkeys(ln for ln in out if ln and not ln.startswith("#")))


def youtube_key() -> str | None:
    return os.environ.get(YOUTUBE_KEY_ENV, "").strip() or None


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def asked_urls(con: duckdb.DuckDBPyConnection) -> set[str]:
    """Canonical forms of every URL an article was asked for, landed on or declared."""
    return {canonical_url(u) for row in rows(con, "known_article_urls") for u in row if u}


def _known_state(
    request: CollectRequest, db: Path | None
) -> tuple[set[str], set[str], dict[str, tuple[str | None, str | None, str | None]]]:
    """Canonical URLs asked for before, canonical URLs recorded, and each feed's stored state.

    Read with a short read-only connection; if the database cannot be read now, everything is
    fetched and `record` still keeps duplicates out.
    """
    if not (request.urls or request.feeds):
        return set(), set(), {}
    target = db or settings().db_path
    if not Path(target).exists():
        return set(), set(), {}
    try:
        con = connect(target, read_only=True, lock_wait_s=READ_LOCK_WAIT_S)
    except StoreError:
        return set(), set(), {}
    try:
        asked = asked_urls(con)
        recorded = {r[0] for r in rows(con, "canonical_urls")}
        feeds = {}
        for url in request.feeds:
            found = rows(con, "feed_state", url=url)
            if found:
                feeds[url] = (found[0][1], found[0][2], found[0][3])
    except duckdb.Error:
        return set(), set(), {}
    finally:
        con.close()
    return asked, recorded, feeds


def gather(
    request: CollectRequest,
    *,
    progress: Progress | None = None,
    config: FetchConfig = DEFAULT_FETCH,
    db: Path | None = None,
    youtube_base: str | None = None,
) -> Gathered:
    """Fetch and read every input; `progress(done, total, input)` after each. Writes nothing."""
    from metrics.collectors.feeds import FeedState, collect_feed
    from metrics.collectors.http import session
    from metrics.collectors.web import collect_urls

    g = Gathered(request=request)
    total = max(request.total, 1)
    done = 0

    def tick(label: str, n: int = 1) -> None:
        nonlocal done
        done += n
        if progress is not None:
            progress(min(done, total), total, label)

    asked, recorded, feed_states = _known_state(request, db)
    http = session(config)

    # Article URLs: one fetch each, in order; a URL recorded before is not fetched again.
    for url in request.urls:
        if not request.refetch and canonical_url(url) in asked:
            g.rows.append(InputOutcome(url, "url", KNOWN, "recorded before; not fetched again"))
        else:
            got = next(iter(collect_urls([url], story=request.story, tags=request.tags, tz_map=request.tz_map,
                                         config=config, http=http)), None)
            if got is None:
                g.rows.append(InputOutcome(url, "url", FAILED, "not a URL"))
            elif isinstance(got, InputError):
                g.errors.append(got)
                g.rows.append(InputOutcome(url, "url", FAILED, got.reason))
            else:
                g.rows.append(InputOutcome(url, "url", NOT_RECORDED, item=len(g.items)))
                g.items.append(got)
        tick(url)

    # Uploaded files: written to a temp dir under their own names and read like `ingest` reads them.
    if request.uploads:
        with tempfile.TemporaryDirectory(prefix="mediametrics-upload-") as tmp:
            for n, upload in enumerate(request.uploads):
                name = Path(upload.name).name or f"upload-{n}.txt"
                try:
                    if Path(name).suffix.lower() not in SUFFIXES:
                        raise BadInput(f"not a .txt or .html file ({Path(name).suffix or 'no suffix'})")
                    path = Path(tmp) / str(n) / name
                    path.parent.mkdir()
                    path.write_bytes(upload.data)
                    item = read_article(path, story=request.story, tags=request.tags, tz_map=request.tz_map)
                except BadInput as exc:
                    g.errors.append(InputError(name, str(exc)))
                    g.rows.append(InputOutcome(name, "file", FAILED, str(exc)))
                else:
                    g.rows.append(InputOutcome(name, "file", NOT_RECORDED, item=len(g.items)))
                    g.items.append(replace(item, source=name))
                tick(name)

    # Feeds: a conditional GET with the stored validators; new entries read like any page.
    known = set(recorded)
    for url in request.feeds:
        etag, last_modified, stored_story = feed_states.get(url, (None, None, None))
        feed_story = request.story.title if request.story else stored_story
        story = request.story or (StoryRef(title=stored_story) if stored_story else None)
        result = collect_feed(FeedState(url, etag, last_modified), known_urls=known, story=story,
                              tags=request.tags, tz_map=request.tz_map, config=config, http=http)
        g.feed_results.append((result, request.story.key if request.story else feed_story))
        feed_failed = bool(result.errors) and not result.entries and not result.unchanged
        if feed_failed:
            reason = "; ".join(e.reason for e in result.errors if e.input == url) or str(result.errors[0])
            g.rows.append(InputOutcome(url, "feed", FAILED, reason))
        elif result.unchanged:
            g.rows.append(InputOutcome(url, "feed", POLLED, "unchanged since the last poll (HTTP 304)"))
        else:
            g.rows.append(InputOutcome(url, "feed", POLLED, f"{result.entries} entr{'y' if result.entries == 1 else 'ies'}, "
                                       f"{result.known} already recorded, {len(result.items)} new read"))
        g.errors += result.errors
        if not feed_failed:
            for error in result.errors:
                g.rows.append(InputOutcome(error.input, "feed entry", FAILED, error.reason))
        for item in result.items:
            g.rows.append(InputOutcome(item.source, "feed entry", NOT_RECORDED, item=len(g.items)))
            g.items.append(item)
        known |= {i.meta.canonical_url or "" for i in result.items}
        tick(url)

    # YouTube: one videos.list request per 50 ids.
    if request.youtube:
        key = youtube_key()
        if key is None:
            g.video_errors = [InputError(v, MISSING_KEY_REASON) for v in request.youtube]
        else:
            g.snapshots, g.video_errors = fetch_videos(request.youtube, api_key=key, base_url=youtube_base,
                                                       config=config)
        failed = {e.input: e.reason for e in g.video_errors}
        measured = {s.platform_id for s in g.snapshots}
        seen: set[str] = set()
        for value in request.youtube:
            vid = video_id(value)
            if value in failed:
                g.rows.append(InputOutcome(value, "video", FAILED, failed[value]))
            elif vid in seen:
                g.rows.append(InputOutcome(value, "video", KNOWN, f"the same video as an earlier line ({vid})"))
            elif vid in measured:
                g.rows.append(InputOutcome(value, "video", NOT_RECORDED, video=vid))
                if request.story:
                    g.video_stories.setdefault(vid, []).append(request.story.key)
            if vid:
                seen.add(vid)
        tick(f"{_plural(len(request.youtube), 'video')}", len(request.youtube))
    return g


def _command(request: CollectRequest) -> str:
    parts = ["dashboard collect", *request.urls, *(f"--file {u.name}" for u in request.uploads),
             *(f"--feed {f}" for f in request.feeds)]
    return " ".join(parts)


def _collector(request: CollectRequest) -> str:
    kinds = [name for name, given in (("web", request.urls), ("files", request.uploads), ("feed", request.feeds))
             if given]
    return kinds[0] if len(kinds) == 1 else "dashboard"


def feed_state_writer(
    feed_results: Sequence[tuple[Any, str | None]],
) -> Callable[[duckdb.DuckDBPyConnection, int], None] | None:
    """Store each polled feed's new validators (and story slug) in the articles' transaction."""
    if not feed_results:
        return None

    def write(con: duckdb.DuckDBPyConnection, run_id: int) -> None:
        now = datetime.now(UTC)
        for result, slug in feed_results:
            if result.errors and not result.entries and not result.unchanged:
                continue  # the feed itself failed: keep the old validators
            run(con, "feed_state_upsert", url=result.state.url, title=result.title, story_slug=slug,
                etag=result.state.etag, last_modified=result.state.last_modified, polled_at=now,
                entries=result.entries)

    return write


def record(g: Gathered, *, lock_wait_s: float = WRITE_LOCK_WAIT_S, db: Path | None = None) -> CollectResult:
    """Write what `gather` read: one transaction for the articles, one for the videos."""
    rows_out = [replace(r) for r in g.rows]
    result = CollectResult(rows=rows_out)
    if not (g.has_articles or g.request.youtube):
        return result
    try:
        con = connect(db, lock_wait_s=lock_wait_s)
    except DatabaseLockedError as exc:
        result.locked = str(exc)
        result.pending = g
        for row in rows_out:
            if row.status == NOT_RECORDED:
                row.detail = "read; not recorded yet: the database is in use by another process"
        return result
    except StoreError as exc:
        result.problem = f"nothing recorded: {exc}"
        return result
    try:
        if g.has_articles:
            try:
                written = record_articles(con, g.items, collector=_collector(g.request), command=_command(g.request),
                                          errors=g.errors, also=feed_state_writer(g.feed_results))
            except Exception as exc:  # noqa: BLE001 - the batch rolled back; say so and keep a trace
                record_failed_run(con, collector=_collector(g.request), command=_command(g.request),
                                  errors=[*g.errors, InputError("dashboard", f"nothing recorded: {exc}")])
                result.problem = f"no article was recorded, the database is unchanged: {exc}"
            else:
                result.article_run = written.run_id
                for row in rows_out:
                    if row.item is not None:
                        _fill_article(row, written.outcomes[row.item])
        if g.request.youtube:
            try:
                # VideoSnapshot is frozen; record.MediaSnapshot declares settable attributes (mypy only).
                media = record_media(con, g.snapshots, collector="youtube",  # type: ignore[arg-type]
                                     command=f"dashboard collect --youtube {' '.join(g.request.youtube)}",
                                     stories=g.video_stories, errors=g.video_errors)
            except Exception as exc:  # noqa: BLE001
                result.problem = "; ".join(p for p in (result.problem, f"no video was recorded: {exc}") if p)
            else:
                result.media_run = media.run_id
                snaps = {s.platform_id: s for s in g.snapshots}
                for row in rows_out:
                    if row.video is not None and row.video in snaps:
                        row.status, row.detail = MEASURED, _describe_video(snaps[row.video])
                        row.video = None
    finally:
        con.close()
    return result


def _fill_article(row: InputOutcome, outcome: Any) -> None:
    if outcome.status == "unchanged":
        row.status = KNOWN
        row.detail = f"article #{outcome.article_id} in story {outcome.story_slug}"
    else:
        row.status = ADDED
        row.detail = (f"article #{outcome.article_id} in story {outcome.story_slug}; "
                      f"{_plural(outcome.claims_added, 'figure')}, {_plural(outcome.time_refs_added, 'time reference')}")
        if outcome.warnings:
            row.detail += " (" + "; ".join(outcome.warnings) + ")"
    row.item = None


def _describe_video(snap: VideoSnapshot) -> str:
    counts = ", ".join(f"{k} {v:,.0f}" for k, v in sorted(snap.metrics.items())) or "no public counts"
    return f"{snap.title or snap.platform_id}: {counts} at {snap.observed_at:%Y-%m-%d %H:%M} UTC"


def collect(
    request: CollectRequest,
    *,
    progress: Progress | None = None,
    config: FetchConfig = DEFAULT_FETCH,
    db: Path | None = None,
    lock_wait_s: float = WRITE_LOCK_WAIT_S,
    youtube_base: str | None = None,
) -> CollectResult:
    """Fetch and read every input, then record them; one row per input in the result."""
    gathered = gather(request, progress=progress, config=config, db=db, youtube_base=youtube_base)
    return record(gathered, lock_wait_s=lock_wait_s, db=db)


def story_ref(choice: str | None, titles: dict[str, str]) -> StoryRef | None:
    """The Story field: an existing story's slug, a new title typed in, or nothing (automatic)."""
    if not choice or not choice.strip():
        return None
    if choice in titles:
        return StoryRef(title=titles[choice], slug=choice)
    return StoryRef(title=choice.strip())


def uploads(files: Iterable[Any] | None) -> tuple[Upload, ...]:
    """Streamlit UploadedFile objects (name, getvalue()) as Uploads."""
    return tuple(Upload(name=f.name, data=f.getvalue()) for f in files or ())


def outcome_table(result: CollectResult) -> list[dict[str, str]]:
    return [{"input": r.input, "kind": r.kind, "outcome": r.status, "detail": r.detail} for r in result.rows]


