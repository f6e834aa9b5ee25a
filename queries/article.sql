SELECT a.*,
       (SELECT string_agg(t.tag, ', ' ORDER BY t.tag) FROM article_tags atg JOIN tags t ON t.id = atg.tag_id
        WHERE atg.article_id = a.id) AS tags
FROM articles a WHERE a.id = $id
