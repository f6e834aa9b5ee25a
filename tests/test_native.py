"""The compiled extractor (mypyc) reads exactly what the pure-Python one reads, and is used only for
the sources it was built from. Each build runs in its own interpreter, as a user's would."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import time
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


EXTRACT_ONE = (
    STATUS + "\nfrom metrics.extract import extract_document\n"
    "print(len(extract_document('It has more than 5 million views.').claims))"
)


def test_a_build_that_does_not_load_falls_back_to_pure_python_and_says_why(tmp_path: Path) -> None:
    extract = _copy_package(tmp_path)
    builds = tmp_path / "builds"  # planted here, never in the venv's own builds folder
    broken = builds / native.source_digest(extract)
    suffix = str(sysconfig.get_config_var("EXT_SUFFIX"))
    (broken / "extract").mkdir(parents=True)
    (broken / "lib").mkdir()
    (broken / "extract" / f"{native.COMPILED[0]}{suffix}").write_bytes(b"not a shared library")
    (broken / native._DONE).write_text("planted by a test\n")
    done = _run(["-c", EXTRACT_ONE], cwd=tmp_path, **{native.NATIVE_DIR_ENV: str(builds)})
    out = done.stdout.splitlines()
    assert out[0].startswith(f"pure Python (the compiled build in {broken} did not load"), out[0]
    assert out[1] == "1"


def test_without_a_c_compiler_compile_says_why_in_one_line_and_extraction_still_works(tmp_path: Path) -> None:
    extract = _copy_package(tmp_path)
    builds = tmp_path / "builds"
    env = {native.NATIVE_DIR_ENV: str(builds)}
    # setuptools drives the compiler CC names.
    done = _run(["-m", "metrics.cli", "compile"], cwd=tmp_path, CC=str(tmp_path / "no-such-compiler"), **env)
    assert done.returncode == 1
    errors = done.stderr.strip().splitlines()
    assert len(errors) == 1, errors
    assert errors[0].startswith("error: could not compile the extractor: command "), errors[0]
    assert "no-such-compiler" in errors[0] and "it runs as pure Python" in errors[0]
    assert not (builds / native.source_digest(extract)).exists()
    assert list(builds.glob(".building-*")) == []
    out = _run(["-c", EXTRACT_ONE], cwd=tmp_path, **env).stdout.splitlines()
    log = builds / native._FAILED_LOG
    assert out == [f"pure Python (no compiled build of these sources: the last compile failed, see {log})", "1"]


@pytest.mark.parametrize(
    ("output", "code", "line"),
    [
        ("running build_ext\ngcc -Werror -c x.c\nerror: command 'gcc' failed: No such file or directory\n", 1,
         "error: command 'gcc' failed: No such file or directory"),
        (("gcc -c build/x.c\nbuild/x.c:1:10: fatal error: Python.h: No such file or directory\n"
          "error: command '/usr/bin/gcc' failed with exit code 1\n"), 1,
         "build/x.c:1:10: fatal error: Python.h: No such file or directory"),
        ("metrics/extract/windows.py:184: warning: a warning\nmetrics/extract/windows.py:190: error: Incompatible types\n",
         1, "metrics/extract/windows.py:190: error: Incompatible types"),
        ("gcc -c build/x.c -O3\n", -9, "the compiler was killed by signal 9 (out of memory? compiling needs about 5 GB)"),
        ("something went wrong\n", 2, "something went wrong"),
        ("", 2, "exit status 2"),
    ],
)  # fmt: skip
def test_a_failed_compile_is_summed_up_by_its_first_error(output: str, code: int, line: str) -> None:
    assert native.failure_line(output, code) == line


def test_leftovers_of_interrupted_builds_are_cleared(tmp_path: Path) -> None:
    target = tmp_path / "0123456789abcdef0123"
    (target / "extract").mkdir(parents=True)  # renamed into place by no one: no completion mark
    fresh, old = tmp_path / ".building-fresh", tmp_path / ".building-old"
    fresh.mkdir()
    old.mkdir()
    os.utime(old, (time.time() - 2 * 86400,) * 2)
    native.clear_leftovers(tmp_path, target, exclusive=False)
    assert not target.exists() and not old.exists() and fresh.exists()
    native.clear_leftovers(tmp_path, target, exclusive=True)  # holding the lock, no work folder is in use
    assert not fresh.exists()
    done = tmp_path / "fedcba9876543210fedc"
    (done / "extract").mkdir(parents=True)
    (done / native._DONE).write_text("complete\n")
    native.clear_leftovers(tmp_path, done, exclusive=True)
    assert done.exists()
