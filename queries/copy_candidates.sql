-- For each of $article_ids (texts this batch added), the articles sharing a band key with it that
-- came before it: stored before the batch, or earlier in the batch. With what judging them needs:
-- the candidate's signature and the outlet it stands for.
SELECT DISTINCT b.article_id, c.article_id AS candidate_id, a.copy_signature AS signature,
       coalesce(a.syndicated_from, a.outlet) AS original
FROM copy_bands b
JOIN copy_bands c ON c.key = b.key AND c.article_id <> b.article_id
JOIN articles a ON a.id = c.article_id
WHERE list_contains($article_ids::BIGINT[], b.article_id)
  AND (c.article_id < b.article_id OR NOT list_contains($article_ids::BIGINT[], c.article_id))
