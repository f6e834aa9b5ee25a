INSERT INTO collection_runs (collector, command, started_at, started_by)
VALUES ($collector, $command, $started_at, $started_by)
RETURNING id
