INSERT INTO story_articles (story_id, article_id, reason) VALUES ($story_id, $article_id, $reason)
ON CONFLICT DO NOTHING
