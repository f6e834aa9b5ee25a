INSERT INTO story_articles (story_id, article_id, reason) SELECT a, b, reason FROM batch_story_articles
ON CONFLICT DO NOTHING
