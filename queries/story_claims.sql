-- Every claim of story $slug reported in [$start, $end) from $outlets (story_claim_rows, migration
-- 0012), in the order they held. The id last, so that equal times and outlets come in one order on
-- every read (story_claims_page picks its first rows in this order).
SELECT * EXCLUDE (span_start, printed_at)
FROM story_claim_rows($slug, $start, $end, $outlets)
ORDER BY reported_at NULLS LAST, outlet, span_start NULLS LAST, id
