DELETE FROM stories WHERE id = $story_id
