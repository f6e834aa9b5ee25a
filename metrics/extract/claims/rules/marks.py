"""Marks: "passed the 1 million subscriber mark", "hit the 100,000-view milestone" (a lower bound;
an upper one for "neared", "approaching")."""

from __future__ import annotations

import re

from metrics.extract.anchors import group
from metrics.extract.claims import vocabulary as v
from metrics.extract.claims.bounds import claim_bounds
from metrics.extract.claims.context import _Context
from metrics.extract.claims.filters import _number_ok
from metrics.extract.claims.fragments import _A_DIGIT, _COUNT_NOUNS, _COUNT_WORDS, _F, _alt
from metrics.extract.numbers import DIGITS, SP, parse_number

# "passed the 1 million subscriber mark", "hit the 100,000-view milestone".
_MARK_VERBS = v.MARK_VERBS["en"]
_MARK_PAST_VERBS = v.MARK_PAST_VERBS["en"]
_MARK_NOUNS = v.MARK_NOUNS["en"]
_MARK_RE = re.compile(
    rf"\b(?P<verb>{'|'.join(_MARK_VERBS)}|(?:{'|'.join(_MARK_PAST_VERBS)}){SP}{{1,2}}past){SP}{{1,2}}the{SP}{{1,2}}"
    rf"(?P<list>{DIGITS}(?:{SP}{{1,2}}(?:{'|'.join(v.ROUND_SCALES['en'])})|[kmb]|bn)?)(?:-|{SP}{{1,2}})"
    rf"(?P<cw>{_alt(_COUNT_WORDS)})s?{SP}{{1,2}}(?:{'|'.join(_MARK_NOUNS)})\b",
    _F,
)
_A_MARK = group(*_MARK_NOUNS)
_F_MARK_VERBS = frozenset([*_MARK_PAST_VERBS, *_MARK_VERBS])


def _marks(ctx: _Context) -> None:
    """ "passed the 1 million subscriber mark": lower bound (upper for "neared", "approaching")."""
    for m in ctx.scan.matchiter(_MARK_RE, _F_MARK_VERBS, _A_MARK, _A_DIGIT, digits=False):
        metric = _COUNT_WORDS[m.group("cw").lower()]
        value = parse_number(m.group("list"))
        if value is None or not _number_ok(ctx.text, m.start("list"), value, m.group("list"), metric):
            continue
        verb = m.group("verb").lower()
        qual = "nearly" if verb.startswith(("near", "approach")) else "more than"
        bound, low, high = claim_bounds(value, qual)
        sent = ctx.sentences.around(m.start())
        subject = ctx.sentence_subject(sent, m.start())
        ctx.add(metric, value, bound, low, high, verb, None, None, subject, m.span())


# "YouTube views had surpassed the 53 million mark", "beating the 36-million mark set by Psy": a
# mark without its count word, whose metric is the count noun last named before it, in its
# sentence or the one before. A mark "set by" or "held by" someone else is that figure, exact.
_BARE_VERBS = (*_MARK_VERBS, "beat", "beats", "beating", "eclipsed", "eclipsing", "eclipses")
_BARE_MARK_RE = re.compile(
    rf"\b(?P<verb>{'|'.join(_BARE_VERBS)}){SP}{{1,2}}the{SP}{{1,2}}"
    rf"(?P<list>{DIGITS}(?:(?:-|{SP}{{1,2}})(?:{'|'.join(v.ROUND_SCALES['en'])})|[kmb]|bn))(?:-|{SP}{{1,2}})"
    rf"(?:{'|'.join(_MARK_NOUNS)})\b(?P<other>{SP}{{1,2}}(?:set|held|established){SP}{{1,2}}by\b)?",
    _F,
)
_NAMED_COUNT = re.compile(rf"\b(?P<noun>{_alt(_COUNT_NOUNS)})\b", _F)
_F_BARE_VERBS = frozenset(_BARE_VERBS)


def _named_before(ctx: _Context, pos: int) -> str | None:
    """The metric of the count noun named last before `pos`, in its sentence or the one before."""
    start = ctx.sentences.around(pos)[0]
    for lo in (start, ctx.sentences.around(start - 2)[0] if start >= 2 else start):
        found = [
            m.group("noun").lower()
            for m in _NAMED_COUNT.finditer(ctx.text, lo, pos if lo == start else start)
        ]
        if found:
            return _COUNT_NOUNS[found[-1]]
    return None


def _bare_marks(ctx: _Context) -> None:
    """ "views had surpassed the 53 million mark": lower bound (exact for a mark "set by" another)."""
    for m in ctx.scan.matchiter(_BARE_MARK_RE, _F_BARE_VERBS, _A_MARK, _A_DIGIT, digits=False):
        metric = _named_before(ctx, m.start())
        raw = m.group("list").replace("-", " ")
        value = parse_number(raw)
        if metric is None or value is None or not _number_ok(ctx.text, m.start("list"), value, raw, metric):
            continue
        verb = m.group("verb").lower()
        if m.group("other"):
            qual, (bound, low, high) = None, claim_bounds(value, None)
        else:
            qual = "nearly" if verb.startswith(("near", "approach")) else "more than"
            bound, low, high = claim_bounds(value, qual)
        sent = ctx.sentences.around(m.start())
        span = (m.start(), m.start("other")) if m.group("other") else m.span()
        subject = ctx.sentence_subject(sent, m.start())
        ctx.add(metric, value, bound, low, high, None if qual is None else verb, None, None, subject, span)
