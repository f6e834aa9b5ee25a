"""Ingest of many files reads them in worker processes (metrics.workers): the same rows as reading
them in this process, in the same order, and one bad file is still that file's one line."""

from __future__ import annotations

import itertools
import os
import shutil
from pathlib import Path

import pytest

from metrics import workers
from metrics.cli import main
from metrics.config import settings
from metrics.store import connect
from tests.conftest import SEED_ARTICLE
from tests.test_similarity import COPY, RELATED, UNRELATED

QUERY = """SELECT a.id, regexp_extract(a.source, '[^/]+$'), a.title, a.published_at, a.syndicated_article_id,
                  a.syndication_method, s.slug, (SELECT count(*) FROM claims c WHERE c.article_id = a.id)
           FROM articles a JOIN story_articles sa ON sa.article_id = a.id JOIN stories s ON s.id = sa.story_id
           ORDER BY a.id"""


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED_ARTICLE, folder / "a-original.txt")
    for name, text in (("b-copy.txt", COPY), ("c-related.txt", RELATED), ("d-unrelated.txt", UNRELATED)):
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "e-binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    for i in range(6):  # synthetic notes, so that each worker gets several files
        (folder / f"f-note-{i}.txt").write_text(f"Council note {i}\n\nThe clip was viewed {i + 2},000 times.",
                                                 encoding="utf-8")
    return folder


def _ingest(folder: Path, db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
            caplog: pytest.LogCaptureFixture, *, pool: bool) -> list[tuple[object, ...]]:
    monkeypatch.setattr(workers, "POOL_MIN_INPUTS", 2 if pool else 10**9)
    monkeypatch.setattr(workers, "cores", lambda: 2)  # a pool even on a one-CPU runner
    monkeypatch.setenv("MEDIAMETRICS_DB", str(db))
    assert main(["ingest", str(folder)]) == 1  # one file failed
    assert "ended abruptly" not in caplog.text  # no fallback: the workers read them
    err = capsys.readouterr().err
    assert "error: " in err and "e-binary.txt: binary file" in err
    con = connect(db, read_only=True)
    try:
        return con.execute(QUERY).fetchall()
    finally:
        con.close()


def test_many_files_give_the_same_rows_in_worker_processes_as_in_this_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    folder = _folder(tmp_path)
    here = _ingest(folder, tmp_path / "here.duckdb", monkeypatch, capsys, caplog, pool=False)
    pooled = _ingest(folder, tmp_path / "pooled.duckdb", monkeypatch, capsys, caplog, pool=True)
    assert [r[1] for r in pooled] == sorted(p.name for p in folder.iterdir() if p.name != "e-binary.txt")
    original, copy = pooled[0], pooled[1]
    assert copy[4] == original[0] and str(copy[5]).startswith("minhash:")
    assert sum(int(r[7]) for r in pooled) >= 6  # the notes' figures came back from the workers
    assert pooled == here


def test_a_worker_that_dies_costs_no_input(caplog: pytest.LogCaptureFixture) -> None:
    """A worker killed mid-run (out of memory, say): the inputs it had not returned are read here."""
    assert list(workers.in_order(_exit_in_worker, list(range(60)), workers=2)) == list(range(60))
    assert "a worker process ended abruptly" in caplog.text  # the pool ran, and broke


def test_the_inputs_are_read_in_other_processes() -> None:
    pids = set(workers.in_order(_pid, list(range(60)), workers=2))
    assert os.getpid() not in pids and len(pids) >= 1


def _pid(_: int) -> int:
    return os.getpid()


def _exit_in_worker(i: int) -> int:
    import multiprocessing
    import os

    if i == 30 and multiprocessing.parent_process() is not None:
        os._exit(1)  # as the kernel's OOM killer would end it
    return i


def test_many_files_are_recorded_a_batch_at_a_time_and_said_as_one_run_list(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Memory stays bounded: more than INGEST_BATCH_FILES files go a batch per transaction; the
    user still gets one line per input, the folder notes once, and every article."""
    from metrics import collect_service

    monkeypatch.setattr(collect_service, "INGEST_BATCH_FILES", 3)
    folder = _folder(tmp_path)  # 11 files, one of them binary
    (folder / "notes.md").write_text("not an article", encoding="utf-8")
    empty = tmp_path / "empty"
    empty.mkdir()
    db = tmp_path / "mm.duckdb"
    seen: list[tuple[float, int]] = []
    result = collect_service.collect(
        collect_service.CollectRequest(paths=(str(folder), str(empty), str(tmp_path / "nope.txt"))),
        settings({"MEDIAMETRICS_DB": str(db)}),
        progress=lambda done, total, _label: seen.append((done, total)),
    )
    names = [r.input for r in result.rows]
    assert len(names) == 13 and len(set(names)) == 13  # 11 files, the empty folder, the missing path
    assert [r.status for r in result.rows].count(collect_service.ADDED) == 10
    assert sum("not .txt or .html" in n for n in result.notes) == 1
    assert result.article_run is not None and len(result.more_runs) == 3  # 11 files: 4 batches
    assert collect_service.summary(result, "ingest").endswith(f"(runs #{result.article_run}-#{result.more_runs[-1]})")
    assert seen[-1] == (11, 11) and all(a[0] <= b[0] for a, b in itertools.pairwise(seen))
    con = connect(db, read_only=True)
    assert con.execute("SELECT count(*), count(DISTINCT run_id) FROM articles").fetchone() == (10, 4)
    con.close()
