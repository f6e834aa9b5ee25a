"""Feeds against a real local HTTP server: RSS 2.0 and Atom, conditional GET, categories as tags."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from metrics.cli import main
from metrics.store import connect

PAGE = (Path(__file__).parent / "data" / "local-news.html").read_text(encoding="utf-8")


def page(n: int) -> str:
    # Each entry page is its own article: its own canonical URL and text.
    return (PAGE.replace("https://gazette.example/news/council-clip?utm_source=feed", f"https://gazette.example/{n}")
            .replace("has been viewed more than 2 million times", f"has been viewed more than {n} million times"))


def rss(base: str, entries: list[int]) -> str:
    items = "".join(
        f"""<item><title>Story {n}</title><link>{base}/story/{n}</link>
        <pubDate>Fri, 02 May 2025 1{n}:00:00 -0400</pubDate><category>Local politics</category>
        <category>Viral video</category><guid>{base}/story/{n}</guid></item>"""
        for n in entries
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Riverside Gazette</title><link>{base}/</link>
<description>News</description>{items}</channel></rss>"""


def atom(base: str) -> str:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Gazette Atom</title><id>urn:x</id>
<updated>2025-05-02T12:00:00Z</updated>
<entry><title>Atom story</title><link href="{base}/story/7"/><id>urn:7</id>
<updated>2025-05-02T12:00:00Z</updated><category term="Council"/></entry></feed>"""


@pytest.fixture
def site(httpserver: HTTPServer) -> HTTPServer:
    for n in range(1, 8):
        httpserver.expect_request(f"/story/{n}").respond_with_data(page(n), content_type="text/html")
    return httpserver


def test_rss_entries_become_articles_and_a_second_poll_is_a_304(
    site: HTTPServer, db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = site.url_for("").rstrip("/")
    seen_validators: list[str | None] = []

    def feed(request: Request) -> Response:
        seen_validators.append(request.headers.get("If-None-Match"))
        if request.headers.get("If-None-Match") == '"v1"':
            return Response(status=304)
        return Response(rss(base, [1, 2]), content_type="application/rss+xml", headers={"ETag": '"v1"'})

    site.expect_request("/feed.xml").respond_with_handler(feed)
    assert main(["collect", "--feed", site.url_for("/feed.xml"), "--story", "Council clip"]) == 0
    out = capsys.readouterr().out
    assert "2 entries, 0 already recorded, 2 new read" in out and "2 added" in out
    con = connect(db, read_only=True)
    assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 2
    tags = {t for (t,) in con.execute("SELECT tag FROM tags").fetchall()}
    assert {"Local politics", "Viral video"} <= tags
    assert con.execute("SELECT etag, entries_seen, story_slug FROM feeds").fetchone() == ('"v1"', 2, "council-clip")
    con.close()

    assert main(["collect", "--feed", site.url_for("/feed.xml")]) == 0
    assert "unchanged since the last poll (304)" in capsys.readouterr().out
    assert seen_validators == [None, '"v1"']


def test_new_entries_only_are_fetched_and_a_broken_entry_page_is_named(
    site: HTTPServer, db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = site.url_for("").rstrip("/")
    site.expect_oneshot_request("/feed.xml").respond_with_data(rss(base, [1]), content_type="application/rss+xml")
    site.expect_request("/feed.xml").respond_with_data(rss(base, [1, 2, 9]), content_type="application/rss+xml")
    site.expect_request("/story/9").respond_with_data("gone", status=410)
    assert main(["collect", "--feed", site.url_for("/feed.xml")]) == 0
    capsys.readouterr()
    assert main(["collect", "--feed", site.url_for("/feed.xml")]) == 1
    out, err = capsys.readouterr()
    assert "3 entries, 1 already recorded, 1 new read" in out
    assert err.strip().endswith("/story/9: HTTP 410 GONE")
    page_requests = [r.path for r, _ in site.log if r.path.startswith("/story/")]
    assert page_requests.count("/story/1") == 1  # not fetched again


def test_atom_feeds_and_non_feeds(site: HTTPServer, db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = site.url_for("").rstrip("/")
    site.expect_request("/atom").respond_with_data(atom(base), content_type="application/atom+xml")
    site.expect_request("/notafeed").respond_with_data("<html><body>hello</body></html>", content_type="text/html")
    assert main(["collect", "--feed", site.url_for("/atom"), "--feed", site.url_for("/notafeed")]) == 1
    out, err = capsys.readouterr()
    assert "1 added" in out
    assert "/notafeed: not a readable RSS or Atom feed" in err
    con = connect(db, read_only=True)
    assert con.execute("SELECT tag FROM tags WHERE tag = 'Council'").fetchone() == ("Council",)
    assert [u for (u,) in con.execute("SELECT url FROM feeds").fetchall()] == [site.url_for("/atom")]
    con.close()
