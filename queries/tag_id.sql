SELECT id FROM tags WHERE norm = $norm
