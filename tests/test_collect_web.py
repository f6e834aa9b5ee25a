"""The web collector against a real local HTTP server serving real formats and real faults."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from metrics.cli import main
from metrics.collectors.http import FetchConfig, FetchError, fetch, not_public, retry_after_s, session
from metrics.collectors.web import collect_urls
from metrics.model import InputError
from metrics.store import connect
from tests.conftest import free_port

PAGE = (Path(__file__).parent / "data" / "local-news.html").read_bytes()
FAST = FetchConfig(connect_timeout_s=2, read_timeout_s=0.5, retries=2, backoff_base_s=0.01, backoff_max_s=5)


@pytest.fixture(autouse=True)
def _no_robots_txt(httpserver: HTTPServer) -> None:
    """A path no test set up answers 404, as on a real site: /robots.txt too, so every page is allowed
    (RFC 9309; robots.txt itself is tested in test_collect_concurrent.py)."""
    httpserver.no_handler_status_code = 404


def collect(urls: list[str], **kw: object) -> list[object]:
    slept: list[float] = kw.pop("slept", [])  # type: ignore[assignment]
    return list(collect_urls(urls, config=FAST, sleep=slept.append, **kw))  # type: ignore[arg-type]


def test_a_news_page_is_read_with_its_metadata_and_claims(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/news/clip").respond_with_data(PAGE, content_type="text/html; charset=utf-8")
    [item] = collect([httpserver.url_for("/news/clip") + "?utm_source=x"])
    assert not isinstance(item, InputError), item
    assert item.meta.title == "Clip of council meeting tops 2 million views"
    assert item.meta.outlet == "Riverside Gazette"
    assert item.meta.published is not None and item.meta.published.offset == "-04:00"
    assert item.meta.canonical_url == "https://gazette.example/news/council-clip?utm_source=feed"
    assert [(c.value, c.bound) for c in item.claims if c.metric == "views"] == [(2e6, "lower")]


def test_429_with_retry_after_then_success_waits_as_asked(httpserver: HTTPServer) -> None:
    httpserver.expect_oneshot_request("/p").respond_with_data("slow down", status=429, headers={"Retry-After": "3"})
    httpserver.expect_request("/p").respond_with_data(PAGE, content_type="text/html")
    slept: list[float] = []
    [item] = collect([httpserver.url_for("/p")], slept=slept)
    assert not isinstance(item, InputError), item
    assert slept == [3.0]


def test_500_then_success_backs_off_and_gets_the_page(httpserver: HTTPServer) -> None:
    httpserver.expect_oneshot_request("/p").respond_with_data("oops", status=500)
    httpserver.expect_oneshot_request("/p").respond_with_data("oops", status=503)
    httpserver.expect_request("/p").respond_with_data(PAGE, content_type="text/html")
    slept: list[float] = []
    [item] = collect([httpserver.url_for("/p")], slept=slept)
    assert not isinstance(item, InputError), item
    assert len(slept) == 2 and all(0 <= s <= 5 for s in slept)


def test_persistent_500_gives_up_with_the_status(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/p").respond_with_data("oops", status=502)
    [item] = collect([httpserver.url_for("/p")])
    assert isinstance(item, InputError)
    assert item.reason == "HTTP 502 BAD GATEWAY, after 3 attempts"


@pytest.fixture
def threaded_server() -> Iterator[HTTPServer]:
    """A server that answers while another request is still sleeping."""
    server = HTTPServer(threaded=True)
    server.no_handler_status_code = 404  # no robots.txt: every page allowed
    server.start()
    yield server
    server.clear()
    server.stop()


def test_a_page_that_times_out_is_named_and_the_next_one_still_collected(threaded_server: HTTPServer) -> None:
    def slow(_request: Request) -> Response:
        time.sleep(1.0)
        return Response(PAGE, content_type="text/html")

    threaded_server.expect_request("/slow").respond_with_handler(slow)
    threaded_server.expect_request("/ok").respond_with_data(PAGE, content_type="text/html")
    config = FetchConfig(connect_timeout_s=2, read_timeout_s=0.3, retries=0)
    got = list(collect_urls([threaded_server.url_for("/slow"), threaded_server.url_for("/ok")], config=config))
    assert isinstance(got[0], InputError) and got[0].reason.startswith("timed out")
    assert not isinstance(got[1], InputError)


def test_redirect_loop_is_one_clear_error(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/a").respond_with_data("", status=302, headers={"Location": "/b"})
    httpserver.expect_request("/b").respond_with_data("", status=302, headers={"Location": "/a"})
    [item] = collect([httpserver.url_for("/a")])
    assert isinstance(item, InputError) and "redirects (a redirect loop?)" in item.reason


def test_a_50_mb_body_is_refused_without_reading_it_all(httpserver: HTTPServer) -> None:
    def endless(_request: Request) -> Response:
        chunk = b"<p>" + b"x" * 65_530 + b"</p>"
        return Response((chunk for _ in range(800)), content_type="text/html")  # ~50 MB, no Content-Length

    httpserver.expect_request("/big").respond_with_handler(endless)
    httpserver.expect_request("/declared").respond_with_data(b"x" * (11 * 1024 * 1024), content_type="text/html")
    big, declared = collect([httpserver.url_for("/big"), httpserver.url_for("/declared")])
    assert isinstance(big, InputError) and "over the 10,485,760-byte limit" in big.reason
    assert isinstance(declared, InputError) and "11,534,336 bytes is over" in declared.reason


def test_a_pdf_served_as_html_and_a_missing_page_are_named(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/report").respond_with_data(b"%PDF-1.7\n%binary", content_type="text/html")
    httpserver.expect_request("/gone").respond_with_data("no such page", status=404)
    pdf, missing = collect([httpserver.url_for("/report"), httpserver.url_for("/gone")])
    assert isinstance(pdf, InputError) and pdf.reason == "not a web page: the body is a PDF (served as text/html)"
    assert isinstance(missing, InputError) and missing.reason == "HTTP 404 NOT FOUND"  # not retried


def test_a_wrong_charset_declaration_is_survived(httpserver: HTTPServer) -> None:
    latin = PAGE.decode("utf-8").replace("Riverside Gazette", "Gazette de Montréal").encode("latin-1")
    httpserver.expect_request("/fr").respond_with_data(latin, content_type="text/html; charset=utf-8")
    [item] = collect([httpserver.url_for("/fr")])
    assert not isinstance(item, InputError), item
    assert item.meta.outlet == "Gazette de Montréal"


def test_retry_after_reads_seconds_and_http_dates() -> None:
    from datetime import UTC, datetime

    now = datetime(2025, 5, 3, 12, 0, tzinfo=UTC)
    assert retry_after_s("120") == 120.0
    assert retry_after_s("Sat, 03 May 2025 12:00:30 GMT", now=now) == 30.0
    assert retry_after_s("soon") is None


def test_collect_command_records_pages_and_reports_failures(
    httpserver: HTTPServer, db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    httpserver.expect_request("/news/clip").respond_with_data(PAGE, content_type="text/html")
    httpserver.expect_request("/gone").respond_with_data("not here", status=404)
    urls = tmp_path / "urls.txt"
    urls.write_text(f"# coverage\n{httpserver.url_for('/news/clip')}\n{httpserver.url_for('/gone')}\n")
    assert main(["collect", "--from-file", str(urls), "--story", "Council clip", "--timeout", "5"]) == 1
    out, err = capsys.readouterr()
    assert "1 added, 0 already recorded, 1 failed" in out
    assert err.strip().endswith("/gone: HTTP 404 NOT FOUND")
    # Again, through a tracking-parameter variant: not even fetched; a refetch finds it recorded.
    fetched_before = len(httpserver.log)
    assert main(["collect", httpserver.url_for("/news/clip") + "?fbclid=abc", "--verbose"]) == 0
    assert "not fetched again" in capsys.readouterr().out and len(httpserver.log) == fetched_before
    assert main(["-v", "collect", "--refetch", httpserver.url_for("/news/clip")]) == 0
    out, err = capsys.readouterr()
    assert "1 already recorded" in out and "-> HTTP 200" in err
    con = connect(db, read_only=True)
    assert con.execute("SELECT count(*), any_value(origin) FROM articles").fetchone() == (1, "web")
    assert con.execute("SELECT collector, ok, skipped, failed FROM collection_runs ORDER BY id").fetchall() == [
        ("web", 1, 0, 1), ("web", 0, 1, 0)]
    con.close()


def test_fetch_keeps_one_session_and_says_who_it_is(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/ua").respond_with_data(PAGE, content_type="text/html")
    fetched = fetch(httpserver.url_for("/ua"), http=session(FAST), config=FAST)
    request, _response = httpserver.log[-1]
    assert request.headers["User-Agent"].startswith("mediametrics/")
    assert fetched.attempts == 1 and fetched.status == 200
    with pytest.raises(FetchError):
        fetch("http://127.0.0.1:9/", http=session(FAST), config=FetchConfig(connect_timeout_s=0.5, retries=0))


def _closed_port() -> int:
    """A local port that was just free: bound, then closed, so connecting to it is refused."""
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_a_refused_connection_is_named_in_words_with_the_attempts() -> None:
    url = f"http://127.0.0.1:{_closed_port()}/news"
    slept: list[float] = []
    [item] = collect([url], slept=slept)
    assert isinstance(item, InputError) and item.input == url
    assert item.reason == "connection refused, after 3 attempts"
    assert len(slept) == 2


def test_an_unresolvable_host_is_named_as_dns() -> None:
    # .invalid is reserved (RFC 2606): it never resolves, with or without internet.
    config = FetchConfig(connect_timeout_s=2, read_timeout_s=2, retries=0)
    [item] = list(collect_urls(["https://example.invalid/x"], config=config))
    assert isinstance(item, InputError) and item.reason == "host not found (DNS), after 1 attempt"


def test_tls_to_a_plain_http_server_is_a_tls_error(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/p").respond_with_data(PAGE, content_type="text/html")
    url = httpserver.url_for("/p").replace("http://", "https://")
    [item] = list(collect_urls([url], config=FetchConfig(connect_timeout_s=2, read_timeout_s=2, retries=0)))
    assert isinstance(item, InputError) and item.reason == "TLS error, after 1 attempt"


def test_a_read_timeout_names_the_seconds_waited(threaded_server: HTTPServer) -> None:
    def slow(_request: Request) -> Response:
        time.sleep(1.0)
        return Response(PAGE, content_type="text/html")

    threaded_server.expect_request("/slow").respond_with_handler(slow)
    config = FetchConfig(connect_timeout_s=2, read_timeout_s=0.3, retries=0)
    [item] = list(collect_urls([threaded_server.url_for("/slow")], config=config))
    assert isinstance(item, InputError)
    assert item.reason == "timed out after 0.3 s waiting for the server, after 1 attempt"



def test_an_unmapped_failure_is_shortened_between_words_and_a_bad_url_is_named() -> None:
    import requests

    from metrics.collectors.http import failure_reason

    long_words = "the proxy said something " * 12
    reason = failure_reason(requests.ConnectionError(OSError(long_words)))
    kept = reason.removeprefix("connection failed (").removesuffix("\u2026)")
    assert len(kept) <= 120 and long_words.startswith(kept + " ")  # cut where a word ends
    with pytest.raises(FetchError, match=r"^not a valid URL$"):
        fetch("http://", http=session(FAST), config=FAST)


@pytest.mark.parametrize(("address", "kind"), [
    ("127.0.0.1", "loopback"), ("::1", "loopback"), ("::ffff:127.0.0.1", "loopback"),
    ("10.1.2.3", "private"), ("192.168.0.10", "private"), ("fd00::1", "private"),
    ("169.254.169.254", "link-local"), ("fe80::1%eth0", "link-local"), ("0.0.0.0", "unspecified"),
    ("100.64.0.1", "non-public"), ("224.0.0.1", "multicast"),
    ("93.184.215.14", None), ("2606:4700::1111", None),
])
def test_which_addresses_are_not_public(address: str, kind: str | None) -> None:
    assert not_public(address) == kind


def test_a_public_only_fetch_is_refused_at_an_inside_address_and_sends_nothing(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/page").respond_with_data("<p>hi</p>", content_type="text/html")
    url = f"http://localhost:{httpserver.port}/page"
    with pytest.raises(FetchError, match=r"^refused: localhost \(127\.0\.0\.1\) is a loopback address"):
        fetch(url, http=session(), config=FetchConfig(public_only=True))
    assert httpserver.log == []
    # Decided before connecting: a closed port gets the same answer, not "connection refused".
    with pytest.raises(FetchError, match=r"^refused: 127\.0\.0\.1 is a loopback address"):
        fetch(f"http://127.0.0.1:{free_port()}/", http=session(), config=FetchConfig(public_only=True))
    # The same fetch without the rule, and the rule does not outlive the refused fetch.
    assert fetch(url, http=session()).body == b"<p>hi</p>"
