-- The earlier article whose text fingerprint is closest to $simhash (differing bits).
SELECT id, coalesce(syndicated_from, outlet) AS original, bit_count(xor(simhash, $simhash::UBIGINT)) AS bits
FROM articles
WHERE simhash IS NOT NULL AND simhash <> 0 AND id <> $id
ORDER BY bits, id
LIMIT 1
