-- What the Engagement claims page shows of a story's claims under story_claims' filters
-- (story_claim_rows), with the same columns and three flags:
--   listed: the first $limit in story_claims' order (the page's table);
--   drawn:  at most $chart_limit of those of $metric that state a number, chosen by a hash of
--           their id (a random sample for its chart, the same on every read, as
--           story_claims_sample picks it);
--   traced: the first $traced_limit that metrics.provenance can trace (a positive number, a time
--           it held, not a release time or a video count) in print order (their article's
--           publication, else when they held).
-- The rows are picked on a few columns and read whole once: on the biggest story each read of the
-- claims' text columns costs most of a query's budget, and sorting every wide row more than all of it.
WITH eligible AS (
    SELECT id, metric, value, outlet, span_start, reported_at, printed_at
    FROM story_claim_rows($slug, $start, $end, $outlets)
),
listed AS (
    SELECT id FROM eligible ORDER BY reported_at NULLS LAST, outlet, span_start NULLS LAST, id LIMIT $limit
),
drawn AS (
    SELECT id FROM eligible WHERE metric = $metric AND value IS NOT NULL ORDER BY hash(id), id LIMIT $chart_limit
),
traced AS (
    SELECT id FROM eligible
    WHERE value > 0 AND metric NOT IN ('video_published', 'video_count') AND reported_at IS NOT NULL
    ORDER BY printed_at, id
    LIMIT $traced_limit
),
picked AS (
    SELECT id, bool_or(kind = 'listed') AS listed, bool_or(kind = 'drawn') AS drawn,
           bool_or(kind = 'traced') AS traced
    FROM (SELECT id, 'listed' AS kind FROM listed UNION ALL SELECT id, 'drawn' FROM drawn
          UNION ALL SELECT id, 'traced' FROM traced)
    GROUP BY id
)
SELECT c.id, c.metric, c.value, c.unit, c.bound, c.low, c.high, c.qualifier, c.scope, c.time_window,
       c.subject, c.platform, c.quote, c.origin, c.as_of, c.as_of_start, c.as_of_rule,
       a.id AS article_id, a.outlet, a.title, a.published_at, a.published_precision, a.syndicated_from,
       claim_reported_at(c.scope, c.as_of, a.published_at) AS reported_at,
       claim_reported_precision(c.as_of, a.published_at, a.published_precision) AS reported_precision,
       claim_reported_as_article(c.as_of, a.published_at, a.published_offset) AS reported_offset,
       claim_reported_as_article(c.as_of, a.published_at, a.published_local) AS reported_local,
       p.listed, p.drawn, p.traced
-- The picked rows read whole by id, not through story_claim_rows: joined there, the story's
-- filter ran a second time (the biggest story's page 40% slower).
FROM picked p
JOIN claims c ON c.id = p.id
JOIN articles a ON a.id = c.article_id
ORDER BY reported_at NULLS LAST, a.outlet, c.span_start NULLS LAST, c.id
