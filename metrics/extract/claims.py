"""Reported figures: metric nouns found in prose, with their numbers, qualifiers, scope and window.

Pattern families, each a bounded regex run over the whole text (constant work per start position,
so linear time), then checked and turned into Claim values:

- counts:  [a combined] [qualifier] NUMBER [up to 3 modifier words] NOUN [scope] [window]
           ("more than 5 million views combined in their first day", "two Mandarin-language videos")
- lists:   "170,000 and 140,000 views, respectively" -> one claim per figure; "between A and B" -> one
- times:   "viewed 900,000 times", "shared 20,000 times"
- vague:   "millions of views" (bound "vague", value None, low = twice the scale: plural means >= 2)
- lengths: "more than 2-minute-long videos", "the video runs 2 minutes and 30 seconds"
- release: a release verb with a video object and a day-resolved time reference in the same clause

Bounds: lower ("more than", "over", "topped" ...) is [value, None]; upper ("nearly", "up to" ...) is
[None, value]; approx ("about", "some" ...) is [0.9*value, 1.1*value], a fixed +-10% band that is a
convention, not a measurement; plain figures are exact [value, value].

Subjects follow one rule: for counts and lengths attached to their noun, the noun and its modifiers
("Mandarin-language videos"); for views/likes/... the first media noun phrase (video, clip, post,
channel, account ...) earlier in the same sentence, with determiners, numbers, possessives and
-ed/-ing words dropped ("The recruitment videos posted to YouTube and X racked up ..." ->
"recruitment videos"); None when the sentence names no media noun before the figure.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime

from metrics.extract.numbers import DURATION, NUMBER, SP, parse_duration, parse_number
from metrics.extract.spans import SpanSet
from metrics.model import Claim, TimeRef, unit_for

_F = re.IGNORECASE | re.ASCII

_QUALIFIERS: dict[str, str] = {
    "more than": "lower",
    "over": "lower",
    "at least": "lower",
    "topped": "lower",
    "tops": "lower",
    "topping": "lower",
    "surpasses": "lower",
    "exceeds": "lower",
    "passes": "lower",
    "crosses": "lower",
    "exceeded": "lower",
    "exceeding": "lower",
    "surpassed": "lower",
    "passed": "lower",
    "crossed": "lower",
    "upwards of": "lower",
    "upward of": "lower",
    "in excess of": "lower",
    "north of": "lower",
    "just over": "lower",
    "well over": "lower",
    "a record": "lower",
    "nearly": "upper",
    "almost": "upper",
    "just under": "upper",
    "up to": "upper",
    "close to": "upper",
    "fewer than": "upper",
    "less than": "upper",
    "under": "upper",
    "just shy of": "upper",
    "shy of": "upper",
    "about": "approx",
    "around": "approx",
    "roughly": "approx",
    "some": "approx",
    "approximately": "approx",
    "an estimated": "approx",
    "estimated": "approx",
    "circa": "approx",
}
APPROX_TENTHS = 1  # approx band: +-10% of the value


def _alt(phrases: Iterable[str]) -> str:
    return "|".join(p.replace(" ", SP + "{1,2}") for p in sorted(phrases, key=len, reverse=True))


_QUAL = rf"(?:\b(?P<qual>{_alt(_QUALIFIERS)}){SP}{{1,2}})?"
_PSCOPE = rf"(?:\b(?P<pscope>a{SP}combined|a{SP}total{SP}of|a{SP}cumulative|a{SP}collective){SP}{{1,2}})?"

_COUNT_NOUNS: dict[str, str] = {
    "views": "views",
    "likes": "likes",
    "shares": "shares",
    "reposts": "shares",
    "retweets": "shares",
    "comments": "comments",
    "replies": "comments",
    "followers": "followers",
    "subscribers": "subscribers",
    "videos": "video_count",
    "clips": "video_count",
    "films": "video_count",
    "reels": "video_count",
}
_NOUN = rf"(?P<noun>{_alt(_COUNT_NOUNS)})\b(?!-)"

_STOP = {
    "and",
    "or",
    "of",
    "in",
    "on",
    "at",
    "to",
    "for",
    "from",
    "with",
    "by",
    "the",
    "a",
    "an",
    "than",
    "per",
    "that",
    "which",
    "who",
    "whom",
    "is",
    "was",
    "were",
    "are",
    "be",
    "been",
    "has",
    "have",
    "had",
    "it",
    "its",
    "their",
    "his",
    "her",
    "this",
    "these",
    "those",
    "times",
    "more",
    "less",
    "over",
    "under",
    "about",
    "as",
    "into",
    "across",
    "after",
    "before",
    "during",
    "since",
    "until",
    "while",
    "when",
    "where",
    "if",
    "but",
    "so",
    "not",
    "no",
    "only",
    "hundred",
    "thousand",
    "million",
    "billion",
    "trillion",
    "lakh",
    "crore",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "dozen",
    "some",
    "our",
    "my",
    "your",
    "them",
    "they",
    "we",
    "he",
    "she",
    "you",
    "i",
    "up",
    "out",
    "just",
    "also",
    "all",
    "each",
}
_STOP_ALT = "|".join(sorted(_STOP, key=len, reverse=True))
# A modifier between a figure and its noun: not a stop word, not a bare number.
_GAP_WORD = rf"(?!(?:{_STOP_ALT})\b)(?![0-9]{{1,30}}\b)[A-Za-z0-9][A-Za-z0-9'\u2019-]{{0,30}}"
_GAP = rf"(?P<gap>(?:{SP}{{1,2}}{_GAP_WORD}){{0,3}})"

_WINDOW = (
    rf"(?:in|within|during|over){SP}{{1,2}}(?:(?:their|its|the|his|her|just|only){SP}{{1,2}}){{0,2}}"
    rf"(?P<wcore>(?:first{SP}{{1,2}})?(?:(?:less{SP}than|under|more{SP}than){SP}{{1,2}})?"
    rf"(?:(?:[0-9]{{1,3}}|an?|one|two|three|four|five|six|seven|ten|twelve|twenty-four|forty-eight|seventy-two)"
    rf"{SP}{{1,2}})?(?:hours?|days?|weeks?|months?|minutes?)\b)"
    rf"|(?P<wcore2>overnight|so{SP}far|since{SP}(?:its|their){SP}(?:release|launch|debut|posting))\b"
)
_SCOPE = (
    rf"(?P<scope>combined|in{SP}total|altogether|across{SP}(?:all{SP}|both{SP})?(?:the{SP})?platforms"
    rf"|each|apiece)\b"
)
_POST = rf"(?:{SP}{{1,2}}{_SCOPE})?(?:,?{SP}{{1,2}}(?P<win>{_WINDOW}))?"

_COUNT_RE = re.compile(rf"{_PSCOPE}{_QUAL}(?P<num>{NUMBER}){_GAP}{SP}{{1,2}}{_NOUN}{_POST}", _F)
_LIST_SEP = rf"(?:,{SP}{{1,2}}(?:and{SP}{{1,2}})?|{SP}{{1,2}}(?:and|to){SP}{{1,2}})"
_LIST_RE = re.compile(
    rf"{_QUAL}(?P<list>{NUMBER}(?:{_LIST_SEP}{NUMBER}){{1,5}}){_GAP}{SP}{{1,2}}{_NOUN}{_POST}", _F
)
_NUMBER_RE = re.compile(NUMBER, _F)
# "between 100,000 and 200,000 views" and "2 to 3 videos" are one range, not two figures.
_RANGE_BEFORE = re.compile(r"\b(between|from)[ \t\u00a0]{1,2}$", _F)
_RANGE_SEP = re.compile(rf"{SP}{{1,2}}to{SP}{{1,2}}", _F)
_TIMES_VERBS = {
    "viewed": "views",
    "watched": "views",
    "played": "views",
    "streamed": "views",
    "liked": "likes",
    "shared": "shares",
    "retweeted": "shares",
    "reposted": "shares",
}
_TIMES_RE = re.compile(
    rf"\b(?P<verb>{_alt(_TIMES_VERBS)}){SP}{{1,2}}{_QUAL}(?P<num>{NUMBER}){SP}{{1,2}}times\b"
    rf"(?:,?{SP}{{1,2}}(?P<win>{_WINDOW}))?",
    _F,
)
_VAGUE_LOW = {"hundreds": 200.0, "thousands": 2e3, "millions": 2e6, "billions": 2e9}
_VAGUE_RE = re.compile(
    rf"\b(?P<vague>(?:(?P<pre>tens|hundreds){SP}of{SP})?(?P<scale>hundreds|thousands|millions|billions))"
    rf"{SP}of{_GAP}{SP}{{1,2}}{_NOUN}{_POST}",
    _F,
)
_MEDIA = r"videos?|clips?|films?|reels?|trailers?|documentar(?:y|ies)|adverts?|ads?|livestreams?|episodes?"
_LENGTH_BEFORE_RE = re.compile(rf"{_QUAL}(?P<dur>{DURATION}){_GAP}{SP}{{1,2}}(?P<noun>{_MEDIA})\b(?!-)", _F)
_LENGTH_AFTER_RE = re.compile(
    rf"\b(?P<noun>{_MEDIA})\b,?{SP}{{1,2}}(?:(?:which|that){SP}{{1,2}})?"
    rf"(?:is|was|are|were|runs|ran|lasts|lasted|lasting|running|clocks{SP}in{SP}at|clocking{SP}in{SP}at|clocked{SP}in{SP}at)"
    rf"{SP}{{1,2}}{_QUAL}(?P<dur>{DURATION})",
    _F,
)
_RELEASE_VERBS = r"released|posted|published|uploaded|launched|rolled{SP}out|dropped".replace("{SP}", SP)
_OBJ_STOP = "to|on|in|at|for|with|by|from|that|which|who|and|but|was|were|is|are|has|have|had|than|as"
_RELEASE_RE = re.compile(
    rf"\b(?P<verb>{_RELEASE_VERBS})(?P<obj>(?:{SP}{{1,2}}(?!(?:{_OBJ_STOP})\b)[A-Za-z0-9][A-Za-z0-9'\u2019-]{{0,30}}){{0,4}}?)"
    rf"{SP}{{1,2}}(?P<noun>videos?|clips?|films?|reels?|trailers?|adverts?|ads?|livestreams?)\b(?!-)",
    _F,
)
_PASSIVE_RE = re.compile(
    rf"\b(?P<noun>videos?|clips?|films?|reels?|trailers?|adverts?|ads?|livestreams?)\b{SP}{{1,2}}"
    rf"(?:was|were|is|are|has{SP}been|have{SP}been|had{SP}been){SP}{{1,2}}(?:first{SP}{{1,2}})?"
    rf"(?P<verb>{_RELEASE_VERBS})\b",
    _F,
)

_MEDIA_SUBJECT_RE = re.compile(
    r"\b(?:videos?|clips?|films?|reels?|trailers?|documentar(?:y|ies)|adverts?|ads?|livestreams?|episodes?"
    r"|posts?|tweets?|channels?|accounts?|songs?|footage|podcasts?|uploads?)\b(?!['\u2019-])",
    _F,
)
_WORD_BEFORE = re.compile(r"(?<![A-Za-z'\u2019-])([A-Za-z][A-Za-z'\u2019-]{0,30})[ \t\u00a0]{1,2}$", re.ASCII)

_PLATFORMS = (
    "YouTube",
    "TikTok",
    "Instagram",
    "Facebook",
    "Twitter",
    "Snapchat",
    "Reddit",
    "Weibo",
    "WeChat",
    "Douyin",
    "Bilibili",
    "Telegram",
    "LinkedIn",
    "Twitch",
    "Vimeo",
    "Rumble",
    "Truth Social",
    "Bluesky",
    "Pinterest",
    "Kuaishou",
    "Xiaohongshu",
    "Spotify",
)
_PLATFORM_ALT = "|".join(p.replace(" ", SP) for p in _PLATFORMS)
_PLATFORM_RE = re.compile(
    rf"\b(?:{_PLATFORM_ALT})\b|(?<![\w.'\u2019-])X(?![\w'\u2019-])",
    re.ASCII,
)
_FORMERLY_TWITTER = re.compile(rf",?{SP}{{1,2}}\(?formerly{SP}(?:known{SP}as{SP})?Twitter", re.ASCII)
_X_BEFORE = re.compile(
    rf"(?:\b(?:on|via|across|to)|\b(?:{_PLATFORM_ALT}),?{SP}{{1,2}}(?:and|or)|\b(?:{_PLATFORM_ALT}),){SP}{{1,2}}$",
    re.ASCII,
)
_X_AFTER = re.compile(
    rf"(?:,?{SP}{{1,2}}\(?formerly|,?{SP}{{1,2}}(?:and|or){SP}{{1,2}}(?:{_PLATFORM_ALT})\b"
    rf"|,{SP}{{1,2}}(?:{_PLATFORM_ALT})\b)",
    re.ASCII,
)

_SENTENCE_BREAK = re.compile(
    r"\n|(?<=[.!?])[\"'\u201d\u2019)\]]{0,2}[ \t]{1,8}(?=[\"'\u201c\u2018(\[]{0,2}[A-Z0-9])"
)
_CLAUSE_BREAK = re.compile(rf"[;:()\u2014\u2013]|{SP}-{SP}|--")
_NOT_COUNT_BEFORE = re.compile(
    r"(?:\b(?:top|no\.?|number|page|episode|part|chapter|season|vol\.?|volume|round|rank|ranked|grade"
    r"|class|section|article|act|clause|level|tier|gen|generation|phase)|[#$\u00a3\u20ac\u00a5\u20b9])"
    r"[ \t\u00a0]{0,2}$",
    _F,
)
_YEAR_BEFORE = re.compile(
    r"\b(?:in|since|by|from|until|till|of|year|circa|c\.|early|late|mid|before|after)[ \t\u00a0]{1,2}$", _F
)
_ENGAGEMENT = ("views", "likes", "shares", "comments", "followers", "subscribers")
_FINANCE = re.compile(
    r"\b(?:stock|stake|shareholders?|traded|investors?|IPO|share price|equity|Nasdaq|NYSE)\b", _F
)


@dataclass(frozen=True)
class _Sentences:
    starts: list[int]
    ends: list[int]

    def around(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.starts, pos) - 1
        if i < 0:
            return 0, 0
        return self.starts[i], self.ends[i]


def _sentences(text: str) -> _Sentences:
    starts, ends = [], []
    pos = 0
    for m in _SENTENCE_BREAK.finditer(text):
        starts.append(pos)
        ends.append(m.start())
        pos = m.end()
    starts.append(pos)
    ends.append(len(text))
    return _Sentences(starts, ends)


def _norm(phrase: str | None) -> str | None:
    return " ".join(phrase.lower().split()) if phrase else None


def claim_bounds(value: float | None, qualifier: str | None) -> tuple[str, float | None, float | None]:
    """(bound, low, high) for a figure and its qualifier: "more than 5" is ('lower', 5, None)."""
    bound = _QUALIFIERS.get(qualifier or "", "exact")
    if value is None:
        return bound, None, None
    if bound == "lower":
        return bound, value, None
    if bound == "upper":
        return bound, None, value
    if bound == "approx":
        # Tenths, not 0.9/1.1 floats, so 900,000 gives exactly 810,000 and 990,000.
        return bound, value * (10 - APPROX_TENTHS) / 10, value * (10 + APPROX_TENTHS) / 10
    return bound, value, value


def _modifier_ok(word: str) -> bool:
    low = word.lower()
    if low in _STOP or low[-2:] in ("'s", "\u2019s") or any(c.isdigit() for c in low):
        return False
    return "-" in low or not (low.endswith(("ed", "ing")))


def _noun_phrase(text: str, noun_start: int, noun_end: int, floor: int) -> str:
    """The noun with up to three modifiers directly before it (none crossing `floor`)."""
    words = [text[noun_start:noun_end]]
    pos = noun_start
    for _ in range(3):
        m = _WORD_BEFORE.search(text, max(floor, pos - 40), pos)
        if m is None or not _modifier_ok(m.group(1)):
            break
        words.insert(0, m.group(1))
        pos = m.start()
    return " ".join(words)


def _gap_subject(gap: str, noun: str) -> str:
    words = [w for w in gap.split() if _modifier_ok(w)]
    return " ".join([*words, noun])


def _platforms(text: str, start: int, end: int) -> str | None:
    """Platforms named in text[start:end], in order, each once; a bare "X" only in platform context."""
    names: list[str] = []
    skip_until = -1
    for m in _PLATFORM_RE.finditer(text, start, end):
        name = " ".join(m.group().split())
        if m.start() < skip_until:
            continue
        if name == "X":
            before = _X_BEFORE.search(text, max(start, m.start() - 30), m.start()) is not None
            after = _X_AFTER.match(text, m.end(), min(end, m.end() + 40)) is not None
            if not (before or after):
                continue
            formerly = _FORMERLY_TWITTER.match(text, m.end(), min(end, m.end() + 40))
            if formerly is not None:
                skip_until = formerly.end()
        if name not in names:
            names.append(name)
    return ", ".join(names) if names else None


@dataclass
class _Context:
    text: str
    sentences: _Sentences
    exclude: SpanSet
    as_of: datetime | None
    claims: list[Claim] = field(default_factory=list)
    taken: dict[str, SpanSet] = field(default_factory=dict)
    platform_cache: dict[int, str | None] = field(default_factory=dict)
    subject_cache: dict[int, re.Match[str] | None] = field(default_factory=dict)

    def platforms(self, sent: tuple[int, int]) -> str | None:
        if sent[0] not in self.platform_cache:
            self.platform_cache[sent[0]] = _platforms(self.text, *sent)
        return self.platform_cache[sent[0]]

    def sentence_subject(self, sent: tuple[int, int], figure_start: int) -> str | None:
        """The first media noun phrase of the sentence, if it comes before the figure."""
        if sent[0] not in self.subject_cache:
            self.subject_cache[sent[0]] = _MEDIA_SUBJECT_RE.search(self.text, *sent)
        m = self.subject_cache[sent[0]]
        if m is None or m.end() > figure_start:
            return None
        return _noun_phrase(self.text, m.start(), m.end(), sent[0])

    def add(
        self,
        metric: str,
        value: float | None,
        bound: str,
        low: float | None,
        high: float | None,
        qualifier: str | None,
        scope: str | None,
        window: str | None,
        subject: str | None,
        span: tuple[int, int],
    ) -> None:
        taken = self.taken.setdefault(metric, SpanSet())
        if self.exclude.overlaps(*span) or taken.overlaps(*span):
            return
        taken.add(*span)
        platform = self.platforms(self.sentences.around(span[0]))
        as_of = self.as_of if metric in _ENGAGEMENT else None
        self.claims.append(
            Claim(
                metric,
                value,
                unit_for(metric),
                bound,
                low,
                high,
                qualifier,
                scope,
                window,
                subject,
                platform,
                self.text[span[0] : span[1]],
                span,
                as_of,
            )
        )


def _number_ok(text: str, start: int, value: float, raw: str, metric: str) -> bool:
    before = text[max(0, start - 16) : start]
    if _NOT_COUNT_BEFORE.search(before):
        return False
    if raw.isdigit() and len(raw) == 4 and 1800 <= value <= 2100 and _YEAR_BEFORE.search(before):
        return False
    return not (metric == "video_count" and value < 2)


def _scope_of(m: re.Match[str]) -> str | None:
    raw = _norm(m.groupdict().get("pscope")) or _norm(m.groupdict().get("scope"))
    gap = (m.groupdict().get("gap") or "").lower().split()
    if raw is None:
        raw = next((w for w in gap if w in ("combined", "total", "cumulative")), None)
    if raw is None:
        return None
    if raw in ("each", "apiece"):
        return "each"
    if "total" in raw or raw == "cumulative":
        return "total"
    return "combined"


def _window_of(m: re.Match[str]) -> str | None:
    return _norm(m.groupdict().get("wcore") or m.groupdict().get("wcore2"))


def _metric_allowed(text: str, metric: str, sent: tuple[int, int]) -> bool:
    # "5 million shares" in a markets story is equity, not reposts.
    return metric != "shares" or _FINANCE.search(text, *sent) is None


def _lists(ctx: _Context) -> None:
    """ "170,000 and 140,000 views": one claim per figure; "between A and B views": one range."""
    text = ctx.text
    for m in _LIST_RE.finditer(text):
        metric = _COUNT_NOUNS[m.group("noun").lower()]
        sent = ctx.sentences.around(m.start())
        if not _metric_allowed(text, metric, sent):
            continue
        nums = list(_NUMBER_RE.finditer(text, m.start("list"), m.end("list")))
        parsed = [parse_number(n.group()) for n in nums]
        values = [v for v in parsed if v is not None]
        if len(values) != len(nums) or not all(
            _number_ok(text, n.start(), v, n.group(), metric) for n, v in zip(nums, values, strict=True)
        ):
            continue
        qual = _norm(m.group("qual"))
        scope, window = _scope_of(m), _window_of(m)
        subject = (
            _gap_subject(m.group("gap"), m.group("noun"))
            if metric == "video_count"
            else ctx.sentence_subject(sent, m.start())
        )
        window_start = max(0, m.start() - 10)
        between = _RANGE_BEFORE.search(text, window_start, m.start())
        is_range = (
            len(values) == 2
            and not qual
            and (
                between is not None or _RANGE_SEP.fullmatch(text, nums[0].end(), nums[1].start()) is not None
            )
        )
        if is_range:
            lo, hi = sorted(values)
            start = between.start() if between is not None else m.start()
            qualifier = between.group(1).lower() if between is not None else "to"
            ctx.add(metric, None, "approx", lo, hi, qualifier, scope, window, subject, (start, m.end()))
            continue
        for i, (n, value) in enumerate(zip(nums, values)):
            start = m.start() if i == 0 else n.start()
            end = m.end() if i == len(nums) - 1 else n.end()
            bound, low, high = claim_bounds(value, qual)
            ctx.add(metric, value, bound, low, high, qual, scope, window, subject, (start, end))


def _counts(ctx: _Context) -> None:
    """One figure before its noun: "more than 5 million views combined in their first day"."""
    text = ctx.text
    for m in _COUNT_RE.finditer(text):
        metric = _COUNT_NOUNS[m.group("noun").lower()]
        value = parse_number(m.group("num"))
        sent = ctx.sentences.around(m.start())
        if value is None or not _number_ok(text, m.start("num"), value, m.group("num"), metric):
            continue
        if not _metric_allowed(text, metric, sent):
            continue
        qual = _norm(m.group("qual"))
        bound, low, high = claim_bounds(value, qual)
        subject = (
            _gap_subject(m.group("gap"), m.group("noun"))
            if metric == "video_count"
            else ctx.sentence_subject(sent, m.start())
        )
        ctx.add(metric, value, bound, low, high, qual, _scope_of(m), _window_of(m), subject, m.span())


def _times(ctx: _Context) -> None:
    """ "viewed 900,000 times", "shared 20,000 times"."""
    text = ctx.text
    for m in _TIMES_RE.finditer(text):
        metric = _TIMES_VERBS[m.group("verb").lower()]
        value = parse_number(m.group("num"))
        sent = ctx.sentences.around(m.start())
        if value is None or not _number_ok(text, m.start("num"), value, m.group("num"), metric):
            continue
        qual = _norm(m.group("qual"))
        bound, low, high = claim_bounds(value, qual)
        ctx.add(
            metric,
            value,
            bound,
            low,
            high,
            qual,
            None,
            _window_of(m),
            ctx.sentence_subject(sent, m.start()),
            m.span(),
        )


def _vague(ctx: _Context) -> None:
    """ "millions of views": no value, a lower bound of twice the scale."""
    text = ctx.text
    for m in _VAGUE_RE.finditer(text):
        metric = _COUNT_NOUNS[m.group("noun").lower()]
        sent = ctx.sentences.around(m.start())
        if not _metric_allowed(text, metric, sent):
            continue
        low = _VAGUE_LOW[m.group("scale").lower()] * {"tens": 10.0, "hundreds": 100.0}.get(
            (m.group("pre") or "").lower(), 1.0
        )
        subject = (
            _gap_subject(m.group("gap"), m.group("noun"))
            if metric == "video_count"
            else ctx.sentence_subject(sent, m.start())
        )
        ctx.add(
            metric,
            None,
            "vague",
            low,
            None,
            f"{_norm(m.group('vague'))} of",
            _scope_of(m),
            _window_of(m),
            subject,
            m.span(),
        )


def _lengths(ctx: _Context) -> None:
    text = ctx.text
    for m in _LENGTH_BEFORE_RE.finditer(text):
        value = parse_duration(m.group("dur"))
        if value is None or value <= 0:
            continue
        qual = _norm(m.group("qual"))
        bound, low, high = claim_bounds(value, qual)
        ctx.add(
            "video_length",
            value,
            bound,
            low,
            high,
            qual,
            None,
            None,
            _gap_subject(m.group("gap"), m.group("noun")),
            m.span(),
        )
    for m in _LENGTH_AFTER_RE.finditer(text):
        value = parse_duration(m.group("dur"))
        if value is None or value <= 0:
            continue
        qual = _norm(m.group("qual"))
        bound, low, high = claim_bounds(value, qual)
        sent = ctx.sentences.around(m.start())
        subject = _noun_phrase(text, m.start("noun"), m.end("noun"), sent[0])
        ctx.add("video_length", value, bound, low, high, qual, None, None, subject, m.span())


def _clause(breaks: list[tuple[int, int]], sent: tuple[int, int], pos: int) -> tuple[int, int]:
    """The stretch of the sentence around `pos` between clause breaks (; : parentheses dashes)."""
    i = bisect.bisect_right(breaks, (pos, pos))
    start = breaks[i - 1][1] if i > 0 and breaks[i - 1][1] <= pos else sent[0]
    end = breaks[i][0] if i < len(breaks) else sent[1]
    return max(start, sent[0]), min(end, sent[1])


def _released(ctx: _Context, time_refs: tuple[TimeRef, ...]) -> None:
    text = ctx.text
    # (start, end, resolved start, resolved end) of day references, in text order.
    days = [
        (t.span[0], t.span[1], t.resolved_start.timestamp(), t.resolved_end.timestamp())
        for t in time_refs
        if t.granularity == "day"
        and t.span is not None
        and t.resolved_start is not None
        and t.resolved_end is not None
    ]
    if not days:
        return
    starts = [d[0] for d in days]
    breaks = [b.span() for b in _CLAUSE_BREAK.finditer(text)]
    found = [(m, True) for m in _RELEASE_RE.finditer(text)] + [(m, False) for m in _PASSIVE_RE.finditer(text)]
    for m, active in found:
        sent = ctx.sentences.around(m.start())
        c_start, c_end = _clause(breaks, sent, m.start("verb"))
        if not (c_start <= m.start() and m.end() <= c_end):
            continue
        # The first day reference after the object, else the last one before the verb, in the clause.
        i = bisect.bisect_left(starts, m.end())
        j = bisect.bisect_left(starts, m.start()) - 1
        if i < len(days) and days[i][1] <= c_end:
            ref = days[i]
        elif j >= 0 and days[j][0] >= c_start and days[j][1] <= m.start():
            ref = days[j]
        else:
            continue
        if active:
            subject = _gap_subject(m.group("obj"), m.group("noun"))
        else:
            subject = _noun_phrase(text, m.start("noun"), m.end("noun"), sent[0])
        span = (min(m.start(), ref[0]), max(m.end(), ref[1]))
        ctx.add("video_published", ref[2], "exact", ref[2], ref[3], None, None, None, subject, span)


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


def find_claims(
    text: str,
    *,
    time_refs: tuple[TimeRef, ...] = (),
    exclude: tuple[tuple[int, int], ...] = (),
    as_of: datetime | None = None,
) -> tuple[Claim, ...]:
    """Claims in text order (repeats folded into also_spans).

    `time_refs` (already resolved) feed video_published claims; `exclude` holds spans that are not
    prose (publish/update lines); `as_of`, the document's publish or update time, is stamped on
    engagement counts (views, likes, ...) since that is when the article reported them.
    """
    ctx = _Context(text, _sentences(text), SpanSet(exclude), as_of)
    # Lists first, so their figures are taken before the single-figure pattern sees the last one.
    _lists(ctx)
    _counts(ctx)
    _times(ctx)
    _vague(ctx)
    _lengths(ctx)
    _released(ctx, time_refs)
    ordered = sorted(ctx.claims, key=lambda c: (c.span or (0, 0), c.metric))
    return dedupe_claims(ordered)
