"""Polite, bounded HTTP fetching for collectors.

One requests session with connect/read timeouts, a redirect limit, a body-size limit read in
streaming chunks, and retries with exponential backoff and jitter on connection errors, 429
and 5xx, honouring Retry-After. Every failure becomes a `FetchError` whose message is the
one line a user sees next to the URL.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import requests

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
        except requests.Timeout:
            last_problem = f"timed out (connect {config.connect_timeout_s:g} s, read {config.read_timeout_s:g} s)"
        except requests.ConnectionError as exc:
            last_problem = f"connection failed ({_first_line(exc)})"
        except requests.RequestException as exc:
            raise FetchError(f"request failed ({_first_line(exc)})") from exc
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
                        raise FetchError(f"connection broke while reading ({_first_line(exc)})") from exc
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
    raise FetchError(f"{last_problem}, after {config.retries + 1} attempts")


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


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:200] if text else type(exc).__name__
