-- The core tables. No foreign-key constraints: DuckDB cannot update or delete rows that a
-- foreign key references, and stories get merged and articles moved; the store keeps the links.

CREATE SEQUENCE story_id_seq START 1;
CREATE TABLE stories (
    id          BIGINT PRIMARY KEY DEFAULT nextval('story_id_seq'),
    slug        VARCHAR NOT NULL UNIQUE,
    title       VARCHAR NOT NULL,
    origin      VARCHAR NOT NULL DEFAULT 'user',   -- 'sample' for what seeds/ loaded
    note        VARCHAR,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT current_timestamp
);

CREATE SEQUENCE run_id_seq START 1;
CREATE TABLE collection_runs (
    id           BIGINT PRIMARY KEY DEFAULT nextval('run_id_seq'),
    collector    VARCHAR NOT NULL,                 -- 'files', 'import', 'seed', ...
    command      VARCHAR,
    started_at   TIMESTAMPTZ NOT NULL,
    finished_at  TIMESTAMPTZ,
    ok           INTEGER NOT NULL DEFAULT 0,
    skipped      INTEGER NOT NULL DEFAULT 0,
    failed       INTEGER NOT NULL DEFAULT 0,
    errors       JSON                              -- [{"input": ..., "reason": ...}]
);

CREATE SEQUENCE article_id_seq START 1;
CREATE TABLE articles (
    id                   BIGINT PRIMARY KEY DEFAULT nextval('article_id_seq'),
    source               VARCHAR NOT NULL,         -- the file path or URL it was read from
    url                  VARCHAR,
    canonical_url        VARCHAR UNIQUE,
    outlet               VARCHAR,
    title                VARCHAR,
    byline               VARCHAR,
    dateline             VARCHAR,
    published_at         TIMESTAMPTZ,
    published_offset     VARCHAR,                  -- the source's own offset, '+05:30'; NULL if it stated none
    published_precision  VARCHAR,                  -- 'second' | 'minute' | 'day'
    date_source          VARCHAR,                  -- where the date was read
    tz_rule              VARCHAR,                  -- how a zone abbreviation was resolved
    modified_at          TIMESTAMPTZ,
    fetched_at           TIMESTAMPTZ NOT NULL,
    text                 VARCHAR,                  -- NULL for articles entered without their text
    text_hash            VARCHAR UNIQUE,
    syndicated_from      VARCHAR,
    origin               VARCHAR NOT NULL,         -- 'file' | 'entered' | 'web'
    language             VARCHAR,
    note                 VARCHAR,
    run_id               BIGINT
);

CREATE TABLE story_articles (
    story_id    BIGINT NOT NULL,
    article_id  BIGINT NOT NULL,
    PRIMARY KEY (story_id, article_id)
);

CREATE SEQUENCE tag_id_seq START 1;
CREATE TABLE tags (
    id    BIGINT PRIMARY KEY DEFAULT nextval('tag_id_seq'),
    tag   VARCHAR NOT NULL,                        -- as first written
    norm  VARCHAR NOT NULL UNIQUE                  -- case- and punctuation-folded key
);
CREATE TABLE article_tags (
    article_id  BIGINT NOT NULL,
    tag_id      BIGINT NOT NULL,
    PRIMARY KEY (article_id, tag_id)
);
CREATE TABLE story_tags (
    story_id  BIGINT NOT NULL,
    tag_id    BIGINT NOT NULL,
    PRIMARY KEY (story_id, tag_id)
);

CREATE SEQUENCE media_item_id_seq START 1;
CREATE TABLE media_items (
    id            BIGINT PRIMARY KEY DEFAULT nextval('media_item_id_seq'),
    platform      VARCHAR NOT NULL,
    platform_id   VARCHAR NOT NULL,
    url           VARCHAR,
    title         VARCHAR,
    published_at  TIMESTAMPTZ,
    duration_s    DOUBLE,
    UNIQUE (platform, platform_id)
);
CREATE TABLE story_media (
    story_id       BIGINT NOT NULL,
    media_item_id  BIGINT NOT NULL,
    PRIMARY KEY (story_id, media_item_id)
);
CREATE TABLE observations (
    media_item_id  BIGINT NOT NULL,
    metric         VARCHAR NOT NULL,
    value          DOUBLE NOT NULL,
    observed_at    TIMESTAMPTZ NOT NULL,
    collector      VARCHAR NOT NULL,
    run_id         BIGINT
);

CREATE SEQUENCE claim_id_seq START 1;
CREATE TABLE claims (
    id                 BIGINT PRIMARY KEY DEFAULT nextval('claim_id_seq'),
    article_id         BIGINT NOT NULL,
    metric             VARCHAR NOT NULL,
    value              DOUBLE,                     -- NULL for vague claims ("millions of views")
    unit               VARCHAR NOT NULL,           -- 'count' | 'seconds' | 'timestamp'
    bound              VARCHAR NOT NULL,           -- 'exact' | 'lower' | 'upper' | 'approx' | 'vague'
    low                DOUBLE,
    high               DOUBLE,
    qualifier          VARCHAR,
    scope              VARCHAR,
    time_window        VARCHAR,
    subject            VARCHAR,
    platform           VARCHAR,
    quote              VARCHAR NOT NULL,
    span_start         INTEGER,
    span_end           INTEGER,
    also_spans         JSON,
    as_of              TIMESTAMPTZ,
    origin             VARCHAR NOT NULL,           -- 'extracted' | 'entered'
    extractor_version  VARCHAR,
    media_item_id      BIGINT,
    run_id             BIGINT
);

CREATE SEQUENCE time_ref_id_seq START 1;
CREATE TABLE time_refs (
    id              BIGINT PRIMARY KEY DEFAULT nextval('time_ref_id_seq'),
    article_id      BIGINT NOT NULL,
    text            VARCHAR NOT NULL,
    span_start      INTEGER,
    span_end        INTEGER,
    resolved_start  TIMESTAMPTZ,
    resolved_end    TIMESTAMPTZ,
    granularity     VARCHAR,
    rule            VARCHAR,
    origin          VARCHAR NOT NULL
);
