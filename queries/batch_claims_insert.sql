-- Rows from the batch's Arrow table, registered as batch_claims by metrics.record.
INSERT INTO claims (
    article_id, metric, value, unit, bound, low, high, qualifier, scope, time_window, subject,
    platform, quote, span_start, span_end, also_spans, as_of, as_of_start, as_of_rule, origin,
    extractor_version, run_id
)
SELECT article_id, metric, value, unit, bound, low, high, qualifier, scope, time_window, subject,
       platform, quote, span_start, span_end, also_spans::JSON, as_of, as_of_start, as_of_rule, origin,
       extractor_version, run_id
FROM batch_claims
