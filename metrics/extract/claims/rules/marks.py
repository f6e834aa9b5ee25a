"""Marks: "passed the 1 million subscriber mark", "hit the 100,000-view milestone" (a lower bound;
an upper one for "neared", "approaching")."""

from __future__ import annotations

import re

from metrics.extract.anchors import group
from metrics.extract.claims import vocabulary as v
from metrics.extract.claims.bounds import claim_bounds
from metrics.extract.claims.context import _Context
from metrics.extract.claims.filters import _number_ok
from metrics.extract.claims.fragments import _A_DIGIT, _COUNT_WORDS, _F, _alt
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
