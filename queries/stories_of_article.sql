SELECT s.id, s.slug FROM stories s JOIN story_articles sa ON sa.story_id = s.id
WHERE sa.article_id = $article_id ORDER BY s.id
