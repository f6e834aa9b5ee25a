"""The one-way rules between the package's parts (docs/architecture.md), checked on the imports."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "metrics"


def imports(path: Path) -> set[str]:
    """Every module a file imports, at any depth (lazy imports inside functions count too)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found |= {f"{node.module}.{a.name}" for a in node.names}
    return found


def files(*parts: str) -> list[Path]:
    out: list[Path] = []
    for part in parts:
        target = ROOT / part
        out += sorted(target.rglob("*.py")) if target.is_dir() else [target]
    return out


def offenders(sources: list[Path], forbidden: tuple[str, ...]) -> dict[str, list[str]]:
    bad = {}
    for path in sources:
        hits = sorted(m for m in imports(path) if m in forbidden or m.startswith(tuple(f + "." for f in forbidden)))
        if hits:
            bad[str(path.relative_to(ROOT))] = hits
    return bad


@pytest.mark.parametrize(("who", "forbidden"), [
    # Collectors: a source in, model values out. No database, no write path.
    (("metrics/collectors",), ("metrics.record", "metrics.store", "duckdb", "metrics.collect_service")),
    # Extraction is pure: no I/O modules, no database, no network.
    (("metrics/extract",), ("metrics.record", "metrics.store", "duckdb", "requests", "metrics.collectors",
                            "streamlit", "subprocess", "socket")),
    # The dashboard never imports the command line.
    (("dashboard.py", "app_pages", "metrics/dashboard"), ("metrics.cli",)),
    # The read side returns data: no figures, no formatting, no Streamlit.
    (("metrics/story_data.py", "metrics/verdicts.py", "metrics/provenance.py", "metrics/coverage.py"),
     ("metrics.charts", "metrics.format", "metrics.export", "plotly", "streamlit", "metrics.dashboard")),
    # Value types live in the model, which depends on nothing above it.
    (("metrics/model.py",), ("metrics.record", "metrics.store", "metrics.collectors", "duckdb")),
])
def test_one_way_rules(who: tuple[str, ...], forbidden: tuple[str, ...]) -> None:
    assert offenders(files(*who), forbidden) == {}


def test_the_cli_reaches_sources_only_through_the_orchestrator() -> None:
    # Argument parsing may name a collector's types (FetchConfig), never call its fetching functions.
    allowed = {"metrics.collectors.http", "metrics.collectors.http.DEFAULT_FETCH", "metrics.collectors.http.FetchConfig"}
    used = {m for m in imports(PACKAGE / "cli.py") if m.startswith("metrics.collectors")}
    assert used <= allowed
    assert not {m for m in imports(PACKAGE / "cli.py") if m.startswith("metrics.record")}


def test_only_the_settings_module_reads_the_environment() -> None:
    readers = [str(p.relative_to(ROOT)) for p in files("metrics", "app_pages", "dashboard.py")
               if "os.environ" in p.read_text(encoding="utf-8") or "getenv" in p.read_text(encoding="utf-8")]
    assert readers == ["metrics/config.py"]


def test_value_types_are_defined_once_in_the_model() -> None:
    defined: dict[str, list[str]] = {}
    for path in files("metrics"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and node.name in {
                    "ArticleInput", "InputError", "StoryRef", "MediaSnapshot", "VolumePoint", "RunResult", "Outcome"}:
                defined.setdefault(node.name, []).append(str(path.relative_to(ROOT)))
    assert defined and all(where == ["metrics/model.py"] for where in defined.values()), defined
