-- The coverage span (first and last publish time) of each story in $slugs.
SELECT s.slug, min(a.published_at) AS first_coverage, max(a.published_at) AS last_coverage
FROM stories s
JOIN (SELECT DISTINCT unnest($slugs::VARCHAR[]) AS slug) w ON w.slug = s.slug
JOIN story_articles sa ON sa.story_id = s.id
JOIN articles a ON a.id = sa.article_id
GROUP BY s.slug
