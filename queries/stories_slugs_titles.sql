-- Every story's slug and title, oldest first: how the write path resolves a story's name.
SELECT id, slug, title FROM stories ORDER BY id
