"""The checks that keep a figure from being a claim: what the rules' patterns match but is not a
reported engagement figure.

Negatives the checks encode: years after "in"/"since", rankings ("Top 10", "the 10 most-watched"),
money, decimals without a scale word ("900.000 Likes" in English mode), equity "shares" in finance
sentences, small spelled-out engagement numbers ("two views of the bridge"), plural nouns or verbs
between a figure and its noun ("1,200 members share videos"), rates ("2 million views a day"),
goals and forecasts ("hopes to reach 2 million subscribers"), negation ("has not reached 1 million
views"), figures called false ("Reports that ... are unfounded") and questions about a figure that
may not exist ("Could a video with 10 million views ...?"). Scores ("3-1") are the ranges rule's.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from metrics.extract.anchors import Scanner, group
from metrics.extract.claims import vocabulary as v
from metrics.extract.claims.fragments import _F, _alt, first_words
from metrics.extract.dates import MONTH_NAMES
from metrics.extract.numbers import SP, written_step
from metrics.extract.windows import ENGAGEMENT

# A figure right after one of these words or signs is a rank, an episode or a price: "Top 10",
# "episode 3", "$5 million". What `_count_blocked` tests is, as a pattern searched in the 16
# characters before the figure:
#   (?:\b(?:top|no\.?|number|...)|[#$...])[ \t\u00a0]{0,2}$   (IGNORECASE, ASCII)
_NOT_COUNT_WORDS = v.NOT_COUNT_WORDS["en"]
_NOT_COUNT_SIGNS = v.NOT_COUNT_SIGNS
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


_ONE_IN = re.compile(
    r"\b(?:(?:1|one|two|three|four)[ \t\u00a0]{1,2}in|out[ \t\u00a0]{1,2}of)[ \t\u00a0]{1,2}$", re.IGNORECASE
)


def _number_ok(text: str, start: int, value: float, raw: str, metric: str) -> bool:
    before = text[max(0, start - 16) : start]
    if _count_blocked(before) or _ONE_IN.search(before) is not None:
        return False  # ... or a proportion: "1 in 5 viewers stopped watching"
    if (
        raw.isdigit()
        and len(raw) == 4
        and 1800 <= value <= 2100
        and (_YEAR_BEFORE.search(before) or metric == "video_count")
    ):
        return False  # "in 2019 videos", "Super Bowl 2015 YouTube Ads": a year
    if "." in raw and written_step(raw) is None and not any(f in raw for f in "\u00bd\u00bc\u00be"):
        # A count has no decimals: "900.000 Likes" is German style (rules/german.py), "2.5 views" nothing.
        return False
    if metric in _ENGAGEMENT and value < 10 and not raw[:1].isdigit():
        # "two views of the bridge", "three comments from the minister": not engagement counts.
        return False
    return not (metric == "video_count" and value < 2)


# "On April 17, 2.4 crore viewers": a day of the month, not the first figure of a list.
_MONTH_BEFORE = re.compile(
    rf"\b(?:{'|'.join(MONTH_NAMES)}|{'|'.join(m[:3] for m in MONTH_NAMES)}|Sept)\.?[ \t\u00a0]{{1,2}}$"
)
# A change written with its sign: "(+48 million followers)", "(\u221234,000)".
SIGN_BEFORE = re.compile(r"(?:^|[(\s])(?P<sign>[-\u2212+])$")
_PLURAL_OK = {"news", "sports", "kids", "series", "us", "bus"}
_RATE_WORDS = frozenset(["daily", "weekly", "monthly", "hourly", "yearly", "annual", "average"])
# "2 million views a day", "viewed 3 million times each day": a rate, not a figure that held. Not "a
# week after it was posted", which dates the figure.
# "7,000 tweets per minute", "30,000 views per minute": a rate over a short unit is a figure of its
# own, kept with the rate as its scope ("per minute"); other rates stay out (_RATE_AFTER).
_SHORT_RATE_AFTER = re.compile(
    rf"(?:{SP}{{1,2}}(?:were|was|being){SP}{{1,2}}(?:posted|sent|tweeted|published|added|recorded))?"
    rf"(?:{SP}{{1,2}}(?:a|an|per|each|every|in{SP}{{1,2}}(?:1|one|a|a{SP}{{1,2}}single)){SP}{{1,2}}"
    rf"(?=(?:hour|minute|second)\b(?!{SP}{{1,2}}(?:after|later|before|ago|earlier|on|into|since|of)\b))"
    # "21,500 tweets-per-minute after the final whistle": one word, a rate whatever follows.
    rf"|-per-)(?P<unit>hour|minute|second)\b",
    _F,
)
_RATE_AFTER = re.compile(
    rf"{SP}{{1,2}}(?:(?:a|an|per|each|every){SP}{{1,2}}(?:day|week|month|year|hour|minute|second)\b"
    rf"(?!{SP}{{1,2}}(?:after|later|before|ago|earlier|on|into|since|of)\b)|(?:daily|weekly|monthly|hourly)\b)",
    _F,
)


def _gap_ok(gap: str | None, metric: str | None = None) -> bool:
    """Modifiers between a figure and its noun are adjectives, not plural nouns or verbs:
    "1,200 members share videos" is not a video count."""
    for word in (gap or "").split():
        low = word.lower()
        if low == "average" and metric == "viewers":
            continue  # "3.5 million average viewers": a broadcast's audience is its average
        if low in _RATE_WORDS:
            return False  # "70 billion daily views": a rate, not a count of anything reported
        if low in ("percent", "pc", "cent", "%"):
            return False  # "99 percent downloads on Android": a share, not a count
        if low in _GAP_VERBS or low.startswith(("most-", "least-", "most", "top")) or low.endswith("est"):
            # "the 10 most-watched videos", "5 best clips": a ranking, not a count
            return False
        if (
            low.endswith("s")
            and not low.endswith(("ss", "'s", "\u2019s", "ous"))  # "simultaneous viewers"
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
# "expects to hit 2 million subscribers", "will add 120,000 subscribers", "a target of 1 million
# views": a goal or a forecast, not a figure anyone measured.
_FORECAST = re.compile(
    rf"(?:\b(?:expects?|expected|expecting|hopes?|hoped|hoping|aims?|aimed|aiming|plans?|planned|planning"
    rf"|wants?|wanted|intends?|intended|projected|forecast|predicted|predicts?|poised|on{SP}{{1,2}}(?:track|course|pace)"
    rf"|set|bound|tipped|likely|unlikely|racing|trying|struggling|next)"
    rf"{SP}{{1,2}}to{SP}{{1,2}}(?:[A-Za-z-]{{1,20}}{SP}{{1,2}}){{0,2}}"
    # "will have to surpass 100 million views", "can only display up to 2,147,483,647 views".
    rf"|\b(?:will|could|might|may|would|can|cannot|can't|should|must){SP}{{1,2}}"
    rf"(?:(?:likely|soon|easily|probably|well|still|only|now|also|even|never|not){SP}{{1,2}})?"
    rf"(?:(?:have|need|has){SP}{{1,2}}to{SP}{{1,2}})?(?:[A-Za-z-]{{1,20}}{SP}{{1,2}})?"
    # "could break Ibai's record by reaching 3.5 million viewers": words, then a verb of reaching.
    rf"|\b(?:will|could|might|may|would){SP}{{1,2}}(?:[A-Za-z'\u2019-]{{1,20}}{SP}{{1,2}}){{1,4}}?(?:by{SP}{{1,2}})?"
    rf"(?:reach|reaching|hit|hitting|pass|passing|cross|crossing|top|topping|surpass|surpassing){SP}{{1,2}}(?:the{SP}{{1,2}})?"
    # "If the video gets 1 million likes, ...": a condition; "The goal is 100,000 followers"; "requires
    # 1,000 subscribers": a threshold, not a count.
    rf"|\bif{SP}{{1,2}}[^,;:.!?]{{0,40}}"
    rf"|\b(?:target|goal|aim){SP}{{1,2}}(?:of|is|was){SP}{{1,2}}"
    # "an ambitious target to reach 100,000 subscribers", "a bid to hit 1 million".
    rf"|\b(?:target|goal|bid|attempt|quest|challenge|push){SP}{{1,2}}to{SP}{{1,2}}[A-Za-z-]{{1,20}}{SP}{{1,2}}(?:the{SP}{{1,2}})?"
    # "didn't reach the requested 18 million".
    rf"|\b(?:requested|desired|hoped-for){SP}{{1,2}}"
    # "is aiming for 5 million subscribers", "eyeing 1 million followers".
    rf"|\b(?:aims?|aimed|aiming|gunning|hoping|hopes?|hoped|angling){SP}{{1,2}}for{SP}{{1,2}}(?:the{SP}{{1,2}})?"
    rf"|\b(?:targeting|targeted|targets|eyeing|eyes|eyed){SP}{{1,2}}(?:the{SP}{{1,2}})?"
    rf"|\b(?:requires?|required|requiring|needs?|needed){SP}{{1,2}}(?:(?:at{SP}{{1,2}}least|a{SP}{{1,2}}minimum{SP}{{1,2}}of){SP}{{1,2}})?"
    rf"|\b(?:minimum|threshold){SP}{{1,2}}of{SP}{{1,2}}"
    # "racing towards getting 10 crore subscribers", "heading toward 1 billion views".
    rf"|\b(?:racing|heading|headed|inching|edging|moving|marching){SP}{{1,2}}towards?{SP}{{1,2}}"
    rf"(?:(?:getting|reaching|hitting|crossing|the){SP}{{1,2}})?)$",
    _F,
)


def _forecast_before(text: str, floor: int, start: int) -> bool:
    """Whether the figure at `start` is the object of a goal or forecast in its sentence."""
    before = text[max(floor, start - 48) : start]
    # Most figures follow no such word: substring tests (one per word that every match holds, in
    # either case where it may open a sentence) spare the pattern.
    if not (
        "to " in before
        or "will" in before
        or " of " in before
        or "could" in before
        or "might" in before
        or "may" in before
        or "would" in before
        or "if " in before
        or "If " in before
        or "goal" in before
        or "target" in before
        or "aim" in before
        or "requir" in before
        or "need" in before
        or " for " in before
        or "eye" in before
        or "Will" in before
        or "Could" in before
        or "Might" in before
        or "May" in before
        or "Would" in before
        or "can" in before
        or "Can" in before
        or "should" in before
        or "must" in before
        or "toward" in before
        or "requested" in before
        or "desired" in before
        or "hoped-for" in before
        or "bid " in before
        or "attempt" in before
        or "quest" in before
        or "challenge" in before
        or "push " in before
    ):
        return False
    return _FORECAST.search(before) is not None


# A programme's threshold, said of no one in particular: "creators get the plaque once they pass 10
# million subscribers", "channels that reach 1,000 subscribers can earn". The figure's own verb is
# in the present (the claim opens with it, or it is the word just before); "once the clip passed 1
# million views" reports something that happened.
_PRESENT_VERBS = (
    "pass", "passes", "reach", "reaches", "cross", "crosses", "top", "tops", "surpass", "surpasses", "exceed",
    "exceeds", "get", "gets", "achieve", "achieves", "earn", "earns", "amass", "amasses", "attract", "attracts",
)  # fmt: skip
_THRESHOLD_SUBJECT = rf"(?:they|you|it|he|she|one|creators?|channels?|accounts?|users?|videos?|artists?|a{SP}{{1,2}}[a-z]{{1,20}})"
_THRESHOLD_BEFORE = re.compile(
    rf"\b(?:{'|'.join(v.THRESHOLD_WORDS['en'])}){SP}{{1,2}}(?:{_THRESHOLD_SUBJECT}{SP}{{1,2}})?"
    rf"(?P<verb>(?:{'|'.join(_PRESENT_VERBS)}){SP}{{1,2}}(?:the{SP}{{1,2}})?)?$",
    _F,
)
_PRESENT_OPENING = re.compile(rf"(?:{'|'.join(_PRESENT_VERBS)})\b", _F)


def _threshold_before(text: str, floor: int, start: int) -> bool:
    """Whether the figure at `start` is a threshold after "once/until/... (they) pass": see above."""
    m = _THRESHOLD_BEFORE.search(text[max(floor, start - 40) : start])
    return m is not None and (m.group("verb") is not None or _PRESENT_OPENING.match(text, start) is not None)


# A difference between two figures, not a count: "a billion views more than its rival", "beat the
# record by 2 million views", "4 million more subscribers than".
# "... with 3,000 Viewers difference": a margin.
_DIFFERENCE_AFTER = re.compile(rf"{SP}{{1,2}}(?:(?:more|fewer|less){SP}{{1,2}}than|difference)\b", _F)
_DIFFERENCE_BEFORE = re.compile(
    rf"\b(?:beat|beats|beating|beaten|broke|breaks|breaking|broken|outpaced|outstripped|outdid|outdoing|led|leads|"
    rf"leading|trails?|trailed|trailing|ahead|behind|margin|surpassed|surpassing|exceeded|exceeding|topped|"
    rf"record|increase|increased|decrease|decreased)\b[^.;!?]{{0,60}}\bby{SP}{{1,2}}$",
    _F,
)
# Said of a group, not of one account or video: "channels with more than 100,000 subscribers",
# "accounts that have at least 1 million followers".
_GROUP_VERB_WORDS = v.GROUP_VERBS["en"]
_GROUP_VERBS = "|".join(_GROUP_VERB_WORDS)
_GROUP_NOUNS = f"(?:{'|'.join(v.GROUP_NOUNS['en'])})"
_GROUP_WITH_BEFORE = re.compile(
    # "350 Filipino channels now have over 1 million subscribers": a counted group that has it.
    # (Not videos: "Only 45 of the 300 videos had more than 1,000 views" is read as a claim.)
    # A group of ten or more: "Her 2 YouTube channels have over 10 million subscribers" is a claim.
    rf"\b(?:[1-9][0-9]{{1,}}|[0-9]{{1,3}}(?:,[0-9]{{3}})+)(?:{SP}{{1,2}}[A-Za-z-]{{1,20}}){{0,2}}{SP}{{1,2}}"
    rf"(?!videos|clips){_GROUP_NOUNS}{SP}{{1,2}}"
    rf"(?:(?:now|currently|already|still){SP}{{1,2}})?(?:have|had|has){SP}{{1,2}}$"
    rf"|\b{_GROUP_NOUNS}{SP}{{1,2}}(?:(?:now|currently|already|still){SP}{{1,2}})?"
    rf"(?:with|having|(?:that|who|which)"
    # "a recognition given to creators who reach one million subscribers": a threshold.
    rf"(?:{SP}{{1,2}}(?:{_GROUP_VERBS}))?)"
    rf"(?:{SP}{{1,2}}as{SP}{{1,2}}(?:few|many|little){SP}{{1,2}}as)?{SP}{{1,2}}$",
    _F,
)
# A wish, not a figure: "Her dream was to get 100,000 downloads", "My ambition is to reach 20,000".
_WISH_BEFORE = re.compile(
    rf"\b(?:dream|ambition|aspiration|goal|hope|wish|aim|target|mission|plan|resolution)s?{SP}{{1,2}}(?:is|was|are|were)"
    rf"{SP}{{1,2}}to{SP}{{1,2}}(?:[A-Za-z-]{{1,20}}{SP}{{1,2}}){{0,2}}$",
    _F,
)
# The people a poll asked, not an audience: "a snap YouGov poll of 1,657 viewers".
_SAMPLE_BEFORE = re.compile(
    rf"\b(?:poll|survey|panel|questionnaire)s?{SP}{{1,2}}of{SP}{{1,2}}"
    rf"(?:(?:some|about|around|nearly|almost|more{SP}{{1,2}}than|over){SP}{{1,2}})?$",
    _F,
)
# Said of no particular video: "clips on the app routinely draw millions of views a day".
_HABITUAL_BEFORE = re.compile(
    rf"\b(?:{'|'.join(v.HABITUAL_WORDS['en'])}){SP}{{1,2}}(?:[a-z]{{1,20}}{SP}{{1,2}}){{0,2}}$",
    _F,
)


def _not_a_count(text: str, floor: int, span: tuple[int, int]) -> bool:
    """A threshold, a difference, a habit, a group, a wish or a poll's sample rather than a figure
    that held (see the patterns). Cheap tests on the words just before the figure (what each pattern must end with,
    or one regex for the words it must hold) spare the searches for nearly every figure."""
    start = span[0]
    if _DIFFERENCE_AFTER.match(text, span[1]) is not None:
        return True
    before = text[max(floor, start - 80) : start]
    tail = before.rstrip().lower()
    return (
        (tail.endswith("by") and _DIFFERENCE_BEFORE.search(before) is not None)
        or (" of" in before[-30:] and _SAMPLE_BEFORE.search(before[-40:]) is not None)
        or (
            tail.endswith(("with", "having", " as", "who", "that", "which", *_GROUP_VERB_WORDS))
            and _GROUP_WITH_BEFORE.search(before[-40:]) is not None
        )
        or (" to " in before[-60:] and _WISH_BEFORE.search(before[-60:]) is not None)
        or (
            _HINTS.search(before, max(0, len(before) - 48)) is not None
            and _hinted(text, floor, start, before)
        )
    )


# Every _HABITUAL_BEFORE and _THRESHOLD_BEFORE match holds one of these words.
_HINTS = re.compile(
    rf"\b(?:{'|'.join((*v.HABITUAL_WORDS['en'], *v.THRESHOLD_WORDS['en']))})\b", re.IGNORECASE
)


def _hinted(text: str, floor: int, start: int, before: str) -> bool:
    return _HABITUAL_BEFORE.search(before[-48:]) is not None or _threshold_before(text, floor, start)


# Said not to be so: "has not reached 1 million views", "has not been viewed 5 million times", "never
# had more than 500 followers", "did not get 2 million views". The negation is at most a few
# auxiliary or verb words before the figure (or its verb, which opens the claim).
_NEGATED = re.compile(
    rf"(?:\bnot|n't|\bnever|\bno{SP}{{1,2}}longer|\byet{SP}{{1,2}}to)"
    rf"(?:{SP}{{1,2}}(?:been|yet|even|quite|ever|reached|hit|got|get|gotten|had|have|has|drawn|drew|draw|attracted"
    rf"|received|racked{SP}{{1,2}}up|garnered|passed|topped|crossed|surpassed|exceeded|amassed|gained|won|earned)){{0,3}}"
    rf"{SP}{{0,2}}$",
    _F,
)


def _negated_before(text: str, floor: int, start: int) -> bool:
    """Whether the words just before the figure at `start` say it was not so."""
    before = text[max(floor, start - 48) : start]
    if (
        "not" not in before
        and "n't" not in before
        and "never" not in before
        and "longer" not in before
        and "yet" not in before
    ):
        return False
    return _NEGATED.search(before) is not None


# A question about a figure that may not exist: "Could a video with 10 million views ...?", "What
# if the clip gets 1 million views?"
_HYPOTHETICAL = re.compile(
    r"[\"'\u201c]?(?:Could|Would|Can|Should|Might|Imagine|Suppose|What[ \t\u00a0]{1,2}(?:if|does|would|happens))\b"
)
# A figure the sentence reports as someone's claim and calls false: "Posts claiming the video had 10
# million views are false", "The claim that ... was viewed 1 billion times is false".
_CLAIMED = re.compile(
    r"\b(?:claim(?:s|ed|ing)?|reports?|reported|rumou?rs?|posts?|suggest(?:s|ed|ing)?)\b", _F
)
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
# How far around a figure the finance / non-social checks look: near enough to be about it, and
# bounded so a text without full stops (one huge "sentence") stays linear.
_CONTEXT_REACH = 300


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
    return (
        _DENIED.search(text, span[1], after) is not None
        and _CLAIMED.search(text, before, span[0]) is not None
    )


def _literal(phrase: str, space: str = " ") -> str:
    return re.escape(phrase).replace(r"\ ", space)


# Each pattern below is only searched (is there a match near the figure?), never read for its
# span, so its alternations may come in any order. Each has a set of words (`_F_*`) of which every
# match holds one as a whole run of letters, asked of the Scanner's chunks before the search.
_FINANCE_WORDS = v.FINANCE_WORDS["en"]
_FIRMS = v.FIRMS["en"]
_FINANCE = re.compile(
    rf"\b(?:{'|'.join(map(_literal, _FINANCE_WORDS))}"
    rf"|shares in (?:the |a |an |its |his |her )?(?:{'|'.join(map(_literal, _FIRMS))}))\b",
    _F,
)
# A phrase of "shares" is named by its other word ("new shares", "share price"); "shares in the
# company" by its noun's first run of letters ("start" of "start-up").
_F_FINANCE = frozenset(
    [
        *(next(w for w in p.lower().split() if w not in ("share", "shares")) for p in _FINANCE_WORDS),
        *(re.findall("[a-z]+", firm.lower())[0] for firm in _FIRMS),
    ]
)
_F_NOT_AUDIENCE = frozenset(v.NOT_AUDIENCE["en"])
# And any "religio..." word, looked for as a substring (see _NOT_THIS_METRIC).
_NOT_AUDIENCE = re.compile(rf"\b(?:{'|'.join(_F_NOT_AUDIENCE)}|religio\w*)\b", _F)
_SERVICE_WORDS = v.SERVICE_WORDS["en"]
_ANY_SPACE = r"\s+"
_SERVICE = re.compile(rf"\b(?:{'|'.join(_literal(w, _ANY_SPACE) for w in _SERVICE_WORDS)})\b", _F)
_F_SERVICE = first_words(_SERVICE_WORDS)
_BROADCAST = re.compile(
    rf"\bon[ \t\u00a0](?:the[ \t\u00a0])?(?:{'|'.join(v.BROADCASTERS)}|Channel[ \t\u00a0][0-9])\b"
    r"|\btuned[ \t\u00a0]in\b|\b(?:TV|television)[ \t\u00a0](?:audience|ratings|viewers)\b",
    re.ASCII,
)
# Not "on", which nearly every sentence has: the broadcaster, "channel" or "tuned".
_F_BROADCAST = frozenset([*(b.lower() for b in v.BROADCASTERS), "channel", "tuned"])
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


# An online account or platform in German text: "auf Instagram", "Account", "Kanal", "Follower".
_ONLINE_DE = re.compile(
    r"(?<![\w])(?:online|Account|Accounts|Kanal|Profil|Seite|Follower\w*|Abonnenten|Instagram|TikTok|YouTube"
    r"|Facebook|Twitter|X|Twitch|Snapchat|soziale\w*|Netzwerk\w*|Social)(?![\w])",
    re.IGNORECASE,
)


def _online_context(text: str, sent: tuple[int, int], language: str) -> bool:
    """Whether a sentence is about an online account (ONLINE_COUNT_NOUNS count only there)."""
    pattern = _ONLINE_DE if language == "de" else _ONLINE_FOLLOW
    return pattern.search(text, *sent) is not None


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


# Said of a live or broadcast audience whatever the platform: then "watched by N people" counts viewers.
# (Every language's words: a German text's "gleichzeitig" makes its viewers a live audience too.)
_LIVE_WORDS = [w for words in v.LIVE_AUDIENCE_WORDS.values() for w in words]
_LIVE_AUDIENCE = re.compile(rf"\b(?:{_alt(_LIVE_WORDS)})\b", re.IGNORECASE)
# Each phrase's first run of letters, as the Scanner indexes words ("live-stream" under "live").
_F_LIVE_AUDIENCE = frozenset(re.split(r"[ -]", w)[0] for w in _LIVE_WORDS)


def _live_audience(scan: Scanner, sent: tuple[int, int], pos: int) -> bool:
    """Whether the words near a figure say it is a live or broadcast audience (see _LIVE_AUDIENCE)."""
    start, end = max(sent[0], pos - _CONTEXT_REACH), min(sent[1], pos + _CONTEXT_REACH)
    return (
        scan.holds_any(_F_LIVE_AUDIENCE, start, end)
        and _LIVE_AUDIENCE.search(scan.text, start, end) is not None
    )


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


# The last word of each programme word or phrase, to ask the Scanner first; then the phrase itself.
_F_PROGRAMME = frozenset(w.split()[-1] for w in v.PROGRAMME_WORDS["en"])
_PROGRAMME = re.compile(
    rf"\b(?:{'|'.join(w.replace(' ', SP + '{1,2}') for w in v.PROGRAMME_WORDS['en'])})\b", _F
)


def _programme_rule(scan: Scanner, sent: tuple[int, int]) -> bool:
    """Whether a sentence states a programme's rules (PROGRAMME_WORDS): its figures are thresholds,
    not reported counts. A dislike button is no Play Button."""
    return scan.holds_any(_F_PROGRAMME, *sent) and _PROGRAMME.search(scan.text, *sent) is not None
