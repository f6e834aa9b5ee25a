-- A story's claims as the story pages read them, and the filters they read them under, in one
-- place for the named queries story_claims, story_claims_page, story_claims_sample and
-- story_claim_metrics (each of which used to spell both out).

-- When a claim (c) of an article (a) held, as shown: the count before a change ('up from
-- 400,000') held at an earlier time, and undated it has none; any other claim held at its own
-- as-of time, else when its article was published.
CREATE MACRO claim_reported_at(scope, as_of, published_at) AS
    CASE WHEN scope = 'earlier' AND as_of IS NULL THEN NULL ELSE coalesce(as_of, published_at) END;
-- A figure with its own as-of day is day-precise; one reported 'now' is as precise as its
-- article's date, and has its article's offset and (when the source stated no zone) wall clock.
CREATE MACRO claim_reported_precision(as_of, published_at, published_precision) AS
    CASE WHEN as_of IS NULL OR as_of = published_at THEN published_precision ELSE 'day' END;
CREATE MACRO claim_reported_as_article(as_of, published_at, article_value) AS
    CASE WHEN as_of IS NULL OR as_of = published_at THEN article_value END;

-- story_claim_rows(story_slug, from_at, to_at, outlet_list): the claims of the story with that
-- slug reported in [from_at, to_at) (either end NULL for open; a claim is placed at its own as-of
-- time, else its article's date) from one of outlet_list (empty for every outlet), each with its
-- article's columns, the times above and printed_at (its article's date, else its as-of time).
CREATE MACRO story_claim_rows(story_slug, from_at, to_at, outlet_list) AS TABLE
SELECT c.id, c.metric, c.value, c.unit, c.bound, c.low, c.high, c.qualifier, c.scope, c.time_window,
       c.subject, c.platform, c.quote, c.origin, c.as_of, c.as_of_start, c.as_of_rule, c.span_start,
       a.id AS article_id, a.outlet, a.title, a.published_at, a.published_precision, a.syndicated_from,
       claim_reported_at(c.scope, c.as_of, a.published_at) AS reported_at,
       claim_reported_precision(c.as_of, a.published_at, a.published_precision) AS reported_precision,
       claim_reported_as_article(c.as_of, a.published_at, a.published_offset) AS reported_offset,
       claim_reported_as_article(c.as_of, a.published_at, a.published_local) AS reported_local,
       coalesce(a.published_at, c.as_of) AS printed_at
FROM claims c
JOIN articles a ON a.id = c.article_id
JOIN story_articles sa ON sa.article_id = a.id
JOIN stories s ON s.id = sa.story_id
WHERE s.slug = story_slug
  AND (from_at IS NULL OR coalesce(c.as_of, a.published_at) >= from_at)
  AND (to_at IS NULL OR coalesce(c.as_of, a.published_at) < to_at)
  AND (len(outlet_list) = 0 OR list_contains(outlet_list, a.outlet));
