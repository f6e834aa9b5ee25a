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

Many URLs are fetched together (`ByHost`, `by_host`): at most MAX_CONNECTIONS at once and PER_HOST_LIMIT at
once to one host, results in input order. The session itself holds the per-host limit too (each
attempt takes one of its host's slots and gives it back before any wait for a retry), so no path
through one session, however many threads use it, has more than PER_HOST_LIMIT requests open to a
host; a URL waiting out a Retry-After holds a thread, never a slot, and never another host's turn.
A guard (`guarded`, robots.txt in metrics.collectors.robots) can refuse a URL before it is fetched.
"""

from __future__ import annotations

import errno
import http.client
import ipaddress
import itertools
import logging
import random
import socket
import ssl
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, nullcontext
from contextvars import ContextVar, copy_context
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from heapq import heappop, heappush
from typing import Any, Generic, TypeVar
from urllib.parse import urlsplit

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
MAX_CONNECTIONS = 16  # requests open at once in one run, over all hosts
PER_HOST_LIMIT = 4  # requests open at once to one host (host and port)
T = TypeVar("T")
R = TypeVar("R")


class FetchError(Exception):
    """Why a URL could not be fetched, in one line; `status` is the HTTP status that ended it, if any."""

    def __init__(self, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class DeadlineExceeded(FetchError):
    """The URL's total deadline passed: final, not worth a retry."""


class TooManyRedirects(FetchError):
    """More redirects than FetchConfig.max_redirects (a loop, usually)."""


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
    # Refuse a host whose address (as connected, after DNS, on every redirect) is not public:
    # loopback, private, link-local and the like. The dashboard's Collect page sets it, since
    # anyone who can reach the page chooses what the server fetches (docs/scale.md).
    public_only: bool = False


DEFAULT_FETCH = FetchConfig()
ALLOW_PRIVATE_HINT = "set MEDIAMETRICS_ALLOW_PRIVATE_TARGETS=1 where the dashboard runs to allow it"


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


class _Session(requests.Session):
    """A requests session with its per-host slots: one per run, shared by all its threads."""

    def __init__(self) -> None:
        super().__init__()
        self.host_slots = HostSlots(PER_HOST_LIMIT)
        self._environment: dict[tuple[object, ...], dict[str, Any]] = {}

    def merge_environment_settings(self, url: str, proxies: dict[str, str] | None, stream: bool | None,
                                   verify: Any, cert: Any) -> dict[str, Any]:
        """What requests makes of the environment (proxies, CA bundle), worked out once per scheme and
        host: requests reads every environment variable twice for each request, about 0.4 ms, which a
        run of many pages paid for nothing. A request with proxies of its own is left to requests."""
        try:
            key: tuple[object, ...] = (urlsplit(url).scheme, host_of(url), stream, verify, cert)
            hash(key)
        except (TypeError, ValueError):
            key = ()
        if proxies or not key:
            return super().merge_environment_settings(url, proxies, stream, verify, cert)
        settings = self._environment.get(key)
        if settings is None:
            settings = self._environment[key] = super().merge_environment_settings(url, {}, stream, verify, cert)
        return {**settings, "proxies": dict(settings["proxies"])}


def session(config: FetchConfig = DEFAULT_FETCH) -> requests.Session:
    """A session whose connections a `Deadline` can cut and which keeps the per-host limit: use it
    for every fetch (one per run; threads may share it)."""
    s = _Session()
    s.headers["User-Agent"] = USER_AGENT
    s.max_redirects = config.max_redirects
    # Enough pools that hosts fetched together keep their connections, each as big as the host limit.
    s.mount("http://", _WatchedAdapter(pool_connections=MAX_CONNECTIONS * 2, pool_maxsize=PER_HOST_LIMIT))
    s.mount("https://", _WatchedAdapter(pool_connections=MAX_CONNECTIONS * 2, pool_maxsize=PER_HOST_LIMIT))
    return s


def host_of(url: str) -> str:
    """The host a URL's requests go to, with its port when one is given: the unit of the per-host
    limit. Never raises (a URL that does not parse is its own host)."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return url
    host = parts.hostname or ""
    host = f"[{host}]" if ":" in host else host
    return f"{host}:{port}" if port is not None else host


class HostSlots:
    """At most `limit` requests open at once to one host, whatever thread asks."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._lock = threading.Lock()
        self._slots: dict[str, threading.BoundedSemaphore] = {}

    @contextmanager
    def held(self, url: str, deadline: Deadline) -> Iterator[None]:
        with self._lock:
            slot = self._slots.setdefault(host_of(url), threading.BoundedSemaphore(self.limit))
        if not slot.acquire(timeout=deadline.remaining()):
            raise DeadlineExceeded(deadline.reason(f"waiting for one of the {self.limit} connections to its host"))
        try:
            yield
        finally:
            slot.release()


# --- many URLs at once ----------------------------------------------------------------------------


def by_host(
    fn: Callable[[T], R],
    inputs: Sequence[T],
    host: Callable[[T], str],
    *,
    workers: int = MAX_CONNECTIONS,
    per_host: int = PER_HOST_LIMIT,
) -> Iterator[R]:
    """fn over the inputs in threads (see ByHost); yields the results in input order, each as soon as
    it and all before it are done. `fn` must catch its own input's errors: one that escapes is
    raised here, at its input's turn."""
    with ByHost(fn, inputs, host, workers=workers, per_host=per_host) as run:
        while taken := run.take(1):
            yield taken[0]


class ByHost(Generic[T, R]):
    """fn over the inputs in threads: at most `workers` at once and at most `per_host` at once for one
    host (`host(input)`), the earliest input first of those that may start; each one that finishes
    starts the next, whether or not its result has been taken. So a slow host, or one that asks to
    wait, holds up the order the results are taken in, never the other hosts' work.

    A context manager: leaving it starts nothing more, and what runs finishes on its own (each fetch
    within its deadline).
    """

    def __init__(self, fn: Callable[[T], R], inputs: Sequence[T], host: Callable[[T], str], *,
                 workers: int = MAX_CONNECTIONS, per_host: int = PER_HOST_LIMIT) -> None:
        self.fn, self.inputs, self.workers, self.per_host = fn, inputs, max(1, workers), max(1, per_host)
        self.hosts = [host(item) for item in inputs]
        self.waiting: dict[str, deque[int]] = {}
        for i, h in enumerate(self.hosts):
            self.waiting.setdefault(h, deque()).append(i)
        self.startable = [(queue[0], h) for h, queue in self.waiting.items()]  # a heap; stale entries skipped
        self.busy: Counter[str] = Counter()
        self.running = 0
        self.done: dict[int, tuple[bool, object]] = {}
        self.taken = 0  # results handed out, in input order
        self.closed = False
        self.changed = threading.Condition()
        self.context = copy_context()
        self.pool = ThreadPoolExecutor(max_workers=max(1, min(self.workers, len(inputs))),
                                       thread_name_prefix="mediametrics-fetch")

    def __enter__(self) -> ByHost[T, R]:
        with self.changed:
            self._start()
        return self

    def __exit__(self, *_exc: object) -> None:
        with self.changed:
            self.closed = True
        self.pool.shutdown(wait=False, cancel_futures=True)

    def take(self, limit: int, at_least: int = 1) -> list[R]:
        """The next results in input order: `at_least` of them (waiting for them; fewer only at the
        end), then as many more as are done already, at most `limit` in all; [] once every result
        has been taken. An exception fn raised is raised here when its input's turn comes."""
        limit = max(1, limit)
        out: list[R] = []
        with self.changed:
            while self.taken < len(self.inputs) and len(out) < limit:
                if self.taken not in self.done:
                    if len(out) >= at_least:
                        break
                    self.changed.wait()
                    continue
                ok, value = self.done[self.taken]
                if not ok and out:
                    break  # those before it first: it is raised at the next take
                del self.done[self.taken]
                self.taken += 1
                if not ok:
                    raise value  # type: ignore[misc]  # the exception fn raised
                out.append(value)  # type: ignore[arg-type]  # fn's result
        return out

    def _start(self) -> None:  # with self.changed held
        while not self.closed and self.running < self.workers and self.startable:
            i, h = heappop(self.startable)
            queue = self.waiting[h]
            if not queue or queue[0] != i or self.busy[h] >= self.per_host:
                continue  # stale: started already, or its host is full (it comes back when a slot frees)
            queue.popleft()
            self.busy[h] += 1
            self.running += 1
            if queue and self.busy[h] < self.per_host:
                heappush(self.startable, (queue[0], h))
            # Each input runs in a copy of the caller's context, so what it set for its fetches (the
            # robots.txt guard of `guarded`) holds in the threads too: a feed's entries read in
            # threads obey its sites' robots.txt as the feed did.
            self.pool.submit(self.context.copy().run, self._run, i)

    def _run(self, i: int) -> None:
        try:
            outcome: tuple[bool, object] = (True, self.fn(self.inputs[i]))
        except BaseException as exc:  # noqa: BLE001 - handed to the consumer, raised at its turn
            outcome = (False, exc)
        with self.changed:
            self.done[i] = outcome
            h = self.hosts[i]
            self.busy[h] -= 1
            self.running -= 1
            if self.waiting[h]:
                heappush(self.startable, (self.waiting[h][0], h))
            self._start()
            self.changed.notify_all()


# --- a guard before each fetch --------------------------------------------------------------------

_GUARD: ContextVar[Callable[[str], None] | None] = ContextVar("mediametrics_fetch_guard", default=None)


@contextmanager
def guarded(check: Callable[[str], None] | None) -> Iterator[None]:
    """Every fetch made inside (in this thread) first calls `check(url)`, which raises FetchError to
    refuse the URL before any request; `guarded(None)` lifts the guard (the guard's own fetches)."""
    token = _GUARD.set(check)
    try:
        yield
    finally:
        _GUARD.reset(token)


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
        ticket = _WATCHDOG.watch(self)
        try:
            yield self
        finally:
            _WATCHDOG.cancel(ticket)
            _current.deadline = previous


class _Watchdog:
    """One thread that fires every watched Deadline when it passes. (A threading.Timer per URL took
    about 0.4 ms to start, which a run of many pages paid once a page.)"""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._due: list[tuple[float, int, Deadline]] = []  # a heap, soonest first; cancelled ones skipped
        self._watched: set[int] = set()  # the tickets not cancelled yet
        self._tickets = itertools.count()
        self._thread: threading.Thread | None = None

    def watch(self, deadline: Deadline) -> int:
        with self._changed:
            ticket = next(self._tickets)
            self._watched.add(ticket)
            heappush(self._due, (deadline.end, ticket, deadline))
            if self._thread is None or not self._thread.is_alive():  # first use (or a forked child)
                self._thread = threading.Thread(target=self._run, name="mediametrics-deadlines", daemon=True)
                self._thread.start()
            self._changed.notify()
        return ticket

    def cancel(self, ticket: int) -> None:
        with self._changed:
            self._watched.discard(ticket)

    def _run(self) -> None:
        while True:
            with self._changed:
                while True:
                    while self._due and self._due[0][1] not in self._watched:
                        heappop(self._due)
                    if not self._due:
                        self._changed.wait()
                        continue
                    wait = self._due[0][0] - time.monotonic()
                    if wait <= 0:
                        break
                    self._changed.wait(wait)
                _end, ticket, deadline = heappop(self._due)
                self._watched.discard(ticket)
            deadline._fire()  # outside the lock: shutting sockets down may take a moment


_WATCHDOG = _Watchdog()


def _shut(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass  # already closed: nothing left to cut


def _watch(sock: socket.socket | None) -> None:
    deadline = getattr(_current, "deadline", None)
    if deadline is not None:
        deadline.watch(sock)


# Set for the length of a fetch whose config is public_only (and for the robots.txt fetch it makes
# first): the connections it opens check the address they reached.
_PUBLIC_ONLY: ContextVar[bool] = ContextVar("mediametrics_public_only", default=False)


class PrivateAddressRefused(OSError):
    """A public_only fetch reached an address that is not public; the socket is closed before
    anything is sent. An OSError, so that urllib3 wraps it as it wraps a failed connection."""

    def __init__(self, host: str, address: str, kind: str) -> None:
        shown = host if host == address else f"{host} ({address})"
        super().__init__(f"refused: {shown} is a {kind} address, not a public one; {ALLOW_PRIVATE_HINT}")


def not_public(address: str) -> str | None:
    """What kind of address this is when it is not a public one ("loopback", "private",
    "link-local", ...), else None. An IPv4 address written as IPv6 is judged as IPv4."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    for kind, hit in (("loopback", ip.is_loopback), ("link-local", ip.is_link_local),
                      ("unspecified", ip.is_unspecified), ("multicast", ip.is_multicast),
                      ("private", ip.is_private), ("reserved", ip.is_reserved)):
        if hit:
            return kind
    return None if ip.is_global else "non-public"  # e.g. shared address space, 100.64.0.0/10


def _refuse_inside(host: str, port: int | None) -> None:
    """Raise PrivateAddressRefused when `host` is, or resolves to, an address that is not public.
    A name that does not resolve is left to the connection, which says so in its own words."""
    try:
        found = socket.getaddrinfo(host.strip("[]"), port or 80, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, ValueError):
        return
    for *_, sockaddr in found:
        address = str(sockaddr[0])
        kind = not_public(address)
        if kind is not None:
            raise PrivateAddressRefused(host, address, kind)


class _WatchedHTTPConnection(urllib3.connection.HTTPConnection):
    """Registers its socket with the running fetch's Deadline: when it is opened (before a TLS
    handshake can stall) and before each response is awaited (a reused keep-alive socket). Under
    a public_only fetch, a socket connected to an address that is not public is closed at once."""

    def _new_conn(self) -> socket.socket:
        public_only = _PUBLIC_ONLY.get()
        if public_only:
            # Before connecting: every address the name resolves to (no packet to an inside host,
            # not even a refused one)...
            _refuse_inside(str(self.host), self.port)
        sock = super()._new_conn()
        if public_only:
            # ... and after: the address actually connected to, in case the name resolved again
            # to another one in between. On the first request and on every redirect.
            address = str(sock.getpeername()[0])
            kind = not_public(address)
            if kind is not None:
                sock.close()
                raise PrivateAddressRefused(str(self.host), address, kind)
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
    answer comes back as a Fetched with status 304 and an empty body. Under `guarded`, the guard
    is asked first (robots.txt, with its own deadline); the URL's deadline starts after it.
    """
    # Before the guard: its robots.txt fetch is held to the same addresses.
    public = _PUBLIC_ONLY.set(config.public_only or _PUBLIC_ONLY.get())
    try:
        check = _GUARD.get()
        if check is not None:
            check(url)
        deadline = Deadline(config.deadline_s)
        with deadline.watching():
            return _fetch(url, http=http, config=config, sleep=sleep, rng=rng or random.Random(), headers=headers,
                          deadline=deadline)
    finally:
        _PUBLIC_ONLY.reset(public)


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
    slots = http.host_slots if isinstance(http, _Session) else None
    last = _Retry("no attempt made")
    for attempt in range(config.retries + 1):
        # One of the host's slots for the attempt only: a wait before the next one holds none.
        with slots.held(url, deadline) if slots is not None else nullcontext():
            got = _attempt(url, attempt, http=http, config=config, headers=headers, deadline=deadline)
        if isinstance(got, Fetched):
            return got
        last = got
        if attempt < config.retries:
            pause = last.wait if last.wait is not None else backoff_s(attempt, config, rng)
            if pause >= deadline.remaining():
                raise DeadlineExceeded(deadline.reason(f"{last.problem}, after {_attempts(attempt + 1)}"),
                                       status=last.status)
            log.debug("GET %s: %s; retrying in %.1f s", url, last.problem, pause)
            sleep(pause)
    raise FetchError(f"{last.problem}, after {_attempts(config.retries + 1)}", status=last.status)


@dataclass(frozen=True)
class _Retry:
    """An attempt worth repeating: why it failed, the wait the server asked for, its status."""

    problem: str
    wait: float | None = None
    status: int | None = None


def _attempt(
    url: str,
    attempt: int,
    *,
    http: requests.Session,
    config: FetchConfig,
    headers: Mapping[str, str] | None,
    deadline: Deadline,
) -> Fetched | _Retry:
    """One GET: the page, or why another attempt may do better; FetchError when none would."""
    started = time.monotonic()
    try:
        response = http.get(url, timeout=deadline.timeouts(config), stream=True, headers=dict(headers or {}))
    except requests.TooManyRedirects as exc:
        raise TooManyRedirects(f"more than {config.max_redirects} redirects (a redirect loop?)") from exc
    except (requests.Timeout, requests.ConnectionError) as exc:  # worth another attempt
        inside = next((c for c in _causes(exc) if isinstance(c, PrivateAddressRefused)), None)
        if inside is not None:  # not worth another: the address will not change
            raise FetchError(str(inside)) from exc
        if deadline.passed:
            raise DeadlineExceeded(deadline.reason()) from exc
        return _Retry(failure_reason(exc, config))
    except requests.RequestException as exc:
        raise FetchError(failure_reason(exc, config)) from exc
    with response:
        status = response.status_code
        log.debug("GET %s -> HTTP %s in %.2f s (attempt %d)", url, status, time.monotonic() - started, attempt + 1)
        if status in RETRY_STATUSES:
            problem = f"HTTP {status} {response.reason or ''}".strip()
            wait = retry_after_s(response.headers.get("Retry-After"))
            refused = retry_wait_refused(wait, config, deadline) if wait is not None else None
            if refused:
                raise FetchError(f"{problem}; the server {refused}", status=status)
            return _Retry(problem, wait, status)
        if status == 304:
            return Fetched(url=url, final_url=response.url, status=304, content_type="", charset=None, body=b"",
                           fetched_at=datetime.now(UTC), attempts=attempt + 1, etag=response.headers.get("ETag"),
                           last_modified=response.headers.get("Last-Modified"))
        if status >= 400:
            raise FetchError(f"HTTP {status} {response.reason or ''}".strip(), status=status)
        try:
            body = read_limited(response, config.max_bytes, deadline=deadline)
        except (requests.RequestException, urllib3.exceptions.HTTPError, OSError) as exc:
            if deadline.passed:
                raise DeadlineExceeded(deadline.reason("the server was still sending")) from exc
            reason = failure_reason(exc, config) if isinstance(exc, requests.RequestException) else _first_line(exc)
            raise FetchError(f"broke off while reading the page: {reason}") from exc
        content_type = response.headers.get("Content-Type", "")
        return Fetched(
            url=url,
            final_url=response.url,
            status=status,
            content_type=content_type.split(";")[0].strip().lower(),
            charset=_charset(content_type),
            body=body,
            fetched_at=datetime.now(UTC),
            attempts=attempt + 1,
            etag=response.headers.get("ETag"),
            last_modified=response.headers.get("Last-Modified"),
        )


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
