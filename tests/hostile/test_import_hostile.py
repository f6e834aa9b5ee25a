"""`import` under hostile lines: each bad line is its own one-line error naming file and line, the
good lines around it are recorded, the command exits 1, and nothing out of bounds reaches the
database (where it once crashed the story's pages and `export`). The real command line on a real
DuckDB file."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from metrics import store
from metrics.cli import main
from metrics.collectors.entered import EARLIEST, MAX_COUNT, MAX_LENGTH_S, MAX_LINE_CHARS, MAX_NESTING
from metrics.store import connect
from tests.conftest import ROOT

STORY = "Hostile import"


def good(n: int, **figure: object) -> dict[str, object]:
    """A valid record with its own URL and one figure (`figure` overrides its fields)."""
    return {
        "url": f"https://good.example/{n}",
        "outlet": "Example Times",
        "title": f"Good record {n}",
        "published": "2025-05-02T10:00:00+00:00",
        "figures": [{"metric": "views", "value": 1000 + n, "quote": f"{1000 + n} views", **figure}],
    }


def between(tmp_path: Path, bad: str | bytes, name: str = "hostile.jsonl") -> Path:
    """A file whose bad line 2 stands between two good lines."""
    path = tmp_path / name
    line = bad if isinstance(bad, bytes) else bad.encode("utf-8")
    path.write_bytes(
        json.dumps(good(1)).encode() + b"\n" + line + b"\n" + json.dumps(good(3)).encode() + b"\n"
    )
    return path


def imported(db: Path) -> list[str]:
    con = connect(db, read_only=True)
    try:
        return [u for (u,) in con.execute("SELECT url FROM articles ORDER BY url").fetchall()]
    finally:
        con.close()


def errors_of(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("error:")]


def bad_record(n: int, **fields: object) -> str:
    return json.dumps({**good(n), **fields})


def bad_figure(**figure: object) -> str:
    return json.dumps(good(2, **figure))


HOSTILE = {
    # name: (line 2, words the error must hold)
    "100,000-deep array": ("[" * 100_000 + "]" * 100_000, f"nested more than {MAX_NESTING} levels"),
    "100,000-deep object": ('{"a":' * 100_000 + "1" + "}" * 100_000, "nested more than"),
    "an integer of 400 digits": (bad_figure(value=10**400), "not a count from 0"),
    "an integer of 5,000 digits": (
        '{"url": "https://x.example/", "figures": [{"value": ' + "7" * 5000 + "}]}",
        "not valid JSON",
    ),
    "as_of 9999-12-31": (bad_figure(as_of="9999-12-31"), "as_of 9999-12-31 is outside"),
    "as_of 9999-12-31 with a time": (bad_figure(as_of="9999-12-31T23:59:59+14:00"), "as_of"),
    "as_of 0001-01-01": (bad_figure(as_of="0001-01-01"), "is outside"),
    "NaN views": (bad_figure(value=math.nan), "not a finite number"),
    "Infinity views": (bad_figure(value=math.inf), "not a finite number"),
    "-Infinity views": (bad_figure(value=-math.inf), "not a finite number"),
    "-5000 views": (bad_figure(value=-5000), "views value -5000 is not a count from 0"),
    "views as text 'NaN'": (bad_figure(value="NaN"), "not a finite number"),
    "views as text '1e400'": (bad_figure(value="1e400"), "not a finite number"),
    "more views than MAX_COUNT": (bad_figure(value=MAX_COUNT * 10), "not a count from 0"),
    "video_published 1e20": (bad_figure(metric="video_published", value=1e20), "not a release time"),
    "video_published before 1900": (
        bad_figure(metric="video_published", value=EARLIEST.timestamp() - 1),
        "not a release time",
    ),
    "video_length of a year": (bad_figure(metric="video_length", value=MAX_LENGTH_S + 1), "not a length"),
    "published 9999-12-31": (bad_record(2, published="9999-12-31"), "published"),
    "time_ref in year 9999": (
        bad_record(2, time_refs=[{"quote": "then", "resolved": "9999-12-31"}]),
        "outside the years",
    ),
    "a line over the length bound": (
        json.dumps({**good(2), "title": "x" * MAX_LINE_CHARS}),
        "characters; at most",
    ),
    "a lone surrogate escape": ('{"url": "https://x.example/", "title": "\\ud800"}', "lone surrogate"),
    "bytes that are not UTF-8": (b'{"url": "https://x.example/", "title": "caf\xe9"}', "not UTF-8"),
    "a malformed URL": (bad_record(2, url="http://[::1/x"), "malformed URL"),
    # It would reach the exports and the timeline's link column.
    "a javascript: URL": (bad_record(2, url="javascript:alert(1)"), "not an http(s) URL"),
}


@pytest.mark.parametrize("case", list(HOSTILE))
def test_a_hostile_line_is_its_own_error_and_the_lines_around_it_are_recorded(
    case: str, db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    line, words = HOSTILE[case]
    path = between(tmp_path, line)
    assert main(["import", str(path), "--story", STORY]) == 1
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    errors = errors_of(err)
    assert len(errors) == 1, errors
    assert errors[0].startswith(f"error: {path}:2: "), errors
    assert words in errors[0], errors
    assert len(errors[0]) < 400  # one line, with the value clipped, not 100,000 brackets
    assert imported(db) == ["https://good.example/1", "https://good.example/3"]


def test_nothing_out_of_bounds_reaches_the_database(db: Path, tmp_path: Path) -> None:
    """Every hostile line at once, between good ones: only finite, bounded values are stored."""
    path = tmp_path / "all.jsonl"
    lines = [json.dumps(good(1))]
    for line, _ in HOSTILE.values():
        lines.append(line if isinstance(line, str) else line.decode("utf-8", "surrogateescape"))
    lines.append(json.dumps(good(3)))
    path.write_bytes("\n".join(lines).encode("utf-8", "surrogateescape"))
    assert main(["import", str(path)]) == 1
    con = connect(db, read_only=True)
    try:
        assert con.execute(
            "SELECT count(*) FROM claims WHERE NOT isfinite(value) OR value < 0"
        ).fetchone() == (0,)
        assert con.execute("SELECT max(value) FROM claims").fetchone()[0] <= MAX_COUNT
        assert con.execute("SELECT count(*) FROM claims WHERE as_of > now() + INTERVAL 3 DAY").fetchone() == (
            0,
        )
        assert con.execute("SELECT count(*) FROM articles").fetchone() == (2,)
    finally:
        con.close()


CSV_HEADER = "url,outlet,title,published,metric,value,qualifier,quote,as_of\n"


def csv_row(n: int, value: str = "100", as_of: str = "", metric: str = "views") -> str:
    return f"https://good.example/{n},Example,Title {n},2025-05-02,{metric},{value},,{value} views,{as_of}\n"


@pytest.mark.parametrize(
    ("row", "words"),
    [
        (csv_row(2, value="NaN"), "not a finite number"),
        (csv_row(2, value="-inf"), "not a finite number"),
        (csv_row(2, value="1e400"), "not a finite number"),
        (csv_row(2, value="-5000"), "not a count from 0"),
        (csv_row(2, value="1" * 400), "is not a number we read"),
        (csv_row(2, value="1e20", metric="video_published"), "not a release time"),
        (csv_row(2, as_of="9999-12-31"), "as_of 9999-12-31 is outside"),
        ('https://good.example/2,Example,"Title "2",2025-05-02,views,1,,1 view,\n', "malformed CSV"),
        ("https://good.example/2,Example,T," + "x" * 200_000 + ",views,1,,1 view,\n", "malformed CSV"),
    ],
)
def test_a_hostile_csv_row_is_its_own_error_and_the_rows_around_it_are_recorded(
    row: str, words: str, db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "sheet.csv"
    path.write_text(CSV_HEADER + csv_row(1) + row + csv_row(3), encoding="utf-8")
    assert main(["import", str(path)]) == 1
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    errors = errors_of(err)
    assert len(errors) == 1 and errors[0].startswith(f"error: {path}:3: ") and words in errors[0], errors
    assert imported(db) == ["https://good.example/1", "https://good.example/3"]


def test_a_csv_row_that_is_not_utf8_is_its_own_error(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "sheet.csv"
    path.write_bytes(
        (CSV_HEADER + csv_row(1)).encode()
        + "https://good.example/2,Café,T,2025-05-02,views,1,,1 view,\n".encode("latin-1")
        + csv_row(3).encode()
    )
    assert main(["import", str(path)]) == 1
    errors = errors_of(capsys.readouterr().err)
    assert len(errors) == 1 and f"{path}:3: not UTF-8" in errors[0], errors
    assert imported(db) == ["https://good.example/1", "https://good.example/3"]


def test_a_bad_figure_row_leaves_the_other_rows_of_its_article(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """CSV is one figure per row: a bad row is that row's error, not its article's."""
    path = tmp_path / "sheet.csv"
    path.write_text(
        CSV_HEADER + csv_row(1) + csv_row(1, value="NaN") + csv_row(1, value="200"), encoding="utf-8"
    )
    assert main(["import", str(path)]) == 1
    errors = errors_of(capsys.readouterr().err)
    assert len(errors) == 1 and f"{path}:3: " in errors[0], errors
    con = connect(db, read_only=True)
    assert sorted(v for (v,) in con.execute("SELECT value FROM claims").fetchall()) == [100.0, 200.0]
    con.close()


def test_utf16_with_a_bom_is_read(db: Path, tmp_path: Path) -> None:
    path = tmp_path / "utf16.jsonl"
    path.write_bytes((json.dumps(good(1), ensure_ascii=False) + "\n").encode("utf-16"))
    assert main(["import", str(path)]) == 0
    assert imported(db) == ["https://good.example/1"]


def test_a_bad_unit_in_a_utf16_file_costs_only_its_line(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "utf16.jsonl"
    bad = '{"url": "https://x.example/", "title": "\ud800"}'  # a lone surrogate unit, raw
    text = "\n".join([json.dumps(good(1)), bad, json.dumps(good(3))])
    path.write_bytes(text.encode("utf-16", "surrogatepass"))
    assert main(["import", str(path)]) == 1
    errors = errors_of(capsys.readouterr().err)
    assert len(errors) == 1 and f"{path}:2: not UTF-16" in errors[0], errors
    assert imported(db) == ["https://good.example/1", "https://good.example/3"]


def test_files_joined_with_their_boms_are_read(db: Path, tmp_path: Path) -> None:
    path = tmp_path / "joined.jsonl"
    path.write_bytes(b"".join((json.dumps(good(n)) + "\n").encode("utf-8-sig") for n in (1, 2)))
    assert main(["import", str(path)]) == 0
    assert imported(db) == ["https://good.example/1", "https://good.example/2"]


def test_a_line_separator_inside_a_string_does_not_split_the_line(db: Path, tmp_path: Path) -> None:
    path = tmp_path / "ls.jsonl"
    path.write_text(
        json.dumps({**good(1), "title": "one\u2028two"}, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    assert main(["import", str(path)]) == 0
    assert imported(db) == ["https://good.example/1"]


def test_the_command_shows_no_traceback_to_a_user(tmp_path: Path) -> None:
    """In a child process, as a user runs it: every hostile line in one file."""
    path = tmp_path / "all.jsonl"
    lines = [
        json.dumps(good(1)).encode(),
        *(v if isinstance(v, bytes) else v.encode() for v, _ in HOSTILE.values()),
    ]
    path.write_bytes(b"\n".join([*lines, json.dumps(good(3)).encode()]) + b"\n")
    done = subprocess.run(
        [sys.executable, "-m", "metrics.cli", "--db", str(tmp_path / "db.duckdb"), "import", str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
        check=False,
    )
    assert done.returncode == 1, done.stderr[-2000:]
    assert "Traceback" not in done.stdout + done.stderr
    assert len(errors_of(done.stderr)) == len(HOSTILE)
    assert "import: 2 added" in done.stdout


@pytest.fixture
def named_queries(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every named query the code runs, in order."""
    ran: list[str] = []
    real = store.sql

    def counting(name: str) -> str:
        ran.append(name)
        return real(name)

    monkeypatch.setattr(store, "sql", counting)
    yield ran


def test_a_big_import_is_recorded_with_a_bounded_number_of_queries(
    db: Path, tmp_path: Path, named_queries: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """20,000 lines (the issue's 100,000 in benchmarks/import_lines.py): all recorded, and the write
    path asks the database the same few questions whatever the number of lines; one query per
    line (or a scan of the batch per figure) made 100,000 lines take more than 15 minutes."""
    n = 20_000
    path = tmp_path / "big.jsonl"
    path.write_text(
        "\n".join(
            json.dumps(
                {
                    **good(i),
                    "time_refs": [{"quote": "Friday", "resolved": "2025-05-02"}],
                    "topics": ["big", f"t{i % 5}"],
                }
            )
            for i in range(n)
        )
        + "\n"
    )
    assert main(["import", str(path), "--story", STORY]) == 0
    assert f"import: {n:,} added".replace(",", "") in capsys.readouterr().out.replace(",", "")
    assert len(named_queries) < 100, sorted(set(named_queries))
    con = connect(db, read_only=True)
    try:
        assert con.execute("SELECT count(*), count(DISTINCT id) FROM articles").fetchone() == (n, n)
        assert con.execute("SELECT count(*) FROM claims").fetchone() == (n,)
        assert con.execute("SELECT count(*) FROM time_refs").fetchone() == (n,)
        assert con.execute("SELECT count(*) FROM story_articles").fetchone() == (n,)
    finally:
        con.close()
    # Again: every line already recorded, and still no query per line.
    named_queries.clear()
    assert main(["import", str(path), "--story", STORY]) == 0
    assert f"0 added, {n} already recorded" in capsys.readouterr().out
    assert len(named_queries) < 100
    con = connect(db, read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM claims").fetchone() == (n,)
        assert con.execute("SELECT count(*) FROM time_refs").fetchone() == (n,)
    finally:
        con.close()
