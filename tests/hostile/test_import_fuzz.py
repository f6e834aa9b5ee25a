"""`import` fuzzed: JSON Lines and CSV of arbitrary values, types, depths and encodings, with good
records among them. Whatever the lines hold, nothing escapes as an exception or a traceback, the
command ends 0 or 1, every good record is recorded, nothing out of bounds is stored, and the
database stays consistent. The real command (in process, as `main`) on a real DuckDB file."""

from __future__ import annotations

import csv
import io
import itertools
import json
import math
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from metrics.cli import main
from metrics.collectors.entered import CSV_COLUMNS, ENTERED_METRICS, MAX_COUNT
from metrics.store import connect

# Each a count that must be 0 in a consistent database (queries/migrations/0001_create_core.sql).
BROKEN = {
    "claim without its article": "SELECT count(*) FROM claims c LEFT JOIN articles a ON a.id = c.article_id "
    "WHERE a.id IS NULL",
    "time reference without its article": "SELECT count(*) FROM time_refs t LEFT JOIN articles a "
    "ON a.id = t.article_id WHERE a.id IS NULL",
    "story link without its article or story": "SELECT count(*) FROM story_articles l "
    "LEFT JOIN articles a ON a.id = l.article_id LEFT JOIN stories s ON s.id = l.story_id "
    "WHERE a.id IS NULL OR s.id IS NULL",
    "article in no story": "SELECT count(*) FROM articles a WHERE NOT EXISTS "
    "(SELECT 1 FROM story_articles s WHERE s.article_id = a.id)",
    "tag link without its article": "SELECT count(*) FROM article_tags t LEFT JOIN articles a "
    "ON a.id = t.article_id WHERE a.id IS NULL",
    "run left open": "SELECT count(*) FROM collection_runs WHERE finished_at IS NULL",
    "value not finite, negative or too large": "SELECT count(*) FROM claims WHERE NOT isfinite(value) "
    f"OR value < 0 OR (metric <> 'video_published' AND value > {MAX_COUNT})",
    "as_of far in the future": "SELECT count(*) FROM claims WHERE as_of > now() + INTERVAL 3 DAY",
    "published far in the future": "SELECT count(*) FROM articles WHERE published_at > now() + INTERVAL 3 DAY",
}

EXAMPLE = itertools.count()  # URLs of good records are unique across examples sharing a database

SPECIAL: list[Any] = [
    math.nan,
    math.inf,
    -math.inf,
    -5000,
    -1,
    0,
    10**400,
    -(10**400),
    1e20,
    1e308,
    2**63,
    "NaN",
    "Infinity",
    "-5000",
    "1e400",
    " 1,000 ",
    "",
    "9999-12-31",
    "0001-01-01",
    "2025-13-45",
    "9999-12-31T23:59:59+14:00",
    "http://[::1/x",
    "http://127.0.0.1:99999/",
    "\ud800",
    "\udcff",
    "\x00",
    "\u2028",
    "\ufeff",
]
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=20), st.sampled_from(SPECIAL)
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
dates = st.one_of(st.dates().map(lambda d: d.isoformat()), st.sampled_from(SPECIAL[17:23]), values)
figures = st.fixed_dictionaries(
    {},
    optional={
        "metric": st.one_of(st.sampled_from([*ENTERED_METRICS, "viewz"]), values),
        "value": st.one_of(st.sampled_from(SPECIAL), st.integers(), st.floats(), values),
        "qualifier": st.one_of(st.sampled_from(["more than", "about", "nearly", "exactly"]), values),
        "scope": st.one_of(st.just("combined (9999-12-31)"), values),
        "quote": st.one_of(st.text(max_size=30), values),
        "as_of": dates,
    },
)
records = st.fixed_dictionaries(
    {},
    optional={
        "url": st.one_of(
            st.sampled_from(["https://bad.example/x", "http://[::1/x", "", "not a url"]), values
        ),
        "title": st.one_of(st.text(max_size=30), values),
        "outlet": st.one_of(st.text(max_size=20), values),
        "published": dates,
        "topics": st.one_of(st.lists(st.text(max_size=10), max_size=3), values),
        "story": st.one_of(st.text(max_size=20), values),
        "figures": st.one_of(st.lists(figures, max_size=3), values),
        "time_refs": st.one_of(
            st.lists(st.fixed_dictionaries({"quote": st.text(max_size=10), "resolved": dates}), max_size=2),
            values,
        ),
    },
)
deep = st.sampled_from([11, 200, 5_000, 100_000]).flatmap(
    lambda d: st.sampled_from(["[" * d + "]" * d, '{"a":' * d + "1" + "}" * d, "[" * d])
)
ascii_text = st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=60)
bad_lines = st.one_of(
    records.map(lambda r: json.dumps(r, ensure_ascii=False)),
    values.map(lambda v: json.dumps(v)),
    deep,
    st.text(max_size=60),
    st.integers(300, 5000).map(lambda n: '{"url": "https://bad.example/n", "value": ' + "9" * n + "}"),
)

# Good records: valid, any script in their text, unique URLs; they must always be recorded.
texts = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=30).filter(str.strip)
good_figures = st.fixed_dictionaries(
    {
        "metric": st.sampled_from(["views", "likes", "shares", "comments", "followers"]),
        "value": st.one_of(st.integers(0, 10**12), st.floats(0, 1e12)),
        "quote": texts,
    },
    optional={
        "qualifier": st.sampled_from(["more than", "about", "nearly"]),
        "as_of": st.dates(date(1990, 1, 1), date(2025, 1, 1)).map(date.isoformat),
    },
)
good_records = st.builds(
    lambda title, topics, figs, day: {"title": title, "topics": topics, "figures": figs, "published": day},
    texts,
    st.lists(texts, max_size=3),
    st.lists(good_figures, min_size=1, max_size=3),
    st.sampled_from(["2025-05-02", "2024-01-31T10:00:00+05:30", "2019-07-01T00:00:00Z"]),
)


def run_import(db: Path, path: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> None:
    code = main(["--db", str(db), "import", str(path), *extra])
    out, err = capsys.readouterr()
    assert code in (0, 1), (code, err[-2000:])
    assert "Traceback" not in out + err


def assert_consistent(db: Path, good_urls: list[str]) -> None:
    con = connect(db, read_only=True)
    try:
        broken = {name: con.execute(sql).fetchone()[0] for name, sql in BROKEN.items()}
        recorded = {
            u
            for (u,) in con.execute(
                "SELECT url FROM articles WHERE url = ANY($urls)", {"urls": good_urls}
            ).fetchall()
        }
    finally:
        con.close()
    assert {name: n for name, n in broken.items() if n} == {}
    assert sorted(set(good_urls) - recorded) == []


FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)


@FUZZ
@given(
    lines=st.lists(
        st.one_of(good_records.map(lambda r: ("good", r)), bad_lines.map(lambda b: ("bad", b))),
        min_size=1,
        max_size=8,
    ),
    encoding=st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "utf-16", "utf-32"]),
    bad_bytes=st.sampled_from(["utf-8", "latin-1", "cp1252", "shift_jis", "surrogatepass"]),
    newline=st.sampled_from(["\n", "\r\n"]),
    story=st.sampled_from([(), ("--story", "Fuzzed"), ("--story", "Фаззинг")]),
)
def test_import_jsonl_fuzzed(
    lines: list[tuple[str, Any]],
    encoding: str,
    bad_bytes: str,
    newline: str,
    story: tuple[str, ...],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    example = next(EXAMPLE)
    good_urls: list[str] = []
    chunks: list[bytes] = []
    for n, (kind, line) in enumerate(lines):
        if kind == "good":
            url = f"https://good.example/{example}/{n}"
            good_urls.append(url)
            text = json.dumps({"url": url, **line}, ensure_ascii=False)
            chunks.append(text.encode("utf-8" if encoding == "utf-8-sig" else encoding))
        elif encoding.startswith("utf-8"):  # a bad line may also be bytes of another encoding
            how = ("utf-8", "surrogatepass") if bad_bytes == "surrogatepass" else (bad_bytes, "replace")
            chunks.append(line.encode(*how))
        else:
            chunks.append(line.encode(encoding, "replace"))
    if encoding.startswith("utf-8"):
        data = newline.encode().join(chunks)
        data = (b"\xef\xbb\xbf" if encoding == "utf-8-sig" else b"") + data.removeprefix(b"\xef\xbb\xbf")
    else:  # one BOM for the file, not one per line
        texts_ = [c.decode(encoding) for c in chunks]
        data = newline.join(texts_).encode(encoding)
    path = tmp_path / f"fuzz-{example}.jsonl"
    path.write_bytes(data)
    run_import(tmp_path / "fuzz.duckdb", path, capsys, *story)
    assert_consistent(tmp_path / "fuzz.duckdb", good_urls)


CSV_FIELDS = list(CSV_COLUMNS)
cells = st.one_of(
    st.text(max_size=20),
    st.sampled_from([str(s) for s in SPECIAL if not isinstance(s, str)]),
    st.sampled_from([s for s in SPECIAL if isinstance(s, str)]),
)
bad_rows = st.one_of(
    st.fixed_dictionaries({}, optional={f: cells for f in CSV_FIELDS}),
    st.lists(cells, max_size=20),  # too many or too few fields
)


@FUZZ
@given(
    rows=st.lists(
        st.one_of(good_records.map(lambda r: ("good", r)), bad_rows.map(lambda b: ("bad", b))),
        min_size=1,
        max_size=8,
    ),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]),
)
def test_import_csv_fuzzed(
    rows: list[tuple[str, Any]], encoding: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    example = next(EXAMPLE)
    good_urls: list[str] = []
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_FIELDS)
    for n, (kind, row) in enumerate(rows):
        if kind == "good":
            url = f"https://good.example/csv/{example}/{n}"
            good_urls.append(url)
            for fig in row["figures"]:
                cell = {
                    "url": url,
                    "title": row["title"],
                    "published": row["published"],
                    "topics": ";".join(t.replace(";", ",") for t in row["topics"]),
                    **fig,
                }
                writer.writerow([cell.get(f, "") for f in CSV_FIELDS])
        elif isinstance(row, dict):
            writer.writerow([row.get(f, "") for f in CSV_FIELDS])
        else:
            writer.writerow(row)
    text = out.getvalue()
    path = tmp_path / f"fuzz-{example}.csv"
    # Lone surrogates in a bad row become bytes that are not UTF-8: that row's error, no other's.
    path.write_bytes(text.encode(encoding, "surrogatepass" if encoding.startswith("utf-8") else "replace"))
    run_import(tmp_path / "fuzz.duckdb", path, capsys)
    assert_consistent(tmp_path / "fuzz.duckdb", good_urls)
