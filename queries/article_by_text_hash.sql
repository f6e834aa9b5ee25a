SELECT id, text IS NULL AS without_text FROM articles WHERE text_hash = $text_hash
