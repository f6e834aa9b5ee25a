"""RSS and Atom feeds: new entries become articles, their categories become tags.

feedparser reads every feed dialect in use (RSS 0.9x/1.0/2.0, Atom, their date formats and
broken encodings), which is why it is used rather than an XML parser by hand. Polling is cheap:
the feed is fetched with the ETag and Last-Modified it last sent, and a 304 ends the poll.
Each new entry's page is fetched and read like any other URL; when the page cannot be read,
the entry is reported by its link and the other entries are still collected.
"""

from __future__ import annotations

import calendar
import logging
from collections.abc import Callable, Container
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

import feedparser
import requests

from metrics.collectors.files import BadInput, unexpected
from metrics.collectors.http import (
    DEFAULT_FETCH,
    PER_HOST_LIMIT,
    FetchConfig,
    FetchError,
    by_host,
    fetch,
    host_of,
    session,
)
from metrics.collectors.web import NO_DATE, page_article
from metrics.model import ArticleInput, InputError, PublishTime, StoryRef
from metrics.normalize import canonical_url, shown

log = logging.getLogger(__name__)
# A feed's new entries are fetched this many at a time; they mostly live on the feed's own site,
# whose per-host limit the session keeps anyway.
ENTRY_WORKERS = PER_HOST_LIMIT


@dataclass(frozen=True)
class FeedState:
    """What the feed said last time, for a conditional GET."""

    url: str
    etag: str | None = None
    last_modified: str | None = None


@dataclass
class FeedResult:
    state: FeedState  # what to store for next time
    title: str | None = None
    unchanged: bool = False  # the server answered 304
    entries: int = 0
    known: int = 0  # entries whose article is already recorded
    items: list[ArticleInput] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)


def _entry_time(entry: feedparser.FeedParserDict) -> PublishTime | None:
    for key in ("published_parsed", "updated_parsed"):
        parsed = entry.get(key)
        if parsed:
            # feedparser normalises entry dates to UTC struct_time; the feed's own offset is lost.
            instant = datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC)
            return PublishTime(
                instant=instant,
                offset=None,
                precision="second",
                source=f"feed: entry {key.split('_')[0]}",
                tz_rule="normalised to UTC by the feed parser",
            )
    return None


def collect_feed(
    state: FeedState,
    *,
    known_urls: Container[str] = frozenset(),
    story: StoryRef | None = None,
    tags: tuple[str, ...] = (),
    tz_map: str | None = None,
    config: FetchConfig = DEFAULT_FETCH,
    http: requests.Session | None = None,
    sleep: Callable[[float], None] | None = None,
) -> FeedResult:
    """Poll one feed and read its new entries. `known_urls` holds canonical URLs already recorded."""
    http = http or session(config)
    kwargs = {"sleep": sleep} if sleep else {}
    validators = {
        k: v for k, v in (("If-None-Match", state.etag), ("If-Modified-Since", state.last_modified)) if v
    }
    result = FeedResult(state=state)
    try:
        fetched = fetch(state.url, http=http, config=config, headers=validators, **kwargs)  # type: ignore[arg-type]
    except FetchError as exc:
        result.errors.append(InputError(state.url, str(exc)))
        return result
    if fetched.status == 304:
        result.unchanged = True
        return result
    parsed = feedparser.parse(fetched.body, response_headers={"content-type": fetched.content_type})
    if not parsed.entries and (parsed.bozo or not parsed.feed):
        reason = getattr(parsed.get("bozo_exception"), "getMessage", lambda: None)() or "no entries"
        result.errors.append(InputError(state.url, f"not a readable RSS or Atom feed ({reason})"))
        return result
    result.state = FeedState(state.url, fetched.etag, fetched.last_modified)
    result.title = parsed.feed.get("title")
    result.entries = len(parsed.entries)
    todo: list[tuple[feedparser.FeedParserDict, str]] = []
    for n, entry in enumerate(parsed.entries, 1):
        link = entry.get("link")
        if not link:
            result.errors.append(
                InputError(state.url, f"an entry has no link ({entry.get('title', 'untitled')!r})")
            )
            continue
        # One entry's failure, foreseen or not, is that entry's error: the feed's other entries, and
        # every other feed of a poll, are still read (a malformed link once failed every poll).
        try:
            key = canonical_url(link)
        except ValueError as exc:
            result.errors.append(InputError(shown(str(link)), f"entry {n} of the feed: {exc}"))
            continue
        if key in known_urls:
            result.known += 1
            continue
        todo.append((entry, link))

    def read(job: tuple[feedparser.FeedParserDict, str]) -> ArticleInput | InputError:
        entry, link = job
        try:
            return _read_entry(
                entry, link, story=story, tags=tags, tz_map=tz_map, config=config, http=http, **kwargs
            )
        except (FetchError, BadInput) as exc:
            return InputError(link, str(exc))
        except Exception as exc:  # isolated to this entry; the traceback goes to the debug log
            log.debug("feed %s, entry %s", state.url, link, exc_info=True)
            return InputError(link, unexpected(exc))

    # The new entries' pages are fetched together, in entry order for the results; the session's
    # per-host slots keep a feed's own site (where its entries mostly live) to its limit.
    for got in by_host(read, todo, host=lambda job: host_of(job[1]), workers=ENTRY_WORKERS):
        if isinstance(got, InputError):
            result.errors.append(got)
        else:
            result.items.append(got)
    return result


def _read_entry(
    entry: feedparser.FeedParserDict,
    link: str,
    *,
    story: StoryRef | None,
    tags: tuple[str, ...],
    tz_map: str | None,
    config: FetchConfig,
    http: requests.Session,
    **kwargs: Callable[[float], None],
) -> ArticleInput:
    categories = tuple(t.get("term") for t in entry.get("tags", []) if t.get("term"))
    page = fetch(link, http=http, config=config, **kwargs)  # type: ignore[arg-type]
    item = page_article(page, story=story, tags=(*tags, *categories), tz_map=tz_map)
    if item.meta.published is None and (when := _entry_time(entry)) is not None:
        item = replace(
            item,
            meta=replace(item.meta, published=when),
            warnings=tuple(w for w in item.warnings if w != NO_DATE),
        )
    return item
