-- Who started each collection run: MEDIAMETRICS_USER, else the user name the process runs as;
-- NULL for the runs recorded before.
ALTER TABLE collection_runs ADD COLUMN started_by VARCHAR;
