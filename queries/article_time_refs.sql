SELECT id, text, span_start, span_end, resolved_start, resolved_end, granularity, rule, origin
FROM time_refs WHERE article_id = $id ORDER BY span_start NULLS LAST, id
