-- Each story's article titles and coverage span, for matching a new article to a story.
SELECT s.slug, string_agg(coalesce(a.title, ''), ' | ') AS titles,
       min(a.published_at) AS first_coverage, max(a.published_at) AS last_coverage
FROM stories s
JOIN story_articles sa ON sa.story_id = s.id
JOIN articles a ON a.id = sa.article_id
GROUP BY s.slug
