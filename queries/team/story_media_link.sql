-- A team store's form: each (story, media item) link once, checked here (no key).
INSERT INTO story_media (story_id, media_item_id)
SELECT $story_id, $media_item_id
WHERE NOT EXISTS (SELECT 1 FROM story_media WHERE story_id = $story_id AND media_item_id = $media_item_id)
