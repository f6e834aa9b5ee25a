"""The stable `mediametrics extract --json` contract, through the installed console script."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, SEED_ARTICLE


def run_extract(*args: str) -> subprocess.CompletedProcess[str]:
    script = shutil.which("mediametrics", path=str(Path(sys.executable).parent))
    command = [script] if script else [sys.executable, "-m", "metrics.cli"]
    return subprocess.run([*command, "extract", *args], capture_output=True, text=True, cwd=ROOT, timeout=120,
                          check=False)


def test_extract_json_prints_the_seed_values() -> None:
    done = run_extract(str(SEED_ARTICLE.relative_to(ROOT)), "--json")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 1
    doc = json.loads(lines[0])
    assert doc["source"] == "seeds/000_b457bbf5334f3be3.txt"
    assert doc["title"] == "CIA releases Mandarin videos urging Chinese officials to spill secrets"
    assert (doc["outlet"], doc["byline"]) == ("Business Standard", "AP")
    assert (doc["published_at"], doc["published_offset"]) == ("2025-05-03T02:32:00Z", "+05:30")
    assert doc["topics"] == ["China", "US China", "intelligence agencies"]
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    claims = {c["metric"]: c for c in doc["claims"]}
    assert {k: claims["views"][k] for k in ("value", "unit", "bound", "qualifier", "scope", "time_window")} == {
        "value": 5_000_000, "unit": "count", "bound": "lower", "qualifier": "more than", "scope": "combined",
        "time_window": "first day"}
    assert (claims["video_length"]["value"], claims["video_length"]["unit"], claims["video_length"]["bound"]) == (
        120, "seconds", "lower")
    assert (claims["video_count"]["value"], claims["video_count"]["bound"]) == (2, "exact")
    # "first day" after Thursday's release: a range, ending no later than publication.
    assert (claims["views"]["as_of_start"], claims["views"]["as_of"]) == (
        "2025-05-02T04:00:00+00:00", "2025-05-03T02:32:00+00:00")
    assert "counted from the release" in claims["views"]["as_of_rule"]
    for claim in doc["claims"]:
        start, end = claim["span"]
        assert text[start:end] == claim["quote"]
        assert set(claim) >= {"metric", "value", "unit", "bound", "qualifier", "scope", "time_window", "subject",
                              "platform", "quote", "span"}
    refs = {(r["text"], r["resolved_start"][:10], r["granularity"]) for r in doc["time_refs"]}
    assert refs == {("Thursday", "2025-05-01", "day"), ("Last fall", "2024-09-01", "season"),
                    ("three years ago", "2022-01-01", "year")}
    quotes = " ".join(c["quote"] for c in doc["claims"])
    assert "3 min" not in quotes and "1886" not in quotes


def test_extract_names_a_bad_input_and_still_prints_the_good_one(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    done = run_extract(str(empty), str(SEED_ARTICLE), "--json")
    assert done.returncode == 1
    assert len(done.stdout.splitlines()) == 1
    assert done.stderr.strip() == f"error: {empty}: empty file"
