-- A team store's form: MERGE on (story, source, query, step) (no key for ON CONFLICT).
MERGE INTO coverage_volume v USING batch_volume b
ON v.story_id = b.story_id AND v.source = b.source AND v.query = b.query AND v.step_start = b.step_start
WHEN MATCHED THEN UPDATE SET articles = b.articles, monitored = b.monitored, run_id = b.run_id
WHEN NOT MATCHED THEN INSERT (story_id, source, query, step_start, articles, monitored, run_id)
    VALUES (b.story_id, b.source, b.query, b.step_start, b.articles, b.monitored, b.run_id)
