INSERT INTO claims (
    article_id, metric, value, unit, bound, low, high, qualifier, scope, time_window, subject,
    platform, quote, span_start, span_end, also_spans, as_of, origin, extractor_version, run_id
) VALUES (
    $article_id, $metric, $value, $unit, $bound, $low, $high, $qualifier, $scope, $time_window, $subject,
    $platform, $quote, $span_start, $span_end, $also_spans, $as_of, $origin, $extractor_version, $run_id
)
