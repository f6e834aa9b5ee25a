"""Reported figures: metric nouns found in prose, with their numbers, qualifiers, scope and window.

The package is laid out as the grammar it reads:

- vocabulary.py  the words, as plain tables keyed by language (nouns -> metric, qualifiers ->
                 bound, verbs, platforms, media nouns, stop words, scale words ...): one source
                 for each list
- fragments.py   regex pieces shared by the rules (_QUAL, _PLUS, _GAP, _POST ...) and the Scanner
                 anchor groups and first-word sets, all generated from the vocabulary
- filters.py     what a pattern matches that is no claim (negation, forecasts, finance, rates,
                 years and rankings, "not this metric")
- sentences.py, subjects.py, time_scope.py, context.py, figures.py
                 sentences and clauses; subjects and platforms; a sentence's time and scope
                 words; the text's state and the one place a claim is built; a matched figure
                 into claims (bounds, lists, ranges)
- rules/         one module per family of patterns (below)
- registry.py    the rules in the order they run, with the languages each applies to

Families, each a bounded regex run over the whole text (constant work per start position, so
linear time, run by anchors.Scanner only where its anchor words are), then checked and turned into
Claim values:

- counts:  [a combined] [qualifier] NUMBER[-plus|+] [up to 3 modifier words] NOUN [scope] [window]
           ("more than 5 million views combined in their first day", "two Mandarin-language videos",
           "500K+ views", "610,000 plays")
- lists:   "170,000 and 140,000 views, respectively" -> one claim per figure; "between A and B" and
           "2-3 million" -> one range, the bare first figure borrowing the second's scale word
- times:   "viewed 900,000 times", "shared 20,000 times", "watched a combined 1.1 billion times",
           "viewed 600,000 and 450,000 times, respectively", "seen more than 4 million times"
- vague:   "millions of views", "shared tens of thousands of times" (bound "vague", value None,
           low = twice the scale: plural means >= 2)
- tallies: "view count stood at 7,450,112", "the number of comments topped 100,000",
           "50 million people follow her", ", up from 400,000" (an earlier figure, same metric)
- lengths: "more than 2-minute-long videos", "the video runs 2 minutes and 30 seconds", "the 2:14
           video", "the footage, roughly 11 minutes long,", "At 12 minutes, the film is ..."
- release: a release verb with a video object and a day-resolved time reference in the same clause
- German:  when the document's language is German, rules/german.py replaces the English figure
           rules ("86,3 Millionen Mal aufgerufen", "mehr als 1.234.567 Aufrufe")

Bounds and lists: figures.py. Windows, as-of and scope: time_scope.py. Negatives: filters.py.
Subjects: subjects.py.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, tzinfo

from metrics.extract.anchors import Scanner
from metrics.extract.claims.bounds import claim_bounds
from metrics.extract.claims.context import _LIST_JOIN, _Context
from metrics.extract.claims.figures import dedupe_claims
from metrics.extract.claims.registry import RUNS, language_of
from metrics.extract.claims.sentences import _sentences
from metrics.extract.claims.time_scope import _as_of_marks, _sentence_windows
from metrics.extract.spans import SpanSet
from metrics.model import Claim, TimeRef

__all__ = ["claim_bounds", "dedupe_claims", "find_claims"]


def find_claims(
    text: str,
    *,
    time_refs: tuple[TimeRef, ...] = (),
    exclude: tuple[tuple[int, int], ...] = (),
    as_of: datetime | None = None,
    language: str | None = None,
    scanner: Scanner | None = None,
    zone: tzinfo = UTC,
    zone_desc: str = "UTC",
) -> tuple[Claim, ...]:
    """Claims in text order (repeats folded into also_spans).

    `time_refs` (already resolved) feed video_published claims; `exclude` holds spans that are not
    prose (publish/update lines); `as_of`, the document's publish or update time, is stamped on
    engagement counts (views, likes, ...) since that is when the article reported them. `scanner`,
    if given, must be `Scanner(text)` (shared with find_time_refs to save a pass). `zone` (and its
    description) is the calendar the text's days are counted in, for a year named after a figure.
    `language` (a language tag) chooses the rules: registry.RULES, in their order.
    """
    ctx = _Context(
        text, _sentences(text), SpanSet(exclude), as_of, Scanner(text) if scanner is None else scanner
    )
    ctx.refs_at = {ref.span[0]: ref for ref in time_refs if ref.span is not None}
    ctx.zone, ctx.zone_desc = zone, zone_desc
    ctx.time_refs = time_refs
    # What a figure's sentence says about its time and scope, known before any figure is added, so
    # each claim is built once with its final window and as_of.
    ctx.marks = _as_of_marks(text, ctx.sentences, time_refs, as_of)
    ctx.windows = _sentence_windows(ctx.scan, ctx.sentences)
    ctx.language = language_of(language)
    for run in RUNS[ctx.language]:
        run(ctx)
    ordered = sorted(ctx.claims, key=lambda c: (c.span or (0, 0), c.metric))
    return dedupe_claims(_share_list_windows(text, ordered))


def _share_list_windows(text: str, claims: list[Claim]) -> list[Claim]:
    """A window written once after a list covers the list: "11,210,172 views, 236,242 likes and
    13,928 comments in 24 hours" counts all three in 24 hours."""
    out = list(claims)
    for i in range(len(out) - 2, -1, -1):
        this, after = out[i], out[i + 1]
        if (
            this.time_window is None
            and after.time_window is not None
            and this.scope is None
            and this.span is not None
            and after.span is not None
            and this.metric != after.metric
            and this.metric not in ("video_length", "video_published", "video_count")
            and _LIST_JOIN.fullmatch(text, this.span[1], after.span[0]) is not None
        ):
            out[i] = replace(
                this,
                time_window=after.time_window,
                as_of=after.as_of,
                as_of_start=after.as_of_start,
                as_of_rule=after.as_of_rule,
            )
    return out
