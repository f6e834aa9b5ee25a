"""How much page metadata we read right, on real news pages.

    python benchmarks/html_metadata.py [CORPUS_DIR]

Reads every `<name>/source.html` under CORPUS_DIR (default: ../shared/corpus/html beside the
project, when it exists) and compares metrics.extract.html.read_metadata with the
`expected-metadata.json` beside it: Mozilla Readability's own expected output, a reference and
not checked gold. Titles, bylines and site names are compared after folding case and white
space (bylines also without a leading "By"); publish times as instants to the second when the
reference states a zone, else as wall-clock times.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from metrics.extract.html import read_metadata
from metrics.model import PublishTime

FIELDS = ("title", "byline", "siteName", "publishedTime")


def fold(text: str | None) -> str:
    return " ".join(unicodedata.normalize("NFKC", text or "").casefold().split())


def fold_name(text: str | None) -> str:
    """Bylines compare as names: 'By Erin Cunningham' and 'Erin Cunningham' are the same byline."""
    return re.sub(r"^(by|par|por|von)\s+", "", fold(text))


def _local(published: PublishTime) -> datetime:
    if not published.offset:
        return published.instant.replace(tzinfo=None)
    sign = -1 if published.offset.startswith("-") else 1
    hours, minutes = published.offset[1:].split(":")
    zone = timezone(sign * timedelta(hours=int(hours), minutes=int(minutes)))
    return published.instant.astimezone(zone).replace(tzinfo=None)


def same_time(expected: str, published: PublishTime | None) -> bool:
    if published is None:
        return False
    try:
        want = datetime.fromisoformat(expected)
    except ValueError:
        return False
    # Compared to the second: sub-second digits are not kept (PublishTime precision is "second").
    if want.tzinfo is not None:
        return want.replace(microsecond=0) == published.instant.replace(microsecond=0)
    return want.replace(microsecond=0) == _local(published).replace(microsecond=0)


def main() -> int:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "corpus" / "html"
    if not corpus.is_dir():
        print(f"no corpus at {corpus}; skipping (pass a folder of <name>/source.html + expected-metadata.json)")
        return 0
    right = dict.fromkeys(FIELDS, 0)
    total = dict.fromkeys(FIELDS, 0)
    misses: list[str] = []
    pages = sorted(p for p in corpus.iterdir() if (p / "source.html").is_file())
    for page in pages:
        html = (page / "source.html").read_text(encoding="utf-8", errors="replace")
        expected = json.loads((page / "expected-metadata.json").read_text(encoding="utf-8"))
        meta = read_metadata(html)
        got = {"title": meta.title, "byline": meta.byline, "siteName": meta.outlet, "publishedTime": meta.published}
        for field in FIELDS:
            want = expected.get(field)
            if not want:
                continue  # the reference has nothing to compare with
            total[field] += 1
            if field == "publishedTime":
                ok = same_time(want, got[field])
            elif field == "byline":
                ok = fold_name(want) == fold_name(got[field])
            else:
                ok = fold(want) == fold(got[field])
            right[field] += ok
            if not ok:
                shown = got[field].instant.isoformat() if isinstance(got[field], PublishTime) else got[field]
                misses.append(f"  {page.name:<26} {field:<13} expected {want!r:.70}  got {shown!r:.70}")
    print(f"HTML metadata on {len(pages)} real news pages ({corpus}), against Readability's expected output:")
    for field in FIELDS:
        print(f"  {field:<13} {right[field]:>2}/{total[field]:<2} right")
    print("misses:")
    print("\n".join(misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
