"""A figure whose noun is written before it, once, without a figure of its own: "Comments were
switched off after the video attracted more than 7,000 of them", "a flood of comments - more than
40,000 at last count"."""

from __future__ import annotations

import re

from metrics.extract.anchors import DASH, group
from metrics.extract.claims.context import _Context
from metrics.extract.claims.figures import _figures
from metrics.extract.claims.filters import _CONTEXT_REACH, _ENGAGEMENT
from metrics.extract.claims.fragments import (
    _COUNT_NOUNS,
    _F,
    _F_QUAL_NUMBER,
    _NOT_PERCENT,
    _PLUS,
    _QUAL,
    _STANDS_ALONE,
    _alt,
)
from metrics.extract.numbers import NUMBER, SP

# "Comments were switched off after the video attracted more than 7,000 of them": "them" is the
# nearest count noun before it in the sentence, unless people come between ("comments from
# viewers, 7,000 of them").
_OF_THEM_RE = re.compile(rf"{_QUAL}(?P<list>{NUMBER}){_PLUS}{SP}{{1,2}}of{SP}{{1,2}}them\b", _F)
_A_THEM = group("them")
# People nouns are not borrowed: "comments from viewers, 7,000 of them" counts neither.
_ENGAGEMENT_NOUNS = {
    noun: metric for noun, metric in _COUNT_NOUNS.items() if metric in _ENGAGEMENT and noun != "viewers"
}
_NOUN_OR_PEOPLE_RE = re.compile(
    rf"\b(?:(?P<noun>{_alt(_ENGAGEMENT_NOUNS)})|people|users|fans|viewers|readers|visitors|members|accounts)\b",
    _F,
)
# "a flood of comments - more than 40,000 at last count": the figure set off by a dash after its noun.
_DASH_FIGURE_RE = re.compile(
    rf"\b(?P<noun>{_alt(_ENGAGEMENT_NOUNS)})\b{SP}{{1,2}}[-\u2013\u2014]{SP}{{1,2}}"
    rf"{_QUAL}(?P<list>{NUMBER}){_PLUS}{_NOT_PERCENT}{_STANDS_ALONE}",
    _F | re.MULTILINE,
)
_A_ENGAGEMENT_NOUNS = group(*_ENGAGEMENT_NOUNS)


def _uncounted(ctx: _Context, metric: str, noun: tuple[int, int]) -> bool:
    """The noun has no figure of its own: "5,000 comments, 3,000 of them abusive" counts a part."""
    taken = ctx.taken.get(metric)
    return taken is None or not taken.overlaps(*noun)


def _borrowed_nouns(ctx: _Context) -> None:
    """ "more than 7,000 of them", "comments - more than 40,000 at last count": a figure whose noun
    is written before it, once, without a figure."""
    text = ctx.text
    for m in ctx.scan.matchiter(_OF_THEM_RE, _F_QUAL_NUMBER, _A_THEM):
        sent = ctx.sentences.around(m.start())
        last = None
        for last in _NOUN_OR_PEOPLE_RE.finditer(text, max(sent[0], m.start() - _CONTEXT_REACH), m.start()):
            pass
        if last is None or last.group("noun") is None:
            continue
        metric = _ENGAGEMENT_NOUNS[last.group("noun").lower()]
        if _uncounted(ctx, metric, last.span()):
            _figures(ctx, m, metric, scope=None, window=None, ranges=False, single=True)
    for m in ctx.scan.finditer(_DASH_FIGURE_RE, _A_ENGAGEMENT_NOUNS, DASH):
        metric = _ENGAGEMENT_NOUNS[m.group("noun").lower()]
        if _uncounted(ctx, metric, m.span("noun")):
            _figures(ctx, m, metric, scope=None, window=None, ranges=False, single=True)
