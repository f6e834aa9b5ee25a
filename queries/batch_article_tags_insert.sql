INSERT INTO article_tags (article_id, tag_id) SELECT a, b FROM batch_article_tags ON CONFLICT DO NOTHING
