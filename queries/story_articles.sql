SELECT a.id, a.outlet, a.title, a.byline, a.url, a.source, a.origin, a.syndicated_from,
       a.syndicated_article_id, a.syndication_method, sa.reason AS story_reason,
       a.published_at, a.published_offset, a.published_precision, a.published_local, a.date_source, a.text IS NOT NULL AS has_text,
       (SELECT count(*) FROM claims c WHERE c.article_id = a.id) AS claims
FROM articles a JOIN story_articles sa ON sa.article_id = a.id JOIN stories s ON s.id = sa.story_id
WHERE s.slug = $slug
  AND ($start IS NULL OR a.published_at >= $start) AND ($end IS NULL OR a.published_at < $end)
  AND (len($outlets) = 0 OR list_contains($outlets, a.outlet))
-- The id last, so equal times and outlets come in one order (story_articles_first takes the first rows).
ORDER BY a.published_at NULLS LAST, a.outlet, a.id
