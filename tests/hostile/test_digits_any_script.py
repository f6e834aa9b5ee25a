"""Digits of any script are read as figures, and every span still indexes the original text."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from metrics.extract import extract_document
from metrics.extract.digits import ascii_digits

FULLWIDTH = "The video has racked up １，２００，０００ views in its first ２４ hours."
ARABIC_INDIC = "The clip drew ٥٫٢ million views on Monday."
DEVANAGARI = "The trailer got ४५ million views."


def _views(text: str) -> list[tuple[float | None, str]]:
    ex = extract_document(text)
    for c in ex.claims:
        assert c.span is not None and text[c.span[0] : c.span[1]] == c.quote
    for r in ex.time_refs:
        assert r.span is not None and text[r.span[0] : r.span[1]] == r.text
    return [(c.value, c.quote) for c in ex.claims if c.metric == "views"]


def test_fullwidth_digits_and_separators() -> None:
    ex = extract_document(FULLWIDTH)
    (claim,) = [c for c in ex.claims if c.metric == "views"]
    assert claim.value == 1_200_000
    assert claim.time_window == "first 24 hours"
    assert claim.quote.startswith("１，２００，０００ views")
    assert _views(FULLWIDTH)


def test_arabic_indic_digits_with_the_arabic_decimal_separator() -> None:
    assert _views(ARABIC_INDIC) == [(5_200_000, "٥٫٢ million views on Monday")]


def test_devanagari_digits() -> None:
    assert _views(DEVANAGARI) == [(45_000_000, "४५ million views")]


def test_ascii_text_is_returned_as_it_is() -> None:
    text = "5 million views"
    assert ascii_digits(text) is text


def test_a_fullwidth_comma_outside_a_number_stays() -> None:
    assert ascii_digits("a，b １，２") == "a，b 1,2"


@given(st.text(alphabet=st.characters(categories=("Nd", "Zs", "Ll", "Po")), max_size=60))
def test_same_length_and_every_digit_keeps_its_value(text: str) -> None:
    read = ascii_digits(text)
    assert len(read) == len(text)
    for a, b in zip(text, read, strict=True):
        if unicodedata.category(a) == "Nd":
            assert b == str(unicodedata.decimal(a))
