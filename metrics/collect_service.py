"""The one collect orchestrator: every source, for the command line and the Collect page alike.

A `CollectRequest` names what to collect: files and folders, uploaded files, article URLs, feeds,
YouTube videos, a GDELT query, files of entered figures, or `poll` (every tracked feed and video
again). `gather` reads and fetches all of it with the collectors and writes nothing; `record`
writes what was gathered through metrics.record (one transaction for the articles with the
feeds' validators and GDELT's counts, one for the video measurements); `collect` does both. The
command line and the page only build a request and show the result's rows.

The same rules hold for every caller:
- Every input ends as one row (added, already recorded, failed with its reason, measured...), so
  one bad input never hides the others. Whatever goes wrong while one file, upload, URL, feed,
  import, GDELT query or the videos are read, foreseen or not, becomes that input's row
  (`_isolated`; the traceback goes to the debug log, which `--debug` shows); an item the write
  path could not take (a URL that does not parse, a name that is not text) is refused alone
  before the batch is written (`_admitted`). The same input given twice is collected once.
- State (URLs recorded, feed validators, tracked feeds and videos) is read over a short read-only
  connection; writes wait `lock_wait_s` for a file another process holds.
- What was fetched is never lost: if the database stays locked (or a team store's writers keep
  conflicting with this one, store.ConcurrentWrites), the gathered batch is kept in a file beside
  the database (`pending/`; for a team store, `data/pending/` under the working folder), and the
  next run that can write, from either the command line or the page, records it first.

A new source is a collector module (source in, model values out), one `_gather_*` step below
wired into `gather`, a field on `CollectRequest`, and its form field and CLI flag.
"""

from __future__ import annotations

import hashlib
import logging
import tempfile
import warnings
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, TypeVar

import duckdb
import requests

from metrics import kept as kept_file
from metrics.collectors.entered import ImportDefaults, read_entered
from metrics.collectors.feeds import FeedResult, FeedState, collect_feed
from metrics.collectors.files import (
    SUFFIXES,
    BadInput,
    FileJob,
    expand,
    name_of,
    read_article,
    read_job,
    skipped_in_folders,
    unexpected,
    without_malformed_link,
)
from metrics.collectors.gdelt import GdeltError, fetch_articles, fetch_volume
from metrics.collectors.http import DEFAULT_FETCH, FetchConfig, by_host, host_of, session
from metrics.collectors.robots import obeying
from metrics.collectors.web import PAGES_FOR_WORKERS, collect_urls
from metrics.collectors.youtube import fetch_videos, video_id
from metrics.config import DEFAULT_DB, Settings, TeamStore
from metrics.model import (
    ArticleInput,
    Claim,
    DocumentMeta,
    InputError,
    MediaSnapshot,
    Outcome,
    PublishTime,
    StoryRef,
    TimeRef,
    VolumePoint,
)
from metrics.normalize import as_text, canonical_url, is_text, shown, url_key
from metrics.record import record_articles, record_failed_run, record_media, resolve_story, volume_writer
from metrics.store import (
    ConcurrentWrites,
    DatabaseLockedError,
    StoreError,
    ensure_current,
    reading,
    retried,
    rows,
    run,
    transaction,
    writing,
)
from metrics.workers import in_order, kept_workers

log = logging.getLogger("mediametrics.collect")
# Files read and recorded per transaction when there are more: what a batch holds in memory
# (texts, claims) is about 35 KB an article, so ~70 MB a batch, whatever the number of files.
INGEST_BATCH_FILES = 2_000

MISSING_KEY = (
    "YOUTUBE_API_KEY is not set: videos cannot be measured. Create a YouTube Data API v3 key in the "
    "Google Cloud console and set YOUTUBE_API_KEY in the environment mediametrics runs in (the key is "
    "read from the environment, never stored or shown)."
)
MISSING_KEY_REASON = "not measured: YOUTUBE_API_KEY is not set"
NOTHING_TO_POLL = "nothing to poll yet: add feeds with `collect --feed URL` and videos with `collect --youtube ID`"

# Outcome statuses, as shown.
ADDED = "added"
KNOWN = "already recorded"
REPEATED = "repeated input"
FAILED = "failed"
MEASURED = "measured"
POLLED = "read"
NOT_RECORDED = "read, not recorded"

T = TypeVar("T")
Progress = Callable[[float, int, str], None]  # (inputs done, a fraction within one; inputs in all; the input)


@dataclass(frozen=True)
class Upload:
    """An uploaded file: its name as the user's machine called it, and its bytes."""

    name: str
    data: bytes


@dataclass(frozen=True)
class GdeltQuery:
    """Coverage volume and the matching article list from GDELT's DOC 2.0 API, for one story."""

    query: str
    since: datetime
    until: datetime | None = None
    max_articles: int = 1000


@dataclass(frozen=True)
class CollectRequest:
    paths: tuple[str, ...] = ()  # .txt/.html files and folders of them
    uploads: tuple[Upload, ...] = ()
    urls: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()
    youtube: tuple[str, ...] = ()
    gdelt: GdeltQuery | None = None
    imports: tuple[str, ...] = ()  # JSON Lines or CSV files of entered articles and figures
    poll: bool = False  # every tracked feed and video again
    story: StoryRef | None = None  # None: each article joins a matching story or starts one
    tags: tuple[str, ...] = ()
    refetch: bool = False  # fetch URLs that are already recorded again
    tz_map: str | None = None
    errors: tuple[InputError, ...] = ()  # inputs that failed before collecting (an unreadable URL list)
    command: str = "collect"  # as the user gave it; recorded with the run

    @property
    def total(self) -> int:
        return (len(self.paths) + len(self.uploads) + len(self.urls) + len(self.feeds) + len(self.youtube)
                + len(self.imports) + (self.gdelt is not None) + self.poll)


@dataclass
class InputOutcome:
    """One row of the result: an input (or a feed's entry, an import's record), what became of it, why."""

    input: str
    kind: str  # 'file' | 'url' | 'feed' | 'feed entry' | 'video' | 'record' | 'gdelt' | 'gdelt article'
    status: str  # ADDED | KNOWN | REPEATED | FAILED | MEASURED | POLLED | NOT_RECORDED
    detail: str = ""
    item: int | None = None  # index into Gathered.items, until recorded
    video: str | None = None  # the video id, until recorded
    warnings: tuple[str, ...] = ()


@dataclass
class Gathered:
    """Everything read, before anything is written."""

    request: CollectRequest
    rows: list[InputOutcome] = field(default_factory=list)
    items: list[ArticleInput] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)  # article-side inputs that failed
    feed_results: list[tuple[FeedResult, str | None]] = field(default_factory=list)  # (result, story slug)
    volumes: list[tuple[StoryRef, str, list[VolumePoint]]] = field(default_factory=list)  # (story, query, points)
    snapshots: list[MediaSnapshot] = field(default_factory=list)
    video_errors: list[InputError] = field(default_factory=list)
    video_stories: dict[str, list[str]] = field(default_factory=dict)
    videos_asked: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # said once to the user (skipped files...)
    warnings: list[str] = field(default_factory=list)  # what the user must act on (no API key, GDELT's limits)

    @property
    def has_articles(self) -> bool:
        return bool(self.items or self.errors or self.feed_results or self.volumes)

    @property
    def has_videos(self) -> bool:
        return bool(self.videos_asked)


@dataclass
class CollectResult:
    rows: list[InputOutcome]
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    article_run: int | None = None
    media_run: int | None = None
    locked: str | None = None  # the database was held by another process: nothing was written
    kept: Path | None = None  # ... and what was gathered waits in this file for the next run
    problem: str | None = None  # a write failed and rolled back
    earlier: list[str] = field(default_factory=list)  # batches kept by earlier runs, recorded now
    more_runs: list[int] = field(default_factory=list)  # a many-file collect's later batches' runs

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
        return self.article_run is not None or self.media_run is not None or bool(self.earlier)


# --- reading the inputs ---------------------------------------------------------------------------


class _Ticker:
    def __init__(self, total: int, progress: Progress | None) -> None:
        self.total, self.done, self.progress = max(total, 1), 0, progress

    def __call__(self, label: str, n: int = 1) -> None:
        self.done += n
        if self.progress is not None:
            self.progress(min(self.done, self.total), self.total, label)

    def part(self, label: str, done: int, total: int) -> None:
        """Progress within the current input (an import's lines), as a fraction of one input."""
        if self.progress is not None and total:
            self.progress(min(self.done + done / total, self.total), self.total, label)


@dataclass
class _KnownState:
    asked: set[str] = field(default_factory=set)  # canonical URLs asked for, landed on or declared
    recorded: set[str] = field(default_factory=set)  # canonical URLs of recorded articles
    feeds: dict[str, tuple[str | None, str | None, str | None]] = field(default_factory=dict)
    tracked_feeds: list[str] = field(default_factory=list)
    tracked_videos: dict[str, list[str]] = field(default_factory=dict)  # video id -> story slugs


def asked_urls(con: duckdb.DuckDBPyConnection) -> set[str]:
    """Canonical forms of every URL an article was asked for, landed on or declared (one stored URL
    that no longer parses is kept as written rather than failing every later run)."""
    return {url_key(u) for row in rows(con, "known_article_urls") for u in row if u}


def _known_state(request: CollectRequest, cfg: Settings) -> _KnownState:
    """What the store already holds that this request needs, over one read-only connection. If the
    database cannot be read now, everything is fetched and the write path still keeps duplicates out."""
    state = _KnownState()
    if not (request.urls or request.feeds or request.poll):
        return state  # `extract` gathers too, and needs no database at all
    if isinstance(cfg.db, Path) and not cfg.db.exists():
        return state
    try:
        with reading(cfg.db) as con:
            state.asked = asked_urls(con)
            state.recorded = {r.canonical_url for r in rows(con, "canonical_urls")}
            feeds = rows(con, "feeds_all")
            state.feeds = {f.url: (f.etag, f.last_modified, f.story_slug) for f in feeds}
            if request.poll:
                state.tracked_feeds = [f.url for f in feeds]
                state.tracked_videos = {v.platform_id: [s for s in (v.stories or "").split(",") if s]
                                        for v in rows(con, "tracked_media", platform="youtube")}
    except (StoreError, duckdb.Error) as exc:
        if request.poll:  # what to poll is only in the database: say why nothing was polled
            raise StoreError(f"cannot read what to poll: {exc}") from exc
        state = _KnownState()
    # A batch kept while the database was locked is recorded before this one: not fetched again.
    state.asked |= {url_key(u) for batch in _load_kept(cfg) for item in batch.items
                    for u in (item.url, item.source, item.meta.canonical_url) if u}
    return state


def _once(values: Iterable[T], key: Callable[[T], object] = lambda v: v) -> tuple[list[T], list[T]]:
    """The values whose key was not seen before, in order, and the repeats."""
    seen: set[object] = set()
    first: list[T] = []
    again: list[T] = []
    for value in values:
        k = key(value)
        (again if k in seen else first).append(value)
        seen.add(k)
    return first, again


def _repeated(g: Gathered, values: Iterable[str], kind: str) -> None:
    for value in values:
        g.rows.append(InputOutcome(shown(value), kind, REPEATED, "the same as an earlier input; collected once"))


def _add_item(g: Gathered, label: str, kind: str, got: ArticleInput | InputError) -> None:
    if isinstance(got, ArticleInput):
        got = _admitted(got, label)
    if isinstance(got, InputError):
        got = InputError(shown(got.input), shown(got.reason))
        g.errors.append(got)
        g.rows.append(InputOutcome(got.input, kind, FAILED, got.reason))
    else:
        g.rows.append(InputOutcome(shown(label), kind, NOT_RECORDED, item=len(g.items), warnings=got.warnings))
        g.items.append(got)


def _admitted(item: ArticleInput, label: str) -> ArticleInput | InputError:
    """The item as the write path can take it, or why it cannot: the batch is one transaction, so
    one value it would refuse (a URL that does not parse, a string holding undecodable bytes)
    would otherwise cost every other input of the run."""
    meta, dropped = without_malformed_link(item.meta)
    if item.url:
        try:
            canonical_url(item.url)
        except ValueError as exc:
            return InputError(label, str(exc))
    if not is_text(item.text or ""):
        return InputError(label, "its text holds bytes that are not text")
    meta = replace(meta, title=as_text(meta.title) if meta.title else meta.title)
    return replace(item, source=shown(item.source), meta=meta,
                   warnings=(*item.warnings, dropped) if dropped else item.warnings)


@contextmanager
def _isolated(g: Gathered, label: str, kind: str) -> Iterator[None]:
    """Whatever goes wrong while one input is read becomes that input's row; the others go on."""
    try:
        yield
    except Exception as exc:  # the boundary of one input: nothing may cross it
        log.debug("%s %s failed", kind, shown(label), exc_info=True)
        _add_item(g, label, kind, InputError(label, unexpected(exc)))


@dataclass(frozen=True)
class _FilePart:
    """Which of a request's files one gather reads: all of them, or one batch of many (collect)."""

    files: list[Path]  # to read now
    errors: list[InputError]  # paths that could not be listed, said with the first part
    folders: tuple[str, ...]  # the folders given, checked with the first part
    every: list[Path]  # every file the folders hold, for that check


def _all_files(request: CollectRequest) -> _FilePart:
    files, errors = expand(request.paths) if request.paths else ([], [])
    return _FilePart(files, errors, request.paths, files)


def gather(
    request: CollectRequest,
    cfg: Settings,
    *,
    progress: Progress | None = None,
    config: FetchConfig = DEFAULT_FETCH,
    part: _FilePart | None = None,
) -> Gathered:
    """Read and fetch every input (of the files, `part`'s); `progress(done, total, input)` after
    each. Writes nothing."""
    request = _text_only(request)
    g = Gathered(request=request)
    g.errors += request.errors
    g.rows += [InputOutcome(e.input, "input", FAILED, e.reason) for e in request.errors]
    known = _known_state(request, cfg)
    part = part or _all_files(request)
    feeds = set(request.feeds) | set(known.tracked_feeds)
    tick = _Ticker(len(part.files) + len(part.errors) + len(request.uploads) + len(request.urls) + len(feeds)
                   + len(request.imports) + (request.gdelt is not None)
                   + bool(request.youtube or known.tracked_videos), progress)
    http = session(config) if (request.urls or request.feeds or request.poll or request.gdelt) else None

    _gather_files(g, part, tick)
    _gather_uploads(g, tick)
    _gather_urls(g, known, config, http, tick)
    _gather_feeds(g, known, config, http, tick)
    _gather_imports(g, tick)
    if request.gdelt is not None:
        label = f"gdelt {request.gdelt.query!r}"
        with _isolated(g, label, "gdelt"):
            # GDELT's address is the operator's setting (MEDIAMETRICS_GDELT_BASE), not a user's target.
            _gather_gdelt(g, cfg, replace(config, public_only=False), http, tick)
    with _isolated(g, "videos", "video"):
        _gather_videos(g, known, cfg, config, tick)
    return g


def _text_only(request: CollectRequest) -> CollectRequest:
    """The request's own words (story, tags, the command line) as storable text: an argument with
    bytes that are not UTF-8 reaches Python as lone surrogates, which the database refuses."""
    story = request.story
    if story is not None:
        story = replace(story, title=as_text(story.title), slug=as_text(story.slug) if story.slug else story.slug)
    return replace(request, story=story, tags=tuple(map(as_text, request.tags)), command=shown(request.command),
                   errors=tuple(InputError(shown(e.input), shown(e.reason)) for e in request.errors))


def _gather_files(g: Gathered, part: _FilePart, tick: _Ticker) -> None:
    r = g.request
    files = part.files
    for error in part.errors:
        _add_item(g, error.input, "file", error)
        tick(error.input)
    skipped = skipped_in_folders(part.folders)
    if skipped:
        g.notes.append(f"skipping {_plural(len(skipped), 'file')} in the given folders that are not .txt or .html "
                       f"(for example {skipped[0]})")
    unique, again = _once(files, key=_resolved)
    _repeated(g, map(name_of, again), "file")
    jobs = [FileJob(path, r.story, r.tags, r.tz_map) for path in unique]
    for path, (got, trace) in zip(unique, in_order(read_job, jobs), strict=True):
        name = name_of(path)
        if trace:
            log.debug("file %s failed:\n%s", name, trace)
        with _isolated(g, name, "file"):
            _add_item(g, name, "file", got)
        tick(name)
    holding = {folder for f in part.every for folder in f.parents}
    for raw in part.folders:
        if _is_dir(raw) and Path(raw) not in holding:
            _add_item(g, name_of(raw), "folder", InputError(name_of(raw), "no .txt or .html files in this folder"))


def _is_dir(raw: str) -> bool:
    try:
        return Path(raw).is_dir()
    except (OSError, ValueError):  # a name too long, say: expand() has made it that path's error
        return False


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a symlink loop: the path as given is its own key
        return path


def _gather_uploads(g: Gathered, tick: _Ticker) -> None:
    """Uploaded files are written to a temp dir under their own names and read like `ingest` reads them."""
    r = g.request
    if not r.uploads:
        return
    with tempfile.TemporaryDirectory(prefix="mediametrics-upload-") as tmp:
        seen: set[tuple[str, bytes]] = set()
        for n, upload in enumerate(r.uploads):
            name = shown(Path(upload.name).name) or f"upload-{n}.txt"
            if (name, upload.data) in seen:
                _repeated(g, [name], "file")
                tick(name)
                continue
            seen.add((name, upload.data))
            with _isolated(g, name, "file"):
                try:
                    if Path(name).suffix.lower() not in SUFFIXES:
                        raise BadInput(f"not a .txt or .html file ({Path(name).suffix or 'no suffix'})")
                    # Written under a name of our own: the user's (a NUL byte, a reserved name) is only shown.
                    path = Path(tmp) / f"{n}{Path(name).suffix.lower()}"
                    path.write_bytes(upload.data)
                    item = read_article(path, story=r.story, tags=r.tags, tz_map=r.tz_map)
                    if item.meta.title == path.stem:  # read_article's fallback title: the name, here ours
                        item = replace(item, meta=replace(item.meta, title=Path(name).stem))
                    got: ArticleInput | InputError = replace(item, source=name)
                except BadInput as exc:
                    got = InputError(name, str(exc))
                _add_item(g, name, "file", got)
            tick(name)


def _gather_urls(g: Gathered, known: _KnownState, config: FetchConfig, http: requests.Session | None, tick: _Ticker) -> None:
    """The URLs fetched together (several at once, a few per host, each if its site's robots.txt
    allows it) and read on every core when many (collect_urls); their rows in input order. A URL
    recorded before is not fetched again unless asked."""
    r = g.request
    unique, again = _once([u.strip() for u in r.urls if u.strip()], key=url_key)
    _repeated(g, again, "url")
    known_rows = {u for u in unique if not r.refetch and url_key(u) in known.asked}
    todo = [u for u in unique if u not in known_rows and not u.startswith("#")]
    # One set of workers for all the pages, when they are many enough for in_order to use workers. They
    # import the main module (the CLI, the page, a script) after they fork: preloading the orchestrator,
    # which each of those imports, spares every worker the same imports (~0.3 s of CPU).
    with kept_workers(__name__) if len(todo) >= PAGES_FOR_WORKERS else nullcontext():
        read = collect_urls(todo, story=r.story, tags=r.tags, tz_map=r.tz_map, config=config, http=http)
        for url in unique:
            if url in known_rows:
                g.rows.append(InputOutcome(shown(url), "url", KNOWN,
                                           "recorded before; not fetched again (refetch to fetch it)"))
            elif not url.startswith("#"):  # a comment line: no row, as collect_urls skips it
                with _isolated(g, url, "url"):
                    got = next(read, None)
                    if got is None:  # the reader itself failed at an earlier URL (its row says how)
                        got = InputError(url, "not read: reading the URLs stopped at an earlier failure")
                    _add_item(g, url, "url", got)
            tick(url)


def _gather_feeds(g: Gathered, known: _KnownState, config: FetchConfig, http: requests.Session | None, tick: _Ticker) -> None:
    """Each feed polled with a conditional GET (the stored validators), several at once and a few per
    host, the feed and its entries' pages only as their sites' robots.txt allow; new entries read
    like any page. Their rows in input order."""
    r = g.request
    feeds, again = _once([f.strip() for f in (*r.feeds, *known.tracked_feeds) if f.strip()])
    _repeated(g, [f for f in again if f not in known.tracked_feeds], "feed")
    http = http or session(config)

    def poll(url: str) -> tuple[FeedResult, StoryRef | None] | Exception:
        """One feed, in a thread: whatever goes wrong is returned, to become that feed's row."""
        etag, last_modified, stored_story = known.feeds.get(url, (None, None, None))
        story = r.story or (StoryRef(title=stored_story) if stored_story else None)
        try:
            with obeying(http, config):
                return collect_feed(FeedState(url, etag, last_modified), known_urls=known.recorded, story=story,
                                    tags=r.tags, tz_map=r.tz_map, config=config, http=http), story
        except Exception as exc:  # noqa: BLE001 - raised again below, inside the feed's _isolated
            return exc

    seen_urls: set[str] = set()  # the articles this run's earlier feeds read
    for url, got in zip(feeds, by_host(poll, feeds, host=host_of), strict=True):
        with _isolated(g, url, "feed"):
            if isinstance(got, Exception):
                raise got
            _gather_feed(g, url, *got, seen_urls)
        tick(url)


def _gather_feed(g: Gathered, url: str, result: FeedResult, story: StoryRef | None, seen_urls: set[str]) -> None:
    """One polled feed's rows. An entry an earlier feed of this run already read (feeds are read at
    the same time, so both fetched it) counts as known here, as if this feed had been read after."""
    earlier = [i for i in result.items if url_key(i.meta.canonical_url or "") in seen_urls]
    if earlier:
        result.items = [i for i in result.items if all(i is not e for e in earlier)]
        result.known += len(earlier)
    g.feed_results.append((result, story.key if story else None))
    feed_failed = bool(result.errors) and not result.entries and not result.unchanged
    if feed_failed:
        reason = "; ".join(e.reason for e in result.errors if e.input == url) or str(result.errors[0])
        _add_item(g, url, "feed", InputError(url, reason))
    else:
        detail = ("unchanged since the last poll (304)" if result.unchanged else
                  f"{result.entries} entr{'y' if result.entries == 1 else 'ies'}, {result.known} already "
                  f"recorded, {len(result.items)} new read")
        g.rows.append(InputOutcome(shown(url), "feed", POLLED, detail))
        for error in result.errors:
            _add_item(g, error.input, "feed entry", error)
    for item in result.items:
        _add_item(g, item.source, "feed entry", item)
    seen_urls |= {url_key(i.meta.canonical_url or "") for i in result.items}


def _gather_imports(g: Gathered, tick: _Ticker) -> None:
    r = g.request
    unique, again = _once(list(r.imports), key=lambda p: Path(p).resolve())
    _repeated(g, again, "import")
    for path in unique:
        def lines_read(done: int, total: int, path: str = path) -> None:
            tick.part(f"{path}: line {done:,} of {total:,}", done, total)

        with _isolated(g, path, "import"):
            items, errors = read_entered(
                Path(path), ImportDefaults(story=r.story, tags=r.tags, tz_map=r.tz_map), progress=lines_read
            )
            for item in items:
                _add_item(g, item.source, "record", item)
            for error in errors:
                _add_item(g, error.input, "record", error)
        tick(path)


def _gather_gdelt(g: Gathered, cfg: Settings, config: FetchConfig, http: requests.Session | None, tick: _Ticker) -> None:
    """GDELT's coverage volume (matching and monitored counts per step) and its article list."""
    q, story = g.request.gdelt, g.request.story
    if q is None:
        return
    label = f"gdelt {q.query!r}"
    if story is None:
        _add_item(g, label, "gdelt", InputError(label, "GDELT coverage belongs to a story: name one"))
        tick(label)
        return
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            points = fetch_volume(q.query, since=q.since, until=q.until, base_url=cfg.gdelt_base, config=config,
                                  http=http)
        except GdeltError as exc:
            points = []
            _add_item(g, f"{label} volume", "gdelt", InputError(f"{label} volume", str(exc)))
        try:
            listed, notes = fetch_articles(q.query, since=q.since, until=q.until, max_articles=q.max_articles,
                                           base_url=cfg.gdelt_base, config=config, http=http)
        except GdeltError as exc:
            listed, notes = [], []
            _add_item(g, f"{label} articles", "gdelt", InputError(f"{label} articles", str(exc)))
    g.warnings += [f"gdelt: {note}" for note in dict.fromkeys([*(str(w.message) for w in caught), *notes])]
    if points:
        g.volumes.append((story, q.query, points))
        g.rows.append(InputOutcome(label, "gdelt", POLLED, f"{len(points)} steps, "
                                   f"{sum(p.articles for p in points)} matching articles in all"))
    for a in listed:
        published = PublishTime(
            instant=a.seen_at, offset=None, precision="minute",
            source="gdelt: seendate (when GDELT first saw it, not the outlet's own time)",
            tz_rule="UTC as GDELT reports it") if a.seen_at else None
        item = ArticleInput(
            source=f"gdelt:{q.query}", origin="gdelt", text=None, url=a.url, story=story,
            meta=DocumentMeta(title=a.title, outlet=a.domain, language=a.language, published=published),
            note=f"listed by GDELT for {q.query!r}; source country {a.source_country or 'unknown'}")
        _add_item(g, a.url, "gdelt article", item)
    tick(label)


def _gather_videos(g: Gathered, known: _KnownState, cfg: Settings, config: FetchConfig, tick: _Ticker) -> None:
    """One videos.list request per 50 ids; a video given twice is asked for once."""
    r = g.request
    asked = [v.strip() for v in r.youtube if v.strip()]
    unique, again = _once(asked, key=lambda v: video_id(v) or v)
    _repeated(g, again, "video")
    given = {vid for vid in map(video_id, unique) if vid}
    values = [*unique, *(v for v in known.tracked_videos if v not in given)]
    if not values:
        if r.poll and not known.tracked_feeds:
            g.notes.append(NOTHING_TO_POLL)
        return
    g.videos_asked = values
    links = {vid: list(slugs) for vid, slugs in known.tracked_videos.items()}
    if r.story:
        for vid in given:
            links.setdefault(vid, []).append(r.story.key)
    g.video_stories = {vid: list(dict.fromkeys(slugs)) for vid, slugs in links.items()}
    if cfg.youtube_api_key is None:
        g.video_errors = [InputError(v, MISSING_KEY_REASON) for v in values]
        g.warnings.append(MISSING_KEY)
    else:
        try:
            g.snapshots, g.video_errors = fetch_videos(values, api_key=cfg.youtube_api_key,
                                                       base_url=cfg.youtube_base, config=config)
        except Exception as exc:  # the videos are asked for together: each gets the one reason
            log.debug("videos failed", exc_info=True)
            g.snapshots, g.video_errors = [], [InputError(v, unexpected(exc)) for v in values]
    failed = {e.input: e.reason for e in g.video_errors}
    for value in values:
        if value in failed:
            g.rows.append(InputOutcome(shown(value), "video", FAILED, shown(failed[value])))
        else:
            g.rows.append(InputOutcome(shown(value), "video", NOT_RECORDED, video=video_id(value)))
    tick(_plural(len(values), "video"))


# --- recording what was read ------------------------------------------------------------------------


def _kinds(request: CollectRequest) -> str:
    """The collector named in the run's row: the one source, or the sources joined."""
    kinds = [name for name, given in (("files", request.paths or request.uploads), ("web", request.urls),
                                      ("feed", request.feeds or request.poll), ("import", request.imports),
                                      ("gdelt", request.gdelt)) if given]
    return "+".join(kinds) or "collect"


def _also_writer(g: Gathered) -> Callable[[duckdb.DuckDBPyConnection, int], None] | None:
    """Each polled feed's new validators and GDELT's counts, in the articles' transaction, so a batch
    that rolls back never leaves the feed saying its entries were read."""
    if not (g.feed_results or g.volumes):
        return None
    volume_writers = [volume_writer(story, "gdelt", query, points) for story, query, points in g.volumes]

    def write(con: duckdb.DuckDBPyConnection, run_id: int) -> None:
        now = datetime.now(UTC)
        # A named story may have landed under another slug than its key (a name that slugs like
        # another story's gets "-2"): the feed remembers the story its entries were filed in.
        named = (g.request.story.key, resolve_story(con, g.request.story)[1]) if g.request.story else None
        for result, slug in g.feed_results:
            if named is not None and slug == named[0]:
                slug = named[1]
            if result.errors and not result.entries and not result.unchanged:
                continue  # the feed itself failed: keep the old validators
            run(con, "feed_state_upsert", url=result.state.url, title=result.title, story_slug=slug,
                etag=result.state.etag, last_modified=result.state.last_modified, polled_at=now,
                entries=result.entries)
        for writer in volume_writers:
            writer(con, run_id)

    return write


def _write(
    con: duckdb.DuckDBPyConnection, g: Gathered, result: CollectResult, started_by: str | None,
    progress: Progress | None = None,
) -> None:
    command = shown(g.request.command)  # a batch kept by an older version may hold undecodable bytes
    if g.has_articles:
        collector = _kinds(g.request)
        try:
            written = record_articles(
                con, g.items, collector=collector, command=command, errors=g.errors, also=_also_writer(g),
                started_by=started_by,
                progress=(lambda d, t: progress(d, t, f"recording {d:,} of {t:,} articles")) if progress else None,
            )
        except ConcurrentWrites:
            raise  # nothing written, for want of a turn: `record` keeps the batch for a later run
        except Exception as exc:  # the batch rolled back; say so and keep a trace
            log.debug("recording the articles failed", exc_info=True)
            result.problem = f"no article was recorded, the database is unchanged: {shown(str(exc))}"
            try:
                record_failed_run(con, collector=collector, command=command, started_by=started_by,
                                  errors=[*g.errors, InputError(command, f"nothing recorded: {shown(str(exc))}")])
            except Exception:  # the trace is a courtesy: its failure must not hide the first
                log.debug("recording the failed run failed too", exc_info=True)
        else:
            result.article_run = written.run_id
            for row in result.rows:
                if row.item is not None:
                    _fill_article(row, written.outcomes[row.item])
    if g.has_videos:
        try:
            media = record_media(con, g.snapshots, collector="youtube", command=command, stories=_video_stories(con, g),
                                 errors=g.video_errors, started_by=started_by)
        except ConcurrentWrites:
            raise
        except Exception as exc:  # noqa: BLE001 - the videos' transaction rolled back
            result.problem = "; ".join(p for p in (result.problem, f"no video was recorded: {exc}") if p)
        else:
            result.media_run = media.run_id
            snaps = {s.platform_id: s for s in g.snapshots}
            for row in result.rows:
                if row.video is not None and row.video in snaps:
                    row.status, row.detail = MEASURED, _describe_video(snaps[row.video])
                    row.video = None


def _video_stories(con: duckdb.DuckDBPyConnection, g: Gathered) -> dict[str, list[str]]:
    """Each video's story slugs, the request's named story under the slug it really has (see
    record.resolve_story), so a video joins the story its articles were filed in."""
    if g.request.story is None or not g.video_stories:
        return g.video_stories
    story = g.request.story

    def resolve() -> str:
        with transaction(con):
            return resolve_story(con, story)[1]

    key, slug = story.key, retried(con, resolve, what="the videos' story")
    return {vid: [slug if s == key else s for s in slugs] for vid, slugs in g.video_stories.items()}


def record(
    g: Gathered, cfg: Settings, *, lock_wait_s: float | None = None, progress: Progress | None = None
) -> CollectResult:
    """Write what `gather` read, after any batch an earlier run kept; keep it in a file if the database
    stays locked."""
    result = CollectResult(rows=[replace(r) for r in g.rows], notes=list(g.notes), warnings=list(g.warnings))
    if not (g.has_articles or g.has_videos or kept_batches(cfg)):
        return result  # nothing to write: leave the file to whoever holds it
    try:
        with writing(cfg.db, lock_wait_s=lock_wait_s) as con:
            result.earlier = _record_kept(con, cfg)
            _write(con, g, result, cfg.user, progress)
    except DatabaseLockedError as exc:
        result.locked = str(exc)
        if g.has_articles or g.has_videos:
            # On a team store the articles may have committed before the videos found no turn:
            # then only the videos are kept.
            wrote = result.article_run is not None or result.media_run is not None
            result.kept = keep(_rest(g, result) or g if wrote else g, cfg)
            for row in result.rows:
                if row.status == NOT_RECORDED:
                    row.detail = "read; kept to be recorded when the database is free"
    except (StoreError, OSError) as exc:  # OSError: the database's folder cannot be made (a file is in the way)
        log.debug("cannot write to %s", cfg.db, exc_info=True)
        why = str(exc) if isinstance(exc, StoreError) else f"cannot open the database {cfg.db}: {exc}"
        result.problem = f"nothing recorded: {shown(why)}"
    return result


def collect(
    request: CollectRequest,
    cfg: Settings,
    *,
    progress: Progress | None = None,
    config: FetchConfig = DEFAULT_FETCH,
    lock_wait_s: float | None = None,
) -> CollectResult:
    """Read and fetch every input, then record them; one row per input in the result.

    More than INGEST_BATCH_FILES files are read and recorded INGEST_BATCH_FILES at a time, each
    batch in its own transaction (and run), so that memory stays bounded however many files there
    are; the other inputs go with the first batch.

    A team store that cannot be reached, holds no catalog or has an older schema is StoreError
    (one line) before anything is read or fetched.
    """
    if isinstance(cfg.db, TeamStore):
        ensure_current(cfg.db)
    every = _all_files(request)
    if len(every.files) <= INGEST_BATCH_FILES:
        return record(gather(request, cfg, progress=progress, config=config, part=every), cfg,
                      lock_wait_s=lock_wait_s, progress=progress)
    with kept_workers(read_job.__module__):
        results = [_collect_part(request, cfg, every, start, progress, config, lock_wait_s)
                   for start in range(0, len(every.files), INGEST_BATCH_FILES)]
    return _merged(results)


def _collect_part(request: CollectRequest, cfg: Settings, every: _FilePart, start: int,
                  progress: Progress | None, config: FetchConfig, lock_wait_s: float | None) -> CollectResult:
    """One batch of a many-file collect, read and recorded (see collect)."""
    first = start == 0
    part = _FilePart(every.files[start : start + INGEST_BATCH_FILES], every.errors if first else [],
                     every.folders if first else (), every.files)
    sub = request if first else replace(request, uploads=(), urls=(), feeds=(), youtube=(), gdelt=None,
                                        imports=(), poll=False, errors=())
    shown_progress = _files_progress(progress, start, len(every.files))
    return record(gather(sub, cfg, progress=shown_progress, config=config, part=part), cfg,
                  lock_wait_s=lock_wait_s)


def _files_progress(progress: Progress | None, start: int, total: int) -> Progress | None:
    """One batch's progress as progress through all the files."""
    if progress is None:
        return None
    return lambda done, _total, label: progress(min(start + done, total), total, label)


def _merged(results: list[CollectResult]) -> CollectResult:
    """The results of a collect's batches as one: every row, note and warning; the first batch's
    article run, with the later ones in `more_runs`; a problem of any batch."""
    first = results[0]
    merged = CollectResult(rows=[r for res in results for r in res.rows], notes=first.notes,
                           warnings=[w for res in results for w in res.warnings], article_run=first.article_run,
                           media_run=first.media_run, earlier=first.earlier)
    merged.more_runs = [res.article_run for res in results[1:] if res.article_run is not None]
    merged.locked = next((res.locked for res in results if res.locked), None)
    merged.kept = next((res.kept for res in results if res.kept), None)
    merged.problem = "; ".join(dict.fromkeys(res.problem for res in results if res.problem)) or None
    return merged


def record_kept(cfg: Settings, *, lock_wait_s: float | None = None) -> list[str]:
    """Record every batch kept by runs that found the database locked; one line per batch."""
    with writing(cfg.db, lock_wait_s=lock_wait_s) as con:
        return _record_kept(con, cfg)


# --- batches kept while the database was locked -----------------------------------------------------


def _kept_name(cfg: Settings) -> str:
    """What a kept batch's file name starts with: the database file's name, or for a team store one
    made from its catalog, so that batches kept for different stores never mix."""
    if isinstance(cfg.db, TeamStore):
        return "team-" + hashlib.sha256(cfg.db.catalog.encode()).hexdigest()[:12]
    return cfg.db.stem


def kept_dir(cfg: Settings) -> Path:
    # A team store's shared data path may be object storage, and a batch kept for later belongs to
    # this machine: it goes where the default database file would be.
    return (DEFAULT_DB if isinstance(cfg.db, TeamStore) else cfg.db).parent / "pending"


def kept_batches(cfg: Settings) -> list[Path]:
    folder = kept_dir(cfg)
    return sorted(folder.glob(f"{_kept_name(cfg)}-*.json")) if folder.is_dir() else []


def _kept_types() -> dict[str, type]:
    """The only types a kept batch may rebuild."""
    kinds = (Gathered, CollectRequest, Upload, GdeltQuery, InputOutcome, ArticleInput, DocumentMeta, PublishTime,
             Claim, TimeRef, StoryRef, InputError, FeedResult, FeedState, MediaSnapshot, VolumePoint)
    return {k.__name__: k for k in kinds}


def _read_kept(path: Path) -> Gathered:
    g = kept_file.loads(path.read_text(encoding="utf-8"), _kept_types())
    if not isinstance(g, Gathered):
        raise kept_file.KeptBatchError("not a gathered batch")
    return g


def _load_kept(cfg: Settings) -> list[Gathered]:
    out = []
    for path in kept_batches(cfg):
        try:
            out.append(_read_kept(path))
        except (OSError, kept_file.KeptBatchError):
            continue  # reported when the batch is recorded (_record_kept)
    return out


def keep(g: Gathered, cfg: Settings, target: Path | None = None) -> Path:
    """Write a gathered batch beside the database, for the next run to record."""
    folder = kept_dir(cfg)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = target or folder / f"{_kept_name(cfg)}-{stamp}.json"
    partial = target.with_suffix(".partial")
    partial.write_text(kept_file.dumps(g), encoding="utf-8")
    partial.replace(target)  # whole or not at all: a reader never sees half a batch
    return target


def _rest(g: Gathered, done: CollectResult) -> Gathered | None:
    """What of a kept batch is still unwritten after `done`: the articles, the videos, or nothing."""
    articles_left = g.has_articles and done.article_run is None
    videos_left = g.has_videos and done.media_run is None
    if not (articles_left or videos_left):
        return None
    rows_left = [r for r in g.rows if (r.video is None and articles_left) or (r.video is not None and videos_left)]
    rest = replace(g, rows=rows_left)
    if not articles_left:
        rest = replace(rest, items=[], errors=[], feed_results=[], volumes=[])
    if not videos_left:
        rest = replace(rest, snapshots=[], video_errors=[], video_stories={}, videos_asked=[])
    return rest


def _record_kept(con: duckdb.DuckDBPyConnection, cfg: Settings) -> list[str]:
    said = []
    for path in kept_batches(cfg):
        try:
            g = _read_kept(path)
        except (OSError, kept_file.KeptBatchError) as exc:
            aside = path.with_suffix(".unreadable")
            path.replace(aside)  # said once, not retried on every run
            said.append(f"{path.name}: cannot read this kept batch ({exc}); moved aside to {aside}")
            continue
        done = CollectResult(rows=[replace(r) for r in g.rows])
        _write(con, g, done, cfg.user)
        rest = _rest(g, done)
        if rest is None:
            path.unlink()
        else:
            keep(rest, cfg, target=path)  # only what is still unwritten, so nothing is written twice
        said.append(f"recorded a batch kept by an earlier run ({g.request.command}): {done.added} added, "
                    f"{done.already} already recorded, {done.measured} videos measured"
                    + (f"; still kept: {done.problem}" if done.problem else ""))
    return said


# --- what the rows say ------------------------------------------------------------------------------


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _fill_article(row: InputOutcome, outcome: Outcome) -> None:
    if outcome.status == "unchanged":
        row.status = KNOWN
        row.detail = f"article #{outcome.article_id} in story {outcome.story_slug}"
    else:
        row.status = ADDED
        row.detail = (f"article #{outcome.article_id} in story {outcome.story_slug}; "
                      f"{_plural(outcome.claims_added, 'figure')}, {_plural(outcome.time_refs_added, 'time reference')}")
    row.warnings = outcome.warnings
    row.item = None


def _describe_video(snap: MediaSnapshot) -> str:
    counts = ", ".join(f"{k} {v:,.0f}" for k, v in sorted(snap.metrics.items())) or "no public counts"
    return f"{snap.title or snap.platform_id}: {counts} at {snap.observed_at:%Y-%m-%d %H:%M} UTC"


def summary(result: CollectResult, verb: str = "collect") -> str:
    article_runs = [n for n in (result.article_run, *result.more_runs) if n is not None]
    runs = ([f"runs #{article_runs[0]}-#{article_runs[-1]}"] if len(article_runs) > 2
            else [f"run #{n}" for n in article_runs]) + ([f"run #{result.media_run}"] if result.media_run else [])
    videos = f", {result.measured} videos measured" if result.count(MEASURED) or any(
        r.kind == "video" for r in result.rows) else ""
    return (f"{verb}: {result.added} added, {result.already} already recorded, {len(result.failed)} failed{videos}"
            + (f" ({', '.join(runs)})" if runs else ""))


def outcome_table(result: CollectResult) -> list[dict[str, str]]:
    return [{"input": r.input, "kind": r.kind, "outcome": r.status,
             "detail": "; ".join([r.detail, *r.warnings]) if r.warnings else r.detail} for r in result.rows]


# --- building a request from a form -----------------------------------------------------------------


def lines(text: str | None) -> tuple[str, ...]:
    """Non-empty lines of a text area or URL list, `#` comments dropped, each once, in order."""
    out = [ln.strip() for ln in (text or "").splitlines()]
    return tuple(dict.fromkeys(ln for ln in out if ln and not ln.startswith("#")))


def story_ref(choice: str | None, titles: dict[str, str] | None = None) -> StoryRef | None:
    """A story field: an existing story's slug, a new title typed in, or nothing (automatic)."""
    if not choice or not choice.strip():
        return None
    if titles and choice in titles:
        return StoryRef(title=titles[choice], slug=choice)
    return StoryRef(title=choice.strip())


def day_start(day: date) -> datetime:
    """The UTC instant a calendar day starts (GDELT's date fields are UTC)."""
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def describe(request: CollectRequest, *, caller: str) -> str:
    """The request as a command line, recorded with its run so that a run says what was asked."""
    parts = [caller, *request.urls, *request.paths, *(f"--file {u.name}" for u in request.uploads),
             *(f"--feed {f}" for f in request.feeds), *(f"--youtube {v}" for v in request.youtube),
             *(f"--import {i}" for i in request.imports)]
    if request.gdelt:
        parts.append(f"--gdelt {request.gdelt.query!r} --since {request.gdelt.since:%Y-%m-%d}")
    if request.story:
        parts.append(f"--story {request.story.key}")
    return " ".join(parts)


def uploads(files: Iterable[Any] | None) -> tuple[Upload, ...]:
    """Streamlit UploadedFile objects (name, getvalue()) as Uploads."""
    return tuple(Upload(name=f.name, data=f.getvalue()) for f in files or ())
