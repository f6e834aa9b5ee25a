"""Digits of any script, read as ASCII digits, without moving a single offset.

Reporters' text reaches us with fullwidth digits ("５００万" pasted from a CJK page), Arabic-Indic
digits ("٥ مليون") or Devanagari ones; the patterns read [0-9]. Every Unicode decimal digit (category
Nd) is one code point, and so is the ASCII digit it stands for, so replacing one by the other keeps
the text's length: spans found in the read text index the original text unchanged.
"""

from __future__ import annotations

import re
import unicodedata

# A non-ASCII decimal digit; or a separator used only inside numbers: the Arabic decimal and
# thousands separators, and fullwidth comma and full stop between two digits ("１，２００").
_FOREIGN = re.compile(r"(?![0-9])\d|[\u066b\u066c]|(?<=\d)[\uff0c\uff0e](?=\d)")
_SEPARATORS = {"\u066b": ".", "\u066c": ",", "\uff0c": ",", "\uff0e": "."}


def _ascii(m: re.Match[str]) -> str:
    c = m.group()
    return _SEPARATORS.get(c) or str(unicodedata.decimal(c))


def ascii_digits(text: str) -> str:
    """`text` with every decimal digit of another script as its ASCII digit; same length, so every
    offset into the result is the same offset into `text`. The text itself when it has none."""
    if text.isascii():
        return text
    return _FOREIGN.sub(_ascii, text)
