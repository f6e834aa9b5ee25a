-- Stories with articles but no keyword index rows (made before migration 0009, or merged into):
-- their article titles, to index them.
SELECT s.id, string_agg(coalesce(a.title, ''), ' | ') AS titles
FROM stories s
JOIN story_articles sa ON sa.story_id = s.id
JOIN articles a ON a.id = sa.article_id
WHERE s.id NOT IN (SELECT DISTINCT story_id FROM story_keywords)
GROUP BY s.id
