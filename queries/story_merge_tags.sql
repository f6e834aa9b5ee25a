INSERT INTO story_tags (story_id, tag_id)
SELECT $target, tag_id FROM story_tags WHERE story_id = $source
ON CONFLICT DO NOTHING
