"""Metadata and body text of a news page.

Metadata comes from what publishers put there for machines: JSON-LD (NewsArticle and kin),
`og:`/`article:` meta tags, `<link rel=canonical>`, `<time datetime>`. The body text comes
from trafilatura, which removes navigation and boilerplate far better than tag stripping.
Pure: HTML string in, (text, metadata) out.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from metrics.extract.dates import DateParseError, parse_published
from metrics.model import DocumentMeta, PublishTime

_ARTICLE_TYPES = {
    "newsarticle",
    "article",
    "reportagenewsarticle",
    "blogposting",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "backgroundnewsarticle",
    "webpage",
    "liveblogposting",
}


@dataclass
class _Collected:
    meta: dict[str, str] = field(default_factory=dict)
    jsonld: list[Any] = field(default_factory=list)
    canonical: str | None = None
    title: str | None = None
    time_datetime: str | None = None
    lang: str | None = None
    bylines: dict[str, list[str]] = field(default_factory=dict)  # kind -> texts, in page order


_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def _byline_kind(tag: str, a: dict[str, str]) -> str | None:
    """Which kind of byline markup an element is, best first: itemprop, rel, class."""
    if "author" in a.get("itemprop", "").split():
        return "itemprop"
    if tag == "a" and "author" in a.get("rel", "").split():
        return "rel"
    classes = a.get("class", "").lower()
    if "byline" in classes or "author-name" in classes or "authorname" in classes:
        return "class"
    return None


class _HeadParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found = _Collected()
        self._in_jsonld = False
        self._in_title = False
        self._buf: list[str] = []
        self._byline: tuple[str, int, list[str]] | None = None  # kind, depth when opened, text
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag not in _VOID:
            self._depth += 1
            kind = _byline_kind(tag, a)
            if kind and self._byline is None and len(self.found.bylines.get(kind, [])) < 3:
                self._byline = (kind, self._depth, [])
        if tag == "html" and a.get("lang"):
            self.found.lang = a["lang"]
        elif tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").strip().lower()
            if key and "content" in a and key not in self.found.meta:
                self.found.meta[key] = a["content"].strip()
        elif tag == "link" and "canonical" in a.get("rel", "").lower().split() and a.get("href"):
            self.found.canonical = self.found.canonical or a["href"].strip()
        elif tag == "script" and a.get("type", "").lower().strip() == "application/ld+json":
            self._in_jsonld, self._buf = True, []
        elif tag == "title":
            self._in_title, self._buf = True, []
        elif tag == "time" and a.get("datetime") and self.found.time_datetime is None:
            self.found.time_datetime = a["datetime"].strip()

    def handle_endtag(self, tag: str) -> None:
        if tag not in _VOID:
            if self._byline is not None and self._depth == self._byline[1]:
                kind, _, parts = self._byline
                self.found.bylines.setdefault(kind, []).append(" ".join("".join(parts).split()))
                self._byline = None
            self._depth -= 1
        if tag == "script" and self._in_jsonld:
            self._in_jsonld = False
            raw = "".join(self._buf).strip()
            # Some sites wrap JSON-LD in CDATA or HTML comments for old XHTML parsers.
            for wrapper in (("<![CDATA[", "]]>"), ("<!--", "-->")):
                if raw.startswith(wrapper[0]) and raw.endswith(wrapper[1]):
                    raw = raw[len(wrapper[0]) : -len(wrapper[1])].strip()
            try:
                self.found.jsonld.append(json.loads(raw))
            except ValueError:
                pass  # broken JSON-LD is common; the meta tags still speak
        elif tag == "title" and self._in_title:
            self._in_title = False
            self.found.title = " ".join("".join(self._buf).split()) or None

    def handle_data(self, data: str) -> None:
        if self._in_jsonld or self._in_title:
            self._buf.append(data)
        if self._byline is not None and not self._in_jsonld:
            self._byline[2].append(data)


def _walk_jsonld(node: Any) -> list[dict[str, Any]]:
    """Flatten @graph and lists into the objects they hold."""
    out: list[dict[str, Any]] = []
    stack = [node]
    while stack:
        cur = stack.pop()
        if isinstance(cur, list):
            stack.extend(reversed(cur))
        elif isinstance(cur, dict):
            out.append(cur)
            if "@graph" in cur:
                stack.append(cur["@graph"])
    return out


def _types(obj: dict[str, Any]) -> set[str]:
    t = obj.get("@type", [])
    return {str(x).lower() for x in (t if isinstance(t, list) else [t])}


def _names(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for it in items:
        if isinstance(it, str) and it.strip():
            names.append(it.strip())
        elif isinstance(it, dict) and isinstance(it.get("name"), str) and it["name"].strip():
            names.append(it["name"].strip())
    return names


def _keywords(value: Any) -> list[str]:
    if isinstance(value, str):
        return [k.strip() for k in value.split(",") if k.strip()]
    if isinstance(value, list):
        return [k.strip() for k in value if isinstance(k, str) and k.strip()]
    return []


_BY = re.compile(r"^(?:by|par|por|von|di|door)\s+", re.IGNORECASE)


def _markup_byline(found: dict[str, list[str]]) -> list[str]:
    """A name from byline markup, when the page gave none in metadata.

    Only short, digit-free texts count: containers called "author" often hold a whole bio,
    a date or a follow button, and no byline beats a wrong one.
    """
    for kind in ("itemprop", "rel", "class"):
        for text in found.get(kind, []):
            name = _BY.sub("", text.split("|")[0]).strip(" ,;:-")
            if 2 < len(name) <= 60 and not any(ch.isdigit() for ch in name) and name.count(" ") <= 6:
                return [name]
    return []


def _date(value: str | None, source: str, outlet: str | None, tz_map: str | None) -> PublishTime | None:
    if not value:
        return None
    try:
        return parse_published(value, source=source, outlet=outlet, tz_map=tz_map)
    except DateParseError:
        return None


def read_metadata(html: str, *, tz_map: str | None = None) -> DocumentMeta:
    """What the page says about itself, JSON-LD first, then meta tags."""
    parser = _HeadParser()
    try:
        parser.feed(html)
        parser.close()
    except Exception:  # noqa: BLE001, S110 - html.parser can choke on hostile markup; keep what it read
        pass
    found = parser.found
    article: dict[str, Any] = {}
    for obj in (o for doc in found.jsonld for o in _walk_jsonld(doc)):
        if _types(obj) & _ARTICLE_TYPES and ("headline" in obj or "datePublished" in obj):
            article = obj
            break
    m = found.meta
    publisher = _names(article.get("publisher"))
    outlet = (publisher[0] if publisher else None) or m.get("og:site_name") or m.get("application-name")
    authors = _names(article.get("author")) or [a for a in [m.get("author"), m.get("article:author")] if a]
    authors = [a for a in authors if not a.startswith("http")] or _markup_byline(found.bylines)
    published = (
        _date(article.get("datePublished"), "html: JSON-LD datePublished", outlet, tz_map)
        or _date(m.get("article:published_time"), "html: article:published_time", outlet, tz_map)
        or _date(m.get("date") or m.get("pubdate"), "html: meta date", outlet, tz_map)
        or _date(found.time_datetime, "html: <time datetime>", outlet, tz_map)
    )
    modified = _date(article.get("dateModified"), "html: JSON-LD dateModified", outlet, tz_map) or _date(
        m.get("article:modified_time"), "html: article:modified_time", outlet, tz_map
    )
    topics = _keywords(article.get("keywords")) or _keywords(m.get("keywords") or m.get("news_keywords"))
    section = article.get("articleSection") or m.get("article:section")
    topics += _keywords(section)
    topics += [v for k, v in m.items() if k == "article:tag"]
    title = article.get("headline") or m.get("og:title") or m.get("twitter:title") or found.title
    return DocumentMeta(
        title=str(title).strip() if title else None,
        outlet=outlet,
        byline=", ".join(authors) if authors else None,
        published=published,
        modified=modified,
        topics=tuple(dict.fromkeys(topics)),
        canonical_url=found.canonical or m.get("og:url"),
        language=found.lang,
    )


def read_body_text(html: str) -> str:
    """The article's running text; empty when the page has none we can find."""
    import trafilatura  # imported here: it pulls in lxml, and most callers never need it

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    return text or ""
