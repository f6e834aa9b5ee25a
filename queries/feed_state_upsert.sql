-- A feed's state after a poll. MERGE on its URL rather than ON CONFLICT: one statement for a file
-- and a team store, which has no key for ON CONFLICT to use.
MERGE INTO feeds USING (
    SELECT $url AS url, $title AS title, $story_slug AS story_slug, $etag AS etag,
           $last_modified AS last_modified, $polled_at::TIMESTAMPTZ AS polled_at, $entries::INTEGER AS entries
) s ON feeds.url = s.url
WHEN MATCHED THEN UPDATE SET
    title = coalesce(s.title, feeds.title),
    story_slug = coalesce(s.story_slug, feeds.story_slug),
    etag = coalesce(s.etag, feeds.etag),
    last_modified = coalesce(s.last_modified, feeds.last_modified),
    last_polled_at = s.polled_at,
    entries_seen = s.entries
WHEN NOT MATCHED THEN INSERT (url, title, story_slug, etag, last_modified, last_polled_at, entries_seen)
    VALUES (s.url, s.title, s.story_slug, s.etag, s.last_modified, s.polled_at, s.entries)
