"""Article text as HTML with the extracted spans marked. Pure."""

from __future__ import annotations

import html

Span = tuple[int, int, str, str]  # start, end, css class, title (shown on hover)


def _laminar(spans: list[Span], length: int) -> list[Span]:
    """Keep spans that nest in or stay apart from those kept before; drop partial overlaps.

    Longer spans first, so "released two videos Thursday" keeps "two videos" and "Thursday"
    marked inside it.
    """
    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: (-(s[1] - s[0]), s[0])):
        start, end = span[0], span[1]
        if not (0 <= start < end <= length):
            continue
        if all(end <= k[0] or start >= k[1] or (k[0] <= start and end <= k[1]) for k in kept):
            kept.append(span)
    return kept


def highlighted_text(text: str, spans: list[Span]) -> str:
    """Escaped text with a <mark> per span; nested spans render as nested marks."""
    kept = _laminar(spans, len(text))
    opens: dict[int, list[Span]] = {}
    closes: dict[int, int] = {}
    for span in kept:
        opens.setdefault(span[0], []).append(span)
        closes[span[1]] = closes.get(span[1], 0) + 1
    out: list[str] = []
    cuts = sorted({0, len(text), *opens, *closes})
    for here, nxt in zip(cuts, cuts[1:] + [len(text)], strict=True):
        out.append("</mark>" * closes.get(here, 0))
        for start, end, css, title in sorted(opens.get(here, []), key=lambda s: -s[1]):
            out.append(f'<mark class="{html.escape(css, quote=True)}" title="{html.escape(title, quote=True)}">')
        out.append(html.escape(text[here:nxt]))
    return "".join(out)
