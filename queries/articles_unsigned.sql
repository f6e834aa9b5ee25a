-- Texts stored before copies had signatures (migration 0007), newest first (the likeliest to be
-- copied next), $n at a time: each write signs a share of them.
SELECT id, text FROM articles WHERE text IS NOT NULL AND copy_signature IS NULL ORDER BY id DESC LIMIT $n
