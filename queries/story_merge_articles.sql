-- Move every article (and media item, and story tag) of story $source into story $target.
INSERT INTO story_articles (story_id, article_id, reason)
SELECT $target, article_id, 'merged by hand from story ' || $source_slug || coalesce('; before: ' || reason, '')
FROM story_articles WHERE story_id = $source
ON CONFLICT DO NOTHING
