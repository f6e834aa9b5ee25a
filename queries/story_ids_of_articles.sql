-- The stories that hold any of $article_ids.
SELECT DISTINCT story_id FROM story_articles WHERE article_id = ANY($article_ids) ORDER BY story_id
