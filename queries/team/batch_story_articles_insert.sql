-- A team store's form: each (story, article) link once, checked here (no key); the batch's pairs
-- are distinct.
INSERT INTO story_articles (story_id, article_id, reason)
SELECT b.a, b.b, b.reason FROM batch_story_articles b
WHERE NOT EXISTS (SELECT 1 FROM story_articles s WHERE s.story_id = b.a AND s.article_id = b.b)
