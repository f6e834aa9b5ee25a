-- A team store's form: MERGE on (platform, platform_id) (no key for ON CONFLICT); $id, from
-- next_id_media_items, is used only when the item is new. media_item_id.sql then reads its id.
MERGE INTO media_items USING (
    SELECT $id::BIGINT AS id, $platform AS platform, $platform_id AS platform_id, $url AS url,
           $title AS title,
           $published_at::TIMESTAMPTZ AS published_at, $duration_s::DOUBLE AS duration_s, $channel AS channel
) s ON media_items.platform = s.platform AND media_items.platform_id = s.platform_id
WHEN MATCHED THEN UPDATE SET
    url = coalesce(s.url, media_items.url),
    title = coalesce(s.title, media_items.title),
    published_at = coalesce(s.published_at, media_items.published_at),
    duration_s = coalesce(s.duration_s, media_items.duration_s),
    channel = coalesce(s.channel, media_items.channel)
WHEN NOT MATCHED THEN INSERT (id, platform, platform_id, url, title, published_at, duration_s, channel)
    VALUES (s.id, s.platform, s.platform_id, s.url, s.title, s.published_at, s.duration_s, s.channel)
