-- Every outlet in the order it first appeared: colour i goes to outlet i, on every page.
SELECT outlet FROM articles WHERE outlet IS NOT NULL GROUP BY outlet ORDER BY min(id)
