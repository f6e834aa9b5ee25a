-- Each story's topic tags through its articles, kept on write (record.refresh_story_summaries), so
-- that the story list and the tag filter read a few thousand rows instead of joining every
-- article's tags on each view. Filled here for the stories already stored.
CREATE TABLE story_article_tags (
    story_id BIGINT NOT NULL,
    tag_id   BIGINT NOT NULL
);
INSERT INTO story_article_tags (story_id, tag_id)
SELECT DISTINCT sa.story_id, atg.tag_id FROM story_articles sa JOIN article_tags atg ON atg.article_id = sa.article_id;
