-- A team store's form: each (story, tag) link once, checked here (no key).
INSERT INTO story_tags (story_id, tag_id)
SELECT $story_id, $tag_id
WHERE NOT EXISTS (SELECT 1 FROM story_tags WHERE story_id = $story_id AND tag_id = $tag_id)
