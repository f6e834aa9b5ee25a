-- What the platforms reported for a story's media items, each time we asked.
SELECT m.id AS media_item_id, m.platform, m.platform_id, coalesce(m.title, m.platform_id) AS title,
       m.published_at AS media_published_at,
       o.metric, o.value, o.observed_at
FROM observations o
JOIN media_items m ON m.id = o.media_item_id
JOIN story_media sm ON sm.media_item_id = m.id
JOIN stories s ON s.id = sm.story_id
WHERE s.slug = $slug
ORDER BY o.observed_at, m.id
