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


def canonical_url(url: str) -> str:
    """Lower-case scheme and host, no fragment, no tracking parameters, no default port."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower() or "https"
    host = (parts.hostname or "").lower()
    port = parts.port
    netloc = host if port is None or (scheme, port) in {("http", 80), ("https", 443)} else f"{host}:{port}"
    params = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if k.lower() not in _TRACKING_EXACT and not k.lower().startswith(_TRACKING_PREFIXES)
    ]
    path = parts.path or "/"
    return urlunsplit((scheme, netloc, path, urlencode(params), ""))


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


def slugify(title: str, *, max_len: int = 60) -> str:
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    slug = _NON_WORD.sub("-", ascii_title.lower()).strip("-")
    return slug[:max_len].rstrip("-") or "story"
