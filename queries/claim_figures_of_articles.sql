-- The figures $article_ids already carry, for the write path's "same figure" check on entered
-- claims (metric and value, or the quote for a figure without a value).
SELECT article_id, metric, value, quote FROM claims WHERE article_id = ANY($article_ids)
