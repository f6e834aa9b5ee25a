-- At most $limit of a story's claims of $metric that state a number, under story_claims' filters,
-- chosen by a hash of their id: a random sample, the same one on every read, for a chart with more
-- figures than a person can see. The ids are picked first and the rows read whole for those alone
-- (sorting every wide row of the biggest story cost its page the budget). story_claims' columns.
WITH picked AS (
    SELECT id
    FROM story_claim_rows($slug, $start, $end, $outlets)
    WHERE metric = $metric AND value IS NOT NULL
    ORDER BY hash(id), id
    LIMIT $limit
)
SELECT c.id, c.metric, c.value, c.unit, c.bound, c.low, c.high, c.qualifier, c.scope, c.time_window,
       c.subject, c.platform, c.quote, c.origin, c.as_of, c.as_of_start, c.as_of_rule,
       a.id AS article_id, a.outlet, a.title, a.published_at, a.published_precision, a.syndicated_from,
       claim_reported_at(c.scope, c.as_of, a.published_at) AS reported_at,
       claim_reported_precision(c.as_of, a.published_at, a.published_precision) AS reported_precision,
       claim_reported_as_article(c.as_of, a.published_at, a.published_offset) AS reported_offset,
       claim_reported_as_article(c.as_of, a.published_at, a.published_local) AS reported_local
-- The picked rows read whole by id, not through story_claim_rows: joined there, the story's
-- filter ran a second time (the biggest story's page 40% slower).
FROM picked p
JOIN claims c ON c.id = p.id
JOIN articles a ON a.id = c.article_id
ORDER BY reported_at NULLS LAST, a.outlet, c.span_start NULLS LAST, c.id
