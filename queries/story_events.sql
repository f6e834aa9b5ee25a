-- What the story is about, on the time axis: release times the coverage reported (day intervals
-- of video_published claims) and publish times measured on the platforms.
SELECT 'videos released (as reported)' AS label,
       to_timestamp(c.low) AS start, to_timestamp(coalesce(c.high, c.low + 86400)) AS "end",
       count(*) AS reports
FROM claims c
JOIN story_articles sa ON sa.article_id = c.article_id
JOIN stories s ON s.id = sa.story_id
WHERE s.slug = $slug AND c.metric = 'video_published' AND c.low IS NOT NULL
GROUP BY ALL
UNION ALL
SELECT 'published on ' || m.platform || ': ' || coalesce(m.title, m.platform_id) AS label,
       m.published_at AS start, m.published_at + INTERVAL 1 HOUR AS "end", 1 AS reports
FROM media_items m
JOIN story_media sm ON sm.media_item_id = m.id
JOIN stories s ON s.id = sm.story_id
WHERE s.slug = $slug AND m.published_at IS NOT NULL
ORDER BY start
