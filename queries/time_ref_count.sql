SELECT count(*) FROM time_refs WHERE article_id = $article_id
