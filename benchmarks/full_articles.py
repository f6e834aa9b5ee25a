"""Full-article precision: every claim the extractor emits on whole real pages, judged by hand.

Sentences tell recall; whole pages tell what the extractor invents among a page's other numbers
(prices, years, scores, reading times, captions). The pages are not kept in the project: they are
fetched into a temporary folder, read, judged and deleted. Only the verdicts are kept, in
tests/data/claims/real_pages/verdicts.jsonl, one line per emitted claim.

    python benchmarks/full_articles.py emit PAGES.jsonl [--verdicts V] > /tmp/claims.jsonl
        PAGES.jsonl: one page per line, {"url", "outlet", "date", "language", "text"} (language optional)
        prints one line per claim with its sentence, for a judge to mark "right" or "wrong"; a claim
        already judged in V (same page, quote, metric, value, bound, scope, window, platform) carries
        its verdict over, so a rerun after a change only asks about what changed
    python benchmarks/full_articles.py score [VERDICTS.jsonl]
        precision = right / judged, per page and pooled

A claim is "right" when a careful reader would record that figure with that metric and bound from
the page (the same rule as the sentence sets); anything else is "wrong", with a reason.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from metrics.extract import extract_document
from metrics.model import DocumentMeta

VERDICTS = ROOT / "tests" / "data" / "claims" / "real_pages" / "verdicts.jsonl"
_CONTEXT = 160  # characters either side of a quote, enough to judge it


_KEY = ("url", "quote", "metric", "value", "bound", "scope", "time_window", "platform")


def _key(row: dict[str, object]) -> tuple[object, ...]:
    return tuple(row.get(k) for k in _KEY)


def emit(pages: Path, verdicts: Path | None = None) -> int:
    known: dict[tuple[object, ...], dict[str, object]] = {}
    if verdicts is not None and verdicts.exists():
        for line in verdicts.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                known[_key(row)] = row
    for n, line in enumerate(pages.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        page = json.loads(line)
        text = page["text"]
        hints = DocumentMeta(language=page.get("language"))
        for i, c in enumerate(extract_document(text, hints=hints).claims):
            if c.metric == "video_published":
                continue
            start, end = c.span or (0, 0)
            row = {
                "url": page["url"],
                "outlet": page.get("outlet"),
                "page": n,
                "i": i,
                "metric": c.metric,
                "value": c.value,
                "bound": c.bound,
                "low": c.low,
                "high": c.high,
                "scope": c.scope,
                "time_window": c.time_window,
                "platform": c.platform,
                "quote": c.quote,
                "context": text[max(0, start - _CONTEXT) : end + _CONTEXT].replace("\n", " "),
            }
            old = known.get(_key(row))
            if old is not None:
                row["verdict"], row["why"] = old["verdict"], old.get("why", "")
            print(json.dumps(row, ensure_ascii=False))
    return 0


def score(verdicts: Path) -> int:
    rows = [json.loads(x) for x in verdicts.read_text(encoding="utf-8").splitlines() if x.strip()]
    pages: dict[str, Counter[str]] = {}
    for r in rows:
        pages.setdefault(r["url"], Counter())[r["verdict"]] += 1
    right = sum(c["right"] for c in pages.values())
    judged = sum(sum(c.values()) for c in pages.values())
    for url, c in pages.items():
        print(f"{c['right']:>3}/{sum(c.values()):<3} {url}")
    wrong = Counter(r.get("why", "") for r in rows if r["verdict"] != "right")
    for why, k in wrong.most_common():
        print(f"  wrong x{k}: {why}")
    print(
        f"{len(pages)} pages, {judged} claims judged, {right} right: precision {right / judged:.3f}"
        if judged
        else "no verdicts"
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    e = sub.add_parser("emit", help="claims on each page, with context, for judging")
    e.add_argument("pages", type=Path)
    e.add_argument("--verdicts", type=Path, default=VERDICTS, help="carry verdicts over from this file")
    s = sub.add_parser("score", help="precision from a verdicts file")
    s.add_argument("verdicts", type=Path, nargs="?", default=VERDICTS)
    args = parser.parse_args(argv)
    return emit(args.pages, args.verdicts) if args.cmd == "emit" else score(args.verdicts)


if __name__ == "__main__":
    raise SystemExit(main())
