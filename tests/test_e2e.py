"""The running dashboard in a real headless Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import require_browser, served_dashboard

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture
def dashboard(seeded_db: Path, tmp_path: Path) -> Iterator[str]:
    with served_dashboard(seeded_db, tmp_path) as url:
        yield url


@pytest.mark.browser
def test_dashboard_shows_the_story_and_a_rendered_chart(dashboard: str, tmp_path: Path) -> None:
    browser_path = require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=browser_path, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        # A deep link as the first request to a fresh server must still run the page map and its
        # shared sidebar (Streamlit runs a `pages/` folder's scripts bare; ours live in app_pages/).
        page.goto(f"{dashboard}/claims?tags=Russia&story=CIA+Russian-language+recruitment+videos", wait_until="domcontentloaded")
        page.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=60_000)
        sidebar = page.locator("[data-testid='stSidebar']")
        # Waits, not counts: on a loaded machine the sidebar may still be drawing when the chart is.
        sidebar.get_by_text("Topic tags").first.wait_for(timeout=30_000)
        sidebar.get_by_text("Russia").first.wait_for(timeout=30_000)  # the tag filter came from the URL
        page.get_by_text("CIA Russian-language recruitment videos").first.wait_for(timeout=30_000)  # and the story
        # That old link named the story by title and the tag by label; the address bar now has slug and key.
        page.wait_for_url("**story=cia-russian-videos-2023**", timeout=30_000)
        assert "tags=russia" in page.url
        page.screenshot(path=str(tmp_path / "claims.png"), full_page=True)

        page.goto(f"{dashboard}/timeline", wait_until="domcontentloaded")
        page.get_by_text("CIA Mandarin recruitment videos").first.wait_for(timeout=60_000)
        page.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=60_000)
        assert page.locator(".js-plotly-plot g.point").count() > 0, "bars were drawn"
        assert page.locator("[data-testid='stException']").count() == 0
        page.screenshot(path=str(tmp_path / "timeline.png"), full_page=True)
        browser.close()


@pytest.fixture(scope="module")
def running_dashboard(tmp_path_factory: pytest.TempPathFactory, _seeded_template: Path) -> Iterator[str]:
    """One dashboard for the per-page checks, on its own copy of the seeded database."""
    import shutil

    folder = tmp_path_factory.mktemp("e2e")
    db = folder / "seeded.duckdb"
    shutil.copyfile(_seeded_template, db)
    with served_dashboard(db, folder) as url:
        yield url


# Each page with filters in its URL, and what shows that it rendered.
PAGE_CHECKS = [
    ("", "?tags=China", "[data-testid='stDataFrame']", "Stories"),
    ("timeline", "?tags=china&unique=true&bucket=week&tz=Asia%2FKolkata", ".js-plotly-plot .main-svg",
     "AP (3 copies)"),
    ("claims", "?tags=China&outlets=Korea+JoongAng+Daily", ".js-plotly-plot .main-svg", "Korea JoongAng Daily"),
    ("article", "?tags=China", "mark.claim", "more than 5 million views"),
    ("collect", "", "[data-testid='stForm']", "Collect"),
]


@pytest.mark.browser
@pytest.mark.parametrize(("path", "query", "drawn", "text"), PAGE_CHECKS, ids=[p[0] or "stories" for p in PAGE_CHECKS])
def test_every_page_renders_in_a_browser_with_filters_from_the_url(
    running_dashboard: str, tmp_path: Path, path: str, query: str, drawn: str, text: str
) -> None:
    browser_path = require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=browser_path, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(f"{running_dashboard}/{path}{query}", wait_until="domcontentloaded")
        page.locator(drawn).first.wait_for(timeout=60_000)
        page.get_by_text(text).first.wait_for(timeout=30_000)
        assert page.locator("[data-testid='stException']").count() == 0
        assert page.locator("[data-testid='stAlertContentError']").count() == 0
        page.screenshot(path=str(tmp_path / f"{path or 'stories'}.png"), full_page=True)
        assert (tmp_path / f"{path or 'stories'}.png").stat().st_size > 10_000
        browser.close()


@pytest.mark.browser
def test_timeline_opens_with_bucket_and_timezone_from_the_url_and_keeps_them(
    running_dashboard: str, tmp_path: Path
) -> None:
    browser_path = require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=browser_path, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(f"{running_dashboard}/timeline?story=cia-mandarin-videos-2025&bucket=week&tz=Asia%2FKolkata",
                  wait_until="domcontentloaded")
        page.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=60_000)
        # The axis title and the caption say which bars and which zone the chart shows.
        page.locator(".js-plotly-plot .xtitle", has_text="one bar per week (Mon-Sun) in Asia/Kolkata").wait_for(
            timeout=30_000)
        page.get_by_text("Articles per week (Mon-Sun) in Asia/Kolkata").first.wait_for(timeout=30_000)
        assert page.locator("[data-testid='stException']").count() == 0
        assert "bucket=week" in page.url and "tz=Asia" in page.url

        # Choosing another bucket rewrites the address bar; the zone and story stay in it.
        page.get_by_text("month", exact=True).first.click()
        page.wait_for_url("**bucket=month**", timeout=30_000)
        page.locator(".js-plotly-plot .xtitle", has_text="one bar per month in Asia/Kolkata").wait_for(timeout=30_000)
        assert "tz=Asia" in page.url and "story=cia-mandarin-videos-2025" in page.url

        # Another page keeps the story (by slug) and the filters.
        page.locator("[data-testid='stSidebarNav']").get_by_text("Engagement claims").click()
        page.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=60_000)
        page.wait_for_url("**/claims**story=cia-mandarin-videos-2025**", timeout=30_000)
        page.screenshot(path=str(tmp_path / "timeline-kolkata.png"), full_page=True)
        browser.close()
