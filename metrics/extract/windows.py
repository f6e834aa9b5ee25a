"""When a reported figure was true: a claim's time window turned into an as_of instant or range.

An article's figures were true at the latest when it was published (or updated): that is the
default as_of. A window counted from a release ("in their first day", "within 24 hours", "in its
first week") ends a fixed time after the release. The release usually comes as a day ("posted
Thursday"), so the end is a range, [release day start + window, release day end + window], and
never later than the document's own time. "so far" and "since its release" run up to the
document's time. A window whose release the text does not date keeps the document's time and the
rule says so: we bound what we can and never guess.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from dateutil.relativedelta import relativedelta

from metrics.extract.numbers import SP
from metrics.model import Claim

_F = re.IGNORECASE | re.ASCII

_COUNT_WORD = (
    r"[0-9]{1,3}|a single|an?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|"
    r"twenty-four|forty-eight|seventy-two"
)
# The window after a figure, as the claim rules (metrics/extract/claims/) read it; `wcore`/`wcore2` become time_window.
WINDOW = (
    # "just" and "only" stay in the window ("in just 48 hours" -> "just 48 hours"), as the real
    # labelled set writes it; window_length reads past them.
    # "in just its first 24 hours" (the "just" before a determiner is not kept), "in it's first 48
    # hours" (as some copy spells it).
    rf"(?:in|within|during|over|on){SP}{{1,2}}(?:(?:just|only){SP}{{1,2}}(?=(?:their|its|the|his|her)\b))?"
    rf"(?:(?:their|its|the|his|her|it['\u2019]s){SP}{{1,2}}){{0,2}}(?:span{SP}{{1,2}}of{SP}{{1,2}})?"
    # ("the past week", "the last 48 hours" are periods before publication: periods.py reads them.)
    rf"(?P<wcore>(?:(?:just|only){SP}{{1,2}})?(?:first{SP}{{1,2}})?"
    # "in just over 20 hours", "in just under 24 hours".
    rf"(?:(?:less{SP}than|fewer{SP}than|under|more{SP}than|(?<=just{SP})(?:over|under)){SP}{{1,2}})?"
    # "in 22 hrs", "in half a day".
    rf"(?:(?:{_COUNT_WORD}|a{SP}few|several|half{SP}{{1,2}}a(?={SP}{{1,2}}day\b)|half{SP}{{1,2}}an(?={SP}{{1,2}}hour\b)){SP}{{1,2}})?"
    rf"(?:hours?|hrs?|days?|weeks?|months?|minutes?|mins?|years?|fortnight)\b"
    # "in its first week of release" keeps its last words, as the real labels write it.
    rf"(?:{SP}{{1,2}}of{SP}{{1,2}}release\b)?"
    rf"(?!{SP}{{1,2}}(?:one|two|three|four|five|[0-9]+)\b)"
    # "in the first week of March" is a week of the calendar (periods.py), not of the video's life.
    rf"(?!{SP}{{1,2}}of{SP}{{1,2}}(?:January|February|March|April|May|June|July|August|September|October"
    rf"|November|December|(?:19|20)[0-9]{{2}}|the{SP}{{1,2}}(?:year|month)|this(?!{SP}{{1,2}}year['\u2019]s)|last)\b))"
    # "on day one": the first day.
    rf"|(?:on{SP}{{1,2}}(?=day{SP}{{1,2}}one\b))?(?:on{SP}{{1,2}}(?=opening{SP}{{1,2}}day\b))?"
    rf"(?P<wcore2>day{SP}{{1,2}}one|opening{SP}{{1,2}}day|overnight|so{SP}far|since{SP}(?:its|their){SP}(?:release|launch|debut|posting)"
    rf"|since{SP}(?:it|they){SP}(?:was|were){SP}(?:first{SP})?(?:posted|released|uploaded|published))\b"
)

# A window elsewhere in the sentence than right after the figure ("In its first week, the trailer
# drew 48 million views"): only release-counted forms ("first ...", "within ..."), so "in two
# days' time" or "over the years" in an unrelated clause is not taken.
SENTENCE_WINDOW = re.compile(
    rf"\b(?:(?:in|during|over){SP}{{1,2}}(?:(?:their|its|the){SP}{{1,2}})(?P<a>first{SP}{{1,2}}"
    rf"(?:(?:{_COUNT_WORD}){SP}{{1,2}})?(?:hours?|days?|weeks?|months?))"
    rf"|within{SP}{{1,2}}(?P<b>(?:(?:{_COUNT_WORD}){SP}{{1,2}})(?:hours?|days?|weeks?)){SP}{{1,2}}"
    rf"of{SP}{{1,2}}(?:(?:its|their|the|being){SP}{{1,2}})?(?:release|launch|debut|posting|upload|going{SP}live|posted|uploaded|being{SP}posted))\b"
    # "In just 24 hours, the video was watched ...": a count of hours or days, then a comma; kept as
    # written after the preposition ("just 24 hours"), as the labelling guide has it.
    # "Within two days it had been viewed 150,000 times", "In less than 24 hours, there were ...":
    # a sentence that opens with its window (the caller keeps only those).
    rf"|\b(?:in|within){SP}{{1,2}}(?P<d>(?:(?:just|only){SP}{{1,2}})?(?:(?:less{SP}than|fewer{SP}than|under){SP}{{1,2}})?"
    rf"(?:{_COUNT_WORD}){SP}{{1,2}}(?:hours?|days?|weeks?|minutes?))\b(?=,|{SP}{{1,2}}(?:it|the|this|that|they|there|he|she|its|their)\b)",
    _F,
)
# "So far the video has picked up ...": cumulative to publication.
SENTENCE_CUMULATIVE = re.compile(rf"\b(?P<c>so{SP}far|to{SP}date)\b", _F)

_LENGTH = re.compile(
    rf"(?:first )?(?P<cmp>less than |under |more than |over )?(?:(?P<n>{_COUNT_WORD}) )?"
    r"(?P<unit>minute|hour|day|week|month)s?",
    _F,
)
# Units as reporters shorten them, and halves, in the words _LENGTH reads.
_UNABBREVIATED = {"hr": "hour", "hrs": "hours", "min": "minute", "mins": "minutes", "half a day": "12 hours",
                  "half an hour": "30 minutes"}  # fmt: skip
_ABBREVIATED = re.compile(rf"\b(?:{'|'.join(sorted(_UNABBREVIATED, key=len, reverse=True))})\b")
_WORDS = {
    "a": 1, "an": 1, "a single": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "twelve": 12, "twenty-four": 24, "forty-eight": 48,
    "seventy-two": 72,
}  # fmt: skip


# German windows, written as the claim rules keep them (lower-case, after the preposition and a
# definite article): "innerhalb der ersten 24 Stunden" -> "ersten 24 stunden", "an nur einem Tag"
# -> "nur einem tag", "innerhalb eines Tages" -> "eines tages". A count or "ersten"/"letzten" is
# required, so "in den Tagen danach" is no window.
_DE_UNITS = {
    "stunde": "hour", "stunden": "hour", "tag": "day", "tage": "day", "tagen": "day", "tages": "day",
    "woche": "week", "wochen": "week", "monat": "month", "monate": "month", "monaten": "month",
    "monats": "month", "minute": "minute", "minuten": "minute",
}  # fmt: skip
_DE_COUNTS = {
    "ein": 1, "eine": 1, "einem": 1, "einer": 1, "eines": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5,
    "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12,
    "vierundzwanzig": 24, "achtundvierzig": 48,
}  # fmt: skip


def _longest_first(words: Iterable[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


GERMAN_WINDOW = re.compile(
    rf"(?<![\w])(?:innerhalb(?:{SP}{{1,2}}von)?|binnen|in|im|an|am|nach){SP}{{1,2}}(?:(?:der|den|dem|des|die){SP}{{1,2}})?"
    rf"(?P<w>(?:(?:nur|gerade{SP}{{1,2}}mal|knapp|weniger{SP}{{1,2}}als){SP}{{1,2}})?"
    rf"(?:(?P<first>ersten|letzten|vergangenen){SP}{{1,2}})?"
    rf"(?:(?P<n>[0-9]{{1,3}}|{_longest_first(_DE_COUNTS)}){SP}{{1,2}})?(?:einzigen{SP}{{1,2}})?"
    rf"(?P<unit>{_longest_first(_DE_UNITS)}))(?![\w])(?(first)|(?(n)|(?!)))",
    re.IGNORECASE,
)


def _german_length(window: str) -> str | None:
    """The English reading of a German window, for its length: "ersten 24 stunden" -> "first 24
    hours", "nur einem tag" -> "1 day", "weniger als sechs stunden" -> "less than 6 hours"."""
    m = GERMAN_WINDOW.fullmatch("in " + window)
    if m is None:
        return None
    raw = (m.group("n") or "").lower()
    n = int(raw) if raw.isdigit() else _DE_COUNTS.get(raw, 1)
    first = "first " if (m.group("first") or "").lower() == "ersten" else ""
    if (m.group("first") or "").lower() in ("letzten", "vergangenen"):
        return None  # the last N days before publication: not counted from a release
    less = "less than " if "weniger" in window else ""
    return f"{first}{less}{n} {_DE_UNITS[m.group('unit').lower()]}"


def is_cumulative(window: str) -> bool:
    """Windows that run up to publication: "so far", "to date" and every "since ..." form WINDOW
    reads ("since its release", "since it was first posted")."""
    return window in ("so far", "to date") or window.startswith("since ")


AT_DOCUMENT_TIME = "the document's publish/update time"
# The engagement metrics whose figures hold at a moment (not lengths, counts of videos or dates).
ENGAGEMENT = (
    "views", "likes", "shares", "comments", "followers", "subscribers", "dislikes", "reposts", "posts", "viewers",
    "streams", "downloads",
)  # fmt: skip


@functools.lru_cache(maxsize=512)  # a handful of window phrasings recur across a corpus
def window_length(window: str) -> tuple[relativedelta, str | None] | None:
    """(length, comparison) of a release-counted window; comparison is "less" / "more" / None.

    "first day" -> 1 day; "24 hours" -> 24 hours; "less than a week" -> (1 week, "less");
    None for windows that are not a length ("overnight", "so far").
    """
    window = " ".join(window.lower().split()).removeprefix("just ").removeprefix("only ")
    window = _ABBREVIATED.sub(lambda m: _UNABBREVIATED[m.group(0)], window).removesuffix(" of release")
    m = _LENGTH.fullmatch("first day" if window in ("day one", "opening day") else window)
    if m is None:
        english = _german_length(window)
        m = _LENGTH.fullmatch(english) if english is not None else None
    if m is None:
        return None
    raw = m.group("n")
    n = 1 if raw is None else int(raw) if raw.isdigit() else _WORDS[raw]
    if n == 0:
        return None
    unit = m.group("unit").lower()
    length = relativedelta(**{unit + "s": n})
    cmp = (m.group("cmp") or "").strip()
    return length, (
        "less" if cmp in ("less than", "under") else "more" if cmp in ("more than", "over") else None
    )


# Every SENTENCE_WINDOW match holds a word of each of these groups, every SENTENCE_CUMULATIVE match
# one of the last (for anchors.Scanner.finditer).
SENTENCE_WINDOW_WORDS = (
    ("first", "within", "in"),
    ("hour", "hours", "day", "days", "week", "weeks", "month", "months", "minute", "minutes"),
)
SENTENCE_CUMULATIVE_WORDS = ("far", "date")


def sentence_window(m: re.Match[str]) -> str:
    """The normalised window of a SENTENCE_WINDOW or SENTENCE_CUMULATIVE match: "first week",
    "24 hours", "so far"."""
    found = m.groupdict()
    return " ".join(
        (found.get("a") or found.get("b") or found.get("c") or found.get("d") or "").lower().split()
    )


def _instant(ts: float) -> datetime:
    return datetime.fromtimestamp(ts, UTC)


@dataclass
class Releases:
    """The video_published claims of a text, in text order, that windows count from."""

    positions: list[int] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)

    def add(self, claim: Claim) -> None:
        assert claim.span is not None
        i = bisect.bisect_right(self.positions, claim.span[0])
        self.positions.insert(i, claim.span[0])
        self.claims.insert(i, claim)

    def for_figure(self, span: tuple[int, int], sentence: tuple[int, int]) -> Claim | None:
        """The release in the figure's sentence (the last before the figure's end, else the first
        after it), else the nearest before the sentence within _RELEASE_REACH."""
        positions = self.positions
        i = bisect.bisect_right(positions, span[1])
        if i > 0 and positions[i - 1] >= sentence[0]:
            return self.claims[i - 1]
        # After the figure only as part of its own window ("within 24 hours of being posted on
        # Monday"), not a release a later clause names for another figure.
        if i < len(positions) and positions[i] < sentence[1] and positions[i] - span[1] <= _WINDOW_REACH:
            return self.claims[i]
        j = bisect.bisect_left(positions, span[0]) - 1
        if j >= 0 and span[0] - positions[j] <= _RELEASE_REACH:
            return self.claims[j]
        return None


# How far back a release may be stated and still be the one a window counts from: a paragraph.
_RELEASE_REACH = 600
# How far after a figure's end its own window phrase may name the release ("... within 24 hours
# of being posted on Monday").
_WINDOW_REACH = 25


def resolve_window(
    window: str,
    release: Claim | None,
    doc_time: datetime | None,
) -> tuple[datetime | None, datetime | None, str | None]:
    """(as_of, as_of_start, rule) of a figure with this window. `release` is the video_published
    claim its window counts from, if the text dates one (Releases.for_figure)."""
    at_doc = AT_DOCUMENT_TIME
    if is_cumulative(window):
        return (
            doc_time,
            None,
            (f"{at_doc}: '{window}' runs up to publication" if doc_time is not None else None),
        )
    length = window_length(window)
    if length is None or release is None:
        why = (
            "is not counted from a release"
            if length is None
            else "counts from a release the text does not date"
        )
        return doc_time, None, (f"{at_doc}: '{window}' {why}" if doc_time is not None else None)
    delta, cmp = length
    assert release.low is not None and release.high is not None
    day_start, day_end = _instant(release.low), _instant(release.high)
    earliest = day_start if cmp == "less" else day_start + delta
    latest: datetime | None = None if cmp == "more" else day_end + delta
    capped = ""
    if doc_time is not None and (latest is None or latest > doc_time):
        latest, capped = doc_time, ", no later than publication"
    if latest is None:
        # "more than a week" after an undated end: only the earliest moment is known.
        return None, earliest, f"'{window}' after the release ({release.quote})"
    earliest = min(earliest, latest)
    rule = f"'{window}' counted from the release ({release.quote}){capped}"
    return latest, (earliest if earliest < latest else None), rule
