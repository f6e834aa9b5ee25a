"""Which texts are copies of each other, and which story an article belongs to. Pure.

Syndicated copies: a 64-bit SimHash over word 5-gram shingles. Copies of one wire story differ
by a headline, a credit line or a trimmed paragraph, which moves only a few bits; unrelated
texts differ in about half of them. COPY_MAX_BITS is the line between the two.

Stories: an article joins the existing story that holds the largest share of its keywords
(capitalised names and title words; the share of the article's keywords found among the
story's, so a large story is not penalised for its size) when that share reaches
STORY_MIN_SCORE and the story has coverage within STORY_MAX_DAYS of the article; otherwise
it starts a story.
Both thresholds are stated here and tested (tests/test_similarity.py).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

COPY_MAX_BITS = 10  # of 64: a new headline and a dropped credit line move ~7; unrelated texts ~32
SHINGLE_WORDS = 5
STORY_MIN_SCORE = 0.3
STORY_MAX_DAYS = 21

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)
_NAME = re.compile(r"\b(?:[A-Z][\w’'-]{1,30}|[A-Z]{2,10})(?:\s+(?:[A-Z][\w’'-]{1,30}|[A-Z]{2,10})){0,3}\b")
_STOP = frozenset(
    ["a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "he", "her", "his", "in", "is", "it", "its", "of", "on", "or", "she", "that", "the", "their", "they", "this", "to", "was", "were", "will", "with", "after", "over", "new", "says", "said", "about", "into", "more", "than", "how", "why", "what", "who", "home", "news", "world", "video", "watch", "listen", "read", "min", "last", "updated", "first", "published", "photo", "topics"]
)


def _words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text)]


def simhash(text: str) -> int:
    """64-bit SimHash of the text's word 5-grams (0 for a text too short to have any)."""
    words = _words(text)
    votes = [0] * 64
    shingles = {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(max(0, len(words) - SHINGLE_WORDS + 1))}
    if not shingles:
        return 0
    for shingle in shingles:
        h = int.from_bytes(hashlib.blake2b(shingle.encode("utf-8"), digest_size=8).digest(), "big")
        for bit in range(64):
            votes[bit] += 1 if h >> bit & 1 else -1
    return sum(1 << bit for bit in range(64) if votes[bit] > 0)


def hamming(a: int, b: int) -> int:
    return (a ^ b).bit_count()


def copy_of(fingerprint: int, others: Iterable[tuple[int, int]]) -> tuple[int, int] | None:
    """(id, differing bits) of the closest earlier text within COPY_MAX_BITS, if any."""
    if not fingerprint:
        return None
    best = min(((oid, hamming(fingerprint, other)) for oid, other in others if other), key=lambda p: p[1],
               default=None)
    return best if best is not None and best[1] <= COPY_MAX_BITS else None


def keywords(title: str | None, text: str | None) -> frozenset[str]:
    """Names and title words: what two articles about the same story share."""
    head = f"{title or ''}\n{(text or '')[:1500]}"
    names = {w for m in _NAME.finditer(head) for w in _words(m.group(0))}
    title_words = {w for w in _words(title or "") if len(w) > 3}
    return frozenset(k.removesuffix("'s").removesuffix("’s") for k in names | title_words
                     if k not in _STOP and len(k) > 2)


@dataclass(frozen=True)
class StoryProfile:
    slug: str
    keywords: frozenset[str]
    first: datetime | None
    last: datetime | None


def containment(article: frozenset[str], story: frozenset[str]) -> float:
    """Share of the article's keywords that the story already has."""
    return len(article & story) / len(article) if article and story else 0.0


def best_story(
    words: frozenset[str], published: datetime | None, stories: Sequence[StoryProfile]
) -> tuple[str, float] | None:
    """The story to join, with its score, or None to start a new one."""
    window = timedelta(days=STORY_MAX_DAYS)
    scored = []
    for story in stories:
        dated = published is not None and story.first is not None and story.last is not None
        if dated and not (story.first - window <= published <= story.last + window):  # type: ignore[operator]
            continue
        scored.append((containment(words, story.keywords), story.slug))
    if not scored:
        return None
    score, slug = max(scored)
    return (slug, score) if score >= STORY_MIN_SCORE else None
