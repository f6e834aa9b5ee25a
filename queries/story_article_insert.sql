INSERT INTO story_articles (story_id, article_id) VALUES ($story_id, $article_id) ON CONFLICT DO NOTHING
