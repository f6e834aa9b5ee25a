-- A team store's form: the id comes from next_id_stories (no sequence, no RETURNING).
INSERT INTO stories (id, slug, title, origin, note) VALUES ($id, $slug, $title, $origin, $note)
