SELECT canonical_url FROM articles WHERE canonical_url IS NOT NULL
