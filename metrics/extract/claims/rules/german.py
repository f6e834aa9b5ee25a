"""German-language figures: "86,3 Millionen Aufrufe", "mehr als 1.234.567 Aufrufe", "2,5 Mio. Mal geteilt".

Run only when the document's language (DocumentMeta.language, from hints) is German, in place of
the English figure rules: there "." groups thousands and "," marks decimals, the reverse of
English, so the English patterns would read "900.000 Likes" as 900. Same shape as the English count
pattern, smaller vocabulary (vocabulary.py, key "de"):

- counts: [qualifier] NUMBER [up to 2 modifier words] NOUN ("rund 500.000 Follower")
- times:  [qualifier] NUMBER Mal PARTICIPLE ("86,3 Millionen Mal aufgerufen", "2.000 Mal geteilt")
- lengths: a compound ("das 18-minütige Video", "ein etwa zehnsekündiger Clip"), a spelled unit
  ("das elf Sekunden lange Video") or a verb ("Das Video dauert knapp drei Minuten")

Bounded quantifiers only; Unicode word rules (not ASCII) so "über" and "Kanäle" are words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from metrics.extract.claims import vocabulary as v
from metrics.extract.claims.bounds import bound_interval, claim_bounds
from metrics.extract.claims.context import _Context
from metrics.extract.claims.filters import _online_context
from metrics.extract.claims.subjects import _norm
from metrics.extract.numbers import SP as _SP
from metrics.extract.windows import GERMAN_WINDOW

_DE_F = re.IGNORECASE

_DE_QUALIFIERS = v.QUALIFIERS["de"]
_DE_SCALES = v.SCALES["de"]
_DE_NOUNS = v.COUNT_NOUNS["de"]
_DE_PARTICIPLES = v.TIMES_VERBS["de"]
_DE_NUMBER_WORDS = v.NUMBER_WORDS["de"]
_DE_COMPOUND_UNITS = v.LENGTH_COMPOUND_UNITS["de"]
_DE_UNITS = v.LENGTH_UNITS["de"]
_DE_MEDIA_NOUNS = v.LENGTH_MEDIA_NOUNS["de"]


def _alt(words: Iterable[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", _SP) for w in sorted(words, key=len, reverse=True))


# Digits grouped by "." (or "'" in Swiss copy: "85'000"), a decimal comma, an optional scale; or a
# number word before a scale ("eine Million", "zwei Millionen").
NUMBER_DE = (
    # Digits grouped by "." or "'" (Swiss), or by a space as dpa writes them ("810 000"); never a
    # group read on its own after a digit and a space.
    r"(?:(?<![\w.,'\u2019])(?<![0-9][ \u00a0\u202f\u2009])"
    r"(?P<digits>[0-9]{1,3}(?:[.'\u2019][0-9]{3}){1,5}|[0-9]{1,3}(?:[ \u00a0\u202f\u2009][0-9]{3}){1,4}|[0-9]{1,12})"
    # "136.8 Millionen": a decimal point as English copy writes it, only before a scale word.
    rf"(?:,(?P<dec>[0-9]{{1,6}})|\.(?P<pdec>[0-9]{{1,2}})(?={_SP}{{1,2}}(?:{_alt(_DE_SCALES)})(?![\w])))?"
    rf"(?:{_SP}{{1,2}}(?P<scale>{_alt(_DE_SCALES)})(?![\w]))?"
    r"(?![\w]|[.,][0-9])"
    rf"|(?<![\w])(?P<word>{_alt(_DE_NUMBER_WORDS)}){_SP}{{1,2}}(?P<wscale>{_alt(_DE_SCALES)})(?![\w]))"
)
_DE_QUAL = rf"(?:(?<![\w])(?P<qual>{_alt(_DE_QUALIFIERS)}){_SP}{{1,2}})?"
_DE_GAP = rf"(?:{_SP}{{1,2}}(?![0-9])[\w-]{{1,30}}){{0,2}}?"
_DE_ONLINE_NOUNS = v.ONLINE_COUNT_NOUNS["de"]
# The first part of a German compound noun ("Video" in "Videoaufrufe", "YouTube-" in "YouTube-Clips").
_DE_COMPOUND_HEAD = r"(?-i:[A-ZÄÖÜ][\w]{1,20})-?"
_DE_COUNT_RE = re.compile(
    # A compound ends in its noun: "4,4 Millionen Videoaufrufe", "30 Millionen Album-Streams".
    rf"{_DE_QUAL}{NUMBER_DE}(?P<gap>{_DE_GAP}){_SP}{{1,2}}(?:{_DE_COMPOUND_HEAD})??"
    rf"(?P<noun>{_alt({**_DE_NOUNS, **_DE_ONLINE_NOUNS})})(?![\w-])",
    _DE_F,
)
_DE_TIMES_RE = re.compile(
    # "86,3 Millionen Mal auf YouTube aufgerufen", "36 Millionen Mal an nur einem Tag gestreamt".
    rf"{_DE_QUAL}{NUMBER_DE}(?:{_SP}{{1,2}}|-)male?{_SP}{{1,2}}"
    rf"(?:[\w-]{{1,30}}(?:{_SP}{{1,2}}[\w-]{{1,30}}){{0,3}}?{_SP}{{1,2}})?"
    rf"(?P<verb>{_alt(_DE_PARTICIPLES)})(?![\w])",
    _DE_F,
)
# "Unglaubliche 197 Millionen Mal wurde der Teaser innerhalb eines Tages aufgerufen", "Insgesamt 230
# Millionen Mal wurde der Trailer über YouTube, Facebook und weitere Plattformen abgerufen": the count
# fronted, its participle at the end of the clause.
_DE_FRONTED_TIMES_RE = re.compile(
    # "mehr als 200000-mal wurde es geliket" (the hyphened form too).
    rf"{_DE_QUAL}{NUMBER_DE}(?:{_SP}{{1,2}}|-)mal{_SP}{{1,2}}(?:wurde|wurden|ist|sind|war|waren|hat|haben)(?![\w])"
    rf"[^.;:!?\n]{{0,120}}?(?<![\w])(?P<verb>{_alt(_DE_PARTICIPLES)})(?![\w])",
    _DE_F,
)
# "schalteten 6,54 Millionen ... ein": a ratings verb, then an audience in millions (a scale is
# required, so "sahen 3 Tore" and "blieben 2 Spieler" are not read).
_DE_AUDIENCE_VERBS = v.AUDIENCE_VERBS["de"]
_DE_AUDIENCE_RE = re.compile(
    rf"(?<![\w])(?P<verb>{_alt(_DE_AUDIENCE_VERBS)}){_SP}{{1,2}}(?:(?:noch|bereits|schon|im{_SP}Schnitt|"
    rf"durchschnittlich|insgesamt){_SP}{{1,2}})?{_DE_QUAL}{NUMBER_DE}",
    _DE_F,
)
# "4,63 Millionen Bundesbürger sahen das Finale", "schauen mehr als 5 500 Menschen zu", "von 979.000
# Nutzern gleichzeitig gesehen": people who watched, a broadcast's or a live stream's audience.
_DE_PEOPLE_WATCHED_RE = re.compile(
    rf"{_DE_QUAL}{NUMBER_DE}{_SP}{{1,2}}(?:{_alt(v.COUNTED_PEOPLE['de'])})(?![\w])"
    rf"(?:{_SP}{{1,2}}[\w-]{{1,20}}){{0,4}}?{_SP}{{1,2}}"
    rf"(?P<verb>{_alt([*v.WATCH_VERBS['de'], *_DE_PARTICIPLES])}|zu)(?![\w])",
    _DE_F,
)
# "Doch immerhin folgen 300.000 Menschen Scholz auf Tiktok", "2,1 Millionen Menschen folgen ihr", "folgen
# dem TikTok-Kanal von Union immerhin schon 131.500 Menschen": people who follow an account.
_DE_FOLLOW_VERB = rf"(?:{_alt(v.FOLLOW_VERBS['de'])})"
_DE_PEOPLE_FOLLOW_RES = (
    re.compile(
        rf"(?<![\w]){_DE_FOLLOW_VERB}{_SP}{{1,2}}(?:[\w-]{{1,30}}{_SP}{{1,2}}){{0,6}}?"
        rf"{_DE_QUAL}{NUMBER_DE}{_SP}{{1,2}}(?:{_alt(v.COUNTED_PEOPLE['de'])})(?![\w])",
        _DE_F,
    ),
    re.compile(
        rf"{_DE_QUAL}{NUMBER_DE}{_SP}{{1,2}}(?:{_alt(v.COUNTED_PEOPLE['de'])}){_SP}{{1,2}}{_DE_FOLLOW_VERB}(?![\w])",
        _DE_F,
    ),
)
# "für «Ice Age 4» auf Sat.1 interessierten sich 1,97 Millionen (6,5 Prozent)": a figure in millions with
# its market share in brackets is a broadcast's audience, the way ratings reports write it.
_DE_WITH_SHARE_RE = re.compile(
    rf"{_DE_QUAL}{NUMBER_DE}(?={_SP}{{0,2}}\({_SP}{{0,2}}[0-9]{{1,2}}(?:,[0-9]{{1,2}})?{_SP}{{0,2}}(?:Prozent|%)"
    rf"(?:{_SP}{{1,2}}Marktanteil)?\))",
    _DE_F,
)
_DE_TV_CONTEXT = re.compile(rf"(?<![\w])(?:{'|'.join(re.escape(w) for w in v.TV_WORDS['de'])})(?![\w])")
_DE_RATE_AFTER = re.compile(
    rf"(?:{_SP}{{1,2}}[\w-]{{1,30}}){{0,2}}?{_SP}{{1,2}}(?:pro|je|am|im){_SP}{{1,2}}(?:Tag|Woche|Monat|Stunde|Minute)\b"
    rf"|{_SP}{{1,2}}(?:täglich|wöchentlich|monatlich)\b",
    _DE_F,
)
# "Ronaldo knackte die 100 Millionen Follower": past it.
_DE_PASSED_BEFORE = re.compile(
    rf"(?<![\w])(?:{_alt(v.PASSED_VERBS['de'])})"
    rf"{_SP}{{1,2}}(?:die|den|das){_SP}{{1,2}}$",
    _DE_F,
)
_DE_MARK_BEFORE = re.compile(
    rf"(?<![\w])(?:Marke|Schallmauer|Grenze|Hürde|Schwelle){_SP}{{1,2}}von{_SP}{{1,2}}$", _DE_F
)
_DE_NOT_COUNT_GAP = frozenset(
    ["prozent", "weniger", "mehr", "stunden", "minuten", "sekunden", "jahre", "tage"]
)
# A forecast or a condition: "... auf eine Milliarde Streams kommen könnte", "Wenn Influencer eine
# Million Follower haben, ...".
_DE_MAYBE = re.compile(
    r"\b(?:könnte|könnten|dürfte|dürften|würde|würden|wenn|falls|nötig|nötigen|benötigt|benötigen)\b",
    re.IGNORECASE,
)
_DE_NEGATED = re.compile(r"\b(?:nicht|kein|keine|nie)[ \t\u00a0]{1,2}$", re.IGNORECASE)
_DE_YEAR_BEFORE = re.compile(r"(?:\b(?:im|seit|bis|von|ab|Jahr|Jahre|jahr)[ \t\u00a0]{1,2})$", re.IGNORECASE)


def _value_of(m: re.Match[str]) -> tuple[float, float | None] | None:
    """(value, written step) of a NUMBER_DE match: "86,3 Millionen" -> (86300000.0, 100000.0)."""
    word = m.groupdict().get("word")
    if word:
        scale = Decimal(_DE_SCALES[m.group("wscale").lower()])
        return float(Decimal(str(v.NUMBER_WORDS["de"][word.lower()])) * scale), float(scale)
    try:
        whole = Decimal(re.sub(r"[.'\u2019 \u00a0\u202f\u2009]", "", m.group("digits")))
        dec = m.group("dec") or m.group("pdec")
        value = whole + (Decimal(dec).scaleb(-len(dec)) if dec else Decimal(0))
    except (InvalidOperation, ValueError):
        return None
    scale_word = (m.group("scale") or "").lower()
    if not scale_word:
        return float(value), None
    scale = Decimal(_DE_SCALES[scale_word])
    step = Decimal(1).scaleb(-len(dec)) if dec else Decimal(1)
    return float(value * scale), float(step * scale)


def _people_did(m: re.Match[str]) -> str:
    """What people counted in German did: watched a broadcast ("sahen ... zu", or anything
    "gleichzeitig": at once, live) -> viewers; else their participle's metric ("geteilt": shares)."""
    verb, low = m.group("verb").lower(), m.group().lower()
    if verb in _DE_PARTICIPLES and "gleichzeitig" not in low and "zuschauer" not in low:
        return _DE_PARTICIPLES[verb]
    return "viewers"  # "8,62 Millionen Zuschauer hatten die Show gesehen": an audience


def _near(ctx: _Context, m: re.Match[str], reach: int) -> tuple[int, int]:
    """The stretch of m's sentence within `reach` characters of m: what a check may read, so that
    a long sentence is not searched once per figure."""
    sent = ctx.sentences.around(m.start())
    return max(sent[0], m.start() - reach), min(sent[1], m.end() + reach)


def _tv_context(ctx: _Context, m: re.Match[str]) -> bool:
    """Whether TV ratings words (TV_WORDS) stand near a German figure."""
    return _DE_TV_CONTEXT.search(ctx.text, *_near(ctx, m, 150)) is not None


_DE_PEOPLE_AFTER = re.compile(rf"{_SP}{{1,2}}(?:{_alt(v.COUNTED_PEOPLE['de'])})(?![\w])", _DE_F)


def _audience(ctx: _Context, m: re.Match[str]) -> bool:
    """A ratings verb's figure is an audience when it has a scale ("Millionen") and the sentence
    holds the verb's particle after it ("schalteten ... ein")."""
    if not (m.group("scale") or m.group("wscale")):
        return False
    particle = _DE_AUDIENCE_VERBS[m.group("verb").lower()]
    if particle is None or (_DE_PEOPLE_AFTER.match(ctx.text, m.end()) is not None and _tv_context(ctx, m)):
        return (
            True  # "Die komplette Übertragung sahen 5,99 Millionen Leute, der Marktanteil ...": no particle
        )
    end = ctx.sentences.around(m.start())[1]
    return re.search(rf"(?<![\w])(?:{particle})(?![\w])", ctx.text[m.end() : end], re.IGNORECASE) is not None


def _german(ctx: _Context) -> None:
    """German-style figures (the document's language says so): "86,3 Millionen Aufrufe"."""
    text = ctx.text
    found = [
        (m, _DE_NOUNS.get(m.group("noun").lower()) or _DE_ONLINE_NOUNS[m.group("noun").lower()])
        for m in _DE_COUNT_RE.finditer(text)
        if m.group("noun").lower() in _DE_NOUNS
        or _online_context(text, ctx.sentences.around(m.start()), "de")
    ]
    found += [(m, _DE_PARTICIPLES[m.group("verb").lower()]) for m in _DE_TIMES_RE.finditer(text)]
    found += [(m, _DE_PARTICIPLES[m.group("verb").lower()]) for m in _DE_FRONTED_TIMES_RE.finditer(text)]
    found += [(m, "viewers") for m in _DE_AUDIENCE_RE.finditer(text) if _audience(ctx, m)]
    found += [(m, _people_did(m)) for m in _DE_PEOPLE_WATCHED_RE.finditer(text)]
    found += [
        (m, "viewers")
        for m in _DE_WITH_SHARE_RE.finditer(text)
        if (m.group("scale") or m.group("wscale")) and _tv_context(ctx, m)
    ]
    found += [
        (m, "followers")
        for r in _DE_PEOPLE_FOLLOW_RES
        for m in r.finditer(text)
        if _online_context(text, _near(ctx, m, 60), "de")  # an account near the figure, not the sentence's
    ]
    for m, metric in found:
        parsed = _value_of(m)
        if parsed is None:
            continue
        value, step = parsed
        digits = m.group("digits") or ""
        if (
            len(digits) == 4
            and not m.group("scale")
            and 1900 <= value <= 2100
            and _DE_YEAR_BEFORE.search(text, max(0, m.start("digits") - 8), m.start("digits"))
        ):
            continue
        if metric == "video_count" and value < 2:
            continue
        if _DE_MAYBE.search(text, max(ctx.sentences.around(m.start())[0], m.start() - 80), m.end() + 40):
            continue  # "... auf eine Milliarde Streams kommen könnte": a forecast
        if _DE_NEGATED.search(text, max(0, m.start() - 12), m.start()) is not None:
            continue  # "nicht über 2,31 Millionen": said not to have reached it
        gap = m.groupdict().get("gap") or ""
        if "%" in gap or any(w in _DE_NOT_COUNT_GAP for w in gap.lower().split()):
            # "13,9 Prozent der Zuschauer": a share; "eine Million weniger Streams": a difference;
            # "eine Milliarde Stunden Videos": hours watched, not a count of videos.
            continue
        if _DE_RATE_AFTER.match(text, m.end()) is not None:
            continue  # "14 Millionen Klicks pro Tag": a daily pace, not a figure that held
        qual = _norm(m.group("qual"))
        bound = _DE_QUALIFIERS.get(qual or "", "exact")
        mark = _DE_MARK_BEFORE.search(text, max(0, m.start() - 30), m.start()) if bound == "exact" else None
        if mark is not None:
            # "Die Schallmauer von sechs Milliarden Aufrufen wurde geknackt": a mark passed or reached.
            qual, bound = mark.group().split()[0], "lower"
        elif bound == "exact":
            passed = _DE_PASSED_BEFORE.search(text, max(0, m.start() - 24), m.start())
            if passed is not None:
                qual, bound = passed.group().split()[0], "lower"
        sent = ctx.sentences.around(m.start())
        scope = _scope_before(text, max(sent[0], m.start() - 40), m.start()) or _change(text, sent, m)
        add_figure(ctx, m, metric, (value, step), qual, bound, scope, _window(text, sent, m))


_DIGIT = re.compile(r"[0-9]")


_WINDOW_REACH = 200


def _window(text: str, sent: tuple[int, int], m: re.Match[str]) -> str | None:
    """The German window of a figure ("Innerhalb der ersten 24 Stunden wurde das Video 45 Millionen
    Mal aufgerufen", "22,9 Millionen Streams innerhalb der ersten Woche"): the nearest in its
    sentence with no other figure between them, kept as written (lower-case)."""
    best: tuple[int, str] | None = None
    # Within _WINDOW_REACH of the figure: a search of the whole sentence per figure would make a text
    # without full stops quadratic.
    for w in GERMAN_WINDOW.finditer(
        text, max(sent[0], m.start() - _WINDOW_REACH), min(sent[1], m.end() + _WINDOW_REACH)
    ):
        if m.start() <= w.start() and w.end() <= m.end():
            gap = (w.start(), w.start())  # "36 Millionen Mal an nur einem Tag gestreamt"
        else:
            gap = (w.end(), m.start()) if w.end() <= m.start() else (m.end(), w.start())
        if gap[0] > gap[1] or _DIGIT.search(text, *gap) is not None:
            continue
        distance = gap[1] - gap[0]
        if best is None or distance < best[0]:
            best = (distance, " ".join(w.group("w").lower().split()))
    return best[1] if best is not None else None


def add_figure(
    ctx: _Context,
    m: re.Match[str],
    metric: str,
    parsed: tuple[float, float | None],
    qual: str | None,
    bound: str,
    scope: str | None,
    window: str | None = None,
    platform: str | None = None,
) -> None:
    """Add a German figure (a NUMBER_DE match, its value and written step from _value_of); `platform`
    when the text gives the figure its own."""
    value, step = parsed
    _, low, high = claim_bounds(value, None, step) if bound == "exact" else bound_interval(value, bound)
    subject = ctx.sentence_subject(ctx.sentences.around(m.start()), m.start())
    ctx.add(metric, value, bound, low, high, qual, scope, window, subject, m.span(), platform)


# "Zehntausende Likes, Millionen Aufrufe", "manche wurden millionenfach aufgerufen": vague amounts,
# never after a figure ("2,5 Millionen Aufrufe" is read by _german).
_DE_VAGUE_AMOUNTS = v.VAGUE_AMOUNTS["de"]
_DE_VAGUE_ALT = _alt(w for w in _DE_VAGUE_AMOUNTS if w.endswith(("e", "n")))
_DE_VAGUE_COUNT_RE = re.compile(
    rf"(?<![\w.,'\u2019])(?<![0-9][ \u00a0\u202f\u2009])(?P<vague>{_DE_VAGUE_ALT})(?:{_SP}{{1,2}}von)?{_SP}{{1,2}}"
    rf"(?:{_DE_COMPOUND_HEAD})??(?P<noun>{_alt(_DE_NOUNS)})(?![\w-])",
    _DE_F,
)
_DE_VAGUE_FACH_RE = re.compile(
    # "Zehntausende Male geteilt" too.
    rf"(?<![\w.,'\u2019])(?<![0-9][ \u00a0\u202f\u2009])(?P<vague>{_alt(_DE_VAGUE_AMOUNTS)})(?:fach|{_SP}{{1,2}}Male?)"
    rf"(?:{_SP}{{1,2}}[\w-]{{1,30}}){{0,4}}?{_SP}{{1,2}}"
    rf"(?P<verb>{_alt(_DE_PARTICIPLES)})(?![\w])",
    _DE_F,
)
_DE_WORD_BEFORE = re.compile(r"(\w+)[ \t\u00a0]{1,2}$")


def _german_vague(ctx: _Context) -> None:
    """ "Millionen Aufrufe", "millionenfach aufgerufen": no value, at least twice the scale."""
    text = ctx.text
    found = [(m, _DE_NOUNS[m.group("noun").lower()]) for m in _DE_VAGUE_COUNT_RE.finditer(text)]
    found += [(m, _DE_PARTICIPLES[m.group("verb").lower()]) for m in _DE_VAGUE_FACH_RE.finditer(text)]
    for m, metric in found:
        word = _DE_WORD_BEFORE.search(text, max(0, m.start() - 20), m.start())
        if word is not None and word.group(1).lower() in _DE_NUMBER_WORDS:
            continue  # "zwei Millionen Aufrufe": a figure, read by _german
        sent = ctx.sentences.around(m.start())
        if _DE_MAYBE.search(text, max(sent[0], m.start() - 80), min(sent[1], m.end() + 40)):
            continue
        low = 2 * _DE_VAGUE_AMOUNTS[m.group("vague").lower()]
        subject = ctx.sentence_subject(sent, m.start())
        ctx.add(metric, None, "vague", low, None, m.group("vague"), None, None, subject, m.span())


# "ARD und ZDF ... jeweils mehr als vier Millionen Zuschauer": one figure per item; "insgesamt",
# "zusammen": their sum.
_DE_SCOPE_BEFORE = re.compile(
    r"(?<![\w])(?:(?P<each>jeweils|je)|insgesamt|zusammen)[ \t\u00a0]{1,2}$", re.IGNORECASE
)


def _scope_before(text: str, start: int, end: int) -> str | None:
    qual = _DE_QUAL_BEFORE.search(text, start, end)
    m = _DE_SCOPE_BEFORE.search(text, start, qual.start() if qual else end)
    if m is None:
        return None
    return "each" if m.group("each") else "combined"


# A change rather than a standing count: "verlor 3,5 Millionen Fans", "hat drei Millionen Follower
# verloren", "(-34.000 Follower)", "2,1 Millionen Abonnenten dazugewinnen"; and the count before
# one: "seiner zuvor 23,8 Millionen Follower".
_DE_CHANGE_BEFORE = re.compile(
    r"(?<![\w])(?:(?P<loss>verlor|verliert|verlieren|büßte|büßten|fehlten|fehlen|minus)|(?P<gain>gewann|gewinnt|gewannen|plus)"
    r"|(?P<earlier>zuvor|vorher|ehemals|vormals|einst))(?:[ \t\u00a0]{1,2}[\w.-]{1,20}){0,5}?[ \t\u00a0]{1,2}$",
    re.IGNORECASE,
)
_DE_CHANGE_AFTER = re.compile(
    r"[^,;:.!?\u2013\u2014]{0,40}?(?<![\w])(?:(?P<loss>verloren|eingebüßt|einbüßen|verlieren)"
    r"|(?P<gain>dazugewonnen|dazugewinnen|hinzugewonnen|hinzugewinnen|gewonnen|zugelegt))(?![\w])",
    re.IGNORECASE,
)
_DE_SIGN_BEFORE = re.compile(r"(?:^|[(\s])(?P<sign>[-\u2212+])$")


def _change(text: str, sent: tuple[int, int], m: re.Match[str]) -> str | None:
    """ "loss", "gain" or "earlier" for a German figure whose words say it changed (see above)."""
    sign = _DE_SIGN_BEFORE.search(text, max(sent[0], m.start() - 2), m.start())
    if sign is not None:
        return "gain" if sign.group("sign") == "+" else "loss"
    before = _DE_CHANGE_BEFORE.search(text, max(sent[0], m.start() - 40), m.start())
    if before is not None:
        return "loss" if before.group("loss") else "gain" if before.group("gain") else "earlier"
    after = _DE_CHANGE_AFTER.match(text, m.end(), sent[1])
    if after is not None:
        return "loss" if after.group("loss") else "gain"
    return None


_DE_QUAL_BEFORE = re.compile(rf"(?<![\w])(?:{_alt(_DE_QUALIFIERS)}){_SP}{{1,2}}$", _DE_F)


_DE_NUM = rf"(?P<num>[0-9]{{1,3}}(?:,[0-9]{{1,2}})?|{_alt(_DE_NUMBER_WORDS)})"
_DE_MEDIA = rf"(?:{_DE_COMPOUND_HEAD})??(?P<noun>{_alt(_DE_MEDIA_NOUNS)})(?![\w])"
_DE_ADJ = (
    rf"(?:{_SP}{{1,2}}[\w-]{{1,30}}(?:e|en|er|es|em))?"  # one adjective between: "das kurze, virale Video"
)
_DE_LENGTH_RES = (
    re.compile(
        rf"{_DE_QUAL}{_DE_NUM}-?(?P<unit>{_alt(_DE_COMPOUND_UNITS)})(?:e|en|er|es|em){_DE_ADJ}{_SP}{{1,2}}{_DE_MEDIA}",
        _DE_F,
    ),
    re.compile(
        rf"{_DE_QUAL}{_DE_NUM}{_SP}{{1,2}}(?P<unit>{_alt(_DE_UNITS)}){_SP}{{1,2}}lang(?:e|en|er|es|em)"
        rf"{_DE_ADJ}{_SP}{{1,2}}{_DE_MEDIA}",
        _DE_F,
    ),
    re.compile(
        rf"{_DE_MEDIA}{_SP}{{1,2}}(?:ist|war|dauert|dauerte|läuft|lief|geht|ging){_SP}{{1,2}}"
        rf"(?:nur{_SP}{{1,2}}|gerade{_SP}{{1,2}}mal{_SP}{{1,2}})?{_DE_QUAL}{_DE_NUM}{_SP}{{1,2}}(?P<unit>{_alt(_DE_UNITS)})(?![\w])",
        _DE_F,
    ),
)


def _german_lengths(ctx: _Context) -> None:
    """German video lengths (see the module docstring), in seconds."""
    for pattern in _DE_LENGTH_RES:
        for m in pattern.finditer(ctx.text):
            raw = m.group("num").lower()
            number = _DE_NUMBER_WORDS.get(raw)
            if number is None:
                number = float(raw.replace(",", "."))
            unit = m.group("unit").lower()
            seconds = float(number * (_DE_COMPOUND_UNITS.get(unit) or _DE_UNITS[unit]))
            qual = _norm(m.group("qual"))
            bound = _DE_QUALIFIERS.get(qual or "", "exact")
            _, low, high = bound_interval(seconds, bound)
            ctx.add("video_length", seconds, bound, low, high, qual, None, None, m.group("noun"), m.span())
