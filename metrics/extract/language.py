"""Is a text German or English? Decided from its most frequent function words, or not at all.

Downstream the language switches whole rule sets (metrics.extract.claims reads German number
style, "1.234.567", only when the document is German, and then skips the English patterns; a
German page's numeric dates are day-first), so a wrong answer costs more than none. The detector
answers only when the evidence is clear: enough function words of one language, making up a fair
share of the words, from several different words, and far outnumbering the other language's.
An English page quoting "Wir schaffen das" stays English; French, Czech or Dutch text gets None.

Words that both languages use often ("in", "an", "so", "was", "will", "man", "also", "am", "um")
and words frequent in neighbouring languages ("des" in French, "dem" and "at" in Danish, "a" in
Spanish and Portuguese, "es" in Spanish) are in neither list: they would count for the wrong side.
Pure and linear: one split of at most SAMPLE_CHARS characters into words.
"""

from __future__ import annotations

GERMAN: frozenset[str] = frozenset((
    "der", "die", "das", "und", "ist", "nicht", "mit", "von", "den", "zu", "sich", "auf", "für", "im",
    "auch", "als", "wird", "werden", "wurde", "wurden", "sind", "nach", "bei", "aus", "eine", "einer",
    "einen", "einem", "eines", "dass", "daß", "oder", "aber", "noch", "wie", "über", "hat", "haben",
    "kann", "sein", "seine", "ihre", "zum", "zur", "vom", "beim", "ich", "wir", "uns", "dieser", "diese",
    "dieses", "schon", "nur", "sehr", "mehr", "keine", "gegen", "unter", "zwischen", "sagte", "hatte",
    "jetzt", "heute", "doch", "bereits", "seit",
))  # fmt: skip
ENGLISH: frozenset[str] = frozenset((
    "the", "and", "of", "to", "is", "that", "for", "with", "are", "this", "be", "by", "from", "have",
    "has", "had", "not", "but", "or", "they", "which", "their", "its", "were", "been", "would", "said",
    "he", "his", "she", "her", "we", "you", "who", "it", "more", "than", "about", "after", "into",
    "there", "what", "when", "can", "could", "other", "them", "these", "those",
))  # fmt: skip
SAMPLE_CHARS = 2_000  # about 300 words: the rest of a long text changes no answer
# Distinct function words of the winning language: about two sentences' worth. English news text
# shows 15 to 30 different ones in 300 words, German text 0 to 2 of them (and the reverse); French,
# Czech or Dutch text shows fewer than 4 of either list.
MIN_DISTINCT = 5
MIN_RATIO = 3  # distinct winning words per distinct word of the other language
# Of the sample's distinct words, the share that are the winner's function words: a long list of
# names or numbers with "the" and "of" in it is not enough.
MIN_SHARE = 0.08


def detect_language(text: str) -> str | None:
    """ "de", "en", or None when the text does not clearly say."""
    # A set of the sample's words and two set intersections, all in C: counting every word (a
    # Counter, a regex or a Python loop) cost up to a twentieth of an article's extraction time. A
    # word with punctuation stuck to it ("the,") is not seen, which only makes the detector more
    # cautious.
    words = set(text[:SAMPLE_CHARS].lower().split())
    found = {"de": len(GERMAN.intersection(words)), "en": len(ENGLISH.intersection(words))}
    for language, other in (("de", "en"), ("en", "de")):
        n = found[language]
        if n >= MIN_DISTINCT and n >= MIN_RATIO * found[other] and n >= MIN_SHARE * len(words):
            return language
    return None


def primary_subtag(tag: str) -> str:
    """A language tag's language, lower-cased: "de-AT", "de_at" and "DE" are all "de"."""
    return tag.strip().lower().replace("_", "-").split("-")[0]
