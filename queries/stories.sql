-- Stories matching any (or, with $all_tags, all) of $tags (tag keys; an empty list matches all),
-- with coverage counted inside [$start, $end) when a range is given (undated articles then drop
-- out) and from $outlets only when that list is not empty.
WITH story_tag AS (
    SELECT story_id, tag_id FROM story_article_tags  -- kept on write (migration 0010)
    UNION
    SELECT story_id, tag_id FROM story_tags
),
tagged AS (
    SELECT st.story_id, t.tag, t.norm FROM story_tag st JOIN tags t ON t.id = st.tag_id
),
outlet_keys AS (
    -- Each outlet as a small integer: counting distinct integers per story takes about half the
    -- time of counting distinct names over a million articles (the date-range view).
    SELECT outlet, row_number() OVER () AS k
    FROM (SELECT DISTINCT outlet FROM articles
          WHERE outlet IS NOT NULL AND NOT ($start IS NULL AND $end IS NULL AND len($outlets) = 0))
),
coverage AS (
    -- Without a filter, the counts kept on write (migration 0011); with one, counted here.
    SELECT story_id, articles, dated_articles, outlets, first_coverage, last_coverage
    FROM story_coverage
    WHERE $start IS NULL AND $end IS NULL AND len($outlets) = 0
    UNION ALL
    SELECT sa.story_id,
           count(*) AS articles,
           count(a.published_at) AS dated_articles,
           count(DISTINCT ok.k) AS outlets,
           min(a.published_at) AS first_coverage,
           max(a.published_at) AS last_coverage
    FROM story_articles sa JOIN articles a ON a.id = sa.article_id
    LEFT JOIN outlet_keys ok ON ok.outlet = a.outlet
    WHERE NOT ($start IS NULL AND $end IS NULL AND len($outlets) = 0)
      AND ($start IS NULL OR a.published_at >= $start) AND ($end IS NULL OR a.published_at < $end)
      AND (len($outlets) = 0 OR list_contains($outlets, a.outlet))
    GROUP BY sa.story_id
)
SELECT s.id, s.slug, s.title, s.origin, s.note,
       coalesce(c.articles, 0) AS articles,
       coalesce(c.dated_articles, 0) AS dated_articles,
       coalesce(c.outlets, 0) AS outlets,
       c.first_coverage, c.last_coverage,
       (SELECT string_agg(DISTINCT tg.tag, ', ' ORDER BY tg.tag) FROM tagged tg WHERE tg.story_id = s.id) AS tags
FROM stories s
LEFT JOIN coverage c ON c.story_id = s.id
WHERE (len($tags) = 0 OR (
          SELECT count(DISTINCT tg.norm) FROM tagged tg WHERE tg.story_id = s.id AND list_contains($tags, tg.norm)
      ) >= CASE WHEN $all_tags THEN len($tags) ELSE 1 END)
  AND (($start IS NULL AND $end IS NULL AND len($outlets) = 0) OR c.articles > 0)
ORDER BY coalesce(c.articles, 0) DESC, c.last_coverage DESC NULLS LAST, s.title
