"""Hyphenated ranges: "2-3 million views", "viewed 2-3 million times" -> one approx claim from the
lower to the upper figure (the first borrowing the second's scale word); "3-1" is a score and
"2025-26" a season, not a range."""

from __future__ import annotations

import re

from metrics.extract.anchors import DASH
from metrics.extract.claims.context import _Context
from metrics.extract.claims.figures import _group, _inherit_scale, _scope_of, _subject_for, _window_of
from metrics.extract.claims.filters import _gap_ok, _metric_allowed, _number_ok
from metrics.extract.claims.fragments import (
    _A_DIGIT,
    _A_NOUNS,
    _A_TIMES,
    _A_TIMES_VERBS,
    _COUNT_NOUNS,
    _F,
    _F_NONE,
    _F_TIMES_VERBS,
    _GAP,
    _NOUN,
    _POST,
    _TIMES_OBJ,
    _TIMES_VERBS,
    _alt,
)
from metrics.extract.numbers import DIGIT_NUMBER, SP, parse_number

# "2-3 million views": a hyphenated range, the first figure borrowing the second's scale.
_HYPHEN_RANGE_RE = re.compile(
    rf"(?<![\w.,$-])(?P<a>[0-9]{{1,3}}(?:,[0-9]{{3}}){{0,3}}(?:\.[0-9]{{1,2}})?)(?:-|\u2013|{SP}[-\u2013]{SP})(?P<b>{DIGIT_NUMBER})"
    rf"{_GAP}{SP}{{1,2}}{_NOUN}{_POST}",
    _F,
)
# "viewed 2-3 million times".
_HYPHEN_TIMES_RE = re.compile(
    rf"\b(?P<verb>{_alt(_TIMES_VERBS)}){_TIMES_OBJ}{SP}{{1,2}}(?P<a>[0-9]{{1,3}}(?:,[0-9]{{3}}){{0,3}}(?:\.[0-9]{{1,2}})?)"
    rf"(?:-|\u2013|{SP}[-\u2013]{SP})(?P<b>{DIGIT_NUMBER}){SP}{{1,2}}times\b",
    _F,
)


def _hyphen_ranges(ctx: _Context) -> None:
    """ "2-3 million views", "viewed 2-3 million times": one approx claim from the lower to the
    upper figure."""
    text = ctx.text
    # Every match starts with a digit that begins its run (the lookbehind says so), or a verb.
    found = [
        *ctx.scan.matchiter(_HYPHEN_RANGE_RE, _F_NONE, _A_NOUNS, _A_DIGIT, DASH),
        *ctx.scan.matchiter(_HYPHEN_TIMES_RE, _F_TIMES_VERBS, _A_TIMES, _A_TIMES_VERBS, DASH, digits=False),
    ]
    for m in found:
        noun = _group(m, "noun")
        metric = _COUNT_NOUNS[noun.lower()] if noun is not None else _TIMES_VERBS[m.group("verb").lower()]
        sent = ctx.sentences.around(m.start())
        a, b = parse_number(m.group("a")), parse_number(m.group("b"))
        if (
            a is None
            or b is None
            or not _metric_allowed(ctx.scan, metric, sent, m.start())
            or not _gap_ok(_group(m, "gap"))
        ):
            continue
        if not _number_ok(text, m.start(), b, m.group("b"), metric):
            continue
        lo = _inherit_scale(m.group("a"), a, m.group("b"))
        if lo >= b:
            continue  # "3-1" is a score, "2025-26" a season
        ctx.add(
            metric,
            None,
            "approx",
            lo,
            b,
            "to",
            _scope_of(m),
            _window_of(m),
            _subject_for(ctx, m, metric, sent),
            m.span(),
        )
