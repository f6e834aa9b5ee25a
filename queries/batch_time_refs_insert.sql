INSERT INTO time_refs (article_id, text, span_start, span_end, resolved_start, resolved_end, granularity, rule, origin)
SELECT article_id, text, span_start, span_end, resolved_start, resolved_end, granularity, rule, origin
FROM batch_time_refs
