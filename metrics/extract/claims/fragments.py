"""Regex pieces shared by the rules, and the Scanner anchor groups and first-word sets they need,
all built from vocabulary.py's tables.

Every pattern is bounded (constant work per start position, so linear time) and takes whitespace
only as SP (never "\\n"), so no match crosses a chunk break (anchors.py). A rule's own pattern lives
in its module under rules/; a piece two modules use lives here.

Generated alternations keep the table's order where the table gives it (the engine tries branches
in order); a flat list a regex author would write as "videos?" is written so again (plural_alt),
and a long list of phrases becomes a prefix tree (alternation.py).

Anchors (see anchors.py): a pattern run by Scanner.finditer/matchiter names groups of words
(`_A_*`, anchors.group) of which every match holds one; matchiter also names the words a match can
start with (`_F_*`, a frozenset: the same object for every pattern that shares it, so the Scanner
finds their candidate positions once).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from metrics.extract.alternation import trie_alternation
from metrics.extract.anchors import COLON, DIGIT, group
from metrics.extract.claims import vocabulary as v
from metrics.extract.numbers import _TENS_WORDS, _UNITS_WORDS, NUMBER, SCALES, SP
from metrics.extract.windows import ENGAGEMENT, WINDOW

_F = re.IGNORECASE | re.ASCII

# The tables the English rules read most.
_QUALIFIERS = v.QUALIFIERS["en"]
_TALLY_QUALIFIERS = v.TALLY_QUALIFIERS["en"]
_COUNT_NOUNS = v.COUNT_NOUNS["en"]
_COUNT_WORDS = v.COUNT_WORDS["en"]
_TIMES_VERBS = v.TIMES_VERBS["en"]
_BY_PEOPLE_VERBS = v.BY_VERBS["en"]
_MEDIA_NOUNS = v.MEDIA_NOUNS["en"]
_PLATFORMS = v.PLATFORMS


def _alt(phrases: Iterable[str]) -> str:
    """Any of the phrases (their spaces as one or two of SP), as a prefix tree: see alternation.py."""
    return trie_alternation(phrases, SP + "{1,2}")


def flat(phrases: Iterable[str], space: str = SP + "{1,2}") -> str:
    """The phrases as a flat alternation in their order, each space as `space`."""
    return "|".join(p.replace(" ", space) for p in phrases)


def plural_alt(singular: str, plural: str) -> str:
    """Both forms as a regex author writes them: "videos?", "documentar(?:y|ies)", "footage"."""
    if plural == singular:
        return singular
    if plural == singular + "s":
        return f"{singular}s?"
    stem = singular
    while not plural.startswith(stem):
        stem = stem[:-1]
    return f"{stem}(?:{singular[len(stem) :]}|{plural[len(stem) :]})"


def forms(singulars: Iterable[str], plurals: dict[str, str] | None = None) -> tuple[str, ...]:
    """Each noun and its plural (from `plurals`, else +"s"), as anchor or first words."""
    out: list[str] = []
    for s in singulars:
        p = (plurals or {}).get(s, s + "s")
        out += (s,) if p == s else (s, p)
    return tuple(out)


def anchor_word(phrase: str) -> str:
    """The word of a phrase that anchors it: its longest (the first of equals), so "stand" for
    "now stand at" and "shot" for "shot down" (the verb, not the particle)."""
    return max(phrase.lower().split(), key=len)


def first_words(phrases: Iterable[str]) -> frozenset[str]:
    return frozenset(p.split()[0].lower() for p in phrases)


# "is now past 800,000 views": past it, so at least that; not "the past 3 videos".
# Not inside a compound: "a record-breaking 27.7 million views" is exact.
_QUAL = rf"(?:\b(?<!-)(?P<qual>{_alt(_QUALIFIERS)}|(?<![Tt]he{SP})(?<![Ll]ast{SP})past){SP}{{1,2}})?"
_TALLY_QUAL = rf"(?:\b(?<!-)(?P<qual>{_alt({**_QUALIFIERS, **_TALLY_QUALIFIERS})}){SP}{{1,2}})?"
_PSCOPE = (
    rf"(?:\b(?P<pscope>a{SP}combined|a{SP}total{SP}of|a{SP}cumulative|a{SP}collective|an{SP}accumulated)"
    rf"{SP}{{1,2}})?"
)
# Not the first word of a compound ("views-driven"), but "32,097 tweets-per-minute" is a rate.
_NOUN = rf"(?P<noun>{_alt(_COUNT_NOUNS)})\b(?!-(?!per-))"

# The long scale words of the number grammar (numbers.SCALES): "hundred" ... "crore".
LONG_SCALES = tuple(w for w, value in SCALES.items() if value >= 100 and len(w) > 3)
_STOP = v.STOP_WORDS["en"] | frozenset(LONG_SCALES)
_STOP_ALT = trie_alternation(_STOP)
# A modifier between a figure and its noun: not a stop word, not a bare number.
# ("on-demand streams", "all-time views": a compound that starts with a stop word is a modifier.)
_GAP_WORD = rf"(?!(?:{_STOP_ALT})\b(?!-))(?![0-9]{{1,30}}\b)[A-Za-z0-9][A-Za-z0-9'\u2019-]{{0,30}}"
_GAP = rf"(?P<gap>(?:{SP}{{1,2}}{_GAP_WORD}){{0,3}})"

_PLATFORM_ALT = "|".join(p.replace(" ", SP) for p in v.PLATFORMS)
_ACROSS = rf"(?:{_PLATFORM_ALT}|X)(?:,?{SP}{{1,2}}(?:and{SP}{{1,2}})?(?:{_PLATFORM_ALT}|X)){{1,4}}"
# A name of up to three capitalised words ("Kayo Sports", "FOX8", "Disney+ Hotstar").
_NAME = r"(?-i:[A-Z0-9][\w+.&-]*)(?:[ \t\u00a0](?-i:[A-Z0-9][\w+.&-]*)){0,2}"
_SCOPE = (
    rf"(?P<scope>combined|in{SP}total|altogether|across{SP}(?:all{SP}|both{SP})?(?:the{SP})?platforms"
    rf"|across{SP}{{1,2}}{_ACROSS}\b(?:{SP}{{1,2}}combined)?"
    # "2.9 million viewers across Max and linear telecasts", "352K likes across her videos".
    rf"|across(?:{SP}{{1,2}}[A-Za-z0-9'-]{{1,20}}){{0,4}}?{SP}{{1,2}}(?:videos|clips|posts|accounts|channels|telecasts"
    rf"|networks|organi[sz]ations|outlets|episodes|services|apps|sites|stations|broadcasts|streams|feeds|platforms)"
    # "2.2 million viewers across TikTok Live, Binge, FOX8 and Kayo Sports": a list of names.
    rf"|across{SP}{{1,2}}(?-i:(?=[A-Z])){_NAME}(?:,{SP}{{1,2}}{_NAME}){{0,5}},?{SP}{{1,2}}and{SP}{{1,2}}{_NAME}"
    # "each day" makes a rate (see filters._RATE_AFTER), not one figure per item.
    rf"|each(?!{SP}{{1,2}}(?:day|week|month|year|hour|minute)\b)|apiece|between{SP}{{1,2}}them)\b"
)
# "... videos of the attack in the first 24 hours", "10 million subscribers to his new channel in
# less than 24 hours": a short "of"/"to"/"for" phrase may sit before the window.
_OF_PHRASE = (
    rf"(?:{SP}{{1,2}}(?:of|to|for){SP}{{1,2}}(?:the|a|an|its|their|his|her){SP}{{1,2}}"
    rf"(?:[A-Za-z-]{{1,20}}{SP}{{1,2}})?[A-Za-z-]{{1,20}})?"
)
# "... views on Instagram since it was posted": a platform may sit before the window too.
_ON_WHERE = rf"(?:{SP}{{1,2}}(?:on|across){SP}{{1,2}}(?:{_PLATFORM_ALT}|X)\b)?"
# "... tweets posted in 36 hours": a participle may sit before the window; so may a country ("streamed
# over 21 million times in the U.S over the first three days").
_DONE = rf"(?:{SP}{{1,2}}(?:posted|sent|recorded|logged|generated|uploaded|added))?"
_IN_COUNTRY = (
    rf"(?:{SP}{{1,2}}in{SP}{{1,2}}the{SP}{{1,2}}(?-i:U\.?S\.?|UK|U\.K\.|United{SP}States|United{SP}Kingdom))?"
)
# "with 6.7 million likes — in just eight hours", "130,000 views -- in two months": a dash before it.
_BEFORE_WINDOW = rf"(?:,?{SP}{{1,2}}|{SP}{{0,2}}[\u2013\u2014]{SP}{{0,2}}|{SP}{{1,2}}--{SP}{{1,2}})"
_POST = (
    rf"(?:{SP}{{1,2}}{_SCOPE})?"
    rf"(?:{_DONE}{_OF_PHRASE}{_ON_WHERE}{_IN_COUNTRY}{_BEFORE_WINDOW}(?P<win>{WINDOW}))?"
)

# "4,000-odd times" is about 4,000; "74,000 plus views" (a word of its own) is at least 74,000.
_PLUS = rf"(?P<plus>-plus\b|\+|-odd\b|{SP}{{1,2}}plus(?={SP}{{1,2}}(?:{_alt(v.COUNT_NOUNS['en'])})\b))?"
_LIST_SEP = rf"(?:,{SP}{{1,2}}(?:and{SP}{{1,2}})?|{SP}{{1,2}}(?:and|to){SP}{{1,2}})"
_NUMBER_RE = re.compile(NUMBER, _F)
# Verbs of a count changing: after one, "from A (to B)" gives the count before the change.
_CHANGE_VERB_ALT = flat(v.CHANGE_VERBS["en"], r"[ \t\u00a0]{1,2}")

# "shared the trailer some 20,000 times": up to three object words may sit between verb and figure.
# Nor is a fraction of a scale ("liked a quarter of a million times") an object.
_NOT_OBJ = (
    rf"(?!(?:{_alt(_QUALIFIERS)}|between|(?:a|one){SP}{{1,2}}quarter{SP}{{1,2}}of"
    rf"|a{SP}{{1,2}}(?:combined|total|cumulative|collective))\b)"
)
_TIMES_OBJ = (
    # The determiner is checked before the qualifier lookahead: most verbs are followed by a figure,
    # and the lookahead's long alternation should not run for those.
    rf"(?P<obj>(?:{SP}{{1,2}}(?=(?:the|a|an|it|this|that|its|their|his|her)\b){_NOT_OBJ}(?:the|a|an|it|this|that|its|their|his|her)"
    rf"(?:{SP}{{1,2}}{_NOT_OBJ}[A-Za-z'-]{{1,20}}){{0,2}})?)"
    # "shared on Facebook over 250,000 times": where, before how many.
    rf"(?P<where>{SP}{{1,2}}(?:on|across){SP}{{1,2}}(?:{_PLATFORM_ALT}|X)(?:,?{SP}{{1,2}}(?:and|or){SP}{{1,2}}(?:{_PLATFORM_ALT}|X))?)?"
)

# Vague scales: "millions" is at least two million. "lakhs" and "crores" (Indian English): 100,000
# and 10,000,000.
_VAGUE_LOW = {w + "s": 2 * SCALES[w] for w in v.VAGUE_SCALES["en"]}
_VAGUE_PRE = v.VAGUE_MULTIPLES["en"]
_VAGUE_CORE = rf"(?P<vague>(?:(?P<pre>{'|'.join(_VAGUE_PRE)}){SP}of{SP})?(?P<scale>{'|'.join(_VAGUE_LOW)}))"

_LONG_SCALE_ENDS = "|".join(rf"{w}\b" for w in LONG_SCALES)
# The figure ends here: not a percentage or rate, and not cut short of its scale word ("2 million").
_NOT_PERCENT = (
    rf"(?![0-9A-Za-z]|[.,][0-9]|{SP}{{0,2}}(?:%|percent\b|per{SP}cent\b|pc\b|points?\b|per{SP}{{1,2}}\w"
    rf"|{_LONG_SCALE_ENDS}))"
)
# A figure that borrows its noun stands alone: a clause ends, or a time or connecting word follows
# ("to 310,000 in a week", "from 60,000 a year earlier"), not a noun of its own ("thanks to 3 viral
# videos", "from 50 countries").
_STANDS_ALONE = (
    rf"(?=[,.;:)!?\u2013\u2014]|{SP}{{0,2}}$|{SP}{{1,2}}(?:in|on|at|by|since|after|before|within|over|during|this|last"
    rf"|now|today|overnight|alone|and|but|as|according|when|while|following|from|between|a|an|the|earlier|previously)\b)"
)

# A video or a kind of video: "videos?|clips?|...", "live" only after a platform ("The Facebook Live").
_MEDIA = "|".join(plural_alt(s, p) for s, p in _MEDIA_NOUNS.items() if s != "live") + (
    "|(?:"
    + "|".join(rf"(?<={name}[ \t\u00a0])" for name in v.LIVE_PLATFORMS)
    + ")"
    + plural_alt("live", _MEDIA_NOUNS["live"])
)
# What people shared, watched or commented on is a post or video, not "the idea" or "their stories".
_MEDIA_OBJECT = (
    rf"(?={SP}{{1,2}}(?:on{SP}{{1,2}})?(?:(?:{_PLATFORM_ALT}|X)\b|(?:the|this|that|her|his|its|their|a|an){SP}{{1,2}}"
    # "the full 12-minute documentary": a modifier may hold digits.
    rf"(?:[A-Za-z0-9'-]{{1,20}}{SP}{{1,2}}){{0,2}}?(?:{_MEDIA}|(?:post|tweet|photo|image|message|link|upload|appeal|petition|page)s?"
    # ... or a broadcast: "9 million people watched the match on BBC One" (an audience: viewers).
    rf"|(?:match|game|final|show|broadcast|ceremony|coronation|funeral|wedding|debate|concert|launch|premiere"
    rf"|finale|telecast|race|fight|event)(?:es|s)?"
    # ... or what was filmed: "74 million people viewed the moment ...", "... saw the speech".
    rf"|(?:moment|scene|speech|performance|interview|announcement)s?)\b)|,|\.)"
)

# Anchor groups shared by several rules (every match holds one of the group's words).
_A_NOUNS = group(*_COUNT_NOUNS)
_A_DIGIT = DIGIT
_A_TIMES = group("times")
# With "followed" (for "followed by N people"): one verb set for the times and by-people patterns,
# so the Scanner finds their chunks and candidate positions once.
_A_TIMES_VERBS = group(*first_words(_BY_PEOPLE_VERBS))
_A_VAGUE = group(*_VAGUE_LOW)
_MEDIA_WORDS = forms(_MEDIA_NOUNS, _MEDIA_NOUNS)
_A_MEDIA = group(*_MEDIA_WORDS)
# A DURATION holds a unit word or a clock reading's colon.
_A_DURATION = group(*forms(("hour", "hr", "minute", "min", "second", "sec")), "h", "m") | COLON
_TALLY_NOUN_WORDS = v.TALLY_SUBJECTS["en"]
_A_TALLY_NOUNS = group(*_TALLY_NOUN_WORDS)

# First words for Scanner.matchiter: a match of NUMBER starts with a digit or with one of _F_NUMBER
# (a number word, "a", "an", "half", "dozen"); _QUAL with the first word of a qualifier; _PSCOPE
# with "a"; DURATION with a digit, a number word, "a", "an", "hour" or "minute" ("hour-long").
_F_NUMBER = frozenset([*_UNITS_WORDS, *_TENS_WORDS, "a", "an", "one", "three", "half", "dozen"])
_F_QUAL_NUMBER = _F_NUMBER | first_words(_QUALIFIERS) | {"past"}
_F_QUAL_DURATION = _F_QUAL_NUMBER | {"hour", "minute", "half"}
# Patterns that start with their verb.
_F_TIMES_VERBS = first_words(_BY_PEOPLE_VERBS)
_F_NONE: frozenset[str] = frozenset()
_F_VAGUE = frozenset([*_VAGUE_PRE, *_VAGUE_LOW])
_F_TALLY_NOUNS = frozenset(_TALLY_NOUN_WORDS)
_F_MEDIA = frozenset(_MEDIA_WORDS)

# A noun tally's noun and its metric: "Viewership of the speech topped 900,000", "Her following has grown to 1.3m".
_TALLY_NOUN_METRIC = {**_COUNT_NOUNS, **v.AUDIENCE_NOUNS["en"]}
# The engagement nouns named like their metric ("views", "likes" ... "subscribers").
_METRIC_NOUNS = "|".join(ENGAGEMENT)
