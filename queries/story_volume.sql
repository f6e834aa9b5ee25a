-- Outside coverage counts for a story, with the denominator they are normalised by.
SELECT v.source, v.query, v.step_start, v.articles, v.monitored,
       CASE WHEN v.monitored > 0 THEN v.articles::DOUBLE / v.monitored END AS share
FROM coverage_volume v JOIN stories s ON s.id = v.story_id
WHERE s.slug = $slug
ORDER BY v.query, v.step_start
