-- An article first entered by hand (no text) whose text is now ingested: keep what was entered,
-- fill in what was missing.
UPDATE articles SET
    text                = $text,
    text_hash           = $text_hash,
    copy_signature      = $copy_signature,
    source              = $source,
    title               = coalesce(title, $title),
    outlet              = coalesce(outlet, $outlet),
    byline              = coalesce(byline, $byline),
    dateline            = coalesce(dateline, $dateline),
    published_at        = CASE WHEN published_precision = 'day' OR published_at IS NULL
                               THEN coalesce($published_at, published_at) ELSE published_at END,
    published_offset    = CASE WHEN published_precision = 'day' OR published_at IS NULL
                               THEN coalesce($published_offset, published_offset) ELSE published_offset END,
    date_source         = CASE WHEN (published_precision = 'day' OR published_at IS NULL) AND $published_at IS NOT NULL
                               THEN $date_source ELSE date_source END,
    tz_rule             = CASE WHEN (published_precision = 'day' OR published_at IS NULL) AND $published_at IS NOT NULL
                               THEN $tz_rule ELSE tz_rule END,
    published_local     = CASE WHEN (published_precision = 'day' OR published_at IS NULL) AND $published_at IS NOT NULL
                               THEN $published_local ELSE published_local END,
    published_precision = CASE WHEN (published_precision = 'day' OR published_at IS NULL) AND $published_at IS NOT NULL
                               THEN $published_precision ELSE published_precision END,
    modified_at         = coalesce(modified_at, $modified_at),
    syndicated_from     = coalesce(syndicated_from, $syndicated_from),
    language            = coalesce(language, $language)
WHERE id = $id
