"""Local .txt and .html files (and folders of them) as articles, and the text decoding every
collector shares.

No database access here: this reads and extracts, and hands `ArticleInput`s to
`metrics.record`. Every problem becomes an `InputError` naming the file, so one bad file
never stops the others. File names are shown with `shown()`: a name whose bytes are not UTF-8
appears with those bytes escaped (`caf\\xe9.txt`) rather than failing the print or the write.

Decoding (`decode`, `decode_declared`): a byte-order mark decides (UTF-8, UTF-16 and UTF-32,
either order); then a declared charset (HTTP header, `<meta charset>`) when the bytes fit it;
then UTF-8; then UTF-8 with a few damaged bytes replaced; then detection (charset-normalizer),
which prefers cp1252 for Western text (`_plausibly_western`). Every step past a clean
declaration or clean UTF-8 comes back with a note, which the caller shows as the input's warning.
"""

from __future__ import annotations

import codecs
import os
import re
import traceback
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from metrics.extract import EXTRACTOR_VERSION, extract_document
from metrics.extract.html import read_body_text, read_metadata
from metrics.model import ArticleInput, DocumentMeta, InputError, StoryRef
from metrics.normalize import canonical_url, shown
from metrics.similarity import copy_signature

SUFFIXES = (".txt", ".html", ".htm")
MAX_BYTES = 20 * 1024 * 1024  # a news article is kilobytes; anything this large is not one

# UTF-32 LE first: its mark begins with UTF-16 LE's (FF FE).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)
META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE)
# The WHATWG Encoding Standard reads these labels as windows-1252, as every browser does: pages
# labelled Latin-1 or ASCII are written in cp1252 (curly quotes, dashes, the euro sign).
_AS_CP1252 = frozenset({"iso8859-1", "ascii"})
MAX_CHAOS = 0.1  # charset-normalizer's mess ratio above which no guess is trusted


class BadInput(Exception):
    """The reason a file cannot be read as an article (the caller adds the file name)."""


def unexpected(exc: BaseException) -> str:
    """One line for a failure no collector foresaw (a parser's bug, a value out of range): the
    input's error, with the exception's own words; the traceback goes to the debug log."""
    words = " ".join(str(exc).split()) or type(exc).__name__
    if len(words) > 160:
        words = words[:159].rstrip() + "\u2026"
    return shown(f"could not be read: {words} ({type(exc).__name__})")


def name_of(path: str | Path) -> str:
    """A path as shown and stored: undecodable bytes escaped."""
    return shown(os.fspath(path))


def expand(paths: Iterable[str | Path]) -> tuple[list[Path], list[InputError]]:
    """Files named directly, and the .txt/.html files inside folders (sorted, recursive).

    A folder that cannot be listed, or a name the OS refuses, is that path's error; the other
    paths are still expanded."""
    files: list[Path] = []
    errors: list[InputError] = []
    for raw in paths:
        path = Path(raw)
        try:
            if path.is_dir():
                files.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES))
            elif path.is_file():
                if path.suffix.lower() in SUFFIXES:
                    files.append(path)
                else:
                    errors.append(InputError(name_of(path), f"not a .txt or .html file ({_suffix(path)})"))
            elif path.exists():
                errors.append(InputError(name_of(path), "not a regular file"))
            else:
                errors.append(InputError(name_of(path), "no such file or folder"))
        except (OSError, ValueError) as exc:  # a folder we may not list, a name with a NUL byte
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            errors.append(InputError(name_of(path), f"cannot read: {reason}"))
    return list(dict.fromkeys(files)), errors


def _suffix(path: Path) -> str:
    return shown(path.suffix) or "no suffix"


def skipped_in_folders(paths: Iterable[str | Path]) -> list[str]:
    """Files inside the given folders that ingest passes over (shown names), so it can say so."""
    skipped: list[Path] = []
    for raw in paths:
        try:
            if Path(raw).is_dir():
                skipped += [p for p in Path(raw).rglob("*")
                            if p.is_file() and p.suffix.lower() not in SUFFIXES and not p.name.startswith(".")]
        except (OSError, ValueError):
            continue  # expand() reports the folder itself
    return [name_of(p) for p in sorted(skipped)]


# --- decoding -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # the codec the text was read with
    note: str | None = None  # why it was not read as declared or as plain UTF-8: the input's warning
    detected: bool = False  # the encoding is charset-normalizer's guess


def decode(data: bytes) -> tuple[str, str | None]:
    """Text of a file, and a warning when it was not plain UTF-8 but another reading clearly fits."""
    got = decode_declared(data)
    return got.text, got.note


def decode_declared(data: bytes, declared: Sequence[tuple[str | None, str]] = ()) -> Decoded:
    """Text of `data`, trying in order: a byte-order mark, the declared charsets (each with where
    it was declared, "the HTTP header"), UTF-8, damaged UTF-8, detection. Raises BadInput."""
    if not data.strip():
        raise BadInput("empty file")
    by_bom = _by_bom(data)
    if by_bom is not None:
        return by_bom
    if b"\x00" in data[:65536]:
        raise BadInput("binary file (NUL bytes), not text")
    problems: list[str] = []
    for charset, where in declared:
        if not charset:
            continue
        got = _as_declared(data, charset.strip().lower(), where, problems)
        if got is not None:
            return _noted(got, problems)
    try:
        return _noted(Decoded(data.decode("utf-8"), "utf-8"), problems)
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    got = _damaged_utf8(data, first_bad) or detect(data)
    if got is None:
        fits = f"not UTF-8 (invalid byte at offset {first_bad}) and no other text encoding fits"
        raise BadInput("; ".join([*problems, fits]))
    return _noted(got, problems)


def _noted(got: Decoded, problems: list[str]) -> Decoded:
    """The declaration problems met on the way, then how the text was read in the end."""
    if not problems:
        return got
    how = f"detected {got.encoding}" if got.detected else got.note or f"read as {got.encoding.upper()}"
    return replace(got, note="; ".join([*problems, how]))


def _by_bom(data: bytes) -> Decoded | None:
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as exc:
                raise BadInput(f"starts with a {name} byte-order mark but is not valid {name} "
                               f"(at byte {exc.start})") from exc
            if not text.strip():
                raise BadInput("empty file")
            if "\x00" in text:
                raise BadInput(f"binary file (NUL characters in its {name} text), not text")
            return Decoded(text, codec)
    return None


def _codec(charset: str) -> str | None:
    """The Python codec for a declared charset label; None for one unknown or not a text encoding
    (`rot13`, `base64` are codecs too)."""
    try:
        info = codecs.lookup(charset)
    except LookupError:
        return None
    if not getattr(info, "_is_text_encoding", True):
        return None
    return "cp1252" if info.name in _AS_CP1252 else info.name


def _as_declared(data: bytes, charset: str, where: str, problems: list[str]) -> Decoded | None:
    """The text as declared when the bytes fit the declaration; else None, and why in `problems`."""
    codec = _codec(charset)
    if codec is None:
        problems.append(f"{where} declares an unknown charset {charset!r}")
        return None
    if codec in ("utf-8", "utf-16", "utf-32", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"):
        # Without a byte-order mark a page is never UTF-16/32 in practice (the HTML standard reads
        # such a label as UTF-8): only UTF-8 is tried.
        try:
            return Decoded(data.decode("utf-8"), "utf-8")
        except UnicodeDecodeError as exc:
            problems.append(f"{where} declares {charset}, but the bytes are not UTF-8 (invalid byte at offset "
                            f"{exc.start})")
            return None
    if not data.isascii() and _is_utf8(data):
        # Bytes that are valid UTF-8 and not plain ASCII are UTF-8 by all odds (other encodings almost
        # never form valid UTF-8 sequences), whatever the label says: shift_jis, say, reads them
        # without an error but as mojibake.
        problems.append(f"{where} declares {charset}, but the bytes are UTF-8")
        return Decoded(data.decode("utf-8"), "utf-8")
    try:
        return Decoded(data.decode(codec), codec)
    except UnicodeDecodeError as exc:
        if codec == "cp1252":  # five bytes cp1252 leaves undefined; Latin-1 reads them (as C1 controls)
            return Decoded(data.decode("latin-1"), "latin-1")
        problems.append(f"{where} declares {charset}, but the bytes do not fit it (at byte {exc.start})")
        return None


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _damaged_utf8(data: bytes, first_bad: int) -> Decoded | None:
    """UTF-8 with a few bad bytes (a cut-off character, a stray byte) stays UTF-8, the bad bytes
    replaced by U+FFFD: more well-formed multi-byte characters than damaged sequences. Text in
    another encoding has next to no well-formed UTF-8 sequences, and goes to detection."""
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    good = sum(1 for ch in text if ord(ch) > 127 and ch != "\ufffd")
    if good <= bad:
        return None
    return Decoded(text, "utf-8", f"not valid UTF-8: {bad} damaged byte sequence{'' if bad == 1 else 's'} "
                                  f"replaced with \ufffd (the first at byte {first_bad})")


def detect(data: bytes) -> Decoded | None:
    """The most likely encoding by charset-normalizer, cp1252 preferred for Western text; None if
    nothing fits."""
    from charset_normalizer import from_bytes

    results = from_bytes(data)
    best = results.best()
    if best is None or best.chaos > MAX_CHAOS:
        return None
    encoding = best.encoding
    text = str(best)
    if _prefer_cp1252(data, best, results):
        encoding, text = "cp1252", data.decode("cp1252")
    return Decoded(text, encoding, f"not UTF-8; read as {encoding}", detected=True)


# cp1252 and its Latin-1 subset are the Western readings; the others are what detection picks
# for short Western texts that carry no language signal ("crème" read as cp1250: "crčme").
_WESTERN_CODECS = frozenset({"cp1252", "latin_1", "iso8859_15", "ascii"})
# Letters of the Western European languages in cp1252. Left out on purpose: š ž Š Ž (cp1250 has
# them at the same bytes: Czech, Slovak, Slovene, Croatian text), ð þ Ð Þ (Turkish ğ ş in cp1254).
_WESTERN_LETTERS = frozenset("ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝßàáâãäåæçèéêëìíîïñòóôõöøùúûüýÿŒœŸ")
_WESTERN_MARKS = frozenset("\u00a0«»°©®£¥¢§¶·¡¿‘’‚“”„–—…•€™†‡‹›‰")
_IN_WORD_MARKS = frozenset("’·")  # an apostrophe (don’t) or the Catalan l·l between letters
MAX_ACCENTED_SHARE = 0.3  # French, German, Spanish, Portuguese: well under 10% of letters


def _prefer_cp1252(data: bytes, best: object, results: Iterable[object]) -> bool:
    """cp1252 over detection's best guess when the guess is another single-byte code page, cp1252
    was a close guess (as little chaos), and the cp1252 reading is plausibly Western."""
    from charset_normalizer.utils import is_multi_byte_encoding

    encoding = getattr(best, "encoding", "")
    if encoding in _WESTERN_CODECS or is_multi_byte_encoding(encoding):
        return False
    chaos = getattr(best, "chaos", 1.0)
    close = any(getattr(m, "chaos", 1.0) <= chaos + 0.05
                and "cp1252" in (getattr(m, "encoding", ""), *getattr(m, "could_be_from_charset", ()))
                for m in results)
    if not close:
        return False
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return _plausibly_western(text)


def _plausibly_western(text: str) -> bool:
    """A small rule, not a language model. A text read as cp1252 is plausibly Western when
    1. every character past ASCII is a Western letter or a common typographic mark;
    2. at most MAX_ACCENTED_SHARE of its letters are accented (Cyrillic, Greek, Hebrew or Arabic
       read as cp1252 come out almost all accented: "Âèäåî");
    3. no mark sits between two letters, apostrophes aside (Polish ż read as cp1252 is "mo¿e");
    4. it does not mix õ or û with ö or ü (Hungarian ő and ű read as cp1252)."""
    letters = accented = 0
    for i, ch in enumerate(text):
        if ch.isascii():
            letters += ch.isalpha()
            continue
        if ch in _WESTERN_LETTERS:
            letters += 1
            accented += 1
        elif ch in _WESTERN_MARKS:
            before, after = text[i - 1 : i], text[i + 1 : i + 2]
            if ch not in _IN_WORD_MARKS and before.isalpha() and after.isalpha():
                return False
        elif not unicodedata.category(ch).startswith("Z"):
            return False
    if letters and accented / letters > MAX_ACCENTED_SHARE:
        return False
    return not (any(c in text for c in "õûÕÛ") and any(c in text for c in "öüÖÜ"))


# --- reading articles ----------------------------------------------------------------------------


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
    is_html = path.suffix.lower() in (".html", ".htm")
    meta_charset = META_CHARSET.search(data[:4096]) if is_html else None
    declared = [(meta_charset.group(1).decode("ascii"), "its <meta charset>")] if meta_charset else []
    decoded = decode_declared(data, declared)
    raw = decoded.text
    warnings = [decoded.note] if decoded.note else []

    if is_html:
        page_meta = read_metadata(raw, tz_map=tz_map)
        text = read_body_text(raw)
        if not text.strip():
            raise BadInput("no article text found in the page")
        hints = _merge_hints(hints, page_meta)
    else:
        text = raw

    extraction = extract_document(text, hints=hints, tz_map=tz_map)
    meta, dropped = without_malformed_link(extraction.meta)
    warnings += [dropped] if dropped else []
    if meta.published is None:
        warnings.append("no publish date found; recorded without a date (left off the timeline)")
    if not meta.title:
        meta = replace(meta, title=shown(path.stem))
    return ArticleInput(
        source=name_of(path),
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
        # Made here, where the text is read (a worker process when there are many files), so the
        # one writer only compares signatures.
        copy_signature=copy_signature(extraction.text),
    )


@dataclass(frozen=True)
class FileJob:
    """One file to read, with what the request says about every file."""

    path: Path
    story: StoryRef | None
    tags: tuple[str, ...]
    tz_map: str | None


def read_job(job: FileJob) -> tuple[ArticleInput | InputError, str | None]:
    """One file read and extracted, perhaps in a worker process (metrics.workers): whatever goes
    wrong is that file's error, with the traceback for --debug."""
    try:
        return read_article(job.path, story=job.story, tags=job.tags, tz_map=job.tz_map), None
    except BadInput as exc:
        return InputError(name_of(job.path), str(exc)), None
    except Exception as exc:  # noqa: BLE001 - the boundary of one input: nothing may cross it
        return InputError(name_of(job.path), unexpected(exc)), traceback.format_exc()


def without_malformed_link(meta: DocumentMeta) -> tuple[DocumentMeta, str | None]:
    """The metadata without a canonical link that is not a URL (`http://[::1/x`), and a warning
    saying so: the link is a hint about the page, and a broken hint must not cost the article."""
    if meta.canonical_url is None:
        return meta, None
    try:
        canonical_url(meta.canonical_url)
    except ValueError as exc:
        return replace(meta, canonical_url=None), f"canonical link {shown(meta.canonical_url)!r} ignored: {exc}"
    return meta, None


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
