"""Story grouping on REAL articles: pairwise precision and recall against labelled events.

    python benchmarks/story_grouping.py [--orders 3] [--seed 1]

Reads tests/data/stories/real_events.jsonl (real headlines, outlets and publish dates, each
labelled with the real-world event it reports, with look-alike events a year or more apart; no
article texts are stored, see its README). The file is in the import format, so it is read as
`mediametrics import` reads it (`read_entered`: headline, outlet, publish date, no text) and goes
through the real write path (`record_articles` into a temporary DuckDB file), in --orders
shuffled orders. Headlines alone are a harder test
than full texts (fewer shared names), so read the figures as a floor for grouping, not a ceiling.

Pairwise scores: over every pair of articles, a pair is predicted together when both land in one
story and truly together when both carry one event label. Precision = right together / predicted
together; recall = right together / truly together. Also printed: the look-alike pairs of events
merged into one story, and whether every order gave the same grouping.
Target (issue 15): precision >= 0.95 and recall >= 0.90.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from metrics.collectors.entered import read_entered
from metrics.model import ArticleInput
from metrics.record import record_articles
from metrics.store import connect

SET = ROOT / "tests" / "data" / "stories" / "real_events.jsonl"


def load(path: Path = SET) -> list[dict[str, str]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def group(articles: list[dict[str, str]], items: dict[str, ArticleInput]) -> dict[str, int]:
    """url -> story id, from the real write path, the articles in the given order."""
    with tempfile.TemporaryDirectory(prefix="mm-grouping-") as tmp:
        con = connect(Path(tmp) / "g.duckdb")
        result = record_articles(con, [items[a["url"]] for a in articles], collector="benchmark",
                                 command="benchmarks/story_grouping.py")
        story_of = dict(con.execute("SELECT article_id, story_id FROM story_articles").fetchall())
        con.close()
    return {a["url"]: story_of[o.article_id] for a, o in zip(articles, result.outcomes, strict=True)}


def scores(articles: list[dict[str, str]], stories: dict[str, int]) -> tuple[float, float, list[str]]:
    together = right = truly = 0
    merged: set[tuple[str, str]] = set()
    for a, b in itertools.combinations(articles, 2):
        same_story = stories[a["url"]] == stories[b["url"]]
        same_event = a["event"] == b["event"]
        together += same_story
        truly += same_event
        right += same_story and same_event
        if same_story and not same_event and a["lookalike"] and a["lookalike"] == b["lookalike"]:
            merged.add(tuple(sorted((a["event"], b["event"]))))  # type: ignore[arg-type]
    return (right / together if together else 1.0, right / truly if truly else 1.0,
            [f"{x} + {y}" for x, y in sorted(merged)])


def partition(stories: dict[str, int]) -> frozenset[frozenset[str]]:
    groups: dict[int, set[str]] = defaultdict(set)
    for url, story in stories.items():
        groups[story].add(url)
    return frozenset(frozenset(g) for g in groups.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--orders", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    articles = load()
    read, errors = read_entered(SET)
    if errors:
        sys.exit(f"{SET}: {errors[0].input}: {errors[0].reason}")
    items = {item.url: item for item in read}
    events = {a["event"] for a in articles}
    print(f"{len(articles)} real articles, {len(events)} events, "
          f"{len({a['lookalike'] for a in articles if a['lookalike']})} look-alike groups (headlines only)")
    rng = random.Random(args.seed)
    partitions = set()
    for k in range(args.orders):
        order = list(articles)
        if k:
            rng.shuffle(order)
        stories = group(order, items)
        partitions.add(partition(stories))
        precision, recall, merged = scores(articles, stories)
        print(f"order {k + 1}: {len(set(stories.values()))} stories, pairwise precision {precision:.3f} "
              f"recall {recall:.3f} (target >= 0.95 / >= 0.90); look-alike events merged: {len(merged)}")
        for pair in merged:
            print(f"    merged: {pair}")
    print("the same stories in every order" if len(partitions) == 1
          else f"{len(partitions)} different groupings from {args.orders} orders")


if __name__ == "__main__":
    main()
