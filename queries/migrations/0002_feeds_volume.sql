-- Feeds that are polled (with the validators for a conditional GET), coverage volume from
-- outside sources such as GDELT, and the channel of a media item.

CREATE TABLE feeds (
    url             VARCHAR PRIMARY KEY,
    title           VARCHAR,
    story_slug      VARCHAR,                 -- the story new entries are filed under, if any
    etag            VARCHAR,
    last_modified   VARCHAR,
    last_polled_at  TIMESTAMPTZ,
    entries_seen    INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE coverage_volume (
    story_id    BIGINT NOT NULL,
    source      VARCHAR NOT NULL,            -- 'gdelt'
    query       VARCHAR NOT NULL,
    step_start  TIMESTAMPTZ NOT NULL,
    articles    INTEGER NOT NULL,            -- matching articles in the step
    monitored   BIGINT,                      -- all articles the source monitored in the step (the denominator)
    run_id      BIGINT,
    PRIMARY KEY (story_id, source, query, step_start)
);

ALTER TABLE media_items ADD COLUMN channel VARCHAR;
