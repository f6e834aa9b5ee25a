UPDATE collection_runs
SET finished_at = $finished_at, ok = $ok, skipped = $skipped, failed = $failed, errors = $errors
WHERE id = $id
