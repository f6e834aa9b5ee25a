-- Syndicated copies: a fingerprint of each text, and the article (or agency) it copies.
ALTER TABLE articles ADD COLUMN simhash UBIGINT;
ALTER TABLE articles ADD COLUMN syndicated_article_id BIGINT;
ALTER TABLE articles ADD COLUMN syndication_method VARCHAR;
