"""robots.txt: a page is fetched only if its site's robots.txt lets mediametrics fetch it.

Each site's /robots.txt (scheme, host and port) is fetched once a run, through the run's session
and fetch policy (timeouts, deadline, retries, the per-host limit), and read by the standard
library's `urllib.robotparser` for our user agent (its product token, `mediametrics`, is what
groups are matched against). What a robots.txt that cannot be read means follows RFC 9309:
- 2xx: its rules. 3xx: followed (at most FetchConfig.max_redirects, 5, as the RFC asks); more
  redirects than that count as no robots.txt (the RFC allows either). A file over the body limit
  (10 MB; the RFC asks for at least 500 KiB) is not read: complete disallow, as below.
- 4xx (401 and 403 too, which urllib.robotparser's own `read` takes as disallow-all): no robots.txt,
  every page allowed (RFC 9309 2.3.1.3, "unavailable").
- 429 and 5xx: complete disallow for the rest of the run (2.3.1.4, "unreachable": the crawler MUST
  assume complete disallow; nothing is cached across runs, so the next run asks again). A 429 is a
  4xx but says "slow down", not "there is no file": taken as unreachable, as the large crawlers do.
- no answer at all (refused, DNS, TLS, timed out, the deadline): unreachable too, so complete
  disallow (2.3.1.4 names network errors with server errors). The page would fail the same way: its
  row gives that failure's own words.

Limits of urllib.robotparser, kept rather than a parser of our own: rules match as plain path
prefixes (no `*` or `$` wildcards), the first matching Allow/Disallow line in the file wins rather
than the longest match, and a group applies when its user-agent is a substring of our token.

Crawl-delay (not in RFC 9309, but simple to keep): requests to a site that asks for one start at
least that many seconds apart in a run; a delay over MAX_CRAWL_DELAY_S fails its pages at once with
the reason, as a too-long Retry-After does. The wait comes before the page's own deadline starts.
"""

from __future__ import annotations

import logging
import threading
import time
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import requests

from metrics.collectors.http import (
    DEFAULT_FETCH,
    MAX_RETRY_AFTER_S,
    USER_AGENT,
    FetchConfig,
    FetchError,
    ResponseTooLarge,
    TooManyRedirects,
    fetch,
    guarded,
)

log = logging.getLogger("mediametrics.robots")
PRODUCT = USER_AGENT.split("/")[0]  # "mediametrics": the token robots.txt groups name
MAX_CRAWL_DELAY_S = MAX_RETRY_AFTER_S  # the longest Crawl-delay kept; a site asking for more is not fetched


def disallowed(host: str) -> str:
    return f"robots.txt of {host} disallows this page for {PRODUCT}"


@dataclass
class _Site:
    lock: threading.Lock = field(default_factory=threading.Lock)
    rules: RobotFileParser | str | None = None  # None: not read yet; a str: why none of its pages are fetched
    next_turn: float = 0.0  # monotonic time the next request may start (Crawl-delay)


class Robots:
    """The robots.txt of every site one session asks for, each read once (see `rules_for`)."""

    def __init__(self, http: requests.Session, config: FetchConfig = DEFAULT_FETCH) -> None:
        self.http, self.config = http, config
        self._lock = threading.Lock()
        self._sites: dict[str, _Site] = {}

    def check(self, url: str, sleep: Callable[[float], None] = time.sleep) -> None:
        """Return when `url` may be fetched now (after its site's Crawl-delay, if any); raise
        FetchError with the reason when it may not."""
        origin, host = _origin(url)
        if origin is None:
            return  # not a URL with a host: fetch() itself says what is wrong with it
        with self._lock:
            site = self._sites.setdefault(origin, _Site())
        with site.lock:  # one thread reads the site's robots.txt; the others wait for its answer
            if site.rules is None:
                site.rules = self._read(origin, host, sleep)
            rules = site.rules
        if isinstance(rules, str):
            raise FetchError(rules)
        if not rules.can_fetch(USER_AGENT, url):
            raise FetchError(disallowed(host))
        delay = rules.crawl_delay(USER_AGENT)
        if delay:
            if float(delay) > MAX_CRAWL_DELAY_S:
                raise FetchError(f"robots.txt of {host} asks for {float(delay):g} s between requests, longer than "
                                 f"the {MAX_CRAWL_DELAY_S:g} s this tool waits")
            with site.lock:
                now = time.monotonic()
                turn = max(now, site.next_turn)
                site.next_turn = turn + float(delay)
            if turn > now:
                sleep(turn - now)

    def _read(self, origin: str, host: str, sleep: Callable[[float], None]) -> RobotFileParser | str:
        url = f"{origin}/robots.txt"
        parser = RobotFileParser(url)
        try:
            with guarded(None):  # robots.txt itself is not subject to robots.txt
                got = fetch(url, http=self.http, config=self.config, sleep=sleep)
        except FetchError as exc:
            log.debug("%s: %s", url, exc)
            if (exc.status is not None and 400 <= exc.status < 500 and exc.status != 429
                    or isinstance(exc, TooManyRedirects)):
                parser.parse([])  # unavailable: as an empty file, no rules
                return parser
            if exc.status is not None or isinstance(exc, ResponseTooLarge):
                return (f"robots.txt of {host} could not be read ({exc}): "
                        "none of its pages are fetched this run (RFC 9309)")
            return str(exc)  # no answer from the host: its pages would fail the same way
        parser.parse(got.body.decode("utf-8", errors="replace").splitlines())
        return parser


def _origin(url: str) -> tuple[str | None, str]:
    """The site a URL belongs to as robots.txt counts it (scheme, host, port), and its host as shown."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None, url
    if not parts.hostname or parts.scheme.lower() not in ("http", "https"):
        return None, url
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    host = f"{host}:{port}" if port is not None else host
    return f"{parts.scheme.lower()}://{host}", host


_RULES: weakref.WeakKeyDictionary[requests.Session, Robots] = weakref.WeakKeyDictionary()
_RULES_LOCK = threading.Lock()


def rules_for(http: requests.Session, config: FetchConfig = DEFAULT_FETCH) -> Robots:
    """The session's robots.txt rules: a run uses one session, so each site's file is read once a run."""
    with _RULES_LOCK:
        rules = _RULES.get(http)
        if rules is None:
            rules = _RULES[http] = Robots(http, config)
        return rules


@contextmanager
def obeying(http: requests.Session, config: FetchConfig = DEFAULT_FETCH,
            sleep: Callable[[float], None] = time.sleep) -> Iterator[None]:
    """Every fetch made inside (in this thread) is refused unless its site's robots.txt allows it."""
    rules = rules_for(http, config)
    with guarded(lambda url: rules.check(url, sleep)):
        yield
