"""The Collect page and its service, on a real DuckDB file and a real local HTTP server.

Nothing here reaches the internet: pages come from pytest-httpserver, YouTube's API too.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from streamlit.testing.v1 import AppTest

from metrics import collect_service as cs
from metrics.collectors.http import ALLOW_PRIVATE_HINT
from metrics.config import ALLOW_PRIVATE_ENV, Settings, settings
from metrics.dashboard import data
from metrics.format import escape_markdown
from metrics.store import connect
from tests.conftest import ROOT, SEED_ARTICLE, hold

PAGE = (ROOT / "tests" / "data" / "local-news.html").read_bytes()
PAGE_TITLE = "Clip of council meeting tops 2 million views"


def cfg(**changes: object) -> Settings:
    """The settings a run reads from its environment (the `db` fixture sets MEDIAMETRICS_DB)."""
    from dataclasses import replace

    return replace(settings(), **changes)  # type: ignore[arg-type]


def page() -> AppTest:
    return AppTest.from_file(str(ROOT / "app_pages" / "collect.py"), default_timeout=60)


def dashboard() -> AppTest:
    return AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)


def articles(db: Path, where_title: str) -> list[tuple[object, ...]]:
    con = connect(db, read_only=True)
    try:
        return con.execute("SELECT id, title, source, origin FROM articles WHERE title = ?", [where_title]).fetchall()
    finally:
        con.close()


@pytest.fixture
def news(httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> HTTPServer:
    """A local server standing in for the web; the page may fetch from it only because the
    operator allows private targets (test_the_page_refuses_an_inside_address_unless_allowed)."""
    httpserver.expect_request("/news/clip").respond_with_data(PAGE, content_type="text/html; charset=utf-8")
    httpserver.expect_request("/gone").respond_with_data("no such page", status=404)
    monkeypatch.setenv(ALLOW_PRIVATE_ENV, "1")
    return httpserver


def test_the_page_refuses_an_inside_address_unless_allowed(seeded_db: Path, httpserver: HTTPServer,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    # Whoever reaches a shared dashboard must not make its server fetch from inside its network:
    # by number or by a name that resolves there, the URL fails in one line and nothing is sent.
    monkeypatch.delenv(ALLOW_PRIVATE_ENV, raising=False)
    httpserver.expect_request("/news/clip").respond_with_data(PAGE, content_type="text/html; charset=utf-8")
    by_number = f"http://127.0.0.1:{httpserver.port}/news/clip"
    by_name = f"http://localhost:{httpserver.port}/gone"
    at = page().run()
    at.text_area(key="collect_urls").input(f"{by_number}\n{by_name}\n")
    at.button[0].click().run()
    assert not at.exception, [e.value for e in at.exception]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Added"] == "0" and metrics["Failed"] == "2"
    assert [e.value for e in at.error] == [
        escape_markdown(f"{by_number}: refused: 127.0.0.1 is a loopback address, not a public one; {ALLOW_PRIVATE_HINT}"),
        escape_markdown(f"{by_name}: refused: localhost (127.0.0.1) is a loopback address, not a public one; "
                        f"{ALLOW_PRIVATE_HINT}"),
    ]
    assert httpserver.log == []  # not even robots.txt was asked for
    assert articles(seeded_db, PAGE_TITLE) == []

    # Allowed where the dashboard is started (its settings are read once per server process).
    monkeypatch.setenv(ALLOW_PRIVATE_ENV, "1")
    data.app_settings.clear()  # a new server process
    at = page().run()
    at.text_area(key="collect_urls").input(by_number)
    at.button[0].click().run()
    assert {m.label: m.value for m in at.metric}["Added"] == "1"


def test_two_urls_one_added_one_failed_with_its_reason(seeded_db: Path, news: HTTPServer,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("YOUTUBE_API_KEY", raising=False)
    ok, gone = news.url_for("/news/clip"), news.url_for("/gone")
    at = page().run()
    assert not at.exception, [e.value for e in at.exception]
    at.text_area(key="collect_urls").input(f"{ok}\n{gone}\n")
    # AppTest cannot type a new option into a selectbox; choose an existing story (the service
    # test below starts a new one from a typed title).
    at.selectbox(key="collect_story").set_value("cia-mandarin-videos-2025")
    at.button[0].click().run()
    assert not at.exception, [e.value for e in at.exception]

    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Added"] == "1" and metrics["Failed"] == "1" and metrics["Already recorded"] == "0"
    # Shown as text: the URL is escaped so that Streamlit makes no link of it (format.escape_markdown).
    assert [e.value for e in at.error] == [escape_markdown(f"{gone}: HTTP 404 NOT FOUND")]
    table = at.dataframe[0].value
    assert table.set_index("input")["outcome"].to_dict() == {ok: "added", gone: "failed"}

    [(_, _, source, origin)] = articles(seeded_db, PAGE_TITLE)
    assert (source, origin) == (ok, "web")
    con = connect(seeded_db, read_only=True)
    try:
        [(story,)] = con.execute(
            "SELECT s.title FROM stories s JOIN story_articles sa ON sa.story_id = s.id "
            "JOIN articles a ON a.id = sa.article_id WHERE a.title = ?", [PAGE_TITLE]).fetchall()
        [(failed, errors)] = con.execute(
            "SELECT failed, errors FROM collection_runs ORDER BY id DESC LIMIT 1").fetchall()
    finally:
        con.close()
    assert story == "CIA Mandarin recruitment videos"
    assert failed == 1 and "HTTP 404" in errors  # the failure is kept with the run, as the CLI keeps it

    # Submitting the same URLs again fetches nothing new: the page says it is already recorded.
    at.button[0].click().run()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Added"] == "0" and metrics["Already recorded"] == "1"


def test_new_data_shows_on_the_other_pages_without_a_restart(seeded_db: Path, news: HTTPServer) -> None:
    board = dashboard().run()
    assert "Council clip" not in set(board.dataframe[0].value["title"])
    result = cs.collect(cs.CollectRequest(urls=(news.url_for("/news/clip"),), story=cs.story_ref("Council clip")),
                        cfg())
    assert result.added == 1
    board.run()  # same process, same caches: keyed on the database file's mtime
    assert "Council clip" in set(board.dataframe[0].value["title"])


def test_missing_youtube_key_is_said_on_the_form_and_per_video(seeded_db: Path, news: HTTPServer,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("YOUTUBE_API_KEY", raising=False)
    at = page().run()
    assert any("YOUTUBE_API_KEY is not set" in w.value for w in at.warning)
    at.text_area(key="collect_youtube").input("https://youtu.be/dQw4w9WgXcQ")
    at.text_area(key="collect_urls").input(news.url_for("/news/clip"))
    at.button[0].click().run()
    assert not at.exception
    assert [e.value for e in at.error] == [escape_markdown(f"https://youtu.be/dQw4w9WgXcQ: {cs.MISSING_KEY_REASON}")]
    assert {m.label: m.value for m in at.metric}["Added"] == "1"  # the article is still recorded


def test_with_a_key_the_form_does_not_warn(seeded_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("YOUTUBE_API_KEY", "test-key-not-real")
    at = page().run()
    assert not at.warning
    assert any("YOUTUBE_API_KEY" in c.value for c in at.caption)


def test_an_empty_submission_says_what_to_give(seeded_db: Path) -> None:
    at = page().run()
    at.button[0].click().run()
    assert any("Nothing to collect" in w.value for w in at.warning)
    assert not at.metric


def test_uploaded_files_keep_their_names_and_a_bad_one_is_named(seeded_db: Path) -> None:
    calls: list[tuple[float, int, str]] = []
    request = cs.CollectRequest(
        uploads=(cs.Upload("ap-cia-videos.txt", SEED_ARTICLE.read_bytes()),
                 cs.Upload("local-news.html", PAGE),
                 cs.Upload("empty.txt", b"   \n"),
                 cs.Upload("notes.pdf", b"%PDF-1.7")),
        tags=("uploads test",),
    )
    result = cs.collect(request, cfg(), progress=lambda *a: calls.append(a))
    # One call per input read, then the articles recorded (the two that read).
    assert [c[:2] for c in calls] == [(1, 4), (2, 4), (3, 4), (4, 4), (2, 2)]
    assert calls[-1][2] == "recording 2 of 2 articles"
    outcome = {r.input: (r.status, r.detail) for r in result.rows}
    assert outcome["ap-cia-videos.txt"][0] == cs.KNOWN  # the seed already holds this text
    assert outcome["local-news.html"][0] == cs.ADDED
    assert outcome["empty.txt"] == (cs.FAILED, "empty file")
    assert outcome["notes.pdf"] == (cs.FAILED, "not a .txt or .html file (.pdf)")
    [(_, _, source, origin)] = articles(seeded_db, PAGE_TITLE)
    assert (source, origin) == ("local-news.html", "file")


def test_a_feed_and_youtube_through_the_service(seeded_db: Path, httpserver: HTTPServer,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    clip = httpserver.url_for("/news/clip")
    rss = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Gazette</title>'
           f'<item><title>Clip</title><link>{clip}</link><category>Local</category></item>'
           f'<item><title>Gone</title><link>{httpserver.url_for("/gone")}</link></item></channel></rss>')
    httpserver.expect_request("/rss.xml").respond_with_data(rss, content_type="application/rss+xml",
                                                            headers={"ETag": '"v1"'})
    httpserver.expect_request("/news/clip").respond_with_data(PAGE, content_type="text/html")
    httpserver.expect_request("/gone").respond_with_data("no", status=404)
    vid = "dQw4w9WgXcQ"
    httpserver.expect_request("/yt/videos").respond_with_json({"kind": "youtube#videoListResponse", "items": [{
        "id": vid, "snippet": {"title": "Council clip", "publishedAt": "2024-03-05T14:30:00Z"},
        "statistics": {"viewCount": "2100000", "likeCount": "5000"}, "contentDetails": {"duration": "PT2M27S"}}]})
    result = cs.collect(cs.CollectRequest(feeds=(httpserver.url_for("/rss.xml"),), youtube=(vid, "not a video"),
                                          story=cs.story_ref("Council clip")),
                        cfg(youtube_api_key="test-key-not-real", youtube_base=httpserver.url_for("/yt")))
    by_input = {r.input: r for r in result.rows}
    assert by_input[httpserver.url_for("/rss.xml")].detail == "2 entries, 0 already recorded, 1 new read"
    assert by_input[clip].status == cs.ADDED
    assert by_input[httpserver.url_for("/gone")].detail == "HTTP 404 NOT FOUND"
    assert by_input[vid].status == cs.MEASURED and "views 2,100,000" in by_input[vid].detail
    assert by_input["not a video"].status == cs.FAILED
    con = connect(seeded_db, read_only=True)
    try:
        assert con.execute("SELECT etag, story_slug FROM feeds").fetchall() == [('"v1"', "council-clip")]
        assert con.execute("SELECT count(*) FROM observations o JOIN media_items m ON m.id = o.media_item_id "
                           "WHERE m.platform_id = ?", [vid]).fetchone() == (2,)
    finally:
        con.close()


def test_a_database_held_by_another_process_keeps_what_was_read(seeded_db: Path, news: HTTPServer) -> None:
    holder = hold(seeded_db)
    try:
        gathered = cs.gather(cs.CollectRequest(urls=(news.url_for("/news/clip"),)), cfg())
        result = cs.record(gathered, cfg(), lock_wait_s=0.3)
        assert result.locked and "in use by another process" in result.locked
        assert result.kept is not None and result.kept.exists() and not result.wrote
        assert result.rows[0].status == cs.NOT_RECORDED
    finally:
        holder.kill()
        holder.wait()
    time.sleep(0.1)
    assert cs.kept_batches(cfg()) == [result.kept]
    said = cs.record_kept(cfg())  # no second fetch
    assert len(said) == 1 and "1 added" in said[0]
    assert len(articles(seeded_db, PAGE_TITLE)) == 1 and cs.kept_batches(cfg()) == []
    assert [r.path for r, _ in news.log].count("/news/clip") == 1  # no second fetch (robots.txt aside)


def test_the_page_says_the_database_is_busy_and_records_later_without_refetching(
        seeded_db: Path, news: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> None:
    from metrics import store

    monkeypatch.setattr(store, "WRITE_LOCK_WAIT_S", 0.3)  # not the 10 s a user gets
    at = page().run()
    at.text_area(key="collect_urls").input(news.url_for("/news/clip"))
    holder = hold(seeded_db)
    try:
        at.button[0].click().run()
    finally:
        holder.kill()
        holder.wait()
    assert not at.exception
    assert any("in use by another process" in e.value for e in at.error)
    assert {m.label: m.value for m in at.metric}["Added"] == "0"
    at.button(key="collect_retry").click().run()
    assert not at.exception
    assert not at.error
    assert any("recorded a batch kept by an earlier run" in s.value and "1 added" in s.value for s in at.success)
    assert len(articles(seeded_db, PAGE_TITLE)) == 1
    assert [r.path for r, _ in news.log].count("/news/clip") == 1  # fetched once (robots.txt aside)
