SELECT count(*) FROM collection_runs WHERE collector = 'seed' AND finished_at IS NOT NULL
