"""Vague counts: "millions of views", "shared tens of thousands of times", "a few hundred thousand
views", "seen by millions", "views had topped seven figures" (bound "vague", value None, low =
twice the scale: plural means >= 2; n figures are between 10^(n-1) and 10^n - 1)."""

from __future__ import annotations

import re

from metrics.extract.alternation import trie_alternation
from metrics.extract.anchors import group
from metrics.extract.claims import vocabulary as v
from metrics.extract.claims.context import _Context
from metrics.extract.claims.figures import _scope_of, _window_of
from metrics.extract.claims.filters import _gap_ok, _metric_allowed
from metrics.extract.claims.fragments import (
    _A_NOUNS,
    _A_TALLY_NOUNS,
    _A_TIMES,
    _A_TIMES_VERBS,
    _A_VAGUE,
    _COUNT_NOUNS,
    _COUNT_WORDS,
    _F,
    _F_TALLY_NOUNS,
    _F_TIMES_VERBS,
    _F_VAGUE,
    _GAP,
    _MEDIA_OBJECT,
    _METRIC_NOUNS,
    _NOUN,
    _POST,
    _STOP,
    _TIMES_VERBS,
    _VAGUE_CORE,
    _VAGUE_LOW,
    _VAGUE_PRE,
    _alt,
    first_words,
    flat,
)
from metrics.extract.claims.subjects import _gap_subject, _norm
from metrics.extract.numbers import SCALES, SP

_FEW_SCALES = v.FEW_SCALES["en"]
_SCALE_WORDS = {w: SCALES[w] for w in _FEW_SCALES}
_VAGUE_RE = re.compile(
    rf"\b(?P<vague>(?:(?P<pre>{'|'.join(_VAGUE_PRE)}){SP}of{SP})?(?P<scale>{'|'.join(w + 's' for w in _FEW_SCALES)}))"
    rf"{SP}of{_GAP}{SP}{{1,2}}{_NOUN}{_POST}",
    _F,
)
# "a few hundred thousand views", "several million views": vague, at least two of the unit.
_FEW_WORDS = v.FEW_WORDS["en"]
_FEW_RE = re.compile(
    rf"\b(?P<vague>(?:{flat(_FEW_WORDS)}){SP}{{1,2}}(?:(?P<hundred>hundred){SP}{{1,2}})?(?P<unit>{'|'.join(_FEW_SCALES)}))"
    rf"\b(?!{SP}{{1,2}}(?:of|and)\b){_GAP}{SP}{{1,2}}{_NOUN}{_POST}",
    _F,
)
_A_FEW = group(*(w.split()[-1] for w in _FEW_WORDS))
_F_FEW = first_words(_FEW_WORDS)
# "shares are in the tens of thousands", "views now run into the millions".
_VAGUE_IN_RE = re.compile(
    rf"\b(?P<noun>{_METRIC_NOUNS}){SP}{{1,2}}"
    rf"(?:(?:are|were|is|was|now|already|well){SP}{{1,2}}){{0,2}}(?:(?:run|ran|running|go|went){SP}{{1,2}}into|in)"
    rf"{SP}{{1,2}}the{SP}{{1,2}}(?P<gap>){_VAGUE_CORE}\b(?!{SP}{{1,2}}of\b)",
    _F,
)


def _vague(ctx: _Context) -> None:
    """ "millions of views", "a few hundred thousand views": no value, a lower bound of twice the scale."""
    found = [
        (m, _VAGUE_LOW[m.group("scale").lower()] * _VAGUE_PRE.get((m.group("pre") or "").lower(), 1.0), " of")
        for m in ctx.scan.matchiter(_VAGUE_RE, _F_VAGUE, _A_VAGUE, _A_NOUNS, digits=False)
    ]
    found += [
        (m, 2 * _SCALE_WORDS[m.group("unit").lower()] * (100.0 if m.group("hundred") else 1.0), "")
        for m in ctx.scan.matchiter(_FEW_RE, _F_FEW, _A_FEW, _A_NOUNS, digits=False)
    ]
    found += [
        (m, _VAGUE_LOW[m.group("scale").lower()] * _VAGUE_PRE.get((m.group("pre") or "").lower(), 1.0), "")
        for m in ctx.scan.matchiter(_VAGUE_IN_RE, _F_TALLY_NOUNS, _A_TALLY_NOUNS, _A_VAGUE, digits=False)
    ]
    for m, low, tail in found:
        metric = _COUNT_NOUNS[m.group("noun").lower()]
        sent = ctx.sentences.around(m.start())
        if not _metric_allowed(ctx.scan, metric, sent, m.start()) or not _gap_ok(m.group("gap")):
            continue
        subject = (
            _gap_subject(m.group("gap"), m.group("noun"))
            if metric == "video_count"
            else ctx.sentence_subject(sent, m.start())
        )
        ctx.add(
            metric,
            None,
            "vague",
            low,
            None,
            f"{_norm(m.group('vague'))}{tail}",
            _scope_of(m),
            _window_of(m),
            subject,
            m.span(),
        )


# "shared the message tens of thousands of times": a verb, up to three object words, a vague count.
_VAGUE_TIMES_RE = re.compile(
    rf"\b(?P<verb>{_alt(_TIMES_VERBS)})(?:{SP}{{1,2}}(?!(?:{trie_alternation(_STOP - {'times'})})\b)[A-Za-z'-]{{1,20}}"
    rf"|{SP}{{1,2}}(?:the|a|an|it|this|that|its|their|his|her)){{0,3}}?{SP}{{1,2}}[\"\u201c]?\b{_VAGUE_CORE}[\"\u201d]?{SP}of{SP}times\b",
    _F,
)
# "The video, seen by millions, ...": an audience too large to count, so vague views.
_VAGUE_BY_RE = re.compile(
    rf"\b(?P<verb>seen|viewed|watched){SP}{{1,2}}by{SP}{{1,2}}{_VAGUE_CORE}\b"
    rf"(?!{SP}{{1,2}}of{SP}{{1,2}}(?!(?:{'|'.join(v.PEOPLE['en'])})\b))"
    # "seen by millions as a reformer": how people regard someone, not views.
    rf"(?!(?:{SP}{{1,2}}of{SP}{{1,2}}[a-z]+)?{SP}{{1,2}}as\b)",
    _F,
)
_A_BY = group("by")
# "Millions have watched the footage": an audience too large to count, of a video or post.
_VAGUE_PEOPLE_RE = re.compile(
    rf"\b{_VAGUE_CORE}(?:{SP}{{1,2}}of{SP}{{1,2}}(?:people|users|viewers|fans))?{SP}{{1,2}}(?:(?:have|had){SP}{{1,2}})?"
    rf"(?:(?:now|already){SP}{{1,2}})?(?P<verb>watched|seen|viewed|shared|liked){_MEDIA_OBJECT}",
    _F,
)


def _vague_times(ctx: _Context) -> None:
    """ "shared tens of thousands of times": vague, no value."""
    found = [
        *ctx.scan.matchiter(
            _VAGUE_TIMES_RE, _F_TIMES_VERBS, _A_TIMES, _A_TIMES_VERBS, _A_VAGUE, digits=False
        ),
        *ctx.scan.matchiter(_VAGUE_BY_RE, _F_TIMES_VERBS, _A_BY, _A_TIMES_VERBS, _A_VAGUE, digits=False),
        *ctx.scan.matchiter(_VAGUE_PEOPLE_RE, _F_VAGUE, _A_VAGUE, _A_TIMES_VERBS, digits=False),
    ]
    for m in sorted(found, key=lambda m: m.start()):
        metric = _TIMES_VERBS[m.group("verb").lower()]
        low = _VAGUE_LOW[m.group("scale").lower()] * _VAGUE_PRE.get((m.group("pre") or "").lower(), 1.0)
        sent = ctx.sentences.around(m.start())
        subject = ctx.sentence_subject(sent, m.start())
        if m.re is _VAGUE_BY_RE and subject is None:
            continue  # seen by millions, but no video or post named before it: a person, a film in cinemas
        qualifier = (
            _norm(m.group("vague")) if m.re is not _VAGUE_TIMES_RE else f"{_norm(m.group('vague'))} of"
        )
        ctx.add(metric, None, "vague", low, None, qualifier, None, None, subject, m.span())


# "views on the montage had topped seven figures", "a seven-figure view count" is left alone.
_FIGURE_DIGITS = v.DIGIT_COUNTS["en"]
_FIGURES_RE = re.compile(
    rf"\b(?P<cw>{_alt(_COUNT_WORDS)})s?\b[^.;!?\n]{{0,40}}?{SP}(?P<verb>topped|hit|reached|passed|crossed|surpassed"
    rf"|exceeded|broke|cracked|into|past|reaching|hitting|topping){SP}{{1,2}}(?:the{SP}{{1,2}})?"
    rf"(?P<n>{'|'.join(_FIGURE_DIGITS)}){SP}{{1,2}}figures\b",
    _F,
)
_A_FIGURES = group("figures")
_A_NOUNS_AND_WORDS = group(*_COUNT_WORDS, *(w + "s" for w in _COUNT_WORDS))


def _figure_counts(ctx: _Context) -> None:
    """ "views had topped seven figures": vague, between 10^(n-1) and 10^n - 1."""
    for m in ctx.scan.finditer(_FIGURES_RE, _A_FIGURES, _A_NOUNS_AND_WORDS):
        metric = _COUNT_WORDS[m.group("cw").lower()]
        sent = ctx.sentences.around(m.start())
        if not _metric_allowed(ctx.scan, metric, sent, m.start()):
            continue
        digits = _FIGURE_DIGITS[m.group("n").lower()]
        ctx.add(
            metric,
            None,
            "vague",
            float(10 ** (digits - 1)),
            float(10**digits - 1),
            f"{_norm(m.group('n'))} figures",
            None,
            None,
            ctx.sentence_subject(sent, m.start()),
            (m.start("verb"), m.end()),
        )
