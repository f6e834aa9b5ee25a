-- A team store's form: each (article, tag) link once, checked here (no key).
INSERT INTO article_tags (article_id, tag_id)
SELECT DISTINCT b.a, b.b FROM batch_article_tags b
WHERE NOT EXISTS (SELECT 1 FROM article_tags t WHERE t.article_id = b.a AND t.tag_id = b.b)
