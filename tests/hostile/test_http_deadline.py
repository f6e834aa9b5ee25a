"""One URL never holds a run past its deadline, however slowly a server drips, and a Retry-After
above the cap fails that URL at once with its reason. Real sockets: a small server that sends one
byte every 0.3 s (pytest-httpserver cannot drip), and pytest-httpserver for the rest."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from metrics.collectors.http import MAX_RETRY_AFTER_S, FetchConfig, FetchError, fetch, session
from metrics.collectors.youtube import fetch_videos
from tests.hostile.conftest import Cli, consistency_problems

DRIP_S = 0.3  # one byte this often: well inside every read timeout below
DRIP_BYTES = 40  # then the server gives up: 12 s, long enough that only a deadline ends a fetch sooner
DEADLINE = FetchConfig(connect_timeout_s=1, read_timeout_s=1, deadline_s=1.5, retries=1, backoff_base_s=0.01)
PAGE = (Path(__file__).resolve().parents[1] / "data" / "local-news.html").read_bytes()
HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n"


class DripServer:
    """Answers every connection slowly: the headers at once and the body a byte at a time, or the
    headers themselves a byte at a time (`drip_headers`)."""

    def __init__(self, *, drip_headers: bool = False) -> None:
        self.drip_headers = drip_headers
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.stopped = threading.Event()
        threading.Thread(target=self._serve, daemon=True).start()

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def _serve(self) -> None:
        while not self.stopped.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._answer, args=(conn,), daemon=True).start()

    def _answer(self, conn: socket.socket) -> None:
        with conn:
            try:
                conn.recv(65536)
                if self.drip_headers:
                    slow = HEAD[:-4] + b"\r\nX-Padding: " + b"x" * DRIP_BYTES
                else:
                    conn.sendall(HEAD)
                    slow = b"<p>" + b"x" * DRIP_BYTES
                for byte in slow[:DRIP_BYTES]:
                    if self.stopped.is_set():
                        return
                    conn.sendall(bytes([byte]))
                    time.sleep(DRIP_S)
            except OSError:
                return  # the client hung up: what a deadline does

    def stop(self) -> None:
        self.stopped.set()
        self.sock.close()


@pytest.fixture
def drip() -> Iterator[DripServer]:
    server = DripServer()
    yield server
    server.stop()


@pytest.fixture
def drip_headers() -> Iterator[DripServer]:
    server = DripServer(drip_headers=True)
    yield server
    server.stop()


def test_a_body_sent_a_byte_at_a_time_fails_at_the_deadline(drip: DripServer) -> None:
    with pytest.raises(FetchError, match=r"^gave up after 1.5 s, the deadline for one URL"):
        fetch(drip.url(), http=session(DEADLINE), config=DEADLINE)


def test_headers_sent_a_byte_at_a_time_fail_at_the_deadline(drip_headers: DripServer) -> None:
    with pytest.raises(FetchError, match=r"^gave up after 1.5 s, the deadline for one URL"):
        fetch(drip_headers.url(), http=session(DEADLINE), config=DEADLINE)


def test_youtube_requests_keep_the_same_deadline(drip: DripServer) -> None:
    snaps, [error] = fetch_videos(
        ["dQw4w9WgXcQ"], api_key="k", base_url=drip.url("/youtube/v3"), config=DEADLINE
    )
    assert snaps == [] and error.reason.startswith("gave up after 1.5 s, the deadline for one URL")


def test_collect_timeout_is_the_whole_url_and_the_next_url_is_still_recorded(
    drip: DripServer, httpserver: HTTPServer, tmp_path: Path, cli: Cli
) -> None:
    httpserver.expect_request("/news").respond_with_data(PAGE, content_type="text/html")

    done = cli("collect", "--timeout", "1.5", drip.url("/slow"), httpserver.url_for("/news"))

    assert "Traceback" not in done.stderr
    assert done.returncode == 1
    assert f"error: {drip.url('/slow')}: gave up after 1.5 s, the deadline for one URL" in done.stderr
    assert "1 added, 0 already recorded, 1 failed" in done.stdout
    assert consistency_problems(tmp_path / "db.duckdb") == {}


def test_a_retry_after_over_the_cap_fails_the_url_now(httpserver: HTTPServer) -> None:
    httpserver.expect_oneshot_request("/p").respond_with_data(
        "busy", status=429, headers={"Retry-After": "59"}
    )
    httpserver.expect_request("/p").respond_with_data(PAGE, content_type="text/html")
    slept: list[float] = []

    with pytest.raises(FetchError) as failed:
        fetch(httpserver.url_for("/p"), http=session(), sleep=slept.append)

    assert str(failed.value) == (
        f"HTTP 429 TOO MANY REQUESTS; the server asks to retry after 59 s, longer than "
        f"the {MAX_RETRY_AFTER_S:g} s this tool waits"
    )
    assert slept == [] and len(httpserver.log) == 1


def test_a_retry_after_past_the_deadline_fails_the_url_now(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/p").respond_with_data("down", status=503, headers={"Retry-After": "20"})
    slept: list[float] = []
    config = FetchConfig(deadline_s=10, retries=3)

    with pytest.raises(FetchError, match=r"asks to retry after 20 s, past the 10 s deadline for one URL$"):
        fetch(httpserver.url_for("/p"), http=session(config), config=config, sleep=slept.append)

    assert slept == [] and len(httpserver.log) == 1
