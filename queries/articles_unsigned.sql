-- Texts stored before copies had signatures (migration 0007): they get one on the next write.
SELECT id, text FROM articles WHERE text IS NOT NULL AND copy_signature IS NULL ORDER BY id
