"""Sentence cases: a text in, its expected claims out, from tests/data/claims/cases/*.jsonl.

The format is described in tests/data/claims/cases/README.md. Each case is one test, named by its id.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from metrics.extract import extract_document
from metrics.extract.dates import format_offset
from metrics.model import Claim, DocumentMeta, PublishTime

CASES_DIR = Path(__file__).resolve().parent / "data" / "claims" / "cases"
CASE_KEYS = frozenset({"id", "text", "published", "language", "only_metrics", "expect"})
# The Claim fields an expected claim may give; each is compared with ==.
CLAIM_KEYS = frozenset(
    {
        "metric", "value", "unit", "bound", "low", "high", "qualifier", "scope", "time_window", "subject",
        "platform", "quote",
    }
)  # fmt: skip


def _load() -> list[tuple[str, dict[str, Any]]]:
    cases: list[tuple[str, dict[str, Any]]] = []
    for path in sorted(CASES_DIR.glob("*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                cases.append((f"{path.name}:{n}", json.loads(line)))
    return cases


CASES = _load()


def _hints(case: dict[str, Any]) -> DocumentMeta | None:
    published, language = case.get("published"), case.get("language")
    if published is None and language is None:
        return None
    publish_time = None
    if published is not None:
        instant = datetime.fromisoformat(published)
        assert instant.tzinfo is not None, f"{case['id']}: published {published!r} needs a UTC offset"
        publish_time = PublishTime(
            instant.astimezone(UTC), format_offset(instant.utcoffset()), "minute", "test case"
        )
    return DocumentMeta(published=publish_time, language=language)


def _describe(c: Claim) -> str:
    extra = ", ".join(
        f"{k}={getattr(c, k)!r}"
        for k in ("low", "high", "qualifier", "scope", "time_window", "platform", "subject")
    )
    return f"{c.metric} {c.value!r} {c.bound} quote={c.quote!r} ({extra})"


def test_case_files_are_well_formed() -> None:
    assert CASES, f"no cases in {CASES_DIR}"
    seen: dict[str, str] = {}
    for where, case in CASES:
        assert set(case) <= CASE_KEYS, f"{where}: unknown keys {sorted(set(case) - CASE_KEYS)}"
        assert isinstance(case.get("id"), str) and case["id"], f"{where}: no id"
        assert case["id"] not in seen, f"{where}: id {case['id']!r} also at {seen[case['id']]}"
        seen[case["id"]] = where
        assert isinstance(case.get("text"), str) and case["text"], f"{where}: no text"
        assert isinstance(case.get("expect"), list), f"{where}: expect must be a list"
        only = case.get("only_metrics")
        for claim in case["expect"]:
            assert isinstance(claim, dict) and claim, (
                f"{where}: an expected claim must give at least one field"
            )
            assert set(claim) <= CLAIM_KEYS, (
                f"{where}: unknown claim fields {sorted(set(claim) - CLAIM_KEYS)}"
            )
            if only is not None and "metric" in claim:
                assert claim["metric"] in only, f"{where}: {claim['metric']!r} is not in only_metrics"
        if case.get("published") is not None:
            assert datetime.fromisoformat(case["published"]).tzinfo is not None, (
                f"{where}: published needs an offset"
            )


@pytest.mark.parametrize("case", [case for _, case in CASES], ids=[str(case.get("id")) for _, case in CASES])
def test_claim_case(case: dict[str, Any]) -> None:
    text: str = case["text"]
    found = extract_document(text, hints=_hints(case)).claims
    for c in found:
        for s, e in (c.span, *c.also_spans):  # type: ignore[misc]
            assert text[s:e] == c.quote, (
                f"{case['id']}: quote {c.quote!r} is not text[{s}:{e}] = {text[s:e]!r}"
            )

    expect: list[dict[str, Any]] = case["expect"]
    only = case.get("only_metrics")
    wanted = {e.get("metric") for e in expect}
    got = sorted(
        (
            c
            for c in found
            if (
                c.metric in only
                if only is not None
                else c.metric != "video_published" or "video_published" in wanted
            )
        ),
        key=lambda c: c.span or (0, 0),
    )
    problems: list[str] = []
    if len(got) != len(expect):
        problems.append(f"expected {len(expect)} claim(s), got {len(got)}")
    for i, (want, claim) in enumerate(zip(expect, got, strict=False)):
        for key, value in want.items():
            actual = getattr(claim, key)
            if actual != value:
                problems.append(f"claim {i}: {key} expected {value!r}, got {actual!r}")
    if problems:
        lines = [f"case {case['id']!r}: {text!r}", *problems, "expected:"]
        lines += [f"  {e}" for e in expect] or ["  (no claim)"]
        lines += ["got" + (f" (only {', '.join(only)})" if only is not None else "") + ":"]
        lines += [f"  {_describe(c)}" for c in got] or ["  (no claim)"]
        pytest.fail("\n".join(lines), pytrace=False)
