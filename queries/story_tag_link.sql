INSERT INTO story_tags (story_id, tag_id) VALUES ($story_id, $tag_id) ON CONFLICT DO NOTHING
