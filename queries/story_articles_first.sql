-- The first $limit of story_articles' rows (NULL: all), with its columns: a story's articles
-- published in [$start, $end) (undated ones drop out when a range is given) from $outlets (all
-- when empty), in publication order (the id last, so equal times come in one order). The rows
-- are picked first and their columns and claim counts read for those alone: on the biggest story,
-- sorting every wide row and counting every article's claims cost a page its budget.
WITH picked AS (
    SELECT a.id, a.published_at, a.outlet, sa.reason
    FROM articles a JOIN story_articles sa ON sa.article_id = a.id JOIN stories s ON s.id = sa.story_id
    WHERE s.slug = $slug
      AND ($start IS NULL OR a.published_at >= $start) AND ($end IS NULL OR a.published_at < $end)
      AND (len($outlets) = 0 OR list_contains($outlets, a.outlet))
    ORDER BY a.published_at NULLS LAST, a.outlet, a.id
    LIMIT $limit
),
counted AS (
    SELECT c.article_id, count(*) AS claims FROM claims c WHERE c.article_id IN (SELECT id FROM picked)
    GROUP BY c.article_id
)
SELECT a.id, a.outlet, a.title, a.byline, a.url, a.source, a.origin, a.syndicated_from,
       a.syndicated_article_id, a.syndication_method, p.reason AS story_reason,
       a.published_at, a.published_offset, a.published_precision, a.published_local, a.date_source,
       a.text IS NOT NULL AS has_text, coalesce(n.claims, 0) AS claims
FROM picked p JOIN articles a ON a.id = p.id LEFT JOIN counted n ON n.article_id = p.id
ORDER BY p.published_at NULLS LAST, p.outlet, p.id
