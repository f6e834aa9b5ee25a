-- The recorded articles whose text hash is any of $keys: a batch's lookups in one query.
SELECT a.text_hash AS key, a.id, a.text IS NULL AS without_text
FROM articles a
JOIN unnest($keys) AS k(key) ON a.text_hash = k.key
