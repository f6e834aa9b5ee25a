-- Signatures of texts stored before migration 0007, registered as batch_signatures by metrics.record.
UPDATE articles SET copy_signature = s.signature FROM batch_signatures s WHERE articles.id = s.id
