INSERT INTO story_media (story_id, media_item_id) VALUES ($story_id, $media_item_id) ON CONFLICT DO NOTHING
