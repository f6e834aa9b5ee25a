INSERT INTO feeds (url, title, story_slug, etag, last_modified, last_polled_at, entries_seen)
VALUES ($url, $title, $story_slug, $etag, $last_modified, $polled_at, $entries)
ON CONFLICT (url) DO UPDATE SET
    title = coalesce(excluded.title, feeds.title),
    story_slug = coalesce(excluded.story_slug, feeds.story_slug),
    etag = coalesce(excluded.etag, feeds.etag),
    last_modified = coalesce(excluded.last_modified, feeds.last_modified),
    last_polled_at = excluded.last_polled_at,
    entries_seen = excluded.entries_seen
