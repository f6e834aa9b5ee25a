SELECT c.id, c.metric, c.value, c.unit, c.bound, c.low, c.high, c.qualifier, c.scope, c.time_window,
       c.subject, c.platform, c.quote, c.origin, c.as_of,
       a.id AS article_id, a.outlet, a.title, a.published_at, a.published_precision, a.syndicated_from,
       coalesce(c.as_of, a.published_at) AS reported_at
FROM claims c
JOIN articles a ON a.id = c.article_id
JOIN story_articles sa ON sa.article_id = a.id
JOIN stories s ON s.id = sa.story_id
WHERE s.slug = $slug
ORDER BY reported_at NULLS LAST, a.outlet, c.span_start NULLS LAST
