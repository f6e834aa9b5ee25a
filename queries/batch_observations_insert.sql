INSERT INTO observations (media_item_id, metric, value, observed_at, collector, run_id)
SELECT a, metric, value, observed_at, collector, run_id FROM batch_observations
