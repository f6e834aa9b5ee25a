INSERT INTO tags (tag, norm) VALUES ($tag, $norm) ON CONFLICT (norm) DO NOTHING
