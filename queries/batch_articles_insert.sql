-- Rows from the batch's Arrow table, registered as batch_articles by metrics.record; the ids were
-- taken from article_id_seq (article_ids_next.sql) when the batch was read.
INSERT INTO articles (
    id, source, url, canonical_url, outlet, title, byline, dateline,
    published_at, published_offset, published_precision, published_local, date_source, tz_rule, modified_at,
    fetched_at, text, text_hash, copy_signature, syndicated_from, origin, language, note, run_id
)
SELECT id, source, url, canonical_url, outlet, title, byline, dateline,
       published_at, published_offset, published_precision, published_local, date_source, tz_rule, modified_at,
       fetched_at, text, text_hash, copy_signature, syndicated_from, origin, language, note, run_id
FROM batch_articles
