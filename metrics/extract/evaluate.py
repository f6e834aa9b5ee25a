"""Precision and recall of the claims extractor on the labelled set in tests/data/claims/.

Pure apart from reading the set files. `python -m metrics.extract.evaluate [folder]` prints a
per-metric table, then every miss and false positive, so a change to a pattern can be judged on
the whole set at once. The matching rule is described in tests/data/claims/README.md.
"""

from __future__ import annotations

import json
import math
import os
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from metrics.extract import extract_document
from metrics.extract.dates import format_offset
from metrics.model import Claim, DocumentMeta, PublishTime

OPTIONAL_KEYS: tuple[str, ...] = ("scope", "time_window", "platform", "low", "high", "as_of", "as_of_start")
DEFAULT_FOLDER = Path(__file__).resolve().parents[2] / "tests" / "data" / "claims"
_NUMERIC = ("value", "low", "high")


@dataclass(frozen=True)
class LabelledCase:
    id: str
    text: str
    claims: tuple[dict[str, Any], ...]
    published: datetime | None = None
    language: str | None = None
    source: str = ""  # file the case came from


@dataclass(frozen=True)
class Score:
    expected: int
    predicted: int
    matched: int

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0


@dataclass
class CaseResult:
    case: LabelledCase
    missed: list[dict[str, Any]] = field(default_factory=list)
    false_positives: list[Claim] = field(default_factory=list)
    matched: list[tuple[dict[str, Any], Claim]] = field(default_factory=list)
    predicted: list[Claim] = field(default_factory=list)


def load_labelled(folder: Path = DEFAULT_FOLDER) -> list[LabelledCase]:
    """Every case in folder/*.jsonl, files in name order, lines in file order."""
    cases: list[LabelledCase] = []
    for path in sorted(folder.glob("*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            raw = json.loads(line)
            published = raw.get("published")
            cases.append(
                LabelledCase(
                    id=str(raw.get("id") or f"{path.stem}:{n}"),
                    text=raw["text"],
                    claims=tuple(raw.get("claims", ())),
                    published=datetime.fromisoformat(published) if published else None,
                    language=raw.get("language"),
                    source=path.name,
                )
            )
    return cases


def _hints(case: LabelledCase) -> DocumentMeta | None:
    if case.published is None and case.language is None:
        return None
    published = None
    if case.published is not None and case.published.tzinfo is not None:
        published = PublishTime(
            case.published.astimezone(UTC),
            format_offset(case.published.utcoffset()),
            "minute",
            "labelled set",
        )
    return DocumentMeta(published=published, language=case.language)


def _same(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if isinstance(b, datetime):
        # as_of is labelled as an ISO 8601 string with its offset; compare instants.
        try:
            return datetime.fromisoformat(str(a)) == b
        except ValueError:
            return False
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9)
    return bool(a == b)


def matches(expected: dict[str, Any], claim: Claim) -> bool:
    """The matching rule: metric, value and bound equal, and every optional key the label gives."""
    if expected.get("metric") != claim.metric:
        return False
    if not _same(expected.get("value"), claim.value) or expected.get("bound") != claim.bound:
        return False
    return all(_same(expected[key], getattr(claim, key)) for key in OPTIONAL_KEYS if key in expected)


def score_case(case: LabelledCase, predicted: Sequence[Claim]) -> CaseResult:
    wanted = {c.get("metric") for c in case.claims}
    kept = [c for c in predicted if c.metric != "video_published" or "video_published" in wanted]
    result = CaseResult(case, predicted=kept)
    open_expected = list(case.claims)
    for claim in kept:
        hit = next((e for e in open_expected if matches(e, claim)), None)
        if hit is None:
            result.false_positives.append(claim)
        else:
            open_expected.remove(hit)
            result.matched.append((hit, claim))
    result.missed = open_expected
    return result


def run(cases: Iterable[LabelledCase]) -> list[CaseResult]:
    return [score_case(case, extract_document(case.text, hints=_hints(case)).claims) for case in cases]


def scores(results: Iterable[CaseResult]) -> dict[str, Score]:
    counts: dict[str, list[int]] = {}
    for r in results:
        for e in r.case.claims:
            counts.setdefault(str(e.get("metric")), [0, 0, 0])[0] += 1
        for c in r.predicted:
            counts.setdefault(c.metric, [0, 0, 0])[1] += 1
        for e, _ in r.matched:
            counts.setdefault(str(e.get("metric")), [0, 0, 0])[2] += 1
    out = {metric: Score(*v) for metric, v in sorted(counts.items())}
    out["all"] = Score(*(sum(v[i] for v in counts.values()) for i in range(3)))
    return out


def by_source(results: Iterable[CaseResult]) -> dict[str, Score]:
    """Overall score per labelled file (batch), in file order, then "all" pooled over them."""
    grouped: dict[str, list[CaseResult]] = {}
    for r in results:
        grouped.setdefault(r.case.source, []).append(r)
    # "real2" before "real10": numbers in file names in number order.
    natural = sorted(
        grouped, key=lambda name: [int(t) if t.isdigit() else t for t in re.split(r"([0-9]+)", name)]
    )
    out = {source: scores(grouped[source])["all"] for source in natural}
    out["all"] = Score(
        *(sum(getattr(s, k) for s in out.values()) for k in ("expected", "predicted", "matched"))
    )
    return out


def evaluate(cases: Iterable[LabelledCase]) -> dict[str, Score]:
    """Per-metric scores and "all", over every sentence of `cases`."""
    return scores(run(cases))


def _claim_desc(c: Claim) -> str:
    extra = ", ".join(f"{k}={getattr(c, k)!r}" for k in OPTIONAL_KEYS if getattr(c, k) is not None)
    return f"{c.metric} {c.value!r} {c.bound} [{c.quote!r}]" + (f" ({extra})" if extra else "")


def table(score_map: dict[str, Score]) -> str:
    lines = [f"{'metric':<16}{'expected':>9}{'predicted':>10}{'matched':>8}{'precision':>10}{'recall':>8}"]
    for metric, s in score_map.items():
        lines.append(
            f"{metric:<16}{s.expected:>9}{s.predicted:>10}{s.matched:>8}{s.precision:>10.3f}{s.recall:>8.3f}"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) > 1 or (args and args[0].startswith("-")):
        print(
            f"usage: python -m metrics.extract.evaluate [folder]  (default {DEFAULT_FOLDER})", file=sys.stderr
        )
        return 2
    folder = Path(args[0]) if args else DEFAULT_FOLDER
    if not folder.is_dir() or not any(folder.glob("*.jsonl")):
        print(f"error: {folder} is not a folder of labelled .jsonl files", file=sys.stderr)
        return 2
    cases = load_labelled(folder)
    results = run(cases)
    print(f"{len(cases)} sentences from {folder}")
    print(table(scores(results)))
    print()
    print(table(by_source(results)).replace("metric  ", "file    ", 1))
    for r in results:
        if not (r.missed or r.false_positives):
            continue
        print(f"\n{r.case.id}: {r.case.text}")
        for e in r.missed:
            print(f"  MISSED   {json.dumps(e)}")
        for c in r.false_positives:
            print(f"  FALSE+   {_claim_desc(c)}")
    return 0


if __name__ == "__main__":
    try:
        raise SystemExit(main())
    except BrokenPipeError:
        # `... evaluate | head`: the reader left, as mediametrics.cli also treats it; not an error.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise SystemExit(0) from None
