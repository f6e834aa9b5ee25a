"""People who follow or did something: "Some 50 million people follow her", "More than 40,000 people
have shared the video", "a combined following of 11 million", "liked by more than 30,000 people"."""

from __future__ import annotations

import re

from metrics.extract.anchors import group
from metrics.extract.claims import vocabulary as v
from metrics.extract.claims.context import _Context
from metrics.extract.claims.figures import _figures, _scope_of, _window_of
from metrics.extract.claims.filters import _live_audience, _metric_allowed, _online_context
from metrics.extract.claims.fragments import (
    _A_TIMES_VERBS,
    _BEFORE_WINDOW,
    _BY_PEOPLE_VERBS,
    _F,
    _F_QUAL_NUMBER,
    _F_TIMES_VERBS,
    _MEDIA_OBJECT,
    _PLUS,
    _QUAL,
    _alt,
)
from metrics.extract.numbers import NUMBER, SCALES, SP, parse_number
from metrics.extract.windows import WINDOW

_PEOPLE_DID = v.PEOPLE_DID["en"]
_PEOPLE = v.PEOPLE["en"]
_BY_PEOPLE = v.BY_PEOPLE["en"]
# "Some 50 million people follow her on Instagram."
_FOLLOW_RE = re.compile(
    rf"{_QUAL}(?P<list>{NUMBER}(?:{SP}{{1,2}}(?:and|to){SP}{{1,2}}{NUMBER})?){_PLUS}{SP}{{1,2}}(?:{'|'.join(_PEOPLE)})"
    rf"{SP}{{1,2}}(?:now{SP}{{1,2}})?"
    rf"(?P<verb>follow|subscribe{SP}{{1,2}}to|(?:(?:have|has|had){SP}{{1,2}})?(?:now{SP}{{1,2}}|already{SP}{{1,2}})?"
    rf"subscribed{SP}{{1,2}}to"
    # "More than 40,000 people have shared the video", "Some 3,000 people have commented", "Up to 1.5
    # million people may have seen the clip".
    rf"|(?:(?:have|has|had|were|are|was|(?:may|might|could){SP}{{1,2}}have){SP}{{1,2}})?(?:(?:already|now){SP}{{1,2}})?"
    rf"(?P<did>{'|'.join(_PEOPLE_DID)})"
    rf"{_MEDIA_OBJECT})\b",
    _F,
)
# The pattern's own verbs ("follow", "subscribe to", "subscribed to") and what people did.
_A_FOLLOW = group("follow", "subscribe", "subscribed", *_PEOPLE_DID)
_A_PEOPLE_FOLLOW = group(*_PEOPLE)
# "a combined following of 11 million", "her following of 2.3 million on TikTok".
# An audience as a whole and its size: "a combined following of 3 million", "an audience of 28.4m",
# "a peak concurrent viewership of 3.5 crore".
_WHOLE_AUDIENCES = {"following": "followers", "audience": "viewers", "viewership": "viewers"}
_FOLLOWING_RE = re.compile(
    rf"\b(?:(?P<pscope>combined|total|collective){SP}{{1,2}})?(?P<whole>{'|'.join(_WHOLE_AUDIENCES)}){SP}{{1,2}}of{SP}{{1,2}}{_QUAL}"
    rf"(?P<list>{NUMBER}){_PLUS}",
    _F,
)
# What may follow the figure: a count noun (then the count rules read it) or people; people make an
# audience of that size, but a "following of 2 million people" are a cause's supporters.
_AFTER_WHOLE = re.compile(
    rf"{SP}{{1,2}}(?:(?P<people>{'|'.join(_PEOPLE)})|supporters|members|followers|subscribers|viewers)\b", _F
)
_A_FOLLOWING = group(*_WHOLE_AUDIENCES)
# "2.9m tuned into Channel 4", "with over 205 million tuning in": a broadcast or live audience.
# "2.5 million of us tuned in", headlines' "1.04 million tune into the finale".
_TUNED_RE = re.compile(
    rf"{_QUAL}(?P<list>{NUMBER}){_PLUS}(?:{SP}{{1,2}}(?:{'|'.join(_PEOPLE)}|of{SP}{{1,2}}(?:us|them)))?"
    rf"{SP}{{1,2}}(?:(?:have|had|has|were|are){SP}{{1,2}})?(?:tuned|tuning|tunes?){SP}{{1,2}}in",
    _F,
)
_A_TUNED = group("tuned", "tuning", "tune", "tunes")
# "A total of 141.4 million people watched at least some part of the game, Nielsen said": people
# who watched, with no video named, are an audience only where the sentence speaks of a broadcast
# or live event (filters._live_audience); elsewhere the count stays out.
# A few words may come between the people and their verb: "8.4 million Australians aged 18-plus
# (44.5 per cent) watched", "98.7 million people, on average, were watching", "the 86.1 million
# people who watched", "55.2 million people turned out to see".
_WATCHED_RE = re.compile(
    rf"{_QUAL}(?P<list>{NUMBER}){_PLUS}{SP}{{1,2}}(?:{'|'.join(v.COUNTED_PEOPLE['en'])})"
    rf"(?:,?(?:{SP}{{1,2}}[^\s.;:!?]{{1,20}}){{1,5}}?,?)??"
    rf"{SP}{{1,2}}(?:who{SP}{{1,2}})?(?:(?:have|had|were){SP}{{1,2}})?"
    rf"(?:watched|were{SP}{{1,2}}watching|watching|turned{SP}{{1,2}}out{SP}{{1,2}}to{SP}{{1,2}}(?:see|watch)"
    # "Over 2.47 million people followed the stream live": watched it.
    rf"|followed{SP}{{1,2}}the{SP}{{1,2}}(?:stream|livestream|live{SP}{{1,2}}stream|broadcast|coverage))\b",
    _F,
)
_A_WATCHED = group("watched", "watching", "turned", "followed")
# "An average of 8.9 million watched the Eurovision Song Contest", "with 8.9 million viewing the debut
# episode": a figure in millions with no people named, then its verb; an audience under the same
# condition as _WATCHED_RE.
_BARE_WATCHED_RE = re.compile(
    rf"(?:\ban{SP}{{1,2}}average{SP}{{1,2}}of{SP}{{1,2}})?{_QUAL}(?P<list>{NUMBER}){_PLUS}"
    rf"{SP}{{1,2}}(?:(?:have|had|were){SP}{{1,2}})?(?:watched|watching|viewing)\b",
    _F,
)
_A_BARE_WATCHED = group("watched", "watching", "viewing")
# "The halftime show ... peaked at 5 million at one point on YouTube": a live or broadcast audience's
# peak, where no count is named before it in the sentence (else rules/echoes.py reads it: "tweets
# peaked at 5,106 per second").
# The figure ends its phrase ("peaked at 5 million at one point"), not "peaked at 5 million kilowatts".
_PEAK_WORDS = ("peaked", "peaking", "peaks", "peak")
_PEAKED_RE = re.compile(
    rf"\b(?:{'|'.join(_PEAK_WORDS)}){SP}{{1,2}}at{SP}{{1,2}}{_QUAL}(?P<list>{NUMBER}){_PLUS}"
    rf"(?={SP}{{0,2}}(?:[,.;:)!?]|$)|{SP}{{1,2}}(?:at|on|in|during|for|when|as|and|viewers|people)\b)",
    _F,
)
_A_PEAKED = group(*_PEAK_WORDS)
_COUNT_NAMED = re.compile(rf"\b(?:{_alt([*v.COUNT_NOUNS['en'], *v.AUDIENCE_NOUNS['en']])})\b", _F)
# The figure's scale word, which makes a bare figure big enough to be an audience.
_SCALED = re.compile(
    rf"(?:{'|'.join(sorted((w for w, x in SCALES.items() if x >= 1e3 and w != 'thousand'), key=len, reverse=True))})\b",
    re.IGNORECASE,
)
# "ten million following its main account", "100,000 people also followed the Fortnite Twitter
# account": who follows an online account, people named or not (a count of at least 1,000: "3
# follow the rules" is no audience).
_FOLLOWING_ACCOUNT_RE = re.compile(
    rf"{_QUAL}(?P<list>{NUMBER}){_PLUS}(?:{SP}{{1,2}}(?:{'|'.join(_PEOPLE)}))?"
    rf"(?:{SP}{{1,2}}(?:also|now|already))?{SP}{{1,2}}(?:follow|follows|following|followed)"
    rf"{SP}{{1,2}}(?:the|his|her|its|their|him|them|@|(?-i:[A-Z]))",
    _F,
)
_A_FOLLOWED = group("follow", "follows", "following", "followed")


def _follows(ctx: _Context) -> None:
    """ "Some 50 million people follow her": followers (or subscribers, "subscribe to")."""
    for m in ctx.scan.matchiter(_FOLLOW_RE, _F_QUAL_NUMBER, _A_FOLLOW, _A_PEOPLE_FOLLOW):
        did = m.group("did")
        if did is not None:
            metric = _PEOPLE_DID[did.lower()]
        else:
            metric = "followers" if m.group("verb").lower() == "follow" else "subscribers"
        # "Between 20,000 and 25,000 people have commented": one range.
        _figures(ctx, m, metric, scope=None, window=None, single=parse_number(m.group("list")) is not None)
    for m in ctx.scan.finditer(_FOLLOWING_RE, _A_FOLLOWING):
        whole, after = m.group("whole").lower(), _AFTER_WHOLE.match(ctx.text, m.end())
        if after is not None and (whole == "following" or not after.group("people")):
            continue
        _figures(ctx, m, _WHOLE_AUDIENCES[whole], scope=_scope_of(m), window=None, ranges=False)
    for m in ctx.scan.finditer(_TUNED_RE, _A_TUNED):
        _figures(ctx, m, "viewers", scope=None, window=None, ranges=False)
    for m in ctx.scan.finditer(_FOLLOWING_ACCOUNT_RE, _A_FOLLOWED):
        value = parse_number(m.group("list"))
        # "2,000 people followed the coffin": only an online account's followers count.
        if (
            value is not None
            and value >= 1000
            and _online_context(ctx.text, ctx.sentences.around(m.start()), "en")
        ):
            _figures(ctx, m, "followers", scope=None, window=None, ranges=False)
    watched = list(ctx.scan.finditer(_WATCHED_RE, _A_WATCHED))
    watched += [
        m for m in ctx.scan.finditer(_BARE_WATCHED_RE, _A_BARE_WATCHED) if _SCALED.search(m.group("list"))
    ]
    watched += [
        m
        for m in ctx.scan.finditer(_PEAKED_RE, _A_PEAKED)
        if _SCALED.search(m.group("list"))
        and _COUNT_NAMED.search(ctx.text, max(ctx.sentences.around(m.start())[0], m.start() - 120), m.start())
        is None
    ]
    for m in watched:
        sent = ctx.sentences.around(m.start())
        # A live event's words, or a broadcaster's ("on TV", "on BBC One"), which make views viewers.
        if (
            "followed" in m.group().lower()  # "followed the stream": a live audience by its verb
            or _live_audience(ctx.scan, sent, m.start())
            or not _metric_allowed(ctx.scan, "views", sent, m.start())
        ):
            _figures(ctx, m, "viewers", scope=None, window=None, ranges=False)


# "liked by more than 30,000 people", "viewed by 2 million users".
_BY_PEOPLE_RE = re.compile(
    # "watched by a combined 7.7million people": their sum.
    rf"\b(?P<verb>{_alt(_BY_PEOPLE_VERBS)}){SP}{{1,2}}by{SP}{{1,2}}(?:(?P<pscope>a{SP}{{1,2}}combined){SP}{{1,2}})?{_QUAL}"
    # "watched by between 200,000 and 250,000 people": one range.
    rf"(?:between{SP}{{1,2}})?(?P<list>{NUMBER}(?:{SP}{{1,2}}(?:and|to){SP}{{1,2}}{NUMBER})?){_PLUS}{SP}{{1,2}}"
    rf"(?:{'|'.join(_BY_PEOPLE)})\b"
    # "followed by more than 1 million users in under six hours".
    rf"(?:{_BEFORE_WINDOW}(?P<win>{WINDOW}))?",
    _F,
)
_A_PEOPLE = group(*_BY_PEOPLE)


def _by_people(ctx: _Context) -> None:
    """ "liked by more than 30,000 people"."""
    for m in ctx.scan.matchiter(_BY_PEOPLE_RE, _F_TIMES_VERBS, _A_TIMES_VERBS, _A_PEOPLE, digits=False):
        # "watched by 1.3 million viewers": the noun says it is an audience, read once as such
        # (a video's viewers become its views in _Context.add), never also as views.
        audience = m.group().rstrip().lower().endswith("viewers")
        _figures(
            ctx,
            m,
            "viewers" if audience else _BY_PEOPLE_VERBS[" ".join(m.group("verb").lower().split())],
            scope=_scope_of(m),
            window=_window_of(m),
            single=parse_number(m.group("list")) is not None,
        )
