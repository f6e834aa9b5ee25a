DELETE FROM story_articles WHERE story_id = $story_id
