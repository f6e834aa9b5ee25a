"""Everything from data or from a link is shown as text: no Markdown or HTML that a stored field, a URL
parameter, an exception or a remote server supplies is ever rendered.

Streamlit renders alerts, captions, headers, radio options and progress texts as Markdown, and Plotly
renders titles, legends, annotations and hover text as a subset of HTML. A real seeded DuckDB file is
given hostile titles, outlets, tags, notes, metrics and a video title; every page runs under AppTest
and, with a browser on the machine, in a real Chromium, which must not fetch the planted image.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from streamlit.testing.v1 import AppTest
from werkzeug import Response

from metrics import format
from metrics.config import ALLOW_PRIVATE_ENV
from metrics.dashboard import pages
from metrics.store import connect
from tests.conftest import ROOT, require_browser, served_dashboard

SLUG = "cia-mandarin-videos-2025"
# A reader's browser fetches this the moment the title is rendered as Markdown (port 9: nothing listens).
IMAGE = "http://127.0.0.1:9/t.png"
STORY_TITLE = f"![s]({IMAGE}) <b>CIA</b> videos"
STORY_NOTE = "[Session expired, log in](http://evil.example/story)"
ARTICLE_TITLE = f"![x]({IMAGE})"
BYLINE = "**Staff** <img src=http://127.0.0.1:9/b.png>"
NOTE = "see http://evil.example/note or www.evil.example"
TZ_RULE = ":material/home: `code` $x^2$"
OUTLET = 'Evil <a href="http://evil.example/o">News</a> %{y} & [o](http://evil.example/o)'
UNDATED_OUTLET = "[u](http://evil.example/u)"
TAG = "[t](http://evil.example/t)"
METRIC = "[m](http://evil.example/m)"
VIDEO = "<a href='http://evil.example/v'>clip</a> $x$"
ORIGIN = "<img src=http://127.0.0.1:9/o.png>"
LINK = "[Session expired, log in](http://evil.example/login)"
STORED = (
    STORY_TITLE,
    STORY_NOTE,
    ARTICLE_TITLE,
    BYLINE,
    NOTE,
    TZ_RULE,
    OUTLET,
    UNDATED_OUTLET,
    TAG,
    METRIC,
    VIDEO,
)

# Markdown that would render: an unescaped link or image bracket, HTML or autolink, or a bare URL
# (GFM links http://..., www. and e-mail addresses itself). None of the dashboard's own sentences has one.
LIVE_MARKDOWN = re.compile(r"(?<!\\)[\[<]|(?i:https?://|www\.)|@\w")
# Plotly markup the charts never write themselves: <b>, <i>, <br> and <extra> (hover) are theirs.
LIVE_PLOTLY = re.compile(r"<(?!/?(?:b|i|br|extra)>)", re.IGNORECASE)
MARKDOWN_ELEMENTS = (
    "markdown",
    "caption",
    "subheader",
    "header",
    "title",
    "warning",
    "error",
    "info",
    "success",
    "toast",
)


def app(script: str = "dashboard.py") -> AppTest:
    return AppTest.from_file(str(ROOT / script), default_timeout=60)


@pytest.fixture
def hostile_db(seeded_db: Path) -> Path:
    """The seeded sample with hostile text in every field a page shows."""
    con = connect(seeded_db)
    try:
        con.execute("UPDATE stories SET title = ?, note = ? WHERE slug = ?", [STORY_TITLE, STORY_NOTE, SLUG])
        # Article 1 has the text (the Article page opens on it); 4 is dated with figures; 5 is undated.
        con.execute(
            "UPDATE articles SET title = ?, byline = ?, note = ?, tz_rule = ?, date_source = ? WHERE id = 1",
            [ARTICLE_TITLE, BYLINE, NOTE, TZ_RULE, "<b>meta</b>"],
        )
        con.execute("UPDATE articles SET outlet = ? WHERE id = 4", [OUTLET])
        con.execute("UPDATE articles SET outlet = ? WHERE id = 5", [UNDATED_OUTLET])
        con.execute("UPDATE claims SET origin = ? WHERE article_id = 4", [ORIGIN])
        con.execute("UPDATE tags SET tag = ? WHERE norm = 'china'", [TAG])
        con.execute(
            """INSERT INTO claims (id, article_id, metric, value, unit, bound, quote, origin, extractor_version)
                       SELECT 9000, article_id, ?, value, unit, bound, quote, origin, extractor_version
                       FROM claims WHERE id = 3""",
            [METRIC],
        )
        con.execute(
            "INSERT INTO media_items (id, platform, platform_id, url, title, published_at) "
            "VALUES (9000, 'youtube', 'vid1', 'https://youtu.be/vid1', ?, '2025-05-01 12:00:00+00')",
            [VIDEO],
        )
        con.execute("INSERT INTO story_media SELECT id, 9000 FROM stories WHERE slug = ?", [SLUG])
        con.execute(
            "INSERT INTO observations (media_item_id, metric, value, observed_at, collector) VALUES "
            "(9000, 'views', 1e6, '2025-05-02 00:00:00+00', 'test'), "
            "(9000, 'views', 2e6, '2025-05-03 00:00:00+00', 'test')"
        )
    finally:
        con.close()
    return seeded_db


def shown_markdown(at: AppTest) -> list[str]:
    """Every text the run hands Streamlit to render as Markdown, sidebar included."""
    texts = [str(getattr(e, "value", "")) for kind in MARKDOWN_ELEMENTS for e in at.get(kind)]
    texts += [str(getattr(e, "value", "")) for kind in MARKDOWN_ELEMENTS for e in at.sidebar.get(kind)]
    return texts + [str(option) for radio in at.radio for option in radio.options]


def assert_markdown_is_text(at: AppTest, *expected: str) -> None:
    """No Markdown the page renders is live, and each `expected` text is shown (escaped)."""
    assert not at.exception, [e.value for e in at.exception]
    texts = shown_markdown(at)
    live = [t for t in texts if LIVE_MARKDOWN.search(t)]
    assert not live, live
    joined = "\n".join(texts)
    for text in expected:
        assert format.escape_markdown(text) in joined, (text, texts)


def chart_strings(at: AppTest) -> list[str]:
    """Every string in every chart the page draws: titles, legend names, annotations, hover text."""
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, str):
            found.append(node)
        elif isinstance(node, dict):
            for key, value in node.items():
                if key != "template":
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for chart in at.get("plotly_chart"):
        walk(json.loads(chart.proto.spec))
    return found


def assert_charts_are_text(at: AppTest, *expected: str) -> None:
    strings = chart_strings(at)
    assert strings, "the page draws a chart"
    live = [s for s in strings if LIVE_PLOTLY.search(s)]
    assert not live, live
    for raw in STORED:  # where escaping changes a text, its raw form must appear nowhere
        if format.escape(raw) != raw:
            assert not [s for s in strings if raw in s], raw
    joined = "\n".join(strings)
    for text in expected:
        assert format.escape(text) in joined, text


# --- the helpers ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        LINK,
        ARTICLE_TITLE,
        f"<{IMAGE}>",
        "see http://evil.example/x",
        "www.evil.example",
        "bob@evil.example",
        "<b>bold</b><img src=x>",
        "*em* _em_ **strong** ~~del~~ ~del~",
        "`code`",
        ":red[red] :material/home: :smile:",
        "$x^2$",
        "&lt;b&gt; &amp;",
        "# heading",
        "- item\n1. one\n+ two",
        "> quote",
        "a|b\n-|-\nc|d",
        "Title\n===",
        "    indented code",
        "\\[not a link\\]",
    ],
)
def test_markdown_from_data_is_escaped_and_reads_the_same(text: str) -> None:
    shown = format.escape_markdown(text)
    assert not LIVE_MARKDOWN.search(shown), shown
    # Every mark that opens Markdown is escaped, wherever it is.
    assert not re.search(r"(?<!\\)(?:\\\\)*[`*~\[\]<>#|$&]", shown), shown
    assert not re.search(r"(?m)^(?:[-+=>]|\d+[.)])", shown), shown
    # Icons, emoji and autolinks are matched after escapes are read: an invisible joiner breaks them.
    assert not re.search(r":(?:material/|smile)|://|www\.|@\w", shown), shown
    # A reader sees the same characters: drop the escapes and joiners (and leading indentation).
    unescaped = re.sub(r"\\(.)", r"\1", shown).replace(format.WORD_JOINER, "")
    assert unescaped == re.sub(r"(?m)^[ \t]+", "", text)


def test_ordinary_text_keeps_its_look_in_the_markdown_source() -> None:
    # Intraword underscores, hyphens, clocks and offsets start no Markdown: left as they are, so
    # messages such as "unknown timezone 'Mars/Olympus_Mons'" read the same in their source.
    for text in (
        "'Mars/Olympus_Mons'",
        "'no-such-story'",
        "2025-05-03 02:32 UTC (source +05:30)",
        "Note: 12:30",
        "YOUTUBE_API_KEY is not set",
        "AP (3 copies)",
    ):
        assert format.escape_markdown(text) == text


def test_plotly_text_from_data_is_escaped() -> None:
    assert format.escape(OUTLET) == (
        'Evil &lt;a href="http://evil.example/o"&gt;News&lt;/a&gt; &#37;{y} &amp; [o](http://evil.example/o)'
    )
    assert format.escape("$x$") == "&#36;x&#36;"  # a text wrapped in $ is LaTeX to Plotly
    assert format.title_list([ARTICLE_TITLE, "<b>x</b>"]) == f"• ![x]({IMAGE})<br>• &lt;b&gt;x&lt;/b&gt;"


# --- every page, under AppTest --------------------------------------------------------------------


def test_stories_page_shows_stored_titles_tags_and_notes_as_text(hostile_db: Path) -> None:
    at = app()
    at.query_params.update({"tags": "china"})
    at.session_state["story"] = SLUG  # the story the Stories page names under its table
    at.run()
    assert_markdown_is_text(at, STORY_TITLE, TAG)
    assert STORY_TITLE in set(at.dataframe[0].value["title"])  # the table keeps the title as it is


def test_timeline_page_shows_outlets_titles_and_link_values_as_text(hostile_db: Path) -> None:
    at = app()
    at.query_params.update(
        {
            "story": LINK,
            "tz": "[z](http://evil.example/z)",
            "bucket": "[b](http://evil.example/b)",
            "tags": ["china", "[x](http://evil.example/x)"],
        }
    )
    at.run()
    at.switch_page(pages.TIMELINE.path).run()
    assert_markdown_is_text(
        at, LINK, "[z](http://evil.example/z)", "[b](http://evil.example/b)", UNDATED_OUTLET, STORY_NOTE
    )
    assert_charts_are_text(
        at, STORY_TITLE, OUTLET, TAG, "videos released (as reported)", f"published on youtube: {VIDEO}"
    )


def test_claims_page_shows_metric_outlet_and_video_names_as_text(hostile_db: Path) -> None:
    at = app()
    at.query_params.update({"story": SLUG})
    at.run()
    at.switch_page(pages.CLAIMS.path).run()
    assert_markdown_is_text(at, METRIC)
    assert_charts_are_text(at, STORY_TITLE, OUTLET, f"measured: {VIDEO}", ORIGIN)
    at.radio(key="claims_metric").set_value(METRIC).run()
    assert_markdown_is_text(at, METRIC)
    assert_charts_are_text(at, STORY_TITLE, METRIC)


def test_article_page_shows_title_byline_note_and_tags_as_text(hostile_db: Path) -> None:
    at = app()
    at.query_params.update({"story": SLUG})
    at.run()
    at.switch_page(pages.ARTICLE.path).run()
    assert at.session_state["article_id"] == 1
    assert_markdown_is_text(at, ARTICLE_TITLE, BYLINE, NOTE, TZ_RULE, TAG, STORY_NOTE)


def test_collect_page_shows_a_servers_reason_phrase_as_text(seeded_db: Path, httpserver: HTTPServer,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ALLOW_PRIVATE_ENV, "1")  # the page fetches from this local server
    reason = "[Session expired, log in](http://evil.example/r)"
    httpserver.expect_request("/gone").respond_with_response(Response("no", status=f"404 {reason}"))
    url = httpserver.url_for("/gone")
    at = app("app_pages/collect.py").run()
    at.text_area(key="collect_urls").input(url)
    at.button[0].click().run()
    assert_markdown_is_text(at, url, reason)
    assert any(reason in row for row in at.dataframe[0].value["detail"])  # the table keeps it as it is


def test_an_exception_naming_a_hostile_path_is_shown_as_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "[Session expired, log in](http:" / "evil.example)" / "test.duckdb"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not a database " * 10)
    monkeypatch.setenv("MEDIAMETRICS_DB", str(path))
    at = app().run()
    assert at.error, "the page says the database is not available"
    assert_markdown_is_text(at, str(path))


# --- in a real browser ----------------------------------------------------------------------------


@pytest.fixture
def served(hostile_db: Path, tmp_path: Path) -> Iterator[str]:
    with served_dashboard(hostile_db, tmp_path) as url:
        yield url


@pytest.mark.browser
def test_the_browser_fetches_nothing_and_links_nowhere_that_data_names(served: str) -> None:
    from urllib.parse import quote, urlsplit

    browser_path = require_browser()
    from playwright.sync_api import sync_playwright

    asked: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=browser_path,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"],
        )
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.on("request", lambda request: asked.append(request.url))
        for path, waits_for in (
            (f"/article?story={SLUG}&tags=china", "Session expired, log in"),
            (f"/timeline?story={quote(LINK)}", "Session expired, log in"),
            (f"/claims?story={SLUG}", "Engagement claims"),
            (f"/?story={SLUG}&tags=china", "Stories"),
        ):
            page.goto(served + path, wait_until="domcontentloaded")
            page.get_by_text(waits_for).first.wait_for(timeout=60_000)
            if path.startswith(("/timeline", "/claims")):
                page.locator(".js-plotly-plot .legend").first.wait_for(timeout=60_000)
            page.wait_for_timeout(1500)
            # SVG links carry xlink:href, hence the any-namespace attribute selector.
            planted = page.locator('[*|href*="evil.example"], [*|href*="127.0.0.1:9"], [src*="127.0.0.1:9"]')
            assert planted.count() == 0, (
                path,
                [planted.nth(i).evaluate("e => e.outerHTML") for i in range(planted.count())],
            )
            assert page.locator("[data-testid='stException']").count() == 0, path
        # The literal text is what a reader sees.
        page.goto(f"{served}/article?story={SLUG}", wait_until="domcontentloaded")
        page.get_by_text("![x](http:").first.wait_for(timeout=60_000)
        browser.close()
    planted_hosts = {"127.0.0.1:9", "evil.example", "www.evil.example"}
    assert not [u for u in asked if urlsplit(u).netloc in planted_hosts], asked
