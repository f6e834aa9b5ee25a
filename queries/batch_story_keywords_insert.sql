-- A batch's new (story, keyword) pairs, registered as batch_story_keywords by metrics.record.
INSERT INTO story_keywords (story_id, word)
SELECT DISTINCT b.a, b.word FROM batch_story_keywords b
WHERE NOT EXISTS (SELECT 1 FROM story_keywords k WHERE k.story_id = b.a AND k.word = b.word)
