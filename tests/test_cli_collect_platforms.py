"""collect --youtube, poll and stories through the CLI, against a local videos.list server."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from metrics.cli import main
from metrics.store import connect
from tests.test_collect_youtube import KEY, list_response, video


def test_youtube_videos_are_measured_and_poll_grows_the_curve(
    httpserver: HTTPServer, seeded_db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    views = iter([1_000_000, 1_500_000])

    def videos_list(request: Request) -> Response:
        n = next(views)
        items = [video(v, statistics={"viewCount": str(n), "likeCount": "10"}) for v in request.args["id"].split(",")]
        return Response(json.dumps(list_response(items)), content_type="application/json")

    httpserver.expect_request("/youtube/v3/videos").respond_with_handler(videos_list)
    monkeypatch.setenv("YOUTUBE_API_KEY", KEY)
    monkeypatch.setenv("MEDIAMETRICS_YOUTUBE_BASE", httpserver.url_for("/youtube/v3"))
    assert main(["collect", "--youtube", "https://youtu.be/abcdefghijk", "--story", "cia-mandarin-videos-2025"]) == 0
    assert main(["poll"]) == 0
    out = capsys.readouterr().out
    measured = [line for line in out.splitlines() if line.startswith("measured ")]
    assert [line.split()[1] for line in measured] == ["https://youtu.be/abcdefghijk", "abcdefghijk"]
    assert "views 1,500,000" in measured[1] and KEY not in out
    con = connect(seeded_db, read_only=True)
    curve = con.execute("SELECT value FROM observations WHERE metric = 'views' ORDER BY observed_at").fetchall()
    assert curve == [(1_000_000.0,), (1_500_000.0,)]
    linked = con.execute("""SELECT s.slug, m.duration_s FROM story_media sm JOIN stories s ON s.id = sm.story_id
                            JOIN media_items m ON m.id = sm.media_item_id""").fetchall()
    assert linked == [("cia-mandarin-videos-2025", 147.0)]
    con.close()


def test_youtube_without_a_key_says_how_to_get_one(db: Path, monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("YOUTUBE_API_KEY", raising=False)
    assert main(["collect", "--youtube", "abcdefghijk"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("warning: YOUTUBE_API_KEY is not set") and "Data API v3 key" in err[0]
    assert err[1] == "error: abcdefghijk: not measured: YOUTUBE_API_KEY is not set"


def test_stories_can_be_listed_renamed_merged_and_articles_moved(
    seeded_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["stories"]) == 0
    assert "cia-russian-videos-2023" in capsys.readouterr().out
    assert main(["stories", "rename", "cia-russian-videos-2023", "--title", "CIA Russian videos"]) == 0
    assert main(["stories", "merge", "cia-pla-video-2026", "--into", "cia-mandarin-videos-2025"]) == 0
    con = connect(seeded_db, read_only=True)
    article = con.execute("""SELECT a.id FROM articles a JOIN story_articles sa ON sa.article_id = a.id
                             JOIN stories s ON s.id = sa.story_id WHERE s.slug = 'cia-russian-videos-2023'
                             ORDER BY a.id LIMIT 1""").fetchone()[0]
    con.close()
    assert main(["stories", "move", str(article), "--to", "Russian campaign 2023"]) == 0
    con = connect(seeded_db, read_only=True)
    counts = dict(con.execute("""SELECT s.slug, count(sa.article_id) FROM stories s
                                 LEFT JOIN story_articles sa ON sa.story_id = s.id GROUP BY 1""").fetchall())
    assert "cia-pla-video-2026" not in counts and counts["cia-mandarin-videos-2025"] == 14
    assert counts["russian-campaign-2023"] == 1 and counts["cia-russian-videos-2023"] == 1
    assert con.execute("SELECT title FROM stories WHERE slug = 'cia-russian-videos-2023'").fetchone() == (
        "CIA Russian videos",)
    con.close()
    capsys.readouterr()
    assert main(["stories", "merge", "nope", "--into", "cia-mandarin-videos-2025"]) == 2
    assert capsys.readouterr().err.strip() == "error: no story 'nope' (see `mediametrics stories`)"


def test_gdelt_volume_and_articles_are_recorded_against_a_story(
    httpserver: HTTPServer, db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from datetime import timedelta

    from metrics.collectors import gdelt
    from tests.test_collect_gdelt import PATH, T0, artlist, listed, stamp

    monkeypatch.setattr(gdelt, "REQUEST_INTERVAL_S", 0.0)  # no pacing against our own server

    def doc_api(request: Request) -> Response:
        if request.args["mode"] == "timelinevolraw":
            data = [{"date": stamp(T0 + timedelta(days=d)), "value": 10 + d, "norm": 100_000} for d in range(2)]
            body = {"query_details": {"title": "x", "date_resolution": "day"},
                    "timeline": [{"series": "Article Count", "data": data}]}
            return Response(json.dumps(body), content_type="application/json")
        return Response(artlist([listed(n, T0 + timedelta(hours=n)) for n in range(3)]),
                        content_type="application/json")

    httpserver.expect_request(PATH).respond_with_handler(doc_api)
    since = T0.strftime("%Y-%m-%d")
    args = ["collect", "--gdelt", '"council clip"', "--since", since, "--story", "Council clip",
            "--gdelt-base", httpserver.url_for(PATH)]
    assert main(args) == 0
    assert "2 steps, 21 matching articles" in capsys.readouterr().out
    assert main(args) == 0  # again: same steps updated, same articles not added twice
    con = connect(db, read_only=True)
    assert con.execute("SELECT count(*), sum(articles), max(monitored) FROM coverage_volume").fetchone() == (
        2, 21, 100_000)
    assert con.execute("SELECT count(*), any_value(origin), count(text) FROM articles").fetchone() == (
        3, "gdelt", 0)
    con.close()
