DELETE FROM story_tags WHERE story_id = $story_id
