"""A figure that stands alone where a count was just named: it counts the same thing. Reporters
name the metric once and then give the other figures bare:

- in the same sentence: "viewed 230 million times, blowing away the previous record (197
  million)", "27.7 million views within the first 24 hours, then hitting 100 million just 5 days
  later", "mit 562 Millionen auf Platz eins, gefolgt von Lionel Messi mit 442 Millionen Followern";
- in the next sentence, when it names no count of its own: "Fox News Channel led the cable
  networks with an average of 2.23 million viewers. MSNBC had 1.45 million, HGTV had 1.29
  million", "The channel passed 2 million subscribers on Monday. By Thursday the number had risen
  to over 3 million."

A bare figure is read only when it is big enough to be a count worth reporting (a scale word, or
at least 1,000 written with a separator, or 10,000 without one), is not money, a year or a share,
and ends its phrase (punctuation or a connecting word follows, never a noun of its own: "a $220
million lawsuit" and "1.4 billion people" are not echoes). It takes the metric of the nearest
claim (or named count: "the number of followers ... is more than 60 million") before it in the
sentence, else the last of the sentence before, else the nearest after it. Runs after every other
rule of its language: it reads their claims, and any figure they read is theirs.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from typing import NamedTuple

from metrics.extract.anchors import group
from metrics.extract.claims import vocabulary as v
from metrics.extract.claims.context import _Context
from metrics.extract.claims.figures import _figures
from metrics.extract.claims.filters import _ENGAGEMENT, SIGN_BEFORE
from metrics.extract.claims.fragments import _BEFORE_WINDOW, _F, _NOT_PERCENT, _PLUS, _TALLY_QUAL, _alt
from metrics.extract.claims.rules.german import _DE_QUAL, _DE_QUALIFIERS, NUMBER_DE, _value_of, add_figure
from metrics.extract.claims.subjects import _norm
from metrics.extract.claims.time_scope import EARLIER
from metrics.extract.numbers import NUMBER, SP, parse_number
from metrics.extract.spans import SpanSet
from metrics.extract.windows import WINDOW

_MENTIONED = v.MENTIONED_COUNTS
# Named counts are looked for only near a bare figure (_read): English nouns as ASCII anchor words
# (anchors.Scanner), German ones ("Anhänger") by the pattern alone.
_A_MENTION_EN = group(*(n.lower() for n in _MENTIONED["en"]))
_F_MENTION_EN = frozenset(n.lower() for n in _MENTIONED["en"])
_MENTION = {
    lang: re.compile(rf"(?<![\w-])(?:{_alt(nouns)})(?![\w-])", re.IGNORECASE)
    for lang, nouns in _MENTIONED.items()
}

# A bare figure ends its phrase: punctuation (a bracket too: "1,44 Millionen (5,1 Prozent)"), or a
# word of ECHO_FOLLOWERS; not a ratio ("1,666:1").
_ALONE = {
    # "(3.5 mil/0.9)": a TV audience, then its rating after a slash.
    lang: rf"(?!:[0-9])(?=[,.;:()!?\u2013\u2014\u201c\u201d\"]|/[0-9]|{SP}\(|{SP}{{0,2}}$|{SP}{{1,2}}(?:{_alt(words)})(?![\w])"
    rf"|{SP}{{1,2}}(?:{_alt(v.ECHO_PHRASE_ENDS[lang])}){SP}{{0,2}}(?:[,.;:)!?]|$))"
    for lang, words in v.ECHO_FOLLOWERS.items()
}
# "tweets peaked 5,106 per second", "a rate of 196,980/minute": a bare figure with its own rate.
_RATE = rf"(?:{SP}{{1,2}}(?:per|a|an|every){SP}{{1,2}}|/)(?P<unit>second|minute|hour)\b"
_FIGURE_EN = re.compile(
    rf"{_TALLY_QUAL}(?P<list>{NUMBER}){_PLUS}(?:(?P<rate>{_RATE})|{_NOT_PERCENT}){_ALONE['en']}",
    _F | re.MULTILINE,
)
# An English bare figure is looked for where a run of digits starts (anchors.Scanner keeps those
# per chunk), then widened to the qualifier before it; "nine million" written in words is left to
# the rules with nouns: trying every word of a sentence costs more than the few it would find.
_NO_WORDS: frozenset[str] = frozenset()
_FIGURE_AT_DIGITS = re.compile(
    rf"(?P<qual>)(?=[0-9])(?P<list>{NUMBER}){_PLUS}(?:(?P<rate>{_RATE})|{_NOT_PERCENT}){_ALONE['en']}",
    _F | re.MULTILINE,
)
_QUAL_BEFORE = re.compile(rf"{_TALLY_QUAL}$", _F)
_FIGURE_DE = re.compile(rf"{_DE_QUAL}{NUMBER_DE}{_ALONE['de']}", re.IGNORECASE | re.MULTILINE)
# Money or a word of NOT_ECHO_BEFORE right before the figure ("US$ 2 million", "worth 3 million").
_NOT_A_COUNT_BEFORE = re.compile(
    rf"(?:[$\u00a3\u20ac\u00a5\u20b9]|\b(?:{_alt([*v.NOT_ECHO_BEFORE['en'], *v.NOT_ECHO_BEFORE['de']])})\b\.?)"
    r"[ \t\u00a0]{0,2}(?:(?:of|at|von|auf)[ \t\u00a0]{1,2})?$",
    re.IGNORECASE,
)
# What the words just before a bare figure say it is: the count before a change ("from 4,3
# Millionen", "last year's record-low turnout of 26.5 million"), or a change ("gaining more than 10
# million", "lost almost 150,000").
_EARLIER_BEFORE = re.compile(
    r"(?:\b(?:from|von)[ \t\u00a0]{1,2}(?:ehemals[ \t\u00a0]{1,2})?"
    r"|\b(?:last|previous)[ \t\u00a0]{1,2}(?:year|week|month|season|episode)(?:'s|\u2019s)[^.;,0-9]{0,40}"
    r"\b(?:of|at|with)[ \t\u00a0]{1,2})$",
    re.IGNORECASE,
)
# "Earlier today it stood at 40,000": the figure is an earlier count, said so before it.
_EARLIER_WORDS = re.compile(
    r"\b(?:earlier|previously|a[ \t\u00a0]{1,2}(?:day|week|month|year)[ \t\u00a0]{1,2}(?:earlier|before|ago)"
    r"|zuvor|vorher|ehemals|vormals)\b",
    re.IGNORECASE,
)
# "audience dropped by a huge 79,000", "a drop of 46,000", "an increase of 9,000": a change.
_CHANGE_BEFORE = re.compile(
    r"\b(?:(?P<gain>gain(?:ed|ing)?|add(?:ed|ing)?|won|winning|increase[sd]?|rise|rose|risen|jump(?:ed)?"
    r"|dazugewonnen|gewann|gewonnen|Plus|Zuwachs|Anstieg)"
    r"|(?P<loss>los(?:t|ing|es)|shed(?:ding)?|leaking|drop(?:ped)?|fall|fell|fallen|decline[sd]?|decrease[sd]?"
    r"|dip(?:ped)?|verlor|verloren|eingebüßt|einbüßen|Minus|Rückgang|Verlust))"
    r"(?:[ \t\u00a0]{1,2}[A-Za-z\u00c0-\u024f]{1,12}){0,3}?[ \t\u00a0]{1,2}$",
    re.IGNORECASE,
)
_PEOPLE_BETWEEN = re.compile(
    rf"(?<![\w-])(?:{_alt([*v.PEOPLE_BETWEEN['en'], *v.PEOPLE_BETWEEN['de']])})(?![\w-])", re.IGNORECASE
)
# After a named count, a rate ("tweets per second"); before it, "new" ("the most new subscribers").
_RATE_AFTER_MENTION = re.compile(_RATE, _F)
_NEW_BEFORE = re.compile(r"(?<![\w-])new[ \t\u00a0]{1,2}$", re.IGNORECASE)
# A figure after another label of a stat line ("Bookmarks: 2,300") counts that label's thing.
_LABEL_BEFORE = re.compile(r"[A-Za-z\u00c0-\u024f]+:[ \t\u00a0]{0,2}$")
# "Page views on the site": a site's traffic, not a video's or a post's views.
_NOT_A_MENTION_BEFORE = re.compile(r"(?<![\w-])(?:page|web|site|website)[ \t\u00a0-]{1,2}$", re.IGNORECASE)
# "following" names a count only as a noun: "his following", "a huge following", "Modi's following".
_FOLLOWING_NOUN_BEFORE = re.compile(
    r"(?:(?<![\w-])(?:his|her|its|their|a|an|whose|our|your|my)(?:[ \t\u00a0]+[\w-]+){0,2}|['\u2019]s)[ \t\u00a0]+$",
    re.IGNORECASE,
)
_WINDOW_AFTER = re.compile(rf"{_BEFORE_WINDOW}(?P<win>{WINDOW})", _F)
_OPENING_QUOTES = '"\u201c\u2018\u201e\u00ab'
_OWN_NOUN_AFTER = re.compile(
    rf"(?:{SP}{{1,2}}[A-Za-z-]{{1,20}})?{SP}{{1,2}}(?:{_alt(v.COUNT_NOUNS['en'])})\b", re.IGNORECASE
)
# A verb of its own right after a bare figure says what it counts: "33 Millionen Mal wurde das
# Video angeschaut, mehr als 420 000 haben es geteilt" (shares, not views).
_VERB_AFTER = {
    lang: re.compile(
        rf"[^,;.!?\n]{{0,30}}?(?<![\w])(?P<verb>{_alt(v.TIMES_VERBS[lang])})(?![\w])", re.IGNORECASE
    )
    for lang in v.TIMES_VERBS
}
# "N times" echoes a count only after a word that joins it to one ("... 17.5 million times, compared
# to 5.2 million times"), not after a verb or an object of its own.
_TIMES_AFTER = re.compile(rf"{SP}{{1,2}}times\b", _F)
_JOINED_BEFORE = re.compile(
    rf"(?:[,(\u2013\u2014-]|\b(?:and|but|or|than|to|while|versus|vs|compared|then)){SP}{{0,2}}$", _F
)
# A platform's own figure: "YouTube's 3.6 million".
_PLATFORM_OWNER = re.compile(rf"\b(?P<platform>{_alt(v.PLATFORMS)})['\u2019]s{SP}{{1,2}}$")
_PLAIN_DIGITS = re.compile(r"[0-9]+")
# Echoes are looked for this far into the sentence after the one with the claim.
_NEXT_SENTENCE_REACH = 400


def _big_enough(raw: str, value: float) -> bool:
    """A count worth reporting: a scale word ("197 million", "1,9 Millionen"), or at least 1,000
    with a separator, or 10,000 without one (so a year, an age or a rank is never read)."""
    if _PLAIN_DIGITS.fullmatch(raw):
        return value >= 10_000
    return value >= 1_000


def _echoes(ctx: _Context) -> None:
    """English bare figures after a named count (the module docstring)."""
    _read(ctx, "en")


def _german_echoes(ctx: _Context) -> None:
    """German bare figures after a named count (the module docstring)."""
    _read(ctx, "de")


class _Anchor(NamedTuple):
    """What a bare figure may echo: a claim, or a count named without a figure ("the number of
    followers"); `end` is where it ends in the text."""

    metric: str
    end: int
    scope: str | None


def _read(ctx: _Context, lang: str) -> None:
    taken = SpanSet(c.span for c in ctx.claims if c.span is not None)
    # Bare figures can only be where a big enough number starts outside every claim; most of an
    # article's sentences hold none, and then neither they nor their named counts are read.
    bare = _bare_starts(ctx, lang, taken)
    if bare == []:
        return
    scan = ctx.scan
    near = None if bare is None else {k for p in bare for k in (scan.chunk_of(p), scan.chunk_of(p) - 1)}
    by_sentence: dict[tuple[int, int], list[_Anchor]] = {}
    around = ctx.sentences.around
    for c in ctx.claims:
        if c.metric in _ENGAGEMENT and c.span is not None:
            anchor = _Anchor(c.metric, c.span[1], c.scope)
            by_sentence.setdefault(around(c.span[0]), []).append(anchor)
    for a in _mentions(ctx, lang, taken, near):
        by_sentence.setdefault(around(a.end - 1), []).append(a)
    sentences = sorted(by_sentence)
    for anchors in by_sentence.values():
        anchors.sort(key=lambda a: a.end)
    following = {sent: _next_sentence(ctx, sent) for sent in sentences}
    previous = {after: sent for sent, after in following.items() if after is not None}
    for sent in sentences:
        if _holds(bare, sent[0], sent[1]):
            before = by_sentence.get(previous.get(sent, (-1, -1)))
            _read_stretch(
                ctx, lang, sent[0], sent[1], by_sentence[sent], taken,
                next_sentence=False, before=before[-1] if before else None,
            )  # fmt: skip
        after = following[sent]
        if after is None or after in by_sentence or taken.overlaps(*after):
            continue  # none, read already, or it names counts of its own
        end = min(after[1], after[0] + _NEXT_SENTENCE_REACH)
        if _holds(bare, after[0], end):
            _read_stretch(ctx, lang, after[0], end, by_sentence[sent][-1:], taken, next_sentence=True)


# Where an English bare figure big enough to read can start: digits grouped or long, or with a
# scale ("197 million", "2.19m", "10,245", "48000"); years and small counts are not.
# The digit class first, so that the engine skips to a digit (anchors.in_text_order says why).
_BIG_AT = re.compile(
    rf"[0-9](?<![0-9][0-9])(?:[0-9]{{0,2}}(?:[,.'\u2019 ][0-9]{{3}})+|[0-9]{{4,}}"
    rf"|[0-9]*(?:[.,][0-9]+)?{SP}{{0,2}}(?:{_alt(v.ECHO_SCALES['en'])})\b)",
    re.IGNORECASE,
)


def _bare_starts(ctx: _Context, lang: str, taken: SpanSet) -> list[int] | None:
    """Where a bare figure may start, in text order; None for anywhere (German: its rule reads
    "zwei Millionen" in words too, and German documents are few)."""
    if lang != "en":
        return None
    return [m.start() for m in _BIG_AT.finditer(ctx.text) if not taken.overlaps(m.start(), m.start() + 1)]


def _holds(positions: list[int] | None, start: int, end: int) -> bool:
    if positions is None:
        return True
    i = bisect_left(positions, start)
    return i < len(positions) and positions[i] < end


def _mentions(ctx: _Context, lang: str, taken: SpanSet, near: set[int] | None) -> list[_Anchor]:
    """Counts named without a figure of their own: nouns of MENTIONED_COUNTS outside every claim,
    in the chunks `near` a bare figure (its own, or the one before)."""
    text = ctx.text
    found_nouns: Iterator[re.Match[str]]
    if near is not None:
        match = _MENTION[lang].match
        found_nouns = (
            m
            for p in ctx.scan.word_starts(_F_MENTION_EN, _A_MENTION_EN, near)
            if not taken.overlaps(p, p + 1) and (m := match(text, p)) is not None
        )
    else:
        found_nouns = _MENTION[lang].finditer(text)
    found = []
    for m in found_nouns:
        if taken.overlaps(*m.span()):
            continue
        if _NOT_A_MENTION_BEFORE.search(text, max(0, m.start() - 9), m.start()) is not None:
            continue
        if (
            text[m.start() : m.end()].lower() == "following"
            and _FOLLOWING_NOUN_BEFORE.search(text, max(0, m.start() - 30), m.start()) is None
        ):
            continue  # "Steadily following behind is Zelenskyy with 1.1 million": a verb
        rate = _RATE_AFTER_MENTION.match(text, m.end())
        scope = (
            f"per {rate.group('unit').lower()}"
            if rate is not None
            else "gain"
            if _NEW_BEFORE.search(text, max(0, m.start() - 5), m.start())
            else None
        )
        found.append(_Anchor(_MENTIONED[lang][m.group().lower()], m.end(), scope))
    return found


def _next_sentence(ctx: _Context, sent: tuple[int, int]) -> tuple[int, int] | None:
    text = ctx.text
    pos = sent[1]
    while pos < len(text) and text[pos] in " \t\u00a0\"'\u201d\u2019)":
        pos += 1
    if pos >= len(text) or text[pos] == "\n":
        return None  # a paragraph ends: the next one starts a new subject
    after = ctx.sentences.around(pos)
    return after if after[0] >= sent[1] else None


def _read_stretch(
    ctx: _Context,
    lang: str,
    start: int,
    end: int,
    anchors: list[_Anchor],
    taken: SpanSet,
    *,
    next_sentence: bool,
    before: _Anchor | None = None,
) -> None:
    text = ctx.text
    found = (
        map(_widened, ctx.scan.figures_in(_FIGURE_AT_DIGITS, _NO_WORDS, start, end, taken))
        if lang == "en"
        else _FIGURE_DE.finditer(text, start, end)
    )
    for m in found:
        if taken.overlaps(*m.span()):
            continue
        if (
            _NOT_A_COUNT_BEFORE.search(text, max(start, m.start() - 16), m.start()) is not None
            and _CHANGE_BEFORE.search(text, max(start, m.start() - 40), m.start()) is None
        ):
            continue  # money, a difference ("beat it by 2 million"), not a change ("dropped by 79,000")
        if _LABEL_BEFORE.search(text, max(start, m.start() - 24), m.start()) is not None:
            continue
        if m.start() > 0 and text[m.start() - 1] in _OPENING_QUOTES:
            continue  # 'Wendy's replied "18 million,"': a figure someone said, not a count
        if lang == "en" and _OWN_NOUN_AFTER.match(text, m.end()) is not None:
            continue  # "65 million total Tweets a day": a noun of its own, which the count rules weighed
        anchor = anchors[-1] if next_sentence else _nearest(anchors, m.start(), before)
        if anchor is None or _PEOPLE_BETWEEN.search(text, max(start, anchor.end), m.start()):
            continue
        if _TIMES_AFTER.match(text, m.end()) and not _JOINED_BEFORE.search(
            text, max(start, m.start() - 12), m.start()
        ):
            continue  # "saved 45,000 times", "hit the like button 200,000 times": a verb of its own
        metric = _own_verb(text, m.end(), lang) or anchor.metric
        if metric in ("views", "viewers") and anchor.metric in ("views", "viewers"):
            metric = anchor.metric  # "the 111 million who watched": an audience stays one
        scope = _scope(ctx, start, m.start(), anchor)
        if lang == "en" and m.group("rate"):
            scope = f"per {m.group('unit').lower()}"
        platform = _platform(ctx, start, m, anchor, next_sentence)
        if lang == "en":
            value = parse_number(m.group("list"))
            if value is None or not _big_enough(m.group("list"), value):
                continue
            after = _WINDOW_AFTER.match(text, m.end())  # "surpassing 5 million in three days"
            window = _norm(after.group("wcore") or after.group("wcore2")) if after is not None else None
            _figures(ctx, m, metric, scope=scope, window=window, ranges=False, single=True, platform=platform)
        else:
            _add_german(ctx, m, metric, scope, platform)


def _platform(
    ctx: _Context, start: int, m: re.Match[str], anchor: _Anchor, next_sentence: bool
) -> str | None:
    """A bare figure's own platform, where the text gives one: "surpassing YouTube's 3.6 million";
    or, read in the sentence after its count and naming none, the count's ("Her Instagram following?
    A modest 2,400."). None leaves it to _Context.add (its sentence's platforms)."""
    owner = _PLATFORM_OWNER.search(ctx.text, max(start, m.start() - 24), m.start())
    if owner is not None:
        return owner.group("platform")
    if next_sentence and ctx.platforms(ctx.sentences.around(m.start())) is None:
        return ctx.platforms(ctx.sentences.around(anchor.end - 1))
    return None


def _own_verb(text: str, pos: int, lang: str) -> str | None:
    """The metric of a verb of counting right after a bare figure ending at `pos`, if any."""
    m = _VERB_AFTER[lang].match(text, pos)
    return v.TIMES_VERBS[lang][m.group("verb").lower()] if m is not None else None


def _widened(m: re.Match[str]) -> re.Match[str]:
    """An English figure found at its digits, with the qualifier before it ("nearly 2.5 million")."""
    text = m.string
    qual = _QUAL_BEFORE.search(text, max(0, m.start() - 24), m.start())
    if qual is None or qual.group("qual") is None:
        return m
    wide = _FIGURE_EN.match(text, qual.start())
    return wide if wide is not None and wide.start("list") == m.start() else m


def _nearest(anchors: list[_Anchor], pos: int, previous: _Anchor | None) -> _Anchor | None:
    """The anchor a bare figure at `pos` takes: the nearest before it in the sentence, else the last
    of the sentence before ("... hit 2.1 million likes. It's closing in on 3.2 million now"), else
    the first after it ("mit 562 Millionen auf Platz eins, gefolgt von Lionel Messi mit 442
    Millionen Followern")."""
    earlier = [a for a in anchors if a.end <= pos]
    if earlier:
        return earlier[-1]
    if previous is not None:
        return previous
    return anchors[0] if anchors else None


def _scope(ctx: _Context, start: int, pos: int, anchor: _Anchor) -> str | None:
    """A bare figure's scope: from the words before it, else the rate or change of the claim it
    echoes ("8,000 tweets per second ..., peaking at 10,245"; "verlor drei Millionen Follower, bei
    ihrer Kollegin sind es zwei Millionen")."""
    text = ctx.text
    sign = SIGN_BEFORE.search(text, max(start, pos - 2), pos)
    if sign is not None:
        return "gain" if sign.group("sign") == "+" else "loss"  # "(+180K this month)", "(-34.000)"
    if _EARLIER_BEFORE.search(text, max(start, pos - 60), pos) is not None:
        return EARLIER
    if _EARLIER_WORDS.search(text, max(start, anchor.end, pos - 60), pos) is not None:
        return EARLIER
    change = _CHANGE_BEFORE.search(text, max(start, pos - 40), pos)
    if change is not None:
        return "gain" if change.group("gain") else "loss"
    if anchor.scope is not None and (anchor.scope in ("gain", "loss") or anchor.scope.startswith("per ")):
        return anchor.scope
    return None


def _add_german(
    ctx: _Context, m: re.Match[str], metric: str, scope: str | None, platform: str | None
) -> None:
    parsed = _value_of(m)
    if parsed is None:
        return
    if not (m.group("scale") or m.group("wscale")) and not _big_enough(m.group("digits") or "", parsed[0]):
        return
    qual = _norm(m.group("qual"))
    add_figure(ctx, m, metric, parsed, qual, _DE_QUALIFIERS.get(qual or "", "exact"), scope, None, platform)
