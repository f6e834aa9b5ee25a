INSERT INTO collection_runs (collector, command, started_at) VALUES ($collector, $command, $started_at) RETURNING id
