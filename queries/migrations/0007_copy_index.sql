-- Copies are found through an index, not a scan of every fingerprint (metrics/similarity.py):
-- each text's MinHash signature, and one row per band of it whose key two near-copies share.
-- Rows written before keep their simhash and their links; their signatures are made on the next
-- write (record.py), so later copies of them are still found.
ALTER TABLE articles ADD COLUMN copy_signature BLOB;
CREATE TABLE copy_bands (
    key        BIGINT NOT NULL,
    article_id BIGINT NOT NULL
);
