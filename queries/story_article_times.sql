-- What a coverage timeline counts, for every article of a story published in [$start, $end)
-- (undated ones drop out when a range is given) from $outlets (all when empty): its outlet,
-- title and publication time, and its copy links for folding copies. Narrow on purpose: the
-- biggest story has tens of thousands of articles, and every column read is paid on each.
SELECT a.id, a.outlet, a.title, a.published_at, a.published_precision, a.syndicated_from, a.syndicated_article_id
FROM articles a JOIN story_articles sa ON sa.article_id = a.id JOIN stories s ON s.id = sa.story_id
WHERE s.slug = $slug
  AND ($start IS NULL OR a.published_at >= $start) AND ($end IS NULL OR a.published_at < $end)
  AND (len($outlets) = 0 OR list_contains($outlets, a.outlet))
ORDER BY a.published_at NULLS LAST, a.outlet, a.id
