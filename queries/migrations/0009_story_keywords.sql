-- An index of the stories by their keywords (the title words and names of their articles'
-- headlines, metrics/similarity.keywords), so that matching a new article reads only the stories
-- sharing one of its words, not every title of every story. Filled on write (record.py); stories
-- from before are indexed on the next write that matches articles to stories.
CREATE TABLE story_keywords (
    story_id BIGINT NOT NULL,
    word     VARCHAR NOT NULL
);
