-- The recorded articles stored under any of $keys (canonical URLs): a batch's lookups in one query.
SELECT a.canonical_url AS key, a.id, a.text IS NULL AS without_text
FROM articles a
JOIN unnest($keys) AS k(key) ON a.canonical_url = k.key
