"""What a figure is about and where: the media noun phrase a sentence names, and the platforms.

Subjects follow one rule: for counts and lengths attached to their noun, the noun and its modifiers
("Mandarin-language videos"); for views/likes/... the first media noun phrase (video, clip, post,
channel, account ...) earlier in the same sentence, with determiners, numbers, possessives and
-ed/-ing words dropped ("The recruitment videos posted to YouTube and X racked up ..." ->
"recruitment videos"); None when the sentence names no media noun before the figure.
"""

from __future__ import annotations

import bisect
import re

from metrics.extract.alternation import trie_alternation
from metrics.extract.anchors import Scanner, group
from metrics.extract.claims import vocabulary as v
from metrics.extract.claims.fragments import _ACROSS, _F, _PLATFORM_ALT, _PLATFORMS, _STOP, forms, plural_alt
from metrics.extract.claims.sentences import _CLAUSE_MARKS
from metrics.extract.numbers import SP


def _norm(phrase: str | None) -> str | None:
    return " ".join(phrase.lower().split()) if phrase else None


_SUBJECT_NOUNS = v.SUBJECT_NOUNS["en"]
_MEDIA_NOUNS = v.MEDIA_NOUNS["en"]
_MEDIA_SUBJECT_RE = re.compile(
    rf"\b(?:{'|'.join(plural_alt(n, _MEDIA_NOUNS.get(n, n + 's')) for n in _SUBJECT_NOUNS)})\b(?!['\u2019-])",
    _F,
)
_F_MEDIA_SUBJECT = frozenset(forms(_SUBJECT_NOUNS, _MEDIA_NOUNS))
_A_MEDIA_SUBJECT = group(*_F_MEDIA_SUBJECT)
_WORD_BEFORE = re.compile(r"(?<![A-Za-z'\u2019-])([A-Za-z][A-Za-z'\u2019-]{0,30})[ \t\u00a0]{1,2}$", re.ASCII)


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


def _segments(
    text: str, sent: tuple[int, int], span: tuple[int, int]
) -> tuple[tuple[int, int], tuple[int, int]]:
    """The stretch of the sentence around a claim between the commas (or ; : dashes brackets)
    before and after it, and the stretch before that one; commas inside a figure ("1,500") do not
    count."""
    breaks = [b.start() for b in _SEGMENT_BREAK.finditer(text, *sent)]
    i = bisect.bisect_left(breaks, span[0])
    start = breaks[i - 1] + 1 if i > 0 else sent[0]
    before = breaks[i - 2] + 1 if i > 1 else sent[0]
    j = bisect.bisect_left(breaks, span[1])
    end = breaks[j] if j < len(breaks) else sent[1]
    return (start, end), (before, start)


_SEGMENT_BREAK = re.compile(rf"(?:,(?![0-9])|(?<![0-9]),|{_CLAUSE_MARKS})")
_PLATFORM_RE = re.compile(
    # "YouTuber", "TikToker", "Instagrammer" name their platform too.
    # Any case: German and hurried copy write "Youtube", "Tiktok".
    rf"\b(?P<name>(?i:{_PLATFORM_ALT}))(?:{trie_alternation(v.PLATFORM_SUFFIXES)})?\b|(?<![\w.'\u2019-])X(?![\w'\u2019-])",
    re.ASCII,
)
# Every _PLATFORM_RE match starts one of these runs of letters ("YouTubers" too), and every
# _MEDIA_SUBJECT_RE match one of the next: Scanner.matches_in tries the patterns only there.
_F_PLATFORMS = frozenset(
    [
        "x",
        *(
            word.lower() + suffix
            for name in _PLATFORMS
            for word in name.split()[:1]
            for suffix in ("", *v.PLATFORM_SUFFIXES)
        ),
    ]
)
_A_PLATFORMS = group(*_F_PLATFORMS)
_ON_PLATFORM = re.compile(
    # "on the X platform", "on the TikTok app" name it too.
    # German copy: "57 Millionen bei Facebook", "40 Millionen auf Instagram".
    rf"{SP}{{1,2}}(?:on|via|bei|auf){SP}{{1,2}}(?:the{SP}{{1,2}}(?=\S+{SP}{{1,2}}(?:platform|app|site)\b))?"
    rf"(?P<name>(?i:{_PLATFORM_ALT})|X)(?![\w'\u2019-])"
    # Not the first of a list of platforms: "on YouTube, Facebook and Instagram" is all three.
    rf"(?!,?{SP}{{1,2}}(?:and|or){SP}{{1,2}}(?:(?i:{_PLATFORM_ALT})|X)\b|,{SP}{{1,2}}(?:(?i:{_PLATFORM_ALT})|X)\b)",
    re.ASCII,
)
_ON_PLATFORM_LIST = re.compile(rf"{SP}{{1,2}}(?:on|via|across){SP}{{1,2}}(?P<names>{_ACROSS})", re.ASCII)
_SPELT_AS = dict(v.PLATFORM_SPELLINGS)
_PLATFORM_NAMES = {p.lower(): _SPELT_AS.get(p, p) for p in _PLATFORMS}
_OF_AFTER = re.compile(rf"{SP}{{1,2}}of\b")
_FORMERLY_TWITTER = re.compile(rf",?{SP}{{1,2}}\(?formerly{SP}(?:known{SP}as{SP})?Twitter", re.ASCII)
_X_BEFORE = re.compile(
    rf"(?:\b(?i:on|via|across|to)|\b(?:{_PLATFORM_ALT}),?{SP}{{1,2}}(?:and|or)|\b(?:{_PLATFORM_ALT}),){SP}{{1,2}}$",
    re.ASCII,
)
_X_AFTER = re.compile(
    rf"(?:,?{SP}{{1,2}}\(?formerly|,?{SP}{{1,2}}(?:and|or){SP}{{1,2}}(?:{_PLATFORM_ALT})\b"
    rf"|,{SP}{{1,2}}(?:{_PLATFORM_ALT})\b"
    # "his X account", "the club's X feed" (not "Malcolm X posts").
    rf"|{SP}{{1,2}}(?:account|accounts|feed|handle|profile)\b)",
    re.ASCII,
)


def _platforms(scan: Scanner, start: int, end: int) -> str | None:
    """Platforms named in text[start:end], in order, each once; a bare "X" only in platform context."""
    text = scan.text
    names: list[str] = []
    skip_until = -1
    for m in scan.matches_in(_PLATFORM_RE, _F_PLATFORMS, _A_PLATFORMS, start, end):
        name = " ".join((m.group("name") or m.group()).split())
        name = _PLATFORM_NAMES.get(name.lower(), name)  # "Tiktok" is TikTok
        if m.start() < skip_until:
            continue
        if name == "Threads" and (
            _OF_AFTER.match(text, m.end()) or text[max(0, m.start() - 3) : m.start()] == "of "
        ):
            continue  # "The Threads of Life documentary", "Game of Threads"
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


def _own_platform_name(own: re.Match[str]) -> str:
    """The platform an _ON_PLATFORM match names, as _platforms writes it ("X" only in capitals)."""
    return "X" if own.group("name") == "X" else _PLATFORM_NAMES[own.group("name").lower()]
