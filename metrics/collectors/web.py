"""News pages by URL: fetch, decode, read metadata and body text, extract claims.

No database access: `collect_urls` yields an `ArticleInput` or an `InputError` per URL, and
metrics.record writes the batch. The page's own canonical URL (tracking parameters dropped)
identifies the article, so the same story fetched twice, or through a redirect, is one
article.

The URLs are fetched together (http.ByHost: MAX_CONNECTIONS at once, PER_HOST_LIMIT to one host),
each only if its site's robots.txt allows it (metrics.collectors.robots). Many fetched pages are
read and extracted on every core (PAGES_FOR_WORKERS or more: `read_page` in worker processes,
metrics.workers.in_order), as many as are in at a time while the next ones are still being fetched.
"""

from __future__ import annotations

import logging
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from functools import partial

import requests

from metrics.collectors.files import (
    META_CHARSET,
    BadInput,
    decode_declared,
    unexpected,
    without_malformed_link,
)
from metrics.collectors.http import (
    DEFAULT_FETCH,
    ByHost,
    FetchConfig,
    Fetched,
    FetchError,
    fetch,
    host_of,
    session,
)
from metrics.collectors.robots import obeying
from metrics.extract import EXTRACTOR_VERSION, extract_document
from metrics.extract.html import read_body_text, read_metadata
from metrics.model import ArticleInput, InputError, StoryRef
from metrics.normalize import canonical_url, shown
from metrics.similarity import copy_signature
from metrics.workers import POOL_MIN_INPUTS, in_order

log = logging.getLogger(__name__)
NO_DATE = "no publish date found; recorded without a date"
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml", ""})
# Worker processes take over a second to start (they import the extraction code) and a page takes
# ~4 ms to read here: below this many pages, starting them costs more than it saves, even on many
# cores (the local benchmark breaks even at ~600 pages on two). Pages fetched over a real network
# come in slower than this process reads them, so it is rarely the bottleneck.
PAGES_FOR_WORKERS = 500
# At most this many fetched pages read together: when fetching is ahead, as many as are in (fewer
# calls, fewer idle workers at each call's end); never so many that the rows come in long bursts.
EXTRACT_CHUNK = 512


def decode_page(fetched: Fetched) -> tuple[str, str | None]:
    """HTML text, and a warning when it was not read as declared: a byte-order mark first, then the
    declared charset (header, then <meta>) when the bytes fit it, else UTF-8 or detection."""
    if fetched.body.lstrip()[:5] == b"%PDF-":
        raise BadInput(f"not a web page: the body is a PDF (served as {fetched.content_type or 'no type'})")
    if fetched.content_type not in HTML_TYPES:
        raise BadInput(f"not a web page (Content-Type {fetched.content_type})")
    declared = [(fetched.charset, "the HTTP header")]
    meta = META_CHARSET.search(fetched.body[:4096])
    if meta:
        declared.append((meta.group(1).decode("ascii"), "the page's <meta charset>"))
    decoded = decode_declared(fetched.body, declared)
    return decoded.text, decoded.note


def page_article(
    fetched: Fetched, *, story: StoryRef | None = None, tags: tuple[str, ...] = (), tz_map: str | None = None
) -> ArticleInput:
    html, decoding = decode_page(fetched)
    meta = read_metadata(html, tz_map=tz_map)
    text = read_body_text(html)
    if not text.strip():
        raise BadInput("no article text found in the page")
    extraction = extract_document(text, hints=meta, tz_map=tz_map)
    out_meta, dropped = without_malformed_link(extraction.meta)
    if out_meta.canonical_url is None:
        out_meta = replace(out_meta, canonical_url=fetched.final_url)
    warnings = tuple(w for w in (decoding, dropped) if w)
    if not out_meta.published:
        warnings += (NO_DATE,)
    return ArticleInput(
        source=fetched.url,
        origin="web",
        meta=out_meta,
        text=extraction.text,
        claims=extraction.claims,
        time_refs=extraction.time_refs,
        url=fetched.final_url,
        story=story,
        tags=tags,
        extractor_version=EXTRACTOR_VERSION,
        warnings=warnings,
        # Made here, where the page is read (a worker process when there are many), as files do, so
        # the one writer only compares signatures.
        copy_signature=copy_signature(extraction.text),
    )


@dataclass(frozen=True)
class PageJob:
    """A fetched page (or why it was not) to read, with what the caller says of it."""

    page: Fetched | InputError
    story: StoryRef | None = None
    tags: tuple[str, ...] = ()
    tz_map: str | None = None


def read_page(job: PageJob) -> tuple[ArticleInput | InputError, str | None]:
    """One fetched page read and extracted, perhaps in a worker process (metrics.workers): whatever
    goes wrong is that URL's error, with the traceback for --debug."""
    page = job.page
    if isinstance(page, InputError):
        return page, None
    try:
        return page_article(page, story=job.story, tags=job.tags, tz_map=job.tz_map), None
    except BadInput as exc:
        return InputError(page.url, str(exc)), None
    except Exception as exc:  # noqa: BLE001 - the boundary of one input: nothing may cross it
        return InputError(page.url, unexpected(exc)), traceback.format_exc()


def fetch_page(
    url: str,
    *,
    http: requests.Session,
    config: FetchConfig = DEFAULT_FETCH,
    sleep: Callable[[float], None] | None = None,
) -> Fetched | InputError:
    """One URL fetched if its site's robots.txt allows it, or why it was not; never raises."""
    if not url.lower().startswith(("http://", "https://")):
        return InputError(shown(url), "not an http(s) URL")
    try:
        canonical_url(url)
    except ValueError as exc:
        return InputError(shown(url), str(exc))
    pause = sleep or time.sleep
    try:
        with obeying(http, config, pause):
            return fetch(url, http=http, config=config, sleep=pause)
    except FetchError as exc:
        return InputError(url, str(exc))
    except Exception as exc:  # one URL's surprise is its own error; the traceback goes to the debug log
        log.debug("fetching %s failed", url, exc_info=True)
        return InputError(url, unexpected(exc))


def collect_urls(
    urls: Iterable[str],
    *,
    story: StoryRef | None = None,
    tags: tuple[str, ...] = (),
    tz_map: str | None = None,
    config: FetchConfig = DEFAULT_FETCH,
    http: requests.Session | None = None,
    sleep: Callable[[float], None] | None = None,
) -> Iterator[ArticleInput | InputError]:
    """One result per URL (blank lines and `#` comments skipped), in the order given, each as soon as
    it and those before it are read; a failure never stops the others.

    The pages are fetched together (see the module's docstring); with PAGES_FOR_WORKERS URLs or more,
    they are read in worker processes, which is quickest inside `metrics.workers.kept_workers` (one
    set of workers for all the calls of in_order), as the collect orchestrator does.
    """
    http = http or session(config)
    asked = [u for u in (url.strip() for url in urls) if u and not u.startswith("#")]
    many = len(asked) >= PAGES_FOR_WORKERS
    fetch_one = partial(fetch_page, http=http, config=config, sleep=sleep)
    with ByHost(fetch_one, asked, host_of) as fetching:
        if not many:  # each page read here as soon as it and those before it are in
            while pages := fetching.take(EXTRACT_CHUNK):
                yield from _read(read_page(PageJob(page, story, tags, tz_map)) for page in pages)
            return
        # Never fewer than POOL_MIN_INPUTS pages at a time, so that in_order reads them in the worker
        # processes (and this one keeps to fetching); as many as are in, up to EXTRACT_CHUNK.
        while pages := fetching.take(EXTRACT_CHUNK, at_least=POOL_MIN_INPUTS):
            yield from _read(in_order(read_page, [PageJob(page, story, tags, tz_map) for page in pages]))


def _read(results: Iterable[tuple[ArticleInput | InputError, str | None]]) -> Iterator[ArticleInput | InputError]:
    """The pages' results, each traceback (of a failure no reader foresaw) sent to the debug log."""
    for got, trace in results:
        if trace:
            log.debug("reading %s failed:\n%s", got.input if isinstance(got, InputError) else "", trace)
        yield got
