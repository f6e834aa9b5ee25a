-- A team store's form: $n new article ids after the largest stored, read inside the write turn
-- (metrics.record writes the batch's own articles before it asks again).
SELECT (SELECT coalesce(max(id), 0) FROM articles) + i + 1 AS id FROM range($n) t(i)
