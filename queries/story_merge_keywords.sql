-- Story $source's keywords become story $target's too (stories.merge).
INSERT INTO story_keywords (story_id, word)
SELECT DISTINCT $target, word FROM story_keywords k
WHERE k.story_id = $source
  AND NOT EXISTS (SELECT 1 FROM story_keywords t WHERE t.story_id = $target AND t.word = k.word)
