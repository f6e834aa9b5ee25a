"""Counts: a figure before its noun.

[a combined] [qualifier] NUMBER[-plus|+] [up to 3 modifier words] NOUN [scope] [window]
("more than 5 million views combined in their first day", "two Mandarin-language videos", "500K+
views", "610,000 plays"); a list of figures is one claim each ("170,000 and 140,000 views,
respectively"), "between A and B views" one range. Also "Three of the videos" and the count as a
compound adjective ("a 3-million-view rant").
"""

from __future__ import annotations

import re

from metrics.extract.anchors import group
from metrics.extract.claims import vocabulary as v
from metrics.extract.claims.bounds import claim_bounds
from metrics.extract.claims.context import _Context
from metrics.extract.claims.figures import _figures, _group, _scope_of, _window_of
from metrics.extract.claims.filters import _number_ok, _online_context
from metrics.extract.claims.fragments import (
    _A_NOUNS,
    _COUNT_NOUNS,
    _COUNT_WORDS,
    _F,
    _F_NONE,
    _F_NUMBER,
    _F_QUAL_NUMBER,
    _GAP,
    _LIST_SEP,
    _NOUN,
    _PLUS,
    _POST,
    _PSCOPE,
    _QUAL,
)
from metrics.extract.numbers import DIGITS, NUMBER, SP, parse_number, written_step

# One figure or a list of them before the noun: "more than 5 million views combined", "170,000 and
# 140,000 views". One pattern, so each start is tried once; `more` is set when it is a list.
_COUNT_RE = re.compile(
    # The noun may be in quotation marks: "52,802 ‘likes’", "more than a million “likes”".
    rf"{_PSCOPE}{_QUAL}(?P<list>{NUMBER}(?P<more>(?:{_LIST_SEP}{NUMBER}){{1,5}})?){_PLUS}{_GAP}{SP}{{1,2}}"
    rf"[\"'\u2018\u201c]?{_NOUN}(?:[\"'\u2019\u201d](?![A-Za-z]))?{_POST}",
    _F,
)
_NEW_IN_GAP = re.compile(r"\bnew\b", re.IGNORECASE)
_FEWER_IN_GAP = re.compile(r"\bfewer\b", re.IGNORECASE)
_MARK_AFTER = re.compile(rf"{SP}{{1,2}}(?:{'|'.join(v.MARK_NOUNS['en'])})\b", _F)
_SWITCHED_OFF = re.compile(
    rf"(?:{SP}{{1,2}}(?:have|had|has))?{SP}{{1,2}}(?:switched|switch|switching|turned|tuned)"
    rf"{SP}{{1,2}}(?:off|out|away)\b",
    _F,
)
_MODIFIED = v.MODIFIED_COUNT_NOUNS["en"]


def _counts(ctx: _Context) -> None:
    """Figures before their noun: "more than 5 million views combined in their first day"; a list
    ("170,000 and 140,000 views") is one claim per figure, "between A and B views" one range."""
    for m in ctx.scan.matchiter(_COUNT_RE, _F_QUAL_NUMBER, _A_NOUNS):
        if _MARK_AFTER.match(ctx.text, m.end()) is not None:
            continue  # "passed the 500,000 subscribers mark": a mark (rules/marks.py)
        noun = m.group("noun").lower()
        single = m.group("more") is None
        if single and noun in ("streams", "subs") and (parse_number(m.group("list")) or 0) < 1000:
            continue  # "three streams" is a count of broadcasts; "a billion streams" is plays
        scope = _scope_of(m)
        if scope in (None, "combined") and _NEW_IN_GAP.search(_group(m, "gap") or "") is not None:
            scope = "gain"  # "9,500 new followers", "120,000 new subscribers in a week"
        elif scope is None and (
            _FEWER_IN_GAP.search(_group(m, "gap") or "") is not None or _SWITCHED_OFF.match(ctx.text, m.end())
        ):
            scope = "loss"  # "62,000 fewer viewers", "more than 45,000 viewers switched off"
        gap = (_group(m, "gap") or "").split()
        metric = _MODIFIED.get((gap[-1].lower(), noun), _COUNT_NOUNS[noun]) if gap else _COUNT_NOUNS[noun]
        _figures(ctx, m, metric, scope=scope, window=_window_of(m), single=single)


# "Three of the videos each drew ...": a count of the videos a sentence goes on to describe.
_OF_THE_NOUNS = [v.MEDIA_NOUNS["en"][n] for n in v.OF_THE_NOUNS["en"]]
_OF_THE_RE = re.compile(
    rf"(?P<list>{NUMBER}){SP}{{1,2}}of{SP}{{1,2}}(?:the|its|their|his|her|these|those){SP}{{1,2}}"
    rf"(?P<noun>{'|'.join(_OF_THE_NOUNS)})\b(?!-)",
    _F,
)
_A_VIDEO_NOUNS = group(*_OF_THE_NOUNS)
_A_OF = group("of")


def _of_the(ctx: _Context) -> None:
    """ "Three of the videos": a video count (figures under 2 are dropped by _number_ok)."""
    for m in ctx.scan.matchiter(_OF_THE_RE, _F_NUMBER, _A_VIDEO_NOUNS, _A_OF):
        value = parse_number(m.group("list"))
        if value is None or not _number_ok(ctx.text, m.start(), value, m.group("list"), "video_count"):
            continue
        ctx.add("video_count", value, "exact", value, value, None, None, None, m.group("noun"), m.span())


# "a 3-million-view rant", "her 250,000-follower account": the count as a compound adjective. Not
# "the 100,000-view milestone", a mark the count passes (rules/marks.py).
_ADJ_COUNT_WORDS = [w for w in _COUNT_WORDS if w not in v.NOT_ADJECTIVE_COUNT_WORDS["en"]]
# What a count adjective names that is not the count's own item: a mark, a rule, a goal.
_NOT_ADJ_NOUNS = (
    *v.MARK_NOUNS["en"], "club", "target", "goal", "count", "figure", "level", "limit", "cap", "minimum", "maximum",
    "rule", "requirement",
)  # fmt: skip
_ADJ_COUNT_RE = re.compile(
    rf"(?<![\w.,$-])(?P<list>{DIGITS}(?:-(?:{'|'.join(v.ROUND_SCALES['en'])})|[km]|bn)?)"
    rf"-(?P<cw>{'|'.join(_ADJ_COUNT_WORDS)})\b(?!-)"
    rf"(?!{SP}{{1,2}}(?:{'|'.join(_NOT_ADJ_NOUNS)})s?\b)",
    _F,
)
_A_ADJ_COUNT = group(*_ADJ_COUNT_WORDS)


def _adjective_counts(ctx: _Context) -> None:
    """ "a 3-million-view rant": one claim of the count the adjective states."""
    for m in ctx.scan.matchiter(_ADJ_COUNT_RE, _F_NONE, _A_ADJ_COUNT):
        raw = m.group("list").replace("-", " ")
        value = parse_number(raw)
        metric = _COUNT_WORDS[m.group("cw").lower()]
        # "a 2-view limit" is a rule, not a reported count; an audience worth a headline is bigger.
        if value is None or value < 100 or not _number_ok(ctx.text, m.start(), value, raw, metric):
            continue
        bound, low, high = claim_bounds(value, None, written_step(raw))
        sent = ctx.sentences.around(m.start())
        ctx.add(
            metric, value, bound, low, high, None, None, None, ctx.sentence_subject(sent, m.start()), m.span()
        )


# "80,000 TPM", "52,757 tpm": posts at a rate, written as one abbreviation.
_RATE_NOUNS = v.RATE_NOUNS["en"]
_RATE_NOUN_RE = re.compile(
    rf"{_QUAL}(?P<list>{NUMBER}){_PLUS}{SP}{{1,2}}(?P<noun>{'|'.join(_RATE_NOUNS)})\b(?!-)", _F
)
_A_RATE_NOUNS = group(*_RATE_NOUNS)


def _rate_nouns(ctx: _Context) -> None:
    """ "271,775 TPM": a count of posts per minute (or second), its noun and rate in one word."""
    for m in ctx.scan.matchiter(_RATE_NOUN_RE, _F_QUAL_NUMBER, _A_RATE_NOUNS):
        metric, rate = _RATE_NOUNS[m.group("noun").lower()]
        _figures(ctx, m, metric, scope=rate, window=None, ranges=False, single=True)


# "That guy has 28,000 fans", "five million fans and 309 million likes on the platform": fans of an
# online account are its followers (only where the sentence names one: filters._online_context).
_ONLINE_NOUNS = v.ONLINE_COUNT_NOUNS["en"]
_ONLINE_NOUN_RE = re.compile(
    rf"{_QUAL}(?P<list>{NUMBER}){_PLUS}{_GAP}{SP}{{1,2}}(?P<noun>{'|'.join(_ONLINE_NOUNS)})\b(?!-)", _F
)
_A_ONLINE_NOUNS = group(*_ONLINE_NOUNS)
# "1.19 million fans watched it on Weverse": fans who watched are an audience (rules/follows.py).
_WATCHING_AFTER = re.compile(
    rf"{SP}{{1,2}}(?:who{SP}{{1,2}})?(?:(?:have|had|were){SP}{{1,2}})?(?:watched|watching|tuned|tuning|viewed|saw)\b",
    _F,
)


def _online_nouns(ctx: _Context) -> None:
    """ "has 28,000 fans" on an online account: followers."""
    for m in ctx.scan.matchiter(_ONLINE_NOUN_RE, _F_QUAL_NUMBER, _A_ONLINE_NOUNS):
        sent = ctx.sentences.around(m.start())
        if _WATCHING_AFTER.match(ctx.text, m.end()) is not None:
            continue
        if not _online_context(ctx.text, sent, "en") or any(
            c.span is not None and c.span[0] < m.end() and m.start() < c.span[1] for c in ctx.claims
        ):
            continue  # "1.19 million fans watched it on Weverse": an audience, read already
        _figures(ctx, m, _ONLINE_NOUNS[m.group("noun").lower()], scope=None, window=None, ranges=False)
