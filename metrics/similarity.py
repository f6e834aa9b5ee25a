"""Which texts are copies of each other, and which story an article belongs to. Pure.

Syndicated copies: a MinHash signature (datasketch) of the text's word 5-gram shingles estimates
the share of shingles two texts have in common (their Jaccard similarity). Copies of one wire
story differ by a headline, a credit line or a trimmed paragraph and share most shingles (~0.85
for the seed article and a copy with its last paragraphs cut); unrelated texts share almost none.
COPY_MIN_SHARED is the line between the two. Candidates are found through an index, not a scan:
the signature is cut into COPY_BANDS bands of COPY_ROWS values, and two texts are compared only
when some band is identical (locality-sensitive hashing; with these sizes a pair at the threshold
is a candidate with probability ~0.6 per band set, a pair sharing 0.8 with probability ~1.0).

Stories: the articles of a batch that come with no story are grouped among themselves first, by
average-link clustering (group_articles): each article is a set of keywords (title words, stemmed,
and the names in its opening text), two articles' similarity is the cosine of their keyword sets
weighted by rarity in the batch (IDF), and two groups merge, most similar first, while the mean
similarity of their pairs reaches STORY_MIN_LINK; articles more than STORY_MAX_DAYS apart never
pair. The result depends on the set of articles, not on their order. Each group then joins the
existing story most of its members would join (the largest share of an article's keywords found
among the story's, at least STORY_MIN_SCORE, coverage within STORY_MAX_DAYS), or starts one.
The thresholds are stated here and tested (tests/test_similarity.py).
"""

from __future__ import annotations

import hashlib
import heapq
import math
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
STORY_MIN_LINK = 0.1  # mean IDF-weighted cosine of two groups' article pairs for them to be one story
STORY_MAX_DAYS = 21
# A keyword in more articles of a batch than this is left out of the similarity (it still counts
# in each article's norm): its pairs would grow with the square of the batch. Below it, a batch
# that is all one story still groups through the words all its articles share.
STORY_MAX_POSTINGS = 1000
STORY_NEIGHBOURS = 20  # the most similar articles each article is compared with when groups merge
_BLOCK_ROWS = 256  # rows of the similarity product at a time: memory stays bounded

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)
_NAME = re.compile(r"\b(?:[A-Z][\w’'-]{1,30}|[A-Z]{2,10})(?:\s+(?:[A-Z][\w’'-]{1,30}|[A-Z]{2,10})){0,3}\b")
_STOP = frozenset(
    ["a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "he", "her", "his", "in", "is", "it", "its", "of", "on", "or", "she", "that", "the", "their", "they", "this", "to", "was", "were", "will", "with", "after", "over", "new", "says", "said", "about", "into", "more", "than", "how", "why", "what", "who", "home", "news", "world", "video", "watch", "listen", "read", "min", "last", "updated", "first", "published", "photo", "topics", "but", "not", "all", "can", "now", "one", "two", "get", "gets", "out", "amid", "ahead", "here", "just", "still", "could", "would", "may", "year", "years", "day", "days", "week", "today", "however", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april", "june", "july", "august", "september", "october", "november", "december"]
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


def _stem(word: str) -> str:
    """A crude English stem, so that "outage" and "outages", "record" and "records" meet."""
    for suffix in ("ings", "ing", "ers", "es", "s", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def keywords(title: str | None, text: str | None) -> frozenset[str]:
    """Title words and the names of the opening text, stemmed: what two articles about the same
    story share."""
    head = f"{title or ''}\n{(text or '')[:1500]}"
    names = {w for m in _NAME.finditer(head) for w in _words(m.group(0))}
    title_words = set(_words(title or ""))
    words = (k.removesuffix("'s").removesuffix("’s") for k in names | title_words)
    return frozenset(_stem(k) for k in words if k not in _STOP and len(k) > 2 and not k.isdigit())


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


@dataclass(frozen=True)
class StoryDoc:
    """An article to group: its key (its id), keywords and publish time, and what it is known by
    whatever its order (its text's hash or URL), which settles ties."""

    key: int
    words: frozenset[str]
    published: datetime | None
    known_by: str = ""


def _nearest(docs: Sequence[StoryDoc]) -> dict[int, dict[int, float]]:
    """Each doc's STORY_NEIGHBOURS most similar others (IDF-weighted cosine of their keyword sets;
    none more than STORY_MAX_DAYS apart), as a symmetric graph of doc indices: a sparse product
    in blocks, so neither time nor memory grows with the square of the batch."""
    from scipy import sparse  # datasketch's dependency; imported when a batch has story-less articles

    n = len(docs)
    df: dict[str, int] = {}
    for d in docs:
        for w in d.words:
            df[w] = df.get(w, 0) + 1
    columns = {w: k for k, w in enumerate(sorted(w for w, c in df.items() if 1 < c <= STORY_MAX_POSTINGS))}
    rows, cols, values = [], [], []
    for i, d in enumerate(docs):
        weights = {w: math.log(1 + n / df[w]) for w in d.words}
        norm = math.sqrt(sum(x * x for x in weights.values())) or 1.0
        for w, x in weights.items():
            if w in columns:
                rows.append(i)
                cols.append(columns[w])
                values.append(x / norm)
    matrix = sparse.csr_matrix((values, (rows, cols)), shape=(n, len(columns)))
    days = np.array([d.published.timestamp() / 86400 if d.published else np.nan for d in docs])
    graph: dict[int, dict[int, float]] = {i: {} for i in range(n)}
    for start in range(0, n, _BLOCK_ROWS):
        block = (matrix[start : start + _BLOCK_ROWS] @ matrix.T).tocsr()
        for r in range(block.shape[0]):
            i = start + r
            js = block.indices[block.indptr[r] : block.indptr[r + 1]]
            sims = block.data[block.indptr[r] : block.indptr[r + 1]]
            apart = np.abs(days[js] - days[i]) > STORY_MAX_DAYS  # False where either is undated
            keep = (js != i) & ~apart & (sims > 0)
            js, sims = js[keep], sims[keep]
            if len(js) > STORY_NEIGHBOURS:
                top = np.argpartition(-sims, STORY_NEIGHBOURS)[:STORY_NEIGHBOURS]
                js, sims = js[top], sims[top]
            for j, sim in zip(js.tolist(), sims.tolist(), strict=True):
                graph[i][j] = graph[j][i] = sim
    return graph


def group_articles(docs: Sequence[StoryDoc]) -> list[list[int]]:
    """The docs' keys in groups that are one story each (see the module's note), each group sorted,
    the groups sorted by their first key. Deterministic, and the same for the docs in any order."""
    docs = sorted(docs, key=lambda d: (d.known_by, d.key))  # ties go by content, not by input order
    n = len(docs)
    # links[i][j]: the summed similarity of the pairs between groups i and j (their ids are their
    # first members); a group's mean with another is that sum over the product of their sizes.
    links = _nearest(docs) if n > 1 else {i: {} for i in range(n)}
    members = {i: [i] for i in range(n)}
    heap = [(-sim, i, j) for i in range(n) for j, sim in links[i].items() if i < j]
    heapq.heapify(heap)
    while heap:
        neg, i, j = heapq.heappop(heap)
        if i not in members or j not in members:
            continue
        mean = links[i].get(j, 0.0) / (len(members[i]) * len(members[j]))
        if abs(mean + neg) > 1e-12:
            continue  # a stale entry: the group has grown since
        if mean < STORY_MIN_LINK:
            break
        # j joins i; the groups' links add up
        members[i] += members.pop(j)
        for k, total in links.pop(j).items():
            links[k].pop(j, None)
            if k != i:
                links[i][k] = links[k][i] = links[i].get(k, 0.0) + total
        links[i].pop(j, None)
        for k, total in links[i].items():
            heapq.heappush(heap, (-total / (len(members[i]) * len(members[k])), min(i, k), max(i, k)))
    return sorted(sorted(docs[m].key for m in group) for group in members.values())
