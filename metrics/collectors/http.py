"""Polite, bounded HTTP fetching for collectors.

One requests session with connect/read timeouts, a redirect limit, a body-size limit read in
streaming chunks, and retries with exponential backoff and jitter on connection errors, 429
and 5xx, honouring Retry-After. Every failure becomes a `FetchError` whose message is the
one line a user sees next to the URL.

Two bounds hold per URL, whatever the server does:
- a total deadline (`FetchConfig.deadline_s`, DEADLINE_S by default): connecting, every read, every
  retry and every wait between them. Read timeouts alone bound each read, so a server sending a
  byte every few seconds could hold a URL for minutes; a timer shuts the URL's sockets down when the
  deadline passes (`Deadline`), which ends even a read that is blocked.
- a Retry-After cap (`FetchConfig.max_retry_after_s`, MAX_RETRY_AFTER_S): a server asking to wait
  longer, or past the deadline, fails the URL now with its reason instead of holding the run.
"""

from __future__ import annotations

import errno
import http.client
import logging
import random
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import requests
import urllib3.connection
import urllib3.connectionpool
import urllib3.exceptions
import urllib3.response
from requests.adapters import HTTPAdapter

from metrics import __version__

log = logging.getLogger("mediametrics.http")
USER_AGENT = f"mediametrics/{__version__} (news coverage research tool; respects Retry-After)"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
DEADLINE_S = 60.0  # one URL, all of it: connecting, every read, every retry and every wait
MAX_RETRY_AFTER_S = 30.0  # the longest Retry-After honoured; a server asking for more fails the URL now


class FetchError(Exception):
    """Why a URL could not be fetched, in one line."""


class DeadlineExceeded(FetchError):
    """The URL's total deadline passed: final, not worth a retry."""


@dataclass(frozen=True)
class FetchConfig:
    connect_timeout_s: float = 5.0
    read_timeout_s: float = 20.0  # one read; the deadline bounds them all together
    max_bytes: int = 10 * 1024 * 1024
    retries: int = 3  # further attempts after the first
    backoff_base_s: float = 1.0
    backoff_max_s: float = 60.0
    max_redirects: int = 5
    deadline_s: float = DEADLINE_S
    max_retry_after_s: float = MAX_RETRY_AFTER_S


DEFAULT_FETCH = FetchConfig()


@dataclass(frozen=True)
class Fetched:
    url: str  # as asked
    final_url: str  # after redirects
    status: int
    content_type: str
    charset: str | None  # declared in Content-Type
    body: bytes
    fetched_at: datetime
    attempts: int
    etag: str | None = None
    last_modified: str | None = None


def session(config: FetchConfig = DEFAULT_FETCH) -> requests.Session:
    """A session whose connections a `Deadline` can cut: use it for every fetch."""
    s = requests.Session()
    s.headers["User-Agent"] = USER_AGENT
    s.max_redirects = config.max_redirects
    s.mount("http://", _WatchedAdapter())
    s.mount("https://", _WatchedAdapter())
    return s


# --- the deadline ---------------------------------------------------------------------------------

_current = threading.local()  # the Deadline of the fetch running in this thread, if any


class Deadline:
    """One URL's time budget.

    `timeouts()` shortens each connect and read timeout to what is left. While `watching()`, a
    timer thread shuts down every socket the URL's requests opened or reused once the budget is
    spent: a blocked read then returns at once, however slowly the server drips bytes or headers.
    Sockets are registered by the session's connections (`session()`); with a plain requests
    Session the deadline is still checked between attempts and between body chunks.
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._fired = False

    def remaining(self) -> float:
        return max(0.0, self.end - time.monotonic())

    @property
    def passed(self) -> bool:
        return self._fired or time.monotonic() >= self.end

    def timeouts(self, config: FetchConfig) -> tuple[float, float]:
        left = max(self.remaining(), 0.01)
        return min(config.connect_timeout_s, left), min(config.read_timeout_s, left)

    def reason(self, detail: str | None = None) -> str:
        return f"gave up after {self.seconds:g} s, the deadline for one URL" + (f": {detail}" if detail else "")

    def watch(self, sock: socket.socket | None) -> None:
        if sock is None:
            return
        with self._lock:
            if all(s is not sock for s in self._sockets):
                self._sockets.append(sock)
            fired = self._fired
        if fired:
            _shut(sock)

    def _fire(self) -> None:
        with self._lock:
            self._fired = True
            sockets = list(self._sockets)
        for sock in sockets:
            _shut(sock)

    @contextmanager
    def watching(self) -> Iterator[Deadline]:
        previous = getattr(_current, "deadline", None)
        _current.deadline = self
        timer = threading.Timer(self.remaining(), self._fire)
        timer.daemon = True
        timer.start()
        try:
            yield self
        finally:
            timer.cancel()
            _current.deadline = previous


def _shut(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass  # already closed: nothing left to cut


def _watch(sock: socket.socket | None) -> None:
    deadline = getattr(_current, "deadline", None)
    if deadline is not None:
        deadline.watch(sock)


class _WatchedHTTPConnection(urllib3.connection.HTTPConnection):
    """Registers its socket with the running fetch's Deadline: when it is opened (before a TLS
    handshake can stall) and before each response is awaited (a reused keep-alive socket)."""

    def _new_conn(self) -> socket.socket:
        sock = super()._new_conn()
        _watch(sock)
        return sock

    def getresponse(self) -> urllib3.response.HTTPResponse:  # type: ignore[override]  # as urllib3 declares it
        _watch(self.sock)
        return super().getresponse()


class _WatchedHTTPSConnection(_WatchedHTTPConnection, urllib3.connection.HTTPSConnection):
    pass


class _WatchedHTTPPool(urllib3.connectionpool.HTTPConnectionPool):
    ConnectionCls = _WatchedHTTPConnection


class _WatchedHTTPSPool(urllib3.connectionpool.HTTPSConnectionPool):
    ConnectionCls = _WatchedHTTPSConnection


class _WatchedAdapter(HTTPAdapter):
    def init_poolmanager(self, *args: object, **kwargs: object) -> None:
        super().init_poolmanager(*args, **kwargs)  # type: ignore[arg-type]
        self.poolmanager.pool_classes_by_scheme = {"http": _WatchedHTTPPool, "https": _WatchedHTTPSPool}


def retry_wait_refused(wait: float, config: FetchConfig, deadline: Deadline) -> str | None:
    """Why a Retry-After of `wait` seconds is not waited for: over the cap, or past the deadline."""
    if wait > config.max_retry_after_s:
        return f"asks to retry after {wait:.0f} s, longer than the {config.max_retry_after_s:g} s this tool waits"
    if wait >= deadline.remaining():
        return f"asks to retry after {wait:.0f} s, past the {deadline.seconds:g} s deadline for one URL"
    return None


def retry_after_s(value: str | None, *, now: datetime | None = None) -> float | None:
    """Retry-After as seconds: either a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def backoff_s(attempt: int, config: FetchConfig, rng: random.Random) -> float:
    """Exponential backoff with full jitter: spreads retries from many clients apart."""
    return rng.uniform(0, min(config.backoff_max_s, config.backoff_base_s * 2**attempt))


def fetch(
    url: str,
    *,
    http: requests.Session,
    config: FetchConfig = DEFAULT_FETCH,
    sleep: Callable[[float], None] = time.sleep,
    rng: random.Random | None = None,
    headers: Mapping[str, str] | None = None,
) -> Fetched:
    """GET a URL within the limits of `config`, all attempts within `config.deadline_s`. Raises
    FetchError with the reason.

    `headers` carries conditional-GET validators (If-None-Match, If-Modified-Since); a 304
    answer comes back as a Fetched with status 304 and an empty body.
    """
    deadline = Deadline(config.deadline_s)
    with deadline.watching():
        return _fetch(url, http=http, config=config, sleep=sleep, rng=rng or random.Random(), headers=headers,
                      deadline=deadline)


def _fetch(
    url: str,
    *,
    http: requests.Session,
    config: FetchConfig,
    sleep: Callable[[float], None],
    rng: random.Random,
    headers: Mapping[str, str] | None,
    deadline: Deadline,
) -> Fetched:
    last_problem = "no attempt made"
    for attempt in range(config.retries + 1):
        wait: float | None = None
        started = time.monotonic()
        try:
            response = http.get(url, timeout=deadline.timeouts(config), stream=True, headers=dict(headers or {}))
        except requests.TooManyRedirects as exc:
            raise FetchError(f"more than {config.max_redirects} redirects (a redirect loop?)") from exc
        except (requests.Timeout, requests.ConnectionError) as exc:  # worth another attempt
            if deadline.passed:
                raise DeadlineExceeded(deadline.reason()) from exc
            last_problem = failure_reason(exc, config)
        except requests.RequestException as exc:
            raise FetchError(failure_reason(exc, config)) from exc
        else:
            with response:
                log.debug("GET %s -> HTTP %s in %.2f s (attempt %d)", url, response.status_code,
                          time.monotonic() - started, attempt + 1)
                if response.status_code in RETRY_STATUSES:
                    last_problem = f"HTTP {response.status_code} {response.reason or ''}".strip()
                    wait = retry_after_s(response.headers.get("Retry-After"))
                    refused = retry_wait_refused(wait, config, deadline) if wait is not None else None
                    if refused:
                        raise FetchError(f"{last_problem}; the server {refused}")
                elif response.status_code == 304:
                    return Fetched(url=url, final_url=response.url, status=304, content_type="", charset=None,
                                   body=b"", fetched_at=datetime.now(UTC), attempts=attempt + 1,
                                   etag=response.headers.get("ETag"),
                                   last_modified=response.headers.get("Last-Modified"))
                elif response.status_code >= 400:
                    raise FetchError(f"HTTP {response.status_code} {response.reason or ''}".strip())
                else:
                    try:
                        body = read_limited(response, config.max_bytes, deadline=deadline)
                    except (requests.RequestException, urllib3.exceptions.HTTPError, OSError) as exc:
                        if deadline.passed:
                            raise DeadlineExceeded(deadline.reason("the server was still sending")) from exc
                        reason = failure_reason(exc, config) if isinstance(exc, requests.RequestException) else (
                            _first_line(exc))
                        raise FetchError(f"broke off while reading the page: {reason}") from exc
                    content_type = response.headers.get("Content-Type", "")
                    return Fetched(
                        url=url,
                        final_url=response.url,
                        status=response.status_code,
                        content_type=content_type.split(";")[0].strip().lower(),
                        charset=_charset(content_type),
                        body=body,
                        fetched_at=datetime.now(UTC),
                        attempts=attempt + 1,
                        etag=response.headers.get("ETag"),
                        last_modified=response.headers.get("Last-Modified"),
                    )
        if attempt < config.retries:
            pause = wait if wait is not None else backoff_s(attempt, config, rng)
            if pause >= deadline.remaining():
                raise DeadlineExceeded(deadline.reason(f"{last_problem}, after {_attempts(attempt + 1)}"))
            log.debug("GET %s: %s; retrying in %.1f s", url, last_problem, pause)
            sleep(pause)
    raise FetchError(f"{last_problem}, after {_attempts(config.retries + 1)}")


def _attempts(n: int) -> str:
    return f"{n} attempt{'' if n == 1 else 's'}"


class ResponseTooLarge(FetchError):
    """The body is over the configured limit: final, not worth a retry."""


def read_limited(response: requests.Response, max_bytes: int, *, deadline: Deadline | None = None) -> bytes:
    """A streamed body, refused as soon as it passes `max_bytes` or `deadline` (requests errors pass
    through)."""
    declared = response.headers.get("Content-Length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise ResponseTooLarge(f"response of {int(declared):,} bytes is over the {max_bytes:,}-byte limit")
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_content(chunk_size=65536):
        size += len(chunk)
        if size > max_bytes:
            raise ResponseTooLarge(f"response is over the {max_bytes:,}-byte limit")
        if deadline is not None and deadline.passed:
            raise DeadlineExceeded(deadline.reason("the server was still sending"))
        chunks.append(chunk)
    # A socket shut down at the deadline ends a body without Content-Length like a normal close.
    if deadline is not None and deadline.passed:
        raise DeadlineExceeded(deadline.reason("the server was still sending"))
    return b"".join(chunks)


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip('"').lower()
    return None


# OS errors by errno, for the ones without their own exception class.
_ERRNO_REASONS = {
    errno.ENETUNREACH: "network unreachable",
    errno.EHOSTUNREACH: "host unreachable",
    errno.ECONNABORTED: "connection aborted",
    errno.EADDRNOTAVAIL: "address not available",
}


def failure_reason(exc: requests.RequestException, config: FetchConfig = DEFAULT_FETCH) -> str:
    """A short, human reason for a failed request, read from the exception types.

    urllib3's own text ("HTTPConnectionPool(host=...): Max retries exceeded ... (Caused by
    NewConnectionError(...))") is long, repeats the URL and changes between versions; the
    types it wraps (refused, name not resolved, timed out, TLS) say the same in a few words.
    """
    if isinstance(exc, requests.ConnectTimeout):
        return f"timed out after {config.connect_timeout_s:g} s connecting"
    if isinstance(exc, requests.ReadTimeout):
        return f"timed out after {config.read_timeout_s:g} s waiting for the server"
    if isinstance(exc, requests.exceptions.InvalidURL | requests.exceptions.MissingSchema
                  | requests.exceptions.InvalidSchema):
        return "not a valid URL"
    causes = _causes(exc)
    # urllib3 2 raises NameResolutionError; older versions leave only the socket.gaierror.
    if any(isinstance(c, urllib3.exceptions.NameResolutionError | socket.gaierror) for c in causes):
        return "host not found (DNS)"
    for cause in causes:
        if isinstance(cause, ssl.SSLCertVerificationError):
            # e.g. "certificate has expired", "self-signed certificate", "Hostname mismatch, ..."
            return f"TLS error: {_shorten(cause.verify_message)}" if cause.verify_message else "TLS error"
    if isinstance(exc, requests.exceptions.SSLError) or any(isinstance(c, ssl.SSLError) for c in causes):
        return "TLS error"
    if isinstance(exc, requests.exceptions.ProxyError):
        return "proxy error"
    # Timeouts while streaming the body arrive as a ConnectionError wrapping urllib3's own type.
    if any(isinstance(c, urllib3.exceptions.ReadTimeoutError) for c in causes):
        return f"timed out after {config.read_timeout_s:g} s waiting for the server"
    for cause in causes:
        if isinstance(cause, ConnectionRefusedError):
            return "connection refused"
        if isinstance(cause, ConnectionResetError):
            return "connection reset by the server"
        if isinstance(cause, http.client.RemoteDisconnected):
            return "the server closed the connection without answering"
        if isinstance(cause, http.client.IncompleteRead):
            return "the server broke off the response"
        if isinstance(cause, TimeoutError):  # socket.timeout is TimeoutError since Python 3.10
            return "timed out"
        if isinstance(cause, OSError) and cause.errno in _ERRNO_REASONS:
            return _ERRNO_REASONS[cause.errno]
    if isinstance(exc, requests.exceptions.ChunkedEncodingError):
        return "the server broke off the response"
    if isinstance(exc, requests.exceptions.ContentDecodingError):
        return "the response could not be decompressed"
    # Something not mapped above: the innermost cause's own words, shortened at a word boundary.
    inner = causes[-1]
    words = inner.strerror if isinstance(inner, OSError) and inner.strerror else _first_line(inner)
    prefix = "connection failed" if isinstance(exc, requests.ConnectionError) else "request failed"
    return f"{prefix} ({_shorten(words)})"


def _causes(exc: BaseException) -> list[BaseException]:
    """The exception and all it wraps, outermost first: requests and urllib3 nest them in
    args (ConnectionError(MaxRetryError)), in .reason (MaxRetryError) and in __cause__.

    __context__ is followed only where a traceback would show it (no __cause__, not suppressed):
    an exception merely being handled nearby is not why this one happened.
    """
    seen: list[BaseException] = []
    todo = [exc]
    while todo:
        current = todo.pop(0)
        if any(current is s for s in seen):
            continue
        seen.append(current)
        context = None if current.__cause__ is not None or current.__suppress_context__ else current.__context__
        inner = [getattr(current, "reason", None), current.__cause__, context, *current.args]
        todo.extend(e for e in inner if isinstance(e, BaseException))
    return seen


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def _shorten(text: str, limit: int = 120) -> str:
    """At most `limit` characters, cut between words (never mid-word) and marked with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit + 1].rsplit(" ", 1)[0].rstrip(" ,;:([{") if " " in text[: limit + 1] else ""
    return cut + "\u2026" if cut else text  # one long word is kept whole rather than cut
