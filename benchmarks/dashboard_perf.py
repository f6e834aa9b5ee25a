"""Dashboard performance on a large SYNTHETIC database: query times, page renders, caching.

    python benchmarks/dashboard_perf.py [--db PATH] [--runs 20] [--render-runs 5]
    python benchmarks/dashboard_perf.py --articles 100000 --claims 300000 --observations 1000000

Without --db it generates a database (benchmarks/generate_db.py) into a temporary directory.
Budgets (issue 15, at 1M articles / 3M claims / 10M observations): every named query a page runs
p95 < 100 ms; every page's cold render < 1.5 s and warm rerun < 0.3 s, the biggest story's pages
included. It also prints the database's size per article.

(a) every named query the pages run (metrics/story_data.py), through metrics.store.connect(path,
    read_only=True) + metrics.store.query, with the parameters the pages pass (their row limits
    from metrics.dashboard.data), N runs each: p50/p95/max; the reads behind the downloads and
    exports (every row of a story: story_data.story) are timed too, without a budget;
    also the read functions the pages call (connect, their queries and their pandas work),
    which is what one cache miss costs;
(a2) the biggest story's Timeline and Engagement claims pages part by part, outside Streamlit:
    the cached reads, the pandas work of the page (verdicts, provenance, copies folded) and the
    chart build and its JSON, so a slow render can be put down to data or chart;
(b) each page rendered under Streamlit's AppTest (the real dashboard.py, MEDIAMETRICS_DB set),
    each in a child process (a render over --timeout is killed there): the first render with
    empty caches (cold) and warm reruns;
(c) how many named queries a first render, an unchanged rerun and a filter change run
    (metrics.story_data's query/rows/scalar wrapped in a counter inside this process).

The database is only brought up to date (the migrations the dashboard would apply on opening it;
an existing file gets its summary tables backfilled), never otherwise written: the dashboard's
first-run check (load seeds/ into a database that was never seeded) is answered "already seeded"
in this process, so the sample story is not added.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from metrics.dashboard import pages, state

QUERY_BUDGET_MS = 100.0
COLD_BUDGET_S = 1.5
WARM_BUDGET_S = 0.3
PAGES = [p.path for p in pages.READ_PAGES]


def pct(values: list[float], p: float) -> float:
    """Nearest-rank percentile: the smallest value with at least p% of the runs at or below it."""
    import math

    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, math.ceil(p / 100 * len(ordered)) - 1))]


def timed(fn: Callable[[], Any], runs: int, warmup: int = 1) -> list[float]:
    for _ in range(warmup):
        fn()
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
    return out


def line(label: str, ms: list[float], budget: float | None = QUERY_BUDGET_MS, extra: str = "") -> bool:
    p95 = pct(ms, 95)
    over = budget is not None and p95 > budget
    flag = f"  OVER {budget:.0f} ms" if over else ""
    print(f"  {label:<58} {statistics.median(ms):8.1f} {p95:8.1f} {max(ms):8.1f}{flag}{extra}")
    return over


def database_size(db: Path, counts: dict[str, int]) -> str:
    """The file's size per article, and where it goes (each table's blocks in use), said with what
    the generated data holds: the size of a real database depends on its texts."""
    from metrics.store import connect

    con = connect(db, read_only=True)
    try:
        block = con.execute("SELECT block_size FROM pragma_database_size()").fetchall()[0][0]
        tables = [r[0] for r in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE NOT temporary ORDER BY table_name").fetchall()]
        used = {}
        for table in tables:  # names from the catalog, quoted
            used[table] = con.execute(
                f'SELECT count(DISTINCT block_id) FROM pragma_storage_info(\'"{table}"\') WHERE persistent').fetchall()[0][0] * block
        texts, chars = con.execute("SELECT count(text), avg(length(text)) FROM articles").fetchall()[0]
    finally:
        con.close()
    articles = counts["articles"]
    files = [db, db.with_name(db.name + ".wal")]
    size = sum(f.stat().st_size for f in files if f.exists())
    largest = sorted(used.items(), key=lambda kv: -kv[1])[:6]
    return (f"size: {size / 1e6:,.0f} MB on disk for {articles:,} articles = {size / max(articles, 1):,.0f} bytes per "
            f"article (SYNTHETIC data: text on {texts / max(articles, 1):.0%} of articles, {chars or 0:,.0f} characters "
            f"on average; {counts['claims'] / max(articles, 1):.1f} claims and {counts['observations'] / max(articles, 1):.1f} "
            f"measurements per article); the largest tables' data blocks (indexes and "
            f"free blocks make up the rest): "
            + ", ".join(f"{name} {n / 1e6:,.0f} MB" for name, n in largest))


def pick_parameters(db: Path) -> dict[str, Any]:
    """The biggest story, a typical (median-sized) one, the most used tag, a date range, an article."""
    from metrics.store import connect

    con = connect(db, read_only=True)
    try:
        sizes = con.execute(
            "SELECT s.slug, count(*) AS n FROM story_articles sa JOIN stories s ON s.id = sa.story_id "
            "GROUP BY s.slug ORDER BY n DESC, s.slug").fetchall()
        big, big_n = sizes[0]
        typical, typical_n = sizes[len(sizes) // 2]
        tag = con.execute(
            "SELECT t.norm, count(DISTINCT sa.story_id) AS n FROM article_tags atg JOIN tags t ON t.id = atg.tag_id "
            "JOIN story_articles sa ON sa.article_id = atg.article_id GROUP BY t.norm ORDER BY n DESC, t.norm "
            "LIMIT 1").fetchall()[0][0]
        # The article page opens the story's first article with text; time that kind and the one with most claims.
        art = con.execute(
            "SELECT a.id FROM articles a JOIN story_articles sa ON sa.article_id = a.id JOIN stories s "
            "ON s.id = sa.story_id LEFT JOIN claims c ON c.article_id = a.id WHERE s.slug = $slug "
            "AND a.text IS NOT NULL GROUP BY a.id ORDER BY count(c.id) DESC, a.id LIMIT 1", {"slug": big}).fetchall()[0][0]
        typical_tag = con.execute(
            "SELECT t.norm FROM article_tags atg JOIN tags t ON t.id = atg.tag_id JOIN story_articles sa "
            "ON sa.article_id = atg.article_id JOIN stories s ON s.id = sa.story_id WHERE s.slug = $slug "
            "GROUP BY t.norm ORDER BY count(*) DESC, t.norm LIMIT 1", {"slug": typical}).fetchall()[0][0]
        outlet = con.execute("SELECT outlet FROM articles WHERE outlet IS NOT NULL GROUP BY outlet "
                             "ORDER BY count(*) DESC, outlet LIMIT 1").fetchall()[0][0]
    finally:
        con.close()
    # The dashboard's default range (1 Jan two years back to today) and a narrower quarter.
    today = datetime.now(UTC).date()
    wide = (datetime(today.year - 2, 1, 1, tzinfo=UTC), datetime.combine(today, datetime.min.time(), UTC))
    quarter = (datetime(2025, 1, 1, tzinfo=UTC), datetime(2025, 4, 1, tzinfo=UTC))
    return {"big": big, "big_n": big_n, "typical": typical, "typical_n": typical_n, "tag": tag, "article": art,
            "wide": wide, "quarter": quarter, "outlet": outlet,
            "typical_tag": typical_tag}


def fill(name: str, params: dict[str, Any]) -> dict[str, Any]:
    """The query's `$names` with the values given and, for any not given, what an unfiltered page
    passes (an empty list, False for an `all_*` switch, else NULL), so the benchmark keeps up with
    parameters added to queries/ (the filters grow)."""
    import re

    from metrics.store import sql

    wanted = dict.fromkeys(re.findall(r"\$([A-Za-z_]\w*)", sql(name)))
    out = {}
    for key in wanted:
        if key in params:
            out[key] = params[key]
        elif key in ("tags", "outlets"):
            out[key] = []
        elif key.startswith("all_"):
            out[key] = False
        else:
            out[key] = None
    return out


def bench_queries(db: Path, prm: dict[str, Any], runs: int) -> list[str]:
    from metrics import story_data
    from metrics.store import connect, query

    over: list[str] = []
    big, typ, tag = prm["big"], prm["typical"], prm["tag"]
    q0, q1 = prm["quarter"]
    w0, w1 = prm["wide"]
    from metrics.dashboard.data import (
        ARTICLE_CHOICES,
        CHART_FIGURES,
        MEASURED_POINTS,
        TABLE_ROWS,
        TRACED_FIGURES,
    )
    from metrics.story_data import OBSERVATION_STEPS, observation_step

    # What the Engagement claims page asks of story_claims_page (metrics.story_data.claims).
    claims_page = {"limit": TABLE_ROWS, "metric": "views", "chart_limit": CHART_FIGURES,
                   "traced_limit": TRACED_FIGURES}
    cases: list[tuple[str, str, dict[str, Any]]] = [
        ("tags", "tags", {}),
        ("stories: no filter", "stories", {"tags": [], "start": None, "end": None}),
        (f"stories: tag {tag}", "stories", {"tags": [tag], "start": None, "end": None}),
        ("stories: default date range", "stories", {"tags": [], "start": w0, "end": w1}),
        ("stories: tag + quarter 2025Q1", "stories", {"tags": [tag], "start": q0, "end": q1}),
        (f"stories: outlet {prm['outlet']}", "stories", {"outlets": [prm["outlet"]]}),
        ("story_top_figures", "story_top_figures", {}),
    ]
    # The reads behind a download or an export: every row of a story, read when a button is clicked.
    exports: list[tuple[str, str, dict[str, Any]]] = []
    con = connect(db, read_only=True)
    try:
        for label, slug in (("biggest", big), ("typical", typ)):
            spans = query(con, "story_observation_spans", slug=slug)
            step = observation_step(spans, MEASURED_POINTS)
            cases += [
                (f"story ({label})", "story", {"slug": slug}),
                (f"story_article_times ({label})", "story_article_times", {"slug": slug}),
                (f"story_article_times ({label}, quarter)", "story_article_times", {"slug": slug, "start": q0, "end": q1}),
                (f"story_articles_first ({label}, {TABLE_ROWS:,})", "story_articles_first",
                 {"slug": slug, "limit": TABLE_ROWS}),
                (f"story_articles_first ({label}, quarter)", "story_articles_first",
                 {"slug": slug, "start": q0, "end": q1, "limit": TABLE_ROWS}),
                (f"story_article_choices ({label})", "story_article_choices", {"slug": slug, "limit": ARTICLE_CHOICES}),
                (f"story_events ({label})", "story_events", {"slug": slug}),
                (f"story_claim_metrics ({label})", "story_claim_metrics", {"slug": slug}),
                (f"story_claims_page ({label}: table, views sample, traced)", "story_claims_page",
                 {"slug": slug, **claims_page}),
                (f"story_claims_page ({label}, quarter)", "story_claims_page",
                 {"slug": slug, "start": q0, "end": q1, **claims_page}),
                (f"story_claims_sample ({label}, likes, {CHART_FIGURES:,}: another metric)", "story_claims_sample",
                 {"slug": slug, "metric": "likes", "limit": CHART_FIGURES}),
                (f"story_observation_spans ({label})", "story_observation_spans", {"slug": slug}),
                (f"story_observations_stepped ({label}, per {step})", "story_observations_stepped",
                 {"slug": slug, "step_s": OBSERVATION_STEPS[step]}) if step else
                (f"story_observations ({label}, every one)", "story_observations", {"slug": slug}),
            ]
            if label == "biggest":
                cases.append((f"story_claims_page ({label}, outlet {prm['outlet']})", "story_claims_page",
                              {"slug": slug, "outlets": [prm["outlet"]], **claims_page}))
            if (ROOT / "queries" / "story_volume.sql").is_file():
                cases.append((f"story_volume ({label})", "story_volume", {"slug": slug}))
            exports += [
                (f"story_articles ({label}, every row)", "story_articles", {"slug": slug}),
                (f"story_claims ({label}, every row)", "story_claims", {"slug": slug}),
                (f"story_observations ({label}, every row)", "story_observations", {"slug": slug}),
            ]
    finally:
        con.close()
    cases += [
        ("outlets", "outlets", {}),
        ("data_snapshot", "data_snapshot", {}),
        (f"article (id {prm['article']})", "article", {"id": prm["article"]}),
        ("article_claims", "article_claims", {"id": prm["article"]}),
        ("article_time_refs", "article_time_refs", {"id": prm["article"]}),
    ]
    print(f"\n(a) Named queries, {runs} runs each on one open read-only connection (ms)")
    print(f"  {'query (parameters)':<58} {'p50':>8} {'p95':>8} {'max':>8}")
    con = connect(db, read_only=True)
    try:
        for label, name, given in cases:
            params = fill(name, given)
            n_rows = len(query(con, name, **params))
            if line(label, timed(lambda name=name, params=params: query(con, name, **params), runs), extra=f"  [{n_rows:,} rows]"):
                over.append(f"query {label}")
        print(f"\n    Reads behind downloads and exports (every row of a story; no budget), {max(3, runs // 4)} runs (ms)")
        for label, name, given in exports:
            params = fill(name, given)
            n_rows = len(query(con, name, **params))
            line(label, timed(lambda name=name, params=params: query(con, name, **params), max(3, runs // 4)),
                 budget=None, extra=f"  [{n_rows:,} rows]")
    finally:
        con.close()

    print("\n    Opening and closing the read-only connection (each read function does it once)")
    def open_close() -> None:
        connect(db, read_only=True).close()
    line("connect(read_only=True) + close", timed(open_close, runs), budget=None)

    print(f"\n    Read functions the pages call on a cache miss (a fresh connection + queries + pandas), "
          f"{max(3, runs // 4)} runs (ms)")
    F = story_data.StoryFilters

    def read_claims(slug: str, filters: story_data.StoryFilters) -> story_data.ClaimsData:
        return story_data.claims(slug, db, filters, table_rows=TABLE_ROWS, traced_rows=TRACED_FIGURES,
                                 chart_rows=CHART_FIGURES, chart_metric=first_metric)

    head = story_data.story_head(big, db)
    typical_head = story_data.story_head(typ, db)
    assert head is not None and typical_head is not None
    reads: list[tuple[str, Callable[[], Any]]] = [
        ("story_data.tags()", lambda: story_data.tags(db)),
        ("story_data.stories() no filter", lambda: story_data.stories(db)),
        (f"story_data.stories() tag {tag}", lambda: story_data.stories(db, F(tags=(tag,)))),
        ("story_data.stories() default date range", lambda: story_data.stories(db, F(start=w0, end=w1))),
        ("story_data.story_head() biggest (every story page)", lambda: story_data.story_head(big, db)),
        ("story_data.timeline() biggest", lambda: story_data.timeline(head, db, F(), TABLE_ROWS)),
        ("story_data.timeline() biggest, default date range",
         lambda: story_data.timeline(head, db, F(start=w0, end=w1), TABLE_ROWS)),
        ("story_data.timeline() typical", lambda: story_data.timeline(typical_head, db, F(), TABLE_ROWS)),
        ("story_data.claims() biggest", lambda: read_claims(big, F())),
        ("story_data.claims() typical", lambda: read_claims(typ, F())),
        ("story_data.claims_sample() biggest, likes (another metric)",
         lambda: story_data.claims_sample(big, db, F(), "likes", CHART_FIGURES, 0)),
        ("story_data.observations() biggest", lambda: story_data.observations(big, db, MEASURED_POINTS)),
        ("story_data.observations() typical", lambda: story_data.observations(typ, db, MEASURED_POINTS)),
        ("story_data.article_choices() biggest", lambda: story_data.article_choices(big, db, F(), ARTICLE_CHOICES)),
        ("story_data.article()", lambda: story_data.article(prm["article"], db)),
    ]
    for label, fn in reads:
        line(label, timed(fn, max(3, runs // 4)), budget=None)
    print("    and what a download or export reads (every row; no budget)")
    for label, fn in [("story_data.story() biggest", lambda: story_data.story(big, db)),
                      ("story_data.story() typical", lambda: story_data.story(typ, db))]:
        line(label, timed(fn, 3), budget=None)
    return over


def first_metric(counts: Any) -> str | None:
    """The metric the Engagement claims page draws first (as metrics.dashboard.data asks for it)."""
    from metrics import format

    return next(iter(format.chart_metrics(counts)), None)


def bench_page_parts(db: Path, prm: dict[str, Any], runs: int) -> None:
    """What the biggest story's Timeline and Engagement claims pages do, step by step, in ms: the
    reads they make on a cache miss, then the pandas and chart work on what they read (cached
    with the reads in metrics.dashboard.data, so a rerun does none of it again)."""
    from dataclasses import replace

    from metrics import charts, format, story_data
    from metrics.dashboard.data import CHART_FIGURES, MEASURED_POINTS, TABLE_ROWS, TRACED_FIGURES
    from metrics.provenance import figure_provenance
    from metrics.verdicts import story_verdicts

    big = prm["big"]
    F = story_data.StoryFilters()
    n = max(3, runs // 2)
    print(f"\n(a2) The biggest story's pages part by part, outside Streamlit, {n} runs (ms)")
    print(f"  {'step':<58} {'p50':>8} {'p95':>8} {'max':>8}")
    line("read: story_data.stories() (every page, story picker)", timed(lambda: story_data.stories(db), n),
         budget=None)
    line("read: story_data.story_head() (every story page)", timed(lambda: story_data.story_head(big, db), n),
         budget=None)
    head = story_data.story_head(big, db)
    assert head is not None
    found = story_data.timeline(head, db, F, TABLE_ROWS)
    view = found.view
    print(f"    timeline: {len(view.articles):,} articles counted, {len(found.table):,} listed, "
          f"{len(view.events):,} events")
    line("timeline: read (story_data.timeline)", timed(lambda: story_data.timeline(head, db, F, TABLE_ROWS), n),
         budget=None)
    timeline = charts.story_figure(view, "timeline")
    line("timeline: chart build (charts.story_figure)", timed(lambda: charts.story_figure(view, "timeline"), n),
         budget=None)
    line("timeline: copies folded (format.unique_stories)", timed(lambda: format.unique_stories(view.articles), n),
         budget=None)
    line("timeline: chart build, unique stories", timed(
        lambda: charts.story_figure(view, "timeline", unique=True), n), budget=None)
    line("timeline: chart dict (what st.plotly_chart copies)", timed(timeline.to_dict, n), budget=None)
    line("timeline: chart JSON (what st.plotly_chart sends)", timed(timeline.to_json, n), budget=None)
    line(f"timeline: 'Published' column of {len(found.table):,} rows", timed(lambda: format.format_instants(
        found.table["published_at"], found.table["published_offset"], found.table["published_precision"]), n),
         budget=None)

    def read_claims() -> story_data.ClaimsData:
        return story_data.claims(big, db, F, table_rows=TABLE_ROWS, traced_rows=TRACED_FIGURES,
                                 chart_rows=CHART_FIGURES, chart_metric=first_metric)

    read = read_claims()
    line("claims: read (story_data.claims: counts, table, sample, traced)", timed(read_claims, n), budget=None)
    metric, sample, sampled = read.sample_metric, read.sample, read.sample_thinned
    assert metric is not None
    observations, stepped = story_data.observations(big, db, MEASURED_POINTS)
    line("claims: read the measurements (story_data.observations)", timed(
        lambda: story_data.observations(big, db, MEASURED_POINTS), n), budget=None)
    print(f"    claims: {int(read.counts['claims'].sum()):,} figures, {len(read.claims):,} listed, "
          f"{len(read.traced):,} traced, chart {sampled or 'every figure'}, measurements {stepped or 'every one'}")
    chart_view = replace(head, claims=sample, observations=observations,
                         thinned={k: v for k, v in (("claims", sampled), ("observations", stepped)) if v})
    claims_fig = charts.story_figure(chart_view, "claims", metric=metric)
    line(f"claims: chart build ({metric})", timed(lambda: charts.story_figure(chart_view, "claims", metric=metric), n),
         budget=None)
    line("claims: chart dict", timed(claims_fig.to_dict, n), budget=None)
    line("claims: chart JSON", timed(claims_fig.to_json, n), budget=None)
    listed = read.claims[read.claims["metric"] != "video_published"]
    line("claims: verdicts (metrics.verdicts.story_verdicts)", timed(
        lambda: story_verdicts(listed, observations), n), budget=None)
    verdicts = story_verdicts(listed, observations)
    line("claims: 'Rule' column (format.verdict_rules)", timed(lambda: format.verdict_rules(verdicts), n),
         budget=None)
    line("claims: provenance (metrics.provenance.figure_provenance)", timed(
        lambda: figure_provenance(read.traced), n), budget=None)
    provenance = figure_provenance(read.traced)
    line("claims: provenance table (format.provenance_table)", timed(lambda: format.provenance_table(provenance), n),
         budget=None)
    line("claims: 'Figure' column (format.describe_claims)", timed(lambda: format.describe_claims(listed), n),
         budget=None)
    line("claims: 'Reported' column (format.format_instants)", timed(lambda: format.format_instants(
        listed["reported_at"], listed["reported_offset"], listed["reported_precision"]), n), budget=None)
    line("claims: 'When it held' column (format.held_text)", timed(lambda: format.held_text(listed), n),
         budget=None)


class QueryCounter:
    """Counts the named queries story_data runs (it imported query/rows/scalar by name)."""

    def __init__(self) -> None:
        from metrics import story_data

        self.counts: Counter[str] = Counter()
        for fname in ("query", "rows", "scalar"):
            original = getattr(story_data, fname)

            def wrapped(con: Any, name: str, _orig: Callable[..., Any] = original, **params: Any) -> Any:
                self.counts[name] += 1
                return _orig(con, name, **params)

            setattr(story_data, fname, wrapped)

    def take(self) -> str:
        out = ", ".join(f"{k} {v}" for k, v in sorted(self.counts.items())) or "none"
        total = sum(self.counts.values())
        self.counts.clear()
        return f"{total:2d} queries ({out})"


def quiet_streamlit() -> None:
    """Streamlit's bare-mode warnings ("No runtime found", "missing ScriptRunContext") off."""
    import logging

    from streamlit import logger as st_logger

    st_logger.set_log_level("error")
    for name in list(logging.root.manager.loggerDict):
        if name.startswith("streamlit"):
            logging.getLogger(name).setLevel(logging.ERROR)


def _apptest_setup(db: Path) -> tuple[Any, Callable[[str | None], Any], Callable[[Any], float]]:
    """Quiet Streamlit, point the dashboard at `db`, and return (counter, fresh, run)."""
    import logging

    from streamlit import logger as st_logger
    from streamlit.testing.v1 import AppTest

    from metrics import seed

    st_logger.set_log_level("error")  # "No runtime found", "missing ScriptRunContext" under AppTest
    for name in list(logging.root.manager.loggerDict):
        if name.startswith("streamlit"):
            logging.getLogger(name).setLevel(logging.ERROR)
    os.environ["MEDIAMETRICS_DB"] = str(db)
    seed.is_seeded = lambda con: True  # do not load seeds/ into the benchmark database (see the docstring)
    counter = QueryCounter()

    def fresh(story: str | None) -> AppTest:
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=3600)
        if story:
            at.session_state[state.STORY_KEY] = story
        return at

    def run(at: AppTest) -> float:
        t0 = time.perf_counter()
        at.run()
        s = time.perf_counter() - t0
        if at.exception:
            raise RuntimeError(f"page raised: {[e.value for e in at.exception]}")
        return s

    return counter, fresh, run


def render_one(db: Path, page: str, story: str, render_runs: int) -> int:
    """Child process of (b): one page, a warm-up render, then cold and warm renders, one JSON line each.

    In a child because a render that runs past its budget cannot be stopped inside a process
    (AppTest's timeout waits for the script thread, which only stops at its next st.* call)."""
    import json

    import streamlit as st

    counter, fresh, run = _apptest_setup(db)
    st.cache_data.clear(); st.cache_resource.clear()
    run(fresh(None))  # Streamlit's own first-use costs (imports, plotly, page map), not the page's work
    st.cache_data.clear(); st.cache_resource.clear()
    counter.take()
    at = fresh(story)
    at.switch_page(page)
    cold = run(at)
    print(json.dumps({"cold": cold, "queries": counter.take(),
                      "picked": at.session_state[state.STORY_KEY] if state.STORY_KEY in at.session_state else None}),  # noqa: SIM401 - no .get() on AppTest state
          flush=True)
    for _ in range(render_runs):
        print(json.dumps({"warm": run(at)}), flush=True)
    print(json.dumps({"warm_queries": counter.take()}), flush=True)
    return 0


def bench_pages(db: Path, prm: dict[str, Any], render_runs: int, timeout: float) -> list[str]:
    import json
    import queue
    import subprocess
    import threading

    import streamlit as st

    counter, fresh, run = _apptest_setup(db)
    over: list[str] = []
    typ, big = prm["typical"], prm["big"]

    st.cache_data.clear(); st.cache_resource.clear()
    run(fresh(None))
    st.cache_data.clear(); st.cache_resource.clear()
    counter.take()
    print(f"\n(c) Caching: named queries run per interaction, Engagement claims page, typical story {typ}")
    print("    (st.cache_data keyed on the inputs and the database file's mtime; counts from wrapping")
    print("    metrics.story_data's query/rows/scalar)")
    at = fresh(typ)
    at.switch_page(pages.CLAIMS.path)
    steps: list[tuple[str, Callable[[], None]]] = [
        ("first render (empty cache)", lambda: None),
        ("rerun, nothing changed", lambda: None),
        # By value: AppTest's radio lists the labels it shows ("Likes"), and a label is no value.
        ("change the page's own widget (metric radio: likes)",
         lambda: at.radio(key=state.CLAIMS_METRIC_KEY).set_value("likes")),
        (f"add tag filter '{prm['typical_tag']}' (the story has it)",
         lambda: at.session_state.__setitem__("tags", [prm["typical_tag"]])),
        ("rerun, nothing changed", lambda: None),
        ("remove the tag filter again (inputs seen before)", lambda: at.session_state.__setitem__("tags", [])),
        ("turn on the date range (default dates)", lambda: at.session_state.__setitem__("limit_dates", True)),
        ("rerun, nothing changed", lambda: None),
    ]
    for label, change in steps:
        change()
        s = run(at)
        print(f"  {label:<52} {s:6.2f} s  {counter.take()}")

    print("\n(b) Page renders under AppTest (dashboard.py), seconds: cold = first render with empty")
    print(f"    st.cache_data, warm = {render_runs} reruns with nothing changed; each page in a fresh process")
    print(f"    after one warm-up render; a render over {timeout:.0f} s is stopped.")
    print(f"  {'page (story)':<46} {'cold':>6} {'warm p50':>9} {'warm max':>9}")
    plan = [("typical", typ, p) for p in PAGES[1:]] + [("biggest", big, p) for p in PAGES]
    for story_label, slug, page in plan:
        name = f"{Path(page).stem} ({story_label})"
        proc = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), "--db", str(db), "--render-page", page, "--story", slug,
             "--render-runs", str(render_runs)],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=ROOT)
        lines: queue.Queue[str | None] = queue.Queue()

        def pump(stream: Any = proc.stdout, q: queue.Queue[str | None] = lines) -> None:
            for ln in stream:
                q.put(ln)
            q.put(None)

        threading.Thread(target=pump, daemon=True).start()
        got: dict[str, Any] = {"warm": []}
        deadline = 60.0 + timeout  # the child's imports and warm-up, then the cold render
        stopped = False
        while True:
            try:
                ln = lines.get(timeout=deadline)
            except queue.Empty:
                proc.kill()
                stopped = True
                break
            if ln is None:
                break
            rec = json.loads(ln)
            if "warm" in rec:
                got["warm"].append(rec["warm"])
            else:
                got.update(rec)
            deadline = timeout
        proc.wait()
        if "cold" not in got:
            what = f"stopped after {timeout:.0f} s" if stopped else f"failed (exit {proc.returncode})"
            print(f"  {name:<46}  cold render {what}  OVER {COLD_BUDGET_S:.1f} s")
            over.append(f"page {page} ({story_label}): cold render {what}")
            continue
        warm = got["warm"] or [float("nan")]
        cold = got["cold"]
        if page != PAGES[0] and got.get("picked") != slug:
            name += f" picked {got.get('picked')}!"
        worst_warm = max(warm) if got["warm"] else float("nan")
        flags = ([f"cold OVER {COLD_BUDGET_S:.1f} s"] if cold > COLD_BUDGET_S else []) + (
            [f"warm OVER {WARM_BUDGET_S:.1f} s"] if worst_warm > WARM_BUDGET_S or stopped else [])
        flag = "  " + ", ".join(flags) if flags else ""
        if flag:
            over.append(f"page {page} ({story_label}): cold {cold:.2f} s, warm max {max(warm):.2f} s"
                        + (" (a warm rerun was stopped)" if stopped else ""))
        print(f"  {name:<46} {cold:6.2f} {statistics.median(warm):9.2f} {max(warm):9.2f}{flag}"
              + (f"  (a warm rerun stopped after {timeout:.0f} s)" if stopped else ""))
        print(f"      queries cold: {got.get('queries')}\n      queries warm: {got.get('warm_queries', '-')}")
    return over


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, help="an existing database (else one is generated in a temp dir)")
    parser.add_argument("--runs", type=int, default=20, help="runs per query")
    parser.add_argument("--render-runs", type=int, default=5, help="warm reruns per page")
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--claims", type=int, default=300_000)
    parser.add_argument("--observations", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--skip-pages", action="store_true", help="only the query timings")
    parser.add_argument("--timeout", type=float, default=120, help="stop a page render after this many seconds")
    parser.add_argument("--render-page", help=argparse.SUPPRESS)  # child mode of (b)
    parser.add_argument("--story", help=argparse.SUPPRESS)
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]  # progress shows when piped to a file
    if args.render_page:
        return render_one(args.db, args.render_page, args.story, args.render_runs)

    import duckdb
    import streamlit

    quiet_streamlit()  # metrics.dashboard.data's cached functions warn "No runtime found" outside a server
    tmp = None
    if args.db is None:
        import generate_db

        tmp = tempfile.TemporaryDirectory(prefix="mm-perf-")
        db = Path(tmp.name) / "bench.duckdb"
        print(f"generating {args.articles:,} articles / {args.claims:,} claims / {args.observations:,} observations "
              f"(seed {args.seed}) into {db}")
        generate_db.generate(db, articles=args.articles, claims=args.claims, observations=args.observations,
                             seed=args.seed)
        repro = (f"python benchmarks/dashboard_perf.py --articles {args.articles} --claims {args.claims} "
                 f"--observations {args.observations} --seed {args.seed} --runs {args.runs}")
    else:
        db = args.db
        repro = f"python benchmarks/dashboard_perf.py --db {db} --runs {args.runs}"
    try:
        from metrics.store import connect, ensure_current

        ensure_current(db)
        con = connect(db, read_only=True)
        counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0]  # fixed table names
                  for t in ("stories", "articles", "claims", "observations")}
        synthetic = con.execute("SELECT count(*) FROM stories WHERE origin = 'synthetic'").fetchall()[0][0]
        con.close()
        print("\n=== mediametrics dashboard performance (SYNTHETIC benchmark data) ===")
        print(f"database: {db} ({db.stat().st_size / 1e6:.0f} MB): "
              + ", ".join(f"{k} {v:,}" for k, v in counts.items()) + f" ({synthetic} synthetic stories)")
        size_line = database_size(db, counts)
        print(size_line)
        print(f"machine: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}, duckdb {duckdb.__version__}, "
              f"streamlit {streamlit.__version__}; {datetime.now(UTC):%Y-%m-%d %H:%M} UTC")
        prm = pick_parameters(db)
        print(f"biggest story {prm['big']} ({prm['big_n']:,} articles), typical {prm['typical']} "
              f"({prm['typical_n']:,}), tag filter '{prm['tag']}', quarter {prm['quarter'][0]:%Y-%m-%d}.."
              f"{prm['quarter'][1]:%Y-%m-%d}, default range {prm['wide'][0]:%Y-%m-%d}..{prm['wide'][1]:%Y-%m-%d}, "
              f"article id {prm['article']}")
        over = bench_queries(db, prm, args.runs)
        bench_page_parts(db, prm, args.runs)
        if not args.skip_pages:
            over += bench_pages(db, prm, args.render_runs, args.timeout)
        print("\n=== summary ===")
        print(f"budgets: query p95 < {QUERY_BUDGET_MS:.0f} ms, page cold render < {COLD_BUDGET_S:.1f} s, "
              f"warm rerun < {WARM_BUDGET_S:.1f} s")
        print(size_line)
        print("over budget:" + ("".join(f"\n  - {o}" for o in over) if over else " none"))
        print(f"reproduce: {repro}")
        print("generate only: python benchmarks/generate_db.py OUT.duckdb --articles 100000 --claims 300000 "
              "--observations 1000000 --seed 1")
    finally:
        if tmp is not None:
            tmp.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
