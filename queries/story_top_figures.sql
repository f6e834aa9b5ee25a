-- Each story's most repeated figures (story_figures, at most three a story), best first.
SELECT s.slug, f.rank, f.metric, f.unit, f.bound, f.value, f.qualifier, f.outlets, f.first_reported
FROM story_figures f
JOIN stories s ON s.id = f.story_id
ORDER BY s.slug, f.rank
