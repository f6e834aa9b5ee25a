"""Generate a large SYNTHETIC mediametrics database for the dashboard benchmarks.

    python benchmarks/generate_db.py OUT.duckdb [--articles 100000 --claims 300000
                                                 --observations 1000000 --seed 1]

The schema comes from `metrics.store.connect(path)` (the migrations); the rows are made in
bulk inside DuckDB (range() and a seeded hash, so the same seed gives the same database) plus
small pyarrow tables for the tag and story names. Everything is marked synthetic: stories have
origin 'synthetic' and the note 'SYNTHETIC benchmark data', articles the note and origin
'synthetic', and one collection_runs row (collector 'synthetic') records the generation.

Shape: ~500 stories (sizes skewed: story 1 is the biggest), a few hundred tags, ~300 outlets,
two years of coverage (some articles undated, some dated to the day only), 1-3 tags per article,
some syndicated copies, claims of every metric with bounds, quotes and as-of times, text with the
claims' quotes at their spans for 30% of articles, ~2,000 media items linked to stories and their
observations (views/likes/comments polled hourly).
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from metrics.normalize import tag_key
from metrics.record import refresh_story_summaries
from metrics.store import connect, transaction

NOTE = "SYNTHETIC benchmark data"
TOPICS = ["Elections", "Climate", "China", "Russia", "Ukraine", "Health", "AI", "Energy", "Trade", "Security",
          "Media", "Sports", "Science", "Courts", "Migration", "Housing", "Tech", "Finance", "Space", "Culture"]
FILLER = " Synthetic filler sentence that stands in for the article's prose around the figure."  # 83 chars
PREFIX = "SYNTHETIC benchmark article, not real coverage. "

# Each statement takes only bound values ($seed and sizes); u(k, salt) is a uniform [0, 1)
# from a hash of (k, salt, seed), so the result does not depend on thread scheduling.
STEPS: list[tuple[str, str]] = [
    ("outlets", """
CREATE TEMP TABLE outlets_g AS
SELECT i AS oid, 'Synthetic Outlet ' || lpad(i::VARCHAR, 3, '0') AS outlet,
       ['+00:00', '+01:00', '-04:00', '-05:00', '+05:30', '+09:00', NULL][1 + (i % 7)::INT] AS tz
FROM range(1, $outlets + 1) r(i)"""),
    ("story centres", """
CREATE TEMP TABLE story_g AS
SELECT id AS sid, TIMESTAMPTZ '2024-01-01 00:00:00+00' + to_days((u(id, 1) * 700)::INT) AS centre
FROM stories"""),
    ("articles (staging)", """
CREATE TEMP TABLE art_g AS
SELECT i AS id,
       -- skewed story sizes: story 1 is the biggest (~8% of articles), most are small
       least($stories, 1 + floor($stories * pow(u(i, 2), 2.5)))::BIGINT AS sid,
       least($outlets, 1 + floor($outlets * pow(u(i, 3), 1.8)))::BIGINT AS oid,
       u(i, 4) AS r_date, u(i, 5) AS r_prec, u(i, 6) AS r_text, u(i, 7) AS r_syn, u(i, 8) AS r_lag
FROM range(1, $articles + 1) r(i)"""),
    ("articles", """
INSERT INTO articles (id, source, url, canonical_url, outlet, title, byline, published_at, published_offset,
                      published_precision, date_source, fetched_at, origin, language, note, run_id,
                      syndicated_from, syndicated_article_id, syndication_method)
SELECT a.id,
       'synthetic://article/' || a.id,
       'https://synthetic.example/' || lower(replace(o.outlet, ' ', '-')) || '/article-' || a.id || '?utm_source=x',
       'https://synthetic.example/' || lower(replace(o.outlet, ' ', '-')) || '/article-' || a.id,
       o.outlet,
       'Synthetic story ' || a.sid || ': report ' || a.id,
       CASE WHEN a.id % 4 = 0 THEN NULL ELSE 'Synthetic Reporter ' || (a.id % 997) END,
       CASE WHEN a.r_date < 0.03 THEN NULL
            WHEN a.r_prec < 0.10 THEN date_trunc('day', s.centre + to_seconds((pow(a.r_lag, 3) * 60 * 86400)::BIGINT))
            ELSE s.centre + to_seconds((pow(a.r_lag, 3) * 60 * 86400)::BIGINT) END,
       CASE WHEN a.r_date < 0.03 OR a.r_prec < 0.10 THEN NULL ELSE o.tz END,
       CASE WHEN a.r_date < 0.03 THEN NULL WHEN a.r_prec < 0.10 THEN 'day'
            WHEN a.r_prec < 0.40 THEN 'minute' ELSE 'second' END,
       CASE WHEN a.r_date < 0.03 THEN NULL ELSE 'synthetic' END,
       TIMESTAMPTZ '2026-01-01 00:00:00+00',
       'synthetic', 'en', $note, $run_id,
       CASE WHEN a.r_syn < 0.08 THEN 'AP' END,
       NULL, CASE WHEN a.r_syn < 0.08 THEN 'agency credit' END
FROM art_g a JOIN outlets_g o ON o.oid = a.oid JOIN story_g s ON s.sid = a.sid"""),
    ("story_articles", """
INSERT INTO story_articles (story_id, article_id)
SELECT sid, id FROM art_g
UNION
-- 5% of articles are filed under a second story too
SELECT least($stories, 1 + floor($stories * u(id, 9)))::BIGINT, id FROM art_g WHERE u(id, 10) < 0.05"""),
    ("article_tags", """
INSERT INTO article_tags
SELECT DISTINCT a.id, 1 + ((a.sid * 7 + j * 13 + (u(a.id, 20 + j) * 3)::INT) % $tags)
FROM art_g a, range(0, 3) t(j)
WHERE j = 0 OR u(a.id, 30 + j) < 0.5"""),
    ("story_tags", """
INSERT INTO story_tags SELECT sid, 1 + ((sid * 7) % $tags) FROM story_g WHERE u(sid, 11) < 0.3"""),
    ("claims (staging)", """
CREATE TEMP TABLE claim_g AS
WITH base AS (
    SELECT i AS id,
           1 + floor(u(i, 41) * $articles)::BIGINT AS article_id,
           u(i, 42) AS r_metric, u(i, 43) AS r_bound, u(i, 44) AS r_value, u(i, 45) AS r_asof
    FROM range(1, $claims + 1) r(i)
), typed AS (
    SELECT b.*,
           CASE WHEN r_metric < 0.40 THEN 'views' WHEN r_metric < 0.55 THEN 'likes'
                WHEN r_metric < 0.65 THEN 'video_length' WHEN r_metric < 0.73 THEN 'comments'
                WHEN r_metric < 0.80 THEN 'shares' WHEN r_metric < 0.85 THEN 'video_count'
                WHEN r_metric < 0.95 THEN 'video_published' WHEN r_metric < 0.975 THEN 'followers'
                ELSE 'subscribers' END AS metric,
           CASE WHEN r_bound < 0.40 THEN 'exact' WHEN r_bound < 0.65 THEN 'lower' WHEN r_bound < 0.75 THEN 'upper'
                WHEN r_bound < 0.90 THEN 'approx' ELSE 'vague' END AS bound
    FROM base b
), valued AS (
    SELECT t.*,
           CASE WHEN t.metric = 'video_published' THEN 'timestamp' WHEN t.metric = 'video_length' THEN 'seconds'
                ELSE 'count' END AS unit,
           CASE WHEN t.metric = 'video_published'
                    THEN epoch(date_trunc('day', s.centre - to_days((r_value * 5)::INT)))
                WHEN t.metric = 'video_length' THEN round(30 + r_value * 600)
                WHEN t.metric = 'video_count' THEN 1 + floor(r_value * 6)
                ELSE round(pow(10, 2 + 5 * r_value), -2) END AS v
    FROM typed t JOIN art_g a ON a.id = t.article_id JOIN story_g s ON s.sid = a.sid
)
SELECT id, article_id, metric, unit,
       CASE WHEN metric = 'video_published' THEN 'exact' ELSE bound END AS bound,
       CASE WHEN bound = 'vague' AND metric <> 'video_published' THEN NULL ELSE v END AS value,
       CASE WHEN metric = 'video_published' THEN v WHEN bound IN ('exact', 'lower') THEN v
            WHEN bound = 'approx' THEN v * 0.9 WHEN bound = 'vague' THEN 1e6 END AS low,
       CASE WHEN metric = 'video_published' THEN v + 86400 WHEN bound IN ('exact', 'upper') THEN v
            WHEN bound = 'approx' THEN v * 1.1 END AS high,
       CASE WHEN metric = 'video_published' THEN NULL WHEN bound = 'lower' THEN 'more than'
            WHEN bound = 'upper' THEN 'nearly' WHEN bound = 'approx' THEN 'about'
            WHEN bound = 'vague' THEN 'millions of' END AS qualifier,
       CASE WHEN metric = 'video_published' THEN 'posted on the day of ' || strftime(to_timestamp(v), '%A %-d %B')
            WHEN bound = 'vague' THEN 'millions of ' || replace(metric, '_', ' ')
            WHEN metric = 'video_length' THEN 'the ' || coalesce(CASE bound WHEN 'lower' THEN 'more than '
                 WHEN 'upper' THEN 'nearly ' WHEN 'approx' THEN 'about ' END, '') || v::BIGINT || '-second-long video'
            ELSE coalesce(CASE bound WHEN 'lower' THEN 'more than ' WHEN 'upper' THEN 'nearly '
                 WHEN 'approx' THEN 'about ' END, '') || format('{:,}', v::BIGINT) || ' ' || replace(metric, '_', ' ')
       END AS quote,
       r_asof
FROM valued"""),
    ("claims", """
INSERT INTO claims (id, article_id, metric, value, unit, bound, low, high, qualifier, scope, time_window, subject,
                    platform, quote, span_start, span_end, also_spans, as_of, origin, extractor_version, run_id)
SELECT c.id, c.article_id, c.metric, c.value, c.unit, c.bound, c.low, c.high, c.qualifier,
       CASE WHEN c.id % 5 = 0 THEN 'combined' END,
       CASE WHEN c.id % 7 = 0 THEN 'first day' END,
       CASE WHEN c.id % 3 = 0 THEN 'the videos' END,
       CASE WHEN c.id % 2 = 0 THEN 'YouTube' END,
       c.quote,
       CASE WHEN a.r_text < 0.30 THEN p.span_start END,
       CASE WHEN a.r_text < 0.30 THEN p.span_start + length(c.quote) END,
       NULL,
       CASE WHEN c.r_asof < 0.3 AND ar.published_at IS NOT NULL
            THEN date_trunc('day', ar.published_at) - to_days((c.r_asof * 10)::INT) END,
       CASE WHEN c.id % 10 = 0 THEN 'entered' ELSE 'extracted' END,
       CASE WHEN c.id % 10 = 0 THEN NULL ELSE 'synthetic-1' END,
       $run_id
FROM claim_g c
JOIN art_g a ON a.id = c.article_id
JOIN articles ar ON ar.id = c.article_id
JOIN (SELECT id, length($prefix) + coalesce(sum(length(quote) + length($filler)) OVER (
          PARTITION BY article_id ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS span_start
      FROM claim_g) p ON p.id = c.id"""),
    ("article text", """
UPDATE articles SET text = t.text, text_hash = md5(t.text)
FROM (SELECT a.id, $prefix || coalesce(string_agg(c.quote || $filler, '' ORDER BY c.id), '')
                         || ' Synthetic article ' || a.id || '.' AS text
      FROM art_g a LEFT JOIN claim_g c ON c.article_id = a.id
      WHERE a.r_text < 0.30 GROUP BY a.id) t
WHERE articles.id = t.id"""),
    ("copy signatures", """
UPDATE articles SET copy_signature = unhex(repeat(md5(id::VARCHAR), 16)) WHERE text IS NOT NULL"""),
    # Stand-ins with the real index's size (similarity.COPY_BANDS keys per text), never a match for
    # a real text's keys: no generated text is a copy of another.
    ("copy bands", """
INSERT INTO copy_bands (key, article_id)
SELECT (hash(a.id, b.band) >> 1)::BIGINT, a.id FROM articles a, range(14) b(band) WHERE a.text IS NOT NULL"""),
    ("time_refs", """
INSERT INTO time_refs (id, article_id, text, span_start, span_end, resolved_start, resolved_end, granularity,
                       rule, origin)
SELECT row_number() OVER (ORDER BY c.id), c.article_id, c.quote, c.span_start, c.span_end,
       to_timestamp(c.low), to_timestamp(c.high), 'day', 'synthetic weekday rule', 'extracted'
FROM claims c WHERE c.metric = 'video_published' AND c.span_start IS NOT NULL"""),
    ("media_items", """
INSERT INTO media_items (id, platform, platform_id, url, title, published_at, duration_s, channel)
SELECT i, 'youtube', 'SYN' || lpad(i::VARCHAR, 8, '0'), 'https://synthetic.example/watch/' || i,
       'Synthetic video ' || i, s.centre - to_days((u(i, 51) * 3)::INT), round(30 + u(i, 52) * 600),
       'Synthetic Channel ' || (i % 40)
FROM (SELECT i, least($stories, 1 + floor($stories * pow(u(i, 50), 2.5)))::BIGINT AS sid
      FROM range(1, $media + 1) r(i)) m(i, sid)
JOIN story_g s ON s.sid = m.sid"""),
    ("story_media", """
INSERT INTO story_media
SELECT least($stories, 1 + floor($stories * pow(u(i, 50), 2.5)))::BIGINT, i FROM range(1, $media + 1) r(i)"""),
    ("observations", """
INSERT INTO observations (media_item_id, metric, value, observed_at, collector, run_id)
SELECT m.id, ['views', 'likes', 'comments'][1 + (k % 3)::INT],
       round((CASE k % 3 WHEN 0 THEN 1 WHEN 1 THEN 0.04 ELSE 0.005 END)
             * pow(10, 3 + 3 * u(m.id, 60)) * (1 + (k // 3)) * (1 + 0.1 * u(k, m.id))),
       m.published_at + to_hours((k // 3)::BIGINT) + to_seconds((u(m.id, 61) * 600)::BIGINT),
       'synthetic', $run_id
FROM (SELECT id, published_at, $observations // $media + CASE WHEN id <= $observations % $media THEN 1 ELSE 0 END AS n
      FROM media_items) m,
     LATERAL (SELECT k FROM range(0, m.n) r(k))"""),
]


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("out", type=Path, help="the DuckDB file to create (must not exist)")
    p.add_argument("--articles", type=int, default=100_000)
    p.add_argument("--claims", type=int, default=300_000)
    p.add_argument("--observations", type=int, default=1_000_000)
    p.add_argument("--stories", type=int, default=500)
    p.add_argument("--tags", type=int, default=300)
    p.add_argument("--outlets", type=int, default=300)
    p.add_argument("--media", type=int, default=2_000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("-q", "--quiet", action="store_true")
    return p.parse_args(argv)


def generate(out: Path, *, articles: int = 100_000, claims: int = 300_000, observations: int = 1_000_000,
             stories: int = 500, tags: int = 300, outlets: int = 300, media: int = 2_000, seed: int = 1,
             quiet: bool = False) -> dict[str, float]:
    """Create `out` and fill it; returns seconds per step (and 'total')."""
    if out.exists():
        raise SystemExit(f"{out} exists; generate into a new file")
    say = (lambda *a: None) if quiet else (lambda *a: print(*a, flush=True))
    t_all = time.perf_counter()
    timings: dict[str, float] = {}
    con = connect(out)  # applies the migrations
    try:
        t0 = time.perf_counter()
        con.execute("SET VARIABLE mm_seed = $seed", {"seed": seed})
        con.execute("CREATE TEMP MACRO u(k, salt) AS "
                    "(hash(k, salt, getvariable('mm_seed')) % 1000000007)::DOUBLE / 1000000007")
        started = datetime.now(UTC)
        command = (f"benchmarks/generate_db.py --articles {articles} --claims {claims} "
                   f"--observations {observations} --seed {seed} (SYNTHETIC benchmark data)")
        with transaction(con):
            run_id = con.execute(
                "INSERT INTO collection_runs (collector, command, started_at) VALUES ('synthetic', $c, $t) "
                "RETURNING id", {"c": command, "t": started}).fetchall()[0][0]

            names = [f"{TOPICS[i % len(TOPICS)]} {i // len(TOPICS) + 1}" if i >= len(TOPICS) else TOPICS[i]
                     for i in range(tags)]
            tag_table = pa.table({"id": list(range(1, tags + 1)), "tag": names, "norm": [tag_key(n) for n in names]})
            con.register("tag_src", tag_table)
            con.execute("INSERT INTO tags (id, tag, norm) SELECT id, tag, norm FROM tag_src")
            story_table = pa.table({
                "id": list(range(1, stories + 1)),
                "slug": [f"synthetic-story-{i:03d}" for i in range(1, stories + 1)],
                "title": [f"Synthetic story {i}: {TOPICS[(i * 7) % len(TOPICS)]} coverage" for i in range(1, stories + 1)],
            })
            con.register("story_src", story_table)
            con.execute("INSERT INTO stories (id, slug, title, origin, note, created_at) "
                        "SELECT id, slug, title, 'synthetic', $note, $t FROM story_src", {"note": NOTE, "t": started})
            timings["stories+tags"] = time.perf_counter() - t0

            values = {"seed": seed, "articles": articles, "claims": claims, "observations": observations,
                      "stories": stories, "tags": tags, "outlets": outlets, "media": media, "note": NOTE,
                      "run_id": run_id, "prefix": PREFIX, "filler": FILLER}
            for name, statement in STEPS:
                t0 = time.perf_counter()
                used = {k: v for k, v in values.items() if f"${k}" in statement}
                con.execute(statement, used)
                timings[name] = time.perf_counter() - t0
                say(f"  {name:<20} {timings[name]:7.2f} s")

            # The rows above bypass metrics.record, so the summary it keeps must be written here.
            t0 = time.perf_counter()
            refresh_story_summaries(con, [r[0] for r in con.execute("SELECT id FROM stories").fetchall()])
            timings["story_figures"] = time.perf_counter() - t0
            say(f"  {'story_figures':<20} {timings['story_figures']:7.2f} s")

            # Keep the sequences past the ids written here, so a later real insert does not collide.
            t0 = time.perf_counter()
            for table, seq in (("stories", "story_id_seq"), ("articles", "article_id_seq"), ("tags", "tag_id_seq"),
                               ("media_items", "media_item_id_seq"), ("claims", "claim_id_seq"),
                               ("time_refs", "time_ref_id_seq")):
                n = con.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchall()[0][0]  # fixed names
                con.execute(f"SELECT max(nextval('{seq}')) FROM range($n)", {"n": n})
            counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0] for t in (
                "stories", "tags", "articles", "story_articles", "article_tags", "claims", "time_refs",
                "media_items", "observations", "story_figures")}
            con.execute("UPDATE collection_runs SET finished_at = $t, ok = $ok WHERE id = $id",
                        {"t": datetime.now(UTC), "ok": counts["articles"], "id": run_id})
            timings["sequences+counts"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        con.execute("CHECKPOINT")
        timings["checkpoint"] = time.perf_counter() - t0
    finally:
        con.close()
    timings["total"] = time.perf_counter() - t_all
    say("  rows: " + ", ".join(f"{k} {v:,}" for k, v in counts.items()))
    size_mb = out.stat().st_size / 1e6
    say(f"generated {out} ({size_mb:.0f} MB, seed {seed}) in {timings['total']:.1f} s — SYNTHETIC benchmark data")
    return timings


def main(argv: list[str] | None = None) -> int:
    a = parse(argv)
    generate(a.out, articles=a.articles, claims=a.claims, observations=a.observations, stories=a.stories,
             tags=a.tags, outlets=a.outlets, media=a.media, seed=a.seed, quiet=a.quiet)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
