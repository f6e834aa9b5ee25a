UPDATE stories SET title = $title WHERE slug = $slug
