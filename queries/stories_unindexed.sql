-- Stories with articles but no keyword index rows (made before migration 0009, or merged into):
-- their article titles, to index them. The stories are found first, so that a database with every
-- story indexed joins no article.
WITH unindexed AS (
    SELECT id FROM stories WHERE id NOT IN (SELECT DISTINCT story_id FROM story_keywords)
)
SELECT u.id, string_agg(coalesce(a.title, ''), ' | ') AS titles
FROM unindexed u
JOIN story_articles sa ON sa.story_id = u.id
JOIN articles a ON a.id = sa.article_id
GROUP BY u.id
