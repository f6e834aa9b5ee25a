INSERT INTO time_refs (article_id, text, span_start, span_end, resolved_start, resolved_end, granularity, rule, origin)
VALUES ($article_id, $text, $span_start, $span_end, $resolved_start, $resolved_end, $granularity, $rule, $origin)
