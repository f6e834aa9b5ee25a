-- Which of $article_ids already hold time references.
SELECT DISTINCT article_id FROM time_refs WHERE article_id = ANY($article_ids)
