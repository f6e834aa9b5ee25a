SELECT s.slug, s.title, s.origin, count(sa.article_id) AS articles,
       min(a.published_at) AS first_coverage, max(a.published_at) AS last_coverage
FROM stories s
LEFT JOIN story_articles sa ON sa.story_id = s.id
LEFT JOIN articles a ON a.id = sa.article_id
GROUP BY s.slug, s.title, s.origin
ORDER BY last_coverage DESC NULLS LAST, s.slug
