-- Each distinct figure a story's coverage reported, how many outlets printed it and when first.
SELECT s.slug, c.metric, c.unit, c.bound, c.value, c.qualifier,
       count(DISTINCT coalesce(a.outlet, a.id::VARCHAR)) AS outlets,
       min(coalesce(c.as_of, a.published_at)) AS first_reported
FROM claims c
JOIN articles a ON a.id = c.article_id
JOIN story_articles sa ON sa.article_id = a.id
JOIN stories s ON s.id = sa.story_id
WHERE c.value IS NOT NULL AND c.metric <> 'video_published'
GROUP BY ALL
ORDER BY s.slug, outlets DESC, c.value DESC
