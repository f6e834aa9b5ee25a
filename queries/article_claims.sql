SELECT id, metric, value, unit, bound, low, high, qualifier, scope, time_window, subject, platform, quote,
       span_start, span_end, also_spans, as_of, as_of_start, as_of_rule, origin, extractor_version
FROM claims WHERE article_id = $id ORDER BY span_start NULLS LAST, id
