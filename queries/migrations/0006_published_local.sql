-- A time printed without a zone is kept as written (extractor 0.8.0): published_local holds that
-- wall clock, and published_at only its calendar day (precision 'day'), since the hour is not a
-- UTC hour. Rows written before were read as UTC (tz_rule 'no zone stated; read as UTC'), so their
-- UTC reading is exactly the wall clock as printed: they get the same form, and nothing is lost.
ALTER TABLE articles ADD COLUMN published_local TIMESTAMP;

UPDATE articles SET
    published_local     = published_at AT TIME ZONE 'UTC',
    published_at        = timezone('UTC', date_trunc('day', published_at AT TIME ZONE 'UTC')),
    published_precision = 'day',
    tz_rule             = 'no zone stated; wall clock kept, zone unknown'
WHERE tz_rule = 'no zone stated; read as UTC' AND published_at IS NOT NULL;
