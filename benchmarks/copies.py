"""Precision and recall of copy links on a SYNTHETIC set with known copies, through `ingest`.

    python benchmarks/copies.py [--originals 1000] [--copies 400] [--seed 1]

Writes --originals SYNTHETIC articles (benchmarks/corpus.py; they share filler sentences, as
articles of one beat share stock phrases, so unrelated texts are not trivially far apart) and
--copies republications of randomly chosen originals, each edited the ways outlets rework wire
copy: a new headline (always), then at random the last 1-3 paragraphs cut, a paragraph dropped
from the middle, the byline line replaced, a credit note added, a few words changed. Then runs
the real `ingest` of the folder into a temporary DuckDB file and reads `syndicated_article_id`.

A link is right when it joins a copy to its original or to another copy of the same original
(the same family); every other link is a false one. Printed: links made, right, false, missed,
precision and recall, and the time of the ingest.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.corpus import SYNTHETIC_NOTE, generate


def rework(text: str, rng: random.Random) -> tuple[str, list[str]]:
    """A copy of `text` as another outlet might publish it, and the edits made."""
    head, _, body = text.partition("\n")
    lines = body.split("\n")
    paragraphs = [p for p in "\n".join(lines[4:]).split("\n\n") if p.strip()]
    edits = ["headline"]
    if rng.random() < 0.5 and len(paragraphs) > 4:
        cut = rng.randint(1, 3)
        paragraphs = paragraphs[:-cut]
        edits.append(f"last {cut} cut")
    if rng.random() < 0.3 and len(paragraphs) > 4:
        del paragraphs[rng.randrange(1, len(paragraphs) - 1)]
        edits.append("middle paragraph dropped")
    header = lines[:4]
    if rng.random() < 0.5:
        header[1] = "By Staff Reporter"
        edits.append("byline")
    if rng.random() < 0.3:
        paragraphs.append("(This story has not been edited by our staff and is published from a syndicated feed.)")
        edits.append("credit note")
    if rng.random() < 0.3:
        words = " ".join(paragraphs).split(" ")
        for _ in range(5):
            words[rng.randrange(len(words))] = rng.choice(["reportedly", "officials", "online", "clip"])
        paragraphs = [" ".join(words)]
        edits.append("5 words changed")
    headline = f"{rng.choice(['WATCH:', 'Explained:', 'Report:', 'Update:'])} {head.split(':')[-1].strip()} ({rng.randint(1, 99)})"
    return "\n".join([headline, *header]) + "\n" + "\n\n".join(paragraphs) + "\n", edits


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--originals", type=int, default=1000)
    parser.add_argument("--copies", type=int, default=400)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    from metrics.cli import main as cli_main
    from metrics.store import connect

    print(SYNTHETIC_NOTE)
    rng = random.Random(args.seed)
    originals = generate(args.originals, args.seed)
    family: dict[str, int] = {}
    with tempfile.TemporaryDirectory(prefix="mm-copies-bench-") as tmp:
        folder = Path(tmp) / "files"
        folder.mkdir()
        for i, article in enumerate(originals):
            name = f"o{i:06d}.txt"
            (folder / name).write_text(article.text, encoding="utf-8")
            family[name] = i
        for k in range(args.copies):
            i = rng.randrange(args.originals)
            text, _ = rework(originals[i].text, rng)
            name = f"z{k:06d}.txt"  # after every original in the folder's order
            (folder / name).write_text(text, encoding="utf-8")
            family[name] = i
        db = Path(tmp) / "copies.duckdb"
        t0 = time.perf_counter()
        import contextlib
        import io

        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            code = cli_main(["--db", str(db), "ingest", str(folder)])
        wall = time.perf_counter() - t0
        if code not in (0, 1):
            sys.exit(f"ingest exited {code}")
        con = connect(db, read_only=True)
        rows = con.execute("SELECT id, source, syndicated_article_id FROM articles").fetchall()
        con.close()
    name_of = {int(i): re.sub(r".*/", "", s) for i, s, _ in rows}
    made = right = 0
    linked: set[str] = set()
    for i, source, original in rows:
        if original is None:
            continue
        made += 1
        a, b = name_of[int(i)], name_of[int(original)]
        if family[a] == family[b]:
            right += 1
            linked.add(a)
    copies = [n for n in family if n.startswith("z")]
    missed = sum(1 for n in copies if n not in linked)
    precision = right / made if made else 1.0
    recall = (len(copies) - missed) / len(copies) if copies else 1.0
    print(f"{args.originals:,} originals, {len(copies):,} copies: {made:,} links made, {right:,} right, "
          f"{made - right:,} false, {missed:,} copies missed")
    print(f"precision {precision:.3f}  recall {recall:.3f}  (ingest {wall:.1f} s)")


if __name__ == "__main__":
    main()
