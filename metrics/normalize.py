"""Keys that decide when two things are the same: URLs, texts, tags, story slugs."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Parameters that identify a click, not a document.
_TRACKING_EXACT = {"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "ref_src", "cmpid"}
_TRACKING_PREFIXES = ("utm_", "at_", "__")

_WS = re.compile(r"\s+")
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


class MalformedURL(ValueError):
    """A URL that cannot be taken apart (a broken IPv6 literal, a port out of range...): the message
    is the one line a user sees next to the input."""


def canonical_url(url: str) -> str:
    """Lower-case scheme and host, no fragment, no tracking parameters, no default port.

    Raises MalformedURL (a ValueError) when the URL cannot be parsed: urllib.parse raises a bare
    ValueError for `http://[::1/x` or `:99999`, which once escaped from a page's canonical link and
    sank the whole batch around it.
    """
    if not is_text(url):
        raise MalformedURL("malformed URL (holds bytes that are not text)")
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").lower()
        port = parts.port
    except ValueError as exc:
        raise MalformedURL(f"malformed URL ({_reason(exc)})") from exc
    scheme = parts.scheme.lower() or "https"
    if ":" in host:
        host = f"[{host}]"  # an IPv6 literal keeps its brackets, or the port would be read into it
    netloc = host if port is None or (scheme, port) in {("http", 80), ("https", 443)} else f"{host}:{port}"
    params = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if k.lower() not in _TRACKING_EXACT and not k.lower().startswith(_TRACKING_PREFIXES)
    ]
    path = parts.path or "/"
    return urlunsplit((scheme, netloc, path, urlencode(params), ""))


def _reason(exc: ValueError) -> str:
    text = str(exc).strip()
    return text[:1].lower() + text[1:] if text else "cannot be parsed"


def is_text(value: str) -> bool:
    """False for a str holding lone surrogates: undecodable bytes (a file name that is not UTF-8,
    read with surrogateescape), which no UTF-8 store or terminal accepts."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def as_text(value: str) -> str:
    """`value` safe to store: bytes that were not UTF-8 (surrogate-escaped by the OS layer) appear as
    backslash escapes, `caf\\xe9`, instead of failing the write."""
    if is_text(value):
        return value
    try:
        raw = value.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate that no OS call made (from JSON, say): escape it as is
        return value.encode("utf-8", "backslashreplace").decode("utf-8")
    return raw.decode("utf-8", "backslashreplace")


def shown(value: str) -> str:
    """A name (file, URL, input) safe to print on one line and to store: undecodable bytes as with
    `as_text`, and control characters escaped too (`\\n`, `\\x1b`), so that a file name cannot
    break a line of the report or send the terminal an escape sequence."""
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], as_text(value))


def normalised_text(text: str) -> str:
    return _WS.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()


def text_hash(text: str) -> str:
    """Same article text up to case, Unicode form and white space: same hash."""
    return hashlib.sha256(normalised_text(text).encode("utf-8")).hexdigest()


def tag_key(tag: str) -> str:
    """'US-China', 'US China' and 'us china' are one tag."""
    return _NON_WORD.sub("", unicodedata.normalize("NFKC", tag).casefold())


def clean_tag(tag: str) -> str:
    return _WS.sub(" ", tag).strip()


SLUG_MAX_CHARS = 60


def story_slug(name: str) -> str:
    """A story's name as its slug, in any script: NFKC, case-folded, its letters, marks and digits
    kept and every other run of characters one '-'. 'Россия: видео' -> 'россия-видео'.

    Not transliterated: Cyrillic, Chinese or Arabic names once all became 'story' and were filed
    together. Marks are kept with their letters, or Devanagari words would fall apart at every
    vowel sign. A name with no letter or digit at all is 'story'.
    """
    folded = unicodedata.normalize("NFKC", name).casefold()
    kept = "".join(c if unicodedata.category(c)[0] in "LMN" else " " for c in folded)
    slug = "-".join(kept.split())
    return slug[:SLUG_MAX_CHARS].rstrip("-") or "story"


def story_name_key(name: str) -> str:
    """When two story names are the same name: up to Unicode form, case and white space."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def url_key(url: str) -> str:
    """The key a URL is recorded and looked up under: its canonical form; one that cannot be parsed
    (a broken IPv6 literal) is kept as written, so it still finds the same article again rather
    than failing a whole batch."""
    try:
        return canonical_url(url)
    except ValueError:
        return url.strip()
