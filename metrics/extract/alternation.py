"""Alternations of words as prefix trees, so the regex engine tries each first letter once.

Python's regex engine has no trie: "(?:more than|most|over|...)" is tried branch by branch, and
under IGNORECASE no branch is skipped on its first letter, so a 110-word list costs 110 branch
entries at every position it is tried. Written as a tree ("mo(?:re than|st)|over|..."), the
engine enters at most one branch per distinct first letter, then one per letter after that.

The tree matches exactly what the flat list does when that list puts a longer phrase before any
phrase that is its prefix (the order `sorted(..., key=len, reverse=True)` gives): branches under
one node start with different characters, so at most one of them can match, and a phrase that
ends where a longer one goes on is tried after it, as `(?:longer)?`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_END = ""


def trie_alternation(phrases: Iterable[str], space: str | None = None) -> str:
    """A regex (no outer group) matching any of `phrases`, each character literal except " ",
    which becomes `space` when given. Case is kept: callers fold it with their flags."""
    root: dict[str, dict] = {}
    for phrase in phrases:
        if not phrase:
            raise ValueError("an empty phrase would match everywhere")
        node = root
        for char in phrase:
            node = node.setdefault(char, {})
        node[_END] = {}
    return _emit(root, space)


def _emit(node: dict[str, dict], space: str | None) -> str:
    branches = [
        (space if char == " " and space is not None else re.escape(char)) + _emit(child, space)
        for char, child in sorted(node.items())
        if char != _END
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if _END in node:
        return f"(?:{body})?"
    return body
