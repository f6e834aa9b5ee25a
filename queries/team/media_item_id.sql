-- The id of a media item on a team store, after media_item_upsert (which has no RETURNING there).
SELECT id FROM media_items WHERE platform = $platform AND platform_id = $platform_id
