-- How many claims a story has of each metric under the same filters as story_claims (reported
-- in [$start, $end), from $outlets): all of them, those stating a number (what a chart can draw)
-- and those metrics.provenance can trace (story_claims_page's `traced` rows).
SELECT c.metric, count(*) AS claims, count(c.value) AS with_value,
       count(*) FILTER (WHERE c.value > 0 AND c.metric NOT IN ('video_published', 'video_count')
                        AND (c.scope IS DISTINCT FROM 'earlier' OR c.as_of IS NOT NULL)
                        AND coalesce(c.as_of, a.published_at) IS NOT NULL) AS traceable
FROM claims c
JOIN articles a ON a.id = c.article_id
JOIN story_articles sa ON sa.article_id = a.id
JOIN stories s ON s.id = sa.story_id
WHERE s.slug = $slug
  AND ($start IS NULL OR coalesce(c.as_of, a.published_at) >= $start)
  AND ($end IS NULL OR coalesce(c.as_of, a.published_at) < $end)
  AND (len($outlets) = 0 OR list_contains($outlets, a.outlet))
GROUP BY c.metric
ORDER BY c.metric
