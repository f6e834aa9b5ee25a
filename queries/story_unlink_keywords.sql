DELETE FROM story_keywords WHERE story_id = $story_id
