"""Stat lines: "Views: 8.2m. Likes: 611k. Comments: 23,400." - the noun as a label."""

from __future__ import annotations

import re

from metrics.extract.anchors import COLON, group
from metrics.extract.claims import vocabulary as v
from metrics.extract.claims.context import _Context
from metrics.extract.claims.figures import _figures
from metrics.extract.claims.fragments import _COUNT_NOUNS, _F, _PLATFORM_ALT, _PLUS, _QUAL
from metrics.extract.numbers import NUMBER, SP

# "Views: 8.2m. Likes: 611k. Comments: 23,400." - a stat line, the noun as a label.
_STAT_WORDS = v.STAT_LABELS["en"]
_STAT_RE = re.compile(
    rf"\b(?P<noun>{'|'.join(_STAT_WORDS)})(?:{SP}{{1,2}}on{SP}{{1,2}}(?:{_PLATFORM_ALT}|X))?{SP}{{0,2}}:{SP}{{0,2}}{_QUAL}(?P<list>{NUMBER}){_PLUS}(?=$|[.;,|)]|{SP}{{1,2}}[|/\u00b7]|{SP}{{0,2}}\()",
    _F | re.MULTILINE,
)
_F_STAT = frozenset(_STAT_WORDS)
_A_STAT = group(*_STAT_WORDS)


def _stat_lines(ctx: _Context) -> None:
    for m in ctx.scan.matchiter(_STAT_RE, _F_STAT, _A_STAT, COLON, digits=False):
        _figures(ctx, m, _COUNT_NOUNS[m.group("noun").lower()], scope=None, window=None, single=True)
