-- Every URL an article was asked for, landed on or declared as canonical.
SELECT url, canonical_url, source FROM articles WHERE origin IN ('web', 'feed', 'gdelt', 'entered')
