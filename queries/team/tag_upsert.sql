-- A team store's form: a tag once per norm, checked here (no unique key), with the next id.
INSERT INTO tags (id, tag, norm)
SELECT (SELECT coalesce(max(id), 0) + 1 FROM tags), $tag, $norm
WHERE NOT EXISTS (SELECT 1 FROM tags WHERE norm = $norm)
