-- The articles the Article page offers for a story, under the same filters as story_articles:
-- those with text first (the page shows their marked-up text), then in publication order, at most
-- $limit of them (NULL: all); `total` is how many there are in all.
SELECT a.id, a.outlet, a.title, a.text IS NOT NULL AS has_text, sa.reason AS story_reason,
       count(*) OVER () AS total
FROM articles a JOIN story_articles sa ON sa.article_id = a.id JOIN stories s ON s.id = sa.story_id
WHERE s.slug = $slug
  AND ($start IS NULL OR a.published_at >= $start) AND ($end IS NULL OR a.published_at < $end)
  AND (len($outlets) = 0 OR list_contains($outlets, a.outlet))
ORDER BY has_text DESC, a.published_at NULLS LAST, a.outlet, a.id
LIMIT $limit
