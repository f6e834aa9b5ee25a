INSERT INTO stories (slug, title, origin, note) VALUES ($slug, $title, $origin, $note) RETURNING id
