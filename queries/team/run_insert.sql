-- A team store's form: the id comes from next_id_collection_runs (no sequence, no RETURNING).
INSERT INTO collection_runs (id, collector, command, started_at, started_by)
VALUES ($id, $collector, $command, $started_at, $started_by)
