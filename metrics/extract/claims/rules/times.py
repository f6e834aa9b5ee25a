"""Times: "viewed 900,000 times", "shared 20,000 times", "watched a combined 1.1 billion times",
"viewed 600,000 and 450,000 times, respectively", "seen more than 4 million times"."""

from __future__ import annotations

import re

from metrics.extract.claims.context import _Context
from metrics.extract.claims.figures import _figures, _scope_of, _window_of
from metrics.extract.claims.fragments import (
    _A_DIGIT,
    _A_TIMES,
    _A_TIMES_VERBS,
    _BEFORE_WINDOW,
    _F,
    _F_TIMES_VERBS,
    _IN_COUNTRY,
    _LIST_SEP,
    _PLUS,
    _PSCOPE,
    _QUAL,
    _SCOPE,
    _TIMES_OBJ,
    _TIMES_VERBS,
    _alt,
)
from metrics.extract.numbers import NUMBER, SP, parse_number
from metrics.extract.windows import WINDOW

# "re-tweeted 3,266 times" is retweeted: the hyphened prefix is read with the verb it joins.
_TIMES_RE = re.compile(
    rf"\b(?P<re>re-)?(?P<verb>{_alt(_TIMES_VERBS)}){_TIMES_OBJ}{SP}{{1,2}}{_PSCOPE}"
    rf"(?:(?:only|a{SP}{{1,2}}mere|just(?!{SP}{{1,2}}(?:under|over|shy|short|below|above|north|less|more|about)\b))"
    rf"{SP}{{1,2}})?(?:(?P<again>another|a{SP}{{1,2}}further|an{SP}{{1,2}}(?:additional|extra)){SP}{{1,2}})?{_QUAL}"
    rf"(?:between{SP}{{1,2}})?(?P<list>{NUMBER}(?:{_LIST_SEP}{NUMBER}){{0,5}})"
    rf"{_PLUS}{SP}{{1,2}}times\b(?:{SP}{{1,2}}{_SCOPE})?"
    rf"(?:{_IN_COUNTRY}{_BEFORE_WINDOW}(?P<win>{WINDOW}))?",
    _F,
)

_F_TIMES_FIRST = _F_TIMES_VERBS | {"re"}


def _times(ctx: _Context) -> None:
    """ "viewed 900,000 times", "shared 20,000 times", "viewed 600,000 and 450,000 times"."""
    for m in ctx.scan.matchiter(_TIMES_RE, _F_TIMES_FIRST, _A_TIMES, _A_TIMES_VERBS, digits=False):
        verb = m.group("verb").lower()
        metric = _TIMES_VERBS.get("re" + verb, _TIMES_VERBS[verb]) if m.group("re") else _TIMES_VERBS[verb]
        if verb == "seen" or m.group("obj"):
            # "seen three times" is a sighting and "watched the video 10 times" one person's
            # viewing, not a count of views.
            value = parse_number(m.group("list"))
            if value is None or value < 1000:
                continue
        # "liked a quarter of a million times" is one figure, not a list to split.
        single = parse_number(m.group("list")) is not None
        # "shared another 40,000 times on Thursday": what was added.
        scope = "gain" if m.group("again") else _scope_of(m)
        _figures(ctx, m, metric, scope=scope, window=_window_of(m), single=single)


# "have been downloaded more than 10 million in the first four days": the verb's figure in millions
# with "times" left out. A scale is required ("viewed 3 in a row" is no count), and what follows
# must end the figure (a window, a place, punctuation), not name another noun.
_SCALED_RE = re.compile(
    rf"\b(?P<verb>{_alt(w for w in _TIMES_VERBS if w != 'seen')}){SP}{{1,2}}{_QUAL}"
    rf"(?P<list>{NUMBER})(?<=[a-z])"
    rf"(?=[,.;:!?)]|{SP}{{1,2}}(?:in|on|within|during|by|since|so|across|worldwide|globally|alone|already)\b|$)"
    rf"(?:{SP}{{1,2}}(?P<win>{WINDOW}))?",
    _F,
)
_SCALE_END = re.compile(r"(?:million|billion|crore|lakh|bn|[mk])$", re.IGNORECASE)


def _scaled_times(ctx: _Context) -> None:
    """ "downloaded more than 10 million in the first four days": a times verb's figure without "times"."""
    for m in ctx.scan.matchiter(_SCALED_RE, _F_TIMES_VERBS, _A_TIMES_VERBS, _A_DIGIT, digits=False):
        if _SCALE_END.search(m.group("list")) is None:
            continue
        metric = _TIMES_VERBS[m.group("verb").lower()]
        _figures(ctx, m, metric, scope=None, window=_window_of(m), single=True)
