"""News pages by URL: fetch, decode, read metadata and body text, extract claims.

No database access: `collect_urls` yields an `ArticleInput` or an `InputError` per URL, and
metrics.record writes the batch. The page's own canonical URL (tracking parameters dropped)
identifies the article, so the same story fetched twice, or through a redirect, is one
article.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace

import requests

from metrics.collectors.files import BadInput, decode
from metrics.collectors.http import DEFAULT_FETCH, FetchConfig, Fetched, FetchError, fetch, session
from metrics.extract import EXTRACTOR_VERSION, extract_document
from metrics.extract.html import read_body_text, read_metadata
from metrics.model import ArticleInput, DocumentMeta, InputError, StoryRef

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml", ""})
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE)


def decode_page(fetched: Fetched) -> str:
    """HTML text: the declared charset (header, then <meta>) when it fits, else detection."""
    if fetched.body.lstrip()[:5] == b"%PDF-":
        raise BadInput(f"not a web page: the body is a PDF (served as {fetched.content_type or 'no type'})")
    if fetched.content_type not in HTML_TYPES:
        raise BadInput(f"not a web page (Content-Type {fetched.content_type})")
    declared = [fetched.charset]
    meta = _META_CHARSET.search(fetched.body[:4096])
    if meta:
        declared.append(meta.group(1).decode("ascii").lower())
    for charset in (c for c in declared if c):
        try:
            return fetched.body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            continue  # a wrong declaration is common; fall through to detection
    text, _warning = decode(fetched.body)
    return text


def page_article(
    fetched: Fetched, *, story: StoryRef | None = None, tags: tuple[str, ...] = (), tz_map: str | None = None
) -> ArticleInput:
    html = decode_page(fetched)
    meta = read_metadata(html, tz_map=tz_map)
    text = read_body_text(html)
    if not text.strip():
        raise BadInput("no article text found in the page")
    extraction = extract_document(text, hints=meta, tz_map=tz_map)
    out_meta: DocumentMeta = extraction.meta
    if out_meta.canonical_url is None:
        out_meta = replace(out_meta, canonical_url=fetched.final_url)
    warnings = () if out_meta.published else ("no publish date found; recorded without a date",)
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
            yield InputError(url, "not an http(s) URL")
            continue
        try:
            fetched = fetch(url, http=http, config=config, **kwargs)  # type: ignore[arg-type]
            yield page_article(fetched, story=story, tags=tags, tz_map=tz_map)
        except (FetchError, BadInput) as exc:
            yield InputError(url, str(exc))
