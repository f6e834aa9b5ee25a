SELECT id FROM stories WHERE slug = $slug
