"""The GDELT DOC 2.0 collector against a local server answering in GDELT's own shapes and faults.

Shapes as GDELT sends them with format=json (from live probes recorded in public code): the
timelinevolraw series "Article Count" with `value` (matching articles) and `norm` (all articles
monitored in the step); artlist entries with url, url_mobile, title, seendate, socialimage,
domain, language, sourcecountry. Errors come back as plain text, usually with HTTP 200.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from metrics.collectors.gdelt import (
    MAX_RECORDS,
    GdeltCoverageWarning,
    GdeltError,
    ListedArticle,
    fetch_articles,
    fetch_volume,
)
from metrics.collectors.http import FetchConfig
from metrics.model import VolumePoint

PATH = "/api/v2/doc/doc"
FAST = FetchConfig(connect_timeout_s=2, read_timeout_s=2, retries=2, backoff_base_s=0.01, backoff_max_s=5)
JSON = "application/json"
THROTTLE = ("Please limit requests to one every 5 seconds or contact the GDELT team "
            "for larger queries.")
# A recent hour, so nothing trips the 3-month coverage warning.
T0 = (datetime.now(UTC) - timedelta(days=2)).replace(minute=0, second=0, microsecond=0)


def stamp(when: datetime) -> str:
    return when.strftime("%Y%m%dT%H%M%SZ")


def param(when: datetime) -> str:
    return when.strftime("%Y%m%d%H%M%S")


def listed(n: int, seen: datetime, *, host: str = "news.example") -> dict[str, str]:
    return {
        "url": f"https://{host}/story/{n}",
        "url_mobile": "",
        "title": f"Council clip story {n}",
        "seendate": stamp(seen),
        "socialimage": f"https://{host}/img/{n}.jpg",
        "domain": host,
        "language": "English",
        "sourcecountry": "United States",
    }


def artlist(rows: list[dict[str, str]]) -> str:
    return json.dumps({"articles": rows})


def run_articles(server: HTTPServer, query: str = '"council clip"', **kw: object):
    slept: list[float] = kw.pop("slept", [])  # type: ignore[assignment]
    kw.setdefault("since", T0)
    kw.setdefault("until", T0 + timedelta(hours=1))
    return fetch_articles(
        query, base_url=server.url_for(PATH), config=FAST, sleep=slept.append, **kw)  # type: ignore[arg-type]


def asked(server: HTTPServer) -> list[dict[str, str]]:
    return [dict(request.args) for request, _response in server.log]


def test_timelinevolraw_gives_article_counts_and_the_monitored_total(httpserver: HTTPServer) -> None:
    # Byte for byte the way GDELT lays it out, spacing included.
    body = (
        '{"query_details": {"title": "\\"council clip\\" sourcecountry:US", "date_resolution": "day"}, '
        '"timeline": [ { "series": "Article Count", "data": [ '
        f'{{ "date": "{stamp(T0 - timedelta(days=1))}", "value": 0, "norm": 169311}},'
        f'{{ "date": "{stamp(T0)}", "value": 41, "norm": 191394}},'
        f'{{ "date": "{stamp(T0 + timedelta(days=1))}", "value": 119, "norm": 214966}}'
        '] }] }'
    )
    httpserver.expect_request(PATH).respond_with_data(body, content_type=JSON)
    points = fetch_volume('"council clip" sourcecountry:US', since=T0 - timedelta(days=1),
                          until=T0 + timedelta(days=2), base_url=httpserver.url_for(PATH), config=FAST,
                          sleep=lambda _s: None)
    assert points == [
        VolumePoint(T0 - timedelta(days=1), 0, 169311),
        VolumePoint(T0, 41, 191394),
        VolumePoint(T0 + timedelta(days=1), 119, 214966),
    ]
    assert points[1].step_start.tzinfo is UTC
    [args] = asked(httpserver)
    assert args == {
        "query": '"council clip" sourcecountry:US',
        "mode": "timelinevolraw",
        "format": "json",
        "startdatetime": param(T0 - timedelta(days=1)),
        "enddatetime": param(T0 + timedelta(days=2)),
    }


def test_a_step_without_norm_has_no_monitored_total(httpserver: HTTPServer) -> None:
    body = {"timeline": [{"series": "Article Count", "data": [{"date": stamp(T0), "value": 7}]}]}
    httpserver.expect_request(PATH).respond_with_json(body)
    assert fetch_volume("x y", since=T0, until=T0 + timedelta(hours=1), base_url=httpserver.url_for(PATH),
                        config=FAST, sleep=lambda _s: None) == [VolumePoint(T0, 7, None)]


def test_a_full_artlist_window_is_halved_and_duplicates_are_dropped(httpserver: HTTPServer) -> None:
    def q(minutes: int) -> datetime:
        return T0 + timedelta(minutes=minutes)

    windows = {
        (q(0), q(60)): [listed(i, q(i % 60)) for i in range(MAX_RECORDS)],  # full: split
        (q(0), q(30)): [listed(i, q(i % 30)) for i in range(MAX_RECORDS)],  # full: split again
        (q(0), q(15)): [listed(i, q(i % 15)) for i in range(120)],
        # The article seen at 10:15 sits on the boundary and comes back in both windows.
        (q(15), q(30)): [listed(i, q(15 + i % 15)) for i in range(110, 250)],
        (q(30), q(60)): [listed(i, q(30 + i % 30)) for i in range(245, 275)],
    }

    def answer(request: Request) -> Response:
        key = (datetime.strptime(request.args["startdatetime"], "%Y%m%d%H%M%S").replace(tzinfo=UTC),
               datetime.strptime(request.args["enddatetime"], "%Y%m%d%H%M%S").replace(tzinfo=UTC))
        return Response(artlist(windows[key]), content_type=JSON)

    httpserver.expect_request(PATH).respond_with_handler(answer)
    articles, warnings = run_articles(httpserver)
    assert warnings == []
    assert len(articles) == 275 == len({a.url for a in articles})
    assert [(a["startdatetime"], a["enddatetime"]) for a in asked(httpserver)] == [
        (param(q(0)), param(q(60))), (param(q(0)), param(q(30))), (param(q(0)), param(q(15))),
        (param(q(15)), param(q(30))), (param(q(30)), param(q(60)))]
    first = asked(httpserver)[0]
    assert first["query"] == '"council clip"' and first["mode"] == "artlist"
    assert first["maxrecords"] == "250" and first["format"] == "json"
    assert articles[0] == ListedArticle(
        url="https://news.example/story/0", title="Council clip story 0", seen_at=T0,
        domain="news.example", language="English", source_country="United States")
    assert all(a.seen_at is not None and T0 <= a.seen_at < q(60) for a in articles)


def test_a_15_minute_window_still_full_is_kept_with_a_warning_and_empty_halves_are_fine(
        httpserver: HTTPServer) -> None:
    def answer(request: Request) -> Response:
        start = request.args["startdatetime"]
        if request.args["enddatetime"] == param(T0 + timedelta(minutes=30)) and start == param(T0):
            rows = [listed(i, T0) for i in range(MAX_RECORDS)]
        elif start == param(T0):
            rows = [listed(1000 + i, T0) for i in range(MAX_RECORDS)]  # 15 minutes, still full
        else:
            return Response("{}", content_type=JSON)  # nothing in the other half
        return Response(artlist(rows), content_type=JSON)

    httpserver.expect_request(PATH).respond_with_handler(answer)
    articles, warnings = run_articles(httpserver, until=T0 + timedelta(minutes=30))
    assert len(articles) == MAX_RECORDS and len(httpserver.log) == 3
    assert len(warnings) == 1
    assert "limit of 250 articles per request was reached in a window too short to split" in warnings[0]


def test_the_search_stops_at_max_articles(httpserver: HTTPServer) -> None:
    def answer(request: Request) -> Response:
        start = datetime.strptime(request.args["startdatetime"], "%Y%m%d%H%M%S").replace(tzinfo=UTC)
        end = datetime.strptime(request.args["enddatetime"], "%Y%m%d%H%M%S").replace(tzinfo=UTC)
        count = MAX_RECORDS if end - start > timedelta(minutes=15) else 100
        base = int((start - T0).total_seconds() // 60) * 1000
        return Response(artlist([listed(base + i, start) for i in range(count)]), content_type=JSON)

    httpserver.expect_request(PATH).respond_with_handler(answer)
    articles, warnings = run_articles(httpserver, max_articles=150)
    assert len(articles) == 150
    assert len(warnings) == 1 and warnings[0].startswith("stopped at max_articles=150")
    assert "was not searched" in warnings[0]


@pytest.mark.parametrize("message", [
    "One or more of your keywords were too short, too long or too common: (ab:0)",
    "Your search contained a phrase that was too short.",
])
def test_a_query_gdelt_rejects_says_so_with_gdelts_message(httpserver: HTTPServer, message: str) -> None:
    # GDELT answers 200, and labels the text as JSON.
    httpserver.expect_request(PATH).respond_with_data(message + "\n", content_type=JSON)
    with pytest.raises(GdeltError) as error:
        run_articles(httpserver, query="ab")
    assert str(error.value) == f"GDELT rejected the query 'ab': {message}"
    assert len(httpserver.log) == 1  # a rejected query is not retried


def test_an_empty_answer_is_an_error(httpserver: HTTPServer) -> None:
    httpserver.expect_request(PATH).respond_with_data("{}", content_type=JSON)
    with pytest.raises(GdeltError, match=r"GDELT returned nothing \(\{\}\) for 'theme:NO_SUCH_THEME'"):
        fetch_volume("theme:NO_SUCH_THEME", since=T0, until=T0 + timedelta(days=1),
                     base_url=httpserver.url_for(PATH), config=FAST, sleep=lambda _s: None)
    with pytest.raises(GdeltError, match=r"GDELT returned nothing \(\{\}\)"):
        run_articles(httpserver, query="theme:NO_SUCH_THEME")


def test_a_zero_byte_answer_is_an_error(httpserver: HTTPServer) -> None:
    httpserver.expect_request(PATH).respond_with_data(b"", content_type=JSON)
    with pytest.raises(GdeltError, match="^GDELT sent an empty answer$"):
        run_articles(httpserver)


def test_truncated_json_is_an_error(httpserver: HTTPServer) -> None:
    whole = artlist([listed(i, T0) for i in range(3)])
    httpserver.expect_request(PATH).respond_with_data(whole[: len(whole) // 2], content_type=JSON)
    with pytest.raises(GdeltError, match=r"^GDELT sent malformed JSON \(.* truncated\?\)$"):
        run_articles(httpserver)


def test_429_with_the_throttle_text_then_200_waits_at_least_5_seconds(httpserver: HTTPServer) -> None:
    httpserver.expect_oneshot_request(PATH).respond_with_data(THROTTLE, status=429, content_type="text/html")
    httpserver.expect_request(PATH).respond_with_data(artlist([listed(1, T0)]), content_type=JSON)
    slept: list[float] = []
    articles, warnings = run_articles(httpserver, slept=slept)
    assert [a.url for a in articles] == ["https://news.example/story/1"] and warnings == []
    assert len(httpserver.log) == 2
    assert max(slept) >= 5.0  # the retry honours GDELT's "one every 5 seconds", however small the backoff


def test_the_throttle_text_with_200_is_retried_and_then_given_up(httpserver: HTTPServer) -> None:
    httpserver.expect_oneshot_request(PATH).respond_with_data(THROTTLE, content_type=JSON)
    httpserver.expect_request(PATH).respond_with_json(
        {"timeline": [{"series": "Article Count", "data": [{"date": stamp(T0), "value": 3, "norm": 900}]}]})
    slept: list[float] = []
    points = fetch_volume("x y", since=T0, until=T0 + timedelta(hours=1), base_url=httpserver.url_for(PATH),
                          config=FAST, sleep=slept.append)
    assert points == [VolumePoint(T0, 3, 900)] and max(slept) >= 5.0

    httpserver.clear()
    httpserver.expect_request(PATH).respond_with_data(THROTTLE, content_type=JSON)
    with pytest.raises(GdeltError) as error:
        run_articles(httpserver)
    assert str(error.value) == f"GDELT is rate-limiting us: {THROTTLE} (after 3 attempts)"
    assert len(httpserver.log) == 3


def test_an_html_page_and_a_server_error_are_named(httpserver: HTTPServer) -> None:
    page = "<html><body>Bad gateway</body></html>"
    httpserver.expect_request(PATH).respond_with_data(page, content_type="text/html")
    with pytest.raises(GdeltError, match="^GDELT sent an HTML page instead of JSON$"):
        run_articles(httpserver)
    httpserver.clear()
    httpserver.expect_request(PATH).respond_with_data("oops", status=502)
    with pytest.raises(GdeltError, match=r"^GDELT request failed: HTTP 502 BAD GATEWAY, after 3 attempts$"):
        run_articles(httpserver)


def test_control_characters_in_titles_do_not_break_parsing(httpserver: HTTPServer) -> None:
    row = listed(1, T0)
    body = artlist([row]).replace("Council clip story 1", "Council\tclip\x01 story 1")
    httpserver.expect_request(PATH).respond_with_data(body, content_type=JSON)
    [article], _ = run_articles(httpserver)
    assert article.title == "Council\tclip\x01 story 1"


def test_missing_fields_become_none_and_urlless_rows_are_skipped(httpserver: HTTPServer) -> None:
    rows = [{"url": "https://a.example/x", "title": "", "seendate": "not a date"}, {"title": "no url"}]
    httpserver.expect_request(PATH).respond_with_data(artlist(rows), content_type=JSON)
    articles, warnings = run_articles(httpserver)
    assert articles == [ListedArticle("https://a.example/x", None, None, None, None, None)]
    assert warnings == ["1 listed article(s) had no URL and were skipped"]


def test_an_old_since_is_warned_about_not_refused(httpserver: HTTPServer) -> None:
    old = T0 - timedelta(days=200)
    httpserver.expect_request(PATH).respond_with_data(artlist([listed(1, old)]), content_type=JSON)
    articles, warnings = run_articles(httpserver, since=old, until=old + timedelta(hours=1))
    assert len(articles) == 1
    assert len(warnings) == 1 and "covers about the last 3 months" in warnings[0]
    httpserver.clear()
    httpserver.expect_request(PATH).respond_with_json(
        {"timeline": [{"series": "Article Count", "data": [{"date": stamp(old), "value": 1, "norm": 5}]}]})
    with pytest.warns(GdeltCoverageWarning, match="covers about the last 3 months"):
        fetch_volume("x y", since=old, until=old + timedelta(days=1), base_url=httpserver.url_for(PATH),
                     config=FAST, sleep=lambda _s: None)


def test_bad_ranges_are_refused_before_asking() -> None:
    with pytest.raises(GdeltError, match="empty time range"):
        fetch_volume("x y", since=T0, until=T0, base_url="http://127.0.0.1:9/", sleep=lambda _s: None)
    with pytest.raises(ValueError, match="timezone-aware"):
        fetch_articles("x y", since=T0.replace(tzinfo=None), base_url="http://127.0.0.1:9/")
