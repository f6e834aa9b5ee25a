INSERT INTO coverage_volume (story_id, source, query, step_start, articles, monitored, run_id)
SELECT story_id, source, query, step_start, articles, monitored, run_id FROM batch_volume
ON CONFLICT (story_id, source, query, step_start) DO UPDATE SET
    articles = excluded.articles, monitored = excluded.monitored, run_id = excluded.run_id
