"""The language read from the text itself, and what extract_document does with it."""

from __future__ import annotations

import pytest

from metrics.extract import extract_document
from metrics.extract.language import ENGLISH, GERMAN, detect_language
from metrics.model import DocumentMeta

GERMAN_TEXT = (
    "Das Video wurde in den ersten beiden Tagen mehr als 1.234.567 Mal aufgerufen. "
    "Die Zahl ist nicht klein, und sie steigt weiter, sagte ein Sprecher des Senders."
)
ENGLISH_TEXT = (
    "The video was viewed more than 1,234,567 times in its first two days. "
    "That is not a small number, and it is still rising, a spokesman for the channel said."
)


def test_german_and_english_prose() -> None:
    assert detect_language(GERMAN_TEXT) == "de"
    assert detect_language(ENGLISH_TEXT) == "en"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Big news",
        "Das Video",  # too little to tell
        # Neither German nor English: French, Dutch, Czech.
        "Le gouvernement a annoncé des mesures pour les familles et les entreprises de la région.",
        "De regering heeft maatregelen aangekondigd voor de gezinnen en de bedrijven in de regio.",
        "Vláda oznámila opatření pro rodiny a firmy v regionu, které to potřebují nejvíce.",
    ],
)
def test_undecided_unless_the_evidence_is_clear(text: str) -> None:
    assert detect_language(text) is None


@pytest.mark.parametrize(
    "quote",
    [" The word for it is Zeitgeist, or die Stimmung.", " Chancellor Merkel once said: Wir schaffen das."],
)
def test_an_english_page_with_some_german_stays_english(quote: str) -> None:
    assert detect_language(ENGLISH_TEXT + quote) == "en"
    assert extract_document(ENGLISH_TEXT + quote).claims[0].value == 1_234_567.0


def test_the_lists_share_no_word() -> None:
    # A word in both would count for both sides; the shared ones ("in", "was", "will") are in neither.
    assert not GERMAN & ENGLISH


def test_extract_document_uses_the_text_language_when_no_hint_states_one() -> None:
    ex = extract_document(GERMAN_TEXT)
    assert ex.meta.language == "de"
    # German number style is read as such: 1.234.567, not 1.234 (the English reading).
    (claim,) = ex.claims
    assert (claim.metric, claim.value) == ("views", 1_234_567.0)
    assert extract_document(ENGLISH_TEXT).meta.language == "en"


def test_a_hint_of_the_same_language_keeps_its_region() -> None:
    assert extract_document(GERMAN_TEXT, hints=DocumentMeta(language="de-AT")).meta.language == "de-AT"


@pytest.mark.parametrize("unit", ["der ", "the ", "a", "1", "Aufrufe ", "\u00e4", " \n"])
def test_linear_on_a_megabyte(unit: str) -> None:
    # Only the first SAMPLE_CHARS characters are read, split on blanks.
    text = unit * (1_000_000 // len(unit))
    assert detect_language(text) in ("de", "en", None)


def test_the_text_wins_over_a_wrong_lang_attribute_and_a_same_language_hint_keeps_its_region() -> None:
    from metrics.extract import extract_document
    from metrics.model import DocumentMeta

    german = (
        "Das Video wurde in den ersten Tagen schon mehr als eine Million Mal aufgerufen, und die Zahl "
        "der Abonnenten ist auch nach der Sendung noch weiter gestiegen, sagte der Sprecher."
    )
    assert extract_document(german, hints=DocumentMeta(language="en")).meta.language == "de"
    english = "The video was viewed more than a million times in its first days, and the channel said that it has grown."
    assert extract_document(english, hints=DocumentMeta(language="en-US")).meta.language == "en-US"
    assert extract_document("12 views.", hints=DocumentMeta(language="de")).meta.language == "de"
