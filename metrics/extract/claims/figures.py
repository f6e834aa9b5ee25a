"""A matched figure (or list of figures) into claims: values, bounds, ranges, scope and window.

Bounds: lower ("more than", "over", "topped", "N-plus" ...) is [value, None]; upper ("nearly", "up
to" ...) is [None, value]; approx ("about", "some" ...) is [0.9*value, 1.1*value], a fixed +-10% band
that is a convention, not a measurement; plain figures are exact, [value, value] when written in
full ("1,234,567") and the written precision when rounded to a scale word ("5.2 million" is
[5.15, 5.25] million, see numbers.written_step).

Lists: "170,000 and 140,000 views, respectively" -> one claim per figure (paired with platforms
named "respectively"); "between A and B" and "2 to 3 million" -> one range, the bare first figure
borrowing the second's scale word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from typing import NamedTuple

from metrics.extract.claims import vocabulary as v
from metrics.extract.claims.bounds import claim_bounds
from metrics.extract.claims.context import _Context
from metrics.extract.claims.filters import (
    _ENGAGEMENT,
    _MONTH_BEFORE,
    SIGN_BEFORE,
    _gap_ok,
    _live_audience,
    _metric_allowed,
    _number_ok,
)
from metrics.extract.claims.fragments import _CHANGE_VERB_ALT, _F, _NUMBER_RE
from metrics.extract.claims.subjects import _gap_subject, _norm, _platforms
from metrics.extract.claims.time_scope import EARLIER
from metrics.extract.numbers import SCALES, SP, parse_number, written_step
from metrics.model import Claim

# Keyed by id, with the pattern kept to check identity: hashing a Pattern hashes its whole source.
_GROUP_NAMES: dict[int, tuple[re.Pattern[str], frozenset[str]]] = {}


def _group(m: re.Match[str], name: str) -> str | None:
    """m's group `name`, or None when the pattern has no such group (cheaper than groupdict())."""
    entry = _GROUP_NAMES.get(id(m.re))
    if entry is None or entry[0] is not m.re:  # Pattern.groupindex builds a new mapping on every access
        entry = _GROUP_NAMES[id(m.re)] = (m.re, frozenset(m.re.groupindex))
    return m.group(name) if name in entry[1] else None


def _scope_of(m: re.Match[str]) -> str | None:
    raw = _norm(_group(m, "pscope")) or _norm(_group(m, "scope"))
    gap = (_group(m, "gap") or "").lower().split()
    if raw is None:
        raw = next((w for w in gap if w in ("combined", "total", "cumulative")), None)
        if raw == "total" and (_group(m, "noun") or "").lower() == "viewers":
            return None  # "9.5 million total viewers": ratings' word for all viewers, not a sum
    if raw is None:
        return None
    if raw in ("each", "apiece"):
        return "each"
    if "total" in raw:
        return "total"
    return "combined"  # "combined", "cumulative", "across ..."


def _window_of(m: re.Match[str]) -> str | None:
    return _norm(_group(m, "wcore") or _group(m, "wcore2"))


def _inherit_scale(first: str, value: float, second: str) -> float:
    """ "between 2 and 3 million": the bare first figure takes the second one's scale word."""
    words = second.lower().split()
    tail = words[-1] if words else ""
    if first.strip().replace(".", "", 1).isdigit() and value < 1000 and len(words) == 2 and tail in SCALES:
        return value * SCALES[tail]
    return value


def _subject_for(ctx: _Context, m: re.Match[str], metric: str, sent: tuple[int, int]) -> str | None:
    if metric == "video_count" and _group(m, "gap") is not None and _group(m, "noun") is not None:
        return _gap_subject(m.group("gap"), m.group("noun"))
    return ctx.sentence_subject(sent, m.start())


class _Figure(NamedTuple):
    """One figure of a "list" group: where it starts and ends, and its text."""

    start: int
    end: int
    raw: str


# "between 100,000 and 200,000 views" and "2 to 3 videos" are one range, not two figures.
_RANGE_BEFORE = re.compile(r"\b(between|from)[ \t\u00a0]{1,2}$", _F)
_RANGE_SEP = re.compile(rf"{SP}{{1,2}}to{SP}{{1,2}}", _F)
_MOVED_FROM = re.compile(rf"\b(?:{_CHANGE_VERB_ALT})[ \t\u00a0]{{1,2}}f$", _F)


# A count of people ("watched by 8 million users", "26m people watched"), not of views.
_PEOPLE_IN = re.compile(rf"\b(?:{'|'.join(v.COUNTED_PEOPLE['en'])})\b")


def _figures(
    ctx: _Context,
    m: re.Match[str],
    metric: str,
    *,
    scope: str | None,
    window: str | None,
    ranges: bool = True,
    single: bool = False,
    from_to: bool = False,
    from_one: bool = False,
    platform: str | None = None,
) -> None:
    """One claim per figure in m's "list" group; two figures joined by "to" (or after "between") are
    one range. `single`: the group is one NUMBER, so it is not searched again for its figures.
    `from_to`: two figures are the count before and after a change ("jumped from 2,000 to
    160,000"); `from_one`: the one figure is the count before ("leapt from about 12,000 to ...").
    `platform`: the figures' own platform, when the caller knows it (else _Context.add reads it)."""
    text = ctx.text
    sent = ctx.sentences.around(m.start())
    if not _gap_ok(_group(m, "gap"), metric):
        return
    if metric == "views" and _PEOPLE_IN.search(m.group()) and _live_audience(ctx.scan, sent, m.start()):
        metric = "viewers"  # "watched by 8 million users" of a live stream: a live audience
    elif metric != "views" and not _metric_allowed(ctx.scan, metric, sent, m.start()):
        return  # views in a broadcast's words become viewers in _Context.add, for every rule
    if single:
        nums = [_Figure(m.start("list"), m.end("list"), m.group("list"))]
    else:
        nums = [_Figure(n.start(), n.end(), n.group()) for n in _NUMBER_RE.finditer(text, *m.span("list"))]
    day = (
        len(nums) > 1
        and len(nums[0].raw) <= 2
        and nums[0].raw.isdigit()
        and _MONTH_BEFORE.search(text, max(0, nums[0].start - 12), nums[0].start) is not None
    )
    if day:
        nums = nums[1:]  # "On April 17, 2.4 crore viewers": the day heads no list
    if not nums:
        return
    values: list[float] = []
    for n in nums:
        value = parse_number(n.raw)
        if value is None:
            return
        values.append(value)
    raws = [n.raw for n in nums]
    between = None
    range_shape = False
    if ranges and len(values) == 2:
        # "between" before the pattern ("between 2 and 3 million views") or inside it ("viewed between ...").
        between = _RANGE_BEFORE.search(text, max(0, m.start("list") - 10), m.start("list"))
        range_shape = (
            between is not None or _RANGE_SEP.fullmatch(text, nums[0].end, nums[1].start) is not None
        )
        if (
            between is not None
            and between.group(1).lower() == "from"
            and _MOVED_FROM.search(text, max(0, between.start() - 20), between.start() + 1)
        ):
            # "went from 50,000 to 300,000 followers": the count before and after, not a range.
            between, range_shape = None, False
    if range_shape:
        # "1.5 to 2 million times": the bare first figure is in the second one's scale.
        scaled = _inherit_scale(nums[0].raw, values[0], nums[1].raw)
        if scaled != values[0]:
            values[0], raws[0] = scaled, f"{nums[0].raw} {nums[1].raw.split()[-1]}"
    elif len(nums) > 1:
        # "68, 45, and 42 million followers respectively": figures written bare before the last
        # one's scale word are in that scale, as a range's first figure is.
        scaled_all = [_inherit_scale(n.raw, v, nums[-1].raw) for n, v in zip(nums[:-1], values, strict=False)]
        if all(sv != v for sv, v in zip(scaled_all, values, strict=False)):
            tail = nums[-1].raw.split()[-1]
            for i, sv in enumerate(scaled_all):
                values[i], raws[i] = sv, f"{nums[i].raw} {tail}"
    for n, value, raw in zip(nums, values, raws, strict=True):
        if not _number_ok(text, n.start, value, raw, metric):
            return
    qual = _norm(m.group("qual"))
    plus = _group(m, "plus") if qual is None else None
    if plus == "+" and metric == "viewers" and values[0] < 100:
        return  # "970,000 total 2+ viewers": an age group (2 and over), not a count
    if plus:
        qual = "odd" if plus.lower() == "-odd" else "plus"
    # "~3.4bn views": a tilde for "about", written right before the figure.
    tilde = qual is None and m.start() > 0 and m.start() == nums[0].start and text[m.start() - 1] == "~"
    if tilde:
        qual = "~"
    subject = _subject_for(ctx, m, metric, sent)
    if range_shape and not qual:
        lo, hi = sorted((values[0], values[1]))
        start = min(between.start(), m.start()) if between is not None else m.start()
        qualifier = between.group(1).lower() if between is not None else "to"
        ctx.add(metric, None, "approx", lo, hi, qualifier, scope, window, subject, (start, m.end()))
        return
    own = _respective_platforms(ctx, m, sent, len(nums)) if len(nums) > 1 else None
    # "follower count jumped from 2,000 to 160,000": the first figure is the count before the change.
    before_change = (len(nums) == 2 and from_to) or from_one
    for i, (n, value) in enumerate(zip(nums, values, strict=True)):
        start = (m.start() - tilde) if i == 0 and not day else n.start
        end = m.end() if i == len(nums) - 1 else n.end
        bound, low, high = claim_bounds(value, qual, written_step(raws[i]))
        own_platform = own[i] if own is not None else platform
        earlier = before_change and i == 0 and metric in _ENGAGEMENT
        # "Real Madrid (+48 million followers)": a change, written with its sign (this figure only).
        signed = (
            SIGN_BEFORE.search(text, max(0, start - 2), start)
            if scope is None and metric in _ENGAGEMENT
            else None
        )
        own_scope = scope if signed is None else "gain" if signed.group("sign") == "+" else "loss"
        # Each figure is inside m, so in m's sentence.
        ctx.add(
            metric,
            value,
            bound,
            low,
            high,
            qual,
            EARLIER if earlier else own_scope,
            None if earlier else window,
            subject,
            (start, end),
            own_platform,
            sent,
        )


# "... 14,000, 9,000 and 3,500 times on Facebook, X and WhatsApp respectively".
_RESPECTIVELY = re.compile(
    rf"(?:{SP}{{1,2}}on{SP}{{1,2}}(?P<where>[^.;!?\n]{{1,80}}?))?,?{SP}{{1,2}}respectively\b", _F
)


def _respective_platforms(ctx: _Context, m: re.Match[str], sent: tuple[int, int], n: int) -> list[str] | None:
    """The platform of each of a list's n figures when "respectively" pairs them with n platforms,
    named after the figures ("on Facebook, X and WhatsApp respectively") or before them ("The band's
    Instagram and TikTok accounts have 640,000 and 1.9 million followers respectively")."""
    r = _RESPECTIVELY.match(ctx.text, m.end())
    if r is None:
        return None
    where = r.span("where") if r.group("where") else (sent[0], m.start())
    named = _platforms(ctx.scan, *where)
    names = named.split(", ") if named else []
    if len(names) == n:
        return names
    # Figures and platforms do not pair one to one: each figure is of all of them, not the nearest.
    return [named] * n if named is not None and len(names) > 1 else None


def dedupe_claims(claims: Iterable[Claim]) -> tuple[Claim, ...]:
    """One claim per repeated figure: same metric, value, bound, scope and window.

    The first occurrence keeps its span; later ones go to `also_spans` (a headline, standfirst
    and body, or a caption repeating a figure, however each words it).
    """
    firsts: list[Claim] = []
    repeats: list[list[tuple[int, int]]] = []
    index: dict[tuple[object, ...], int] = {}
    for claim in claims:
        key = (
            claim.metric,
            claim.value,
            claim.bound,
            claim.low,
            claim.high,
            claim.scope,
            claim.time_window,
        )
        if key in index:
            if claim.span is not None:
                repeats[index[key]].append(claim.span)
        else:
            index[key] = len(firsts)
            firsts.append(claim)
            repeats.append([])
    return tuple(
        replace(c, also_spans=(*c.also_spans, *more)) if more else c for c, more in zip(firsts, repeats)
    )
