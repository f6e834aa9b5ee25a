-- A story's row of story_coverage, before refresh_story_summaries writes it again.
DELETE FROM story_coverage WHERE story_id = ANY($story_ids)
