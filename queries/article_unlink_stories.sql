DELETE FROM story_articles WHERE article_id = $article_id
