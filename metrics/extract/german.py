"""German-language figures: "86,3 Millionen Aufrufe", "mehr als 1.234.567 Aufrufe", "2,5 Mio. Mal geteilt".

Used only when the document's language (DocumentMeta.language, from hints) is German: there "."
groups thousands and "," marks decimals, the reverse of English, so the English patterns would
read "900.000 Likes" as 900. Same shape as the English count pattern, smaller vocabulary:

- counts: [qualifier] NUMBER [up to 2 modifier words] NOUN ("rund 500.000 Follower")
- times:  [qualifier] NUMBER Mal PARTICIPLE ("86,3 Millionen Mal aufgerufen", "2.000 Mal geteilt")

Bounded quantifiers only; Unicode word rules (not ASCII) so "über" and "Kanäle" are words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

_F = re.IGNORECASE
_SP = r"[ \t\u00a0\u202f]"

QUALIFIERS: dict[str, str] = {
    "mehr als": "lower",
    "über": "lower",
    "weit über": "lower",
    "gut": "lower",
    "mindestens": "lower",
    "fast": "upper",
    "knapp": "upper",
    "beinahe": "upper",
    "nahezu": "upper",
    "annähernd": "upper",
    "bis zu": "upper",
    "weniger als": "upper",
    "rund": "approx",
    "etwa": "approx",
    "ungefähr": "approx",
    "circa": "approx",
    "ca.": "approx",
    "geschätzt": "approx",
}
SCALES: dict[str, int] = {
    "tausend": 1000,
    "million": 10**6,
    "millionen": 10**6,
    "mio.": 10**6,
    "mio": 10**6,
    "milliarde": 10**9,
    "milliarden": 10**9,
    "mrd.": 10**9,
    "mrd": 10**9,
}
NOUNS: dict[str, str] = {
    "aufrufe": "views",
    "aufrufen": "views",
    "abrufe": "views",
    "views": "views",
    "klicks": "views",
    "likes": "likes",
    "follower": "followers",
    "followern": "followers",
    "followerinnen": "followers",
    "abonnenten": "subscribers",
    "abonnentinnen": "subscribers",
    "abonnements": "subscribers",
    "abos": "subscribers",
    "kommentare": "comments",
    "kommentaren": "comments",
    "shares": "shares",
    "videos": "video_count",
    "clips": "video_count",
}
PARTICIPLES: dict[str, str] = {
    "aufgerufen": "views",
    "abgerufen": "views",
    "angesehen": "views",
    "angeschaut": "views",
    "angeklickt": "views",
    "abgespielt": "views",
    "gesehen": "views",
    "geklickt": "views",
    "geteilt": "shares",
    "geliked": "likes",
    "gelikt": "likes",
    "kommentiert": "comments",
}


def _alt(words: Iterable[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", _SP) for w in sorted(words, key=len, reverse=True))


NUMBER_DE = (
    r"(?<![\w.,])(?P<digits>[0-9]{1,3}(?:\.[0-9]{3}){1,5}|[0-9]{1,12})(?:,(?P<dec>[0-9]{1,6}))?"
    rf"(?:{_SP}{{1,2}}(?P<scale>Millionen|Million|Milliarden|Milliarde|Tausend|Mio\.|Mrd\.|Mio|Mrd)(?![\w]))?"
    r"(?![\w]|[.,][0-9])"
)
_QUAL = rf"(?:(?<![\w])(?P<qual>{_alt(QUALIFIERS)}){_SP}{{1,2}})?"
_GAP = rf"(?:{_SP}{{1,2}}(?![0-9])[\w-]{{1,30}}){{0,2}}?"
COUNT_RE = re.compile(rf"{_QUAL}{NUMBER_DE}(?P<gap>{_GAP}){_SP}{{1,2}}(?P<noun>{_alt(NOUNS)})(?![\w-])", _F)
TIMES_RE = re.compile(
    rf"{_QUAL}{NUMBER_DE}{_SP}{{1,2}}mal{_SP}{{1,2}}(?:(?:auf|bei|über|in|im){_SP}{{1,2}}[\w-]{{1,30}}{_SP}{{1,2}})?"
    rf"(?P<verb>{_alt(PARTICIPLES)})(?![\w])",
    _F,
)


def is_german(language: str | None) -> bool:
    return bool(language) and str(language).lower().replace("_", "-").split("-")[0] in ("de", "deu", "ger")


def value_of(m: re.Match[str]) -> tuple[float, float | None] | None:
    """(value, written step) of a NUMBER_DE match: "86,3 Millionen" -> (86300000.0, 100000.0)."""
    try:
        whole = Decimal(m.group("digits").replace(".", ""))
        dec = m.group("dec")
        value = whole + (Decimal(dec).scaleb(-len(dec)) if dec else Decimal(0))
    except (InvalidOperation, ValueError):
        return None
    scale_word = (m.group("scale") or "").lower()
    if not scale_word:
        return float(value), None
    scale = Decimal(SCALES[scale_word])
    step = Decimal(1).scaleb(-len(dec)) if dec else Decimal(1)
    return float(value * scale), float(step * scale)
