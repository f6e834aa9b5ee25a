"""video_published: a release verb with a video object and a day-resolved time reference in the
same clause ("The clip was posted on Friday", "Posted on Friday, the clip drew ...")."""

from __future__ import annotations

import bisect
import re

from metrics.extract.anchors import group
from metrics.extract.claims import vocabulary as v
from metrics.extract.claims.context import _Context
from metrics.extract.claims.figures import _group
from metrics.extract.claims.fragments import _F, first_words, flat, forms, plural_alt
from metrics.extract.claims.sentences import _CLAUSE_BREAK
from metrics.extract.claims.subjects import _gap_subject, _noun_phrase
from metrics.extract.numbers import SP

_RELEASE_VERB_WORDS = v.RELEASE_VERBS["en"]
_RELEASE_VERBS = flat(_RELEASE_VERB_WORDS, SP)
_RELEASE_NOUN_WORDS = v.RELEASE_NOUNS["en"]
_MEDIA_NOUNS = v.MEDIA_NOUNS["en"]
# The release nouns as the active form's object, and as the subject of the passive.
_RELEASE_OBJECT = "|".join(
    plural_alt(n, _MEDIA_NOUNS[n]) for n in _RELEASE_NOUN_WORDS if _MEDIA_NOUNS[n] != n
)
_RELEASE_NOUN = "|".join(plural_alt(n, _MEDIA_NOUNS[n]) for n in _RELEASE_NOUN_WORDS)
_OBJ_STOP = "to|on|in|at|for|with|by|from|that|which|who|and|but|was|were|is|are|has|have|had|than|as"
_RELEASE_RE = re.compile(
    rf"\b(?P<verb>{_RELEASE_VERBS})(?P<obj>(?:{SP}{{1,2}}(?!(?:{_OBJ_STOP})\b)[A-Za-z0-9][A-Za-z0-9'\u2019-]{{0,30}}){{0,4}}?)"
    rf"{SP}{{1,2}}(?P<noun>{_RELEASE_OBJECT})\b(?!-)",
    _F,
)
_PASSIVE_RE = re.compile(
    rf"\b(?P<noun>{_RELEASE_NOUN})\b(?:{SP}{{1,2}}"
    rf"(?:was|were|is|are|has{SP}been|have{SP}been|had{SP}been){SP}{{1,2}}"
    # "The trailer, released Thursday, ..." / "the clip, which was posted on Friday, ..."
    rf"|,{SP}{{1,2}}(?:(?:which|that){SP}{{1,2}}(?:was|were){SP}{{1,2}})?)"
    rf"(?:first{SP}{{1,2}})?(?P<verb>{_RELEASE_VERBS})\b",
    _F,
)
# "Two videos the CIA posted on Thursday were viewed ...": the video, who released it, the verb.
_RELATIVE_RE = re.compile(
    rf"\b(?P<noun>{_RELEASE_NOUN})\b{SP}{{1,2}}(?:(?:that|which){SP}{{1,2}})?(?:(?:the|a|an|its|their|his|her){SP}{{1,2}})?"
    rf"(?:[A-Z][A-Za-z.'-]{{0,20}}{SP}{{1,2}}){{1,3}}(?:had{SP}{{1,2}}|has{SP}{{1,2}})?(?P<verb>{_RELEASE_VERBS})\b",
    _F & ~re.IGNORECASE,
)
# "within 24 hours of being posted on Monday", "since it was uploaded on Monday": the release of
# the figure's own video, named only by the verb.
_OF_RELEASE_RE = re.compile(
    rf"\b(?:of|after|since){SP}{{1,2}}(?:(?:being|it{SP}{{1,2}}was|they{SP}{{1,2}}were|first{SP}{{1,2}}being){SP}{{1,2}})?"
    rf"(?P<verb>{'|'.join(w for w in _RELEASE_VERB_WORDS if ' ' not in w)})\b",
    _F,
)
# "Posted on Friday, the clip drew ...": a participle opening the sentence, the video named after
# the comma. The day reference follows the verb, so the match ends at the verb. (Not "Launched ...":
# left out when written, kept so.)
_OPENER_VERBS = [w.capitalize() for w in _RELEASE_VERB_WORDS if " " not in w and w != "launched"]
_OPENER_RE = re.compile(
    rf"(?:^|(?<=[.!?\n][ \t])|(?<=\n))(?P<verb>{'|'.join(_OPENER_VERBS)})\b"
    rf"(?=[^,.;\n]{{1,40}},{SP}{{1,2}}(?:(?:the|a|an|this|that|its|their|his|her){SP}{{1,2}})?"
    rf"(?:[A-Za-z-]{{1,30}}{SP}{{1,2}}){{0,2}}(?P<noun>{_RELEASE_NOUN})\b)",
    re.ASCII,
)
_RELEASE_WORDS = forms(_RELEASE_NOUN_WORDS, _MEDIA_NOUNS)
_A_RELEASE_VERBS = group(*first_words(_RELEASE_VERB_WORDS))
_A_RELEASE_NOUNS = group(*_RELEASE_WORDS)
_F_RELEASE_NOUNS = frozenset(_RELEASE_WORDS)
_F_OF_RELEASE = frozenset(["of", "after", "since"])
_F_RELEASE_VERBS = first_words(_RELEASE_VERB_WORDS)


def _clause(breaks: list[tuple[int, int]], sent: tuple[int, int], pos: int) -> tuple[int, int]:
    """The stretch of the sentence around `pos` between clause breaks (; : parentheses dashes)."""
    i = bisect.bisect_right(breaks, (pos, pos))
    start = breaks[i - 1][1] if i > 0 and breaks[i - 1][1] <= pos else sent[0]
    end = breaks[i][0] if i < len(breaks) else sent[1]
    return max(start, sent[0]), min(end, sent[1])


def _released(ctx: _Context) -> None:
    text, time_refs = ctx.text, ctx.time_refs
    day_refs = [
        (t.span[0], t.span[1], t.resolved_start, t.resolved_end)
        for t in time_refs
        if t.granularity == "day"
        and t.span is not None
        and t.resolved_start is not None
        and t.resolved_end is not None
    ]
    if not day_refs:
        return
    found = [
        (m, True)
        for m in ctx.scan.matchiter(
            _RELEASE_RE, _F_RELEASE_VERBS, _A_RELEASE_VERBS, _A_RELEASE_NOUNS, digits=False
        )
    ]
    # Both start with their noun: tried only where one starts (candidates shared).
    for pattern in (_PASSIVE_RE, _RELATIVE_RE):
        found += [
            (m, False)
            for m in ctx.scan.matchiter(
                pattern, _F_RELEASE_NOUNS, _A_RELEASE_VERBS, _A_RELEASE_NOUNS, digits=False
            )
        ]
    found += [
        (m, False) for m in ctx.scan.matchiter(_OF_RELEASE_RE, _F_OF_RELEASE, _A_RELEASE_VERBS, digits=False)
    ]
    # The release verbs' first-word set, shared with _RELEASE_RE, so the candidate positions are
    # computed once; _OPENER_RE fails at once where the verb does not open a sentence.
    found += [
        (m, False) for m in ctx.scan.matchiter(_OPENER_RE, _F_RELEASE_VERBS, _A_RELEASE_VERBS, digits=False)
    ]
    if not found:
        return
    # (start, end, resolved start, resolved end) of day references, in text order; converted only
    # now, since most texts with a day reference release nothing.
    days = [(a, b, rs.timestamp(), re_.timestamp()) for a, b, rs, re_ in day_refs]
    starts = [d[0] for d in days]
    breaks_in: dict[int, list[tuple[int, int]]] = {}  # by sentence: a full-text pass costs more
    for m, active in found:
        sent = ctx.sentences.around(m.start())
        if sent[0] not in breaks_in:
            breaks_in[sent[0]] = [b.span() for b in _CLAUSE_BREAK.finditer(text, *sent)]
        c_start, c_end = _clause(breaks_in[sent[0]], sent, m.start("verb"))
        if not (c_start <= m.start() and m.end() <= c_end):
            continue
        # The first day reference after the object, else the last one before the verb, in the clause.
        i = bisect.bisect_left(starts, m.end())
        j = bisect.bisect_left(starts, m.start()) - 1
        if i < len(days) and days[i][1] <= c_end:
            ref = days[i]
        elif j >= 0 and days[j][0] >= c_start and days[j][1] <= m.start():
            ref = days[j]
        else:
            continue
        if active:
            subject = _gap_subject(m.group("obj"), m.group("noun"))
        elif _group(m, "noun") is not None:
            subject = _noun_phrase(text, m.start("noun"), m.end("noun"), sent[0])
        else:
            subject = None  # "of being posted on Monday": the video is the figure's own
        span = (min(m.start(), ref[0]), max(m.end(), ref[1]))
        ctx.add("video_published", ref[2], "exact", ref[2], ref[3], None, None, None, subject, span)
