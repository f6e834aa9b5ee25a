-- For each media item of a story and metric: how many times it was measured, and the first and
-- last time (what it takes to choose how finely a chart of them can be drawn).
SELECT o.media_item_id, o.metric, count(*) AS observations, min(o.observed_at) AS first_observed,
       max(o.observed_at) AS last_observed
FROM observations o
JOIN story_media sm ON sm.media_item_id = o.media_item_id
JOIN stories s ON s.id = sm.story_id
WHERE s.slug = $slug
GROUP BY o.media_item_id, o.metric
ORDER BY o.media_item_id, o.metric
