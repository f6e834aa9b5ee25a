-- $words join story $story_id's keyword index (an article moved into it by hand).
INSERT INTO story_keywords (story_id, word)
SELECT DISTINCT $story_id, w.word FROM (SELECT unnest($words::VARCHAR[]) AS word) w
WHERE NOT EXISTS (SELECT 1 FROM story_keywords k WHERE k.story_id = $story_id AND k.word = w.word)
