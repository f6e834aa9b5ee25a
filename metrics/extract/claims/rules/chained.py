"""Figures chained to a claim already read, borrowing its noun: ", up from 400,000" (an earlier
figure, same metric), "it now has 2.2 million" (a later total), "; the re-post on X, roughly 1.1
million" (a second item), "and a further 900,000 on X", "1.9 million on Facebook and 700,000 on
TikTok", "and 7 million times in its first week". Runs after every other English rule: it reads
their claims."""

from __future__ import annotations

import re
from dataclasses import replace

from metrics.extract.anchors import group
from metrics.extract.claims.context import _Context
from metrics.extract.claims.figures import _figures, _window_of
from metrics.extract.claims.filters import _CONTEXT_REACH, _ENGAGEMENT
from metrics.extract.claims.fragments import (
    _CHANGE_VERB_ALT,
    _F,
    _NOT_PERCENT,
    _PLATFORM_ALT,
    _PLUS,
    _QUAL,
    _STANDS_ALONE,
    _TALLY_QUAL,
)
from metrics.extract.claims.subjects import _ON_PLATFORM, _own_platform_name, _platforms
from metrics.extract.claims.time_scope import EARLIER, EARLIER_UNDATED
from metrics.extract.numbers import DIGIT_NUMBER, NUMBER, SP
from metrics.extract.windows import WINDOW
from metrics.model import Claim

# ", up from 400,000 in January": an earlier figure for the same metric.
# "(up from 410,000 a year ago)", "3.5 million views on YouTube, up from 1.2 million".
_UP_FROM_LEAD = re.compile(
    rf"(?:{SP}{{1,2}}on{SP}{{1,2}}(?:{_PLATFORM_ALT}|X)\b)?(?:,?{SP}{{1,2}}\(?|{SP}{{0,2}}\()", _F
)
_UP_FROM_RE = re.compile(rf"(?:up|down){SP}{{1,2}}from{SP}{{1,2}}{_QUAL}(?P<list>{NUMBER}){_NOT_PERCENT}", _F)
# Up to the "to" of "from A ... to B": a few words, no clause break ("on launch day", "at the start
# of the year").
_TO_LATER_LEAD = re.compile(rf"[^.;!?\n,]{{0,40}}?,?{SP}{{1,2}}(?=to\b)", _F)
_TO_LATER_RE = re.compile(
    rf"to{SP}{{1,2}}(?:a{SP}{{1,2}}(?:whopping|staggering|massive|remarkable|record|cool|huge|hefty|healthy){SP}{{1,2}})?"
    rf"{_QUAL}(?P<list>{NUMBER}){_NOT_PERCENT}{_STANDS_ALONE}",
    _F | re.MULTILINE,
)
# "... rose to 85,000 from 60,000 in January": a changed count, then the one before it.
_FROM_EARLIER_LEAD = re.compile(
    rf"(?:{SP}{{1,2}}on{SP}{{1,2}}(?:{_PLATFORM_ALT}|X)\b)?,?{SP}{{1,2}}(?=from\b)", _F
)
_FROM_EARLIER_RE = re.compile(
    rf"from{SP}{{1,2}}{_QUAL}(?P<list>{NUMBER}){_NOT_PERCENT}{_STANDS_ALONE}", _F | re.MULTILINE
)
_TO_BEFORE = re.compile(r"\b(?:to|at)[ \t\u00a0]{1,2}(?=[^ \t\u00a0])", re.IGNORECASE)
# What joins a figure to the next one that borrows its noun: "... on Facebook and ".
_FURTHER_LEAD = re.compile(
    rf"(?:{SP}{{1,2}}on{SP}{{1,2}}[A-Za-z]{{1,20}})?,?{SP}{{1,2}}(?:and|plus|with){SP}{{1,2}}", _F
)
_FURTHER_RE = re.compile(
    rf"(?:a{SP}{{1,2}}further|another|an{SP}{{1,2}}(?:additional|extra)){SP}{{1,2}}"
    # The figure stands alone: followed by a platform, a clause or the sentence's end, not a noun.
    rf"(?P<qual>)(?P<list>{DIGIT_NUMBER})(?=[,.;]|{SP}{{1,2}}(?:and|in|on|from|via)\b)",
    _F,
)
# "3.5 crore views in 24 hours, and 1 crore more the next day": more that came in later, a gain.
_MORE_LATER = rf"{SP}{{1,2}}(?:the{SP}{{1,2}}(?:next|following)|overnight|since|by|within|over|during|after|this|that)\b"
_MORE_LATER_RE = re.compile(_MORE_LATER, _F)
# "780,000 views on Facebook and around 210,000 more on TikTok".
_MORE_RE = re.compile(
    rf"{_QUAL}(?P<list>{DIGIT_NUMBER}){SP}{{1,2}}more(?=[,.;]|{SP}{{1,2}}(?:on|in|from|via)\b|{_MORE_LATER})",
    _F,
)
# "it now has 2.2 million", "bringing its total to around 1.8 million", "has since climbed to 11
# million", "pushing her channel past 9M": later in the sentence, the same count at a later time,
# its noun left out. Only these words say so; a bare figure after them must stand alone.
# "pushing her channel past 9M": past it, so at least that.
_LATER_TOTAL = rf"{_TALLY_QUAL}(?P<list>{NUMBER}){_PLUS}{_NOT_PERCENT}{_STANDS_ALONE}"
_LATER_TOTAL_LEAD = re.compile(
    rf"[^.!?\n]{{0,80}}?\b(?:(?P<now>now|currently|today){SP}{{1,2}}(?:has|have|boasts?|stands?{SP}{{1,2}}at|sits?{SP}{{1,2}}at|tops)"
    rf"|(?:has|have){SP}{{1,2}}since{SP}{{1,2}}(?:{_CHANGE_VERB_ALT}){SP}{{1,2}}(?:to|past)"
    rf"|(?:bringing|taking|pushing|lifting|raising){SP}{{1,2}}(?:its|their|his|her|the)(?:{SP}{{1,2}}[A-Za-z'\u2019-]{{1,20}}){{0,3}}"
    rf"{SP}{{1,2}}(?:to|(?=past|over|beyond|above)))"
    rf"{SP}{{0,2}}(?={_LATER_TOTAL})",
    _F | re.MULTILINE,
)
_LATER_TOTAL_RE = re.compile(_LATER_TOTAL, _F | re.MULTILINE)
# Every _LATER_TOTAL_LEAD match holds one of these within its first 90 or so characters.
_A_LATER_TOTAL = group(
    "now", "currently", "today", "since", "bringing", "taking", "pushing", "lifting", "raising"
)
_LATER_TOTAL_REACH = 100
# "... has about 3.4 million views; the re-post on X, roughly 1.1 million", "reposted 12,000 times;
# another, filmed from a balcony, more than 30,000", "; his X account has 105 million", "and the
# lyric video another 40 million", "5.4 million views, the second 2.1 million": a second item's
# count, its noun left out. The figure must end its clause, so a noun of its own ("and the channel
# has 300,000 subscribers") stops it.
_PARALLEL_FIGURE = (
    rf"{_TALLY_QUAL}(?P<list>{NUMBER}){_PLUS}{_NOT_PERCENT}"
    rf"(?=[.;!?)]|{SP}{{0,2}}$|{SP}{{1,2}}(?:on|in)\b|,?{SP}{{1,2}}(?:and|while|but)\b|,)"
)
_PARALLEL_LEAD = re.compile(
    rf"(?:{SP}{{1,2}}(?:on|in){SP}{{1,2}}[A-Za-z]{{1,20}})?"
    rf"(?:(?:{SP}{{0,2}};|,?{SP}{{1,2}}(?:and|while|but|whereas)){SP}{{1,2}}(?:the|his|her|its|their|another|one|a|an)\b"
    rf"[^0-9.;:!?\n]{{0,60}}?(?:,{SP}{{1,2}}(?:(?:a{SP}{{1,2}}further|another){SP}{{1,2}})?"
    rf"|{SP}{{1,2}}(?:has|have|had|got|gets|drew|draws|another|a{SP}{{1,2}}further)(?:{SP}{{1,2}}(?:another|a{SP}{{1,2}}further))?{SP}{{1,2}})"
    rf"|(?:,|;|,?{SP}{{1,2}}and){SP}{{1,2}}the{SP}{{1,2}}(?:second|third|fourth|fifth|other|latter|last|next|final)"
    rf"(?:{SP}{{1,2}}(?:one|clip|video))?{SP}{{1,2}})"
    # The figure, looked ahead to here so that the lead extends until one follows.
    rf"(?={_PARALLEL_FIGURE})",
    _F | re.MULTILINE,
)
_PARALLEL_RE = re.compile(_PARALLEL_FIGURE, _F | re.MULTILINE)
_HAD_BEFORE = re.compile(rf"\bhad{SP}{{1,2}}(?:[A-Za-z-]{{1,20}}{SP}{{1,2}}){{0,2}}$", _F)
_AND_LEAD = re.compile(rf",?{SP}{{1,2}}(?:and|but){SP}{{1,2}}", _F)
_AND_TIMES_RE = re.compile(
    rf"{_QUAL}(?P<list>{NUMBER}){SP}{{1,2}}times\b(?:,?{SP}{{1,2}}(?P<win>{WINDOW}))?", _F
)
_AND_FIGURE_RE = re.compile(
    rf"{_QUAL}(?P<list>{NUMBER}){_PLUS}{_NOT_PERCENT}"
    rf"(?={SP}{{1,2}}(?:on|by|in|within|over|during|after|at|since|the{SP}{{1,2}}following|a{SP}{{1,2}}day)\b)",
    _F,
)
# The last words a figure's quote can end with when a window closes it.
_WINDOW_ENDINGS = (
    "hour",
    "hours",
    "day",
    "days",
    "week",
    "weeks",
    "month",
    "months",
    "minute",
    "minutes",
    "overnight",
    "far",
    "release",
    "launch",
    "debut",
    "posting",
    "posted",
    "released",
    "uploaded",
    "published",
)
_PER_PLATFORM_RE = re.compile(
    rf"(?:,|,?{SP}{{1,2}}and|,?{SP}{{1,2}}plus){SP}{{1,2}}(?P<qual>)(?P<list>{DIGIT_NUMBER})"
    rf"(?={SP}{{1,2}}(?:on|via){SP}{{1,2}}(?:{_PLATFORM_ALT}|X)\b)",
    _F,
)


def _up_from(ctx: _Context) -> None:
    """ "1.02 million subscribers, up from 400,000 in January": the earlier figure is a claim too."""
    # Claims are only appended (or replaced in place) below, so a position in this copy is the
    # claim's position in ctx.claims.
    for at, claim in enumerate(list(ctx.claims)):
        if claim.span is None or claim.metric not in _ENGAGEMENT or claim.value is None:
            continue
        # The lead's words are rare near a figure: a bit per chunk says first whether one is there.
        lead = (
            _LATER_TOTAL_LEAD.match(ctx.text, claim.span[1])
            if ctx.scan.holds(_A_LATER_TOTAL, claim.span[1], claim.span[1] + _LATER_TOTAL_REACH)
            else None
        )
        m = _LATER_TOTAL_RE.match(ctx.text, lead.end()) if lead is not None else None
        if m is not None:
            _figures(ctx, m, claim.metric, scope=None, window=None, ranges=False)
            if (
                lead is not None
                and lead.group("now")
                and claim.scope is None
                and _had_before(ctx, claim.span[0])
            ):
                # "She had 40,000 followers at the start of the year; she now has 3.3 million".
                ctx.claims[at] = _as_earlier(claim)
            continue
        pos, found = claim.span[1], 0
        while found < 4:
            lead = _PARALLEL_LEAD.match(ctx.text, pos)
            m = _PARALLEL_RE.match(ctx.text, lead.end()) if lead is not None else None
            if lead is None or m is None:
                break
            _figures(ctx, m, claim.metric, scope=None, window=None, ranges=False)
            if (
                not found
                and claim.platform is not None
                and claim.platform == _platforms(ctx.scan, *lead.span())
            ):
                # "1.2 million views; the remix on TikTok, about 400,000": TikTok is the remix's.
                floor = max(ctx.sentences.around(claim.span[0])[0], claim.span[0] - _CONTEXT_REACH)
                if _platforms(ctx.scan, floor, claim.span[1]) is None:
                    ctx.claims[at] = replace(claim, platform=None)
            pos, found = m.end(), found + 1
        if found:
            continue
        lead = _UP_FROM_LEAD.match(ctx.text, claim.span[1])
        m = _UP_FROM_RE.match(ctx.text, lead.end()) if lead is not None else None
        if m is not None:
            _figures(ctx, m, claim.metric, scope=EARLIER, window=None, ranges=False)
            continue
        lead = _FROM_EARLIER_LEAD.match(ctx.text, claim.span[1])
        m = _FROM_EARLIER_RE.match(ctx.text, lead.end()) if lead is not None else None
        if (
            m is not None
            and _TO_BEFORE.search(ctx.text, max(0, claim.span[0] - 30), claim.span[1]) is not None
        ):
            # "rose to 85,000 from 60,000 in January": the count before the change, after it.
            _figures(ctx, m, claim.metric, scope=EARLIER, window=None, ranges=False)
            continue
        if claim.scope in (EARLIER, "gain", "loss"):
            # "grew from fewer than 2,000 followers to more than 160,000", "grew by 300,000 in 2024
            # to just over 2 million": the count after the change borrows the noun.
            lead = _TO_LATER_LEAD.match(ctx.text, claim.span[1])
            m = _TO_LATER_RE.match(ctx.text, lead.end()) if lead is not None else None
            if m is not None:
                _figures(ctx, m, claim.metric, scope=None, window=None, ranges=False)
            continue
        # "2m views on Facebook and a further 900,000 on X": the second figure borrows the noun.
        lead = _FURTHER_LEAD.match(ctx.text, claim.span[1])
        m = (
            (_FURTHER_RE.match(ctx.text, lead.end()) or _MORE_RE.match(ctx.text, lead.end()))
            if lead
            else None
        )
        if m is not None:
            later = m.re is _MORE_RE and _MORE_LATER_RE.match(ctx.text, m.end()) is not None
            _figures(ctx, m, claim.metric, scope="gain" if later else None, window=None, ranges=False)
            _platform_of_the_other(ctx, at, claim, m.end())
            continue
        # "seen 3.3 million times on YouTube, 1.9 million on Facebook and 700,000 on TikTok".
        pos = claim.span[1]
        for _ in range(6):
            where = _ON_PLATFORM.match(ctx.text, pos)
            m = _PER_PLATFORM_RE.match(ctx.text, where.end()) if where is not None else None
            if m is None:
                break
            _figures(ctx, m, claim.metric, scope=None, window=None, ranges=False)
            pos = m.end("list")
        # "viewed 2 million times within 24 hours and 7 million times in its first week": the
        # second figure borrows the verb, and has its own window.
        lead = _AND_LEAD.match(ctx.text, claim.span[1])
        if lead is None:
            continue
        if claim.quote.endswith(tuple(_WINDOW_ENDINGS)) or claim.quote.lower().endswith("times"):
            m = _AND_TIMES_RE.match(ctx.text, lead.end())
            if m is not None:
                _figures(ctx, m, claim.metric, scope=None, window=_window_of(m), ranges=False)
                continue
        # "50 million views in a day and 90 million by Sunday", "nearly 16 million viewers on Feb.
        # 24 and 13 million on Feb. 25": the noun written once for two figures, each with its time.
        m = _AND_FIGURE_RE.match(ctx.text, lead.end())
        if m is not None:
            _figures(ctx, m, claim.metric, scope=None, window=None, ranges=False)


def _had_before(ctx: _Context, start: int) -> bool:
    return _HAD_BEFORE.search(ctx.text, max(ctx.sentences.around(start)[0], start - 40), start) is not None


def _as_earlier(claim: Claim) -> Claim:
    """The claim as the count before a later one: dated only by a period written with it."""
    if claim.time_window is not None:
        return replace(claim, scope=EARLIER)
    return replace(claim, scope=EARLIER, as_of=None, as_of_start=None, as_of_rule=EARLIER_UNDATED)


def _platform_of_the_other(ctx: _Context, at: int, claim: Claim, other_end: int) -> None:
    """ "around 3m views, with another 1.5 million on Facebook": the platform named right after the
    second figure is that figure's, so the first, which only had it from its sentence, has none."""
    own = _ON_PLATFORM.match(ctx.text, other_end)
    if (
        own is None
        or claim.platform is None
        or claim.span is None
        or _ON_PLATFORM.match(ctx.text, claim.span[1])
    ):
        return
    if claim.platform == _own_platform_name(own):
        ctx.claims[at] = replace(claim, platform=None)
