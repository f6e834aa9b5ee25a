"""The YouTube collector against a local server answering in the Data API v3's own shapes.

Bodies follow the videos.list reference (kind youtube#videoListResponse, statistics as
strings, contentDetails.duration in ISO 8601) and Google's error envelope
{"error": {"code", "message", "errors": [{"message", "domain", "reason"}]}}, including the
current form of a bad key (400 badRequest + details[].reason API_KEY_INVALID). Nothing here
reaches the internet.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from metrics.collectors.http import FetchConfig
from metrics.collectors.youtube import (
    KEY_REJECTED,
    NOT_FOUND,
    QUOTA_EXCEEDED,
    fetch_videos,
    parse_duration,
    video_id,
)
from metrics.model import InputError, MediaSnapshot

KEY = "AIzaSyTEST-zz9-Distinctive_Key-0042xyz"  # distinctive: must never show up in any message
FAST = FetchConfig(connect_timeout_s=2, read_timeout_s=2, retries=2, backoff_base_s=0.01, backoff_max_s=5)
A, B = "dQw4w9WgXcQ", "9bZkp7q19f0"


def video(vid: str, **over: Any) -> dict[str, Any]:
    """One `youtube#video` resource as videos.list returns it for part=snippet,statistics,contentDetails."""
    item: dict[str, Any] = {
        "kind": "youtube#video",
        "etag": f"etag-{vid}",
        "id": vid,
        "snippet": {
            "publishedAt": "2024-03-05T14:30:00Z",
            "channelId": "UCuAXFkgsw1L7xaCfnd5JJOw",
            "title": f"Council meeting clip {vid}",
            "description": "Full clip of the meeting.",
            "thumbnails": {
                "default": {"url": f"https://i.ytimg.com/vi/{vid}/default.jpg", "width": 120, "height": 90}
            },
            "channelTitle": "Riverside Gazette",
            "tags": ["council"],
            "categoryId": "25",
            "liveBroadcastContent": "none",
            "localized": {"title": f"Council meeting clip {vid}", "description": "Full clip of the meeting."},
        },
        "contentDetails": {
            "duration": "PT2M27S",
            "dimension": "2d",
            "definition": "hd",
            "caption": "false",
            "licensedContent": True,
            "contentRating": {},
            "projection": "rectangular",
        },
        "statistics": {
            "viewCount": "2104853",
            "likeCount": "48211",
            "favoriteCount": "0",
            "commentCount": "3120",
        },
    }
    for key, value in over.items():
        item[key] = value
    return item


def list_response(items: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "kind": "youtube#videoListResponse",
        "etag": "list-etag",
        "items": items,
        "pageInfo": {"totalResults": len(items), "resultsPerPage": len(items)},
    }


def api_error(code: int, message: str, reason: str, domain: str, **extra: Any) -> dict[str, Any]:
    return {
        "error": {
            "code": code,
            "message": message,
            "errors": [{"message": message, "domain": domain, "reason": reason}],
            **extra,
        }
    }


QUOTA = api_error(
    403,
    'The request cannot be completed because you have exceeded your <a href="/youtube/v3/getting-started#quota">'
    "quota</a>.",
    "quotaExceeded",
    "youtube.quota",
)
KEY_INVALID_LEGACY = api_error(400, "Bad Request", "keyInvalid", "usageLimits")
KEY_INVALID_CURRENT = api_error(
    400,
    "API key not valid. Please pass a valid API key.",
    "badRequest",
    "global",
    status="INVALID_ARGUMENT",
    details=[
        {
            "@type": "type.googleapis.com/google.rpc.ErrorInfo",
            "reason": "API_KEY_INVALID",
            "domain": "googleapis.com",
            "metadata": {"service": "youtube.googleapis.com"},
        }
    ],
)


def ids_fake(n: int) -> list[str]:
    """n distinct, well-formed 11-character ids."""
    return [f"vid{i:08d}" for i in range(n)]


def echo_handler(request: Request) -> Response:
    """A videos.list stand-in that returns every id it is asked for."""
    asked = request.args["id"].split(",")
    return Response(json.dumps(list_response([video(v) for v in asked])), content_type="application/json")


def run(server: HTTPServer, inputs: list[str], **kw: Any) -> tuple[list[MediaSnapshot], list[InputError]]:
    slept: list[float] = kw.pop("slept", [])
    return fetch_videos(
        inputs, api_key=KEY, base_url=server.url_for("/youtube/v3"), config=FAST, sleep=slept.append, **kw
    )


def asked_ids(server: HTTPServer) -> list[list[str]]:
    return [req.args["id"].split(",") for req, _ in server.log]


def test_two_videos_are_read_with_numbers_durations_and_utc_times(httpserver: HTTPServer) -> None:
    second = video(
        B,
        contentDetails={"duration": "PT1H10S"},
        snippet={
            "publishedAt": "2012-07-15T07:46:32.000Z",
            "title": "  PSY - GANGNAM STYLE ",
            "channelTitle": "officialpsy",
        },
        statistics={"viewCount": "5200000000", "likeCount": "28000000", "commentCount": "0"},
    )
    httpserver.expect_request("/youtube/v3/videos").respond_with_json(list_response([video(A), second]))
    snaps, errors = run(httpserver, [A, f"https://youtu.be/{B}"])
    assert errors == []
    first, other = snaps
    assert first.platform == "youtube" and first.platform_id == A
    assert first.url == f"https://www.youtube.com/watch?v={A}"
    assert first.title == f"Council meeting clip {A}" and first.channel == "Riverside Gazette"
    assert first.metrics == {"views": 2104853.0, "likes": 48211.0, "comments": 3120.0}
    assert first.duration_s == 147.0
    assert first.published_at == datetime(2024, 3, 5, 14, 30, tzinfo=UTC)
    assert first.published_at.utcoffset() is not None and first.observed_at.tzinfo is not None
    assert first.observed_at.utcoffset() == timedelta(0) and other.observed_at.utcoffset() == timedelta(0)
    assert other.duration_s == 3610.0 and other.title == "PSY - GANGNAM STYLE"
    assert other.published_at == datetime(2012, 7, 15, 7, 46, 32, tzinfo=UTC)
    assert other.metrics["views"] == 5.2e9 and other.metrics["comments"] == 0.0
    [(request, _)] = httpserver.log
    assert request.path == "/youtube/v3/videos"
    assert request.args["part"] == "snippet,statistics,contentDetails"
    assert request.args["id"] == f"{A},{B}"
    assert request.headers["X-Goog-Api-Key"] == KEY  # sent, but as a header ...
    assert KEY not in request.url and "key" not in request.args  # ... never in the URL
    assert request.headers["User-Agent"].startswith("mediametrics/")


def test_120_ids_take_3_requests_of_at_most_50_in_order_without_duplicates(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/youtube/v3/videos").respond_with_handler(echo_handler)
    ids = ids_fake(120)
    inputs = ids + [f"https://www.youtube.com/watch?v={ids[3]}", ids[7]]  # repeats are asked once
    snaps, errors = run(httpserver, inputs)
    assert errors == []
    batches = asked_ids(httpserver)
    assert [len(b) for b in batches] == [50, 50, 20]
    assert [v for b in batches for v in b] == ids
    assert [s.platform_id for s in snaps] == ids


@pytest.mark.parametrize(
    "value",
    [
        A,
        f"https://www.youtube.com/watch?v={A}",
        f"https://www.youtube.com/watch?feature=share&v={A}&t=42s&list=PLx",
        f"http://youtube.com/watch?v={A}",
        f"youtube.com/watch?v={A}",
        f"https://m.youtube.com/watch?v={A}&si=abc",
        f"https://music.youtube.com/watch?v={A}",
        f"https://youtu.be/{A}",
        f"https://youtu.be/{A}?si=Xy12&t=5",
        f"youtu.be/{A}",
        f"https://www.youtube.com/shorts/{A}",
        f"https://youtube.com/shorts/{A}?feature=share",
        f"https://www.youtube.com/embed/{A}?start=10",
        f"https://www.youtube-nocookie.com/embed/{A}",
        f"https://www.youtube.com/live/{A}?si=q",
        f"https://www.youtube.com/v/{A}",
        f"  {A}\n",
    ],
)
def test_video_id_reads_every_url_form(value: str) -> None:
    assert video_id(value) == A


@pytest.mark.parametrize(
    "value",
    [
        "",
        "dQw4w9WgXc",  # 10 characters
        "dQw4w9WgXcQQ",  # 12 characters
        "https://www.youtube.com/",
        "https://www.youtube.com/watch?v=short",
        "https://www.youtube.com/channel/UCuAXFkgsw1L7xaCfnd5JJOw",
        "https://www.youtube.com/@riverside",
        f"https://example.com/watch?v={A}",
        f"https://notyoutube.com/watch?v={A}",
        "https://vimeo.com/76979871",
        "http://[broken",
    ],
)
def test_video_id_refuses_what_is_not_a_video(value: str) -> None:
    assert video_id(value) is None


def test_bad_inputs_are_named_and_the_rest_still_collected(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/youtube/v3/videos").respond_with_handler(echo_handler)
    snaps, errors = run(httpserver, ["https://vimeo.com/76979871", A, "not a video"])
    assert [s.platform_id for s in snaps] == [A]
    assert [(e.input, e.reason) for e in errors] == [
        ("https://vimeo.com/76979871", "not a YouTube video id or URL"),
        ("not a video", "not a YouTube video id or URL"),
    ]


def test_only_bad_inputs_make_no_request(httpserver: HTTPServer) -> None:
    snaps, errors = run(httpserver, ["nope"])
    assert snaps == [] and len(errors) == 1 and httpserver.log == []


def test_a_private_or_deleted_video_missing_from_items_is_named(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/youtube/v3/videos").respond_with_json(list_response([video(A)]))
    gone_url = f"https://youtu.be/{B}?si=share"
    snaps, errors = run(httpserver, [A, gone_url])
    assert [s.platform_id for s in snaps] == [A]
    assert errors == [InputError(gone_url, NOT_FOUND)]
    assert NOT_FOUND == "video not found (private, deleted or wrong id)"


def test_hidden_likes_and_disabled_comments_are_absent_not_zero(httpserver: HTTPServer) -> None:
    hidden = video(A, statistics={"viewCount": "1500", "favoriteCount": "0"})
    no_stats = video(B)
    del no_stats["statistics"]
    httpserver.expect_request("/youtube/v3/videos").respond_with_json(list_response([hidden, no_stats]))
    (first, second), errors = run(httpserver, [A, B])
    assert errors == []
    assert first.metrics == {"views": 1500.0}
    assert second.metrics == {}


def test_a_live_stream_has_no_duration_and_missing_snippet_fields_are_none(httpserver: HTTPServer) -> None:
    live = video(A, contentDetails={"duration": "P0D"}, snippet={"liveBroadcastContent": "live"})
    httpserver.expect_request("/youtube/v3/videos").respond_with_json(list_response([live]))
    [snap], _ = run(httpserver, [A])
    assert snap.duration_s is None
    assert snap.title is None and snap.channel is None and snap.published_at is None


def test_quota_exceeded_stops_all_further_requests(httpserver: HTTPServer) -> None:
    httpserver.expect_oneshot_request("/youtube/v3/videos").respond_with_handler(echo_handler)
    httpserver.expect_request("/youtube/v3/videos").respond_with_json(QUOTA, status=403)
    ids = ids_fake(160)  # 4 batches; the 2nd meets the quota
    snaps, errors = run(httpserver, ids)
    assert [s.platform_id for s in snaps] == ids[:50]
    assert [e.input for e in errors] == ids[50:]
    assert {e.reason for e in errors} == {QUOTA_EXCEEDED}
    assert QUOTA_EXCEEDED == "YouTube API quota exceeded for today; try again after midnight Pacific time"
    assert len(httpserver.log) == 2  # not retried, and batches 3 and 4 never asked


@pytest.mark.parametrize(
    "body", [KEY_INVALID_LEGACY, KEY_INVALID_CURRENT], ids=["keyInvalid", "API_KEY_INVALID"]
)
def test_a_rejected_key_is_one_clear_message_per_video_and_stops(httpserver: HTTPServer, body: dict) -> None:
    httpserver.expect_request("/youtube/v3/videos").respond_with_json(body, status=400)
    ids = ids_fake(70)
    snaps, errors = run(httpserver, ids)
    assert snaps == []
    assert [e.input for e in errors] == ids
    assert {e.reason for e in errors} == {KEY_REJECTED}
    assert KEY_REJECTED == "YouTube API key rejected (keyInvalid): check YOUTUBE_API_KEY"
    assert len(httpserver.log) == 1


def test_another_api_error_gives_its_reason_and_message_clipped_and_without_markup(
    httpserver: HTTPServer,
) -> None:
    message = (
        "Access Not Configured. YouTube Data API has not been used in project 557089562746 before or it "
        "is disabled. Enable it by visiting https://console.developers.google.com/apis/api/"
        "youtube.googleapis.com/overview?project=557089562746 then retry. " * 3
    )
    httpserver.expect_request("/youtube/v3/videos").respond_with_json(
        api_error(403, message, "accessNotConfigured", "usageLimits"), status=403
    )
    _, [error] = run(httpserver, [A])
    assert error.reason.startswith("YouTube API error 403 (accessNotConfigured): Access Not Configured.")
    assert error.reason.endswith("…") and len(error.reason) <= 240


def test_500_then_200_backs_off_and_succeeds(httpserver: HTTPServer) -> None:
    httpserver.expect_oneshot_request("/youtube/v3/videos").respond_with_json(
        api_error(500, "Internal error encountered.", "backendError", "global"), status=500
    )
    httpserver.expect_request("/youtube/v3/videos").respond_with_handler(echo_handler)
    slept: list[float] = []
    snaps, errors = run(httpserver, [A, B], slept=slept)
    assert errors == [] and [s.platform_id for s in snaps] == [A, B]
    assert len(slept) == 1 and 0 <= slept[0] <= 5
    assert len(httpserver.log) == 2


def test_429_waits_as_asked_and_a_persistent_503_gives_up_naming_it(httpserver: HTTPServer) -> None:
    httpserver.expect_oneshot_request("/youtube/v3/videos").respond_with_data(
        "slow down", status=429, headers={"Retry-After": "3"}
    )
    httpserver.expect_request("/youtube/v3/videos").respond_with_data("unavailable", status=503)
    slept: list[float] = []
    _, [error] = run(httpserver, [A], slept=slept)
    assert slept[0] == 3.0 and len(slept) == 2
    assert error.reason == "HTTP 503 SERVICE UNAVAILABLE, after 3 attempts"


def test_truncated_or_non_json_bodies_are_named_and_other_batches_still_read(httpserver: HTTPServer) -> None:
    ids = ids_fake(120)
    whole = json.dumps(list_response([video(v) for v in ids[:50]]))
    httpserver.expect_oneshot_request("/youtube/v3/videos").respond_with_data(
        whole[: len(whole) // 2], content_type="application/json"
    )  # cut off mid-body
    httpserver.expect_oneshot_request("/youtube/v3/videos").respond_with_data(
        "<html><body>Sign in to the network</body></html>", content_type="text/html"
    )
    httpserver.expect_request("/youtube/v3/videos").respond_with_handler(echo_handler)
    snaps, errors = run(httpserver, ids)
    assert [s.platform_id for s in snaps] == ids[100:]
    assert len(errors) == 100
    assert all(e.reason.startswith("YouTube answered with malformed JSON (") for e in errors)
    assert len(httpserver.log) == 3


def test_the_key_never_appears_in_any_message_or_log(
    httpserver: HTTPServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    echoing = api_error(
        400, f"Invalid value for key={KEY} in request", "invalidParameter", "youtube.parameter"
    )
    httpserver.expect_request("/youtube/v3/videos").respond_with_json(echoing, status=400)
    reasons = [e.reason for e in run(httpserver, [A])[1]]
    for body, status in ((KEY_INVALID_CURRENT, 400), (QUOTA, 403)):
        httpserver.clear()
        httpserver.expect_request("/youtube/v3/videos").respond_with_json(body, status=status)
        reasons += [e.reason for e in run(httpserver, [A])[1]]
    # A dead server: requests quotes the request URL in connection errors (and urllib3 logs it).
    reasons += [
        e.reason
        for e in fetch_videos(
            [A],
            api_key=KEY,
            base_url="http://127.0.0.1:9/youtube/v3",
            config=FetchConfig(connect_timeout_s=0.5, retries=0),
        )[1]
    ]
    assert len(reasons) == 4
    assert reasons[0].startswith("YouTube API error 400 (invalidParameter)") and "[key]" in reasons[0]
    assert reasons[3].startswith("connection failed")
    for text in reasons + [caplog.text]:
        assert KEY not in text
        assert "zz9-Distinctive" not in text


def test_a_redirect_is_not_followed_so_the_key_header_goes_nowhere_else(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/youtube/v3/videos").respond_with_data(
        "", status=302, headers={"Location": "http://elsewhere.invalid/collect"}
    )
    _, [error] = run(httpserver, [A])
    assert error.reason == "HTTP 302 FOUND"


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("PT2M27S", 147.0),
        ("PT1H10S", 3610.0),
        ("PT58M54S", 3534.0),
        ("PT1H50M", 6600.0),
        ("PT15S", 15.0),
        ("P1DT2H3S", 93603.0),
        ("P0D", None),
        ("PT0S", None),
        ("", None),
        ("2:27", None),
        ("P", None),
        (None, None),
    ],
)
def test_parse_duration(text: str | None, seconds: float | None) -> None:
    assert parse_duration(text) == seconds
