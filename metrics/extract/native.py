"""The extractor's compiled build: the same modules, compiled to C extensions by mypyc.

    mediametrics compile            # compile, unless a build of these sources exists
    mediametrics compile --status   # say which build `import metrics.extract` uses, and why

Why: extraction is interpreter-bound (the regex engine is already C), and mypyc, the compiler
that ships with mypy and builds mypy, black and charset-normalizer, runs the same type-checked
code about 1.3x faster. Results are identical: tests/test_native.py compares both builds on the
labelled set, the seeds and a synthetic corpus, and `tasks.py test` runs every test on the
compiled build.

Where it lives and when it is used: in the interpreter's prefix (the project's `.venv`), in a
folder named by a digest of the sources it was built from. `activate` puts that folder first on
the package's path only if the digest of the sources on disk now is the same, so an edited module
is never shadowed by a stale build: it runs as pure Python until the next build. Set
MEDIAMETRICS_PURE_PYTHON=1 to run pure Python regardless (to compare, or to debug).
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

# The hot path of extract_document. Not compiled: __init__ (it activates the build), this module,
# evaluate (a command-line report) and html (I/O around trafilatura, not per-sentence work).
COMPILED = (
    "alternation",
    "anchors",
    "claims",
    "dates",
    "errors",
    "german",
    "numbers",
    "periods",
    "spans",
    "textmeta",
    "timerefs",
    "windows",
    "zones",
)
PURE_ENV = "MEDIAMETRICS_PURE_PYTHON"
# Where builds go instead of the interpreter's prefix (tests; a read-only or shared venv).
NATIVE_DIR_ENV = "MEDIAMETRICS_NATIVE_DIR"
# How a build is made, part of its digest: a change here is a new build.
MYPY_FLAGS = ("--ignore-missing-imports", "--follow-imports=silent")
OPT_LEVEL = "3"
HERE = Path(__file__).resolve().parent
# mypyc also reads the types of what the compiled modules import, so these are part of the digest.
TYPE_SOURCES = (HERE.parent / "model.py",)
_DONE = "BUILD-COMPLETE"
KEEP_BUILDS = 3
_FAILED_LOG = "last-failed-build.log"

# What `import metrics.extract` is running, for the benchmark and `status` to print.
build = "pure Python (not activated yet)"


def source_digest(package: Path = HERE) -> str:
    """Digest of everything a build depends on: the compiled sources, the types they read and the
    interpreter's extension ABI (a build for another Python cannot be loaded)."""
    h = hashlib.sha256(f"{sysconfig.get_config_var('EXT_SUFFIX')} {MYPY_FLAGS} {OPT_LEVEL}".encode())
    for path in [*(package / f"{name}.py" for name in COMPILED), *TYPE_SOURCES]:
        h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()[:20]


def builds_root() -> Path:
    override = os.environ.get(NATIVE_DIR_ENV)
    return Path(override) if override else Path(sys.prefix) / "mediametrics-native"


def build_dir(package: Path = HERE) -> Path:
    return builds_root() / source_digest(package)


def has_build() -> bool:
    """Is there a complete compiled build of the sources on disk now?"""
    return (build_dir() / _DONE).exists()


def activate(package_path: list[str]) -> str:
    """Load the compiled modules if a complete build of exactly these sources exists; else leave
    the package pure Python. Returns (and records in `build`) which build runs and why."""
    global build
    if os.environ.get(PURE_ENV, "") not in ("", "0"):
        build = f"pure Python ({PURE_ENV} is set)"
        return build
    try:
        where = build_dir()
    except OSError as err:
        build = f"pure Python (cannot read the sources to check for a build: {err})"
        return build
    if not (where / _DONE).exists():
        failed = where.parent / _FAILED_LOG
        why = f"the last compile failed, see {failed}" if failed.exists() else "`mediametrics compile`"
        build = f"pure Python (no compiled build of these sources: {why})"
        return build
    lib, modules = str(where / "lib"), str(where / "extract")
    sys.path.append(lib)
    package_path.insert(0, modules)
    try:
        for name in COMPILED:
            module = importlib.import_module(f"{__package__}.{name}")
            # A module the build lacks would quietly load from its .py; a mix is not a build.
            if not str(module.__file__).endswith(str(sysconfig.get_config_var("EXT_SUFFIX"))):
                raise ImportError(f"{name} loaded from {module.__file__}")
    except Exception as err:  # noqa: BLE001 - a broken build must not break extraction: fall back, say why
        package_path.remove(modules)
        sys.path.remove(lib)
        for name in COMPILED:
            sys.modules.pop(f"{__package__}.{name}", None)
        build = f"pure Python (the compiled build in {where} did not load: {err})"
        return build
    build = f"compiled (mypyc, {where.name})"
    return build


def compile_build(*, quiet: bool = True) -> Path:
    """Compile the modules in COMPILED unless a build of these sources exists; return its folder.

    One compile at a time per builds folder (a lock, where the OS has one): a second waits, then
    finds the first one's build. Works in a temporary copy of the package next to the target and
    moves the result into place in one rename, so an interrupted build never leaves a folder that
    `activate` would load; what an interrupted one left is cleared by the next. Raises
    RuntimeError naming what failed and the log with the compiler's whole output.
    """
    target = build_dir()
    if has_build():
        return target
    if importlib.util.find_spec("mypyc") is None:
        raise RuntimeError("mypyc is not installed (it comes with mypy: pip install 'mediametrics[native]')")
    root = builds_root()
    root.mkdir(parents=True, exist_ok=True)
    with _lock(root) as exclusive:
        if has_build():
            return target
        clear_leftovers(root, target, exclusive=exclusive)
        _compile_into(root, target, quiet=quiet)
    # Builds of other sources are dead weight unless another checkout shares this venv (a git
    # worktree, a branch switched back and forth): keep the few most recent.
    others = sorted(
        (d for d in root.iterdir() if d.is_dir() and d != target and not d.name.startswith(".building-")),
        key=lambda d: d.stat().st_mtime,
        reverse=True,
    )
    for old in others[KEEP_BUILDS - 1 :]:
        shutil.rmtree(old, ignore_errors=True)
    (root / _FAILED_LOG).unlink(missing_ok=True)
    return target


@contextlib.contextmanager
def _lock(root: Path) -> Iterator[bool]:
    """Hold root/.lock while compiling; yields whether the lock is exclusive (False where the OS
    offers no advisory lock, as on Windows)."""
    try:
        import fcntl
    except ImportError:
        yield False
        return
    with open(root / ".lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


_STALE_S = 24 * 3600  # without a lock, a work folder this old belongs to no running compile


def clear_leftovers(root: Path, target: Path, *, exclusive: bool) -> None:
    """Remove what interrupted builds left: work folders (all of them when this process holds the
    lock, else old ones) and a target folder without its completion mark, which a rename would
    not replace and `activate` would never load."""
    now = time.time()
    for work in root.glob(".building-*"):
        if exclusive or now - work.stat().st_mtime > _STALE_S:
            shutil.rmtree(work, ignore_errors=True)
    if target.exists() and not (target / _DONE).exists():
        shutil.rmtree(target)


def failure_line(output: str, returncode: int) -> str:
    """What a failed compile's output says went wrong, in one line: the first error the compiler
    or mypy reported ("fatal error: Python.h: No such file or directory"), not the build tool's
    summary of the failed command."""
    if returncode < 0:
        signal = -returncode
        oom = " (out of memory? compiling needs about 5 GB)" if signal == 9 else ""
        return f"the compiler was killed by signal {signal}{oom}"
    found = _ERROR_LINE.search(output)
    if found is not None:
        return found.group(1).strip()
    last = output.strip().splitlines()[-1:]
    return last[0] if last else f"exit status {returncode}"


_ERROR_LINE = re.compile(r"^(.*\b(?:fatal )?error:.*)$", re.MULTILINE)


def _compile_into(root: Path, target: Path, *, quiet: bool) -> None:
    with tempfile.TemporaryDirectory(dir=root, prefix=".building-") as tmp:
        work = Path(tmp) / "src"
        # The whole package, so that mypy can read the types of every import.
        shutil.copytree(
            HERE.parent, work / "metrics", ignore=shutil.ignore_patterns("__pycache__", "*.so", "*.pyd")
        )
        files = [f"metrics/extract/{name}.py" for name in COMPILED]
        (work / "setup.py").write_text(
            "from setuptools import setup\n"
            "from mypyc.build import mypycify\n"
            f"setup(name='mediametrics-native', ext_modules=mypycify({[*MYPY_FLAGS, *files]!r}, opt_level={OPT_LEVEL!r}))\n"
        )
        done = subprocess.run(
            [sys.executable, "setup.py", "build_ext", "--inplace"],
            cwd=work,
            capture_output=quiet,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            output = (done.stdout or "") + (done.stderr or "")
            log = root / _FAILED_LOG
            log.write_text(output)
            raise RuntimeError(f"{failure_line(output, done.returncode).removeprefix('error: ')} (full log: {log})")
        out = Path(tmp) / "out"
        (out / "extract").mkdir(parents=True)
        (out / "lib").mkdir()
        suffix = str(sysconfig.get_config_var("EXT_SUFFIX"))
        for name in COMPILED:
            shutil.move(work / "metrics" / "extract" / f"{name}{suffix}", out / "extract")
        for shared in work.glob(f"*__mypyc{suffix}"):
            shutil.move(shared, out / "lib")
        (out / _DONE).write_text(f"built from {target.name} by {sys.executable}\n")
        try:
            os.replace(out, target)
        except OSError:
            if not has_build():  # else another process (without a lock) finished the same build first
                raise
