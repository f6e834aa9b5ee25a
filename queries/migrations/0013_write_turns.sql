-- The write turn of a team store (DuckLake), which commits optimistically and has no unique keys:
-- every write transaction there first updates this table's one row (queries/team/write_turn.sql),
-- so that of two writers at once the later to commit always conflicts, and runs again once the
-- other's rows are visible to its checks. A database file never uses it: its lock already admits
-- one writer at a time.
CREATE TABLE write_turns (
    turn BIGINT NOT NULL    -- write transactions committed on a team store (a counter, not an id)
);
INSERT INTO write_turns VALUES (0);
