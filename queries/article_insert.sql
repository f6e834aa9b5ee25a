INSERT INTO articles (
    source, url, canonical_url, outlet, title, byline, dateline,
    published_at, published_offset, published_precision, published_local, date_source, tz_rule, modified_at,
    fetched_at, text, text_hash, syndicated_from, origin, language, note, run_id
) VALUES (
    $source, $url, $canonical_url, $outlet, $title, $byline, $dateline,
    $published_at, $published_offset, $published_precision, $published_local, $date_source, $tz_rule, $modified_at,
    $fetched_at, $text, $text_hash, $syndicated_from, $origin, $language, $note, $run_id
)
RETURNING id
