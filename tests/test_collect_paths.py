"""The collect behaviours, driven from both callers of the one orchestrator: the command line and
the Collect page. Each test runs twice, once per caller, on a real DuckDB file and a real local
HTTP server standing in for news sites and YouTube's videos.list."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from streamlit.testing.v1 import AppTest
from werkzeug import Request, Response

from metrics import collect_service as cs
from metrics.cli import main
from metrics.config import ALLOW_PRIVATE_ENV, settings
from metrics.store import connect
from tests.conftest import ROOT, hold
from tests.test_collect_youtube import KEY, list_response, video

PAGE = (ROOT / "tests" / "data" / "local-news.html").read_bytes()
VID = "abcdefghijk"

Driver = Callable[..., Callable[[], None]]  # fill in the inputs; returns "submit"


def via_cli(urls: tuple[str, ...] = (), youtube: tuple[str, ...] = ()) -> Callable[[], None]:
    args = ["collect", *urls]
    for value in youtube:
        args += ["--youtube", value]

    def submit() -> None:
        main(args)

    return submit


def via_page(urls: tuple[str, ...] = (), youtube: tuple[str, ...] = ()) -> Callable[[], None]:
    # The page is drawn before submitting, as a person opens it before pasting.
    at = AppTest.from_file(str(ROOT / "app_pages" / "collect.py"), default_timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]
    at.text_area(key="collect_urls").input("\n".join(urls))
    at.text_area(key="collect_youtube").input("\n".join(youtube))

    def submit() -> None:
        at.button[0].click().run()
        assert not at.exception, [e.value for e in at.exception]

    return submit


@pytest.fixture(params=["cli", "page"])
def collect(request: pytest.FixtureRequest) -> Driver:
    return via_cli if request.param == "cli" else via_page


@pytest.fixture
def site(httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> HTTPServer:
    httpserver.expect_request("/news/clip").respond_with_data(PAGE, content_type="text/html; charset=utf-8")
    httpserver.expect_request("/gone").respond_with_data("no such page", status=404)

    def videos_list(request: Request) -> Response:
        items = [video(v, statistics={"viewCount": "1000", "likeCount": "10"}) for v in request.args["id"].split(",")]
        return Response(json.dumps(list_response(items)), content_type="application/json")

    httpserver.expect_request("/youtube/v3/videos").respond_with_handler(videos_list)
    monkeypatch.setenv("YOUTUBE_API_KEY", KEY)
    monkeypatch.setenv("MEDIAMETRICS_YOUTUBE_BASE", httpserver.url_for("/youtube/v3"))
    monkeypatch.setenv(ALLOW_PRIVATE_ENV, "1")  # the page fetches from this local server
    return httpserver


def count(db: Path, sql: str) -> int:
    con = connect(db, read_only=True)
    try:
        return int(con.execute(sql).fetchall()[0][0])
    finally:
        con.close()


def fetches(server: HTTPServer, path: str) -> int:
    return sum(1 for request, _ in server.log if request.path == path)


def test_an_input_given_twice_is_collected_once(collect: Driver, seeded_db: Path, site: HTTPServer) -> None:
    clip = site.url_for("/news/clip")
    collect(urls=(clip, clip + "?utm_source=newsletter", clip), youtube=(VID, f"https://youtu.be/{VID}"))()
    assert fetches(site, "/news/clip") == 1
    assert count(seeded_db, "SELECT count(*) FROM articles WHERE source LIKE 'http://%/news/clip%'") == 1
    assert count(seeded_db, "SELECT count(*) FROM observations WHERE metric = 'views'") == 1


def test_pages_and_videos_in_one_request_are_both_recorded_and_a_bad_page_costs_nothing_else(
        collect: Driver, seeded_db: Path, site: HTTPServer) -> None:
    collect(urls=(site.url_for("/news/clip"), site.url_for("/gone")), youtube=(VID,))()
    assert count(seeded_db, "SELECT count(*) FROM articles WHERE origin = 'web'") == 1
    assert count(seeded_db, "SELECT count(*) FROM media_items WHERE platform_id = 'abcdefghijk'") == 1
    errors = count(seeded_db, "SELECT count(*) FROM collection_runs WHERE errors LIKE '%HTTP 404%'")
    assert errors == 1  # the failure is kept with the run, whichever caller ran it


def test_what_was_fetched_while_the_database_was_locked_is_recorded_by_the_next_run_of_either_caller(
        collect: Driver, seeded_db: Path, site: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> None:
    from metrics import store

    monkeypatch.setattr(store, "WRITE_LOCK_WAIT_S", 0.3)
    submit = collect(urls=(site.url_for("/news/clip"),), youtube=(VID,))
    holder = hold(seeded_db)
    try:
        submit()
    finally:
        holder.kill()
        holder.wait()
    assert len(cs.kept_batches(settings())) == 1
    # The other caller's next run, with nothing new of its own to fetch, records the kept batch.
    other = via_page if collect is via_cli else via_cli
    other(urls=(site.url_for("/news/clip"),))()
    assert fetches(site, "/news/clip") == 1  # recorded from what was kept, not fetched again
    assert count(seeded_db, "SELECT count(*) FROM articles WHERE origin = 'web'") == 1
    assert count(seeded_db, "SELECT count(*) FROM observations WHERE metric = 'views'") == 1
    assert cs.kept_batches(settings()) == []


def test_db_option_is_passed_as_a_setting_not_written_into_the_environment(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    monkeypatch.delenv("MEDIAMETRICS_DB", raising=False)
    target = tmp_path / "elsewhere.duckdb"
    assert main(["--db", str(target), "ingest", str(ROOT / "seeds" / "000_b457bbf5334f3be3.txt")]) == 0
    assert "MEDIAMETRICS_DB" not in os.environ
    assert count(target, "SELECT count(*) FROM articles") == 1


def test_poll_of_a_database_held_by_another_process_says_so_instead_of_finding_nothing(
        seeded_db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from metrics import store

    monkeypatch.setattr(store, "READ_LOCK_WAIT_S", 0.2)
    holder = hold(seeded_db)
    try:
        assert main(["poll"]) == 2
    finally:
        holder.kill()
        holder.wait()
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "cannot read what to poll" in err[0] and "in use by another process" in err[0]


def test_a_kept_batch_is_data_a_foreign_or_outdated_file_is_moved_aside_not_run(
        seeded_db: Path, site: HTTPServer, tmp_path: Path) -> None:
    cfg = settings()
    gathered = cs.gather(cs.CollectRequest(urls=(site.url_for("/news/clip"),), youtube=(VID,)), cfg)
    kept = cs.keep(gathered, cfg)
    assert kept.suffix == ".json" and json.loads(kept.read_text())["format"].startswith("mediametrics kept batch")
    # A file that names a type the batch format does not allow is refused, never imported or called.
    foreign = cs.kept_dir(cfg) / f"{seeded_db.stem}-0-foreign.json"
    foreign.write_text(json.dumps({"format": "mediametrics kept batch 1",
                                   "value": {"$type": "Popen", "args": ["touch", str(tmp_path / "ran")]}}))
    said = cs.record_kept(cfg)
    assert not (tmp_path / "ran").exists()
    assert any("unknown type 'Popen'" in line and "moved aside" in line for line in said)
    assert any(line.startswith("recorded a batch kept by an earlier run") and "1 added" in line for line in said)
    assert cs.kept_batches(cfg) == [] and foreign.with_suffix(".unreadable").exists()
    assert cs.record_kept(cfg) == []  # the foreign file is said once, not on every run


def test_a_kept_batch_whose_videos_failed_keeps_only_the_videos(seeded_db: Path, site: HTTPServer) -> None:
    from dataclasses import replace

    cfg = settings()
    gathered = cs.gather(cs.CollectRequest(urls=(site.url_for("/news/clip"),), youtube=(VID,)), cfg)
    broken = replace(gathered, snapshots=[replace(s, platform=None) for s in gathered.snapshots])  # type: ignore[arg-type]
    cs.keep(broken, cfg)
    cs.record_kept(cfg)
    [left] = cs.kept_batches(cfg)
    rest = cs._read_kept(left)
    assert rest.items == [] and [r.kind for r in rest.rows] == ["video"]
    cs.keep(replace(rest, snapshots=gathered.snapshots), cfg, target=left)  # as if the videos could now be written
    [said] = cs.record_kept(cfg)
    assert "0 added, 0 already recorded, 1 videos measured" in said  # the article was not tried again
    assert cs.kept_batches(cfg) == []
    assert count(seeded_db, "SELECT count(*) FROM articles WHERE origin = 'web'") == 1
    assert count(seeded_db, "SELECT count(*) FROM observations WHERE metric = 'views'") == 1
