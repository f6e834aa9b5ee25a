"""The compiled extractor (mypyc) reads exactly what the pure-Python one reads, and is used only for
the sources it was built from. Each build runs in its own interpreter, as a user's would."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from metrics.extract import native

ROOT = Path(__file__).resolve().parent.parent

# Every text of the labelled set, the seeds and a synthetic corpus, read by one build; one JSON
# line of reprs per text (claims, time references, metadata), then the build's own description.
DUMP = """
import glob, json, sys
sys.path.insert(0, {root!r})
from benchmarks.corpus import generate
from metrics.extract import extract_document, native
texts = [a.text for a in generate(300, 11)]
for name in sorted(glob.glob({root!r} + '/tests/data/claims/*.jsonl')):
    texts += [json.loads(line)['text'] for line in open(name, encoding='utf-8') if line.strip()]
texts += [open(name, encoding='utf-8').read() for name in sorted(glob.glob({root!r} + '/seeds/*.txt'))]
for text in texts:
    e = extract_document(text)
    print(json.dumps([repr(x) for x in (*e.claims, *e.time_refs, e.meta)]))
print(native.build)
"""

STATUS = "from metrics.extract import native; print(native.build)"


def _run(args: list[str], *, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """This interpreter with `args`, in `cwd`, with the environment (minus PURE_ENV) plus `env`."""
    environ = {k: v for k, v in os.environ.items() if k != native.PURE_ENV} | env
    return subprocess.run(
        [sys.executable, *args], cwd=cwd, env=environ, capture_output=True, text=True, timeout=600, check=False
    )


def _python(code: str, *, cwd: Path = ROOT, pure: bool = False) -> str:
    done = _run(["-c", code], cwd=cwd, **({native.PURE_ENV: "1"} if pure else {}))
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def _require_build() -> None:
    if native.has_build():
        return
    if os.environ.get("MEDIAMETRICS_REQUIRE_NATIVE") == "1":
        pytest.fail(
            "MEDIAMETRICS_REQUIRE_NATIVE=1 but there is no compiled build: run `mediametrics compile`"
        )
    pytest.skip("no compiled build of these sources (`mediametrics compile`)")


def test_compiled_and_pure_builds_read_the_same() -> None:
    _require_build()
    compiled = _python(DUMP.format(root=str(ROOT))).splitlines()
    pure = _python(DUMP.format(root=str(ROOT)), pure=True).splitlines()
    assert compiled[-1].startswith("compiled (mypyc"), compiled[-1]
    assert pure[-1] == f"pure Python ({native.PURE_ENV} is set)"
    assert len(compiled) == len(pure) > 1_500
    differ = [i for i, (a, b) in enumerate(zip(compiled[:-1], pure[:-1], strict=True)) if a != b]
    assert not differ, (
        f"{len(differ)} texts differ, first: {compiled[differ[0]][:500]} != {pure[differ[0]][:500]}"
    )
    assert sum(len(json.loads(line)) for line in compiled[:-1]) > 3_000  # the texts did yield claims


def _copy_package(dest: Path) -> Path:
    shutil.copytree(ROOT / "metrics", dest / "metrics", ignore=shutil.ignore_patterns("__pycache__"))
    return dest / "metrics" / "extract"


def test_a_build_is_found_by_content_wherever_the_sources_are(tmp_path: Path) -> None:
    _require_build()
    _copy_package(tmp_path)
    assert _python(STATUS, cwd=tmp_path).startswith(f"compiled (mypyc, {native.build_dir().name})")


def test_an_edited_module_is_never_shadowed_by_a_stale_build(tmp_path: Path) -> None:
    extract = _copy_package(tmp_path)
    claims = extract / "claims.py"
    claims.write_text(claims.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert native.source_digest(extract) != native.source_digest()
    status = _python(STATUS, cwd=tmp_path)
    assert status.startswith("pure Python (no compiled build of these sources"), status


def test_a_build_that_does_not_load_falls_back_to_pure_python_and_says_why(tmp_path: Path) -> None:
    extract = _copy_package(tmp_path)
    zones = extract / "zones.py"
    zones.write_text(zones.read_text(encoding="utf-8") + "\n# a build that will not load\n", encoding="utf-8")
    broken = native.builds_root() / native.source_digest(extract)
    suffix = str(__import__("sysconfig").get_config_var("EXT_SUFFIX"))
    try:
        (broken / "extract").mkdir(parents=True)
        (broken / "lib").mkdir()
        (broken / "extract" / f"{native.COMPILED[0]}{suffix}").write_bytes(b"not a shared library")
        (broken / native._DONE).write_text("planted by a test\n")
        out = _python(
            STATUS + "\nfrom metrics.extract import extract_document\n"
            "print(len(extract_document('It has more than 5 million views.').claims))",
            cwd=tmp_path,
        ).splitlines()
    finally:
        shutil.rmtree(broken, ignore_errors=True)
    assert out[0].startswith(f"pure Python (the compiled build in {broken} did not load"), out[0]
    assert out[1] == "1"


def test_without_a_c_compiler_compile_says_why_in_one_line_and_extraction_still_works(tmp_path: Path) -> None:
    extract = _copy_package(tmp_path)
    windows = extract / "windows.py"
    windows.write_text(windows.read_text(encoding="utf-8") + "\n# never compiled\n", encoding="utf-8")
    # setuptools drives the compiler CC names.
    done = _run(["-m", "metrics.cli", "compile"], cwd=tmp_path, CC=str(tmp_path / "no-such-compiler"))
    assert done.returncode == 1
    errors = done.stderr.strip().splitlines()
    assert len(errors) == 1, errors
    assert errors[0].startswith("error: could not compile the extractor:"), errors[0]
    assert "no-such-compiler" in errors[0] and "it runs as pure Python" in errors[0]
    assert not (native.builds_root() / native.source_digest(extract)).exists()
    status = _python(
        STATUS + "\nfrom metrics.extract import extract_document\n"
        "print(len(extract_document('It has more than 5 million views.').claims))",
        cwd=tmp_path,
    ).splitlines()
    assert status == [status[0], "1"] and status[0].startswith("pure Python (no compiled build"), status
