"""Which texts are copies of each other, and which story an article belongs to. Pure.

Syndicated copies: a MinHash signature (datasketch) of the text's word 5-gram shingles estimates
the share of shingles two texts have in common (their Jaccard similarity). Copies of one wire
story differ by a headline, a credit line or a trimmed paragraph and share most shingles (~0.85
for the seed article and a copy with its last paragraphs cut); unrelated texts share almost none.
COPY_MIN_SHARED is the line between the two. Candidates are found through an index, not a scan:
the signature is cut into COPY_BANDS bands of COPY_ROWS values, and two texts are compared only
when some band is identical (locality-sensitive hashing; with these sizes a pair at the threshold
is a candidate with probability ~0.6 per band set, a pair sharing 0.8 with probability ~1.0).

Stories: an article joins the existing story that holds the largest share of its keywords
(capitalised names and title words; the share of the article's keywords found among the
story's, so a large story is not penalised for its size) when that share reaches
STORY_MIN_SCORE and the story has coverage within STORY_MAX_DAYS of the article; otherwise
it starts a story.
The thresholds are stated here and tested (tests/test_similarity.py).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from typing import Any

import numpy as np

COPY_MIN_SHARED = 0.5  # estimated share of word 5-grams: a reworked wire copy ~0.85, unrelated texts ~0
SHINGLE_WORDS = 5
COPY_PERMUTATIONS = 64
# datasketch's MinHashLSH picks (14, 4) for threshold 0.5 and 64 permutations, weighing missed
# copies and false candidates equally; stated here so the stored index never changes under us.
COPY_BANDS, COPY_ROWS = 14, 4
STORY_MIN_SCORE = 0.3
STORY_MAX_DAYS = 21

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)
_NAME = re.compile(r"\b(?:[A-Z][\w’'-]{1,30}|[A-Z]{2,10})(?:\s+(?:[A-Z][\w’'-]{1,30}|[A-Z]{2,10})){0,3}\b")
_STOP = frozenset(
    ["a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "he", "her", "his", "in", "is", "it", "its", "of", "on", "or", "she", "that", "the", "their", "they", "this", "to", "was", "were", "will", "with", "after", "over", "new", "says", "said", "about", "into", "more", "than", "how", "why", "what", "who", "home", "news", "world", "video", "watch", "listen", "read", "min", "last", "updated", "first", "published", "photo", "topics"]
)
# Fixed permutations (seed 1), so signatures made by any process or version compare.
_SCHEME = "affine32"  # datasketch 2.0's default; named, as its permutations are passed in


def _words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text)]


def copy_signature(text: str) -> bytes | None:
    """MinHash signature of the text's word 5-grams (COPY_PERMUTATIONS little-endian uint32), or
    None for a text too short to have any."""
    words = _words(text)
    shingles = {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}
    if not shingles:
        return None
    minhash, permutations = _minhash()
    sketch = minhash(num_perm=COPY_PERMUTATIONS, permutations=permutations, scheme=_SCHEME)
    sketch.update_batch([s.encode("utf-8") for s in shingles])
    return sketch.hashvalues.astype("<u4").tobytes()


@cache
def _minhash() -> tuple[Any, Any]:
    """datasketch's MinHash and its fixed permutations (seed 1), so that signatures made by any
    process or version compare. Imported on first use: datasketch imports scipy (half a second),
    which a command that reads no text should not pay."""
    from datasketch import MinHash

    return MinHash, MinHash(num_perm=COPY_PERMUTATIONS, seed=1, scheme=_SCHEME).permutations


def band_keys(signature: bytes) -> list[int]:
    """One signed 64-bit key per band (the band's number is part of the key): two signatures
    sharing a key are candidates for a copy."""
    width = 4 * COPY_ROWS
    return [
        int.from_bytes(hashlib.blake2b(bytes([band]) + signature[band * width : (band + 1) * width],
                                       digest_size=8).digest(), "little", signed=True)
        for band in range(COPY_BANDS)
    ]


def shared(a: bytes, b: bytes) -> float:
    """Estimated share of word 5-grams two texts have in common (Jaccard), from their signatures."""
    return float(np.mean(np.frombuffer(a, dtype="<u4") == np.frombuffer(b, dtype="<u4")))


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
