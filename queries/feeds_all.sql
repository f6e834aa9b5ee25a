SELECT url, etag, last_modified, story_slug, title, last_polled_at FROM feeds ORDER BY url
