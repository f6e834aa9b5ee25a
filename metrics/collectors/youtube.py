"""YouTube videos by id or URL: measured views, likes and comments from the Data API v3.

One `videos.list` request (part=snippet,statistics,contentDetails) per 50 ids, quota cost 1
unit each. No database access: `fetch_videos` returns a `MediaSnapshot` per video it could
read and an `InputError` per input it could not, and the caller writes them.

The API key is sent in the `X-Goog-Api-Key` header, never in the URL, so it cannot leak
into exception messages (requests quotes the URL path in them), proxies' logs or redirects;
every message this module makes is also scrubbed of it. Redirects are not followed.

Unlike `http.fetch`, a 4xx answer is read: its JSON error body says whether the quota is
spent or the key is wrong. Retries on connection errors, 429 and 5xx follow `FetchConfig`
and honour Retry-After, as `fetch` does.
"""

from __future__ import annotations

import json
import logging
import random
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

import isodate
import requests

from metrics.collectors.http import (
    DEFAULT_FETCH,
    RETRY_STATUSES,
    Deadline,
    DeadlineExceeded,
    FetchConfig,
    ResponseTooLarge,
    backoff_s,
    failure_reason,
    read_limited,
    retry_after_s,
    retry_wait_refused,
    session,
)
from metrics.model import InputError, MediaSnapshot

log = logging.getLogger(__name__)

API_BASE = "https://www.googleapis.com/youtube/v3"
PLATFORM = "youtube"
MAX_IDS_PER_REQUEST = 50
PARTS = "snippet,statistics,contentDetails"

QUOTA_EXCEEDED = "YouTube API quota exceeded for today; try again after midnight Pacific time"
KEY_REJECTED = "YouTube API key rejected (keyInvalid): check YOUTUBE_API_KEY"
NOT_FOUND = "video not found (private, deleted or wrong id)"
NOT_A_VIDEO = "not a YouTube video id or URL"

# statistics field -> our metric name; the API sends each as a decimal string, and leaves a
# field out when the owner hides it (likes) or turned it off (comments).
STATISTICS = {"viewCount": "views", "likeCount": "likes", "commentCount": "comments"}

_ID = re.compile(r"[A-Za-z0-9_-]{11}")
_YOUTUBE_HOSTS = ("youtube.com", "youtube-nocookie.com")
_PATH_FORMS = frozenset({"shorts", "embed", "live", "v", "e"})
_TAG = re.compile(r"<[^>]{0,200}>")
_MAX_REASON = 240


def watch_url(vid: str) -> str:
    return f"https://www.youtube.com/watch?v={vid}"


def video_id(value: str) -> str | None:
    """The video id in a bare id or any YouTube URL form; None if `value` is not one.

    Accepts watch?v=, youtu.be/ID, /shorts/, /embed/, /live/, /v/, m./music./www. hosts,
    youtube-nocookie.com, missing scheme and any extra parameters (t=, si=, list=, feature=).
    """
    text = value.strip()
    if _ID.fullmatch(text):
        return text
    if "://" not in text:
        text = "https://" + text
    try:
        parts = urlsplit(text)
        host = (parts.hostname or "").lower()
    except ValueError:
        return None
    segments = [s for s in parts.path.split("/") if s]
    candidate: str | None = None
    if host == "youtu.be" or host.endswith(".youtu.be"):
        candidate = segments[0] if segments else None
    elif any(host == h or host.endswith("." + h) for h in _YOUTUBE_HOSTS):
        if segments[:1] == ["watch"] or not segments:
            values = parse_qs(parts.query).get("v")
            candidate = values[0] if values else None
        elif len(segments) >= 2 and segments[0] in _PATH_FORMS:
            candidate = segments[1]
    if candidate and _ID.fullmatch(candidate):
        return candidate
    return None


def fetch_videos(
    ids_or_urls: Sequence[str],
    *,
    api_key: str,
    base_url: str | None = None,
    http: requests.Session | None = None,
    config: FetchConfig = DEFAULT_FETCH,
    sleep: Callable[[float], None] = time.sleep,
    rng: random.Random | None = None,
) -> tuple[list[MediaSnapshot], list[InputError]]:
    """Snapshots of the videos named, in input order, and one error per input that failed.

    An id given twice (even as two URL forms) is asked for and reported once, under the
    first input that named it. A quota or key error stops all further requests.
    """
    base = (base_url or API_BASE).rstrip("/")
    http = http or session(config)
    rng = rng or random.Random()

    errors: dict[int, InputError] = {}  # by input position, to report in input order
    first_input: dict[str, tuple[int, str]] = {}  # id -> (position, input as given)
    for position, raw in enumerate(ids_or_urls):
        vid = video_id(raw)
        if vid is None:
            errors[position] = InputError(raw, NOT_A_VIDEO)
        elif vid not in first_input:
            first_input[vid] = (position, raw)

    def fail(vids: Sequence[str], reason: str) -> None:
        for vid in vids:
            position, raw = first_input[vid]
            errors[position] = InputError(raw, _scrub(reason, api_key))

    found: dict[str, MediaSnapshot] = {}
    ids = list(first_input)
    for start in range(0, len(ids), MAX_IDS_PER_REQUEST):
        batch = ids[start : start + MAX_IDS_PER_REQUEST]
        outcome = _request(
            f"{base}/videos", batch, api_key=api_key, http=http, config=config, sleep=sleep, rng=rng
        )
        if isinstance(outcome, _Stop):
            fail(ids[start:], outcome.reason)
            break
        if isinstance(outcome, str):
            fail(batch, outcome)
            continue
        body, observed_at = outcome
        problem = _read_items(body, set(batch), observed_at, found)
        if problem:
            fail(batch, problem)
            continue
        fail([vid for vid in batch if vid not in found], NOT_FOUND)

    snapshots = [found[vid] for vid in ids if vid in found]
    return snapshots, [errors[p] for p in sorted(errors)]


@dataclass(frozen=True)
class _Stop:
    """A failure every further request would meet too: stop asking."""

    reason: str


def _request(
    url: str,
    batch: Sequence[str],
    *,
    api_key: str,
    http: requests.Session,
    config: FetchConfig,
    sleep: Callable[[float], None],
    rng: random.Random,
) -> tuple[bytes, datetime] | str | _Stop:
    """One videos.list call with retries, all within `config.deadline_s`: (body, when asked), a
    per-batch reason, or _Stop."""
    deadline = Deadline(config.deadline_s)
    with deadline.watching():
        return _attempts(url, batch, api_key=api_key, http=http, config=config, sleep=sleep, rng=rng,
                         deadline=deadline)


def _attempts(
    url: str,
    batch: Sequence[str],
    *,
    api_key: str,
    http: requests.Session,
    config: FetchConfig,
    sleep: Callable[[float], None],
    rng: random.Random,
    deadline: Deadline,
) -> tuple[bytes, datetime] | str | _Stop:
    params = {"part": PARTS, "id": ",".join(batch)}
    headers = {"X-Goog-Api-Key": api_key, "Accept": "application/json"}
    last_problem = "no attempt made"
    for attempt in range(config.retries + 1):
        wait: float | None = None
        observed_at = datetime.now(UTC)
        log.debug("YouTube videos.list: %d ids, attempt %d", len(batch), attempt + 1)
        try:
            response = http.get(
                url,
                params=params,
                headers=headers,
                timeout=deadline.timeouts(config),
                stream=True,
                allow_redirects=False,
            )
        except requests.Timeout as exc:
            if deadline.passed:
                return deadline.reason()
            last_problem = failure_reason(exc, config)
        except requests.ConnectionError as exc:
            if deadline.passed:
                return deadline.reason()
            last_problem = f"connection failed ({_scrub(failure_reason(exc, config), api_key)})"
        except requests.RequestException as exc:
            return _Stop(f"request failed ({_scrub(failure_reason(exc, config), api_key)})")
        else:
            with response:
                status = response.status_code
                try:
                    body = read_limited(response, config.max_bytes, deadline=deadline)
                except (ResponseTooLarge, DeadlineExceeded) as exc:
                    return str(exc)
                except requests.RequestException as exc:
                    if deadline.passed:
                        return deadline.reason("YouTube was still sending")
                    last_problem = f"connection broke while reading ({_scrub(failure_reason(exc, config), api_key)})"
                    body = None
                if body is not None:
                    if 200 <= status < 300:
                        return body, observed_at
                    api_error = _api_error(body)
                    if status in RETRY_STATUSES or _is_rate_limit(api_error):
                        last_problem = _describe(status, response.reason, api_error)
                        wait = retry_after_s(response.headers.get("Retry-After"))
                        refused = retry_wait_refused(wait, config, deadline) if wait is not None else None
                        if refused:
                            return _Stop(f"{last_problem}; YouTube {refused}")
                    else:
                        return _Stop(_classify(status, response.reason, api_error))
        if attempt < config.retries:
            pause = wait if wait is not None else backoff_s(attempt, config, rng)
            if pause >= deadline.remaining():
                return deadline.reason(f"{last_problem}, after {attempt + 1} attempt{'' if attempt == 0 else 's'}")
            sleep(pause)
    return _Stop(f"{last_problem}, after {config.retries + 1} attempts")


def _read_items(
    body: bytes, asked: set[str], observed_at: datetime, found: dict[str, MediaSnapshot]
) -> str | None:
    """Add the snapshots in a videoListResponse to `found`; a reason if the body is unusable."""
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return f"YouTube answered with malformed JSON ({_clip(str(exc), 80)})"
    if not isinstance(data, dict) or not isinstance(data.get("items", []), list):
        return "YouTube answered with malformed JSON (not a videoListResponse)"
    for item in data.get("items", []):
        if not isinstance(item, dict) or item.get("id") not in asked:
            continue
        snapshot = _snapshot(item, observed_at)
        found.setdefault(snapshot.platform_id, snapshot)
    return None


def _snapshot(item: dict[str, Any], observed_at: datetime) -> MediaSnapshot:
    vid = str(item["id"])
    snippet = _dict(item.get("snippet"))
    statistics = _dict(item.get("statistics"))
    details = _dict(item.get("contentDetails"))
    metrics: dict[str, float] = {}
    for key, name in STATISTICS.items():
        value = statistics.get(key)
        if _is_count(value):
            metrics[name] = float(str(value))
    return MediaSnapshot(
        platform=PLATFORM,
        platform_id=vid,
        url=watch_url(vid),
        title=_text(snippet.get("title")),
        channel=_text(snippet.get("channelTitle")),
        published_at=parse_timestamp(snippet.get("publishedAt")),
        duration_s=parse_duration(details.get("duration")),
        observed_at=observed_at,
        metrics=metrics,
    )


def parse_duration(value: object) -> float | None:
    """ISO 8601 duration as YouTube writes it (PT2M27S, PT1H10S, P1DT2H3S) in seconds, via isodate.

    None when absent, not understood, or zero (P0D: a live or upcoming stream has no length).
    """
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        parsed = isodate.parse_duration(value.strip())
    except (isodate.ISO8601Error, ValueError):
        return None
    if not isinstance(parsed, timedelta):
        return None  # years or months have no fixed length in seconds; YouTube never sends them
    return parsed.total_seconds() or None


def parse_timestamp(value: object) -> datetime | None:
    """RFC 3339 (2024-05-01T12:00:00Z) as an aware UTC datetime; None if absent or unreadable."""
    if not isinstance(value, str) or not value:
        return None
    try:
        when = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC)


# --- API errors -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _ApiError:
    code: int | None
    message: str
    reasons: tuple[str, ...]  # errors[].reason, then details[].reason (API_KEY_INVALID)


def _api_error(body: bytes) -> _ApiError | None:
    """The Google error body {"error": {"code", "message", "errors": [{"reason", ...}]}}, if it is one."""
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
    error = data.get("error") if isinstance(data, dict) else None
    if not isinstance(error, dict):
        return None
    reasons: list[str] = []
    for key in ("errors", "details"):
        entries = error.get(key)
        if isinstance(entries, list):
            reasons += [str(e["reason"]) for e in entries if isinstance(e, dict) and e.get("reason")]
    code = error.get("code")
    return _ApiError(
        code=code if isinstance(code, int) else None,
        message=str(error.get("message") or ""),
        reasons=tuple(reasons),
    )


def _is_rate_limit(error: _ApiError | None) -> bool:
    """Per-second limits (403 rateLimitExceeded) pass: retry them like a 429."""
    return error is not None and any(
        r in ("rateLimitExceeded", "userRateLimitExceeded") for r in error.reasons
    )


def _classify(status: int, http_reason: str | None, error: _ApiError | None) -> str:
    if error is not None:
        if any(r in ("quotaExceeded", "dailyLimitExceeded") for r in error.reasons):
            return QUOTA_EXCEEDED
        if (
            any(r in ("keyInvalid", "keyExpired", "API_KEY_INVALID") for r in error.reasons)
            or "api key not valid" in error.message.lower()
        ):
            return KEY_REJECTED
    return _describe(status, http_reason, error)


def _describe(status: int, http_reason: str | None, error: _ApiError | None) -> str:
    if error is None:
        return f"HTTP {status} {http_reason or ''}".strip()
    reason = error.reasons[0] if error.reasons else f"HTTP {status}"
    message = _clip(_TAG.sub("", error.message), 160)
    head = f"YouTube API error {error.code or status} ({reason})"
    return f"{head}: {message}" if message else head


# --- small helpers --------------------------------------------------------------------------


def _is_count(value: object) -> bool:
    if isinstance(value, str):
        return value.isascii() and value.isdigit()
    return isinstance(value, int) and not isinstance(value, bool)


def _dict(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _text(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _scrub(text: str, api_key: str) -> str:
    """Never let the key through, whatever echoed it."""
    if api_key:
        text = text.replace(api_key, "[key]")
    return _clip(text, _MAX_REASON)

