"""Local .txt and .html files (and folders of them) as articles.

No database access here: this reads and extracts, and hands `ArticleInput`s to
`metrics.record`. Every problem becomes an `InputError` naming the file, so one bad file
never stops the others.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from metrics.extract import EXTRACTOR_VERSION, extract_document
from metrics.extract.html import read_body_text, read_metadata
from metrics.model import ArticleInput, DocumentMeta, InputError, StoryRef

SUFFIXES = (".txt", ".html", ".htm")
MAX_BYTES = 20 * 1024 * 1024  # a news article is kilobytes; anything this large is not one


class BadInput(Exception):
    """The reason a file cannot be read as an article (the caller adds the file name)."""


def expand(paths: Iterable[str | Path]) -> tuple[list[Path], list[InputError]]:
    """Files named directly, and the .txt/.html files inside folders (sorted, recursive)."""
    files: list[Path] = []
    errors: list[InputError] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES))
        elif path.is_file():
            if path.suffix.lower() in SUFFIXES:
                files.append(path)
            else:
                errors.append(InputError(str(path), f"not a .txt or .html file ({path.suffix or 'no suffix'})"))
        elif path.exists():
            errors.append(InputError(str(path), "not a regular file"))
        else:
            errors.append(InputError(str(path), "no such file or folder"))
    return list(dict.fromkeys(files)), errors


def skipped_in_folders(paths: Iterable[str | Path]) -> list[Path]:
    """Files inside the given folders that ingest passes over, so it can say so."""
    return sorted(p for raw in paths if Path(raw).is_dir() for p in Path(raw).rglob("*")
                  if p.is_file() and p.suffix.lower() not in SUFFIXES and not p.name.startswith("."))


def decode(data: bytes) -> tuple[str, str | None]:
    """Text of a file, and a warning when it was not UTF-8 but another encoding clearly fits."""
    if not data.strip():
        raise BadInput("empty file")
    if b"\x00" in data[:65536]:
        raise BadInput("binary file (NUL bytes), not text")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.chaos > 0.1:
        raise BadInput(f"not UTF-8 (invalid byte at offset {first_bad}) and no other text encoding fits")
    return str(best), f"not UTF-8; read as {best.encoding}"


def read_article(
    path: Path,
    *,
    story: StoryRef | None = None,
    tags: tuple[str, ...] = (),
    hints: DocumentMeta | None = None,
    url: str | None = None,
    tz_map: str | None = None,
    origin_note: str | None = None,
) -> ArticleInput:
    """Read and extract one file. Raises BadInput with the reason."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise BadInput(f"too large for an article ({size:,} bytes; limit {MAX_BYTES:,})")
        data = path.read_bytes()
    except OSError as exc:
        raise BadInput(f"cannot read: {exc.strerror or exc}") from exc
    raw, warning = decode(data)
    warnings = [warning] if warning else []

    if path.suffix.lower() in (".html", ".htm"):
        page_meta = read_metadata(raw, tz_map=tz_map)
        text = read_body_text(raw)
        if not text.strip():
            raise BadInput("no article text found in the page")
        hints = _merge_hints(hints, page_meta)
    else:
        text = raw

    extraction = extract_document(text, hints=hints, tz_map=tz_map)
    meta = extraction.meta
    if meta.published is None:
        warnings.append("no publish date found; recorded without a date (left off the timeline)")
    if not meta.title:
        meta = replace(meta, title=path.stem)
    return ArticleInput(
        source=str(path),
        origin="file",
        meta=meta,
        text=extraction.text,
        claims=extraction.claims,
        time_refs=extraction.time_refs,
        url=url or meta.canonical_url,
        story=story,
        tags=tags,
        note=origin_note,
        extractor_version=EXTRACTOR_VERSION,
        warnings=tuple(warnings),
    )


def _merge_hints(given: DocumentMeta | None, page: DocumentMeta) -> DocumentMeta:
    """What the caller states wins over what the page states."""
    if given is None:
        return page
    merged = {
        name: getattr(given, name) if getattr(given, name) not in (None, ()) else getattr(page, name)
        for name in DocumentMeta.__dataclass_fields__
    }
    merged["topics"] = tuple(dict.fromkeys((*given.topics, *page.topics)))
    return DocumentMeta(**merged)


def read_articles(
    paths: Iterable[Path],
    *,
    story: StoryRef | None = None,
    tags: tuple[str, ...] = (),
    tz_map: str | None = None,
) -> Iterator[ArticleInput | InputError]:
    for path in paths:
        try:
            yield read_article(path, story=story, tags=tags, tz_map=tz_map)
        except BadInput as exc:
            yield InputError(str(path), str(exc))
