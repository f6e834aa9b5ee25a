"""`ingest` fuzzed: arbitrary bytes under arbitrary (valid on Linux) byte names, non-UTF-8 included,
next to one good article. Whatever the inputs, nothing escapes as an exception, every file is one
line, the good article is recorded and the database stays consistent. The real command (in
process, as `main`) writes a real DuckDB file, fresh for each example."""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from metrics.cli import main
from metrics.collectors.files import SUFFIXES
from metrics.store import connect
from tests.hostile.conftest import consistency_problems

GOOD = (
    "The CIA's recruitment video drew more than 5 million views in its first day, officials said on Friday."
)
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-32", "latin-1", "cp1252", "cp1250", "shift_jis", "koi8-r"]
CHARSETS = ["utf-8", "shift_jis", "iso-8859-1", "windows-1250", "utf-16", "no-such-charset", "rot13", ""]

names = st.tuples(
    st.binary(min_size=1, max_size=60).filter(
        lambda b: b"/" not in b and b"\x00" not in b and b not in (b".", b"..")
    ),
    st.sampled_from([b".txt", b".html", b".htm", b".TXT", b""]),
).map(b"".join)

texts = st.text(max_size=400)
encoded = st.tuples(texts, st.sampled_from(ENCODINGS)).map(lambda t: t[0].encode(t[1], errors="replace"))
pages = st.builds(
    lambda charset, canonical, body, encoding: (
        f'<html><head><meta charset="{charset}"><link rel="canonical" href="{canonical}">'
        f"<title>{body[:40]}</title></head><body><article><p>{body}</p></article></body></html>"
    ).encode(encoding, errors="replace"),
    st.sampled_from(CHARSETS),
    st.one_of(
        st.sampled_from(["http://[::1/x", "http://127.0.0.1:99999/", "https://ok.example/a", ""]), texts
    ),
    texts,
    st.sampled_from(ENCODINGS),
)
contents = st.one_of(st.binary(max_size=2000), encoded, pages)
inputs = st.lists(st.tuples(names, contents), max_size=6, unique_by=lambda t: t[0])


def read_as_article(name: bytes) -> bool:
    """Whether ingest takes the file for an article, by its suffix, as metrics.collectors.files does."""
    return Path(os.fsdecode(name)).suffix.lower() in SUFFIXES


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
@given(inputs=inputs, given_directly=st.integers(min_value=0, max_value=6))
def test_ingest_survives_any_bytes_under_any_names(
    inputs: list[tuple[bytes, bytes]], given_directly: int
) -> None:
    with tempfile.TemporaryDirectory(prefix="mediametrics-fuzz-") as tmp:
        root = os.fsencode(tmp)
        os.mkdir(root + b"/good")
        os.mkdir(root + b"/in")
        with open(root + b"/good/good.txt", "wb") as f:
            f.write(GOOD.encode())
        for name, data in inputs:
            with open(root + b"/in/" + name, "wb") as f:
                f.write(data)
        # Some files named on the command line, the rest found in their folder: both ways in.
        direct = [os.fsdecode(root + b"/in/" + name) for name, _ in inputs[:given_directly]]
        db = Path(tmp) / "db.duckdb"
        out, err = io.StringIO(), io.StringIO()

        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(
                ["--db", str(db), "ingest", os.fsdecode(root + b"/good"), os.fsdecode(root + b"/in"), *direct]
            )

        stdout, stderr = out.getvalue(), err.getvalue()
        assert "unexpected failure" not in stderr and "Traceback" not in stderr
        assert code in (0, 1), stderr
        rows = [
            ln
            for ln in stdout.splitlines()
            if ln.startswith(("added ", "already recorded ", "repeated input "))
        ]
        failures = [ln for ln in stderr.splitlines() if ln.startswith("error: ")]
        # One line per file: the good one, each article file in the folder, each other file named
        # directly; and one for the folder if it holds no article file.
        articles = sum(read_as_article(name) for name, _ in inputs)
        refused = sum(not read_as_article(name) for name, _ in inputs[:given_directly])
        assert len(rows) + len(failures) == 1 + articles + refused + (articles == 0), (stdout, stderr)
        assert (code == 1) == bool(failures)
        assert rows[0].startswith(f"added              {tmp}/good/good.txt  article #1")
        stdout.encode("utf-8")  # printable as it is: no undecodable bytes reach the terminal
        con = connect(db, read_only=True)
        try:
            sources = {s for (s,) in con.execute("SELECT source FROM articles").fetchall()}
        finally:
            con.close()
        assert f"{tmp}/good/good.txt" in sources
        assert consistency_problems(db) == {}
