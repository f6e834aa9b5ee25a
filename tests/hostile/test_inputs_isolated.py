"""One bad input is its own one-line error: the other inputs are recorded, the command exits 1, and
no traceback reaches the user (`--debug` shows it). Real files, a real local HTTP server, the real
command line in a child process and a real DuckDB file."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from metrics import collect_service as cs
from metrics.config import settings
from metrics.store import connect
from tests.hostile.conftest import Cli, consistency_problems

DATA = Path(__file__).resolve().parents[1] / "data"
SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_b457bbf5334f3be3.txt"
PAGE = (DATA / "local-news.html").read_text(encoding="utf-8")
CANONICAL = "https://gazette.example/news/council-clip?utm_source=feed"
BROKEN_LINK = "http://[::1/x"


def page(n: int, canonical: str | None = None) -> str:
    """The local news page as its own article n: its own canonical link and text."""
    return PAGE.replace(CANONICAL, canonical or f"https://gazette.example/{n}").replace(
        "has been viewed more than 2 million times", f"has been viewed more than {n} million times"
    )


def articles(db: Path) -> list[tuple[str, str | None]]:
    con = connect(db, read_only=True)
    try:
        return con.execute("SELECT source, canonical_url FROM articles ORDER BY id").fetchall()
    finally:
        con.close()


def test_a_page_with_a_malformed_canonical_link_costs_no_other_file(tmp_path: Path, cli: Cli) -> None:
    good = tmp_path / "good.txt"
    shutil.copy(SEED, good)
    broken = tmp_path / "broken.html"
    broken.write_text(page(3, canonical=BROKEN_LINK), encoding="utf-8")

    done = cli("ingest", good, broken)

    assert "Traceback" not in done.stderr
    assert done.returncode == 0, done.stderr  # the page is readable: only its link is dropped, and said so
    assert (
        f"warning: {broken}: canonical link '{BROKEN_LINK}' ignored: malformed URL (invalid IPv6 URL)"
        in done.stderr
    )
    assert [source for source, _ in articles(tmp_path / "db.duckdb")] == [str(good), str(broken)]
    assert consistency_problems(tmp_path / "db.duckdb") == {}


def test_malformed_urls_are_one_line_each_and_the_good_pages_are_recorded(
    httpserver: HTTPServer, tmp_path: Path, cli: Cli
) -> None:
    httpserver.expect_request("/good").respond_with_data(page(1), content_type="text/html")
    httpserver.expect_request("/broken-link").respond_with_data(
        page(2, canonical=BROKEN_LINK), content_type="text/html"
    )

    done = cli(
        "collect",
        "http://[::1",
        "http://127.0.0.1:99999/",
        httpserver.url_for("/good"),
        httpserver.url_for("/broken-link"),
    )

    assert "Traceback" not in done.stderr
    assert done.returncode == 1
    errors = [line for line in done.stderr.splitlines() if line.startswith("error:")]
    assert errors == [
        "error: http://[::1: malformed URL (invalid IPv6 URL)",
        "error: http://127.0.0.1:99999/: malformed URL (port out of range 0-65535)",
    ]
    assert "2 added, 0 already recorded, 2 failed" in done.stdout
    assert {url for _, url in articles(tmp_path / "db.duckdb")} == {
        httpserver.url_for("/good"),
        httpserver.url_for("/broken-link"),
    }
    assert "canonical link 'http://[::1/x' ignored" in done.stderr
    assert consistency_problems(tmp_path / "db.duckdb") == {}


def rss(title: str, links: list[str]) -> str:
    items = "".join(
        f"<item><title>Entry {n}</title><link>{link}</link><guid>{n}-{link}</guid>"
        "<pubDate>Fri, 02 May 2025 12:00:00 -0400</pubDate></item>"
        for n, link in enumerate(links)
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>{title}</title>'
        f"<link>http://example.org/</link><description>news</description>{items}</channel></rss>"
    )


def test_a_bad_feed_entry_fails_alone_and_never_blocks_another_feed(
    httpserver: HTTPServer, tmp_path: Path, cli: Cli
) -> None:
    for n in (1, 2, 3):
        httpserver.expect_request(f"/story/{n}").respond_with_data(page(n), content_type="text/html")
    httpserver.expect_request("/story/broken-link").respond_with_data(
        page(4, canonical=BROKEN_LINK), content_type="text/html"
    )
    second_feed_links = [httpserver.url_for("/story/2")]

    def second_feed(_request: Request) -> Response:
        return Response(rss("Second", second_feed_links), content_type="application/rss+xml")

    httpserver.expect_request("/a.xml").respond_with_data(
        rss("First", [BROKEN_LINK, httpserver.url_for("/story/1"), httpserver.url_for("/story/broken-link")]),
        content_type="application/rss+xml",
    )
    httpserver.expect_request("/b.xml").respond_with_handler(second_feed)
    db = tmp_path / "db.duckdb"

    done = cli(
        "collect",
        "--feed",
        httpserver.url_for("/a.xml"),
        "--feed",
        httpserver.url_for("/b.xml"),
        "--story",
        "Council clip",
    )

    assert "Traceback" not in done.stderr
    assert done.returncode == 1
    assert [ln for ln in done.stderr.splitlines() if ln.startswith("error:")] == [
        f"error: {BROKEN_LINK}: entry 1 of the feed: malformed URL (invalid IPv6 URL)"
    ]
    assert "3 added, 0 already recorded, 1 failed" in done.stdout
    assert len(articles(db)) == 3

    # The next poll: the bad entry fails again, on its own; the other feed's new entry comes in.
    second_feed_links.append(httpserver.url_for("/story/3"))
    polled = cli("poll")
    assert "Traceback" not in polled.stderr
    assert polled.returncode == 1
    assert "1 added" in polled.stdout
    assert httpserver.url_for("/story/3") in {url for _, url in articles(db)}
    con = connect(db, read_only=True)
    assert con.execute("SELECT count(*) FROM feeds WHERE last_polled_at IS NOT NULL").fetchone()[0] == 2
    con.close()
    assert consistency_problems(db) == {}


def test_file_names_that_are_not_utf8_are_shown_escaped_and_recorded(tmp_path: Path, cli: Cli) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED, folder / "good.txt")
    raw = os.fsencode(folder)
    (Path(os.fsdecode(raw + b"/caf\xe9.txt"))).write_text(
        "The clip drew 12,000 views on Monday.", encoding="utf-8"
    )
    named = raw + b"/na\xefve-\xff.txt"
    Path(os.fsdecode(named)).write_text("The video had 300 likes by Tuesday.", encoding="utf-8")

    done = cli("ingest", folder, named)

    assert "Traceback" not in done.stderr
    assert done.returncode == 0, done.stderr
    assert f"{folder}/caf\\xe9.txt" in done.stdout and f"{folder}/na\\xefve-\\xff.txt" in done.stdout
    assert "3 added" in done.stdout
    sources = {source for source, _ in articles(tmp_path / "db.duckdb")}
    assert sources == {f"{folder}/good.txt", f"{folder}/caf\\xe9.txt", f"{folder}/na\\xefve-\\xff.txt"}
    assert consistency_problems(tmp_path / "db.duckdb") == {}


def test_a_name_the_system_refuses_is_one_error_and_the_rest_recorded(tmp_path: Path, cli: Cli) -> None:
    good = tmp_path / "good.txt"
    shutil.copy(SEED, good)
    too_long = tmp_path / ("x" * 300 + ".txt")  # over the 255 bytes a file name may have

    done = cli("ingest", too_long, good)

    assert "Traceback" not in done.stderr
    assert done.returncode == 1
    assert f"error: {too_long}: cannot read: File name too long" in done.stderr
    assert len(articles(tmp_path / "db.duckdb")) == 1


def test_uploads_with_hostile_names_are_each_their_own_row(db: Path) -> None:
    seed = SEED.read_bytes()
    request = cs.CollectRequest(
        uploads=(
            cs.Upload("..", b"The clip had 5 views."),
            cs.Upload("nul\x00byte.txt", b"The clip had 7,000 views on Monday."),
            cs.Upload("../../etc/passwd.txt", b"The clip had 9,000 likes."),
            cs.Upload("good.txt", seed),
        ),
        command="test",
    )

    result = cs.collect(request, settings())

    outcomes = {(row.input, row.status) for row in result.rows}
    assert outcomes == {
        ("..", cs.FAILED),
        ("nul\\x00byte.txt", cs.ADDED),
        ("passwd.txt", cs.ADDED),
        ("good.txt", cs.ADDED),
    }
    assert result.problem is None and consistency_problems(db) == {}


def test_debug_shows_the_traceback_that_is_otherwise_kept_from_the_user(tmp_path: Path, cli: Cli) -> None:
    good = tmp_path / "good.txt"
    shutil.copy(SEED, good)
    in_the_way = good / "data" / "db.duckdb"  # the database's folder would have to be inside a file

    done = cli("ingest", good, db=in_the_way)
    debugged = cli("ingest", "--debug", good, db=in_the_way)

    assert done.returncode == debugged.returncode == 2
    assert "Traceback" not in done.stderr
    assert f"error: nothing recorded: cannot open the database {in_the_way}" in done.stderr
    assert "Traceback (most recent call last)" in debugged.stderr
    assert f"error: nothing recorded: cannot open the database {in_the_way}" in debugged.stderr
