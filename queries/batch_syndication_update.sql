-- What the batch decided about its texts' copies, registered as batch_syndication by metrics.record.
UPDATE articles SET
    syndicated_article_id = u.original_id,
    syndicated_from       = coalesce(articles.syndicated_from, u.original),
    syndication_method    = u.method
FROM batch_syndication u
WHERE articles.id = u.id
