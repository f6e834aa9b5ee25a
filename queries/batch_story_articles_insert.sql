INSERT INTO story_articles (story_id, article_id) SELECT a, b FROM batch_story_articles ON CONFLICT DO NOTHING
