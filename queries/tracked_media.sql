-- Every tracked media item of a platform, with the stories it belongs to (for re-polling).
SELECT m.platform_id, string_agg(s.slug, ',' ORDER BY s.slug) AS stories
FROM media_items m
LEFT JOIN story_media sm ON sm.media_item_id = m.id
LEFT JOIN stories s ON s.id = sm.story_id
WHERE m.platform = $platform
GROUP BY m.platform_id
ORDER BY m.platform_id
