"""The claim rules in the order find_claims runs them, and the languages each applies to.

The order is a priority: a claim is recorded only where no earlier claim of the same metric
already covers its span (_Context.add), so where two rules read the same words the earlier one
wins; and a figure joined by "and" to the claim added just before it shares its "combined" scope
(_Context.engagement_time). The order is the one the rules had as one module, which every test
and the labelled set were checked against:

1. release: video_published claims first, because a window counted from a release ("in their
   first day") is resolved against them when a later figure is added.
2. german: in a German document, in place of every English figure rule (its number style,
   "1.234.567" and "86,3", would be misread by them); german_vague after it ("Millionen Aufrufe").
3. ranges, counts, times, scaled_times, vague, vague_times, of_the: a figure with its own noun or verb, the
   commonest shapes, before the rules that read a figure whose noun stands elsewhere.
4. changed_to, tallies: a count named and then its figure ("view count stood at ..."); changed_to
   first, as it reads the change and the total together ("climbed 30,000 overnight to 512,000"),
   where tallies alone would take "climbed 30,000" for the count.
5. marks, figure_counts, by_people, follows, adjective_counts, rate_nouns, online_nouns,
   stat_lines: rarer shapes, each with words of its own.
   bare_marks after them: a mark without its count word ("surpassed the 53 million mark") takes
   the count noun named before it, so any reading with a noun of its own comes first.
6. borrowed_nouns: "7,000 of them" borrows the nearest noun that has no figure of its own, so it
   runs once the other figures are recorded.
7. chained: reads the claims made so far and adds the figures chained to them ("up from ...",
   "and a further 900,000 on X"); then echoes: a bare figure where a count was just named or
   claimed ("the previous record (197 million)", "MSNBC had 1.45 million"), the last English
   figure rule, so every figure with a reading of its own is taken first (german_echoes likewise
   after the German rules).
8. lengths, watch_lines: video_length, in every language (durations are written alike); a metric
   of its own, so its place does not change what the figure rules find.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from metrics.extract.claims.context import _Context
from metrics.extract.claims.rules import (
    borrowed,
    chained,
    counts,
    echoes,
    follows,
    german,
    lengths,
    marks,
    ranges,
    release,
    stat_lines,
    tallies,
    times,
    vague,
)
from metrics.extract.claims.vocabulary import LANGUAGE_TAGS, LANGUAGES
from metrics.extract.language import primary_subtag


class Rule(NamedTuple):
    """A named rule, the function that adds its claims to the context, and its languages."""

    name: str
    run: Callable[[_Context], None]
    languages: tuple[str, ...]


_EN = ("en",)
_DE = ("de",)

RULES: tuple[Rule, ...] = (
    Rule("release", release._released, LANGUAGES),
    Rule("german", german._german, _DE),
    Rule("german_lengths", german._german_lengths, _DE),
    Rule("german_vague", german._german_vague, _DE),
    Rule("ranges", ranges._hyphen_ranges, _EN),
    Rule("counts", counts._counts, _EN),
    Rule("times", times._times, _EN),
    Rule("scaled_times", times._scaled_times, _EN),
    Rule("vague", vague._vague, _EN),
    Rule("vague_times", vague._vague_times, _EN),
    Rule("of_the", counts._of_the, _EN),
    Rule("changed_to", tallies._changed_to, _EN),
    Rule("tallies", tallies._tallies, _EN),
    Rule("marks", marks._marks, _EN),
    Rule("figure_counts", vague._figure_counts, _EN),
    Rule("by_people", follows._by_people, _EN),
    Rule("follows", follows._follows, _EN),
    Rule("adjective_counts", counts._adjective_counts, _EN),
    Rule("rate_nouns", counts._rate_nouns, _EN),
    Rule("online_nouns", counts._online_nouns, _EN),
    Rule("stat_lines", stat_lines._stat_lines, _EN),
    Rule("bare_marks", marks._bare_marks, _EN),
    Rule("borrowed_nouns", borrowed._borrowed_nouns, _EN),
    Rule("chained", chained._up_from, _EN),
    Rule("echoes", echoes._echoes, _EN),
    Rule("german_echoes", echoes._german_echoes, _DE),
    Rule("lengths", lengths._lengths, LANGUAGES),
    Rule("watch_lines", lengths._watch_lines, LANGUAGES),
)


# Each language's rule functions in order, picked out once rather than for every document.
RUNS: dict[str, tuple[Callable[[_Context], None], ...]] = {
    language: tuple(rule.run for rule in RULES if language in rule.languages) for language in LANGUAGES
}


def language_of(tag: str | None) -> str:
    """The rules' language for a document's language tag: "de-AT" is "de"; none, or one without
    rules of its own, is "en"."""
    if tag:
        primary = primary_subtag(str(tag))
        for language, tags in LANGUAGE_TAGS.items():
            if primary in tags:
                return language
    return "en"
