-- story_observations thinned for a chart: for each media item and metric, the last measurement
-- in each step of $step_s seconds (counted from 1970-01-01 UTC), at the time it was taken, and in
-- `observations` how many measurements the step held. Counts only grow, so the last of a step
-- is what the platform showed when the step ended. The same columns as story_observations, and
-- `observations`.
WITH stepped AS (
    SELECT o.media_item_id, o.metric, arg_max(o.value, o.observed_at) AS value,
           max(o.observed_at) AS observed_at, count(*) AS observations
    FROM observations o
    JOIN story_media sm ON sm.media_item_id = o.media_item_id
    JOIN stories s ON s.id = sm.story_id
    WHERE s.slug = $slug
    GROUP BY o.media_item_id, o.metric, epoch_us(o.observed_at) // ($step_s::BIGINT * 1000000)
)
SELECT m.id AS media_item_id, m.platform, m.platform_id, coalesce(m.title, m.platform_id) AS title,
       m.published_at AS media_published_at, st.metric, st.value, st.observed_at, st.observations
FROM stepped st JOIN media_items m ON m.id = st.media_item_id
ORDER BY st.observed_at, m.id
