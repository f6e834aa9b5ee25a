"""Reported figures: metric nouns found in prose, with their numbers, qualifiers, scope and window.

Pattern families, each a bounded regex run over the whole text (constant work per start position,
so linear time), then checked and turned into Claim values:

- counts:  [a combined] [qualifier] NUMBER[-plus|+] [up to 3 modifier words] NOUN [scope] [window]
           ("more than 5 million views combined in their first day", "two Mandarin-language videos",
           "500K+ views", "610,000 plays")
- lists:   "170,000 and 140,000 views, respectively" -> one claim per figure; "between A and B" and
           "2-3 million" -> one range, the bare first figure borrowing the second's scale word
- times:   "viewed 900,000 times", "shared 20,000 times", "watched a combined 1.1 billion times",
           "viewed 600,000 and 450,000 times, respectively", "seen more than 4 million times"
- vague:   "millions of views", "shared tens of thousands of times" (bound "vague", value None,
           low = twice the scale: plural means >= 2)
- tallies: "view count stood at 7,450,112", "the number of comments topped 100,000",
           "50 million people follow her", ", up from 400,000" (an earlier figure, same metric)
- lengths: "more than 2-minute-long videos", "the video runs 2 minutes and 30 seconds", "the 2:14
           video", "the footage, roughly 11 minutes long,", "At 12 minutes, the film is ..."
- release: a release verb with a video object and a day-resolved time reference in the same clause
- German:  when the document's language is German, german.py's patterns replace the English count
           patterns ("86,3 Millionen Mal aufgerufen", "mehr als 1.234.567 Aufrufe")

Bounds: lower ("more than", "over", "topped", "N-plus" ...) is [value, None]; upper ("nearly", "up
to" ...) is [None, value]; approx ("about", "some" ...) is [0.9*value, 1.1*value], a fixed +-10% band
that is a convention, not a measurement; plain figures are exact, [value, value] when written in
full ("1,234,567") and the written precision when rounded to a scale word ("5.2 million" is
[5.15, 5.25] million, see numbers.written_step).

Windows: "in its first week", "within 24 hours", "so far", "since its release" are kept as written
(also when written elsewhere in the sentence: "In its first week, the trailer drew ..."), and
windows.py turns them into as_of ranges counted from a dated release; "as of Wednesday" / "by
Friday" (a resolved time reference after "as of" or "by" in the sentence) set the time_window and
move as_of to the end of that period, never past the document's own time.

Negatives the checks encode: years after "in"/"since", rankings ("Top 10", "the 10 most-watched"),
money, decimals without a scale word ("900.000 Likes" in English mode), equity "shares" in finance
sentences, small spelled-out engagement numbers ("two views of the bridge"), plural nouns or verbs
between a figure and its noun ("1,200 members share videos"), scores ("3-1").

Subjects follow one rule: for counts and lengths attached to their noun, the noun and its modifiers
("Mandarin-language videos"); for views/likes/... the first media noun phrase (video, clip, post,
channel, account ...) earlier in the same sentence, with determiners, numbers, possessives and
-ed/-ing words dropped ("The recruitment videos posted to YouTube and X racked up ..." ->
"recruitment videos"); None when the sentence names no media noun before the figure.
"""

from __future__ import annotations

import bisect
import operator
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, time, tzinfo
from typing import NamedTuple

from metrics.extract import german
from metrics.extract.alternation import trie_alternation
from metrics.extract.anchors import COLON, DASH, DIGIT, Scanner, group, in_text_order
from metrics.extract.errors import DateParseError
from metrics.extract.numbers import (
    _TENS_WORDS,
    _UNITS_WORDS,
    CLOCK,
    DIGIT_NUMBER,
    DIGITS,
    DURATION,
    NUMBER,
    SCALES,
    SP,
    WORD_NUMBER,
    parse_duration,
    parse_number,
    precision_band,
    written_step,
)
from metrics.extract.periods import calendar_period
from metrics.extract.spans import SpanSet
from metrics.extract.windows import (
    AT_DOCUMENT_TIME,
    ENGAGEMENT,
    SENTENCE_CUMULATIVE,
    SENTENCE_CUMULATIVE_WORDS,
    SENTENCE_WINDOW,
    SENTENCE_WINDOW_WORDS,
    WINDOW,
    Releases,
    is_cumulative,
    resolve_window,
    sentence_window,
    window_length,
)
from metrics.extract.zones import resolve_abbreviation
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
    "a little more than": "lower",
    # "the best part of 2 million views" (without "the": it would make every "the" a place to try).
    "best part of": "upper",
    "better part of": "upper",
    "a little less than": "upper",
    # Headlines write the present: "maths TikToks pass 5m views".
    "pass": "lower",
    "cross": "lower",
    "surpass": "lower",
    "exceed": "lower",
    # "The channel surged past 4 million followers": movement past a figure is beyond it.
    **dict.fromkeys(
        [
            f"{verb} past"
            # Verbs common elsewhere ("went", "jumped", "climbed") are left out: each first word of a
            # qualifier is a place every count pattern is tried.
            for verb in (
                "surged", "raced", "sailed", "soared", "zoomed", "edged", "crept", "rocketed", "blew", "sped",
                "rushed", "cruised", "powered",
            )
        ],
        "lower",
    ),
    "nearly": "upper",
    "approaching": "upper",
    "fast approaching": "upper",
    "nearing": "upper",
    "closing in on": "upper",
    "almost": "upper",
    "just under": "upper",
    "up to": "upper",
    "as many as": "upper",
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
    "something like": "approx",
    "a little over": "lower",
    "a little under": "upper",
}
APPROX_TENTHS = 1  # approx band: +-10% of the value


def _alt(phrases: Iterable[str]) -> str:
    """Any of the phrases (their spaces as one or two of SP), as a prefix tree: see alternation.py."""
    return trie_alternation(phrases, SP + "{1,2}")


# "is now past 800,000 views": past it, so at least that; not "the past 3 videos".
_QUAL = rf"(?:\b(?P<qual>{_alt(_QUALIFIERS)}|(?<![Tt]he{SP})(?<![Ll]ast{SP})past){SP}{{1,2}})?"
# Qualifiers written only after a count's noun and verb ("Views ... have climbed past 36 million"):
# kept out of _QUALIFIERS, whose first words are tried as the start of every figure.
_TALLY_QUALIFIERS = dict.fromkeys(("past", "above", "beyond"), "lower")
_TALLY_QUAL = rf"(?:\b(?P<qual>{_alt({**_QUALIFIERS, **_TALLY_QUALIFIERS})}){SP}{{1,2}})?"
_PSCOPE = rf"(?:\b(?P<pscope>a{SP}combined|a{SP}total{SP}of|a{SP}cumulative|a{SP}collective){SP}{{1,2}})?"

_COUNT_NOUNS: dict[str, str] = {
    "views": "views",
    "plays": "views",
    "streams": "views",
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
    "documentaries": "video_count",
    "trailers": "video_count",
    "ads": "video_count",
    "adverts": "video_count",
    "shorts": "video_count",
    "spots": "video_count",
    "uploads": "video_count",
    # "880k subs"; but "all five subs" are substitutes (a count under 1,000 is dropped, see _counts).
    "subs": "subscribers",
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
_STOP_ALT = trie_alternation(_STOP)
# A modifier between a figure and its noun: not a stop word, not a bare number.
_GAP_WORD = rf"(?!(?:{_STOP_ALT})\b)(?![0-9]{{1,30}}\b)[A-Za-z0-9][A-Za-z0-9'\u2019-]{{0,30}}"
_GAP = rf"(?P<gap>(?:{SP}{{1,2}}{_GAP_WORD}){{0,3}})"

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
    "WhatsApp",
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
    "Threads",
)
_PLATFORM_ALT = "|".join(p.replace(" ", SP) for p in _PLATFORMS)
_ACROSS = rf"(?:{_PLATFORM_ALT}|X)(?:,?{SP}{{1,2}}(?:and{SP}{{1,2}})?(?:{_PLATFORM_ALT}|X)){{1,4}}"
_SCOPE = (
    rf"(?P<scope>combined|in{SP}total|altogether|across{SP}(?:all{SP}|both{SP})?(?:the{SP})?platforms"
    rf"|across{SP}{{1,2}}{_ACROSS}\b(?:{SP}{{1,2}}combined)?"
    # "each day" makes a rate (see _RATE_AFTER), not one figure per item.
    rf"|each(?!{SP}{{1,2}}(?:day|week|month|year|hour|minute)\b)|apiece|between{SP}{{1,2}}them)\b"
)
# "... videos of the attack in the first 24 hours": a short "of" phrase may sit before the window.
_OF_PHRASE = rf"(?:{SP}{{1,2}}of{SP}{{1,2}}(?:the|a|an|its|their|his|her){SP}{{1,2}}[A-Za-z-]{{1,20}})?"
# "... views on Instagram since it was posted": a platform may sit before the window too.
_ON_WHERE = rf"(?:{SP}{{1,2}}(?:on|across){SP}{{1,2}}(?:{_PLATFORM_ALT}|X)\b)?"
_POST = rf"(?:{SP}{{1,2}}{_SCOPE})?(?:{_OF_PHRASE}{_ON_WHERE},?{SP}{{1,2}}(?P<win>{WINDOW}))?"

_PLUS = r"(?P<plus>-plus\b|\+|-odd\b)?"  # "4,000-odd times" is about 4,000
_LIST_SEP = rf"(?:,{SP}{{1,2}}(?:and{SP}{{1,2}})?|{SP}{{1,2}}(?:and|to){SP}{{1,2}})"
# One figure or a list of them before the noun: "more than 5 million views combined", "170,000 and
# 140,000 views". One pattern, so each start is tried once; `more` is set when it is a list.
_COUNT_RE = re.compile(
    rf"{_PSCOPE}{_QUAL}(?P<list>{NUMBER}(?P<more>(?:{_LIST_SEP}{NUMBER}){{1,5}})?){_PLUS}{_GAP}{SP}{{1,2}}{_NOUN}{_POST}",
    _F,
)
# "2-3 million views": a hyphenated range, the first figure borrowing the second's scale.
_HYPHEN_RANGE_RE = re.compile(
    rf"(?<![\w.,$-])(?P<a>[0-9]{{1,3}}(?:,[0-9]{{3}}){{0,3}}(?:\.[0-9]{{1,2}})?)(?:-|\u2013|{SP}[-\u2013]{SP})(?P<b>{DIGIT_NUMBER})"
    rf"{_GAP}{SP}{{1,2}}{_NOUN}{_POST}",
    _F,
)
_NUMBER_RE = re.compile(NUMBER, _F)
# "between 100,000 and 200,000 views" and "2 to 3 videos" are one range, not two figures.
_RANGE_BEFORE = re.compile(r"\b(between|from)[ \t\u00a0]{1,2}$", _F)
_RANGE_SEP = re.compile(rf"{SP}{{1,2}}to{SP}{{1,2}}", _F)
# Verbs of a count changing: after one, "from A (to B)" gives the count before the change.
_CHANGE_VERB_ALT = (
    r"went|gone|going|grew|grown|growing|jumped|jumping|rose|risen|rising|climbed|climbing|increased|increasing"
    r"|surged|surging|soared|soaring|swelled|swelling|leapt|leaped|ballooned|fell|fallen|falling|dropped|dropping"
    r"|declined|declining|slipped|slipping|slid|sliding|shrank|shrunk|shrinking|plunged|plummeted|tumbled|dipped"
    r"|exploded|skyrocketed|rocketed|doubled|tripled|quadrupled|(?:shot|went|gone|going)[ \t\u00a0]{1,2}(?:up|down)"
)
_MOVED_FROM = re.compile(rf"\b(?:{_CHANGE_VERB_ALT})[ \t\u00a0]{{1,2}}f$", _F)
_TIMES_VERBS = {
    "viewed": "views",
    "watched": "views",
    "played": "views",
    "streamed": "views",
    "seen": "views",
    "liked": "likes",
    "shared": "shares",
    "reshared": "shares",
    "forwarded": "shares",
    "retweeted": "shares",
    "reposted": "shares",
}
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
_TIMES_RE = re.compile(
    rf"\b(?P<verb>{_alt(_TIMES_VERBS)}){_TIMES_OBJ}{SP}{{1,2}}{_PSCOPE}"
    rf"(?:(?:only|a{SP}{{1,2}}mere|just(?!{SP}{{1,2}}(?:under|over|shy|short|below|above|north|less|more|about)\b))"
    rf"{SP}{{1,2}})?(?:(?P<again>another|a{SP}{{1,2}}further|an{SP}{{1,2}}(?:additional|extra)){SP}{{1,2}})?{_QUAL}"
    rf"(?:between{SP}{{1,2}})?(?P<list>{NUMBER}(?:{_LIST_SEP}{NUMBER}){{0,5}})"
    rf"{_PLUS}{SP}{{1,2}}times\b(?:{SP}{{1,2}}{_SCOPE})?"
    rf"(?:,?{SP}{{1,2}}(?P<win>{WINDOW}))?",
    _F,
)
# "viewed 2-3 million times".
_HYPHEN_TIMES_RE = re.compile(
    rf"\b(?P<verb>{_alt(_TIMES_VERBS)}){_TIMES_OBJ}{SP}{{1,2}}(?P<a>[0-9]{{1,3}}(?:,[0-9]{{3}}){{0,3}}(?:\.[0-9]{{1,2}})?)"
    rf"(?:-|\u2013|{SP}[-\u2013]{SP})(?P<b>{DIGIT_NUMBER}){SP}{{1,2}}times\b",
    _F,
)
# "lakhs" and "crores" (Indian English): 100,000 and 10,000,000.
_VAGUE_LOW = {"hundreds": 200.0, "thousands": 2e3, "millions": 2e6, "billions": 2e9, "lakhs": 2e5, "crores": 2e7}
_SCALE_WORDS = {"hundred": 100.0, "thousand": 1e3, "million": 1e6, "billion": 1e9}
_VAGUE_CORE = (
    rf"(?P<vague>(?:(?P<pre>tens|hundreds){SP}of{SP})?(?P<scale>hundreds|thousands|millions|billions|lakhs|crores))"
)
# "shared the message tens of thousands of times": a verb, up to three object words, a vague count.
_VAGUE_TIMES_RE = re.compile(
    rf"\b(?P<verb>{_alt(_TIMES_VERBS)})(?:{SP}{{1,2}}(?!(?:{trie_alternation(_STOP - {'times'})})\b)[A-Za-z'-]{{1,20}}"
    rf"|{SP}{{1,2}}(?:the|a|an|it|this|that|its|their|his|her)){{0,3}}?{SP}{{1,2}}[\"\u201c]?\b{_VAGUE_CORE}[\"\u201d]?{SP}of{SP}times\b",
    _F,
)
# "The video, seen by millions, ...": an audience too large to count, so vague views.
_VAGUE_BY_RE = re.compile(
    rf"\b(?P<verb>seen|viewed|watched){SP}{{1,2}}by{SP}{{1,2}}{_VAGUE_CORE}\b"
    rf"(?!{SP}{{1,2}}of{SP}{{1,2}}(?!(?:people|users|viewers|fans|accounts)\b))"
    # "seen by millions as a reformer": how people regard someone, not views.
    rf"(?!(?:{SP}{{1,2}}of{SP}{{1,2}}[a-z]+)?{SP}{{1,2}}as\b)",
    _F,
)
_COUNT_WORDS = {
    "view": "views",
    "like": "likes",
    "share": "shares",
    "retweet": "shares",
    "repost": "shares",
    "comment": "comments",
    "follower": "followers",
    "subscriber": "subscribers",
}
_TALLY_VERBS = (
    r"has|had|have|now|stood|stands|was|is|were|are|at|reached|reaches|hit|hits|rose|rises|jumped|jumps"
    r"|climbed|climbs|grew|grows|grown|surged|soared|ballooned|swelled|leapt|leaped|to|of|just|already|then|sat|sits"
    r"|doubled|tripled|quadrupled|fell|fallen|dropped|slipped|declined|increased|decreased|risen|shrunk|shrank|went"
)
# "The video's view count stood at 7,450,112", "Her follower count jumped to 2.3 million",
# "The number of comments topped 100,000".
_TALLY_HEAD = (
    rf"(?:\b(?P<cw>{_alt(_COUNT_WORDS)})s?{SP}{{1,2}}(?:count|tally|total|number|base)s?"
    rf"|\bnumber{SP}{{1,2}}of{SP}{{1,2}}(?P<noun>{_alt(_COUNT_NOUNS)}))\b"
    # "Her follower count on X leapt from ...".
    rf"(?:{SP}{{1,2}}on{SP}{{1,2}}(?:{_PLATFORM_ALT}|X)\b)?"
    rf"(?:{SP}{{1,2}}(?:{_TALLY_VERBS})\b){{0,3}}{SP}{{1,2}}"
)
# The figure ends here: not a percentage or rate, and not cut short of its scale word ("2 million").
_NOT_PERCENT = (
    rf"(?![0-9A-Za-z]|[.,][0-9]|{SP}{{0,2}}(?:%|percent\b|per{SP}cent\b|pc\b|points?\b|per{SP}{{1,2}}\w"
    rf"|hundred\b|thousand\b|million\b|billion\b|trillion\b|lakh\b|crore\b))"
)
# "Her subscriber base grew by 300,000": a change (see _change_before), not the tally itself.
_TALLY_RE = re.compile(rf"{_TALLY_HEAD}(?:by{SP}{{1,2}})?{_QUAL}(?P<list>{NUMBER}){_PLUS}{_NOT_PERCENT}", _F)
# "The subscriber count jumped from 40,000 to 310,000": both figures, the earlier and the later.
_TALLY_FROM_RE = re.compile(
    rf"{_TALLY_HEAD}from{SP}{{1,2}}(?P<qual>)(?P<list>{NUMBER}{SP}{{1,2}}to{SP}{{1,2}}{NUMBER})", _F
)
# ", up from 400,000 in January": an earlier figure for the same metric.
# "(up from 410,000 a year ago)", "3.5 million views on YouTube, up from 1.2 million".
_UP_FROM_LEAD = re.compile(
    rf"(?:{SP}{{1,2}}on{SP}{{1,2}}(?:{_PLATFORM_ALT}|X)\b)?(?:,?{SP}{{1,2}}\(?|{SP}{{0,2}}\()", _F
)
_UP_FROM_RE = re.compile(rf"(?:up|down){SP}{{1,2}}from{SP}{{1,2}}{_QUAL}(?P<list>{NUMBER}){_NOT_PERCENT}", _F)
# Up to the "to" of "from A ... to B": a few words, no clause break ("on launch day", "at the start
# of the year").
_TO_LATER_LEAD = re.compile(rf"[^.;!?\n,]{{0,40}}?,?{SP}{{1,2}}(?=to\b)", _F)
# A figure that borrows its noun stands alone: a clause ends, or a time or connecting word follows
# ("to 310,000 in a week", "from 60,000 a year earlier"), not a noun of its own ("thanks to 3 viral
# videos", "from 50 countries").
_STANDS_ALONE = (
    rf"(?=[,.;:)!?\u2013\u2014]|{SP}{{0,2}}$|{SP}{{1,2}}(?:in|on|at|by|since|after|before|within|over|during|this|last"
    rf"|now|today|overnight|alone|and|but|as|according|when|while|following|from|between|a|an|the|earlier|previously)\b)"
)
_TO_LATER_RE = re.compile(
    rf"to{SP}{{1,2}}(?:a{SP}{{1,2}}(?:whopping|staggering|massive|remarkable|record|cool|huge|hefty|healthy){SP}{{1,2}})?"
    rf"{_QUAL}(?P<list>{NUMBER}){_NOT_PERCENT}{_STANDS_ALONE}",
    _F | re.MULTILINE,
)
# "... rose to 85,000 from 60,000 in January": a changed count, then the one before it.
_FROM_EARLIER_LEAD = re.compile(rf"(?:{SP}{{1,2}}on{SP}{{1,2}}(?:{_PLATFORM_ALT}|X)\b)?,?{SP}{{1,2}}(?=from\b)", _F)
_FROM_EARLIER_RE = re.compile(rf"from{SP}{{1,2}}{_QUAL}(?P<list>{NUMBER}){_NOT_PERCENT}{_STANDS_ALONE}", _F | re.MULTILINE)
_TO_BEFORE = re.compile(r"\b(?:to|at)[ \t\u00a0]{1,2}(?=[^ \t\u00a0])", re.IGNORECASE)
# Before a figure: it is the count before a change ("the account went from 50,000 to 300,000").
_EARLIER_BEFORE = re.compile(
    rf"\b(?:{_CHANGE_VERB_ALT}|up|down)[ \t\u00a0]{{1,2}}from[ \t\u00a0]{{1,2}}"
    r"(?:(?:just|only|a[ \t\u00a0]{1,2}(?:mere|measly|paltry|modest|meagre|meager|tiny|humble))[ \t\u00a0]{1,2})?$",
    _F,
)
# "a combined following of 11 million", "her following of 2.3 million on TikTok".
_FOLLOWING_RE = re.compile(
    rf"\b(?:(?P<pscope>combined|total|collective){SP}{{1,2}})?following{SP}{{1,2}}of{SP}{{1,2}}{_QUAL}"
    rf"(?P<list>{NUMBER}){_PLUS}(?!{SP}{{1,2}}(?:people|users|fans|accounts|viewers|supporters|members)\b)",
    _F,
)
# "views on the montage had topped seven figures", "a seven-figure view count" is left alone.
_FIGURE_DIGITS = {"five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_FIGURES_RE = re.compile(
    rf"\b(?P<cw>{_alt(_COUNT_WORDS)})s?\b[^.;!?\n]{{0,40}}?{SP}(?P<verb>topped|hit|reached|passed|crossed|surpassed"
    rf"|exceeded|broke|cracked|into|past|reaching|hitting|topping){SP}{{1,2}}(?:the{SP}{{1,2}})?"
    rf"(?P<n>five|six|seven|eight|nine|ten){SP}{{1,2}}figures\b",
    _F,
)
# What joins a figure to the next one that borrows its noun: "... on Facebook and ".
_FURTHER_LEAD = re.compile(rf"(?:{SP}{{1,2}}on{SP}{{1,2}}[A-Za-z]{{1,20}})?,?{SP}{{1,2}}(?:and|plus|with){SP}{{1,2}}", _F)
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
_A_LATER_TOTAL = group("now", "currently", "today", "since", "bringing", "taking", "pushing", "lifting", "raising")
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
# The last words a figure's quote can end with when a window closes it.
_WINDOW_ENDINGS = ("hour", "hours", "day", "days", "week", "weeks", "month", "months", "minute", "minutes",
                   "overnight", "far", "release", "launch", "debut", "posting", "posted", "released", "uploaded",
                   "published")
_PER_PLATFORM_RE = re.compile(
    rf"(?:,|,?{SP}{{1,2}}and|,?{SP}{{1,2}}plus){SP}{{1,2}}(?P<qual>)(?P<list>{DIGIT_NUMBER})"
    rf"(?={SP}{{1,2}}(?:on|via){SP}{{1,2}}(?:{_PLATFORM_ALT}|X)\b)",
    _F,
)
# "passed the 1 million subscriber mark", "hit the 100,000-view milestone".
_MARK_RE = re.compile(
    rf"\b(?P<verb>passed|passes|crossed|crosses|hit|hits|reached|reaches|topped|tops|surpassed|surpasses"
    rf"|broke|breaks|neared|nears|approached|approaches|approaching|nearing"
    rf"|(?:sailed|went|blew|raced|zoomed|shot|sped|galloped|flew|soared|moved|edged|crept){SP}{{1,2}}past"
    rf"){SP}{{1,2}}the{SP}{{1,2}}"
    rf"(?P<list>{DIGITS}(?:{SP}{{1,2}}(?:thousand|million|billion)|[kmb]|bn)?)(?:-|{SP}{{1,2}})"
    rf"(?P<cw>{_alt(_COUNT_WORDS)})s?{SP}{{1,2}}(?:mark|milestone|threshold|barrier)\b",
    _F,
)
# "liked by more than 30,000 people", "viewed by 2 million users".
_BY_PEOPLE_VERBS = {**_TIMES_VERBS, "followed": "followers"}
_BY_PEOPLE_RE = re.compile(
    rf"\b(?P<verb>{_alt(_BY_PEOPLE_VERBS)}){SP}{{1,2}}by{SP}{{1,2}}{_QUAL}"
    # "watched by between 200,000 and 250,000 people": one range.
    rf"(?:between{SP}{{1,2}})?(?P<list>{NUMBER}(?:{SP}{{1,2}}(?:and|to){SP}{{1,2}}{NUMBER})?){_PLUS}{SP}{{1,2}}"
    rf"(?:people|users|accounts|viewers)\b",
    _F,
)
# "Three of the videos each drew ...": a count of the videos a sentence goes on to describe.
_OF_THE_RE = re.compile(
    rf"(?P<list>{NUMBER}){SP}{{1,2}}of{SP}{{1,2}}(?:the|its|their|his|her|these|those){SP}{{1,2}}"
    rf"(?P<noun>videos|clips|films|reels|documentaries)\b(?!-)",
    _F,
)
_VAGUE_RE = re.compile(
    rf"\b(?P<vague>(?:(?P<pre>tens|hundreds){SP}of{SP})?(?P<scale>hundreds|thousands|millions|billions))"
    rf"{SP}of{_GAP}{SP}{{1,2}}{_NOUN}{_POST}",
    _F,
)
# "shares are in the tens of thousands", "views now run into the millions".
_VAGUE_IN_RE = re.compile(
    rf"\b(?P<noun>views|likes|shares|comments|followers|subscribers){SP}{{1,2}}"
    rf"(?:(?:are|were|is|was|now|already|well){SP}{{1,2}}){{0,2}}(?:(?:run|ran|running|go|went){SP}{{1,2}}into|in)"
    rf"{SP}{{1,2}}the{SP}{{1,2}}(?P<gap>){_VAGUE_CORE}\b(?!{SP}{{1,2}}of\b)",
    _F,
)
_MEDIA = (
    r"videos?|clips?|films?|reels?|trailers?|documentar(?:y|ies)|adverts?|ads?|livestreams?|episodes?|footage"
    r"|montages?|recordings?|teasers?|vlogs?|segments?|streams?|spots?|shorts?|packages?|animations?|promos?|tutorials?|versions?"
    r"|cuts?|edits?|bodycams?|dashcams?"
    # "The Facebook Live, which lasted two hours": a platform's live broadcast.
    r"|(?:(?<=Facebook[ \t\u00a0])|(?<=Instagram[ \t\u00a0])|(?<=YouTube[ \t\u00a0])|(?<=TikTok[ \t\u00a0]))lives?"
)
# What people shared, watched or commented on is a post or video, not "the idea" or "their stories".
_MEDIA_OBJECT = (
    rf"(?={SP}{{1,2}}(?:on{SP}{{1,2}})?(?:(?:{_PLATFORM_ALT}|X)\b|(?:the|this|that|her|his|its|their|a|an){SP}{{1,2}}"
    # "the full 12-minute documentary": a modifier may hold digits.
    rf"(?:[A-Za-z0-9'-]{{1,20}}{SP}{{1,2}}){{0,2}}?(?:{_MEDIA}|(?:post|tweet|photo|image|message|link|upload|appeal|petition|page)s?)\b)|,|\.)"
)
# "Some 50 million people follow her on Instagram."
_FOLLOW_RE = re.compile(
    rf"{_QUAL}(?P<list>{NUMBER}(?:{SP}{{1,2}}(?:and|to){SP}{{1,2}}{NUMBER})?){_PLUS}{SP}{{1,2}}(?:people|users|fans|accounts|viewers)"
    rf"{SP}{{1,2}}(?:now{SP}{{1,2}})?"
    rf"(?P<verb>follow|subscribe{SP}{{1,2}}to|(?:(?:have|has|had){SP}{{1,2}})?(?:now{SP}{{1,2}}|already{SP}{{1,2}})?"
    rf"subscribed{SP}{{1,2}}to"
    # "More than 40,000 people have shared the video", "Some 3,000 people have commented", "Up to 1.5
    # million people may have seen the clip".
    rf"|(?:(?:have|has|had|(?:may|might|could){SP}{{1,2}}have){SP}{{1,2}})?(?:(?:already|now){SP}{{1,2}})?"
    rf"(?P<did>shared|reshared|reposted|retweeted|commented|liked|watched|seen|viewed)"
    rf"{_MEDIA_OBJECT})\b",
    _F,
)
# "Millions have watched the footage": an audience too large to count, of a video or post.
_VAGUE_PEOPLE_RE = re.compile(
    rf"\b{_VAGUE_CORE}(?:{SP}{{1,2}}of{SP}{{1,2}}(?:people|users|viewers|fans))?{SP}{{1,2}}(?:(?:have|had){SP}{{1,2}})?"
    rf"(?:(?:now|already){SP}{{1,2}})?(?P<verb>watched|seen|viewed|shared|liked){_MEDIA_OBJECT}",
    _F,
)
# "The footage, roughly 11 minutes long, ...": an appositive length must say "long".
# "30 to 60 seconds long": the first figure of a length range, in the second one's unit.
_RLOW = (
    rf"(?:(?P<btw>between{SP}{{1,2}})?(?P<rlow>[0-9]{{1,4}}|{WORD_NUMBER})"
    # The second figure starts right after: "3-minute" is no range, so its "3" is not tried as one.
    rf"(?(btw){SP}{{1,2}}and{SP}{{1,2}}|(?:{SP}{{1,2}}to{SP}{{1,2}}|-|\u2013))(?=[0-9]|{WORD_NUMBER}\b))?"
)
_MEDIA_PHRASE = (
    rf"(?P<noun>{_MEDIA})\b(?:{SP}{{1,2}}(?:message|statement|address|appeal|diary|essay|report|series|release|q&a|interview|session))?"
)
# "a few hundred thousand views", "several million views": vague, at least two of the unit.
_FEW_RE = re.compile(
    rf"\b(?P<vague>(?:a{SP}{{1,2}}few|several){SP}{{1,2}}(?:(?P<hundred>hundred){SP}{{1,2}})?(?P<unit>hundred|thousand|million|billion))"
    rf"\b(?!{SP}{{1,2}}(?:of|and)\b){_GAP}{SP}{{1,2}}{_NOUN}{_POST}",
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
# "The trailer, itself a brisk 90 seconds, ...", "The footage, a grainy 34 seconds from a doorbell
# camera, ...", "The video - 11 minutes, 38 seconds - is ...": a bare length set off after its noun.
_MEDIA_OWNER = re.compile(rf"\b({_MEDIA})['\u2019]s\b", _F)
_LENGTH_SET_OFF_RE = re.compile(
    rf"\b{_MEDIA_PHRASE}(?:,{SP}{{1,2}}(?:itself{SP}{{1,2}})?an?{SP}{{1,2}}(?:[a-z]{{3,15}}{SP}{{1,2}})?"
    rf"|(?P<dashed>{SP}{{1,2}}[-\u2013\u2014]{SP}{{1,2}}))(?P<qual>)(?P<dur>{DURATION})"
    # Between dashes, the closing one; after a comma, the clause goes on.
    rf"(?(dashed)(?={SP}{{1,2}}[-\u2013\u2014]{SP})"
    rf"|(?=,|{SP}{{1,2}}(?:from|of|in|on|that|which|shot|filmed|recorded)\b|{SP}{{0,2}}[\u2013\u2014]))",
    _F,
)
# "The Met Office's storm warning video (2min 14sec)": a length in brackets right after its noun.
_LENGTH_PAREN_RE = re.compile(rf"\b{_MEDIA_PHRASE}{SP}{{0,2}}\({SP}{{0,2}}(?P<qual>)(?P<dur>{DURATION}){SP}{{0,2}}\)", _F)
# "The clip of the outburst, all 2 minutes 38 seconds of it, ...".
_ALL_OF_IT_RE = re.compile(
    rf"\b{_MEDIA_PHRASE}(?:{SP}{{1,2}}of{SP}{{1,2}}(?:the|this|that|its|their|his|her){SP}{{1,2}}[A-Za-z-]{{1,20}})?"
    rf"(?:,|{SP}{{0,2}}[\u2014\u2013(]|{SP}--?){SP}{{0,2}}all{SP}{{1,2}}(?P<qual>)(?P<dur>{DURATION}){SP}{{1,2}}of{SP}{{1,2}}it\b",
    _F,
)
# "a 2-3 minute video": a range, never its second half alone.
_LENGTH_BEFORE_RE = re.compile(
    rf"(?<![0-9][-\u2013]){_QUAL}{_RLOW}(?P<dur>{DURATION})(?P<plus>-plus\b|\+)?{_GAP}{SP}{{1,2}}(?P<noun>{_MEDIA})\b(?!-)", _F
)
# "The two clips, of 38 and 52 seconds, ...": one length per figure, in the last one's unit.
_LENGTH_LIST_RE = re.compile(
    rf"\b(?P<noun>{_MEDIA})\b,?{SP}{{1,2}}(?:of|at|lasting|running){SP}{{1,2}}"
    rf"(?P<list>[0-9]{{1,3}}(?:,{SP}{{1,2}}[0-9]{{1,3}}){{0,4}},?{SP}{{1,2}}and{SP}{{1,2}}[0-9]{{1,3}})"
    rf"{SP}{{1,2}}(?P<unit>seconds|minutes|hours)\b",
    _F,
)
# "At 12 minutes, the film is the longest ...": a length fronted before its video.
_AT_LENGTH_RE = re.compile(
    rf"\b[Aa]t{SP}{{1,2}}{_QUAL}(?P<dur>{DURATION}),{SP}{{1,2}}(?:the|this|that|her|his|its|their){SP}{{1,2}}"
    rf"(?:[A-Za-z-]{{1,20}}{SP}{{1,2}})?(?P<noun>{_MEDIA}){SP}{{1,2}}(?:is|was|runs|ran)\b",
    _F,
)
# "lasts just 12 seconds": an exact length, unlike "just under 12 seconds" (a qualifier).
_MERE = rf"(?:(?:just|only|a{SP}{{1,2}}mere){SP}{{1,2}}(?!(?:under|over|shy|short|about|around)\b))?"
_LENGTH_AFTER_RE = re.compile(
    rf"\b{_MEDIA_PHRASE}(?:{SP}{{1,2}}(?:in|of|from|on){SP}{{1,2}}(?:the|this|that|its|their|his|her)"
    # Lower-case words: a capital starts a new sentence where a page lost its full stop.
    rf"(?:{SP}{{1,2}}(?-i:[a-z'\u2019-]{{1,20}})){{1,4}})?"
    # "The CCTV footage released by Scotland Yard, which is 75 seconds long".
    rf"(?:{SP}{{1,2}}(?:released|posted|published|shared|uploaded|filmed|recorded|obtained){SP}{{1,2}}by"
    rf"(?:{SP}{{1,2}}(?:the{SP}{{1,2}})?(?-i:[A-Z][\w'\u2019-]{{0,20}})){{1,3}}(?=,))?,?{SP}{{1,2}}"
    # "14 bodycam videos from the raid, the longest of which runs 27 minutes".
    rf"(?:(?:which|that|the{SP}{{1,2}}(?:longest|shortest)(?:{SP}{{1,2}}of{SP}{{1,2}}which)?){SP}{{1,2}})?"
    rf"(?:(?:typically|usually|generally|mostly|often){SP}{{1,2}})?"
    rf"(?:(?:is|was|are|were|runs|ran|run|lasts|lasted|lasting|running)(?:{SP}{{1,2}}(?:for|at|to))?"
    rf"|each(?:{SP}{{1,2}}(?:part|episode|one|instalment|installment))?|clocks{SP}in{SP}at"
    rf"|clocking{SP}in{SP}at|clocked{SP}in{SP}at|with{SP}a{SP}running{SP}time{SP}of)"
    rf"{SP}{{1,2}}{_MERE}{_QUAL}{_RLOW}(?P<dur>{DURATION})"
    # "runs 2 hours longer than the original": a difference, not a length.
    rf"(?!{SP}{{1,2}}(?:longer|shorter|less|more)\b)",
    _F,
)
# The metric noun as the subject: "Her followers on X swelled from 12,000 to 400,000", "Views of the
# 30-second promo topped 2 million". A verb of change or arrival (or a qualifier verb, "topped") is
# required, so "views on the matter" or "followers of the cult were" start no tally.
_NOUN_TALLY_HEAD = (
    rf"\b(?P<cw>views|viewership|likes|shares|followers|followership|following|subscribers|comments|retweets|reposts"
    rf"|streams|plays)(?:{SP}{{1,2}}(?:of|on|for){SP}{{1,2}}"
    rf"(?:(?:the|this|that|her|his|its|their|a){SP}{{1,2}})?(?:[A-Za-z0-9'-]{{1,30}}{SP}{{1,2}}){{0,3}}?"
    rf"(?:{_PLATFORM_ALT}|X|{_MEDIA}|(?:post|tweet|upload|account|channel|page)s?)\b)?{SP}{{1,2}}"
    rf"(?:(?:have|has|had|is|are|was|were){SP}{{1,2}})?"
    rf"(?:(?P<verb>swelled|jumped|leapt|leaped|rose|risen|grew|grown|climbed|soared|surged|increased|went|hit|reached|ballooned"
    rf"|doubled|tripled|quadrupled|fell|fallen|dropped|declined|slipped|slid|plunged|shrank|dipped|exploded|skyrocketed"
    rf"|rocketed|(?:shot|went){SP}{{1,2}}(?:up|down)"
    rf"|stood{SP}{{1,2}}at|stand{SP}{{1,2}}at|now{SP}{{1,2}}stand{SP}{{1,2}}at){SP}{{1,2}})?"
)
_NOUN_TALLY_FROM_RE = re.compile(
    rf"{_NOUN_TALLY_HEAD}from{SP}{{1,2}}(?P<qual>)(?P<list>{NUMBER}{SP}{{1,2}}to{SP}{{1,2}}{NUMBER}){_NOT_PERCENT}", _F
)
# The figure after the change comes within a few words ("from 2 million on Monday to 5.4 million").
_TO_SOON = rf"(?=[^.;!?\n,]{{0,40}}?{SP}to{SP}{{1,2}})"
# "count leapt from about 12,000 to 310,000": a first figure with its own qualifier, the count
# before the change; the one after ("to 310,000") is read after it (_up_from).
_TALLY_FROM_QUAL_RE = re.compile(
    rf"{_TALLY_HEAD}from{SP}{{1,2}}{_QUAL}(?P<list>{NUMBER}){_NOT_PERCENT}{_TO_SOON}", _F
)
_NOUN_TALLY_FROM_QUAL_RE = re.compile(
    rf"{_NOUN_TALLY_HEAD}from{SP}{{1,2}}{_QUAL}(?P<list>{NUMBER}){_NOT_PERCENT}{_TO_SOON}", _F
)
_NOUN_TALLY_RE = re.compile(
    rf"{_NOUN_TALLY_HEAD}(?:(?:to|by){SP}{{1,2}})?{_TALLY_QUAL}(?P<list>{NUMBER}){_PLUS}{_NOT_PERCENT}"
    # "following has grown to 1.3m subscribers": the figure's own noun says what it counts.
    rf"(?!{SP}{{1,2}}(?:{_alt(_COUNT_NOUNS)})\b)",
    _F,
)
_RELEASE_VERBS = r"released|posted|published|uploaded|launched|rolled{SP}out|dropped".replace("{SP}", SP)
_OBJ_STOP = "to|on|in|at|for|with|by|from|that|which|who|and|but|was|were|is|are|has|have|had|than|as"
_RELEASE_RE = re.compile(
    rf"\b(?P<verb>{_RELEASE_VERBS})(?P<obj>(?:{SP}{{1,2}}(?!(?:{_OBJ_STOP})\b)[A-Za-z0-9][A-Za-z0-9'\u2019-]{{0,30}}){{0,4}}?)"
    rf"{SP}{{1,2}}(?P<noun>videos?|clips?|films?|reels?|trailers?|adverts?|ads?|livestreams?)\b(?!-)",
    _F,
)
_RELEASE_NOUN = r"videos?|clips?|films?|reels?|trailers?|adverts?|ads?|livestreams?|footage"
_PASSIVE_RE = re.compile(
    rf"\b(?P<noun>{_RELEASE_NOUN})\b(?:{SP}{{1,2}}"
    rf"(?:was|were|is|are|has{SP}been|have{SP}been|had{SP}been){SP}{{1,2}}"
    # "The trailer, released Thursday, ..." / "the clip, which was posted on Friday, ..."
    rf"|,{SP}{{1,2}}(?:(?:which|that){SP}{{1,2}}(?:was|were){SP}{{1,2}})?)"
    rf"(?:first{SP}{{1,2}})?(?P<verb>{_RELEASE_VERBS})\b",
    _F,
)
# "Two videos the CIA posted on Thursday were viewed ...": the video, who released it, the verb.
_RELATIVE_RE = re.compile(
    rf"\b(?P<noun>{_RELEASE_NOUN})\b{SP}{{1,2}}(?:(?:that|which){SP}{{1,2}})?(?:(?:the|a|an|its|their|his|her){SP}{{1,2}})?"
    rf"(?:[A-Z][A-Za-z.'-]{{0,20}}{SP}{{1,2}}){{1,3}}(?:had{SP}{{1,2}}|has{SP}{{1,2}})?(?P<verb>{_RELEASE_VERBS})\b",
    _F & ~re.IGNORECASE,
)
# "within 24 hours of being posted on Monday", "since it was uploaded on Monday": the release of
# the figure's own video, named only by the verb.
_OF_RELEASE_RE = re.compile(
    rf"\b(?:of|after|since){SP}{{1,2}}(?:(?:being|it{SP}{{1,2}}was|they{SP}{{1,2}}were|first{SP}{{1,2}}being){SP}{{1,2}})?"
    rf"(?P<verb>posted|released|uploaded|published|dropped|launched)\b",
    _F,
)
# "Posted on Friday, the clip drew ...": a participle opening the sentence, the video named after
# the comma. The day reference follows the verb, so the match ends at the verb.
_OPENER_RE = re.compile(
    rf"(?:^|(?<=[.!?\n][ \t])|(?<=\n))(?P<verb>Posted|Released|Uploaded|Published|Dropped)\b"
    rf"(?=[^,.;\n]{{1,40}},{SP}{{1,2}}(?:(?:the|a|an|this|that|its|their|his|her){SP}{{1,2}})?"
    rf"(?:[A-Za-z-]{{1,30}}{SP}{{1,2}}){{0,2}}(?P<noun>{_RELEASE_NOUN})\b)",
    re.ASCII,
)

_MEDIA_SUBJECT_RE = re.compile(
    r"\b(?:videos?|clips?|films?|reels?|trailers?|documentar(?:y|ies)|adverts?|ads?|livestreams?|episodes?"
    r"|posts?|tweets?|channels?|accounts?|songs?|footage|podcasts?|uploads?)\b(?!['\u2019-])",
    _F,
)
_WORD_BEFORE = re.compile(r"(?<![A-Za-z'\u2019-])([A-Za-z][A-Za-z'\u2019-]{0,30})[ \t\u00a0]{1,2}$", re.ASCII)

_PLATFORM_RE = re.compile(
    # "YouTuber", "TikToker", "Instagrammer" name their platform too.
    rf"\b(?P<name>{_PLATFORM_ALT})(?:rs?|ers?|mers?|s)?\b|(?<![\w.'\u2019-])X(?![\w'\u2019-])",
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
            for suffix in ("", "r", "rs", "er", "ers", "mer", "mers", "s")
        ),
    ]
)
_A_PLATFORMS = group(*_F_PLATFORMS)
_ON_PLATFORM = re.compile(
    rf"{SP}{{1,2}}(?:on|via){SP}{{1,2}}(?P<name>(?i:{_PLATFORM_ALT})|X)(?![\w'\u2019-])"
    # Not the first of a list of platforms: "on YouTube, Facebook and Instagram" is all three.
    rf"(?!,?{SP}{{1,2}}(?:and|or){SP}{{1,2}}(?:(?i:{_PLATFORM_ALT})|X)\b|,{SP}{{1,2}}(?:(?i:{_PLATFORM_ALT})|X)\b)",
    re.ASCII,
)
_ON_PLATFORM_LIST = re.compile(rf"{SP}{{1,2}}(?:on|via|across){SP}{{1,2}}(?P<names>{_ACROSS})", re.ASCII)
_PLATFORM_NAMES = {p.lower(): p for p in _PLATFORMS}
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

# A sentence ends at "\n", or after [.!?] (closing quotes/brackets, then spaces, then a capital or a
# digit); the break itself (the span between two sentences) starts after the punctuation. One
# pattern per punctuation mark, so the engine can skip to it (see anchors.in_text_order).
_SENTENCE_END = r"[\"'\u201d\u2019)\]]{0,2}[ \t]{1,8}(?=[\"'\u201c\u2018(\[]{0,2}[A-Z0-9])"
# "5 p.m. ET" does not end a sentence at "p.m.".
_SENTENCE_BREAKS = tuple(
    (c, re.compile(re.escape(c) + (r"(?<![ap]\.m\.)" if c == "." else "") + _SENTENCE_END)) for c in ".!?"
)
_CLAUSE_MARKS = r"[;:()|\u2014\u2013]"  # "|" between a stat line's parts: "TikTok: 3.2m followers | ..."
_CLAUSE_BREAK = re.compile(rf"{_CLAUSE_MARKS}|{SP}-{SP}|--")
# A figure right after one of these words or signs is a rank, an episode or a price: "Top 10",
# "episode 3", "$5 million". What `_count_blocked` tests is, as a pattern searched in the 16
# characters before the figure:
#   (?:\b(?:top|no\.?|number|...)|[#$...])[ \t\u00a0]{0,2}$   (IGNORECASE, ASCII)
_NOT_COUNT_WORDS = (
    "top", "no", "no.", "number", "page", "episode", "part", "chapter", "season", "vol", "vol.", "volume",
    "round", "rank", "ranked", "grade", "class", "section", "article", "act", "clause", "level", "tier",
    "gen", "generation", "phase",
    # "$3 per 1,000 views", "one ad every 1,000 plays": a rate's unit, not a count.
    "per", "every",
)  # fmt: skip
_NOT_COUNT_SIGNS = "#$\u00a3\u20ac\u00a5\u20b9"
_BLANKS = " \t\u00a0"
_ASCII_UPPER_TO_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _count_blocked(before: str) -> bool:
    """Whether `before` ends in a rank word or a currency sign, then at most two blanks (and, as
    "$" allowed, one newline).

    String tests from the end instead of a search: the pattern, having no first character to skip
    to, was tried at each of the 16 positions on every figure."""
    return _ends_blocked(before) or (before.endswith("\n") and _ends_blocked(before[:-1]))


def _ends_blocked(before: str) -> bool:
    end = len(before.rstrip(_BLANKS))
    if end == 0 or len(before) - end > 2:
        return False
    if before[end - 1] in _NOT_COUNT_SIGNS:
        return True
    tail = before[max(0, end - 10) : end]
    # ASCII letters only, as the pattern folded case (str.lower maps the Kelvin sign to "k").
    tail = tail.lower() if tail.isascii() else tail.translate(_ASCII_UPPER_TO_LOWER)
    if not tail.endswith(_NOT_COUNT_WORDS):
        return False
    for word in _NOT_COUNT_WORDS:
        if tail.endswith(word):
            i = end - len(word)  # the word must start a word: nothing word-like (ASCII) before it
            if i == 0 or not (before[i - 1].isascii() and (before[i - 1].isalnum() or before[i - 1] == "_")):
                return True
    return False


_YEAR_BEFORE = re.compile(
    r"\b(?:in|since|by|from|until|till|of|year|circa|c\.|early|late|mid|before|after)[ \t\u00a0]{1,2}$", _F
)
_ENGAGEMENT = ENGAGEMENT
_FINANCE = re.compile(
    r"\b(?:stock|stake|shareholders?|shareholding|traded|investors?|IPO|share price|equity|Nasdaq|NYSE"
    r"|issued|issue|issuing|dividends?|buybacks?|new shares|preferred shares|ordinary shares"
    r"|shares in (?:the |a |an |its |his |her )?(?:company|firm|business|group|bank|startup|start-up|corporation|conglomerate|lender|carrier|insurer)"
    r"|sold|bought|selling|buying|sells|buys)\b",
    _F,
)


_NOT_AUDIENCE = re.compile(
    r"\b(?:cults?|sects?|church(?:es)?|congregations?|disciples|religio\w*|faith|militias?|gurus?|prophets?"
    r"|preachers?|party|parties|movement|rebels?)\b",
    _F,
)
# Every _FINANCE match holds one of these as a whole word: the word itself, or the word that makes
# a phrase of "shares" ("new shares", "shares in the company", "share price", "start-up").
_F_FINANCE = frozenset(
    [
        "stock", "stake", "shareholder", "shareholders", "shareholding", "traded", "investor", "investors", "ipo",
        "price", "equity", "nasdaq", "nyse", "issued", "issue", "issuing", "dividend", "dividends", "buyback",
        "buybacks", "new", "preferred", "ordinary", "company", "firm", "business", "group", "bank", "startup",
        "start", "corporation", "conglomerate", "lender", "carrier", "insurer", "sold", "bought", "selling",
        "buying", "sells", "buys",
    ]
)  # fmt: skip
# Likewise for _NOT_AUDIENCE, but for "religio\w*" (looked for as a substring).
_F_NOT_AUDIENCE = frozenset(
    [
        "cult", "cults", "sect", "sects", "church", "churches", "congregation", "congregations", "disciples", "faith",
        "militia", "militias", "guru", "gurus", "prophet", "prophets", "preacher", "preachers", "party", "parties",
        "movement", "rebel", "rebels",
    ]
)  # fmt: skip
_SERVICE = re.compile(
    r"\b(?:print|paying|paid|mobile|wireless|broadband|telecoms?|cable|satellite|streaming\s+service|newspaper"
    r"|magazine|Netflix|Disney|Hulu|operator|carrier)\b",
    _F,
)
_F_SERVICE = frozenset(
    ["print", "paying", "paid", "mobile", "wireless", "broadband", "telecom", "telecoms", "cable", "satellite",
     "streaming", "newspaper", "magazine", "netflix", "disney", "hulu", "operator", "carrier"]
)  # fmt: skip
_BROADCAST = re.compile(
    r"\bon[ \t\u00a0](?:BBC(?:[ \t\u00a0](?:One|Two|Three))?|ITV|Channel[ \t\u00a0][0-9]|CBS|NBC|ABC|Fox|ESPN|television|TV)\b"
    r"|\btuned[ \t\u00a0]in\b|\b(?:TV|television)[ \t\u00a0](?:audience|ratings|viewers)\b",
    re.ASCII,
)
# Every _BROADCAST match holds one of these (not "on", which nearly every sentence has).
_F_BROADCAST = frozenset(["bbc", "itv", "channel", "cbs", "nbc", "abc", "fox", "espn", "television", "tv", "tuned"])
# Names an online channel or platform: then subscribers and viewers are an online audience.
_ONLINE_SUBS = re.compile(
    r"\b(?:YouTube|TikTok|Instagram|Facebook|Twitch|Substack|Patreon|Telegram|Snapchat|channel|newsletter|podcast"
    r"|online|livestream\w*|streamed|clip|video|post)s?\b",
    _F,
)
_ONLINE_FOLLOW = re.compile(
    r"\b(?:online|account|accounts|channel|page|social media|posts?|videos?|clips?|YouTube|TikTok|Instagram"
    r"|Facebook|Twitter|X|Telegram|Weibo|WeChat|Snapchat|Threads|Bluesky)\b",
    re.ASCII,
)


# Anchor words for Scanner.finditer (see anchors.py): every match of the pattern holds, as a whole
# word, one word of each group.
_A_NOUNS = group(*_COUNT_NOUNS)
_A_VIDEO_NOUNS = group("videos", "clips", "films", "reels", "documentaries")
_A_DIGIT = DIGIT
_A_OF = group("of")
_A_TIMES = group("times")
_A_BY = group("by")
# With "followed" (for "followed by N people"): one verb set for the times and by-people patterns,
# so the Scanner finds their chunks and candidate positions once.
_A_TIMES_VERBS = group(*_BY_PEOPLE_VERBS)
_A_VAGUE = group(*_VAGUE_LOW)
_A_FEW = group("few", "several")
_F_FEW = frozenset(["a", "several"])
_A_TALLY = group("count", "counts", "tally", "tallys", "total", "totals", "number", "numbers", "base", "bases")
_A_FOLLOW = group(
    "follow", "subscribe", "subscribed", "shared", "reshared", "reposted", "retweeted", "commented", "liked", "watched",
    "seen", "viewed",
)
_A_PEOPLE_FOLLOW = group("people", "users", "fans", "accounts", "viewers")
_A_PEOPLE = group("people", "users", "accounts", "viewers")
_A_MARK = group("mark", "milestone", "threshold", "barrier")
_A_FOLLOWING = group("following")
_A_SENTENCE_WINDOW = tuple(group(*words) for words in SENTENCE_WINDOW_WORDS)
_A_SENTENCE_CUMULATIVE = group(*SENTENCE_CUMULATIVE_WORDS)
_TALLY_NOUN_WORDS = (
    "views", "viewership", "likes", "shares", "followers", "followership", "following", "subscribers", "comments",
    "retweets", "reposts", "streams", "plays",
)  # fmt: skip
# A noun tally's noun and its metric: "Viewership of the speech topped 900,000", "Her following has grown to 1.3m".
_TALLY_NOUN_METRIC = {**_COUNT_NOUNS, "viewership": "views", "following": "followers", "followership": "followers"}
_A_TALLY_NOUNS = group(*_TALLY_NOUN_WORDS)
_F_TALLY_NOUNS = frozenset(_TALLY_NOUN_WORDS)
_A_TALLY_FROM = group("from")
# A noun tally without "from" has a verb of change or arrival, or a qualifier verb ("topped").
_A_TALLY_VERBS = group(
    "swelled", "jumped", "leapt", "leaped", "rose", "risen", "grew", "climbed", "soared", "surged", "increased", "went", "hit", "reached",
    "ballooned", "stood", "stand", "topped", "tops", "topping", "passed", "passes", "crossed", "crosses",
    "surpassed", "surpasses", "exceeded", "exceeds", "exceeding", "neared", "approached", "grown", "approaching",
    "nearing", "fast", "closing", "doubled", "tripled", "quadrupled", "fell", "fallen", "dropped", "declined", "slipped",
    "slid", "plunged", "shrank", "dipped", "exploded", "skyrocketed", "rocketed", "shot",
)
_A_FIGURES = group("figures")
_A_NOUNS_AND_WORDS = group(*_COUNT_WORDS, *(w + "s" for w in _COUNT_WORDS))


def _singular_plural(*words: str) -> tuple[str, ...]:
    return tuple(w for word in words for w in (word, word + "s"))


_RELEASE_WORDS = (*_singular_plural("video", "clip", "film", "reel", "trailer", "advert", "ad", "livestream"), "footage")
_MEDIA_WORDS = (
    *_RELEASE_WORDS,
    *_singular_plural("episode", "montage", "recording", "teaser", "vlog", "segment", "stream", "spot", "short", "package", "animation", "promo", "tutorial",
                      "version", "cut", "edit", "live", "bodycam", "dashcam"),
    "documentary",
    "documentaries",
    "footage",
)
_A_MEDIA = group(*_MEDIA_WORDS)
_F_MEDIA = frozenset(_MEDIA_WORDS)
_F_MEDIA_SUBJECT = frozenset(
    [
        *_singular_plural("video", "clip", "film", "reel", "trailer", "advert", "ad", "livestream", "episode"),
        *_singular_plural("post", "tweet", "channel", "account", "song", "podcast", "upload"),
        "documentary", "documentaries", "footage",
    ]
)  # fmt: skip
_A_MEDIA_SUBJECT = group(*_F_MEDIA_SUBJECT)
# A DURATION holds a unit word or a clock reading's colon.
_A_DURATION = group(*_singular_plural("hour", "hr", "minute", "min", "second", "sec"), "h", "m") | COLON
_A_LONG = group("long", "length")
_A_ALL = group("all")
_A_RELEASE_VERBS = group("released", "posted", "published", "uploaded", "launched", "rolled", "dropped")
_A_RELEASE_NOUNS = group(*_RELEASE_WORDS)

# First words for Scanner.matchiter: a match of NUMBER starts with a digit or with one of _F_NUMBER
# (a number word, "a", "an", "half", "dozen"); _QUAL with the first word of a qualifier; _PSCOPE
# with "a"; DURATION with a digit, a number word, "a", "an", "hour" or "minute" ("hour-long").
_F_NUMBER = frozenset([*_UNITS_WORDS, *_TENS_WORDS, "a", "an", "one", "three", "half", "dozen"])
_F_QUAL_NUMBER = _F_NUMBER | {q.split()[0] for q in _QUALIFIERS} | {"past"}
_F_QUAL_DURATION = _F_QUAL_NUMBER | {"hour", "minute", "half"}
# Patterns that start with their verb.
_F_TIMES_VERBS = frozenset(_BY_PEOPLE_VERBS)
_F_MARK_VERBS = frozenset(
    [
        "sailed", "went", "blew", "raced", "zoomed", "shot", "sped", "galloped", "flew", "soared",
        "moved", "edged", "crept",
        "passed",
        "passes",
        "crossed",
        "crosses",
        "hit",
        "hits",
        "reached",
        "reaches",
        "topped",
        "tops",
        "surpassed",
        "surpasses",
        "broke",
        "breaks",
        "neared",
        "nears",
        "approached",
        "approaches",
        "approaching",
        "nearing",
    ]
)
_F_NONE: frozenset[str] = frozenset()
_F_AT = frozenset(["at"])
_F_VAGUE = frozenset(["tens", *_VAGUE_LOW])
_F_TALLY = frozenset([*_COUNT_WORDS, *(w + "s" for w in _COUNT_WORDS), "number"])
_F_RELEASE_NOUNS = frozenset(_RELEASE_WORDS)
_F_OF_RELEASE = frozenset(["of", "after", "since"])
_F_RELEASE_VERBS = frozenset(["released", "posted", "published", "uploaded", "launched", "rolled", "dropped"])


class _Sentences:
    """A text's sentences, split a line at a time and only for the lines asked about: most lines
    of an article hold no figure."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._lines: dict[int, tuple[list[int], list[int]]] = {}
        # The lines split so far, as sorted (start, end) bounds: a text without newlines is one
        # long line, and looking for its start again from each figure would be quadratic.
        self._line_starts: list[int] = []
        self._line_ends: list[int] = []
        # The last answer and the stretch of positions it holds for: a figure's sentence is asked
        # for again and again while its claims are read.
        self._last: tuple[int, int, tuple[int, int]] = (0, -1, (0, 0))

    def around(self, pos: int) -> tuple[int, int]:
        """(start, end) of the sentence holding `pos`; a break belongs to the sentence before it."""
        first, last, found = self._last
        if first <= pos <= last:
            return found
        i = bisect.bisect_right(self._line_starts, pos) - 1
        if i >= 0 and pos <= self._line_ends[i]:
            line = self._line_starts[i]
        else:
            text = self.text
            line = text.rfind("\n", 0, pos) + 1
            end = text.find("\n", pos)
            end = len(text) if end < 0 else end
            self._lines[line] = self._split(line, end)
            k = bisect.bisect_left(self._line_starts, line)
            self._line_starts.insert(k, line)
            self._line_ends.insert(k, end)
        starts, ends = self._lines[line]
        i = bisect.bisect_right(starts, pos) - 1
        found = starts[i], ends[i]
        # Up to the next sentence's start, else the end of the line.
        self._last = (starts[i], starts[i + 1] - 1 if i + 1 < len(starts) else ends[i], found)
        return found

    def _split(self, line: int, end: int) -> tuple[list[int], list[int]]:
        starts, ends = [line], []
        # A break never holds a newline, so the line's breaks are found within it.
        for m in in_text_order(self.text, _SENTENCE_BREAKS, line, end):
            ends.append(m.start() + 1)
            starts.append(m.end())
        ends.append(end)
        return starts, ends

    def spans(self) -> list[tuple[int, int]]:
        """Every sentence, in text order."""
        out: list[tuple[int, int]] = []
        line = 0
        while line <= len(self.text):
            end = self.text.find("\n", line)
            end = len(self.text) if end < 0 else end
            starts, ends = self._lines.get(line) or self._split(line, end)
            out += zip(starts, ends, strict=True)
            line = end + 1
        return out


def _sentences(text: str) -> _Sentences:
    return _Sentences(text)


def _norm(phrase: str | None) -> str | None:
    return " ".join(phrase.lower().split()) if phrase else None


def claim_bounds(
    value: float | None, qualifier: str | None, step: float | None = None
) -> tuple[str, float | None, float | None]:
    """(bound, low, high) for a figure and its qualifier: "more than 5" is ('lower', 5, None).

    `step` is the precision an exact figure is written to (numbers.written_step): "5.2 million"
    has step 100,000 and so stands for [5.15, 5.25] million; without a step exact is [value, value].
    """
    bound = (
        "lower"
        if qualifier == "plus"
        else "approx"
        if qualifier in ("odd", "~")
        else _QUALIFIERS.get(qualifier or "") or _TALLY_QUALIFIERS.get(qualifier or "", "exact")
    )
    if value is None:
        return bound, None, None
    if bound == "lower":
        return bound, value, None
    if bound == "upper":
        return bound, None, value
    if bound == "approx":
        # Tenths, not 0.9/1.1 floats, so 900,000 gives exactly 810,000 and 990,000.
        return bound, value * (10 - APPROX_TENTHS) / 10, value * (10 + APPROX_TENTHS) / 10
    if step:
        low, high = precision_band(value, step)
        return bound, low, high
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


def _segments(text: str, sent: tuple[int, int], span: tuple[int, int]) -> tuple[tuple[int, int], tuple[int, int]]:
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


def _platforms(scan: Scanner, start: int, end: int) -> str | None:
    """Platforms named in text[start:end], in order, each once; a bare "X" only in platform context."""
    text = scan.text
    names: list[str] = []
    skip_until = -1
    for m in scan.matches_in(_PLATFORM_RE, _F_PLATFORMS, _A_PLATFORMS, start, end):
        name = " ".join((m.group("name") or m.group()).split())
        if m.start() < skip_until:
            continue
        if name == "Threads" and (_OF_AFTER.match(text, m.end()) or text[max(0, m.start() - 3) : m.start()] == "of "):
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


# (window, as_of, as_of_start, as_of_rule, end of its words, whether "alone" follows); the instants
# and rule are None when the text gives no document time to place the period by.
_PeriodFound = tuple[str, datetime | None, datetime | None, str | None, int, bool]
# Stands in for a missing document time, only to learn whether a period is written.
_UNPLACED = datetime(2000, 1, 1, tzinfo=UTC)


# An as-of mark: (time_window, as_of, as_of_start, as_of_rule).
_Mark = tuple[str, datetime, datetime | None, str]


@dataclass
class _Context:
    text: str
    sentences: _Sentences
    exclude: SpanSet
    as_of: datetime | None
    scan: Scanner
    claims: list[Claim] = field(default_factory=list)
    taken: dict[str, SpanSet] = field(default_factory=dict)
    platform_cache: dict[int, str | None] = field(default_factory=dict)
    subject_cache: dict[int, re.Match[str] | None] = field(default_factory=dict)
    # By sentence start: an as-of reference ("as of Wednesday"), a window written away from its
    # figure ("In its first week, ...") and the scope a sentence opens with ("In total, ...").
    marks: dict[int, list[tuple[int, _Mark]]] = field(default_factory=dict)
    windows: dict[int, str] = field(default_factory=dict)
    lead_of: dict[int, str | None] = field(default_factory=dict)
    releases: Releases = field(default_factory=Releases)
    # Resolved time references by start, for a period written right after a figure.
    refs_at: dict[int, TimeRef] = field(default_factory=dict)
    zone: tzinfo = UTC
    zone_desc: str = "UTC"
    # By sentence start: the period that opens it, if any (period_before).
    opening_period: dict[int, _PeriodFound | None] = field(default_factory=dict)

    def engagement_time(
        self, sent: tuple[int, int], span: tuple[int, int], scope: str | None, window: str | None
    ) -> tuple[str | None, str | None, datetime | None, datetime | None, str | None]:
        """(scope, window, as_of, as_of_start, as_of_rule) of an engagement figure in `sent`:
        what its sentence adds, and when the figure held (windows.py)."""
        if scope is None:
            scope = self.lead_scope(sent)
            reach = max(sent[0], span[0] - _EACH_REACH)
            near = max(sent[0], span[0] - 40)
            if self.scan.holds(_A_TOGETHER, near, span[0]) and _TOGETHER_BEFORE.search(self.text, near, span[0]):
                # "together they have been watched 9.6m times", even after "Each of the five videos".
                scope = "combined"
            elif scope is None and self.claims:
                # "together they have 1.9 million views and 27,000 shares": the next figure, joined by
                # "and", is of the same items.
                prev = self.claims[-1]
                if (
                    prev.scope == "combined"
                    and prev.span is not None
                    and sent[0] <= prev.span[0]
                    and prev.span[1] <= span[0]
                    and _AND_JOIN.fullmatch(self.text, prev.span[1], span[0]) is not None
                ):
                    scope = "combined"
            if (
                scope is None
                and self.scan.low.find("each", reach, span[0]) >= 0
                and _EACH_BEFORE.search(self.text, reach, span[0])
            ):
                scope = "each"
        if window is None:
            mark = _mark_for(self.marks.get(sent[0]), span[0])
            if mark is not None:
                return scope, mark[0], mark[1], mark[2], mark[3]
            window = self.windows.get(sent[0])
        if window is None:
            return scope, None, self.as_of, None, AT_DOCUMENT_TIME if self.as_of is not None else None
        return scope, window, *resolve_window(window, self.releases.for_figure(span, sent), self.as_of)

    def lead_scope(self, sent: tuple[int, int]) -> str | None:
        """The scope a sentence opens with: "In total, ...", "Combined, ...", "Each of the videos ..."."""
        if sent[0] not in self.lead_of:
            lead = _SENTENCE_SCOPE.match(self.text, sent[0])
            word = (lead.group(1) or lead.group(2)).lower() if lead is not None else None
            self.lead_of[sent[0]] = (
                None
                if word is None
                else "each"
                if word == "each"
                else "combined"
                if word in ("combined", "together", "collectively", "cumulatively") or word.startswith("between")
                else "total"
            )
        return self.lead_of[sent[0]]

    def platforms(self, sent: tuple[int, int]) -> str | None:
        if sent[0] not in self.platform_cache:
            self.platform_cache[sent[0]] = _platforms(self.scan, *sent)
        return self.platform_cache[sent[0]]

    def sentence_subject(self, sent: tuple[int, int], figure_start: int) -> str | None:
        """The first media noun phrase of the sentence, if it comes before the figure."""
        if sent[0] not in self.subject_cache:
            found = self.scan.matches_in(_MEDIA_SUBJECT_RE, _F_MEDIA_SUBJECT, _A_MEDIA_SUBJECT, *sent)
            self.subject_cache[sent[0]] = next(found, None)
        m = self.subject_cache[sent[0]]
        if m is None or m.end() > figure_start:
            return None
        return _noun_phrase(self.text, m.start(), m.end(), sent[0])

    def period_after(self, end: int) -> _PeriodFound | None:
        """A period written right after a figure ("... subscribers in 2024", "... views on Tuesday
        alone", "... followers over the past week", "... since January"): (window, as_of,
        as_of_start, rule, new end of the claim, whether "alone" follows). The figure held, or was
        counted, during that period; None when no period follows or it starts after the document's
        own time."""
        lead = _PERIOD_LEAD.match(self.text, end)
        if lead is None:
            return None
        prep = lead.group("prep")
        if prep is None and lead.end() not in self.refs_at and _BARE_PERIOD.match(self.text, lead.end()) is None:
            return None  # most figures: no preposition and no time reference after them
        return self._period(lead.start("period"), lead.end(), (prep or "").lower())

    def period_before(self, sent: tuple[int, int]) -> _PeriodFound | None:
        """A period that opens the sentence and is set off by a comma ("In 2024, the channel
        gained ...", "Last year, ...", "Over the weekend, ...") speaks for its figures, as
        period_after does for one figure."""
        if sent[0] not in self.opening_period:
            found = None
            lead = _PERIOD_OPENING.match(self.text, sent[0])
            if lead is not None and (
                lead.group("prep") is not None
                or lead.end() in self.refs_at
                or _BARE_PERIOD.match(self.text, lead.end()) is not None
            ):
                found = self._period(lead.start("period"), lead.end(), (lead.group("prep") or "").lower())
                if found is not None and _PERIOD_COMMA.match(self.text, found[4]) is None:
                    found = None
            self.opening_period[sent[0]] = found
        return self.opening_period[sent[0]]

    def _unplaced(self, first: int, finish: int) -> _PeriodFound:
        """A period's words ("in the past 24 hours alone") with no document time to place them by."""
        alone = _ALONE.match(self.text, finish)
        if alone is not None:
            finish = alone.end()
        return _norm(self.text[first:finish]) or "", None, None, None, finish, alone is not None

    def _period(self, first: int, at: int, prep: str) -> _PeriodFound | None:
        """The period whose words (after `prep`, lower-case) start at `at`; `first` is where its lead
        starts."""
        since = prep == "since"
        # After "from" or "between" only a span of months is a period ("between Monday and Friday"
        # is not Monday).
        ref = self.refs_at.get(at) if prep not in ("from", "between") else None
        if ref is not None and ref.span is not None and (ref.resolved_start is None or ref.resolved_end is None):
            # "last week" with no document time to count from: its words, no instants.
            if ref.granularity not in ("day", "week", "month", "year", "season"):
                return None
            return self._unplaced(first, ref.span[1])
        if ref is not None and ref.span is not None and ref.resolved_start is not None and ref.resolved_end is not None:
            if ref.granularity not in ("day", "week", "month", "year", "season"):
                return None
            dated = _DATE_AFTER.match(self.text, ref.span[1])
            exact = self.refs_at.get(dated.end()) if dated is not None else None
            if exact is not None and exact.granularity == "day" and exact.span is not None:
                ref = exact  # "on Tuesday, April 22": the date, not the weekday's nearest match
            if ref.resolved_start is None or ref.resolved_end is None or ref.span is None:
                return None
            start, stop, what, rule, finish = ref.resolved_start, ref.resolved_end, ref.text, ref.rule, ref.span[1]
        else:
            year = (
                _YEAR_PERIOD.match(self.text, at) if prep in ("in", "during", "throughout", "since") else None
            )
            if year is not None:
                y = int(year.group(1))
                start, stop = datetime(y, 1, 1, tzinfo=self.zone), datetime(y + 1, 1, 1, tzinfo=self.zone)
                what, finish = year.group(1), year.end()
                rule = f"the calendar year {y} in {self.zone_desc}"
            else:
                period = calendar_period(self.text, at, prep, self.as_of, self.zone)
                if period is None and self.as_of is None:
                    # Written, but with no document time it cannot be placed: keep its words only.
                    written = calendar_period(self.text, at, prep, _UNPLACED, self.zone)
                    return None if written is None else self._unplaced(first, written.end)
                if period is None:
                    return None
                start, stop, what, finish = period.start, period.stop, period.what, period.end
                rule = f"{period.rule}, {self.zone_desc}"
                since = False  # a "since" period already runs to the document's time
        if since:
            if self.as_of is None:
                return self._unplaced(first, finish)
            stop, rule = self.as_of, f"from '{what}' ({rule}) to the document's time"
        if self.as_of is not None and start >= self.as_of:
            return None  # a period after the report: not when the figure held
        alone = _ALONE.match(self.text, finish)
        if alone is not None:
            finish = alone.end()
        held = stop if self.as_of is None else min(stop, self.as_of)
        capped = ", no later than publication" if held != stop else ""
        window = _norm(self.text[first:finish]) or what
        if since:
            return window, held, start, f"{rule}{capped}", finish, alone is not None
        return window, held, start, f"during '{what}' ({rule}){capped}", finish, alone is not None

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
        own_platform: str | None = None,
        sent: tuple[int, int] | None = None,
    ) -> None:
        """Record a claim unless its span is excluded or taken; `sent`, if the caller knows it, is
        the sentence around span[0]."""
        taken = self.taken.get(metric)
        if taken is None:
            taken = self.taken[metric] = SpanSet()
        if self.exclude.overlaps(*span) or taken.overlaps(*span):
            return
        if sent is None:
            sent = self.sentences.around(span[0])
        if _forecast_before(self.text, sent[0], span[0]):
            return  # "hopes to reach 2 million subscribers": a goal, not a reported figure
        # A question ends its sentence: look at the last few characters only (a text without full
        # stops is one huge sentence, and a search to its end from every figure would be quadratic).
        if self.text.find("?", max(span[1], sent[1] - 3), sent[1]) >= 0 and _HYPOTHETICAL.match(self.text, sent[0]):
            return  # "Could a video with 10 million views really earn nothing?"
        if metric in _ENGAGEMENT and _RATE_AFTER.match(self.text, span[1]) is not None:
            return
        if _negated_before(self.text, sent[0], span[0]) or _disputed(self.scan, sent, span):
            return  # "has not reached 1 million views", "claims that ... are false"
        taken.add(*span)
        platform = own_platform or self.platforms(sent)
        if own_platform is None and platform is not None and "," in platform:
            # "2m views on Facebook and a further 900,000 on X": the platform right after a figure is its own.
            own = _ON_PLATFORM.match(self.text, span[1])
            listed = _ON_PLATFORM_LIST.match(self.text, span[1]) if own is None else None
            if own is not None:
                platform = _own_platform_name(own)
            elif listed is not None:
                # "viewed 2 million times on YouTube, Facebook and Instagram": all of them.
                platform = _platforms(self.scan, *listed.span("names")) or platform
            else:
                # "... on YouTube, while a TikTok version drew 800,000 views": the platforms named
                # between the commas around the figure, else in the stretch before ("On TikTok, the
                # clip has 5 million views"), else the sentence's.
                own_stretch, before = _segments(self.text, sent, span)
                platform = _platforms(self.scan, *own_stretch) or _platforms(self.scan, *before) or platform
        as_of = as_of_start = rule = None
        if metric == "video_length" and scope is None and self.lead_scope(sent) == "each":
            scope = "each"  # "Each of the five videos runs to roughly 20 minutes"
        if metric in _ENGAGEMENT and scope is None and _earlier_before(self.text, sent[0], span[0]):
            scope, window = EARLIER, None
        if scope == EARLIER and metric in _ENGAGEMENT:
            # The count before a change held at some earlier time: only a period written right
            # after it ("up from 400,000 a year ago", "from 50,000 in 2020") says when.
            period = self.period_after(span[1])
            if period is not None:
                span = (span[0], period[4])
                window, as_of, as_of_start, rule = period[:4]
            else:
                window, rule = None, EARLIER_UNDATED
        elif metric in _ENGAGEMENT:
            change = _change_before(self.text, span[0]) if scope is None else None
            period = self.period_after(span[1]) if window is None else None
            at_a_point = False  # a period opening the sentence that names a point in time, not a span
            if period is not None:
                span = (span[0], period[4])
            elif window is None and sent[0] not in self.marks and sent[0] not in self.windows:
                period = self.period_before(sent)
                if period is not None and (
                    span[0] - period[4] > _CONTEXT_REACH or _NOT_THEN.search(self.text, period[4], span[0]) is not None
                ):
                    # "In 2019, he started the channel, which today has 4.5 million subscribers".
                    period = None
                # "Over the weekend, the video was viewed 4 million times" counts what came in then; "On
                # Tuesday, she said the clip had been viewed ..." says when a running total was reported.
                at_a_point = period is not None and _SPAN_OPENING.match(self.text, sent[0]) is None
            if period is not None:
                window, as_of, as_of_start, rule, _, alone = period
                # Counted within a calendar period: what changed then ("on Tuesday alone", "racked
                # up 2 million views in 2024", "streamed 2 million times in January"). After an
                # opening point in time only a word of change or "alone" makes it a gain.
                accrued = alone or (not at_a_point and _accrued(self.text, span[0]))
                scope = scope or change or ("gain" if accrued else None)
            else:
                scope, window, as_of, as_of_start, rule = self.engagement_time(sent, span, scope, window)
                if scope is None and change is not None and (
                    metric in _AUDIENCE or (window is not None and window_length(window) is None and not is_cumulative(window))
                ):
                    # An audience predates the news, as do a video's views before a window that is
                    # not counted from its release ("gained 230,000 views overnight"); a video's
                    # views since it was posted start at zero, so "the video has picked up 230,000
                    # views" (or "... in its first week") is its running total.
                    scope = change
        claim = Claim(
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
            (),
            as_of_start,
            rule,
        )
        self.claims.append(claim)
        if metric == "video_published":
            self.releases.add(claim)


# What may sit between a figure's claim and a period after it: a platform, then a preposition.
_PERIOD_LEAD = re.compile(
    rf"(?:,?{SP}{{1,2}}(?:on|across|via){SP}{{1,2}}(?:{_PLATFORM_ALT}|X)\b)?"
    rf"{SP}{{1,2}}(?P<period>(?:(?P<prep>in|during|over|throughout|on|for|since|from|between){SP}{{1,2}}"
    rf"(?:the{SP}{{1,2}})?)?)",
    _F,
)
# A period written with no preposition that is not a time reference (periods.calendar_period).
_BARE_PERIOD = re.compile(rf"(?:this|last){SP}{{1,2}}weekend\b", _F)
# A period that opens a sentence: "In 2024,", "Last year,", "Over the weekend,", "Since January,".
_PERIOD_OPENING = re.compile(
    rf"[\"'\u201c]?(?P<period>(?:(?P<prep>in|during|over|throughout|on|since|from|between){SP}{{1,2}}"
    rf"(?:the{SP}{{1,2}})?)?)",
    _F,
)
_PERIOD_COMMA = re.compile(rf"(?:{SP}{{1,2}}alone)?,", _F)
# Between an opening period and a figure, words that put the figure at another time: a relative
# clause ("..., which today has ...") or the present ("now", "since").
_SPAN_OPENING = re.compile(
    r"[\"'\u201c]?(?:over|during|throughout|in|since|within|from|between|(?:this|last)[ \t\u00a0]{1,2}weekend)\b", _F
)
_NOT_THEN = re.compile(r"\b(?:now|today|currently|still|since|which|who|whose)\b|;", _F)
_YEAR_PERIOD = re.compile(
    r"((?:19|20)[0-9]{2})(?![0-9]|[ \t\u00a0]*(?:[-\u2013/]|[0-9]))"
    # "in 2024 Olympics coverage", "the 2024 election campaign": the year names an event.
    r"(?![ \t\u00a0]{1,2}(?:[A-Z]|(?!(?:alone|and|or|after|before|when|while|as|thanks|despite|amid|according"
    r"|compared|from|to|until|than|on|across|via|with)\b)[a-z]))"
)
_ALONE = re.compile(rf"{SP}{{1,2}}alone\b", _F)
_DATE_AFTER = re.compile(rf",?{SP}{{1,2}}", _F)

# A figure right after one of these is a change over a period, not a running total: "the channel
# gained 120,000 subscribers in 2024", "the account lost 20,000 followers".
_CHANGE_WORDS: dict[str, str] = {
    **dict.fromkeys(("gained", "gains", "gain", "gaining", "added", "adds", "adding", "picked up", "picks up"), "gain"),
    **dict.fromkeys(
        ("grew by", "grown by", "rose by", "risen by", "increased by", "jumped by", "climbed by", "surged by",
         "soared by", "swelled by", "up by"),
        "gain",
    ),
    **dict.fromkeys(
        ("lost", "loses", "losing", "shed", "sheds", "shedding", "fell by", "fallen by", "dropped by", "down by",
         "declined by", "shrank by", "shrunk by"),
        "loss",
    ),
}
_CHANGE_ENDINGS = tuple(_CHANGE_WORDS)
_AUDIENCE = frozenset(["followers", "subscribers"])


# Verbs that count what came in ("drew", "racked up"), as against what stood ("had"); a figure
# written with one and a calendar period is what came in during that period.
_ACCRUAL_ENDINGS = (
    "drew", "draws", "drawn", "got", "gets", "racked up", "garnered", "received", "attracted", "amassed", "pulled in",
    "notched", "notched up", "generated", "earned", "clocked", "clocked up", "logged", "recorded", "saw",
)  # fmt: skip
_TIMES_STARTS = tuple(_TIMES_VERBS)


def _accrued(text: str, start: int) -> bool:
    """Whether the figure at `start` is counted by an accrual verb, before it or opening its claim
    ("viewed 2 million times")."""
    if text[start : start + 12].lower().startswith(_TIMES_STARTS):
        return True
    before = text[max(0, start - 14) : start].rstrip(_BLANKS).lower()
    if not before.endswith(_ACCRUAL_ENDINGS):
        return False
    return any(
        before.endswith(verb) and (len(before) == len(verb) or not before[-len(verb) - 1].isalnum())
        for verb in _ACCRUAL_ENDINGS
    )


# The scope of the count before a change ("up from 400,000", "went from 50,000 to ..."), and the
# as_of_rule of one the text does not date: its as_of stays empty rather than the publish time.
EARLIER = "earlier"
EARLIER_UNDATED = "an earlier count, before the change the text reports; when it held is not stated"


def _earlier_before(text: str, floor: int, start: int) -> bool:
    """Whether the figure at `start` follows "went from", "grew from" ...: the count before a change."""
    before = text[max(floor, start - 40) : start]
    return ("from" in before or "From" in before or "FROM" in before) and _EARLIER_BEFORE.search(before) is not None


def _change_before(text: str, start: int) -> str | None:
    """ "gain" or "loss" when the figure at `start` follows a word of change (and blanks)."""
    before = text[max(0, start - 16) : start].rstrip(_BLANKS)
    tail = before.lower() if before.isascii() else before.translate(_ASCII_UPPER_TO_LOWER)
    if not tail.endswith(_CHANGE_ENDINGS):
        return None
    for words, change in _CHANGE_WORDS.items():
        if tail.endswith(words):
            i = len(tail) - len(words)
            if i == 0 or not tail[i - 1].isalnum():
                return change
    return None


# "expects to hit 2 million subscribers", "will add 120,000 subscribers", "a target of 1 million
# views": a goal or a forecast, not a figure anyone measured.
_FORECAST = re.compile(
    rf"(?:\b(?:expects?|expected|expecting|hopes?|hoped|hoping|aims?|aimed|aiming|plans?|planned|planning"
    rf"|wants?|wanted|intends?|intended|projected|forecast|predicted|predicts?|poised|on{SP}{{1,2}}track|set)"
    rf"{SP}{{1,2}}to{SP}{{1,2}}(?:[A-Za-z-]{{1,20}}{SP}{{1,2}}){{1,2}}"
    rf"|\b(?:will|could|might|may|would){SP}{{1,2}}(?:(?:likely|soon|easily|probably|well|still){SP}{{1,2}})?"
    rf"[A-Za-z-]{{1,20}}{SP}{{1,2}}"
    # "If the video gets 1 million likes, ...": a condition; "The goal is 100,000 followers"; "requires
    # 1,000 subscribers": a threshold, not a count.
    rf"|\bif{SP}{{1,2}}[^,;:.!?]{{0,40}}"
    rf"|\b(?:target|goal|aim){SP}{{1,2}}(?:of|is|was){SP}{{1,2}}"
    # "is aiming for 5 million subscribers", "eyeing 1 million followers".
    rf"|\b(?:aims?|aimed|aiming|gunning|hoping|hopes?|hoped|angling){SP}{{1,2}}for{SP}{{1,2}}(?:the{SP}{{1,2}})?"
    rf"|\b(?:targeting|targeted|targets|eyeing|eyes|eyed){SP}{{1,2}}(?:the{SP}{{1,2}})?"
    rf"|\b(?:requires?|required|requiring|needs?|needed){SP}{{1,2}}(?:(?:at{SP}{{1,2}}least|a{SP}{{1,2}}minimum{SP}{{1,2}}of){SP}{{1,2}})?"
    rf"|\b(?:minimum|threshold){SP}{{1,2}}of{SP}{{1,2}})$",
    _F,
)
# Said not to be so: "has not reached 1 million views", "has not been viewed 5 million times", "never
# had more than 500 followers", "did not get 2 million views". The negation is at most a few
# auxiliary or verb words before the figure (or its verb, which opens the claim).
_NEGATED = re.compile(
    rf"(?:\bnot|n't|\bnever|\bno{SP}{{1,2}}longer)"
    rf"(?:{SP}{{1,2}}(?:been|yet|even|quite|ever|reached|hit|got|get|gotten|had|have|has|drawn|drew|draw|attracted"
    rf"|received|racked{SP}{{1,2}}up|garnered|passed|topped|crossed|surpassed|exceeded|amassed|gained|won|earned)){{0,3}}"
    rf"{SP}{{0,2}}$",
    _F,
)
# A figure the sentence reports as someone's claim and calls false: "Posts claiming the video had 10
# million views are false", "The claim that ... was viewed 1 billion times is false".
_CLAIMED = re.compile(r"\b(?:claim(?:s|ed|ing)?|reports?|reported|rumou?rs?|posts?|suggest(?:s|ed|ing)?)\b", _F)
_FALSE_WORDS = (
    "false", "untrue", "unfounded", "fake", "wrong", "incorrect", "baseless", "exaggerated", "misleading", "inaccurate",
    "bogus", "fabricated",
)  # fmt: skip
_DENIED_VERBS = ("debunked", "denied", "disputed")
_DENIED = re.compile(
    rf"\b(?:(?:is|are|was|were|proved|proven)[ \t\u00a0]{{1,2}}(?:{'|'.join(_FALSE_WORDS)})"
    rf"|(?:has|have|had)[ \t\u00a0]{{1,2}}been[ \t\u00a0]{{1,2}}(?:{'|'.join(_DENIED_VERBS)}))\b",
    _F,
)


# A question about a figure that may not exist: "Could a video with 10 million views ...?", "What
# if the clip gets 1 million views?"
_HYPOTHETICAL = re.compile(
    r"[\"'\u201c]?(?:Could|Would|Can|Should|Might|Imagine|Suppose|What[ \t\u00a0]{1,2}(?:if|does|would|happens))\b"
)


def _negated_before(text: str, floor: int, start: int) -> bool:
    """Whether the words just before the figure at `start` say it was not so."""
    before = text[max(floor, start - 48) : start]
    if "not" not in before and "n't" not in before and "never" not in before and "longer" not in before:
        return False
    return _NEGATED.search(before) is not None


def _disputed(scan: Scanner, sent: tuple[int, int], span: tuple[int, int]) -> bool:
    """Whether the sentence calls the figure someone's false claim: a claim word before it and a
    denial after it ("Reports that 50,000 people shared the post are unfounded")."""
    # Near the figure, not the whole sentence: a text without full stops is one long "sentence".
    after, before = min(sent[1], span[1] + _CONTEXT_REACH), max(sent[0], span[0] - _CONTEXT_REACH)
    # One look at the chunks' words for either form spares both searches (the common case).
    if not scan.holds(_A_DISPUTE, before, after):
        return False
    text = scan.text
    if _DENIED_BEFORE.search(text, before, span[0]) is not None:
        return True  # "The platform denied reports that the video had reached 100 million views"
    return _DENIED.search(text, span[1], after) is not None and _CLAIMED.search(text, before, span[0]) is not None


# Said false before the figure: "denied reports that ...", "dismissed claims that ...".
_F_DENIED_BEFORE = frozenset(
    ["denied", "denies", "deny", "dismissed", "dismisses", "rejected", "rejects", "refuted", "refutes", "debunked",
     "debunks", "disputed", "disputes"]
)  # fmt: skip
_DENIED_BEFORE = re.compile(
    rf"\b(?:{'|'.join(sorted(_F_DENIED_BEFORE))})"
    r"[ \t\u00a0]{1,2}(?:the[ \t\u00a0]{1,2})?(?:claims?|reports?|rumou?rs?|suggestions?|posts?)[ \t\u00a0]{1,2}that\b",
    _F,
)
# Every _DENIED match holds one of these as a whole word.
_F_DENIED = frozenset([*_FALSE_WORDS, *_DENIED_VERBS])
# Rare words, so kept as anchors (a bit per chunk) at no cost to the Scanner's index.
_A_DISPUTE = group(*_F_DENIED, *_F_DENIED_BEFORE)


def _forecast_before(text: str, floor: int, start: int) -> bool:
    """Whether the figure at `start` is the object of a goal or forecast in its sentence."""
    before = text[max(floor, start - 48) : start]
    # Most figures follow no such word: substring tests (one per word that every match holds, in
    # either case where it may open a sentence) spare the pattern.
    if not (
        "to " in before or "will" in before or " of " in before or "could" in before or "might" in before
        or "may" in before or "would" in before or "if " in before or "If " in before or "goal" in before
        or "target" in before or "aim" in before or "requir" in before or "need" in before or " for " in before
        or "eye" in before
        or "Will" in before or "Could" in before or "Might" in before or "May" in before or "Would" in before
    ):
        return False
    return _FORECAST.search(before) is not None


def _number_ok(text: str, start: int, value: float, raw: str, metric: str) -> bool:
    before = text[max(0, start - 16) : start]
    if _count_blocked(before):
        return False
    if raw.isdigit() and len(raw) == 4 and 1800 <= value <= 2100 and _YEAR_BEFORE.search(before):
        return False
    if "." in raw and written_step(raw) is None and not any(f in raw for f in "\u00bd\u00bc\u00be"):
        # A count has no decimals: "900.000 Likes" is German style (see german.py), "2.5 views" nothing.
        return False
    if metric in _ENGAGEMENT and value < 10 and not raw[:1].isdigit():
        # "two views of the bridge", "three comments from the minister": not engagement counts.
        return False
    return not (metric == "video_count" and value < 2)


_PLURAL_OK = {"news", "sports", "kids", "series", "us", "bus"}
_RATE_WORDS = frozenset(["daily", "weekly", "monthly", "hourly", "yearly", "annual", "average"])
# "2 million views a day", "viewed 3 million times each day": a rate, not a figure that held. Not "a
# week after it was posted", which dates the figure.
_RATE_AFTER = re.compile(
    rf"{SP}{{1,2}}(?:(?:a|an|per|each|every){SP}{{1,2}}(?:day|week|month|year|hour|minute|second)\b"
    rf"(?!{SP}{{1,2}}(?:after|later|before|ago|earlier|on|into|since|of)\b)|(?:daily|weekly|monthly|hourly)\b)",
    _F,
)


def _gap_ok(gap: str | None) -> bool:
    """Modifiers between a figure and its noun are adjectives, not plural nouns or verbs:
    "1,200 members share videos" is not a video count."""
    for word in (gap or "").split():
        low = word.lower()
        if low in _RATE_WORDS:
            return False  # "70 billion daily views": a rate, not a count of anything reported
        if low in _GAP_VERBS or low.startswith(("most-", "least-", "most", "top")) or low.endswith("est"):
            # "the 10 most-watched videos", "5 best clips": a ranking, not a count
            return False
        if (
            low.endswith("s")
            and not low.endswith(("ss", "'s", "\u2019s"))
            and "-" not in low
            and low not in _PLURAL_OK
        ):
            return False
    return True


_GAP_VERBS = {
    "share",
    "post",
    "watch",
    "upload",
    "make",
    "made",
    "create",
    "send",
    "sent",
    "view",
    "like",
    "see",
    "saw",
    "get",
    "got",
    "have",
    "had",
    "has",
    "publish",
    "produce",
    "shared",
    "posted",
    "watched",
}


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
    if raw is None:
        return None
    if raw in ("each", "apiece"):
        return "each"
    if "total" in raw or raw == "cumulative":
        return "total"
    return "combined"


def _window_of(m: re.Match[str]) -> str | None:
    return _norm(_group(m, "wcore") or _group(m, "wcore2"))


# How far around a figure the finance / non-social checks look: near enough to be about it, and
# bounded so a text without full stops (one huge "sentence") stays linear.
_CONTEXT_REACH = 300


class _NotThisMetric(NamedTuple):
    """What makes a figure of some metric something else: a pattern with no literal start (so it is
    searched only when a chunk near the figure holds one of `words`, or the `substring`), and the
    pattern that says the text is about an online audience after all."""

    words: frozenset[str]
    pattern: re.Pattern[str]
    rescue: re.Pattern[str] | None = None
    substring: str | None = None


_NOT_THIS_METRIC: dict[str, _NotThisMetric] = {
    # "5 million shares" in a markets story is equity, not reposts.
    "shares": _NotThisMetric(_F_FINANCE, _FINANCE),
    # "The cult's 3,000 followers": disciples, unless the sentence is about an account.
    "followers": _NotThisMetric(_F_NOT_AUDIENCE, _NOT_AUDIENCE, _ONLINE_FOLLOW, "religio"),
    # "Reliance Jio has 470 million subscribers", "200,000 print subscribers": a service's customers.
    "subscribers": _NotThisMetric(_F_SERVICE, _SERVICE, _ONLINE_SUBS),
    # "The match was watched by 14 million people on BBC One": a broadcast audience.
    "views": _NotThisMetric(_F_BROADCAST, _BROADCAST, _ONLINE_SUBS),
}


def _metric_allowed(scan: Scanner, metric: str, sent: tuple[int, int], pos: int) -> bool:
    """Whether the words near a figure leave it a count of `metric` (see _NOT_THIS_METRIC)."""
    check = _NOT_THIS_METRIC.get(metric)
    if check is None:
        return True
    start, end = max(sent[0], pos - _CONTEXT_REACH), min(sent[1], pos + _CONTEXT_REACH)
    # A search tries every position (~25 us over 600 characters); the chunks' word sets say first
    # whether one of the words it needs is there at all.
    if not scan.holds_any(check.words, start, end) and (
        check.substring is None or scan.low.find(check.substring, start, end) < 0
    ):
        return True
    text = scan.text
    if check.pattern.search(text, start, end) is None:
        return True
    return check.rescue is not None and check.rescue.search(text, start, end) is not None


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


def _figures(
    ctx: _Context,
    m: re.Match[str],
    metric: str,
    *,
    scope: str | None,
    window: str | None,
    ranges: bool = True,
    single: bool = False,
) -> None:
    """One claim per figure in m's "list" group; two figures joined by "to" (or after "between") are
    one range. `single`: the group is one NUMBER, so it is not searched again for its figures."""
    text = ctx.text
    sent = ctx.sentences.around(m.start())
    if not _metric_allowed(ctx.scan, metric, sent, m.start()) or not _gap_ok(_group(m, "gap")):
        return
    if single:
        nums = [_Figure(m.start("list"), m.end("list"), m.group("list"))]
    else:
        nums = [_Figure(n.start(), n.end(), n.group()) for n in _NUMBER_RE.finditer(text, *m.span("list"))]
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
        range_shape = between is not None or _RANGE_SEP.fullmatch(text, nums[0].end, nums[1].start) is not None
        if between is not None and between.group(1).lower() == "from" and _MOVED_FROM.search(
            text, max(0, between.start() - 20), between.start() + 1
        ):
            # "went from 50,000 to 300,000 followers": the count before and after, not a range.
            between, range_shape = None, False
    if range_shape:
        # "1.5 to 2 million times": the bare first figure is in the second one's scale.
        scaled = _inherit_scale(nums[0].raw, values[0], nums[1].raw)
        if scaled != values[0]:
            values[0], raws[0] = scaled, f"{nums[0].raw} {nums[1].raw.split()[-1]}"
    for n, value, raw in zip(nums, values, raws, strict=True):
        if not _number_ok(text, n.start, value, raw, metric):
            return
    qual = _norm(m.group("qual"))
    plus = _group(m, "plus") if qual is None else None
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
    from_to = (len(nums) == 2 and m.re in _FROM_TO_PATTERNS) or m.re in _FROM_ONE_PATTERNS
    for i, (n, value) in enumerate(zip(nums, values, strict=True)):
        start = (m.start() - tilde) if i == 0 else n.start
        end = m.end() if i == len(nums) - 1 else n.end
        bound, low, high = claim_bounds(value, qual, written_step(n.raw))
        platform = own[i] if own is not None else None
        earlier = from_to and i == 0 and metric in _ENGAGEMENT
        # Each figure is inside m, so in m's sentence.
        ctx.add(metric, value, bound, low, high, qual, EARLIER if earlier else scope, None if earlier else window,
                subject, (start, end), platform, sent)


# Patterns whose two-figure list is a count before and after a change ("from A to B"), and those
# whose one figure is the count before.
_FROM_TO_PATTERNS = (_TALLY_FROM_RE, _NOUN_TALLY_FROM_RE)
_FROM_ONE_PATTERNS = (_TALLY_FROM_QUAL_RE, _NOUN_TALLY_FROM_QUAL_RE)

# "... 14,000, 9,000 and 3,500 times on Facebook, X and WhatsApp respectively".
_RESPECTIVELY = re.compile(rf"(?:{SP}{{1,2}}on{SP}{{1,2}}(?P<where>[^.;!?\n]{{1,80}}?))?,?{SP}{{1,2}}respectively\b", _F)


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


_FROM_NOUN_PATTERNS = (_NOUN_TALLY_FROM_RE, _NOUN_TALLY_FROM_QUAL_RE)


# "Views doubled overnight to 1.6 million", "her Instagram following rose 45 per cent to 212,000",
# "the subscriber count has fallen by roughly a third, to about 410,000", "Her subscriber count
# climbed 30,000 overnight to 512,000": a count named, how it changed, then what it came to.
# The verbs of _CHANGE_VERB_ALT that say the count went down.
_LOSS_VERBS = frozenset(
    ["fell", "fallen", "falling", "dropped", "dropping", "declined", "declining", "slipped", "slipping", "slid",
     "sliding", "shrank", "shrunk", "shrinking", "plunged", "plummeted", "tumbled", "dipped"]
)  # fmt: skip
_CHANGED_TO_RE = re.compile(
    rf"\b(?:(?P<cw>{_alt(_COUNT_WORDS)})s?(?:{SP}{{1,2}}(?:count|tally|total|number|base)s?)?|(?P<noun>views|viewership"
    rf"|likes|shares|followers|following|followership|subscribers|comments|retweets|reposts))"
    rf"(?:{SP}{{1,2}}on{SP}{{1,2}}(?:(?:the|her|his|its|their){SP}{{1,2}})?(?:[A-Za-z'\u2019-]{{1,20}}{SP}{{1,2}})?"
    rf"(?:{_PLATFORM_ALT}|X)\b)?"
    rf"{SP}{{1,2}}(?:(?:has|have|had){SP}{{1,2}})?(?P<verb>{_CHANGE_VERB_ALT})"
    rf"(?:{SP}{{1,2}}(?:by{SP}{{1,2}})?(?:(?:about|roughly|around|nearly|almost|some|more{SP}{{1,2}}than){SP}{{1,2}})?"
    rf"(?:[0-9]{{1,3}}(?:\.[0-9])?{SP}{{0,2}}(?:%|per{SP}{{1,2}}cent\b|percent\b)|an?{SP}{{1,2}}(?:third|quarter|half|fifth|tenth)\b"
    rf"|half\b|(?P<by>{DIGIT_NUMBER})(?![0-9%]|{SP}{{0,2}}(?:%|per|percent)\b)))?"
    rf"(?:{SP}{{1,2}}(?:overnight|in{SP}{{1,2}}(?:a|one){SP}{{1,2}}(?:day|week|weekend|month)|this{SP}{{1,2}}(?:week|month|year)"
    rf"|last{SP}{{1,2}}(?:week|month|year)))?"
    rf",?{SP}{{1,2}}to{SP}{{1,2}}{_QUAL}(?P<list>{NUMBER}){_PLUS}{_NOT_PERCENT}{_STANDS_ALONE}",
    _F | re.MULTILINE,
)
# Every _CHANGED_TO_RE match starts with one of these, and holds a verb of change.
_CHANGED_TO_FIRST = (*_COUNT_WORDS, *(w + "s" for w in _COUNT_WORDS), "viewership", "following", "followership")
_A_CHANGED_TO = group(*_CHANGED_TO_FIRST)
_F_CHANGED_TO = frozenset(_CHANGED_TO_FIRST)
_A_CHANGE_VERBS = group(*(set(re.findall(r"[a-z]+", _CHANGE_VERB_ALT)) - {"up", "down"}))


def _changed_to(ctx: _Context) -> None:
    """A count named, how it changed, then what it came to: the total, and a change given as a
    number ("climbed 30,000 overnight") as a gain or loss."""
    for m in ctx.scan.matchiter(_CHANGED_TO_RE, _F_CHANGED_TO, _A_CHANGED_TO, _A_CHANGE_VERBS, digits=False):
        cw, noun = m.group("cw"), m.group("noun")
        metric = _COUNT_WORDS[cw.lower()] if cw else _TALLY_NOUN_METRIC[noun.lower()]
        by = _BY_RE.match(ctx.text, m.start("by")) if m.group("by") else None
        if by is not None:
            change = "loss" if m.group("verb").lower() in _LOSS_VERBS else "gain"
            _figures(ctx, by, metric, scope=change, window=None, ranges=False)
        _figures(ctx, m, metric, scope=None, window=None, ranges=False)


_BY_RE = re.compile(rf"(?P<qual>)(?P<list>{DIGIT_NUMBER})", _F)


def _tallies(ctx: _Context) -> None:
    """ "view count stood at 7,450,112", "the number of comments topped 100,000"."""
    heads = (_TALLY_FROM_RE, _TALLY_FROM_QUAL_RE, _TALLY_RE)
    for m in (m for pattern in heads for m in ctx.scan.matchiter(pattern, _F_TALLY, _A_TALLY, digits=False)):
        cw = m.group("cw")
        metric = _COUNT_WORDS[cw.lower()] if cw else _COUNT_NOUNS[m.group("noun").lower()]
        if metric == "video_count":
            continue
        change = _change_before(ctx.text, m.start("qual") if m.group("qual") else m.start("list"))
        _figures(ctx, m, metric, scope=change, window=None, ranges=False)
    nouns = (
        *ctx.scan.matchiter(_NOUN_TALLY_FROM_RE, _F_TALLY_NOUNS, _A_TALLY_NOUNS, _A_TALLY_FROM, digits=False),
        *ctx.scan.matchiter(_NOUN_TALLY_FROM_QUAL_RE, _F_TALLY_NOUNS, _A_TALLY_NOUNS, _A_TALLY_FROM, digits=False),
        *ctx.scan.matchiter(_NOUN_TALLY_RE, _F_TALLY_NOUNS, _A_TALLY_NOUNS, _A_TALLY_VERBS, digits=False),
    )
    for m in nouns:
        if m.group("verb") is None and not m.group("qual") and m.re not in _FROM_NOUN_PATTERNS:
            continue
        scope = _change_before(ctx.text, m.start("qual") if m.group("qual") else m.start("list"))
        _figures(ctx, m, _TALLY_NOUN_METRIC[m.group("cw").lower()], scope=scope, window=None, ranges=False)


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
            if lead is not None and lead.group("now") and claim.scope is None and _had_before(ctx, claim.span[0]):
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
            if not found and claim.platform is not None and claim.platform == _platforms(ctx.scan, *lead.span()):
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
        if m is not None and _TO_BEFORE.search(ctx.text, max(0, claim.span[0] - 30), claim.span[1]) is not None:
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
        m = (_FURTHER_RE.match(ctx.text, lead.end()) or _MORE_RE.match(ctx.text, lead.end())) if lead else None
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
        if claim.quote.endswith(tuple(_WINDOW_ENDINGS)) or claim.quote.lower().endswith("times"):
            lead = _AND_LEAD.match(ctx.text, claim.span[1])
            m = _AND_TIMES_RE.match(ctx.text, lead.end()) if lead is not None else None
            if m is not None:
                _figures(ctx, m, claim.metric, scope=None, window=_window_of(m), ranges=False)


def _had_before(ctx: _Context, start: int) -> bool:
    return _HAD_BEFORE.search(ctx.text, max(ctx.sentences.around(start)[0], start - 40), start) is not None


def _as_earlier(claim: Claim) -> Claim:
    """The claim as the count before a later one: dated only by a period written with it."""
    if claim.time_window is not None:
        return replace(claim, scope=EARLIER)
    return replace(claim, scope=EARLIER, as_of=None, as_of_start=None, as_of_rule=EARLIER_UNDATED)


def _own_platform_name(own: re.Match[str]) -> str:
    """The platform an _ON_PLATFORM match names, as _platforms writes it ("X" only in capitals)."""
    return "X" if own.group("name") == "X" else _PLATFORM_NAMES[own.group("name").lower()]


def _platform_of_the_other(ctx: _Context, at: int, claim: Claim, other_end: int) -> None:
    """ "around 3m views, with another 1.5 million on Facebook": the platform named right after the
    second figure is that figure's, so the first, which only had it from its sentence, has none."""
    own = _ON_PLATFORM.match(ctx.text, other_end)
    if own is None or claim.platform is None or claim.span is None or _ON_PLATFORM.match(ctx.text, claim.span[1]):
        return
    if claim.platform == _own_platform_name(own):
        ctx.claims[at] = replace(claim, platform=None)


_PEOPLE_DID = {
    "shared": "shares", "reshared": "shares", "reposted": "shares", "retweeted": "shares",
    "commented": "comments", "liked": "likes", "watched": "views", "seen": "views", "viewed": "views",
}  # fmt: skip


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
        _figures(ctx, m, "followers", scope=_scope_of(m), window=None, ranges=False)


def _figure_counts(ctx: _Context) -> None:
    """ "views had topped seven figures": vague, between 10^(n-1) and 10^n - 1."""
    for m in ctx.scan.finditer(_FIGURES_RE, _A_FIGURES, _A_NOUNS_AND_WORDS):
        metric = _COUNT_WORDS[m.group("cw").lower()]
        sent = ctx.sentences.around(m.start())
        if not _metric_allowed(ctx.scan, metric, sent, m.start()):
            continue
        digits = _FIGURE_DIGITS[m.group("n").lower()]
        ctx.add(
            metric,
            None,
            "vague",
            float(10 ** (digits - 1)),
            float(10**digits - 1),
            f"{_norm(m.group('n'))} figures",
            None,
            None,
            ctx.sentence_subject(sent, m.start()),
            (m.start("verb"), m.end()),
        )


def _marks(ctx: _Context) -> None:
    """ "passed the 1 million subscriber mark": lower bound (upper for "neared", "approaching")."""
    for m in ctx.scan.matchiter(_MARK_RE, _F_MARK_VERBS, _A_MARK, _A_DIGIT, digits=False):
        metric = _COUNT_WORDS[m.group("cw").lower()]
        value = parse_number(m.group("list"))
        if value is None or not _number_ok(ctx.text, m.start("list"), value, m.group("list"), metric):
            continue
        verb = m.group("verb").lower()
        qual = "nearly" if verb.startswith(("near", "approach")) else "more than"
        bound, low, high = claim_bounds(value, qual)
        sent = ctx.sentences.around(m.start())
        subject = ctx.sentence_subject(sent, m.start())
        ctx.add(metric, value, bound, low, high, verb, None, None, subject, m.span())


def _by_people(ctx: _Context) -> None:
    """ "liked by more than 30,000 people"."""
    for m in ctx.scan.matchiter(_BY_PEOPLE_RE, _F_TIMES_VERBS, _A_TIMES_VERBS, _A_PEOPLE, digits=False):
        _figures(ctx, m, _BY_PEOPLE_VERBS[m.group("verb").lower()], scope=None, window=None,
                 single=parse_number(m.group("list")) is not None)


_NEW_IN_GAP = re.compile(r"\bnew\b", re.IGNORECASE)


def _counts(ctx: _Context) -> None:
    """Figures before their noun: "more than 5 million views combined in their first day"; a list
    ("170,000 and 140,000 views") is one claim per figure, "between A and B views" one range."""
    for m in ctx.scan.matchiter(_COUNT_RE, _F_QUAL_NUMBER, _A_NOUNS):
        noun = m.group("noun").lower()
        single = m.group("more") is None
        if single and noun in ("streams", "subs") and (parse_number(m.group("list")) or 0) < 1000:
            continue  # "three streams" is a count of broadcasts; "a billion streams" is plays
        scope = _scope_of(m)
        if scope is None and _NEW_IN_GAP.search(_group(m, "gap") or "") is not None:
            scope = "gain"  # "9,500 new followers", "120,000 new subscribers in a week"
        _figures(ctx, m, _COUNT_NOUNS[noun], scope=scope, window=_window_of(m), single=single)


# "a 3-million-view rant", "her 250,000-follower account": the count as a compound adjective. Not
# "the 100,000-view milestone", a mark the count passes (see _MARK_RE).
_ADJ_COUNT_RE = re.compile(
    rf"(?<![\w.,$-])(?P<list>{DIGITS}(?:-(?:thousand|million|billion)|[km]|bn)?)"
    rf"-(?P<cw>view|like|share|follower|subscriber|comment)\b(?!-)"
    rf"(?!{SP}{{1,2}}(?:mark|milestone|threshold|barrier|club|target|goal|count|figure|level|limit|cap|minimum|maximum|rule|requirement)s?\b)",
    _F,
)
_A_ADJ_COUNT = group("view", "like", "share", "follower", "subscriber", "comment")


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
        ctx.add(metric, value, bound, low, high, None, None, None, ctx.sentence_subject(sent, m.start()), m.span())


# "Comments were switched off after the video attracted more than 7,000 of them": "them" is the
# nearest count noun before it in the sentence, unless people come between ("comments from
# viewers, 7,000 of them").
_OF_THEM_RE = re.compile(rf"{_QUAL}(?P<list>{NUMBER}){_PLUS}{SP}{{1,2}}of{SP}{{1,2}}them\b", _F)
_A_THEM = group("them")
_ENGAGEMENT_NOUNS = {noun: metric for noun, metric in _COUNT_NOUNS.items() if metric in _ENGAGEMENT}
_NOUN_OR_PEOPLE_RE = re.compile(
    rf"\b(?:(?P<noun>{_alt(_ENGAGEMENT_NOUNS)})|people|users|fans|viewers|readers|visitors|members|accounts)\b", _F
)
# "a flood of comments - more than 40,000 at last count": the figure set off by a dash after its noun.
_DASH_FIGURE_RE = re.compile(
    rf"\b(?P<noun>{_alt(_ENGAGEMENT_NOUNS)})\b{SP}{{1,2}}[-\u2013\u2014]{SP}{{1,2}}"
    rf"{_QUAL}(?P<list>{NUMBER}){_PLUS}{_NOT_PERCENT}{_STANDS_ALONE}",
    _F | re.MULTILINE,
)
_A_ENGAGEMENT_NOUNS = group(*_ENGAGEMENT_NOUNS)


def _uncounted(ctx: _Context, metric: str, noun: tuple[int, int]) -> bool:
    """The noun has no figure of its own: "5,000 comments, 3,000 of them abusive" counts a part."""
    taken = ctx.taken.get(metric)
    return taken is None or not taken.overlaps(*noun)


def _borrowed_nouns(ctx: _Context) -> None:
    """ "more than 7,000 of them", "comments - more than 40,000 at last count": a figure whose noun
    is written before it, once, without a figure."""
    text = ctx.text
    for m in ctx.scan.matchiter(_OF_THEM_RE, _F_QUAL_NUMBER, _A_THEM):
        sent = ctx.sentences.around(m.start())
        last = None
        for last in _NOUN_OR_PEOPLE_RE.finditer(text, max(sent[0], m.start() - _CONTEXT_REACH), m.start()):
            pass
        if last is None or last.group("noun") is None:
            continue
        metric = _ENGAGEMENT_NOUNS[last.group("noun").lower()]
        if _uncounted(ctx, metric, last.span()):
            _figures(ctx, m, metric, scope=None, window=None, ranges=False, single=True)
    for m in ctx.scan.finditer(_DASH_FIGURE_RE, _A_ENGAGEMENT_NOUNS, DASH):
        metric = _ENGAGEMENT_NOUNS[m.group("noun").lower()]
        if _uncounted(ctx, metric, m.span("noun")):
            _figures(ctx, m, metric, scope=None, window=None, ranges=False, single=True)


# "Views: 8.2m. Likes: 611k. Comments: 23,400." - a stat line, the noun as a label.
_STAT_WORDS = ("views", "likes", "comments", "shares", "followers", "subscribers", "retweets", "reposts", "plays")
_STAT_RE = re.compile(
    rf"\b(?P<noun>{'|'.join(_STAT_WORDS)})(?:{SP}{{1,2}}on{SP}{{1,2}}(?:{_PLATFORM_ALT}|X))?{SP}{{0,2}}:{SP}{{0,2}}{_QUAL}(?P<list>{NUMBER}){_PLUS}(?=$|[.;,|)]|{SP}{{1,2}}[|/\u00b7]|{SP}{{0,2}}\()",
    _F | re.MULTILINE,
)
_F_STAT = frozenset(_STAT_WORDS)
_A_STAT = group(*_STAT_WORDS)


def _stat_lines(ctx: _Context) -> None:
    for m in ctx.scan.matchiter(_STAT_RE, _F_STAT, _A_STAT, COLON, digits=False):
        _figures(ctx, m, _COUNT_NOUNS[m.group("noun").lower()], scope=None, window=None, single=True)


def _hyphen_ranges(ctx: _Context) -> None:
    """ "2-3 million views", "viewed 2-3 million times": one approx claim from the lower to the
    upper figure."""
    text = ctx.text
    # Every match starts with a digit that begins its run (the lookbehind says so), or a verb.
    found = [
        *ctx.scan.matchiter(_HYPHEN_RANGE_RE, _F_NONE, _A_NOUNS, _A_DIGIT, DASH),
        *ctx.scan.matchiter(_HYPHEN_TIMES_RE, _F_TIMES_VERBS, _A_TIMES, _A_TIMES_VERBS, DASH, digits=False),
    ]
    for m in found:
        noun = _group(m, "noun")
        metric = _COUNT_NOUNS[noun.lower()] if noun is not None else _TIMES_VERBS[m.group("verb").lower()]
        sent = ctx.sentences.around(m.start())
        a, b = parse_number(m.group("a")), parse_number(m.group("b"))
        if a is None or b is None or not _metric_allowed(ctx.scan, metric, sent, m.start()) or not _gap_ok(_group(m, "gap")):
            continue
        if not _number_ok(text, m.start(), b, m.group("b"), metric):
            continue
        lo = _inherit_scale(m.group("a"), a, m.group("b"))
        if lo >= b:
            continue  # "3-1" is a score, "2025-26" a season
        ctx.add(
            metric,
            None,
            "approx",
            lo,
            b,
            "to",
            _scope_of(m),
            _window_of(m),
            _subject_for(ctx, m, metric, sent),
            m.span(),
        )


def _times(ctx: _Context) -> None:
    """ "viewed 900,000 times", "shared 20,000 times", "viewed 600,000 and 450,000 times"."""
    for m in ctx.scan.matchiter(_TIMES_RE, _F_TIMES_VERBS, _A_TIMES, _A_TIMES_VERBS, digits=False):
        verb = m.group("verb").lower()
        metric = _TIMES_VERBS[verb]
        if verb == "seen" or m.group("obj"):
            # "seen three times" is a sighting and "watched the video 10 times" one person's
            # viewing, not a count of views.
            value = parse_number(m.group("list"))
            if value is None or value < 1000:
                continue
        # "liked a quarter of a million times" is one figure, not a list to split.
        single = parse_number(m.group("list")) is not None
        # "shared another 40,000 times on Thursday": what was added.
        scope = "gain" if m.group("again") else _scope_of(m)
        _figures(ctx, m, metric, scope=scope, window=_window_of(m), single=single)


_DE_YEAR_BEFORE = re.compile(r"(?:\b(?:im|seit|bis|von|ab|Jahr|Jahre|jahr)[ \t\u00a0]{1,2})$", re.IGNORECASE)


def _german(ctx: _Context) -> None:
    """German-style figures (the document's language says so): "86,3 Millionen Aufrufe"."""
    text = ctx.text
    found = [(m, german.NOUNS[m.group("noun").lower()]) for m in german.COUNT_RE.finditer(text)]
    found += [(m, german.PARTICIPLES[m.group("verb").lower()]) for m in german.TIMES_RE.finditer(text)]
    for m, metric in found:
        parsed = german.value_of(m)
        if parsed is None:
            continue
        value, step = parsed
        digits = m.group("digits")
        if (
            len(digits) == 4
            and not m.group("scale")
            and 1900 <= value <= 2100
            and _DE_YEAR_BEFORE.search(text, max(0, m.start("digits") - 8), m.start("digits"))
        ):
            continue
        if metric == "video_count" and value < 2:
            continue
        qual = _norm(m.group("qual"))
        bound = german.QUALIFIERS.get(qual or "", "exact")
        if bound == "exact":
            _, low, high = claim_bounds(value, None, step)
        else:
            # The English qualifier table knows the interval shapes; borrow one with the same bound.
            _, low, high = claim_bounds(value, {"lower": "over", "upper": "nearly", "approx": "about"}[bound])
        sent = ctx.sentences.around(m.start())
        subject = ctx.sentence_subject(sent, m.start())
        ctx.add(metric, value, bound, low, high, qual, None, None, subject, m.span())


def _vague_times(ctx: _Context) -> None:
    """ "shared tens of thousands of times": vague, no value."""
    found = [
        *ctx.scan.matchiter(_VAGUE_TIMES_RE, _F_TIMES_VERBS, _A_TIMES, _A_TIMES_VERBS, _A_VAGUE, digits=False),
        *ctx.scan.matchiter(_VAGUE_BY_RE, _F_TIMES_VERBS, _A_BY, _A_TIMES_VERBS, _A_VAGUE, digits=False),
        *ctx.scan.matchiter(_VAGUE_PEOPLE_RE, _F_VAGUE, _A_VAGUE, _A_TIMES_VERBS, digits=False),
    ]
    for m in sorted(found, key=lambda m: m.start()):
        metric = _TIMES_VERBS[m.group("verb").lower()]
        low = _VAGUE_LOW[m.group("scale").lower()] * {"tens": 10.0, "hundreds": 100.0}.get(
            (m.group("pre") or "").lower(), 1.0
        )
        sent = ctx.sentences.around(m.start())
        subject = ctx.sentence_subject(sent, m.start())
        if m.re is _VAGUE_BY_RE and subject is None:
            continue  # seen by millions, but no video or post named before it: a person, a film in cinemas
        qualifier = _norm(m.group("vague")) if m.re is not _VAGUE_TIMES_RE else f"{_norm(m.group('vague'))} of"
        ctx.add(metric, None, "vague", low, None, qualifier, None, None, subject, m.span())


def _of_the(ctx: _Context) -> None:
    """ "Three of the videos": a video count (figures under 2 are dropped by _number_ok)."""
    for m in ctx.scan.matchiter(_OF_THE_RE, _F_NUMBER, _A_VIDEO_NOUNS, _A_OF):
        value = parse_number(m.group("list"))
        if value is None or not _number_ok(ctx.text, m.start(), value, m.group("list"), "video_count"):
            continue
        ctx.add("video_count", value, "exact", value, value, None, None, None, m.group("noun"), m.span())


def _vague(ctx: _Context) -> None:
    """ "millions of views", "a few hundred thousand views": no value, a lower bound of twice the scale."""
    found = [
        (m, _VAGUE_LOW[m.group("scale").lower()] * _VAGUE_PRE.get((m.group("pre") or "").lower(), 1.0), " of")
        for m in ctx.scan.matchiter(_VAGUE_RE, _F_VAGUE, _A_VAGUE, _A_NOUNS, digits=False)
    ]
    found += [
        (m, 2 * _SCALE_WORDS[m.group("unit").lower()] * (100.0 if m.group("hundred") else 1.0), "")
        for m in ctx.scan.matchiter(_FEW_RE, _F_FEW, _A_FEW, _A_NOUNS, digits=False)
    ]
    found += [
        (m, _VAGUE_LOW[m.group("scale").lower()] * _VAGUE_PRE.get((m.group("pre") or "").lower(), 1.0), "")
        for m in ctx.scan.matchiter(_VAGUE_IN_RE, _F_TALLY_NOUNS, _A_TALLY_NOUNS, _A_VAGUE, digits=False)
    ]
    for m, low, tail in found:
        metric = _COUNT_NOUNS[m.group("noun").lower()]
        sent = ctx.sentences.around(m.start())
        if not _metric_allowed(ctx.scan, metric, sent, m.start()) or not _gap_ok(m.group("gap")):
            continue
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
            f"{_norm(m.group('vague'))}{tail}",
            _scope_of(m),
            _window_of(m),
            subject,
            m.span(),
        )


_VAGUE_PRE = {"tens": 10.0, "hundreds": 100.0}


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
        return _EDIT_CONTEXT.search(ctx.text, max(sent[0], m.start() - 200), min(sent[1], m.end() + 200)) is not None
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
        if not _online_spot(ctx, m):
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
            ctx.add("video_length", value, "exact", value, value, None, None, None, subject, span)
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
        if value is None or value <= 0 or not _online_spot(ctx, m):
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
_WATCH_LINE = re.compile(
    rf"(?:WATCH|VIDEO|Watch|Video)(?:{SP}{{0,2}}[:|\u2013\u2014]|{SP}{{1,2}}(?=[a-z]))"
    rf"{SP}{{0,2}}(?P<title>[^\n()]{{3,200}}?){SP}{{0,2}}"
    rf"\((?P<dur>{CLOCK})\)(?:{SP}{{1,2}}(?:below|above|here))?{SP}{{0,3}}\.?$",
    re.MULTILINE,
)
# "... the moment the bridge fell (VIDEO, 0:52)": a video's running time in a label, mid-line.
_VIDEO_LABEL = re.compile(rf"\((?:VIDEO|Video|WATCH|Watch)[,:]?{SP}{{1,2}}(?P<dur>{CLOCK})\)")
_WATCH_WORDS = ("WATCH", "VIDEO", "Watch", "Video")


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
                    ctx.add("video_length", value, "exact", value, value, None, None, None, title,
                            (m.start(), m.end("dur") + 1))
            i = text.find(word, i + 1)
    for m in _VIDEO_LABEL.finditer(text) if "(VIDEO" in text or "(Video" in text or "(WATCH" in text or "(Watch" in text else ():
        value = parse_duration(m.group("dur"))
        if value is not None and value > 0:
            sent = ctx.sentences.around(m.start())
            ctx.add("video_length", value, "exact", value, value, None, None, None,
                    ctx.sentence_subject(sent, m.start()), m.span())


def _clause(breaks: list[tuple[int, int]], sent: tuple[int, int], pos: int) -> tuple[int, int]:
    """The stretch of the sentence around `pos` between clause breaks (; : parentheses dashes)."""
    i = bisect.bisect_right(breaks, (pos, pos))
    start = breaks[i - 1][1] if i > 0 and breaks[i - 1][1] <= pos else sent[0]
    end = breaks[i][0] if i < len(breaks) else sent[1]
    return max(start, sent[0]), min(end, sent[1])


def _released(ctx: _Context, time_refs: tuple[TimeRef, ...]) -> None:
    text = ctx.text
    day_refs = [
        (t.span[0], t.span[1], t.resolved_start, t.resolved_end)
        for t in time_refs
        if t.granularity == "day"
        and t.span is not None
        and t.resolved_start is not None
        and t.resolved_end is not None
    ]
    if not day_refs:
        return
    found = [
        (m, True)
        for m in ctx.scan.matchiter(
            _RELEASE_RE, _F_RELEASE_VERBS, _A_RELEASE_VERBS, _A_RELEASE_NOUNS, digits=False
        )
    ]
    # Both start with their noun: tried only where one starts (candidates shared).
    for pattern in (_PASSIVE_RE, _RELATIVE_RE):
        found += [
            (m, False)
            for m in ctx.scan.matchiter(pattern, _F_RELEASE_NOUNS, _A_RELEASE_VERBS, _A_RELEASE_NOUNS, digits=False)
        ]
    found += [(m, False) for m in ctx.scan.matchiter(_OF_RELEASE_RE, _F_OF_RELEASE, _A_RELEASE_VERBS, digits=False)]
    # The release verbs' first-word set, shared with _RELEASE_RE, so the candidate positions are
    # computed once; _OPENER_RE fails at once where the verb does not open a sentence.
    found += [(m, False) for m in ctx.scan.matchiter(_OPENER_RE, _F_RELEASE_VERBS, _A_RELEASE_VERBS, digits=False)]
    if not found:
        return
    # (start, end, resolved start, resolved end) of day references, in text order; converted only
    # now, since most texts with a day reference release nothing.
    days = [(a, b, rs.timestamp(), re_.timestamp()) for a, b, rs, re_ in day_refs]
    starts = [d[0] for d in days]
    breaks_in: dict[int, list[tuple[int, int]]] = {}  # by sentence: a full-text pass costs more
    for m, active in found:
        sent = ctx.sentences.around(m.start())
        if sent[0] not in breaks_in:
            breaks_in[sent[0]] = [b.span() for b in _CLAUSE_BREAK.finditer(text, *sent)]
        c_start, c_end = _clause(breaks_in[sent[0]], sent, m.start("verb"))
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
        elif _group(m, "noun") is not None:
            subject = _noun_phrase(text, m.start("noun"), m.end("noun"), sent[0])
        else:
            subject = None  # "of being posted on Monday": the video is the figure's own
        span = (min(m.start(), ref[0]), max(m.end(), ref[1]))
        ctx.add("video_published", ref[2], "exact", ref[2], ref[3], None, None, None, subject, span)


# "In total, the department's videos have been watched 27 million times."
_SENTENCE_SCOPE = re.compile(
    rf"[\"'\u201c]?(?:(In{SP}total|All{SP}told|Altogether|Combined|Together|Cumulatively|Collectively"
    rf"|Between{SP}them),"
    # "Each of the four videos has more than 500,000 likes", "Each episode draws ...".
    rf"|(Each)(?:{SP}{{1,2}}of{SP}{{1,2}}(?:the|these|those|its|their|her|his){SP}|{SP}{{1,2}}(?:{_MEDIA})\b))",
    re.ASCII,
)
# ", each racking up at least 100,000 views", "the clips each drew": one figure per item. Not "each
# day" or "each week", which make a rate.
_EACH_BEFORE = re.compile(
    rf"\beach(?:{SP}{{1,2}}(?!(?:day|week|month|year|hour|time|minute)s?\b)[A-Za-z]{{1,12}}){{0,3}}{SP}{{1,2}}$", _F
)
_EACH_REACH = 30
_AND_JOIN = re.compile(rf",?{SP}{{1,2}}and{SP}{{1,2}}", _F)
_TOGETHER_WORDS = ("together", "collectively", "jointly", "between", "combined", "cumulatively")
_A_TOGETHER = group(*_TOGETHER_WORDS)
_TOGETHER_BEFORE = re.compile(
    rf"\b(?:together|collectively|jointly|between{SP}{{1,2}}them|combined|cumulatively)\b,?(?:{SP}{{1,2}}[A-Za-z'\u2019]{{1,12}}){{0,3}}{SP}{{1,2}}$",
    _F,
)
# A clock time: "5 p.m.", "11:30 a.m.", "17:00", "noon", then maybe a zone ("ET", "GMT").
_CLOCK = (
    rf"(?P<clock>(?P<h>[0-9]{{1,2}})(?::(?P<mi>[0-9]{{2}}))?{SP}?(?P<ampm>[ap])\.?m\.?"
    rf"|(?P<h24>[0-9]{{1,2}}):(?P<m24>[0-9]{{2}})|(?P<noon>noon|midday))"
    rf"(?:{SP}{{1,2}}(?P<zone>(?-i:[A-Z]{{2,4}}))(?![A-Za-z]))?"
)
_AS_OF_BEFORE = re.compile(
    rf"\b(?P<conn>as{SP}{{1,2}}of|as{SP}{{1,2}}at|by(?:{SP}{{1,2}}the{SP}{{1,2}}end{SP}{{1,2}}of)?|through){SP}{{1,2}}"
    # "as of 5 p.m. ET Friday": a clock time (and its zone) before the day; "as of midnight
    # Thursday" is the day (midnight before or after it, the text does not say).
    rf"(?:{_CLOCK},?{SP}{{1,2}}(?:on{SP}{{1,2}})?|midnight{SP}{{1,2}}(?:on{SP}{{1,2}})?)?$",
    _F,
)
# "as of Friday at 5 p.m. ET": the clock time after the day.
_CLOCK_AFTER = re.compile(rf",?{SP}{{1,2}}(?:at{SP}{{1,2}})?{_CLOCK}", _F)
# How far before a time reference its connector and clock time may start ("as of 11:30 a.m. EDT ").
_AS_OF_REACH = 32


def _clock_on(day: TimeRef, m: re.Match[str]) -> tuple[datetime, str, str] | None:
    """The instant of "5 p.m. ET" on a resolved day, how its zone was chosen and the clock time as
    written; None when the time is impossible or its zone abbreviation is unknown (then the whole
    day is used)."""
    if day.granularity != "day" or day.resolved_start is None:
        return None
    if m.group("noon"):
        hour, minute = 12, 0
    elif m.group("h24"):
        hour, minute = int(m.group("h24")), int(m.group("m24"))
        if hour > 23 or minute > 59:
            return None
    else:
        hour, minute = int(m.group("h")), int(m.group("mi") or 0)
        if not 1 <= hour <= 12 or minute > 59:
            return None
        hour = hour % 12 + (12 if m.group("ampm").lower() == "p" else 0)
    zone, why = day.resolved_start.tzinfo, "the zone the text's days are counted in"
    if m.group("zone"):
        try:
            zone, why = resolve_abbreviation(m.group("zone"), outlet=None, tz_map=None)
        except DateParseError:
            return None
    local = datetime.combine(day.resolved_start.date(), time(hour, minute), tzinfo=zone)
    return local, why, m.group("clock")


def _as_of_marks(
    text: str,
    sentences: _Sentences,
    time_refs: tuple[TimeRef, ...],
    as_of: datetime | None,
) -> dict[int, list[tuple[int, _Mark]]]:
    """ "80,000 views as of Wednesday", "By Tuesday evening the video had 1.2 million views", "as of
    5 p.m. ET Friday", "by the end of April": the engagement figures of that sentence were true by
    the end of that day (or week, month), or at that clock time.

    By sentence start, each mark with where it starts: (time_window "as of wednesday" / "by tuesday
    evening", as_of the end of the
    referenced period (or the clock time) but never later than the document's own time,
    as_of_start its start for "as of" a period (the figure held some time that day; "by" says only
    that it held by the end), the rule). Figures that carry their own window keep it.
    """
    marks: dict[int, list[tuple[int, _Mark]]] = {}
    by_start = {ref.span[0]: ref for ref in time_refs if ref.span is not None}
    for named in time_refs:
        if named.span is None or named.resolved_end is None:
            continue
        m = _AS_OF_BEFORE.search(text, max(0, named.span[0] - _AS_OF_REACH), named.span[0])
        if m is None:
            continue
        # "as of Monday, April 28": the date, not the weekday's nearest match.
        dated = _DATE_AFTER.match(text, named.span[1])
        exact = by_start.get(dated.end()) if dated is not None and named.granularity == "day" else None
        ref = exact if exact is not None and exact.granularity == "day" else named
        if ref.span is None or ref.resolved_end is None:
            continue
        sent = sentences.around(ref.span[0])
        after = None if m.group("clock") else _CLOCK_AFTER.match(text, ref.span[1])
        window = _norm(text[m.start() : ref.span[1] if after is None else after.end()]) or ""
        timed = m if m.group("clock") else after
        clock = _clock_on(ref, timed) if timed is not None else None
        if clock is not None:
            moment, zone_why, written = clock
            end = moment if as_of is None else min(moment, as_of)
            capped = ", no later than publication" if end != moment else ""
            rule = f"at {_norm(written)} ({zone_why}) on '{ref.text}' ({ref.rule}){capped}"
            marks.setdefault(sent[0], []).append((m.start(), (window, end, None, rule)))
            continue
        end = ref.resolved_end if as_of is None else min(ref.resolved_end, as_of)
        capped = ", no later than publication" if end != ref.resolved_end else ""
        start = ref.resolved_start if m.group("conn").lower().startswith("as") else None
        if start is not None and start < end:
            rule = f"during '{ref.text}' ({ref.rule}){capped}"
        else:
            start, rule = None, f"end of '{ref.text}' ({ref.rule}){capped}"
        marks.setdefault(sent[0], []).append((m.start(), (window, end, start, rule)))
    return marks


def _mark_for(marks: list[tuple[int, _Mark]] | None, pos: int) -> _Mark | None:
    """The as-of mark that speaks for a figure at `pos`: the last one before it ("By Thursday ...
    50,000 times, and by Friday ... 90,000 shares"), else the first after it ("... 80,000 views as
    of Wednesday")."""
    if not marks:
        return None
    i = bisect.bisect_right(marks, pos, key=_AT)
    return marks[i - 1][1] if i > 0 else marks[0][1]


_AT = operator.itemgetter(0)


def _sentence_windows(scan: Scanner, sentences: _Sentences) -> dict[int, str]:
    """By sentence start, a window written away from its figure ("In its first week, the trailer
    drew ...", "So far ..."); one anchored pass over the text."""
    found = [
        *scan.finditer(SENTENCE_WINDOW, *_A_SENTENCE_WINDOW),
        *scan.finditer(SENTENCE_CUMULATIVE, _A_SENTENCE_CUMULATIVE),
    ]
    windows: dict[int, str] = {}
    for w in sorted(found, key=lambda w: w.start()):
        start = sentences.around(w.start())[0]
        # Only a window that opens its sentence speaks for every figure in it: one written after
        # a figure ("... in its first 48 hours, and over a million views since ...") is that
        # figure's own and was read with it.
        if not scan.text[start : w.start()].strip(" \t\"'\u201c\u2018("):
            windows.setdefault(start, sentence_window(w))
    return windows


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
    language: str | None = None,
    scanner: Scanner | None = None,
    zone: tzinfo = UTC,
    zone_desc: str = "UTC",
) -> tuple[Claim, ...]:
    """Claims in text order (repeats folded into also_spans).

    `time_refs` (already resolved) feed video_published claims; `exclude` holds spans that are not
    prose (publish/update lines); `as_of`, the document's publish or update time, is stamped on
    engagement counts (views, likes, ...) since that is when the article reported them. `scanner`,
    if given, must be `Scanner(text)` (shared with find_time_refs to save a pass). `zone` (and its
    description) is the calendar the text's days are counted in, for a year named after a figure.
    """
    ctx = _Context(
        text, _sentences(text), SpanSet(exclude), as_of, Scanner(text) if scanner is None else scanner
    )
    ctx.refs_at = {ref.span[0]: ref for ref in time_refs if ref.span is not None}
    ctx.zone, ctx.zone_desc = zone, zone_desc
    # What a figure's sentence says about its time and scope, known before any figure is added, so
    # each claim is built once with its final window and as_of.
    ctx.marks = _as_of_marks(text, ctx.sentences, time_refs, as_of)
    ctx.windows = _sentence_windows(ctx.scan, ctx.sentences)
    # Releases first: windows ("in their first day") count from them.
    _released(ctx, time_refs)
    if german.is_german(language):
        # German number style ("1.234.567", "86,3 Millionen"): the English count patterns would misread it.
        _german(ctx)
    else:
        _hyphen_ranges(ctx)
        _counts(ctx)
        _times(ctx)
        _vague(ctx)
        _vague_times(ctx)
        _of_the(ctx)
        _changed_to(ctx)
        _tallies(ctx)
        _marks(ctx)
        _figure_counts(ctx)
        _by_people(ctx)
        _follows(ctx)
        _adjective_counts(ctx)
        _stat_lines(ctx)
        _borrowed_nouns(ctx)
        _up_from(ctx)
    _lengths(ctx)
    _watch_lines(ctx)
    ordered = sorted(ctx.claims, key=lambda c: (c.span or (0, 0), c.metric))
    return dedupe_claims(ordered)
