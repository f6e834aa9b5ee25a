-- Taken first in every write transaction on a team store (metrics.store.transaction): two writers
-- at once both update this one row, so the later to commit conflicts and runs its unit again.
UPDATE write_turns SET turn = turn + 1
