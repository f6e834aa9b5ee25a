-- The figures each story's coverage repeated most (the Stories page's "most repeated figures"),
-- kept as a table because aggregating every claim of every story on each read took ~350 ms at
-- 300,000 claims. metrics.record.refresh_story_figures rewrites a story's rows in the same
-- transaction as any write that changes its claims, articles or article links; the backfill
-- below is that refresh for every story of an existing database.
CREATE TABLE story_figures (
    story_id        BIGINT NOT NULL,
    rank            INTEGER NOT NULL,             -- 1 = printed by the most outlets
    metric          VARCHAR NOT NULL,
    unit            VARCHAR NOT NULL,
    bound           VARCHAR NOT NULL,
    value           DOUBLE NOT NULL,
    qualifier       VARCHAR,
    outlets         BIGINT NOT NULL,              -- distinct outlets (an article without one counts alone)
    first_reported  TIMESTAMPTZ
);

INSERT INTO story_figures (story_id, rank, metric, unit, bound, value, qualifier, outlets, first_reported)
SELECT story_id,
       row_number() OVER (PARTITION BY story_id
                          ORDER BY outlets DESC, value DESC, metric, unit, bound, qualifier NULLS FIRST) AS rank,
       metric, unit, bound, value, qualifier, outlets, first_reported
FROM (
    SELECT sa.story_id, c.metric, c.unit, c.bound, c.value, c.qualifier,
           count(DISTINCT coalesce(a.outlet, a.id::VARCHAR)) AS outlets,
           min(coalesce(c.as_of, a.published_at)) AS first_reported
    FROM claims c
    JOIN articles a ON a.id = c.article_id
    JOIN story_articles sa ON sa.article_id = a.id
    WHERE c.value IS NOT NULL AND c.metric NOT IN ('video_published', 'video_count')
    GROUP BY ALL
)
QUALIFY rank <= 3;
