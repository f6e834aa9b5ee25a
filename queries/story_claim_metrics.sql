-- How many claims a story has of each metric under story_claims' filters: all of them, those
-- stating a number (what a chart can draw) and those metrics.provenance can trace
-- (story_claims_page's `traced` rows).
SELECT metric, count(*) AS claims, count(value) AS with_value,
       count(*) FILTER (WHERE value > 0 AND metric NOT IN ('video_published', 'video_count')
                        AND reported_at IS NOT NULL) AS traceable
FROM story_claim_rows($slug, $start, $end, $outlets)
GROUP BY metric
ORDER BY metric
