SELECT c.id, c.metric, c.value, c.unit, c.bound, c.low, c.high, c.qualifier, c.scope, c.time_window,
       c.subject, c.platform, c.quote, c.origin, c.as_of, c.as_of_start, c.as_of_rule,
       a.id AS article_id, a.outlet, a.title, a.published_at, a.published_precision, a.syndicated_from,
       -- The count before a change ('up from 400,000') held at an earlier time; undated, it has none.
       CASE WHEN c.scope = 'earlier' AND c.as_of IS NULL THEN NULL
            ELSE coalesce(c.as_of, a.published_at) END AS reported_at,
       -- A figure with its own as-of day is day-precise; one reported 'now' is as precise as its article's date.
       CASE WHEN c.as_of IS NULL OR c.as_of = a.published_at THEN a.published_precision ELSE 'day' END
           AS reported_precision,
       CASE WHEN c.as_of IS NULL OR c.as_of = a.published_at THEN a.published_offset END AS reported_offset,
       -- Its article's wall clock when the source stated no zone (articles.published_local).
       CASE WHEN c.as_of IS NULL OR c.as_of = a.published_at THEN a.published_local END AS reported_local
FROM claims c
JOIN articles a ON a.id = c.article_id
JOIN story_articles sa ON sa.article_id = a.id
JOIN stories s ON s.id = sa.story_id
WHERE s.slug = $slug
  AND ($start IS NULL OR coalesce(c.as_of, a.published_at) >= $start)
  AND ($end IS NULL OR coalesce(c.as_of, a.published_at) < $end)
  AND (len($outlets) = 0 OR list_contains($outlets, a.outlet))
-- The id last, so that equal times and outlets come in one order on every read (story_claims_page
-- picks its first rows in this order).
ORDER BY reported_at NULLS LAST, a.outlet, c.span_start NULLS LAST, c.id
