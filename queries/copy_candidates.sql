-- For each of $article_ids (texts this batch added), the articles sharing a band key with it that
-- came before it: stored before the batch, or earlier in the batch. At most $top per text, those
-- sharing the most bands (boilerplate shared by many pages cannot make the list grow), with what
-- judging them needs: the candidate's signature and the outlet it stands for.
WITH pairs AS (
    SELECT b.article_id, c.article_id AS candidate_id, count(*) AS bands
    FROM copy_bands b
    JOIN copy_bands c ON c.key = b.key AND c.article_id <> b.article_id
    WHERE list_contains($article_ids::BIGINT[], b.article_id)
      AND (c.article_id < b.article_id OR NOT list_contains($article_ids::BIGINT[], c.article_id))
    GROUP BY b.article_id, c.article_id
    QUALIFY row_number() OVER (PARTITION BY b.article_id ORDER BY count(*) DESC, c.article_id) <= $top
)
SELECT p.article_id, p.candidate_id, a.copy_signature AS signature, coalesce(a.syndicated_from, a.outlet) AS original
FROM pairs p JOIN articles a ON a.id = p.candidate_id
