-- The coverage counts of each of $story_ids (the same counts stories.sql makes without filters).
INSERT INTO story_coverage
SELECT sa.story_id, count(*), count(a.published_at), count(DISTINCT a.outlet), min(a.published_at), max(a.published_at)
FROM story_articles sa JOIN articles a ON a.id = sa.article_id
WHERE sa.story_id = ANY($story_ids)
GROUP BY sa.story_id
