INSERT INTO article_tags (article_id, tag_id) VALUES ($article_id, $tag_id) ON CONFLICT DO NOTHING
