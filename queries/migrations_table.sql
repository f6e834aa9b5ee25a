CREATE TABLE IF NOT EXISTS schema_migrations (
    name        VARCHAR PRIMARY KEY,
    applied_at  TIMESTAMPTZ NOT NULL DEFAULT current_timestamp
)
