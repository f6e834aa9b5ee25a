-- A team store's form: ids after the largest stored (no sequence), read inside the write turn.
INSERT INTO time_refs (
    id, article_id, text, span_start, span_end, resolved_start, resolved_end, granularity, rule, origin
)
SELECT (SELECT coalesce(max(id), 0) FROM time_refs) + row_number() OVER (),
       article_id, text, span_start, span_end, resolved_start, resolved_end, granularity, rule, origin
FROM batch_time_refs
