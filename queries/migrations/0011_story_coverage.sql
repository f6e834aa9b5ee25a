-- Each story's coverage counts, kept on write (record.refresh_story_summaries), so that the story
-- list without a date or outlet filter (the dashboard's first view) reads one row per story
-- instead of every article. Filled here for the stories already stored.
CREATE TABLE story_coverage (
    story_id       BIGINT NOT NULL,
    articles       BIGINT NOT NULL,
    dated_articles BIGINT NOT NULL,
    outlets        BIGINT NOT NULL,
    first_coverage TIMESTAMPTZ,
    last_coverage  TIMESTAMPTZ
);
INSERT INTO story_coverage
SELECT sa.story_id, count(*), count(a.published_at), count(DISTINCT a.outlet), min(a.published_at), max(a.published_at)
FROM story_articles sa JOIN articles a ON a.id = sa.article_id
GROUP BY sa.story_id;
