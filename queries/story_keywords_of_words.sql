-- The stories holding any of $words in their keyword index, with the words they hold.
SELECT s.slug, k.word
FROM story_keywords k
JOIN (SELECT DISTINCT unnest($words::VARCHAR[]) AS word) w ON w.word = k.word
JOIN stories s ON s.id = k.story_id
