SELECT id, slug, title, origin, note FROM stories WHERE slug = $slug
