UPDATE articles SET
    simhash = $simhash,
    syndicated_article_id = $original_id,
    syndicated_from = coalesce(syndicated_from, $original),
    syndication_method = $method
WHERE id = $id
