INSERT INTO story_media (story_id, media_item_id)
SELECT $target, media_item_id FROM story_media WHERE story_id = $source
ON CONFLICT DO NOTHING
