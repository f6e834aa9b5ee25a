-- The three figures most outlets printed in each of $story_ids (the migration 0004 backfill, for
-- some stories): ties go to the larger number, then a fixed order so a refresh never reshuffles.
INSERT INTO story_figures (story_id, rank, metric, unit, bound, value, qualifier, outlets, first_reported)
SELECT story_id,
       row_number() OVER (PARTITION BY story_id
                          ORDER BY outlets DESC, value DESC, metric, unit, bound, qualifier NULLS FIRST) AS rank,
       metric, unit, bound, value, qualifier, outlets, first_reported
FROM (
    SELECT sa.story_id, c.metric, c.unit, c.bound, c.value, c.qualifier,
           count(DISTINCT coalesce(a.outlet, a.id::VARCHAR)) AS outlets,
           min(coalesce(c.as_of, a.published_at)) AS first_reported
    FROM story_articles sa
    JOIN articles a ON a.id = sa.article_id
    JOIN claims c ON c.article_id = a.id
    WHERE sa.story_id = ANY($story_ids)
      AND c.value IS NOT NULL AND c.metric NOT IN ('video_published', 'video_count')
    GROUP BY ALL
)
QUALIFY rank <= 3
