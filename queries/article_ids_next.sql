-- $n new article ids from the sequence, for a batch whose articles are written at its end.
SELECT nextval('article_id_seq') AS id FROM range($n)
