-- A team store's form: ids after the largest stored (no sequence), read inside the write turn.
INSERT INTO claims (
    id, article_id, metric, value, unit, bound, low, high, qualifier, scope, time_window, subject,
    platform, quote, span_start, span_end, also_spans, as_of, as_of_start, as_of_rule, origin,
    extractor_version, run_id
)
SELECT (SELECT coalesce(max(id), 0) FROM claims) + row_number() OVER (),
       article_id, metric, value, unit, bound, low, high, qualifier, scope, time_window, subject,
       platform, quote, span_start, span_end, also_spans::JSON, as_of, as_of_start, as_of_rule, origin,
       extractor_version, run_id
FROM batch_claims
