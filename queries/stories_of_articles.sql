-- Each of $article_ids with the slugs of its stories, oldest story first (the first is the one
-- an article given without a story stays in).
SELECT sa.article_id, s.slug
FROM story_articles sa
JOIN stories s ON s.id = sa.story_id
WHERE sa.article_id = ANY($article_ids)
ORDER BY sa.article_id, s.id
