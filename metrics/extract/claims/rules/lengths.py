"""Lengths (video_length): "more than 2-minute-long videos", "the video runs 2 minutes and 30
seconds", "the 2:14 video", "the footage, roughly 11 minutes long,", "At 12 minutes, the film is
...", and a video's title line with its running time ("WATCH: The moment ... (1:38)")."""

from __future__ import annotations

import re

from metrics.extract.anchors import group
from metrics.extract.claims import vocabulary as v
from metrics.extract.claims.bounds import claim_bounds
from metrics.extract.claims.context import _Context
from metrics.extract.claims.figures import _group
from metrics.extract.claims.filters import _gap_ok
from metrics.extract.claims.fragments import (
    _A_DURATION,
    _A_MEDIA,
    _F,
    _F_MEDIA,
    _F_QUAL_DURATION,
    _GAP,
    _MEDIA,
    _QUAL,
)
from metrics.extract.claims.subjects import _WORD_BEFORE, _gap_subject, _norm, _noun_phrase
from metrics.extract.numbers import CLOCK, DURATION, SP, WORD_NUMBER, parse_duration

# "The footage, roughly 11 minutes long, ...": an appositive length must say "long".
# "30 to 60 seconds long": the first figure of a length range, in the second one's unit.
_RLOW = (
    rf"(?:(?P<btw>between{SP}{{1,2}})?(?P<rlow>[0-9]{{1,4}}|{WORD_NUMBER})"
    # The second figure starts right after: "3-minute" is no range, so its "3" is not tried as one.
    rf"(?(btw){SP}{{1,2}}and{SP}{{1,2}}|(?:{SP}{{1,2}}to{SP}{{1,2}}|-|\u2013))(?=[0-9]|{WORD_NUMBER}\b))?"
)
_MEDIA_PHRASE = rf"(?P<noun>{_MEDIA})\b(?:{SP}{{1,2}}(?:message|statement|address|appeal|diary|essay|report|series|release|q&a|interview|session))?"
# "lasts just 12 seconds": an exact length, unlike "just under 12 seconds" (a qualifier).
_MERE = rf"(?:(?:just|only|a{SP}{{1,2}}mere|all{SP}{{1,2}}of|simply){SP}{{1,2}}(?!(?:under|over|shy|short|about|around)\b))?"
# "a 2-3 minute video": a range, never its second half alone.
_LENGTH_BEFORE_RE = re.compile(
    rf"(?<![0-9][-\u2013]){_QUAL}{_RLOW}(?P<dur>{DURATION})(?P<plus>-plus\b|\+)?{_GAP}{SP}{{1,2}}(?P<noun>{_MEDIA})\b(?!-)",
    _F,
)
# "The two clips, of 38 and 52 seconds, ...": one length per figure, in the last one's unit.
_LENGTH_LIST_RE = re.compile(
    rf"\b(?P<noun>{_MEDIA})\b,?{SP}{{1,2}}(?:of|at|lasting|running){SP}{{1,2}}"
    rf"(?P<list>[0-9]{{1,3}}(?:,{SP}{{1,2}}[0-9]{{1,3}}){{0,4}},?{SP}{{1,2}}and{SP}{{1,2}}[0-9]{{1,3}})"
    rf"{SP}{{1,2}}(?P<unit>seconds|minutes|hours)\b",
    _F,
)
_LENGTH_AFTER_RE = re.compile(
    rf"\b{_MEDIA_PHRASE}(?:{SP}{{1,2}}(?:in|of|from|on){SP}{{1,2}}(?:the|this|that|its|their|his|her)"
    # Lower-case words: a capital starts a new sentence where a page lost its full stop.
    rf"(?:{SP}{{1,2}}(?-i:[a-z'\u2019-]{{1,20}})){{1,4}}"
    # "His video on Doctor Strange is 5 hours and 50 minutes": what a video is about, any case.
    rf"|{SP}{{1,2}}(?:on|about){SP}{{1,2}}(?:[A-Za-z'\u2019:-]{{1,20}}{SP}{{1,2}}){{0,5}}[A-Za-z'\u2019:-]{{1,20}})?"
    # "The CCTV footage released by Scotland Yard, which is 75 seconds long".
    rf"(?:{SP}{{1,2}}(?:released|posted|published|shared|uploaded|filmed|recorded|obtained){SP}{{1,2}}by"
    rf"(?:{SP}{{1,2}}(?:the{SP}{{1,2}})?(?-i:[A-Z][\w'\u2019-]{{0,20}})){{1,3}}(?=,))?,?{SP}{{1,2}}"
    # "14 bodycam videos from the raid, the longest of which runs 27 minutes".
    rf"(?:(?:which|that|the{SP}{{1,2}}(?:longest|shortest)(?:{SP}{{1,2}}of{SP}{{1,2}}which)?){SP}{{1,2}})?"
    rf"(?:(?:typically|usually|generally|mostly|often|only|just|actually|now){SP}{{1,2}})?"
    rf"(?:(?:is|was|are|were|runs|ran|run|lasts|lasted|lasting|running)(?:{SP}{{1,2}}(?:for|at|to))?"
    rf"|each(?:{SP}{{1,2}}(?:part|episode|one|instalment|installment))?|clocks{SP}in{SP}at"
    rf"|clocking{SP}in{SP}at|clocked{SP}in{SP}at|with{SP}a{SP}running{SP}time{SP}of)"
    rf"{SP}{{1,2}}{_MERE}{_QUAL}{_RLOW}(?P<dur>{DURATION})"
    # "runs 2 hours longer than the original": a difference, not a length.
    rf"(?!{SP}{{1,2}}(?:longer|shorter|less|more)\b)",
    _F,
)
_LENGTH_APPOS_RE = re.compile(
    rf"\b{_MEDIA_PHRASE}(?:,|{SP}{{0,2}}[\u2014\u2013(]|{SP}--?){SP}{{0,2}}(?:(?:typically|usually|mostly|generally|each|all|just|only){SP}{{1,2}}"
    rf"(?:(?:part|episode|one|instalment|installment){SP}{{1,2}})?)?{_QUAL}{_RLOW}(?P<dur>{DURATION})"
    # "The dashcam video, 3:41 in length, ..."
    rf"(?:{SP}{{1,2}}(?:long|in{SP}{{1,2}}length))?(?:(?<=long)|(?<=length))"
    rf"(?=,|\)|{SP}{{0,2}}[\u2014\u2013]|{SP}--?{SP}|{SP}(?:and|has|have|had|was|is|are|were)\b)",
    _F,
)
# "At 12 minutes, the film is the longest ...": a length fronted before its video.
_AT_LENGTH_RE = re.compile(
    rf"\b[Aa]t{SP}{{1,2}}{_QUAL}(?P<dur>{DURATION}),{SP}{{1,2}}(?:the|this|that|her|his|its|their){SP}{{1,2}}"
    rf"(?:[A-Za-z-]{{1,20}}{SP}{{1,2}})?(?P<noun>{_MEDIA}){SP}{{1,2}}(?:is|was|runs|ran)\b",
    _F,
)
# "The clip of the outburst, all 2 minutes 38 seconds of it, ...".
_ALL_OF_IT_RE = re.compile(
    rf"\b{_MEDIA_PHRASE}(?:{SP}{{1,2}}of{SP}{{1,2}}(?:the|this|that|its|their|his|her){SP}{{1,2}}[A-Za-z-]{{1,20}})?"
    rf"(?:,|{SP}{{0,2}}[\u2014\u2013(]|{SP}--?){SP}{{0,2}}all{SP}{{1,2}}(?P<qual>)(?P<dur>{DURATION}){SP}{{1,2}}of{SP}{{1,2}}it\b",
    _F,
)
# "The Met Office's storm warning video (2min 14sec)": a length in brackets right after its noun.
_LENGTH_PAREN_RE = re.compile(
    rf"\b{_MEDIA_PHRASE}{SP}{{0,2}}\({SP}{{0,2}}(?P<qual>)(?P<dur>{DURATION}){SP}{{0,2}}\)", _F
)
_LENGTH_SET_OFF_RE = re.compile(
    rf"\b{_MEDIA_PHRASE}(?:,{SP}{{1,2}}(?:itself{SP}{{1,2}})?an?{SP}{{1,2}}(?:[a-z]{{3,15}}{SP}{{1,2}})?"
    rf"|(?P<dashed>{SP}{{1,2}}[-\u2013\u2014]{SP}{{1,2}}))(?P<qual>)(?P<dur>{DURATION})"
    # Between dashes, the closing one; after a comma, the clause goes on.
    rf"(?(dashed)(?={SP}{{1,2}}[-\u2013\u2014]{SP})"
    rf"|(?=,|{SP}{{1,2}}(?:from|of|in|on|that|which|shot|filmed|recorded)\b|{SP}{{0,2}}[\u2013\u2014]))",
    _F,
)
# "The trailer, itself a brisk 90 seconds, ...", "The footage, a grainy 34 seconds from a doorbell
# camera, ...", "The video - 11 minutes, 38 seconds - is ...": a bare length set off after its noun.
_MEDIA_OWNER = re.compile(rf"\b({_MEDIA})['\u2019]s\b", _F)
_A_LONG = group("long", "length")
_A_ALL = group("all")
_F_AT = frozenset(["at"])
_DUR_UNIT_RE = re.compile(r"\b(?:hours?|hrs?|minutes?|mins?|seconds?|secs?)\b", _F)
_ONLINE = re.compile(
    r"\b(?:views?|viewed|likes?|liked|shares?|shared|online|posted|uploaded|streamed|watched|videos?|clips?"
    r"|footage|trailers?)\b",  # not "ad": a broadcast spot is an ad too
    _F,
)
# Nouns that name a video only in a video's context: a "spot" may be a TV advert, a "version" a song,
# a "cut" a cut in pay.
_CONTEXT_NOUNS = frozenset(["spot", "spots", "version", "versions", "cut", "cuts", "edit", "edits"])
# A "cut" or an "edit" is of a film or an ad when a word before it says so ("a 30-second TV cut",
# "the director's cut") or its sentence names one.
_EDIT_NOUNS = frozenset(["cut", "cuts", "edit", "edits"])
_EDIT_KINDS = frozenset(
    ["tv", "television", "radio", "director's", "director\u2019s", "extended", "theatrical", "final", "online", "web",
     "social", "broadcast", "shorter", "longer", "trailer", "ad", "promo"]
)  # fmt: skip
_CUT_TO = re.compile(rf"{SP}{{1,2}}(?:to|from|in|off)\b", _F)
_EDIT_CONTEXT = re.compile(
    r"\b(?:ads?|adverts?|advertisements?|commercials?|trailers?|films?|movies?|videos?|clips?|footage|documentar(?:y|ies))\b",
    _F,
)


# "Average cost of a 30-second Super Bowl ad", "a 30-second ad would have set them back USD 7
# million": the price of airtime, not the length of a video.
_AD_NOUNS = frozenset(["ad", "ads", "advert", "adverts", "commercial", "commercials", "spot", "spots"])
# (Not money alone: "The campaign spent $4.2 million on 30-second ads" are its videos.)
_PRICE = re.compile(r"\b(?:costs?|price[sd]?|priced|set\s+(?:them|you|it|brands?)\s+back)\b", _F)


def _priced_ad(ctx: _Context, m: re.Match[str]) -> bool:
    """Whether m's noun is an ad whose sentence prices it (_PRICE): a slot sold, not a video."""
    if m.group("noun").lower() not in _AD_NOUNS:
        return False
    sent = ctx.sentences.around(m.start())
    return _PRICE.search(ctx.text, *sent) is not None


def _online_spot(ctx: _Context, m: re.Match[str]) -> bool:
    """A "spot" or a "version" counts as a video only when its sentence puts it online or names
    a video (views, a platform, "clip", "footage"); a "cut" or an "edit" when it is of a film or an
    ad (_EDIT_KINDS, _EDIT_CONTEXT)."""
    noun = m.group("noun").lower()
    if noun not in _CONTEXT_NOUNS:
        return True
    sent = ctx.sentences.around(m.start())
    if ctx.platforms(sent) is not None:
        return True
    if noun in _EDIT_NOUNS:
        if _CUT_TO.match(ctx.text, m.end("noun")) is not None:
            return False  # "a 20-minute cut to the film": a reduction, not a version
        words = (_group(m, "gap") or "").lower().split()
        before = _WORD_BEFORE.search(ctx.text, max(sent[0], m.start("noun") - 40), m.start("noun"))
        if before is not None:
            words.append(before.group(1).lower())
        if any(word in _EDIT_KINDS for word in words):
            return True
        return (
            _EDIT_CONTEXT.search(ctx.text, max(sent[0], m.start() - 200), min(sent[1], m.end() + 200))
            is not None
        )
    # Near the spot, not the whole sentence: a text without full stops is one long "sentence".
    return _ONLINE.search(ctx.text, max(sent[0], m.start() - 200), min(sent[1], m.end() + 200)) is not None


def _lengths(ctx: _Context) -> None:
    text = ctx.text
    for m in ctx.scan.matchiter(_LENGTH_BEFORE_RE, _F_QUAL_DURATION, _A_MEDIA, _A_DURATION):
        value = parse_duration(m.group("dur"))
        if value is None or value <= 0 or not _gap_ok(m.group("gap")):
            continue
        if value == 86400 and m.group("noun").lower().rstrip("s").endswith("stream"):
            continue  # "a 24-hour live stream" runs round the clock; it has no length
        if not _online_spot(ctx, m) or _priced_ad(ctx, m):
            continue
        owner = _MEDIA_OWNER.search(m.group("gap") or "")
        if owner is not None:
            # "the 45-minute documentary's trailer": the documentary's length, not the trailer's.
            _length(ctx, m, value, owner.group(1), (m.start(), m.start("gap") + owner.end(1)))
            continue
        _length(ctx, m, value, _gap_subject(m.group("gap"), m.group("noun")))
    for m in ctx.scan.matchiter(_LENGTH_LIST_RE, _F_MEDIA, _A_MEDIA, _A_DURATION, digits=False):
        sent = ctx.sentences.around(m.start())
        subject = _noun_phrase(text, m.start("noun"), m.end("noun"), sent[0])
        seconds = parse_duration(f"1 {m.group('unit')[:-1]}") or 1.0
        for n in re.finditer(r"[0-9]{1,3}", m.group("list")):
            value = int(n.group()) * seconds
            span = (m.start("list") + n.start(), m.start("list") + n.end())
            if n.end() == len(m.group("list")):
                span = (span[0], m.end())
            _exact_length(ctx, value, subject, span)
    after = [
        # Both start with their media noun: tried only where one starts (candidates shared).
        *ctx.scan.matchiter(_LENGTH_AFTER_RE, _F_MEDIA, _A_MEDIA, _A_DURATION, digits=False),
        *ctx.scan.matchiter(_LENGTH_APPOS_RE, _F_MEDIA, _A_MEDIA, _A_DURATION, _A_LONG, digits=False),
        *ctx.scan.matchiter(_AT_LENGTH_RE, _F_AT, _A_MEDIA, _A_DURATION, digits=False),
        *ctx.scan.matchiter(_ALL_OF_IT_RE, _F_MEDIA, _A_MEDIA, _A_DURATION, _A_ALL, digits=False),
        *ctx.scan.matchiter(_LENGTH_PAREN_RE, _F_MEDIA, _A_MEDIA, _A_DURATION, digits=False),
        *ctx.scan.matchiter(_LENGTH_SET_OFF_RE, _F_MEDIA, _A_MEDIA, _A_DURATION, digits=False),
    ]
    for m in after:
        value = parse_duration(m.group("dur"))
        if value is None or value <= 0 or not _online_spot(ctx, m) or _priced_ad(ctx, m):
            continue
        sent = ctx.sentences.around(m.start())
        _length(ctx, m, value, _noun_phrase(text, m.start("noun"), m.end("noun"), sent[0]))


def _length(
    ctx: _Context, m: re.Match[str], value: float, subject: str | None, span: tuple[int, int] | None = None
) -> None:
    """One video_length claim for m's duration (quoted as `span`, else m's); "8-10 minutes long" is
    the range from the first figure, in the second one's unit."""
    span = m.span() if span is None else span
    qual = _norm(m.group("qual")) or ("plus" if _group(m, "plus") else None)  # "a 12-minute-plus film"
    rlow = _group(m, "rlow")
    unit = _DUR_UNIT_RE.search(m.group("dur"))
    first = parse_duration(f"{rlow} {unit.group()}") if rlow and unit is not None and not qual else None
    if first is not None and 0 < first < value:
        ctx.add("video_length", None, "approx", first, value, "to", None, None, subject, span)
        return
    bound, low, high = claim_bounds(value, qual)
    ctx.add("video_length", value, bound, low, high, qual, None, None, subject, span)


# "WATCH: The moment the bridge collapsed (1:38)": a video's title with its running time, as news
# pages label an embedded or linked video.
_WATCH_WORDS = v.WATCH_LABELS["en"]
_WATCH_LINE = re.compile(
    rf"(?:{'|'.join(_WATCH_WORDS)})(?:{SP}{{0,2}}[:|\u2013\u2014]|{SP}{{1,2}}(?=[a-z]))"
    rf"{SP}{{0,2}}(?P<title>[^\n()]{{3,200}}?){SP}{{0,2}}"
    rf"\((?P<dur>{CLOCK})\)(?:{SP}{{1,2}}(?:below|above|here))?{SP}{{0,3}}\.?$",
    re.MULTILINE,
)
# "... the moment the bridge fell (VIDEO, 0:52)": a video's running time in a label, mid-line.
_VIDEO_LABEL = re.compile(rf"\((?:{'|'.join(_WATCH_WORDS)})[,:]?{SP}{{1,2}}(?P<dur>{CLOCK})\)")


def _watch_lines(ctx: _Context) -> None:
    text = ctx.text
    if "(" not in text:
        return
    for word in _WATCH_WORDS:
        i = text.find(word)
        while i >= 0:
            # Only a line that opens with the label (the pattern has no "^": it is tried here only).
            m = _WATCH_LINE.match(text, i) if i == 0 or text[i - 1] == "\n" else None
            if m is not None:
                value = parse_duration(m.group("dur"))
                if value is not None and value > 0:
                    title = " ".join(m.group("title").split())
                    _exact_length(ctx, value, title, (m.start(), m.end("dur") + 1))
            i = text.find(word, i + 1)
    # One pass of the pattern (its literal "(" lets the engine skip ahead) costs less than looking
    # for each label first.
    for m in _VIDEO_LABEL.finditer(text):
        value = parse_duration(m.group("dur"))
        if value is not None and value > 0:
            sent = ctx.sentences.around(m.start())
            _exact_length(ctx, value, ctx.sentence_subject(sent, m.start()), m.span())


def _exact_length(ctx: _Context, value: float, subject: str | None, span: tuple[int, int]) -> None:
    """A video length stated without a qualifier: exact, [value, value]."""
    ctx.add("video_length", value, "exact", value, value, None, None, None, subject, span)
