"""News pages by URL: fetch, decode, read metadata and body text, extract claims.

No database access: `collect_urls` yields an `ArticleInput` or an `InputError` per URL, and
metrics.record writes the batch. The page's own canonical URL (tracking parameters dropped)
identifies the article, so the same story fetched twice, or through a redirect, is one
article.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace

import requests

from metrics.collectors.files import (
    META_CHARSET,
    BadInput,
    decode_declared,
    unexpected,
    without_malformed_link,
)
from metrics.collectors.http import DEFAULT_FETCH, FetchConfig, Fetched, FetchError, fetch, session
from metrics.extract import EXTRACTOR_VERSION, extract_document
from metrics.extract.html import read_body_text, read_metadata
from metrics.model import ArticleInput, InputError, StoryRef
from metrics.normalize import canonical_url, shown

log = logging.getLogger(__name__)
NO_DATE = "no publish date found; recorded without a date"
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml", ""})


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
    )


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
    """One result per URL, in order; a failure never stops the others."""
    http = http or session(config)
    kwargs = {"sleep": sleep} if sleep else {}
    for url in urls:
        url = url.strip()
        if not url or url.startswith("#"):
            continue
        if not url.lower().startswith(("http://", "https://")):
            yield InputError(shown(url), "not an http(s) URL")
            continue
        try:
            canonical_url(url)
        except ValueError as exc:
            yield InputError(shown(url), str(exc))
            continue
        try:
            fetched = fetch(url, http=http, config=config, **kwargs)  # type: ignore[arg-type]
            yield page_article(fetched, story=story, tags=tags, tz_map=tz_map)
        except (FetchError, BadInput) as exc:
            yield InputError(url, str(exc))
        except Exception as exc:  # one page's surprise is its own error; the traceback goes to the debug log
            log.debug("reading %s failed", url, exc_info=True)
            yield InputError(url, unexpected(exc))
