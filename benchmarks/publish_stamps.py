"""Where publish times come from on real pages, and how often the text's language is read right.

    python benchmarks/publish_stamps.py [FOLDER]

Reads every .html/.htm/.txt file under FOLDER (default: ../shared/corpus/html beside the project,
when it exists) the way the file collector does (metrics.collectors.files: page metadata and
trafilatura's body text for HTML, the file itself for text) and prints:

1. The source of each page's publish time as extract_document returns it: meta tags (JSON-LD,
   og:/article:, <time datetime>), a labelled line ("Published:", "Last Updated :"), an unlabelled
   stamp line ("12 March,2021 09:15 AM IST | Mumbai | PTI"), or none. Meta tags win over the text.
2. The same from the body text alone (meta tags' times withheld, outlet and language kept).
3. The same from the page as a reader would copy it into a .txt file (as seeds/ holds one): the
   visible text from the first <h1> on, one line per block element. trafilatura keeps only the
   story's paragraphs, so the header lines where stamps are printed never reach the text
   extractor on the HTML path; this reading shows what the stamp lines do where they are kept.
   Where the text and the meta tags both give a time: how many name the same instant, and the
   same calendar day (a wall clock with zone unknown is compared by its day).
4. How zone-less times were settled: by the outlet map, or kept as a wall clock with zone unknown.
5. metrics.extract.language.detect_language on the body text against the page's own `lang`
   attribute, where it has one: for a de/en page, right / wrong / undecided; for any other
   language, undecided is right (the detector only knows German and English).

Figures, not asserted: a small corpus of real pages says whether a rule matters, not how well it
would do everywhere.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from metrics.collectors.files import BadInput, decode, expand
from metrics.extract import extract_document
from metrics.extract.html import read_body_text, read_metadata
from metrics.model import DocumentMeta, PublishTime

try:
    from metrics.extract.language import detect_language
except ImportError:  # before the detector existed: the benchmark still prints the rest
    detect_language = None  # type: ignore[assignment]

KINDS = ("meta tags", "labelled line", "stamp line", "none")


def kind_of(published: PublishTime | None) -> str:
    """Which of KINDS a publish time came from, by the source it records."""
    if published is None:
        return "none"
    if published.source.startswith("html:"):
        return "meta tags"
    if published.source.startswith("text: stamp line"):
        return "stamp line"
    if published.source.startswith("text:"):
        return "labelled line"
    return published.source


def zone_note(published: PublishTime | None) -> str | None:
    """How a zone-less time was settled, or None when the source stated a zone or no time."""
    if published is None or published.tz_rule is None or not published.tz_rule.startswith("no zone stated"):
        return None
    if getattr(published, "local", None) is not None:
        return "zone unknown (wall clock kept)"
    if "outlet map" in published.tz_rule:
        return "outlet map"
    return published.tz_rule


def read_page(path: Path) -> tuple[str, DocumentMeta, str]:
    """(body text, page metadata) as metrics.collectors.files.read_article reads the file, and
    the text a reader would copy from it (the file itself for a .txt file)."""
    raw, _ = decode(path.read_bytes())
    if path.suffix.lower() in (".html", ".htm"):
        return read_body_text(raw), read_metadata(raw), copied_text(raw)
    return raw, DocumentMeta(), raw


_SKIPPED = {"script", "style", "noscript", "template", "svg", "head"}
_BLOCKS = {
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "footer",
    "section",
    "article",
    "aside",
    "figure",
    "figcaption",
    "time",
    "br",
    "tr",
    "td",
    "blockquote",
    "address",
    "nav",
}


def copied_text(html: str) -> str:
    """The page's visible text from its first <h1> on, a line per block element: what a reader
    who selects the story from its headline and pastes it into a .txt file gets."""
    import lxml.html

    try:
        root = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return ""
    chunks: list[str] = []
    start: int | None = None

    def walk(el: lxml.html.HtmlElement) -> None:
        nonlocal start
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _SKIPPED:
            return
        if tag == "h1" and start is None:
            start = len(chunks)
        block = tag in _BLOCKS
        if block:
            chunks.append("\n")
        chunks.append(el.text or "")
        for child in el:
            walk(child)
            chunks.append(child.tail or "")
        if block:
            chunks.append("\n")

    walk(root)
    lines = ("".join(chunks[start or 0 :])).splitlines()
    return "\n".join(" ".join(line.split()) for line in lines if line.strip())


def same_instant(a: PublishTime, b: PublishTime) -> tuple[bool, bool]:
    """(same instant to the minute, same calendar day) of two publish times; a wall clock with
    zone unknown counts by its day, as a date-only time does."""
    # getattr: PublishTime.local is new in extractor 0.8.0, and this compares with what came before.
    day_a = (getattr(a, "local", None) or a.instant).date()
    day_b = (getattr(b, "local", None) or b.instant).date()
    timed = a.precision != "day" and b.precision != "day"
    return timed and a.instant.replace(second=0) == b.instant.replace(second=0), day_a == day_b


def primary(tag: str | None) -> str | None:
    return tag.strip().lower().replace("_", "-").split("-")[0] if tag and tag.strip() else None


def main() -> int:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "corpus" / "html"
    if not folder.is_dir():
        print(f"no corpus at {folder}; skipping (pass a folder of .html or .txt pages)")
        return 0
    files, _ = expand([folder])
    final: Counter[str] = Counter()
    text_only: Counter[str] = Counter()
    copied: Counter[str] = Counter()
    zones: Counter[str] = Counter()
    agree: Counter[str] = Counter()
    language: Counter[str] = Counter()
    examples: list[str] = []
    started = time.perf_counter()
    read = 0
    for path in files:
        try:
            text, page, pasted = read_page(path)
        except BadInput:
            continue
        if not text.strip():
            continue
        read += 1
        name = path.parent.name if path.stem == "source" else path.name
        ex = extract_document(text, hints=page)
        final[kind_of(ex.meta.published)] += 1
        no_dates = DocumentMeta(outlet=page.outlet, language=page.language)
        own = extract_document(text, hints=no_dates).meta.published
        text_only[kind_of(own)] += 1
        paste = extract_document(pasted, hints=no_dates).meta.published
        copied[kind_of(paste)] += 1
        for p in (ex.meta.published, own, paste):
            if (note := zone_note(p)) is not None:
                zones[note] += 1
        for found, reading in ((own, "body text"), (paste, "copied text")):
            if found is None:
                continue
            examples.append(f"  {name:<26} {reading:<12} {found.source[:100]}")
            if page.published is not None:
                exact, day = same_instant(found, page.published)
                agree[f"{reading}: dated by both"] += 1
                agree[f"{reading}: same instant"] += exact
                agree[f"{reading}: same day"] += day
        if detect_language is not None and (want := primary(page.language)) is not None:
            got = detect_language(text)
            if want in ("de", "en"):
                language[
                    f"{want} page: " + ("right" if got == want else "undecided" if got is None else "wrong")
                ] += 1
            else:
                language["other page: " + ("right (undecided)" if got is None else f"wrong ({got})")] += 1
    seconds = time.perf_counter() - started
    print(f"Publish times on {read} pages ({folder}), {seconds:.1f} s:")
    print("  as stored (meta tags win):    " + ", ".join(f"{k} {final[k]}" for k in KINDS))
    print("  from the body text alone:     " + ", ".join(f"{k} {text_only[k]}" for k in KINDS))
    print("  from the copied page text:    " + ", ".join(f"{k} {copied[k]}" for k in KINDS))
    if agree:
        print("  against the meta tags' time:  " + ", ".join(f"{k} {v}" for k, v in sorted(agree.items())))
    if zones:
        print(
            "  zone-less times (all three readings): "
            + ", ".join(f"{k} {v}" for k, v in sorted(zones.items()))
        )
    if examples:
        print("  publish times found in text:")
        print("\n".join(examples))
    if detect_language is None:
        print("Language: no detector (metrics.extract.language) in this version")
    else:
        total = sum(language.values())
        print(
            f"Language detected from the body text, against the page's lang attribute ({total} pages with one):"
        )
        for key in sorted(language):
            print(f"  {key:<28} {language[key]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
