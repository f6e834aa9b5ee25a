-- Does the article already carry this figure (from extraction or an earlier import)?
SELECT count(*) FROM claims
WHERE article_id = $article_id AND metric = $metric AND value IS NOT DISTINCT FROM $value
  AND (value IS NOT NULL OR quote = $quote)
