-- At most $limit of a story's claims of $metric that state a number, under the same filters as
-- story_claims (reported in [$start, $end), from $outlets), chosen by a hash of their id: a
-- random sample, the same one on every read, for a chart with more figures than a person can see.
-- The ids are picked first and the rows read whole for those alone (sorting every wide row of
-- the biggest story cost its page the budget). The same columns as story_claims.
WITH picked AS (
    SELECT c.id
    FROM claims c
    JOIN articles a ON a.id = c.article_id
    JOIN story_articles sa ON sa.article_id = a.id
    JOIN stories s ON s.id = sa.story_id
    WHERE s.slug = $slug AND c.metric = $metric AND c.value IS NOT NULL
      AND ($start IS NULL OR coalesce(c.as_of, a.published_at) >= $start)
      AND ($end IS NULL OR coalesce(c.as_of, a.published_at) < $end)
      AND (len($outlets) = 0 OR list_contains($outlets, a.outlet))
    ORDER BY hash(c.id), c.id
    LIMIT $limit
)
SELECT c.id, c.metric, c.value, c.unit, c.bound, c.low, c.high, c.qualifier, c.scope, c.time_window,
       c.subject, c.platform, c.quote, c.origin, c.as_of, c.as_of_start, c.as_of_rule,
       a.id AS article_id, a.outlet, a.title, a.published_at, a.published_precision, a.syndicated_from,
       CASE WHEN c.scope = 'earlier' AND c.as_of IS NULL THEN NULL
            ELSE coalesce(c.as_of, a.published_at) END AS reported_at,
       CASE WHEN c.as_of IS NULL OR c.as_of = a.published_at THEN a.published_precision ELSE 'day' END
           AS reported_precision,
       CASE WHEN c.as_of IS NULL OR c.as_of = a.published_at THEN a.published_offset END AS reported_offset,
       CASE WHEN c.as_of IS NULL OR c.as_of = a.published_at THEN a.published_local END AS reported_local
FROM picked p
JOIN claims c ON c.id = p.id
JOIN articles a ON a.id = c.article_id
ORDER BY reported_at NULLS LAST, a.outlet, c.span_start NULLS LAST, c.id
