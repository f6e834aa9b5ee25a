-- The next id of media_items on a team store (no sequences): read inside the write turn, so no other
-- writer can commit the same one unnoticed.
SELECT coalesce(max(id), 0) + 1 FROM media_items
