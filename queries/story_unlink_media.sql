DELETE FROM story_media WHERE story_id = $story_id
