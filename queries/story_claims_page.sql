-- What the Engagement claims page shows of a story's claims under the same filters as story_claims
-- (reported in [$start, $end), from $outlets), with the same columns and three flags:
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
    SELECT c.id, c.metric, c.value, a.outlet, c.span_start,
           CASE WHEN c.scope = 'earlier' AND c.as_of IS NULL THEN NULL
                ELSE coalesce(c.as_of, a.published_at) END AS reported_at,
           coalesce(a.published_at, c.as_of) AS printed_at
    FROM claims c
    JOIN articles a ON a.id = c.article_id
    JOIN story_articles sa ON sa.article_id = a.id
    JOIN stories s ON s.id = sa.story_id
    WHERE s.slug = $slug
      AND ($start IS NULL OR coalesce(c.as_of, a.published_at) >= $start)
      AND ($end IS NULL OR coalesce(c.as_of, a.published_at) < $end)
      AND (len($outlets) = 0 OR list_contains($outlets, a.outlet))
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
       CASE WHEN c.scope = 'earlier' AND c.as_of IS NULL THEN NULL
            ELSE coalesce(c.as_of, a.published_at) END AS reported_at,
       CASE WHEN c.as_of IS NULL OR c.as_of = a.published_at THEN a.published_precision ELSE 'day' END
           AS reported_precision,
       CASE WHEN c.as_of IS NULL OR c.as_of = a.published_at THEN a.published_offset END AS reported_offset,
       CASE WHEN c.as_of IS NULL OR c.as_of = a.published_at THEN a.published_local END AS reported_local,
       p.listed, p.drawn, p.traced
FROM picked p
JOIN claims c ON c.id = p.id
JOIN articles a ON a.id = c.article_id
ORDER BY reported_at NULLS LAST, a.outlet, c.span_start NULLS LAST, c.id
