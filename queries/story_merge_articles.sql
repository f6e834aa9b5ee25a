-- Move every article (and media item, and story tag) of story $source into story $target.
INSERT INTO story_articles (story_id, article_id)
SELECT $target, article_id FROM story_articles WHERE story_id = $source
ON CONFLICT DO NOTHING
