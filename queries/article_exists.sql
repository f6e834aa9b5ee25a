SELECT count(*) FROM articles WHERE id = $article_id
