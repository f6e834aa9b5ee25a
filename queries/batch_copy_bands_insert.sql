-- Band keys of the batch's new texts, registered as batch_copy_bands by metrics.record.
INSERT INTO copy_bands (key, article_id) SELECT key, article_id FROM batch_copy_bands
