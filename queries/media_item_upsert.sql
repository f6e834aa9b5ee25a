INSERT INTO media_items (platform, platform_id, url, title, published_at, duration_s, channel)
VALUES ($platform, $platform_id, $url, $title, $published_at, $duration_s, $channel)
ON CONFLICT (platform, platform_id) DO UPDATE SET
    url = coalesce(excluded.url, media_items.url),
    title = coalesce(excluded.title, media_items.title),
    published_at = coalesce(excluded.published_at, media_items.published_at),
    duration_s = coalesce(excluded.duration_s, media_items.duration_s),
    channel = coalesce(excluded.channel, media_items.channel)
RETURNING id
