"""The anchored pattern runs (anchors.Scanner) give exactly the matches of a whole-text finditer."""

from __future__ import annotations

import bisect
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from metrics.extract import dates, textmeta
from metrics.extract import timerefs as t
from metrics.extract.anchors import _LOWER_CHANGES_ASCII, COLON, DASH, Scanner, ascii_lower
from metrics.extract.claims import filters, subjects, time_scope
from metrics.extract.claims import fragments as fr
from metrics.extract.claims.rules import (
    counts,
    echoes,
    follows,
    lengths,
    marks,
    ranges,
    release,
    stat_lines,
    tallies,
    times,
    vague,
)
from metrics.extract.claims.sentences import _sentences

SEED = (Path(__file__).resolve().parent.parent / "seeds" / "000_b457bbf5334f3be3.txt").read_text(
    encoding="utf-8"
)

Run = Callable[[Scanner], Iterator[re.Match[str]]]

# (pattern, how extraction runs it over a Scanner), as the claim rules and timerefs.py do.
RUNS: list[tuple[re.Pattern[str], Run]] = [
    (
        tallies._TALLY_RE,
        lambda s: s.matchiter(tallies._TALLY_RE, tallies._F_TALLY, tallies._A_TALLY, digits=False),
    ),
    (
        tallies._TALLY_FROM_RE,
        lambda s: s.matchiter(tallies._TALLY_FROM_RE, tallies._F_TALLY, tallies._A_TALLY, digits=False),
    ),
    (
        tallies._TALLY_FROM_QUAL_RE,
        lambda s: s.matchiter(tallies._TALLY_FROM_QUAL_RE, tallies._F_TALLY, tallies._A_TALLY, digits=False),
    ),
    (
        tallies._NOUN_TALLY_FROM_QUAL_RE,
        lambda s: s.matchiter(
            tallies._NOUN_TALLY_FROM_QUAL_RE,
            fr._F_TALLY_NOUNS,
            fr._A_TALLY_NOUNS,
            tallies._A_TALLY_FROM,
            digits=False,
        ),
    ),
    (
        follows._FOLLOW_RE,
        lambda s: s.matchiter(
            follows._FOLLOW_RE, fr._F_QUAL_NUMBER, follows._A_FOLLOW, follows._A_PEOPLE_FOLLOW
        ),
    ),
    (
        marks._MARK_RE,
        lambda s: s.matchiter(marks._MARK_RE, marks._F_MARK_VERBS, marks._A_MARK, fr._A_DIGIT, digits=False),
    ),
    (
        follows._BY_PEOPLE_RE,
        lambda s: s.matchiter(
            follows._BY_PEOPLE_RE, fr._F_TIMES_VERBS, fr._A_TIMES_VERBS, follows._A_PEOPLE, digits=False
        ),
    ),
    (counts._COUNT_RE, lambda s: s.matchiter(counts._COUNT_RE, fr._F_QUAL_NUMBER, fr._A_NOUNS)),
    (
        ranges._HYPHEN_RANGE_RE,
        lambda s: s.matchiter(ranges._HYPHEN_RANGE_RE, fr._F_NONE, fr._A_NOUNS, fr._A_DIGIT, DASH),
    ),
    (
        stat_lines._STAT_RE,
        lambda s: s.matchiter(
            stat_lines._STAT_RE, stat_lines._F_STAT, stat_lines._A_STAT, COLON, digits=False
        ),
    ),
    (
        ranges._HYPHEN_TIMES_RE,
        lambda s: s.matchiter(
            ranges._HYPHEN_TIMES_RE, fr._F_TIMES_VERBS, fr._A_TIMES, fr._A_TIMES_VERBS, DASH, digits=False
        ),
    ),
    (
        times._TIMES_RE,
        lambda s: s.matchiter(
            times._TIMES_RE, fr._F_TIMES_VERBS, fr._A_TIMES, fr._A_TIMES_VERBS, digits=False
        ),
    ),
    (
        vague._VAGUE_TIMES_RE,
        lambda s: s.matchiter(
            vague._VAGUE_TIMES_RE,
            fr._F_TIMES_VERBS,
            fr._A_TIMES,
            fr._A_TIMES_VERBS,
            fr._A_VAGUE,
            digits=False,
        ),
    ),
    (
        counts._OF_THE_RE,
        lambda s: s.matchiter(counts._OF_THE_RE, fr._F_NUMBER, counts._A_VIDEO_NOUNS, counts._A_OF),
    ),
    (
        vague._VAGUE_RE,
        lambda s: s.matchiter(vague._VAGUE_RE, fr._F_VAGUE, fr._A_VAGUE, fr._A_NOUNS, digits=False),
    ),
    (
        lengths._LENGTH_BEFORE_RE,
        lambda s: s.matchiter(lengths._LENGTH_BEFORE_RE, fr._F_QUAL_DURATION, fr._A_MEDIA, fr._A_DURATION),
    ),
    (lengths._LENGTH_AFTER_RE, lambda s: s.finditer(lengths._LENGTH_AFTER_RE, fr._A_MEDIA, fr._A_DURATION)),
    (
        lengths._LENGTH_APPOS_RE,
        lambda s: s.finditer(lengths._LENGTH_APPOS_RE, fr._A_MEDIA, fr._A_DURATION, lengths._A_LONG),
    ),
    (
        lengths._AT_LENGTH_RE,
        lambda s: s.matchiter(
            lengths._AT_LENGTH_RE, lengths._F_AT, fr._A_MEDIA, fr._A_DURATION, digits=False
        ),
    ),
    (
        release._RELEASE_RE,
        lambda s: s.matchiter(
            release._RELEASE_RE,
            release._F_RELEASE_VERBS,
            release._A_RELEASE_VERBS,
            release._A_RELEASE_NOUNS,
            digits=False,
        ),
    ),
    (
        release._PASSIVE_RE,
        lambda s: s.matchiter(
            release._PASSIVE_RE,
            release._F_RELEASE_NOUNS,
            release._A_RELEASE_VERBS,
            release._A_RELEASE_NOUNS,
            digits=False,
        ),
    ),
    (
        release._RELATIVE_RE,
        lambda s: s.matchiter(
            release._RELATIVE_RE,
            release._F_RELEASE_NOUNS,
            release._A_RELEASE_VERBS,
            release._A_RELEASE_NOUNS,
            digits=False,
        ),
    ),
    (
        release._OF_RELEASE_RE,
        lambda s: s.matchiter(
            release._OF_RELEASE_RE, release._F_OF_RELEASE, release._A_RELEASE_VERBS, digits=False
        ),
    ),
    (
        vague._FEW_RE,
        lambda s: s.matchiter(vague._FEW_RE, vague._F_FEW, vague._A_FEW, fr._A_NOUNS, digits=False),
    ),
    (
        tallies._CHANGED_TO_RE,
        lambda s: s.matchiter(
            tallies._CHANGED_TO_RE,
            tallies._F_CHANGED_TO,
            tallies._A_CHANGED_TO,
            tallies._A_CHANGE_VERBS,
            digits=False,
        ),
    ),
    (
        follows._BY_PEOPLE_RE,
        lambda s: s.matchiter(
            follows._BY_PEOPLE_RE, fr._F_TIMES_VERBS, fr._A_TIMES_VERBS, follows._A_PEOPLE, digits=False
        ),
    ),
]
for _i, ((_pattern, _), _first, _anchors) in enumerate(
    zip(t._RULES, t._RULE_FIRST, t._RULE_ANCHORS, strict=True)
):
    RUNS.append(
        (
            _pattern,
            lambda s, p=_pattern, f=_first, a=_anchors, d=_i in t._RULE_DIGIT_FIRST: s.matchiter(
                p, f, *a, digits=d
            ),
        )
    )

FRAGMENTS = [
    "more than", "5 million", "1,234", "2.5", "views", "videos", "Videos", "VIEWS", "times", "viewed",
    "shared", "seen", "by", "people", "follow", "the", "a", "an", "two", "twenty-five", "three-quarters",
    "of", "a million", "half", "dozen", "-", "2-3", "minutes", "min", "hrs", "2:14", ":", "long",
    "video", "clip", "ad", "ads", "is", "runs", "At", "at", "released", "posted", "was", "first",
    "tens of thousands of", "millions", "count", "stood at", "number of", "passed", "the 1 million",
    "subscriber", "mark", "Jan.", "Sept.", "May", "March", "4", "2023", "in", "on", "Tuesday", "last",
    "this", "week", "ago", "fall", "today", "USA Today", "combined", "each", "in its first week",
    ".", ". ", "! ", "? ", "\n", " ", "  ", "\t", "\u00a0", "\u202f", ",", "(", ")", '"', "\u2014",
    "\u0130", "\u212a", "\u00e9", "_", "5views", "more5", "since", "after", "being", "YouTube",
    "YouTubers", "X", "x", "TikTok", "Truth Social", "on", "view count", "number of", "tens", "hundreds",
    "thousands", "trailer", "footage", "The", "Thursday", "CIA", "At 12 minutes,", "has been", "following",
    "viewership", "has grown to", "grown", "fast approaching", "nearing", "Facebook Live", "a few", "several",
    "hundred", "thousand", "people have subscribed to", "respectively", "cut", "TV", "\u2013", "|", "Likes:",
    "Views", "3-4", "doubled", "went up", "shot", "down", "viewership", "overnight", "to", "a", "t", "u",
]  # fmt: skip


def _spans(matches: Iterator[re.Match[str]]) -> list[tuple[int, int, tuple[tuple[int, int], ...]]]:
    return [(m.start(), m.end(), tuple(m.span(g) for g in range(1, (m.re.groups or 0) + 1))) for m in matches]


def _check(text: str) -> None:
    scanner = Scanner(text)
    for pattern, run in RUNS:
        assert _spans(run(scanner)) == _spans(pattern.finditer(text)), (pattern.pattern[:60], text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=40).map(" ".join))
def test_anchored_runs_equal_finditer_on_fragments(text: str) -> None:
    _check(text)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join))
def test_anchored_runs_equal_finditer_without_spaces(text: str) -> None:
    _check(text)


@pytest.mark.parametrize(
    "text",
    [
        SEED,
        "",
        "\n" * 50,
        "1,234 views, " * 200,
        "It was published Jan. 5, 2024. On Sept. 3 it had 5,000 views.\nViews: 12",
        "The 2:14 video, roughly 11 minutes long, and 2 hrs-long ads. At 12 minutes, the film is long.",
        "\u0130stanbul: more than 5 mill\u0130on views; the li\u212ae count stood at 7,000.",
    ],
)
def test_anchored_runs_equal_finditer_on_examples(text: str) -> None:
    _check(text)


def test_ascii_lower_keeps_positions_and_only_lowers_ascii() -> None:
    for text in ("ABC \u0130x \u212a \u00c9", "plain ASCII Text", "\u00c9t\u00c9"):
        low = ascii_lower(text)
        assert len(low) == len(text)
        for a, b in zip(text, low, strict=True):
            assert b == (a.lower() if a.isascii() else b)
            assert a.isascii() or b.isascii() is False


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ['"', "'", "\u201d", ")", "]", ".", "!", "?", "\n", " ", "\t", "A", "0", "a", "(", "p.m", "m"]
        ),
        max_size=16,
    ).map("".join)
)
def test_sentence_breaks_as_before(text: str) -> None:
    # The former pattern, scanned at every position; the new one starts at the newline or punctuation.
    # (and "p.m." or "a.m." followed by a zone or a capital does not end one).
    old = re.compile(
        r"\n|(?<=[.!?])(?<![ap]\.m\.)[\"'\u201d\u2019)\]]{0,2}[ \t]{1,8}(?=[\"'\u201c\u2018(\[]{0,2}[A-Z0-9])"
    )
    starts, ends, pos = [], [], 0
    for m in old.finditer(text):
        starts.append(pos)
        ends.append(m.start())
        pos = m.end()
    starts.append(pos)
    ends.append(len(text))
    new = _sentences(text)
    assert new.spans() == list(zip(starts, ends, strict=True))
    for pos in range(len(text)):
        i = bisect.bisect_right(starts, pos) - 1
        assert new.around(pos) == (starts[i], ends[i])
    # around() keeps its last answer: asked in any order, it must still answer for the position.
    again = _sentences(text)
    for pos in [*range(len(text) - 1, -1, -1), *range(0, len(text), 3), *range(1, len(text), 2)]:
        i = bisect.bisect_right(starts, pos) - 1
        assert again.around(pos) == (starts[i], ends[i])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=40).map(" ".join))
def test_noun_tallies_with_a_verb_equal_finditer(text: str) -> None:
    # Extraction keeps a noun tally only with its verb ("Her following has grown to 1.3m"), and the
    # Scanner runs it only where a verb is: the kept matches must be the same.
    scanner = Scanner(text)
    run = scanner.matchiter(
        tallies._NOUN_TALLY_RE, fr._F_TALLY_NOUNS, fr._A_TALLY_NOUNS, tallies._A_TALLY_VERBS, digits=False
    )
    with_verb = [m for m in tallies._NOUN_TALLY_RE.finditer(text) if m.group("verb")]
    assert _spans(m for m in run if m.group("verb")) == _spans(iter(with_verb))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [".", "!", "?", "\n", " ", "\t", "\u00a0", "\u202f", "Jan", "Sept", "Mr", "ABC", "a", "5"]
        ),
        max_size=16,
    ).map("".join)
)
def test_chunk_breaks_as_one_pattern(text: str) -> None:
    # The one pattern over a class that the per-character patterns replaced.
    old = re.compile(r"[\n.!?](?:(?<=\n)|(?<![A-Z][a-z][a-z].)(?<!Sept.)(?=[ \t\u00a0\u202f]))")
    assert Scanner(text).starts == [0, *[m.end() for m in old.finditer(text)]]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from([*FRAGMENTS, "posts", "Tweet", "accounts", "podcast"]), max_size=40).map(
        " ".join
    )
)
def test_sentence_runs_equal_finditer_in_the_sentence(text: str) -> None:
    # Platforms and a sentence's media subject are looked for in one sentence, only where their words start.
    scanner = Scanner(text)
    for start, end in _sentences(text).spans():
        for pattern, first, group in (
            (subjects._PLATFORM_RE, subjects._F_PLATFORMS, subjects._A_PLATFORMS),
            (subjects._MEDIA_SUBJECT_RE, subjects._F_MEDIA_SUBJECT, subjects._A_MEDIA_SUBJECT),
        ):
            assert _spans(scanner.matches_in(pattern, first, group, start, end)) == _spans(
                pattern.finditer(text, start, end)
            ), (pattern.pattern[:40], text[start:end])


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from([*FRAGMENTS, "197 million", "1.45 million", "$220", "1,666:1"]), max_size=40
    ).map(" ".join)
)
def test_figure_runs_equal_finditer_in_the_sentence(text: str) -> None:
    # Bare figures (rules/echoes.py) are tried only where a run of digits starts, within a sentence.
    scanner = Scanner(text)
    pattern = echoes._FIGURE_AT_DIGITS
    for start, end in _sentences(text).spans():
        assert _spans(scanner.figures_in(pattern, frozenset(), start, end)) == _spans(
            pattern.finditer(text, start, end)
        ), text[start:end]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                *FRAGMENTS,
                "Published",
                "Updated:",
                "By Jane Doe",
                "AP",
                "(AP) -",
                "Last Updated",
                "First  Published:",
                "Originally\u00a0published",
                "posted",
                "Last",
                "first",
                "republished",
                "\n",
                "Modified :",
                "last  modified",
            ]
        ),
        max_size=30,
    ).map(" ".join)
)
def test_label_and_line_runs_equal_finditer(text: str) -> None:
    low = ascii_lower(text)
    assert _spans(dates._labels(text, low)) == _spans(dates._LABEL.finditer(text))
    assert _spans(dates._labels(text, low, Scanner(text))) == _spans(dates._LABEL.finditer(text))
    for pattern in (textmeta._AGENCY_LINE, textmeta._AP_DATELINE, textmeta._BY_LINE):
        assert _spans(textmeta._line_matches(pattern, text)) == _spans(pattern.finditer(text))


def test_only_two_characters_lower_to_ascii_or_grow() -> None:
    changing = tuple(
        c for c in map(chr, range(128, sys.maxunicode + 1)) if len(c.lower()) != 1 or c.lower().isascii()
    )
    assert changing == _LOWER_CHANGES_ASCII


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [*FRAGMENTS, "together", "false", "denied reports that", "Jointly", "combined", "misleading"]
        ),
        max_size=30,
    ).map(" ".join),
    st.integers(0, 400),
    st.integers(0, 400),
)
def test_holds_a_group_as_holds_any_its_words(text: str, a: int, b: int) -> None:
    # Scanner.holds (a bit per chunk) answers as holds_any does for the same words.
    scanner = Scanner(text)
    start, end = min(a, b), max(a, b)
    for words in (filters._F_DENIED | filters._F_DENIED_BEFORE, frozenset(time_scope._TOGETHER_WORDS)):
        mask = filters._A_DISPUTE if "false" in words else time_scope._A_TOGETHER
        assert scanner.holds(mask, start, end) == scanner.holds_any(words, start, end), (text, start, end)
