"""Polite, bounded HTTP fetching for collectors.

One requests session with connect/read timeouts, a redirect limit, a body-size limit read in
streaming chunks, and retries with exponential backoff and jitter on connection errors, 429
and 5xx, honouring Retry-After. Every failure becomes a `FetchError` whose message is the
one line a user sees next to the URL.
"""

from __future__ import annotations

import errno
import http.client
import logging
import random
import socket
import ssl
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import requests
import urllib3.exceptions

from metrics import __version__

log = logging.getLogger("mediametrics.http")
USER_AGENT = f"mediametrics/{__version__} (news coverage research tool; respects Retry-After)"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


class FetchError(Exception):
    """Why a URL could not be fetched, in one line."""


@dataclass(frozen=True)
class FetchConfig:
    connect_timeout_s: float = 5.0
    read_timeout_s: float = 20.0
    max_bytes: int = 10 * 1024 * 1024
    retries: int = 3  # further attempts after the first
    backoff_base_s: float = 1.0
    backoff_max_s: float = 60.0
    max_redirects: int = 5


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
    s = requests.Session()
    s.headers["User-Agent"] = USER_AGENT
    s.max_redirects = config.max_redirects
    return s


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
    """GET a URL within the limits of `config`. Raises FetchError with the reason.

    `headers` carries conditional-GET validators (If-None-Match, If-Modified-Since); a 304
    answer comes back as a Fetched with status 304 and an empty body.
    """
    rng = rng or random.Random()
    last_problem = "no attempt made"
    for attempt in range(config.retries + 1):
        wait: float | None = None
        started = time.monotonic()
        try:
            response = http.get(url, timeout=(config.connect_timeout_s, config.read_timeout_s), stream=True,
                                headers=dict(headers or {}))
        except requests.TooManyRedirects as exc:
            raise FetchError(f"more than {config.max_redirects} redirects (a redirect loop?)") from exc
        except (requests.Timeout, requests.ConnectionError) as exc:  # worth another attempt
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
                    if wait is not None and wait > config.backoff_max_s:
                        raise FetchError(f"{last_problem}; server asks to retry after {wait:.0f} s")
                elif response.status_code == 304:
                    return Fetched(url=url, final_url=response.url, status=304, content_type="", charset=None,
                                   body=b"", fetched_at=datetime.now(UTC), attempts=attempt + 1,
                                   etag=response.headers.get("ETag"),
                                   last_modified=response.headers.get("Last-Modified"))
                elif response.status_code >= 400:
                    raise FetchError(f"HTTP {response.status_code} {response.reason or ''}".strip())
                else:
                    try:
                        body = read_limited(response, config.max_bytes)
                    except requests.RequestException as exc:
                        raise FetchError(f"broke off while reading the page: {failure_reason(exc, config)}") from exc
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
            log.debug("GET %s: %s; retrying in %.1f s", url, last_problem, pause)
            sleep(pause)
    attempts = config.retries + 1
    raise FetchError(f"{last_problem}, after {attempts} attempt{'' if attempts == 1 else 's'}")


class ResponseTooLarge(FetchError):
    """The body is over the configured limit: final, not worth a retry."""


def read_limited(response: requests.Response, max_bytes: int) -> bytes:
    """A streamed body, refused as soon as it passes `max_bytes` (requests errors pass through)."""
    declared = response.headers.get("Content-Length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise ResponseTooLarge(f"response of {int(declared):,} bytes is over the {max_bytes:,}-byte limit")
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_content(chunk_size=65536):
        size += len(chunk)
        if size > max_bytes:
            raise ResponseTooLarge(f"response is over the {max_bytes:,}-byte limit")
        chunks.append(chunk)
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
