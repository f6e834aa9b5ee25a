"""Many URLs and feeds at once against a real threaded local server: rows in input order, one host's
slowness, failures and Retry-After never cost another host, the per-host limit holds, and
robots.txt is obeyed (RFC 9309) before any page of its site is asked for.

One server stands for two hosts: `localhost` and `127.0.0.1` at its port are two hosts to the
collector (the unit of the per-host limit and of robots.txt), and the handlers tell them apart by
the Host header. No test measures time: where a test needs "while", a handler waits for an event
the other host's requests set, and fails its request if that never happens.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from metrics import collect_service as cs
from metrics.collectors import web
from metrics.collectors.http import PER_HOST_LIMIT, FetchConfig, fetch, session
from metrics.collectors.robots import MAX_CRAWL_DELAY_S
from metrics.collectors.web import collect_urls
from metrics.config import Settings, settings
from metrics.model import ArticleInput, InputError
from metrics.store import connect
from metrics.workers import POOL_MIN_INPUTS

PAGE = (Path(__file__).parent / "data" / "local-news.html").read_text(encoding="utf-8")
CANONICAL = "https://gazette.example/news/council-clip?utm_source=feed"
FAST = FetchConfig(connect_timeout_s=2, read_timeout_s=10, retries=2, backoff_base_s=0.01, backoff_max_s=0.05)
WAIT_S = 10.0  # how long a handler waits for the other host before failing its request: never reached when it works


def page(n: int) -> str:
    """The local news page as its own article n: its own canonical link and text."""
    return PAGE.replace(CANONICAL, f"https://gazette.example/{n}").replace(
        "has been viewed more than 2 million times", f"has been viewed more than {n} million times")


def html(n: int) -> Response:
    return Response(page(n), content_type="text/html; charset=utf-8")


@pytest.fixture
def server() -> Iterator[HTTPServer]:
    """Threaded, so that requests overlap; a path not set up answers 404 as a real site's does (so a
    site without its own /robots.txt handler has none, and allows everything)."""
    s = HTTPServer(host="127.0.0.1", threaded=True)
    s.no_handler_status_code = 404
    s.start()
    yield s
    s.clear()
    s.stop()


def at(server: HTTPServer, host: str, path: str) -> str:
    return f"http://{host}:{server.port}{path}"


def cfg() -> Settings:
    return replace(settings(), youtube_api_key=None)  # the `db` fixture sets MEDIAMETRICS_DB


def paths(server: HTTPServer) -> list[str]:
    """The paths asked for, in the order their answers were sent."""
    return [request.path for request, _response in server.log]


def number(request: Request) -> int:
    return int(request.path.rsplit("/", 1)[1])


def test_rows_come_in_input_order_though_the_pages_do_not(server: HTTPServer, db: Path) -> None:
    last_asked = threading.Event()

    def story(request: Request) -> Response:
        n = number(request)
        if n == 5:
            last_asked.set()
        elif n == 0 and not last_asked.wait(WAIT_S):  # the first page is answered after the last
            return Response("the last page was never asked for while this one waited", status=500)
        return html(n)

    for n in range(6):
        server.expect_request(f"/s/{n}").respond_with_handler(story)
    urls = [at(server, "localhost", f"/s/{n}") for n in range(6)]

    result = cs.collect(cs.CollectRequest(urls=tuple(urls)), cfg(), config=FAST)

    assert [(r.input, r.status) for r in result.rows] == [(u, cs.ADDED) for u in urls]
    answered = paths(server)
    assert answered.index("/s/5") < answered.index("/s/0")  # they did come back in another order


def test_a_slow_and_failing_host_costs_the_other_host_nothing(server: HTTPServer) -> None:
    fast_done = Counter[str]()
    all_fast_served = threading.Event()
    lock = threading.Lock()

    def slow(request: Request) -> Response:
        # Answered only once every page of the other host has been served: had the slow host held
        # up the other one, this would wait in vain and fail.
        if not all_fast_served.wait(WAIT_S):
            return Response("the other host was held up", status=503)
        return html(100 + number(request))

    def fast(request: Request) -> Response:
        with lock:
            fast_done["served"] += 1
            if fast_done["served"] == 8:
                all_fast_served.set()
        return html(number(request))

    for n in range(4):
        server.expect_request(f"/slow/{n}").respond_with_handler(slow)
    for n in range(8):
        server.expect_request(f"/fast/{n}").respond_with_handler(fast)
    server.expect_request("/broken/0").respond_with_data("down", status=500)
    server.expect_request("/broken/1").respond_with_data("gone", status=404)
    urls = ([at(server, "127.0.0.1", f"/slow/{n}") for n in range(4)]
            + [at(server, "127.0.0.1", f"/broken/{n}") for n in range(2)]
            + [at(server, "localhost", f"/fast/{n}") for n in range(8)])

    got = list(collect_urls(urls, config=FAST))

    assert len(got) == len(urls)
    assert [g.source if isinstance(g, ArticleInput) else g.input for g in got] == urls
    assert all(isinstance(g, ArticleInput) for g in got[:4] + got[6:]), [g for g in got if isinstance(g, InputError)]
    assert [g.reason for g in got[4:6] if isinstance(g, InputError)] == [
        "HTTP 500 INTERNAL SERVER ERROR, after 3 attempts", "HTTP 404 NOT FOUND"]


def test_a_retry_after_on_one_host_does_not_hold_another(server: HTTPServer) -> None:
    asked = Counter[str]()
    other_done = threading.Event()
    lock = threading.Lock()

    def busy(request: Request) -> Response:
        # Every first attempt is told to come back in 1 s; later ones get the page once the other
        # host is served, which can only happen if its URLs went on while these waited.
        with lock:
            asked[request.path] += 1
            first = asked[request.path] == 1
        if first or not other_done.is_set():
            return Response("slow down", status=429, headers={"Retry-After": "1"})
        return html(100 + number(request))

    def other(request: Request) -> Response:
        with lock:
            asked["other"] += 1
            if asked["other"] == 6:
                other_done.set()
        return html(number(request))

    for n in range(4):
        server.expect_request(f"/busy/{n}").respond_with_handler(busy)
    for n in range(6):
        server.expect_request(f"/other/{n}").respond_with_handler(other)
    urls = [at(server, "127.0.0.1", f"/busy/{n}") for n in range(4)] + [
        at(server, "localhost", f"/other/{n}") for n in range(6)]

    got = list(collect_urls(urls, config=replace(FAST, retries=6)))

    assert all(isinstance(g, ArticleInput) for g in got), [g for g in got if isinstance(g, InputError)]
    assert all(asked[f"/busy/{n}"] >= 2 for n in range(4))  # each did wait out a Retry-After


def test_the_per_host_limit_holds_and_is_used(server: HTTPServer) -> None:
    lock = threading.Lock()
    open_now = Counter[str]()
    most = Counter[str]()
    barriers = {host: threading.Barrier(PER_HOST_LIMIT) for host in ("localhost", "127.0.0.1")}

    def counted(request: Request) -> Response:
        host = request.host.split(":")[0]
        with lock:
            open_now[host] += 1
            most[host] = max(most[host], open_now[host])
        try:
            # PER_HOST_LIMIT requests of this host must be open together for any of them to pass:
            # the limit is reached, not just respected.
            barriers[host].wait(timeout=WAIT_S)
        except threading.BrokenBarrierError:
            return Response("fewer requests at once than the limit", status=500)
        finally:
            with lock:
                open_now[host] -= 1
        return html(number(request))

    for n in range(16):
        server.expect_request(f"/p/{n}").respond_with_handler(counted)
    urls = [at(server, ("localhost", "127.0.0.1")[n % 2], f"/p/{n}") for n in range(16)]

    got = list(collect_urls(urls, config=replace(FAST, retries=0)))

    assert all(isinstance(g, ArticleInput) for g in got), [g for g in got if isinstance(g, InputError)]
    assert most == {"localhost": PER_HOST_LIMIT, "127.0.0.1": PER_HOST_LIMIT}


def test_threads_sharing_one_session_never_pass_the_per_host_limit(server: HTTPServer) -> None:
    lock = threading.Lock()
    open_now = [0]
    most = [0]
    release = threading.Event()

    def counted(_request: Request) -> Response:
        with lock:
            open_now[0] += 1
            most[0] = max(most[0], open_now[0])
            if open_now[0] == PER_HOST_LIMIT:
                release.set()
        release.wait(WAIT_S)  # hold the first ones open until the limit is reached
        with lock:
            open_now[0] -= 1
        return html(1)

    server.expect_request("/p").respond_with_handler(counted)
    http = session(FAST)
    with ThreadPoolExecutor(3 * PER_HOST_LIMIT) as pool:
        fetched = list(pool.map(lambda _: fetch(at(server, "localhost", "/p"), http=http, config=FAST),
                                range(3 * PER_HOST_LIMIT)))
    assert all(f.status == 200 for f in fetched)
    assert most[0] == PER_HOST_LIMIT


ROBOTS = """# for us: everything but /private/; for everyone else: nothing
User-agent: mediametrics
Disallow: /private/

User-agent: *
Disallow: /
"""


def test_a_page_robots_txt_disallows_is_one_row_and_never_asked_for(server: HTTPServer, db: Path) -> None:
    server.expect_request("/robots.txt").respond_with_data(ROBOTS, content_type="text/plain")
    server.expect_request("/news/1").respond_with_data(page(1), content_type="text/html")
    server.expect_request("/news/2").respond_with_data(page(2), content_type="text/html")
    urls = [at(server, "localhost", p) for p in ("/private/a", "/news/1", "/private/b", "/news/2")]

    result = cs.collect(cs.CollectRequest(urls=tuple(urls)), cfg(), config=FAST)

    said = f"robots.txt of localhost:{server.port} disallows this page for mediametrics"
    assert [(r.input, r.status, r.detail) for r in result.rows if r.status == cs.FAILED] == [
        (urls[0], cs.FAILED, said), (urls[2], cs.FAILED, said)]
    assert result.added == 2
    asked = paths(server)
    assert not [p for p in asked if p.startswith("/private/")]
    assert asked.count("/robots.txt") == 1  # once for the run, though four pages wanted it


@pytest.mark.parametrize("status", [404, 403])
def test_a_robots_txt_that_is_not_there_allows_every_page(server: HTTPServer, status: int) -> None:
    server.expect_request("/robots.txt").respond_with_data("no", status=status)
    server.expect_request("/private/a").respond_with_data(page(1), content_type="text/html")

    [got] = collect_urls([at(server, "localhost", "/private/a")], config=FAST)

    assert isinstance(got, ArticleInput), got
    assert paths(server) == ["/robots.txt", "/private/a"]


def test_a_robots_txt_answering_5xx_keeps_its_site_out_for_the_run(server: HTTPServer) -> None:
    server.expect_request("/robots.txt", headers={"Host": f"localhost:{server.port}"}).respond_with_data(
        "down", status=503)
    server.expect_request("/news/1").respond_with_data(page(1), content_type="text/html")
    server.expect_request("/news/2").respond_with_data(page(2), content_type="text/html")
    urls = [at(server, "localhost", "/news/1"), at(server, "localhost", "/news/2"),
            at(server, "127.0.0.1", "/news/2")]

    down_1, down_2, other = collect_urls(urls, config=FAST)

    for got in (down_1, down_2):
        assert isinstance(got, InputError)
        assert got.reason == (f"robots.txt of localhost:{server.port} could not be read (HTTP 503 SERVICE "
                              "UNAVAILABLE, after 3 attempts): none of its pages are fetched this run (RFC 9309)")
    assert isinstance(other, ArticleInput), other  # the other host's robots.txt is its own
    assert paths(server).count("/robots.txt") == 3 + 1  # three attempts at the failing one, once read
    assert paths(server).count("/news/1") == 0


def test_an_unreachable_site_is_its_own_failure_once(tmp_path: Path) -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again: connecting is refused
    urls = [f"http://127.0.0.1:{port}/a", f"http://127.0.0.1:{port}/b"]
    got = list(collect_urls(urls, config=replace(FAST, retries=0)))
    assert [g.reason for g in got if isinstance(g, InputError)] == ["connection refused, after 1 attempt"] * 2


def test_crawl_delay_spaces_a_sites_requests_and_a_long_one_is_refused(server: HTTPServer) -> None:
    server.expect_request("/robots.txt", headers={"Host": f"localhost:{server.port}"}).respond_with_data(
        "User-agent: mediametrics\nCrawl-delay: 2\n", content_type="text/plain")
    server.expect_request("/robots.txt", headers={"Host": f"127.0.0.1:{server.port}"}).respond_with_data(
        f"User-agent: *\nCrawl-delay: {int(MAX_CRAWL_DELAY_S) + 1}\n", content_type="text/plain")
    for n in range(3):
        server.expect_request(f"/news/{n}").respond_with_data(page(n), content_type="text/html")
    slept: list[float] = []
    urls = [at(server, "localhost", f"/news/{n}") for n in range(3)] + [at(server, "127.0.0.1", "/news/0")]

    *spaced, refused = collect_urls(urls, config=FAST, sleep=slept.append)

    assert all(isinstance(g, ArticleInput) for g in spaced)
    # The second and third requests were told to wait their turns (2 and 4 s from the first), here
    # recorded rather than slept.
    assert [round(s) for s in sorted(slept)] == [2, 4]
    assert isinstance(refused, InputError) and refused.reason == (
        f"robots.txt of 127.0.0.1:{server.port} asks for {int(MAX_CRAWL_DELAY_S) + 1} s between requests, "
        f"longer than the {MAX_CRAWL_DELAY_S:g} s this tool waits")


def test_many_pages_give_the_same_rows_and_articles_read_by_workers_as_read_here(
    server: HTTPServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    count = POOL_MIN_INPUTS + 12  # enough for in_order to use worker processes
    for n in range(count):
        server.expect_request(f"/s/{n}").respond_with_data(page(n), content_type="text/html")
    urls = tuple(at(server, ("localhost", "127.0.0.1")[n % 2], f"/s/{n}") for n in range(count))

    def collected(name: str, *, workers: bool) -> tuple[list[tuple[str, str]], list[tuple[object, ...]]]:
        threshold = count if workers else count + 1  # PAGES_FOR_WORKERS: 500 pages in use; fewer here
        monkeypatch.setattr(web, "PAGES_FOR_WORKERS", threshold)
        monkeypatch.setattr(cs, "PAGES_FOR_WORKERS", threshold)
        db = tmp_path / f"{name}.duckdb"
        result = cs.collect(cs.CollectRequest(urls=urls), replace(cfg(), db=db), config=FAST)
        con = connect(db, read_only=True)
        try:
            articles = con.execute("SELECT a.source, a.canonical_url, a.title, a.copy_signature, count(c.id) "
                                   "FROM articles a LEFT JOIN claims c ON c.article_id = a.id "
                                   "GROUP BY a.id, a.source, a.canonical_url, a.title, a.copy_signature ORDER BY a.id").fetchall()
        finally:
            con.close()
        return [(r.input, r.status) for r in result.rows], articles

    by_workers = collected("workers", workers=True)
    here = collected("here", workers=False)

    assert by_workers[0] == [(u, cs.ADDED) for u in urls]
    assert [a[0] for a in by_workers[1]] == list(urls)
    assert all(a[3] for a in by_workers[1])  # the copy signature, made where the page was read
    assert by_workers == here


def rss(title: str, links: list[str]) -> str:
    items = "".join(f"<item><title>Entry {n}</title><link>{link}</link><guid>{link}</guid>"
                    "<pubDate>Fri, 02 May 2025 12:00:00 -0400</pubDate></item>" for n, link in enumerate(links))
    return (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>{title}</title>'
            f"<link>http://example.org/</link><description>news</description>{items}</channel></rss>")


def test_feeds_are_polled_together_obey_robots_txt_and_keep_their_order(server: HTTPServer, db: Path) -> None:
    second_served = threading.Event()
    a = lambda path: at(server, "localhost", path)
    b = lambda path: at(server, "127.0.0.1", path)

    def first_feed(_request: Request) -> Response:
        if not second_served.wait(WAIT_S):  # answered only once the second feed has been
            return Response("the second feed was never asked for while this one waited", status=503)
        return Response(rss("First", [a("/s/1"), a("/s/2")]), content_type="application/rss+xml")

    def second_feed(_request: Request) -> Response:
        second_served.set()
        return Response(rss("Second", [b("/s/2"), b("/s/3"), b("/private/4")]), content_type="application/rss+xml")

    server.expect_request("/robots.txt", headers={"Host": f"127.0.0.1:{server.port}"}).respond_with_data(
        "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    server.expect_request("/first.xml").respond_with_handler(first_feed)
    server.expect_request("/second.xml").respond_with_handler(second_feed)
    for n in (1, 2, 3):
        server.expect_request(f"/s/{n}").respond_with_data(page(n), content_type="text/html")
    feeds = (a("/first.xml"), b("/second.xml"))

    result = cs.collect(cs.CollectRequest(feeds=feeds), cfg(), config=FAST)

    rows = [(r.input, r.kind, r.status, r.detail if r.status != cs.ADDED else "") for r in result.rows]
    assert rows == [
        (feeds[0], "feed", cs.POLLED, "2 entries, 0 already recorded, 2 new read"),
        (a("/s/1"), "feed entry", cs.ADDED, ""),
        (a("/s/2"), "feed entry", cs.ADDED, ""),
        # /s/2 again, through the other host: the same article, which the first feed read
        (feeds[1], "feed", cs.POLLED, "3 entries, 1 already recorded, 1 new read"),
        (b("/private/4"), "feed entry", cs.FAILED,
         f"robots.txt of 127.0.0.1:{server.port} disallows this page for mediametrics"),
        (b("/s/3"), "feed entry", cs.ADDED, ""),
    ]
    assert "/private/4" not in paths(server)


def test_a_feeds_new_entries_are_fetched_together_and_keep_their_order(server: HTTPServer, db: Path) -> None:
    lock = threading.Lock()
    open_now = most = 0
    together = threading.Barrier(PER_HOST_LIMIT)

    def entry(request: Request) -> Response:
        nonlocal open_now, most
        with lock:
            open_now += 1
            most = max(most, open_now)
        try:
            # The first PER_HOST_LIMIT entries must be open together for any of them to pass.
            if number(request) <= PER_HOST_LIMIT:
                together.wait(timeout=WAIT_S)
        except threading.BrokenBarrierError:
            return Response("the entries were fetched one at a time", status=500)
        finally:
            with lock:
                open_now -= 1
        return html(number(request))

    links = [at(server, "localhost", f"/e/{n}") for n in range(1, 9)]
    server.expect_request("/feed.xml").respond_with_data(rss("Many", links), content_type="application/rss+xml")
    for n in range(1, 9):
        server.expect_request(f"/e/{n}").respond_with_handler(entry)
    feed = at(server, "localhost", "/feed.xml")

    result = cs.collect(cs.CollectRequest(feeds=(feed,)), cfg(), config=replace(FAST, retries=0))

    rows = [(r.input, r.status) for r in result.rows]
    assert rows == [(feed, cs.POLLED), *((link, cs.ADDED) for link in links)]
    assert most == PER_HOST_LIMIT
