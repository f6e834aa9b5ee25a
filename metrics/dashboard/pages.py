"""The dashboard's pages, named once: dashboard.py builds its navigation from them, pages link
to each other through them, and the tests open them by them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    path: str  # the script, relative to the project root (app_pages/, not pages/: see README)
    title: str
    icon: str
    default: bool = False


STORIES = Page("app_pages/stories.py", "Stories", ":material/list:", default=True)
TIMELINE = Page("app_pages/timeline.py", "Coverage timeline", ":material/timeline:")
CLAIMS = Page("app_pages/claims.py", "Engagement claims", ":material/query_stats:")
ARTICLE = Page("app_pages/article.py", "Article", ":material/article:")
COLLECT = Page("app_pages/collect.py", "Collect", ":material/download:")

# In the sidebar's order.
ALL: tuple[Page, ...] = (STORIES, TIMELINE, CLAIMS, ARTICLE, COLLECT)
# The pages that only read the database.
READ_PAGES: tuple[Page, ...] = (STORIES, TIMELINE, CLAIMS, ARTICLE)
