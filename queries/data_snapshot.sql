-- When the data last changed: the end of the latest collection run.
SELECT max(finished_at) FROM collection_runs
