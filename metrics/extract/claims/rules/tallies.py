"""Tallies: a count named, then its figure ("view count stood at 7,450,112", "the number of comments
topped 100,000", "Her followers on X swelled from 12,000 to 400,000", "Views doubled overnight to
1.6 million"); "from A to B" gives the count before the change and after it."""

from __future__ import annotations

import re

from metrics.extract.anchors import group
from metrics.extract.claims import vocabulary as v
from metrics.extract.claims.context import _Context
from metrics.extract.claims.figures import _figures
from metrics.extract.claims.fragments import (
    _A_TALLY_NOUNS,
    _CHANGE_VERB_ALT,
    _COUNT_NOUNS,
    _COUNT_WORDS,
    _F,
    _F_TALLY_NOUNS,
    _MEDIA,
    _NOT_PERCENT,
    _PLATFORM_ALT,
    _PLUS,
    _QUAL,
    _STANDS_ALONE,
    _TALLY_NOUN_METRIC,
    _TALLY_NOUN_WORDS,
    _TALLY_QUAL,
    _alt,
    anchor_word,
    flat,
    forms,
)
from metrics.extract.claims.time_scope import _change_before
from metrics.extract.numbers import DIGIT_NUMBER, NUMBER, SP

_TALLY_HEADS = v.TALLY_HEADS["en"]
_TALLY_HEAD_ALT = "|".join(_TALLY_HEADS)
_TALLY_VERBS = (
    r"has|had|have|now|stood|stands|was|is|were|are|at|reached|reaches|hit|hits|rose|rises|jumped|jumps"
    r"|climbed|climbs|grew|grows|grown|surged|soared|ballooned|swelled|leapt|leaped|to|of|just|already|then|sat|sits"
    r"|doubled|tripled|quadrupled|fell|fallen|dropped|slipped|declined|increased|decreased|risen|shrunk|shrank|went"
)
# "The video's view count stood at 7,450,112", "Her follower count jumped to 2.3 million",
# "The number of comments topped 100,000".
_TALLY_HEAD = (
    rf"(?:\b(?P<cw>{_alt(_COUNT_WORDS)})s?{SP}{{1,2}}(?:{_TALLY_HEAD_ALT})s?"
    rf"|\bnumber{SP}{{1,2}}of{SP}{{1,2}}(?P<noun>{_alt(_COUNT_NOUNS)}))\b"
    # "Her follower count on X leapt from ...".
    rf"(?:{SP}{{1,2}}on{SP}{{1,2}}(?:{_PLATFORM_ALT}|X)\b)?"
    rf"(?:{SP}{{1,2}}(?:{_TALLY_VERBS})\b){{0,3}}{SP}{{1,2}}"
)
# "Her subscriber base grew by 300,000": a change (see _change_before), not the tally itself.
_TALLY_RE = re.compile(rf"{_TALLY_HEAD}(?:by{SP}{{1,2}})?{_QUAL}(?P<list>{NUMBER}){_PLUS}{_NOT_PERCENT}", _F)
# "The subscriber count jumped from 40,000 to 310,000": both figures, the earlier and the later.
_TALLY_FROM_RE = re.compile(
    rf"{_TALLY_HEAD}from{SP}{{1,2}}(?P<qual>)(?P<list>{NUMBER}{SP}{{1,2}}to{SP}{{1,2}}{NUMBER})", _F
)
# The figure after the change comes within a few words ("from 2 million on Monday to 5.4 million").
_TO_SOON = rf"(?=[^.;!?\n,]{{0,40}}?{SP}to{SP}{{1,2}})"
# "count leapt from about 12,000 to 310,000": a first figure with its own qualifier, the count
# before the change; the one after ("to 310,000") is read after it (rules/chained.py).
_TALLY_FROM_QUAL_RE = re.compile(
    rf"{_TALLY_HEAD}from{SP}{{1,2}}{_QUAL}(?P<list>{NUMBER}){_NOT_PERCENT}{_TO_SOON}", _F
)
_A_TALLY = group(*forms(_TALLY_HEADS))
_F_TALLY = frozenset([*_COUNT_WORDS, *(w + "s" for w in _COUNT_WORDS), "number"])
# The metric noun as the subject: "Her followers on X swelled from 12,000 to 400,000", "Views of the
# 30-second promo topped 2 million". A verb of change or arrival (or a qualifier verb, "topped") is
# required, so "views on the matter" or "followers of the cult were" start no tally.
_NOUN_TALLY_VERBS = v.NOUN_TALLY_VERBS["en"]
_NOUN_TALLY_HEAD = (
    rf"\b(?P<cw>{'|'.join(_TALLY_NOUN_WORDS)})(?:{SP}{{1,2}}(?:of|on|for){SP}{{1,2}}"
    rf"(?:(?:the|this|that|her|his|its|their|a){SP}{{1,2}})?(?:[A-Za-z0-9'-]{{1,30}}{SP}{{1,2}}){{0,3}}?"
    rf"(?:{_PLATFORM_ALT}|X|{_MEDIA}|(?:post|tweet|upload|account|channel|page)s?)\b)?{SP}{{1,2}}"
    rf"(?:(?:have|has|had|is|are|was|were){SP}{{1,2}})?"
    rf"(?:(?P<verb>{flat(_NOUN_TALLY_VERBS)}){SP}{{1,2}})?"
)
_NOUN_TALLY_FROM_RE = re.compile(
    rf"{_NOUN_TALLY_HEAD}from{SP}{{1,2}}(?P<qual>)(?P<list>{NUMBER}{SP}{{1,2}}to{SP}{{1,2}}{NUMBER}){_NOT_PERCENT}",
    _F,
)
_NOUN_TALLY_FROM_QUAL_RE = re.compile(
    rf"{_NOUN_TALLY_HEAD}from{SP}{{1,2}}{_QUAL}(?P<list>{NUMBER}){_NOT_PERCENT}{_TO_SOON}", _F
)
_NOUN_TALLY_RE = re.compile(
    rf"{_NOUN_TALLY_HEAD}(?:(?:to|by){SP}{{1,2}})?{_TALLY_QUAL}(?P<list>{NUMBER}){_PLUS}{_NOT_PERCENT}"
    # "following has grown to 1.3m subscribers": the figure's own noun says what it counts.
    rf"(?!{SP}{{1,2}}(?:{_alt(_COUNT_NOUNS)})\b)",
    _F,
)
_A_TALLY_FROM = group("from")
# A noun tally without "from" has a verb of change or arrival, or a qualifier verb ("topped").
_A_TALLY_VERBS = group(*map(anchor_word, _NOUN_TALLY_VERBS), *v.TALLY_QUALIFIER_VERBS["en"])
# Patterns whose two-figure list is a count before and after a change ("from A to B"), and those
# whose one figure is the count before.
_FROM_TO_PATTERNS = (_TALLY_FROM_RE, _NOUN_TALLY_FROM_RE)
_FROM_ONE_PATTERNS = (_TALLY_FROM_QUAL_RE, _NOUN_TALLY_FROM_QUAL_RE)
_FROM_NOUN_PATTERNS = (_NOUN_TALLY_FROM_RE, _NOUN_TALLY_FROM_QUAL_RE)


def _tallies(ctx: _Context) -> None:
    """ "view count stood at 7,450,112", "the number of comments topped 100,000"."""
    heads = (_TALLY_FROM_RE, _TALLY_FROM_QUAL_RE, _TALLY_RE)
    for m in (m for pattern in heads for m in ctx.scan.matchiter(pattern, _F_TALLY, _A_TALLY, digits=False)):
        cw = m.group("cw")
        metric = _COUNT_WORDS[cw.lower()] if cw else _COUNT_NOUNS[m.group("noun").lower()]
        if metric == "video_count":
            continue
        change = _change_before(ctx.text, m.start("qual") if m.group("qual") else m.start("list"))
        _figures(
            ctx,
            m,
            metric,
            scope=change,
            window=None,
            ranges=False,
            from_to=m.re in _FROM_TO_PATTERNS,
            from_one=m.re in _FROM_ONE_PATTERNS,
        )
    nouns = (
        *ctx.scan.matchiter(_NOUN_TALLY_FROM_RE, _F_TALLY_NOUNS, _A_TALLY_NOUNS, _A_TALLY_FROM, digits=False),
        *ctx.scan.matchiter(
            _NOUN_TALLY_FROM_QUAL_RE, _F_TALLY_NOUNS, _A_TALLY_NOUNS, _A_TALLY_FROM, digits=False
        ),
        *ctx.scan.matchiter(_NOUN_TALLY_RE, _F_TALLY_NOUNS, _A_TALLY_NOUNS, _A_TALLY_VERBS, digits=False),
    )
    for m in nouns:
        if m.group("verb") is None and not m.group("qual") and m.re not in _FROM_NOUN_PATTERNS:
            continue
        if _FIGURE_BEFORE.search(ctx.text, max(0, m.start() - 30), m.start()) is not None:
            # "channels with more than 100,000 subscribers grew 20 times": the noun has a figure of
            # its own (a group's threshold), so what follows is not its tally.
            continue
        scope = _change_before(ctx.text, m.start("qual") if m.group("qual") else m.start("list"))
        _figures(
            ctx,
            m,
            _TALLY_NOUN_METRIC[m.group("cw").lower()],
            scope=scope,
            window=None,
            ranges=False,
            from_to=m.re in _FROM_TO_PATTERNS,
            from_one=m.re in _FROM_ONE_PATTERNS,
        )


# "Views doubled overnight to 1.6 million", "her Instagram following rose 45 per cent to 212,000",
# "the subscriber count has fallen by roughly a third, to about 410,000", "Her subscriber count
# climbed 30,000 overnight to 512,000": a count named, how it changed, then what it came to.
_LOSS_VERBS = frozenset(v.LOSS_VERBS["en"])
# Every _CHANGED_TO_RE match starts with one of these (a count word, its plural or an audience noun),
# and holds a verb of change.
_CHANGED_TO_FIRST = (*_COUNT_WORDS, *(w + "s" for w in _COUNT_WORDS), *v.AUDIENCE_NOUNS["en"])
_CHANGED_NOUNS = [
    w for w in _TALLY_NOUN_WORDS if w in _CHANGED_TO_FIRST and w not in v.NOT_CHANGED_SUBJECTS["en"]
]
_CHANGED_TO_RE = re.compile(
    rf"\b(?:(?P<cw>{_alt(_COUNT_WORDS)})s?(?:{SP}{{1,2}}(?:{_TALLY_HEAD_ALT})s?)?|(?P<noun>{'|'.join(_CHANGED_NOUNS)}))"
    rf"(?:{SP}{{1,2}}on{SP}{{1,2}}(?:(?:the|her|his|its|their){SP}{{1,2}})?(?:[A-Za-z'\u2019-]{{1,20}}{SP}{{1,2}})?"
    rf"(?:{_PLATFORM_ALT}|X)\b)?"
    rf"{SP}{{1,2}}(?:(?:has|have|had){SP}{{1,2}})?(?P<verb>{_CHANGE_VERB_ALT})"
    rf"(?:{SP}{{1,2}}(?:by{SP}{{1,2}})?(?:(?:about|roughly|around|nearly|almost|some|more{SP}{{1,2}}than){SP}{{1,2}})?"
    rf"(?:[0-9]{{1,3}}(?:\.[0-9])?{SP}{{0,2}}(?:%|per{SP}{{1,2}}cent\b|percent\b)|an?{SP}{{1,2}}(?:third|quarter|half|fifth|tenth)\b"
    rf"|half\b|(?P<by>{DIGIT_NUMBER})(?![0-9%]|{SP}{{0,2}}(?:%|per|percent)\b)))?"
    rf"(?:{SP}{{1,2}}(?:overnight|in{SP}{{1,2}}(?:a|one){SP}{{1,2}}(?:day|week|weekend|month)|this{SP}{{1,2}}(?:week|month|year)"
    rf"|last{SP}{{1,2}}(?:week|month|year)))?"
    rf",?{SP}{{1,2}}to{SP}{{1,2}}{_QUAL}(?P<list>{NUMBER}){_PLUS}{_NOT_PERCENT}{_STANDS_ALONE}",
    _F | re.MULTILINE,
)
_A_CHANGED_TO = group(*_CHANGED_TO_FIRST)
_F_CHANGED_TO = frozenset(_CHANGED_TO_FIRST)
_A_CHANGE_VERBS = group(*map(anchor_word, v.CHANGE_VERBS["en"]))
_BY_RE = re.compile(rf"(?P<qual>)(?P<list>{DIGIT_NUMBER})", _F)
_FIGURE_BEFORE = re.compile(rf"{NUMBER}{_PLUS}{SP}{{1,2}}$", _F)


def _changed_to(ctx: _Context) -> None:
    """A count named, how it changed, then what it came to: the total, and a change given as a
    number ("climbed 30,000 overnight") as a gain or loss."""
    for m in ctx.scan.matchiter(_CHANGED_TO_RE, _F_CHANGED_TO, _A_CHANGED_TO, _A_CHANGE_VERBS, digits=False):
        cw, noun = m.group("cw"), m.group("noun")
        metric = _COUNT_WORDS[cw.lower()] if cw else _TALLY_NOUN_METRIC[noun.lower()]
        by = _BY_RE.match(ctx.text, m.start("by")) if m.group("by") else None
        if by is not None:
            change = "loss" if m.group("verb").lower() in _LOSS_VERBS else "gain"
            _figures(ctx, by, metric, scope=change, window=None, ranges=False)
        _figures(ctx, m, metric, scope=None, window=None, ranges=False)
