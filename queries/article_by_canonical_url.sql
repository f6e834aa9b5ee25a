SELECT id, text IS NULL AS without_text FROM articles WHERE canonical_url = $canonical_url
