"""Document metadata read from the text itself: title, byline, dateline, outlet, syndication, topics.

Line-oriented heuristics for article text as pages and feeds give it: a breadcrumb line, a headline,
an agency line ("AP Washington"), a "Topics :" line. Every pattern is anchored to a line and has
bounded quantifiers, so a megabyte line costs linear time. Metadata from elsewhere (HTML meta tags,
a manifest) is better when present; extract_document lets it win.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from metrics.extract.anchors import ascii_lower
from metrics.extract.dates import MONTH_NAMES, WEEKDAY_NAMES

_S = r"[ \t\u00a0]"
_M = re.MULTILINE | re.ASCII

# Wire agencies as written -> the short name used for syndicated_from.
AGENCIES: dict[str, str] = {
    "AP": "AP",
    "Associated Press": "AP",
    "The Associated Press": "AP",
    "Reuters": "Reuters",
    "AFP": "AFP",
    "Agence France-Presse": "AFP",
    "Bloomberg": "Bloomberg",
    "PTI": "PTI",
    "Press Trust of India": "PTI",
    "IANS": "IANS",
    "ANI": "ANI",
}
_AGENCY_ALT = "|".join(sorted((re.escape(a) for a in AGENCIES), key=len, reverse=True))
_NOT_PLACES = {"Photo", "Photos", "File", "Images", "Image", "Video", "Staff", "News", "Graphic", "Wire"}
_NOT_NAMES = {
    "The",
    "This",
    "That",
    "These",
    "Then",
    "Now",
    *WEEKDAY_NAMES,
    *MONTH_NAMES,
    "Next",
    "Last",
    "Early",
    "Late",
}

_AGENCY_LINE = re.compile(
    rf"^{_S}{{0,8}}(?P<agency>{_AGENCY_ALT})"
    rf"(?:(?:{_S}{{0,3}}[|,/:\u00b7-]{_S}{{0,3}}|{_S}{{1,3}})(?P<place>[A-Z][a-z]{{1,20}}(?:{_S}[A-Z][a-z]{{1,20}}){{0,2}}))?"
    rf"{_S}{{0,8}}\r?$",
    _M,
)
_AP_DATELINE = re.compile(
    rf"^{_S}{{0,8}}(?P<place>[A-Z][A-Z.'-]{{1,20}}(?:{_S}[A-Z][A-Z.'-]{{1,20}}){{0,2}})"
    rf"(?:,{_S}[A-Za-z.]{{2,15}}(?:{_S}[A-Za-z.]{{2,15}})?)?{_S}{{1,2}}\((?P<agency>{_AGENCY_ALT})\){_S}{{0,2}}[\u2014\u2013-]",
    _M,
)
_NAME = (
    rf"[A-Z][A-Za-z.'\u2019-]{{0,30}}(?:{_S}{{1,2}}(?:[A-Z][A-Za-z.'\u2019-]{{0,30}}|de|van|von|der|da|bin|al))"
    r"{0,4}"
)
_BY_LINE = re.compile(
    rf"^{_S}{{0,8}}By{_S}{{1,3}}(?P<names>{_NAME}(?:(?:,{_S}{{1,2}}|{_S}{{1,3}}and{_S}{{1,3}}|{_S}{{0,2}}&{_S}{{1,2}}){_NAME}){{0,3}})"
    rf"(?:{_S}{{0,2}}[,|\u2013\u2014-]{_S}{{0,2}}(?P<rest>[^\n]{{0,60}}))?{_S}{{0,8}}\r?$",
    _M,
)
_NAME_SPLIT = re.compile(rf",{_S}{{1,2}}|{_S}{{1,3}}and{_S}{{1,3}}|{_S}{{0,2}}&{_S}{{1,2}}", re.ASCII)
_CAP_RUN = rf"[A-Z][\w&'.-]{{0,30}}(?:{_S}[A-Z][\w&'.-]{{0,30}}){{0,5}}"
_OUTLET = re.compile(rf"(?i:reworked{_S}by{_S}(?:the{_S})?)(?P<o>{_CAP_RUN}){_S}(?i:staff)\b", re.ASCII)
_ORIGINALLY = re.compile(
    rf"(?i:originally{_S}(?:published|appeared){_S}(?:in|on|by){_S}(?:the{_S})?)(?P<o>{_CAP_RUN})", re.ASCII
)
_SYNDICATED_NOTE = re.compile(
    r"syndicated\s{1,3}feed|wire\s{1,3}service\s{1,3}feed", re.IGNORECASE | re.ASCII
)
_AGENCY_TAG = re.compile(rf"\((?P<agency>{_AGENCY_ALT})\)", re.ASCII)
_TOPICS = re.compile(
    rf"^{_S}{{0,8}}(?i:topics|tags|keywords|related{_S}topics){_S}{{0,3}}:{_S}{{0,3}}(?P<v>[^\n]{{1,500}})",
    _M,
)
_TOPIC_SEPARATORS = re.compile(r"[,;|\u00b7]")
_BREADCRUMB_SEP = re.compile(rf"{_S}(?:/|>|\u00bb|\u203a){_S}")
# Lines that are page furniture, not a headline: labels, "Listen to This Article", "3 min read".
_LABEL_LINE = re.compile(
    rf"^(?i:by|topics|tags|photo|published|first{_S}published|updated|last{_S}updated|posted|listen|share|read)\b"
    rf"|\b(?i:min(?:ute)?s?{_S}read)\b",
    re.ASCII,
)


@dataclass(frozen=True)
class TextMeta:
    title: str | None = None
    byline: str | None = None
    dateline: str | None = None
    outlet: str | None = None
    syndicated_from: str | None = None
    topics: tuple[str, ...] = ()


_CRUMB_CHARS = ("/", ">", "\u00bb", "\u203a")


def _is_breadcrumb(line: str) -> bool:
    if not any(c in line for c in _CRUMB_CHARS):
        return False  # neither a separator nor "home /"
    return len(_BREADCRUMB_SEP.findall(line[:400])) >= 2 or line.lower().startswith("home /")


def _looks_like_headline(line: str) -> bool:
    words = line.split()
    return (
        2 <= len(words) <= 30
        and len(line) <= 250
        and line[-1] not in ".:;,"
        and line[0].isupper()
        and _LABEL_LINE.search(line) is None
        and _AGENCY_LINE.fullmatch(line) is None
    )


def find_title(text: str) -> str | None:
    """The headline: the line matching a breadcrumb's last segment, else the first headline-like line.

    "Headline-like" is 2-30 words, at most 250 characters, starting with a capital, not ending in
    sentence punctuation, and not a label line (byline, "Published:", "3 min read"). Only the first
    15 non-empty lines are looked at, since a headline that late is more likely a related link.
    """
    # The first 15 non-blank lines, cut to 2,000 characters; each is normalised (whitespace runs to
    # one space) only when needed, as most are long paragraphs that cannot be a headline.
    raws: list[str] = []
    pos, n = 0, len(text)
    while pos < n and len(raws) < 15:
        # str.find, not a "[^\n]+" pattern: the engine tests that class one character at a time.
        nl = text.find("\n", pos)
        end = n if nl < 0 else nl
        raw = text[pos : min(end, pos + 2000)]
        if raw and not raw.isspace():
            raws.append(raw)
        pos = end + 1
    normalised: dict[int, str] = {}

    def line(i: int) -> str:
        if i not in normalised:
            normalised[i] = " ".join(raws[i].split())
        return normalised[i]

    # A breadcrumb needs a separator or "home /"; whitespace aside, a raw line has the same
    # characters, and most headers have none of them in all these lines.
    crumbs = any(text.find(c, 0, pos) >= 0 for c in _CRUMB_CHARS)
    crumb_tail = None
    for i, raw in enumerate(raws) if crumbs else ():
        if any(c in raw for c in _CRUMB_CHARS) and _is_breadcrumb(line(i)):
            crumb_tail = _BREADCRUMB_SEP.split(line(i))[-1].strip()
            break
    if crumb_tail:
        for i in range(len(raws)):
            if line(i) == crumb_tail:
                return line(i)
    for i in range(len(raws)):
        if not (crumbs and _is_breadcrumb(line(i))) and _looks_like_headline(line(i)):
            return line(i)
    return None


def split_topics(value: str) -> tuple[str, ...]:
    """Split a topics line into tags. A heuristic, because pages often drop the separators.

    With separators (, ; | ·) it splits on them. Without ("China US China intelligence agencies") it
    splits into runs of Capitalised words and runs of lowercase words; a lowercase run is one tag,
    and a capitalised run is cut right to left, greedily, so that no tag repeats a word
    ("China US China" -> "China", "US China"). It cannot tell "Donald Trump Elon Musk" is two tags;
    metadata from the page (hints) should be preferred when there is any.
    """
    value = value.strip()
    if _TOPIC_SEPARATORS.search(value):
        parts = [" ".join(p.split()) for p in _TOPIC_SEPARATORS.split(value)]
        return _dedupe(p for p in parts if p)
    words = value.split()[:60]
    runs: list[tuple[bool, list[str]]] = []
    for word in words:
        capital = word[:1].isupper() or word[:1].isdigit()
        if runs and runs[-1][0] == capital:
            runs[-1][1].append(word)
        else:
            runs.append((capital, [word]))
    tags: list[str] = []
    for capital, run in runs:
        if not capital:
            tags.append(" ".join(run))
            continue
        pieces: list[list[str]] = []
        current: list[str] = []
        for word in reversed(run):
            if word in current:
                pieces.append(current)
                current = []
            current.insert(0, word)
        pieces.append(current)
        tags.extend(" ".join(p) for p in reversed(pieces))
    return _dedupe(tags)


def _dedupe(tags: Iterable[str]) -> tuple[str, ...]:
    seen: set[str] = set()
    out: list[str] = []
    for tag in tags:
        key = tag.casefold()
        if key not in seen:
            seen.add(key)
            out.append(tag)
    return tuple(out)


def merge_topics(first: tuple[str, ...], second: tuple[str, ...]) -> tuple[str, ...]:
    """`first` then `second`, de-duplicated case-insensitively keeping the first spelling."""
    return _dedupe((*first, *second))


def _line_matches(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)` for a MULTILINE pattern that starts with "^" (so every match starts a
    line): trying only the line starts, in order, gives the same matches, without a scan."""
    pos, last = 0, 0
    while pos >= 0:
        if pos >= last and (m := pattern.match(text, pos)) is not None:
            last = m.end()
            yield m
        nl = text.find("\n", pos)
        pos = nl + 1 if nl >= 0 else -1


def read_text_meta(text: str, *, low: str | None = None) -> TextMeta:
    """Title, byline, dateline, outlet, syndication and topics as far as the text shows them.

    `low`, if given, is anchors.ascii_lower(text); it lets patterns be skipped when the words they
    need are absent (the result is the same).
    """
    if low is None:
        low = ascii_lower(text)
    byline = dateline = syndicated = None
    if (m := next(_line_matches(_AGENCY_LINE, text), None)) is not None:
        byline = m.group("agency")
        syndicated = AGENCIES[byline]
        place = m.group("place")
        if place and place.split()[0] not in _NOT_PLACES:
            dateline = " ".join(place.split())
    elif "(" in text and (m := next(_line_matches(_AP_DATELINE, text), None)) is not None:
        byline = m.group("agency")
        syndicated = AGENCIES[byline]
        dateline = " ".join(w.capitalize() for w in m.group("place").split())
    for m in _line_matches(_BY_LINE, text) if "By" in text else ():
        names = [" ".join(n.split()) for n in _NAME_SPLIT.split(m.group("names"))]
        names = [n for n in names if n]
        if not names or names[0].split()[0] in _NOT_NAMES:
            continue
        people = [n for n in names if n not in AGENCIES]
        agencies = [AGENCIES[n] for n in names if n in AGENCIES]
        rest = (m.group("rest") or "").strip()
        if rest in AGENCIES:
            agencies.append(AGENCIES[rest])
        if people:
            byline = " and ".join(people) if len(people) <= 2 else ", ".join(people)
        elif byline is None:
            byline = names[0]
        if agencies and syndicated is None:
            syndicated = agencies[0]
        break
    outlet = None
    if "reworked" in low and (m := _OUTLET.search(text)) is not None:
        outlet = m.group("o")
    if syndicated is None:
        if (
            "originally" in low
            and (m := _ORIGINALLY.search(text)) is not None
            and m.group("o").split()[0] not in _NOT_NAMES
        ):
            syndicated = AGENCIES.get(m.group("o"), m.group("o"))
        elif (
            ("syndicated" in low or "wire" in low)
            and _SYNDICATED_NOTE.search(text) is not None
            and (t := _AGENCY_TAG.search(text)) is not None
        ):
            syndicated = AGENCIES[t.group("agency")]
    topics: tuple[str, ...] = ()
    if ("topics" in low or "tags" in low or "keywords" in low) and (m := _TOPICS.search(text)) is not None:
        topics = split_topics(m.group("v"))
    return TextMeta(find_title(text), byline, dateline, outlet, syndicated, topics)
