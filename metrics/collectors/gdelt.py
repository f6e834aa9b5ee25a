"""Coverage volume and article lists from the GDELT DOC 2.0 API.

`fetch_volume` asks `mode=timelinevolraw`: for each time step, how many monitored articles
matched the query (`value`) and how many articles GDELT monitored in total (`norm`, the
denominator that turns a count into a share of all coverage). `fetch_articles` asks
`mode=artlist`, which returns at most 250 articles per request, so the range is searched in
windows: a window that comes back full is halved (down to 15 minutes, GDELT's update
interval) and the results are de-duplicated by URL.

The shapes, as GDELT sends them (format=json):

    timelinevolraw: {"query_details": {"title": "...", "date_resolution": "day"},
                     "timeline": [{"series": "Article Count",
                                   "data": [{"date": "20260422T000000Z", "value": 41, "norm": 191394}]}]}
    artlist:        {"articles": [{"url": "...", "url_mobile": "", "title": "...",
                                   "seendate": "20260520T221500Z", "socialimage": "...",
                                   "domain": "jdsupra.com", "language": "English",
                                   "sourcecountry": "United States"}]}

GDELT reports trouble in the body, usually with HTTP 200 and whatever Content-Type: a plain
text line ("One or more of your keywords were too short, too long or too common: ...",
"Your search contained a phrase that was too short.", "Please limit requests to one every 5
seconds or contact ... for larger queries.", the last also with HTTP 429), or `{}` when
nothing matched or part of the query was silently ignored (an unknown `theme:`, say). So the
body is always inspected: text becomes a `GdeltError` carrying GDELT's message, the rate-limit
text is waited out and retried, and `{}` is an error for a volume request or a whole range,
and an empty window inside a range that is being split.

Coverage: the DOC API was built on a rolling window of the last 3 months; GDELT has since
said it searches back to January 2017, and volume timelines over older ranges do come back,
but article lists and anything older than about 3 months are not guaranteed. A `since` older
than that gives a warning (in the warnings list of `fetch_articles`, as a
`GdeltCoverageWarning` from `fetch_volume`), not an error.

Politeness: GDELT asks for one request every 5 seconds. Requests from this module go one at
a time (a process-wide lock) and at least `REQUEST_INTERVAL_S` apart, and every retry waits
at least as long; all waiting goes through the `sleep` argument so tests do not wait.
"""

from __future__ import annotations

import json
import random
import threading
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import quote, urlencode

import requests

from metrics.collectors.http import FetchConfig, FetchError, backoff_s, fetch, session
from metrics.model import VolumePoint

API_BASE = "https://api.gdeltproject.org/api/v2/doc/doc"

MAX_RECORDS = 250  # GDELT's ceiling for maxrecords in artlist mode
MIN_WINDOW = timedelta(minutes=15)  # GDELT updates every 15 minutes; no point splitting finer
COVERAGE = timedelta(days=92)  # "the last 3 months"
REQUEST_INTERVAL_S = 5.0  # "Please limit requests to one every 5 seconds"
MAX_REQUESTS = 200  # per fetch_articles call; at 5 s apart that is over a quarter of an hour

# GDELT can take a while on long ranges; retries back off from GDELT's own 5-second ask.
GDELT_FETCH = FetchConfig(
    read_timeout_s=60.0, retries=3, backoff_base_s=REQUEST_INTERVAL_S, backoff_max_s=120.0)

_GDELT_TIME = "%Y%m%dT%H%M%SZ"  # dates in the JSON: 20250501T123000Z
_PARAM_TIME = "%Y%m%d%H%M%S"  # startdatetime / enddatetime: 20250501123000
_REJECTION_WORDS = ("keyword", "phrase", "query", "search", "too short", "too long", "too common",
                    "invalid", "parenthes", "operator")


class GdeltError(Exception):
    """Why GDELT gave no usable answer, in one line."""


class GdeltCoverageWarning(UserWarning):
    """The requested range reaches past what the DOC API reliably covers."""


@dataclass(frozen=True)
class ListedArticle:
    url: str
    title: str | None
    seen_at: datetime | None  # when GDELT first saw it, aware UTC
    domain: str | None
    language: str | None  # a name, e.g. "English"
    source_country: str | None  # a name, e.g. "United States"


def fetch_volume(
    query: str,
    *,
    since: datetime,
    until: datetime | None = None,
    base_url: str | None = None,
    http: requests.Session | None = None,
    config: FetchConfig = GDELT_FETCH,
    sleep: Callable[[float], None] = time.sleep,
) -> list[VolumePoint]:
    """Matching and monitored article counts per time step over [since, until) (until: now).

    GDELT picks the step from the range length (15 minutes, an hour or a day; reported as
    `query_details.date_resolution`). Steps are returned as GDELT sends them, oldest first.
    Raises GdeltError with the reason; warns (GdeltCoverageWarning) when `since` is older
    than the DOC API's documented 3-month window.
    """
    start, end = _range(since, until)
    note = coverage_warning(start)
    if note:
        warnings.warn(note, GdeltCoverageWarning, stacklevel=2)
    client = _Client(base_url, http, config, sleep)
    payload = client.get_json(query, {"mode": "timelinevolraw", **_window_params(start, end)})
    if not payload:
        raise GdeltError(f"GDELT returned nothing ({{}}) for {query!r}: no article matches it, "
                         "or GDELT ignored part of the query")
    return parse_timeline(payload)


def fetch_articles(
    query: str,
    *,
    since: datetime,
    until: datetime | None = None,
    max_articles: int = 1000,
    base_url: str | None = None,
    http: requests.Session | None = None,
    config: FetchConfig = GDELT_FETCH,
    sleep: Callable[[float], None] = time.sleep,
) -> tuple[list[ListedArticle], list[str]]:
    """Articles matching `query` seen in [since, until) (until: now), sorted by when GDELT saw them.

    GDELT returns at most 250 articles per request, so a window that comes back full is
    halved and each half asked again, down to 15-minute windows; a 15-minute window that is
    still full is kept with a warning that some articles were missed. Windows are searched
    oldest first, articles are de-duplicated by URL, and the search stops once `max_articles`
    are found (warned) or after MAX_REQUESTS requests (warned).
    Returns (articles, warnings). Raises GdeltError when GDELT refuses or fails a request.
    """
    if max_articles < 1:
        raise ValueError("max_articles must be at least 1")
    start, end = _range(since, until)
    notes: list[str] = []
    note = coverage_warning(start)
    if note:
        notes.append(note)
    client = _Client(base_url, http, config, sleep)
    found: dict[str, ListedArticle] = {}
    skipped = 0
    windows = [(start, end)]  # a stack; the earliest window is on top
    while windows:
        if client.requests >= MAX_REQUESTS:
            notes.append(f"stopped after {MAX_REQUESTS} requests to GDELT; coverage from "
                         f"{_show(windows[-1][0])} to {_show(end)} was not searched")
            break
        lo, hi = windows.pop()
        params = {"mode": "artlist", "maxrecords": str(MAX_RECORDS), "sort": "datedesc",
                  **_window_params(lo, hi)}
        payload = client.get_json(query, params)
        if not payload:
            if (lo, hi) == (start, end):
                raise GdeltError(f"GDELT returned nothing ({{}}) for {query!r}: no article matches it, "
                                 "or GDELT ignored part of the query")
            continue  # an empty half of a window that was full
        rows = _articles(payload)
        if len(rows) >= MAX_RECORDS:
            middle = _midpoint(lo, hi)
            if middle is not None:
                windows.append((middle, hi))
                windows.append((lo, middle))
                continue
            notes.append(f"{_show(lo)} to {_show(hi)}: GDELT's limit of {MAX_RECORDS} articles per "
                         "request was reached in a window too short to split; some articles were missed")
        left_out = 0
        for row in rows:
            article = parse_article(row)
            if article is None:
                skipped += 1
            elif article.url in found:
                continue
            elif len(found) < max_articles:
                found[article.url] = article
            else:
                left_out += 1
        if len(found) >= max_articles and (left_out or windows):
            rest = (f"; coverage from {_show(windows[-1][0])} to {_show(end)} was not searched"
                    if windows else "")
            notes.append(f"stopped at max_articles={max_articles}: {left_out} more listed in "
                         f"{_show(lo)} to {_show(hi)} were left out{rest}")
            break
    if skipped:
        notes.append(f"{skipped} listed article(s) had no URL and were skipped")
    articles = sorted(found.values(), key=lambda a: (a.seen_at is None, a.seen_at or start, a.url))
    return articles, notes


def coverage_warning(since: datetime, *, now: datetime | None = None) -> str | None:
    """A warning when `since` is older than the DOC API's documented 3-month window."""
    now = now or datetime.now(UTC)
    if since.astimezone(UTC) >= now - COVERAGE:
        return None
    return (f"GDELT's DOC API covers about the last 3 months; {_show(since)} is older, so counts and "
            f"article lists from before {_show(now - COVERAGE)} may be incomplete or missing")


def parse_timeline(payload: dict[str, Any]) -> list[VolumePoint]:
    """VolumePoints from a timelinevolraw answer. Raises GdeltError on an unexpected shape."""
    timeline = payload.get("timeline")
    if not isinstance(timeline, list):
        raise GdeltError(f"unexpected answer from GDELT (no timeline; keys: {_keys(payload)})")
    if not timeline:
        return []
    series = next((s for s in timeline if isinstance(s, dict) and s.get("series") == "Article Count"),
                  timeline[0])
    data = series.get("data") if isinstance(series, dict) else None
    if not isinstance(data, list):
        raise GdeltError("unexpected answer from GDELT (a timeline series without data)")
    points = []
    for entry in data:
        when = _gdelt_time(entry.get("date")) if isinstance(entry, dict) else None
        value = entry.get("value") if isinstance(entry, dict) else None
        if when is None or not isinstance(value, int | float) or isinstance(value, bool):
            raise GdeltError(f"unexpected timeline step from GDELT: {json.dumps(entry)[:120]}")
        norm = entry.get("norm")
        monitored = int(norm) if isinstance(norm, int | float) and not isinstance(norm, bool) else None
        points.append(VolumePoint(step_start=when, articles=int(value), monitored=monitored))
    return sorted(points, key=lambda p: p.step_start)


def parse_article(row: Any) -> ListedArticle | None:
    """A ListedArticle from one artlist entry, or None when it has no URL."""
    if not isinstance(row, dict):
        return None
    url = _text(row.get("url"))
    if url is None:
        return None
    return ListedArticle(
        url=url,
        title=_text(row.get("title")),
        seen_at=_gdelt_time(row.get("seendate")),
        domain=_text(row.get("domain")),
        language=_text(row.get("language")),
        source_country=_text(row.get("sourcecountry")),
    )


class _Pace:
    """One GDELT request at a time in this process, at least REQUEST_INTERVAL_S apart."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.last: float | None = None

    def wait(self, sleep: Callable[[float], None]) -> None:
        if self.last is not None:
            remaining = REQUEST_INTERVAL_S - (time.monotonic() - self.last)
            if remaining > 0:
                sleep(remaining)


_PACE = _Pace()


class _Client:
    def __init__(self, base_url: str | None, http: requests.Session | None, config: FetchConfig,
                 sleep: Callable[[float], None]) -> None:
        self.base = base_url or API_BASE
        self.http = http or session(config)
        self.config = config
        self.sleep = sleep
        self.rng = random.Random()
        self.requests = 0

    def _polite_sleep(self, seconds: float) -> None:
        self.sleep(max(seconds, REQUEST_INTERVAL_S))

    def get_json(self, query: str, params: dict[str, str]) -> dict[str, Any]:
        """The JSON object GDELT answered, `{}` included; GdeltError for anything else."""
        url = self.base + "?" + urlencode({"query": query, **params, "format": "json"}, quote_via=quote)
        for attempt in range(self.config.retries + 1):
            body = self._get(url)
            text = body.decode("utf-8", errors="replace").lstrip("\ufeff").strip()
            if not text:
                raise GdeltError("GDELT sent an empty answer")
            if text[0] in "{[":
                return _parse_json(text)
            message = _one_line(text)
            if "limit requests" not in message.lower():
                raise GdeltError(_describe(message, query))
            if attempt < self.config.retries:
                self._polite_sleep(backoff_s(attempt, self.config, self.rng))
        raise GdeltError(f"GDELT is rate-limiting us: {message} (after {self.config.retries + 1} attempts)")

    def _get(self, url: str) -> bytes:
        with _PACE.lock:
            _PACE.wait(self.sleep)
            try:
                self.requests += 1
                return fetch(url, http=self.http, config=self.config, sleep=self._polite_sleep,
                             rng=self.rng).body
            except FetchError as exc:
                raise GdeltError(f"GDELT request failed: {exc}") from exc
            finally:
                _PACE.last = time.monotonic()


def _parse_json(text: str) -> dict[str, Any]:
    try:
        # strict=False: GDELT titles sometimes carry raw control characters.
        payload = json.loads(text, strict=False)
    except json.JSONDecodeError as exc:
        raise GdeltError(f"GDELT sent malformed JSON ({exc.msg} at character {exc.pos} of "
                         f"{len(text)}; truncated?)") from exc
    if not isinstance(payload, dict):
        raise GdeltError(f"unexpected answer from GDELT (a JSON {type(payload).__name__}, not an object)")
    return payload


def _describe(message: str, query: str) -> str:
    if message.startswith("<"):
        return "GDELT sent an HTML page instead of JSON"
    lowered = message.lower()
    if any(word in lowered for word in _REJECTION_WORDS):
        return f"GDELT rejected the query {query!r}: {message}"
    return f"GDELT answered with a message instead of data: {message}"


def _articles(payload: dict[str, Any]) -> list[Any]:
    rows = payload.get("articles")
    if not isinstance(rows, list):
        raise GdeltError(f"unexpected answer from GDELT (no articles; keys: {_keys(payload)})")
    return rows


def _range(since: datetime, until: datetime | None) -> tuple[datetime, datetime]:
    if since.tzinfo is None or (until is not None and until.tzinfo is None):
        raise ValueError("since and until must be timezone-aware")
    start = since.astimezone(UTC).replace(microsecond=0)
    end = (until or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    if start >= end:
        raise GdeltError(f"empty time range: {_show(start)} is not before {_show(end)}")
    return start, end


def _window_params(start: datetime, end: datetime) -> dict[str, str]:
    return {"startdatetime": start.strftime(_PARAM_TIME), "enddatetime": end.strftime(_PARAM_TIME)}


def _midpoint(lo: datetime, hi: datetime) -> datetime | None:
    """Where to halve [lo, hi), on a whole second, or None when a half would be under 15 minutes."""
    if hi - lo < 2 * MIN_WINDOW:
        return None
    return (lo + (hi - lo) / 2).replace(microsecond=0)


def _gdelt_time(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.strptime(value.strip(), _GDELT_TIME).replace(tzinfo=UTC)
    except ValueError:
        return None


def _text(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    return value.strip() or None


def _one_line(text: str) -> str:
    return " ".join(text.split())[:300]


def _keys(payload: dict[str, Any]) -> str:
    return ", ".join(sorted(map(str, payload))[:8]) or "none"


def _show(when: datetime) -> str:
    return when.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
